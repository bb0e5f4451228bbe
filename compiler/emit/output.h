#pragma once
// What every emitter takes and returns. Emitters never touch the file system: they return the
// files of their target by path relative to the output directory, and driver/ writes the
// directory atomically. They may report warnings (e.g. a kind a target cannot create).
#include <map>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::emit {

using OutputFiles = std::map<std::string, std::string>;

struct EmitContext {
  const ir::Model& model;
  const facts::Catalog& catalog;
  const SourceManager& sources;
  // Findings of the checks so far (lint warnings, notes), sorted; the docs handbook lists them.
  const std::vector<Diagnostic>& findings;
};

}  // namespace topo::emit
