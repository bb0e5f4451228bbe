#pragma once
// Renders the docs target's topology.dot to topology.svg with Graphviz `dot`, in the driver
// because emitters never run processes (emit/output.h). Runs before the output directory is
// written, so the SVG is staged and replaced together with the rest of the build.
#include <string>
#include <vector>

#include "driver/pipeline.h"

namespace topo::driver {

// For every `topology.dot` among `files` (at any depth), adds the `topology.svg` beside it,
// rendered by `dot -Tsvg`. Returns notes for the user: `dot` is not installed, the graph is too
// large to lay out quickly, or `dot` failed (then no SVG is added; the build still succeeds).
std::vector<std::string> RenderDiagrams(OutputFiles& files);

}  // namespace topo::driver
