#include "facts/rules.h"

#include <gtest/gtest.h>

#include <set>

#include "facts/catalog.h"
#include "facts/services.h"

namespace topo::facts {
namespace {

bool IsLintCode(const std::string& code) {
  return code.rfind("T03", 0) == 0 || code.rfind("T04", 0) == 0 || code.rfind("T05", 0) == 0 ||
         code.rfind("T07", 0) == 0;
}

TEST(RuleCatalogTest, EveryRuleIsADiagnosticKindWithTheSameNameAndSeverity) {
  std::map<std::string, const DiagKindInfo*> kinds;
  for (DiagKind k : AllDiagKinds()) kinds[Info(k).code] = &Info(k);
  for (const Rule& r : RuleCatalog::Builtin().rules()) {
    auto it = kinds.find(r.id);
    ASSERT_NE(it, kinds.end()) << r.id << " is not in diagnostic_kinds.def";
    EXPECT_EQ(r.name, it->second->name) << r.id;
    EXPECT_EQ(r.severity, it->second->severity) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_FALSE(r.explanation.empty()) << r.id;
    EXPECT_FALSE(r.help.empty()) << r.id;
    bool documented = false;
    for (const auto& s : r.sources) documented |= s.rfind("https://", 0) == 0;
    EXPECT_TRUE(documented) << r.id << " names no documentation URL";
  }
}

TEST(RuleCatalogTest, EveryLintKindIsExplained) {
  for (DiagKind k : AllDiagKinds()) {
    std::string code = Info(k).code;
    if (IsLintCode(code)) {
      EXPECT_NE(RuleCatalog::Builtin().Find(code), nullptr) << code;
    }
  }
  EXPECT_NE(RuleCatalog::Builtin().Find("T0227"), nullptr);
  EXPECT_EQ(RuleCatalog::Builtin().Find("T0201"), nullptr);
}

TEST(RuleCatalogTest, ConfigNamesRulesAndSeverities) {
  const auto& rules = RuleCatalog::Builtin();
  std::string error;
  auto config = ParseLintConfig(R"({"rules": {"T0505": "off", "T0703": "note", "T0501": "error"}})", rules, error);
  ASSERT_TRUE(config) << error;
  EXPECT_TRUE(config->Disabled("T0505"));
  EXPECT_EQ(config->rules.at("T0703"), Severity::kNote);
  EXPECT_EQ(config->rules.at("T0501"), Severity::kError);
  EXPECT_FALSE(ParseLintConfig(R"({"rules": {"T9999": "off"}})", rules, error));
  EXPECT_NE(error.find("no rule `T9999`"), std::string::npos) << error;
  EXPECT_FALSE(ParseLintConfig(R"({"rules": {"T0401": "off"}})", rules, error));
  EXPECT_FALSE(ParseLintConfig(R"({"rules": {"T0505": "loud"}})", rules, error));
  EXPECT_FALSE(ParseLintConfig(R"({"rulez": {}})", rules, error));
  EXPECT_FALSE(ParseLintConfig("{", rules, error));
}

TEST(ServiceFactsTest, RegionsOfServicesAndFeatures) {
  const auto& facts = ServiceFacts::Builtin();
  const RegionalOffer* workmail = facts.Service("workmail");
  ASSERT_NE(workmail, nullptr);
  EXPECT_EQ(workmail->regions, (std::set<std::string>{"eu-west-1", "us-east-1", "us-west-2"}));
  const RegionalOffer* receiving = facts.Feature("ses_receiving");
  ASSERT_NE(receiving, nullptr);
  EXPECT_TRUE(receiving->OfferedIn("eu-west-1"));
  EXPECT_FALSE(receiving->OfferedIn("eu-south-1"));
  EXPECT_EQ(facts.Service("ec2"), nullptr);
  // Every region named in the data is a region topo knows.
  const auto& catalog = Catalog::Builtin();
  for (const char* id : {"ses", "workmail", "elasticbeanstalk"}) {
    for (const auto& r : facts.Service(id)->regions) EXPECT_NE(catalog.FindRegion(r), nullptr) << id << " " << r;
  }
  for (const auto& r : receiving->regions) EXPECT_NE(catalog.FindRegion(r), nullptr) << r;
  EXPECT_TRUE(facts.CrossRegionAllowed("sns_subscription.endpoint"));
  EXPECT_FALSE(facts.CrossRegionAllowed("instance.security_groups"));
  ASSERT_NE(facts.FindManualKind("workmail_organization"), nullptr);
  for (const auto& e : facts.end_of_support()) {
    EXPECT_NE(catalog.FindKind(e.kind), nullptr) << e.id;
    EXPECT_EQ(e.end.size(), 10u) << e.id;
    EXPECT_FALSE(e.sources.empty()) << e.id;
  }
}

TEST(RegionsTest, ZoneLetters) {
  const auto& catalog = Catalog::Builtin();
  ASSERT_NE(catalog.FindRegion("us-east-1"), nullptr);
  EXPECT_EQ(catalog.FindRegion("us-east-1")->zones.size(), 6u);
  EXPECT_EQ(catalog.FindRegion("eu-central-1")->zones, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_NE(catalog.FindRegion("mx-central-1"), nullptr);
}

}  // namespace
}  // namespace topo::facts
