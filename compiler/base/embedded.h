#pragma once
// Files of stdlib/ and templates/ compiled into the binary (see cmake/Embed.cmake), so topo
// runs from any directory without a data path.
#include <string_view>
#include <vector>

namespace topo::embedded {

struct File {
  std::string_view path;  // relative to the repository root, e.g. "stdlib/kinds/vpc.json"
  std::string_view contents;
};

// All embedded files, sorted by path.
const std::vector<File>& Files();

}  // namespace topo::embedded
