#include "driver/graphviz.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace topo::driver {

namespace {

namespace fs = std::filesystem;

constexpr const char* kDot = "topology.dot";
constexpr const char* kSvg = "topology.svg";
// Larger graphs take dot minutes to lay out; they keep their .dot only.
constexpr size_t kMaxDotBytes = 1 << 20;
constexpr int kTimeoutSeconds = 60;

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    fs::path candidate = fs::path(dir) / program;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `dot -Tsvg` on `source`; returns the SVG, or "" with `error` set.
std::string RunDot(const std::string& dot, const std::string& source, std::string& error) {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / ("topo-dot-" + std::to_string(getpid()));
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create a temporary directory: " + ec.message();
    return "";
  }
  fs::path in = dir / kDot, out = dir / kSvg, err = dir / "stderr";
  {
    std::ofstream f(in, std::ios::binary);
    f.write(source.data(), static_cast<std::streamsize>(source.size()));
  }
  std::string in_s = in.string(), out_s = out.string(), err_s = err.string();
  std::vector<char*> argv = {const_cast<char*>(dot.c_str()), const_cast<char*>("-Tsvg"), const_cast<char*>(in_s.c_str()),
                             const_cast<char*>("-o"), const_cast<char*>(out_s.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, dot.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  std::string svg;
  if (rc != 0) {
    error = "cannot run `" + dot + "`: " + std::strerror(rc);
  } else {
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (done == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      error = "`dot` took longer than " + std::to_string(kTimeoutSeconds) + " s";
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::string text = ReadAll(err);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      error = "`dot` failed" + (text.empty() ? std::string() : ": " + text);
    } else {
      svg = ReadAll(out);
      if (svg.empty()) error = "`dot` wrote no SVG";
    }
  }
  fs::remove_all(dir, ec);
  return svg;
}

}  // namespace

std::vector<std::string> RenderDiagrams(OutputFiles& files) {
  std::vector<std::string> notes;
  std::vector<std::string> sources;
  for (const auto& [path, contents] : files) {
    if (fs::path(path).filename() == kDot) sources.push_back(path);
  }
  if (sources.empty()) return notes;
  std::string dot = FindOnPath("dot");
  for (const auto& path : sources) {
    std::string svg_path = (fs::path(path).parent_path() / kSvg).generic_string();
    if (dot.empty()) {
      notes.push_back("`dot` (Graphviz) is not on PATH, so " + svg_path + " was not written; install Graphviz " +
                      "(scripts/setup.sh does) or run `dot -Tsvg " + path + " -o " + svg_path + "` elsewhere");
      continue;
    }
    const std::string& source = files[path];
    if (source.size() > kMaxDotBytes) {
      notes.push_back(path + " is too large to lay out quickly, so " + svg_path + " was not written; run `dot -Tsvg " + path +
                      " -o " + svg_path + "` if you want it");
      continue;
    }
    std::string error;
    std::string svg = RunDot(dot, source, error);
    if (svg.empty()) {
      notes.push_back(svg_path + " was not written: " + error);
      continue;
    }
    files[svg_path] = std::move(svg);
  }
  return notes;
}

}  // namespace topo::driver
