#pragma once
// The `docs` target: the Markdown handbook (README.md) and topology.dot.
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitDocs(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
