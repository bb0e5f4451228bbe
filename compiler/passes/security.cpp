#include "passes/security.h"

#include <map>
#include <set>

#include "base/strings.h"
#include "passes/lint_util.h"

namespace topo::passes {

namespace {

using lint::At;
using lint::Ref;
using lint::Refs;

// Kinds whose `security_groups` attach groups to something that listens.
const char* const kDataStores[] = {"db_instance", "db_cluster", "cache_cluster"};
const char* const kServers[] = {"instance", "launch_template", "beanstalk_env", "ecs_service"};

bool OneOf(const std::string& kind, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (kind == list[i]) return true;
  }
  return false;
}

// Well-known ports of databases and caches people run on their own servers.
struct KnownPort {
  int port;
  const char* what;
};
const KnownPort kDatabasePorts[] = {{1433, "SQL Server"}, {1521, "Oracle"},    {3306, "MySQL"},
                                    {5432, "PostgreSQL"}, {6379, "Redis"},     {9200, "Elasticsearch"},
                                    {11211, "Memcached"}, {27017, "MongoDB"}};
// Remote administration: Security Hub / AWS Config `restricted-ssh`, `restricted-common-ports`.
const KnownPort kAdminPorts[] = {{22, "SSH"}, {3389, "RDP"}};

// Words that mark an IAM user as a CI/CD system's.
const std::vector<std::string> kCiWords = {"ci",       "cd",        "cicd",     "github",   "gitlab",  "jenkins",
                                           "circleci", "travis",    "bitbucket", "pipeline", "pipelines", "deploy",
                                           "deployer", "deployment", "buildkite", "codebuild", "drone"};

class SecurityChecker {
 public:
  SecurityChecker(const ir::Model& model, DiagSink& sink) : model_(model), sink_(sink) {}

  void Run() {
    LinkGroups();
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      if (r.kind == "security_group") CheckGroup(r);
      if (r.kind == "db_instance" || r.kind == "db_cluster") CheckDatabase(r);
      if (r.kind == "ebs_volume") CheckVolume(r);
      if (r.kind == "instance" || r.kind == "launch_template") CheckRootVolume(r);
      if (r.kind == "bucket") CheckBucket(r);
      if (r.kind == "iam_user" || r.kind == "iam_role" || r.kind == "iam_group") CheckPrincipal(r);
      if (r.kind == "iam_policy") CheckPolicy(r);
      if (r.kind == "iam_access_key") CheckAccessKey(r);
      if (r.kind == "ses_smtp") CheckSmtp(r);
    }
  }

 private:
  // ---- security groups and what they guard ----

