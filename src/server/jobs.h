#pragma once
// Background jobs of the server: imports and model runs, which may take minutes. One worker
// runs them in submission order (each already uses every core); the rest wait as "queued".
// Progress and the outcome are kept in memory for the life of the server; the lasting record
// of a run or an import is in the catalog.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/progress.h"

namespace shanhai::server {

enum class JobState { queued, running, succeeded, failed, cancelled };
std::string_view job_state_name(JobState s);

struct JobInfo {
  std::string id;
  std::string kind;   // "import" or "run"
  std::string owner;  // username
  std::string org;
  JobState state = JobState::queued;
  std::string phase;  // the work's own bilingual phase label
  uint64_t done = 0;
  uint64_t total = 0;
  std::string submitted_at;
  std::string started_at;
  std::string finished_at;
  nlohmann::json result;       // on success
  std::optional<Error> error;  // on failure
};

nlohmann::json job_json(const JobInfo& job);

class JobManager {
 public:
  // The work reports progress through the sink and checks sink.cancelled() between stages.
  using Work = std::function<Result<nlohmann::json>(ProgressSink& progress)>;

  JobManager();
  ~JobManager();  // cancels what is queued or running and waits for the worker
  JobManager(const JobManager&) = delete;
  JobManager& operator=(const JobManager&) = delete;

  JobInfo submit(std::string kind, std::string owner, std::string org, Work work);
  std::optional<JobInfo> get(const std::string& id) const;
  // Asks a queued or running job to stop; false when it is unknown or already over.
  bool cancel(const std::string& id);
  // Jobs of one owner, newest first.
  std::vector<JobInfo> of_owner(const std::string& owner) const;

 private:
  struct Job;
  class Sink;
  void worker();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  uint64_t next_id_ = 1;
  std::thread thread_;
};

}  // namespace shanhai::server
