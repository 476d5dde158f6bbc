#include "server/jobs.h"

#include <fmt/format.h>

#include "access/password.h"
#include "common/clock.h"
#include "common/memory.h"

namespace shanhai::server {

struct JobManager::Job {
  JobInfo info;
  Work work;
  std::atomic<bool> cancel{false};
};

class JobManager::Sink final : public ProgressSink {
 public:
  Sink(JobManager& m, Job& j) : manager_(m), job_(j) {}
  void update(std::string_view phase, uint64_t done, uint64_t total) override {
    std::lock_guard lock(manager_.mutex_);
    job_.info.phase = std::string(phase);
    job_.info.done = done;
    job_.info.total = total;
  }
  void finish() override {}
  bool cancelled() const override { return job_.cancel.load(); }

 private:
  JobManager& manager_;
  Job& job_;
};

std::string_view job_state_name(JobState s) {
  switch (s) {
    case JobState::queued:
      return "queued";
    case JobState::running:
      return "running";
    case JobState::succeeded:
      return "succeeded";
    case JobState::failed:
      return "failed";
    case JobState::cancelled:
      return "cancelled";
  }
  return "failed";
}

nlohmann::json job_json(const JobInfo& j) {
  nlohmann::json out = {{"id", j.id},
                        {"kind", j.kind},
                        {"owner", j.owner},
                        {"org", j.org},
                        {"state", job_state_name(j.state)},
                        {"phase", j.phase},
                        {"done", j.done},
                        {"total", j.total},
                        {"submitted_at", j.submitted_at},
                        {"started_at", j.started_at},
                        {"finished_at", j.finished_at},
                        {"result", j.result},
                        {"error", nullptr}};
  if (j.error) {
    out["error"] = {{"code", j.error->code()},
                    {"message_zh", j.error->zh()},
                    {"message_en", j.error->en()},
                    {"location", j.error->where().describe_en()}};
  }
  return out;
}

JobManager::JobManager() : thread_([this] { worker(); }) {}

JobManager::~JobManager() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel = true;
  }
  wake_.notify_all();
  thread_.join();
}

JobInfo JobManager::submit(std::string kind, std::string owner, std::string org, Work work) {
  auto job = std::make_shared<Job>();
  job->info.kind = std::move(kind);
  job->info.owner = std::move(owner);
  job->info.org = std::move(org);
  job->info.submitted_at = utc_now_iso();
  job->work = std::move(work);
  std::lock_guard lock(mutex_);
  // Unguessable ids: a job id in a URL reveals nothing about other users' jobs.
  job->info.id = fmt::format("{}-{}", next_id_++, access::random_hex(6));
  jobs_[job->info.id] = job;
  queue_.push_back(job);
  wake_.notify_all();
  return job->info;
}

std::optional<JobInfo> JobManager::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->info;
}

bool JobManager::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return false;
  Job& job = *it->second;
  if (job.info.state == JobState::queued) {
    job.info.state = JobState::cancelled;
    job.info.error = cancelled_error();
    job.info.finished_at = utc_now_iso();
    return true;
  }
  if (job.info.state != JobState::running) return false;
  job.cancel = true;
  return true;
}

std::vector<JobInfo> JobManager::of_owner(const std::string& owner) const {
  std::lock_guard lock(mutex_);
  std::vector<JobInfo> out;
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
    if (it->second->info.owner == owner) out.push_back(it->second->info);
  }
  return out;
}

void JobManager::worker() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      if (job->info.state != JobState::queued) continue;  // cancelled while queued
      job->info.state = JobState::running;
      job->info.started_at = utc_now_iso();
    }
    Sink sink(*this, *job);
    Result<nlohmann::json> outcome = Error("job.failed", "任务异常结束", "the job failed");
    try {
      outcome = job->work(sink);
    } catch (const std::exception& e) {
      outcome = Error("job.failed", fmt::format("任务异常结束：{}", e.what()),
                      fmt::format("the job failed: {}", e.what()));
    }
    {
      std::lock_guard lock(mutex_);
      job->info.finished_at = utc_now_iso();
      if (outcome) {
        job->info.state = JobState::succeeded;
        job->info.result = std::move(outcome.value());
      } else {
        job->info.state =
            outcome.error().code() == "job.cancelled" ? JobState::cancelled : JobState::failed;
        job->info.error = outcome.take_error();
      }
      job->work = nullptr;
    }
    // Imports and runs free hundreds of MiB; the heap would keep what lies below blocks still in
    // use (common/memory.h).
    release_free_memory();
  }
}

}  // namespace shanhai::server
