#include "ingest/dataset_builder.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>

#include "common/tsv.h"
#include "ingest/value_parsing.h"
#include "normalize/date.h"
#include "normalize/money.h"
#include "store/dataset_version.h"

namespace shanhai::ingest {

namespace {

constexpr size_t kSamplesPerColumn = 20;

enum class ColumnType { text, integer, decimal, date, money };

std::string_view type_name(ColumnType t) {
  switch (t) {
    case ColumnType::integer:
      return "integer";
    case ColumnType::decimal:
      return "decimal";
    case ColumnType::date:
      return "date";
    case ColumnType::money:
      return "money";
    case ColumnType::text:
      break;
  }
  return "text";
}

// The storage type of a column typed by an element.
ColumnType type_of_element(normalize::Element e) {
  switch (e) {
    case normalize::Element::integer:
      return ColumnType::integer;
    case normalize::Element::decimal:
      return ColumnType::decimal;
    case normalize::Element::date:
      return ColumnType::date;
    case normalize::Element::money:
      return ColumnType::money;
    default:
      return ColumnType::text;
  }
}

bool starts_numeric(std::string_view t) {
  const char c = t[0];
  return (c >= '0' && c <= '9') || c == '-' || c == '+';
}

}  // namespace

struct DatasetBuilder::Column {
  std::string name;
  std::unique_ptr<store::StringColumnWriter> raw;
  std::optional<normalize::Element> element;
  // Pass 1: how many non-empty cells parse as each candidate type.
  int64_t non_empty = 0, ints = 0, decimals = 0, dates = 0;
  // Pass 2 results.
  ColumnType type = ColumnType::text;
  int64_t rejected = 0, invalid = 0;
  nlohmann::json samples = nlohmann::json::array();
  std::vector<store::FileDigest> digests;
  std::optional<Error> error;
};

Result<ElementOverride> parse_element_override(std::string_view arg) {
  const size_t eq = arg.rfind('=');
  Location where;
  where.value = std::string(arg);
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == arg.size()) {
    return Error("import.bad_element_option",
                 "--element 的格式应为 列名=要素，例如 身份证号=id_number",
                 "--element takes COLUMN=ELEMENT, e.g. 身份证号=id_number", where);
  }
  ElementOverride o{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
  if (!normalize::element_from_name(o.element)) {
    return Error(
        "import.unknown_element",
        fmt::format("未知的要素“{}”，可用要素：{}", o.element, normalize::element_names_list()),
        fmt::format("unknown element \"{}\"; the elements are: {}", o.element,
                    normalize::element_names_list()),
        where);
  }
  return o;
}

DatasetBuilder::DatasetBuilder(store::VersionWriter& writer, BuilderOptions options)
    : writer_(writer), options_(std::move(options)) {}

DatasetBuilder::~DatasetBuilder() = default;

Status DatasetBuilder::start(const std::vector<std::string>& columns) {
  auto rows = store::FixedColumnWriter<int64_t>::create(writer_.dir(), store::kRowNumbersFile);
  if (!rows) return rows.take_error();
  row_numbers_ = std::move(rows.value());
  for (const std::string& name : columns) SHANHAI_TRY(add_column(name));
  for (const ElementOverride& o : options_.elements) {
    auto it = std::find_if(columns_.begin(), columns_.end(),
                           [&](const auto& c) { return c->name == o.column; });
    if (it == columns_.end()) {
      std::string list;
      for (const auto& c : columns_) list += (list.empty() ? "" : "、") + c->name;
      Location where;
      where.file = options_.file;
      where.sheet = options_.sheet;
      where.column_name = o.column;
      return Error("import.unknown_column",
                   fmt::format("--element 指定的列“{}”不在表头中，表头的列为：{}", o.column, list),
                   fmt::format("--element names column \"{}\", which is not in the header; the "
                               "columns are: {}",
                               o.column, list),
                   where);
    }
    (*it)->element = normalize::element_from_name(o.element);
  }
  return Status::Ok();
}

Status DatasetBuilder::add_column(const std::string& name) {
  auto c = std::make_unique<Column>();
  c->name = name;
  auto raw =
      store::StringColumnWriter::create(writer_.dir(), store::raw_column_file(columns_.size()));
  if (!raw) return raw.take_error();
  c->raw = std::move(raw.value());
  SHANHAI_TRY(c->raw->append_empty(static_cast<uint64_t>(rows_)));
  columns_.push_back(std::move(c));
  return Status::Ok();
}

Status DatasetBuilder::row(int64_t source_row, std::span<const std::string_view> cells) {
  SHANHAI_TRY(row_numbers_->append(source_row));
  source_rows_.push_back(source_row);
  ++rows_;
  for (size_t i = 0; i < cells.size(); ++i) {
    Column& c = *columns_[i];
    SHANHAI_TRY(c.raw->append(cells[i]));
    if (c.element) continue;  // the type is given; nothing to infer
    const std::string_view t = trim_cell(cells[i]);
    if (t.empty()) continue;
    ++c.non_empty;
    if (starts_numeric(t)) {
      if (parse_integer(t)) {
        ++c.ints;
        ++c.decimals;
      } else if (parse_decimal(t)) {
        ++c.decimals;
      }
    }
    if (normalize::parse_date_days(t)) ++c.dates;
  }
  return Status::Ok();
}

Status DatasetBuilder::finish_column(size_t index) {
  Column& c = *columns_[index];
  auto raw = store::StringColumnReader::open(writer_.dir(), store::raw_column_file(index));
  if (!raw) return raw.take_error();
  const store::StringColumnReader& values = raw.value();

  auto rejects_file =
      store::FileWriter::create(writer_.dir() / fmt::format("c{}.rejects.tsv", index));
  if (!rejects_file) return rejects_file.take_error();
  store::FileWriter& rejects = *rejects_file.value();
  SHANHAI_TRY(rejects.write("row\tcolumn\tvalue\tkind\treason_zh\treason_en\n"));
  auto reject = [&](uint64_t row, std::string_view value, bool invalid_element, std::string_view zh,
                    std::string_view en) -> Status {
    (invalid_element ? c.invalid : c.rejected) += 1;
    if (c.samples.size() < kSamplesPerColumn) {
      c.samples.push_back({{"row", source_rows_[row]},
                           {"value", std::string(value)},
                           {"reason_zh", std::string(zh)},
                           {"reason_en", std::string(en)}});
    }
    return rejects.write(fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", source_rows_[row], index + 1,
                                     tsv_escape(value), invalid_element ? "invalid" : "type",
                                     tsv_escape(zh), tsv_escape(en)));
  };

