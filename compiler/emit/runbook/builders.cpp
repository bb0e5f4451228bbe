// Documents too irregular for the templates of stdlib/runbook/: tags, IAM policy documents,
// security-group permissions, the CloudFront distribution configuration, DNS record sets; and
// the steps whose shape depends on the topology (a DNS record in a Route 53 zone is an API call,
// in an outside zone a manual step).
#include <stdexcept>

#include "emit/runbook/emitter.h"

namespace topo::emit::runbook {

namespace {

// Route 53 hosted zone id of every CloudFront distribution, for alias records.
// https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html
constexpr const char* kCloudFrontZoneId = "Z2FDTNDATAQYW2";

// CloudFront managed cache policies by name.
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
const std::map<std::string, std::string>& ManagedCachePolicies() {
  static const std::map<std::string, std::string> kPolicies = {
      {"Amplify", "2e54312d-136d-493c-8eb9-b001f22f67d2"},
      {"CachingDisabled", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"},
      {"CachingOptimized", "658327ea-f89d-4fab-a63d-7e88639e58f6"},
  };
  return kPolicies;
}

Json Quantity(const Json& items) {
  Json out = Json::object();
  out["Quantity"] = items.is_array() ? items.size() : 0;
  if (items.is_array() && !items.empty()) out["Items"] = items;
  return out;
}

const ir::Attribute* BlockAttr(const ir::Block& b, const std::string& name) { return b.Find(name); }

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// Security-group rule descriptions accept only these characters (the EC2 API rejects others):
// "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*".
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
std::string RuleDescription(const std::string& s) {
  static const std::string kAllowed = " ._-:/()#,@[]+=&;{}!$*";
  std::string out;
  for (char c : s) {
    if (isalnum(static_cast<unsigned char>(c)) || kAllowed.find(c) != std::string::npos) out += c;
  }
  return out.substr(0, 255);
}

}  // namespace

Json Emitter::Builder(const std::string& name, const std::string& arg, const Scope& scope) {
  const ir::Resource& r = *scope.resource;
  if (name == "tags") return Tags(r, arg);
  if (name == "policy") return PolicyDocument(scope, arg);
  if (name == "assume_role_policy") return AssumeRolePolicy(r);
  if (name == "ip_permissions") return IpPermissions(r, arg == "ingress");
  if (name == "distribution_config") return DistributionConfig(r, arg != "disabled");
  if (name == "caller_reference") return "topo-" + model_.DisplayName(r.id);
  if (name == "cache_policy") {
    Json v = Resolve(arg, scope);
    if (v.is_string()) {
      auto it = ManagedCachePolicies().find(v.get<std::string>());
      if (it != ManagedCachePolicies().end()) return it->second;
    }
    return v;
  }
  if (name == "assume_roles_policy") {
    // An inline policy allowing sts:AssumeRole on the roles of `assumable_roles`.
    Json roles = Resolve("assumable_roles.arn", scope);
    if (!roles.is_array() || roles.empty()) return nullptr;
    return Json{{"Version", "2012-10-17"},
                {"Statement", Json::array({Json{{"Effect", "Allow"}, {"Action", "sts:AssumeRole"}, {"Resource", roles}}})}};
  }
  if (name == "json") {
    // A value (map, list or JSON text) as a JSON document.
    Json v = Resolve(arg, scope);
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      try {
        return Json::parse(s);
      } catch (const std::exception&) {
        return v;
      }
    }
    return v;
  }
  if (name == "quantity") return Quantity(Resolve(arg, scope));
  if (name == "fqdn") {
    // A record name relative to its zone (`www`, `@`, empty) or fully qualified.
    Json zone_domain = Resolve("zone.domain", scope);
    Json rel = Resolve(arg.empty() ? std::string("name|default=") : arg, scope);
    if (rel.is_null()) rel = r.name;
    std::string s = rel.is_string() ? rel.get<std::string>() : rel.dump();
    std::string d = zone_domain.is_string() ? zone_domain.get<std::string>() : std::string();
    if (s.empty() || s == "@") return d;
    if (!s.empty() && s.back() == '.') return s.substr(0, s.size() - 1);
    if (!d.empty() && s.size() > d.size() && s.compare(s.size() - d.size() - 1, std::string::npos, "." + d) == 0) {
      return s;
    }
    return d.empty() ? s : s + "." + d;
  }
  if (name == "rule_priority") {
    // A listener rule's priority: as written, else its position among the rules of its listener
    // (declaration order), which create-rule needs and the lookup finds it by.
    Json p = Resolve("priority", scope);
    if (!p.is_null()) return p;
    const ir::Attribute* l = r.Find("listener");
    int position = 0;
    for (ir::ResourceId other_id : model_.OfKind(r.kind)) {
      const ir::Resource& other = model_.at(other_id);
      const ir::Attribute* ol = other.Find("listener");
      bool same = l != nullptr && ol != nullptr && ol->value.kind == ir::Value::Kind::kRef &&
                  l->value.kind == ir::Value::Kind::kRef && ol->value.target == l->value.target;
      if (!same) continue;
      ++position;
      if (other.id == r.id) break;
    }
    return position;
  }
  if (name == "smtp_user") {
    // The IAM user of SES SMTP credentials: the source's user, else one named after it.
    if (r.Find("user") != nullptr) return Resolve("user", scope);
    Json n = Resolve("user_name", scope);
    return n.is_null() ? Json(r.name) : n;
  }
  if (name == "ses_topic_types") {
    Json out = Json::array();
    for (const char* t : {"Bounce", "Complaint", "Delivery"}) {
      std::string attr = Lower(t) + "_topic";
      if (r.Find(attr) != nullptr) out.push_back(t);
    }
    return out.empty() ? Json() : out;
  }
  if (name == "workmail_users") {
    std::string text;
    for (const auto& b : r.blocks) {
      if (b.type != "user") continue;
      Scope s;
      s.resource = &r;
      s.block = &b;
      Json email = ValueToJson(b.Find("email") != nullptr ? b.Find("email")->value : ir::Value());
      Json display = b.Find("display_name") != nullptr ? ValueToJson(b.Find("display_name")->value) : Json();
      if (!text.empty()) text += "; ";
      text += b.label + " <" + (email.is_string() ? email.get<std::string>() : std::string("?")) + ">";
      if (display.is_string()) text += " \"" + display.get<std::string>() + "\"";
    }
    return text.empty() ? Json() : Json(text);
  }
  if (name == "secret_json") {
    // {"username": ..., "password": ...} of an access key or SMTP credentials, for a secret.
    return nullptr;
  }
  throw std::runtime_error("stdlib/runbook: unknown builder `@" + name + "`");
}

// Tags in the shape a command wants: `ec2:TYPE` (--tag-specifications), `list` (Key/Value),
// `map` ({key: value}), `ecs` (key/value), `asg` (Auto Scaling, for the group's name). The organization's
// default_tags come first, then the resource's own `tags`; EC2 resources get a Name tag, and
// every resource `topo:id`.
Json Emitter::Tags(const ir::Resource& r, const std::string& style) {
  std::vector<std::pair<std::string, Json>> tags;
  auto add = [&](const std::string& k, const Json& v) {
    for (auto& t : tags) {
      if (t.first == k) {
        t.second = v;
        return;
      }
    }
    tags.emplace_back(k, v);
  };
  if (model_.organization_id != ir::kNoResource) {
    if (const ir::Attribute* d = model_.at(model_.organization_id).Find("default_tags")) {
      for (const auto& [k, v] : d->value.entries) add(k, ValueToJson(v));
    }
  }
  if (const ir::Attribute* t = r.Find("tags")) {
    for (const auto& [k, v] : t->value.entries) add(k, ValueToJson(v));
  }
  if (style.rfind("ec2:", 0) == 0) {
    bool has_name = false;
    for (const auto& t : tags) has_name = has_name || t.first == "Name";
    if (!has_name) tags.insert(tags.begin(), {"Name", r.name});
  }
  // Every resource carries its topo id: resources found by tag are found by it, and anyone can
  // tell what topo manages.
  add("topo:id", model_.DisplayName(r.id));
  if (tags.empty()) return nullptr;
  Json list = Json::array();
  for (const auto& [k, v] : tags) {
    if (style == "map") continue;
    if (style == "ecs") {
      list.push_back(Json{{"key", k}, {"value", v}});
    } else if (style == "asg") {
      list.push_back(Json{{"ResourceId", PhysicalName(r)},
                          {"ResourceType", "auto-scaling-group"},
                          {"Key", k},
                          {"Value", v},
                          {"PropagateAtLaunch", true}});
    } else {
      list.push_back(Json{{"Key", k}, {"Value", v}});
    }
  }
  if (style == "map") {
    Json m = Json::object();
    for (const auto& [k, v] : tags) m[k] = v;
    return m;
  }
  if (style.rfind("ec2:", 0) == 0) {
    Json specs = Json::array();
    for (const auto& type : [&] {
           std::vector<std::string> types;
           std::string rest = style.substr(4);
           size_t start = 0;
           while (true) {
             size_t p = rest.find('+', start);
             types.push_back(rest.substr(start, p == std::string::npos ? std::string::npos : p - start));
             if (p == std::string::npos) break;
             start = p + 1;
           }
           return types;
         }()) {
      specs.push_back(Json{{"ResourceType", type}, {"Tags", list}});
    }
    return specs;
  }
  return list;
}

// An IAM policy document: from `statement` blocks (what = "statements"), or from an attribute
// holding a document (a map, or JSON text).
Json Emitter::PolicyDocument(const Scope& scope, const std::string& what) {
  const ir::Resource& r = *scope.resource;
  if (what == "statements" || what.empty()) {
    Json statements = Json::array();
    const std::vector<ir::Block>& blocks = scope.block != nullptr ? scope.block->blocks : r.blocks;
    for (const auto& b : blocks) {
      if (b.type != "statement") continue;
      Json s = Json::object();
      auto put = [&](const char* attr, const char* key) {
        if (const ir::Attribute* a = BlockAttr(b, attr)) {
          Json v = ValueToJson(a->value);
          if (!v.is_null()) s[key] = v;
        }
      };
      put("sid", "Sid");
      s["Effect"] = "Allow";
      put("effect", "Effect");
      put("actions", "Action");
      put("not_actions", "NotAction");
      put("resources", "Resource");
      put("not_resources", "NotResource");
      put("condition", "Condition");
      statements.push_back(s);
    }
    if (!statements.empty()) return Json{{"Version", "2012-10-17"}, {"Statement", statements}};
    if (what == "statements") return Builder("json", "policy", scope);
  }
  return Builder("json", what, scope);
}

// The trust policy of a role: `assume_role_policy` as written, else one statement per kind of
// principal (services, accounts, principal ARNs), with an MFA condition when asked.
Json Emitter::AssumeRolePolicy(const ir::Resource& r) {
  Scope scope;
  scope.resource = &r;
  if (r.Find("assume_role_policy") != nullptr) return Builder("json", "assume_role_policy", scope);
  Json statements = Json::array();
  bool mfa = Truthy(Resolve("require_mfa", scope));
  auto statement = [&](const char* type, const Json& principals) {
    Json s = {{"Effect", "Allow"}, {"Principal", {{type, principals}}}, {"Action", "sts:AssumeRole"}};
    if (mfa && std::string(type) == "AWS") s["Condition"] = {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}};
    statements.push_back(s);
  };
  Json services = Resolve("trusted_services", scope);
  if (services.is_array() && !services.empty()) statement("Service", services);
  Json aws = Json::array();
  if (const ir::Attribute* a = r.Find("trusted_accounts")) {
    for (const auto& v : a->value.items) {
      Json id = ValueToJson(v);
      if (id.is_string()) aws.push_back("arn:aws:iam::" + id.get<std::string>() + ":root");
    }
  }
  Json principals = Resolve("trusted_principals", scope);
  if (principals.is_array()) {
    for (const auto& p : principals) aws.push_back(p);
  }
  if (!aws.empty()) statement("AWS", aws);
  if (statements.empty()) return nullptr;
  return Json{{"Version", "2012-10-17"}, {"Statement", statements}};
}

