#pragma once
// The recorded runs of models (运行历史): who ran which model version, when, on which dataset
// versions, with which parameters, how long it took and what it found.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::leads {

struct RunRow {
  int64_t id = 0;
  std::string model_id;
  std::string model_version;
  std::string org;
  std::string run_by;
  std::string started_at;
  int64_t duration_ms = 0;
  nlohmann::json parameters;
  nlohmann::json inputs;
  int64_t leads_total = 0;
  int64_t leads_new = 0;
  int64_t leads_gone = 0;
};

// Runs of one model (all when empty) by the given organisations, newest first, at most `limit`.
Result<std::vector<RunRow>> list_runs(store::Workspace& ws, const std::string& model_id,
                                      const std::vector<std::string>& orgs, int64_t limit = 100);

nlohmann::json run_json(const RunRow& r);

}  // namespace shanhai::leads
