#pragma once
#include "diag/sink.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::passes {

// Checks every resource against its kind's schema in stdlib/: attribute names (with a "did you
// mean"), value types, allowed values, numeric ranges, CIDR syntax, reference kinds, required
// attributes, nested blocks and their labels, and that secrets come from secret parameters.
// Needs: resolved names. Reads `catalog`; changes nothing in `model`.
// Reports: T0204, T0220-T0227, T0231, T0401.
void CheckSchema(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink);

}  // namespace topo::passes
