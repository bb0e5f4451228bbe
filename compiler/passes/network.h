#pragma once
#include "diag/sink.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::passes {

// Checks the address plan and the zones: subnets inside their VPC and disjoint, availability
// zones that exist in the region, Application Load Balancers and DB subnet groups spanning two
// zones, and workloads in private subnets that have no way out (no NAT).
// Needs: resolved references and regions; invalid CIDR blocks were reported by the schema pass
// (T0401) and are skipped here. Reads `catalog` (zone letters per region); changes nothing.
// Reports: T0402 SubnetOutsideVpc, T0403 SubnetsOverlap, T0404 UnknownAvailabilityZone,
// T0405 LoadBalancerSingleAz, T0406 DbSubnetGroupSingleAz, T0407 PrivateSubnetNoEgress.
void CheckNetwork(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink);

}  // namespace topo::passes
