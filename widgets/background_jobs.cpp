#include "background_jobs.h"

#include <algorithm>

namespace lt::widgets {

JobPool::JobPool(int threads) {
  pool_.setMaxThreadCount(std::max(1, threads));
}

JobPool::~JobPool() {
  cancel();
  wait();
}

void JobPool::cancel() {
  std::lock_guard lock(mutex_);
  for (const auto& ticket : tickets_) ticket->cancel();
}

void JobPool::wait() {
  pool_.waitForDone();
}

std::shared_ptr<const JobTicket> JobPool::lastJob() const {
  std::lock_guard lock(mutex_);
  return tickets_.empty() ? nullptr : tickets_.back();
}

void JobPool::remember(std::shared_ptr<JobTicket> ticket) {
  std::lock_guard lock(mutex_);
  // Ended jobs are forgotten, but the last one stays for lastJob().
  tickets_.erase(std::remove_if(tickets_.begin(), tickets_.end(),
                                [](const auto& t) { return t->end() != JobEnd::kRunning; }),
                 tickets_.end());
  tickets_.push_back(std::move(ticket));
}

}  // namespace lt::widgets
