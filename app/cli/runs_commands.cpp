#include "cli/runs_commands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "store/run_labels.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/epoch_record.h"
#include "train/supervised_protocol.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

// What a listing shows of a run: its record plus the numbers people compare.
struct RunSummary {
  StoredRun run;
  std::optional<double> final_loss;
  std::optional<double> id_top1, ood_top1;
};

RunSummary summarize(RunStore& store, const StoredRun& run) {
  RunSummary s{run, {}, {}, {}};
  const auto epochs = store.epochs(run.id);
  if (!epochs.empty()) s.final_loss = epochs.back().loss;
  for (const auto& e : store.evaluations(run.id)) {
    if (e.probe == "id") s.id_top1 = e.top1;
    if (e.probe == "ood") s.ood_top1 = e.top1;
  }
  return s;
}

json optional_number(const std::optional<double>& v) {
  return v ? number(*v) : json(nullptr);
}

json summary_json(const RunSummary& s) {
  const StoredRun& r = s.run;
  return json{{"id", r.id},
              {"status", r.status},
              {"method", r.method},
              {"protocol", recorded_protocol(r.config_json)},
              {"model", r.model},
              {"source", r.source},
              {"balanced_twin", r.balanced_twin},
              {"total_images", r.total_images},
              {"seed", r.seed},
              {"epochs_done", r.epochs_done},
              {"epochs_planned", r.epochs_planned},
              {"final_loss", optional_number(s.final_loss)},
              {"id_top1", optional_number(s.id_top1)},
              {"ood_top1", optional_number(s.ood_top1)},
              {"device", r.device},
              {"tags", r.tags},
              {"note", r.note},
              {"created", r.created},
              {"updated", r.updated},
              {"dir", r.dir}};
}

json epoch_json(const StoredEpoch& e) {
  EpochMetrics m;
  m.epoch = e.epoch;
  m.loss = e.loss;
  m.lr = e.lr;
  m.images_per_s = e.images_per_s;
  m.knn_accuracy = e.knn_accuracy.value_or(-1);
  m.seconds = e.seconds;
  return epoch_to_json(m);
}

// What the run folder's run.json says reproduces it (null for runs made before it was recorded).
json provenance_of(const StoredRun& run) {
  try {
    std::ifstream in(fs::path(run.dir) / "run.json");
    const json info = json::parse(in);
    if (info.contains("provenance")) {
      json p = info["provenance"];
      if (info.contains("resumed_by")) p["resumed_by"] = info["resumed_by"];
      return p;
    }
  } catch (const json::exception&) {
  }
  return nullptr;
}

json full_json(RunStore& store, const StoredRun& run) {
  json j = summary_json(summarize(store, run));
  j["provenance"] = provenance_of(run);
  j["variant_hash"] = run.variant_hash;
  j["libtorch"] = run.libtorch;
  j["git_commit"] = run.git_commit;
  if (!run.message.empty()) j["message"] = run.message;
  try {
    j["config"] = json::parse(run.config_json);
  } catch (const json::exception&) {
    j["config"] = nullptr;
  }
  json epochs = json::array();
  for (const auto& e : store.epochs(run.id)) epochs.push_back(epoch_json(e));
  j["epochs"] = epochs;
  json evaluations = json::array();
  for (const auto& e : store.evaluations(run.id)) {
    json result;
    try {
      result = json::parse(e.result_json);
    } catch (const json::exception&) {
      result = json{{"top1", e.top1}};
    }
    result["probe"] = e.probe;
    result["data"] = e.data;
    evaluations.push_back(result);
  }
  j["evaluations"] = evaluations;
  json artifacts = json::array();
  for (const auto& [kind, path] : store.artifacts(run.id)) {
    artifacts.push_back(json{{"kind", kind}, {"path", path}});
  }
  j["artifacts"] = artifacts;
  return j;
}

std::string percent(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * *v);
  return buf;
}

