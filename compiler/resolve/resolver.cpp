#include "resolve/resolver.h"

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "base/strings.h"

namespace topo::resolve {

namespace {

using ast::Value;

const std::set<std::string> kScopeKeywords = {"organization", "account", "region"};

struct Context {
  ir::ResourceId account = ir::kNoResource;
  std::string region;
  SourceRange region_range;
  ir::ResourceId parent = ir::kNoResource;
};

// What phase B needs to lower a resource: its AST block and the context it was declared in.
struct Pending {
  const ast::Block* block = nullptr;
  Context context;
  const Value* in = nullptr;
};

struct SymbolKey {
  std::string kind;
  std::string name;
  bool operator==(const SymbolKey& o) const { return kind == o.kind && name == o.name; }
};
struct SymbolKeyHash {
  size_t operator()(const SymbolKey& k) const { return std::hash<std::string>()(k.kind) * 31 ^ std::hash<std::string>()(k.name); }
};

class Resolver {
 public:
  Resolver(const facts::Catalog& catalog, DiagSink& sink) : catalog_(catalog), sink_(sink) {}

  ir::Model Run(const std::vector<const ast::File*>& files) {
    for (const ast::File* file : files) DeclareTop(file->body);
    if (model_.organization_id == ir::kNoResource && !model_.resources.empty()) {
      // Not fatal for resolution; reported once, at the first resource.
      Diagnostic& d = sink_.Report(DiagKind::kOrganizationProblem, model_.resources.front().name_range,
                                   "the topology has no `organization` block");
      d.help = "add `organization NAME { default_region = \"us-east-1\" }` to one file";
    }
    ChooseDefaultAccount();
    // Accounts first: name lookup and uniqueness depend on the account a resource ends up in.
    for (size_t i = 0; i < model_.resources.size(); ++i) PlaceAccount(static_cast<ir::ResourceId>(i));
    CheckDuplicateNames();
    for (size_t i = 0; i < model_.resources.size(); ++i) LowerResource(static_cast<ir::ResourceId>(i));
    for (size_t i = 0; i < model_.resources.size(); ++i) PlaceRegion(static_cast<ir::ResourceId>(i));
    MarkSharedNames();
    return std::move(model_);
  }

 private:
  // ---- phase A: declarations ----

  void DeclareTop(const ast::Body& body) {
    for (const auto& p : body.params) DeclareParam(p);
    for (const auto& a : body.attributes) {
      sink_.Report(DiagKind::kMisplacedBlock, a.key_range, fmt::format("attribute `{}` is outside any block", a.key))
          .help = "attributes belong inside a block, e.g. `organization NAME { ... }`";
    }
    for (const auto& r : body.rules) {
      sink_.Report(DiagKind::kMisplacedBlock, r.range, "an `allow` rule is outside any security group")
          .help = "put `allow` rules inside a `security_group` block";
    }
    DeclareBlocks(body, Context{});
  }

  void DeclareParam(const ast::Param& p) {
    if (params_.count(p.name)) {
      Diagnostic& d = sink_.Report(DiagKind::kDuplicateParam, p.name_range, p.name);
      d.labels.push_back({model_.params[params_[p.name]].range, "first defined here"});
      return;
    }
    ir::Param param;
    param.name = p.name;
    param.type = p.type.empty() ? "string" : p.type;
    param.range = p.name_range;
    if (param.type == "secret") {
      param.secret = true;
    } else if (!facts::ParseType(param.type) || param.type.find("ref<") != std::string::npos) {
      std::string close = ClosestMatch(p.type, {"string", "number", "int", "bool", "cidr", "secret", "list<string>"});
      Diagnostic& d = sink_.Report(DiagKind::kUnknownParamType, p.type_range, p.type,
                                   close.empty() ? std::string() : "; did you mean `" + close + "`?");
      d.help = "parameter types are string, number, int, bool, cidr, secret, list<T> and map<T>";
    }
    if (p.has_default) {
      param.has_default = true;
      if (param.secret) {
        sink_.Report(DiagKind::kSecretLiteral, p.default_value.range, p.name).help =
            "a secret has no default; give its value when deploying (TF_VAR_, a NoEcho parameter, an environment variable)";
      }
      param.default_value = LowerLiteral(p.default_value);
    }
    for (const auto& a : p.attributes) {
      if (a.key == "description" && a.value.kind == Value::Kind::kString) {
        param.description = a.value.text;
      } else {
        std::string close = ClosestMatch(a.key, {"description"});
        sink_.Report(DiagKind::kUnknownAttribute, a.key_range, "a parameter", a.key,
                     close.empty() ? std::string() : "; did you mean `" + close + "`?");
      }
    }
    params_[p.name] = model_.params.size();
    model_.params.push_back(std::move(param));
  }

  void DeclareBlocks(const ast::Body& body, const Context& context) {
    for (const auto& b : body.blocks) DeclareBlock(b, context);
  }

