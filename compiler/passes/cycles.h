#pragma once
#include "diag/sink.h"
#include "ir/model.h"

namespace topo::passes {

// Finds dependency cycles among resources: A needs B's id to be created and B needs A's. Rules
// of security groups are excluded (groups that allow each other are normal; emitters create
// such rules after both groups). Each cycle is reported once, at its first resource.
// Needs: resolved references. Reports: T0216.
void CheckCycles(const ir::Model& model, DiagSink& sink);

}  // namespace topo::passes