// A run named by id, or by a directory (recorded on the way when it is not in the store yet).
StoredRun find(RunStore& store, const std::string& run) {
  if (auto found = store.find_run(run)) return *found;
  if (fs::exists(fs::path(run) / "run.json")) {
    record_run_dir(store, run);
    if (auto found = store.find_run(run)) return *found;
  }
  throw_io("no run " + run + " in the store " + store.path() +
           " (longtail runs list shows the ids; a run directory can be named too)");
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return "";
  std::ostringstream s;
  s.precision(10);
  s << *v;
  return s.str();
}

struct RunsOptions {
  std::string store;
  bool json = false;
  std::vector<std::string> runs;
  std::string status, method, source;
  std::vector<std::string> tags;  // list: runs holding all of them
  double ratio = 0;               // list: runs whose design has this r (0: any)
  std::string note, note_run;
  std::string format = "csv";
  std::string out;
  bool epochs = false;
  bool delete_files = false;
};

// The design's r from the run's saved config (0 when it names a saved variant instead).
double design_ratio(const StoredRun& run) {
  try {
    const auto config = json::parse(run.config_json);
    return config.at("design").at("ratio").get<double>();
  } catch (const json::exception&) {
    return 0;
  }
}

bool wanted(const RunsOptions& o, const StoredRun& run) {
  if (!o.status.empty() && run.status != o.status) return false;
  if (!o.method.empty() && run.method != o.method) return false;
  if (!o.source.empty() && run.source != o.source) return false;
  if (o.ratio > 0 && std::abs(design_ratio(run) - o.ratio) > 1e-9 * o.ratio) return false;
  for (const auto& tag : o.tags) {
    if (std::find(run.tags.begin(), run.tags.end(), tag) == run.tags.end()) return false;
  }
  return true;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

void list_runs(const RunsOptions& o) {
  const std::string path = store_path(o.store);
  std::vector<RunSummary> rows;
  if (fs::exists(path)) {
    RunStore store(path, false);
    for (const auto& run : store.list_runs()) {
      if (wanted(o, run)) rows.push_back(summarize(store, run));
    }
  }
  if (o.json) {
    json list = json::array();
    for (const auto& r : rows) list.push_back(summary_json(r));
    std::cout << list.dump() << "\n";
    return;
  }
  if (rows.empty()) {
    std::printf("no runs in %s\n", path.c_str());
    return;
  }
  std::printf("%-36s %-11s %-10s %-12s %-10s %9s %8s %8s %8s  %s\n", "id", "status", "method",
              "model", "variant", "epochs", "loss", "ID", "OOD", "tags");
  for (const auto& r : rows) {
    const std::string epochs =
        std::to_string(r.run.epochs_done) + "/" + std::to_string(r.run.epochs_planned);
    std::printf("%-36s %-11s %-10s %-12s %-10s %9s %8s %8s %8s  %s\n", r.run.id.c_str(),
                r.run.status.c_str(), r.run.method.c_str(), r.run.model.c_str(),
                r.run.balanced_twin ? "balanced" : "long-tail", epochs.c_str(),
                r.final_loss ? csv_number(std::round(*r.final_loss * 1e4) / 1e4).c_str() : "-",
                percent(r.id_top1).c_str(), percent(r.ood_top1).c_str(),
                joined(r.run.tags).c_str());
  }
  std::printf("%zu runs in %s\n", rows.size(), path.c_str());
}

void show_run(const RunsOptions& o) {
  RunStore store(store_path(o.store));
  const StoredRun run = find(store, o.runs.at(0));
  const json j = full_json(store, run);
  if (o.json) {
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf("%s  %s  (%s)\n", run.id.c_str(), run.status.c_str(), run.dir.c_str());
  if (!run.message.empty()) std::printf("  %s\n", run.message.c_str());
  if (!run.tags.empty()) std::printf("  tags: %s\n", joined(run.tags).c_str());
  if (!run.note.empty()) std::printf("  note: %s\n", run.note.c_str());
  std::printf("  %s (%s protocol) on %s, %s, %lld images, seed %lld\n", run.method.c_str(),
              recorded_protocol(run.config_json).c_str(), run.model.c_str(), run.source.c_str(),
              static_cast<long long>(run.total_images), static_cast<long long>(run.seed));
  std::printf("  %s variant %s; epochs %lld/%lld on %s\n",
              run.balanced_twin ? "balanced twin" : "long-tailed", run.variant_hash.c_str(),
              static_cast<long long>(run.epochs_done), static_cast<long long>(run.epochs_planned),
              run.device.c_str());
  std::printf("  LibTorch %s, built from %s, created %s, updated %s\n", run.libtorch.c_str(),
              run.git_commit.c_str(), run.created.c_str(), run.updated.c_str());
  if (const json p = provenance_of(run); p.is_object()) {
    const auto text = [&](const char* key) { return p.value(key, std::string("?")); };
    std::printf("  provenance: %s\n", text("command_line").c_str());
    std::printf("    longtail %s, commit %s%s; LibTorch %s, CUDA %s, cuDNN %s; %s\n",
                text("longtail").c_str(), text("git_commit").c_str(),
                p.value("git_dirty", false) ? " (with uncommitted changes)" : "",
                text("libtorch").c_str(), text("cuda").c_str(), text("cudnn").c_str(),
                text("compiler").c_str());
    std::printf("    on %s (%s), %s; seed %s, design seed %s; variant %s, config %s\n",
                text("host").c_str(), text("device").c_str(), text("precision").c_str(),
                p.value("seed", json()).dump().c_str(),
                p.value("design_seed", json()).dump().c_str(), text("variant_hash").c_str(),
                text("config_hash").c_str());
    if (p.contains("resumed_by"))
      std::printf("    resumed by: %s\n", p["resumed_by"].get<std::string>().c_str());
    std::printf("    config: %s\n", (fs::path(run.dir) / "config.json").c_str());
  }
  const auto epochs = store.epochs(run.id);
  if (!epochs.empty()) {
    std::printf("  %6s %10s %10s %10s %8s\n", "epoch", "loss", "lr", "img/s", "kNN");
    for (const auto& e : epochs) {
      std::printf("  %6lld %10.4f %10.4g %10.0f %8s\n", static_cast<long long>(e.epoch), e.loss,
                  e.lr, e.images_per_s, percent(e.knn_accuracy).c_str());
    }
  }
  for (const auto& e : store.evaluations(run.id)) {
    std::printf("  %s probe on %s: top-1 %.2f%%\n", e.probe.c_str(), e.data.c_str(), 100 * e.top1);
  }
}

// runs tag / untag / note: the folder's labels.json first, then the store.
void edit_labels(const RunsOptions& o, bool add_tags) {
  RunStore store(store_path(o.store));
  const StoredRun run = find(store, o.runs.at(0));
  const std::vector<std::string> tags(o.runs.begin() + 1, o.runs.end());
  if (tags.empty()) throw_setting("name at least one tag after the run");
  RunLabels labels = read_run_labels(run.dir);
  labels.tags = add_tags ? edit_tags(labels.tags, tags, {}) : edit_tags(labels.tags, {}, tags);
  save_run_labels(store, run, labels);
  std::printf("%s: tags %s\n", run.id.c_str(),
              labels.tags.empty() ? "(none)" : joined(labels.tags).c_str());
}

void tag_run(const RunsOptions& o) {
  edit_labels(o, true);
}

void untag_run(const RunsOptions& o) {
  edit_labels(o, false);
}

void note_run(const RunsOptions& o) {
  RunStore store(store_path(o.store));
  const StoredRun run = find(store, o.note_run);
  RunLabels labels = read_run_labels(run.dir);
  labels.note = o.note;
  save_run_labels(store, run, labels);
  std::printf("%s: note %s\n", run.id.c_str(),
              o.note.empty() ? "removed" : ("\"" + o.note + "\"").c_str());
}

void remove_runs(const RunsOptions& o) {
  RunStore store(store_path(o.store), false);
  for (const auto& name : o.runs) {
    const auto run = store.find_run(name);
    if (!run) throw_io("no run " + name + " in the store " + store.path());
    store.remove_run(run->id);
    if (o.delete_files) {
      std::error_code ec;
      fs::remove_all(run->dir, ec);
      if (ec)
        throw_io("removed " + run->id + " from the store, but not " + run->dir + ": " +
                 ec.message());
      std::printf("removed %s and its directory %s\n", run->id.c_str(), run->dir.c_str());
    } else {
      std::printf("removed %s from the store; its files stay in %s\n", run->id.c_str(),
                  run->dir.c_str());
    }
  }
}

void export_runs(const RunsOptions& o) {
  if (o.format != "csv" && o.format != "json") throw_setting("--format must be csv or json");
  const std::string path = store_path(o.store);
  std::vector<StoredRun> runs;
  std::unique_ptr<RunStore> store;
  if (fs::exists(path)) {
    store = std::make_unique<RunStore>(path, false);
    runs = store->list_runs();
  }
  std::string text;
  if (o.format == "json") {
    json list = json::array();
    for (const auto& run : runs) list.push_back(full_json(*store, run));
    text = json{{"store", path}, {"runs", list}}.dump(1) + "\n";
  } else if (o.epochs) {
    text =
        "run_id,method,model,balanced_twin,seed,epoch,loss,lr,images_per_s,knn_accuracy,seconds\n";
    for (const auto& run : runs) {
      for (const auto& e : store->epochs(run.id)) {
        text += csv_field(run.id) + "," + csv_field(run.method) + "," + csv_field(run.model) + "," +
                (run.balanced_twin ? "1" : "0") + "," + std::to_string(run.seed) + "," +
                std::to_string(e.epoch) + "," + csv_number(e.loss) + "," + csv_number(e.lr) + "," +
                csv_number(e.images_per_s) + "," + csv_number(e.knn_accuracy) + "," +
                csv_number(e.seconds) + "\n";
      }
    }
  } else {
    text =
        "id,status,method,model,source,balanced_twin,total_images,seed,epochs_done,"
        "epochs_planned,final_loss,id_top1,ood_top1,device,created,updated,dir,protocol\n";
    for (const auto& run : runs) {
      const RunSummary s = summarize(*store, run);
      text += csv_field(run.id) + "," + csv_field(run.status) + "," + csv_field(run.method) + "," +
              csv_field(run.model) + "," + csv_field(run.source) + "," +
              (run.balanced_twin ? "1" : "0") + "," + std::to_string(run.total_images) + "," +
              std::to_string(run.seed) + "," + std::to_string(run.epochs_done) + "," +
              std::to_string(run.epochs_planned) + "," + csv_number(s.final_loss) + "," +
              csv_number(s.id_top1) + "," + csv_number(s.ood_top1) + "," + csv_field(run.device) +
              "," + csv_field(run.created) + "," + csv_field(run.updated) + "," +
              csv_field(run.dir) + "," + csv_field(recorded_protocol(run.config_json)) + "\n";
    }
  }
  if (o.out.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(o.out, text);
    std::fprintf(stderr, "wrote %zu runs to %s\n", runs.size(), o.out.c_str());
  }
}

// Run directories under `root` (itself, or up to three levels down).
void collect_run_dirs(const fs::path& root, int depth, std::vector<std::string>& out) {
  if (fs::exists(root / "run.json")) {
    out.push_back(root.string());
    return;
  }
  if (depth == 0) return;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory(ec)) collect_run_dirs(entry.path(), depth - 1, out);
  }
}

