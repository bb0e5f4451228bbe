#include "passes/schema.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/cidr.h"
#include "base/strings.h"

namespace topo::passes {

namespace {

using facts::Type;
using ir::Value;

class SchemaChecker {
 public:
  SchemaChecker(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink)
      : model_(model), catalog_(catalog), sink_(sink) {}

  void Run() {
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      CheckResource(r);
    }
    for (const auto& p : model_.params) {
      if (p.has_default && !p.secret) {
        auto type = facts::ParseType(p.type);
        if (type) CheckValue(p.default_value, *type, "param." + p.name, nullptr);
      }
    }
  }

 private:
  void CheckResource(const ir::Resource& r) {
    const facts::Kind& kind = *r.schema;
    // Names given and names suggested by "did you mean" (not also reported as missing): a
    // resource has a few attributes, so lists beat sets here.
    std::vector<std::string_view> given;
    std::vector<std::string> suggested;
    for (const auto& a : r.attributes) {
      if (a.value.kind != Value::Kind::kNull || a.value.broken) given.push_back(a.name);
      const facts::Attribute* schema = kind.FindAttribute(a.name);
      if (schema == nullptr) {
        auto it = catalog_.implicit_attributes().find(a.name);
        if (it != catalog_.implicit_attributes().end()) schema = &it->second;
      }
      if (schema == nullptr) {
        suggested.push_back(ReportUnknownAttribute(a, WithArticle(kind.name), kind.attributes));
        continue;
      }
      bool secret = std::find(kind.secret_attrs.begin(), kind.secret_attrs.end(), a.name) != kind.secret_attrs.end();
      CheckAttribute(a, *schema, secret);
    }
    auto contains = [](const auto& list, const std::string& name) { return std::find(list.begin(), list.end(), name) != list.end(); };
    for (const auto* required : RequiredOf(kind)) {
      const auto& [name, attr] = *required;
      if (!contains(given, name) && !contains(suggested, name)) {
        Diagnostic& d = sink_.Report(DiagKind::kMissingAttribute, r.name_range, kind.name, r.name, name);
        d.help = fmt::format("add `{} = ...` ({}{})", name, attr.type.Describe(),
                             attr.doc.empty() ? "" : ": " + attr.doc);
      }
    }
    if (!r.blocks.empty()) CheckBlocks(r.blocks, kind.blocks, fmt::format("{} `{}`", kind.name, r.name));
    for (const auto& rule : r.rules) {
      if (rule.group != ir::kNoResource || rule.self || !rule.param.empty()) continue;
      ReportCidr(rule.cidr, rule.peer_range);
    }
  }

  // The required attributes of a kind, in the schema's order; found once per kind.
  using AttributeEntry = std::pair<const std::string, facts::Attribute>;
  const std::vector<const AttributeEntry*>& RequiredOf(const facts::Kind& kind) {
    auto [it, added] = required_.try_emplace(&kind);
    if (added) {
      for (const auto& entry : kind.attributes) {
        if (entry.second.required) it->second.push_back(&entry);
      }
    }
    return it->second;
  }
  std::unordered_map<const facts::Kind*, std::vector<const AttributeEntry*>> required_;

  void CheckBlocks(const std::vector<ir::Block>& blocks, const std::map<std::string, facts::BlockSchema>& schemas,
                   const std::string& owner) {
    std::map<std::string, const ir::Block*> first;
    for (const auto& b : blocks) {
      auto it = schemas.find(b.type);
      if (it == schemas.end()) continue;  // reported by the resolver
      const facts::BlockSchema& schema = it->second;
      if (!schema.multiple) {
        auto [seen, inserted] = first.emplace(b.type, &b);
        if (!inserted) {
          Diagnostic& d = sink_.Report(DiagKind::kRepeatedBlock, Head(b), owner, b.type);
          d.labels.push_back({Head(*seen->second), "first one here"});
        }
      }
      if (schema.label == "required" && b.label.empty()) {
        sink_.Report(DiagKind::kBadLabel, Head(b), WithArticle("`" + b.type + "`") + " block needs a name").help =
            fmt::format("write `{} NAME {{ ... }}`", b.type);
      } else if (schema.label == "none" && !b.label.empty()) {
        sink_.Report(DiagKind::kBadLabel, Head(b), WithArticle("`" + b.type + "`") + " block takes no name").help =
            fmt::format("write `{} {{ ... }}`", b.type);
      }
      std::set<std::string> given;
      for (const auto& a : b.attributes) {
        given.insert(a.name);
        auto attr = schema.attributes.find(a.name);
        if (attr == schema.attributes.end()) {
          ReportUnknownAttribute(a, WithArticle("`" + b.type + "` block"), schema.attributes);
          continue;
        }
        CheckAttribute(a, attr->second, false);
      }
      for (const auto& [name, attr] : schema.attributes) {
        if (attr.required && !given.count(name)) {
          Diagnostic& d = sink_.Report(DiagKind::kMissingAttribute, Head(b), b.type, b.label.empty() ? b.type : b.label, name);
          d.help = fmt::format("add `{} = ...` ({})", name, attr.type.Describe());
        }
      }
      for (const auto& inner : b.blocks) {
        if (!schema.blocks.count(inner.type)) {
          std::vector<std::string> names;
          for (const auto& [n, s] : schema.blocks) names.push_back(n);
          std::string close = ClosestMatch(inner.type, names);
          sink_.Report(DiagKind::kUnknownBlock, Head(inner), WithArticle("`" + b.type + "` block"), inner.type,
                       close.empty() ? std::string() : "; did you mean `" + close + "`?");
        }
      }
      CheckBlocks(b.blocks, schema.blocks, fmt::format("`{}`", b.type));
    }
  }

