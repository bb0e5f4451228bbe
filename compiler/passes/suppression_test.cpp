#include "passes/suppression.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::Codes;
using testing::CompileText;
using testing::kOrg;
using Strings = std::vector<std::string>;

const std::string kBucket = std::string(kOrg) + R"(
bucket site {
  block_public_access = false
  suppress = { T0505 = "static website, public on purpose" }
}
)";

TEST(SuppressionTest, KeepsTheFindingMarkedWithItsReason) {
  auto c = CompileText(kBucket);
  EXPECT_EQ(Codes(*c), Strings{});
  auto all = testing::With(*c, "T0505");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].suppressed);
  EXPECT_EQ(all[0].suppression, "static website, public on purpose");
  EXPECT_FALSE(c->sink.has_errors());
}

TEST(SuppressionTest, CoversNestedBlocksAndOnlyTheNamedRule) {
  auto c = CompileText(std::string(kOrg) + R"(
account ops { id = "111111111111" default = true
  suppress = { T0507 = "break-glass role, MFA only" }
  iam_role breakglass { managed_policies = ["AdministratorAccess"] }
  bucket site { block_public_access = false }
}
)");
  EXPECT_EQ(Codes(*c), Strings{"T0505"});
}

TEST(SuppressionTest, SuppressedErrorsDoNotFailTheRun) {
  auto c = CompileText(std::string(kOrg) + R"(
certificate crm {
  domain = "example.com"
  suppress = { T0301 = "imported into us-east-1 by hand as well" }
}
distribution crm { certificate = certificate.crm  origin web { domain_name = "example.com" } }
)");
  // Reported at the distribution, outside the suppressing block: the entry covers nothing.
  EXPECT_EQ(Codes(*c), (Strings{"T0791", "T0301"}));
  auto d = CompileText(std::string(kOrg) + R"(
certificate crm { domain = "example.com" }
distribution crm {
  certificate = certificate.crm
  suppress = { T0301 = "the certificate is imported into us-east-1 by hand as well" }
  origin web { domain_name = "example.com" }
}
)");
  EXPECT_EQ(Codes(*d), Strings{});
  EXPECT_FALSE(d->sink.has_errors());
}

TEST(SuppressionTest, UnknownRulesEmptyReasonsAndUnusedEntries) {
  auto c = CompileText(std::string(kOrg) + R"(
bucket a { suppress = { T9999 = "typo" } }
bucket b { block_public_access = false  suppress = { T0505 = "  " } }
bucket c { suppress = { T0503 = "nothing to suppress here" } }
bucket d { suppress = { T0401 = "not allowed" } }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0790", "T0505", "T0790", "T0791", "T0790"}));
}

TEST(SuppressionTest, ConfigChangesSeveritiesAndTurnsRulesOff) {
  driver::LintOptions off;
  off.config.rules["T0505"] = std::nullopt;
  auto c = CompileText(std::string(kOrg) + "bucket site { block_public_access = false }\n", off);
  EXPECT_EQ(Codes(*c), Strings{});
  driver::LintOptions error;
  error.config.rules["T0505"] = Severity::kError;
  auto d = CompileText(std::string(kOrg) + "bucket site { block_public_access = false }\n", error);
  EXPECT_TRUE(d->sink.has_errors());
  // A suppression of a rule that is turned off is not "unused".
  auto e = CompileText(kBucket + "bucket other { suppress = { T0506 = \"reason\" } }\n", [] {
    driver::LintOptions o;
    o.config.rules["T0506"] = std::nullopt;
    return o;
  }());
  EXPECT_EQ(Codes(*e), Strings{});
}

}  // namespace
}  // namespace topo::passes
