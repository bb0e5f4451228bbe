#pragma once
// Collects diagnostics of a run. Stages report into a sink and keep going; the driver decides
// what to print and the exit code.
#include <fmt/format.h>

#include <functional>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"

namespace topo {

class DiagSink {
 public:
  explicit DiagSink(size_t max_errors = 1000) : max_errors_(max_errors) {}

  // Builds the message from the kind's pattern and `args`; returns the record so the caller can
  // add a label, help or notes.
  template <typename... Args>
  Diagnostic& Report(DiagKind kind, SourceRange range, Args&&... args) {
    Diagnostic d;
    d.kind = kind;
    d.severity = Info(kind).severity;
    d.message = fmt::format(fmt::runtime(Info(kind).message), std::forward<Args>(args)...);
    d.range = range;
    return Add(std::move(d));
  }

  Diagnostic& Add(Diagnostic d);

  // Lets `revise` change each record (severity, suppression) or drop it (return false), then
  // recounts the errors: suppressed records do not count.
  void Revise(const std::function<bool(Diagnostic&)>& revise);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  size_t error_count() const { return errors_; }
  bool has_errors() const { return errors_ > 0; }
  // True once the error limit is reached; further reports are dropped.
  bool full() const { return errors_ >= max_errors_; }

  // Sorted by file, line, column, code; identical records removed.
  std::vector<Diagnostic> Sorted() const;

 private:
  std::vector<Diagnostic> diagnostics_;
  Diagnostic overflow_;
  size_t errors_ = 0;
  size_t max_errors_;
  bool overflow_reported_ = false;
};

}  // namespace topo
