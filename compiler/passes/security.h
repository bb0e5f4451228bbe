#pragma once
#include "diag/sink.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::passes {

// Checks what is exposed, unencrypted or over-privileged. The database-port rule links every
// security group to the databases and caches that use it and reports an ingress rule from
// 0.0.0.0/0 or ::/0 only when its ports include the port that database actually listens on.
// Needs: resolved references and security-group rules; secret literals were reported by the
// schema pass (T0227). Reads only `model`; changes nothing.
// Reports: T0501 DatabasePortOpenToWorld, T0502 AdminPortOpenToWorld,
// T0503 DatabasePubliclyAccessible, T0504 StorageNotEncrypted, T0505 BucketPublicAccessBlockOff,
// T0506 BucketVersioningOff, T0507 IamAdministratorAccess, T0508 IamWildcardAction,
// T0509 IamWildcardResource, T0510 CiAccessKey, T0511 SmtpPort25,
// T0512 SelfHostedDatabasePortOpenToWorld.
void CheckSecurity(const ir::Model& model, DiagSink& sink);

}  // namespace topo::passes
