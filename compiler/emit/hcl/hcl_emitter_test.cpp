// The hcl target end to end on small in-memory topologies: a change to one attribute changes
// exactly the lines it should, names are unique and stable, providers and regions follow the
// accounts and regions of the source.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "driver/pipeline.h"

namespace topo::emit {
namespace {

OutputFiles Build(const std::string& source) {
  resolve::FileReader reader = [source](const std::string&, std::string&) -> std::optional<std::string> { return source; };
  auto c = driver::Compile({"main.topo"}, reader);
  EXPECT_FALSE(c->sink.has_errors());
  if (c->sink.has_errors()) return {};
  return driver::Emit(*c, "hcl");
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lines of `after` not in `before` and the reverse, per file (a multiset difference).
std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> Changes(const OutputFiles& before,
                                                                                            const OutputFiles& after) {
  std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> out;
  std::set<std::string> files;
  for (const auto& [f, t] : before) files.insert(f);
  for (const auto& [f, t] : after) files.insert(f);
  for (const auto& f : files) {
    auto a = Lines(before.count(f) ? before.at(f) : "");
    auto b = Lines(after.count(f) ? after.at(f) : "");
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<std::string> removed, added;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(removed));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(added));
    if (!removed.empty() || !added.empty()) out[f] = {removed, added};
  }
  return out;
}

const char* kBase = R"(
organization acme { default_region = "us-east-1" }
vpc main {
  cidr = "10.0.0.0/16"
  subnet a { cidr = "10.0.0.0/24"  az = "a" }
}
security_group web in vpc.main {
  allow tcp 443 from "0.0.0.0/0"
}
instance web {
  ami             = "ami-0123456789abcdef0"
  instance_type   = "t3.micro"
  subnet          = subnet.a
  security_groups = [security_group.web]
}
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

TEST(HclEmitterTest, ChangingOneAttributeChangesExactlyItsLine) {
  OutputFiles before = Build(kBase);
  OutputFiles after = Build(Replace(kBase, "\"t3.micro\"", "\"t3.large\""));
  auto changes = Changes(before, after);
  ASSERT_EQ(changes.size(), 1u);
  ASSERT_TRUE(changes.count("compute.tf"));
  // The value column stays aligned: only the value differs.
  EXPECT_EQ(changes["compute.tf"].first, std::vector<std::string>{"  instance_type          = \"t3.micro\""});
  EXPECT_EQ(changes["compute.tf"].second, std::vector<std::string>{"  instance_type          = \"t3.large\""});
}

TEST(HclEmitterTest, ChangingARuleChangesOnlyThatRule) {
  OutputFiles before = Build(kBase);
  OutputFiles after = Build(Replace(kBase, "allow tcp 443", "allow tcp 8443"));
  auto changes = Changes(before, after);
  ASSERT_EQ(changes.size(), 1u);
  ASSERT_TRUE(changes.count("network.tf"));
  EXPECT_EQ(changes["network.tf"].first,
            (std::vector<std::string>{"  from_port         = 443",
                                      "  to_port           = 443",
                                      "resource \"aws_vpc_security_group_ingress_rule\" \"web_tcp_443_from_anywhere\" {"}));
  EXPECT_EQ(changes["network.tf"].second,
            (std::vector<std::string>{"  from_port         = 8443",
                                      "  to_port           = 8443",
                                      "resource \"aws_vpc_security_group_ingress_rule\" \"web_tcp_8443_from_anywhere\" {"}));
}

TEST(HclEmitterTest, AddingAResourceDoesNotRenameOthers) {
  OutputFiles before = Build(kBase);
  OutputFiles after = Build(std::string(kBase) + "bucket web { name = \"acme-web\" }\n");
  auto changes = Changes(before, after);
  for (const auto& [file, diff] : changes) {
    EXPECT_TRUE(diff.first.empty()) << file << " lost lines";
  }
  EXPECT_TRUE(changes.count("data.tf"));
}

TEST(HclEmitterTest, BuildingTwiceGivesIdenticalBytes) { EXPECT_EQ(Build(kBase), Build(kBase)); }

TEST(HclEmitterTest, RegionalResourcesOutsideTheProviderRegionSetRegion) {
  OutputFiles out = Build(R"(
organization acme { default_region = "eu-central-1" }
region "us-east-1" { certificate cdn { domain = "acme.example" validation = "email" } }
region "eu-west-1" { ses_email "ops@acme.example" {} }
bucket here { name = "acme-here" }
iam_user ci {}
)");
  EXPECT_NE(out["edge.tf"].find("resource \"aws_acm_certificate\" \"cdn\" {\n  region = \"us-east-1\"\n"), std::string::npos)
      << out["edge.tf"];
  EXPECT_NE(out["email.tf"].find("  region = \"eu-west-1\"\n"), std::string::npos) << out["email.tf"];
  EXPECT_EQ(out["data.tf"].find("region"), std::string::npos) << out["data.tf"];
  EXPECT_EQ(out["iam.tf"].find("region"), std::string::npos) << out["iam.tf"];
  EXPECT_NE(out["providers.tf"].find("region = \"eu-central-1\""), std::string::npos);
}

TEST(HclEmitterTest, SecretsAreSensitiveVariablesWithoutDefaults) {
  OutputFiles out = Build(R"(
organization acme { default_region = "us-east-1" }
param db_password : secret { description = "database password" }
db_instance app {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = param.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}
)");
  EXPECT_NE(out["variables.tf"].find("variable \"db_password\" {\n  type        = string\n  description = \"database password\"\n  sensitive   = true\n}"),
            std::string::npos)
      << out["variables.tf"];
  EXPECT_NE(out["data.tf"].find(" = var.db_password\n"), std::string::npos) << out["data.tf"];
}

TEST(HclEmitterTest, WorkmailBecomesAManualStepAndAWarning) {
  resolve::FileReader reader = [](const std::string&, std::string&) -> std::optional<std::string> {
    return std::string("organization acme { default_region = \"eu-west-1\" }\nworkmail_organization acme { alias = \"acme-mail\" }\n");
  };
  auto c = driver::Compile({"main.topo"}, reader);
  ASSERT_FALSE(c->sink.has_errors());
  OutputFiles out = driver::Emit(*c, "hcl");
  ASSERT_TRUE(out.count("MANUAL.md"));
  EXPECT_NE(out["MANUAL.md"].find("Create the WorkMail organization `acme-mail` in eu-west-1"), std::string::npos);
  bool warned = false;
  for (const auto& d : c->sink.diagnostics()) warned = warned || d.code() == "T0601";
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace topo::emit
