#pragma once
// Helpers for tests that run the real `topo` binary.
#include <string>
#include <vector>

namespace topo::testing {

struct RunResult {
  int exit_code = -1;   // 124 = timed out
  std::string out;
  std::string err;
};

// Runs TOPO_BINARY with `args` in `cwd`, with a time limit; captures stdout and stderr.
RunResult RunTopo(const std::vector<std::string>& args, const std::string& cwd, int timeout_seconds = 20);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);
// A fresh empty directory under the system temp dir.
std::string MakeTempDir(const std::string& prefix);
// Shell-quotes one word.
std::string ShellQuote(const std::string& word);
// A unified diff of two texts (via diff -u), for failure messages.
std::string Diff(const std::string& expected, const std::string& actual);

}  // namespace topo::testing
