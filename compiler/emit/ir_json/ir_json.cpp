#include "emit/ir_json/ir_json.h"

#include <cmath>

#include "emit/json_out.h"

namespace topo::emit {

namespace {

// The members of an object whose keys come from the source (attributes, map entries): a key
// written twice keeps its first place and takes its last value, as a JSON object would.
template <typename T, typename KeyOf>
std::vector<const T*> Members(const std::vector<T>& items, KeyOf key_of) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const auto& item : items) {
    bool replaced = false;
    for (auto& existing : out) {
      if (key_of(*existing) == key_of(item)) {
        existing = &item;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(&item);
  }
  return out;
}

class Writer {
 public:
  Writer(const ir::Model& model, const SourceManager& sources)
      : model_(model), sources_(sources), out_(model.resources.size() * 700 + 4096) {}

  void Value(const ir::Value& v) {
    switch (v.kind) {
      case ir::Value::Kind::kNull: out_.Null(); return;
      case ir::Value::Kind::kBool: out_.Bool(v.boolean); return;
      case ir::Value::Kind::kNumber:
        if (v.number == static_cast<double>(static_cast<long long>(v.number)) && std::abs(v.number) < 1e15) {
          out_.Integer(static_cast<long long>(v.number));
        } else {
          out_.Double(v.number);
        }
        return;
      case ir::Value::Kind::kString: out_.String(v.text); return;
      case ir::Value::Kind::kList:
        out_.BeginArray();
        for (const auto& item : v.items) {
          out_.Element();
          Value(item);
        }
        out_.EndArray();
        return;
      case ir::Value::Kind::kMap:
        out_.BeginObject();
        for (const auto* entry : Members(v.entries, [](const auto& e) -> const std::string& { return e.first; })) {
          out_.Key(entry->first);
          Value(entry->second);
        }
        out_.EndObject();
        return;
      case ir::Value::Kind::kRef: {
        out_.BeginObject();
        out_.Key("ref");
        out_.String(model_.DisplayName(v.target));
        if (!v.path.empty()) {
          std::string path;
          for (size_t i = 0; i < v.path.size(); ++i) path += (i ? "." : "") + v.path[i];
          out_.Key("attr");
          out_.String(path);
        }
        out_.EndObject();
        return;
      }
      case ir::Value::Kind::kParam:
        out_.BeginObject();
        out_.Key("param");
        out_.String(v.text);
        out_.EndObject();
        return;
      case ir::Value::Kind::kTemplate:
        out_.BeginObject();
        out_.Key("template");
        out_.BeginArray();
        for (const auto& part : v.items) {
          out_.Element();
          Value(part);
        }
        out_.EndArray();
        out_.EndObject();
        return;
    }
    out_.Null();
  }

  void Attributes(const std::vector<ir::Attribute>& attributes) {
    out_.BeginObject();
    for (const auto* a : Members(attributes, [](const ir::Attribute& a) -> const std::string& { return a.name; })) {
      if (a->name == "region" || a->name == "account") continue;  // become fields
      out_.Key(a->name);
      Value(a->value);
    }
    out_.EndObject();
  }

  void Blocks(const std::vector<ir::Block>& blocks) {
    out_.BeginArray();
    for (const auto& b : blocks) {
      out_.Element();
      out_.BeginObject();
      out_.Key("type");
      out_.String(b.type);
      if (!b.label.empty()) {
        out_.Key("label");
        out_.String(b.label);
      }
      out_.Key("attributes");
      Attributes(b.attributes);
      if (!b.blocks.empty()) {
        out_.Key("blocks");
        Blocks(b.blocks);
      }
      out_.EndObject();
    }
    out_.EndArray();
  }

  void Rule(const ir::Rule& r) {
    out_.BeginObject();
    out_.Key("direction");
    out_.String(r.direction == ir::Rule::Direction::kIngress ? "ingress" : "egress");
    out_.Key("protocol");
    out_.String(r.protocol);
    if (r.from_port >= 0) {
      out_.Key("from_port");
      out_.Integer(r.from_port);
      out_.Key("to_port");
      out_.Integer(r.to_port);
    }
    out_.Key("peer");
    if (r.self) {
      out_.String("self");
    } else if (!r.param.empty() || r.group != ir::kNoResource) {
      out_.BeginObject();
      out_.Key(r.param.empty() ? "ref" : "param");
      out_.String(r.param.empty() ? model_.DisplayName(r.group) : r.param);
      out_.EndObject();
    } else {
      out_.String(r.cidr);
    }
    if (!r.description.empty()) {
      out_.Key("description");
      out_.String(r.description);
    }
    out_.EndObject();
  }

  std::string Run() {
    out_.BeginObject();
    out_.Key("format");
    out_.String("topo-ir");
    out_.Key("version");
    out_.Integer(1);
    out_.Key("organization");
    out_.String(model_.organization);
    out_.Key("default_region");
    out_.String(model_.default_region);
    out_.Key("default_account");
    if (model_.default_account == ir::kNoResource) {
      out_.Null();
    } else {
      out_.String(model_.at(model_.default_account).name);
    }
    out_.Key("regions");
    out_.BeginObject();
    for (const auto& [code, use] : model_.regions) {
      out_.Key(code);
      if (use.reason.empty()) {
        out_.Null();
      } else {
        out_.String(use.reason);
      }
    }
    out_.EndObject();
    out_.Key("params");
    out_.BeginArray();
    for (const auto& p : model_.params) {
      out_.Element();
      out_.BeginObject();
      out_.Key("name");
      out_.String(p.name);
      out_.Key("type");
      out_.String(p.type);
      out_.Key("secret");
      out_.Bool(p.secret);
      if (p.has_default && !p.secret) {
        out_.Key("default");
        Value(p.default_value);
      }
      if (!p.description.empty()) {
        out_.Key("description");
        out_.String(p.description);
      }
      out_.EndObject();
    }
    out_.EndArray();
    out_.Key("resources");
    out_.BeginArray();
    for (const auto& r : model_.resources) {
      out_.Element();
      out_.BeginObject();
      out_.Key("id");
      out_.String(model_.DisplayName(r.id));
      out_.Key("kind");
      out_.String(r.kind);
      out_.Key("name");
      out_.String(r.name);
      out_.Key("account");
      if (r.account == ir::kNoResource) {
        out_.Null();
      } else {
        out_.String(model_.at(r.account).name);
      }
      bool placed = r.schema != nullptr && (r.schema->placement == facts::Placement::kRegional ||
                                            r.schema->placement == facts::Placement::kGlobal);
      out_.Key("region");
      if (!r.region.empty()) {
        out_.String(r.region);
      } else if (placed) {
        out_.String("global");
      } else {
        out_.Null();
      }
      if (r.parent != ir::kNoResource) {
        out_.Key("parent");
        out_.String(model_.DisplayName(r.parent));
      }
      out_.Key("source");
      out_.String(r.name_range.valid() ? sources_.Describe(r.name_range) : "");
      out_.Key("attributes");
      Attributes(r.attributes);
      if (!r.blocks.empty()) {
        out_.Key("blocks");
        Blocks(r.blocks);
      }
      if (!r.rules.empty()) {
        out_.Key("rules");
        out_.BeginArray();
        for (const auto& rule : r.rules) {
          out_.Element();
          Rule(rule);
        }
        out_.EndArray();
      }
      out_.EndObject();
    }
    out_.EndArray();
    out_.Key("edges");
    out_.BeginArray();
    for (const auto& e : model_.edges) {
      out_.Element();
      out_.BeginObject();
      out_.Key("from");
      out_.String(model_.DisplayName(e.from));
      out_.Key("to");
      out_.String(model_.DisplayName(e.to));
      out_.Key("via");
      out_.String(e.via);
      out_.EndObject();
    }
    out_.EndArray();
    out_.EndObject();
    std::string text = out_.Take();
    text += '\n';
    return text;
  }

 private:
  const ir::Model& model_;
  const SourceManager& sources_;
  JsonOut out_;
};

}  // namespace

std::string EmitIrJson(const ir::Model& model, const SourceManager& sources) { return Writer(model, sources).Run(); }

}  // namespace topo::emit
