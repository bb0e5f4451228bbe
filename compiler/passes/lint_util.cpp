#include "passes/lint_util.h"

#include <algorithm>
#include <cctype>

#include "base/cidr.h"

namespace topo::passes::lint {

namespace {

const facts::Attribute* Schema(const ir::Resource& r, const std::string& name) {
  return r.schema == nullptr ? nullptr : r.schema->FindAttribute(name);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsProductionWord(const std::string& w) { return w == "prod" || w == "production" || w == "prd"; }

bool ProductionTags(const ir::Value* tags) {
  if (tags == nullptr || tags->kind != ir::Value::Kind::kMap) return false;
  for (const auto& [key, value] : tags->entries) {
    std::string k = Lower(key);
    if (k != "environment" && k != "env" && k != "stage" && k != "tier") continue;
    if (value.kind != ir::Value::Kind::kString) continue;
    std::string v = Lower(value.text);
    if (v == "prod" || v == "production" || v == "live" || v == "prd") return true;
  }
  return false;
}

}  // namespace

const ir::Value* Written(const ir::Resource& r, const std::string& name) {
  const ir::Attribute* a = r.Find(name);
  return a == nullptr ? nullptr : &a->value;
}

std::optional<bool> Bool(const ir::Resource& r, const std::string& name) {
  if (const ir::Value* v = Written(r, name)) {
    if (v->kind == ir::Value::Kind::kBool) return v->boolean;
    return std::nullopt;
  }
  const facts::Attribute* s = Schema(r, name);
  if (s != nullptr && s->default_value.is_boolean()) return s->default_value.get<bool>();
  return std::nullopt;
}

std::optional<double> Number(const ir::Resource& r, const std::string& name) {
  if (const ir::Value* v = Written(r, name)) {
    if (v->kind == ir::Value::Kind::kNumber) return v->number;
    return std::nullopt;
  }
  const facts::Attribute* s = Schema(r, name);
  if (s != nullptr && s->default_value.is_number()) return s->default_value.get<double>();
  return std::nullopt;
}

std::optional<std::string> String(const ir::Resource& r, const std::string& name) {
  if (const ir::Value* v = Written(r, name)) {
    if (v->kind == ir::Value::Kind::kString) return v->text;
    return std::nullopt;
  }
  const facts::Attribute* s = Schema(r, name);
  if (s != nullptr && s->default_value.is_string()) return s->default_value.get<std::string>();
  return std::nullopt;
}

std::optional<bool> BlockBool(const ir::Block& b, const std::string& name) {
  const ir::Attribute* a = b.Find(name);
  if (a == nullptr || a->value.kind != ir::Value::Kind::kBool) return std::nullopt;
  return a->value.boolean;
}

std::vector<ir::ResourceId> Refs(const ir::Model& model, const ir::Resource& r, const std::string& name,
                                 const std::string& kind) {
  std::vector<ir::ResourceId> out;
  const ir::Value* v = Written(r, name);
  if (v == nullptr) return out;
  auto take = [&](const ir::Value& item) {
    if (!item.is_ref() || !item.path.empty() || item.target == ir::kNoResource) return;
    if (!kind.empty() && model.at(item.target).kind != kind) return;
    out.push_back(item.target);
  };
  if (v->kind == ir::Value::Kind::kList) {
    for (const auto& item : v->items) take(item);
  } else {
    take(*v);
  }
  return out;
}

ir::ResourceId Ref(const ir::Model& model, const ir::Resource& r, const std::string& name, const std::string& kind) {
  auto refs = Refs(model, r, name, kind);
  return refs.empty() ? ir::kNoResource : refs.front();
}

SourceRange At(const ir::Resource& r, const std::string& name) {
  if (const ir::Value* v = Written(r, name); v != nullptr && v->range.valid()) return v->range;
  return r.name_range;
}

SourceRange Head(const ir::Block& b) {
  SourceRange r = b.range;
  r.length = static_cast<uint32_t>(b.type.size());
  return r;
}

std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(Lower(current));
    current.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    // camelCase and digit boundaries split words: "GitHubCI" -> Git, Hub, CI.
    if (!current.empty()) {
      char prev = current.back();
      bool upper = std::isupper(static_cast<unsigned char>(c));
      bool prev_lower = std::islower(static_cast<unsigned char>(prev));
      bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      bool prev_upper = std::isupper(static_cast<unsigned char>(prev));
      if ((upper && prev_lower) || (upper && prev_upper && next_lower)) flush();
    }
    current += c;
  }
  flush();
  // Also the whole name, lower-cased and without separators ("github" from "Git-Hub" stays split,
  // but "gitHub" joined is useful for brand names).
  return words;
}

bool HasWord(std::string_view name, const std::vector<std::string>& wanted) {
  auto words = Words(name);
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& w : wanted) {
      if (words[i] == w) return true;
      // Brand names split by camel case: "git" + "hub" -> "github".
      if (i + 1 < words.size() && words[i] + words[i + 1] == w) return true;
    }
  }
  return false;
}

std::string AwsName(const ir::Resource& r) {
  for (const char* attr : {"name", "user_name", "function_name", "identifier", "cluster_identifier", "group_name"}) {
    if (const ir::Value* v = Written(r, attr); v != nullptr && v->kind == ir::Value::Kind::kString) return v->text;
  }
  return r.name;
}

