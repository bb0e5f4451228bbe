#pragma once
#include "diag/sink.h"
#include "facts/rules.h"
#include "ir/model.h"

namespace topo::passes {

// Applies the project's lint policy to the findings of the earlier passes, last in the pipeline:
// 1. site suppressions: a `suppress = { T0503 = "reason" }` attribute covers findings of that
//    rule whose primary range lies inside the block (nested blocks included); they stay on record
//    as suppressed, with the reason;
// 2. topo.json (`config`): rules turned off are dropped, others get their configured severity.
// Needs: every other pass to have run. `linted` says whether the lint passes ran (they do not on
// a model with errors): without them entries are only validated, and none counts as unused.
// Reads `rules` (which ids exist and may be suppressed).
// Reports: T0790 InvalidSuppression (unknown rule, rule that cannot be suppressed, empty reason),
// T0791 UnusedSuppression (an entry that covers no finding).
void ApplyLintPolicy(const ir::Model& model, const facts::RuleCatalog& rules, const facts::LintConfig& config,
                     bool linted, DiagSink& sink);

}  // namespace topo::passes
