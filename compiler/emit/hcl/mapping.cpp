#include "emit/hcl/mapping.h"

#include <algorithm>
#include <stdexcept>

#include "base/embedded.h"

namespace topo::emit::hcl {

namespace {

constexpr std::string_view kDir = "stdlib/terraform/";
constexpr std::string_view kSettings = "stdlib/terraform/terraform.json";

ArgSpec ParseArg(const std::string& attr, const OrderedJson& j, const std::string& where) {
  ArgSpec a;
  a.attr = attr;
  if (j.is_null()) {
    a.mode = ArgSpec::Mode::kStructural;
    return a;
  }
  if (j.is_string()) {
    a.arg = j.get<std::string>();
    return a;
  }
  if (!j.is_object()) throw std::runtime_error(where + ": argument `" + attr + "` must be a string, null or an object");
  if (j.contains("skip")) {
    a.mode = ArgSpec::Mode::kSkip;
    a.skip_reason = j["skip"].get<std::string>();
    return a;
  }
  a.arg = j.value("arg", "");
  if (a.arg.empty()) throw std::runtime_error(where + ": argument `" + attr + "` has no `arg`");
  a.ref_output = j.value("attr", "");
  a.transform = j.value("transform", "");
  if (j.contains("default")) {
    if (j["default"] == "label") a.default_label = true;
    else a.default_value = j["default"];
  }
  a.emit_default = j.value("emit_default", false);
  if (j.contains("omit_if")) a.omit_if = j["omit_if"];
  return a;
}

KindMap ParseKind(const std::string& key, const std::string& file, const OrderedJson& j) {
  KindMap k;
  k.key = key;
  k.file = file;
  if (j.contains("type") && j["type"].is_string()) k.type = j["type"].get<std::string>();
  k.manual = j.value("manual", "");
  k.ref = j.value("ref", "id");
  k.name_tag = j.value("name_tag", false);
  if (j.contains("tags")) {
    const auto& t = j["tags"];
    k.tags = t.is_boolean() ? (t.get<bool>() ? "map" : "none") : t.get<std::string>();
  }
  k.retain = j.value("retain", false);
  if (j.contains("arguments")) {
    for (const auto& [attr, spec] : j["arguments"].items()) k.args.push_back(ParseArg(attr, spec, key));
  }
  k.outputs = j.contains("outputs") ? j["outputs"] : OrderedJson::object();
  if (j.contains("tf_outputs")) {
    for (const auto& o : j["tf_outputs"]) {
      k.tf_outputs.push_back({o.at("output").get<std::string>(), o.value("description", ""), o.value("unless", "")});
    }
  }
  k.raw = j;
  return k;
}

}  // namespace

const ArgSpec* KindMap::FindArg(const std::string& attr) const {
  for (const auto& a : args) {
    if (a.attr == attr) return &a;
  }
  return nullptr;
}

std::unique_ptr<Mappings> Mappings::FromJson(const std::vector<OrderedJson>& kind_files, const OrderedJson& settings) {
  auto m = std::make_unique<Mappings>();
  m->settings_ = settings;
  for (const auto& f : settings.at("files")) {
    m->files_.emplace_back(f.at("name").get<std::string>(), f.value("title", ""));
  }
  for (const auto& p : settings.at("global_type_prefixes").at("prefixes")) m->global_prefixes_.push_back(p.get<std::string>());
  for (const auto& p : settings.at("global_type_prefixes").at("data_sources")) {
    m->global_data_sources_.push_back(p.get<std::string>());
  }
  for (const auto& file : kind_files) {
    std::string name = file.at("file").get<std::string>();
    for (const auto& [key, spec] : file.at("kinds").items()) {
      if (m->kinds_.count(key)) throw std::runtime_error("stdlib/terraform: kind `" + key + "` is mapped twice");
      m->kinds_[key] = ParseKind(key, name, spec);
    }
  }
  return m;
}

const Mappings& Mappings::Builtin() {
  static const std::unique_ptr<Mappings> builtin = [] {
    std::vector<OrderedJson> files;
    OrderedJson settings;
    for (const auto& f : embedded::Files()) {
      if (f.path.substr(0, kDir.size()) != kDir) continue;
      OrderedJson j = OrderedJson::parse(f.contents);
      if (f.path == kSettings) settings = std::move(j);
      else files.push_back(std::move(j));
    }
    if (settings.is_null()) throw std::runtime_error("stdlib/terraform/terraform.json is missing");
    return FromJson(files, settings);
  }();
  return *builtin;
}

const KindMap* Mappings::Find(const std::string& key) const {
  auto it = kinds_.find(key);
  return it == kinds_.end() ? nullptr : &it->second;
}

bool Mappings::IsGlobalType(const std::string& type) const {
  return std::any_of(global_prefixes_.begin(), global_prefixes_.end(),
                     [&](const std::string& p) { return type.rfind(p, 0) == 0; });
}

bool Mappings::IsGlobalDataSource(const std::string& type) const {
  return std::find(global_data_sources_.begin(), global_data_sources_.end(), type) != global_data_sources_.end();
}

}  // namespace topo::emit::hcl