// One IpPermissions entry per rule: rules are authorized one by one, so that a rule already in
// place (InvalidPermission.Duplicate) does not hide a new one.
Json Emitter::IpPermissions(const ir::Resource& r, bool ingress) {
  Json out = Json::array();
  for (const auto& rule : r.rules) {
    if ((rule.direction == ir::Rule::Direction::kIngress) != ingress) continue;
    Json p = Json::object();
    std::string proto = Lower(rule.protocol);
    if (proto == "all" || proto == "-1") {
      p["IpProtocol"] = "-1";
    } else {
      p["IpProtocol"] = proto;
      int from = rule.from_port, to = rule.to_port;
      if (from < 0 && (proto == "tcp" || proto == "udp")) {
        from = 0;
        to = 65535;
      }
      p["FromPort"] = from;
      p["ToPort"] = to;
    }
    std::string desc = RuleDescription(rule.description);
    if (rule.group != ir::kNoResource || rule.self) {
      ir::ResourceId g = rule.self ? r.id : rule.group;
      Json pair = {{"GroupId", Marker(OutputVar(g, KeyOutput(g)))}};
      if (!desc.empty()) pair["Description"] = desc;
      p["UserIdGroupPairs"] = Json::array({pair});
    } else if (!rule.param.empty()) {
      // The peer CIDR(s) come from a parameter: a list parameter gives one range per CIDR.
      ir::Value ref;
      ref.kind = ir::Value::Kind::kParam;
      ref.text = rule.param;
      Json cidrs = ValueToJson(ref);
      if (!cidrs.is_array()) cidrs = Json::array({cidrs});
      Json v4 = Json::array(), v6 = Json::array();
      for (const auto& c : cidrs) {
        std::string text = c.is_string() ? c.get<std::string>() : c.dump();
        bool ipv6 = text.find(':') != std::string::npos && text.find('\x01') == std::string::npos;  // a literal, not a run-time value
        Json range = {{ipv6 ? "CidrIpv6" : "CidrIp", c}};
        if (!desc.empty()) range["Description"] = desc;
        (ipv6 ? v6 : v4).push_back(range);
      }
      if (!v4.empty()) p["IpRanges"] = v4;
      if (!v6.empty()) p["Ipv6Ranges"] = v6;
    } else if (rule.cidr.find(':') != std::string::npos) {
      Json range = {{"CidrIpv6", rule.cidr}};
      if (!desc.empty()) range["Description"] = desc;
      p["Ipv6Ranges"] = Json::array({range});
    } else {
      Json range = {{"CidrIp", rule.cidr}};
      if (!desc.empty()) range["Description"] = desc;
      p["IpRanges"] = Json::array({range});
    }
    out.push_back(Json::array({p}));
  }
  return out;
}

