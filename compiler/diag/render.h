#pragma once
// Renderings of diagnostic records: compiler-style text for people, JSON for tools (SARIF is in
// diag/sarif.h). Suppressed records are left out of the text and kept, marked, in JSON.
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace topo {

struct TextOptions {
  bool color = false;
};

std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                       const TextOptions& options = {});
std::string RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

}  // namespace topo
