#pragma once
#include "diag/sink.h"
#include "facts/catalog.h"
#include "facts/services.h"
#include "ir/model.h"

namespace topo::passes {

// Checks that each resource sits in a region that offers its service, and that its consumers can
// use it there: CloudFront certificates, CLOUDFRONT web ACLs and Lambda@Edge functions in
// us-east-1, load balancer certificates in the balancer's region, SES receiving and WorkMail only
// where offered, no reference from one region to a regional resource of another, no public
// Aurora Serverless v1 cluster.
// Needs: resolved references and regions. Reads `catalog` and `facts` (stdlib/services.json);
// changes nothing in `model`.
// Reports: T0301 CloudFrontCertificateRegion, T0302 LoadBalancerCertificateRegion,
// T0303 CloudFrontWebAclRegion, T0304 WebAclScopeMismatch, T0305 LambdaEdgeRegion,
// T0306 SesReceivingRegion, T0307 WorkMailRegion, T0308 ServiceNotInRegion,
// T0309 CrossRegionReference, T0310 AuroraServerlessPublic.
void CheckPlacement(const ir::Model& model, const facts::Catalog& catalog, const facts::ServiceFacts& facts,
                    DiagSink& sink);

}  // namespace topo::passes
