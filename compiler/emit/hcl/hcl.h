#pragma once
// The `hcl` target: Terraform for the hashicorp/aws provider v6.
//
// Files: versions.tf (required versions, the S3 backend of a `terraform_state`), providers.tf
// (one `provider "aws"` per account: the default account's is the default provider, the others
// have an alias and assume a role), variables.tf (params; secrets are sensitive), outputs.tf
// (endpoints, name servers, DNS records to add at outside registrars), one file per concern
// (network.tf, compute.tf, data.tf, edge.tf, dns.tf, email.tf, iam.tf, ...) and MANUAL.md (steps
// without an API: manual_step blocks, kinds Terraform cannot create, records at outside DNS
// hosts). Regional resources outside their provider's region carry the v6 `region` argument.
// The kind -> resource mapping tables are stdlib/terraform/*.json (emit/hcl/mapping.h).
//
// Needs a model without errors. Reports: T0601 no-terraform-resource (a kind written to
// MANUAL.md instead), T0602 manual-steps, T0603 attribute-not-in-terraform.
#include "diag/sink.h"
#include "emit/output.h"

namespace topo::emit {

OutputFiles EmitHcl(const EmitContext& context, DiagSink& sink);

}  // namespace topo::emit