  void DeclareBlock(const ast::Block& b, const Context& context) {
    if (b.kind == "region") return DeclareRegion(b, context);
    if (b.kind == "organization") return DeclareOrganization(b, context);
    const facts::Kind* kind = catalog_.FindKind(b.kind);
    const facts::Kind* parent_kind =
        context.parent == ir::kNoResource ? nullptr : model_.at(context.parent).schema;
    if (parent_kind != nullptr && parent_kind->blocks.count(b.kind)) return;  // structural; lowered with the parent
    if (kind == nullptr || (kind->placement == facts::Placement::kScope && b.kind != "account")) {
      std::vector<std::string> candidates = catalog_.kind_names();
      candidates.insert(candidates.end(), {"organization", "account", "region"});
      if (parent_kind != nullptr) {
        for (const auto& [name, schema] : parent_kind->blocks) candidates.push_back(name);
      }
      std::string close = ClosestMatch(b.kind, candidates);
      Diagnostic& d = sink_.Report(DiagKind::kUnknownKind, b.kind_range, b.kind,
                                   close.empty() ? std::string() : "; did you mean `" + close + "`?");
      if (parent_kind != nullptr && !parent_kind->blocks.empty()) {
        std::vector<std::string> names;
        for (const auto& [name, schema] : parent_kind->blocks) names.push_back("`" + name + "`");
        d.notes.push_back(fmt::format("{} may hold these blocks: {}", WithArticle(parent_kind->name), Join(names, ", ")));
      }
      return;
    }
    if (!b.has_label) {
      sink_.Report(DiagKind::kBadLabel, b.kind_range, fmt::format("`{}` needs a name", b.kind)).help =
          fmt::format("write `{} NAME {{ ... }}`", b.kind);
      return;
    }
    if (b.kind == "account" && context.account != ir::kNoResource) {
      sink_.Report(DiagKind::kMisplacedBlock, b.kind_range, "an `account` block cannot be inside another account");
      return;
    }
    if (context.parent != ir::kNoResource && !kind->MayNestIn(model_.at(context.parent).kind)) {
      Diagnostic& d = sink_.Report(DiagKind::kMisplacedBlock, b.kind_range,
                                   fmt::format("{} cannot be nested in {}", WithArticle("`" + b.kind + "`"), WithArticle("`" + model_.at(context.parent).kind + "`")));
      if (!kind->parents.empty()) {
        d.help = fmt::format("declare it at the top level or inside a `{}` block", kind->parents.front());
      } else {
        d.help = "declare it at the top level, or inside a `region` or `account` block";
      }
      return;
    }
    if (b.has_in && kind->parent_attr.empty()) {
      sink_.Report(DiagKind::kMisplacedBlock, b.in.range,
                   fmt::format("{} does not belong to another resource, so `in` has no meaning here", WithArticle("`" + b.kind + "`")));
    } else if (b.has_in) {
      for (const auto& a : b.body.attributes) {
        if (a.key != kind->parent_attr) continue;
        Diagnostic& d = sink_.Report(DiagKind::kMisplacedBlock, a.key_range,
                                     fmt::format("`{}` is given twice: by `in` and by this attribute", a.key));
        d.labels.push_back({b.in.range, "given here too"});
        d.help = "keep one of them";
      }
    }
    if (kind->label == "ident" && b.label_is_string) {
      bool word = !b.label.empty() && (std::isalpha(static_cast<unsigned char>(b.label[0])) || b.label[0] == '_') &&
                  b.label.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                      std::string::npos;
      if (!word) {
        Diagnostic& d = sink_.Report(DiagKind::kBadLabel, b.label_range,
                                     fmt::format("{} is named with a word (letters, digits, `_`, `-`), not \"{}\"",
                                                 WithArticle("`" + b.kind + "`"), b.label));
        d.help = "use a name such as `main`, and put free text in `description`";
        return;
      }
    }
    for (const auto& p : b.body.params) {
      sink_.Report(DiagKind::kMisplacedBlock, p.range, "parameters are declared at the top level of a file");
    }

    ir::Resource r;
    r.id = static_cast<ir::ResourceId>(model_.resources.size());
    r.kind = b.kind;
    r.name = b.label;
    r.schema = kind;
    r.parent = context.parent;
    r.range = b.range;
    r.name_range = b.header_range;
    if (b.kind == "account") r.account = r.id;

    Context inner = context;
    if (b.kind == "account") inner.account = r.id;
    inner.parent = b.kind == "account" ? ir::kNoResource : r.id;

    // Accounts are unique by name; other kinds per account, checked once accounts are placed
    // (CheckDuplicateNames).
    auto& same = symbols_[SymbolKey{b.kind, b.label}];
    if (b.kind == "account" && !same.empty()) {
      Diagnostic& d = sink_.Report(DiagKind::kDuplicateName, b.label_range, b.kind, b.label, "");
      d.labels.push_back({pending_[static_cast<size_t>(same.front())].block->label_range, "first defined here"});
      d.help = "give each one its own name";
      return;
    }
    same.push_back(r.id);
    model_.resources.push_back(std::move(r));
    Pending p;
    p.block = &b;
    p.context = context;
    p.in = b.has_in ? &b.in : nullptr;
    pending_.push_back(p);
    if (b.kind == "account") accounts_.push_back(model_.resources.back().id);

    DeclareBlocks(b.body, inner);
  }