  std::unique_ptr<store::FixedColumnWriter<int64_t>> ints;
  std::unique_ptr<store::FixedColumnWriter<double>> decimals;
  std::unique_ptr<store::StringColumnWriter> canonical;
  if (c.type == ColumnType::decimal) {
    auto w =
        store::FixedColumnWriter<double>::create(writer_.dir(), store::decimal_column_file(index));
    if (!w) return w.take_error();
    decimals = std::move(w.value());
  } else if (c.type != ColumnType::text) {
    auto w =
        store::FixedColumnWriter<int64_t>::create(writer_.dir(), store::int_column_file(index));
    if (!w) return w.take_error();
    ints = std::move(w.value());
  }
  if (c.element) {
    auto w = store::StringColumnWriter::create(writer_.dir(), store::canonical_column_file(index));
    if (!w) return w.take_error();
    canonical = std::move(w.value());
  }

  const std::string_view type_zh = c.type == ColumnType::integer   ? "整数"
                                   : c.type == ColumnType::decimal ? "数值"
                                   : c.type == ColumnType::date    ? "日期"
                                                                   : "金额";
  for (uint64_t r = 0; r < values.size(); ++r) {
    const std::string_view v = values.at(r);
    const std::string_view t = trim_cell(v);
    std::optional<int64_t> typed_int;
    std::optional<double> typed_decimal;
    if (c.element) {
      const normalize::Normalized n = *c.element == normalize::Element::region && options_.regions
                                          ? normalize::normalize_region(v, *options_.regions)
                                          : normalize::normalize(*c.element, v);
      SHANHAI_TRY(canonical->append(n.canonical));
      if (!t.empty() && !n.valid) SHANHAI_TRY(reject(r, v, true, n.reason_zh, n.reason_en));
      if (c.type == ColumnType::money) {
        typed_int = normalize::parse_money_fen(v);
      } else if (c.type == ColumnType::date && n.valid) {
        if (auto d = normalize::parse_date_days(n.canonical)) typed_int = *d;
      } else if (c.type == ColumnType::integer && n.valid) {
        typed_int = parse_integer(n.canonical);
      } else if (c.type == ColumnType::decimal && n.valid) {
        typed_decimal = parse_decimal(n.canonical);
      }
    } else if (!t.empty()) {
      switch (c.type) {
        case ColumnType::integer:
          typed_int = parse_integer(t);
          break;
        case ColumnType::decimal:
          typed_decimal = parse_decimal(t);
          break;
        case ColumnType::date:
          if (auto d = normalize::parse_date_days(t)) typed_int = *d;
          break;
        default:
          break;
      }
      const bool failed = c.type != ColumnType::text && !typed_int && !typed_decimal;
      if (failed) {
        SHANHAI_TRY(reject(r, v, false, fmt::format("无法解析为{}，已按原文保留", type_zh),
                           fmt::format("not a valid {}; kept as raw text", type_name(c.type))));
      }
    }
    if (ints) SHANHAI_TRY(ints->append(typed_int.value_or(store::kNullInt)));
    if (decimals) {
      SHANHAI_TRY(
          decimals->append(typed_decimal.value_or(std::numeric_limits<double>::quiet_NaN())));
    }
  }
  if (ints) {
    auto d = ints->close();
    if (!d) return d.take_error();
    c.digests.push_back(d.value());
  }
  if (decimals) {
    auto d = decimals->close();
    if (!d) return d.take_error();
    c.digests.push_back(d.value());
  }
  if (canonical) {
    auto d = canonical->close();
    if (!d) return d.take_error();
    c.digests.insert(c.digests.end(), d.value().begin(), d.value().end());
  }
  auto d = rejects.close();
  if (!d) return d.take_error();
  c.digests.push_back(d.value());
  return Status::Ok();
}

