#include "emit/runbook/runbook.h"

namespace topo::emit {

// Not implemented yet: driver::Targets() lists this target as not ready, so it is never called.
OutputFiles EmitRunbook(const EmitContext&, DiagSink&) { return {}; }

}  // namespace topo::emit