  // Reports an invalid CIDR block with the caret on the part that is wrong.
  void ReportCidr(const std::string& text, SourceRange range) {
    CidrError error;
    if (ParseCidr(text, error)) return;
    SourceRange at = range;
    if (error.length > 0) {
      bool quoted = range.length == text.size() + 2;
      at.offset = range.offset + (quoted ? 1 : 0) + static_cast<uint32_t>(error.offset);
      at.length = static_cast<uint32_t>(error.length);
    }
    Diagnostic& d = sink_.Report(DiagKind::kInvalidCidr, at, text, error.message);
    d.help = error.help;
  }

  static SourceRange Head(const ir::Block& b) {
    SourceRange r = b.range;
    r.length = static_cast<uint32_t>(b.type.size());
    return r;
  }

  // Returns the suggested name, if any.
  std::string ReportUnknownAttribute(const ir::Attribute& a, const std::string& owner,
                              const std::map<std::string, facts::Attribute>& known) {
    std::vector<std::string> names;
    for (const auto& [n, s] : known) names.push_back(n);
    for (const auto& [n, s] : catalog_.implicit_attributes()) names.push_back(n);
    std::string close = ClosestMatch(a.name, names);
    Diagnostic& d = sink_.Report(DiagKind::kUnknownAttribute, a.name_range, owner, a.name,
                                 close.empty() ? std::string() : "; did you mean `" + close + "`?");
    if (close.empty() && !known.empty() && known.size() <= 12) {
      std::vector<std::string> quoted;
      for (const auto& [n, s] : known) quoted.push_back("`" + n + "`");
      d.notes.push_back(owner + " takes " + Join(quoted, ", "));
    }
    return close;
  }

  // A secret parameter may only be the whole value of a secret attribute: anywhere else (a
  // plain attribute, a list, a map, a string with interpolations) it would end up in plain text
  // in Terraform state, templates or scripts.
  void CheckSecretLeaks(const Value& v, const std::string& attr, bool top) {
    switch (v.kind) {
      case Value::Kind::kParam: {
        const ir::Param* p = model_.FindParam(v.text);
        if (p != nullptr && p->secret && !top) {
          Diagnostic& d = sink_.Report(DiagKind::kSecretInPlainAttribute, v.range, p->name, attr);
          d.labels.push_back({p->range, "declared secret here"});
          d.help = "pass secrets only to attributes that hold secrets (passwords, secret values), e.g. through a "
                   "`secret` resource that other resources read";
        }
        return;
      }
      case Value::Kind::kList:
      case Value::Kind::kTemplate:
        for (const auto& item : v.items) CheckSecretLeaks(item, attr, false);
        return;
      case Value::Kind::kMap:
        for (const auto& [k, item] : v.entries) CheckSecretLeaks(item, attr, false);
        return;
      default:
        return;
    }
  }

