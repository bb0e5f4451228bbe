#include "base/cidr.h"

#include <gtest/gtest.h>

namespace topo {
namespace {

TEST(CidrTest, ParsesAndComparesIpv4) {
  std::string error;
  auto vpc = ParseCidr("10.0.0.0/16", error);
  auto subnet = ParseCidr("10.0.16.0/20", error);
  auto outside = ParseCidr("10.1.0.0/24", error);
  ASSERT_TRUE(vpc && subnet && outside);
  EXPECT_TRUE(vpc->Contains(*subnet));
  EXPECT_FALSE(vpc->Contains(*outside));
  EXPECT_TRUE(subnet->Overlaps(*vpc));
  EXPECT_FALSE(subnet->Overlaps(*outside));
}

TEST(CidrTest, RejectsHostBitsWithTheNetworkAddress) {
  std::string error;
  EXPECT_FALSE(ParseCidr("10.0.0.5/16", error));
  EXPECT_NE(error.find("10.0.0.0/16"), std::string::npos) << error;
}

TEST(CidrTest, RejectsMalformedInput) {
  std::string error;
  EXPECT_FALSE(ParseCidr("10.0.0.0", error));
  EXPECT_FALSE(ParseCidr("300.0.0.0/8", error));
  EXPECT_FALSE(ParseCidr("10.0.0.0/33", error));
  EXPECT_FALSE(ParseCidr("10.0.0.0/x", error));
}

TEST(CidrTest, HandlesIpv6Anywhere) {
  std::string error;
  auto any = ParseCidr("::/0", error);
  ASSERT_TRUE(any);
  EXPECT_TRUE(any->v6);
  EXPECT_TRUE(any->IsAnywhere());
  EXPECT_EQ(any->ToString(), "::/0");
}

}  // namespace
}  // namespace topo
