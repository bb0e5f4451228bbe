#pragma once
// The `cfn` target: CloudFormation templates, one per (account, region), and stacks.json.
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitCfn(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
