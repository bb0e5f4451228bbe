#include "facts/services.h"

#include "base/embedded.h"

namespace topo::facts {

namespace {

RegionalOffer ParseOffer(const std::string& id, const nlohmann::json& j) {
  RegionalOffer o;
  o.id = id;
  o.title = j.value("title", id);
  o.rule = j.value("rule", "T0308");
  for (const auto& r : j.at("regions")) o.regions.insert(r.get<std::string>());
  if (j.contains("sources")) o.sources = j["sources"].get<std::vector<std::string>>();
  return o;
}

}  // namespace

std::unique_ptr<ServiceFacts> ServiceFacts::FromJson(const nlohmann::json& services, const nlohmann::json& lifecycle) {
  auto facts = std::make_unique<ServiceFacts>();
  if (services.contains("services")) {
    for (const auto& [id, j] : services["services"].items()) facts->services_[id] = ParseOffer(id, j);
  }
  if (services.contains("features")) {
    for (const auto& [id, j] : services["features"].items()) facts->features_[id] = ParseOffer(id, j);
  }
  if (services.contains("cross_region_references")) {
    for (const auto& a : services["cross_region_references"].value("allowed", nlohmann::json::array())) {
      facts->cross_region_allowed_.insert(a.at("attribute").get<std::string>());
    }
  }
  if (lifecycle.contains("end_of_support")) {
    for (const auto& j : lifecycle["end_of_support"]) {
      EndOfSupport e;
      e.id = j.at("id").get<std::string>();
      e.title = j.at("title").get<std::string>();
      e.kind = j.at("kind").get<std::string>();
      if (j.contains("when")) e.when = j["when"].get<std::map<std::string, std::string>>();
      e.no_new_from = j.value("no_new_from", "");
      e.end = j.at("end").get<std::string>();
      e.replacement = j.value("replacement", "");
      e.facts = j.value("facts", "");
      if (j.contains("sources")) e.sources = j["sources"].get<std::vector<std::string>>();
      facts->end_of_support_.push_back(std::move(e));
    }
  }
  if (lifecycle.contains("manual_kinds")) {
    for (const auto& j : lifecycle["manual_kinds"]) {
      ManualKind m;
      m.kind = j.at("kind").get<std::string>();
      m.why = j.value("why", "");
      if (j.contains("sources")) m.sources = j["sources"].get<std::vector<std::string>>();
      facts->manual_kinds_[m.kind] = std::move(m);
    }
  }
  return facts;
}

const ServiceFacts& ServiceFacts::Builtin() {
  static const std::unique_ptr<ServiceFacts> facts = [] {
    nlohmann::json services = nlohmann::json::object(), lifecycle = nlohmann::json::object();
    for (const auto& f : embedded::Files()) {
      if (f.path == "stdlib/services.json") services = nlohmann::json::parse(f.contents);
      if (f.path == "stdlib/lifecycle.json") lifecycle = nlohmann::json::parse(f.contents);
    }
    return FromJson(services, lifecycle);
  }();
  return *facts;
}

const RegionalOffer* ServiceFacts::Service(const std::string& service) const {
  auto it = services_.find(service);
  return it == services_.end() ? nullptr : &it->second;
}

const RegionalOffer* ServiceFacts::Feature(const std::string& feature) const {
  auto it = features_.find(feature);
  return it == features_.end() ? nullptr : &it->second;
}

bool ServiceFacts::CrossRegionAllowed(const std::string& kind_attribute) const {
  return cross_region_allowed_.count(kind_attribute) > 0;
}

const ManualKind* ServiceFacts::FindManualKind(const std::string& kind) const {
  auto it = manual_kinds_.find(kind);
  return it == manual_kinds_.end() ? nullptr : &it->second;
}

}  // namespace topo::facts
