#include "emit/ir_json/ir_json.h"

#include <nlohmann/json.hpp>

namespace topo::emit {

namespace {

using Json = nlohmann::ordered_json;

class Writer {
 public:
  Writer(const ir::Model& model, const SourceManager& sources) : model_(model), sources_(sources) {}

  Json Value(const ir::Value& v) const {
    switch (v.kind) {
      case ir::Value::Kind::kNull: return nullptr;
      case ir::Value::Kind::kBool: return v.boolean;
      case ir::Value::Kind::kNumber: {
        if (v.number == static_cast<double>(static_cast<long long>(v.number)) && std::abs(v.number) < 1e15) {
          return static_cast<long long>(v.number);
        }
        return v.number;
      }
      case ir::Value::Kind::kString: return v.text;
      case ir::Value::Kind::kList: {
        Json out = Json::array();
        for (const auto& item : v.items) out.push_back(Value(item));
        return out;
      }
      case ir::Value::Kind::kMap: {
        Json out = Json::object();
        for (const auto& [k, item] : v.entries) out[k] = Value(item);
        return out;
      }
      case ir::Value::Kind::kRef: {
        Json out = Json::object();
        out["ref"] = model_.DisplayName(v.target);
        if (!v.path.empty()) {
          std::string path;
          for (size_t i = 0; i < v.path.size(); ++i) path += (i ? "." : "") + v.path[i];
          out["attr"] = path;
        }
        return out;
      }
      case ir::Value::Kind::kParam: return Json{{"param", v.text}};
      case ir::Value::Kind::kTemplate: {
        Json parts = Json::array();
        for (const auto& part : v.items) parts.push_back(Value(part));
        return Json{{"template", std::move(parts)}};
      }
    }
    return nullptr;
  }

  Json Attributes(const std::vector<ir::Attribute>& attributes) const {
    Json out = Json::object();
    for (const auto& a : attributes) {
      if (a.name == "region" || a.name == "account") continue;  // become fields
      out[a.name] = Value(a.value);
    }
    return out;
  }

  Json Blocks(const std::vector<ir::Block>& blocks) const {
    Json out = Json::array();
    for (const auto& b : blocks) {
      Json j = Json::object();
      j["type"] = b.type;
      if (!b.label.empty()) j["label"] = b.label;
      j["attributes"] = Attributes(b.attributes);
      if (!b.blocks.empty()) j["blocks"] = Blocks(b.blocks);
      out.push_back(std::move(j));
    }
    return out;
  }

  Json Rule(const ir::Rule& r) const {
    Json j = Json::object();
    j["direction"] = r.direction == ir::Rule::Direction::kIngress ? "ingress" : "egress";
    j["protocol"] = r.protocol;
    if (r.from_port >= 0) {
      j["from_port"] = r.from_port;
      j["to_port"] = r.to_port;
    }
    if (r.self) j["peer"] = "self";
    else if (!r.param.empty()) j["peer"] = Json{{"param", r.param}};
    else if (r.group != ir::kNoResource) j["peer"] = Json{{"ref", model_.DisplayName(r.group)}};
    else j["peer"] = r.cidr;
    if (!r.description.empty()) j["description"] = r.description;
    return j;
  }

  std::string Run() const {
    Json root = Json::object();
    root["format"] = "topo-ir";
    root["version"] = 1;
    root["organization"] = model_.organization;
    root["default_region"] = model_.default_region;
    root["default_account"] =
        model_.default_account == ir::kNoResource ? Json(nullptr) : Json(model_.at(model_.default_account).name);
    Json regions = Json::object();
    for (const auto& [code, use] : model_.regions) {
      regions[code] = use.reason.empty() ? Json(nullptr) : Json(use.reason);
    }
    root["regions"] = std::move(regions);
    Json params = Json::array();
    for (const auto& p : model_.params) {
      Json j = Json::object();
      j["name"] = p.name;
      j["type"] = p.type;
      j["secret"] = p.secret;
      if (p.has_default && !p.secret) j["default"] = Value(p.default_value);
      if (!p.description.empty()) j["description"] = p.description;
      params.push_back(std::move(j));
    }
    root["params"] = std::move(params);
    Json resources = Json::array();
    for (const auto& r : model_.resources) {
      Json j = Json::object();
      j["id"] = model_.DisplayName(r.id);
      j["kind"] = r.kind;
      j["name"] = r.name;
      j["account"] = r.account == ir::kNoResource ? Json(nullptr) : Json(model_.at(r.account).name);
      bool placed = r.schema != nullptr && (r.schema->placement == facts::Placement::kRegional ||
                                            r.schema->placement == facts::Placement::kGlobal);
      j["region"] = r.region.empty() ? (placed ? Json("global") : Json(nullptr)) : Json(r.region);
      if (r.parent != ir::kNoResource) j["parent"] = model_.DisplayName(r.parent);
      j["source"] = Source(r.name_range);
      j["attributes"] = Attributes(r.attributes);
      if (!r.blocks.empty()) j["blocks"] = Blocks(r.blocks);
      if (!r.rules.empty()) {
        Json rules = Json::array();
        for (const auto& rule : r.rules) rules.push_back(Rule(rule));
        j["rules"] = std::move(rules);
      }
      resources.push_back(std::move(j));
    }
    root["resources"] = std::move(resources);
    Json edges = Json::array();
    for (const auto& e : model_.edges) {
      edges.push_back(Json{{"from", model_.DisplayName(e.from)}, {"to", model_.DisplayName(e.to)}, {"via", e.via}});
    }
    root["edges"] = std::move(edges);
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }

  std::string Source(const SourceRange& range) const {
    if (!range.valid()) return "";
    return sources_.Describe(range);
  }

 private:
  const ir::Model& model_;
  const SourceManager& sources_;
};

}  // namespace

std::string EmitIrJson(const ir::Model& model, const SourceManager& sources) { return Writer(model, sources).Run(); }

}  // namespace topo::emit