// DistributionConfig of create-distribution / update-distribution.
// https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html
Json Emitter::DistributionConfig(const ir::Resource& r, bool enabled) {
  Scope scope;
  scope.resource = &r;
  Json c = Json::object();
  c["CallerReference"] = "topo-" + model_.DisplayName(r.id);
  c["Aliases"] = Quantity(Resolve("aliases", scope));
  Json root = Resolve("default_root_object", scope);
  c["DefaultRootObject"] = root.is_null() ? Json("") : root;

  const facts::BlockSchema* origin_schema = nullptr;
  const facts::BlockSchema* behavior_schema = nullptr;
  const facts::BlockSchema* error_schema = nullptr;
  if (r.schema != nullptr) {
    auto find = [&](const char* n) -> const facts::BlockSchema* {
      auto it = r.schema->blocks.find(n);
      return it == r.schema->blocks.end() ? nullptr : &it->second;
    };
    origin_schema = find("origin");
    behavior_schema = find("behavior");
    error_schema = find("error_page");
  }
  auto in_block = [&](const ir::Block& b, const facts::BlockSchema* schema) {
    Scope s;
    s.resource = &r;
    s.block = &b;
    s.block_schema = schema;
    s.parent = &scope;
    return s;
  };

  Json origins = Json::array();
  std::string first_origin;
  for (const auto& b : r.blocks) {
    if (b.type != "origin") continue;
    Scope s = in_block(b, origin_schema);
    std::string id = b.label.empty() ? "origin" + std::to_string(origins.size() + 1) : b.label;
    if (first_origin.empty()) first_origin = id;
    Json o = Json::object();
    o["Id"] = id;
    Json domain = Resolve("domain_name", s);
    Json target_kind = Resolve("target.@kind", s);
    std::string kind = target_kind.is_string() ? target_kind.get<std::string>() : std::string();
    if (domain.is_null()) {
      if (kind == "bucket") {
        domain = Resolve("target.bucket_regional_domain_name", s);
      } else if (kind == "load_balancer") {
        domain = Resolve("target.dns_name", s);
      } else if (kind == "beanstalk_env") {
        domain = Resolve("target.cname", s);
      }
    }
    o["DomainName"] = domain.is_null() ? Json("") : domain;
    Json path = Resolve("origin_path", s);
    o["OriginPath"] = path.is_null() ? Json("") : path;
    Json headers = Json::array();
    if (const ir::Attribute* h = b.Find("custom_headers")) {
      for (const auto& [k, v] : h->value.entries) headers.push_back(Json{{"HeaderName", k}, {"HeaderValue", ValueToJson(v)}});
    }
    o["CustomHeaders"] = Quantity(headers);
    Json access = Resolve("origin_access", s);
    Json access_type = Resolve("origin_access.@kind", s);
    bool s3 = kind == "bucket" && Resolve("protocol_policy", s).is_null();
    if (s3) {
      const ir::Attribute* oa = b.Find("origin_access");
      std::string type;
      if (oa != nullptr && oa->value.kind == ir::Value::Kind::kRef && oa->value.target != ir::kNoResource) {
        Scope t;
        t.resource = &model_.at(oa->value.target);
        Json ty = Resolve("type", t);
        type = ty.is_string() ? ty.get<std::string>() : "";
      }
      if (oa != nullptr && type == "oac") {
        o["S3OriginConfig"] = Json{{"OriginAccessIdentity", ""}};
        o["OriginAccessControlId"] = Resolve("origin_access.id", s);
      } else if (oa != nullptr) {
        Json id_value = Resolve("origin_access.id", s);
        o["S3OriginConfig"] = Json{{"OriginAccessIdentity", "origin-access-identity/cloudfront/" + id_value.get<std::string>()}};
      } else {
        o["S3OriginConfig"] = Json{{"OriginAccessIdentity", ""}};
      }
    } else {
      Json custom = Json::object();
      custom["HTTPPort"] = Resolve("http_port", s);
      custom["HTTPSPort"] = Resolve("https_port", s);
      Json policy = Resolve("protocol_policy", s);
      custom["OriginProtocolPolicy"] = policy.is_null() ? Json("match-viewer") : policy;
      Json protocols = Resolve("origin_ssl_protocols", s);
      custom["OriginSslProtocols"] = Quantity(protocols.is_array() && !protocols.empty() ? protocols : Json::array({"TLSv1.2"}));
      custom["OriginReadTimeout"] = Resolve("origin_read_timeout", s);
      custom["OriginKeepaliveTimeout"] = 5;
      o["CustomOriginConfig"] = custom;
    }
    o["ConnectionAttempts"] = Resolve("connection_attempts", s);
    o["ConnectionTimeout"] = 10;
    origins.push_back(o);
  }
  c["Origins"] = Quantity(origins);

  auto behavior = [&](const ir::Block* b) {
    Json out = Json::object();
    Scope s = b != nullptr ? in_block(*b, behavior_schema) : scope;
    auto get = [&](const char* attr) { return b != nullptr ? Resolve(attr, s) : Json(); };
    auto get_default = [&](const char* attr, const Json& fallback) {
      Json v = b != nullptr ? Resolve(attr, s) : Json();
      if (v.is_null() && behavior_schema != nullptr) {
        auto it = behavior_schema->attributes.find(attr);
        if (it != behavior_schema->attributes.end()) v = it->second.default_value;
      }
      return v.is_null() ? fallback : v;
    };
    Json path = get("path_pattern");
    if (!path.is_null()) out["PathPattern"] = path;
    Json origin = get("origin");
    out["TargetOriginId"] = origin.is_null() ? Json(first_origin) : origin;
    Json groups = get("trusted_key_groups.id");
    if (!groups.is_array() || groups.empty()) {
      Json fallback = Resolve("signed_urls_key_group", scope);
      groups = fallback.is_null() ? Json::array() : Json::array({fallback});
    }
    Json tkg = Quantity(groups);
    tkg["Enabled"] = !groups.empty();
    out["TrustedKeyGroups"] = tkg;
    out["ViewerProtocolPolicy"] = get_default("viewer_protocol_policy", "allow-all");
    Json allowed = get("allowed_methods");
    if (!allowed.is_array() || allowed.empty()) allowed = Json::array({"GET", "HEAD"});
    Json cached = get("cached_methods");
    if (!cached.is_array() || cached.empty()) cached = Json::array({"GET", "HEAD"});
    Json methods = Quantity(allowed);
    methods["CachedMethods"] = Quantity(cached);
    out["AllowedMethods"] = methods;
    out["Compress"] = get_default("compress", false);
    Json cache_policy = b != nullptr ? Builder("cache_policy", "cache_policy", s) : Json();
    if (!cache_policy.is_null()) {
      out["CachePolicyId"] = cache_policy;
    } else {
      // Legacy cache settings (ForwardedValues with TTLs).
      Json fv = Json::object();
      Json qs = get("forward_query_strings");
      fv["QueryString"] = qs.is_boolean() ? qs.get<bool>() : (qs.is_array() && !qs.empty());
      Json cookies = get("forward_cookies");
      if (cookies.is_array() && cookies.size() == 1 && cookies[0] == "*") {
        fv["Cookies"] = Json{{"Forward", "all"}};
      } else if (cookies.is_array() && !cookies.empty()) {
        fv["Cookies"] = Json{{"Forward", "whitelist"}, {"WhitelistedNames", Quantity(cookies)}};
      } else {
        fv["Cookies"] = Json{{"Forward", "none"}};
      }
      Json headers = get("forward_headers");
      fv["Headers"] = Quantity(headers.is_array() ? headers : Json::array());
      if (qs.is_array() && !qs.empty()) fv["QueryStringCacheKeys"] = Quantity(qs);
      out["ForwardedValues"] = fv;
      out["MinTTL"] = get_default("min_ttl", 0);
      out["DefaultTTL"] = get_default("default_ttl", 86400);
      out["MaxTTL"] = get_default("max_ttl", 31536000);
    }
    Json orp = get("origin_request_policy");
    if (!orp.is_null()) out["OriginRequestPolicyId"] = orp;
    Json rhp = get("response_headers_policy");
    if (!rhp.is_null()) out["ResponseHeadersPolicyId"] = rhp;
    return out;
  };
  const ir::Block* default_behavior = nullptr;
  Json behaviors = Json::array();
  for (const auto& b : r.blocks) {
    if (b.type != "behavior") continue;
    if (b.Find("path_pattern") == nullptr) {
      default_behavior = &b;
    } else {
      behaviors.push_back(behavior(&b));
    }
  }
  c["DefaultCacheBehavior"] = behavior(default_behavior);
  c["CacheBehaviors"] = Quantity(behaviors);
  Json errors = Json::array();
  for (const auto& b : r.blocks) {
    if (b.type != "error_page") continue;
    Scope s = in_block(b, error_schema);
    Json e = Json::object();
    e["ErrorCode"] = Resolve("error_code", s);
    Json page = Resolve("response_page_path", s);
    if (!page.is_null()) e["ResponsePagePath"] = page;
    Json code = Resolve("response_code", s);
    if (!code.is_null()) e["ResponseCode"] = code.is_string() ? code : Json(code.dump());
    e["ErrorCachingMinTTL"] = Resolve("error_caching_min_ttl", s);
    errors.push_back(e);
  }
  c["CustomErrorResponses"] = Quantity(errors);
  Json comment = Resolve("comment", scope);
  // The runbook finds the distribution again by its comment: the topo id when the source has none.
  c["Comment"] = comment.is_null() ? Json(model_.DisplayName(r.id)) : comment;
  Json log_bucket = Resolve("logging_bucket.bucket_domain_name", scope);
  if (!log_bucket.is_null()) {
    Json prefix = Resolve("logging_prefix", scope);
    c["Logging"] = Json{{"Enabled", true},
                        {"IncludeCookies", Truthy(Resolve("logging_include_cookies", scope))},
                        {"Bucket", log_bucket},
                        {"Prefix", prefix.is_null() ? Json("") : prefix}};
  }
  c["PriceClass"] = Resolve("price_class", scope);
  c["Enabled"] = enabled && Truthy(Resolve("enabled", scope));
  Json cert = Resolve("certificate.arn", scope);
  if (!cert.is_null()) {
    Json vc = {{"ACMCertificateArn", cert}, {"SSLSupportMethod", Resolve("ssl_support_method", scope)}};
    Json minimum = Resolve("minimum_protocol_version", scope);
    vc["MinimumProtocolVersion"] = minimum.is_null() ? Json("TLSv1.2_2021") : minimum;
    c["ViewerCertificate"] = vc;
  } else {
    c["ViewerCertificate"] = Json{{"CloudFrontDefaultCertificate", true}};
  }
  Json geo = Resolve("geo_restriction", scope);
  Json locations = Resolve("geo_locations", scope);
  Json restriction = Quantity(geo.is_string() && geo != "none" ? locations : Json::array());
  restriction["RestrictionType"] = geo.is_null() ? Json("none") : geo;
  c["Restrictions"] = Json{{"GeoRestriction", restriction}};
  Json acl = Resolve("web_acl.arn", scope);
  if (!acl.is_null()) c["WebACLId"] = acl;
  c["HttpVersion"] = Resolve("http_version", scope);
  c["IsIPV6Enabled"] = Truthy(Resolve("is_ipv6_enabled", scope));
  return c;
}

