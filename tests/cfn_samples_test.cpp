// The cfn target's acceptance, read from the built output (stacks.json and the templates), so that
// it fails when the wiring breaks even if someone rewrites the golden files:
//   - IMBIT yields stacks for eu-central-1, eu-west-1 and us-east-1, and each CloudFront
//     distribution's certificate is a parameter that stacks.json feeds from the us-east-1 stack's
//     output, which is a Ref to the certificate;
//   - for every sample: stacks.json is in deployment order (imports and `after` name earlier
//     stacks), every import is a parameter of its template and an output of the stack it names,
//     and DEPLOY.md deploys every stack with every parameter that has no default;
//   - a kind CloudFormation cannot create (WorkMail) is a warning and a MANUAL.md step;
//   - secrets are NoEcho parameters without defaults;
//   - every committed .expected.cfn template passes ../shared/validate/check-cfn (skipped when the
//     validation kit is not beside the checkout).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kRoot = TOPO_SOURCE_DIR;

struct CfnBuild {
  std::string dir;
  RunResult run;
  Json stacks;
  std::map<std::string, Json> templates;  // by file name
};

CfnBuild Build(const std::string& input) {
  CfnBuild b;
  b.dir = MakeTempDir("topo-cfn-samples") + "/out";
  b.run = RunTopo({"build", "--color", "never", "--target", "cfn", "-o", b.dir, input}, kRoot);
  if (b.run.exit_code != 0) return b;
  b.stacks = Json::parse(ReadFile(b.dir + "/stacks.json"));
  for (const auto& s : b.stacks["stacks"]) {
    std::string file = s["template"];
    b.templates[file] = Json::parse(ReadFile(b.dir + "/" + file));
  }
  return b;
}

void Remove(const CfnBuild& b) { fs::remove_all(fs::path(b.dir).parent_path()); }

