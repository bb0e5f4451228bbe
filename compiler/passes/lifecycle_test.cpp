#include "passes/lifecycle.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::CompileText;
using Strings = std::vector<std::string>;

const char* kWorkMail = R"(organization o { default_region = "eu-west-1" }
workmail_organization mail { }
)";

TEST(LifecycleTest, EndOfSupportDependsOnTheDate) {
  driver::LintOptions before;
  before.today = "2026-11-01";
  auto c = CompileText(kWorkMail, before);
  EXPECT_EQ(testing::Codes(*c), (Strings{"T0711", "T0712"}));
  driver::LintOptions after;
  after.today = "2027-03-31";
  auto d = CompileText(kWorkMail, after);
  EXPECT_EQ(testing::Codes(*d), (Strings{"T0710", "T0712"}));
}

TEST(LifecycleTest, ModesAreSelectedByAttribute) {
  auto c = CompileText(R"(organization o { default_region = "us-east-1" }
db_cluster v1 { engine = "aurora-postgresql" engine_mode = "serverless" deletion_protection = true }
db_cluster v2 { engine = "aurora-postgresql" engine_mode = "serverless_v2" storage_encrypted = true deletion_protection = true }
)");
  auto found = testing::With(*c, "T0710");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message,
            "db_cluster `v1` uses Aurora Serverless v1, which reached its end of support on 2025-03-31");
  EXPECT_EQ(testing::Codes(*c), Strings{"T0710"});
}

TEST(LifecycleTest, TodayIsAnIsoDate) {
  std::string today = TodayUtc();
  ASSERT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
  EXPECT_EQ(today[7], '-');
}

}  // namespace
}  // namespace topo::passes