// ------------------------------------------------------------------------------------------------
// DNS records

const ir::Resource* Emitter::ZoneOf(const ir::Resource& r) {
  const ir::Attribute* z = r.Find("zone");
  if (z == nullptr || z->value.kind != ir::Value::Kind::kRef || z->value.target == ir::kNoResource) return nullptr;
  return &model_.at(z->value.target);
}

// The record sets of a dns_record: {name, type, ttl, values | alias, set_identifier, ...}.
std::vector<Json> Emitter::DnsRecordOf(const ir::Resource& r) {
  Scope scope;
  scope.resource = &r;
  Json rec = Json::object();
  rec["name"] = Builder("fqdn", "", scope);
  Json type = Resolve("type", scope);
  rec["type"] = type.is_null() ? Json("A") : type;
  rec["ttl"] = Resolve("ttl", scope);
  for (const char* k : {"set_identifier", "failover", "weight", "health_check_id"}) {
    Json v = Resolve(k, scope);
    if (!v.is_null()) rec[k] = v;
  }
  const ir::Attribute* alias = r.Find("alias");
  if (alias != nullptr && alias->value.kind == ir::Value::Kind::kRef && alias->value.target != ir::kNoResource) {
    const ir::Resource& t = model_.at(alias->value.target);
    if (t.kind == "elastic_ip" || t.kind == "instance") {
      rec["values"] = Json::array({Marker(OutputVar(t.id, "public_ip"))});
    } else if (t.kind == "distribution") {
      rec["alias"] = Json{{"HostedZoneId", kCloudFrontZoneId},
                          {"DNSName", Marker(OutputVar(t.id, "domain_name"))},
                          {"EvaluateTargetHealth", false}};
    } else if (t.kind == "load_balancer") {
      rec["alias"] = Json{{"HostedZoneId", Marker(OutputVar(t.id, "zone_id"))},
                          {"DNSName", Marker(OutputVar(t.id, "dns_name"))},
                          {"EvaluateTargetHealth", Truthy(Resolve("evaluate_target_health", scope))}};
    } else if (t.kind == "beanstalk_env") {
      rec["alias"] = Json{{"HostedZoneId", Marker(OutputVar(t.id, "hosted_zone_id"))},
                          {"DNSName", Marker(OutputVar(t.id, "cname"))},
                          {"EvaluateTargetHealth", Truthy(Resolve("evaluate_target_health", scope))}};
    } else if (t.kind == "bucket") {
      rec["alias"] = Json{{"HostedZoneId", Marker(OutputVar(t.id, "hosted_zone_id"))},
                          {"DNSName", Marker(OutputVar(t.id, "website_endpoint"))},
                          {"EvaluateTargetHealth", false}};
    }
    return {rec};
  }
  Json values = Resolve("records", scope);
  if (!values.is_array() || values.empty()) {
    Json v = Resolve("value", scope);
    values = v.is_null() ? Json::array() : Json::array({v});
  }
  rec["values"] = values;
  return {rec};
}

