#pragma once
// Errors as values across layers. Every user-facing error carries a Chinese and an English
// sentence and, where known, the place it is about: file, sheet, row, column and value.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace shanhai {

// Where in the input an error or a rejected cell is. Zero/empty members are "unknown" and are
// left out of messages. Rows and columns are 1-based, as a spreadsheet user counts them.
struct Location {
  std::string file;
  std::string sheet;
  int64_t row = 0;
  int64_t column = 0;
  std::string column_name;
  std::optional<std::string> value;
  std::string field;  // a request field the error is about ("handler", "reason"), for APIs

  // A location that names only a file (and a sheet).
  static Location in_file(std::string file, std::string sheet = {}) {
    Location where;
    where.file = std::move(file);
    where.sheet = std::move(sheet);
    return where;
  }

  // A location that names only the offending value (a command-line option, a parameter).
  static Location of_value(std::string value) {
    Location where;
    where.value = std::move(value);
    return where;
  }

  // A location that names a request field (and optionally its value).
  static Location of_field(std::string field, std::optional<std::string> value = std::nullopt) {
    Location where;
    where.field = std::move(field);
    where.value = std::move(value);
    return where;
  }

  // "文件 a.csv，工作表 Sheet1，第 3 行，第 2 列“姓名”，值“abc”"
  std::string describe_zh() const;
  // "file a.csv, sheet Sheet1, row 3, column 2 "姓名", value "abc""
  std::string describe_en() const;
};

// Shows a cell value safely inside a message: at most 40 characters, control characters and
// invalid UTF-8 bytes escaped as \xNN.
std::string display_value(std::string_view raw);

class Error {
 public:
  // code: a stable machine-readable identifier such as "import.empty_file".
  Error(std::string code, std::string zh, std::string en, Location where = {})
      : code_(std::move(code)), zh_(std::move(zh)), en_(std::move(en)), where_(std::move(where)) {}

  const std::string& code() const { return code_; }
  const std::string& zh() const { return zh_; }
  const std::string& en() const { return en_; }
  const Location& where() const { return where_; }
  Location& where() { return where_; }

  // Two lines: "错误：<zh>（<location>）" then "Error: <en> (<location>)".
  std::string message() const;

 private:
  std::string code_;
  std::string zh_;
  std::string en_;
  Location where_;
};

// A value or an Error. Cheap to move; accessing value() of an error is a programming error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}
  static Status Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }
  Error&& take_error() { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

}  // namespace shanhai

// Propagates an error from an expression returning Status or Result<T>.
#define SHANHAI_TRY(expr)                                           \
  do {                                                              \
    auto&& _shanhai_status = (expr);                                \
    if (!_shanhai_status.ok()) return _shanhai_status.take_error(); \
  } while (0)
