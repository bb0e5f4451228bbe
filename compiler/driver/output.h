#pragma once
// Writes an output directory all at once: files go to a fresh sibling directory, which replaces
// DIR by rename only when everything was written. A failure leaves DIR exactly as it was.
#include <string>

#include "driver/pipeline.h"

namespace topo::driver {

// Returns "" on success, else a short reason.
std::string WriteOutputDirectory(const std::string& dir, const OutputFiles& files);

}  // namespace topo::driver
