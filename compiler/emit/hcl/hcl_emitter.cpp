#include "emit/hcl/hcl_emitter.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "base/strings.h"

namespace topo::emit::hcl {

namespace {

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

bool IsLetterZone(const std::string& az) { return az.size() == 1 && std::islower(static_cast<unsigned char>(az[0])); }

// The HCL type constraint of a topo parameter type.
std::string TypeConstraint(const std::string& type) {
  if (type == "number" || type == "int" || type == "port") return "number";
  if (type == "bool") return "bool";
  if (type == "any") return "any";
  auto inner = [&](size_t prefix) { return TypeConstraint(type.substr(prefix, type.size() - prefix - 1)); };
  if (type.rfind("list<", 0) == 0 && type.back() == '>') return "list(" + inner(5) + ")";
  if (type.rfind("map<", 0) == 0 && type.back() == '>') return "map(" + inner(4) + ")";
  return "string";  // string, cidr, secret, ref<...>
}

// Markdown text from the user's prose: `<` and `>` outside code spans are escaped, so that
// `helios.<domain>` is not taken for an HTML tag.
std::string MarkdownText(const std::string& text) {
  std::string out;
  bool code = false;
  for (char c : text) {
    if (c == '`') code = !code;
    if (!code && c == '<') out += "&lt;";
    else if (!code && c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

bool JsonEquals(const ir::Value& v, const OrderedJson& j) {
  switch (v.kind) {
    case ir::Value::Kind::kBool: return j.is_boolean() && j.get<bool>() == v.boolean;
    case ir::Value::Kind::kNumber: return j.is_number() && j.get<double>() == v.number;
    case ir::Value::Kind::kString: return j.is_string() && j.get<std::string>() == v.text;
    default: return false;
  }
}

}  // namespace

Emitter::Emitter(const EmitContext& context, DiagSink& sink)
    : model_(context.model), catalog_(context.catalog), sink_(sink), maps_(Mappings::Builtin()) {
  default_region_ = model_.default_region;
}

// ---------------------------------------------------------------------------------------------
// The model

const ir::Value* Emitter::Val(const Resource& r, const std::string& attr) const {
  const ir::Attribute* a = r.Find(attr);
  if (a == nullptr || a->value.kind == ir::Value::Kind::kNull) return nullptr;
  return &a->value;
}

bool Emitter::BoolAttr(const Resource& r, const std::string& attr) const {
  if (const ir::Value* v = Val(r, attr); v != nullptr && v->kind == ir::Value::Kind::kBool) return v->boolean;
  if (r.schema != nullptr) {
    if (const facts::Attribute* a = r.schema->FindAttribute(attr); a != nullptr && a->default_value.is_boolean()) {
      return a->default_value.get<bool>();
    }
  }
  return false;
}

std::string Emitter::StrAttr(const Resource& r, const std::string& attr) const {
  const ir::Value* v = Val(r, attr);
  if (v != nullptr && v->kind == ir::Value::Kind::kString) return v->text;
  if (v == nullptr && r.schema != nullptr) {
    if (const facts::Attribute* a = r.schema->FindAttribute(attr); a != nullptr && a->default_value.is_string()) {
      return a->default_value.get<std::string>();
    }
  }
  return "";
}

const OrderedJson& Emitter::Setting(const std::string& path) const {
  const OrderedJson* j = &maps_.settings();
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    j = &j->at(key);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *j;
}

std::string Emitter::VariantOf(const Resource& r) const {
  if (r.kind == "cache_cluster") {
    bool group = StrAttr(r, "engine") != "memcached" &&
                 (Val(r, "replicas") != nullptr && Val(r, "replicas")->number > 0 ? true
                  : BoolAttr(r, "automatic_failover") || BoolAttr(r, "multi_az") ||
                        BoolAttr(r, "at_rest_encryption_enabled") || Val(r, "auth_token") != nullptr ||
                        Val(r, "preferred_cache_cluster_azs") != nullptr);
    return group ? "replication_group" : "";
  }
  if (r.kind == "db_instance") {
    const ir::Value* c = Val(r, "cluster");
    return c != nullptr && c->is_ref() ? "cluster_member" : "";
  }
  if (r.kind == "db_parameter_group") return BoolAttr(r, "cluster") ? "cluster" : "";
  if (r.kind == "cloudfront_origin_access") return StrAttr(r, "type") == "oai" ? "oai" : "";
  return "";
}

const KindMap& Emitter::FindMap(const Resource& r) const {
  std::string variant = VariantOf(r);
  const KindMap* m = maps_.Find(variant.empty() ? r.kind : r.kind + "/" + variant);
  if (m == nullptr) m = maps_.Find(r.kind);
  if (m == nullptr) {
    static const KindMap empty = [] {
      KindMap k;
      k.file = "main";
      return k;
    }();
    return empty;
  }
  return *m;
}

ir::ResourceId Emitter::AccountOf(const Resource& r) const {
  if (r.kind == "account") return r.id;
  return r.account != ir::kNoResource ? r.account : model_.default_account;
}

bool Emitter::IsExternalZone(ResourceId zone) const {
  if (zone == ir::kNoResource) return true;
  return BoolAttr(model_.at(zone), "external");
}

bool Emitter::IsRegisteredZone(ResourceId zone) const {
  if (zone == ir::kNoResource || IsExternalZone(zone)) return false;
  std::string registrar = StrAttr(model_.at(zone), "registrar");
  std::transform(registrar.begin(), registrar.end(), registrar.begin(), [](unsigned char c) { return std::tolower(c); });
  return registrar == "route53" || registrar == "route 53" || registrar == "aws";
}

// The zone a resource's DNS names belong to: its `zone` attribute, else the zone with the longest
// domain that is a suffix of the resource's literal domain.
ir::ResourceId Emitter::FindZoneFor(const Resource& r, const std::string& zone_attr, const std::string& domain_attr) const {
  if (const ir::Value* z = Val(r, zone_attr); z != nullptr && z->is_ref()) return z->target;
  std::string domain = domain_attr.empty() ? "" : StrAttr(r, domain_attr);
  if (domain.empty() && domain_attr == "domain" && r.schema != nullptr && r.schema->label != "ident") domain = r.name;
  if (domain.empty()) return ir::kNoResource;
  // A zone matches when its domain is the domain itself or a suffix after one of its dots: look
  // those up, longest first; among zones of one domain the first declared wins.
  for (size_t start = 0; start < domain.size();) {
    auto it = zones_of_domain_.find(domain.substr(start));
    if (it != zones_of_domain_.end()) {
      for (ResourceId z : it->second) {
        if (AccountOf(model_.at(z)) == AccountOf(r) || IsExternalZone(z)) return z;
      }
    }
    size_t dot = domain.find('.', start);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return ir::kNoResource;
}

// ---------------------------------------------------------------------------------------------
// Names

std::string Emitter::BaseName(ResourceId id) const {
  const Resource& r = model_.at(id);
  std::string base = ToIdentifier(r.name);
  if (r.name_shared && r.account != ir::kNoResource) base += "_" + ToIdentifier(model_.at(r.account).name);
  return base;
}

std::string Emitter::Unique(const std::string& space, const std::string& desired) {
  auto& used = used_[space];
  std::string name = desired;
  for (int i = 2; used.count(name); ++i) name = desired + "_" + std::to_string(i);
  used.insert(name);
  return name;
}

std::string Emitter::Name(ResourceId id, const std::string& type, const std::string& role) {
  std::vector<GivenName>& given = names_[static_cast<size_t>(id)];
  for (const auto& g : given) {
    if (g.type == type && g.role == role) return g.name;
  }
  // Resources that belong to another one share its name, so a reviewer sees them together.
  std::string desired;
  const std::string& primary = PrimaryType(model_.at(id));
  if (!(type == primary && role.empty())) {
    for (const auto& g : given) {
      if (g.type == primary && g.role.empty()) desired = g.name;
    }
  }
  if (desired.empty()) desired = BaseName(id);
  if (!role.empty()) desired += "_" + ToIdentifier(role);
  std::string name = Unique(type, desired);
  given.push_back({type, role, name});
  return name;
}

std::string Emitter::PrimaryName(const Resource& r) { return Name(r.id, PrimaryType(r)); }

std::string Emitter::Address(const Resource& r) {
  if (manual_kinds_.count(r.id)) return "";
  const std::string& type = PrimaryType(r);
  if (type.empty()) return "";
  if (r.kind == "dns_zone" && IsExternalZone(r.id)) return "";
  if (r.kind == "dns_record") {
    const ir::Value* zone = Val(r, "zone");
    if (zone == nullptr || !zone->is_ref() || IsExternalZone(zone->target)) return "";
  }
  if (r.kind == "account" && Val(r, "email") == nullptr) return "";
  if (r.kind == "organization") return "";
  return type + "." + Name(r.id, type);
}

// ---------------------------------------------------------------------------------------------
// Expressions

Expr Emitter::FromJson(const OrderedJson& j) {
  if (j.is_boolean()) return Expr::Bool(j.get<bool>());
  if (j.is_number_integer()) return Expr::Int(j.get<long long>());
  if (j.is_number()) return Expr::Number(j.dump());
  if (j.is_string()) return Expr::String(j.get<std::string>());
  if (j.is_array()) {
    std::vector<Expr> items;
    for (const auto& e : j) items.push_back(FromJson(e));
    return Expr::List(std::move(items));
  }
  if (j.is_object()) {
    std::vector<std::pair<std::string, Expr>> entries;
    for (const auto& [k, v] : j.items()) entries.emplace_back(k, FromJson(v));
    return Expr::Object(std::move(entries));
  }
  return Expr::Null();
}

Expr Emitter::ToExpr(const ir::Value& v, const std::string& ref_output) {
  switch (v.kind) {
    case ir::Value::Kind::kNull: return Expr::Null();
    case ir::Value::Kind::kBool: return Expr::Bool(v.boolean);
    case ir::Value::Kind::kNumber: return Expr::Number(v.text.empty() ? std::to_string(v.number) : v.text);
    case ir::Value::Kind::kString: return Expr::String(v.text);
    case ir::Value::Kind::kParam: return Expr::Ref("var." + v.text);
    case ir::Value::Kind::kList: {
      std::vector<Expr> items;
      for (const auto& item : v.items) items.push_back(ToExpr(item, ref_output));
      return Expr::List(std::move(items));
    }
    case ir::Value::Kind::kMap: {
      std::vector<std::pair<std::string, Expr>> entries;
      for (const auto& [k, item] : v.entries) entries.emplace_back(k, ToExpr(item, ref_output));
      return Expr::Object(std::move(entries));
    }
    case ir::Value::Kind::kRef: {
      if (v.target == ir::kNoResource) return Expr::Null();
      std::string output = v.path.empty() ? ref_output : v.path[0];
      return OutputExpr(v.target, output);
    }
    case ir::Value::Kind::kTemplate: {
      std::vector<Expr> parts;
      for (const auto& part : v.items) parts.push_back(ToExpr(part, ref_output));
      return Expr::Template(std::move(parts));
    }
  }
  return Expr::Null();
}

// A policy document: a map or list written in the source becomes jsonencode(...), references in
// it read ARNs; a string is a JSON text already.
Expr Emitter::JsonDoc(const ir::Value& v) {
  if (v.kind == ir::Value::Kind::kMap || v.kind == ir::Value::Kind::kList) {
    return Expr::Call("jsonencode", {ToExpr(v, "arn")});
  }
  return ToExpr(v, "arn");
}

Expr Emitter::AzExpr(const std::string& az, const std::string& region) const {
  return Expr::String(IsLetterZone(az) ? region + az : az);
}

Expr Emitter::Transform(Expr e, const ir::Value& v, const std::string& transform, const Resource& r) {
  if (transform.empty()) return e;
  if (transform == "az") {
    if (v.kind == ir::Value::Kind::kString) return AzExpr(v.text, r.region.empty() ? default_region_ : r.region);
    if (v.kind == ir::Value::Kind::kList) {
      std::vector<Expr> items;
      for (const auto& item : v.items) {
        items.push_back(item.kind == ir::Value::Kind::kString ? AzExpr(item.text, r.region.empty() ? default_region_ : r.region)
                                                              : ToExpr(item));
      }
      return Expr::List(std::move(items));
    }
    return e;
  }
  if (transform == "json") return JsonDoc(v);
  if (transform == "base64") {
    return v.kind == ir::Value::Kind::kString || v.kind == ir::Value::Kind::kParam ? Expr::Call("base64encode", {e}) : e;
  }
  if (transform == "upper") {
    if (v.kind != ir::Value::Kind::kString) return e;
    std::string s = v.text;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return Expr::String(s);
  }
  if (transform == "string") {
    if (v.kind == ir::Value::Kind::kNumber) return Expr::String(v.text);
    if (v.kind == ir::Value::Kind::kBool) return Expr::String(v.boolean ? "true" : "false");
    return e;
  }
  if (transform == "list") return v.kind == ir::Value::Kind::kList ? e : Expr::List({e});
  return e;
}

std::optional<Expr> Emitter::ArgExpr(const Resource& r, const ArgSpec& a) {
  const ir::Value* v = Val(r, a.attr);
  if (v != nullptr) {
    if (!a.omit_if.is_null() && JsonEquals(*v, a.omit_if)) return std::nullopt;
    std::string ref_output = a.ref_output.empty() && a.transform == "json" ? "arn" : a.ref_output;
    return Transform(ToExpr(*v, ref_output), *v, a.transform, r);
  }
  if (a.default_label) return Expr::String(r.name);
  if (!a.default_value.is_null()) return FromJson(a.default_value);
  if (a.emit_default && r.schema != nullptr) {
    if (const facts::Attribute* attr = r.schema->FindAttribute(a.attr); attr != nullptr && !attr->default_value.is_null()) {
      ir::Value dv;
      const auto& d = attr->default_value;
      if (d.is_boolean()) {
        dv.kind = ir::Value::Kind::kBool;
        dv.boolean = d.get<bool>();
      } else if (d.is_number()) {
        dv.kind = ir::Value::Kind::kNumber;
        dv.number = d.get<double>();
        dv.text = d.is_number_integer() ? std::to_string(d.get<long long>()) : d.dump();
      } else if (d.is_string()) {
        dv.kind = ir::Value::Kind::kString;
        dv.text = d.get<std::string>();
      } else {
        return FromJson(OrderedJson::parse(d.dump()));
      }
      return Transform(ToExpr(dv), dv, a.transform, r);
    }
  }
  return std::nullopt;
}

Expr Emitter::AddVariable(const std::string& desired, const std::string& type, const std::string& description,
                          bool sensitive) {
  std::string name = Unique("var", desired);
  Block b("variable", {name});
  b.body().Attr("type", Expr::Type(type));
  b.body().Attr("description", Expr::String(description));
  if (sensitive) b.body().Attr("sensitive", Expr::Bool(true));
  variables_.push_back(std::move(b));
  return Expr::Ref("var." + name);
}

Expr Emitter::AccountIdExpr(ResourceId account) {
  if (account == ir::kNoResource) return Expr::Ref("data.aws_caller_identity.current.account_id");
  const Resource& a = model_.at(account);
  if (const ir::Value* id = Val(a, "id")) return ToExpr(*id);
  if (Val(a, "email") != nullptr) return Expr::Ref("aws_organizations_account." + Name(account, "aws_organizations_account") + ".id");
  auto it = account_id_vars_.find(account);
  if (it != account_id_vars_.end()) return Expr::Ref("var." + it->second);
  Expr v = AddVariable(ToIdentifier(a.name) + "_account_id", "string",
                       "12-digit id of the AWS account `" + a.name + "` (the topology does not give it)");
  account_id_vars_[account] = v.text().substr(4);
  return v;
}

Expr Emitter::DomainExpr(const Resource& r, const std::string& attr) {
  if (const ir::Value* v = Val(r, attr)) return ToExpr(*v);
  return Expr::String(r.name);
}

Expr Emitter::ZoneDomainExpr(ResourceId zone) {
  const Resource& z = model_.at(zone);
  if (IsExternalZone(zone)) return DomainExpr(z, "domain");
  return OutputExpr(zone, "domain");
}

Expr Emitter::ZoneIdExpr(ResourceId zone) { return OutputExpr(zone, "zone_id"); }

// A record name as Route 53 stores it: `www` in zone example.com is www.example.com, `@` or ""
// is the apex; a name that already ends with the zone's domain (or a dot) is kept.
Expr Emitter::FqdnExpr(const std::string& name, ResourceId zone) {
  Expr domain = zone == ir::kNoResource ? Expr::String("") : ZoneDomainExpr(zone);
  if (name.empty() || name == "@") return domain;
  if (name.back() == '.') return Expr::String(name.substr(0, name.size() - 1));
  if (domain.is_string()) {
    const std::string& d = domain.text();
    if (name == d || (name.size() > d.size() && name.compare(name.size() - d.size() - 1, d.size() + 1, "." + d) == 0)) {
      return Expr::String(name);
    }
    return Expr::String(name + "." + d);
  }
  return Expr::Template({Expr::String(name + "."), domain});
}

Expr Emitter::ManagedPolicyArn(const ir::Value& v) {
  if (v.kind == ir::Value::Kind::kString && v.text.rfind("arn:", 0) != 0) {
    return Expr::String(Setting("aws_managed_policy_arn_prefix").get<std::string>() + v.text);
  }
  return ToExpr(v, "arn");
}

Expr Emitter::OutputExpr(ResourceId id, const std::string& requested) {
  const Resource& r = model_.at(id);
  const KindMap& map = MapOf(r);
  std::string output = requested.empty() ? map.ref : requested;

  // Kinds without a Terraform resource.
  if (r.kind == "account") {
    if (output == "id" || output.empty()) return AccountIdExpr(id);
  }
  if (r.kind == "dns_zone" && IsExternalZone(id)) {
    return output == "domain" ? DomainExpr(r, "domain") : Expr::String("");
  }
  if (r.kind == "certificate" && output == "arn" && validated_certs_.count(id)) {
    return Expr::Ref("aws_acm_certificate_validation." + Name(id, "aws_acm_certificate_validation") + ".certificate_arn");
  }
  std::string spec;
  const std::string& type = PrimaryType(r);
  if (map.outputs.contains(output)) {
    const auto& o = map.outputs[output];
    if (o.is_null()) return Expr::Null();  // not available for this variant of the kind
    if (o.is_object()) {
      std::string t = o.at("type").get<std::string>();
      return Expr::Ref(t + "." + Name(id, t) + "." + o.at("attr").get<std::string>());
    }
    spec = o.get<std::string>();
  } else {
    spec = output;
  }
  if (!spec.empty() && spec[0] == '@') {
    std::string region = r.region.empty() ? default_region_ : r.region;
    if (spec == "@smtp_endpoint") {
      return Expr::String(Replace(Setting("endpoints.ses_smtp").get<std::string>(), "<region>", region));
    }
    if (spec == "@smtp_port") return Val(r, "port") ? ToExpr(*Val(r, "port")) : Expr::Int(587);
    if (spec == "@account_id") return AccountIdExpr(id);
    if (spec == "@beanstalk_zone") {
      std::string dname = "beanstalk_" + ToIdentifier(region);
      if (!data_sources_.count("aws_elastic_beanstalk_hosted_zone." + dname)) {
        Block b("data", {"aws_elastic_beanstalk_hosted_zone", dname});
        if (region != default_region_) b.body().Attr("region", Expr::String(region));
        data_sources_.emplace("aws_elastic_beanstalk_hosted_zone." + dname, std::move(b));
        data_order_.push_back("aws_elastic_beanstalk_hosted_zone." + dname);
      }
      return Expr::Ref("data.aws_elastic_beanstalk_hosted_zone." + dname + ".id");
    }
    if (spec.rfind("@variable:", 0) == 0) {
      std::string what = spec.substr(10);
      auto key = std::make_pair(id, what);
      auto it = manual_vars_.find(key);
      if (it != manual_vars_.end()) return Expr::Ref("var." + it->second);
      Expr v = AddVariable(ToIdentifier(r.kind + "_" + r.name) + "_" + what, "string",
                           what + " of " + r.kind + " `" + r.name + "`, which is created by hand (see MANUAL.md)");
      manual_vars_[key] = v.text().substr(4);
      return v;
    }
    if (spec == "@alias" || spec == "@default_domain") {
      std::string attr = spec.substr(1);
      if (const ir::Value* v = Val(r, attr)) return ToExpr(*v);
      return Expr::String(r.name);
    }
    if (spec == "@web_url") {
      std::string alias = StrAttr(r, "alias").empty() ? r.name : StrAttr(r, "alias");
      return Expr::String("https://" + alias + ".awsapps.com/mail");
    }
  }
  if (type.empty()) return Expr::Null();
  std::string prefix = type.rfind("data.", 0) == 0 ? type : type;
  return Expr::Ref(prefix + "." + Name(id, type) + (spec.empty() ? "" : "." + spec));
}

// ---------------------------------------------------------------------------------------------
// Blocks

std::string Emitter::ProviderAlias(ResourceId account) const {
  if (account == ir::kNoResource || account == model_.default_account) return "";
  return ToIdentifier(model_.at(account).name);
}

std::string Emitter::RegionalProvider(ResourceId account, const std::string& region) {
  auto key = std::make_pair(account, region);
  auto it = regional_providers_.find(key);
  if (it != regional_providers_.end()) return it->second;
  std::string base = ProviderAlias(account);
  std::string alias = Unique("provider", (base.empty() ? "" : base + "_") + ToIdentifier(region));
  regional_providers_[key] = alias;
  return alias;
}

Block Emitter::Begin(const Resource& r, const std::string& type, const std::string& name, const Where& where) {
  Block b(where.data ? "data" : "resource", {type, name});
  ResourceId account = where.account ? *where.account : AccountOf(r);
  std::string alias = where.provider.empty() ? ProviderAlias(account) : where.provider;
  if (!alias.empty()) b.body().Attr("provider", Expr::Ref("aws." + alias));
  std::string region = where.region ? *where.region : r.region;
  if (!where.provider.empty()) region.clear();  // a regional provider is already in that region
  bool global = where.data ? maps_.IsGlobalDataSource(type) : maps_.IsGlobalType(type);
  if (!global && !region.empty() && region != default_region_) b.body().Attr("region", Expr::String(region));
  b.body().Blank();
  return b;
}

void Emitter::ApplyArgs(const Resource& r, const KindMap& map, Body& body) {
  for (const auto& a : map.args) {
    if (a.mode == ArgSpec::Mode::kSkip) {
      // The parent reference of a nested block is implied by the nesting: nothing is lost.
      bool implied = r.schema != nullptr && r.schema->parent_attr == a.attr;
      if (!implied && Val(r, a.attr) != nullptr && r.schema != nullptr && r.schema->FindAttribute(a.attr) != nullptr) {
        const facts::Attribute* attr = r.schema->FindAttribute(a.attr);
        // Writing the kind's default is harmless; anything else is lost in translation.
        const ir::Value* v = Val(r, a.attr);
        if (attr->default_value.is_null() || !JsonEquals(*v, OrderedJson::parse(attr->default_value.dump()))) {
          NotInTerraform(r, a.attr);
        }
      }
      continue;
    }
    if (a.mode == ArgSpec::Mode::kStructural) {
      body.Slot(a.attr);
      continue;
    }
    if (std::optional<Expr> e = ArgExpr(r, a)) body.Attr(a.arg, std::move(*e));
  }
}

void Emitter::NotInTerraform(const Resource& r, const std::string& attr) {
  const ir::Attribute* a = r.Find(attr);
  sink_.Report(DiagKind::kNotInTerraform, a != nullptr ? a->name_range : r.name_range, r.kind, r.name, attr);
}

void Emitter::Finish(Block& b, const Resource& r, const KindMap& map, bool tags) {
  Body& body = b.body();
  // description: an argument when the type has one, else a comment above the block.
  if (const ir::Value* d = Val(r, "description"); d != nullptr && d->kind == ir::Value::Kind::kString) {
    bool mapped = false;
    for (const auto& a : map.args) mapped = mapped || (a.attr == "description" && a.mode == ArgSpec::Mode::kRename);
    if (!mapped && !body.Has("description") && !body.Has("comment")) b.comments().push_back(d->text);
  }
  if (tags && map.tags != "none") {
    std::vector<std::pair<std::string, Expr>> entries;
    if (map.name_tag) entries.emplace_back("Name", Expr::String(r.name));
    if (const ir::Value* t = Val(r, "tags"); t != nullptr && t->kind == ir::Value::Kind::kMap) {
      for (const auto& [k, v] : t->entries) {
        const std::string& key = k;  // clang before 16 cannot capture a structured binding
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key; });
        if (it != entries.end()) it->second = ToExpr(v);
        else entries.emplace_back(k, ToExpr(v));
      }
    }
    if (!entries.empty()) {
      if (map.tags == "asg") {
        for (auto& [k, v] : entries) {
          Block& tag = body.AddBlock("tag");
          tag.body().Attr("key", Expr::String(k)).Attr("value", v).Attr("propagate_at_launch", Expr::Bool(true));
        }
      } else {
        body.Blank();
        body.Attr("tags", Expr::Object(std::move(entries)));
      }
    }
  }
  std::vector<Expr> items = std::move(pending_depends_);
  pending_depends_.clear();
  if (const ir::Value* deps = Val(r, "depends_on"); deps != nullptr && deps->kind == ir::Value::Kind::kList) {
    for (const auto& d : deps->items) {
      if (!d.is_ref() || d.target == ir::kNoResource) continue;
      std::string address = Address(model_.at(d.target));
      Expr e = Expr::Ref(address);
      if (!address.empty() && std::find(items.begin(), items.end(), e) == items.end()) items.push_back(e);
    }
  }
  if (!items.empty()) {
    body.Blank();
    body.Attr("depends_on", Expr::List(std::move(items)));
  }
  if (map.retain && BoolAttr(r, "retain")) {
    body.AddBlock("lifecycle").body().Attr("prevent_destroy", Expr::Bool(true));
  }
}

// Blocks of a file are final when added, so each is rendered at once and its tree freed: kept
// until the end, the trees of every resource were the emitter's peak memory, and allocating
// and freeing them a large part of its time.
void Emitter::Add(const std::string& file, Block block) { AppendBlock(block, files_[file]); }

void Emitter::AddWith(ResourceId owner, Block block) {
  if (committed_.count(owner)) {
    Add(MapOf(model_.at(owner)).file, std::move(block));
  } else {
    pending_with_[owner].push_back(std::move(block));
  }
}

Block Emitter::Primary(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Begin(r, PrimaryType(r), PrimaryName(r));
  ApplyArgs(r, map, b.body());
  return b;
}

void Emitter::Commit(Block b, const Resource& r) {
  const KindMap& map = MapOf(r);
  Finish(b, r, map);
  Add(map.file, std::move(b));
  for (const auto& o : map.tf_outputs) {
    if (!o.unless.empty() && BoolAttr(r, o.unless)) continue;
    AddOutput(r.kind + "_" + BaseName(r.id) + "_" + o.output, o.description + " of " + r.kind + " `" + r.name + "`",
              OutputExpr(r.id, o.output));
  }
}

void Emitter::AddOutput(const std::string& desired, const std::string& description, Expr value, bool sensitive) {
  Block b("output", {Unique("output", desired)});
  b.body().Attr("description", Expr::String(description));
  b.body().Attr("value", std::move(value));
  if (sensitive) b.body().Attr("sensitive", Expr::Bool(true));
  outputs_.push_back(std::move(b));
}

// ---------------------------------------------------------------------------------------------
// The run

OutputFiles Emitter::Run() {
  BuildIndexes();
  // Names users chose are taken first: params (variables) and account aliases (providers).
  for (const auto& p : model_.params) used_["var"].insert(p.name);
  for (ResourceId a : model_.OfKind("account")) {
    if (!ProviderAlias(a).empty()) used_["provider"].insert(ProviderAlias(a));
  }
  for (const auto& r : model_.resources) {
    if (!MapOf(r).manual.empty() && r.kind != "manual_step") manual_kinds_.insert(r.id);
  }
  // Primary names first, in declaration order, so they do not depend on which resource happens to
  // reference which.
  for (const auto& r : model_.resources) {
    const std::string& type = PrimaryType(r);
    if (!type.empty() && MapOf(r).manual.empty()) Name(r.id, type);
  }
  // Certificates validated through Route 53 records: known before anything references them.
  for (ResourceId id : model_.OfKind("certificate")) {
    const Resource& r = model_.at(id);
    bool dns = StrAttr(r, "validation") != "email";
    ResourceId zone = FindZoneFor(r, "zone", "domain");
    if (dns && zone != ir::kNoResource && !IsExternalZone(zone) && BoolAttr(r, "wait_for_validation")) {
      validated_certs_.insert(id);
    }
  }
  for (const auto& r : model_.resources) {
    EmitResource(r);
    committed_.insert(r.id);
    auto pending = pending_with_.find(r.id);
    if (pending != pending_with_.end()) {
      for (auto& b : pending->second) Add(MapOf(r).file, std::move(b));
      pending_with_.erase(pending);
    }
  }
  EmitUserGroupMemberships();
  EmitBucketPolicies();
  for (ResourceId vpc : model_.OfKind("vpc")) EmitSubnetRouting(model_.at(vpc));
  // Resources created by hand that others reference: say which variables to set.
  for (const auto& [key, var] : manual_vars_) {
    for (auto& step : manual_) {
      if (step.anchor == key.first && step.step_id == ir::kNoResource) {
        step.body += "\n\nThen set the variable `" + var + "` to its " + key.second + ".";
        break;
      }
    }
  }

  OutputFiles out;
  EmitVersions(out);
  EmitProviders(out);
  for (const auto& [name, title] : maps_.files()) {
    auto it = files_.find(name);
    if (it == files_.end() || it->second.empty()) continue;
    // The header, then the blocks after a blank line, as RenderFile(blocks, {title}) writes them.
    out[name + ".tf"] = RenderFile({}, {title}) + "\n" + it->second;
  }
  for (auto& [name, text] : files_) {
    const std::string& file = name;  // clang before 16 cannot capture a structured binding
    bool known = std::any_of(maps_.files().begin(), maps_.files().end(), [&](const auto& f) { return f.first == file; });
    if (!known && !text.empty()) out[name + ".tf"] = std::move(text);
  }
  if (!data_order_.empty()) {
    std::vector<Block> data;
    for (const auto& address : data_order_) data.push_back(data_sources_.at(address));
    out["data_sources.tf"] = RenderFile(data, {"Data sources: AWS-managed values read at plan time"});
  }
  EmitVariables(out);
  EmitOutputs(out);
  EmitManual(out);
  return out;
}

void Emitter::EmitVersions(OutputFiles& out) {
  Block terraform("terraform", {});
  Body& body = terraform.body();
  std::vector<ResourceId> states = model_.OfKind("terraform_state");
  for (ResourceId id : states) uses_lockfile_ = uses_lockfile_ || BoolAttr(model_.at(id), "use_lockfile");
  body.Attr("required_version",
            Expr::String(Setting(uses_lockfile_ ? "required_version_lockfile" : "required_version").get<std::string>()));
  Block& providers = body.AddBlock("required_providers");
  providers.body().Attr("aws", Expr::Object({{"source", Expr::String(Setting("provider.source").get<std::string>())},
                                             {"version", Expr::String(Setting("provider.version").get<std::string>())}}));
  if (!states.empty()) {
    const Resource& s = model_.at(states.front());
    Block backend("backend", {"s3"});
    Body& b = backend.body();
    // Backend settings cannot use variables or references: literal values only. A param's
    // default stands in for the param, with a comment.
    auto literal = [&](const ir::Value* v, const std::string& what) -> std::optional<std::string> {
      if (v == nullptr) return std::nullopt;
      if (v->kind == ir::Value::Kind::kString) return v->text;
      if (v->kind == ir::Value::Kind::kParam) {
        const ir::Param* p = model_.FindParam(v->text);
        if (p != nullptr && p->has_default && p->default_value.kind == ir::Value::Kind::kString) {
          b.Comment(what + " is the default of var." + p->name + " (a backend cannot read variables)");
          return p->default_value.text;
        }
        b.Comment(what + " is var." + v->text + ", which has no default: pass it with terraform init -backend-config");
      }
      return std::nullopt;
    };
    auto literal_name = [&](ResourceId target, const std::string& attr) -> std::optional<std::string> {
      const Resource& t = model_.at(target);
      const ir::Value* v = Val(t, attr);
      if (v == nullptr) return t.name;
      return literal(v, "`" + attr + "` of " + t.kind + " `" + t.name + "`");
    };
    const ir::Value* bucket = Val(s, "bucket");
    std::string region = default_region_;
    if (bucket != nullptr && bucket->is_ref()) {
      if (auto name = literal_name(bucket->target, "name")) b.Attr("bucket", Expr::String(*name));
      if (!model_.at(bucket->target).region.empty()) region = model_.at(bucket->target).region;
    }
    const ir::Value* key = Val(s, "key");
    if (key == nullptr) b.Attr("key", Expr::String(StrAttr(s, "key")));
    else if (auto k = literal(key, "`key`")) b.Attr("key", Expr::String(*k));
    b.Attr("region", Expr::String(region));
    b.Attr("encrypt", Expr::Bool(BoolAttr(s, "encrypt")));
    if (BoolAttr(s, "use_lockfile")) b.Attr("use_lockfile", Expr::Bool(true));
    if (const ir::Value* lock = Val(s, "lock_table"); lock != nullptr && lock->is_ref()) {
      if (auto name = literal_name(lock->target, "name")) b.Attr("dynamodb_table", Expr::String(*name));
    }
    if (auto w = literal(Val(s, "workspace_key_prefix"), "`workspace_key_prefix`")) b.Attr("workspace_key_prefix", Expr::String(*w));
    ResourceId account = bucket != nullptr && bucket->is_ref() ? AccountOf(model_.at(bucket->target)) : AccountOf(s);
    if (account != ir::kNoResource && Val(model_.at(account), "profile") != nullptr) {
      if (auto p = literal(Val(model_.at(account), "profile"), "`profile`")) b.Attr("profile", Expr::String(*p));
    }
    if (account != model_.default_account && account != ir::kNoResource) {
      std::string role = StrAttr(model_.at(account), "role");
      if (!role.empty()) {
        if (auto id = literal(Val(model_.at(account), "id"), "the account id of `" + model_.at(account).name + "`")) {
          b.AddBlock("assume_role").body().Attr("role_arn", Expr::String("arn:aws:iam::" + *id + ":role/" + role));
        }
      }
    }
    body.AddBlock(std::move(backend));
    ManualStep step;
    step.anchor = -1;  // before anything else
    step.title = "Create the Terraform state storage, then move the state into it";
    step.body =
        "The S3 backend in versions.tf stores state in a bucket that this configuration itself creates. On the first "
        "run, comment out the `backend \"s3\"` block, run `terraform init` and `terraform apply`, then restore the "
        "block and run `terraform init -migrate-state`.";
    step.link = "https://developer.hashicorp.com/terraform/language/backend/s3";
    if (bucket != nullptr && bucket->is_ref()) step.after.push_back("`" + Address(model_.at(bucket->target)) + "`");
    Manual(std::move(step));
  }
  out["versions.tf"] = RenderFile({terraform}, {"Terraform and provider versions" + std::string(states.empty() ? "" : ", and where the state is stored")});
}

void Emitter::EmitProviders(OutputFiles& out) {
  std::vector<Block> blocks;
  std::vector<ResourceId> accounts = model_.OfKind("account");
  // The default account's provider first, then the others in declaration order.
  std::stable_sort(accounts.begin(), accounts.end(),
                   [&](ResourceId a, ResourceId b) { return a == model_.default_account && b != model_.default_account; });
  if (accounts.empty()) accounts.push_back(ir::kNoResource);
  std::vector<std::pair<std::string, Expr>> default_tags;
  if (model_.organization_id != ir::kNoResource) {
    if (const ir::Value* t = Val(model_.at(model_.organization_id), "default_tags"); t != nullptr && t->kind == ir::Value::Kind::kMap) {
      for (const auto& [k, v] : t->entries) default_tags.emplace_back(k, ToExpr(v));
    }
  }
  auto provider = [&](ResourceId account, const std::string& alias, const std::string& region, const std::string& why) {
    Block p("provider", {"aws"});
    Body& b = p.body();
    if (!alias.empty()) b.Attr("alias", Expr::String(alias));
    b.Attr("region", Expr::String(region));
    if (account != ir::kNoResource) {
      const Resource& a = model_.at(account);
      p.comments().push_back("account `" + a.name + "`" + (account == model_.default_account ? " (default)" : "") + why);
      std::string role = StrAttr(a, "role");
      if (!role.empty()) {
        Expr id = AccountIdExpr(account);
        Expr arn = Expr::Template({Expr::String("arn:aws:iam::"), id, Expr::String(":role/" + role)});
        b.AddBlock("assume_role").body().Attr("role_arn", arn);
      } else if (account != model_.default_account || Val(a, "profile") != nullptr) {
        // Another account without a role to assume: its own credentials, from its CLI profile.
        const ir::Value* profile = Val(a, "profile");
        b.Attr("profile", profile != nullptr ? ToExpr(*profile) : Expr::String(a.name));
      }
    }
    if (!default_tags.empty()) b.AddBlock("default_tags").body().Attr("tags", Expr::Object(default_tags));
    blocks.push_back(std::move(p));
  };
  for (ResourceId account : accounts) provider(account, ProviderAlias(account), default_region_, "");
  for (const auto& [key, alias] : regional_providers_) {
    provider(key.first, alias, key.second,
             ", in " + key.second + " for what depends on the provider's own region (SES SMTP passwords)");
  }
  std::vector<std::string> header = {"One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6)."};
  for (const auto& [code, use] : model_.regions) {
    if (!use.reason.empty()) header.push_back(code + ": " + use.reason);
  }
  out["providers.tf"] = RenderFile(blocks, header);
}

void Emitter::EmitVariables(OutputFiles& out) {
  std::vector<Block> blocks;
  for (const auto& p : model_.params) {
    Block b("variable", {p.name});
    b.body().Attr("type", Expr::Type(TypeConstraint(p.type)));
    if (!p.description.empty()) b.body().Attr("description", Expr::String(p.description));
    if (p.secret) {
      b.body().Attr("sensitive", Expr::Bool(true));
    } else if (p.has_default) {
      b.body().Attr("default", ToExpr(p.default_value));
    }
    blocks.push_back(std::move(b));
  }
  for (auto& v : variables_) blocks.push_back(v);
  if (blocks.empty()) return;
  out["variables.tf"] = RenderFile(blocks, {"Inputs: the topology's params, and values it leaves to whoever applies it"});
}

void Emitter::EmitOutputs(OutputFiles& out) {
  if (outputs_.empty()) return;
  out["outputs.tf"] = RenderFile(outputs_, {"Endpoints, names and DNS records to use or to add by hand"});
}

void Emitter::EmitManual(OutputFiles& out) {
  if (manual_.empty()) return;
  // Order: declaration order of the resources they belong to, then `after`/`before` between
  // manual steps (a stable topological sort).
  std::vector<size_t> order(manual_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return manual_[a].anchor < manual_[b].anchor; });
  std::map<ResourceId, size_t> by_step;
  for (size_t i = 0; i < manual_.size(); ++i) {
    if (manual_[i].step_id != ir::kNoResource) by_step[manual_[i].step_id] = i;
  }
  std::vector<std::set<size_t>> deps(manual_.size());
  for (size_t i = 0; i < manual_.size(); ++i) {
    if (manual_[i].step_id == ir::kNoResource) continue;
    const Resource& r = model_.at(manual_[i].step_id);
    for (const char* attr : {"after", "before"}) {
      const ir::Value* v = Val(r, attr);
      if (v == nullptr || v->kind != ir::Value::Kind::kList) continue;
      for (const auto& item : v->items) {
        if (!item.is_ref()) continue;
        auto it = by_step.find(item.target);
        if (it == by_step.end()) continue;
        if (std::string(attr) == "after") deps[i].insert(it->second);
        else deps[it->second].insert(i);
      }
    }
  }
  std::vector<size_t> sorted;
  std::vector<int> state(manual_.size(), 0);
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] != 0) return;
    state[i] = 1;
    std::vector<size_t> ds(deps[i].begin(), deps[i].end());
    std::sort(ds.begin(), ds.end(), [&](size_t a, size_t b) {
      return std::find(order.begin(), order.end(), a) < std::find(order.begin(), order.end(), b);
    });
    for (size_t d : ds) visit(d);
    state[i] = 2;
    sorted.push_back(i);
  };
  for (size_t i : order) visit(i);

  std::string md = "# Manual steps\n\n";
  md += "Terraform cannot perform these steps: there is no API for them, or the AWS provider has no resource. ";
  md += "Do them in this order, around `terraform apply`.\n";
  int n = 0;
  for (size_t i : sorted) {
    const ManualStep& s = manual_[i];
    md += "\n## " + std::to_string(++n) + ". " + MarkdownText(s.title) + "\n";
    if (!s.body.empty()) md += "\n" + MarkdownText(s.body) + "\n";
    if (!s.link.empty()) md += "\nSee <" + s.link + ">.\n";
    if (!s.after.empty()) {
      md += "\nAfter:";
      for (size_t k = 0; k < s.after.size(); ++k) md += (k ? ", " : " ") + s.after[k];
      md += "\n";
    }
    if (!s.before.empty()) {
      md += "\nBefore:";
      for (size_t k = 0; k < s.before.size(); ++k) md += (k ? ", " : " ") + s.before[k];
      md += "\n";
    }
  }
  out["MANUAL.md"] = md;
  size_t steps = 0;
  SourceRange first;
  for (const auto& s : manual_) {
    if (s.step_id != ir::kNoResource) {
      if (steps++ == 0) first = model_.at(s.step_id).name_range;
    }
  }
  if (steps > 0) {
    sink_.Report(DiagKind::kManualStepsWritten, first,
                 steps == 1 ? std::string("1 manual step is") : std::to_string(steps) + " manual steps are",
                 steps == 1 ? "it" : "them");
  }
}

}  // namespace topo::emit::hcl
