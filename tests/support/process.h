#pragma once
// Runs the real `shanhai` binary for command-line tests: arguments, optional standard input,
// captured output and exit code; or starts it in the background to be killed.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace shanhai::testing {

struct ProcessResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

class Process {
 public:
  // Starts SHANHAI_BIN with args; stdout/stderr go to files under scratch, stdin from
  // stdin_text (empty: /dev/null).
  Process(const std::vector<std::string>& args, const std::filesystem::path& scratch,
          const std::string& stdin_text = "")
      : out_(scratch / "stdout.txt"), err_(scratch / "stderr.txt") {
    const auto in = scratch / "stdin.txt";
    std::ofstream(in) << stdin_text;
    std::vector<std::string> argv_s{SHANHAI_BIN};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Process() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }

  // True once the process has exited (non-blocking).
  bool exited() {
    if (reaped_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      record(status);
      return true;
    }
    return false;
  }
  void kill() { ::kill(pid_, SIGKILL); }
  ProcessResult wait() {
    if (!reaped_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      record(status);
    }
    result_.out = slurp(out_);
    result_.err = slurp(err_);
    return result_;
  }

 private:
  void record(int status) {
    reaped_ = true;
    result_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }
  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  ProcessResult result_;
};

inline ProcessResult run_shanhai(const std::vector<std::string>& args,
                                 const std::filesystem::path& scratch,
                                 const std::string& stdin_text = "") {
  return Process(args, scratch, stdin_text).wait();
}

}  // namespace shanhai::testing
