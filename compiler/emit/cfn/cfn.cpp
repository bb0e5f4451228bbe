#include "emit/cfn/cfn.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <unordered_map>

#include "base/strings.h"
#include "emit/cfn/emitter.h"
#include "emit/cfn/plan.h"
#include "emit/json_out.h"

namespace topo::emit {

OutputFiles EmitCfn(const EmitContext& context, DiagSink& sink) {
  cfn::Emitter emitter(context, sink);
  return emitter.Run();
}

}  // namespace topo::emit

namespace topo::emit::cfn {

namespace {

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/format-version-structure.html
constexpr const char* kFormatVersion = "2010-09-09";
// Templates passed inline to `aws cloudformation deploy` may be at most 51,200 bytes; larger ones
// go through an S3 bucket (--s3-bucket).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
constexpr size_t kInlineTemplateBytes = 51200;

std::string Dump(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// The placeholders of emitter.h, told apart by their one key. Every pass over a unit's tree asks
// this of each object, so it looks at the key once instead of searching for each kind's.
enum class Placeholder { kNone, kOut, kUnit, kParam, kInput, kAccount, kDep, kSecretWriter };

Placeholder PlaceholderOf(const Json& j) {
  if (!j.is_object() || j.size() != 1) return Placeholder::kNone;
  std::string_view key = j.begin().key();
  constexpr std::string_view kPrefix = "$topo:";
  if (key.substr(0, kPrefix.size()) != kPrefix) return Placeholder::kNone;
  key.remove_prefix(kPrefix.size());
  if (key == "unit") return Placeholder::kUnit;
  if (key == "out") return Placeholder::kOut;
  if (key == "param") return Placeholder::kParam;
  if (key == "input") return Placeholder::kInput;
  if (key == "account") return Placeholder::kAccount;
  if (key == "dep") return Placeholder::kDep;
  if (key == "secret-writer") return Placeholder::kSecretWriter;
  return Placeholder::kNone;
}

// Adds `key` to an object whose keys are known to be distinct. ordered_json's operator[] finds
// a key by a linear search, so filling a stack's Resources (thousands of keys) with it was
// quadratic in the size of the stack.
void AppendNew(Json& object, std::string key, Json value) {
  object.get_ref<Json::object_t&>().emplace_back(std::move(key), std::move(value));
}

// Stack names: letters, digits and hyphens, starting with a letter.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
std::string StackWord(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}


// An environment variable for a value: `db_password` -> DB_PASSWORD, `WorkmailArn` -> WORKMAIL_ARN.
std::string EnvName(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) out += '_';
    out += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
  }
  return out;
}

// Collects the units a JSON value refers to.
void CollectUnits(const Json& j, std::vector<int>& out) {
  if (j.is_object()) {
    switch (PlaceholderOf(j)) {
      case Placeholder::kUnit:
        out.push_back(j.front()[0].get<int>());
        CollectUnits(j.front()[1], out);
        return;
      case Placeholder::kDep: out.push_back(j.front().get<int>()); return;
      default: break;
    }
    for (const auto& entry : j.get_ref<const Json::object_t&>()) CollectUnits(entry.second, out);
  } else if (j.is_array()) {
    for (const auto& v : j) CollectUnits(v, out);
  }
}

void ReplaceSelf(Json& j, const std::string& self) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    size_t pos = 0;
    bool changed = false;
    while ((pos = s.find("$SELF", pos)) != std::string::npos) {
      s.replace(pos, 5, self);
      pos += self.size();
      changed = true;
    }
    if (changed) j = s;
  } else if (j.is_object() || j.is_array()) {
    for (auto& v : j) ReplaceSelf(v, self);
  }
}

// The logical ids an expression names through Ref, Fn::GetAtt or Fn::Sub.
void NamedIds(const Json& j, std::vector<std::string>& out) {
  if (j.is_array()) {
    for (const auto& v : j) NamedIds(v, out);
    return;
  }
  if (!j.is_object()) return;
  const Json* ref = nullptr;
  const Json* get_att = nullptr;
  const Json* sub = nullptr;
  for (const auto& [key, value] : j.get_ref<const Json::object_t&>()) {
    if (key == "Ref") {
      ref = &value;
    } else if (key == "Fn::GetAtt") {
      get_att = &value;
    } else if (key == "Fn::Sub") {
      sub = &value;
    }
  }
  if (ref != nullptr && ref->is_string()) out.push_back(ref->get<std::string>());
  if (get_att != nullptr && get_att->is_array() && !get_att->empty()) out.push_back((*get_att)[0].get<std::string>());
  if (sub != nullptr) {
    std::string text = sub->is_string() ? sub->get<std::string>() : (sub->is_array() && !sub->empty() ? (*sub)[0].get<std::string>() : "");
    size_t pos = 0;
    while ((pos = text.find("${", pos)) != std::string::npos) {
      size_t end = text.find('}', pos);
      if (end == std::string::npos) break;
      std::string name = text.substr(pos + 2, end - pos - 2);
      out.push_back(name.substr(0, name.find('.')));
      pos = end;
    }
  }
  for (const auto& entry : j.get_ref<const Json::object_t&>()) NamedIds(entry.second, out);
}

std::string ParamType(const ir::Param& p) {
  if (p.type == "number" || p.type == "int") return "Number";
  if (p.type.rfind("list<", 0) == 0) return p.type == "list<number>" || p.type == "list<int>" ? "List<Number>" : "CommaDelimitedList";
  return "String";
}

std::string ScalarText(const ir::Value& v) {
  switch (v.kind) {
    case ir::Value::Kind::kBool: return v.boolean ? "true" : "false";
    case ir::Value::Kind::kNumber: return v.text.empty() ? fmt::format("{}", v.number) : v.text;
    case ir::Value::Kind::kString: return v.text;
    case ir::Value::Kind::kList: {
      std::vector<std::string> parts;
      for (const auto& item : v.items) parts.push_back(ScalarText(item));
      return Join(parts, ",");
    }
    default: return "";
  }
}

// One piece of an Fn::Sub string: a literal (its `${` escaped as `${!`), a Ref or Fn::GetAtt
// written as `${Name}` / `${Name.Attribute}`, or the text of a variable-free Fn::Sub. False for
// anything else, and for Refs to list parameters (Fn::Sub substitutes strings only).
bool AppendSubPiece(const Json& part, const std::set<std::string>& list_params, std::string& text) {
  if (part.is_string()) {
    std::string s = part.get<std::string>();
    for (size_t pos = s.find("${"); pos != std::string::npos; pos = s.find("${", pos + 3)) s.replace(pos, 2, "${!");
    text += s;
    return true;
  }
  if (!part.is_object() || part.size() != 1) return false;
  if (part.contains("Ref") && part["Ref"].is_string() && !list_params.count(part["Ref"].get<std::string>())) {
    text += "${" + part["Ref"].get<std::string>() + "}";
    return true;
  }
  if (part.contains("Fn::GetAtt")) {
    const Json& a = part["Fn::GetAtt"];
    if (!a.is_array() || a.size() != 2 || !a[0].is_string() || !a[1].is_string()) return false;
    text += "${" + a[0].get<std::string>() + "." + a[1].get<std::string>() + "}";
    return true;
  }
  if (part.contains("Fn::Sub") && part["Fn::Sub"].is_string()) {
    text += part["Fn::Sub"].get<std::string>();
    return true;
  }
  return false;
}

