#pragma once
// The `runbook` target: runbook.sh and teardown.sh: AWS CLI v2 steps in dependency order.
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitRunbook(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
