#include "passes/suppression.h"

#include <string>
#include <vector>

#include "base/strings.h"

namespace topo::passes {

namespace {

struct Entry {
  ir::ResourceId owner;
  std::string code;
  std::string reason;
  SourceRange range;     // the reason string
  SourceRange block;     // the block it covers
  bool used = false;
};

bool Inside(const SourceRange& inner, const SourceRange& outer) {
  return inner.valid() && outer.valid() && inner.file == outer.file && inner.offset >= outer.offset &&
         inner.end() <= outer.end();
}

class PolicyApplier {
 public:
  PolicyApplier(const ir::Model& model, const facts::RuleCatalog& rules, const facts::LintConfig& config,
                bool linted, DiagSink& sink)
      : model_(model), rules_(rules), config_(config), linted_(linted), sink_(sink) {}

  void Run() {
    CollectEntries();
    if (!entries_.empty()) {
      sink_.Revise([&](Diagnostic& d) {
        Suppress(d);
        return true;
      });
    }
    for (const Entry& e : entries_) {
      if (!linted_ || e.used || config_.Disabled(e.code)) continue;
      Diagnostic& d = sink_.Report(DiagKind::kUnusedSuppression, e.range, "`" + e.code + "`",
                                   model_.at(e.owner).kind + " `" + model_.at(e.owner).name + "`");
      d.help = "remove the entry";
    }
    if (!config_.rules.empty()) {
      sink_.Revise([&](Diagnostic& d) {
        auto it = config_.rules.find(d.code());
        if (it == config_.rules.end()) return true;
        if (!it->second) return false;  // "off"
        d.severity = *it->second;
        return true;
      });
    }
  }

 private:
  void CollectEntries() {
    for (const auto& r : model_.resources) {
      const ir::Attribute* a = r.Find("suppress");
      if (a == nullptr || a->value.kind != ir::Value::Kind::kMap) continue;  // a non-map is a schema error
      for (const auto& [code, reason] : a->value.entries) {
        const facts::Rule* rule = rules_.Find(code);
        if (rule == nullptr) {
          std::vector<std::string> ids;
          for (const auto& x : rules_.rules()) ids.push_back(x.id);
          std::string close = ClosestMatch(code, ids);
          Diagnostic& d = sink_.Report(DiagKind::kInvalidSuppression, reason.range,
                                       fmt::format("`{}` is not a lint rule{}", code,
                                                   close.empty() ? "" : "; did you mean `" + close + "`?"));
          d.help = "`topo rules` lists the rules that can be suppressed";
          continue;
        }
        if (!rule->configurable) {
          Diagnostic& d = sink_.Report(DiagKind::kInvalidSuppression, reason.range,
                                       fmt::format("rule `{}` cannot be suppressed", code));
          d.help = "fix the finding instead";
          continue;
        }
        if (reason.kind != ir::Value::Kind::kString) continue;  // reported by the schema pass
        std::string text = reason.text;
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
          Diagnostic& d = sink_.Report(DiagKind::kInvalidSuppression, reason.range,
                                       fmt::format("the suppression of `{}` gives no reason", code));
          d.help = "say why the finding is acceptable here, e.g. \"data may be lost: analysis copy\"";
          continue;
        }
        entries_.push_back({r.id, code, text, reason.range, r.range});
      }
    }
  }

  void Suppress(Diagnostic& d) {
    if (d.suppressed) return;
    std::string code = d.code();
    // The innermost block that suppresses this rule and contains the finding.
    Entry* best = nullptr;
    for (Entry& e : entries_) {
      if (e.code != code || !Inside(d.range, e.block)) continue;
      if (best == nullptr || e.block.length < best->block.length) best = &e;
    }
    if (best == nullptr) return;
    best->used = true;
    d.suppressed = true;
    d.suppression = best->reason;
  }

  const ir::Model& model_;
  const facts::RuleCatalog& rules_;
  const facts::LintConfig& config_;
  bool linted_;
  DiagSink& sink_;
  std::vector<Entry> entries_;
};

}  // namespace

void ApplyLintPolicy(const ir::Model& model, const facts::RuleCatalog& rules, const facts::LintConfig& config,
                     bool linted, DiagSink& sink) {
  PolicyApplier(model, rules, config, linted, sink).Run();
}

}  // namespace topo::passes
