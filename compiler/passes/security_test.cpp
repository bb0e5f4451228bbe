#include "passes/security.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::Codes;
using testing::CompileText;
using testing::kOrg;
using Strings = std::vector<std::string>;

// A database that raises nothing but what a test is about.
std::string Db(const std::string& name, const std::string& engine, const std::string& groups,
               const std::string& extra = "") {
  return "db_instance " + name + " { engine = \"" + engine + "\" instance_class = \"db.t4g.micro\" " +
         "storage_encrypted = true deletion_protection = true " +
         "security_groups = [" + groups + "] " + extra + " }\n";
}

TEST(SecurityTest, DatabasePortRuleFollowsTheGroupToTheDatabase) {
  auto c = CompileText(std::string(kOrg) + R"(
security_group pg { allow tcp 5432 from "0.0.0.0/0" }
)" + Db("analysis", "postgres", "security_group.pg"));
  auto found = testing::With(*c, "T0501");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "security group `pg` opens port 5432 of db_instance `analysis` to 0.0.0.0/0");
  EXPECT_EQ(Codes(*c), Strings{"T0501"});
}

TEST(SecurityTest, DatabasePortRuleIsSilentWhenThePortIsNotTheDatabases) {
  // The group is open on MySQL's port, but the database behind it is PostgreSQL.
  auto other_port = CompileText(std::string(kOrg) + R"(
security_group g { allow tcp 3306 from "0.0.0.0/0" }
)" + Db("pg", "postgres", "security_group.g"));
  EXPECT_EQ(Codes(*other_port), Strings{});
  // A custom port moves the check with it.
  auto custom = CompileText(std::string(kOrg) + R"(
security_group g { allow tcp 5432 from "0.0.0.0/0" }
)" + Db("pg", "postgres", "security_group.g", "port = 6543"));
  EXPECT_EQ(Codes(*custom), Strings{});
  // A world-open database port on a group no database uses is not this rule's business.
  auto unused = CompileText(std::string(kOrg) + R"(security_group g { allow tcp 5432 from "0.0.0.0/0" })");
  EXPECT_EQ(Codes(*unused), Strings{});
  // Narrow sources and other groups are fine.
  auto narrow = CompileText(std::string(kOrg) + R"(
security_group app { }
security_group g { allow tcp 5432 from "10.0.0.0/16"  allow tcp 5432 from security_group.app }
)" + Db("pg", "postgres", "security_group.g"));
  EXPECT_EQ(Codes(*narrow), Strings{});
}

TEST(SecurityTest, DatabasePortRuleCoversClustersCachesRangesAndIpv6) {
  auto c = CompileText(std::string(kOrg) + R"(
security_group g { allow tcp 3000-4000 from "::/0" }
security_group r { allow all from "0.0.0.0/0" }
db_cluster aurora { engine = "aurora-mysql" security_groups = [security_group.g] storage_encrypted = true
                    deletion_protection = true
  db_instance one { engine = "aurora-mysql" instance_class = "db.t4g.medium" }
}
cache_cluster redis { engine = "redis" node_type = "cache.t4g.micro" security_groups = [security_group.r] }
)");
  auto found = testing::With(*c, "T0501");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message, "security group `g` opens port 3306 of db_cluster `aurora` to ::/0");
  EXPECT_EQ(found[1].message, "security group `r` opens port 6379 of cache_cluster `redis` to 0.0.0.0/0");
}

TEST(SecurityTest, AdminPortsOpenToTheWorld) {
  auto c = CompileText(std::string(kOrg) + R"(
security_group ssh { allow tcp 22 from "0.0.0.0/0" }
security_group rdp { allow tcp 3389 from "::/0" }
security_group office { allow tcp 22 from "203.0.113.0/24"  allow tcp 443 from "0.0.0.0/0" }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0502", "T0502"}));
}

TEST(SecurityTest, SelfHostedDatabasePortOnAServer) {
  auto c = CompileText(std::string(kOrg) + R"(
security_group web { allow tcp 5432 from "0.0.0.0/0"  allow tcp 443 from "0.0.0.0/0" }
security_group idle { allow tcp 5432 from "0.0.0.0/0" }
instance app { ami = "ami-12345678" instance_type = "t3.micro" security_groups = [security_group.web] }
)");
  EXPECT_EQ(Codes(*c), Strings{"T0512"});
}

TEST(SecurityTest, PublicUnencryptedDatabasesVolumesAndBuckets) {
  auto c = CompileText(std::string(kOrg) + R"(
db_instance open { engine = "postgres" instance_class = "db.t4g.micro" publicly_accessible = true storage_encrypted = true deletion_protection = true }
db_instance plain { engine = "postgres" instance_class = "db.t4g.micro" deletion_protection = true }
ebs_volume data { az = "a" size = 10 }
ebs_volume sealed { az = "a" size = 10 encrypted = true }
instance box { ami = "ami-12345678" root_volume { size = 8 } }
instance sealed_box { ami = "ami-12345678" root_volume { size = 8 encrypted = true } }
bucket site { block_public_access = false }
bucket private_site { }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0503", "T0504", "T0504", "T0504", "T0505"}));
}

TEST(SecurityTest, BackupAndStateBucketsNeedVersioning) {
  auto c = CompileText(std::string(kOrg) + R"(
bucket nightly_backups { }
bucket state { }
bucket logs { }
bucket kept_backup { versioning = true }
terraform_state tf { bucket = bucket.state }
)");
  auto found = testing::With(*c, "T0506");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message, "backup bucket `nightly_backups` has no versioning");
  EXPECT_EQ(found[1].message, "Terraform state bucket `state` has no versioning");
}

TEST(SecurityTest, IamAdministratorAndWildcards) {
  auto c = CompileText(std::string(kOrg) + R"(
iam_role admin { managed_policies = ["arn:aws:iam::aws:policy/AdministratorAccess"] }
iam_user eb { managed_policies = ["AdministratorAccess-AWSElasticBeanstalk"] }
iam_policy everything { statement { actions = ["*"] resources = ["*"] } }
iam_policy writes { statement { actions = ["s3:PutObject", "s3:GetObject"] resources = ["*"] } }
iam_policy reads { statement { actions = ["ec2:Describe*", "s3:ListAllMyBuckets"] resources = ["*"] } }
iam_policy denies { statement { effect = "Deny" actions = ["*"] resources = ["*"] } }
iam_group g { inline_policy all { policy = { Statement = [{ Effect = "Allow", Action = "*:*", Resource = "*" }] } } }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0507", "T0508", "T0509", "T0508"}));
}

TEST(SecurityTest, LongLivedKeysForCiUsers) {
  auto c = CompileText(std::string(kOrg) + R"(
iam_user github-workflow { iam_access_key deploy { } }
iam_user GitLabCI { }
iam_access_key gl { user = iam_user.GitLabCI }
iam_user mail { iam_access_key smtp { } }
iam_user circle { name = "circleci-deployer" }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0510", "T0510"}));
}

TEST(SecurityTest, SmtpOnPort25) {
  auto c = CompileText(std::string(kOrg) + R"(
ses_smtp legacy { port = 25 }
ses_smtp fine { port = 587 }
security_group mta { allow tcp 25 to "0.0.0.0/0"  allow tcp 587 to "0.0.0.0/0" }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0511", "T0511"}));
}

}  // namespace
}  // namespace topo::passes
