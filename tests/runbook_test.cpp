// The runbook target run for real: `runbook.sh --dry-run` prints the AWS CLI commands in
// dependency order (a VPC before its subnets, before the security groups, before the instances
// and load balancers that use them), and values that look like shell code stay inert text.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = TOPO_SOURCE_DIR;

struct DryRun {
  int exit_code = -1;
  std::string dir;                  // the build output and the working directory of the run
  std::vector<std::string> calls;   // "+ aws ..." lines, in order
  std::string out;
};

// Builds the runbook of `input` (relative to the source root) and runs `SCRIPT --dry-run` in
// a fresh directory, with no AWS credentials in the environment.
DryRun BuildAndDryRun(const std::string& input, const std::string& script) {
  DryRun d;
  d.dir = MakeTempDir("topo-runbook-test");
  RunResult build = RunTopo({"build", "--target", "runbook", "-o", d.dir, kRoot + "/" + input}, kRoot, 60);
  EXPECT_EQ(build.exit_code, 0) << build.err;
  std::string cmd = "cd " + ShellQuote(d.dir) + " && env -i PATH=/usr/bin:/bin HOME=" + ShellQuote(d.dir) +
                    " bash ./" + script + " --dry-run </dev/null >out.txt 2>err.txt";
  int status = std::system(cmd.c_str());
  d.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  d.out = ReadFile(d.dir + "/out.txt") + ReadFile(d.dir + "/err.txt");
  std::istringstream lines(ReadFile(d.dir + "/out.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("+ aws ", 0) == 0) d.calls.push_back(line);
  }
  return d;
}

// Index of the first call that starts with `prefix` ("+ aws ec2 create-vpc"), or -1.
int First(const std::vector<std::string>& calls, const std::string& prefix) {
  for (size_t i = 0; i < calls.size(); ++i) {
    if (calls[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
  }
  return -1;
}

int Last(const std::vector<std::string>& calls, const std::string& prefix) {
  int found = -1;
  for (size_t i = 0; i < calls.size(); ++i) {
    if (calls[i].rfind(prefix, 0) == 0) found = static_cast<int>(i);
  }
  return found;
}

TEST(RunbookScript, runbook_dry_run_follows_dependency_order) {
  DryRun d = BuildAndDryRun("samples/vueocity.topo", "runbook.sh");
  ASSERT_EQ(d.exit_code, 0) << d.out;
  ASSERT_GT(d.calls.size(), 100u) << d.out;
  // In a dry run lookups find nothing, so every create command is printed.
  std::vector<std::string> chain = {
      "+ aws ec2 create-vpc",                        // vpc.main
      "+ aws ec2 create-subnet",                     // its subnets
      "+ aws ec2 create-security-group",             // groups in the VPC
      "+ aws ec2 authorize-security-group-ingress",  // their rules
      "+ aws ec2 create-launch-template",            // uses the groups
      "+ aws autoscaling create-auto-scaling-group", // uses the template and the subnets
  };
  int previous = -1;
  for (const auto& step : chain) {
    int at = First(d.calls, step);
    ASSERT_GE(at, 0) << "no `" << step << "` in the dry run";
    EXPECT_GT(at, previous) << "`" << step << "` comes too early";
    previous = at;
  }
  // Every subnet before any security group; the instance after its subnet and group; the
  // load balancer before its listeners, and the listeners before their rules.
  EXPECT_LT(Last(d.calls, "+ aws ec2 create-subnet"), First(d.calls, "+ aws ec2 create-security-group"));
  EXPECT_LT(First(d.calls, "+ aws ec2 create-security-group"), First(d.calls, "+ aws ec2 run-instances"));
  EXPECT_LT(First(d.calls, "+ aws elbv2 create-load-balancer"), First(d.calls, "+ aws elbv2 create-listener"));
  EXPECT_LT(First(d.calls, "+ aws elbv2 create-listener"), First(d.calls, "+ aws elbv2 create-rule"));
  EXPECT_LT(First(d.calls, "+ aws iam create-role"), First(d.calls, "+ aws iam create-instance-profile"));
  // Several accounts: every call names its profile.
  for (const auto& c : d.calls) {
    if (c.rfind("+ aws sts ", 0) == 0) continue;
    EXPECT_NE(c.find(" --profile "), std::string::npos) << c;
  }
}

TEST(RunbookScript, runbook_teardown_dry_run_reverses_the_order) {
  DryRun d = BuildAndDryRun("tests/cases/runbook/resume.topo", "teardown.sh");
  ASSERT_EQ(d.exit_code, 0) << d.out;
  // Deletes come last-created first: the instance, its security group, its subnet, the VPC.
  std::vector<std::string> chain = {
      "+ aws ec2 terminate-instances",
      "+ aws ec2 delete-security-group",
      "+ aws ec2 delete-subnet",
      "+ aws ec2 delete-vpc",
  };
  int previous = -1;
  for (const auto& step : chain) {
    int at = First(d.calls, step);
    ASSERT_GE(at, 0) << "no `" << step << "` in the dry run\n" << d.out;
    EXPECT_GT(at, previous) << "`" << step << "` comes too early";
    previous = at;
  }
  // The key pair is deleted after the instance that uses it.
  EXPECT_LT(First(d.calls, "+ aws ec2 terminate-instances"), First(d.calls, "+ aws ec2 delete-key-pair"));
}

TEST(RunbookScript, runbook_teardown_keeps_retained_resources) {
  DryRun d = BuildAndDryRun("samples/osmt.topo", "teardown.sh");
  ASSERT_EQ(d.exit_code, 0) << d.out;
  // The state bucket and the database are retained (their kinds' default), and so is the
  // network the database needs; what nothing retains goes.
  EXPECT_EQ(First(d.calls, "+ aws s3api delete-bucket"), -1);
  EXPECT_EQ(First(d.calls, "+ aws rds delete-db-instance"), -1);
  EXPECT_EQ(First(d.calls, "+ aws ec2 delete-vpc"), -1);
  EXPECT_NE(d.out.find("kept: retained by default"), std::string::npos);
  EXPECT_LT(First(d.calls, "+ aws elbv2 delete-listener"), First(d.calls, "+ aws elbv2 delete-load-balancer"));
  EXPECT_GE(First(d.calls, "+ aws ecs delete-service"), 0);
}

TEST(RunbookScript, runbook_hostile_values_stay_inert) {
  for (const char* script : {"runbook.sh", "teardown.sh"}) {
    DryRun d = BuildAndDryRun("tests/cases/runbook/hostile_quoting.topo", script);
    EXPECT_EQ(d.exit_code, 0) << script << "\n" << d.out;
    // The values contain `$(touch pwned)` and backquoted `touch pwned`: nothing may create it.
    EXPECT_FALSE(fs::exists(d.dir + "/pwned")) << script << " ran a command from a value";
    if (std::string(script) == "runbook.sh") {
      int at = First(d.calls, "+ aws ec2 create-security-group");
      ASSERT_GE(at, 0);
      // printf %q shows the arguments exactly as the AWS CLI received them.
      EXPECT_NE(d.calls[at].find("--group-name web\\ \\$\\(whoami\\)"), std::string::npos) << d.calls[at];
      EXPECT_NE(d.out.find("Line two: $(touch pwned) ; exit 1"), std::string::npos) << d.out;
    }
  }
}

}  // namespace
}  // namespace topo::testing
