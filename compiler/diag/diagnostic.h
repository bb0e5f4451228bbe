#pragma once
// A diagnostic is a record; text, JSON and SARIF are renderings of it (diag/render.h).
#include <string>
#include <vector>

#include "base/source.h"

namespace topo {

enum class Severity { kNote, kWarning, kError };

enum class DiagKind {
#define TOPO_DIAG(code, name, severity, message) k##name,
#include "diag/diagnostic_kinds.def"
#undef TOPO_DIAG
};

struct DiagKindInfo {
  const char* code;      // "T0203"
  const char* name;      // "UnknownName"
  Severity severity;     // default severity
  const char* message;   // fmt pattern
};

const DiagKindInfo& Info(DiagKind kind);
const std::vector<DiagKind>& AllDiagKinds();
const char* SeverityName(Severity severity);

// Another range involved in the diagnostic, with a few words ("first defined here").
struct DiagLabel {
  SourceRange range;
  std::string text;
};

struct Diagnostic {
  DiagKind kind;
  Severity severity;
  std::string message;
  SourceRange range;         // primary range; may be invalid for run-level problems
  std::string range_label;   // words under the caret, optional
  std::vector<DiagLabel> labels;
  std::string help;          // what to change, optional
  std::vector<std::string> notes;
  // A finding the source accepts with a reason (`suppress = { T0503 = "reason" }`): kept on
  // record (SARIF `suppressions`, counted in the text summary) but not printed or counted as a
  // warning or error.
  bool suppressed = false;
  std::string suppression;   // the reason, when suppressed
  std::string code() const { return Info(kind).code; }
};

}  // namespace topo