Status DatasetBuilder::finish(store::VersionManifest& manifest, ProgressSink* progress) {
  if (!row_numbers_) {
    return Error("import.empty_file", "文件中没有表头", "the file has no header row");
  }
  {
    auto d = row_numbers_->close();
    if (!d) return d.take_error();
    writer_.add_file(d.value());
  }
  for (auto& c : columns_) {
    auto d = c->raw->close();
    if (!d) return d.take_error();
    writer_.add_files(d.value());
    // Decide the type.
    if (c->element) {
      c->type = type_of_element(*c->element);
    } else if (c->non_empty > 0) {
      auto share = [&](int64_t n) { return n * 100 >= c->non_empty * 95; };
      if (share(c->ints)) {
        c->type = ColumnType::integer;
      } else if (share(c->dates)) {
        c->type = ColumnType::date;
      } else if (share(c->decimals)) {
        c->type = ColumnType::decimal;
      }
    }
  }

  // Pass 2: one task per column on up to `threads` threads.
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  const unsigned threads =
      std::max(1u, std::min<unsigned>(options_.threads, static_cast<unsigned>(columns_.size())));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (size_t i = next++; i < columns_.size(); i = next++) {
          Status s = finish_column(i);
          if (!s.ok()) columns_[i]->error = s.take_error();
          ++done;
        }
      });
    }
    while (progress != nullptr && done.load() < columns_.size()) {
      progress->update("整理列 typing columns", done.load(), columns_.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  nlohmann::json samples = nlohmann::json::object();
  for (size_t i = 0; i < columns_.size(); ++i) {
    Column& c = *columns_[i];
    if (c.error) return *c.error;
    writer_.add_files(c.digests);
    manifest.columns.push_back({c.name, std::string(type_name(c.type)),
                                c.element ? std::string(normalize::element_name(*c.element)) : "",
                                c.rejected, c.invalid});
    manifest.rejected_cells += c.rejected;
    manifest.invalid_cells += c.invalid;
    if (!c.samples.empty()) samples[c.name] = c.samples;
  }
  manifest.row_count = rows_;
  manifest.report["rejected_samples"] = samples;
  return Status::Ok();
}

}  // namespace shanhai::ingest
