#pragma once
// topology.dot: the estate as a Graphviz digraph. Clusters nest account > region > VPC > subnet;
// resources are nodes inside the innermost cluster they belong to; security-group rules are red
// "traffic" edges labelled with protocol and ports (from CIDR ranges, parameters or other
// groups); every other reference is a dashed grey edge labelled with the attribute it comes from.
#include <string>
#include <string_view>

#include "emit/output.h"

namespace topo::emit::docs {

std::string EmitTopologyDot(const EmitContext& context);

// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`.
std::string DotQuote(std::string_view text);

}  // namespace topo::emit::docs