std::vector<std::string> Samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot + "/samples")) {
    if (e.path().extension() == ".topo") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Json* FindStack(const Json& stacks, const std::string& name) {
  for (const auto& s : stacks["stacks"]) {
    if (s["name"] == name) return &s;
  }
  return nullptr;
}

TEST(CfnSamplesTest, ImbitHasOneStackPerRegion) {
  CfnBuild b = Build("samples/imbit.topo");
  ASSERT_EQ(b.run.exit_code, 0) << b.run.err;
  std::multiset<std::string> regions;
  for (const auto& s : b.stacks["stacks"]) regions.insert(s["region"].get<std::string>());
  EXPECT_EQ(regions, (std::multiset<std::string>{"eu-central-1", "eu-west-1", "us-east-1"}));
  Remove(b);
}

TEST(CfnSamplesTest, ImbitWiresUsEast1CertificatesIntoDistributions) {
  CfnBuild b = Build("samples/imbit.topo");
  ASSERT_EQ(b.run.exit_code, 0) << b.run.err;
  // The certificates, by logical id, and the stack that holds them.
  std::string cert_stack;
  std::set<std::string> certificates;
  for (const auto& s : b.stacks["stacks"]) {
    for (const auto& [id, res] : b.templates[s["template"].get<std::string>()]["Resources"].items()) {
      if (res["Type"] != "AWS::CertificateManager::Certificate") continue;
      EXPECT_EQ(s["region"], "us-east-1") << id;
      cert_stack = s["name"];
      certificates.insert(id);
    }
  }
  ASSERT_EQ(certificates.size(), 5u);
  const Json* producer = FindStack(b.stacks, cert_stack);
  ASSERT_NE(producer, nullptr);
  const Json& producer_template = b.templates[(*producer)["template"].get<std::string>()];

  std::set<std::string> wired;
  size_t distributions = 0;
  for (const auto& s : b.stacks["stacks"]) {
    const Json& t = b.templates[s["template"].get<std::string>()];
    for (const auto& [id, res] : t["Resources"].items()) {
      if (res["Type"] != "AWS::CloudFront::Distribution") continue;
      SCOPED_TRACE(id);
      ++distributions;
      EXPECT_NE(s["region"], "us-east-1") << "the sample puts its distributions with their origins";
      const Json& arn = res["Properties"]["DistributionConfig"]["ViewerCertificate"]["AcmCertificateArn"];
      ASSERT_TRUE(arn.is_object() && arn.contains("Ref")) << arn.dump();
      std::string param = arn["Ref"];
      ASSERT_TRUE(t["Parameters"].contains(param)) << param;
      EXPECT_FALSE(t["Parameters"][param].contains("Default")) << "a value from another stack has no default";
      // stacks.json: the parameter is fed from an output of the us-east-1 stack...
      const Json* import = nullptr;
      for (const auto& imp : s["imports"]) {
        if (imp["parameter"] == param) import = &imp;
      }
      ASSERT_NE(import, nullptr) << "stacks.json does not feed " << param;
      EXPECT_EQ((*import)["stack"], cert_stack);
      EXPECT_EQ((*import)["region"], "us-east-1");
      std::string output = (*import)["output"];
      // ... which is a Ref to one of the certificates, never a copied ARN.
      ASSERT_TRUE(producer_template["Outputs"].contains(output)) << output;
      const Json& value = producer_template["Outputs"][output]["Value"];
      ASSERT_TRUE(value.is_object() && value.contains("Ref")) << value.dump();
      EXPECT_TRUE(certificates.count(value["Ref"].get<std::string>())) << value.dump();
      wired.insert(value["Ref"].get<std::string>());
      // The certificate's stack deploys first.
      bool after = false;
      for (const auto& a : s["after"]) after |= a == cert_stack;
      EXPECT_TRUE(after) << s["name"] << " does not deploy after " << cert_stack;
    }
  }
  EXPECT_EQ(distributions, 5u);
  EXPECT_EQ(wired, certificates) << "each distribution uses its own certificate";
  Remove(b);
}

TEST(CfnSamplesTest, StacksAreInDeploymentOrderAndDeployMdDeploysThem) {
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample);
    CfnBuild b = Build("samples/" + sample + ".topo");
    ASSERT_EQ(b.run.exit_code, 0) << b.run.err;
    std::string deploy = ReadFile(b.dir + "/DEPLOY.md");
    std::map<std::string, size_t> position;
    size_t i = 0;
    for (const auto& s : b.stacks["stacks"]) {
      std::string name = s["name"];
      SCOPED_TRACE(name);
      for (const char* key : {"account", "region", "template", "parameters", "imports", "capabilities", "after"}) {
        EXPECT_TRUE(s.contains(key)) << key;
      }
      const Json& t = b.templates[s["template"].get<std::string>()];
      EXPECT_EQ(t["AWSTemplateFormatVersion"], "2010-09-09");
      ASSERT_TRUE(t.contains("Resources"));
      for (const auto& a : s["after"]) EXPECT_TRUE(position.count(a.get<std::string>())) << "after " << a << " comes later";
      for (const auto& imp : s["imports"]) {
        std::string from = imp["stack"];
        ASSERT_TRUE(position.count(from)) << "imports from " << from << ", which is not deployed before";
        const Json* producer = FindStack(b.stacks, from);
        ASSERT_NE(producer, nullptr);
        const Json& pt = b.templates[(*producer)["template"].get<std::string>()];
        EXPECT_TRUE(pt["Outputs"].contains(imp["output"].get<std::string>())) << from << " has no output " << imp["output"];
        EXPECT_TRUE(t["Parameters"].contains(imp["parameter"].get<std::string>())) << imp["parameter"];
      }
      // DEPLOY.md: the deploy command of this stack, with every parameter that has no default.
      std::string command = "--stack-name " + name + " \\\n  --template-file " + s["template"].get<std::string>() +
                            " \\\n  --region " + s["region"].get<std::string>();
      size_t at = deploy.find(command);
      ASSERT_NE(at, std::string::npos) << "DEPLOY.md does not deploy " << name;
      size_t end = deploy.find("```", at);
      std::string block = deploy.substr(at, end - at);
      EXPECT_EQ(deploy.rfind("aws cloudformation deploy \\\n  ", at), at - std::string("aws cloudformation deploy \\\n  ").size());
      if (t.contains("Parameters")) {
        for (const auto& [param, spec] : t["Parameters"].items()) {
          if (spec.contains("Default")) continue;
          EXPECT_NE(block.find("\"" + param + "="), std::string::npos) << "DEPLOY.md does not pass " << param;
        }
      }
      for (const auto& c : s["capabilities"]) {
        EXPECT_NE(block.find("--capabilities " + c.get<std::string>()), std::string::npos) << c;
      }
      position[name] = i++;
    }
    Remove(b);
  }
}

