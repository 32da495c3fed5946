#include "cli/data_commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/terminal_progress.h"
#include "data/dataset_cache.h"
#include "data/source.h"
#include "data/variant.h"
#include "util/error.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct SourceOptions {
  std::string spec = "fashion-mnist";
  std::string split = "train";
  std::string resize;
  bool json = false;
};

ResizeTo parse_resize(const std::string& text) {
  if (text.empty()) return {};
  ResizeTo size;
  const size_t x = text.find('x');
  try {
    size_t used = 0;
    if (x == std::string::npos) {
      size.height = size.width = std::stoll(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
    } else {
      size.height = std::stoll(text.substr(0, x), &used);
      if (used != x) throw std::invalid_argument(text);
      size.width = std::stoll(text.substr(x + 1), &used);
      if (used != text.size() - x - 1) throw std::invalid_argument(text);
    }
  } catch (const std::logic_error&) {
    throw_setting("--resize \"" + text + "\" must read HxW or N, e.g. 32x32");
  }
  if (size.height <= 0 || size.width <= 0 || size.height > 4096 || size.width > 4096) {
    throw_setting("--resize \"" + text + "\" must be between 1 and 4096 on each side");
  }
  return size;
}

void add_source_options(CLI::App* cmd, SourceOptions& o) {
  cmd->add_option("--split", o.split, "train or test")->capture_default_str();
  cmd->add_option("--resize", o.resize, "decode image files at HxW (or N for NxN)");
  add_json_flag(cmd, o.json, "print one JSON object on stdout and nothing else");
}

Dataset load(const SourceOptions& o, CLI::App* cmd) {
  SourceRequest request;
  request.spec = o.spec;
  request.split = o.split;
  request.split_given = cmd->count("--split") > 0;
  request.resize = parse_resize(o.resize);
  TerminalProgress bar(!o.json && stderr_is_terminal());
  return load_source(request, bar.callback());
}

std::string twin_path(const std::string& out) {
  const std::filesystem::path p(out);
  return (p.parent_path() / (p.stem().string() + "-twin" + p.extension().string())).string();
}

void show(const SourceOptions& o, CLI::App* cmd) {
  const Dataset d = load(o, cmd);
  const auto counts = d.class_counts();
  // A cache file knows its split; the --split flag only chooses one of a source's.
  CacheInfo info;
  const bool cache = is_cache_file(o.spec);
  if (cache) read_cache(o.spec, &info);
  const std::string split = cache ? info.split : o.split;
  if (o.json) {
    json j;
    j["source"] = o.spec;
    j["split"] = split;
    j["total"] = d.size();
    j["classes"] = d.class_names;
    j["counts"] = counts;
    j["shape"] = {d.shape.channels, d.shape.height, d.shape.width};
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf("%s (%s): %lld images of %lldx%lldx%lld (CxHxW), %lld classes\n", o.spec.c_str(),
              split.c_str(), static_cast<long long>(d.size()),
              static_cast<long long>(d.shape.channels), static_cast<long long>(d.shape.height),
              static_cast<long long>(d.shape.width), static_cast<long long>(d.num_classes()));
  std::printf("%6s  %-24s %8s\n", "class", "name", "images");
  for (int64_t c = 0; c < d.num_classes(); ++c) {
    std::printf("%6lld  %-24s %8lld\n", static_cast<long long>(c), d.class_names[c].c_str(),
                static_cast<long long>(counts[c]));
  }
}

struct DesignOptions {
  SourceOptions source;
  std::string dist = "exp";
  double ratio = 0.01;
  double sample = 1.0;
  int64_t frequent = -1;
  int64_t max_per_class = 0;
  double pareto_shape = 6.0;
  std::vector<int64_t> counts;
  std::string order = "natural";
  uint64_t seed = 0;
  bool twin = false;
  std::string out;
  std::string twin_out;
};

json summary_json(const Variant& v) {
  const ImbalanceSummary s = v.summary();
  json j;
  j["classes"] = v.class_names;
  j["counts"] = v.counts;
  j["total"] = s.total;
  j["ratio_achieved"] = s.ratio_achieved;
  j["imbalance_factor"] = s.imbalance_factor;
  j["gini"] = s.gini;
  j["effective_classes"] = s.effective_classes;
  j["hash"] = v.hash;
  return j;
}

void design(const DesignOptions& o, CLI::App* cmd) {
  DesignSpec spec;
  spec.distribution = parse_distribution(o.dist);
  spec.ratio = o.ratio;
  spec.sample = o.sample;
  spec.frequent = o.frequent;
  spec.max_per_class = o.max_per_class;
  spec.pareto_shape = o.pareto_shape;
  spec.explicit_counts = o.counts;
  spec.seed = o.seed;
  if (spec.distribution == Distribution::kExplicit && o.counts.empty()) {
    throw_setting("--dist explicit needs --counts N,N,...");
  }
  if (spec.distribution != Distribution::kExplicit && !o.counts.empty()) {
    throw_setting("--counts goes with --dist explicit");
  }
  if (o.twin_out.size() && !o.twin) throw_setting("--twin-out goes with --twin");
  // Settings are checked before the (possibly slow) source is read.
  validate_design_settings(spec);

  const Dataset source = load(o.source, cmd);
  parse_class_order(o.order, source.class_names, spec);
  const Variant variant = build_variant(source, o.source.spec, o.source.split, spec);
  std::unique_ptr<Variant> twin;
  if (o.twin) twin = std::make_unique<Variant>(build_balanced_twin(source, variant));

  std::vector<std::string> written;
  if (!o.out.empty()) {
    save_variant(variant, o.out);
    written.push_back(o.out);
    if (twin) {
      const std::string path = o.twin_out.empty() ? twin_path(o.out) : o.twin_out;
      save_variant(*twin, path);
      written.push_back(path);
    }
  }

  if (o.source.json) {
    json j = summary_json(variant);
    j["source"] = o.source.spec;
    j["split"] = o.source.split;
    j["distribution"] = to_string(spec.distribution);
    j["ratio"] = spec.ratio;
    j["sample"] = spec.sample;
    j["seed"] = spec.seed;
    j["available"] = source.class_counts();
    if (twin) j["twin"] = summary_json(*twin);
    j["written"] = written;
    std::cout << j.dump() << "\n";
    return;
  }
  const auto available = source.class_counts();
  const auto ranking = class_ranking(spec, source.num_classes());
  std::printf("%s (%s), %s r=%g s=%g seed %llu\n", o.source.spec.c_str(), o.source.split.c_str(),
              to_string(spec.distribution).c_str(), spec.ratio, spec.sample,
              static_cast<unsigned long long>(spec.seed));
  std::printf("%4s %5s  %-20s %9s %8s%s\n", "rank", "class", "name", "available", "kept",
              twin ? "     twin" : "");
  for (size_t k = 0; k < ranking.size(); ++k) {
    const int64_t c = ranking[k];
    std::printf("%4zu %5lld  %-20s %9lld %8lld", k, static_cast<long long>(c),
                source.class_names[c].c_str(), static_cast<long long>(available[c]),
                static_cast<long long>(variant.counts[c]));
    if (twin) std::printf(" %8lld", static_cast<long long>(twin->counts[c]));
    std::printf("\n");
  }
  const ImbalanceSummary s = variant.summary();
  std::printf(
      "total %lld  ratio achieved %.4f  imbalance factor %.1f  gini %.3f  "
      "effective classes %.2f\n",
      static_cast<long long>(s.total), s.ratio_achieved, s.imbalance_factor, s.gini,
      s.effective_classes);
  std::printf("hash %s%s%s\n", variant.hash.c_str(), twin ? "  twin hash " : "",
              twin ? twin->hash.c_str() : "");
  for (const auto& path : written) std::printf("wrote %s\n", path.c_str());
}

struct ImportOptions {
  SourceOptions source;
  std::string out;
};

void import(const ImportOptions& o, CLI::App* cmd) {
  const auto start = std::chrono::steady_clock::now();
  const Dataset d = load(o.source, cmd);
  {
    TerminalProgress bar(!o.source.json && stderr_is_terminal());
    write_cache(d, CacheInfo{o.source.split, o.source.spec}, o.out, bar.callback());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (o.source.json) {
    json j;
    j["out"] = o.out;
    j["source"] = o.source.spec;
    j["split"] = o.source.split;
    j["total"] = d.size();
    j["classes"] = d.class_names;
    j["counts"] = d.class_counts();
    j["shape"] = {d.shape.channels, d.shape.height, d.shape.width};
    j["seconds"] = seconds;
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf(
      "imported %lld images (%lldx%lldx%lld, %lld classes) from %s (%s) into %s in %.1f s\n",
      static_cast<long long>(d.size()), static_cast<long long>(d.shape.channels),
      static_cast<long long>(d.shape.height), static_cast<long long>(d.shape.width),
      static_cast<long long>(d.num_classes()), o.source.spec.c_str(), o.source.split.c_str(),
      o.out.c_str(), seconds);
}

}  // namespace

void add_data_commands(CLI::App& app, std::function<void()>& action) {
  CLI::App* data = app.add_subcommand("data", "look at sources, design long-tailed variants");
  data->require_subcommand(1);
  data->footer("Sources:\n" + source_forms());

  auto show_opts = std::make_shared<SourceOptions>();
  CLI::App* show_cmd = data->add_subcommand("show", "classes, per-class counts and image shape");
  show_cmd->add_option("source", show_opts->spec, "the source (see below)")->required();
  add_source_options(show_cmd, *show_opts);
  show_cmd->footer("Sources:\n" + source_forms());
  show_cmd->callback([&action, show_opts, show_cmd] {
    action = [show_opts, show_cmd] { show(*show_opts, show_cmd); };
  });

  auto d = std::make_shared<DesignOptions>();
  CLI::App* design_cmd = data->add_subcommand("design", "design a long-tailed variant of a source");
  design_cmd->add_option("--source", d->source.spec, "the source")->capture_default_str();
  add_source_options(design_cmd, d->source);
  design_cmd->add_option("--dist", d->dist, "exp, pareto, step, balanced or explicit")
      ->capture_default_str();
  design_cmd->add_option("--ratio", d->ratio, "r = rarest / most frequent class, in (0, 1]")
      ->capture_default_str();
  design_cmd->add_option("--sample", d->sample, "keep this share s of every class, in (0, 1]")
      ->capture_default_str();
  design_cmd->add_option("--frequent", d->frequent, "step: classes at n_max (default: half)");
  design_cmd->add_option("--max", d->max_per_class,
                         "n_max, images of the most frequent class (default: the smallest "
                         "class of the source)");
  design_cmd->add_option("--pareto-shape", d->pareto_shape, "Pareto tail index")
      ->capture_default_str();
  design_cmd->add_option("--counts", d->counts, "explicit: per-rank counts")->delimiter(',');
  design_cmd
      ->add_option("--order", d->order,
                   "class order from frequent to rare: natural, shuffled, or a "
                   "comma-separated list of class names or indices")
      ->capture_default_str();
  design_cmd->add_option("--seed", d->seed, "draws the images (and a shuffled order)")
      ->capture_default_str();
  design_cmd->add_flag("--twin", d->twin, "also build the balanced twin of the same total");
  design_cmd->add_option("--out", d->out, "write the variant here (JSON with its index list)");
  design_cmd->add_option("--twin-out", d->twin_out, "write the twin here (default: OUT-twin.json)");
  design_cmd->callback(
      [&action, d, design_cmd] { action = [d, design_cmd] { design(*d, design_cmd); }; });

  auto i = std::make_shared<ImportOptions>();
  CLI::App* import_cmd = data->add_subcommand("import", "read a source into a cache file (.ltds)");
  import_cmd->add_option("source", i->source.spec, "the source")->required();
  add_source_options(import_cmd, i->source);
  import_cmd->add_option("--out", i->out, "the cache file to write")->required();
  import_cmd->callback(
      [&action, i, import_cmd] { action = [i, import_cmd] { import(*i, import_cmd); }; });
}

}  // namespace lt::cli
