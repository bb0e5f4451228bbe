#include "resolve/resolver.h"

#include <gtest/gtest.h>

#include <map>

#include "driver/pipeline.h"

namespace topo::resolve {
namespace {

// Compiles in-memory files; "main.topo" is the root.
std::unique_ptr<driver::Compilation> CompileText(std::map<std::string, std::string> files) {
  FileReader reader = [files](const std::string& path, std::string& error) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) {
      error = "no such file";
      return std::nullopt;
    }
    return it->second;
  };
  return driver::Compile({"main.topo"}, reader);
}

const ir::Resource* Find(const ir::Model& model, const std::string& kind, const std::string& name) {
  for (const auto& r : model.resources) {
    if (r.kind == kind && r.name == name) return &r;
  }
  return nullptr;
}

std::vector<std::string> Codes(const driver::Compilation& c) {
  std::vector<std::string> codes;
  for (const auto& d : c.sink.Sorted()) codes.push_back(d.code());
  return codes;
}

TEST(ResolverTest, RegionComesFromBlockThenParentThenDefault) {
  auto c = CompileText({{"main.topo", R"(
organization o { default_region = "eu-central-1" }
vpc main { cidr = 10.0.0.0/16  subnet a { cidr = 10.0.0.0/24 } }
region "eu-west-1" { vpc other { cidr = 10.1.0.0/16 } }
security_group web in vpc.other { description = "x" }
vpc pinned { cidr = 10.2.0.0/16 region = "us-east-1" }
iam_user ci { }
)"}});
  ASSERT_FALSE(c->sink.has_errors()) << Codes(*c).size();
  EXPECT_EQ(Find(c->model, "vpc", "main")->region, "eu-central-1");
  EXPECT_EQ(Find(c->model, "subnet", "a")->region, "eu-central-1");
  EXPECT_EQ(Find(c->model, "vpc", "other")->region, "eu-west-1");
  EXPECT_EQ(Find(c->model, "security_group", "web")->region, "eu-west-1");
  EXPECT_EQ(Find(c->model, "vpc", "pinned")->region, "us-east-1");
  EXPECT_EQ(Find(c->model, "iam_user", "ci")->region, "");
}

TEST(ResolverTest, NestingCreatesAnEdgeToTheParent) {
  auto c = CompileText({{"main.topo", R"(
organization o { default_region = "eu-central-1" }
vpc main { cidr = 10.0.0.0/16  subnet a { cidr = 10.0.0.0/24 } }
)"}});
  ASSERT_FALSE(c->sink.has_errors());
  ASSERT_EQ(c->model.edges.size(), 1u);
  EXPECT_EQ(c->model.DisplayName(c->model.edges[0].from), "subnet.a");
  EXPECT_EQ(c->model.DisplayName(c->model.edges[0].to), "vpc.main");
  EXPECT_EQ(c->model.edges[0].via, "vpc");
}

TEST(ResolverTest, AccountsScopeNamesAndPickTheLocalOne) {
  auto c = CompileText({{"main.topo", R"(
organization o { default_region = "us-east-1" }
account users { id = "111111111111" default = true
  iam_role admin { }
}
account prod { id = "222222222222"
  iam_role admin { }
  iam_instance_profile server { role = iam_role.admin }
}
iam_instance_profile other { role = account.prod.iam_role.admin }
)"}});
  ASSERT_FALSE(c->sink.has_errors()) << Codes(*c).size();
  const ir::Resource* server = Find(c->model, "iam_instance_profile", "server");
  const ir::Attribute* role = server->Find("role");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(c->model.AccountName(role->value.target), "prod");
  EXPECT_EQ(c->model.DisplayName(role->value.target), "iam_role.admin@prod");
  const ir::Resource* other = Find(c->model, "iam_instance_profile", "other");
  EXPECT_EQ(c->model.AccountName(other->id), "users");
  EXPECT_EQ(c->model.AccountName(other->Find("role")->value.target), "prod");
}

TEST(ResolverTest, AmbiguousNameAcrossAccountsIsAnError) {
  auto c = CompileText({{"main.topo", R"(
organization o { default_region = "us-east-1" }
account a { id = "111111111111" default = true }
account b { id = "222222222222"
  iam_role admin { }
}
account c { id = "333333333333"
  iam_role admin { }
}
iam_instance_profile p { role = iam_role.admin }
)"}});
  EXPECT_EQ(Codes(*c), std::vector<std::string>{"T0207"});
}

TEST(ResolverTest, ImportsAreLoadedOnceAndCyclesReported) {
  auto c = CompileText({{"main.topo", "import \"a.topo\"\nimport \"b.topo\"\norganization o { default_region = \"us-east-1\" }\n"},
                        {"a.topo", "import \"b.topo\"\nvpc a { cidr = 10.0.0.0/16 }\n"},
                        {"b.topo", "import \"main.topo\"\nvpc b { cidr = 10.1.0.0/16 }\n"}});
  EXPECT_EQ(Codes(*c), std::vector<std::string>{"T0105"});
  EXPECT_EQ(c->program.files.size(), 3u);
}

TEST(ResolverTest, UnknownNameSuggestsTheClosest) {
  auto c = CompileText({{"main.topo", R"(
organization o { default_region = "us-east-1" }
vpc main { cidr = 10.0.0.0/16 }
security_group web { vpc = vpc.mian }
)"}});
  auto diagnostics = c->sink.Sorted();
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code(), "T0203");
  EXPECT_NE(diagnostics[0].message.find("did you mean `main`"), std::string::npos) << diagnostics[0].message;
}

}  // namespace
}  // namespace topo::resolve
