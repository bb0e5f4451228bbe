#include "passes/lifecycle.h"

#include <ctime>

#include "passes/lint_util.h"

namespace topo::passes {

namespace {

class LifecycleChecker {
 public:
  LifecycleChecker(const ir::Model& model, const facts::ServiceFacts& facts, const std::string& today, DiagSink& sink)
      : model_(model), facts_(facts), today_(today), sink_(sink) {}

  void Run() {
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      for (const auto& e : facts_.end_of_support()) {
        if (e.kind == r.kind && Matches(r, e)) Report(r, e);
      }
      if (const facts::ManualKind* m = facts_.FindManualKind(r.kind)) {
        Diagnostic& d = sink_.Report(DiagKind::kManualStepRequired, r.name_range, r.kind, r.name);
        d.notes.push_back(m->why);
        d.help = "create it with the runbook's step (or in the console) before applying the Terraform or "
                 "CloudFormation output";
      }
    }
  }

 private:
  bool Matches(const ir::Resource& r, const facts::EndOfSupport& e) const {
    for (const auto& [attr, value] : e.when) {
      auto v = lint::String(r, attr);
      if (!v || *v != value) return false;
    }
    return true;
  }

  SourceRange Site(const ir::Resource& r, const facts::EndOfSupport& e) const {
    for (const auto& [attr, value] : e.when) {
      if (const ir::Value* v = lint::Written(r, attr)) return v->range;
    }
    return r.name_range;
  }

  // Dates are YYYY-MM-DD, so they compare as strings.
  void Report(const ir::Resource& r, const facts::EndOfSupport& e) {
    bool past = !today_.empty() && today_ >= e.end;
    Diagnostic& d = past ? sink_.Report(DiagKind::kPastEndOfSupport, Site(r, e), r.kind, r.name, e.title, e.end)
                         : sink_.Report(DiagKind::kEndOfSupportAnnounced, Site(r, e), r.kind, r.name, e.title, e.end);
    if (!e.facts.empty()) {
      d.notes.push_back(e.facts);
    } else if (!e.no_new_from.empty() && !today_.empty() && today_ >= e.no_new_from) {
      d.notes.push_back(fmt::format("new ones cannot be created since {}", e.no_new_from));
    }
    if (!e.sources.empty()) d.notes.push_back("source: " + e.sources.front());
    if (!e.replacement.empty()) d.help = "move to " + e.replacement;
  }

  const ir::Model& model_;
  const facts::ServiceFacts& facts_;
  std::string today_;
  DiagSink& sink_;
};

}  // namespace

void CheckLifecycle(const ir::Model& model, const facts::ServiceFacts& facts, const std::string& today,
                    DiagSink& sink) {
  LifecycleChecker(model, facts, today, sink).Run();
}

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
  return buffer;
}

}  // namespace topo::passes
