#include "common/error.h"

#include <fmt/format.h>

#include "common/utf8.h"

namespace shanhai {

std::string display_value(std::string_view raw) {
  constexpr size_t kMaxChars = 40;
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  while (i < raw.size()) {
    if (chars == kMaxChars) {
      out += "…";
      break;
    }
    const size_t len = utf8_sequence_length(raw.substr(i));
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (len == 0 || (len == 1 && (c < 0x20 || c == 0x7f))) {
      out += fmt::format("\\x{:02X}", c);
      i += 1;
    } else {
      out.append(raw.substr(i, len));
      i += len;
    }
    ++chars;
  }
  return out;
}

std::string Location::describe_zh() const {
  std::string s;
  auto add = [&s](const std::string& part) {
    if (!s.empty()) s += "，";
    s += part;
  };
  if (!file.empty()) add(fmt::format("文件 {}", file));
  if (!sheet.empty()) add(fmt::format("工作表 {}", sheet));
  if (row > 0) add(fmt::format("第 {} 行", row));
  if (column > 0) {
    add(column_name.empty() ? fmt::format("第 {} 列", column)
                            : fmt::format("第 {} 列“{}”", column, column_name));
  } else if (!column_name.empty()) {
    add(fmt::format("列“{}”", column_name));
  }
  if (!field.empty()) add(fmt::format("字段 {}", field));
  if (value) add(fmt::format("值“{}”", display_value(*value)));
  return s;
}

std::string Location::describe_en() const {
  std::string s;
  auto add = [&s](const std::string& part) {
    if (!s.empty()) s += ", ";
    s += part;
  };
  if (!file.empty()) add(fmt::format("file {}", file));
  if (!sheet.empty()) add(fmt::format("sheet {}", sheet));
  if (row > 0) add(fmt::format("row {}", row));
  if (column > 0) {
    add(column_name.empty() ? fmt::format("column {}", column)
                            : fmt::format("column {} \"{}\"", column, column_name));
  } else if (!column_name.empty()) {
    add(fmt::format("column \"{}\"", column_name));
  }
  if (!field.empty()) add(fmt::format("field {}", field));
  if (value) add(fmt::format("value \"{}\"", display_value(*value)));
  return s;
}

std::string Error::message() const {
  const std::string zh_where = where_.describe_zh();
  const std::string en_where = where_.describe_en();
  std::string out = "错误：" + zh_;
  if (!zh_where.empty()) out += "（" + zh_where + "）";
  out += "\nError: " + en_;
  if (!en_where.empty()) out += " (" + en_where + ")";
  return out;
}

}  // namespace shanhai
