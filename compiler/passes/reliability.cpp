#include "passes/reliability.h"

#include <set>

#include "passes/lint_util.h"

namespace topo::passes {

namespace {

using lint::At;
using lint::Ref;

class ReliabilityChecker {
 public:
  ReliabilityChecker(const ir::Model& model, DiagSink& sink) : model_(model), sink_(sink) {}

  void Run() {
    for (const auto& r : model_.resources) {
      if (r.kind == "terraform_state") {
        for (ir::ResourceId t : lint::Refs(model_, r, "lock_table", "dynamodb_table")) lock_tables_.insert(t);
      }
    }
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      bool member = r.kind == "db_instance" && Ref(model_, r, "cluster", "db_cluster") != ir::kNoResource;
      if (r.kind == "db_instance" && !member) {
        CheckMultiAz(r);
        CheckBackups(r);
      }
      if ((r.kind == "db_instance" && !member) || r.kind == "db_cluster") {
        CheckDeletionProtection(r, "deletion_protection");
      }
      if (r.kind == "dynamodb_table" && !lock_tables_.count(r.id)) {
        CheckDeletionProtection(r, "deletion_protection_enabled");
      }
    }
  }

 private:
  // Multi-AZ: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
  void CheckMultiAz(const ir::Resource& db) {
    auto multi_az = lint::Bool(db, "multi_az");
    if (!multi_az || *multi_az || !lint::IsProduction(model_, db)) return;
    Diagnostic& d = sink_.Report(DiagKind::kSingleAzProductionDatabase, At(db, "multi_az"), db.kind, db.name);
    d.notes.push_back("an availability zone outage or a host failure takes the database down until it is replaced");
    d.help = "set `multi_az = true`";
  }

  void CheckBackups(const ir::Resource& db) {
    auto days = lint::Number(db, "backup_retention_period");
    if (!days || *days != 0) return;
    Diagnostic& d = sink_.Report(DiagKind::kBackupsDisabled, At(db, "backup_retention_period"), db.kind, db.name);
    d.notes.push_back("without automated backups there is no point-in-time recovery");
    d.help = "set `backup_retention_period` to at least 1 (7 or more for production)";
  }

  void CheckDeletionProtection(const ir::Resource& store, const std::string& attr) {
    auto retain = lint::Bool(store, "retain");
    if (retain && !*retain) return;  // declared disposable
    auto protection = lint::Bool(store, attr);
    if (!protection || *protection) return;
    Diagnostic& d = sink_.Report(DiagKind::kNoDeletionProtection, At(store, attr), store.kind, store.name);
    d.notes.push_back("`retain` keeps it when it leaves the topology, but the console or API can still delete it");
    d.help = fmt::format("set `{} = true`, or `retain = false` if the data may be lost", attr);
  }

  const ir::Model& model_;
  DiagSink& sink_;
  std::set<ir::ResourceId> lock_tables_;
};

}  // namespace

void CheckReliability(const ir::Model& model, DiagSink& sink) { ReliabilityChecker(model, sink).Run(); }

}  // namespace topo::passes