  void DeclareOrganization(const ast::Block& b, const Context& context) {
    if (context.account != ir::kNoResource || context.parent != ir::kNoResource || !context.region.empty()) {
      sink_.Report(DiagKind::kOrganizationProblem, b.kind_range, "the `organization` block must be at the top level");
      return;
    }
    if (model_.organization_id != ir::kNoResource) {
      Diagnostic& d = sink_.Report(DiagKind::kOrganizationProblem, b.header_range, "a topology has one `organization` block");
      d.labels.push_back({model_.at(model_.organization_id).name_range, "first defined here"});
      return;
    }
    const facts::Kind* kind = catalog_.FindKind("organization");
    ir::Resource r;
    r.id = static_cast<ir::ResourceId>(model_.resources.size());
    r.kind = "organization";
    r.name = b.has_label ? b.label : "organization";
    r.schema = kind;
    r.range = b.range;
    r.name_range = b.header_range;
    model_.organization_id = r.id;
    model_.organization = r.name;
    model_.resources.push_back(std::move(r));
    Pending p;
    p.block = &b;
    p.context = context;
    pending_.push_back(p);
    if (!b.has_label) {
      sink_.Report(DiagKind::kBadLabel, b.kind_range, "`organization` needs a name").help =
          "write `organization NAME { default_region = \"...\" }`";
    }
    // The organization block may also hold resources, as if they were at the top level.
    DeclareBlocks(b.body, context);
  }

  void DeclareRegion(const ast::Block& b, const Context& context) {
    if (!b.has_label) {
      sink_.Report(DiagKind::kBadLabel, b.kind_range, "`region` needs the region's code").help =
          "write `region \"eu-west-1\" { ... }`";
      return;
    }
    if (context.parent != ir::kNoResource) {
      sink_.Report(DiagKind::kMisplacedBlock, b.kind_range, "a `region` block cannot be inside a resource").help =
          "set the resource's `region` attribute instead";
      return;
    }
    if (!context.region.empty()) {
      Diagnostic& d = sink_.Report(DiagKind::kMisplacedBlock, b.kind_range, "a `region` block cannot be inside another region");
      d.labels.push_back({context.region_range, "inside this region"});
      return;
    }
    if (!CheckRegion(b.label, b.label_range)) return;
    auto& use = model_.regions[b.label];
    for (const auto& a : b.body.attributes) {
      if (a.key == "reason" && a.value.kind == Value::Kind::kString) {
        use.reason = a.value.text;
        use.range = b.label_range;
      } else if (a.key == "reason") {
        sink_.Report(DiagKind::kWrongType, a.value.range, "reason", "a string", DescribeAst(a.value));
      } else {
        std::string close = ClosestMatch(a.key, {"reason"});
        sink_.Report(DiagKind::kUnknownAttribute, a.key_range, "a `region` block", a.key,
                     close.empty() ? std::string() : "; did you mean `" + close + "`?");
      }
    }
    for (const auto& r : b.body.rules) {
      sink_.Report(DiagKind::kMisplacedBlock, r.range, "an `allow` rule is outside any security group");
    }
    for (const auto& p : b.body.params) {
      sink_.Report(DiagKind::kMisplacedBlock, p.range, "parameters are declared at the top level of a file");
    }
    Context inner = context;
    inner.region = b.label;
    inner.region_range = b.label_range;
    DeclareBlocks(b.body, inner);
  }

  bool CheckRegion(const std::string& code, SourceRange range) {
    if (catalog_.FindRegion(code) != nullptr) return true;
    std::string close = ClosestMatch(code, catalog_.region_codes());
    Diagnostic& d = sink_.Report(DiagKind::kUnknownRegion, range, code,
                                 close.empty() ? std::string() : "; did you mean `" + close + "`?");
    d.help = "regions are written as codes such as `eu-west-1`";
    return false;
  }

  void ChooseDefaultAccount() {
    std::vector<ir::ResourceId> defaults;
    for (ir::ResourceId a : accounts_) {
      for (const auto& attr : pending_[static_cast<size_t>(a)].block->body.attributes) {
        if (attr.key == "default" && attr.value.kind == Value::Kind::kBool && attr.value.boolean) defaults.push_back(a);
      }
    }
    if (defaults.size() > 1) {
      Diagnostic& d = sink_.Report(DiagKind::kDefaultAccountProblem, model_.at(defaults[1]).name_range,
                                   "more than one account is marked `default = true`");
      d.labels.push_back({model_.at(defaults[0]).name_range, "also the default"});
      model_.default_account = defaults[0];
    } else if (defaults.size() == 1) {
      model_.default_account = defaults[0];
    } else if (accounts_.size() == 1) {
      model_.default_account = accounts_[0];
    } else if (accounts_.size() > 1) {
      Diagnostic& d = sink_.Report(DiagKind::kDefaultAccountProblem, model_.at(accounts_[0]).name_range,
                                   "several accounts are declared and none is the default");
      d.help = "mark the account that holds resources declared outside any `account` block with `default = true`";
      model_.default_account = accounts_[0];
    }
  }

