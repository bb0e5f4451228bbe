#include "diag/sink.h"

#include <algorithm>
#include <cstring>
#include <tuple>

namespace topo {

namespace {
const DiagKindInfo kInfos[] = {
#define TOPO_DIAG(code, name, severity, message) {#code, #name, Severity::k##severity, message},
#include "diag/diagnostic_kinds.def"
#undef TOPO_DIAG
};
}  // namespace

const DiagKindInfo& Info(DiagKind kind) { return kInfos[static_cast<size_t>(kind)]; }

const std::vector<DiagKind>& AllDiagKinds() {
  static const std::vector<DiagKind> kinds = [] {
    std::vector<DiagKind> v;
    for (size_t i = 0; i < sizeof(kInfos) / sizeof(kInfos[0]); ++i) v.push_back(static_cast<DiagKind>(i));
    return v;
  }();
  return kinds;
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

Diagnostic& DiagSink::Add(Diagnostic d) {
  if (full()) {
    if (!overflow_reported_) {
      overflow_reported_ = true;
      Diagnostic o;
      o.kind = DiagKind::kTooManyDiagnostics;
      o.severity = Severity::kError;
      o.message = fmt::format("too many errors; stopping after {}", max_errors_);
      // Where the first error that is not shown is (file:line:col); it sorts last all the same.
      o.range = d.range;
      if (o.range.valid()) o.range_label = "the first error not reported is here";
      o.help = "fix the errors above and run topo again";
      diagnostics_.push_back(std::move(o));
    }
    overflow_ = std::move(d);
    return overflow_;
  }
  if (d.severity == Severity::kError && !d.suppressed) ++errors_;
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

void DiagSink::Revise(const std::function<bool(Diagnostic&)>& revise) {
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics_.size());
  errors_ = 0;
  for (auto& d : diagnostics_) {
    if (!revise(d)) continue;
    if (d.severity == Severity::kError && !d.suppressed) ++errors_;
    kept.push_back(std::move(d));
  }
  diagnostics_ = std::move(kept);
}

std::vector<Diagnostic> DiagSink::Sorted() const {
  std::vector<Diagnostic> out = diagnostics_;
  // Run-level diagnostics (no range) sort last, and "too many errors" after them; file ids follow
  // load order, which is stable. Compared field by field, without building strings: emitters
  // call this once each, on models with tens of thousands of findings.
  auto rank = [](const Diagnostic& d) { return d.kind == DiagKind::kTooManyDiagnostics ? 2 : d.range.valid() ? 0 : 1; };
  auto compare = [&](const Diagnostic& a, const Diagnostic& b) {
    auto ka = std::make_tuple(rank(a), a.range.file, a.range.offset);
    auto kb = std::make_tuple(rank(b), b.range.file, b.range.offset);
    if (ka != kb) return ka < kb ? -1 : 1;
    if (a.kind != b.kind) {
      int c = std::strcmp(Info(a.kind).code, Info(b.kind).code);
      if (c != 0) return c;
    }
    return a.message.compare(b.message);
  };
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) { return compare(a, b) < 0; });
  out.erase(std::unique(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) { return compare(a, b) == 0; }),
            out.end());
  return out;
}

}  // namespace topo