  void CheckAttribute(const ir::Attribute& a, const facts::Attribute& schema, bool secret) {
    const Value& v = a.value;
    CheckSecretLeaks(v, a.name, secret || schema.type.kind == Type::Kind::kSecret);
    if (secret || schema.type.kind == Type::Kind::kSecret) {
      if (v.kind == Value::Kind::kString || v.kind == Value::Kind::kNumber || v.kind == Value::Kind::kTemplate) {
        Diagnostic& d = sink_.Report(DiagKind::kSecretLiteral, v.range, a.name);
        d.help = "declare `param NAME : secret` and write `" + a.name + " = param.NAME`";
        return;
      }
      if (v.kind == Value::Kind::kParam) {
        const ir::Param* p = model_.FindParam(v.text);
        if (p != nullptr && !p->secret) {
          Diagnostic& d = sink_.Report(DiagKind::kWrongType, v.range, a.name, "a secret parameter",
                                       fmt::format("parameter `{}` of type {}", p->name, p->type));
          d.labels.push_back({p->range, "declared here"});
          d.help = fmt::format("declare it as `param {} : secret`", p->name);
        }
        return;
      }
      if (schema.type.kind == Type::Kind::kSecret) {
        if (v.kind == Value::Kind::kRef) return;  // e.g. a Secrets Manager secret's value
        sink_.Report(DiagKind::kWrongType, v.range, a.name, "a secret parameter", Describe(v));
        return;
      }
    }
    CheckValue(v, schema.type, a.name, &schema);
  }

  void CheckValue(const Value& v, const Type& type, const std::string& name, const facts::Attribute* schema) {
    if (v.broken) return;  // reported where it failed to resolve
    if (v.kind == Value::Kind::kNull || type.kind == Type::Kind::kAny) {
      if (type.kind == Type::Kind::kAny) CheckAnyRefs(v);
      return;
    }
    if (v.kind == Value::Kind::kParam) return CheckParam(v, type, name);
    // A read of another resource's attribute is a value known at deploy time.
    if (v.kind == Value::Kind::kRef && !v.path.empty()) {
      if (type.kind == Type::Kind::kRef || type.kind == Type::Kind::kList || type.kind == Type::Kind::kMap ||
          type.kind == Type::Kind::kBool) {
        Mismatch(v, type, name);
      }
      return;
    }
    // A string with interpolations is a string known at deploy time.
    if (v.kind == Value::Kind::kTemplate) {
      if (type.kind != Type::Kind::kString) Mismatch(v, type, name);
      return;
    }
    switch (type.kind) {
      case Type::Kind::kString:
        if (v.kind != Value::Kind::kString || v.is_cidr_literal) return Mismatch(v, type, name);
        if (schema != nullptr) CheckAllowed(v, *schema, name);
        return;
      case Type::Kind::kSecret:
        return Mismatch(v, type, name);
      case Type::Kind::kNumber:
      case Type::Kind::kInt:
      case Type::Kind::kPort: {
        if (v.kind != Value::Kind::kNumber) return Mismatch(v, type, name);
        bool whole = std::floor(v.number) == v.number;
        if (type.kind != Type::Kind::kNumber && !whole) return Mismatch(v, type, name);
        double lo = type.kind == Type::Kind::kPort ? 0 : -1e300, hi = type.kind == Type::Kind::kPort ? 65535 : 1e300;
        if (schema != nullptr && schema->min) lo = *schema->min;
        if (schema != nullptr && schema->max) hi = *schema->max;
        if (v.number < lo || v.number > hi) {
          std::string bounds = type.kind == Type::Kind::kPort && !(schema && (schema->min || schema->max))
                                   ? "a port from 0 to 65535"
                                   : fmt::format("between {} and {}", lo, hi);
          if (lo == -1e300) bounds = fmt::format("at most {}", hi);
          if (hi == 1e300) bounds = fmt::format("at least {}", lo);
          sink_.Report(DiagKind::kNumberOutOfRange, v.range, name, bounds, v.text);
        }
        if (schema != nullptr) CheckAllowed(v, *schema, name);
        return;
      }
      case Type::Kind::kBool:
        if (v.kind != Value::Kind::kBool) return Mismatch(v, type, name);
        return;
      case Type::Kind::kCidr: {
        if (v.kind != Value::Kind::kString) return Mismatch(v, type, name);
        ReportCidr(v.text, v.range);
        return;
      }
      case Type::Kind::kList:
        if (v.kind != Value::Kind::kList) return Mismatch(v, type, name);
        for (const auto& item : v.items) CheckValue(item, *type.element, name, nullptr);
        if (schema != nullptr && !schema->values.empty()) {
          for (const auto& item : v.items) CheckAllowed(item, *schema, name);
        }
        return;
      case Type::Kind::kMap:
        if (v.kind != Value::Kind::kMap) return Mismatch(v, type, name);
        for (const auto& [k, item] : v.entries) CheckValue(item, *type.element, name, nullptr);
        return;
      case Type::Kind::kRef: {
        if (v.kind != Value::Kind::kRef) return Mismatch(v, type, name);
        const ir::Resource& target = model_.at(v.target);
        if (!type.ref_kinds.empty() &&
            std::find(type.ref_kinds.begin(), type.ref_kinds.end(), target.kind) == type.ref_kinds.end()) {
          Diagnostic& d = sink_.Report(DiagKind::kWrongReferenceKind, v.range, name, type.Describe(),
                                       target.kind + "." + target.name, WithArticle(target.kind));
          d.labels.push_back({target.name_range, "declared here"});
        }
        return;
      }
      case Type::Kind::kAny:
        return;
    }
  }