// Rewrites Fn::Join of literals into the literal, and Fn::Join of literals, Refs and Fn::GetAtts
// into one Fn::Sub ("www.${Domain}" instead of a Join of "www." and a Ref): the same value, read
// the way a person writes it. Other joins (imports, list values) stay.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
// Works in place on the value it is given (a stack's whole resource tree): copying it was a
// fifth of the CloudFormation target's time.
Json Simplify(Json out, const std::set<std::string>& list_params) {
  if (out.is_array()) {
    for (auto& v : out) v = Simplify(std::move(v), list_params);
    return out;
  }
  if (!out.is_object()) return out;
  for (auto& entry : out.get_ref<Json::object_t&>()) entry.second = Simplify(std::move(entry.second), list_params);
  if (out.size() == 1 && out.contains("Fn::Sub") && out["Fn::Sub"].is_array() && out["Fn::Sub"].size() == 2 &&
      out["Fn::Sub"][0].is_string() && out["Fn::Sub"][1].is_object()) {
    // Variables that are literals, Refs or Fn::GetAtts are written inline.
    std::string text = out["Fn::Sub"][0].get<std::string>();
    Json vars = Json::object();
    for (const auto& [name, value] : out["Fn::Sub"][1].items()) {
      std::string piece;
      bool inline_ok = AppendSubPiece(value, list_params, piece);
      if (!inline_ok) {
        vars[name] = value;
        continue;
      }
      std::string key = "${" + name + "}";
      for (size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + piece.size())) text.replace(pos, key.size(), piece);
    }
    if (vars.empty()) return text.find("${") == std::string::npos ? Json(text) : Json{{"Fn::Sub", text}};
    return Json{{"Fn::Sub", Json::array({text, vars})}};
  }
  if (out.size() != 1 || !out.contains("Fn::Join")) return out;
  const Json& args = out["Fn::Join"];
  if (!args.is_array() || args.size() != 2 || !args[0].is_string() || !args[1].is_array()) return out;
  const std::string sep = args[0].get<std::string>();
  const Json& parts = args[1];
  if (std::all_of(parts.begin(), parts.end(), [](const Json& p) { return p.is_string(); })) {
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : sep) + parts[i].get<std::string>();
    return text;
  }
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0 && !AppendSubPiece(sep, list_params, text)) return out;
    if (!AppendSubPiece(parts[i], list_params, text)) return out;
  }
  return Json{{"Fn::Sub", text}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Stacks

struct Emitter::StackState {
  std::string name;
  std::string file;
  int account = -1;
  std::string region;
  int phase = 1;
  std::vector<int> units;
  // The members of the template's Resources, written as each resource is materialized: the
  // stack's resources were one tree, dumped at the end, several times the template's size.
  JsonOut resources{0, 2};  // reserved by Plan
  Json outputs = Json::object();
  std::set<std::string> output_names;                   // the keys of `outputs`
  std::unordered_map<std::string, size_t> output_at;    // output name -> its index in `outputs`
  std::map<std::string, std::string> output_keys;      // expression dump + name -> output name
  std::set<std::string> exported;
  std::set<std::string> params;                         // topo params used
  struct Import {
    std::string parameter;
    int stack = 0;
    std::string output;
    bool list = false;
  };
  std::vector<Import> imports;
  std::map<std::string, std::string> import_keys;       // "stack/output" -> parameter
  std::set<int> inputs;
  // Parameters holding lists, which Fn::Sub cannot substitute. A Ref names a parameter only once
  // materializing registered it, so the set known when a resource is written is all it needs.
  std::set<std::string> list_params;
  std::set<std::string> names;                          // logical ids and parameter names in use
  bool iam = false;
  std::set<int> after;                                  // stacks this one reads from
};

Emitter::Emitter(const EmitContext& context, DiagSink& sink)
    : context_(context), model_(context.model), sink_(sink), mappings_(Mappings::Builtin()) {}

OutputFiles Emitter::Run() {
  BuildAll();
  Plan();
  return Write();
}

// ---------------------------------------------------------------------------------------------
// Names and small helpers

std::string Emitter::Pascal(const std::string& text) {
  return PascalCase(text);
}

std::string Emitter::RegionOf(const ir::Resource& r) const { return r.region.empty() ? model_.default_region : r.region; }

int Emitter::AccountKey(const ir::Resource& r) const {
  ir::ResourceId a = r.account != ir::kNoResource ? r.account : model_.default_account;
  return a == ir::kNoResource ? -1 : a;
}

const ir::Value* Emitter::Attr(const ir::Resource& r, const std::string& name) const {
  const ir::Attribute* a = r.Find(name);
  if (a == nullptr || a->value.kind == ir::Value::Kind::kNull) return nullptr;
  return &a->value;
}

const ir::Value* Emitter::Attr(const ir::Block& b, const std::string& name) const {
  const ir::Attribute* a = b.Find(name);
  if (a == nullptr || a->value.kind == ir::Value::Kind::kNull) return nullptr;
  return &a->value;
}

namespace {

const facts::Attribute* BlockAttribute(const facts::Kind* schema, const std::string& block, const std::string& name) {
  if (schema == nullptr) return nullptr;
  auto it = schema->blocks.find(block);
  if (it == schema->blocks.end()) return nullptr;
  auto a = it->second.attributes.find(name);
  return a == it->second.attributes.end() ? nullptr : &a->second;
}

}  // namespace

bool Emitter::Bool(const ir::Resource& r, const std::string& name) const {
  if (const ir::Value* v = Attr(r, name); v != nullptr && v->kind == ir::Value::Kind::kBool) return v->boolean;
  const facts::Attribute* a = r.schema != nullptr ? r.schema->FindAttribute(name) : nullptr;
  return a != nullptr && a->default_value.is_boolean() && a->default_value.get<bool>();
}

bool Emitter::Bool(const ir::Resource& r, const ir::Block& b, const std::string& name) const {
  if (const ir::Value* v = Attr(b, name); v != nullptr && v->kind == ir::Value::Kind::kBool) return v->boolean;
  const facts::Attribute* a = BlockAttribute(r.schema, b.type, name);
  return a != nullptr && a->default_value.is_boolean() && a->default_value.get<bool>();
}

std::string Emitter::Str(const ir::Resource& r, const std::string& name) const {
  if (const ir::Value* v = Attr(r, name); v != nullptr) {
    if (v->kind == ir::Value::Kind::kString || v->kind == ir::Value::Kind::kNumber || v->kind == ir::Value::Kind::kBool) return ScalarText(*v);
    return "";
  }
  const facts::Attribute* a = r.schema != nullptr ? r.schema->FindAttribute(name) : nullptr;
  if (a != nullptr && a->default_value.is_string()) return a->default_value.get<std::string>();
  if (a != nullptr && a->default_value.is_number()) return a->default_value.dump();
  return "";
}

Json Emitter::BlockDefault(const ir::Resource& r, const ir::Block& b, const std::string& name) const {
  const facts::Attribute* a = BlockAttribute(r.schema, b.type, name);
  if (a == nullptr || a->default_value.is_null()) return nullptr;
  return Json::parse(a->default_value.dump());
}

std::string Emitter::Str(const ir::Resource& r, const ir::Block& b, const std::string& name) const {
  if (const ir::Value* v = Attr(b, name); v != nullptr) {
    if (v->kind == ir::Value::Kind::kString || v->kind == ir::Value::Kind::kNumber || v->kind == ir::Value::Kind::kBool) return ScalarText(*v);
    return "";
  }
  const facts::Attribute* a = BlockAttribute(r.schema, b.type, name);
  if (a != nullptr && a->default_value.is_string()) return a->default_value.get<std::string>();
  if (a != nullptr && a->default_value.is_number()) return a->default_value.dump();
  return "";
}

// ---------------------------------------------------------------------------------------------
// Values

Json Emitter::Value(const ir::Value& v, const std::string& output) {
  switch (v.kind) {
    case ir::Value::Kind::kNull: return nullptr;
    case ir::Value::Kind::kBool: return v.boolean;
    case ir::Value::Kind::kNumber:
      if (v.number == static_cast<double>(static_cast<long long>(v.number)) && std::abs(v.number) < 1e15) {
        return static_cast<long long>(v.number);
      }
      return v.number;
    case ir::Value::Kind::kString: return v.text;
    case ir::Value::Kind::kList: {
      Json out = Json::array();
      for (const auto& item : v.items) out.push_back(Value(item, output));
      return out;
    }
    case ir::Value::Kind::kMap: {
      Json out = Json::object();
      for (const auto& [k, item] : v.entries) out[k] = Value(item, output);
      return out;
    }
    case ir::Value::Kind::kRef: {
      if (v.target == ir::kNoResource) return nullptr;
      std::string attr = v.path.empty() ? output : Join(v.path, ".");
      if (model_.at(v.target).kind == "account" && (attr == "id" || attr.empty())) return Account(v.target);
      return Out(v.target, attr);
    }
    case ir::Value::Kind::kParam: return Json{{"$topo:param", v.text}};
    case ir::Value::Kind::kTemplate: {
      Json parts = Json::array();
      std::string literal;
      bool all_literal = true;
      for (const auto& part : v.items) {
        Json p = Value(part, output);
        if (p.is_string() && !parts.empty() && parts.back().is_string()) {
          parts.back() = parts.back().get<std::string>() + p.get<std::string>();
        } else {
          parts.push_back(p);
        }
        if (!p.is_string()) all_literal = false;
      }
      if (all_literal) return parts.empty() ? Json("") : parts[0];
      return Json{{"Fn::Join", Json::array({"", parts})}};
    }
  }
  return nullptr;
}

Json Emitter::ValueOr(const ir::Resource& r, const std::string& name, const Json& fallback, const std::string& output) {
  if (const ir::Value* v = Attr(r, name)) return Value(*v, output);
  return fallback;
}

Json Emitter::Out(ir::ResourceId target, const std::string& output) {
  return Json{{"$topo:out", Json::array({target, output, current_})}};
}

Json Emitter::Account(ir::ResourceId account) { return Json{{"$topo:account", account}}; }

Json Emitter::Input(const std::string& name, const std::string& description, bool list, ir::ResourceId source) {
  auto it = input_index_.find(name);
  if (it == input_index_.end()) {
    it = input_index_.emplace(name, static_cast<int>(inputs_.size())).first;
    inputs_.push_back({source, name, description, list});
  }
  return Json{{"$topo:input", it->second}};
}

int Emitter::AddUnit(const ir::Resource& r, const std::string& suffix, const std::string& type) {
  std::string base;
  auto main = main_units_.find(r.id);
  if (main != main_units_.end()) {
    base = units_[static_cast<size_t>(main->second)].logical_id + Pascal(suffix);
  } else {
    std::string name = Pascal(r.name), kind = Pascal(r.kind);
    base = name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) ? kind + name : name + kind;
    if (base.size() > 200) base = base.substr(0, 200);
  }
  std::string id = base;
  std::set<std::string>& taken = logical_ids_[AccountKey(r)];
  for (int n = 2; taken.count(id); ++n) id = base + std::to_string(n);
  taken.insert(id);
  Unit u;
  u.owner = r.id;
  u.logical_id = id;
  u.type = type;
  u.account = AccountKey(r);
  bool global = r.schema != nullptr && r.schema->placement == facts::Placement::kGlobal;
  u.region = global ? "" : RegionOf(r);
  units_.push_back(std::move(u));
  int index = static_cast<int>(units_.size()) - 1;
  if (main == main_units_.end()) main_units_[r.id] = index;
  owned_units_[r.id].push_back(index);
  return index;
}

