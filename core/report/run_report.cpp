#include "report/run_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "eval/gap_text.h"
#include "experiments/comparison.h"
#include "report/chart_export.h"
#include "store/run_store.h"
#include "util/build_info.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/hash.h"

namespace lt {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const double kNoBar = std::numeric_limits<double>::quiet_NaN();

std::string num(double v, const char* format = "%.10g") {
  char text[48];
  std::snprintf(text, sizeof text, format, v);
  return text;
}

std::string evaluation_text(const std::string& key) {
  if (key == "id") return "linear probe, in domain";
  if (key == "ood") return "linear probe, out of domain";
  if (key == "id-finetune") return "fine-tuning, in domain";
  if (key == "ood-finetune") return "fine-tuning, out of domain";
  return key;
}

std::string config_hash(const StoredRun& run) {
  ContentHash h;
  h.add(run.config_json);
  return h.hex();
}

using Setting = std::tuple<std::string, std::string, double, int64_t>;  // source, dist, r, n

std::string setting_text(const Setting& s) {
  return std::get<0>(s) + ", " + std::get<1>(s) + " r=" + num(std::get<2>(s), "%g") +
         ", n=" + std::to_string(std::get<3>(s));
}

// A category per (method, setting); the setting is spelled out only where the runs hold several.
struct Categories {
  std::vector<std::pair<std::string, Setting>> keys;
  bool several_settings = false;
  size_t index(const std::string& method, const Setting& s) {
    const auto key = std::make_pair(method, s);
    const auto it = std::find(keys.begin(), keys.end(), key);
    if (it != keys.end()) return size_t(it - keys.begin());
    keys.push_back(key);
    return keys.size() - 1;
  }
  std::vector<std::string> labels() const {
    std::vector<std::string> out;
    for (const auto& [method, s] : keys) {
      out.push_back(several_settings ? method + " (r=" + num(std::get<2>(s), "%g") +
                                           ", n=" + std::to_string(std::get<3>(s)) + ")"
                                     : method);
    }
    return out;
  }
};

// Grows the series to `n` bars (the new ones empty); never shrinks it.
void pad(ChartSeries& s, size_t n) {
  if (s.values.size() < n) s.values.resize(n, kNoBar);
  if (s.errors.size() < n) s.errors.resize(n, 0.0);
}

std::vector<ComparisonInput> selected_inputs(RunStore& store,
                                             const std::vector<std::string>& run_ids) {
  const std::set<std::string> wanted(run_ids.begin(), run_ids.end());
  std::vector<ComparisonInput> out;
  for (auto& in : comparison_inputs(store)) {
    if (wanted.count(in.run_id)) out.push_back(std::move(in));
  }
  return out;
}

std::string verdict_line(const std::string& key, const Setting& setting, const ComparisonGap& ssl,
                         const ComparisonGap& sl) {
  const bool seeds = ssl.gap.per_seed.size() > 1 && sl.gap.per_seed.size() > 1;
  const std::string verdict =
      to_string(contrast_gaps(ssl.gap, sl.gap).order) + (seeds ? "" : " (one seed: no spread)");
  const auto delta = [&](const ComparisonGap& g) {
    return num(g.gap.mean, "%+.4f") + (g.gap.per_seed.size() > 1
                                           ? " +- " + num(g.gap.spread, "%.4f") + " (" +
                                                 std::to_string(g.gap.per_seed.size()) + " seeds)"
                                           : std::string(" (1 seed)"));
  };
  return evaluation_text(key) + ", " + setting_text(setting) + ": Delta " + ssl.method + " " +
         delta(ssl) + ", Delta " + sl.method + " " + delta(sl) + " -> " + verdict;
}

json sidecar_json(RunStore& store, const std::vector<std::string>& run_ids, const Chart& chart,
                  const std::string& evaluation, const FigureSize& size, const std::string& csv,
                  const std::vector<std::string>& formats, bool reproducible) {
  json runs = json::array();
  for (const auto& id : run_ids) {
    const auto run = store.find_run(id);
    if (!run) continue;
    runs.push_back(json{{"id", run->id},
                        {"config_hash", config_hash(*run)},
                        {"variant_hash", run->variant_hash},
                        {"dir", run->dir}});
  }
  ContentHash csv_hash;
  csv_hash.add(csv);
  json files = json::object();
  for (const auto& format : formats) files[format] = chart.name + "." + format;
  json sidecar{{"figure", chart.name},
               {"title", chart.title},
               {"evaluation", evaluation},
               {"evaluation_text", evaluation_text(evaluation)},
               {"size", size.name},
               {"width_in", size.width_in},
               {"longtail", longtail_version()},
               {"git_commit", build_git_commit()},
               {"git_dirty", build_git_dirty()},
               {"runs", runs},
               {"files", files},
               {"csv_hash", csv_hash.hex()}};
  if (reproducible)
    sidecar["reproduce"] = "longtail figure reproduce " + chart.name + ".figure.json --out DIR";
  return sidecar;
}

}  // namespace