  void CheckAnyRefs(const Value& v) { (void)v; }

  void CheckParam(const Value& v, const Type& type, const std::string& name) {
    const ir::Param* p = model_.FindParam(v.text);
    if (p == nullptr) return;
    auto param_type = facts::ParseType(p->type);
    if (!param_type) return;
    auto base = [](const Type& t) {
      switch (t.kind) {
        case Type::Kind::kInt:
        case Type::Kind::kPort:
        case Type::Kind::kNumber: return 1;
        case Type::Kind::kCidr:
        case Type::Kind::kString:
        case Type::Kind::kSecret: return 2;
        case Type::Kind::kBool: return 3;
        case Type::Kind::kList: return 4;
        case Type::Kind::kMap: return 5;
        case Type::Kind::kRef: return 6;
        case Type::Kind::kAny: return 0;
      }
      return 0;
    };
    int want = base(type), have = base(*param_type);
    if (want == 0 || have == 0 || want == have) return;
    sink_.Report(DiagKind::kWrongType, v.range, name, type.Describe(),
                 fmt::format("parameter `{}` of type {}", p->name, p->type));
  }

  void CheckAllowed(const Value& v, const facts::Attribute& schema, const std::string& name) {
    if (schema.values.empty()) return;
    std::string text = v.kind == Value::Kind::kString ? v.text : v.text;
    if (std::find(schema.values.begin(), schema.values.end(), text) != schema.values.end()) return;
    std::string close = ClosestMatch(text, schema.values);
    std::vector<std::string> quoted;
    for (const auto& value : schema.values) quoted.push_back("\"" + value + "\"");
    Diagnostic& d = sink_.Report(DiagKind::kValueNotAllowed, v.range, name,
                                 v.kind == Value::Kind::kString ? "\"" + text + "\"" : text,
                                 close.empty() ? std::string() : "; did you mean \"" + close + "\"?");
    if (quoted.size() <= 16) d.notes.push_back("allowed values: " + Join(quoted, ", "));
  }

  std::string Describe(const Value& v) const {
    switch (v.kind) {
      case Value::Kind::kNull: return "null";
      case Value::Kind::kBool: return v.boolean ? "`true`" : "`false`";
      case Value::Kind::kNumber: return "the number " + v.text;
      case Value::Kind::kString: return v.is_cidr_literal ? "the CIDR block " + v.text : "a string";
      case Value::Kind::kList: return "a list";
      case Value::Kind::kMap: return "a map";
      case Value::Kind::kRef: {
        const ir::Resource& t = model_.at(v.target);
        if (!v.path.empty()) return fmt::format("attribute `{}` of {} `{}`", Join(v.path, "."), t.kind, t.name);
        return fmt::format("a reference to {} `{}`", t.kind, t.name);
      }
      case Value::Kind::kParam: return "parameter `" + v.text + "`";
      case Value::Kind::kTemplate: return "a string with interpolations";
    }
    return "a value";
  }

  void Mismatch(const Value& v, const Type& type, const std::string& name) {
    Diagnostic& d = sink_.Report(DiagKind::kWrongType, v.range, name, type.Describe(), Describe(v));
    if (type.kind == Type::Kind::kString && v.kind == Value::Kind::kNumber) d.help = "quote it: \"" + v.text + "\"";
    if (type.kind == Type::Kind::kList && v.kind != Value::Kind::kList) d.help = "wrap it in a list: [ ... ]";
    if (type.kind == Type::Kind::kRef && v.kind == Value::Kind::kString && !type.ref_kinds.empty()) {
      d.help = fmt::format("refer to the resource by name, e.g. `{}.NAME`", type.ref_kinds.front());
    }
    if (type.kind == Type::Kind::kBool && v.kind == Value::Kind::kString && (v.text == "true" || v.text == "false")) {
      d.help = "write it without quotes: " + v.text;
    }
  }

  const ir::Model& model_;
  const facts::Catalog& catalog_;
  DiagSink& sink_;
};

}  // namespace

void CheckSchema(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink) {
  SchemaChecker(model, catalog, sink).Run();
}

}  // namespace topo::passes
