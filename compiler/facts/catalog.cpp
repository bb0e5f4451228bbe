#include "facts/catalog.h"

#include <stdexcept>

#include "base/embedded.h"
#include "base/strings.h"

namespace topo::facts {

namespace {

std::string Plural(const std::string& noun) { return noun + "s"; }

Attribute ParseAttribute(const std::string& name, const nlohmann::json& j, const std::string& where) {
  Attribute a;
  a.name = name;
  std::string spelling = j.value("type", "string");
  auto type = ParseType(spelling);
  if (!type) throw std::runtime_error(where + ": attribute `" + name + "` has malformed type `" + spelling + "`");
  a.type = *type;
  a.required = j.value("required", false);
  if (j.contains("default")) a.default_value = j["default"];
  if (j.contains("values")) {
    for (const auto& v : j["values"]) a.values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  }
  if (j.contains("min")) a.min = j["min"].get<double>();
  if (j.contains("max")) a.max = j["max"].get<double>();
  a.doc = j.value("doc", "");
  return a;
}

BlockSchema ParseBlock(const std::string& name, const nlohmann::json& j, const std::string& where) {
  BlockSchema b;
  b.name = name;
  b.label = j.value("label", "none");
  b.multiple = j.value("multiple", false);
  b.doc = j.value("doc", "");
  if (j.contains("attributes")) {
    for (const auto& [k, v] : j["attributes"].items()) b.attributes[k] = ParseAttribute(k, v, where + "." + name);
  }
  if (j.contains("blocks")) {
    for (const auto& [k, v] : j["blocks"].items()) b.blocks[k] = ParseBlock(k, v, where + "." + name);
  }
  return b;
}

Kind ParseKind(const nlohmann::json& j) {
  Kind k;
  k.name = j.at("kind").get<std::string>();
  k.title = j.value("title", k.name);
  k.doc = j.value("doc", "");
  k.service = j.value("service", "");
  std::string placement = j.value("placement", "regional");
  if (placement == "regional") k.placement = Placement::kRegional;
  else if (placement == "global") k.placement = Placement::kGlobal;
  else if (placement == "scope") k.placement = Placement::kScope;
  else if (placement == "meta") k.placement = Placement::kMeta;
  else throw std::runtime_error("kind " + k.name + ": unknown placement " + placement);
  k.label = j.value("label", "ident");
  if (j.contains("parents")) k.parents = j["parents"].get<std::vector<std::string>>();
  k.parent_attr = j.value("parent_attr", "");
  if (j.contains("attributes")) {
    for (const auto& [name, v] : j["attributes"].items()) k.attributes[name] = ParseAttribute(name, v, k.name);
  }
  if (j.contains("blocks")) {
    for (const auto& [name, v] : j["blocks"].items()) k.blocks[name] = ParseBlock(name, v, k.name);
  }
  k.rules = j.value("rules", false);
  if (j.contains("outputs")) k.outputs = j["outputs"].get<std::vector<std::string>>();
  if (j.contains("secret_attrs")) k.secret_attrs = j["secret_attrs"].get<std::vector<std::string>>();
  if (j.contains("sources")) k.sources = j["sources"].get<std::vector<std::string>>();
  k.raw = j;
  return k;
}

}  // namespace

std::string Type::Spelling() const {
  switch (kind) {
    case Kind::kString: return "string";
    case Kind::kNumber: return "number";
    case Kind::kInt: return "int";
    case Kind::kBool: return "bool";
    case Kind::kCidr: return "cidr";
    case Kind::kPort: return "port";
    case Kind::kAny: return "any";
    case Kind::kSecret: return "secret";
    case Kind::kList: return "list<" + element->Spelling() + ">";
    case Kind::kMap: return "map<" + element->Spelling() + ">";
    case Kind::kRef: {
      std::string out = "ref<";
      for (size_t i = 0; i < ref_kinds.size(); ++i) out += (i ? "|" : "") + ref_kinds[i];
      return out + (ref_kinds.empty() ? "*>" : ">");
    }
  }
  return "?";
}

std::string Type::Describe() const {
  switch (kind) {
    case Kind::kString: return "a string";
    case Kind::kNumber: return "a number";
    case Kind::kInt: return "a whole number";
    case Kind::kBool: return "true or false";
    case Kind::kCidr: return "a CIDR block";
    case Kind::kPort: return "a port number";
    case Kind::kAny: return "a value";
    case Kind::kSecret: return "a secret parameter";
    case Kind::kList: {
      std::string inner = element->Describe();
      // "a string" -> "strings"
      if (inner.rfind("a ", 0) == 0) inner = Plural(inner.substr(2));
      else if (inner.rfind("an ", 0) == 0) inner = Plural(inner.substr(3));
      return "a list of " + inner;
    }
    case Kind::kMap: return "a map";
    case Kind::kRef: {
      if (ref_kinds.empty()) return "a reference";
      std::string out = "a reference to ";
      for (size_t i = 0; i < ref_kinds.size(); ++i) {
        if (i) out += i + 1 == ref_kinds.size() ? " or " : ", ";
        out += WithArticle(ref_kinds[i]);
      }
      return out;
    }
  }
  return "?";
}

std::optional<Type> ParseType(const std::string& s) {
  Type t;
  auto inner = [&](const std::string& prefix) -> std::optional<std::string> {
    if (s.rfind(prefix + "<", 0) == 0 && s.back() == '>') return s.substr(prefix.size() + 1, s.size() - prefix.size() - 2);
    return std::nullopt;
  };
  if (s == "string") t.kind = Type::Kind::kString;
  else if (s == "number") t.kind = Type::Kind::kNumber;
  else if (s == "int") t.kind = Type::Kind::kInt;
  else if (s == "bool") t.kind = Type::Kind::kBool;
  else if (s == "cidr") t.kind = Type::Kind::kCidr;
  else if (s == "port") t.kind = Type::Kind::kPort;
  else if (s == "any") t.kind = Type::Kind::kAny;
  else if (s == "secret") t.kind = Type::Kind::kSecret;
  else if (auto e = inner("list")) {
    auto element = ParseType(*e);
    if (!element) return std::nullopt;
    t.kind = Type::Kind::kList;
    t.element = std::make_shared<Type>(*element);
  } else if (auto m = inner("map")) {
    auto element = ParseType(*m);
    if (!element) return std::nullopt;
    t.kind = Type::Kind::kMap;
    t.element = std::make_shared<Type>(*element);
  } else if (auto r = inner("ref")) {
    t.kind = Type::Kind::kRef;
    if (*r != "*" && *r != "any") {
      size_t start = 0;
      while (start <= r->size()) {
        size_t bar = r->find('|', start);
        std::string part = r->substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        if (part.empty()) return std::nullopt;
        t.ref_kinds.push_back(part);
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
    }
  } else {
    return std::nullopt;
  }
  return t;
}

const Attribute* Kind::FindAttribute(const std::string& attr) const {
  auto it = attributes.find(attr);
  return it == attributes.end() ? nullptr : &it->second;
}

bool Kind::HasOutput(const std::string& output) const {
  return std::find(outputs.begin(), outputs.end(), output) != outputs.end() || attributes.count(output) > 0;
}

bool Kind::MayNestIn(const std::string& parent) const {
  return std::find(parents.begin(), parents.end(), parent) != parents.end();
}

std::unique_ptr<Catalog> Catalog::FromJson(const std::vector<nlohmann::json>& kinds, const nlohmann::json& regions) {
  auto catalog = std::make_unique<Catalog>();
  for (const auto& j : kinds) {
    Kind k = ParseKind(j);
    std::string name = k.name;
    if (!catalog->kinds_.emplace(name, std::move(k)).second) throw std::runtime_error("duplicate kind " + name);
    catalog->kind_names_.push_back(name);
  }
  if (regions.contains("regions")) {
    for (const auto& r : regions["regions"]) {
      Region region;
      region.code = r.at("code").get<std::string>();
      region.name = r.value("name", "");
      if (r.contains("zones")) region.zones = r["zones"].get<std::vector<std::string>>();
      catalog->region_codes_.push_back(region.code);
      catalog->regions_[region.code] = std::move(region);
    }
  }
  // Implicit attributes: where a resource lives and how it is tracked.
  auto add = [&](const std::string& name, const std::string& type, const std::string& doc) {
    Attribute a;
    a.name = name;
    a.type = *ParseType(type);
    a.doc = doc;
    catalog->implicit_[name] = a;
  };
  add("region", "string", "the region this resource lives in, overriding the enclosing `region` block");
  add("account", "ref<account>", "the account this resource lives in, overriding the enclosing `account` block");
  add("tags", "map<string>", "tags added to the resource, on top of the organization's `default_tags`");
  add("depends_on", "list<ref<*>>", "resources to create before this one when no reference says so");
  add("description", "string", "what this resource is for; shown in docs and descriptions");
  add("suppress", "map<string>",
      "lint findings accepted here, by rule id, each with its reason: `{ T0503 = \"analysis copy, data may be "
      "lost\" }` (covers findings inside this block; `topo rules` lists the ids)");
  return catalog;
}

const Catalog& Catalog::Builtin() {
  static const std::unique_ptr<Catalog> catalog = [] {
    std::vector<nlohmann::json> kinds;
    nlohmann::json regions;
    for (const auto& f : embedded::Files()) {
      std::string path(f.path);
      if (path.rfind("stdlib/kinds/", 0) == 0 && path.size() > 5 && path.substr(path.size() - 5) == ".json") {
        kinds.push_back(nlohmann::json::parse(f.contents));
      } else if (path == "stdlib/regions.json") {
        regions = nlohmann::json::parse(f.contents);
      }
    }
    return FromJson(kinds, regions);
  }();
  return *catalog;
}

const Kind* Catalog::FindKind(const std::string& name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? nullptr : &it->second;
}

const Region* Catalog::FindRegion(const std::string& code) const {
  auto it = regions_.find(code);
  return it == regions_.end() ? nullptr : &it->second;
}

}  // namespace topo::facts
