#include "driver/pipeline.h"

#include <chrono>
#include <ctime>

#include "emit/cfn/cfn.h"
#include "emit/docs/docs.h"
#include "emit/hcl/hcl.h"
#include "emit/ir_json/ir_json.h"
#include "emit/runbook/runbook.h"
#include "passes/cycles.h"
#include "passes/lifecycle.h"
#include "passes/network.h"
#include "passes/placement.h"
#include "passes/reliability.h"
#include "passes/schema.h"
#include "passes/security.h"
#include "passes/suppression.h"
#include "resolve/resolver.h"

namespace topo::driver {

std::unique_ptr<Compilation> Compile(const std::vector<std::string>& files, const resolve::FileReader& reader,
                                     const facts::Catalog& catalog) {
  return Compile(files, LintOptions{}, reader, catalog);
}

std::unique_ptr<Compilation> Compile(const std::vector<std::string>& files, const LintOptions& lint,
                                     const resolve::FileReader& reader, const facts::Catalog& catalog) {
  auto c = std::make_unique<Compilation>();
  auto lap = std::chrono::steady_clock::now();
  std::clock_t cpu_lap = std::clock();
  auto record = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    std::clock_t cpu_now = std::clock();
    c->timings.push_back({stage, std::chrono::duration<double>(now - lap).count(),
                          static_cast<double>(cpu_now - cpu_lap) / CLOCKS_PER_SEC});
    lap = now;
    cpu_lap = cpu_now;
  };
  c->program = resolve::LoadProgram(files, reader, c->sources, c->sink);
  c->unreadable_input = c->program.unreadable_root;
  record("parse");
  // A program with syntax or import errors stops here: references into a file that failed to
  // parse would only add a cascade of unknown names.
  bool parsed_cleanly = !c->sink.has_errors();
  if (!parsed_cleanly) return c;
  c->model = resolve::Resolve(c->program.view(), catalog, c->sink);
  // The IR holds everything later stages read; the syntax trees are as large again (a third of
  // the peak memory of a 100,000-resource estate), so they go now.
  c->program.files.clear();
  record("resolve");
  // Pass order. Each pass reports and keeps going; they skip what earlier ones found broken.
  passes::CheckSchema(c->model, catalog, c->sink);
  passes::CheckCycles(c->model, c->sink);
  // The lint passes judge a well-formed model only: on top of name or type errors their findings
  // would be guesses (and a cascade).
  bool well_formed = !c->sink.has_errors();
  if (well_formed) {
    const facts::ServiceFacts& services = facts::ServiceFacts::Builtin();
    passes::CheckPlacement(c->model, catalog, services, c->sink);
    passes::CheckNetwork(c->model, catalog, c->sink);
    passes::CheckSecurity(c->model, c->sink);
    passes::CheckReliability(c->model, c->sink);
    passes::CheckLifecycle(c->model, services, lint.today.empty() ? passes::TodayUtc() : lint.today, c->sink);
  }
  passes::ApplyLintPolicy(c->model, facts::RuleCatalog::Builtin(), lint.config, well_formed, c->sink);  // last
  record("passes");
  return c;
}

const std::vector<Target>& Targets() {
  static const std::vector<Target> targets = {
      {"hcl", "Terraform for the hashicorp/aws provider (*.tf)", true},
      {"cfn", "CloudFormation templates, one per account and region, with a deployment order", true},
      {"runbook", "a bash script of AWS CLI v2 commands, with manual steps, and its teardown", true},
      {"docs", "a Markdown handbook and a Graphviz diagram", true},
      {"ir-json", "the resolved resource graph as JSON (for tools and debugging)", true},
  };
  return targets;
}

const Target* FindTarget(const std::string& name) {
  for (const auto& t : Targets()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

OutputFiles Emit(Compilation& c, const std::string& target, const facts::Catalog& catalog) {
  std::vector<Diagnostic> findings = c.sink.Sorted();
  emit::EmitContext context{c.model, catalog, c.sources, findings};
  if (target == "ir-json") return {{"topology.ir.json", emit::EmitIrJson(c.model, c.sources)}};
  if (target == "hcl") return emit::EmitHcl(context, c.sink);
  if (target == "cfn") return emit::EmitCfn(context, c.sink);
  if (target == "runbook") return emit::EmitRunbook(context, c.sink);
  if (target == "docs") return emit::EmitDocs(context, c.sink);
  return {};
}

}  // namespace topo::driver
