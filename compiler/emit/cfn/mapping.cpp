#include "emit/cfn/mapping.h"

#include <stdexcept>

#include "base/embedded.h"

namespace topo::emit::cfn {

namespace {

constexpr std::string_view kPrefix = "stdlib/cloudformation/kinds/";

PropertyMap ParseProperty(const std::string& attribute, const Json& j, const std::string& where) {
  PropertyMap p;
  p.attribute = attribute;
  if (j.is_string()) {
    p.path = j.get<std::string>();
    return p;
  }
  if (!j.is_object() || !j.contains("property")) throw std::runtime_error(where + ": property `" + attribute + "` needs `property`");
  p.path = j["property"].get<std::string>();
  p.output = j.value("output", "id");
  if (j.contains("map")) {
    for (const auto& [k, v] : j["map"].items()) p.values[k] = v.get<std::string>();
  }
  p.label_default = j.value("default", "") == "label";
  return p;
}

OutputMap ParseOutput(const Json& j) {
  OutputMap o;
  if (j.is_null()) return o;
  if (j.is_object() && j.contains("attr")) {
    o.kind = OutputMap::Kind::kAttr;
    o.name = j["attr"].get<std::string>();
    if (j.contains("default")) o.fallback = j["default"];
    return o;
  }
  if (j.is_object() && j.contains("code")) {
    o.kind = OutputMap::Kind::kCode;
    o.name = j["code"].get<std::string>();
    return o;
  }
  o.kind = OutputMap::Kind::kExpr;
  if (j.is_object() && j.contains("expr")) {
    o.expr = j["expr"];
    o.list = j.value("list", false);
  } else {
    o.expr = j;
  }
  return o;
}

KindMap ParseKind(const Json& j, const std::string& where) {
  KindMap k;
  k.kind = j.at("kind").get<std::string>();
  k.type = j.value("type", "");
  k.manual = j.value("manual", "");
  k.meta = j.value("meta", "");
  if (j.contains("properties")) {
    for (const auto& [attr, spec] : j["properties"].items()) k.properties.push_back(ParseProperty(attr, spec, where));
  }
  k.description_property = j.value("description", "");
  if (j.contains("code")) {
    for (const auto& c : j["code"]) k.code.insert(c.get<std::string>());
  }
  if (j.contains("ignored")) {
    for (const auto& [a, why] : j["ignored"].items()) k.ignored[a] = why.get<std::string>();
  }
  if (j.contains("unsupported")) {
    for (const auto& [a, why] : j["unsupported"].items()) k.unsupported[a] = why.get<std::string>();
  }
  if (j.contains("outputs")) {
    for (const auto& [name, spec] : j["outputs"].items()) k.outputs[name] = ParseOutput(spec);
  }
  k.deletion = j.value("deletion", "");
  k.tags = j.value("tags", "none");
  k.name_tag = j.value("name_tag", false);
  if (j.contains("sources")) k.sources = j["sources"].get<std::vector<std::string>>();
  if (j.contains("tables")) {
    for (const auto& [name, table] : j["tables"].items()) {
      for (const auto& [key, value] : table.items()) k.tables[name][key] = value.get<std::string>();
    }
  }
  if (k.type.empty() && k.manual.empty() && k.meta.empty()) {
    throw std::runtime_error(where + ": needs `type`, `manual` or `meta`");
  }
  return k;
}

}  // namespace

Mappings Mappings::FromJson(const std::vector<Json>& documents) {
  Mappings m;
  for (const auto& d : documents) {
    KindMap k = ParseKind(d, d.value("kind", "?"));
    m.kinds_[k.kind] = std::move(k);
  }
  return m;
}

const Mappings& Mappings::Builtin() {
  static const Mappings mappings = [] {
    std::vector<Json> documents;
    for (const auto& f : embedded::Files()) {
      if (f.path.substr(0, kPrefix.size()) != kPrefix) continue;
      documents.push_back(Json::parse(f.contents));
    }
    return FromJson(documents);
  }();
  return mappings;
}

const KindMap* Mappings::Find(const std::string& kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : &it->second;
}

}  // namespace topo::emit::cfn
