#pragma once
// SARIF 2.1.0 rendering of diagnostic records, for code-scanning tools (GitHub code scanning and
// others). One run; tool.driver.rules carries the metadata of every rule (from the rule catalog,
// or from the kinds registry for rules the catalog does not explain); each result names its rule,
// level, message and location (uri relative to `base_dir`, 1-based lines and columns counted in
// Unicode code points). Suppressed records become results with an in-source `suppressions` entry.
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace topo {

struct SarifRule {
  std::string id;                 // "T0301"
  std::string name;               // "CloudFrontCertificateRegion"
  std::string short_description;  // one line
  std::string full_description;   // a paragraph; may be empty
  std::string help_uri;           // documentation; may be empty
  std::string help;               // how to fix; may be empty
  std::string group;              // tag: placement, network, ...
  Severity level = Severity::kError;
};

struct SarifOptions {
  std::string tool_version;
  std::string information_uri;
  std::string base_dir;           // absolute directory that artifact uris are relative to
};

std::string RenderSarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                        const std::vector<SarifRule>& rules, const SarifOptions& options);

// `path` relative to `base_dir` with '/' separators and URI-unsafe bytes percent-encoded.
std::string RelativeUri(const std::string& path, const std::string& base_dir);

}  // namespace topo