void add_runs(const RunsOptions& o) {
  RunStore store(store_path(o.store));
  for (const auto& root : o.runs) {
    if (!fs::is_directory(root)) throw_io(root + " is not a directory");
    std::vector<std::string> dirs;
    collect_run_dirs(root, 3, dirs);
    if (dirs.empty()) throw_io("no run directory (holding run.json) in " + root);
    for (const auto& dir : dirs) {
      std::printf("recorded %s (%s)\n", record_run_dir(store, dir).c_str(), dir.c_str());
    }
  }
}

void check_store(const RunsOptions& o) {
  const std::string path = store_path(o.store);
  RunStore store(path, false);
  const std::string report = store.integrity_check();
  int64_t interrupted = 0;
  for (const auto& run : store.list_runs()) interrupted += run.status == "interrupted";
  if (o.json) {
    std::cout << json{{"store", path},
                      {"integrity", report},
                      {"schema_version", store.schema_version()},
                      {"interrupted_runs", interrupted}}
                     .dump()
              << "\n";
  } else {
    std::printf("%s: integrity %s, schema version %d, %lld interrupted runs\n", path.c_str(),
                report.c_str(), store.schema_version(), static_cast<long long>(interrupted));
  }
  if (report != "ok") {
    throw_data("the run store " + path +
               " is damaged; move it away and rebuild it with "
               "longtail runs add RUNS_FOLDER");
  }
}

}  // namespace

