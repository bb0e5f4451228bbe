#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace topo::testing {

namespace fs = std::filesystem;

std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string MakeTempDir(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  char* made = mkdtemp(buffer.data());
  return made ? std::string(made) : std::string();
}

RunResult RunTopo(const std::vector<std::string>& args, const std::string& cwd, int timeout_seconds) {
  static int counter = 0;
  std::string dir = MakeTempDir("topo-run-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::string command = "cd " + ShellQuote(cwd) + " && timeout " + std::to_string(timeout_seconds) + " " +
                        ShellQuote(TOPO_BINARY);
  for (const auto& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(dir + "/out") + " 2>" + ShellQuote(dir + "/err") + " </dev/null";
  int status = std::system(command.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(dir + "/out");
  r.err = ReadFile(dir + "/err");
  fs::remove_all(dir);
  return r;
}

std::string Diff(const std::string& expected, const std::string& actual) {
  std::string dir = MakeTempDir("topo-diff");
  WriteFile(dir + "/expected", expected);
  WriteFile(dir + "/actual", actual);
  std::string command = "diff -u " + ShellQuote(dir + "/expected") + " " + ShellQuote(dir + "/actual") + " | head -80";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
  }
  fs::remove_all(dir);
  return out;
}

}  // namespace topo::testing