RunFigures run_figures(RunStore& store, const std::vector<std::string>& run_ids) {
  const std::vector<ComparisonInput> inputs = selected_inputs(store, run_ids);
  RunFigures out;
  std::set<Setting> settings;
  for (const auto& in : inputs) {
    settings.insert({in.source, in.distribution, rounded_ratio(in.ratio), in.n});
  }
  for (const std::string& key : evaluation_keys(inputs)) {
    const Comparison c = compare_runs(inputs, key);
    for (const auto& line : c.skipped) {
      if (std::find(out.skipped.begin(), out.skipped.end(), line) == out.skipped.end())
        out.skipped.push_back(line);
    }
    if (c.cells.empty()) continue;
    // Figure 2: accuracy, long-tailed against balanced.
    Categories cats;
    std::set<Setting> cell_settings;
    for (const auto& cell : c.cells)
      cell_settings.insert({cell.source, cell.distribution, rounded_ratio(cell.ratio), 0});
    cats.several_settings = cell_settings.size() > 1;
    ChartSeries imbalanced{"long-tailed", {}, {}}, balanced{"balanced", {}, {}};
    for (const auto& cell : c.cells) {
      const Setting s{cell.source, cell.distribution, rounded_ratio(cell.ratio), cell.n};
      const size_t i = cats.index(cell.method, s);
      ChartSeries& series = cell.balanced ? balanced : imbalanced;
      pad(series, i + 1);
      series.values[i] = cell.mean;
      series.errors[i] = cell.spread;
    }
    pad(imbalanced, cats.keys.size());
    pad(balanced, cats.keys.size());
    Chart accuracy;
    accuracy.name = "accuracy-" + key;
    accuracy.title = "Top-1 accuracy (" + evaluation_text(key) + ")";
    accuracy.x_label = "pre-training method";
    accuracy.y_label = "top-1 accuracy";
    accuracy.categories = cats.labels();
    accuracy.series = {imbalanced, balanced};
    out.charts.push_back(accuracy);
    out.evaluations.push_back(key);
    if (c.gaps.empty()) continue;
    // Figure 1: the relative gap.
    Categories gap_cats;
    gap_cats.several_settings = cats.several_settings;
    ChartSeries delta{"Delta", {}, {}};
    for (const auto& g : c.gaps) {
      const size_t i =
          gap_cats.index(g.method, {g.source, g.distribution, rounded_ratio(g.ratio), g.n});
      pad(delta, i + 1);
      delta.values[i] = g.gap.mean;
      delta.errors[i] = g.gap.spread;
    }
    Chart gap;
    gap.name = "gap-" + key;
    gap.title = "Relative gap Delta (" + evaluation_text(key) + ")";
    gap.x_label = "pre-training method";
    gap.y_label = "Delta = (A_bal - A_imb) / A_bal";
    gap.categories = gap_cats.labels();
    gap.series = {delta};
    out.charts.push_back(gap);
    out.evaluations.push_back(key);
    // The verdict: each SSL method against SL on the same setting.
    for (const auto& sl : c.gaps) {
      if (!is_supervised(sl.method)) continue;
      for (const auto& ssl : c.gaps) {
        if (is_supervised(ssl.method) || ssl.source != sl.source ||
            ssl.distribution != sl.distribution ||
            rounded_ratio(ssl.ratio) != rounded_ratio(sl.ratio) || ssl.n != sl.n)
          continue;
        out.verdicts.push_back(verdict_line(
            key, {sl.source, sl.distribution, rounded_ratio(sl.ratio), sl.n}, ssl, sl));
      }
    }
  }
  return out;
}