void add_runs_commands(CLI::App& app, std::function<void()>& action) {
  auto o = std::make_shared<RunsOptions>();
  CLI::App* runs = app.add_subcommand("runs", "the run store: list, show, remove, export runs");
  runs->require_subcommand(1);
  const auto sub = [&](const char* name, const char* help, void (*fn)(const RunsOptions&)) {
    CLI::App* cmd = runs->add_subcommand(name, help);
    add_store_option(cmd, o->store);
    cmd->callback([&action, o, fn] { action = [o, fn] { fn(*o); }; });
    return cmd;
  };
  CLI::App* list = sub("list", "every recorded run, newest first", list_runs);
  list->add_option("--status", o->status, "only runs with this status");
  list->add_option("--method", o->method, "only runs of this method");
  list->add_option("--tag", o->tags, "only runs with this tag (repeat: all of them)");
  list->add_option("--source", o->source, "only runs of this source, as recorded");
  list->add_option("--ratio", o->ratio, "only runs whose design has this imbalance ratio r");
  add_json_flag(list, o->json, "print a JSON list");
  CLI::App* show = sub("show", "one run: provenance, epochs, evaluations, files", show_run);
  show->add_option("run", o->runs, "run id or run directory")->required()->expected(1);
  add_json_flag(show, o->json);
  CLI::App* tag = sub("tag", "add tags to a run (in its folder and the store)", tag_run);
  tag->add_option("run_and_tags", o->runs, "RUN TAG...")->required()->expected(2, -1);
  CLI::App* untag = sub("untag", "remove tags from a run", untag_run);
  untag->add_option("run_and_tags", o->runs, "RUN TAG...")->required()->expected(2, -1);
  CLI::App* note = sub("note", "set a run's note (\"\" removes it)", note_run);
  note->add_option("run", o->note_run, "run id or directory")->required();
  note->add_option("text", o->note, "the note")->required();
  CLI::App* rm = sub("rm", "remove runs from the store", remove_runs);
  rm->add_option("runs", o->runs, "run ids or directories")->required();
  rm->add_flag("--delete-files", o->delete_files, "also delete the run directories");
  CLI::App* exp = sub("export", "every run as CSV or JSON", export_runs);
  exp->add_option("--format", o->format, "csv or json")->capture_default_str();
  exp->add_option("--out", o->out, "write to this file (default: stdout)");
  exp->add_flag("--epochs", o->epochs, "csv: one row per epoch instead of one per run");
  CLI::App* add = sub("add", "record run directories made elsewhere or before", add_runs);
  add->add_option("dirs", o->runs, "run directories, or folders holding them")->required();
  CLI::App* check = sub("check", "PRAGMA integrity_check, and interrupted runs", check_store);
  add_json_flag(check, o->json);
}

}  // namespace lt::cli