int Emitter::main_unit(ir::ResourceId id) const {
  auto it = main_units_.find(id);
  return it == main_units_.end() ? -1 : it->second;
}

Json Emitter::UnitExpr(int unit, Json expr, const std::string& name, bool list, const std::string& description) {
  return Json{{"$topo:unit", Json::array({unit, std::move(expr), name, list, description})}};
}

Json Emitter::UnitRef(int unit) {
  const std::string& id = units_[static_cast<size_t>(unit)].logical_id;
  return UnitExpr(unit, Json{{"Ref", id}}, id);
}

Json Emitter::UnitAtt(int unit, const std::string& attribute, bool list) {
  const std::string& id = units_[static_cast<size_t>(unit)].logical_id;
  return UnitExpr(unit, Json{{"Fn::GetAtt", Json::array({id, attribute})}}, id + Pascal(attribute), list);
}

// ---------------------------------------------------------------------------------------------
// Warnings and MANUAL.md

void Emitter::Unsupported(const ir::Resource& r, const std::string& what, const std::string& why, SourceRange range) {
  if (!warned_.insert({r.id, what}).second) return;
  Diagnostic& d = sink_.Report(DiagKind::kCfnSettingNotSupported, range.valid() ? range : r.name_range, what,
                               fmt::format("{} `{}`", r.kind, r.name));
  d.notes.push_back(why);
  ManualStep& step = Manual(r, fmt::format("Set `{}` of `{}` by hand", what, model_.DisplayName(r.id)), why);
  step.after.push_back(r.id);
}

ManualStep& Emitter::Manual(const ir::Resource& r, const std::string& title, const std::string& body) {
  ManualStep step;
  step.title = title;
  step.body = body;
  step.resource = r.id;
  manual_.push_back(std::move(step));
  return manual_.back();
}

// ---------------------------------------------------------------------------------------------
// Building

namespace {

void SetPath(Json& props, const std::string& path, Json value) {
  Json* cur = &props;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*cur)[key] = std::move(value);
      return;
    }
    if (!cur->contains(key) || !(*cur)[key].is_object()) (*cur)[key] = Json::object();
    cur = &(*cur)[key];
    start = dot + 1;
  }
}

Json MapValue(const Json& v, const std::map<std::string, std::string>& values) {
  if (values.empty()) return v;
  if (v.is_string()) {
    auto it = values.find(v.get<std::string>());
    return it == values.end() ? v : Json(it->second);
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& item : v) out.push_back(MapValue(item, values));
    return out;
  }
  return v;
}

}  // namespace

void Emitter::BuildAll() {
  units_.reserve(model_.resources.size());  // at least one unit for most resources
  for (const auto& r : model_.resources) {
    if (r.schema == nullptr || r.schema->placement == facts::Placement::kScope) continue;
    current_ = r.id;
    const KindMap* map = mappings_.Find(r.kind);
    if (r.kind == "manual_step") {
      ManualStep& step = Manual(r, Str(r, "title"), Str(r, "instructions"));
      if (std::string link = Str(r, "link"); !link.empty()) step.body += (step.body.empty() ? "" : "\n\n") + link;
      if (const ir::Value* after = Attr(r, "after")) {
        for (const auto& item : after->items) {
          if (item.is_ref()) step.after.push_back(item.target);
        }
      }
      if (const ir::Value* before = Attr(r, "before")) {
        for (const auto& item : before->items) {
          if (item.is_ref()) step.before.push_back(item.target);
        }
      }
      continue;
    }
    if (map == nullptr || !map->manual.empty()) {
      std::string why = map != nullptr ? map->manual : "topo has no CloudFormation mapping for this kind";
      sink_.Report(DiagKind::kCfnKindNotSupported, r.name_range, r.kind, r.name).notes.push_back(why);
      std::string body = why + ". Create it by hand (console or AWS CLI) with these settings:\n";
      for (const auto& a : r.attributes) {
        if (a.name == "region" || a.name == "account" || a.name == "depends_on") continue;
        Json v = Value(a.value);
        body += fmt::format("\n- `{}` = {}", a.name, a.value.kind == ir::Value::Kind::kString ? "`" + a.value.text + "`"
                                                                                           : "`" + v.dump() + "`");
      }
      for (const auto& b : r.blocks) {
        body += fmt::format("\n- `{}{}`:", b.type, b.label.empty() ? "" : " " + b.label);
        for (const auto& a : b.attributes) {
          body += fmt::format(" `{}` = `{}`;", a.name, a.value.kind == ir::Value::Kind::kString ? a.value.text : Value(a.value).dump());
        }
        if (!b.attributes.empty()) body.pop_back();
      }
      if (!r.region.empty()) body += fmt::format("\n\nRegion: `{}`.", r.region);
      ManualStep& step = Manual(r, fmt::format("Create {} `{}`", r.schema->title, model_.DisplayName(r.id)), body);
      for (const auto& e : model_.edges) {
        if (e.from == r.id && e.to != ir::kNoResource) step.after.push_back(e.to);
      }
      continue;
    }
    if (!map->meta.empty()) continue;
    BuildResource(r, *map);
  }
  current_ = ir::kNoResource;
  // References are resolved once every unit exists: a reference may point forward in the file.
  for (size_t i = 0; i < units_.size(); ++i) {
    current_ = units_[i].owner;
    ResolveOuts(units_[i].properties);
    for (auto& d : units_[i].depends_on) ResolveOuts(d);
  }
  // Secrets whose value another resource writes (an access key stored in `secret`).
  for (auto& u : units_) {
    if (!u.properties.is_object() || !u.properties.contains("SecretString")) continue;
    Json& value = u.properties["SecretString"];
    if (PlaceholderOf(value) != Placeholder::kSecretWriter) continue;
    auto it = secret_writers_.find(value.front().get<ir::ResourceId>());
    if (it != secret_writers_.end()) {
      current_ = u.owner;
      value = it->second;
      ResolveOuts(value);
    } else {
      u.properties.erase("SecretString");
    }
  }
  for (auto& step : manual_) {
    for (auto& o : step.outputs) ResolveOuts(o);
  }
  current_ = ir::kNoResource;
}

