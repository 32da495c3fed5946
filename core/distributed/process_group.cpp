#include "distributed/process_group.h"

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "util/error.h"
#ifdef LONGTAIL_HAVE_NCCL
#include "distributed/nccl_backend.h"
#endif

namespace lt {
namespace {

std::string first_line(const c10::Error& e) {
  std::string text = e.what_without_backtrace();
  return text.substr(0, text.find('\n'));
}

// c10d's backends behind the Collectives interface. A failed collective (a peer died, the
// timeout passed) becomes one kIo error that says so.
class C10dCollectives : public Collectives {
 public:
  C10dCollectives(c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<c10d::Backend> backend,
                  int64_t rank, int64_t world_size, std::string name)
      : store_(std::move(store)),
        backend_(std::move(backend)),
        rank_(rank),
        world_size_(world_size),
        name_(std::move(name)) {}

  int64_t rank() const override { return rank_; }
  int64_t world_size() const override { return world_size_; }
  std::string backend() const override { return name_; }

  void sum(torch::Tensor& values) override { start_reduce(values, c10d::ReduceOp::SUM)(); }
  void max(torch::Tensor& values) override { start_reduce(values, c10d::ReduceOp::MAX)(); }

  void broadcast(torch::Tensor& values, int64_t root) override {
    guarded([&] {
      std::vector<at::Tensor> tensors{values};
      c10d::BroadcastOptions options;
      options.rootRank = root;
      backend_->broadcast(tensors, options)->wait();
    });
  }

  torch::Tensor gather(const torch::Tensor& values) override {
    std::vector<std::vector<at::Tensor>> out(1);
    for (int64_t r = 0; r < world_size_; ++r) out[0].push_back(torch::empty_like(values));
    guarded([&] {
      std::vector<at::Tensor> in{values.contiguous()};
      backend_->allgather(out, in)->wait();
    });
    return torch::cat(out[0], 0);
  }

  Wait start_sum(torch::Tensor& values) override {
    return start_reduce(values, c10d::ReduceOp::SUM);
  }

 private:
  template <typename F>
  void guarded(F&& f) const {
    // c10d throws c10::Error; a Gloo transport error (a peer's connection reset) comes through
    // as Gloo's own exception.
    try {
      f();
    } catch (const c10::Error& e) {
      failed(first_line(e));
    } catch (const std::exception& e) {
      failed(e.what());
    }
  }

  [[noreturn]] void failed(const std::string& reason) const {
    std::string why = reason.substr(0, reason.find('\n'));
    // Gloo prefixes its source location: "[/.../pair.cc:538] Read error ...".
    if (!why.empty() && why.front() == '[' && why.find("] ") != std::string::npos) {
      why = why.substr(why.find("] ") + 2);
    }
    throw_io("rank " + std::to_string(rank_) + " lost the other processes of the run (" + why +
             "): one of them stopped or is unreachable; the run stays resumable from its last " +
             "checkpoint");
  }

  Wait start_reduce(torch::Tensor& values, c10d::ReduceOp op) {
    c10::intrusive_ptr<c10d::Work> work;
    guarded([&] {
      std::vector<at::Tensor> tensors{values};
      c10d::AllreduceOptions options;
      options.reduceOp = op;
      work = backend_->allreduce(tensors, options);
    });
    return [this, work] { guarded([&] { work->wait(); }); };
  }

  c10::intrusive_ptr<c10d::Store> store_;  // the backend keeps using it
  c10::intrusive_ptr<c10d::Backend> backend_;
  int64_t rank_, world_size_;
  std::string name_;
};

c10::intrusive_ptr<c10d::Store> connect_store(const Rendezvous& where,
                                              std::chrono::seconds timeout) {
  c10d::TCPStoreOptions options;
  options.port = static_cast<std::uint16_t>(where.master_port);
  options.isServer = where.rank == 0;
  options.numWorkers = static_cast<std::size_t>(where.world_size);
  options.waitWorkers = true;
  options.timeout = timeout;
  try {
    return c10::make_intrusive<c10d::TCPStore>(where.master_addr, options);
  } catch (const c10::Error& e) {
    const std::string within = " within " + std::to_string(timeout.count()) + " s";
    if (where.rank == 0) {
      throw_io("rank 0 could not hold the rendezvous at " + where.address() + " for " +
               std::to_string(where.world_size) + " processes" + within + " (" + first_line(e) +
               "): the others did not all come, or the port is taken (choose another " +
               "--master-port / MASTER_PORT)");
    }
    throw_io("rank " + std::to_string(where.rank) + " could not reach rank 0's store at " +
             where.address() + within + " (" + first_line(e) + "): is rank 0 running, is " +
             "MASTER_ADDR its address and MASTER_PORT open?");
  }
}

std::shared_ptr<::gloo::transport::Device> gloo_device(const Rendezvous& where) {
  // One machine: loopback only. Several: the interface GLOO_SOCKET_IFNAME names (as PyTorch
  // reads it), else the address this host's name resolves to.
  if (is_loopback_address(where.master_addr)) {
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  }
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface) {
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  }
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

bool distributed_available() {
  return true;
}

void require_distributed(int64_t) {}

bool nccl_available() {
#ifdef LONGTAIL_HAVE_NCCL
  return true;
#else
  return false;
#endif
}

std::shared_ptr<Collectives> join_process_group(const Rendezvous& where,
                                                std::chrono::seconds timeout,
                                                const torch::Device& device) {
  auto store = connect_store(where, timeout);
  const int rank = static_cast<int>(where.rank);
  const int world = static_cast<int>(where.world_size);
  try {
#ifdef LONGTAIL_HAVE_NCCL
    if (device.is_cuda()) {
      auto backend = make_nccl_backend(store, rank, world, timeout, device.index());
      return std::make_shared<C10dCollectives>(store, backend, rank, world, "nccl");
    }
#endif
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    options->devices.push_back(gloo_device(where));
    auto backend = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, world, options);
    return std::make_shared<C10dCollectives>(store, backend, rank, world, "gloo");
  } catch (const c10::Error& e) {
    throw_io("rank " + std::to_string(rank) + " could not connect to the other processes of " +
             "the run (store at " + where.address() + "): " + first_line(e));
  }
}

}  // namespace lt