// The records an SES domain identity needs, with values known only at run time (DKIM tokens)
// as the variables set by the `ses_dkim_tokens` lines.
// https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html
// https://docs.aws.amazon.com/ses/latest/dg/mail-from.html
// https://docs.aws.amazon.com/ses/latest/dg/receiving-email-mx-record.html
std::vector<Json> Emitter::SesDomainRecords(const ir::Resource& r) {
  Scope scope;
  scope.resource = &r;
  std::vector<Json> out;
  Json domain = PhysicalName(r);
  std::string region = RegionOf(r);
  auto text = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  if (Truthy(Resolve("dkim", scope))) {
    for (int i = 1; i <= 3; ++i) {
      std::string token = Marker(BaseVar(r.id) + "_DKIM_" + std::to_string(i));
      out.push_back(Json{{"name", token + "._domainkey." + text(domain)},
                         {"type", "CNAME"},
                         {"ttl", 1800},
                         {"values", Json::array({token + ".dkim.amazonses.com"})}});
    }
  }
  Json mail_from = Resolve("mail_from_domain", scope);
  if (!mail_from.is_null()) {
    out.push_back(Json{{"name", mail_from},
                       {"type", "MX"},
                       {"ttl", 300},
                       {"values", Json::array({"10 feedback-smtp." + region + ".amazonses.com"})}});
    out.push_back(Json{{"name", mail_from},
                       {"type", "TXT"},
                       {"ttl", 300},
                       {"values", Json::array({"v=spf1 include:amazonses.com ~all"})}});
  }
  Json spf = Resolve("spf", scope);
  if (!spf.is_null()) {
    out.push_back(Json{{"name", domain}, {"type", "TXT"}, {"ttl", 300}, {"values", Json::array({spf})}});
  }
  Json dmarc = Resolve("dmarc", scope);
  if (!dmarc.is_null()) {
    out.push_back(
        Json{{"name", "_dmarc." + text(domain)}, {"type", "TXT"}, {"ttl", 300}, {"values", Json::array({dmarc})}});
  }
  if (Truthy(Resolve("receive", scope))) {
    out.push_back(Json{{"name", domain},
                       {"type", "MX"},
                       {"ttl", 300},
                       {"values", Json::array({"10 inbound-smtp." + region + ".amazonaws.com"})}});
  }
  return out;
}

Json Emitter::RecordSets(const ir::Resource&, std::vector<Json>* records) {
  Json changes = Json::array();
  for (const auto& rec : *records) {
    Json set = Json::object();
    set["Name"] = rec["name"];
    set["Type"] = rec["type"];
    if (rec.contains("set_identifier")) set["SetIdentifier"] = rec["set_identifier"];
    if (rec.contains("failover")) set["Failover"] = rec["failover"];
    if (rec.contains("weight")) set["Weight"] = rec["weight"];
    if (rec.contains("health_check_id")) set["HealthCheckId"] = rec["health_check_id"];
    if (rec.contains("alias")) {
      set["AliasTarget"] = rec["alias"];
    } else {
      set["TTL"] = rec["ttl"];
      Json values = Json::array();
      for (const auto& v : rec["values"]) {
        std::string s = v.is_string() ? v.get<std::string>() : v.dump();
        // TXT values are quoted strings in the DNS API.
        if ((rec["type"] == "TXT" || rec["type"] == "SPF") && (s.empty() || s.front() != '"')) s = "\"" + s + "\"";
        values.push_back(Json{{"Value", s}});
      }
      set["ResourceRecords"] = values;
    }
    changes.push_back(Json{{"Action", "UPSERT"}, {"ResourceRecordSet", set}});
  }
  return changes;
}

