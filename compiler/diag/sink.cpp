#include "diag/sink.h"

#include <algorithm>
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
  // Run-level diagnostics (no range) sort last; file ids follow load order, which is stable.
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.range.valid() ? 0 : 1, d.range.file, d.range.offset, std::string(Info(d.kind).code),
                           d.message);
  };
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace topo
