#pragma once
// The lint rule catalog (stdlib/rules/*.json) and the project settings that adjust it (topo.json).
// Every rule is a diagnostic kind of diag/diagnostic_kinds.def with the same id, name and default
// severity; the catalog adds what a person needs to act on it: a summary, an explanation with the
// AWS documentation it rests on, and a fix. `topo rules` prints it and SARIF carries it as
// tool.driver.rules metadata.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"

namespace topo::facts {

struct Rule {
  std::string id;            // "T0301", the diagnostic code
  std::string name;          // "CloudFrontCertificateRegion", the diagnostic kind's name
  std::string group;         // placement, network, security, reliability
  Severity severity = Severity::kWarning;  // default severity
  std::string summary;       // one line
  std::string explanation;   // a paragraph
  std::string help;          // how to fix it
  std::vector<std::string> sources;  // AWS documentation (URLs) the rule is based on
  bool configurable = true;  // false: topo.json and `suppress` cannot change or silence it
};

struct RuleGroup {
  std::string name;
  std::string title;
};

class RuleCatalog {
 public:
  // The embedded stdlib/rules/*.json. Malformed data is a program bug: it throws.
  static const RuleCatalog& Builtin();
  // One JSON document per group file (tests).
  static std::unique_ptr<RuleCatalog> FromJson(const std::vector<nlohmann::json>& groups);

  const Rule* Find(std::string_view id) const;
  const std::vector<Rule>& rules() const { return rules_; }  // sorted by id
  const std::vector<RuleGroup>& groups() const { return groups_; }

 private:
  std::vector<Rule> rules_;
  std::vector<RuleGroup> groups_;
};

// Project settings from topo.json:
//   { "rules": { "T0505": "off", "T0703": "note", "T0501": "error" } }
// Only configurable catalog rules may appear.
struct LintConfig {
  // Rule id -> new severity, or nullopt when the rule is turned off.
  std::map<std::string, std::optional<Severity>> rules;
  bool Disabled(const std::string& id) const;
};

// Parses the text of a topo.json; nullopt (and `error`) when it is malformed or names a rule
// that does not exist or cannot be configured.
std::optional<LintConfig> ParseLintConfig(const std::string& text, const RuleCatalog& catalog, std::string& error);

// "error", "warning" or "note"; nullopt for anything else.
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace topo::facts
