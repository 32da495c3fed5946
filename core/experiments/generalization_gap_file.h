// A measured pre-training generalisation gap kept beside its run (generalization-gap.json), so
// the Compare place and a resumed Table 1 can read it without LibTorch or a second measurement.
// Torch-free: the GUI reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eval/generalization_gap.h"

namespace lt {

inline constexpr const char* kGeneralizationGapFile = "generalization-gap.json";
// The run store's artifact kind for that file.
inline constexpr const char* kGeneralizationGapArtifact = "generalization-gap";

// The one JSON form of a gap (the file's, and `longtail gengap --json`'s): the gaps, the losses
// they come from, the classes of each group, the passes and `heldout_per_class` (0: the whole
// test split). A gap that could not be computed is null.
std::string generalization_gap_json(const GeneralizationGap& gap, int64_t heldout_per_class = 0);

// Writes `run_dir`/generalization-gap.json atomically and returns its path.
// `heldout_per_class` (0: the whole test split) is kept so a reader knows how it was measured.
std::string save_generalization_gap(const std::string& run_dir, const GeneralizationGap& gap,
                                    int64_t heldout_per_class = 0);

// The gap saved in `run_dir`; nullopt when there is none or the file is damaged (measuring
// again writes it anew). A gap that could not be computed (no rare image held out) reads NaN.
std::optional<GeneralizationGap> load_generalization_gap(const std::string& run_dir);

}  // namespace lt