void Emitter::BuildResource(const ir::Resource& r, const KindMap& map) {
  int main = AddUnit(r, "", map.type);
  Json props = Json::object();
  for (const auto& p : map.properties) {
    if (const ir::Value* v = Attr(r, p.attribute)) {
      SetPath(props, p.path, MapValue(Value(*v, p.output), p.values));
    } else if (p.label_default) {
      SetPath(props, p.path, r.name);
    }
  }
  if (!map.description_property.empty()) {
    if (const ir::Value* v = Attr(r, "description")) props[map.description_property] = Value(*v);
  }
  BuildKind(*this, r, map, main, props);

  // Tags: the organization's default_tags, then the resource's own; EC2 resources also get Name.
  Json tags = Json::array();
  auto add_tag = [&](const std::string& key, Json value) {
    for (auto& t : tags) {
      if (t["Key"] == key) {
        t["Value"] = std::move(value);
        return;
      }
    }
    tags.push_back(Json{{"Key", key}, {"Value", std::move(value)}});
  };
  if (map.tags != "none") {
    if (map.name_tag) add_tag("Name", r.name);
    if (model_.organization_id != ir::kNoResource) {
      if (const ir::Value* d = Attr(model_.at(model_.organization_id), "default_tags"); d != nullptr && d->kind == ir::Value::Kind::kMap) {
        for (const auto& [k, v] : d->entries) add_tag(k, Value(v));
      }
    }
    if (const ir::Value* t = Attr(r, "tags"); t != nullptr && t->kind == ir::Value::Kind::kMap) {
      for (const auto& [k, v] : t->entries) add_tag(k, Value(v));
    }
  }
  if (!tags.empty()) {
    if (map.tags == "list") {
      props["Tags"] = tags;
    } else if (map.tags == "asg") {
      for (auto& t : tags) t["PropagateAtLaunch"] = true;
      props["Tags"] = tags;
    } else if (map.tags == "zone") {
      props["HostedZoneTags"] = tags;
    } else if (map.tags == "template") {
      props["TagSpecifications"] = Json::array({Json{{"ResourceType", "launch-template"}, {"Tags", tags}}});
    }
  }
  Unit& u = unit(main);
  u.properties = std::move(props);

  // Stateful resources keep their data unless the source says it may be lost (`retain = false`).
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
  // Data that may be lost still gets the final snapshot the source asks for (RDS takes one unless
  // `skip_final_snapshot`; an EBS volume with `final_snapshot`), as Terraform's destroy would.
  if (!map.deletion.empty() && u.deletion_policy.empty()) {
    bool retain = Bool(r, "retain");
    bool has_skip = r.schema != nullptr && r.schema->FindAttribute("skip_final_snapshot") != nullptr;
    bool final_snapshot = map.deletion == "snapshot" && (has_skip ? !Bool(r, "skip_final_snapshot") : Bool(r, "final_snapshot"));
    if (!retain) {
      u.deletion_policy = final_snapshot ? "Snapshot" : "Delete";
    } else if (map.deletion == "snapshot" && !Bool(r, "skip_final_snapshot")) {
      u.deletion_policy = "Snapshot";
    } else {
      u.deletion_policy = "Retain";
    }
  }
  if (const ir::Value* deps = Attr(r, "depends_on")) {
    std::vector<ir::Value> items = deps->kind == ir::Value::Kind::kList ? deps->items : std::vector<ir::Value>{*deps};
    for (const auto& item : items) {
      if (!item.is_ref()) continue;
      int target = main_unit(item.target);
      if (target >= 0) unit(main).depends_on.push_back(Dep(target));
    }
  }
  for (const auto& [attr, why] : map.unsupported) {
    if (const ir::Attribute* a = r.Find(attr); a != nullptr && a->value.kind != ir::Value::Kind::kNull) {
      if (a->value.kind == ir::Value::Kind::kBool && !a->value.boolean) continue;
      Unsupported(r, attr, why, a->name_range);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: what `kind.name.attr` reads

OutputRef Emitter::ComputeOutput(ir::ResourceId target, const std::string& output, ir::ResourceId from) {
  const ir::Resource& t = model_.at(target);
  const KindMap* map = mappings_.Find(t.kind);
  OutputRef ref;
  int main = main_unit(target);
  std::string name_base = main >= 0 ? units_[static_cast<size_t>(main)].logical_id : Pascal(t.name) + Pascal(t.kind);
  ref.name = name_base + Pascal(output);
  const OutputMap* spec = nullptr;
  if (map != nullptr) {
    auto it = map->outputs.find(output);
    if (it != map->outputs.end()) spec = &it->second;
  }
  auto input = [&](const std::string& why) {
    ref.unit = -1;
    ref.expr = Input(ref.name, fmt::format("`{}.{}`: {}", model_.DisplayName(target), output, why), false, target);
    return ref;
  };
  if (spec != nullptr && spec->kind == OutputMap::Kind::kAttr) {
    ir::ResourceId saved = current_;
    current_ = target;
    if (const ir::Value* v = Attr(t, spec->name)) {
      ref.expr = Value(*v);
    } else if (!spec->fallback.is_null()) {
      ref.expr = spec->fallback;
    } else {
      ref.expr = t.name;
    }
    current_ = saved;
    ResolveOuts(ref.expr);
    return ref;
  }
  if (map != nullptr && !map->manual.empty()) {
    return input(fmt::format("{} is created by hand (MANUAL.md); enter its value", t.kind));
  }
  if (main < 0) {
    return input("not created by CloudFormation; enter its value");
  }
  if (spec != nullptr && spec->kind == OutputMap::Kind::kCode) {
    ir::ResourceId saved = current_;
    current_ = target;
    bool list = false;
    Json expr = CodeOutput(*this, t, spec->name, &list);
    current_ = saved;
    if (!expr.is_null()) {
      ResolveOuts(expr);
      ref.expr = std::move(expr);
      return ref;
    }
  } else if (spec != nullptr && spec->kind == OutputMap::Kind::kExpr) {
    Json expr = spec->expr;
    ReplaceSelf(expr, units_[static_cast<size_t>(main)].logical_id);
    std::vector<std::string> ids;
    NamedIds(expr, ids);
    ref.unit = -1;
    for (const auto& id : ids) {
      for (int u : owned_units_[target]) {
        if (units_[static_cast<size_t>(u)].logical_id == id) {
          ref.unit = u;
          break;
        }
      }
      if (ref.unit >= 0) break;
    }
    // Pseudo parameters (${AWS::Region}) are read in the resource's own stack.
    if (ref.unit < 0 && !ids.empty()) ref.unit = main;
    ref.expr = expr;
    ref.list = spec->list;
    return ref;
  }
  // Not readable in CloudFormation: a parameter the deployer fills in.
  if (warned_.insert({target, "output:" + output}).second) {
    SourceRange range;  // the reference, found only for the warning
    for (const auto& e : model_.edges) {
      if (from != ir::kNoResource && e.from == from && e.to == target) {
        range = e.range;
        break;
      }
    }
    Diagnostic& d = sink_.Report(DiagKind::kCfnValueNotReadable, range.valid() ? range : t.name_range,
                                 model_.DisplayName(target) + "." + output);
    d.help = fmt::format("stacks.json lists it as the input `{}`; read it after the stack that creates `{}` is deployed",
                         ref.name, model_.DisplayName(target));
  }
  return input("CloudFormation cannot read this value; enter it after the resource exists");
}

void Emitter::ResolveOuts(Json& j) {
  if (j.is_array()) {
    for (auto& v : j) ResolveOuts(v);
    return;
  }
  if (!j.is_object()) return;
  switch (PlaceholderOf(j)) {
    case Placeholder::kOut: {
      const Json& args = j.front();
      auto key = std::make_pair(args[0].get<ir::ResourceId>(), args[1].get<std::string>());
      auto it = outputs_.find(key);
      if (it == outputs_.end()) {
        OutputRef ref = ComputeOutput(key.first, key.second, args[2].get<ir::ResourceId>());
        Json reference = ref.unit < 0 ? std::move(ref.expr)
                                      : UnitExpr(ref.unit, std::move(ref.expr), ref.name, ref.list,
                                                 model_.DisplayName(key.first) + "." + key.second);
        it = outputs_.emplace(std::move(key), std::move(reference)).first;
      }
      j = it->second;
      return;
    }
    case Placeholder::kUnit: ResolveOuts(j.front()[1]); return;
    default: break;
  }
  for (auto& entry : j.get_ref<Json::object_t&>()) ResolveOuts(entry.second);
}

// ---------------------------------------------------------------------------------------------
// Planning

void Emitter::Plan() {
  PlanInput in;
  in.default_region = model_.default_region;
  if (model_.default_account != ir::kNoResource) in.account_order.push_back(model_.default_account);
  for (ir::ResourceId a : model_.OfKind("account")) {
    if (a != model_.default_account) in.account_order.push_back(a);
  }
  for (const auto& u : units_) {
    PlanUnit pu;
    pu.account = u.account;
    pu.region = u.region;
    std::vector<int> deps;
    CollectUnits(u.properties, deps);
    for (const auto& d : u.depends_on) CollectUnits(d, deps);
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    pu.deps = std::move(deps);
    in.units.push_back(std::move(pu));
  }
  cfn::Plan plan = PlanStacks(in);
  stack_of_ = plan.stack_of;
  std::string org = StackWord(model_.organization);
  for (const auto& ps : plan.stacks) {
    auto st = std::make_unique<StackState>();
    st->account = ps.account;
    st->region = ps.region;
    st->phase = ps.phase;
    st->units = ps.units;
    std::string account = ps.account >= 0 ? model_.at(ps.account).name : "";
    std::vector<std::string> parts;
    if (!org.empty()) parts.push_back(org);
    if (!account.empty() && StackWord(account) != org) parts.push_back(StackWord(account));
    parts.push_back(ps.region);
    if (ps.phase > 1) parts.push_back(std::to_string(ps.phase));
    st->name = Join(parts, "-");
    if (st->name.empty() || !std::isalpha(static_cast<unsigned char>(st->name[0]))) st->name = "topo-" + st->name;
    if (st->name.size() > 128) st->name = st->name.substr(0, 128);
    st->file = st->name + ".template.json";
    for (int u : ps.units) st->names.insert(units_[static_cast<size_t>(u)].logical_id);
    // A little under what a unit takes in the benchmark estates' templates: the text moves at most
    // once as it grows, and the finished file holds little reserved memory it does not use.
    st->resources = JsonOut(ps.units.size() * 640, 2);
    stacks_.push_back(st.get());
    stack_storage_.push_back(std::move(st));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

namespace {

std::string UniqueName(std::set<std::string>& names, const std::string& base) {
  std::string name = base;
  for (int n = 2; names.count(name); ++n) name = base + std::to_string(n);
  names.insert(name);
  return name;
}

}  // namespace

OutputFiles Emitter::Write() {
  OutputFiles files;
  std::map<std::string, std::string> param_names;  // topo param -> template parameter name
  std::function<void(Json&, int)> materialize;  // rewrites its argument in place
  // Resources a value of the resource being written comes from without naming them (a Beanstalk
  // CNAME built with Fn::Sub): DependsOn keeps CloudFormation's order right.
  std::vector<std::string>* implicit_depends = nullptr;

  // An output of `producer` (created on first use) holding `expr`.
  auto add_output = [&](int producer, Json expr, const std::string& name, bool list, const std::string& description) {
    StackState& p = *stacks_[static_cast<size_t>(producer)];
    materialize(expr, producer);
    std::string key = expr.dump() + "|" + name;
    auto it = p.output_keys.find(key);
    if (it != p.output_keys.end()) return it->second;
    std::string out_name = UniqueName(p.output_names, name);
    Json o = Json::object();
    if (!description.empty()) o["Description"] = description;
    o["Value"] = list ? Json{{"Fn::Join", Json::array({",", std::move(expr)})}} : std::move(expr);
    p.output_at[out_name] = p.outputs.size();
    AppendNew(p.outputs, out_name, std::move(o));
    p.output_keys[key] = out_name;
    return out_name;
  };

  materialize = [&](Json& j, int stack) {
    if (j.is_array()) {
      for (auto& v : j) materialize(v, stack);
      return;
    }
    if (!j.is_object()) return;
    StackState& s = *stacks_[static_cast<size_t>(stack)];
    switch (PlaceholderOf(j)) {
      case Placeholder::kUnit: {
        Json& args = j.front();
        int u = args[0].get<int>();
        int producer = stack_of_[static_cast<size_t>(u)];
        if (producer == stack) {
          Json value = std::move(args[1]);
          materialize(value, stack);
          if (implicit_depends != nullptr) {
            std::vector<std::string> named;
            NamedIds(value, named);
            const std::string& id = units_[static_cast<size_t>(u)].logical_id;
            if (std::find(named.begin(), named.end(), id) == named.end()) implicit_depends->push_back(id);
          }
          j = std::move(value);
          return;
        }
        std::string name = args[2].get<std::string>();
        bool list = args[3].get<bool>();
        std::string description = args.size() > 4 ? args[4].get<std::string>() : "";
        std::string out_name = add_output(producer, std::move(args[1]), name, list, description);
        StackState& p = *stacks_[static_cast<size_t>(producer)];
        s.after.insert(producer);
        if (p.account == s.account && p.region == s.region) {
          // Same account and region: an export and Fn::ImportValue.
          // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
          auto& entries = p.outputs.get_ref<Json::object_t&>();
          Json& output = (entries.begin() + static_cast<std::ptrdiff_t>(p.output_at.at(out_name)))->second;
          output["Export"] = Json{{"Name", Json{{"Fn::Sub", "${AWS::StackName}-" + out_name}}}};
          Json import = Json{{"Fn::ImportValue", p.name + "-" + out_name}};
          j = list ? Json{{"Fn::Split", Json::array({",", std::move(import)})}} : std::move(import);
          return;
        }
        // Another region or account: a parameter, filled from the producer's output at deploy time.
        std::string key = std::to_string(producer) + "/" + out_name;
        auto it = s.import_keys.find(key);
        if (it == s.import_keys.end()) {
          std::string prefix = p.account != s.account ? Pascal(AccountLabel(p.account)) : "";
          std::string param = UniqueName(s.names, prefix + out_name);
          s.imports.push_back({param, producer, out_name, list});
          if (list) s.list_params.insert(param);
          it = s.import_keys.emplace(key, param).first;
        }
        j = Json{{"Ref", it->second}};
        return;
      }
      case Placeholder::kParam: {
        std::string p = j.front().get<std::string>();
        auto it = param_names.find(p);
        if (it == param_names.end()) it = param_names.emplace(p, Pascal(p)).first;
        if (s.params.insert(p).second) {
          const ir::Param* param = model_.FindParam(p);
          if (param != nullptr && !param->secret && param->type.rfind("list<", 0) == 0) s.list_params.insert(it->second);
        }
        j = Json{{"Ref", it->second}};
        return;
      }
      case Placeholder::kInput: {
        const cfn::Input& input = inputs_[j.front().get<size_t>()];
        s.inputs.insert(j.front().get<int>());
        if (input.list) s.list_params.insert(input.name);
        j = Json{{"Ref", input.name}};
        return;
      }
      case Placeholder::kAccount: {
        ir::ResourceId a = j.front().get<ir::ResourceId>();
        if (a == s.account) {
          j = Json{{"Ref", "AWS::AccountId"}};
          return;
        }
        const ir::Resource& acct = model_.at(a);
        Json value;
        if (const ir::Value* id = Attr(acct, "id")) {
          current_ = a;
          value = Value(*id);
          ResolveOuts(value);
          current_ = ir::kNoResource;
        } else {
          value = Input(Pascal(acct.name) + "AccountId", fmt::format("id of account `{}`", acct.name));
        }
        materialize(value, stack);
        j = std::move(value);
        return;
      }
      case Placeholder::kDep: {
        int u = j.front().get<int>();
        if (stack_of_[static_cast<size_t>(u)] == stack) {
          j = units_[static_cast<size_t>(u)].logical_id;
        } else {
          j = nullptr;
        }
        return;
      }
      default: break;
    }
    for (auto& entry : j.get_ref<Json::object_t&>()) materialize(entry.second, stack);
  };

  // Resources, in unit order within each stack.
  for (size_t si = 0; si < stacks_.size(); ++si) {
    StackState& s = *stacks_[si];
    for (int ui : s.units) {
      Unit& u = units_[static_cast<size_t>(ui)];
      std::vector<std::string> implicit;
      implicit_depends = &implicit;
      // Nothing reads a unit's properties after this: they are moved into the template.
      Json props = std::move(u.properties);
      materialize(props, static_cast<int>(si));
      implicit_depends = nullptr;
      std::vector<std::string> depends;
      auto depend = [&](const std::string& id) {
        if (id != u.logical_id && std::find(depends.begin(), depends.end(), id) == depends.end()) depends.push_back(id);
      };
      for (auto& d : u.depends_on) {
        materialize(d, static_cast<int>(si));
        if (d.is_string()) depend(d.get<std::string>());
      }
      // Only where no Ref/GetAtt/Sub already orders them (cfn-lint W3005: obsolete DependsOn).
      if (!implicit.empty()) {
        std::vector<std::string> named;
        NamedIds(props, named);
        for (const auto& id : implicit) {
          if (std::find(named.begin(), named.end(), id) == named.end()) depend(id);
        }
      }
      JsonOut& out = s.resources;  // logical ids are unique (AddUnit)
      out.Key(u.logical_id);
      out.BeginObject();
      out.Key("Type");
      out.String(u.type);
      if (!u.deletion_policy.empty()) {
        out.Key("DeletionPolicy");
        out.String(u.deletion_policy);
        out.Key("UpdateReplacePolicy");
        out.String(u.deletion_policy);
      }
      if (!depends.empty()) {
        out.Key("DependsOn");
        out.BeginArray();
        for (const auto& id : depends) {
          out.Element();
          out.String(id);
        }
        out.EndArray();
      }
      if (!props.empty()) {
        out.Key("Properties");
        out.Value(Simplify(std::move(props), s.list_params));
      }
      out.EndObject();
      if (u.type.rfind("AWS::IAM::", 0) == 0) s.iam = true;
    }
  }
  // Values MANUAL.md points at are stack outputs too.
  std::vector<std::vector<std::pair<int, std::string>>> manual_outputs(manual_.size());
  for (size_t m = 0; m < manual_.size(); ++m) {
    for (const auto& o : manual_[m].outputs) {
      if (PlaceholderOf(o) != Placeholder::kUnit) continue;
      const Json& args = o.front();
      int producer = stack_of_[args[0].get<size_t>()];
      std::string name = add_output(producer, args[1], args[2].get<std::string>(), args[3].get<bool>(),
                                    args.size() > 4 ? args[4].get<std::string>() : "");
      manual_outputs[m].push_back({producer, name});
    }
  }

  // Parameters of each stack: topo params (declaration order), values from earlier stacks, inputs.
  for (auto* sp : stacks_) {
    StackState& s = *sp;
    Json params = Json::object();
    for (const auto& p : model_.params) {
      if (!s.params.count(p.name)) continue;
      Json j = Json::object();
      j["Type"] = p.secret ? "String" : ParamType(p);
      if (!p.description.empty()) j["Description"] = p.description.substr(0, 4000);
      if (p.secret) j["NoEcho"] = true;
      if (p.type == "bool") j["AllowedValues"] = Json::array({"true", "false"});
      if (p.has_default && !p.secret) j["Default"] = ScalarText(p.default_value);
      params[param_names[p.name]] = j;
    }
    for (const auto& imp : s.imports) {
      const StackState& p = *stacks_[static_cast<size_t>(imp.stack)];
      params[imp.parameter] = Json{{"Type", imp.list ? "CommaDelimitedList" : "String"},
                                   {"Description", fmt::format("output {} of stack {} (see stacks.json)", imp.output, p.name)}};
    }
    for (int i : s.inputs) {
      const cfn::Input& in = inputs_[static_cast<size_t>(i)];
      params[in.name] = Json{{"Type", in.list ? "CommaDelimitedList" : "String"}, {"Description", in.description.substr(0, 4000)}};
    }
    std::string account = s.account >= 0 ? model_.at(s.account).name : model_.organization;
    JsonOut t(4096);
    t.BeginObject();
    t.Key("AWSTemplateFormatVersion");
    t.String(kFormatVersion);
    t.Key("Description");
    t.String(fmt::format("{}: account {}, region {}{} (generated by topo; see stacks.json for the deployment order)",
                         model_.organization.empty() ? "topo" : model_.organization, account, s.region,
                         s.phase > 1 ? fmt::format(", phase {}", s.phase) : ""));
    if (!params.empty()) {
      t.Key("Parameters");
      t.Value(params);
    }
    t.Key("Resources");
    t.BeginObject();
    t.Splice(s.resources.Take());  // written: the stack's memory goes before the next is assembled
    t.EndObject();
    if (!s.outputs.empty()) {
      t.Key("Outputs");
      t.Value(Simplify(s.outputs, s.list_params));
    }
    t.EndObject();
    std::string text = t.Take();
    text += '\n';
    files[s.file] = std::move(text);
  }
  files["stacks.json"] = StacksJson(param_names);
  files["DEPLOY.md"] = DeployMd(param_names, files);
  files["MANUAL.md"] = ManualMd(manual_outputs);
  return files;
}


// ---------------------------------------------------------------------------------------------
// stacks.json, DEPLOY.md, MANUAL.md

std::string Emitter::AccountLabel(int account) const {
  return account >= 0 ? model_.at(account).name : (model_.organization.empty() ? "default" : model_.organization);
}

// The AWS CLI profile of an account: its `profile`, or its name when the topology has several accounts.
std::string Profile(const ir::Model& m, const Emitter& e, int account) {
  if (account < 0) return "";
  const ir::Resource& a = m.at(account);
  if (const ir::Value* p = e.Attr(a, "profile"); p != nullptr && p->kind == ir::Value::Kind::kString) return p->text;
  return m.OfKind("account").size() > 1 ? a.name : "";
}

std::string Emitter::Profile(int account) const { return cfn::Profile(model_, *this, account); }

int Emitter::StackOfResource(ir::ResourceId id) const {
  auto it = owned_units_.find(id);
  if (it == owned_units_.end() || it->second.empty()) return -1;
  int best = -1;
  for (int u : it->second) best = std::max(best, stack_of_[static_cast<size_t>(u)]);
  return best;
}

std::string Emitter::StacksJson(const std::map<std::string, std::string>& param_names) const {
  Json root = Json::object();
  root["format"] = "topo-cfn-stacks";
  root["version"] = 1;
  root["organization"] = model_.organization;
  root["default_region"] = model_.default_region;
  Json list = Json::array();
  for (const auto* sp : stacks_) {
    const StackState& s = *sp;
    Json j = Json::object();
    j["name"] = s.name;
    j["template"] = s.file;
    j["account"] = AccountLabel(s.account);
    if (s.account >= 0) {
      if (const ir::Value* id = Attr(model_.at(s.account), "id")) {
        if (id->kind == ir::Value::Kind::kString) {
          j["account_id"] = id->text;
        } else if (id->kind == ir::Value::Kind::kParam) {
          Json p = Json{{"param", id->text}};
          if (const ir::Param* param = model_.FindParam(id->text); param != nullptr && param->has_default) {
            p["default"] = ScalarText(param->default_value);
          }
          j["account_id"] = p;
        }
      }
    }
    if (std::string profile = Profile(s.account); !profile.empty()) j["profile"] = profile;
    j["region"] = s.region;
    if (s.phase > 1) j["phase"] = s.phase;
    j["capabilities"] = s.iam ? Json::array({"CAPABILITY_NAMED_IAM"}) : Json::array();
    Json after = Json::array();
    for (int a : s.after) after.push_back(stacks_[static_cast<size_t>(a)]->name);
    j["after"] = after;
    Json params = Json::array();
    for (const auto& p : model_.params) {
      if (!s.params.count(p.name)) continue;
      Json e = Json{{"parameter", param_names.at(p.name)}, {"param", p.name}, {"type", p.type}};
      if (p.secret) e["secret"] = true;
      if (p.has_default && !p.secret) e["default"] = ScalarText(p.default_value);
      params.push_back(e);
    }
    j["parameters"] = params;
    Json imports = Json::array();
    for (const auto& imp : s.imports) {
      const StackState& p = *stacks_[static_cast<size_t>(imp.stack)];
      Json e = Json{{"parameter", imp.parameter}, {"stack", p.name}, {"region", p.region}, {"account", AccountLabel(p.account)},
                    {"output", imp.output}};
      if (imp.list) e["list"] = true;
      imports.push_back(e);
    }
    j["imports"] = imports;
    Json exports = Json::array();
    for (const auto& [name, o] : s.outputs.items()) {
      if (o.contains("Export")) exports.push_back(s.name + "-" + name);
    }
    if (!exports.empty()) j["exports"] = exports;
    Json inputs = Json::array();
    for (int i : s.inputs) {
      inputs.push_back(Json{{"parameter", inputs_[static_cast<size_t>(i)].name}, {"description", inputs_[static_cast<size_t>(i)].description}});
    }
    j["inputs"] = inputs;
    Json outputs = Json::array();
    for (const auto& [name, o] : s.outputs.items()) outputs.push_back(name);
    j["outputs"] = outputs;
    list.push_back(j);
  }
  root["stacks"] = list;
  return Dump(root);
}

std::string Emitter::DeployMd(const std::map<std::string, std::string>& param_names, const OutputFiles& files) const {
  std::string org = model_.organization.empty() ? "the topology" : "`" + model_.organization + "`";
  std::string md = fmt::format("# Deploying {} with CloudFormation\n\n", org);
  md += "Generated by topo. Deploy the stacks in this order; `stacks.json` holds the same plan for scripts.\n\n";
  md += "| # | stack | account | region | template | needs |\n| --- | --- | --- | --- | --- | --- |\n";
  for (size_t i = 0; i < stacks_.size(); ++i) {
    const StackState& s = *stacks_[i];
    std::vector<std::string> needs;
    for (int a : s.after) needs.push_back(std::to_string(a + 1));
    md += fmt::format("| {} | `{}` | {} | {} | `{}` | {} |\n", i + 1, s.name, AccountLabel(s.account), s.region, s.file,
                      needs.empty() ? "-" : Join(needs, ", "));
  }
  md += "\nGlobal resources (IAM, Route 53, CloudFront) can be created from a stack in any region; topo puts each into its "
        "account's default-region stack unless what it uses is deployed later, in which case it goes into the stack nearest "
        "to that one (for example a hosted zone next to the us-east-1 certificate that validates against it).\n\n";
  md += "Values that a stack takes from a stack in another region or account are template parameters, read from the "
        "earlier stack's outputs (`imports` in `stacks.json`); stacks of the same account and region use `Fn::ImportValue`.\n\n";
  md += "## Before you start\n\n";
  md += "- AWS CLI v2 with credentials for every account below";
  std::set<std::string> profiles;
  for (const auto* s : stacks_) {
    if (std::string p = Profile(s->account); !p.empty()) profiles.insert(p);
  }
  if (!profiles.empty()) {
    std::vector<std::string> quoted;
    for (const auto& p : profiles) quoted.push_back("`" + p + "`");
    md += " (profiles " + Join(quoted, ", ") + ")";
  }
  md += ".\n- Read `MANUAL.md`: some steps there must be done before a stack is deployed.\n";
  std::vector<std::string> env;
  std::set<std::string> env_seen;
  for (const auto* s : stacks_) {
    for (const auto& p : model_.params) {
      if (s->params.count(p.name) && (p.secret || !p.has_default) && env_seen.insert(p.name).second) {
        env.push_back(fmt::format("- `{}`: {}{}", EnvName(p.name), p.secret ? "secret; " : "", p.description.empty() ? "param `" + p.name + "`" : p.description));
      }
    }
    for (int i : s->inputs) {
      const cfn::Input& in = inputs_[static_cast<size_t>(i)];
      if (env_seen.insert(in.name).second) env.push_back(fmt::format("- `{}`: {}", EnvName(in.name), in.description));
    }
  }
  std::set<std::string> upload_regions;  // regions of stacks whose template `deploy` must upload to S3
  for (const auto* s : stacks_) {
    auto f = files.find(s->file);
    if (f != files.end() && f->second.size() > kInlineTemplateBytes) upload_regions.insert(s->region);
  }
  if (!upload_regions.empty()) {
    env.push_back(fmt::format("- `TEMPLATE_BUCKET`: an S3 bucket you own, best in the stack's region ({}), to which `deploy` uploads "
                              "templates larger than 51,200 bytes",
                              Join(std::vector<std::string>(upload_regions.begin(), upload_regions.end()), ", ")));
  }
  if (!env.empty()) {
    md += "- Export these environment variables (secrets are passed to `NoEcho` parameters and never written to a file):\n\n";
    for (const auto& line : env) md += "  " + line + "\n";
  }
  bool imports = std::any_of(stacks_.begin(), stacks_.end(), [](const StackState* s) { return !s->imports.empty(); });
  if (imports) {
    md += "\nThe commands read outputs of earlier stacks with this helper:\n\n```sh\n";
    md += "out() {  # out STACK REGION OUTPUT [PROFILE]\n";
    md += "  aws cloudformation describe-stacks --stack-name \"$1\" --region \"$2\" ${4:+--profile \"$4\"} \\\n";
    md += "    --query \"Stacks[0].Outputs[?OutputKey=='$3'].OutputValue\" --output text\n}\n```\n";
  }
  for (size_t i = 0; i < stacks_.size(); ++i) {
    const StackState& s = *stacks_[i];
    md += fmt::format("\n## {}. `{}`\n\n", i + 1, s.name);
    md += fmt::format("Account {}, region {}: {} resource{}.", AccountLabel(s.account), s.region, s.units.size(),
                      s.units.size() == 1 ? "" : "s");
    std::vector<std::string> defaults;
    for (const auto& p : model_.params) {
      if (s.params.count(p.name) && p.has_default && !p.secret) defaults.push_back("`" + param_names.at(p.name) + "`");
    }
    if (!defaults.empty()) md += " Parameters with defaults (override with `Name=value`): " + Join(defaults, ", ") + ".";
    md += "\n\n```sh\naws cloudformation deploy \\\n";
    md += fmt::format("  --stack-name {} \\\n  --template-file {} \\\n  --region {}", s.name, s.file, s.region);
    if (std::string p = Profile(s.account); !p.empty()) md += fmt::format(" --profile {}", p);
    md += " \\\n";
    auto size = files.find(s.file);
    if (size != files.end() && size->second.size() > kInlineTemplateBytes) {
      md += "  --s3-bucket \"$TEMPLATE_BUCKET\" \\\n";
    }
    if (s.iam) md += "  --capabilities CAPABILITY_NAMED_IAM \\\n";
    std::vector<std::string> overrides;
    for (const auto& p : model_.params) {
      if (s.params.count(p.name) && (p.secret || !p.has_default)) {
        overrides.push_back(fmt::format("\"{}=${{{}}}\"", param_names.at(p.name), EnvName(p.name)));
      }
    }
    for (const auto& imp : s.imports) {
      const StackState& p = *stacks_[static_cast<size_t>(imp.stack)];
      std::string profile = Profile(p.account);
      overrides.push_back(fmt::format("\"{}=$(out {} {} {}{})\"", imp.parameter, p.name, p.region, imp.output,
                                      profile.empty() ? "" : " " + profile));
    }
    for (int in : s.inputs) {
      overrides.push_back(fmt::format("\"{}=${{{}}}\"", inputs_[static_cast<size_t>(in)].name, EnvName(inputs_[static_cast<size_t>(in)].name)));
    }
    if (!overrides.empty()) {
      md += "  --parameter-overrides";
      for (size_t k = 0; k < overrides.size(); ++k) md += (k == 0 ? " " : " \\\n    ") + overrides[k];
      md += " \\\n";
    }
    md += "  --no-fail-on-empty-changeset\n```\n";
    if (size != files.end() && size->second.size() > kInlineTemplateBytes) {
      md += "\nThis template is larger than 51,200 bytes, so `deploy` uploads it to an S3 bucket you own (`TEMPLATE_BUCKET`).\n";
    }
  }
  return md;
}

std::string Emitter::ManualMd(const std::vector<std::vector<std::pair<int, std::string>>>& outputs) const {
  std::string org = model_.organization.empty() ? "the topology" : "`" + model_.organization + "`";
  std::string md = fmt::format("# Manual steps for {}\n\n", org);
  if (manual_.empty()) {
    return md + "Nothing: CloudFormation creates every resource of this topology.\n";
  }
  md += "CloudFormation cannot do these steps. Each says where it falls in the deployment order of `DEPLOY.md`.\n";
  // Order: a step needed before a stack comes before it; the others follow the last stack they
  // wait for; a step that waits for another step comes after it.
  constexpr int kNever = std::numeric_limits<int>::max();
  struct Entry {
    size_t index;
    int after = -1;
    int before = kNever;
    std::vector<size_t> deps;   // steps (indices into manual_) that come first
    int key = 0;
  };
  std::map<ir::ResourceId, size_t> step_of;  // manual_step blocks and kinds made by hand
  for (size_t i = 0; i < manual_.size(); ++i) {
    ir::ResourceId id = manual_[i].resource;
    const KindMap* map = mappings_.Find(model_.at(id).kind);
    bool by_hand = model_.at(id).kind == "manual_step" || map == nullptr || !map->manual.empty();
    if (by_hand && !step_of.count(id)) step_of[id] = i;
  }
  std::vector<Entry> entries;
  for (size_t i = 0; i < manual_.size(); ++i) entries.push_back(Entry{i, -1, kNever, {}, 0});
  for (size_t i = 0; i < manual_.size(); ++i) {
    Entry& e = entries[i];
    for (auto id : manual_[i].after) {
      if (auto it = step_of.find(id); it != step_of.end() && it->second != i) {
        e.deps.push_back(it->second);
      } else {
        e.after = std::max(e.after, StackOfResource(id));
      }
    }
    for (auto id : manual_[i].before) {
      if (auto it = step_of.find(id); it != step_of.end() && it->second != i) {
        entries[it->second].deps.push_back(i);
      } else if (int s = StackOfResource(id); s >= 0) {
        e.before = std::min(e.before, s);
      }
    }
    // A resource made by hand must exist before the stacks that take its values.
    if (auto made = step_of.find(manual_[i].resource); made != step_of.end() && made->second == i) {
      for (size_t si = 0; si < stacks_.size(); ++si) {
        for (int in : stacks_[si]->inputs) {
          if (inputs_[static_cast<size_t>(in)].source == manual_[i].resource) e.before = std::min(e.before, static_cast<int>(si));
        }
      }
    }
    e.key = e.before != kNever ? 2 * e.before : 2 * (e.after + 1) + 1;
  }
  for (size_t round = 0; round < entries.size(); ++round) {
    bool changed = false;
    for (auto& e : entries) {
      for (size_t d : e.deps) {
        if (entries[d].key > e.key && e.before == kNever) {
          e.key = entries[d].key;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  // Kahn's algorithm by (key, declaration order).
  std::vector<size_t> indegree(entries.size(), 0);
  std::vector<std::vector<size_t>> next(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    for (size_t d : entries[i].deps) {
      next[d].push_back(i);
      ++indegree[i];
    }
  }
  std::vector<size_t> order;
  std::vector<bool> done(entries.size(), false);
  while (order.size() < entries.size()) {
    size_t pick = entries.size();
    for (size_t i = 0; i < entries.size(); ++i) {
      if (done[i] || indegree[i] != 0) continue;
      if (pick == entries.size() || entries[i].key < entries[pick].key) pick = i;
    }
    if (pick == entries.size()) {  // a cycle among manual steps: the rest in declaration order
      for (size_t i = 0; i < entries.size(); ++i) {
        if (!done[i]) pick = i;
      }
    }
    done[pick] = true;
    order.push_back(pick);
    for (size_t n : next[pick]) {
      if (indegree[n] > 0) --indegree[n];
    }
  }
  std::vector<size_t> number(entries.size());
  for (size_t n = 0; n < order.size(); ++n) number[order[n]] = n + 1;
  std::vector<Entry> sorted;
  for (size_t i : order) sorted.push_back(entries[i]);
  entries = sorted;
  for (size_t n = 0; n < entries.size(); ++n) {
    const Entry& e = entries[n];
    const ManualStep& step = manual_[e.index];
    md += fmt::format("\n## {}. {}\n\n", n + 1, step.title.empty() ? model_.DisplayName(step.resource) : step.title);
    std::vector<std::string> when;
    if (e.before != std::numeric_limits<int>::max()) when.push_back(fmt::format("before deploying `{}`", stacks_[static_cast<size_t>(e.before)]->name));
    if (e.after >= 0) {
      const std::string& stack = stacks_[static_cast<size_t>(e.after)]->name;
      when.push_back(step.during ? fmt::format("while `{}` is being deployed, once `{}` exists", stack, model_.DisplayName(step.resource))
                                 : fmt::format("after `{}` is deployed", stack));
    }
    std::vector<std::string> steps;
    for (size_t d : e.deps) steps.push_back(std::to_string(number[d]));
    std::sort(steps.begin(), steps.end(), [](const std::string& a, const std::string& b) { return std::stoi(a) < std::stoi(b); });
    if (!steps.empty()) when.push_back("after step " + Join(steps, ", "));
    if (when.empty()) when.push_back("any time");
    const ir::Resource& r = model_.at(step.resource);
    md += fmt::format("When: {}. Source: `{}`", Join(when, "; "), model_.DisplayName(step.resource));
    if (r.range.valid()) md += fmt::format(" ({})", context_.sources.Describe(r.range));
    md += ".\n\n";
    if (!step.body.empty()) md += step.body + "\n";
    // Values of a resource made by hand that templates need: where DEPLOY.md expects them.
    if (step_of.count(step.resource) && step_of[step.resource] == e.index) {
      for (size_t si = 0; si < stacks_.size(); ++si) {
        for (int in : stacks_[si]->inputs) {
          const cfn::Input& input = inputs_[static_cast<size_t>(in)];
          if (input.source != step.resource) continue;
          md += fmt::format("\nThen export `{}` (DEPLOY.md passes it to the parameter `{}` of `{}`): {}\n", EnvName(input.name),
                            input.name, stacks_[si]->name, input.description);
        }
      }
    }
    if (!outputs[e.index].empty()) {
      md += "\nStack outputs:";
      for (const auto& [stack, name] : outputs[e.index]) md += fmt::format(" `{}` of `{}`;", name, stacks_[static_cast<size_t>(stack)]->name);
      md.pop_back();
      md += ".\n";
    }
  }
  return md;
}

}  // namespace topo::emit::cfn
