// The hcl target's acceptance on the samples: every resource of every sample (as the IR lists
// it) is in the sample's Terraform, under the Terraform type its kind maps to, in the right
// region (its own `region` argument, else its provider's), and global resources carry no region.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "emit/hcl/hcl_writer.h"
#include "emit/hcl/mapping.h"
#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = TOPO_SOURCE_DIR;

struct TfBlock {
  std::string kind;  // resource, data
  std::string type;
  std::string name;
  std::string provider;  // alias, "" = default
  std::string region;    // the `region` argument, "" = none
};

// Top-level resource and data blocks of the .tf files in `dir`, with their provider and region
// arguments, and the region of each provider alias.
void ReadTerraform(const std::string& dir, std::vector<TfBlock>& blocks, std::map<std::string, std::string>& providers) {
  static const std::regex header(R"re(^(resource|data) "([a-z0-9_]+)" "([A-Za-z0-9_-]+)" \{$)re");
  static const std::regex provider_line(R"re(^  provider += aws\.([A-Za-z0-9_-]+)$)re");
  static const std::regex region_line(R"re(^  region += "([a-z0-9-]+)"$)re");
  static const std::regex alias_line(R"re(^  alias += "([A-Za-z0-9_-]+)"$)re");
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".tf") continue;
    std::istringstream in(ReadFile(entry.path().string()));
    TfBlock* current = nullptr;
    bool in_provider = false;
    std::string alias, region;
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_match(line, m, header)) {
        blocks.push_back({m[1], m[2], m[3], "", ""});
        current = &blocks.back();
        continue;
      }
      if (line == "provider \"aws\" {") {
        in_provider = true;
        alias.clear();
        region.clear();
        continue;
      }
      if (line == "}") {
        if (in_provider) providers[alias] = region;
        in_provider = false;
        current = nullptr;
        continue;
      }
      if (in_provider) {
        if (std::regex_match(line, m, alias_line)) alias = m[1];
        if (std::regex_match(line, m, region_line)) region = m[1];
        continue;
      }
      if (current == nullptr) continue;
      if (std::regex_match(line, m, provider_line)) current->provider = m[1];
      if (std::regex_match(line, m, region_line)) current->region = m[1];
    }
  }
}

std::vector<std::string> Samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot + "/samples")) {
    if (e.path().extension() == ".topo") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(HclSamplesTest, EveryResourceIsInTheTerraformInItsRegion) {
  const auto& maps = emit::hcl::Mappings::Builtin();
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample);
    std::string dir = MakeTempDir("topo-hcl-samples");
    RunResult ir = RunTopo({"build", "--target", "ir-json", "-o", dir + "/ir", "samples/" + sample + ".topo"}, kRoot);
    ASSERT_EQ(ir.exit_code, 0) << ir.err;
    RunResult hcl = RunTopo({"build", "--target", "hcl", "-o", dir + "/hcl", "samples/" + sample + ".topo"}, kRoot);
    ASSERT_EQ(hcl.exit_code, 0) << hcl.err;
    nlohmann::json model = nlohmann::json::parse(ReadFile(dir + "/ir/topology.ir.json"));
    std::vector<TfBlock> blocks;
    std::map<std::string, std::string> providers;
    ReadTerraform(dir + "/hcl", blocks, providers);
    ASSERT_TRUE(providers.count("")) << "no default provider";
    std::string manual = fs::exists(dir + "/hcl/MANUAL.md") ? ReadFile(dir + "/hcl/MANUAL.md") : "";

    std::map<std::string, nlohmann::json> by_id;
    for (const auto& r : model["resources"]) by_id[r["id"].get<std::string>()] = r;
    auto external_zone = [&](const nlohmann::json& r, const char* attr) {
      if (!r["attributes"].contains(attr) || !r["attributes"][attr].is_object()) return false;
      const auto& zone = by_id[r["attributes"][attr]["ref"].get<std::string>()];
      return zone["attributes"].value("external", false);
    };

    for (const auto& r : model["resources"]) {
      std::string kind = r["kind"], name = r["name"], id = r["id"];
      SCOPED_TRACE(id);
      const emit::hcl::KindMap* map = maps.Find(kind);
      ASSERT_NE(map, nullptr);
      if (!map->manual.empty() && kind != "manual_step") {
        EXPECT_NE(manual.find(kind == "workmail_organization" ? "WorkMail" : name), std::string::npos) << "not in MANUAL.md";
        continue;
      }
      if (map->type.empty() || kind == "account" || kind == "organization") continue;
      if (kind == "dns_zone" && r["attributes"].value("external", false)) continue;
      if (kind == "dns_record" && external_zone(r, "zone")) {
        EXPECT_NE(manual.find("dns_record `" + name + "`"), std::string::npos) << "external record not in MANUAL.md";
        continue;
      }
      // The Terraform types the kind can become (its variants, data sources for registered zones).
      std::set<std::string> types = {map->type};
      for (const auto& [key, m] : maps.kinds()) {
        if (key.rfind(kind + "/", 0) == 0) types.insert(m.type);
      }
      if (kind == "ses_smtp") types = {"aws_iam_access_key"};
      std::string tf_name = emit::hcl::ToIdentifier(name);
      if (r["account"].is_string() && id == kind + "." + name + "@" + r["account"].get<std::string>()) {
        tf_name += "_" + emit::hcl::ToIdentifier(r["account"].get<std::string>());
      }
      const TfBlock* found = nullptr;
      for (const auto& b : blocks) {
        if (types.count(b.type) && (b.name == tf_name || b.name.rfind(tf_name + "_", 0) == 0)) {
          found = &b;
          break;
        }
      }
      ASSERT_NE(found, nullptr) << "no " << *types.begin() << " named " << tf_name;
      ASSERT_TRUE(providers.count(found->provider)) << "undeclared provider aws." << found->provider;
      std::string region = found->region.empty() ? providers[found->provider] : found->region;
      std::string expected = r["region"];
      bool global = maps.IsGlobalType(found->type) || (found->kind == "data" && maps.IsGlobalDataSource(found->type));
      if (expected == "global" || global) {
        EXPECT_TRUE(found->region.empty()) << found->type << "." << found->name << " is global but sets region";
      } else {
        EXPECT_EQ(region, expected) << found->type << "." << found->name;
      }
      // A resource of another account than the default uses that account's provider.
      if (r["account"].is_string() && r["account"] != model["default_account"] && kind != "dns_record") {
        EXPECT_FALSE(found->provider.empty()) << found->type << "." << found->name << " uses the default provider";
      }
    }
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace topo::testing
