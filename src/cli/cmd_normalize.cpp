// shanhai normalize ELEMENT [VALUE ...] — normalises values of one element and prints one
// tab-separated line per value: input, canonical value, valid|invalid, reason ("中文 / English",
// empty when valid). Without values, reads one value per line from standard input. Tabs,
// newlines and backslashes inside fields are written as \t, \n, \r and \\.

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/tsv.h"
#include "normalize/element.h"

namespace shanhai::cli {

namespace {

void append_line(std::string& out, normalize::Element element, std::string_view raw) {
  const normalize::Normalized n = normalize::normalize(element, raw);
  append_tsv_escaped(out, raw);
  out += '\t';
  append_tsv_escaped(out, n.canonical);
  out += n.valid ? "\tvalid\t" : "\tinvalid\t";
  if (!n.valid) {
    append_tsv_escaped(out, n.reason_zh);
    out += " / ";
    append_tsv_escaped(out, n.reason_en);
  }
  out += '\n';
}

void flush(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

}  // namespace

void add_normalize_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "normalize",
      "规范化要素值，每个值输出一行（输入、规范值、valid|"
      "invalid、原因），未给值时逐行读取标准输入。\n"
      "Normalise values of an element; prints one TSV line per value (input, canonical, "
      "valid|invalid, reason). Reads one value per stdin line when no value is given.");
  auto element_name = std::make_shared<std::string>();
  auto values = std::make_shared<std::vector<std::string>>();
  cmd->add_option("ELEMENT", *element_name, "要素 / element: " + normalize::element_names_list())
      ->required();
  cmd->add_option("VALUE", *values, "要规范化的值 / values to normalise");
  cmd->callback([element_name, values, &exit_code] {
    const auto element = normalize::element_from_name(*element_name);
    if (!element) {
      const std::string names = normalize::element_names_list();
      exit_code = report(Error(
          "normalize.unknown_element",
          "未知的要素“" + display_value(*element_name) + "”，可用的要素：" + names,
          "unknown element \"" + display_value(*element_name) + "\"; valid elements: " + names));
      return;
    }
    std::string out;
    if (!values->empty()) {
      for (const std::string& v : *values) append_line(out, *element, v);
    } else {
      std::string line;
      while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        append_line(out, *element, line);
        if (out.size() > (1 << 16)) flush(out);
      }
    }
    flush(out);
    std::fflush(stdout);
    exit_code = 0;
  });
}

}  // namespace shanhai::cli
