#include "passes/network.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::Codes;
using testing::CompileText;
using testing::kOrg;
using Strings = std::vector<std::string>;

TEST(NetworkTest, SubnetOutsideItsVpc) {
  auto c = CompileText(std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet inside { cidr = 10.0.1.0/24 az = "a" }
  subnet outside { cidr = 10.1.0.0/24 az = "a" }
}
)");
  auto found = testing::With(*c, "T0402");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "subnet `outside` (10.1.0.0/24) is outside 10.0.0.0/16 of vpc `main`");
}

TEST(NetworkTest, OverlappingSubnetsReportTheLaterOne) {
  auto c = CompileText(std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet wide { cidr = 10.0.0.0/20 az = "a" }
  subnet apart { cidr = 10.0.16.0/20 az = "b" }
  subnet inner { cidr = 10.0.4.0/24 az = "a" }
}
vpc other {
  cidr = 10.0.0.0/16
  subnet same_range_other_vpc { cidr = 10.0.0.0/20 az = "a" }
}
)");
  auto found = testing::With(*c, "T0403");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "subnet `inner` (10.0.4.0/24) overlaps subnet `wide` (10.0.0.0/20)");
}

TEST(NetworkTest, ZoneLettersComeFromTheRegion) {
  auto c = CompileText(std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet a { cidr = 10.0.0.0/24 az = "a" }
  subnet full { cidr = 10.0.1.0/24 az = "eu-central-1b" }
  subnet missing { cidr = 10.0.2.0/24 az = "d" }
  subnet elsewhere { cidr = 10.0.3.0/24 az = "eu-west-1a" }
  subnet by_id { cidr = 10.0.4.0/24 az = "euc1-az2" }
}
)");
  auto found = testing::With(*c, "T0404");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message, "availability zone `d` does not exist in eu-central-1");
  EXPECT_EQ(found[1].message, "availability zone `eu-west-1a` does not exist in eu-central-1");
}

TEST(NetworkTest, ApplicationLoadBalancerNeedsTwoZones) {
  const std::string vpc = std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet a1 { cidr = 10.0.0.0/24 az = "a" public = true }
  subnet a2 { cidr = 10.0.1.0/24 az = "a" public = true }
  subnet b { cidr = 10.0.2.0/24 az = "b" public = true }
  subnet unknown { cidr = 10.0.3.0/24 public = true }
}
)";
  auto c = CompileText(vpc + R"(
load_balancer one_zone { subnets = [subnet.a1, subnet.a2] }
load_balancer one_subnet { subnets = [subnet.b] }
load_balancer two_zones { subnets = [subnet.a1, subnet.b] }
load_balancer zone_unknown { subnets = [subnet.a1, subnet.unknown] }
load_balancer network { load_balancer_type = "network" subnets = [subnet.b] }
)");
  auto found = testing::With(*c, "T0405");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message, "application load balancer `one_zone` spans only one availability zone (eu-central-1a)");
  EXPECT_EQ(found[1].message, "application load balancer `one_subnet` spans only one subnet");
}

TEST(NetworkTest, DbSubnetGroupNeedsTwoZones) {
  auto c = CompileText(std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet a { cidr = 10.0.0.0/24 az = "a" }
  subnet a2 { cidr = 10.0.1.0/24 az = "a" }
  subnet b { cidr = 10.0.2.0/24 az = "b" }
}
db_subnet_group bad { subnets = [subnet.a, subnet.a2] }
db_subnet_group good { subnets = [subnet.a, subnet.b] }
)");
  EXPECT_EQ(Codes(*c), Strings{"T0406"});
}

TEST(NetworkTest, WorkloadsInPrivateSubnetsNeedANat) {
  const std::string without_nat = std::string(kOrg) + R"(
vpc main {
  cidr = 10.0.0.0/16
  subnet pub { cidr = 10.0.0.0/24 az = "a" public = true }
  subnet priv { cidr = 10.0.1.0/24 az = "a" }
}
iam_role fn { trusted_services = ["lambda.amazonaws.com"] }
lambda_function inside { role = iam_role.fn runtime = "python3.12" handler = "app.handler" subnets = [subnet.priv] }
lambda_function outside { role = iam_role.fn runtime = "python3.12" handler = "app.handler" subnets = [subnet.pub] }
)";
  EXPECT_EQ(testing::With(*CompileText(without_nat), "T0407").size(), 1u);
  // A NAT gateway in the VPC (no route tables declared: topo routes private subnets through it).
  auto with_nat = CompileText(without_nat + "nat_gateway n { vpc = vpc.main subnet = subnet.pub }\n");
  EXPECT_EQ(testing::With(*with_nat, "T0407").size(), 0u);
  // Declared route tables decide: the private subnet's table has no NAT route.
  auto tables = CompileText(without_nat + R"(
nat_gateway n { vpc = vpc.main subnet = subnet.pub }
route_table private { vpc = vpc.main subnets = [subnet.priv] }
)");
  EXPECT_EQ(testing::With(*tables, "T0407").size(), 1u);
  auto routed = CompileText(without_nat + R"(
nat_gateway n { vpc = vpc.main subnet = subnet.pub }
route_table private { vpc = vpc.main subnets = [subnet.priv] route { destination = 0.0.0.0/0 nat_gateway = nat_gateway.n } }
)");
  EXPECT_EQ(testing::With(*routed, "T0407").size(), 0u);
}

}  // namespace
}  // namespace topo::passes
