#include "facts/rules.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "base/embedded.h"

namespace topo::facts {

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  if (name == "note") return Severity::kNote;
  return std::nullopt;
}

std::unique_ptr<RuleCatalog> RuleCatalog::FromJson(const std::vector<nlohmann::json>& groups) {
  auto catalog = std::make_unique<RuleCatalog>();
  std::set<std::string> seen;
  for (const auto& g : groups) {
    RuleGroup group{g.at("group").get<std::string>(), g.value("title", "")};
    for (const auto& j : g.at("rules")) {
      Rule r;
      r.id = j.at("id").get<std::string>();
      r.name = j.at("name").get<std::string>();
      r.group = group.name;
      auto severity = ParseSeverity(j.at("severity").get<std::string>());
      if (!severity) throw std::runtime_error("rule " + r.id + ": unknown severity");
      r.severity = *severity;
      r.summary = j.at("summary").get<std::string>();
      r.explanation = j.at("explanation").get<std::string>();
      r.help = j.value("help", "");
      if (j.contains("sources")) r.sources = j["sources"].get<std::vector<std::string>>();
      r.configurable = j.value("configurable", true);
      if (!seen.insert(r.id).second) throw std::runtime_error("rule " + r.id + " is listed twice");
      catalog->rules_.push_back(std::move(r));
    }
    catalog->groups_.push_back(std::move(group));
  }
  std::sort(catalog->rules_.begin(), catalog->rules_.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  return catalog;
}

const RuleCatalog& RuleCatalog::Builtin() {
  static const std::unique_ptr<RuleCatalog> catalog = [] {
    std::vector<nlohmann::json> groups;
    for (const auto& f : embedded::Files()) {
      std::string path(f.path);
      if (path.rfind("stdlib/rules/", 0) == 0 && path.size() > 5 && path.substr(path.size() - 5) == ".json") {
        groups.push_back(nlohmann::json::parse(f.contents));
      }
    }
    // Group order: as the checks run (files are embedded sorted by name).
    const std::vector<std::string> order = {"placement", "network", "security", "reliability"};
    std::stable_sort(groups.begin(), groups.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
      auto rank = [&](const nlohmann::json& g) {
        auto it = std::find(order.begin(), order.end(), g.value("group", ""));
        return it - order.begin();
      };
      return rank(a) < rank(b);
    });
    return FromJson(groups);
  }();
  return *catalog;
}

const Rule* RuleCatalog::Find(std::string_view id) const {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), id, [](const Rule& r, std::string_view v) { return r.id < v; });
  return it != rules_.end() && it->id == id ? &*it : nullptr;
}

bool LintConfig::Disabled(const std::string& id) const {
  auto it = rules.find(id);
  return it != rules.end() && !it->second.has_value();
}

std::optional<LintConfig> ParseLintConfig(const std::string& text, const RuleCatalog& catalog, std::string& error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    error = "not valid JSON";
    return std::nullopt;
  }
  if (!j.is_object()) {
    error = "expected a JSON object like {\"rules\": {\"T0505\": \"off\"}}";
    return std::nullopt;
  }
  LintConfig config;
  for (const auto& [key, value] : j.items()) {
    if (key == "$schema" || key == "description") continue;
    if (key != "rules") {
      error = "unknown setting `" + key + "`; topo.json takes `rules`";
      return std::nullopt;
    }
    if (!value.is_object()) {
      error = "`rules` must map rule ids to \"error\", \"warning\", \"note\" or \"off\"";
      return std::nullopt;
    }
    for (const auto& [id, setting] : value.items()) {
      const Rule* rule = catalog.Find(id);
      if (rule == nullptr) {
        error = "no rule `" + id + "`; `topo rules` lists them";
        return std::nullopt;
      }
      if (!rule->configurable) {
        error = "rule `" + id + "` cannot be configured";
        return std::nullopt;
      }
      std::string name = setting.is_string() ? setting.get<std::string>() : "";
      if (name == "off") {
        config.rules[id] = std::nullopt;
        continue;
      }
      auto severity = ParseSeverity(name);
      if (!severity) {
        error = "rule `" + id + "`: expected \"error\", \"warning\", \"note\" or \"off\", found " + setting.dump();
        return std::nullopt;
      }
      config.rules[id] = *severity;
    }
  }
  return config;
}

}  // namespace topo::facts