// Records into a Route 53 zone (one UPSERT batch), or a manual step when the zone is outside
// AWS or unknown.
std::vector<std::string> Emitter::DnsRecordLines(const ir::Resource& owner, const Json& records,
                                                 const ir::Resource* zone, size_t indent, const std::string& why) {
  std::vector<std::string> lines;
  std::vector<Json> recs(records.begin(), records.end());
  if (recs.empty()) return lines;
  Scope zone_scope;
  zone_scope.resource = zone;
  bool external = zone == nullptr || Truthy(Resolve("external", zone_scope));
  if (!external) {
    Json changes = RecordSets(owner, &recs);
    Json batch = {{"Comment", "topo: " + why}, {"Changes", changes}};
    std::vector<Word> words = AwsPrefix("route53 change-resource-record-sets", *zone);
    words.push_back(Word::Literal("--hosted-zone-id"));
    words.push_back(Word::Var(OutputVar(zone->id, KeyOutput(zone->id))));
    words.push_back(Word::Literal("--change-batch"));
    words.push_back(JsonToWord(batch));
    words.push_back(Word::Literal("--query"));
    words.push_back(Word::Literal("ChangeInfo.Id"));
    words.push_back(Word::Literal("--output"));
    words.push_back(Word::Literal("text"));
    lines.push_back(std::string(indent, ' ') + RenderCommand(words, indent));
    return lines;
  }
  std::string where;
  if (zone != nullptr) {
    Json registrar = Resolve("registrar", zone_scope);
    Json domain = Resolve("domain", zone_scope);
    std::string d = domain.is_string() ? ToWord(domain).literal() : zone->name;
    where = registrar.is_string() ? ToWord(registrar).literal() : std::string("the DNS provider");
    if (!domain.is_string() || !ToWord(domain).is_literal()) d = zone->name;
    where += " (zone " + d + ")";
  } else {
    where = "the domain's DNS provider";
  }
  std::vector<Word> text;
  text.push_back(ToWord(Json("   At " + where + ", add or update these records (" + why + "):")));
  for (const auto& rec : recs) {
    std::string type = rec["type"].get<std::string>();
    if (rec.contains("alias")) {
      Word w = ToWord(Json("     " + type + "  "));
      w.Append(ToWord(rec["name"]));
      w.AppendLiteral("  ALIAS  ");
      w.Append(ToWord(rec["alias"]["DNSName"]));
      text.push_back(w);
      continue;
    }
    for (const auto& v : rec["values"]) {
      Word w = ToWord(Json("     " + type + "  "));
      w.Append(ToWord(rec["name"]));
      w.AppendLiteral("  ");
      w.Append(ToWord(v));
      text.push_back(w);
    }
  }
  AddManual(lines, model_.DisplayName(owner.id) + ":dns", "DNS records for " + model_.DisplayName(owner.id) + " at " + where,
            text, "", indent);
  return lines;
}

// ------------------------------------------------------------------------------------------------
// Builtin steps