FigureProvenance figure_provenance(RunStore& store, const std::vector<std::string>& run_ids,
                                   const Chart& chart, const std::string& evaluation,
                                   const FigureSize& size, const std::vector<std::string>& formats,
                                   bool reproducible) {
  const json sidecar = sidecar_json(store, run_ids, chart, evaluation, size, chart_csv(chart),
                                    formats, reproducible);
  return {sidecar.dump(2) + "\n",
          "made by longtail " + longtail_version() + " (commit " + build_git_commit() + ") from " +
              std::to_string(sidecar["runs"].size()) + " runs; see " + chart.name + ".figure.json"};
}

std::vector<std::string> write_figure(RunStore& store, const std::vector<std::string>& run_ids,
                                      const Chart& chart, const std::string& evaluation,
                                      const FigureSize& size, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw_io("cannot create " + dir + ": " + ec.message());
  const FigureProvenance provenance = figure_provenance(store, run_ids, chart, evaluation, size);
  const fs::path base = fs::path(dir) / chart.name;
  std::vector<std::string> files = {base.string() + ".svg", base.string() + ".csv",
                                    base.string() + ".tex", base.string() + ".figure.json"};
  // The SVG carries the sidecar on one line, as before.
  write_file_atomically(files[0],
                        chart_svg(chart, size, json::parse(provenance.sidecar_json).dump()));
  write_file_atomically(files[1], chart_csv(chart));
  write_file_atomically(files[2], chart_tex(chart, size, provenance.tex_line));
  write_file_atomically(files[3], provenance.sidecar_json);
  return files;
}

ReportResult write_report(RunStore& store, const std::vector<std::string>& run_ids,
                          const std::string& selection, const FigureSize& size,
                          const std::string& out_dir) {
  if (run_ids.empty()) throw_data("no runs match " + selection + "; longtail runs list shows them");
  const RunFigures figures = run_figures(store, run_ids);
  ReportResult result;
  result.verdicts = figures.verdicts;
  result.skipped = figures.skipped;
  if (figures.charts.empty()) {
    throw_data("the " + std::to_string(run_ids.size()) + " runs of " + selection +
               " hold no finished, evaluated run to draw (longtail eval --run ID probes one)");
  }
  for (size_t i = 0; i < figures.charts.size(); ++i) {
    for (auto& f :
         write_figure(store, run_ids, figures.charts[i], figures.evaluations[i], size, out_dir))
      result.files.push_back(f);
  }
  // Every number of every run.
  const std::vector<ComparisonInput> inputs = selected_inputs(store, run_ids);
  const std::vector<std::string> keys = evaluation_keys(inputs);
  std::string csv = "run_id,status,method,variant,seed,n,source,distribution,ratio";
  for (const auto& k : keys) csv += ",top1_" + k;
  csv += ",tags\n";
  for (const auto& in : inputs) {
    const auto run = store.find_run(in.run_id);
    std::string tags;
    if (run) {
      for (const auto& t : run->tags) tags += (tags.empty() ? "" : " ") + t;
    }
    csv += in.run_id + "," + in.status + "," + in.method + "," +
           (in.balanced ? "balanced" : "long-tailed") + "," + std::to_string(in.seed) + "," +
           std::to_string(in.n) + "," + in.source + "," + in.distribution + "," +
           num(in.ratio, "%g");
    for (const auto& k : keys) {
      const auto it = in.top1.find(k);
      csv += "," + (it == in.top1.end() ? std::string() : num(it->second));
    }
    csv += "," + tags + "\n";
  }
  const std::string runs_csv = (fs::path(out_dir) / "runs.csv").string();
  write_file_atomically(runs_csv, csv);
  result.files.push_back(runs_csv);
  // The summary a colleague reads first.
  std::ostringstream md;
  md << "# LongTail Lab report\n\n";
  md << "Runs: " << selection << " (" << run_ids.size() << " runs), longtail " << longtail_version()
     << ", commit " << build_git_commit()
     << (build_git_dirty() ? " (with uncommitted changes)" : "") << ".\n\n";
  md << "The paper's claim: pre-trained on a long-tailed set, self-supervised representations "
        "lose less than supervised ones against a balanced set of the same size, "
        "Delta = (A_bal - A_imb) / A_bal.\n\n## Verdict\n\n";
  if (figures.verdicts.empty()) {
    md << "No verdict: the runs hold no SSL and SL pair on the same design, each with its "
          "balanced twin.\n";
  }
  for (const auto& v : figures.verdicts) md << "- " << v << "\n";
  md << "\n## Figures\n\n";
  for (const auto& chart : figures.charts) {
    md << "- " << chart.title << ": ![" << chart.name << "](" << chart.name << ".svg) ("
       << chart.name << ".csv, " << chart.name << ".tex, provenance in " << chart.name
       << ".figure.json)\n";
  }
  md << "\n## Runs\n\n| run | method | variant | seed | n |";
  for (const auto& k : keys) md << " " << k << " top-1 |";
  md << "\n|---|---|---|---|---|";
  for (size_t i = 0; i < keys.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& in : inputs) {
    md << "| " << in.run_id << " | " << in.method << " | "
       << (in.balanced ? "balanced" : "long-tailed") << " | " << in.seed << " | " << in.n << " |";
    for (const auto& k : keys) {
      const auto it = in.top1.find(k);
      md << " " << (it == in.top1.end() ? std::string("-") : num(100 * it->second, "%.2f%%"))
         << " |";
    }
    md << "\n";
  }
  if (!figures.skipped.empty()) {
    md << "\n## Left out\n\n";
    for (const auto& s : figures.skipped) md << "- " << s << "\n";
  }
  md << "\nEvery number is in runs.csv and in each figure's CSV; `longtail figure reproduce "
        "NAME.figure.json --out DIR` rebuilds a figure from the run store.\n";
  const std::string summary = (fs::path(out_dir) / "summary.md").string();
  write_file_atomically(summary, md.str());
  result.files.push_back(summary);
  return result;
}

