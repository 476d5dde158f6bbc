#pragma once
// Random small models and inputs for the SQLite oracle (sqlite_oracle.h): a seeded generator of
// valid model specs (YAML text) covering every step kind, mode and window, every operator and
// function of the expression language, and small input tables whose value domains are narrow
// enough that joins hit, with nulls, month-end dates and numbers equal across types (5 = 5.0 =
// 5元). The same seed always gives the same model and data.
//
// Values stay small so that no computation leaves the int64 range (the engine gives null on
// overflow, SQLite a REAL; the oracle cannot compare those).

#include <cstdint>
#include <map>
#include <string>

#include "engine/parameters.h"
#include "engine/table.h"

namespace shanhai::testing {

struct RandomModel {
  uint64_t seed = 0;
  std::string yaml;  // a spec that loads and validates
  // By input name; row r of the i-th input (in the order the YAML declares them) has lineage i:r.
  std::map<std::string, engine::Table> inputs;
  engine::Parameters params;  // a value for every parameter the spec declares
};

// 1–3 inputs of 4–7 fields (5–40 rows, now and then none; about 15% nulls); parameters now and
// then null; 2–6 random steps (a union brings the
// filter it unions with), then a filter of every input no step reads yet.
RandomModel make_random_model(uint64_t seed);

}  // namespace shanhai::testing