  // Names are unique per (kind, account), by the account a resource ends up in: a top-level
  // `vpc main` and one inside the default account's block clash. The later one is reported and
  // dropped from lookup, so references to the name do not also become ambiguous.
  void CheckDuplicateNames() {
    for (auto& [key, ids] : symbols_) {
      if (key.kind == "account" || ids.size() < 2) continue;
      std::vector<ir::ResourceId> kept;
      for (ir::ResourceId id : ids) {
        const ir::ResourceId* first = nullptr;
        for (const ir::ResourceId& k : kept) {
          if (model_.at(k).account == model_.at(id).account) first = &k;
        }
        if (first == nullptr) {
          kept.push_back(id);
          continue;
        }
        const ast::Block* block = pending_[static_cast<size_t>(id)].block;
        std::string where = model_.at(id).account == ir::kNoResource
                                ? std::string()
                                : fmt::format(" in account `{}`", model_.at(model_.at(id).account).name);
        Diagnostic& d = sink_.Report(DiagKind::kDuplicateName, block->label_range, key.kind, key.name, where);
        d.labels.push_back({pending_[static_cast<size_t>(*first)].block->label_range, "first defined here"});
        if (pending_[static_cast<size_t>(id)].context.account != pending_[static_cast<size_t>(*first)].context.account) {
          d.notes.push_back("a resource outside any `account` block, or with an `account` attribute, belongs to "
                            "the account it resolves to, not the block it is written in");
        }
        d.help = "give each one its own name";
      }
      ids = kept;
    }
  }

  // ---- phase B: attribute values ----

  void LowerResource(ir::ResourceId id) {
    const Pending& p = pending_[static_cast<size_t>(id)];
    current_ = id;
    const ast::Body& body = p.block->body;
    ir::Resource& r = model_.at(id);
    r.attributes.reserve(body.attributes.size() + 1);  // +1: the parent attribute
    std::set<std::string> seen;
    const facts::Kind* kind = r.schema;
    // Nesting or `in` fills the parent attribute.
    if (kind != nullptr && !kind->parent_attr.empty()) {
      bool explicit_attr = false;
      for (const auto& a : body.attributes) explicit_attr |= a.key == kind->parent_attr;
      if (p.in != nullptr && !explicit_attr) {
        ir::Value v = LowerValue(*p.in, kind->parent_attr);
        model_.at(id).attributes.push_back({kind->parent_attr, std::move(v), p.in->range});
        seen.insert(kind->parent_attr);
      } else if (r.parent != ir::kNoResource && !explicit_attr) {
        ir::Value v;
        v.kind = ir::Value::Kind::kRef;
        v.target = r.parent;
        v.range = r.name_range;
        AddEdge(id, r.parent, kind->parent_attr, r.name_range);
        model_.at(id).attributes.push_back({kind->parent_attr, std::move(v), r.name_range});
        seen.insert(kind->parent_attr);
      }
    }
    for (const auto& a : body.attributes) {
      if (!seen.insert(a.key).second) {
        Diagnostic& d = sink_.Report(DiagKind::kDuplicateAttribute, a.key_range, a.key);
        for (const auto& first : body.attributes) {
          if (first.key == a.key) {
            if (&first != &a) d.labels.push_back({first.key_range, "first set here"});
            break;
          }
        }
        d.help = "remove one of them";
        continue;
      }
      ir::Value v = LowerValue(a.value, a.key);
      model_.at(id).attributes.push_back({a.key, std::move(v), a.key_range});
    }
    if (kind != nullptr) {
      for (const auto& b : body.blocks) {
        if (kind->blocks.count(b.kind)) model_.at(id).blocks.push_back(LowerBlock(b, b.kind));
      }
    }
    for (const auto& rule : body.rules) LowerRule(rule);
  }

  ir::Block LowerBlock(const ast::Block& b, const std::string& via) {
    ir::Block out;
    out.type = b.kind;
    out.label = b.label;
    out.range = b.range;
    std::string where = via + (b.has_label ? "[" + b.label + "]" : "");
    std::set<std::string> seen;
    for (const auto& a : b.body.attributes) {
      if (!seen.insert(a.key).second) {
        Diagnostic& d = sink_.Report(DiagKind::kDuplicateAttribute, a.key_range, a.key);
        for (const auto& first : b.body.attributes) {
          if (first.key == a.key) {
            if (&first != &a) d.labels.push_back({first.key_range, "first set here"});
            break;
          }
        }
        d.help = "remove one of them";
        continue;
      }
      out.attributes.push_back({a.key, LowerValue(a.value, where + "." + a.key), a.key_range});
    }
    for (const auto& inner : b.body.blocks) out.blocks.push_back(LowerBlock(inner, where + "." + inner.kind));
    for (const auto& r : b.body.rules) {
      sink_.Report(DiagKind::kRulesNotAllowed, r.range, WithArticle("`" + b.kind + "` block"));
    }
    // Parameters inside blocks are not allowed.
    for (const auto& p : b.body.params) {
      sink_.Report(DiagKind::kMisplacedBlock, p.range, "parameters are declared at the top level of a file");
    }
    return out;
  }

