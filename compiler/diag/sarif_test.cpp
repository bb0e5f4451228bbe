#include "diag/sarif.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace topo {
namespace {

TEST(SarifTest, ResultsCarryRuleLocationAndSuppression) {
  SourceManager sources;
  FileId f = sources.Add("dir/main.topo", "# \xC3\xA9t\xC3\xA9\nbucket \xC3\xA9 { x = 1 }\n");
  Diagnostic d;
  d.kind = DiagKind::kBucketPublicAccessBlockOff;
  d.severity = Severity::kWarning;
  d.message = "bucket `x` turns off S3 Block Public Access";
  // "x = 1" on line 2: byte offset 11 + 2 bytes of the two-byte é before it.
  std::string text = sources.file(f).text();
  d.range = {f, static_cast<uint32_t>(text.find("x = 1")), 5};
  d.suppressed = true;
  d.suppression = "public website";
  d.labels.push_back({{f, 0, 1}, "here"});
  SarifRule rule{"T0505", "BucketPublicAccessBlockOff", "short", "full", "https://example.com/doc", "fix",
                 "security", Severity::kWarning};
  SarifOptions options;
  options.tool_version = "0.1.0";
  options.base_dir = "/repo";
  auto j = nlohmann::json::parse(RenderSarif({d}, sources, {rule}, options));
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["helpUri"], "https://example.com/doc");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"], "warning");
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "T0505");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["level"], "warning");
  const auto& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "dir/main.topo");
  EXPECT_EQ(location["region"]["startLine"], 2);
  EXPECT_EQ(location["region"]["startColumn"], 11);  // code points: "bucket é { " is 10 characters
  EXPECT_EQ(location["region"]["endColumn"], 16);
  EXPECT_EQ(result["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(result["suppressions"][0]["justification"], "public website");
  EXPECT_EQ(result["relatedLocations"][0]["message"]["text"], "here");
}

TEST(SarifTest, UrisAreRelativeAndEscaped) {
  EXPECT_EQ(RelativeUri("samples/a b.topo", "/repo"), "samples/a%20b.topo");
  EXPECT_EQ(RelativeUri("/repo/x/y.topo", "/repo"), "x/y.topo");
  EXPECT_EQ(RelativeUri("../other/z.topo", "/repo/tests"), "../other/z.topo");
}

}  // namespace
}  // namespace topo
