#include "emit/docs/docs.h"

namespace topo::emit {

// Not implemented yet: driver::Targets() lists this target as not ready, so it is never called.
OutputFiles EmitDocs(const EmitContext&, DiagSink&) { return {}; }

}  // namespace topo::emit