  void LowerRule(const ast::Rule& rule) {
    ir::Resource& r = model_.at(current_);
    if (r.schema == nullptr || !r.schema->rules) {
      sink_.Report(DiagKind::kRulesNotAllowed, rule.range, WithArticle("`" + r.kind + "`")).help =
          "`allow` rules belong in `security_group` blocks";
      return;
    }
    static const std::vector<std::string> kProtocols = {"tcp", "udp", "icmp", "all"};
    std::string protocol = rule.protocol;
    if (std::find(kProtocols.begin(), kProtocols.end(), protocol) == kProtocols.end()) {
      std::string close = ClosestMatch(rule.protocol, kProtocols);
      Diagnostic& d = sink_.Report(DiagKind::kBadProtocol, rule.protocol_range, rule.protocol,
                                   close.empty() ? std::string() : "; did you mean `" + close + "`?");
      d.help = "protocols are tcp, udp, icmp and all";
      return;
    }
    std::vector<std::pair<int, int>> ports;
    for (const auto& p : rule.ports) {
      if (p.from < 0 || p.from > 65535 || p.to < 0 || p.to > 65535) {
        sink_.Report(DiagKind::kBadPort, p.range, "ports are whole numbers from 0 to 65535");
        return;
      }
      if (p.to < p.from) {
        sink_.Report(DiagKind::kBadPort, p.range, fmt::format("port range {}-{} ends before it starts", p.from, p.to))
            .help = fmt::format("write `{}-{}`", p.to, p.from);
        return;
      }
      ports.emplace_back(p.from, p.to);
    }
    if (ports.empty()) {
      if (protocol == "tcp" || protocol == "udp") {
        sink_.Report(DiagKind::kBadPort, rule.protocol_range, fmt::format("a `{}` rule needs ports", protocol)).help =
            fmt::format("write `allow {} 443 from ...`, or `allow {} 0-65535 from ...` for every port", protocol, protocol);
        return;
      }
      ports.emplace_back(-1, -1);
    } else if (protocol == "all" || protocol == "icmp") {
      sink_.Report(DiagKind::kBadPort, rule.ports.front().range,
                   protocol == "all" ? "an `all` rule covers every port; ports make no sense here"
                                     : "ICMP has no ports")
          .help = protocol == "all" ? "remove the ports, or use `tcp` or `udp`" : "remove the ports: `allow icmp from ...`";
      return;
    }
    for (const auto& peer : rule.peers) {
      for (auto [from, to] : ports) {
        ir::Rule out;
        out.direction = rule.direction == ast::Rule::Direction::kIngress ? ir::Rule::Direction::kIngress
                                                                         : ir::Rule::Direction::kEgress;
        out.protocol = protocol;
        out.from_port = from;
        out.to_port = to;
        out.description = rule.description;
        out.range = rule.range;
        out.peer_range = peer.range;
        out.port_range = rule.ports.empty() ? rule.protocol_range : rule.ports.front().range;
        if (peer.kind == Value::Kind::kReference && peer.path.size() == 1 && peer.path[0] == "self") {
          out.self = true;
        } else if (peer.kind == Value::Kind::kReference && peer.path.size() == 2 && peer.path[0] == "param") {
          ir::Value v = LowerValue(peer, "rule");
          if (v.kind != ir::Value::Kind::kParam) continue;
          const ir::Param& p = model_.params[params_[v.text]];
          if (p.type != "string" && p.type != "cidr" && p.type != "list<string>" && p.type != "list<cidr>") {
            if (from == ports.front().first && to == ports.front().second) {
              sink_.Report(DiagKind::kWrongType, peer.range, "allow ... from/to", "a CIDR block or a list of them",
                           fmt::format("parameter `{}` of type {}", p.name, p.type))
                  .labels.push_back({p.range, "declared here"});
            }
            continue;
          }
          out.param = v.text;
        } else if (peer.kind == Value::Kind::kReference && peer.path.size() == 1) {
          if (from == ports.front().first && to == ports.front().second) {
            sink_.Report(DiagKind::kBadRulePeer, peer.range, peer.path[0]).help =
                "a peer is a CIDR block (\"0.0.0.0/0\"), a security group (`security_group.app`) or `self`";
          }
          continue;
        } else if (peer.kind == Value::Kind::kReference) {
          ir::Value v = LowerValue(peer, "rule");
          if (v.kind != ir::Value::Kind::kRef) continue;
          if (v.target == current_ && v.path.empty()) {
            out.self = true;  // the group itself, by name
            r.rules.push_back(std::move(out));
            continue;
          }
          if (model_.at(v.target).kind != "security_group" || !v.path.empty()) {
            Diagnostic& d = sink_.Report(DiagKind::kWrongReferenceKind, peer.range, "allow ... from/to",
                                         "a CIDR block or a security group", ast::DumpValue(peer),
                                         WithArticle(model_.at(v.target).kind));
            (void)d;
            continue;
          }
          out.group = v.target;
        } else {
          out.cidr = peer.text;
        }
        r.rules.push_back(std::move(out));
      }
    }
  }

  ir::Value LowerLiteral(const Value& v) { return LowerValue(v, ""); }

