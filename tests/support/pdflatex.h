// pdflatex for the tests of exported .tex figures: whether it is installed (the tests skip
// without it; scripts/install-deps.sh installs it with pgfplots), and a compile of one file.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace lt::test {

inline bool have_pdflatex() {
  return std::system("command -v pdflatex >/dev/null 2>&1") == 0;
}

// pdflatex in the file's folder (its log in pdflatex.log there); true when it made the PDF.
inline bool compiles(const std::string& tex_path) {
  const std::filesystem::path tex(tex_path);
  const std::string command = "cd '" + tex.parent_path().string() +
                              "' && pdflatex -interaction=nonstopmode -halt-on-error '" +
                              tex.filename().string() + "' >pdflatex.log 2>&1";
  return std::system(command.c_str()) == 0 &&
         std::filesystem::exists(tex.parent_path() / (tex.stem().string() + ".pdf"));
}

}  // namespace lt::test
