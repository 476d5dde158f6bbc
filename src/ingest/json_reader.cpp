#include "ingest/json_reader.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shanhai::ingest {

namespace {

using json = nlohmann::ordered_json;

int64_t line_of(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(pos), '\n');
}

Error parse_error(const std::string& file, int64_t row, const std::string& what) {
  Location where;
  where.file = file;
  where.row = row;
  return Error("import.bad_json", fmt::format("JSON 格式错误，文件可能被截断：{}", what),
               fmt::format("malformed JSON, the file may be truncated: {}", what), where);
}

Error not_object(const std::string& file, int64_t row, const json& value) {
  Location where;
  where.file = file;
  where.row = row;
  where.value = value.dump();
  return Error("import.json_not_object", "JSON 记录必须是对象（{\"列名\": 值, …}）",
               "each JSON record must be an object ({\"column\": value, ...})", where);
}

std::string cell_text(const json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

struct Record {
  int64_t row;
  json value;
};

}  // namespace

Status read_json(std::string_view text, const std::string& file, GridSink& sink,
                 const std::function<void(uint64_t)>& progress) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    Location where;
    where.file = file;
    return Error("import.empty_file", "文件为空", "the file is empty", where);
  }
  std::vector<Record> records;
  if (text[first] == '[') {
    json doc;
    try {
      doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
      return parse_error(file, line_of(text, e.byte == 0 ? 0 : e.byte - 1), e.what());
    } catch (const json::exception& e) {  // e.g. out_of_range: a number too large for a double
      return parse_error(file, 0, e.what());
    }
    int64_t n = 0;
    for (auto& v : doc) records.push_back({++n, std::move(v)});
  } else {
    int64_t line = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      ++line;
      std::string_view l = text.substr(pos, end - pos);
      pos = end + 1;
      if (l.find_first_not_of(" \t\r") == std::string_view::npos) {
        if (end == text.size()) break;
        continue;
      }
      try {
        records.push_back({line, json::parse(l)});
      } catch (const json::exception& e) {  // parse_error, or out_of_range for huge numbers
        return parse_error(file, line, e.what());
      }
      if (end == text.size()) break;
    }
  }
  std::vector<std::string> keys;
  std::map<std::string, size_t> index;
  for (const Record& r : records) {
    if (!r.value.is_object()) return not_object(file, r.row, r.value);
    for (const auto& [k, v] : r.value.items()) {
      if (index.emplace(k, keys.size()).second) keys.push_back(k);
    }
  }
  if (keys.empty()) {
    Location where;
    where.file = file;
    return Error("import.empty_file", "JSON 中没有任何记录或字段",
                 "the JSON holds no records or keys", where);
  }
  sink.set_merged_ranges({});
  std::vector<std::string_view> views(keys.begin(), keys.end());
  SHANHAI_TRY(sink.row(0, 0, views));
  std::vector<std::string> cells(keys.size());
  int64_t grid = 1;
  for (const Record& r : records) {
    std::fill(cells.begin(), cells.end(), std::string());
    for (const auto& [k, v] : r.value.items()) cells[index[k]] = cell_text(v);
    views.assign(cells.begin(), cells.end());
    SHANHAI_TRY(sink.row(r.row, grid++, views));
  }
  if (progress) progress(text.size());
  return Status::Ok();
}

}  // namespace shanhai::ingest
