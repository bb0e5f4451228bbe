#include "emit/runbook/runbook.h"

#include "emit/runbook/emitter.h"

namespace topo::emit {

OutputFiles EmitRunbook(const EmitContext& context, DiagSink& sink) {
  runbook::Emitter emitter(context, sink);
  return emitter.Run();
}

}  // namespace topo::emit
