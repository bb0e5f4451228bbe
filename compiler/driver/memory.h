#pragma once
// Process-wide memory settings of the executables (topo, topo_bench); see memory.cpp.

namespace topo::driver {

// Makes the allocator take memory from the system in large, huge-page-backed chunks when it can
// (tcmalloc linked, transparent huge pages in `madvise` mode). Call first thing in main().
void UseLargePages();

}  // namespace topo::driver