TEST(CfnSamplesTest, WorkMailIsAWarningAndAManualStep) {
  CfnBuild b = Build("tests/cases/cfn/workmail_manual.topo");
  ASSERT_EQ(b.run.exit_code, 0) << b.run.err;
  EXPECT_NE(b.run.err.find("warning[T0620]: CloudFormation cannot create workmail_organization `acme`"), std::string::npos)
      << b.run.err;
  std::string manual = ReadFile(b.dir + "/MANUAL.md");
  EXPECT_NE(manual.find("Create WorkMail organization `workmail_organization.acme`"), std::string::npos) << manual;
  for (const auto& [file, t] : b.templates) {
    for (const auto& [id, res] : t["Resources"].items()) {
      EXPECT_EQ(res["Type"].get<std::string>().rfind("AWS::WorkMail", 0), std::string::npos) << id;
    }
  }
  // The receipt rule reads the organization's ARN from a parameter the deployer fills in.
  ASSERT_EQ(b.stacks["stacks"].size(), 1u);
  const Json& inputs = b.stacks["stacks"][0]["inputs"];
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0]["parameter"], "AcmeWorkmailOrganizationArn");
  Remove(b);
}

TEST(CfnSamplesTest, SecretsAreNoEchoParametersWithoutDefaults) {
  CfnBuild b = Build("tests/cases/cfn/secret_parameters.topo");
  ASSERT_EQ(b.run.exit_code, 0) << b.run.err;
  size_t secrets = 0;
  for (const auto& s : b.stacks["stacks"]) {
    const Json& t = b.templates[s["template"].get<std::string>()];
    for (const auto& p : s["parameters"]) {
      if (!p.value("secret", false)) continue;
      ++secrets;
      const Json& spec = t["Parameters"][p["parameter"].get<std::string>()];
      EXPECT_EQ(spec.value("NoEcho", false), true) << p.dump();
      EXPECT_FALSE(spec.contains("Default")) << p.dump();
      EXPECT_FALSE(p.contains("default")) << p.dump();
    }
    EXPECT_EQ(t["Resources"]["AppDbInstance"]["Properties"]["MasterUserPassword"], (Json{{"Ref", "DbPassword"}}));
  }
  EXPECT_EQ(secrets, 2u);
  Remove(b);
}

TEST(CfnSamplesTest, ExpectedTemplatesPassCheckCfn) {
  const std::string checker = kRoot + "/../shared/validate/check-cfn";
  if (!fs::exists(checker) || !fs::exists(kRoot + "/../shared/validate/node_modules")) {
    GTEST_SKIP() << "validation kit not installed beside the checkout";
  }
  std::vector<std::string> templates;
  for (const auto& e : fs::recursive_directory_iterator(kRoot + "/tests/cases")) {
    std::string path = e.path().generic_string();
    if (e.is_regular_file() && path.find(".expected.cfn/") != std::string::npos && e.path().extension() == ".json" &&
        path.size() > 14 && path.compare(path.size() - 14, 14, ".template.json") == 0) {
      templates.push_back(path);
    }
  }
  std::sort(templates.begin(), templates.end());
  ASSERT_FALSE(templates.empty());
  std::string command = ShellQuote(checker) + " -q";
  for (const auto& t : templates) command += " " + ShellQuote(t);
  command += " 2>&1";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "") << "check-cfn findings (errors or warnings) in " << templates.size() << " templates";
}

}  // namespace
}  // namespace topo::testing
