#pragma once
// The `cfn` target: CloudFormation templates, one per (account, region) stack, and
//   stacks.json  the stacks in deployment order: account, region, template, parameters, and the
//                values each takes from stacks deployed before it
//   DEPLOY.md    how to deploy them in order with `aws cloudformation deploy`
//   MANUAL.md    what CloudFormation cannot do (WorkMail, console-only settings, manual_step blocks)
// Which stack each resource goes into is decided by emit/cfn/plan.h; how each kind maps to AWS::
// types is data (stdlib/cloudformation/kinds/*.json) plus emit/cfn/kinds.cpp.
// Reports: T0620 CfnKindNotSupported, T0621 CfnSettingNotSupported, T0622 CfnValueNotReadable
// (warnings; each also becomes a step in MANUAL.md).
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitCfn(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
