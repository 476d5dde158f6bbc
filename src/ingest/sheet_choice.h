#pragma once
// Choosing the sheet of a workbook to import (`--sheet NAME`), the same for XLSX and XLS.

#include <string>
#include <vector>

#include "common/error.h"

namespace shanhai::ingest {

// Index of the sheet named `wanted` in `names`, or 0 when wanted is empty. A name that is not
// there is error "import.no_such_sheet", listing the sheets there are.
Result<size_t> choose_sheet(const std::vector<std::string>& names, const std::string& wanted,
                            const std::string& file);

}  // namespace shanhai::ingest
