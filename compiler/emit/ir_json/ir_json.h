#pragma once
// The IR as deterministic JSON: resources in declaration order, attributes in source order,
// references as {"ref": "kind.name", "attr": "..."}. For tools, tests and debugging.
#include <string>

#include "base/source.h"
#include "ir/model.h"

namespace topo::emit {

std::string EmitIrJson(const ir::Model& model, const SourceManager& sources);

}  // namespace topo::emit
