// libFuzzer target for the whole pipeline: the input is one .topo file; it is parsed, resolved
// and checked, and when it compiles cleanly every ready target is emitted. Any crash, hang,
// sanitizer report or uncaught exception is a bug; the input becomes a regression case in
// tests/fuzz/regressions/ (replayed by the normal test suite).
#include <cstddef>
#include <cstdint>
#include <string>

#include "driver/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  topo::resolve::FileReader reader = [&text](const std::string& path, std::string& error) -> std::optional<std::string> {
    if (path == "fuzz.topo") return text;
    error = "no such file";  // imports of other files fail cleanly
    return std::nullopt;
  };
  auto compilation = topo::driver::Compile({"fuzz.topo"}, reader);
  if (compilation->sink.has_errors()) return 0;
  for (const auto& target : topo::driver::Targets()) {
    if (target.ready) topo::driver::Emit(*compilation, target.name);
  }
  return 0;
}
