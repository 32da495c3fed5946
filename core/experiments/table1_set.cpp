#include "experiments/table1_set.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "experiments/generalization_gap_file.h"
#include "store/run_store.h"

namespace lt {
namespace fs = std::filesystem;

namespace {

struct ParsedName {
  std::string preset;
  size_t row = 0;  // index into kTable1Rows
};

// "table1-cpu-simsiam+rwsam" -> cpu, row 3. Row names end one another's names only after a
// dash ("-simsiam" is no suffix of "-simsiam-balanced"), but the longest match is taken anyway
// so a future row cannot be mistaken for a shorter one.
std::optional<ParsedName> parse_run_name(const std::string& name) {
  const std::string prefix = "table1-";
  if (name.rfind(prefix, 0) != 0) return std::nullopt;
  std::optional<ParsedName> best;
  size_t best_length = 0;
  for (size_t i = 0; i < std::size(kTable1Rows); ++i) {
    const std::string suffix = std::string("-") + kTable1Rows[i].name;
    if (name.size() <= prefix.size() + suffix.size()) continue;  // the preset must not be empty
    if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    if (suffix.size() <= best_length) continue;
    best_length = suffix.size();
    best = ParsedName{name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()), i};
  }
  return best;
}

Table1Set empty_set(const std::string& preset, const std::string& folder) {
  Table1Set set;
  set.preset = preset;
  set.folder = folder;
  for (const Table1RowSpec& spec : kTable1Rows) {
    Table1SetRow row;
    row.name = spec.name;
    row.status = "missing";
    row.paper_top1 = spec.paper_top1;
    row.paper_gap_rare = spec.paper_gap_rare < 0 ? NAN : spec.paper_gap_rare;
    set.rows.push_back(row);
  }
  return set;
}

}  // namespace

std::string table1_run_name(const std::string& preset, const std::string& row) {
  return "table1-" + preset + "-" + row;
}

bool Table1Set::complete() const {
  return !rows.empty() && std::all_of(rows.begin(), rows.end(), [](const Table1SetRow& row) {
    return row.status == "finished" && row.measured();
  });
}

int Table1Set::runs() const {
  return int(std::count_if(rows.begin(), rows.end(),
                           [](const Table1SetRow& row) { return !row.run_id.empty(); }));
}

std::vector<Table1Set> find_table1_sets(RunStore& store) {
  std::map<std::pair<std::string, std::string>, Table1Set> sets;  // by folder, preset
  for (const StoredRun& run : store.list_runs()) {
    const fs::path dir(run.dir);
    const auto parsed = parse_run_name(dir.filename().string());
    if (!parsed) continue;
    const std::string folder = dir.parent_path().string();
    auto [it, added] = sets.try_emplace({folder, parsed->preset});
    if (added) it->second = empty_set(parsed->preset, folder);
    Table1Set& set = it->second;
    if (set.source.empty()) set.source = run.source;
    set.updated = std::max({set.updated, run.updated, run.created});

    Table1SetRow& row = set.rows[parsed->row];
    row.run_id = run.id;
    row.run_dir = run.dir;
    row.status = run.status;
    for (const StoredEvaluation& evaluation : store.evaluations(run.id)) {
      if (evaluation.probe == "id") row.top1 = evaluation.top1;
    }
    if (const auto gap = load_generalization_gap(run.dir)) {
      row.gap_frequent = gap->frequent;
      row.gap_rare = gap->rare;
    }
  }
  std::vector<Table1Set> out;
  for (auto& [key, set] : sets) out.push_back(std::move(set));
  std::stable_sort(out.begin(), out.end(),
                   [](const Table1Set& a, const Table1Set& b) { return a.updated > b.updated; });
  return out;
}

}  // namespace lt
