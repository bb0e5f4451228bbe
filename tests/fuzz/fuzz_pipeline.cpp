// libFuzzer target for the whole pipeline: the input is one .topo file; it is parsed, resolved
// and checked, its diagnostics are rendered (text and JSON), and when it compiles cleanly
// every ready target is emitted. Any crash, hang, leak, sanitizer report or uncaught exception is
// a bug; the input becomes a regression case in tests/fuzz/regressions/ (replayed by the normal
// test suite, tests/robustness_test.cpp). It also holds the hand-written reader to the ANTLR
// parser on every input the reader accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/render.h"
#include "driver/pipeline.h"
#include "parse/fast_parser.h"
#include "parse/parser.h"

namespace {

// The hand-written reader must build what the ANTLR parser builds on whatever it accepts (the
// pipeline below sees only one of them): a difference aborts, and libFuzzer keeps the input.
void CheckReadersAgree(const std::string& text) {
  topo::SourceManager sources;
  topo::FileId id = sources.Add("fuzz.topo", text);
  topo::DiagSink probe;
  // ParseFile's own checks (size, UTF-8) come first; the readers only see what passes them.
  if (topo::parse::ParseFile(sources, id, probe) == nullptr) return;
  topo::DiagSink fast_sink, antlr_sink;
  auto fast = topo::parse::FastParse(text, id, fast_sink);
  if (fast == nullptr) return;
  auto antlr = topo::parse::ParseFileWithAntlr(sources, id, antlr_sink);
  if (antlr == nullptr || topo::ast::Dump(*fast) != topo::ast::Dump(*antlr) ||
      fast_sink.diagnostics().size() != antlr_sink.diagnostics().size()) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  CheckReadersAgree(text);
  topo::resolve::FileReader reader = [&text](const std::string& path, std::string& error) -> std::optional<std::string> {
    if (path == "fuzz.topo") return text;
    error = "no such file";  // imports of other files fail cleanly
    return std::nullopt;
  };
  topo::driver::LintOptions lint;
  lint.today = "2026-01-01";  // lifecycle findings must not depend on the day of the run
  auto compilation = topo::driver::Compile({"fuzz.topo"}, lint, reader);
  if (!compilation->sink.has_errors()) {
    for (const auto& target : topo::driver::Targets()) {
      if (target.ready) topo::driver::Emit(*compilation, target.name);
    }
  }
  std::vector<topo::Diagnostic> diagnostics = compilation->sink.Sorted();
  topo::RenderText(diagnostics, compilation->sources);
  topo::RenderJson(diagnostics, compilation->sources);
  return 0;
}
