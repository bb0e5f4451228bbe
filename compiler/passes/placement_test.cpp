#include "passes/placement.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::Codes;
using testing::CompileText;
using testing::kOrg;
using Strings = std::vector<std::string>;

TEST(PlacementTest, RejectsCloudFrontCertificateOutsideUsEast1) {
  auto c = CompileText(std::string(kOrg) + R"(
certificate crm { domain = "example.com" }
distribution crm {
  certificate = certificate.crm
  origin web { domain_name = "example.com" }
}
)");
  EXPECT_EQ(Codes(*c), Strings{"T0301"});
  auto d = testing::With(*c, "T0301");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "distribution `crm` uses certificate `crm`, which is in eu-central-1");
}

TEST(PlacementTest, AcceptsCloudFrontCertificateInUsEast1) {
  auto c = CompileText(std::string(kOrg) + R"(
region "us-east-1" { certificate crm { domain = "example.com" } }
distribution crm {
  certificate = certificate.crm
  origin web { domain_name = "example.com" }
}
)");
  EXPECT_EQ(Codes(*c), Strings{});
}

TEST(PlacementTest, LoadBalancerCertificateMustShareItsRegion) {
  const std::string base = std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet a { cidr = 10.0.0.0/24 az = "a" public = true }
  subnet b { cidr = 10.0.1.0/24 az = "b" public = true }
}
load_balancer web { subnets = [subnet.a, subnet.b] }
)";
  auto wrong = CompileText(base + R"(
region "us-east-1" { certificate cf { domain = "example.com" } }
listener https { load_balancer = load_balancer.web port = 443 certificate = certificate.cf }
)");
  EXPECT_EQ(Codes(*wrong), Strings{"T0302"});  // not also T0309
  auto right = CompileText(base + R"(
certificate lb { domain = "example.com" }
listener https { load_balancer = load_balancer.web port = 443 certificate = certificate.lb }
)");
  EXPECT_EQ(Codes(*right), Strings{});
}

TEST(PlacementTest, CloudFrontWebAclScopeAndRegion) {
  auto c = CompileText(std::string(kOrg) + R"(
waf_web_acl edge { scope = "CLOUDFRONT" }
waf_web_acl regional { scope = "REGIONAL" }
distribution a { web_acl = waf_web_acl.edge  origin o { domain_name = "example.com" } }
distribution b { web_acl = waf_web_acl.regional  origin o { domain_name = "example.com" } }
region "us-east-1" { waf_web_acl fine { scope = "CLOUDFRONT" } }
distribution ok { web_acl = waf_web_acl.fine  origin o { domain_name = "example.com" } }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0303", "T0304"}));
}

TEST(PlacementTest, LambdaEdgeIsRecognisedByItsRoleTrust) {
  const std::string roles = R"(
iam_role edge { trusted_services = ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }
iam_role plain { trusted_services = ["lambda.amazonaws.com"] }
)";
  auto c = CompileText(std::string(kOrg) + roles + R"(
lambda_function rewrite { role = iam_role.edge runtime = "nodejs20.x" handler = "index.handler" }
lambda_function worker { role = iam_role.plain runtime = "nodejs20.x" handler = "index.handler" }
region "us-east-1" { lambda_function headers { role = iam_role.edge runtime = "nodejs20.x" handler = "i.h" } }
)");
  auto found = testing::With(*c, "T0305");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "Lambda@Edge function `rewrite` is in eu-central-1");
}

TEST(PlacementTest, SesReceivingAndWorkMailOnlyWhereOffered) {
  auto c = CompileText(R"(organization o { default_region = "eu-south-1" }
ses_domain "a.example.com" { receive = true }
ses_domain "b.example.com" { }
ses_receipt_rule_set main { }
workmail_organization mail { }
region "eu-west-1" {
  ses_domain "c.example.com" { receive = true }
  workmail_organization ok { }
}
)");
  EXPECT_EQ(testing::With(*c, "T0306").size(), 2u);  // a.example.com and the rule set
  EXPECT_EQ(testing::With(*c, "T0307").size(), 1u);
}

TEST(PlacementTest, ServiceMissingFromRegion) {
  auto c = CompileText(R"(organization o { default_region = "ap-east-1" }
ses_email "me@example.com" { }
sns_topic t { }
)");
  EXPECT_EQ(Codes(*c), Strings{"T0308"});
}

TEST(PlacementTest, SecurityGroupOfAVpcElsewhere) {
  auto c = CompileText(std::string(kOrg) + R"(
region "eu-west-1" { vpc other { cidr = 10.1.0.0/16 } }
vpc home { cidr = 10.0.0.0/16 }
security_group far { vpc = vpc.other }
security_group near { vpc = vpc.home }
security_group nested in vpc.other { }
)");
  auto found = testing::With(*c, "T0309");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "security_group `far` in eu-central-1 uses vpc `other` in eu-west-1");
}

TEST(PlacementTest, CrossRegionExceptionsFromData) {
  auto c = CompileText(std::string(kOrg) + R"(
sns_topic alerts { }
iam_role fn { trusted_services = ["lambda.amazonaws.com"] }
region "us-east-1" {
  lambda_function f { role = iam_role.fn runtime = "python3.12" handler = "a.b" }
  sns_topic t { sns_subscription s { protocol = "lambda" endpoint = lambda_function.f.arn } }
  vpc v { cidr = 10.0.0.0/16 depends_on = [sns_topic.alerts] }
}
)");
  EXPECT_EQ(testing::With(*c, "T0309").size(), 0u);
}

TEST(PlacementTest, AuroraServerlessV1CannotBePublic) {
  auto c = CompileText(std::string(kOrg) + R"(
db_cluster v1 { engine = "aurora-postgresql" engine_mode = "serverless" publicly_accessible = true
                deletion_protection = true }
)");
  EXPECT_EQ(testing::With(*c, "T0310").size(), 1u);
  EXPECT_EQ(testing::With(*c, "T0503").size(), 0u);  // one message for one problem
}

}  // namespace
}  // namespace topo::passes
