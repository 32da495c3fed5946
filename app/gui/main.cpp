// longtail-lab: the LongTail Lab desktop workbench. Settings and translations are set up here;
// everything else is the MainWindow (widgets/main_window.h).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include "main_window.h"
#include "screenshot_tour.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("LongTail Lab");
  QApplication::setApplicationName("longtail-lab");
  QApplication::setApplicationDisplayName("LongTail Lab");
  QApplication::setApplicationVersion(LONGTAIL_VERSION);
  QApplication::setWindowIcon(QIcon(":/icons/longtail-lab.svg"));
  QApplication::setDesktopFileName("longtail-lab");

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("main",
                              "Does self-supervision protect a representation from "
                              "class imbalance? The LongTail Lab workbench."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption store({"s", "store"},
                                 QApplication::translate("main", "Open this run store."), "FILE");
  const QCommandLineOption language("language",
                                    QApplication::translate("main",
                                                            "Language: en or de (default: "
                                                            "the setting, else the system's)."),
                                    "CODE");
  const QCommandLineOption screenshots(
      "screenshots",
      QApplication::translate("main", "Visit every place, save a PNG of each into DIR, and quit."),
      "DIR");
  parser.addOptions({store, language, screenshots});
  parser.process(app);

  // The language: --language, else the setting, else the system's locale.
  QString code = parser.value(language);
  if (code.isEmpty()) code = QSettings().value("ui/language").toString();
  const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
  QTranslator ours, qt;
  if (ours.load(locale, "longtail", "_", ":/i18n")) QApplication::installTranslator(&ours);
  if (qt.load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qt);

  lt::widgets::MainWindow window(parser.value(store));
  window.show();
  if (parser.isSet(screenshots)) {
    QTimer::singleShot(0, &window, [&window, dir = parser.value(screenshots)] {
      const int failures = lt::widgets::takeScreenshots(window, dir);
      QApplication::exit(failures == 0 ? 0 : 1);
    });
  }
  return QApplication::exec();
}
