#pragma once
// How the command line shows datasets and versions: a readable table for people, and the
// stable JSON contract for scripts (`--json`).

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/catalog.h"
#include "store/catalog_json.h"
#include "store/version_writer.h"

namespace shanhai::cli {

// A table of datasets (latest version of each) followed by their columns.
void print_datasets(std::ostream& out, const std::vector<store::DatasetInfo>& datasets);

// What one import did: version, rows, columns with types, rejected cells with samples.
void print_import(std::ostream& out, const store::VersionInfo& v,
                  const store::VersionManifest& manifest);

}  // namespace shanhai::cli
