#include "emit/hcl/hcl.h"

namespace topo::emit {

// Not implemented yet: driver::Targets() lists this target as not ready, so it is never called.
OutputFiles EmitHcl(const EmitContext&, DiagSink&) { return {}; }

}  // namespace topo::emit
