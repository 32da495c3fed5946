// The screenshot tour (longtail-lab --screenshots DIR, run by scripts/screenshots.sh): loads
// Fashion-MNIST into the designer, launches a smoke-sized pair of runs, waits for them, and
// saves a PNG of every place, so a person can check the whole window at a glance.
#pragma once

#include <QString>

namespace lt::widgets {

class MainWindow;

// Returns the number of places that could not be captured.
int takeScreenshots(MainWindow& window, const QString& folder);

}  // namespace lt::widgets
