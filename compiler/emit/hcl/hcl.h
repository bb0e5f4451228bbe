#pragma once
// The `hcl` target: Terraform for the hashicorp/aws provider v6.
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitHcl(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