  ir::Value LowerValue(const Value& v, const std::string& via) {
    ir::Value out;
    out.range = v.range;
    switch (v.kind) {
      case Value::Kind::kString: out.kind = ir::Value::Kind::kString; out.text = v.text; break;
      case Value::Kind::kCidr:
        out.kind = ir::Value::Kind::kString;
        out.text = v.text;
        out.is_cidr_literal = true;
        break;
      case Value::Kind::kNumber:
        out.kind = ir::Value::Kind::kNumber;
        out.text = v.text;
        out.number = std::strtod(v.text.c_str(), nullptr);
        break;
      case Value::Kind::kBool: out.kind = ir::Value::Kind::kBool; out.boolean = v.boolean; break;
      case Value::Kind::kNull: out.kind = ir::Value::Kind::kNull; break;
      case Value::Kind::kList:
        out.kind = ir::Value::Kind::kList;
        for (const auto& item : v.items) out.items.push_back(LowerValue(item, via));
        break;
      case Value::Kind::kMap:
        out.kind = ir::Value::Kind::kMap;
        for (size_t i = 0; i < v.entries.size(); ++i) {
          const auto& [key, value] = v.entries[i];
          for (size_t j = 0; j < i; ++j) {
            if (v.entries[j].first == key) {
              sink_.Report(DiagKind::kDuplicateAttribute, v.key_ranges[i], key).help = "remove one of them";
            }
          }
          out.entries.emplace_back(key, LowerValue(value, via));
        }
        break;
      case Value::Kind::kReference: return LowerReference(v, via);
      case Value::Kind::kTemplate: {
        out.kind = ir::Value::Kind::kTemplate;
        for (const auto& part : v.items) {
          if (part.kind == Value::Kind::kString) {
            out.items.push_back(LowerValue(part, via));
            continue;
          }
          ir::Value lowered = LowerReference(part, via);
          if (lowered.kind == ir::Value::Kind::kRef && lowered.path.empty()) {
            const ir::Resource& t = model_.at(lowered.target);
            Diagnostic& d = sink_.Report(DiagKind::kWholeResourceInString, part.range, ast::DumpValue(part), t.kind);
            std::string outputs = t.schema != nullptr && !t.schema->outputs.empty() ? Join(t.schema->outputs, ", ") : "";
            d.help = fmt::format("write `${{{}.{}.ATTRIBUTE}}`{}", t.kind, t.name,
                                 outputs.empty() ? "" : " (" + outputs + ")");
            continue;
          }
          if (lowered.kind == ir::Value::Kind::kNull) continue;  // already reported
          out.items.push_back(std::move(lowered));
        }
        break;
      }
    }
    return out;
  }

  ir::Value LowerReference(const Value& v, const std::string& via) {
    ir::Value out;
    out.range = v.range;
    out.broken = true;  // until it resolves; later passes skip broken values

    const auto& path = v.path;
    if (path.size() >= 2 && path[0] == "param") {
      auto it = params_.find(path[1]);
      if (it == params_.end()) {
        std::vector<std::string> names;
        for (const auto& p : model_.params) names.push_back(p.name);
        std::string close = ClosestMatch(path[1], names);
        Diagnostic& d = sink_.Report(DiagKind::kUnknownParam, v.path_ranges[1], path[1],
                                     close.empty() ? std::string() : "; did you mean `" + close + "`?");
        if (close.empty()) d.help = fmt::format("declare it with `param {} : string`", path[1]);
        return out;
      }
      if (path.size() > 2) {
        sink_.Report(DiagKind::kUnknownReferenceForm, v.range, ast::DumpValue(v)).help =
            "a parameter is read whole: `param." + path[1] + "`";
        return out;
      }
      out.kind = ir::Value::Kind::kParam;
      out.text = path[1];
      out.broken = false;
      return out;
    }
    size_t kind_at = 0;
    ir::ResourceId account = current_ == ir::kNoResource ? ir::kNoResource : model_.at(current_).account;
    bool explicit_account = false;
    if (path.size() >= 4 && path[0] == "account" && catalog_.FindKind(path[2]) != nullptr) {
      auto it = symbols_.find(SymbolKey{"account", path[1]});
      if (it == symbols_.end() || it->second.empty()) {
        ReportUnknownName("account", path[1], v.path_ranges[1]);
        return out;
      }
      account = it->second.front();
      explicit_account = true;
      kind_at = 2;
    }
    const std::string& kind = path[kind_at];
    if (catalog_.FindKind(kind) == nullptr) {
      std::vector<std::string> candidates = catalog_.kind_names();
      candidates.push_back("param");
      std::string close = ClosestMatch(kind, candidates);
      Diagnostic& d = sink_.Report(DiagKind::kUnknownKindInReference, v.path_ranges[kind_at], kind,
                                   close.empty() ? std::string() : "; did you mean `" + close + "`?");
      d.help = "a reference is `KIND.NAME`, `KIND.NAME.ATTRIBUTE` or `param.NAME`; `topo kinds` lists the kinds";
      return out;
    }
    const std::string& name = path[kind_at + 1];
    SourceRange name_range = v.path_ranges[kind_at + 1];
    auto it = symbols_.find(SymbolKey{kind, name});
    if (it == symbols_.end() || it->second.empty()) {
      ReportUnknownName(kind, name, name_range);
      return out;
    }
    ir::ResourceId target = ir::kNoResource;
    const auto& candidates = it->second;
    if (kind == "account") {
      target = candidates.front();
    } else {
      for (ir::ResourceId c : candidates) {
        if (model_.at(c).account == account) target = c;
      }
      if (target == ir::kNoResource && explicit_account) {
        ReportUnknownName(kind, name, name_range);
        return out;
      }
      if (target == ir::kNoResource && candidates.size() == 1) target = candidates.front();
      if (target == ir::kNoResource) {
        std::vector<std::string> names;
        for (ir::ResourceId c : candidates) {
          ir::ResourceId a = model_.at(c).account;
          names.push_back(a == ir::kNoResource ? "(default)" : "`" + model_.at(a).name + "`");
        }
        Diagnostic& d = sink_.Report(DiagKind::kAmbiguousName, v.range, kind, name, Join(names, ", "));
        std::vector<std::string> options;
        for (ir::ResourceId c : candidates) {
          ir::ResourceId a = model_.at(c).account;
          if (a != ir::kNoResource) options.push_back(fmt::format("`account.{}.{}.{}`", model_.at(a).name, kind, name));
        }
        d.help = "name the account: " + Join(options, " or ");
        return out;
      }
    }
    out.kind = ir::Value::Kind::kRef;
    out.broken = false;
    out.target = target;
    for (size_t i = kind_at + 2; i < path.size(); ++i) out.path.push_back(path[i]);
    if (!out.path.empty()) {
      const facts::Kind* target_kind = model_.at(target).schema;
      if (target_kind != nullptr && !target_kind->HasOutput(out.path[0])) {
        std::vector<std::string> outputs = target_kind->outputs;
        for (const auto& [attr_name, attr] : target_kind->attributes) outputs.push_back(attr_name);
        std::string close = ClosestMatch(out.path[0], outputs);
        Diagnostic& d = sink_.Report(DiagKind::kUnknownOutput, v.path_ranges[kind_at + 2], kind, name, out.path[0]);
        if (!close.empty()) d.message += "; did you mean `" + close + "`?";
        if (!target_kind->outputs.empty())
          d.help = WithArticle(kind) + " provides: " + Join(target_kind->outputs, ", ");
        ir::Value broken;
        broken.broken = true;
        return broken;
      }
    }
    AddEdge(current_, target, via, v.range);
    return out;
  }

