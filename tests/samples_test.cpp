// Every sample compiles cleanly, and the IMBIT sample places each resource in the region its
// seed document gives (the foundation issue's acceptance check).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = TOPO_SOURCE_DIR;

std::vector<std::string> Samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot + "/samples")) {
    if (e.path().extension() == ".topo") out.push_back("samples/" + e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SamplesTest, AllFiveSeedOrganizationsHaveASample) {
  for (const char* name : {"open-contracting", "vueocity", "imbit", "osmt", "helios"}) {
    EXPECT_TRUE(fs::exists(kRoot + "/samples/" + name + ".topo")) << name;
  }
}

TEST(SamplesTest, EverySampleChecksClean) {
  for (const auto& sample : Samples()) {
    RunResult r = RunTopo({"check", "--color", "never", sample}, kRoot);
    EXPECT_EQ(r.exit_code, 0) << sample << "\n" << r.err;
  }
}

nlohmann::json BuildIr(const std::string& sample) {
  std::string dir = MakeTempDir("topo-ir") + "/out";
  RunResult r = RunTopo({"build", "--target", "ir-json", "-o", dir, sample}, kRoot);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(ReadFile(dir + "/topology.ir.json"), nullptr, false);
  fs::remove_all(fs::path(dir).parent_path());
  return j;
}

TEST(SamplesTest, ImbitPlacesEachServiceInItsSeedRegion) {
  nlohmann::json ir = BuildIr("samples/imbit.topo");
  ASSERT_TRUE(ir.is_object());
  std::map<std::string, std::set<std::string>> regions_by_kind;
  for (const auto& r : ir["resources"]) {
    if (r["region"].is_string()) regions_by_kind[r["kind"]].insert(r["region"].get<std::string>());
  }
  auto only = [&](const std::string& kind, const std::string& region) {
    ASSERT_TRUE(regions_by_kind.count(kind)) << "the IMBIT sample has no " << kind;
    EXPECT_EQ(regions_by_kind[kind], std::set<std::string>{region}) << kind;
  };
  only("beanstalk_app", "eu-central-1");
  only("beanstalk_env", "eu-central-1");
  only("vpc", "eu-central-1");
  only("ses_domain", "eu-west-1");
  only("workmail_organization", "eu-west-1");
  only("distribution", "global");
  only("dns_zone", "global");
  only("iam_user", "global");
  // Certificates used by CloudFront live in us-east-1.
  std::set<std::string> cloudfront_certs;
  for (const auto& r : ir["resources"]) {
    if (r["kind"] == "distribution" && r["attributes"].contains("certificate")) {
      cloudfront_certs.insert(r["attributes"]["certificate"]["ref"].get<std::string>());
    }
  }
  ASSERT_FALSE(cloudfront_certs.empty());
  for (const auto& r : ir["resources"]) {
    if (cloudfront_certs.count(r["id"].get<std::string>())) {
      EXPECT_EQ(r["region"], "us-east-1") << r["id"];
    }
  }
}

TEST(SamplesTest, IrJsonIsDeterministic) {
  for (const auto& sample : Samples()) {
    EXPECT_EQ(BuildIr(sample), BuildIr(sample)) << sample;
  }
}

}  // namespace
}  // namespace topo::testing
