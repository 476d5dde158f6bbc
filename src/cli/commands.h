#pragma once
// The `shanhai` command line. Each subcommand lives in its own cmd_*.cpp and is added to the
// application by one function here. A command's callback stores its process exit code in
// `exit_code`: 0 success, 1 bad input or failed operation (message already printed), 2 usage.

#include <CLI/CLI.hpp>

#include "common/error.h"

namespace shanhai::cli {

void add_init_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_datasets_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_normalize_command(CLI::App& app, int& exit_code);
void add_regions_command(CLI::App& app, int& exit_code);
void add_models_command(CLI::App& app, int& exit_code);
void add_model_command(CLI::App& app, int& exit_code);
// `model export` and `model diff`, added to the `model` subcommand.
void add_model_sharing_commands(CLI::App& model, int& exit_code);
void add_key_command(CLI::App& app, int& exit_code);
void add_leads_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_link_eval_command(CLI::App& app, int& exit_code);
// `model template` (added to the `model` subcommand) and `suggest-mapping` (cmd_template.cpp).
void add_model_template_command(CLI::App& model, int& exit_code);
void add_suggest_mapping_command(CLI::App& app, int& exit_code);
void add_org_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);

// Prints err.message() to stderr and returns exit code 1.
int report(const Error& err);

// True when stderr is a terminal (progress indicators are shown only then).
bool stderr_is_terminal();

}  // namespace shanhai::cli
