#include "emit/docs/handbook.h"

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/embedded.h"
#include "emit/docs/markdown.h"
#include "facts/rules.h"

namespace topo::emit::docs {

namespace {

using Json = nlohmann::json;
using ir::ResourceId;

// stdlib/docs/handbook.json: record patterns and the topic tables.
const Json& DocFacts() {
  static const Json facts = [] {
    for (const auto& f : embedded::Files()) {
      if (f.path == "stdlib/docs/handbook.json") return Json::parse(f.contents);
    }
    return Json::object();
  }();
  return facts;
}

std::string Fact(const char* group, const char* key) {
  const Json& f = DocFacts();
  if (!f.contains(group) || !f[group].contains(key) || !f[group][key].is_string()) return "";
  return f[group][key].get<std::string>();
}

// A JSON object from key, value, key, value...: built in place. nlohmann's initializer-list
// constructor makes a temporary JSON value of every key, value and pair and copies each string;
// with a row object per resource in several tables that was most of the handbook's time.
void Put(Json::object_t&) {}
template <typename Value, typename... Rest>
void Put(Json::object_t& object, const char* key, Value&& value, Rest&&... rest) {
  object.emplace(key, Json(std::forward<Value>(value)));
  Put(object, std::forward<Rest>(rest)...);
}
template <typename... Args>
Json Obj(Args&&... args) {
  Json j = Json::object();
  Put(*j.get_ptr<Json::object_t*>(), std::forward<Args>(args)...);
  return j;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string JoinMd(const std::vector<std::string>& parts, const std::string& sep, const std::string& empty = "—") {
  if (parts.empty()) return empty;
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// Rows of the tables with a row per resource, written straight to Markdown: "| a | b |\n" per
// row, the whole table one `rows_md`-like string that the template prints where its rows go.
// Those tables are most of the handbook, and a JSON object per row, converted to template data
// and rendered field by field, cost several times the text itself. Cells are Markdown already;
// a cell the template used to print with double braces goes through EscapeMarkdown here.
void AppendCell(std::string& out, std::string_view md) {
  out += ' ';
  out += md;
  out += " |";
}
void AppendRow(std::string& out, std::initializer_list<std::string_view> cells) {
  out += '|';
  for (std::string_view cell : cells) AppendCell(out, cell);
  out += '\n';
}

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// Which kinds neither Terraform nor CloudFormation can create, with both mappings' reasons
// (stdlib/terraform/*.json `manual`, stdlib/cloudformation/kinds/*.json `manual`).
std::map<std::string, std::vector<std::string>> UnmanagedKinds() {
  std::map<std::string, std::string> terraform, cloudformation;
  for (const auto& f : embedded::Files()) {
    std::string path(f.path);
    if (path.size() < 5 || path.substr(path.size() - 5) != ".json") continue;
    bool tf = path.rfind("stdlib/terraform/", 0) == 0;
    bool cfn = path.rfind("stdlib/cloudformation/kinds/", 0) == 0;
    if (!tf && !cfn) continue;
    Json doc = Json::parse(f.contents, nullptr, false);
    if (!doc.is_object()) continue;
    if (tf && doc.contains("kinds") && doc["kinds"].is_object()) {
      for (const auto& [kind, spec] : doc["kinds"].items()) {
        if (spec.is_object() && spec.contains("manual") && spec["manual"].is_string()) {
          terraform[kind] = spec["manual"].get<std::string>();
        }
      }
    }
    if (cfn && doc.contains("kind") && doc["kind"].is_string() && doc.contains("manual") && doc["manual"].is_string()) {
      cloudformation[doc["kind"].get<std::string>()] = doc["manual"].get<std::string>();
    }
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [kind, reason] : terraform) {
    auto it = cloudformation.find(kind);
    if (it == cloudformation.end() || kind == "manual_step") continue;
    out[kind] = {"Terraform: " + reason, "CloudFormation: " + it->second};
  }
  return out;
}

// Text a value stands for, with parameters replaced by their defaults: what a reader of a DNS
// table wants to see. `params` collects the parameters used.
struct Resolved {
  std::string text;
  std::vector<std::string> params;
  bool known = true;  // false: contains a value only known at deploy time
};

class Builder {
 public:
  explicit Builder(const EmitContext& c) : c_(c), m_(c.model) {
    for (const auto& e : m_.edges) {
      if (e.to != ir::kNoResource && e.from != ir::kNoResource) incoming_[e.to].push_back(&e);
    }
    int accounts = 0;
    for (const auto& r : m_.resources) {
      if (r.parent != ir::kNoResource) children_[r.parent].push_back(r.id);
      accounts += r.kind == "account";
    }
    multi_account_ = accounts > 1;
    // Indexes, so that every section is linear in the size of the model.
    for (const auto& r : m_.resources) {
      if (r.kind == "subnet") subnets_of_vpc_[RefTarget(r, "vpc")].push_back(r.id);
      if (r.kind == "route_table") {
        for (ResourceId sn : RefList(Val(r, "subnets"))) route_tables_of_subnet_[sn].push_back(r.id);
      }
      if (r.kind == "dns_record") records_of_zone_[RefTarget(r, "zone")].push_back(r.id);
      if (r.kind == "certificate" || r.kind == "ses_domain") implied_of_zone_[RefTarget(r, "zone")].push_back(r.id);
      if (r.kind == "iam_user") {
        for (ResourceId g : RefList(Val(r, "groups"))) {
          AddUniqueId(groups_of_user_[r.id], g);
          AddUniqueId(users_of_group_[g], r.id);
        }
      }
      if (r.kind == "iam_group") {
        for (ResourceId u : RefList(Val(r, "users"))) {
          AddUniqueId(groups_of_user_[u], r.id);
          AddUniqueId(users_of_group_[r.id], u);
        }
      }
      if (r.kind != "subnet" && r.kind != "vpc" && !r.region.empty()) {
        ResourceId v = VpcOf(r.id);
        if (v != ir::kNoResource) in_vpc_[v].push_back(r.id);
      }
    }
  }

  Json Build() {
    Json d = Json::object();
    std::string org = m_.organization.empty() ? "AWS estate" : m_.organization;
    d["title"] = Heading(1, CodeSpan(org) + ": AWS handbook", false);
    d["files_md"] = FilesMd();
    if (m_.organization_id != ir::kNoResource) {
      if (const ir::Attribute* a = m_.at(m_.organization_id).Find("description")) d["org_description_md"] = TextMd(a->value);
    }
    d["contents"] = Heading(2, "Contents", false);
    d["overview"] = Overview();
    d["inventory"] = Inventory();
    d["networks"] = Networks();
    d["security"] = Security();
    d["dns"] = Dns();
    d["email"] = Email();
    d["certificates"] = Certificates();
    d["summaries"] = Summaries();
    d["iam"] = Iam();
    d["manual"] = ManualSteps();
    d["findings"] = Findings();
    d["parameters"] = Parameters();
    d["toc"] = toc_;
    return d;
  }

 private:
  const EmitContext& c_;
  const ir::Model& m_;
  AnchorSet anchors_;
  Json services_;
  Json toc_ = Json::array();
  std::map<ResourceId, std::vector<const ir::Edge*>> incoming_;
  std::map<ResourceId, std::vector<ResourceId>> children_;
  bool multi_account_ = false;
  std::map<ResourceId, std::vector<ResourceId>> subnets_of_vpc_, route_tables_of_subnet_, records_of_zone_, implied_of_zone_,
      groups_of_user_, users_of_group_, in_vpc_;
  static void AddUniqueId(std::vector<ResourceId>& v, ResourceId id) {
    if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
  }
  const std::vector<ResourceId>& Index(const std::map<ResourceId, std::vector<ResourceId>>& index, ResourceId id) const {
    static const std::vector<ResourceId> kNone;
    auto it = index.find(id);
    return it == index.end() ? kNone : it->second;
  }

  // ---- headings, sources, names -------------------------------------------------------------

  Json Heading(int level, const std::string& md, bool in_toc = true) {
    std::string anchor = anchors_.Add(md);
    if (in_toc && level >= 2 && level <= 3) toc_.push_back(Obj("indent", std::string(static_cast<size_t>(level - 2) * 2, ' '), "md", md, "anchor", anchor));
    return Obj("md", md, "anchor", anchor);
  }

  std::string Src(const SourceRange& range) const {
    if (!range.valid()) return "—";
    LineColumn lc = c_.sources.Locate(range);
    return CodeSpan(c_.sources.file(range.file).path() + ":" + std::to_string(lc.line));
  }

  std::string FilesMd() const {
    std::vector<std::string> files;
    for (size_t i = 0; i < c_.sources.size(); ++i) files.push_back(CodeSpan(c_.sources.file(static_cast<FileId>(i)).path()));
    return JoinMd(files, ", ");
  }

  std::string Display(ResourceId id) const {
    if (id == ir::kNoResource || id < 0 || static_cast<size_t>(id) >= m_.resources.size()) return "?";
    return m_.DisplayName(id);
  }
  std::string Name(ResourceId id) const { return CodeSpan(Display(id)); }

  const facts::Kind* KindOf(const ir::Resource& r) const { return r.schema ? r.schema : c_.catalog.FindKind(r.kind); }
  std::string KindTitle(const ir::Resource& r) const {
    const facts::Kind* k = KindOf(r);
    return k && !k->title.empty() ? k->title : r.kind;
  }

  std::string RegionLabel(const std::string& code) const {
    if (code.empty()) return "global";
    const facts::Region* region = c_.catalog.FindRegion(code);
    return region ? code + " (" + region->name + ")" : code;
  }
  std::string RegionMd(const std::string& code) const {
    if (code.empty()) return "global";
    const facts::Region* region = c_.catalog.FindRegion(code);
    return CodeSpan(code) + (region ? " " + EscapeMarkdown("(" + region->name + ")") : "");
  }
  std::string AccountMd(ResourceId id) const {
    std::string name = m_.AccountName(id);
    return name.empty() ? "" : CodeSpan(name);
  }
  // "`vueprod` · `us-east-1`", or the region alone for a single-account topology.
  std::string WhereMd(const ir::Resource& r) const {
    std::string where = r.region.empty() ? (IsMeta(r) ? "—" : "global") : CodeSpan(r.region);
    if (MultiAccount() && r.account != ir::kNoResource) return CodeSpan(m_.at(r.account).name) + " · " + where;
    return where;
  }
  bool MultiAccount() const { return multi_account_; }
  bool IsMeta(const ir::Resource& r) const {
    const facts::Kind* k = KindOf(r);
    return k && (k->placement == facts::Placement::kMeta || k->placement == facts::Placement::kScope);
  }

  // ---- values -------------------------------------------------------------------------------

  static std::string TemplateText(const ir::Value& v, const ir::Model& m) {
    std::string out;
    for (const auto& part : v.items) {
      if (part.kind == ir::Value::Kind::kString) {
        out += part.text;
      } else if (part.kind == ir::Value::Kind::kParam) {
        out += "${param." + part.text + "}";
      } else if (part.kind == ir::Value::Kind::kRef) {
        std::string name = part.target == ir::kNoResource ? "?" : m.DisplayName(part.target);
        for (const auto& p : part.path) name += "." + p;
        out += "${" + name + "}";
      } else {
        out += part.text;
      }
    }
    return out;
  }

  std::string RefText(const ir::Value& v) const {
    std::string s = Display(v.target);
    for (const auto& p : v.path) s += "." + p;
    return s;
  }

  std::string ParamMd(const std::string& name) const {
    std::string md = CodeSpan("param." + name);
    const ir::Param* p = m_.FindParam(name);
    if (p == nullptr) return md;
    if (p->secret) return md + " (secret)";
    if (!p->has_default) return md + " (no default)";
    const ir::Value& d = p->default_value;
    if (d.kind == ir::Value::Kind::kList && d.items.size() > 6) {
      return md + " (" + std::to_string(d.items.size()) + " values, see [Parameters](#" + params_anchor_ + "))";
    }
    return md + " = " + ValueMd(d);
  }

  std::string StringMd(const std::string& s) const {
    if (s.find('\n') != std::string::npos || s.size() > 80) return "“" + EscapeMarkdown(s) + "”";
    return CodeSpan(s);
  }

  std::string ValueMd(const ir::Value& v) const {
    std::string out;
    AppendValueMd(v, out);
    return out;
  }
  // ValueMd(v) appended to `out`: values are most of the handbook's cells.
  void AppendValueMd(const ir::Value& v, std::string& out) const {
    switch (v.kind) {
      case ir::Value::Kind::kNull: AppendCodeSpan("null", out); return;
      case ir::Value::Kind::kBool: AppendCodeSpan(v.boolean ? "true" : "false", out); return;
      case ir::Value::Kind::kNumber: AppendCodeSpan(v.text, out); return;
      case ir::Value::Kind::kString:
        if (v.text.find('\n') != std::string::npos || v.text.size() > 80) {
          out += StringMd(v.text);
        } else {
          AppendCodeSpan(v.text, out);
        }
        return;
      case ir::Value::Kind::kList:
        if (v.items.empty()) return AppendCodeSpan("[]", out);
        for (size_t i = 0; i < v.items.size(); ++i) {
          if (i) out += ", ";
          AppendValueMd(v.items[i], out);
        }
        return;
      case ir::Value::Kind::kMap:
        if (v.entries.empty()) return AppendCodeSpan("{}", out);
        out += "{ ";
        for (size_t i = 0; i < v.entries.size(); ++i) {
          if (i) out += "; ";
          AppendCodeSpan(v.entries[i].first, out);
          out += " = ";
          AppendValueMd(v.entries[i].second, out);
        }
        out += " }";
        return;
      case ir::Value::Kind::kRef: AppendCodeSpan(RefText(v), out); return;
      case ir::Value::Kind::kParam: out += ParamMd(v.text); return;
      case ir::Value::Kind::kTemplate: AppendCodeSpan(TemplateText(v, m_), out); return;
    }
  }


  // Prose (descriptions, reasons, titles): backtick-quoted parts become code.
  std::string TextMd(const ir::Value& v) const {
    if (v.kind == ir::Value::Kind::kString) return InlineWithCode(v.text);
    return ValueMd(v);
  }

  Resolved Resolve(const ir::Value& v) const {
    Resolved r;
    switch (v.kind) {
      case ir::Value::Kind::kString:
      case ir::Value::Kind::kNumber:
        r.text = v.text;
        break;
      case ir::Value::Kind::kBool:
        r.text = v.boolean ? "true" : "false";
        break;
      case ir::Value::Kind::kParam: {
        r.params.push_back(v.text);
        const ir::Param* p = m_.FindParam(v.text);
        if (p && p->has_default && !p->secret && p->default_value.kind != ir::Value::Kind::kList) {
          Resolved d = Resolve(p->default_value);
          r.text = d.text;
          r.known = d.known;
        } else {
          r.text = "${param." + v.text + "}";
          r.known = false;
        }
        break;
      }
      case ir::Value::Kind::kTemplate:
        for (const auto& part : v.items) {
          Resolved p = Resolve(part);
          r.text += p.text;
          r.known = r.known && p.known;
          for (const auto& name : p.params) AddUnique(r.params, name);
        }
        break;
      case ir::Value::Kind::kRef:
        r.text = "${" + RefText(v) + "}";
        r.known = false;
        break;
      default:
        r.text = "";
        r.known = false;
    }
    return r;
  }

  // A resolved name for a table: the text as code, and where a parameter supplied it.
  std::string ResolvedMd(const Resolved& r) const {
    std::string md = CodeSpan(r.text);
    if (!r.params.empty()) {
      std::vector<std::string> names;
      for (const auto& p : r.params) names.push_back(CodeSpan("param." + p));
      md += " (from " + JoinMd(names, ", ") + ")";
    }
    return md;
  }

  const ir::Value* Val(const ir::Resource& r, const std::string& name) const {
    const ir::Attribute* a = r.Find(name);
    return a ? &a->value : nullptr;
  }
  // The written value or the schema default.
  bool Bool(const ir::Resource& r, const std::string& name) const {
    if (const ir::Value* v = Val(r, name)) return v->kind == ir::Value::Kind::kBool && v->boolean;
    const facts::Kind* k = KindOf(r);
    const facts::Attribute* a = k ? k->FindAttribute(name) : nullptr;
    return a && a->default_value.is_boolean() && a->default_value.get<bool>();
  }
  std::string Str(const ir::Resource& r, const std::string& name) const {
    if (const ir::Value* v = Val(r, name)) return Resolve(*v).text;
    const facts::Kind* k = KindOf(r);
    const facts::Attribute* a = k ? k->FindAttribute(name) : nullptr;
    if (a && a->default_value.is_string()) return a->default_value.get<std::string>();
    if (a && a->default_value.is_number()) return a->default_value.dump();
    return "";
  }
  ResourceId RefTarget(const ir::Resource& r, const std::string& name) const {
    const ir::Value* v = Val(r, name);
    return v && v->is_ref() && v->path.empty() ? v->target : ir::kNoResource;
  }
  std::vector<ResourceId> RefList(const ir::Value* v) const {
    std::vector<ResourceId> out;
    if (v == nullptr) return out;
    if (v->is_ref()) out.push_back(v->target);
    if (v->kind == ir::Value::Kind::kList) {
      for (const auto& item : v->items) {
        if (item.is_ref() && item.target != ir::kNoResource) out.push_back(item.target);
      }
    }
    return out;
  }
  std::vector<std::string> StrList(const ir::Value* v) const {
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (v->kind == ir::Value::Kind::kList) {
      for (const auto& item : v->items) out.push_back(Resolve(item).text);
    } else if (v->kind == ir::Value::Kind::kParam) {
      const ir::Param* p = m_.FindParam(v->text);
      if (p && p->has_default && p->default_value.kind == ir::Value::Kind::kList) return StrList(&p->default_value);
      out.push_back(Resolve(*v).text);
    } else {
      out.push_back(Resolve(*v).text);
    }
    return out;
  }

  // Resources that reference `id` (through `via` starting with `via_prefix`, if given), without
  // manual steps; as code names.
  std::vector<std::string> UsedBy(ResourceId id, const std::string& via_prefix = "") const {
    std::vector<std::string> out;
    auto it = incoming_.find(id);
    if (it == incoming_.end()) return out;
    for (const ir::Edge* e : it->second) {
      const ir::Resource& from = m_.at(e->from);
      if (from.kind == "manual_step") continue;
      if (!via_prefix.empty() && e->via.rfind(via_prefix, 0) != 0) continue;
      AddUnique(out, Name(e->from));
    }
    return out;
  }
  std::vector<ResourceId> UsersOf(ResourceId id, const std::string& via_prefix = "") const {
    std::vector<ResourceId> out;
    auto it = incoming_.find(id);
    if (it == incoming_.end()) return out;
    for (const ir::Edge* e : it->second) {
      if (m_.at(e->from).kind == "manual_step") continue;
      if (!via_prefix.empty() && e->via.rfind(via_prefix, 0) != 0) continue;
      if (std::find(out.begin(), out.end(), e->from) == out.end()) out.push_back(e->from);
    }
    return out;
  }

  // What a security group guards: the resources naming it in `security_groups`, and through a
  // launch template the groups and instances launched from it.
  std::vector<std::string> GroupMembers(ResourceId group) const {
    std::vector<std::string> out;
    for (ResourceId u : UsersOf(group, "security_groups")) {
      AddUnique(out, Name(u));
      if (m_.at(u).kind != "launch_template") continue;
      for (ResourceId l : UsersOf(u, "launch_template")) AddUnique(out, Name(l));
    }
    return out;
  }

  // ---- settings of a resource, written out in full --------------------------------------------

  std::string BlockInline(const ir::Block& b) const {
    std::string out;
    AppendBlockInline(b, out);
    return out;
  }
  void AppendBlockInline(const ir::Block& b, std::string& out) const {
    AppendCodeSpan(b.label.empty() ? b.type : b.type + " \"" + b.label + "\"", out);
    bool first = true;
    auto next = [&] {
      out += first ? ": " : ", ";
      first = false;
    };
    for (const auto& a : b.attributes) {
      next();
      AppendCodeSpan(a.name, out);
      out += " = ";
      AppendValueMd(a.value, out);
    }
    for (const auto& nested : b.blocks) {
      next();
      out += '(';
      AppendBlockInline(nested, out);
      out += ')';
    }
  }


  static std::string Ports(const ir::Rule& rule) {
    if (rule.protocol == "all" || (rule.from_port < 0 && rule.to_port < 0)) return "all";
    if (rule.from_port == rule.to_port) return std::to_string(rule.from_port);
    return std::to_string(rule.from_port) + "-" + std::to_string(rule.to_port);
  }

  std::string PeerMd(const ir::Rule& rule, ResourceId self) const {
    if (rule.self) return "itself (" + Name(self) + ")";
    if (rule.group != ir::kNoResource) return Name(rule.group);
    if (!rule.param.empty()) return ParamMd(rule.param);
    std::string md = CodeSpan(rule.cidr);
    if (rule.cidr == "0.0.0.0/0") md += " (anywhere, IPv4)";
    if (rule.cidr == "::/0") md += " (anywhere, IPv6)";
    return md;
  }
  std::string PeerKey(const ir::Rule& rule) const {
    if (rule.self) return "self";
    if (rule.group != ir::kNoResource) return "group:" + std::to_string(rule.group);
    if (!rule.param.empty()) return "param:" + rule.param;
    return "cidr:" + rule.cidr;
  }

  // Rules that differ only in their ports, merged: "tcp 80, 443 from 0.0.0.0/0".
  struct RuleGroup {
    const ir::Rule* first;
    std::vector<std::string> ports;
  };
  std::vector<RuleGroup> GroupRules(const ir::Resource& r) const {
    std::vector<RuleGroup> out;
    for (const auto& rule : r.rules) {
      if (!out.empty()) {
        const ir::Rule& f = *out.back().first;
        if (f.direction == rule.direction && f.protocol == rule.protocol && PeerKey(f) == PeerKey(rule) &&
            f.description == rule.description) {
          AddUnique(out.back().ports, Ports(rule));
          continue;
        }
      }
      out.push_back({&rule, {Ports(rule)}});
    }
    return out;
  }

  std::string SettingsMd(const ir::Resource& r) const {
    std::string out;
    auto next = [&] {
      if (!out.empty()) out += "<br>";
    };
    for (const auto& a : r.attributes) {
      if (a.name == "description") continue;
      next();
      AppendCodeSpan(a.name, out);
      out += " = ";
      AppendValueMd(a.value, out);
    }
    for (const auto& b : r.blocks) {
      next();
      AppendBlockInline(b, out);
    }
    for (const auto& g : GroupRules(r)) {
      const ir::Rule& rule = *g.first;
      bool in = rule.direction == ir::Rule::Direction::kIngress;
      next();
      out += "allow ";
      AppendCodeSpan(rule.protocol, out);
      out += ' ';
      out += JoinMd(g.ports, ", ");
      out += in ? " from " : " to ";
      out += PeerMd(rule, r.id);
      if (!rule.description.empty()) {
        out += ": ";
        out += EscapeMarkdown(rule.description);
      }
    }
    return out.empty() ? "—" : out;
  }


  // The settings that place a resource in a network: subnets, groups, routes, public access.
  std::string NetworkSettingsMd(const ir::Resource& r) const {
    static const std::set<std::string> kNetwork = {
        "subnet", "subnets", "elb_subnets", "subnet_group", "security_groups", "associate_public_ip_address", "assign_public_ip",
        "publicly_accessible", "internal", "route_tables", "service_name", "vpc_endpoint_type", "elastic_ip", "connectivity_type",
        "private_ip", "az", "preferred_cache_cluster_azs", "multi_az", "port", "main"};
    std::vector<std::string> parts;
    for (const auto& a : r.attributes) {
      if (kNetwork.count(a.name)) parts.push_back(CodeSpan(a.name) + " = " + ValueMd(a.value));
    }
    for (const auto& b : r.blocks) {
      if (b.type == "route") parts.push_back(BlockInline(b));
    }
    if (!r.rules.empty()) {
      parts.push_back(std::to_string(r.rules.size()) + (r.rules.size() == 1 ? " rule" : " rules") +
                      ", see [Who may reach whom](#who-may-reach-whom)");
    }
    return JoinMd(parts, "<br>");
  }

  std::string NameCell(const ir::Resource& r) const {
    std::string md = CodeSpan(r.name);
    if (const ir::Value* d = Val(r, "description")) md += "<br>" + TextMd(*d);
    return md;
  }

  // ---- overview -----------------------------------------------------------------------------

  std::vector<ResourceId> Accounts() const {
    std::vector<ResourceId> out;
    for (const auto& r : m_.resources) {
      if (r.kind == "account") out.push_back(r.id);
    }
    return out;
  }

  // Regions in display order: the default region, the others by code, then global ("").
  std::vector<std::string> RegionOrder(const std::set<std::string>& used) const {
    std::vector<std::string> out;
    if (used.count(m_.default_region)) out.push_back(m_.default_region);
    for (const auto& code : used) {
      if (!code.empty() && code != m_.default_region) out.push_back(code);
    }
    if (used.count("")) out.push_back("");
    return out;
  }

  bool Listed(const ir::Resource& r) const {
    return r.kind != "organization" && r.kind != "account" && r.kind != "manual_step" && r.kind != "region";
  }

  Json Overview() {
    Json o = Json::object();
    o["heading"] = Heading(2, "Overview");
    if (m_.organization_id != ir::kNoResource) {
      o["organization_md"] = CodeSpan(m_.organization) + " (" + Src(m_.at(m_.organization_id).name_range) + ")";
    }
    if (!m_.default_region.empty()) o["default_region_md"] = RegionMd(m_.default_region);
    if (m_.organization_id != ir::kNoResource) {
      Json settings = Json::array();
      for (const auto& a : m_.at(m_.organization_id).attributes) {
        if (a.name == "description" || a.name == "default_region") continue;
        settings.push_back(Obj("md", CodeSpan(a.name) + " = " + ValueMd(a.value)));
      }
      o["org_settings"] = settings;
    }
    size_t count = 0;
    for (const auto& r : m_.resources) count += Listed(r);
    o["resource_count"] = std::to_string(count);

    // What runs: one row per kind, in order of first appearance.
    std::vector<std::string> kinds;
    std::map<std::string, std::vector<ResourceId>> by_kind;
    for (const auto& r : m_.resources) {
      if (!Listed(r)) continue;
      if (!by_kind.count(r.kind)) kinds.push_back(r.kind);
      by_kind[r.kind].push_back(r.id);
    }
    Json services = Json::array();
    for (const auto& kind : kinds) {
      std::set<std::string> regions;
      for (ResourceId id : by_kind[kind]) regions.insert(m_.at(id).region);
      std::vector<std::string> where;
      for (const auto& code : RegionOrder(regions)) where.push_back(code.empty() ? (IsMeta(m_.at(by_kind[kind][0])) ? "—" : "global") : CodeSpan(code));
      services.push_back(Obj("title", KindTitle(m_.at(by_kind[kind][0])), "kind_md", CodeSpan(kind), "count", std::to_string(by_kind[kind].size()), "where_md", JoinMd(where, ", ")));
    }
    services_ = Obj("rows", services);  // its heading follows accounts and regions

    Json accounts = Json::array();
    std::map<ResourceId, size_t> per_account;
    for (const auto& r : m_.resources) per_account[r.account] += Listed(r);
    for (ResourceId id : Accounts()) {
      const ir::Resource& a = m_.at(id);
      size_t n = per_account[id];
      std::vector<std::string> access;
      if (id == m_.default_account) access.push_back("default account");
      if (m_.organization_id != ir::kNoResource && RefTarget(m_.at(m_.organization_id), "management_account") == id) {
        access.push_back("management account");
      }
      if (const ir::Value* v = Val(a, "role")) access.push_back("managed through role " + ValueMd(*v));
      if (const ir::Value* v = Val(a, "profile")) access.push_back("CLI profile " + ValueMd(*v));
      if (const ir::Value* v = Val(a, "email")) access.push_back("email " + ValueMd(*v));
      for (const auto& attr : a.attributes) {
        static const std::set<std::string> kShown = {"id", "purpose", "description", "role", "profile", "email", "default"};
        if (!kShown.count(attr.name)) access.push_back(CodeSpan(attr.name) + " = " + ValueMd(attr.value));
      }
      const ir::Value* purpose = Val(a, "purpose");
      if (!purpose) purpose = Val(a, "description");
      accounts.push_back(Obj("name_md", CodeSpan(a.name), "id_md", Val(a, "id") ? ValueMd(*Val(a, "id")) : "—", "purpose_md", purpose ? TextMd(*purpose) : "—", "access_md", JoinMd(access, "; "), "count", std::to_string(n), "source", Src(a.name_range)));
    }
    if (!accounts.empty()) o["accounts"] = Obj("heading", Heading(3, "Accounts"), "rows", accounts);

    // Regions: every region a resource lives in or a region block names, with its reason.
    std::set<std::string> used;
    for (const auto& [code, use] : m_.regions) used.insert(code);
    std::map<std::string, size_t> counts;
    for (const auto& r : m_.resources) {
      if (!Listed(r) || IsMeta(r)) continue;
      used.insert(r.region);
      ++counts[r.region];
    }
    Json regions = Json::array();
    for (const auto& code : RegionOrder(used)) {
      Json row = Json::object();
      if (code.empty()) {
        std::vector<std::string> kinds_global;
        for (const auto& kind : kinds) {
          const ir::Resource& first = m_.at(by_kind[kind][0]);
          if (first.region.empty() && !IsMeta(first)) AddUnique(kinds_global, KindTitle(first));
        }
        row = {{"code_md", "global"},
               {"location", "not bound to a region"},
               {"reason_md", "global services: " + EscapeMarkdown(JoinMd(kinds_global, ", "))},
               {"count", std::to_string(counts[code])},
               {"source", "—"}};
      } else {
        const facts::Region* region = c_.catalog.FindRegion(code);
        auto it = m_.regions.find(code);
        std::string reason = it != m_.regions.end() && !it->second.reason.empty() ? InlineWithCode(it->second.reason) : "";
        if (code == m_.default_region) reason = reason.empty() ? "the organization's default region" : "default region; " + reason;
        if (reason.empty()) reason = "no reason given (add `reason` to its `region` block)";
        row = {{"code_md", CodeSpan(code)},
               {"location", region ? region->name : ""},
               {"reason_md", reason},
               {"count", std::to_string(counts[code])},
               {"source", it != m_.regions.end() ? Src(it->second.range) : "—"}};
      }
      regions.push_back(row);
    }
    o["regions"] = Obj("heading", Heading(3, "Regions and why each is used"), "rows", regions);
    services_["heading"] = Heading(3, "What runs where");
    o["services"] = services_;
    o["diagram"] = Heading(3, "Diagram");
    return o;
  }

  // ---- inventory ----------------------------------------------------------------------------

  Json Inventory() {
    Json inv = Json::object();
    inv["heading"] = Heading(2, "Inventory by account and region");
    std::vector<ResourceId> accounts = Accounts();
    if (accounts.empty()) accounts.push_back(ir::kNoResource);
    // The listed resources by account and region, in model order: one pass over the model
    // rather than one per (account, region).
    std::map<ResourceId, std::map<std::string, std::vector<const ir::Resource*>>> placed;
    for (const auto& r : m_.resources) {
      if (Listed(r)) placed[r.account][r.region].push_back(&r);
    }
    Json groups = Json::array();
    for (ResourceId account : accounts) {
      auto by_region = placed.find(account);
      if (by_region == placed.end()) continue;
      std::set<std::string> regions;
      for (const auto& [code, members] : by_region->second) regions.insert(code);
      Json g = Json::object();
      if (account == ir::kNoResource) {
        g["heading"] = Heading(3, "All resources");
      } else {
        const ir::Resource& a = m_.at(account);
        g["heading"] = Heading(3, "Account " + CodeSpan(a.name));
        if (const ir::Value* p = Val(a, "purpose")) g["purpose_md"] = TextMd(*p);
        g["source"] = Src(a.name_range);
      }
      Json rs = Json::array();
      for (const auto& code : RegionOrder(regions)) {
        Json region = Json::object();
        bool meta_only = true;
        std::string rows;
        for (const ir::Resource* r : by_region->second[code]) {
          meta_only = meta_only && IsMeta(*r);
          AppendRow(rows, {NameCell(*r), EscapeMarkdown(KindTitle(*r)) + " (" + CodeSpan(r->kind) + ")", SettingsMd(*r), Src(r->name_range)});
        }
        std::string title = code.empty() ? (meta_only ? "Not bound to a region" : "Global")
                                         : CodeSpan(code) + EscapeMarkdown(RegionLabel(code).substr(code.size()));
        if (account != ir::kNoResource && accounts.size() > 1) title += " in " + CodeSpan(m_.at(account).name);
        region["heading"] = Heading(4, title);
        auto it = m_.regions.find(code);
        if (!code.empty() && it != m_.regions.end() && !it->second.reason.empty()) region["reason_md"] = InlineWithCode(it->second.reason);
        region["rows_md"] = std::move(rows);
        rs.push_back(std::move(region));
      }
      g["regions"] = rs;
      groups.push_back(g);
    }
    inv["accounts"] = groups;
    return inv;
  }

  // ---- networks -----------------------------------------------------------------------------

  // The VPC a subnet-or-group-like resource belongs to.
  ResourceId VpcOf(ResourceId id, int depth = 0) const {
    if (id == ir::kNoResource || depth > 4) return ir::kNoResource;
    const ir::Resource& r = m_.at(id);
    if (r.kind == "vpc") return id;
    for (const char* attr : {"vpc", "subnet"}) {
      ResourceId t = RefTarget(r, attr);
      if (t != ir::kNoResource) return VpcOf(t, depth + 1);
    }
    for (const char* attr : {"subnets", "security_groups", "subnet_group"}) {
      for (ResourceId t : RefList(Val(r, attr))) {
        ResourceId v = VpcOf(t, depth + 1);
        if (v != ir::kNoResource) return v;
      }
    }
    if (r.parent != ir::kNoResource) return VpcOf(r.parent, depth + 1);
    return ir::kNoResource;
  }

  Json Networks() {
    std::vector<ResourceId> vpcs = m_.OfKind("vpc");
    std::vector<ResourceId> default_vpc_groups;
    for (ResourceId id : m_.OfKind("security_group")) {
      if (VpcOf(id) == ir::kNoResource) default_vpc_groups.push_back(id);
    }
    if (vpcs.empty() && default_vpc_groups.empty()) return nullptr;
    Json n = Json::object();
    n["heading"] = Heading(2, "Networks");
    Json list = Json::array();
    for (ResourceId vid : vpcs) {
      const ir::Resource& v = m_.at(vid);
      Json j = Json::object();
      std::string cidr = Val(v, "cidr") ? ValueMd(*Val(v, "cidr")) : "—";
      j["heading"] = Heading(3, "VPC " + CodeSpan(v.name));
      j["cidr_md"] = cidr;
      j["where_md"] = WhereMd(v);
      j["source"] = Src(v.name_range);
      std::string subnets;
      const std::vector<ResourceId>& in_vpc = Index(in_vpc_, vid);
      for (ResourceId sid : Index(subnets_of_vpc_, vid)) {
        const ir::Resource& s = m_.at(sid);
        std::string az = Str(s, "az");
        std::string az_md = az.empty() ? "any" : CodeSpan(az.size() <= 2 && !v.region.empty() ? v.region + az : az);
        std::vector<std::string> routes;
        for (ResourceId rtid : Index(route_tables_of_subnet_, s.id)) {
          const ir::Resource& rt = m_.at(rtid);
          for (const auto& b : rt.blocks) {
            if (b.type != "route") continue;
            std::string dest, via;
            for (const auto& a : b.attributes) {
              if (a.name == "destination") dest = ValueMd(a.value);
              else via = ValueMd(a.value);
            }
            routes.push_back(dest + " → " + via);
          }
          if (routes.empty()) routes.push_back(Name(rt.id));
        }
        std::vector<std::string> users;
        for (ResourceId u : UsersOf(s.id)) {
          const ir::Resource& ur = m_.at(u);
          if (ur.kind == "route_table" || ur.kind == "subnet") continue;
          AddUnique(users, Name(u));
        }
        AppendRow(subnets, {CodeSpan(s.name), Val(s, "cidr") ? ValueMd(*Val(s, "cidr")) : "—", az_md, Bool(s, "public") ? "public" : "private",
                            JoinMd(routes, "<br>", "local only"), JoinMd(users, ", "), Src(s.name_range)});
      }
      // A skipped Mustache section leaves an empty line behind, so the placeholder row of an
      // empty table is written here rather than by an inverted section in the template.
      if (subnets.empty()) subnets = "| — | no subnets declared | | | | | |\n";
      j["subnets_md"] = std::move(subnets);
      std::string attached;
      for (ResourceId id : in_vpc) {
        const ir::Resource& r = m_.at(id);
        AppendRow(attached, {Name(id), EscapeMarkdown(KindTitle(r)), NetworkSettingsMd(r), Src(r.name_range)});
      }
      j["has_attached"] = !attached.empty();
      j["attached_md"] = std::move(attached);
      list.push_back(std::move(j));
    }
    n["vpcs"] = list;
    if (!default_vpc_groups.empty()) {
      std::string rows;
      for (ResourceId id : default_vpc_groups) {
        AppendRow(rows, {Name(id), WhereMd(m_.at(id)), JoinMd(UsedBy(id), ", "), Src(m_.at(id).name_range)});
      }
      n["default_vpc"] = Obj("heading", Heading(3, "Default VPC"), "rows_md", std::move(rows));
    }
    return n;
  }

  // ---- security -----------------------------------------------------------------------------

  Json Security() {
    std::vector<ResourceId> groups = m_.OfKind("security_group");
    if (groups.empty()) return nullptr;
    Json s = Json::object();
    s["heading"] = Heading(2, "Who may reach whom");
    // One matrix and one rule table per VPC (groups without `vpc` belong to their region's
    // default VPC). Per account and region, the matrix grew with the square of the estate
    // (every group a column, every peer a row): 60 MB at 100,000 resources, and unreadable well
    // before that. A VPC's groups are what a reviewer looks at together.
    struct Scope {
      ResourceId account;
      std::string region;
      ResourceId vpc;
      std::vector<ResourceId> members;
    };
    std::vector<Scope> scopes;
    std::map<std::tuple<ResourceId, std::string, ResourceId>, size_t> scope_of;
    for (ResourceId g : groups) {
      const ir::Resource& r = m_.at(g);
      ResourceId vpc = RefTarget(r, "vpc");
      auto [it, added] = scope_of.emplace(std::make_tuple(r.account, r.region, vpc), scopes.size());
      if (added) scopes.push_back({r.account, r.region, vpc, {}});
      scopes[it->second].members.push_back(g);
    }
    Json list = Json::array();
    for (const Scope& in_scope : scopes) {
      const std::vector<ResourceId>& members = in_scope.members;
      Json scope = Json::object();
      std::string where = in_scope.region.empty() ? std::string("global") : CodeSpan(in_scope.region);
      if (MultiAccount() && in_scope.account != ir::kNoResource) {
        where = "account " + CodeSpan(m_.at(in_scope.account).name) + ", " + where;
      }
      std::string title = (in_scope.vpc != ir::kNoResource ? "VPC " + CodeSpan(m_.at(in_scope.vpc).name) : std::string("Default VPC")) +
                          " (" + where + ")";
      scope["heading"] = Heading(3, title);
      // Matrix: rows are sources, columns the groups they may reach, cells the ports. A row's
      // cells are kept by column, and only the non-empty ones: the matrix is rows x columns, both
      // growing with the estate, so an empty cell must cost no more than its "—".
      std::map<ResourceId, size_t> column_of;
      for (size_t i = 0; i < members.size(); ++i) column_of[members[i]] = i;
      struct MatrixRow {
        std::string from_md;
        std::map<size_t, std::vector<std::pair<std::string, std::vector<std::string>>>> cells;  // column -> protocol -> ports
      };
      std::vector<MatrixRow> matrix;
      std::map<std::string, size_t> row_of;  // peer key -> row
      std::string rules;
      for (ResourceId g : members) {
        const ir::Resource& r = m_.at(g);
        std::string used_by = JoinMd(GroupMembers(g), ", ", "nothing yet");
        for (const auto& grp : GroupRules(r)) {
          const ir::Rule& rule = *grp.first;
          std::string ports = CodeSpan(rule.protocol) + " " + JoinMd(grp.ports, ", ");
          bool in = rule.direction == ir::Rule::Direction::kIngress;
          if (in) {
            auto [row, added] = row_of.emplace(PeerKey(rule), matrix.size());
            if (added) {
              matrix.push_back({PeerMd(rule, g), {}});
              if (rule.group != ir::kNoResource && !rule.self) {
                std::vector<std::string> members = GroupMembers(rule.group);
                if (!members.empty()) matrix.back().from_md += "<br>(" + JoinMd(members, ", ") + ")";
              }
            }
            auto& by_protocol = matrix[row->second].cells[column_of[g]];
            auto p = std::find_if(by_protocol.begin(), by_protocol.end(), [&](const auto& e) { return e.first == rule.protocol; });
            if (p == by_protocol.end()) {
              by_protocol.push_back({rule.protocol, {}});
              p = by_protocol.end() - 1;
            }
            for (const auto& port : grp.ports) AddUnique(p->second, port);
          }
          AppendRow(rules, {CodeSpan(r.name), used_by, in ? "in" : "out", ports, (in ? "from " : "to ") + PeerMd(rule, g),
                            rule.description.empty() ? "—" : EscapeMarkdown(rule.description), Src(rule.range)});
        }
        if (r.rules.empty()) AppendRow(rules, {CodeSpan(r.name), used_by, EscapeMarkdown("—"), "no rules", "—", "—", Src(r.name_range)});
      }
      Json columns = Json::array();
      for (ResourceId g : members) {
        std::vector<std::string> users = GroupMembers(g);
        columns.push_back(Obj("md", CodeSpan(m_.at(g).name) + (users.empty() ? "" : "<br>(" + JoinMd(users, ", ") + ")")));
      }
      // The template's row is "| from | cell | cell | " (the trailing space included).
      std::string rows;
      for (const auto& row : matrix) {
        std::string cells_md;
        size_t next = 0;
        for (const auto& [column, by_protocol] : row.cells) {
          for (; next < column; ++next) cells_md += "— | ";
          std::vector<std::string> parts;
          for (const auto& [protocol, ports] : by_protocol) parts.push_back(CodeSpan(protocol) + " " + JoinMd(ports, ", "));
          cells_md += JoinMd(parts, "<br>") + " | ";
          next = column + 1;
        }
        for (; next < members.size(); ++next) cells_md += "— | ";
        rows += "| " + row.from_md + " | " + cells_md + "\n";
      }
      scope["columns"] = columns;
      if (rows.empty()) {  // see subnets_md
        rows = "| no inbound rules | ";
        for (size_t i = 0; i < members.size(); ++i) rows += "— | ";
        rows += "\n";
      }
      scope["matrix_md"] = std::move(rows);
      scope["rules_md"] = std::move(rules);
      list.push_back(std::move(scope));
    }
    s["scopes"] = list;
    return s;
  }

  // ---- DNS ----------------------------------------------------------------------------------

  struct Record {
    std::string name_md, type, value_md, ttl, routing_md, origin_md, source;
  };

  std::string ZoneDomain(const ir::Resource& zone) const {
    const ir::Value* d = Val(zone, "domain");
    return d ? Resolve(*d).text : zone.name;
  }

  static std::string Qualify(const std::string& name, const std::string& domain) {
    if (name.empty() || name == "@") return domain;
    if (name.back() == '.') return name.substr(0, name.size() - 1);
    if (name == domain || (name.size() > domain.size() && name.compare(name.size() - domain.size() - 1, std::string::npos, "." + domain) == 0)) {
      return name;
    }
    return name + "." + domain;
  }

  std::string SesDomainName(const ir::Resource& r) const {
    const ir::Value* d = Val(r, "domain");
    return d ? Resolve(*d).text : r.name;
  }

  std::vector<Record> ImpliedRecords(const ir::Resource& r) const {
    std::vector<Record> out;
    std::string region = r.region;
    auto fill = [&](std::string s, const std::string& domain) {
      s = Replace(s, "<region>", region.empty() ? "REGION" : region);
      return Replace(s, "<domain>", domain);
    };
    if (r.kind == "certificate") {
      if (Str(r, "validation") != "dns") return out;
      std::vector<std::string> names;
      if (const ir::Value* d = Val(r, "domain")) names.push_back(Resolve(*d).text);
      for (const auto& n : StrList(Val(r, "alternative_names"))) names.push_back(n);
      std::vector<std::string> seen;
      for (std::string n : names) {
        if (n.rfind("*.", 0) == 0) n = n.substr(2);
        if (std::find(seen.begin(), seen.end(), n) != seen.end()) continue;
        seen.push_back(n);
        out.push_back({CodeSpan(fill(Fact("acm", "validation_name"), n)), "CNAME", EscapeMarkdown(Fact("acm", "validation_value")), "—", "—",
                       "validates " + Name(r.id), Src(r.name_range)});
      }
      return out;
    }
    if (r.kind != "ses_domain") return out;
    std::string domain = SesDomainName(r);
    std::string src = Src(r.name_range);
    std::string origin = Name(r.id);
    if (Bool(r, "dkim")) {
      int n = DocFacts().value("ses", Json::object()).value("dkim_records", 3);
      for (int i = 1; i <= n; ++i) {
        std::string token = "<token" + std::to_string(i) + ">";
        out.push_back({CodeSpan(Replace(fill(Fact("ses", "dkim_name"), domain), "<token>", token)), "CNAME",
                       CodeSpan(Replace(Fact("ses", "dkim_value"), "<token>", token)), "—", "—",
                       "Easy DKIM (" + EscapeMarkdown(Str(r, "dkim_key_length")) + ") of " + origin + "; tokens given by SES", src});
      }
    }
    if (const ir::Value* spf = Val(r, "spf")) {
      out.push_back({CodeSpan(domain), "TXT", ValueMd(*spf), "—", "—", "SPF of " + origin, src});
    }
    if (const ir::Value* dmarc = Val(r, "dmarc")) {
      out.push_back({CodeSpan(fill(Fact("ses", "dmarc_name"), domain)), "TXT", ValueMd(*dmarc), "—", "—", "DMARC of " + origin, src});
    }
    if (const ir::Value* mf = Val(r, "mail_from_domain")) {
      std::string name = Resolve(*mf).text;
      out.push_back({ResolvedMd(Resolve(*mf)), "MX", CodeSpan(fill(Fact("ses", "mail_from_mx"), domain)), "—", "—", "MAIL FROM of " + origin, src});
      out.push_back({ResolvedMd(Resolve(*mf)), "TXT", CodeSpan(Fact("ses", "mail_from_spf")), "—", "—", "SPF of the MAIL FROM domain of " + origin, src});
    }
    if (Bool(r, "receive")) {
      out.push_back({CodeSpan(domain), "MX", CodeSpan(fill(Fact("ses", "inbound_mx"), domain)), "—", "—", "receiving mail with SES (" + origin + ")", src});
    }
    return out;
  }

  static void AppendRecord(std::string& out, const Record& r) {
    AppendRow(out, {r.name_md, EscapeMarkdown(r.type), r.value_md, EscapeMarkdown(r.ttl), r.routing_md, r.origin_md, r.source});
  }

  Json Dns() {
    std::vector<ResourceId> zones = m_.OfKind("dns_zone");
    std::vector<ResourceId> implied_sources;
    for (const auto& r : m_.resources) {
      if (r.kind == "certificate" || r.kind == "ses_domain") implied_sources.push_back(r.id);
    }
    if (zones.empty() && implied_sources.empty()) return nullptr;
    Json d = Json::object();
    d["heading"] = Heading(2, "DNS");
    d["route53_md"] = EscapeMarkdown(Fact("route53", "zone_records"));
    Json list = Json::array();
    for (ResourceId zid : zones) {
      const ir::Resource& z = m_.at(zid);
      std::string domain = ZoneDomain(z);
      Json j = Json::object();
      j["heading"] = Heading(3, "Zone " + CodeSpan(domain));
      const ir::Value* dv = Val(z, "domain");
      j["domain_md"] = dv ? ResolvedMd(Resolve(*dv)) : CodeSpan(domain);
      j["name_md"] = Name(zid);
      j["source"] = Src(z.name_range);
      bool external = Bool(z, "external");
      std::string registrar = Str(z, "registrar");
      std::string hosting;
      if (external) {
        hosting = "Hosted outside AWS" + (registrar.empty() ? std::string() : " at " + EscapeMarkdown(registrar)) +
                  ": topo cannot create these records, **add them by hand** there (they are also listed under [Manual steps](#" + manual_anchor_ + ")).";
        j["external"] = true;
      } else if (Bool(z, "private")) {
        hosting = "Route 53 private hosted zone" + (Val(z, "vpc") ? " for " + ValueMd(*Val(z, "vpc")) : std::string()) + ".";
      } else {
        hosting = "Route 53 public hosted zone.";
        if (!registrar.empty() && registrar != "route53") {
          hosting += " The domain is registered at " + EscapeMarkdown(registrar) + ": its name servers there must be the zone's NS records.";
        } else if (registrar == "route53") {
          hosting += " The domain is registered with Route 53 Domains.";
        }
      }
      j["hosting_md"] = hosting;
      if (const ir::Value* cm = Val(z, "comment")) j["comment_md"] = TextMd(*cm);
      std::string records;
      if (!external && !Bool(z, "private")) {
        AppendRecord(records, Record{CodeSpan(domain), "NS, SOA", "Route 53 name servers", "—", "—", "created with the zone", Src(z.name_range)});
      }
      for (ResourceId rid : Index(records_of_zone_, zid)) {
        const ir::Resource& r = m_.at(rid);
        std::string name = Val(r, "name") ? Resolve(*Val(r, "name")).text : r.name;
        std::string fq = Qualify(name, domain);
        std::vector<std::string> params = Val(r, "name") ? Resolve(*Val(r, "name")).params : std::vector<std::string>{};
        Resolved shown{fq, params, true};
        std::string value = "—";
        if (const ir::Value* a = Val(r, "alias")) value = "alias → " + ValueMd(*a);
        else if (const ir::Value* v = Val(r, "value")) value = ValueMd(*v);
        else if (const ir::Value* v2 = Val(r, "records")) value = ValueMd(*v2);
        std::vector<std::string> routing;
        for (const char* attr : {"failover", "set_identifier", "weight", "evaluate_target_health", "health_check_id"}) {
          if (const ir::Value* v = Val(r, attr)) routing.push_back(CodeSpan(attr) + " = " + ValueMd(*v));
        }
        std::string ttl = Val(r, "ttl") ? Resolve(*Val(r, "ttl")).text : (Val(r, "alias") ? "—" : Str(r, "ttl"));
        AppendRecord(records, {ResolvedMd(shown), Str(r, "type"), value, ttl.empty() ? "—" : ttl, JoinMd(routing, "<br>"),
                               "declared " + Name(r.id), Src(r.name_range)});
      }
      for (ResourceId src : Index(implied_of_zone_, zid)) {
        for (const auto& rec : ImpliedRecords(m_.at(src))) AppendRecord(records, rec);
      }
      if (records.empty()) records = "| — | no records | | | | | |\n";  // see subnets_md
      j["records_md"] = std::move(records);
      list.push_back(std::move(j));
    }
    d["zones"] = list;
    // Records of identities and certificates that name no zone of this topology.
    std::string orphans;
    for (ResourceId src : implied_sources) {
      const ir::Resource& r = m_.at(src);
      if (RefTarget(r, "zone") != ir::kNoResource) continue;
      for (const auto& rec : ImpliedRecords(r)) AppendRecord(orphans, rec);
    }
    if (!orphans.empty()) d["elsewhere"] = Obj("heading", Heading(3, "Records to publish where the domain is hosted"), "records_md", std::move(orphans));
    return d;
  }

  // ---- email --------------------------------------------------------------------------------

  std::string NotificationsMd(const ir::Resource& r) const {
    std::vector<std::string> parts;
    for (const char* attr : {"bounce_topic", "complaint_topic", "delivery_topic"}) {
      if (const ir::Value* v = Val(r, attr)) {
        std::string what = std::string(attr).substr(0, std::string(attr).find('_'));
        parts.push_back(what + "s → " + ValueMd(*v));
      }
    }
    if (Bool(r, "include_original_headers")) parts.push_back("with original headers");
    if (const ir::Value* v = Val(r, "feedback_forwarding")) parts.push_back(CodeSpan("feedback_forwarding") + " = " + ValueMd(*v));
    return JoinMd(parts, "<br>");
  }

  Json Email() {
    Json e = Json::object();
    Json identities = Json::array(), smtp = Json::array(), rule_sets = Json::array(), rules = Json::array(), filters = Json::array(),
         workmail = Json::array();
    for (const auto& r : m_.resources) {
      if (r.kind == "ses_domain") {
        std::string zone = Val(r, "zone") ? ValueMd(*Val(r, "zone")) : "no zone: publish by hand";
        std::vector<std::string> auth;
        auth.push_back(Bool(r, "dkim") ? "DKIM: Easy DKIM, " + CodeSpan(Str(r, "dkim_key_length")) : "DKIM: off");
        auth.push_back("SPF: " + (Val(r, "spf") ? ValueMd(*Val(r, "spf")) : std::string("not published by topo")));
        auth.push_back("DMARC: " + (Val(r, "dmarc") ? ValueMd(*Val(r, "dmarc")) : std::string("none")));
        if (const ir::Value* mf = Val(r, "mail_from_domain")) {
          auth.push_back("MAIL FROM: " + ValueMd(*mf) + " (on MX failure: " + CodeSpan(Str(r, "mail_from_behavior_on_mx_failure")) + ")");
        }
        const ir::Value* dv = Val(r, "domain");
        identities.push_back(Obj("identity_md", dv ? ResolvedMd(Resolve(*dv)) : CodeSpan(r.name), "type", "domain", "where_md", WhereMd(r), "auth_md", JoinMd(auth, "<br>"), "receive_md", Bool(r, "receive") ? "yes (MX to SES)" : "no", "records_md", zone, "notify_md", NotificationsMd(r), "source", Src(r.name_range)));
      } else if (r.kind == "ses_email") {
        identities.push_back(Obj("identity_md", CodeSpan(r.name), "type", "email address", "where_md", WhereMd(r), "auth_md", "verified by a link SES emails to the address", "receive_md", "—", "records_md", "—", "notify_md", NotificationsMd(r), "source", Src(r.name_range)));
      } else if (r.kind == "ses_smtp") {
        std::string user = Val(r, "user") ? ValueMd(*Val(r, "user")) : Val(r, "user_name") ? "IAM user " + ValueMd(*Val(r, "user_name")) : "—";
        std::string server = Replace(Fact("ses", "smtp_endpoint"), "<region>", r.region.empty() ? m_.default_region : r.region);
        smtp.push_back(Obj("name_md", Name(r.id), "user_md", user, "server_md", CodeSpan(server), "port_md", CodeSpan(Str(r, "port")), "identities_md", Val(r, "identities") ? ValueMd(*Val(r, "identities")) : "any verified identity", "stored_md", Val(r, "secret") ? ValueMd(*Val(r, "secret")) : "—", "source", Src(r.name_range)));
      } else if (r.kind == "ses_receipt_rule_set") {
        rule_sets.push_back(Obj("name_md", Name(r.id), "where_md", WhereMd(r), "active_md", Bool(r, "active") ? "**active**" : "inactive", "source", Src(r.name_range)));
      } else if (r.kind == "ses_receipt_rule") {
        std::vector<std::string> actions;
        for (const auto& b : r.blocks) actions.push_back(BlockInline(b));
        std::vector<std::string> options;
        for (const char* attr : {"enabled", "scan_enabled", "tls_policy", "after_rule"}) {
          if (const ir::Value* v = Val(r, attr)) options.push_back(CodeSpan(attr) + " = " + ValueMd(*v));
        }
        rules.push_back(Obj("name_md", Name(r.id), "rule_set_md", Val(r, "rule_set") ? ValueMd(*Val(r, "rule_set")) : "—", "recipients_md", Val(r, "recipients") ? ValueMd(*Val(r, "recipients")) : "every recipient of the verified domains", "actions_md", JoinMd(actions, "<br>"), "options_md", JoinMd(options, "<br>"), "source", Src(r.name_range)));
      } else if (r.kind == "ses_receipt_filter") {
        filters.push_back(Obj("name_md", Name(r.id), "where_md", WhereMd(r), "cidr_md", Val(r, "cidr") ? ValueMd(*Val(r, "cidr")) : "—", "policy_md", Val(r, "policy") ? ValueMd(*Val(r, "policy")) : "—", "source", Src(r.name_range)));
      } else if (r.kind == "workmail_organization") {
        std::vector<std::string> users;
        for (const auto& b : r.blocks) {
          if (b.type != "user") continue;
          std::vector<std::string> bits;
          for (const auto& a : b.attributes) bits.push_back(ValueMd(a.value));
          users.push_back(CodeSpan(b.label) + (bits.empty() ? "" : " (" + JoinMd(bits, ", ") + ")"));
        }
        std::string alias = Str(r, "alias");
        std::string web = alias.empty() ? "—" : CodeSpan(Replace(Fact("workmail", "web_client"), "<alias>", alias));
        workmail.push_back(Obj("name_md", Name(r.id), "where_md", WhereMd(r), "web_md", web, "domains_md", Val(r, "domains") ? ValueMd(*Val(r, "domains")) : "—", "default_md", Val(r, "default_domain") ? ValueMd(*Val(r, "default_domain")) : "—", "users_md", JoinMd(users, "<br>"), "source", Src(r.name_range)));
      }
    }
    if (identities.empty() && smtp.empty() && rule_sets.empty() && rules.empty() && filters.empty() && workmail.empty()) return nullptr;
    e["heading"] = Heading(2, "Email");
    if (!identities.empty()) e["identities"] = Obj("heading", Heading(3, "Identities and authentication"), "rows", identities);
    if (!smtp.empty()) {
      e["smtp"] = Obj("heading", Heading(3, "Sending over SMTP"), "rows", smtp, "ports_md", EscapeMarkdown(Fact("ses", "smtp_ports")));
    }
    if (!rule_sets.empty() || !rules.empty() || !filters.empty()) {
      Json recv = Obj("heading", Heading(3, "Receiving"));
      if (!rule_sets.empty()) recv["rule_sets"] = rule_sets;
      if (!rules.empty()) recv["rules"] = rules;
      recv["has_rules"] = !rules.empty();
      if (!filters.empty()) recv["filters"] = filters;
      e["receiving"] = recv;
    }
    if (!workmail.empty()) e["workmail"] = Obj("heading", Heading(3, "Mailboxes (WorkMail)"), "rows", workmail);
    return e;
  }

  // ---- certificates -------------------------------------------------------------------------

  Json Certificates() {
    std::string rows;
    for (const auto& r : m_.resources) {
      if (r.kind != "certificate") continue;
      std::vector<std::string> used;
      auto it = incoming_.find(r.id);
      if (it != incoming_.end()) {
        for (const ir::Edge* e : it->second) {
          if (m_.at(e->from).kind == "manual_step") continue;
          AddUnique(used, Name(e->from) + " (" + CodeSpan(e->via) + ")");
        }
      }
      std::string validation = Str(r, "validation");
      std::string records = validation == "dns" ? (Val(r, "zone") ? "CNAMEs in " + ValueMd(*Val(r, "zone")) : "CNAMEs to publish by hand")
                                                : "emails to the domain's contacts";
      const ir::Value* dv = Val(r, "domain");
      AppendRow(rows, {Name(r.id), WhereMd(r), dv ? ResolvedMd(Resolve(*dv)) : "—", Val(r, "alternative_names") ? ValueMd(*Val(r, "alternative_names")) : "—",
                       CodeSpan(validation) + ": " + records, CodeSpan(Str(r, "key_algorithm")), JoinMd(used, "<br>", "nothing"), Src(r.name_range)});
    }
    if (rows.empty()) return nullptr;
    return Obj("heading", Heading(2, "Certificates"), "rows_md", std::move(rows));
  }

  // ---- topic tables (stdlib/docs/handbook.json `summaries`) -----------------------------------

  Json Summaries() {
    Json out = Json::array();
    const Json& specs = DocFacts().value("summaries", Json::array());
    for (const auto& spec : specs) {
      std::vector<std::string> kinds = spec.value("kinds", std::vector<std::string>{});
      std::vector<ResourceId> members;
      for (const auto& r : m_.resources) {
        if (std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end()) members.push_back(r.id);
      }
      if (members.empty()) continue;
      Json s = Json::object();
      s["heading"] = Heading(2, EscapeMarkdown(spec.value("title", "")));
      // Each column's attributes, read from the spec once rather than once per row (value()
      // returns copies).
      Json columns = Json::array();
      std::vector<std::vector<std::string>> column_attrs;
      for (const auto& col : spec.value("columns", Json::array())) {
        columns.push_back(Obj("title", col.value("title", "")));
        column_attrs.push_back(col.value("attributes", std::vector<std::string>{}));
      }
      s["columns"] = columns;
      std::string rows;
      for (ResourceId id : members) {
        const ir::Resource& r = m_.at(id);
        rows += '|';
        AppendCell(rows, Name(id));
        AppendCell(rows, EscapeMarkdown(KindTitle(r)));
        AppendCell(rows, WhereMd(r));
        for (const auto& attrs : column_attrs) {
          std::vector<std::string> parts;
          for (const auto& a : r.attributes) {
            if (std::find(attrs.begin(), attrs.end(), a.name) == attrs.end()) continue;
            parts.push_back(CodeSpan(a.name) + " = " + ValueMd(a.value));
          }
          AppendCell(rows, JoinMd(parts, "<br>"));
        }
        AppendCell(rows, Src(r.name_range));
        rows += '\n';
      }
      s["rows_md"] = std::move(rows);
      Json tables = Json::array();
      for (const auto& type : spec.value("block_tables", std::vector<std::string>{})) {
        Json t = BlockTable(members, type);
        if (!t.is_null()) tables.push_back(t);
      }
      s["block_tables"] = tables;
      out.push_back(s);
    }
    return out;
  }

  // Every block `type` of `members`, one row each, a column per attribute (first-seen order).
  Json BlockTable(const std::vector<ResourceId>& members, const std::string& type) const {
    std::vector<std::string> attrs;
    std::vector<std::pair<ResourceId, const ir::Block*>> blocks;
    bool labels = false;
    for (ResourceId id : members) {
      for (const auto& b : m_.at(id).blocks) {
        if (b.type != type) continue;
        blocks.push_back({id, &b});
        labels = labels || !b.label.empty();
        for (const auto& a : b.attributes) AddUnique(attrs, a.name);
        for (const auto& nested : b.blocks) AddUnique(attrs, nested.type);
      }
    }
    if (blocks.empty()) return nullptr;
    Json columns = Json::array();
    if (labels) columns.push_back(Obj("md", "Label"));
    for (const auto& a : attrs) columns.push_back(Obj("md", CodeSpan(a)));
    std::string rows;
    for (const auto& [id, b] : blocks) {
      rows += '|';
      AppendCell(rows, Name(id));
      if (labels) AppendCell(rows, b->label.empty() ? "—" : CodeSpan(b->label));
      for (const auto& a : attrs) {
        std::string md = "—";
        if (const ir::Attribute* attr = b->Find(a)) md = ValueMd(attr->value);
        std::vector<std::string> nested;
        for (const auto& n : b->blocks) {
          if (n.type == a) nested.push_back(BlockInline(n));
        }
        if (!nested.empty()) md = JoinMd(nested, "<br>");
        AppendCell(rows, md);
      }
      AppendCell(rows, Src(b->range));
      rows += '\n';
    }
    return Obj("title_md", CodeSpan(type) + " blocks", "columns", columns, "rows_md", std::move(rows));
  }

  // ---- IAM ----------------------------------------------------------------------------------

  std::string PoliciesMd(const ir::Resource& r) const {
    std::vector<std::string> parts;
    if (const ir::Value* v = Val(r, "managed_policies")) parts.push_back("AWS managed: " + ValueMd(*v));
    if (const ir::Value* v = Val(r, "policies")) parts.push_back("customer managed: " + ValueMd(*v));
    for (const auto& b : r.blocks) {
      if (b.type == "inline_policy") parts.push_back("inline policy " + (b.label.empty() ? std::string() : CodeSpan(b.label)));
    }
    if (const ir::Value* v = Val(r, "assumable_roles")) parts.push_back("may assume: " + ValueMd(*v));
    if (const ir::Value* v = Val(r, "permissions_boundary")) parts.push_back("boundary: " + ValueMd(*v));
    return JoinMd(parts, "<br>", "none");
  }

  Json Iam() {
    std::string users, groups, roles;
    Json policies = Json::array();
    for (const auto& r : m_.resources) {
      if (r.kind == "iam_user") {
        std::vector<std::string> groups_of;
        for (ResourceId g : Index(groups_of_user_, r.id)) AddUnique(groups_of, Name(g));
        std::vector<std::string> creds;
        for (ResourceId u : UsersOf(r.id)) {
          const ir::Resource& ur = m_.at(u);
          if (ur.kind == "iam_access_key") creds.push_back("access key " + Name(u));
          if (ur.kind == "ses_smtp") creds.push_back("SMTP credentials " + Name(u) + " (" + CodeSpan(ur.region) + ")");
        }
        if (Bool(r, "console_access")) creds.push_back("console password");
        AppendRow(users, {Name(r.id), WhereMd(r), Val(r, "name") ? ValueMd(*Val(r, "name")) : CodeSpan(r.name), JoinMd(groups_of, ", "), PoliciesMd(r),
                          JoinMd(creds, "<br>", "none"), Src(r.name_range)});
      } else if (r.kind == "ses_smtp" && Val(r, "user") == nullptr) {
        // The SMTP wizard's user: topo creates it with the credentials.
        AppendRow(users, {Name(r.id), WhereMd(r), Val(r, "user_name") ? ValueMd(*Val(r, "user_name")) : "—", "—",
                          "may send email through SES" + std::string(Val(r, "identities") ? " as " + ValueMd(*Val(r, "identities")) : ""),
                          "SMTP credentials (" + CodeSpan(r.region) + ")", Src(r.name_range)});
      } else if (r.kind == "iam_group") {
        std::vector<std::string> members;
        for (ResourceId u : Index(users_of_group_, r.id)) AddUnique(members, Name(u));
        AppendRow(groups, {Name(r.id), WhereMd(r), JoinMd(members, ", ", "none declared"), PoliciesMd(r), Src(r.name_range)});
      } else if (r.kind == "iam_role") {
        std::vector<std::string> trusted;
        if (const ir::Value* v = Val(r, "trusted_services")) trusted.push_back("services " + ValueMd(*v));
        if (const ir::Value* v = Val(r, "trusted_accounts")) trusted.push_back("accounts " + ValueMd(*v));
        if (const ir::Value* v = Val(r, "trusted_principals")) trusted.push_back("principals " + ValueMd(*v));
        if (Val(r, "assume_role_policy")) trusted.push_back("its own trust policy");
        if (Bool(r, "require_mfa")) trusted.push_back("with MFA");
        std::vector<std::string> used;
        for (ResourceId u : UsersOf(r.id)) {
          const ir::Resource& ur = m_.at(u);
          if (ur.kind == "iam_instance_profile") {
            used.push_back("instance profile " + Name(u));
            for (const auto& s : UsedBy(u)) AddUnique(used, s);
          } else {
            AddUnique(used, Name(u));
          }
        }
        AppendRow(roles, {Name(r.id), WhereMd(r), JoinMd(trusted, "<br>"), PoliciesMd(r), JoinMd(used, "<br>"),
                          Val(r, "description") ? TextMd(*Val(r, "description")) : "—", Src(r.name_range)});
      } else if (r.kind == "iam_policy") {
        Json p = Json::object();
        p["name_md"] = Name(r.id);
        p["where_md"] = WhereMd(r);
        if (const ir::Value* v = Val(r, "description")) p["description_md"] = TextMd(*v);
        p["attached_md"] = JoinMd(UsedBy(r.id), ", ", "nothing");
        p["source"] = Src(r.name_range);
        Json statements = BlockTable({r.id}, "statement");
        if (!statements.is_null()) p["statements"] = statements;
        if (const ir::Value* doc = Val(r, "policy")) p["document_md"] = ValueMd(*doc);
        policies.push_back(p);
      }
    }
    if (users.empty() && groups.empty() && roles.empty() && policies.empty()) return nullptr;
    Json iam = Obj("heading", Heading(2, "Identity and access (IAM)"));
    if (!users.empty()) iam["users"] = Obj("heading", Heading(3, "Users"), "rows_md", std::move(users));
    if (!groups.empty()) iam["groups"] = Obj("heading", Heading(3, "Groups"), "rows_md", std::move(groups));
    if (!roles.empty()) iam["roles"] = Obj("heading", Heading(3, "Roles"), "rows_md", std::move(roles));
    if (!policies.empty()) iam["policies"] = Obj("heading", Heading(3, "Policies: what each may do"), "list", policies);
    return iam;
  }

  // ---- manual steps -------------------------------------------------------------------------

  // Manual steps ordered so that each comes after the steps it names in `after` and before
  // those naming it in `before`; otherwise in declaration order.
  std::vector<ResourceId> OrderedSteps() const {
    std::vector<ResourceId> steps = m_.OfKind("manual_step");
    std::map<ResourceId, std::set<ResourceId>> deps;  // step -> steps that must come first
    for (ResourceId s : steps) {
      for (ResourceId t : RefList(Val(m_.at(s), "after"))) {
        if (m_.at(t).kind == "manual_step") deps[s].insert(t);
      }
      for (ResourceId t : RefList(Val(m_.at(s), "before"))) {
        if (m_.at(t).kind == "manual_step") deps[t].insert(s);
      }
    }
    std::vector<ResourceId> out;
    std::set<ResourceId> done;
    while (out.size() < steps.size()) {
      bool progressed = false;
      for (ResourceId s : steps) {
        if (done.count(s)) continue;
        bool ready = true;
        for (ResourceId d : deps[s]) ready = ready && done.count(d);
        if (!ready) continue;
        out.push_back(s);
        done.insert(s);
        progressed = true;
        break;  // restart: keep declaration order among ready steps
      }
      if (!progressed) {  // a cycle (reported by the cycles pass): keep declaration order
        for (ResourceId s : steps) {
          if (!done.count(s)) {
            out.push_back(s);
            done.insert(s);
          }
        }
      }
    }
    return out;
  }

  Json ManualSteps() {
    Json steps = Json::array();
    int n = 0;
    for (ResourceId id : OrderedSteps()) {
      const ir::Resource& r = m_.at(id);
      Json s = Json::object();
      s["number"] = std::to_string(++n);
      s["title_md"] = Val(r, "title") ? TextMd(*Val(r, "title")) : CodeSpan(r.name);
      s["name_md"] = Name(id);
      s["source"] = Src(r.name_range);
      if (const ir::Value* v = Val(r, "instructions")) s["instructions_md"] = TextMd(*v);
      if (const ir::Value* v = Val(r, "link")) {
        std::string url = Resolve(*v).text;
        s["link_md"] = url.find_first_of(" <>()") == std::string::npos && url.rfind("http", 0) == 0 ? "<" + url + ">" : ValueMd(*v);
      }
      std::vector<std::string> order;
      if (const ir::Value* v = Val(r, "after")) order.push_back("after " + ValueMd(*v));
      if (const ir::Value* v = Val(r, "before")) order.push_back("before " + ValueMd(*v));
      if (!order.empty()) s["order_md"] = JoinMd(order, "; ");
      steps.push_back(s);
    }
    // Resources of kinds that neither Terraform nor CloudFormation can create.
    Json unmanaged = Json::array();
    auto kinds = UnmanagedKinds();
    for (const auto& r : m_.resources) {
      auto it = kinds.find(r.kind);
      if (it == kinds.end()) continue;
      std::vector<std::string> reasons;
      for (const auto& reason : it->second) reasons.push_back(EscapeMarkdown(reason));
      unmanaged.push_back(Obj("name_md", Name(r.id), "kind", KindTitle(r), "where_md", WhereMd(r), "why_md", JoinMd(reasons, "<br>"), "source", Src(r.name_range)));
    }
    // Records at outside DNS hosts.
    Json external = Json::array();
    for (ResourceId zid : m_.OfKind("dns_zone")) {
      const ir::Resource& z = m_.at(zid);
      if (!Bool(z, "external")) continue;
      size_t count = Index(records_of_zone_, zid).size();
      for (ResourceId src : Index(implied_of_zone_, zid)) count += ImpliedRecords(m_.at(src)).size();
      std::string registrar = Str(z, "registrar");
      external.push_back(Obj("zone_md", CodeSpan(ZoneDomain(z)), "registrar_md", registrar.empty() ? "its DNS host" : EscapeMarkdown(registrar), "count", std::to_string(count), "source", Src(z.name_range)));
    }
    if (steps.empty() && unmanaged.empty() && external.empty()) {
      manual_anchor_ = "";
      return nullptr;
    }
    Json m = Json::object();
    m["heading"] = Heading(2, "Manual steps");
    if (!steps.empty()) m["steps"] = steps;
    if (!unmanaged.empty()) m["unmanaged"] = Obj("heading", Heading(3, "Created by hand"), "rows", unmanaged);
    if (!external.empty()) m["external"] = Obj("heading", Heading(3, "DNS records at outside hosts"), "rows", external);
    return m;
  }

  // ---- findings -----------------------------------------------------------------------------

  Json Findings() {
    Json f = Json::object();
    f["heading"] = Heading(2, "Findings");
    const facts::RuleCatalog& catalog = facts::RuleCatalog::Builtin();
    size_t errors = 0, warnings = 0, notes = 0, suppressed = 0;
    std::vector<std::string> codes;
    for (const auto& d : c_.findings) {
      if (d.suppressed) ++suppressed;
      else if (d.severity == Severity::kError) ++errors;
      else if (d.severity == Severity::kWarning) ++warnings;
      else ++notes;
      AddUnique(codes, d.code());
    }
    std::sort(codes.begin(), codes.end());
    // Rule headings come after the table; their anchors are computed in document order.
    std::map<std::string, Json> rule_headings;
    Json items = Json::array();
    for (const auto& d : c_.findings) {
      Json item = Json::object();
      item["severity"] = d.suppressed ? "accepted" : SeverityName(d.severity);
      item["code"] = d.code();
      item["where_md"] = Src(d.range);
      std::string msg = InlineWithCode(d.message);
      if (!d.help.empty()) msg += "<br>fix: " + InlineWithCode(d.help);
      if (d.suppressed) msg += "<br>accepted: " + InlineWithCode(d.suppression);
      item["message_md"] = msg;
      items.push_back(item);
    }
    f["has_items"] = !items.empty();
    f["items"] = items;
    std::vector<std::string> summary;
    if (errors) summary.push_back(std::to_string(errors) + (errors == 1 ? " error" : " errors"));
    summary.push_back(std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings"));
    if (notes) summary.push_back(std::to_string(notes) + (notes == 1 ? " note" : " notes"));
    if (suppressed) summary.push_back(std::to_string(suppressed) + " accepted with a reason in the source");
    f["summary"] = JoinMd(summary, ", ");
    Json rules = Json::array();
    if (!codes.empty()) f["rules_heading"] = Heading(3, "What the rules mean");
    for (const auto& code : codes) {
      Json rule = Json::object();
      const facts::Rule* r = catalog.Find(code);
      std::string title = CodeSpan(code) + (r ? " " + EscapeMarkdown(r->name) : std::string());
      rule["heading"] = Heading(4, title);
      if (r) {
        rule["summary_md"] = InlineWithCode(r->summary);
        rule["explanation_md"] = InlineWithCode(r->explanation);
        if (!r->help.empty()) rule["help_md"] = InlineWithCode(r->help);
        Json sources = Json::array();
        for (const auto& s : r->sources) sources.push_back(Obj("md", s.rfind("http", 0) == 0 ? "<" + s + ">" : InlineWithCode(s)));
        rule["sources"] = sources;
      } else {
        // Not in the rule catalog: the diagnostics themselves explain it.
        for (const auto& d : c_.findings) {
          if (d.code() == code) {
            rule["summary_md"] = InlineWithCode(Info(d.kind).name);
            break;
          }
        }
      }
      rules.push_back(rule);
    }
    f["rules"] = rules;
    // Link each row to its rule's explanation.
    for (auto& item : f["items"]) {
      for (const auto& rule : rules) {
        if (HeadingText(rule["heading"]["md"].get<std::string>()).rfind(item["code"].get<std::string>(), 0) == 0) {
          item["code_md"] = "[" + item["code"].get<std::string>() + "](#" + rule["heading"]["anchor"].get<std::string>() + ")";
        }
      }
    }
    return f;
  }

  // ---- parameters ---------------------------------------------------------------------------

  Json Parameters() {
    if (m_.params.empty()) return nullptr;
    Json rows = Json::array();
    for (const auto& p : m_.params) {
      std::string def = p.secret ? "secret: supplied at deploy time, never written to output"
                                 : p.has_default ? ValueMd(p.default_value) : "required, no default";
      rows.push_back(Obj("name_md", CodeSpan(p.name), "type_md", CodeSpan(p.type), "default_md", def, "description_md", p.description.empty() ? "—" : InlineWithCode(p.description), "source", Src(p.range)));
    }
    Json h = Heading(2, "Parameters");
    return Obj("heading", h, "rows", rows);
  }

 public:
  // Anchors referenced before their sections are built (fixed names, see BuildHandbook).
  std::string params_anchor_ = "parameters";
  std::string manual_anchor_ = "manual-steps";
};

}  // namespace

Json BuildHandbook(const EmitContext& context) {
  Builder builder(context);
  return builder.Build();
}

}  // namespace topo::emit::docs