ReproducedFigure reproduce_figure(RunStore& store, const std::string& sidecar_path,
                                  const std::string& out_dir) {
  json sidecar;
  try {
    std::ifstream in(sidecar_path);
    if (!in) throw_io("cannot read " + sidecar_path + "; name a NAME.figure.json file");
    sidecar = json::parse(in);
  } catch (const json::exception& e) {
    throw_format(sidecar_path + " is not a figure's sidecar (" + e.what() + ")");
  }
  if (!sidecar.contains("figure") || !sidecar.contains("runs") || !sidecar["runs"].is_array()) {
    throw_format(sidecar_path + " is not a figure's sidecar (no \"figure\" or \"runs\")");
  }
  const std::string name = sidecar["figure"].get<std::string>();
  std::vector<std::string> ids, missing;
  ReproducedFigure result;
  for (const auto& r : sidecar["runs"]) {
    const std::string id = r.value("id", std::string());
    const auto run = store.find_run(id);
    if (!run) {
      missing.push_back(id);
      continue;
    }
    ids.push_back(run->id);
    if (config_hash(*run) != r.value("config_hash", std::string())) result.changed.push_back(id);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw_data("the store " + store.path() + " lacks " + std::to_string(missing.size()) +
               " of the figure's " + std::to_string(sidecar["runs"].size()) + " runs: " + list +
               "; add their folders with longtail runs add DIR");
  }
  const RunFigures figures = run_figures(store, ids);
  for (size_t i = 0; i < figures.charts.size(); ++i) {
    if (figures.charts[i].name != name) continue;
    result.files = write_figure(store, ids, figures.charts[i], figures.evaluations[i],
                                figure_size(sidecar.value("size", std::string("single"))), out_dir);
    return result;
  }
  throw_data("the runs of " + sidecar_path + " no longer give the figure " + name +
             " (an evaluation was removed?); longtail runs show ID shows what each holds");
}

}  // namespace lt
