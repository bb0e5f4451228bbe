#include "driver/output.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace topo::driver {

namespace fs = std::filesystem;

std::string WriteOutputDirectory(const std::string& dir, const OutputFiles& files) {
  std::error_code ec;
  fs::path target = fs::path(dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  if (fs::exists(target, ec) && !fs::is_directory(target, ec)) return "`" + dir + "` exists and is not a directory";
  fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return "cannot create `" + parent.string() + "`: " + ec.message();
  std::string suffix = ".topo-" + std::to_string(getpid());
  fs::path staging = parent / (target.filename().string() + suffix + ".new");
  fs::path old = parent / (target.filename().string() + suffix + ".old");
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  if (ec) return "cannot create `" + staging.string() + "`: " + ec.message();
  for (const auto& [relative, contents] : files) {
    fs::path path = staging / relative;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      fs::remove_all(staging, ec);
      return "cannot write `" + (target / relative).string() + "`";
    }
  }
  bool had_old = fs::exists(target, ec);
  if (had_old) {
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      return "cannot replace `" + dir + "`: " + ec.message();
    }
  }
  fs::rename(staging, target, ec);
  if (ec) {
    std::string reason = ec.message();
    if (had_old) fs::rename(old, target, ec);
    fs::remove_all(staging, ec);
    return "cannot move the output into `" + dir + "`: " + reason;
  }
  if (had_old) fs::remove_all(old, ec);
  return "";
}

}  // namespace topo::driver
