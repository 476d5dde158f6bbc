#include "engine/sqlite_functions.h"

#include <sqlite3.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "normalize/bac.h"

namespace shanhai::engine {

namespace {

std::string_view text_of(sqlite3_value* v) {
  const auto* data = reinterpret_cast<const char*>(sqlite3_value_text(v));
  const int bytes = sqlite3_value_bytes(v);
  return data == nullptr ? std::string_view() : std::string_view(data, static_cast<size_t>(bytes));
}

void delete_pattern(void* p) { delete static_cast<icu::RegexPattern*>(p); }

// regexp(pattern, text), the function behind SQL's "text REGEXP pattern".
void regexp_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  auto* pattern = static_cast<icu::RegexPattern*>(sqlite3_get_auxdata(ctx, 0));
  if (pattern == nullptr) {
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(text_of(argv[0]));
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(source, 0, parse_error, status));
    if (U_FAILURE(status)) {
      const std::string message =
          fmt::format("正则表达式无效 / invalid regular expression: {}", u_errorName(status));
      sqlite3_result_error(ctx, message.c_str(), -1);
      return;
    }
    pattern = compiled.release();
    // SQLite owns the pattern from here on (it calls delete_pattern even when it cannot keep it).
    sqlite3_set_auxdata(ctx, 0, pattern, delete_pattern);
    pattern = static_cast<icu::RegexPattern*>(sqlite3_get_auxdata(ctx, 0));
    if (pattern == nullptr) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString subject = icu::UnicodeString::fromUTF8(text_of(argv[1]));
  std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(subject, status));
  if (U_FAILURE(status)) {
    sqlite3_result_error(ctx, u_errorName(status), -1);
    return;
  }
  const bool found = matcher->find(status);
  if (U_FAILURE(status)) {
    sqlite3_result_error(ctx, u_errorName(status), -1);
    return;
  }
  sqlite3_result_int(ctx, found ? 1 : 0);
}

void extract_bac_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::optional<int64_t> milli = normalize::parse_bac_milli(text_of(argv[0]));
  if (!milli) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(*milli * 1000));
}

}  // namespace

Status register_sql_functions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  struct Definition {
    const char* name;
    int arguments;
    void (*function)(sqlite3_context*, int, sqlite3_value**);
  };
  for (const Definition& d : {Definition{"regexp", 2, regexp_function},
                              Definition{"extract_bac", 1, extract_bac_function}}) {
    const int rc = sqlite3_create_function_v2(db, d.name, d.arguments, flags, nullptr, d.function,
                                              nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      return Error("sql.register",
                   fmt::format("无法在 SQLite 中注册函数 {}：{}", d.name, sqlite3_errstr(rc)),
                   fmt::format("cannot register SQL function {}: {}", d.name, sqlite3_errstr(rc)));
    }
  }
  return Status::Ok();
}

}  // namespace shanhai::engine
