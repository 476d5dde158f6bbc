#include "linkage/records.h"

#include <fmt/format.h>

namespace shanhai::linkage {

Status Records::add_column(std::string name, std::vector<std::string_view> values) {
  if (find(name)) {
    return Error("linkage.duplicate_column", fmt::format("列“{}”重复", name),
                 fmt::format("column \"{}\" appears twice", name), Location::of_value(name));
  }
  if (!columns_.empty() && values.size() != rows_) {
    return Error(
        "linkage.column_length",
        fmt::format("列“{}”有 {} 行，其他列有 {} 行", name, values.size(), rows_),
        fmt::format("column \"{}\" has {} rows, the other columns {}", name, values.size(), rows_),
        Location::of_value(name));
  }
  rows_ = values.size();
  columns_.push_back({std::move(name), std::move(values)});
  return Status::Ok();
}

std::optional<size_t> Records::find(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> Records::names() const {
  std::vector<std::string> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.name);
  return out;
}

}  // namespace shanhai::linkage