  void ReportUnknownName(const std::string& kind, const std::string& name, SourceRange range) {
    std::vector<std::string> names;
    for (const auto& r : model_.resources) {
      if (r.kind == kind) names.push_back(r.name);
    }
    std::string close = ClosestMatch(name, names);
    Diagnostic& d = sink_.Report(DiagKind::kUnknownName, range, kind, name,
                                 close.empty() ? std::string() : "; did you mean `" + close + "`?");
    if (close.empty() && names.empty()) {
      bool ident = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
                   name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == std::string::npos;
      d.help = fmt::format("declare it with `{} {} {{ ... }}`", kind, ident ? name : "\"" + name + "\"");
    }
  }

  void AddEdge(ir::ResourceId from, ir::ResourceId to, const std::string& via, SourceRange range) {
    model_.edges.push_back({from, to, via, range});
  }

  static std::string DescribeAst(const Value& v) {
    switch (v.kind) {
      case Value::Kind::kString: return "a string";
      case Value::Kind::kNumber: return "a number";
      case Value::Kind::kCidr: return "a CIDR block";
      case Value::Kind::kBool: return "a boolean";
      case Value::Kind::kNull: return "null";
      case Value::Kind::kList: return "a list";
      case Value::Kind::kMap: return "a map";
      case Value::Kind::kReference: return "a reference";
      case Value::Kind::kTemplate: return "a string";
    }
    return "a value";
  }

  // ---- phase C: account and region ----

  // explicit `account` attribute > the nesting parent's account > the enclosing `account` block
  // > the account of the `in` target > the default account. Runs before values are lowered, so
  // it reads the `account` attribute and `in` from the AST; their errors are reported when the
  // values are lowered.
  ir::ResourceId PlaceAccount(ir::ResourceId id) {
    ir::Resource& r = model_.at(id);
    if (account_state_.count(id)) return account_state_[id] == 2 ? r.account : model_.default_account;
    account_state_[id] = 1;
    ir::ResourceId account = ir::kNoResource;
    const Pending& p = pending_[static_cast<size_t>(id)];
    if (r.kind == "account") {
      account = id;
    } else if (r.kind == "organization") {
      account = ir::kNoResource;
    } else if (ir::ResourceId named = ExplicitAccount(*p.block); named != ir::kNoResource) {
      account = named;
    } else if (r.parent != ir::kNoResource) {
      account = PlaceAccount(r.parent);
    } else if (p.context.account != ir::kNoResource) {
      account = p.context.account;
    } else if (ir::ResourceId in = InTarget(p); in != ir::kNoResource) {
      account = PlaceAccount(in);
    } else {
      account = model_.default_account;
    }
    model_.at(id).account = account;
    account_state_[id] = 2;
    return account;
  }

  ir::ResourceId ExplicitAccount(const ast::Block& b) {
    for (const auto& a : b.body.attributes) {
      if (a.key != "account" || a.value.kind != Value::Kind::kReference || a.value.path.size() != 2 ||
          a.value.path[0] != "account") {
        continue;
      }
      auto it = symbols_.find(SymbolKey{"account", a.value.path[1]});
      if (it != symbols_.end() && !it->second.empty()) return it->second.front();
    }
    return ir::kNoResource;
  }

  // The resource an `in` names, looked up without reporting (lowering reports problems).
  ir::ResourceId InTarget(const Pending& p) {
    if (p.in == nullptr || p.in->path.size() < 2) return ir::kNoResource;
    auto it = symbols_.find(SymbolKey{p.in->path[0], p.in->path[1]});
    if (it == symbols_.end() || it->second.empty()) return ir::kNoResource;
    for (ir::ResourceId c : it->second) {
      if (pending_[static_cast<size_t>(c)].context.account == p.context.account) return c;
    }
    return it->second.size() == 1 ? it->second.front() : ir::kNoResource;
  }