bool IsProduction(const ir::Model& model, const ir::Resource& r) {
  auto words_say = [](const std::string& s) {
    for (const auto& w : Words(s)) {
      if (IsProductionWord(w)) return true;
    }
    return false;
  };
  for (ir::ResourceId id = r.id; id != ir::kNoResource; id = model.at(id).parent) {
    const ir::Resource& x = model.at(id);
    if (ProductionTags(Written(x, "tags")) || words_say(x.name) || words_say(AwsName(x))) return true;
    if (x.kind == "db_instance") {
      ir::ResourceId cluster = Ref(model, x, "cluster", "db_cluster");
      if (cluster != ir::kNoResource && cluster != x.parent) {
        const ir::Resource& c = model.at(cluster);
        if (ProductionTags(Written(c, "tags")) || words_say(c.name)) return true;
      }
    }
  }
  ir::ResourceId account = r.account != ir::kNoResource ? r.account : model.default_account;
  if (account != ir::kNoResource) {
    const ir::Resource& a = model.at(account);
    if (words_say(a.name) || ProductionTags(Written(a, "tags"))) return true;
    if (auto name = String(a, "name"); name && words_say(*name)) return true;
    if (auto purpose = String(a, "purpose"); purpose && words_say(*purpose)) return true;
  }
  if (model.organization_id != ir::kNoResource &&
      ProductionTags(Written(model.at(model.organization_id), "default_tags"))) {
    return true;
  }
  return false;
}

namespace {

std::optional<std::string> Engine(const ir::Model& model, const ir::Resource& r) {
  if (auto e = String(r, "engine")) return e;
  if (r.kind == "db_instance") {
    ir::ResourceId cluster = Ref(model, r, "cluster", "db_cluster");
    if (cluster != ir::kNoResource) return String(model.at(cluster), "engine");
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> ListeningPort(const ir::Model& model, const ir::Resource& r) {
  if (const ir::Value* v = Written(r, "port")) {
    if (v->kind == ir::Value::Kind::kNumber) return static_cast<int>(v->number);
    return std::nullopt;
  }
  if (r.kind == "db_instance") {
    ir::ResourceId cluster = Ref(model, r, "cluster", "db_cluster");
    if (cluster != ir::kNoResource) return ListeningPort(model, model.at(cluster));
  }
  auto engine = Engine(model, r);
  if (!engine) return std::nullopt;
  const std::string& e = *engine;
  // Engine default ports: RDS CreateDBInstance `Port` and ElastiCache `Port` documentation.
  if (e == "mysql" || e == "mariadb" || e == "aurora-mysql" || e == "aurora") return 3306;
  if (e == "postgres" || e == "aurora-postgresql") return 5432;
  if (e.rfind("oracle", 0) == 0 || e.rfind("custom-oracle", 0) == 0) return 1521;
  if (e.rfind("sqlserver", 0) == 0 || e.rfind("custom-sqlserver", 0) == 0) return 1433;
  if (e.rfind("db2", 0) == 0) return 50000;
  if (e == "redis" || e == "valkey") return 6379;
  if (e == "memcached") return 11211;
  return std::nullopt;
}

std::string EngineName(const ir::Model& model, const ir::Resource& r) {
  auto engine = Engine(model, r);
  if (!engine) return "";
  const std::string& e = *engine;
  if (e == "mysql" || e == "aurora-mysql") return "MySQL";
  if (e == "mariadb") return "MariaDB";
  if (e == "postgres" || e == "aurora-postgresql") return "PostgreSQL";
  if (e.find("oracle") != std::string::npos) return "Oracle";
  if (e.find("sqlserver") != std::string::npos) return "SQL Server";
  if (e.rfind("db2", 0) == 0) return "Db2";
  if (e == "redis") return "Redis";
  if (e == "valkey") return "Valkey";
  if (e == "memcached") return "Memcached";
  return e;
}

ZoneName ParseZone(const std::string& value, const std::string& region) {
  ZoneName z;
  if (value.size() == 1 && std::islower(static_cast<unsigned char>(value[0]))) {
    z.letter = value;
    return z;
  }
  if (value.find("-az") != std::string::npos) {
    z.zone_id = true;
    return z;
  }
  if (value.size() > 1 && std::islower(static_cast<unsigned char>(value.back())) &&
      std::isdigit(static_cast<unsigned char>(value[value.size() - 2]))) {
    std::string prefix = value.substr(0, value.size() - 1);
    z.letter = value.substr(value.size() - 1);
    z.other_region = prefix != region;
    return z;
  }
  z.letter = value;  // not a zone name at all; reported as a zone that does not exist
  return z;
}

std::optional<std::string> ZoneOf(const ir::Resource& r) {
  auto az = String(r, "az");
  if (!az) return std::nullopt;
  ZoneName z = ParseZone(*az, r.region);
  if (z.zone_id || z.other_region || z.letter.size() != 1) return std::nullopt;
  return z.letter;
}

bool IsWorld(const std::string& cidr) {
  std::string error;
  auto parsed = ParseCidr(cidr, error);
  return parsed && parsed->IsAnywhere();
}

bool CoversTcpPort(const ir::Rule& rule, int port) {
  if (rule.protocol != "tcp" && rule.protocol != "all") return false;
  if (rule.from_port < 0) return true;
  return rule.from_port <= port && port <= rule.to_port;
}

}  // namespace topo::passes::lint
