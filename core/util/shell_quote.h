// Quoting a word for a POSIX shell (sh, bash): run names, plan fields and paths that end up in
// job scripts must stay one word and never run anything, whatever characters they hold.
#pragma once

#include <string>
#include <vector>

namespace lt {

// `word` as one shell word that the shell reads back byte for byte: wrapped in single quotes,
// each single quote written as '\''. Words made only of safe characters ([A-Za-z0-9_./=:@%+,-])
// stay as they are, so scripts remain readable. An empty word becomes ''.
std::string shell_quote(const std::string& word);

// Each word quoted and joined with single spaces: a command line for a script.
std::string shell_join(const std::vector<std::string>& words);

}  // namespace lt
