#pragma once
#include "diag/sink.h"
#include "ir/model.h"

namespace topo::passes {

// Checks that data survives: production databases in more than one availability zone, automated
// backups on, deletion protection on data stores that are meant to be kept (`retain`, the
// default).
// Needs: resolved references. Reads only `model`; changes nothing.
// Reports: T0701 SingleAzProductionDatabase, T0702 BackupsDisabled, T0703 NoDeletionProtection.
void CheckReliability(const ir::Model& model, DiagSink& sink);

}  // namespace topo::passes