  std::string PlaceRegion(ir::ResourceId id) {
    if (region_state_.count(id)) {
      // 1 = in progress (a cycle through `in`): fall back to the default region.
      return region_state_[id] == 2 ? model_.at(id).region : model_.default_region;
    }
    region_state_[id] = 1;
    ir::Resource& r = model_.at(id);
    const Pending& p = pending_[static_cast<size_t>(id)];
    std::string region;
    const ir::Attribute* explicit_region = r.Find("region");
    if (explicit_region != nullptr && explicit_region->value.kind == ir::Value::Kind::kString) {
      if (CheckRegion(explicit_region->value.text, explicit_region->value.range)) region = explicit_region->value.text;
    } else if (explicit_region != nullptr) {
      RequireLiteralRegion(explicit_region->value, "region");  // other types: the schema pass
    }
    if (r.kind == "organization") {
      if (const ir::Attribute* d = r.Find("default_region"); d != nullptr && d->value.kind == ir::Value::Kind::kString) {
        if (CheckRegion(d->value.text, d->value.range)) model_.default_region = d->value.text;
      } else if (d != nullptr) {
        RequireLiteralRegion(d->value, "default_region");
      }
    }
    bool regional = r.schema != nullptr && r.schema->placement == facts::Placement::kRegional;
    bool meta = r.schema != nullptr && r.schema->placement == facts::Placement::kMeta;
    if (!regional) {
      if (explicit_region != nullptr && !meta && r.schema != nullptr) {
        Diagnostic& d = sink_.Report(DiagKind::kMisplacedBlock, explicit_region->name_range,
                                     fmt::format("{} is global; it has no region", WithArticle("`" + r.kind + "`")));
        d.help = "remove `region`";
      }
      if (meta) {
        if (region.empty()) region = p.context.region;
      } else {
        region.clear();
      }
    } else if (region.empty()) {
      if (!p.context.region.empty()) {
        region = p.context.region;
      } else if (r.parent != ir::kNoResource) {
        region = PlaceRegion(r.parent);
      } else if (p.in != nullptr) {
        const ir::Attribute* parent_attr = r.schema ? r.Find(r.schema->parent_attr) : nullptr;
        if (parent_attr != nullptr && parent_attr->value.is_ref()) region = PlaceRegion(parent_attr->value.target);
      }
      if (region.empty()) region = DefaultRegion(r);
    }
    model_.at(id).region = region;
    if (!region.empty() && regional) model_.regions[region];
    region_state_[id] = 2;
    return region;
  }

  // Regions decide providers, stacks and endpoints, so they must be known when compiling.
  void RequireLiteralRegion(const ir::Value& v, const std::string& attr) {
    if (v.kind != ir::Value::Kind::kParam && v.kind != ir::Value::Kind::kTemplate && v.kind != ir::Value::Kind::kRef) return;
    Diagnostic& d = sink_.Report(DiagKind::kWrongType, v.range, attr, "a region code written in the source",
                                 v.kind == ir::Value::Kind::kParam ? "parameter `" + v.text + "`" : "a computed value");
    d.notes.push_back("topo chooses providers, stacks and CLI endpoints by region while compiling");
    d.help = "write the region's code, e.g. `" + attr + " = \"eu-west-1\"`";
    reported_no_default_region_ = true;  // no follow-on "no default_region"
  }

  std::string DefaultRegion(const ir::Resource& r) {
    // The organization's block may come after this resource in the files.
    if (model_.default_region.empty() && model_.organization_id != ir::kNoResource) {
      PlaceRegion(model_.organization_id);
    }
    if (model_.default_region.empty() && !reported_no_default_region_ && model_.organization_id != ir::kNoResource) {
      reported_no_default_region_ = true;
      Diagnostic& d = sink_.Report(DiagKind::kOrganizationProblem, r.name_range,
                                   fmt::format("`{}` is regional, but no region is given and the organization has no "
                                               "`default_region`",
                                               model_.DisplayName(r.id)));
      d.help = "set `default_region` in the `organization` block, or put the resource in a `region` block";
    }
    return model_.default_region;
  }

  void MarkSharedNames() {
    for (auto& [key, ids] : symbols_) {
      if (ids.size() > 1) {
        for (ir::ResourceId id : ids) model_.at(id).name_shared = true;
      }
    }
  }

  const facts::Catalog& catalog_;
  DiagSink& sink_;
  ir::Model model_;
  std::vector<Pending> pending_;
  std::unordered_map<SymbolKey, std::vector<ir::ResourceId>, SymbolKeyHash> symbols_;
  std::map<std::string, size_t> params_;
  std::vector<ir::ResourceId> accounts_;
  std::map<ir::ResourceId, int> account_state_;
  std::map<ir::ResourceId, int> region_state_;
  ir::ResourceId current_ = ir::kNoResource;
  bool reported_no_default_region_ = false;
};

}  // namespace

ir::Model Resolve(const std::vector<const ast::File*>& files, const facts::Catalog& catalog, DiagSink& sink) {
  Resolver resolver(catalog, sink);
  return resolver.Run(files);
}

}  // namespace topo::resolve
