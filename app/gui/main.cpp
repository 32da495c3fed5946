// longtail-lab: the LongTail Lab desktop workbench. For now it opens onto the dataset
// designer's live preview; the run launcher, live plots and comparisons join it later.
#include <QApplication>
#include <QMainWindow>

#include "design_preview.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("LongTail Lab");
  QApplication::setApplicationVersion(LONGTAIL_VERSION);
  QMainWindow window;
  window.setWindowTitle(QApplication::translate("main", "LongTail Lab: dataset designer"));
  window.setCentralWidget(new lt::widgets::DesignPreview);
  window.resize(1000, 560);
  window.show();
  return QApplication::exec();
}
