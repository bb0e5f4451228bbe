#include "emit/hcl/hcl.h"

#include "emit/hcl/hcl_emitter.h"

namespace topo::emit {

OutputFiles EmitHcl(const EmitContext& context, DiagSink& sink) {
  hcl::Emitter emitter(context, sink);
  return emitter.Run();
}

}  // namespace topo::emit
