#include "passes/reliability.h"

#include <gtest/gtest.h>

#include "passes/pass_test_util.h"

namespace topo::passes {
namespace {

using testing::Codes;
using testing::CompileText;
using testing::kOrg;
using Strings = std::vector<std::string>;

TEST(ReliabilityTest, SingleAzOnlyMattersForProduction) {
  auto c = CompileText(std::string(kOrg) + R"(
db_instance shop { engine = "mysql" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true tags = { Environment = "production" } }
db_instance shop_prod_replica { engine = "mysql" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true }
db_instance shop_multi { engine = "mysql" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true multi_az = true tags = { env = "prod" } }
db_instance scratch { engine = "mysql" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0701", "T0701"}));
}

TEST(ReliabilityTest, ProductionAccountsMakeProductionDatabases) {
  auto c = CompileText(std::string(kOrg) + R"(
account main { id = "111111111111" default = true purpose = "production workloads"
  db_instance db { engine = "postgres" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true }
}
)");
  EXPECT_EQ(Codes(*c), Strings{"T0701"});
}

TEST(ReliabilityTest, BackupsAndDeletionProtection) {
  auto c = CompileText(std::string(kOrg) + R"(
db_instance nobackup { engine = "postgres" instance_class = "db.t4g.micro" storage_encrypted = true deletion_protection = true backup_retention_period = 0 }
db_instance unprotected { engine = "postgres" instance_class = "db.t4g.micro" storage_encrypted = true }
db_instance disposable { engine = "postgres" instance_class = "db.t4g.micro" storage_encrypted = true retain = false }
db_cluster c { engine = "aurora-postgresql" storage_encrypted = true
  db_instance member { engine = "aurora-postgresql" instance_class = "db.t4g.medium" }
}
dynamodb_table data { hash_key = "id" }
dynamodb_table lock { hash_key = "LockID" }
bucket state { versioning = true }
terraform_state tf { bucket = bucket.state lock_table = dynamodb_table.lock }
)");
  EXPECT_EQ(Codes(*c), (Strings{"T0702", "T0703", "T0703", "T0703"}));
}

}  // namespace
}  // namespace topo::passes
