#include "emit/cfn/cfn.h"

namespace topo::emit {

// Not implemented yet: driver::Targets() lists this target as not ready, so it is never called.
OutputFiles EmitCfn(const EmitContext&, DiagSink&) { return {}; }

}  // namespace topo::emit
