#include <cstdio>
#include <filesystem>
#include <string>

#include "test_support.h"
#include "util/shell_quote.h"

namespace lt {
namespace {

// What /bin/sh prints for `printf '%s|' WORDS`: the words as the shell split them.
std::string words_as_the_shell_reads_them(const std::string& quoted_words) {
  const std::string command = "printf '%s|' " + quoted_words;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  char buffer[256];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

TEST(ShellQuote, EveryWordComesBackByteForByteAsOneWord) {
  test::TempDir dir;
  const std::string canary = dir.file("canary");
  const std::vector<std::string> words = {"plain",
                                          "a; rm -rf ~",
                                          "../../x",
                                          "it's",
                                          "$(touch " + canary + ")",
                                          "`touch " + canary + "`",
                                          "two  spaces",
                                          "tab\there",
                                          "new\nline",
                                          "*",
                                          "\"double\"",
                                          "back\\slash",
                                          "",
                                          "'",
                                          "-n",
                                          "~",
                                          "a|b&c>d<e",
                                          "!bang",
                                          "#hash"};
  for (const auto& word : words) {
    EXPECT_EQ(words_as_the_shell_reads_them(shell_quote(word)), word + "|") << word;
  }
  EXPECT_FALSE(std::filesystem::exists(canary)) << "a quoted word ran a command";
  EXPECT_EQ(words_as_the_shell_reads_them(shell_join({"a b", "c;d", "e"})), "a b|c;d|e|");
}

TEST(ShellQuote, SafeWordsStayReadable) {
  EXPECT_EQ(shell_quote("runs/simsiam_r0.01-seed1"), "runs/simsiam_r0.01-seed1");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
}

}  // namespace
}  // namespace lt
