#include "emit/runbook/emitter.h"

#include <algorithm>
#include <queue>
#include <unordered_map>
#include <stdexcept>

#include <fmt/format.h>

#include "base/embedded.h"
#include "base/strings.h"

#include <functional>

#include <kainjow/mustache.hpp>

namespace topo::emit::runbook {

namespace {

constexpr char kMark = '\x01';
constexpr char kRawMark = '\x03';
constexpr char kEnd = '\x02';

// Text for a `#` comment: one line, control characters removed, so nothing from the source can
// end the comment and become a command.
std::string CommentText(const std::string& s) {
  bool plain = s.empty() || s.back() != ' ';
  for (size_t i = 0; plain && i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    plain = u >= 0x20 && u != 0x7f;
  }
  if (plain) return s;  // the common case: nothing to remove
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Wraps `text` at `width` columns for comment lines.
std::vector<std::string> Wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  std::string t = CommentText(text);
  while (i < t.size()) {
    size_t j = t.find(' ', i);
    if (j == std::string::npos) j = t.size();
    std::string word = t.substr(i, j - i);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// A word's text for the inside of a double-quoted shell string: literal text with `"`, `$`,
// backquote and backslash escaped; variables as ${NAME}.
std::string DoubleQuoted(const Word& w) {
  std::string out;
  for (const auto& p : w.pieces) {
    if (p.kind != Word::Piece::Kind::kLiteral) {
      out += "${" + p.text + "}";
      continue;
    }
    for (char c : CommentText(p.text)) {
      if (c == '"' || c == '$' || c == '`' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

bool IsScopeKind(const ir::Resource& r) {
  return r.schema != nullptr && r.schema->placement == facts::Placement::kScope;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

std::string Indent(const std::string& text, size_t indent) {
  std::string pad(indent, ' ');
  return pad + text;
}

// The AWS services whose API has one global endpoint: their commands take no --region.
bool GlobalService(const std::string& service) {
  return service == "iam" || service == "route53" || service == "cloudfront" || service == "organizations" ||
         service == "sts";
}

Json JsonNumber(const std::string& text) {
  try {
    if (text.find_first_of(".eE") == std::string::npos) return Json(std::stoll(text));
    return Json(std::stod(text));
  } catch (const std::exception&) {
    return Json(text);
  }
}

// A member of a spec object by reference, or null when it has none (`value()` copies it, and
// specs are read for every resource). A null iterates as an empty list.
const Json& Field(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// Run-time variables travel inside values as "\x01<n>\x02" (see emitter.h): text from the
// source must not contain those bytes, or a value could decode as a variable (the fuzzer found a
// string with \x01 in it that crashed the decoder). They are control characters no AWS value
// uses; they are dropped.
std::string WithoutMarkers(const std::string& text) {
  if (text.find_first_of(std::string{kMark, kEnd, kRawMark}) == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != kMark && c != kEnd && c != kRawMark) out += c;
  }
  return out;
}

// The variable index written between `from` and `to` (exclusive), when it is one: digits only,
// below `count`.
bool MarkerIndex(const std::string& s, size_t from, size_t to, size_t count, size_t* index) {
  if (to == std::string::npos || to <= from || to - from > 9) return false;
  size_t n = 0;
  for (size_t k = from; k < to; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    n = n * 10 + static_cast<size_t>(s[k] - '0');
  }
  if (n >= count) return false;
  *index = n;
  return true;
}

}  // namespace

bool Truthy(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) return !v.get<std::string>().empty();
  if (v.is_array() || v.is_object()) return !v.empty();
  if (v.is_number()) return v.get<double>() != 0;  // `retention_in_days = 0`: not set
  return true;
}

Emitter::Emitter(const EmitContext& context, DiagSink& sink)
    : context_(context), model_(context.model), catalog_(context.catalog), sink_(sink) {}

// ------------------------------------------------------------------------------------------------
// Data and order

void Emitter::LoadSpecs() {
  specs_ = Json::object();
  for (const auto& f : embedded::Files()) {
    std::string path(f.path);
    if (path.rfind("stdlib/runbook/", 0) != 0 || path.size() < 5 || path.substr(path.size() - 5) != ".json") continue;
    Json doc = Json::parse(f.contents);
    for (const auto& [kind, spec] : doc.at("kinds").items()) {
      if (specs_.contains(kind)) throw std::runtime_error("stdlib/runbook: kind `" + kind + "` is mapped twice");
      specs_[kind] = spec;
    }
  }
}

// A kind's spec, or the variant its resource selects: {"variants": [{"when": COND, "spec": NAME}]}
// picks the spec named NAME (a key of stdlib/runbook that is no kind) when COND holds.
const Json* Emitter::Spec(const ir::Resource& r) {
  // Looked up many times per resource (its key, its outputs, every reference to it), so kept
  // per resource; except for kinds with variants, whose conditions are evaluated every time as
  // before (evaluating one can note a variable the script reads).
  auto index = static_cast<size_t>(r.id);
  bool cacheable = index < spec_known_.size();
  if (cacheable && spec_known_[index]) return spec_of_[index];
  auto it = specs_.find(r.kind);
  if (it == specs_.end()) return nullptr;
  if (it->contains("variants")) {
    Scope scope;
    scope.resource = &r;
    for (const auto& v : (*it)["variants"]) {
      if (!When(v.at("when"), scope)) continue;
      auto alt = specs_.find(v.at("spec").get<std::string>());
      if (alt != specs_.end()) return &*alt;
    }
    return &*it;
  }
  if (cacheable) {
    spec_known_[index] = true;
    spec_of_[index] = &*it;
  }
  return &*it;
}

// Topological order over the IR edges, ties broken by declaration order (Kahn's algorithm with
// a min-heap). A security group's rules are a node of their own after the group and every group
// they name, so groups that allow each other still get an order. `before` edges point the other
// way: the target waits for the manual step.
void Emitter::Order() {
  using Node = std::pair<ir::ResourceId, int>;
  std::map<Node, std::set<Node>> deps;
  std::set<Node> nodes;
  for (const auto& r : model_.resources) {
    if (IsScopeKind(r)) continue;
    nodes.insert({r.id, 0});
    if (!r.rules.empty()) {
      nodes.insert({r.id, 1});
      deps[{r.id, 1}].insert({r.id, 0});
      for (const auto& rule : r.rules) {
        if (rule.group != ir::kNoResource && rule.group != r.id) deps[{r.id, 1}].insert({rule.group, 0});
      }
    }
  }
  for (const auto& e : model_.edges) {
    if (e.from == e.to || e.from == ir::kNoResource || e.to == ir::kNoResource) continue;
    Node from{e.from, 0}, to{e.to, 0};
    if (!nodes.count(from) || !nodes.count(to)) continue;
    if (e.via == "rule") continue;
    if (e.via == "before") {
      deps[to].insert(from);
    } else {
      deps[from].insert(to);
    }
  }
  for (const auto& [n, ds] : deps) {
    for (const auto& d : ds) {
      if (d.first != n.first) users_[d.first].insert(n.first);
    }
  }
  std::map<Node, int> pending;
  std::map<Node, std::vector<Node>> users;
  for (const auto& n : nodes) pending[n] = 0;
  for (const auto& [n, ds] : deps) {
    for (const auto& d : ds) {
      if (!nodes.count(d)) continue;
      pending[n]++;
      users[d].push_back(n);
    }
  }
  std::priority_queue<Node, std::vector<Node>, std::greater<Node>> ready;
  for (const auto& [n, count] : pending) {
    if (count == 0) ready.push(n);
  }
  std::set<Node> done;
  while (!ready.empty()) {
    Node n = ready.top();
    ready.pop();
    order_.push_back(n);
    done.insert(n);
    for (const auto& u : users[n]) {
      if (--pending[u] == 0) ready.push(u);
    }
  }
  // A cycle (reported by the cycles pass as an error; emitters then do not run) cannot occur
  // here, but keep every node anyway.
  for (const auto& n : nodes) {
    if (!done.count(n)) order_.push_back(n);
  }
}

// Whether a manual step of resource `id` must be done before the script goes on: some resource
// the script creates depends on `id` (directly or through other steps). A step nothing depends on
// can be confirmed later: a run without a terminal notes it and goes on.
bool Emitter::Blocking(ir::ResourceId id) const {
  if (id == ir::kNoResource) return true;
  std::set<ir::ResourceId> seen;
  std::vector<ir::ResourceId> todo = {id};
  while (!todo.empty()) {
    ir::ResourceId n = todo.back();
    todo.pop_back();
    auto it = users_.find(n);
    if (it == users_.end()) continue;
    for (ir::ResourceId u : it->second) {
      if (!seen.insert(u).second) continue;
      if (model_.at(u).kind != "manual_step") return true;
      todo.push_back(u);
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------------
// Names and variables

std::string Emitter::ParamVar(const std::string& name) { return VarName({"TOPO_PARAM", name}); }

std::string Emitter::BaseVar(ir::ResourceId id) const {
  auto it = base_vars_.find(id);
  return it == base_vars_.end() ? std::string() : it->second;
}

std::string Emitter::KeyOutput(ir::ResourceId id) {
  const Json* spec = Spec(model_.at(id));
  if (spec == nullptr) return "id";
  // Asked for every reference to the resource: kept per spec.
  auto known = key_outputs_.find(spec);
  if (known != key_outputs_.end()) return known->second;
  const Json& key = Field(*spec, "key");
  return key_outputs_.emplace(spec, key.is_null() ? std::string("id") : key.get<std::string>()).first->second;
}

std::string Emitter::RefOutput(ir::ResourceId id) {
  const Json* spec = Spec(model_.at(id));
  if (spec != nullptr && spec->contains("ref")) return (*spec)["ref"].get<std::string>();
  return KeyOutput(id);
}

std::string Emitter::OutputVar(ir::ResourceId id, const std::string& output) {
  std::string var = BaseVar(id) + "_" + VarName({output});
  if (output != KeyOutput(id)) needed_[id].insert(output);
  return var;
}

ir::ResourceId Emitter::AccountOf(const ir::Resource& r) const {
  if (r.account != ir::kNoResource) return r.account;
  return model_.default_account;
}

std::string Emitter::AccountVar(const ir::Resource& r) const {
  ir::ResourceId a = AccountOf(r);
  if (a == ir::kNoResource) return "TOPO_ACCOUNT_ID";
  return VarName({"TOPO_ACCOUNT", model_.at(a).name, "ID"});
}

std::string Emitter::ProfileVar(ir::ResourceId account) const {
  // Every command of a multi-account estate names its profile: the names are made once.
  auto index = static_cast<size_t>(account);
  if (index >= profile_vars_.size()) profile_vars_.resize(model_.resources.size());
  std::string& var = profile_vars_[index];
  if (var.empty()) var = VarName({"TOPO_PROFILE", model_.at(account).name});
  return var;
}

std::string Emitter::RegionOf(const ir::Resource& r) const {
  if (!r.region.empty()) return r.region;
  return model_.default_region.empty() ? std::string("us-east-1") : model_.default_region;
}

Json Emitter::PhysicalName(const ir::Resource& r) {
  const Json* spec = Spec(r);
  std::string attr = spec != nullptr ? spec->value("name", std::string()) : std::string();
  if (!attr.empty() && attr != "tag") {
    if (const ir::Attribute* a = r.Find(attr)) return ValueToJson(a->value);
  }
  return Json(r.name);
}

// ------------------------------------------------------------------------------------------------
// Values

std::string Emitter::Marker(const std::string& var, bool raw) {
  auto it = var_index_.find(var);
  size_t index;
  if (it == var_index_.end()) {
    index = vars_.size();
    vars_.push_back({var, var.rfind("TOPO_PARAM_", 0) == 0});
    var_index_[var] = index;
  } else {
    index = it->second;
  }
  used_vars_.insert(var);
  return std::string(1, raw ? kRawMark : kMark) + std::to_string(index) + std::string(1, kEnd);
}

Json Emitter::ValueToJson(const ir::Value& v) {
  switch (v.kind) {
    case ir::Value::Kind::kNull:
      return nullptr;
    case ir::Value::Kind::kBool:
      return v.boolean;
    case ir::Value::Kind::kNumber:
      return JsonNumber(v.text);
    case ir::Value::Kind::kString:
      return WithoutMarkers(v.text);
    case ir::Value::Kind::kList: {
      Json out = Json::array();
      for (const auto& item : v.items) {
        Json j = ValueToJson(item);
        if (!j.is_null()) out.push_back(j);
      }
      return out;
    }
    case ir::Value::Kind::kMap: {
      Json out = Json::object();
      for (const auto& [k, item] : v.entries) out[WithoutMarkers(k)] = ValueToJson(item);
      return out;
    }
    case ir::Value::Kind::kRef: {
      if (v.target == ir::kNoResource) return nullptr;
      const ir::Resource& t = model_.at(v.target);
      if (IsScopeKind(t)) {
        // An account: its id, as the credentials of its profile report it.
        if (t.kind == "account") return Marker(AccountVar(t));
        return t.name;
      }
      std::string output = v.path.empty() ? RefOutput(v.target) : v.path.front();
      if (output == "name" && !(Spec(t) && (*Spec(t)).contains("outputs") &&
                                (*Spec(t))["outputs"].contains("name"))) {
        return PhysicalName(t);
      }
      return Marker(OutputVar(v.target, output));
    }
    case ir::Value::Kind::kParam: {
      const ir::Param* p = model_.FindParam(v.text);
      // A list or map parameter shapes documents (counts, one element per item): the runbook
      // uses its value from the source; change the .topo file to change it.
      if (p != nullptr && p->has_default && (p->type.rfind("list", 0) == 0 || p->type.rfind("map", 0) == 0)) {
        return ValueToJson(p->default_value);
      }
      bool raw = p != nullptr && (p->type == "number" || p->type == "int" || p->type == "bool");
      return Marker(ParamVar(v.text), raw);
    }
    case ir::Value::Kind::kTemplate: {
      std::string out;
      for (const auto& part : v.items) {
        Json j = ValueToJson(part);
        if (j.is_string()) {
          out += j.get<std::string>();
        } else if (!j.is_null()) {
          out += j.dump();
        }
      }
      return out;
    }
  }
  return nullptr;
}

Json Emitter::AttributeJson(const Scope& scope, const std::string& name, const std::vector<std::string>& rest) {
  const ir::Attribute* a = nullptr;
  const facts::Attribute* schema = nullptr;
  if (scope.block != nullptr) {
    a = scope.block->Find(name);
    if (scope.block_schema != nullptr) {
      auto it = scope.block_schema->attributes.find(name);
      if (it != scope.block_schema->attributes.end()) schema = &it->second;
    }
  } else if (scope.resource != nullptr) {
    a = scope.resource->Find(name);
    if (scope.resource->schema != nullptr) schema = scope.resource->schema->FindAttribute(name);
  }
  if (a == nullptr) {
    if (schema != nullptr && !schema->default_value.is_null() && rest.empty()) return schema->default_value;
    return nullptr;
  }
  const ir::Value* v = &a->value;
  size_t i = 0;
  while (i < rest.size() && v->kind == ir::Value::Kind::kMap) {
    v = v->Find(rest[i]);
    if (v == nullptr) return nullptr;
    ++i;
  }
  if (i == rest.size()) return ValueToJson(*v);
  auto ref_output = [&](const ir::Value& ref) -> Json {
    if (ref.target == ir::kNoResource) return nullptr;
    const ir::Resource& t = model_.at(ref.target);
    if (rest[i] == "name" && !(Spec(t) && (*Spec(t)).contains("outputs") &&
                               (*Spec(t))["outputs"].contains("name"))) {
      return PhysicalName(t);
    }
    if (rest[i] == "@kind") return t.kind;
    return Marker(OutputVar(ref.target, rest[i]));
  };
  if (v->kind == ir::Value::Kind::kRef) return ref_output(*v);
  if (v->kind == ir::Value::Kind::kList) {
    Json out = Json::array();
    for (const auto& item : v->items) {
      if (item.kind == ir::Value::Kind::kRef) out.push_back(ref_output(item));
    }
    return out;
  }
  return nullptr;
}

// `{path|filter|...}`: see stdlib/runbook/README.md for the vocabulary.
// A placeholder's parts, split once per distinct text: templates come from the specs, so the
// same few hundred placeholders are resolved for every resource.
const Emitter::Placeholder& Emitter::Parse(const std::string& text) {
  auto found = placeholders_.find(text);
  if (found != placeholders_.end()) return found->second;
  Placeholder p;
  p.filters = Split(text, '|');
  std::string path = p.filters.front();
  p.filters.erase(p.filters.begin());
  if (!path.empty() && path[0] == '@') {
    size_t colon = path.find(':');
    p.head_kind = Placeholder::Head::kBuilder;
    p.head = path.substr(1, colon == std::string::npos ? std::string::npos : colon - 1);
    p.arg = colon == std::string::npos ? std::string() : path.substr(colon + 1);
  } else {
    std::vector<std::string> parts = Split(path, '.');
    p.head = parts.front();
    p.rest.assign(parts.begin() + 1, parts.end());
    if (!p.rest.empty()) p.parent_rest.assign(p.rest.begin() + 1, p.rest.end());
    using Head = Placeholder::Head;
    static const std::unordered_map<std::string_view, Head> kHeads = {
        {"key", Head::kKey},       {"out", Head::kOut},         {"var", Head::kVar},
        {"name", Head::kName},     {"label", Head::kLabel},     {"topo_id", Head::kTopoId},
        {"region", Head::kRegion}, {"account_id", Head::kAccountId}, {"org", Head::kOrg},
        {"item", Head::kItem},     {"run_id", Head::kRunId},    {"loop", Head::kLoop},
        {"index", Head::kIndex},   {"parent", Head::kParent}};
    auto h = kHeads.find(p.head);
    if (h != kHeads.end()) {
      p.head_kind = h->second;
    } else if (p.head.size() > 1 && p.head[0] == '^') {
      p.head_kind = Head::kTop;
      p.head = p.head.substr(1);
    } else {
      p.head_kind = Head::kAttribute;
    }
  }
  return placeholders_.emplace(text, std::move(p)).first->second;
}

Json Emitter::Resolve(const std::string& placeholder, const Scope& scope) {
  const Placeholder& p = Parse(placeholder);
  const std::string& head = p.head;
  const std::vector<std::string>& rest = p.rest;
  Json value;
  const ir::Resource& r = *scope.resource;
  using Head = Placeholder::Head;
  switch (p.head_kind) {
    case Head::kBuilder:
      value = Builder(head, p.arg, scope);
      break;
    case Head::kKey:
      value = Marker(OutputVar(r.id, KeyOutput(r.id)));
      break;
    case Head::kOut:
      value = Marker(OutputVar(r.id, rest.at(0)));
      break;
    case Head::kVar:
      value = Marker(BaseVar(r.id) + "_" + VarName({rest.at(0)}));
      break;
    case Head::kName:
      value = PhysicalName(r);
      break;
    case Head::kLabel:
      value = scope.block != nullptr ? scope.block->label : r.name;
      break;
    case Head::kTopoId:
      value = model_.DisplayName(r.id);
      break;
    case Head::kRegion:
      value = RegionOf(r);
      break;
    case Head::kAccountId:
      value = Marker(AccountVar(r));
      break;
    case Head::kOrg:
      value = model_.organization;
      break;
    case Head::kItem:
      if (scope.item != nullptr) {
        if (rest.empty()) {
          value = ValueToJson(*scope.item);
        } else if (scope.item->kind == ir::Value::Kind::kRef && scope.item->target != ir::kNoResource) {
          value = Marker(OutputVar(scope.item->target, rest.front()));
        }
      } else {
        value = scope.item_json;
        for (const auto& k : rest) value = value.is_object() && value.contains(k) ? value[k] : Json();
      }
      break;
    case Head::kRunId:
      value = Marker("TOPO_RUN_ID");
      break;
    case Head::kLoop:
      value = Marker("topo_item");
      break;
    case Head::kIndex:
      value = scope.item_json;
      break;
    case Head::kParent:
      if (scope.parent != nullptr) {
        value = rest.empty() ? Json() : AttributeJson(*scope.parent, rest.front(), p.parent_rest);
      } else {
        value = AttributeJson(scope, head, rest);  // no enclosing block: an attribute `parent`
      }
      break;
    case Head::kTop: {
      Scope top;
      top.resource = scope.resource;
      value = AttributeJson(top, head, rest);
      break;
    }
    case Head::kAttribute:
      value = AttributeJson(scope, head, rest);
      break;
  }
  for (const auto& f : p.filters) value = ApplyFilter(f, value, scope);
  return value;
}

Json Emitter::ApplyFilter(const std::string& filter, const Json& value, const Scope& scope) {
  if (filter == "or_id") return value.is_null() ? Json(model_.DisplayName(scope.resource->id)) : value;
  if (filter.rfind("default=", 0) == 0) {
    if (!value.is_null()) return value;
    return Json(filter.substr(8));
  }
  if (value.is_null()) return value;
  if (value.is_array() && filter != "csv" && filter != "first" && filter != "count" && filter != "spaced" &&
      filter != "list") {
    Json out = Json::array();
    for (const auto& v : value) {
      Json x = ApplyFilter(filter, v, scope);
      if (!x.is_null()) out.push_back(x);
    }
    return out;
  }
  if (filter == "az") {
    if (!value.is_string()) return value;
    std::string s = value.get<std::string>();
    if (s.size() <= 2 && !s.empty() && s[0] >= 'a' && s[0] <= 'z') return RegionOf(*scope.resource) + s;
    return s;
  }
  if (filter == "enabled") return Truthy(value) ? "Enabled" : "Disabled";
  if (filter == "not") return !Truthy(value);
  if (filter == "bool") {
    if (value.is_string()) return value.get<std::string>() == "true";
    return Truthy(value);
  }
  if (filter == "str") return value.is_string() ? value : Json(value.dump());
  if (filter == "upper" || filter == "lower") {
    if (!value.is_string()) return value;
    std::string s = value.get<std::string>();
    for (auto& c : s) c = filter == "upper" ? static_cast<char>(toupper(c)) : static_cast<char>(tolower(c));
    return s;
  }
  if (filter == "csv" || filter == "spaced") {
    if (!value.is_array()) return value;
    std::string out;
    for (const auto& v : value) {
      if (!out.empty()) out += filter == "csv" ? "," : " ";
      out += v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
  }
  if (filter == "plus1") return value.is_number() ? Json(value.get<int64_t>() + 1) : value;
  if (filter == "range") {
    // n -> [1, ..., n], for `each`.
    if (!value.is_number()) return value;
    Json out = Json::array();
    for (int64_t i = 1; i <= value.get<int64_t>(); ++i) out.push_back(i);
    return out;
  }
  if (filter == "first") return value.is_array() ? (value.empty() ? Json() : value[0]) : value;
  if (filter == "count") return value.is_array() ? Json(value.size()) : Json(1);
  if (filter == "list") return value.is_array() ? value : Json::array({value});
  if (filter == "jmes") {
    // Inside a JMESPath raw string literal '...': escape quotes and backslashes.
    if (!value.is_string()) return value;
    std::string out;
    for (char c : value.get<std::string>()) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  }
  if (filter == "policy_arn") {
    // An AWS managed policy given by name (`AmazonSESFullAccess`, `service-role/X`).
    if (!value.is_string()) return value;
    std::string s = value.get<std::string>();
    if (s.rfind("arn:", 0) == 0 || s.find(kMark) != std::string::npos) return s;
    return "arn:aws:iam::aws:policy/" + s;
  }
  if (filter == "dot") {
    // A domain name ending with a dot (Route 53 answers with fully qualified names).
    if (!value.is_string()) return value;
    std::string s = value.get<std::string>();
    return (!s.empty() && s.back() == '.') ? s : s + ".";
  }
  if (filter == "int") {
    if (value.is_string()) {
      Json n = JsonNumber(value.get<std::string>());
      return n;
    }
    return value;
  }
  if (filter == "seconds_ms") return value.is_number() ? Json(value.get<int64_t>() * 1000) : value;
  if (filter.rfind("map:", 0) == 0) {
    // map:a=b,c=d   translates a value; unknown values pass unchanged.
    std::string key = value.is_string() ? value.get<std::string>() : value.dump();
    for (const auto& pair : Split(filter.substr(4), ',')) {
      size_t eq = pair.find('=');
      if (eq != std::string::npos && pair.substr(0, eq) == key) return pair.substr(eq + 1);
    }
    return value;
  }
  if (filter == "base64") {
    // Literal text only (user data): a value known only at run time stays as it is.
    if (!value.is_string()) return value;
    std::string in = value.get<std::string>();
    if (in.find(kMark) != std::string::npos || in.find(kRawMark) != std::string::npos) return value;
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
      unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
      for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(n >> k) & 63];
    }
    if (i < in.size()) {
      unsigned n = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
      out += '=';
    }
    return out;
  }
  if (filter == "entries") {
    // A map as a list of {key, value}, for `$each`.
    if (!value.is_object()) return value;
    Json out = Json::array();
    for (const auto& [k, v] : value.items()) out.push_back(Json{{"key", k}, {"value", v}});
    return out;
  }
  if (filter.rfind("prefix:", 0) == 0) {
    if (!value.is_string()) return value;
    return filter.substr(7) + value.get<std::string>();
  }
  throw std::runtime_error("stdlib/runbook: unknown filter `" + filter + "`");
}

// A template string. Exactly one placeholder keeps the value's type (a list, a number, a
// document); anything else is text with the placeholders spliced in. Null when a placeholder
// has no value: the caller drops the argument or key.
Json Emitter::EvalString(const std::string& tmpl, const Scope& scope) {
  if (tmpl.size() > 2 && tmpl.front() == '{' && tmpl.back() == '}' && tmpl.find('{', 1) == std::string::npos &&
      tmpl.find('}') == tmpl.size() - 1) {
    return Resolve(tmpl.substr(1, tmpl.size() - 2), scope);
  }
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    char c = tmpl[i];
    if (c == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (c == '}' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
      out += '}';
      i += 2;
      continue;
    }
    if (c == '{') {
      size_t end = tmpl.find('}', i);
      if (end == std::string::npos) throw std::runtime_error("stdlib/runbook: unclosed `{` in `" + tmpl + "`");
      Json v = Resolve(tmpl.substr(i + 1, end - i - 1), scope);
      if (v.is_null()) return nullptr;
      if (v.is_string()) {
        out += v.get<std::string>();
      } else if (v.is_array()) {
        std::string joined;
        for (const auto& x : v) {
          if (!joined.empty()) joined += ",";
          joined += x.is_string() ? x.get<std::string>() : x.dump();
        }
        out += joined;
      } else {
        out += v.dump();
      }
      i = end + 1;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

bool Emitter::When(const Json& spec, const Scope& scope) {
  if (spec.is_null()) return true;
  if (spec.is_array()) {
    for (const auto& s : spec) {
      if (!When(s, scope)) return false;
    }
    return true;
  }
  std::string cond = spec.get<std::string>();
  bool negate = !cond.empty() && cond[0] == '!';
  if (negate) cond = cond.substr(1);
  bool result;
  size_t eq = cond.find('=');
  if (eq != std::string::npos) {
    Json v = Resolve(cond.substr(0, eq), scope);
    std::string want = cond.substr(eq + 1);
    std::string have = v.is_string() ? v.get<std::string>() : (v.is_null() ? "" : v.dump());
    result = false;
    for (const auto& alt : Split(want, ',')) result = result || have == alt;
  } else {
    result = Truthy(Resolve(cond, scope));
  }
  return negate ? !result : result;
}

Json Emitter::EvalJson(const Json& tmpl, const Scope& scope) {
  if (tmpl.is_string()) return EvalString(tmpl.get<std::string>(), scope);
  if (tmpl.is_array()) {
    Json out = Json::array();
    for (const auto& item : tmpl) {
      if (item.is_object() && item.contains("$each")) {
        Json sub = EvalJson(item, scope);
        if (sub.is_array()) {
          for (auto& x : sub) out.push_back(x);
        }
        continue;
      }
      Json v = EvalJson(item, scope);
      if (!v.is_null()) out.push_back(v);
    }
    return out.empty() ? Json() : out;
  }
  if (tmpl.is_object()) {
    if (tmpl.contains("$when") && !When(tmpl["$when"], scope)) return nullptr;
    if (tmpl.contains("$each")) {
      std::string what = tmpl["$each"].get<std::string>();
      const Json& item = tmpl.at("$item");
      Json out = Json::array();
      const ir::Resource& r = *scope.resource;
      // A block type of the resource (or of the current block), else a list attribute.
      const std::vector<ir::Block>* blocks = scope.block != nullptr ? &scope.block->blocks : &r.blocks;
      const std::map<std::string, facts::BlockSchema>* schemas = nullptr;
      if (scope.block_schema != nullptr) {
        schemas = &scope.block_schema->blocks;
      } else if (r.schema != nullptr) {
        schemas = &r.schema->blocks;
      }
      if (schemas != nullptr && schemas->count(what)) {
        for (const auto& b : *blocks) {
          if (b.type != what) continue;
          Scope s;
          s.resource = scope.resource;
          s.block = &b;
          s.block_schema = &schemas->at(what);
          s.parent = &scope;
          Json v = EvalJson(item, s);
          if (!v.is_null()) out.push_back(v);
        }
        if (out.empty()) return nullptr;
        // "$first": a block that occurs once gives one object, not a list.
        return tmpl.value("$first", false) ? out[0] : out;
      }
      const ir::Attribute* a = scope.block != nullptr ? scope.block->Find(what) : r.Find(what);
      if (a != nullptr && a->value.kind == ir::Value::Kind::kList) {
        for (const auto& element : a->value.items) {
          Scope s = scope;
          s.item = &element;
          Json v = EvalJson(item, s);
          if (!v.is_null()) out.push_back(v);
        }
        return out.empty() ? Json() : out;
      }
      // A computed list: `{...}` placeholder.
      Json list = EvalString(what, scope);
      if (list.is_array()) {
        for (const auto& element : list) {
          Scope s = scope;
          s.item = nullptr;
          s.item_json = element;
          Json v = EvalJson(item, s);
          if (!v.is_null()) out.push_back(v);
        }
      }
      return out.empty() ? Json() : out;
    }
    if (tmpl.contains("$value")) return EvalJson(tmpl["$value"], scope);
    Json out = Json::object();
    for (const auto& [k, v] : tmpl.items()) {
      if (!k.empty() && k[0] == '$') continue;
      Json x = EvalJson(v, scope);
      if (!x.is_null()) out[k] = x;
    }
    if (out.empty() && !tmpl.value("$keep", false)) return nullptr;
    return out;
  }
  return tmpl;
}

Word Emitter::ToWord(const Json& value) {
  if (value.is_boolean()) return Word::Literal(value.get<bool>() ? "true" : "false");
  if (value.is_number()) return Word::Literal(value.dump());
  if (value.is_array() || value.is_object()) return JsonToWord(value);
  Word w;
  std::string s = value.is_string() ? value.get<std::string>() : std::string();
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == kMark || s[i] == kRawMark) {
      size_t end = s.find(kEnd, i);
      size_t index = 0;
      if (MarkerIndex(s, i + 1, end, vars_.size(), &index)) {
        w.AppendVar(vars_[index].name);
        i = end + 1;
        continue;
      }
      w.AppendLiteral(std::string(1, s[i]));  // not a marker of ours (source strings have none)
      ++i;
      continue;
    }
    size_t next = s.find_first_of(std::string{kMark, kRawMark}, i);
    if (next == std::string::npos) next = s.size();
    w.AppendLiteral(s.substr(i, next - i));
    i = next;
  }
  if (w.pieces.empty()) w = Word::Literal("");
  return w;
}

Word Emitter::JsonToWord(const Json& value) {
  std::string text = value.dump();
  Word w;
  size_t i = 0;
  const std::string mark = "\\u0001", raw = "\"\\u0003", end = "\\u0002";
  while (i < text.size()) {
    size_t m = text.find(mark, i);
    size_t r = text.find(raw, i);
    size_t next = std::min(m, r);
    if (next == std::string::npos) {
      w.AppendLiteral(text.substr(i));
      break;
    }
    w.AppendLiteral(text.substr(i, next - i));
    bool is_raw = next == r;
    size_t start = next + (is_raw ? raw.size() : mark.size());
    size_t stop = text.find(end, start);
    size_t index = 0;
    if (!MarkerIndex(text, start, stop, vars_.size(), &index)) {
      // Not a marker of ours (source strings have none): the escaped text as it is.
      w.AppendLiteral(text.substr(next, start - next));
      i = start;
      continue;
    }
    w.AppendVar(vars_[index].name, !is_raw && vars_[index].json_escape);
    i = stop + end.size() + (is_raw ? 1 : 0);  // a raw value also drops its closing quote
  }
  return w;
}

// ------------------------------------------------------------------------------------------------
// Commands

std::vector<Word> Emitter::AwsPrefix(const std::string& command, const ir::Resource& r) {
  // The same few commands for every resource: their words are split once.
  auto known = command_words_.find(command);
  if (known == command_words_.end()) {
    CommandWords prefix;
    prefix.words = {Word::Literal("aws")};
    std::vector<std::string> parts = Split(command, ' ');
    for (const auto& p : parts) prefix.words.push_back(Word::Literal(p));
    prefix.regional = !GlobalService(parts.front());
    known = command_words_.emplace(command, std::move(prefix)).first;
  }
  std::vector<Word> words;
  words.reserve(known->second.words.size() + 12);  // room for the arguments callers add
  words = known->second.words;
  if (known->second.regional) {
    words.push_back(Word::Literal("--region"));
    words.push_back(Word::Literal(RegionOf(r)));
  }
  ir::ResourceId account = AccountOf(r);
  used_accounts_.insert(account);
  if (multi_account_ && account != ir::kNoResource) {
    words.push_back(Word::Literal("--profile"));
    words.push_back(Word::Var(ProfileVar(account)));
  }
  return words;
}

std::vector<Word> Emitter::ArgsToWords(const Json& args, const Scope& scope, bool* dropped_required) {
  std::vector<Word> words;
  for (const auto& arg : args) {
    if (arg.is_array()) {
      std::string opt = arg.at(0).get<std::string>();
      if (arg.size() == 1) {
        words.push_back(Word::Literal(opt));
        continue;
      }
      // ["--opt", value, value...]: the option with every value that is present; a list value
      // gives one word per element.
      std::vector<Word> values;
      for (size_t i = 1; i < arg.size(); ++i) {
        Json v = EvalJson(arg.at(i), scope);
        if (v.is_null() || (v.is_array() && v.empty())) continue;
        if (v.is_array() && !arg.at(i).is_array()) {
          for (const auto& x : v) values.push_back(ToWord(x));
        } else {
          values.push_back(ToWord(v));
        }
      }
      if (values.empty()) continue;
      words.push_back(Word::Literal(opt));
      MoveAppend(words, values);
      continue;
    }
    if (!When(Field(arg, "when"), scope)) continue;
    if (arg.contains("flag")) {
      Json v = Resolve(arg["flag"].get<std::string>(), scope);
      if (v.is_null()) continue;
      std::string opt = Truthy(v) ? arg.value("on", std::string()) : arg.value("off", std::string());
      if (!opt.empty()) words.push_back(Word::Literal(opt));
      continue;
    }
    std::string opt = arg.value("opt", std::string());
    Json v;
    if (arg.contains("json")) {
      v = EvalJson(arg["json"], scope);
      if (v.is_null()) {
        if (arg.value("required", false) && dropped_required != nullptr) *dropped_required = true;
        continue;
      }
      words.push_back(Word::Literal(opt));
      words.push_back(JsonToWord(v));
      continue;
    }
    if (arg.contains("value")) {
      v = EvalJson(arg["value"], scope);
      if (v.is_null() || (v.is_array() && v.empty())) {
        if (arg.value("required", false) && dropped_required != nullptr) *dropped_required = true;
        continue;
      }
      if (!opt.empty()) words.push_back(Word::Literal(opt));
      if (v.is_array() && !arg["value"].is_array()) {
        for (const auto& x : v) words.push_back(ToWord(x));
      } else {
        words.push_back(ToWord(v));
      }
    }
  }
  return words;
}

std::string Emitter::AwsCommand(const Json& entry, const Scope& scope, size_t indent, bool* skipped) {
  const ir::Resource& r = *scope.resource;
  std::vector<Word> words = AwsPrefix(entry.at("cmd").get<std::string>(), r);
  bool dropped = false;
  std::vector<Word> args = ArgsToWords(Field(entry, "args"), scope, &dropped);
  for (const auto& a : Field(entry, "require")) {
    if (!Truthy(Resolve(a.get<std::string>(), scope))) dropped = true;
  }
  if (dropped) {
    *skipped = true;
    return "";
  }
  MoveAppend(words, args);
  if (entry.contains("query")) {
    Json q = EvalString(entry["query"].get<std::string>(), scope);
    words.push_back(Word::Literal("--query"));
    words.push_back(ToWord(q));
    words.push_back(Word::Literal("--output"));
    words.push_back(Word::Literal(entry.value("output", std::string("text"))));
  } else if (entry.contains("output")) {
    words.push_back(Word::Literal("--output"));
    words.push_back(Word::Literal(entry["output"].get<std::string>()));
  }
  std::string prefix, suffix;
  if (entry.contains("capture")) {
    std::string cap = entry["capture"].get<std::string>();
    std::string var;
    if (cap == "key") {
      var = OutputVar(r.id, KeyOutput(r.id));
    } else if (cap.rfind("out.", 0) == 0) {
      var = BaseVar(r.id) + "_" + VarName({cap.substr(4)});
    } else {
      var = BaseVar(r.id) + "_" + VarName({cap});
    }
    prefix = var + "=$(";
    suffix = ")";
  }
  bool tolerate = entry.contains("tolerate");
  if (tolerate && !prefix.empty()) {
    // The error text of the command itself, not of the assignment, goes to $TOPO_ERR.
    prefix += "{ ";
    suffix = "; } 2>\"$TOPO_ERR\")";
  }
  std::string body = RenderCommand(words, indent + (entry.contains("save") ? 2 : 0));
  if (entry.contains("save")) {
    Json file = EvalString(entry["save"].get<std::string>(), scope);
    body = "(umask 077 && " + body + " >\"$TOPO_SECRETS_DIR\"/" + ToWord(file).Render() + ")";
    helpers_.insert("secrets");
  }
  std::string line = prefix + body + suffix;
  if (prefix.empty() && (entry.value("quiet", false) || tolerate)) line += " >/dev/null";
  if (tolerate) {
    if (prefix.empty()) line += " 2>\"$TOPO_ERR\"";
    line += " || topo_tolerate " + ShellQuote(entry["tolerate"].get<std::string>());
  }
  return Indent(line, indent);
}

std::string Emitter::ProbeLine(const Json& probe, const Scope& scope, const std::string& var) {
  const ir::Resource& r = *scope.resource;
  std::vector<Word> words = AwsPrefix(probe.at("cmd").get<std::string>(), r);
  std::vector<Word> args = ArgsToWords(Field(probe, "args"), scope, nullptr);
  MoveAppend(words, args);
  words.push_back(Word::Literal("--query"));
  words.push_back(ToWord(EvalString(probe.at("query").get<std::string>(), scope)));
  words.push_back(Word::Literal("--output"));
  words.push_back(Word::Literal("text"));
  std::string line;
  if (probe.contains("missing")) {
    // The error text of the lookup itself goes to $TOPO_ERR ({ ...; } inside the substitution).
    line = var + "=$({ " + RenderCommand(words, 0) + "; } 2>\"$TOPO_ERR\") || topo_missing_ok " +
           ShellQuote(probe["missing"].get<std::string>());
  } else {
    line = var + "=$(" + RenderCommand(words, 0) + ")";
  }
  return line;
}

std::vector<std::string> Emitter::CommandLines(const Json& entry, const Scope& scope, size_t indent, bool each_done) {
  std::vector<std::string> lines;
  if (!each_done && !When(Field(entry, "when"), scope)) return lines;
  if (!each_done && entry.contains("each")) {
    // The entry runs once per item: for each item, the entry without its `when` and `each`.
    const Json& inner = entry;
    std::string what = entry["each"].get<std::string>();
    const ir::Resource& r = *scope.resource;
    const std::map<std::string, facts::BlockSchema>* schemas =
        scope.block_schema != nullptr ? &scope.block_schema->blocks : (r.schema ? &r.schema->blocks : nullptr);
    const std::vector<ir::Block>& blocks = scope.block != nullptr ? scope.block->blocks : r.blocks;
    if (schemas != nullptr && schemas->count(what)) {
      for (const auto& b : blocks) {
        if (b.type != what) continue;
        Scope s;
        s.resource = scope.resource;
        s.block = &b;
        s.block_schema = &schemas->at(what);
        s.parent = &scope;
        auto more = CommandLines(inner, s, indent, true);
        MoveAppend(lines, more);
      }
      return lines;
    }
    const ir::Attribute* a = scope.block != nullptr ? scope.block->Find(what) : r.Find(what);
    if (a != nullptr && a->value.kind == ir::Value::Kind::kList) {
      for (const auto& element : a->value.items) {
        Scope s = scope;
        s.item = &element;
        auto more = CommandLines(inner, s, indent, true);
        MoveAppend(lines, more);
      }
      return lines;
    }
    Json list = EvalString(what, scope);
    if (list.is_array()) {
      for (const auto& element : list) {
        Scope s = scope;
        s.item = nullptr;
        s.item_json = element;
        auto more = CommandLines(inner, s, indent, true);
        MoveAppend(lines, more);
      }
    }
    return lines;
  }
  if (entry.contains("comment")) {
    for (const auto& l : Wrap(entry["comment"].get<std::string>(), 94)) lines.push_back(Indent("# " + l, indent));
  }
  if (entry.contains("builtin")) {
    auto more = Builtin(entry["builtin"].get<std::string>(), scope, indent);
    MoveAppend(lines, more);
    return lines;
  }
  if (entry.contains("say")) {
    Json text = EvalString(entry["say"].get<std::string>(), scope);
    if (!text.is_null()) lines.push_back(Indent("topo_say " + ToWord(text).Render(), indent));
    return lines;
  }
  if (entry.contains("manual")) {
    const Json& m = entry["manual"];
    std::vector<Word> text;
    for (const auto& l : Field(m, "lines")) {
      Json t = EvalString(l.get<std::string>(), scope);
      if (!t.is_null()) text.push_back(ToWord(t));
    }
    Json title = EvalString(m.at("title").get<std::string>(), scope);
    std::string id = model_.DisplayName(scope.resource->id) + ":" + m.value("id", std::string("manual"));
    if (m.contains("unless")) {
      // Skipped when a check finds it already done (an identity already verified...).
      const Json& u = m["unless"];
      Json check = u;
      check["capture"] = "done";
      bool skipped = false;
      std::string cmd = AwsCommand(check, scope, indent, &skipped);
      lines.push_back(cmd);
      std::string var = BaseVar(scope.resource->id) + "_DONE";
      lines.push_back(Indent("if [ \"$" + var + "\" != " + ShellQuote(u.at("equals").get<std::string>()) + " ]; then",
                             indent));
      AddManual(lines, id, ToWord(title), text, m.value("link", std::string()), indent + 2);
      lines.push_back(Indent("fi", indent));
    } else {
      AddManual(lines, id, ToWord(title), text, m.value("link", std::string()), indent);
    }
    return lines;
  }
  if (entry.contains("cmd")) {
    bool skipped = false;
    std::string line = AwsCommand(entry, scope, indent, &skipped);
    if (!skipped) lines.push_back(line);
    return lines;
  }
  if (entry.contains("loop")) {
    // {"loop": {command with a query}, "do": [entries using {loop}]}: the command lists words
    // (ids); the entries run once for each.
    Json list = entry["loop"];
    list["capture"] = "list";
    bool skipped = false;
    std::string cmd = AwsCommand(list, scope, indent, &skipped);
    if (skipped) return lines;
    std::string var = BaseVar(scope.resource->id) + "_LIST";
    lines.push_back(cmd);
    lines.push_back(Indent("read -r -a " + var + "_ITEMS <<<\"$" + var + "\" || true", indent));
    lines.push_back(Indent("for topo_item in \"${" + var + "_ITEMS[@]}\"; do", indent));
    lines.push_back(Indent("  if topo_absent \"$topo_item\"; then continue; fi", indent));
    for (const auto& e : Field(entry, "do")) {
      auto more = CommandLines(e, scope, indent + 2);
      MoveAppend(lines, more);
    }
    lines.push_back(Indent("done", indent));
    return lines;
  }
  if (entry.contains("assign")) {
    // A shell variable from a template: `{"assign": "ZONE", "value": "..."}`.
    Json v = EvalJson(entry.at("value"), scope);
    std::string var = BaseVar(scope.resource->id) + "_" + VarName({entry["assign"].get<std::string>()});
    lines.push_back(Indent(var + "=" + (v.is_null() ? std::string("''") : ToWord(v).Render()), indent));
    return lines;
  }
  return lines;
}

void Emitter::AddManual(std::vector<std::string>& lines, const std::string& id, const std::string& title,
                        const std::vector<Word>& text, const std::string& link, size_t indent) {
  AddManual(lines, id, Word::Literal(title), text, link, indent);
}

void Emitter::AddManual(std::vector<std::string>& lines, const std::string& id, const Word& title,
                        const std::vector<Word>& text, const std::string& link, size_t indent) {
  int number = ++manual_count_;
  // The title may hold run-time values (a parameter, an id): a word like any other.
  Word safe_title;
  for (const auto& p : title.pieces) {
    if (p.kind == Word::Piece::Kind::kLiteral) {
      std::string text = p.text;  // one line: control characters become spaces (kept, not trimmed)
      for (auto& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
      }
      safe_title.AppendLiteral(text);
    } else {
      safe_title.AppendVar(p.text);
    }
  }
  lines.push_back(Indent("if topo_manual_open " + std::to_string(number) + " " + ShellQuote(id) + " " +
                             safe_title.Render() + "; then",
                         indent));
  for (const auto& w : text) lines.push_back(Indent("  topo_say " + w.Render(), indent));
  if (!link.empty()) lines.push_back(Indent("  topo_say " + ShellQuote("   See: " + link), indent));
  lines.push_back(Indent("  topo_manual_done " + std::to_string(number) + " " + ShellQuote(id) + " " +
                             (Blocking(current_) ? "blocking" : "deferrable"),
                         indent));
  lines.push_back(Indent("fi", indent));
}

// ------------------------------------------------------------------------------------------------
// Sections

Section Emitter::ManualSection(const ir::Resource& r) {
  Section s;
  s.manual = true;
  const ir::Attribute* title = r.Find("title");
  const ir::Attribute* instructions = r.Find("instructions");
  const ir::Attribute* link = r.Find("link");
  Scope scope;
  scope.resource = &r;
  std::string title_text = title != nullptr ? ToWord(ValueToJson(title->value)).literal() : r.name;
  std::vector<Word> text;
  if (instructions != nullptr) {
    Json v = ValueToJson(instructions->value);
    if (v.is_string()) {
      for (const auto& line : Split(v.get<std::string>(), '\n')) text.push_back(ToWord(Json("   " + line)));
    }
  }
  std::string link_text;
  if (link != nullptr && link->value.kind == ir::Value::Kind::kString) link_text = link->value.text;
  if (mode_ == Mode::kRunbook) AddManual(s.configure, model_.DisplayName(r.id), title_text, text, link_text, 0);
  s.title = "manual step: " + CommentText(title_text);
  return s;
}

Section Emitter::BuildSection(ir::ResourceId id, int part) {
  const ir::Resource& r = model_.at(id);
  current_ = id;
  Scope scope;
  scope.resource = &r;
  Section s;
  s.resource = id;
  s.part = part;
  s.id = model_.DisplayName(id);
  s.kind_title = r.schema != nullptr ? r.schema->title : r.kind;
  std::string where = r.is_global() ? std::string("global") : r.region;
  if (multi_account_ && AccountOf(r) != ir::kNoResource) where = "account " + model_.at(AccountOf(r)).name + ", " + where;
  s.title = s.kind_title + " (" + where + ")";
  if (const ir::Attribute* d = r.Find("description")) {
    if (d->value.kind == ir::Value::Kind::kString) {
      for (const auto& l : Wrap(d->value.text, 94)) s.comments.push_back(l);
    }
  }
  if (r.range.valid()) s.comments.push_back("source: " + context_.sources.Describe(r.range));

  if (part == 1) {
    s.title = "rules of " + s.id;
    auto lines = Builtin(mode_ == Mode::kRunbook ? "sg_rules" : "sg_rules_revoke", scope, mode_ == Mode::kRunbook ? 0 : 2);
    if (mode_ == Mode::kRunbook) {
      s.configure = lines;
    } else {
      s.del = lines;
      s.key_var = OutputVar(id, KeyOutput(id));
    }
    return s;
  }
  if (r.kind == "manual_step") {
    Section m = ManualSection(r);
    m.resource = id;
    m.id = s.id;
    m.comments = s.comments;
    return m;
  }
  const Json* spec = Spec(r);
  if (spec != nullptr && spec->contains("skip") && When(Field(*spec, "skip_when"), scope)) {
    s.comment_only = true;
    for (const auto& l : Wrap(EvalString((*spec)["skip"].get<std::string>(), scope).get<std::string>(), 94)) {
      s.comments.push_back(l);
    }
    return s;
  }
  if (spec == nullptr || spec->contains("manual")) {
    if (!warned_.count(id)) {
      warned_.insert(id);
      Warn(DiagKind::kRunbookCannotCreate, r, r.kind, r.name);
    }
    s.manual = true;
    if (mode_ == Mode::kRunbook) {
      Json m = spec != nullptr ? (*spec)["manual"]
                               : Json{{"title", "Create " + s.kind_title + " `" + r.name + "` by hand"},
                                      {"lines", Json::array({"   topo has no AWS CLI mapping for this kind; create it in "
                                                             "the console as the source describes."})}};
      m["id"] = "create";
      auto lines = CommandLines(Json{{"manual", m}}, scope, 0);
      s.configure = lines;
    }
    return s;
  }

  s.key_var = OutputVar(id, KeyOutput(id));
  if (mode_ == Mode::kRunbook) {
    bool has_probe = spec->contains("probe") && !(*spec)["probe"].is_null();
    if (has_probe) s.probe = ProbeLine((*spec)["probe"], scope, s.key_var);
    for (const auto& entry : Field(*spec, "create")) {
      auto lines = CommandLines(entry, scope, has_probe ? 2 : 0);
      MoveAppend(s.create, lines);
    }
    for (const auto& entry : Field(*spec, "configure")) {
      auto lines = CommandLines(entry, scope, 0);
      MoveAppend(s.configure, lines);
    }
    for (const auto& [attr, why] : Field(*spec, "ignored").items()) {
      if (r.Find(attr) != nullptr) {
        Warn(DiagKind::kRunbookSettingIgnored, r, attr);
        s.comments.push_back("not applied: `" + attr + "`: " + why.get<std::string>());
      }
    }
  } else {
    if (spec->contains("probe") && !(*spec)["probe"].is_null()) {
      s.probe = ProbeLine((*spec)["probe"], scope, s.key_var);
    }
    // What a teardown never deletes: the source retains it (the kind's default for stateful
    // kinds), or the kind's spec says so.
    const facts::Attribute* retain_schema = r.schema != nullptr ? r.schema->FindAttribute("retain") : nullptr;
    if (retain_schema != nullptr) {
      Json retain = AttributeJson(scope, "retain", {});
      if (Truthy(retain)) {
        s.keep_reason = r.Find("retain") != nullptr ? "retain = true in the source"
                                                    : "retained by default (`retain = false` allows deleting it)";
      } else {
        s.data_warning = spec->value("data", std::string("its data"));
      }
    }
    if (spec->contains("data") && s.data_warning.empty() && s.keep_reason.empty()) {
      s.data_warning = (*spec)["data"].get<std::string>();
    }
    if (spec->contains("keep")) s.keep_reason = (*spec)["keep"].get<std::string>();
    for (const auto& entry : Field(*spec, "delete")) {
      auto lines = CommandLines(entry, scope, s.probe.empty() ? 0 : 2);
      MoveAppend(s.del, lines);
    }
  }
  return s;
}

std::vector<std::string> Emitter::OutputLines(ir::ResourceId id, const std::string& output) {
  const ir::Resource& r = model_.at(id);
  Scope scope;
  scope.resource = &r;
  std::string var = BaseVar(id) + "_" + VarName({output});
  const Json* spec = Spec(r);
  if (spec != nullptr && spec->contains("outputs") && (*spec)["outputs"].contains(output)) {
    const Json& o = (*spec)["outputs"][output];
    if (o.is_string()) {
      Json v = EvalString(o.get<std::string>(), scope);
      return {var + "=" + (v.is_null() ? std::string("''") : ToWord(v).Render())};
    }
    if (o.contains("builtin")) return Builtin(o["builtin"].get<std::string>(), scope, 0);
    Json entry = o;
    entry["capture"] = "out." + output;
    return CommandLines(entry, scope, 0);
  }
  if (output == "name") {
    return {var + "=" + ToWord(PhysicalName(r)).Render()};
  }
  if (!missing_outputs_.count({id, output})) {
    missing_outputs_.insert({id, output});
    Warn(DiagKind::kRunbookOutputUnknown, r, output, r.kind);
  }
  return {"# topo cannot read `" + CommentText(output) + "` of " + model_.DisplayName(id) + " with the AWS CLI",
          var + "=''"};
}

void Emitter::FillOutputs(std::vector<Section>& sections) {
  std::map<ir::ResourceId, std::set<std::string>> done;
  std::map<ir::ResourceId, Section*> main;
  for (auto& s : sections) {
    if (s.part == 0 && s.resource != ir::kNoResource) main[s.resource] = &s;
  }
  bool changed = true;
  while (changed) {
    changed = false;
    auto needed = needed_;
    for (const auto& [id, outputs] : needed) {
      for (const auto& output : outputs) {
        if (done[id].count(output)) continue;
        done[id].insert(output);
        changed = true;
        auto lines = OutputLines(id, output);
        auto it = main.find(id);
        if (it != main.end()) MoveAppend(it->second->outputs, lines);
      }
    }
  }
}

void Emitter::Warn(DiagKind kind, const ir::Resource& r, const std::string& a, const std::string& b) {
  SourceRange range = r.name_range.valid() ? r.name_range : r.range;
  if (kind == DiagKind::kRunbookCannotCreate) {
    Diagnostic& d = sink_.Report(kind, range, a, b);
    d.help = "the runbook prints it as a numbered manual step; create it in the console";
  } else if (kind == DiagKind::kRunbookSettingIgnored) {
    sink_.Report(kind, range, a, r.kind, r.name);
  } else {
    sink_.Report(kind, range, a, b, r.name);
  }
}

// ------------------------------------------------------------------------------------------------
// Rendering

std::string Emitter::Template(const std::string& name) const {
  std::string path = "templates/runbook/" + name + ".mustache";
  for (const auto& f : embedded::Files()) {
    if (f.path == path) return std::string(f.contents);
  }
  throw std::runtime_error("missing embedded template " + path);
}

OutputFiles Emitter::Run() {
  LoadSpecs();
  spec_of_.assign(model_.resources.size(), nullptr);
  spec_known_.assign(model_.resources.size(), false);
  int accounts = 0;
  for (const auto& r : model_.resources) accounts += r.kind == "account" ? 1 : 0;
  multi_account_ = accounts > 1;
  // Shell variable prefixes, one per resource, unique even when names only differ in punctuation.
  std::set<std::string> taken;
  for (const auto& r : model_.resources) {
    std::vector<std::string> parts = {r.kind, r.name};
    if (r.name_shared && r.account != ir::kNoResource) parts.push_back(model_.at(r.account).name);
    std::string base = VarName(parts);
    if (base.rfind("TOPO_", 0) == 0) base = "R_" + base;
    std::string v = base;
    for (int i = 2; taken.count(v); ++i) v = base + "_" + std::to_string(i);
    taken.insert(v);
    base_vars_[r.id] = v;
  }
  Order();

  OutputFiles files;
  for (Mode mode : {Mode::kRunbook, Mode::kTeardown}) {
    mode_ = mode;
    needed_.clear();
    used_vars_.clear();
    used_accounts_.clear();
    manual_count_ = 0;
    helpers_.clear();
    std::vector<Section> sections;
    sections.reserve(order_.size());
    for (const auto& [id, part] : order_) {
      Section s = BuildSection(id, part);
      // A group's rules that can follow it directly stay in its own section.
      if (part == 1 && !sections.empty() && sections.back().resource == id && sections.back().part == 0) {
        if (mode == Mode::kRunbook) {
          MoveAppend(sections.back().configure, s.configure);
          continue;
        }
      }
      if (part == 1 && mode == Mode::kTeardown && s.del.empty()) continue;
      sections.push_back(std::move(s));
    }
    FillOutputs(sections);
    if (mode == Mode::kRunbook) {
      files["runbook.sh"] = RenderRunbook(sections);
    } else {
      files["teardown.sh"] = RenderTeardown(sections);
    }
  }
  return files;
}

namespace {

constexpr std::string_view kRule =
    "# ------------------------------------------------------------------------------------------------\n";

// Appends `text` to `out` keeping at most two newlines in a row (at most one empty line),
// counting the newlines `out` already ends with. Every piece of a script goes through it: the
// steps leave empty lines where their optional parts are missing, and keeping the script compact
// as it grows saves a pass over megabytes of text.
void Put(std::string& out, std::string_view text) {
  if (text.find('\n') == std::string_view::npos) {
    out.append(text);
    return;
  }
  size_t trailing = 0;
  while (trailing < 2 && trailing < out.size() && out[out.size() - 1 - trailing] == '\n') ++trailing;
  size_t from = std::min(text.find_first_not_of('\n'), text.size());
  out.append(std::min(from, 2 - trailing), '\n');
  while (from < text.size()) {
    size_t run = text.find("\n\n\n", from);
    if (run == std::string_view::npos) {
      out.append(text.substr(from));
      break;
    }
    out.append(text.substr(from, run + 2 - from));  // the text and the first two newlines of the run
    from = std::min(text.find_first_not_of('\n', run), text.size());
  }
}

void Put(std::string& out, char c) {
  if (c == '\n' && out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') return;
  out += c;
}

// The steps reproduce the text of the Mustache sections they once were: a section that is
// false or an empty list, alone on its lines, left one empty line behind (kainjow's handling of
// standalone lines), hence the '\n' for a missing part.
void PutLines(std::string& out, const std::vector<std::string>& lines) {
  if (lines.empty()) Put(out, '\n');
  for (const auto& l : lines) {
    Put(out, l);
    Put(out, '\n');
  }
}

size_t LinesSize(const std::vector<std::string>& lines) {
  size_t n = 0;
  for (const auto& l : lines) n += l.size() + 1;
  return n;
}

// About the size of a step's text, to reserve the script at once.
size_t SectionSize(const Section& s) {
  return 400 + s.id.size() * 4 + s.title.size() + s.probe.size() + s.key_var.size() * 4 + LinesSize(s.comments) +
         LinesSize(s.create) + LinesSize(s.configure) + LinesSize(s.outputs) + LinesSize(s.del);
}

}  // namespace

// The heading of a step: a blank line, the numbered title and comments between rules, and the
// topo_step call.
void Emitter::AppendHeading(std::string& out, const Section& s, int number) {
  std::string n = std::to_string(number);
  Put(out, '\n');
  Put(out, kRule);
  Put(out, "# ");
  Put(out, CommentText(n + ". " + s.id + ": " + s.title));
  Put(out, '\n');
  if (s.comments.empty()) Put(out, '\n');
  for (const auto& c : s.comments) {
    Put(out, "# ");
    Put(out, CommentText(c));
    Put(out, '\n');
  }
  Put(out, kRule);
  Put(out, "topo_step ");
  Put(out, n);
  Put(out, ' ');
  Put(out, ShellQuote(s.id));
  Put(out, '\n');
}

// One step of runbook.sh: the lookup with the create lines it guards (or create lines that
// always run), then the configure and output lines. Written here rather than in the template:
// a template section per step meant a JSON object and a Mustache data tree per step, most of
// the emitter's time.
void Emitter::RunbookSection(std::string& out, const Section& s, int number) {
  AppendHeading(out, s, number);
  if (!s.probe.empty()) {
    Put(out, s.probe);
    Put(out, "\nif topo_absent \"$");
    Put(out, s.key_var);
    Put(out, "\"; then\n");
    PutLines(out, s.create);
    Put(out, "  echo \"   created: $");
    Put(out, s.key_var);
    Put(out, "\"\nelse\n  echo \"   exists, reused: $");
    Put(out, s.key_var);
    Put(out, "\"\nfi\n\n");
  } else {
    Put(out, '\n');
    PutLines(out, s.create);
  }
  PutLines(out, s.configure);
  PutLines(out, s.outputs);
}

// One step of teardown.sh: kept (`keep` says why), deleted when found (asking first when it
// holds data), or lines that run as they are.
void Emitter::TeardownSection(std::string& out, const Section& s, int number, const std::string* keep) {
  AppendHeading(out, s, number);
  if (keep != nullptr) {
    Put(out, "topo_say ");
    Put(out, ShellQuote("   kept: " + *keep));
    Put(out, "\n\n\n");
  } else if (!s.probe.empty()) {
    Put(out, "\nif topo_absent \"$");
    Put(out, s.key_var);
    Put(out, "\"; then\n  echo \"   not found: nothing to delete\"\n");
    if (!s.data_warning.empty()) {
      Put(out, "elif ! topo_confirm_data ");
      Put(out, ShellQuote(s.id));
      Put(out, ' ');
      Put(out, ShellQuote(s.data_warning));
      Put(out, "; then\n  echo \"   kept\"\n");
    } else {
      Put(out, '\n');
    }
    Put(out, "else\n");
    PutLines(out, s.del);
    Put(out, "  echo \"   deleted\"\nfi\n\n");
  } else {
    Put(out, "\n\n");
    PutLines(out, s.del);
  }
}

std::string Emitter::RenderRunbook(const std::vector<Section>& sections) {
  Json h = Header();
  Json inventory = Json::array();
  size_t size = 0;
  int number = 0;
  for (const auto& s : sections) {
    ++number;
    inventory.push_back(CommentText(std::to_string(number) + ". " + s.id + (s.manual ? " (manual)" : "") +
                                    (s.comment_only ? " (nothing to run)" : "")));
    size += SectionSize(s);
  }
  h["inventory"] = std::move(inventory);
  h["step_count"] = std::to_string(number);
  h["manual_count"] = std::to_string(manual_count_);
  h["script"] = "runbook.sh";
  h["run_id"] = used_vars_.count("TOPO_RUN_ID") > 0;
  h["secrets"] = helpers_.count("secrets") > 0;
  h["ses_smtp_helper"] = helpers_.count("ses_smtp") > 0;
  h["cname_batch"] = helpers_.count("cname_batch") > 0;
  return Render("runbook.sh", h, size, {{"sections", [&](std::string& out) {
                                           int n = 0;
                                           for (const auto& s : sections) RunbookSection(out, s, ++n);
                                         }}});
}

std::string Emitter::RenderTeardown(const std::vector<Section>& forward) {
  // Kept: what the source retains, and everything a kept resource needs to exist.
  std::map<ir::ResourceId, std::string> kept;
  for (const auto& s : forward) {
    if (s.part == 0 && !s.keep_reason.empty()) kept[s.resource] = s.keep_reason;
  }
  std::vector<std::vector<size_t>> edges_from;  // built on first use: most estates keep nothing
  for (auto it = forward.rbegin(); it != forward.rend(); ++it) {
    if (it->part != 0 || !kept.count(it->resource)) continue;
    if (edges_from.empty()) {
      edges_from.resize(model_.resources.size());
      for (size_t i = 0; i < model_.edges.size(); ++i) {
        ir::ResourceId from = model_.edges[i].from;
        if (from != ir::kNoResource) edges_from[static_cast<size_t>(from)].push_back(i);
      }
    }
    for (size_t i : edges_from[static_cast<size_t>(it->resource)]) {
      const ir::Edge& e = model_.edges[i];
      if (e.via == "before" || e.via == "rule" || e.to == e.from) continue;
      const ir::Resource& t = model_.at(e.to);
      if (IsScopeKind(t) || t.kind == "manual_step" || kept.count(e.to)) continue;
      kept[e.to] = "needed by " + model_.DisplayName(e.from) + ", which is kept";
    }
  }
  Json h = Header();
  size_t size = 0;
  Json kept_lines = Json::array();
  int number = 0;
  for (auto it = forward.rbegin(); it != forward.rend(); ++it) {
    const Section& s = *it;
    size += SectionSize(s) * 2;  // the lookup and the step
    if (s.manual || s.comment_only) continue;
    ++number;
    auto k = kept.find(s.resource);
    if (k != kept.end() && s.part == 0) kept_lines.push_back(CommentText(s.id + ": " + k->second));
  }
  h["kept"] = std::move(kept_lines);
  h["step_count"] = std::to_string(number);
  h["manual_count"] = std::to_string(manual_count_);
  h["script"] = "teardown.sh";
  h["run_id"] = used_vars_.count("TOPO_RUN_ID") > 0;
  h["teardown"] = true;
  h["secrets"] = helpers_.count("secrets") > 0;
  auto lookups = [&](std::string& out) {
    for (const auto& s : forward) {
      if (s.probe.empty() && s.outputs.empty()) continue;
      Put(out, "# ");
      Put(out, CommentText(s.id));
      Put(out, '\n');
      Put(out, s.probe);
      Put(out, '\n');
      if (!s.probe.empty() && !s.key_var.empty()) {
        Put(out, "topo_found ");
        Put(out, ShellQuote(s.id));
        Put(out, " \"$");
        Put(out, s.key_var);
        Put(out, '"');
      }
      Put(out, '\n');
      PutLines(out, s.outputs);
    }
  };
  auto steps = [&](std::string& out) {
    int n = 0;
    for (auto it = forward.rbegin(); it != forward.rend(); ++it) {
      const Section& s = *it;
      if (s.manual || s.comment_only) continue;
      auto k = kept.find(s.resource);
      TeardownSection(out, s, ++n, k != kept.end() && s.part == 0 ? &k->second : nullptr);
    }
  };
  return Render("teardown.sh", h, size, {{"lookups", lookups}, {"sections", steps}});
}

Json Emitter::Header() {
  Json h;
  h["organization"] = CommentText(model_.organization);
  std::set<std::string> inputs;
  for (const auto& r : model_.resources) {
    if (r.range.valid()) inputs.insert(context_.sources.file(r.range.file).path());
  }
  std::vector<std::string> input_list(inputs.begin(), inputs.end());
  h["inputs"] = CommentText(Join(input_list, ", "));
  std::string safe_org;
  for (char c : model_.organization) safe_org += (isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  if (safe_org.empty()) safe_org = "topo";
  h["state_file"] = safe_org + ".runbook-state";
  h["secrets_dir"] = safe_org + "-secrets";
  h["multi_account"] = multi_account_;

  // Accounts whose credentials the script uses.
  Json accounts = Json::array();
  std::vector<ir::ResourceId> account_ids;
  for (const auto& r : model_.resources) {
    if (r.kind == "account") account_ids.push_back(r.id);
  }
  auto add_account = [&](ir::ResourceId a) {
    Json j;
    std::string var = a == ir::kNoResource ? "TOPO_ACCOUNT_ID" : VarName({"TOPO_ACCOUNT", model_.at(a).name, "ID"});
    if (!used_accounts_.count(a) && !used_vars_.count(var)) return;
    j["account_var"] = var;
    j["name"] = a == ir::kNoResource ? CommentText(model_.organization) : CommentText(model_.at(a).name);
    j["name_dq"] = DoubleQuoted(Word::Literal(j["name"].get<std::string>()));
    if (multi_account_ && a != ir::kNoResource) {
      const ir::Resource& acc = model_.at(a);
      std::string profile = acc.name;
      if (const ir::Attribute* p = acc.Find("profile")) {
        if (p->value.kind == ir::Value::Kind::kString) profile = p->value.text;
      }
      j["profile_flag"] = true;
      j["profile_var"] = ProfileVar(a);
      j["profile"] = CommentText(profile);
      j["profile_assign"] = ProfileVar(a) + "=${" + ProfileVar(a) + ":-" + ShellQuote(profile) + "}";
    }
    if (a != ir::kNoResource) {
      if (const ir::Attribute* id = model_.at(a).Find("id")) {
        Json v = ValueToJson(id->value);
        if (!v.is_null()) {
          j["expected_id"] = ToWord(v).Render();
          j["expected_msg"] = DoubleQuoted(ToWord(v));
          std::string test = "[ \"$" + var + "\" != " + ToWord(v).Render() + " ]";
          if (id->value.kind == ir::Value::Kind::kParam) {
            j["expected_hint"] = "set " + ParamVar(id->value.text);
            // A default account id is a placeholder of the source: compared only when the
            // variable was given.
            const ir::Param* p = model_.FindParam(id->value.text);
            if (p != nullptr && p->has_default) {
              std::string given = VarName({"TOPO_GIVEN", id->value.text});
              given_params_[ParamVar(id->value.text)] = given;
              test = "[ \"${" + given + ":-}\" = yes ] && " + test;
            }
          }
          j["expected_test"] = test;
        }
      }
    }
    j["say"] = "topo_say " + ShellQuote("account " + CommentText(j["name"].get<std::string>()) + ": ") + "\"$" + var + "\"";
    accounts.push_back(j);
  };
  if (account_ids.empty()) {
    add_account(ir::kNoResource);
  } else {
    for (auto a : account_ids) add_account(a);
  }
  h["accounts"] = accounts;

  // Parameters the script reads, in declaration order.
  Json params = Json::array();
  for (const auto& p : model_.params) {
    std::string var = ParamVar(p.name);
    if (!used_vars_.count(var)) continue;
    Json j;
    j["var"] = var;
    std::string description = p.description.empty() ? std::string("parameter `") + p.name + "`" : p.description;
    j["description"] = CommentText(description);
    bool has_default = p.has_default && !p.secret;
    Word def;
    if (has_default) {
      Json v = ValueToJson(p.default_value);
      def = ToWord(v.is_string() || v.is_number() || v.is_boolean() ? v : Json(v.dump()));
      j["has_default"] = true;
      auto given = given_params_.find(var);
      if (given != given_params_.end()) j["given"] = given->second + "=${" + var + ":+yes}";
      j["default"] = CommentText(def.Render());
      j["assign"] = var + "=${" + var + ":-" + def.Render() + "}";
    } else {
      j["required"] = true;
      std::string what = p.secret ? "secret, " : "";
      j["check"] = "[ -n \"${" + var + ":-}\" ] || topo_problems+=(" +
                   ShellQuote(var + " is not set (" + what + CommentText(description) + ")") + ")";
      j["dry_assign"] = var + "=${" + var + ":-dry-run}";
    }
    params.push_back(j);
  }
  h["params"] = params;

  return h;
}

std::string Emitter::Render(const std::string& name, const Json& data, size_t size, const std::vector<Part>& parts) const {
  using kainjow::mustache::mustache;
  std::function<kainjow::mustache::data(const Json&)> convert = [&](const Json& j) -> kainjow::mustache::data {
    if (j.is_object()) {
      kainjow::mustache::data d{kainjow::mustache::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, convert(v));
      return d;
    }
    if (j.is_array()) {
      kainjow::mustache::data d{kainjow::mustache::data::type::list};
      for (const auto& v : j) d.push_back(convert(v));
      return d;
    }
    if (j.is_boolean()) return j.get<bool>() ? kainjow::mustache::data::type::bool_true : kainjow::mustache::data::type::bool_false;
    if (j.is_string()) return kainjow::mustache::data{j.get<std::string>()};
    if (j.is_null()) return kainjow::mustache::data::type::bool_false;
    return kainjow::mustache::data{j.dump()};
  };
  kainjow::mustache::data d = convert(data);
  d.set("helpers", kainjow::mustache::data{Template("helpers")});
  d.set("prereqs", kainjow::mustache::data{Template("prereqs")});
  // The parts (the steps, megabytes for a large estate) are written straight into the script
  // where the rendered skeleton has their marker, not passed through Mustache, which copies a
  // value several times. The template gives each a line of its own; a line that is exactly the
  // marker can come from nowhere else, since every line with a value from the source starts
  // with fixed text.
  auto marker = [](const std::string& key) { return "\x01topo:" + key + "\x02"; };
  for (const auto& part : parts) d.set(part.key, kainjow::mustache::data{marker(part.key)});
  mustache tmpl{Template(name)};
  // Values arrive already quoted for the shell (ShellQuote) or made comment-safe (CommentText).
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string skeleton = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  // Sections leave empty lines where their optional parts are missing: Put keeps at most one.
  // (No text of the script spans lines: values are quoted on one line.)
  std::string out;
  out.reserve(skeleton.size() + size);
  std::string_view rest = skeleton;
  for (const auto& part : parts) {
    std::string line = "\n" + marker(part.key) + "\n";
    size_t at = rest.find(line);
    if (at == std::string_view::npos) throw std::runtime_error("template " + name + ": no line `{{" + part.key + "}}`");
    Put(out, rest.substr(0, at + 1));
    part.write(out);
    rest = rest.substr(at + line.size() - 1);
  }
  Put(out, rest);
  return out;
}

}  // namespace topo::emit::runbook
