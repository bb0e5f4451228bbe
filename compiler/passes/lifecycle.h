#pragma once
#include <string>

#include "diag/sink.h"
#include "facts/services.h"
#include "ir/model.h"

namespace topo::passes {

// Checks the dated lifecycle facts of stdlib/lifecycle.json: services and modes past their end of
// support (T0710) or with an announced end (T0711), compared with `today` (YYYY-MM-DD), and kinds
// that no infrastructure-as-code target can create, so a manual step remains (T0712).
// Needs: resolved attributes. Reads `facts`; changes nothing.
// Reports: T0710 PastEndOfSupport, T0711 EndOfSupportAnnounced, T0712 ManualStepRequired.
void CheckLifecycle(const ir::Model& model, const facts::ServiceFacts& facts, const std::string& today,
                    DiagSink& sink);

// Today's date in UTC as YYYY-MM-DD.
std::string TodayUtc();

}  // namespace topo::passes
