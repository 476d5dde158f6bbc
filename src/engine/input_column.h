#pragma once
// Turning cells of a dataset into an engine column: each cell normalised as the model field's
// element (normalize/element.h) and read as the element's expression type
// (model::element_type): money in fen, dates in days, decimals × 10^6, text as the canonical
// value. A cell that is empty or does not read as the type is null; is_valid is recorded.

#include <functional>
#include <string_view>

#include "engine/table.h"
#include "normalize/element.h"
#include "normalize/region.h"

namespace shanhai::engine {

// n cells given by cell(i). When canonical_given, the cells are already canonical values of
// the element (the import normalised them and found none invalid) and are only read.
// Region values resolve against `regions` when given (a workspace's loaded GB/T 2260 table),
// else against the compiled-in table.
Column normalise_cells(normalize::Element element, size_t n,
                       const std::function<std::string_view(size_t)>& cell,
                       bool canonical_given = false,
                       const normalize::RegionTable* regions = nullptr);

}  // namespace shanhai::engine
