#include "cli/commands.h"

namespace shanhai::cli {
void add_demo_command(CLI::App&, int&) {}
}  // namespace shanhai::cli