std::vector<std::string> Emitter::Builtin(const std::string& name, const Scope& scope, size_t indent) {
  const ir::Resource& r = *scope.resource;
  std::string pad(indent, ' ');
  std::vector<std::string> lines;
  if (name == "sg_rules" || name == "sg_rules_revoke") {
    bool revoke = name == "sg_rules_revoke";
    std::string key = OutputVar(r.id, KeyOutput(r.id));
    for (bool ingress : {true, false}) {
      Json perms = IpPermissions(r, ingress);
      if (!ingress && !revoke && !perms.empty()) {
        // Explicit egress rules replace the default "allow all" egress rule.
        std::vector<Word> words = AwsPrefix("ec2 revoke-security-group-egress", r);
        words.push_back(Word::Literal("--group-id"));
        words.push_back(Word::Var(key));
        words.push_back(Word::Literal("--ip-permissions"));
        words.push_back(JsonToWord(Json::array({Json{{"IpProtocol", "-1"}, {"IpRanges", Json::array({Json{{"CidrIp", "0.0.0.0/0"}}})}}})));
        lines.push_back(pad + RenderCommand(words, indent) + " >/dev/null 2>\"$TOPO_ERR\" || topo_tolerate 'InvalidPermission.NotFound'");
      }
      size_t i = 0;
      for (const auto& p : perms) {
        ++i;
        const ir::Rule* rule = nullptr;
        size_t seen = 0;
        for (const auto& ru : r.rules) {
          if ((ru.direction == ir::Rule::Direction::kIngress) == ingress && ++seen == i) rule = &ru;
        }
        if (revoke && (rule == nullptr || rule->group == ir::kNoResource || rule->group == r.id)) continue;
        std::string op = std::string(revoke ? "revoke" : "authorize") + "-security-group-" + (ingress ? "ingress" : "egress");
        std::vector<Word> words = AwsPrefix("ec2 " + op, r);
        words.push_back(Word::Literal("--group-id"));
        words.push_back(Word::Var(key));
        words.push_back(Word::Literal("--ip-permissions"));
        words.push_back(JsonToWord(p));
        std::string tolerate = revoke ? "InvalidPermission.NotFound" : "InvalidPermission.Duplicate";
        lines.push_back(pad + RenderCommand(words, indent) + " >/dev/null 2>\"$TOPO_ERR\" || topo_tolerate " + ShellQuote(tolerate));
      }
    }
    return lines;
  }
  if (name == "workmail_wait") {
    // A new organization takes a minute or two to become Active; domains need it active.
    std::string base = BaseVar(r.id);
    std::vector<Word> state = AwsPrefix("workmail describe-organization", r);
    state.push_back(Word::Literal("--organization-id"));
    state.push_back(Word::Var(OutputVar(r.id, KeyOutput(r.id))));
    state.push_back(Word::Literal("--query"));
    state.push_back(Word::Literal("State"));
    state.push_back(Word::Literal("--output"));
    state.push_back(Word::Literal("text"));
    lines.push_back(pad + "for topo_try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do");
    lines.push_back(pad + "  " + base + "_STATE=$(" + RenderCommand(state, indent + 2) + ")");
    lines.push_back(pad + "  if [ \"$" + base + "_STATE\" = Active ]; then break; fi");
    lines.push_back(pad + "  echo \"   state: $" + base + "_STATE ($topo_try)\"");
    lines.push_back(pad + "  sleep 10");
    lines.push_back(pad + "done");
    return lines;
  }
  if (name == "ses_smtp_credentials") {
    // SMTP credentials are an access key of the user; the password is derived from its secret
    // (topo_ses_smtp_password). Both are shown once: written to the secrets folder, and to the
    // source's secret when it names one.
    helpers_.insert("ses_smtp");
    helpers_.insert("secrets");
    std::string base = BaseVar(r.id);
    std::string region = RegionOf(r);
    std::vector<Word> create = AwsPrefix("iam create-access-key", r);
    create.push_back(Word::Literal("--user-name"));
    create.push_back(ToWord(Builder("smtp_user", "", scope)));
    create.push_back(Word::Literal("--query"));
    create.push_back(Word::Literal("[AccessKey.AccessKeyId, AccessKey.SecretAccessKey]"));
    create.push_back(Word::Literal("--output"));
    create.push_back(Word::Literal("text"));
    lines.push_back(pad + base + "_KEY=$(" + RenderCommand(create, indent) + ")");
    lines.push_back(pad + "read -r " + base + "_KEY_ID " + base + "_KEY_SECRET <<<\"$" + base + "_KEY\" || true");
    lines.push_back(pad + base + "_SMTP_PASSWORD=$(topo_ses_smtp_password \"$" + base + "_KEY_SECRET\" " + ShellQuote(region) + ")");
    Json port = Resolve("port", scope);
    std::string port_text = port.is_number() ? port.dump() : std::string("587");
    lines.push_back(pad + base + "_SMTP_JSON=$(printf '{\"username\":\"%s\",\"password\":\"%s\",\"host\":\"%s\",\"port\":%s}' \"$" + base +
                    "_KEY_ID\" \"$" + base + "_SMTP_PASSWORD\" " + ShellQuote("email-smtp." + region + ".amazonaws.com") + " " + port_text + ")");
    std::string file = "ses-smtp-" + r.name + ".json";
    lines.push_back(pad + "(umask 077 && printf '%s\\n' \"$" + base + "_SMTP_JSON\" >\"$TOPO_SECRETS_DIR\"/" + ShellQuote(file) + ")");
    lines.push_back(pad + "echo \"   SMTP credentials written to $TOPO_SECRETS_DIR/\"" + ShellQuote(file));
    if (r.Find("secret") != nullptr) {
      std::vector<Word> put = AwsPrefix("secretsmanager put-secret-value", r);
      put.push_back(Word::Literal("--secret-id"));
      put.push_back(ToWord(Resolve("secret", scope)));
      put.push_back(Word::Literal("--secret-string"));
      put.push_back(Word::Var(base + "_SMTP_JSON"));
      put.push_back(Word::Literal("--query"));
      put.push_back(Word::Literal("VersionId"));
      put.push_back(Word::Literal("--output"));
      put.push_back(Word::Literal("text"));
      lines.push_back(pad + base + "_SECRET_VERSION=$(" + RenderCommand(put, indent) + ")");
      lines.push_back(pad + "echo \"   stored in the secret (version $" + base + "_SECRET_VERSION)\"");
    }
    return lines;
  }
  if (name == "bucket_purge_versions") {
    // Every object version and delete marker of a versioned bucket, one by one (`s3 rm` leaves
    // them, and delete-bucket needs the bucket empty).
    Json bucket = PhysicalName(r);
    std::vector<Word> list = AwsPrefix("s3api list-object-versions", r);
    list.push_back(Word::Literal("--bucket"));
    list.push_back(ToWord(bucket));
    list.push_back(Word::Literal("--query"));
    list.push_back(Word::Literal("[Versions, DeleteMarkers][][].[Key, VersionId]"));
    list.push_back(Word::Literal("--output"));
    list.push_back(Word::Literal("text"));
    std::vector<Word> del = AwsPrefix("s3api delete-object", r);
    del.push_back(Word::Literal("--bucket"));
    del.push_back(ToWord(bucket));
    del.push_back(Word::Literal("--key"));
    del.push_back(Word::Var("topo_key"));
    del.push_back(Word::Literal("--version-id"));
    del.push_back(Word::Var("topo_version"));
    lines.push_back(pad + "while IFS=$'\\t' read -r topo_key topo_version; do");
    lines.push_back(pad + "  if topo_absent \"${topo_version:-}\"; then continue; fi");
    lines.push_back(pad + "  " + RenderCommand(del, indent + 2) + " >/dev/null");
    lines.push_back(pad + "done < <(" + RenderCommand(list, indent) + ")");
    return lines;
  }
  if (name == "dns_record") {
    const ir::Resource* zone = ZoneOf(r);
    auto recs = DnsRecordOf(r);
    Json arr = Json::array();
    for (auto& x : recs) arr.push_back(x);
    if (zone != nullptr && !Truthy([&] {
          Scope z;
          z.resource = zone;
          return Resolve("external", z);
        }())) {
      std::vector<std::string> out = DnsRecordLines(r, arr, zone, indent, model_.DisplayName(r.id));
      // The change id is not needed: capture it to keep the output quiet.
      for (auto& l : out) {
        if (l.find("aws route53") != std::string::npos) l = pad + BaseVar(r.id) + "_CHANGE=$(" + l.substr(indent) + ")";
      }
      out.push_back(pad + "echo \"   record set: $" + BaseVar(r.id) + "_CHANGE\"");
      return out;
    }
    return DnsRecordLines(r, arr, zone, indent, model_.DisplayName(r.id));
  }
  if (name == "dns_record_delete") {
    const ir::Resource* zone = ZoneOf(r);
    Scope zs;
    zs.resource = zone;
    if (zone == nullptr || Truthy(Resolve("external", zs))) {
      lines.push_back(pad + "topo_say " + ShellQuote("   the record is at the domain's DNS provider: remove it there if it is no longer wanted"));
      return lines;
    }
    auto recs = DnsRecordOf(r);
    Json changes = RecordSets(r, &recs);
    for (auto& c : changes) c["Action"] = "DELETE";
    std::vector<Word> words = AwsPrefix("route53 change-resource-record-sets", zone != nullptr ? *zone : r);
    words.push_back(Word::Literal("--hosted-zone-id"));
    words.push_back(Word::Var(OutputVar(zone->id, KeyOutput(zone->id))));
    words.push_back(Word::Literal("--change-batch"));
    words.push_back(JsonToWord(Json{{"Changes", changes}}));
    // Gone already (or never created): Route 53 rejects the batch as InvalidChangeBatch.
    lines.push_back(pad + "if ! topo_absent \"$" + OutputVar(zone->id, KeyOutput(zone->id)) + "\"; then");
    lines.push_back(pad + "  " + RenderCommand(words, indent + 2) + " >/dev/null 2>\"$TOPO_ERR\" || topo_tolerate 'InvalidChangeBatch'");
    lines.push_back(pad + "fi");
    return lines;
  }
  if (name == "ses_domain_dns") {
    // DKIM tokens first (three CNAME records), then every record the identity needs.
    std::vector<Json> recs = SesDomainRecords(r);
    if (recs.empty()) return lines;
    if (Truthy(Resolve("dkim", scope))) {
      std::string var = BaseVar(r.id) + "_DKIM";
      std::vector<Word> words = AwsPrefix("sesv2 get-email-identity", r);
      words.push_back(Word::Literal("--email-identity"));
      words.push_back(ToWord(PhysicalName(r)));
      words.push_back(Word::Literal("--query"));
      words.push_back(Word::Literal("DkimAttributes.Tokens"));
      words.push_back(Word::Literal("--output"));
      words.push_back(Word::Literal("text"));
      lines.push_back(pad + var + "=$(" + RenderCommand(words, indent) + ")");
      lines.push_back(pad + "read -r " + var + "_1 " + var + "_2 " + var + "_3 <<<\"$" + var + "\" || true");
    }
    Json arr = Json::array();
    for (auto& x : recs) arr.push_back(x);
    auto more = DnsRecordLines(r, arr, ZoneOf(r), indent, "SES domain identity " + ToWord(PhysicalName(r)).literal());
    for (auto& l : more) {
      if (l.find("aws route53") != std::string::npos) l = pad + BaseVar(r.id) + "_CHANGE=$(" + l.substr(indent) + ")";
    }
    if (!more.empty() && more.front().find("_CHANGE=$(") != std::string::npos) {
      more.push_back(pad + "echo \"   DNS records: $" + BaseVar(r.id) + "_CHANGE\"");
    }
    MoveAppend(lines, more);
    return lines;
  }
  if (name == "certificate_validation") {
    // ACM publishes the validation CNAMEs a few seconds after the request.
    // https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
    std::string base = BaseVar(r.id);
    std::string arn = OutputVar(r.id, KeyOutput(r.id));
    std::vector<Word> status = AwsPrefix("acm describe-certificate", r);
    status.push_back(Word::Literal("--certificate-arn"));
    status.push_back(Word::Var(arn));
    std::vector<Word> records = status;
    status.push_back(Word::Literal("--query"));
    status.push_back(Word::Literal("Certificate.Status"));
    status.push_back(Word::Literal("--output"));
    status.push_back(Word::Literal("text"));
    records.push_back(Word::Literal("--query"));
    records.push_back(Word::Literal("Certificate.DomainValidationOptions[].ResourceRecord.[Name,Value]"));
    records.push_back(Word::Literal("--output"));
    records.push_back(Word::Literal("text"));
    lines.push_back(base + "_STATUS=$(" + RenderCommand(status, 0) + ")");
    lines.push_back("if [ \"$" + base + "_STATUS\" != ISSUED ]; then");
    lines.push_back("  for topo_try in 1 2 3 4 5 6 7 8 9 10; do");
    lines.push_back("    " + base + "_RECORDS=$(" + RenderCommand(records, 4) + ")");
    lines.push_back("    if ! topo_absent \"$" + base + "_RECORDS\"; then break; fi");
    lines.push_back("    echo \"   waiting for the validation records ($topo_try)\"");
    lines.push_back("    sleep 5");
    lines.push_back("  done");
    const ir::Resource* zone = ZoneOf(r);
    Scope zs;
    zs.resource = zone;
    bool external = zone == nullptr || Truthy(Resolve("external", zs));
    Json validation = Resolve("validation", scope);
    if (validation.is_string() && validation.get<std::string>() == "email") {
      AddManual(lines, model_.DisplayName(r.id) + ":validate", "Approve the certificate request emails for " + model_.DisplayName(r.id),
                {Word::Literal("   ACM emailed the domain's contacts; open the approval link in each email.")}, "", 2);
    } else if (external) {
      std::vector<Word> text = {Word::Literal("   Add these CNAME records (name, value) at the domain's DNS provider:")};
      Word w = Word::Literal("");
      w.AppendVar(base + "_RECORDS");
      text.push_back(w);
      AddManual(lines, model_.DisplayName(r.id) + ":validate", "DNS validation records for " + model_.DisplayName(r.id), text, "", 2);
    } else {
      lines.push_back("  " + base + "_CHANGES=$(topo_cname_batch \"$" + base + "_RECORDS\")");
      std::vector<Word> upsert = AwsPrefix("route53 change-resource-record-sets", *zone);
      upsert.push_back(Word::Literal("--hosted-zone-id"));
      upsert.push_back(Word::Var(OutputVar(zone->id, KeyOutput(zone->id))));
      upsert.push_back(Word::Literal("--change-batch"));
      upsert.push_back(Word::Var(base + "_CHANGES"));
      lines.push_back("  " + RenderCommand(upsert, 2) + " >/dev/null");
      helpers_.insert("cname_batch");
    }
    if (Truthy(Resolve("wait_for_validation", scope))) {
      std::vector<Word> wait = AwsPrefix("acm wait certificate-validated", r);
      wait.push_back(Word::Literal("--certificate-arn"));
      wait.push_back(Word::Var(arn));
      lines.push_back("  echo \"   waiting until ACM has validated the certificate\"");
      lines.push_back("  " + RenderCommand(wait, 2));
    }
    lines.push_back("fi");
    for (auto& l : lines) l = pad + l;
    return lines;
  }
  if (name == "ses_verification") {
    // An email identity is verified by clicking the link SES emails to the address, unless a
    // manual_step of the source already covers it.
    for (size_t edge : model_.EdgesTo(r.id)) {
      const ir::Edge& e = model_.edges[edge];
      if (e.via == "after" && model_.at(e.from).kind == "manual_step") {
        lines.push_back(pad + "topo_say " + ShellQuote("   SES emails a verification link to the address; see " + model_.DisplayName(e.from) + "."));
        return lines;
      }
    }
    Json m = {{"id", "verify"},
              {"title", "Click the verification link SES sent to {name}"},
              {"lines", Json::array({"   SES emailed a verification link to {name}; open it to verify the address."})},
              {"unless", {{"cmd", "sesv2 get-email-identity"},
                          {"args", Json::array({Json::array({"--email-identity", "{name}"})})},
                          {"query", "VerifiedForSendingStatus"},
                          {"equals", "True"}}}};
    return CommandLines(Json{{"manual", m}}, scope, indent);
  }
  if (name == "ses_production_access") {
    // Leaving the SES sandbox is a support request; skipped when the account already has
    // production access, or when a manual_step of the source mentions it.
    // https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html
    for (ir::ResourceId step : model_.OfKind("manual_step")) {
      const ir::Resource& other = model_.at(step);
      for (const char* a : {"title", "instructions"}) {
        const ir::Attribute* t = other.Find(a);
        if (t != nullptr && t->value.kind == ir::Value::Kind::kString &&
            Lower(t->value.text).find("production access") != std::string::npos) {
          return lines;
        }
      }
    }
    // Asked once, by the first SES identity (in declaration order) of the region and account.
    ir::ResourceId first_identity = ir::kNoResource;
    for (const char* kind : {"ses_domain", "ses_email"}) {
      for (ir::ResourceId id : model_.OfKind(kind)) {
        const ir::Resource& other = model_.at(id);
        if (RegionOf(other) == RegionOf(r) && AccountOf(other) == AccountOf(r)) {
          if (first_identity == ir::kNoResource || id < first_identity) first_identity = id;
          break;
        }
      }
    }
    bool first = first_identity == ir::kNoResource || first_identity == r.id;
    if (!first) return lines;
    Json m = {{"id", "production-access"},
              {"title", "Request SES production access in {region}"},
              {"lines", Json::array({"   A new account can send only to verified addresses (the SES sandbox).",
                                     "   Request production access for {region} in the SES console (Account dashboard)."})},
              {"link", "https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html"},
              {"unless", {{"cmd", "sesv2 get-account"}, {"query", "ProductionAccessEnabled"}, {"equals", "True"}}}};
    return CommandLines(Json{{"manual", m}}, scope, indent);
  }
  throw std::runtime_error("stdlib/runbook: unknown builtin `" + name + "`");
}

}  // namespace topo::emit::runbook