  void LinkGroups() {
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      // A cluster member is guarded through its cluster.
      if (r.kind == "db_instance" && Ref(model_, r, "cluster", "db_cluster") != ir::kNoResource &&
          lint::Written(r, "security_groups") == nullptr) {
        continue;
      }
      for (ir::ResourceId sg : Refs(model_, r, "security_groups", "security_group")) guards_[sg].push_back(r.id);
    }
    for (const auto& r : model_.resources) {
      if (r.kind == "terraform_state") {
        for (ir::ResourceId b : Refs(model_, r, "bucket", "bucket")) state_buckets_.insert(b);
      }
    }
  }

  std::string Peer(const ir::Rule& rule) const { return rule.cidr; }

  void CheckGroup(const ir::Resource& sg) {
    const auto& guarded = guards_[sg.id];
    bool guards_servers = false;
    for (ir::ResourceId id : guarded) guards_servers |= OneOf(model_.at(id).kind, kServers, std::size(kServers));
    for (const auto& rule : sg.rules) {
      if (rule.direction == ir::Rule::Direction::kEgress) {
        CheckEgressSmtp(sg, rule);
        continue;
      }
      if (rule.group != ir::kNoResource || rule.self || !lint::IsWorld(rule.cidr)) continue;
      // Managed databases and caches behind this group, at the port each listens on.
      std::set<int> db_ports;
      for (ir::ResourceId id : guarded) {
        const ir::Resource& db = model_.at(id);
        if (!OneOf(db.kind, kDataStores, std::size(kDataStores))) continue;
        auto port = lint::ListeningPort(model_, db);
        if (!port) continue;
        db_ports.insert(*port);
        if (!lint::CoversTcpPort(rule, *port)) continue;
        Diagnostic& d = sink_.Report(DiagKind::kDatabasePortOpenToWorld, rule.port_range, sg.name, *port, db.kind,
                                     db.name, Peer(rule));
        d.range_label = "open to the whole internet";
        std::string engine = lint::EngineName(model_, db);
        d.labels.push_back({db.name_range, (engine.empty() ? "listens" : engine + " listens") + " on port " +
                                               std::to_string(*port) + " behind this group"});
        d.notes.push_back(Reachability(db));
        d.help = fmt::format("admit only the clients' security group (`allow tcp {} from security_group.NAME`) or "
                             "a narrow CIDR",
                             *port);
      }
      for (const auto& admin : kAdminPorts) {
        if (!lint::CoversTcpPort(rule, admin.port)) continue;
        Diagnostic& d = sink_.Report(DiagKind::kAdminPortOpenToWorld, rule.port_range, sg.name, admin.what,
                                     admin.port, Peer(rule));
        d.range_label = "open to the whole internet";
        d.help = fmt::format("restrict {} to your office or VPN range, or remove the rule and use Session Manager",
                             admin.what);
      }
      // Self-hosted databases: a group guarding servers, a rule naming a database's port.
      if (!guards_servers || rule.from_port < 0) continue;
      for (const auto& known : kDatabasePorts) {
        if (db_ports.count(known.port) || !lint::CoversTcpPort(rule, known.port)) continue;
        if (rule.to_port - rule.from_port > 1000) break;  // a wide range is not about databases
        Diagnostic& d = sink_.Report(DiagKind::kSelfHostedDatabasePortOpenToWorld, rule.port_range, sg.name,
                                     known.what, known.port, Peer(rule));
        d.range_label = "open to the whole internet";
        for (ir::ResourceId id : guarded) {
          const ir::Resource& server = model_.at(id);
          if (OneOf(server.kind, kServers, std::size(kServers))) {
            d.labels.push_back({server.name_range, "guards " + server.kind + " `" + server.name + "`"});
            break;
          }
        }
        d.help = fmt::format("remove the rule if {} runs on the same host (it is reached over localhost), or admit "
                             "only the hosts that use it",
                             known.what);
      }
    }
  }

  std::string Reachability(const ir::Resource& db) {
    if (db.kind == "cache_cluster") {
      return "ElastiCache nodes have no public address: anything that can route into the VPC can connect";
    }
    const ir::Resource* owner = &db;
    ir::ResourceId cluster = db.kind == "db_instance" ? Ref(model_, db, "cluster", "db_cluster") : ir::kNoResource;
    if (cluster != ir::kNoResource) owner = &model_.at(cluster);
    auto pub = lint::Bool(*owner, "publicly_accessible");
    auto mode = lint::String(*owner, "engine_mode");
    if (pub && *pub && !(mode && *mode == "serverless")) {
      return "the database is publicly accessible, so anyone on the internet can try to connect";
    }
    return "the database has no public address, but anything that can route into the VPC can connect";
  }

  void CheckEgressSmtp(const ir::Resource& sg, const ir::Rule& rule) {
    if (rule.from_port != 25 || rule.to_port != 25 || (rule.protocol != "tcp" && rule.protocol != "all")) return;
    Diagnostic& d = sink_.Report(DiagKind::kSmtpPort25, rule.port_range, "an egress rule of security group `" +
                                                                             sg.name + "`");
    d.help = "send through SES on port 587 (STARTTLS) or 465 (TLS)";
  }

  // ---- databases, volumes, buckets ----

  void CheckDatabase(const ir::Resource& db) {
    bool member = db.kind == "db_instance" && Ref(model_, db, "cluster", "db_cluster") != ir::kNoResource;
    auto mode = lint::String(db, "engine_mode");
    bool serverless_v1 = db.kind == "db_cluster" && mode && *mode == "serverless";
    auto pub = lint::Bool(db, "publicly_accessible");
    if (pub && *pub && !serverless_v1) {  // Serverless v1: T0310
      Diagnostic& d = sink_.Report(DiagKind::kDatabasePubliclyAccessible, At(db, "publicly_accessible"), db.kind,
                                   db.name);
      d.help = "set `publicly_accessible = false` and connect through the VPC (bastion, VPN or Session Manager)";
    }
    if (member || serverless_v1) return;  // storage is the cluster's; Serverless v1 is always encrypted
    auto encrypted = lint::Bool(db, "storage_encrypted");
    if (encrypted && !*encrypted) {
      Diagnostic& d = sink_.Report(DiagKind::kStorageNotEncrypted, At(db, "storage_encrypted"),
                                   db.kind + " `" + db.name + "`");
      d.notes.push_back("encryption cannot be turned on later without a snapshot, an encrypted copy and a restore");
      d.help = "set `storage_encrypted = true`";
    }
  }

  void CheckVolume(const ir::Resource& v) {
    auto encrypted = lint::Bool(v, "encrypted");
    if (!encrypted || *encrypted) return;
    Diagnostic& d = sink_.Report(DiagKind::kStorageNotEncrypted, At(v, "encrypted"), "ebs_volume `" + v.name + "`");
    d.help = "set `encrypted = true`";
  }

  void CheckRootVolume(const ir::Resource& r) {
    for (const auto& b : r.blocks) {
      if (b.type != "root_volume") continue;
      auto encrypted = lint::BlockBool(b, "encrypted");
      if (encrypted && *encrypted) continue;
      if (b.Find("encrypted") != nullptr && !encrypted) continue;  // a parameter: unknown
      const ir::Attribute* a = b.Find("encrypted");
      Diagnostic& d = sink_.Report(DiagKind::kStorageNotEncrypted, a != nullptr ? a->value.range : lint::Head(b),
                                   "the root volume of " + r.kind + " `" + r.name + "`");
      if (a == nullptr) d.notes.push_back("unless the account turns on EBS encryption by default");
      d.help = "set `encrypted = true` in `root_volume`";
    }
  }

  void CheckBucket(const ir::Resource& b) {
    auto block = lint::Bool(b, "block_public_access");
    if (block && !*block) {
      Diagnostic& d = sink_.Report(DiagKind::kBucketPublicAccessBlockOff, At(b, "block_public_access"), b.name);
      d.help = "remove `block_public_access = false` and serve the objects through a distribution with "
               "`origin_access`";
    }
    std::string what;
    if (state_buckets_.count(b.id)) {
      what = "Terraform state";
    } else if (lint::HasWord(b.name, {"backup", "backups"}) || lint::HasWord(lint::AwsName(b), {"backup", "backups"})) {
      what = "backup";
    }
    auto versioning = lint::Bool(b, "versioning");
    if (what.empty() || !versioning || *versioning) return;
    Diagnostic& d = sink_.Report(DiagKind::kBucketVersioningOff, At(b, "versioning"), what, b.name);
    d.notes.push_back("an overwrite or delete destroys the only copy");
    d.help = "set `versioning = true` (and a lifecycle rule with `noncurrent_expiration_days` to bound the cost)";
  }

  // ---- IAM ----

  void CheckPrincipal(const ir::Resource& p) {
    if (const ir::Value* v = lint::Written(p, "managed_policies"); v != nullptr && v->kind == ir::Value::Kind::kList) {
      for (const auto& item : v->items) {
        if (item.kind != ir::Value::Kind::kString) continue;
        const std::string& name = item.text;
        static const std::string kArn = ":policy/AdministratorAccess";
        bool admin = name == "AdministratorAccess" ||
                     (name.size() > kArn.size() && name.compare(name.size() - kArn.size(), kArn.size(), kArn) == 0);
        if (!admin) continue;
        Diagnostic& d = sink_.Report(DiagKind::kIamAdministratorAccess, item.range, p.kind, p.name);
        d.range_label = "every action on every resource";
        d.help = "attach a narrower managed policy, or an `iam_policy` with the actions and resources needed";
      }
    }
    for (const auto& b : p.blocks) {
      if (b.type != "inline_policy") continue;
      const ir::Attribute* doc = b.Find("policy");
      if (doc != nullptr) CheckDocument(doc->value, "an inline policy of " + p.kind + " `" + p.name + "`");
    }
  }

  void CheckPolicy(const ir::Resource& p) {
    std::string what = "policy `" + p.name + "`";
    for (const auto& b : p.blocks) {
      if (b.type != "statement") continue;
      Statement s;
      if (const ir::Attribute* e = b.Find("effect"); e != nullptr && e->value.kind == ir::Value::Kind::kString) {
        s.allow = e->value.text == "Allow";
      }
      if (const ir::Attribute* a = b.Find("actions")) Collect(a->value, s.actions);
      if (const ir::Attribute* r = b.Find("resources")) Collect(r->value, s.resources);
      CheckStatement(s, "a statement of " + what);
    }
    if (const ir::Value* doc = lint::Written(p, "policy")) CheckDocument(*doc, what);
  }

  struct Statement {
    bool allow = true;
    std::vector<const ir::Value*> actions;
    std::vector<const ir::Value*> resources;
  };

  static void Collect(const ir::Value& v, std::vector<const ir::Value*>& out) {
    if (v.kind == ir::Value::Kind::kList) {
      for (const auto& item : v.items) Collect(item, out);
    } else {
      out.push_back(&v);
    }
  }

  static const ir::Value* Entry(const ir::Value& map, const std::string& key) {
    for (const auto& [k, v] : map.entries) {
      if (k.size() == key.size() && std::equal(k.begin(), k.end(), key.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          })) {
        return &v;
      }
    }
    return nullptr;
  }

  // A policy document written as a map: {Version = "...", Statement = [{Effect, Action, Resource}]}.
  void CheckDocument(const ir::Value& doc, const std::string& what) {
    if (doc.kind != ir::Value::Kind::kMap) return;
    const ir::Value* statements = Entry(doc, "Statement");
    if (statements == nullptr) return;
    std::vector<const ir::Value*> list;
    Collect(*statements, list);
    for (const ir::Value* st : list) {
      if (st->kind != ir::Value::Kind::kMap) continue;
      Statement s;
      if (const ir::Value* e = Entry(*st, "Effect"); e != nullptr && e->kind == ir::Value::Kind::kString) {
        s.allow = e->text == "Allow";
      }
      if (const ir::Value* a = Entry(*st, "Action")) Collect(*a, s.actions);
      if (const ir::Value* r = Entry(*st, "Resource")) Collect(*r, s.resources);
      CheckStatement(s, "a statement of " + what);
    }
  }

  static bool ReadOnly(const std::string& action) {
    size_t colon = action.find(':');
    std::string verb = colon == std::string::npos ? action : action.substr(colon + 1);
    for (const char* prefix : {"List", "Get", "Describe", "Head"}) {
      if (verb.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

  void CheckStatement(const Statement& s, const std::string& what) {
    if (!s.allow) return;
    for (const ir::Value* a : s.actions) {
      if (a->kind == ir::Value::Kind::kString && (a->text == "*" || a->text == "*:*")) {
        Diagnostic& d = sink_.Report(DiagKind::kIamWildcardAction, a->range, what, a->text);
        d.help = "list the actions the principal needs";
        return;  // `*` on `*` is one problem
      }
    }
    std::vector<std::string> changing;
    for (const ir::Value* a : s.actions) {
      if (a->kind == ir::Value::Kind::kString && !ReadOnly(a->text)) changing.push_back("`" + a->text + "`");
    }
    if (changing.empty()) return;
    for (const ir::Value* r : s.resources) {
      if (r->kind != ir::Value::Kind::kString || r->text != "*") continue;
      std::string actions = changing.front();
      if (changing.size() > 1) {
        actions += fmt::format(" and {} other action{}", changing.size() - 1, changing.size() == 2 ? "" : "s");
      }
      Diagnostic& d = sink_.Report(DiagKind::kIamWildcardResource, r->range, what, actions);
      d.help = "name the resources, e.g. `resources = [bucket.NAME.arn]`";
      return;
    }
  }

  void CheckAccessKey(const ir::Resource& key) {
    ir::ResourceId user = Ref(model_, key, "user", "iam_user");
    if (user == ir::kNoResource) return;
    const ir::Resource& u = model_.at(user);
    if (!lint::HasWord(u.name, kCiWords) && !lint::HasWord(lint::AwsName(u), kCiWords)) return;
    Diagnostic& d = sink_.Report(DiagKind::kCiAccessKey, key.name_range, u.name);
    if (key.parent != user) d.labels.push_back({u.name_range, "the CI user"});
    d.notes.push_back("access keys never expire; CI systems with OpenID Connect can assume a role instead");
    d.help = "trust the CI system's OIDC provider in an `iam_role` and remove the access key";
  }

  void CheckSmtp(const ir::Resource& s) {
    const ir::Value* port = lint::Written(s, "port");
    if (port == nullptr || port->kind != ir::Value::Kind::kNumber || port->number != 25) return;
    Diagnostic& d = sink_.Report(DiagKind::kSmtpPort25, port->range, "ses_smtp `" + s.name + "`");
    d.help = "use port 587 (STARTTLS) or 465 (TLS)";
  }

  const ir::Model& model_;
  DiagSink& sink_;
  std::map<ir::ResourceId, std::vector<ir::ResourceId>> guards_;
  std::set<ir::ResourceId> state_buckets_;
};

}  // namespace

void CheckSecurity(const ir::Model& model, DiagSink& sink) { SecurityChecker(model, sink).Run(); }

}  // namespace topo::passes
