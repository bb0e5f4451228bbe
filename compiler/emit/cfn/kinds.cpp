// The kind-specific part of the CloudFormation mapping: what the tables in
// stdlib/cloudformation/kinds/*.json cannot say (nested structures, companion resources,
// derived values). Each builder receives the main resource's properties with the table-driven
// ones already set. AWS facts cite their documentation; the resource type pages are listed in
// each kind's data file under `sources`.
#include <algorithm>
#include <cctype>
#include <set>

#include "base/strings.h"
#include "emit/cfn/emitter.h"

namespace topo::emit::cfn {

namespace {

using K = ir::Value::Kind;

Json Sub(const std::string& text) { return Json{{"Fn::Sub", text}}; }
// Fn::Sub with variables; literal variables are written into the text.
Json SubVars(std::string text, Json vars) {
  Json rest = Json::object();
  for (auto& [name, value] : vars.items()) {
    std::string key = "${" + name + "}";
    if (value.is_string() && value.get<std::string>().find("${") == std::string::npos) {
      for (size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos)) {
        text.replace(pos, key.size(), value.get<std::string>());
        pos += value.get<std::string>().size();
      }
    } else {
      rest[name] = value;
    }
  }
  if (rest.empty()) return text.find("${") == std::string::npos ? Json(text) : Json{{"Fn::Sub", text}};
  return Json{{"Fn::Sub", Json::array({text, rest})}};
}
Json JoinParts(const std::string& sep, Json parts) { return Json{{"Fn::Join", Json::array({sep, std::move(parts)})}}; }


// Joins string pieces that may be expressions: literal when every piece is.
Json Concat(const std::vector<Json>& pieces) {
  std::vector<Json> parts;
  for (const auto& p : pieces) {
    if (p.is_string() && !parts.empty() && parts.back().is_string()) {
      parts.back() = parts.back().get<std::string>() + p.get<std::string>();
    } else if (!(p.is_string() && p.get<std::string>().empty())) {
      parts.push_back(p);
    }
  }
  if (parts.empty()) return "";
  if (parts.size() == 1 && parts[0].is_string()) return parts[0];
  Json arr = Json::array();
  for (auto& p : parts) arr.push_back(p);
  return JoinParts("", arr);
}

// Numbers and booleans as CloudFormation strings (option settings, attributes of load balancers).
Json AsString(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return v;
}

// A list of strings as one comma-separated string.
Json CommaList(const Json& v) {
  if (!v.is_array()) return v;
  if (v.size() == 1) return v[0];
  bool literal = std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_string(); });
  if (literal) {
    std::vector<std::string> parts;
    for (const auto& x : v) parts.push_back(x.get<std::string>());
    return Join(parts, ",");
  }
  return JoinParts(",", v);
}

// Availability zone: a letter is a zone of the stack's region; anything else is a full name.
Json ZoneOf(const Json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.size() <= 2 && !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      return Sub("${AWS::Region}" + s);
    }
  }
  return v;
}

// An IAM managed policy given by name (`AdministratorAccess`, `service-role/X`) or by ARN.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
Json ManagedPolicyArn(const Json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.rfind("arn:", 0) == 0) return s;
    return Sub("arn:${AWS::Partition}:iam::aws:policy/" + s);
  }
  return v;
}

// TXT values are quoted strings of at most 255 characters each.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html#TXTFormat
Json QuoteTxt(const Json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (!s.empty() && s.front() == '"') return s;
    std::string out;
    for (size_t i = 0; i < s.size() || i == 0; i += 255) {
      std::string chunk = s.substr(i, 255);
      std::string escaped;
      for (char c : chunk) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
      }
      out += (out.empty() ? "" : " ") + ("\"" + escaped + "\"");
      if (s.empty()) break;
    }
    return out;
  }
  return Concat({"\"", v, "\""});
}

std::string BlockLabel(const ir::Block& b, size_t index) { return b.label.empty() ? std::to_string(index + 1) : b.label; }

class Builder {
 public:
  Builder(Emitter& e, const ir::Resource& r, int main, Json& props) : e_(e), r_(r), main_(main), props_(props) {}

  void Build() {
    const std::string& k = r_.kind;
    if (k == "autoscaling_group") AutoscalingGroup();
    else if (k == "beanstalk_app") BeanstalkApp();
    else if (k == "beanstalk_env") BeanstalkEnv();
    else if (k == "bucket") Bucket();
    else if (k == "cache_cluster") CacheCluster();
    else if (k == "certificate") Certificate();
    else if (k == "cloudfront_origin_access") OriginAccess();
    else if (k == "cloudfront_public_key") PublicKey();
    else if (k == "db_cluster") DbCluster();
    else if (k == "db_instance") DbInstance();
    else if (k == "db_parameter_group") DbParameterGroup();
    else if (k == "db_subnet_group") DefaultText("DBSubnetGroupDescription", "description");
    else if (k == "distribution") Distribution();
    else if (k == "dns_record") DnsRecord();
    else if (k == "dns_zone") DnsZone();
    else if (k == "dynamodb_table") DynamoTable();
    else if (k == "ebs_volume") EbsVolume();
    else if (k == "ecs_cluster") EcsCluster();
    else if (k == "ecs_service") EcsService();
    else if (k == "ecs_task_definition") EcsTaskDefinition();
    else if (k == "iam_access_key") AccessKey();
    else if (k == "iam_group") IamGroup();
    else if (k == "iam_instance_profile") props_["Roles"] = Json::array({e_.ValueOr(r_, "role", nullptr, "name")});
    else if (k == "iam_policy") props_["PolicyDocument"] = PolicyFromStatements(r_, e_.Attr(r_, "policy"), r_.blocks);
    else if (k == "iam_role") IamRole();
    else if (k == "iam_user") IamUser();
    else if (k == "instance") Instance();
    else if (k == "internet_gateway") InternetGateway();
    else if (k == "key_pair") KeyPair();
    else if (k == "lambda_function") Lambda();
    else if (k == "launch_template") LaunchTemplate();
    else if (k == "listener") Listener();
    else if (k == "listener_rule") ListenerRule();
    else if (k == "load_balancer") LoadBalancer();
    else if (k == "log_group") LogGroup();
    else if (k == "nat_gateway") NatGateway();
    else if (k == "organizational_unit") OrganizationalUnit();
    else if (k == "route_table") RouteTable();
    else if (k == "secret") Secret();
    else if (k == "security_group") SecurityGroup();
    else if (k == "ses_domain") SesDomain();
    else if (k == "ses_email") SesEmail();
    else if (k == "ses_receipt_filter") props_["Filter"]["Name"] = e_.ValueOr(r_, "name", r_.name);
    else if (k == "ses_receipt_rule") ReceiptRule();
    else if (k == "ses_receipt_rule_set") ReceiptRuleSet();
    else if (k == "ses_smtp") SesSmtp();
    else if (k == "sns_subscription") SnsSubscription();
    else if (k == "sns_topic") SnsTopic();
    else if (k == "subnet") Zone("az", "AvailabilityZone");
    else if (k == "target_group") TargetGroup();
    else if (k == "vpc") Vpc();
    else if (k == "vpc_endpoint") VpcEndpoint();
    else if (k == "waf_web_acl") WebAcl();
  }

 private:
  // ---- helpers ----
  const ir::Value* A(const std::string& name) const { return e_.Attr(r_, name); }
  Json V(const std::string& name, const std::string& output = "id") {
    const ir::Value* v = A(name);
    return v == nullptr ? Json() : e_.Value(*v, output);
  }
  Json BV(const ir::Block& b, const std::string& name, const std::string& output = "id") {
    const ir::Value* v = e_.Attr(b, name);
    return v == nullptr ? Json() : e_.Value(*v, output);
  }
  void Set(Json& obj, const std::string& key, Json v) {
    if (!v.is_null()) obj[key] = std::move(v);
  }
  void SetAttr(Json& obj, const std::string& key, const std::string& attr, const std::string& output = "id") {
    Set(obj, key, V(attr, output));
  }
  void SetBlock(Json& obj, const std::string& key, const ir::Block& b, const std::string& attr, const std::string& output = "id") {
    Set(obj, key, BV(b, attr, output));
  }
  // An attribute, or the block's schema default when absent.
  Json BVD(const ir::Block& b, const std::string& name) {
    if (const ir::Value* v = e_.Attr(b, name)) return e_.Value(*v);
    return e_.BlockDefault(r_, b, name);
  }
  void DefaultText(const std::string& property, const std::string& attr) {
    if (!props_.contains(property)) props_[property] = e_.ValueOr(r_, attr, r_.name);
  }
  void Zone(const std::string& attr, const std::string& property) {
    if (const ir::Value* v = A(attr)) props_[property] = ZoneOf(e_.Value(*v));
  }
  std::vector<const ir::Block*> Blocks(const std::string& type) const {
    std::vector<const ir::Block*> out;
    for (const auto& b : r_.blocks) {
      if (b.type == type) out.push_back(&b);
    }
    return out;
  }
  std::vector<ir::ResourceId> Refs(const std::string& attr) const {
    std::vector<ir::ResourceId> out;
    const ir::Value* v = A(attr);
    if (v == nullptr) return out;
    if (v->is_ref()) out.push_back(v->target);
    for (const auto& item : v->items) {
      if (item.is_ref()) out.push_back(item.target);
    }
    return out;
  }
  int Companion(const std::string& suffix, const std::string& type) { return e_.AddUnit(r_, suffix, type); }
  Json SelfRef() { return e_.UnitRef(main_); }
  Json SelfAtt(const std::string& attr) { return e_.UnitAtt(main_, attr); }

  // A policy document from an `any` value (map) or from statement blocks.
  Json PolicyDocument(const ir::Value* v) {
    Json doc = v != nullptr ? e_.Value(*v, "arn") : Json::object();
    if (doc.is_string()) return doc;
    if (!doc.is_object()) doc = Json::object();
    if (!doc.contains("Version")) {
      Json out = Json::object();
      out["Version"] = "2012-10-17";
      for (auto& [k, x] : doc.items()) out[k] = x;
      doc = out;
    }
    if (!doc.contains("Statement")) doc["Statement"] = Json::array();
    return doc;
  }
  Json PolicyFromStatements(const ir::Resource& r, const ir::Value* policy, const std::vector<ir::Block>& blocks) {
    Json doc = PolicyDocument(policy);
    for (const auto& b : blocks) {
      if (b.type != "statement") continue;
      Json s = Json::object();
      Set(s, "Sid", BV(b, "sid"));
      s["Effect"] = BVD(b, "effect");
      if (s["Effect"].is_null()) s["Effect"] = "Allow";
      Set(s, "Action", BV(b, "actions"));
      Set(s, "NotAction", BV(b, "not_actions"));
      Set(s, "Resource", BV(b, "resources", "arn"));
      Set(s, "NotResource", BV(b, "not_resources", "arn"));
      if (!s.contains("Resource") && !s.contains("NotResource")) s["Resource"] = "*";
      Set(s, "Condition", BV(b, "condition"));
      doc["Statement"].push_back(s);
    }
    (void)r;
    return doc;
  }
  Json InlinePolicies(const std::string& owner) {
    Json out = Json::array();
    size_t i = 0;
    for (const auto* b : Blocks("inline_policy")) {
      Json p = Json::object();
      p["PolicyName"] = b->label.empty() ? owner + "-inline-" + std::to_string(++i) : b->label;
      p["PolicyDocument"] = PolicyDocument(e_.Attr(*b, "policy"));
      out.push_back(p);
    }
    std::vector<ir::ResourceId> roles = Refs("assumable_roles");
    if (!roles.empty()) {
      Json resources = Json::array();
      for (auto id : roles) resources.push_back(e_.Out(id, "arn"));
      Json statement = {{"Effect", "Allow"}, {"Action", "sts:AssumeRole"}, {"Resource", resources}};
      out.push_back(Json{{"PolicyName", owner + "-assume-roles"},
                         {"PolicyDocument", Json{{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}}}});
    }
    return out;
  }
  Json ManagedPolicies() {
    Json arns = Json::array();
    for (auto id : Refs("policies")) arns.push_back(e_.Out(id, "arn"));
    if (const ir::Value* m = A("managed_policies")) {
      Json names = e_.Value(*m);
      if (names.is_array()) {
        for (const auto& n : names) arns.push_back(ManagedPolicyArn(n));
      } else {
        arns.push_back(ManagedPolicyArn(names));
      }
    }
    return arns;
  }
  static Json OptionSetting(const std::string& ns, const std::string& name, Json value) {
    return Json{{"Namespace", ns}, {"OptionName", name}, {"Value", AsString(value)}};
  }
  // The S3 website endpoint/zone, CloudFront zone, ...: ids AWS documents per service.
  std::string Name() const { return r_.name; }

  // ---- kinds ----
  void AutoscalingGroup() {
    Json spec = Json::object();
    if (const ir::Value* lt = A("launch_template"); lt != nullptr && lt->is_ref()) {
      spec["LaunchTemplateId"] = e_.Out(lt->target, "id");
      // CloudFormation does not accept $Latest/$Default here; it takes the version numbers.
      std::string version = e_.Str(r_, "launch_template_version");
      if (version == "$Latest") spec["Version"] = e_.Out(lt->target, "latest_version");
      else if (version == "$Default" || version.empty()) spec["Version"] = e_.Out(lt->target, "default_version");
      else spec["Version"] = V("launch_template_version");
    }
    auto mixed = Blocks("mixed_instances");
    if (!mixed.empty()) {
      const ir::Block& b = *mixed[0];
      Json lt = Json{{"LaunchTemplateSpecification", spec}};
      if (Json types = BV(b, "instance_types"); types.is_array()) {
        Json overrides = Json::array();
        for (const auto& t : types) overrides.push_back(Json{{"InstanceType", t}});
        lt["Overrides"] = overrides;
      }
      Json dist = Json::object();
      Set(dist, "OnDemandBaseCapacity", BVD(b, "on_demand_base_capacity"));
      Set(dist, "OnDemandPercentageAboveBaseCapacity", BVD(b, "on_demand_percentage_above_base_capacity"));
      Set(dist, "SpotAllocationStrategy", BVD(b, "spot_allocation_strategy"));
      props_["MixedInstancesPolicy"] = Json{{"InstancesDistribution", dist}, {"LaunchTemplate", lt}};
    } else if (!spec.empty()) {
      props_["LaunchTemplate"] = spec;
    }
    // topo's default grace period is the console's 300 s; the API's is 0, which lets a new
    // instance fail its first ELB health checks.
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html
    if (!props_.contains("HealthCheckGracePeriod")) {
      std::string grace = e_.Str(r_, "health_check_grace_period");
      if (!grace.empty() && std::all_of(grace.begin(), grace.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        props_["HealthCheckGracePeriod"] = std::stoll(grace);
      }
    }
    for (const char* key : {"MinSize", "MaxSize", "DesiredCapacity", "Cooldown"}) {
      if (props_.contains(key)) props_[key] = AsString(props_[key]);
    }
    if (!props_.contains("VPCZoneIdentifier")) props_["AvailabilityZones"] = Json{{"Fn::GetAZs", ""}};
    size_t i = 0;
    for (const auto* b : Blocks("schedule")) {
      int u = Companion("Schedule" + Emitter::Pascal(BlockLabel(*b, i++)), "AWS::AutoScaling::ScheduledAction");
      Json p = Json::object();
      p["AutoScalingGroupName"] = SelfRef();
      SetBlock(p, "Recurrence", *b, "recurrence");
      SetBlock(p, "StartTime", *b, "start_time");
      SetBlock(p, "EndTime", *b, "end_time");
      SetBlock(p, "TimeZone", *b, "time_zone");
      SetBlock(p, "MinSize", *b, "min_size");
      SetBlock(p, "MaxSize", *b, "max_size");
      SetBlock(p, "DesiredCapacity", *b, "desired_capacity");
      e_.unit(u).properties = p;
    }
    i = 0;
    for (const auto* b : Blocks("scaling_policy")) {
      int u = Companion("Policy" + Emitter::Pascal(BlockLabel(*b, i++)), "AWS::AutoScaling::ScalingPolicy");
      Json metric = Json{{"PredefinedMetricType", BVD(*b, "predefined_metric")}};
      if (const ir::Value* tg = e_.Attr(*b, "target_group"); tg != nullptr && tg->is_ref()) {
        // ALBRequestCountPerTarget: "app/<lb>/<id>/targetgroup/<tg>/<id>".
        ir::ResourceId lb = LoadBalancerOf(tg->target);
        if (lb != ir::kNoResource) {
          metric["ResourceLabel"] = JoinParts("/", Json::array({e_.Out(lb, "arn_suffix"), e_.Out(tg->target, "arn_suffix")}));
        }
      }
      Json tt = Json{{"PredefinedMetricSpecification", metric}, {"TargetValue", BV(*b, "target_value")}};
      if (e_.Bool(r_, *b, "disable_scale_in")) tt["DisableScaleIn"] = true;
      e_.unit(u).properties = Json{{"AutoScalingGroupName", SelfRef()}, {"PolicyType", "TargetTrackingScaling"},
                                   {"TargetTrackingConfiguration", tt}};
    }
  }
  ir::ResourceId LoadBalancerOf(ir::ResourceId target_group) const {
    const ir::Model& m = e_.model();
    for (ir::ResourceId id : e_.Referrers(target_group, {"listener", "listener_rule"})) {
      const ir::Resource& res = m.at(id);
      for (const char* attr : {"default_target", "target"}) {
        const ir::Value* v = e_.Attr(res, attr);
        if (v == nullptr || !v->is_ref() || v->target != target_group) continue;
        const ir::Resource* listener = &res;
        if (res.kind == "listener_rule") {
          const ir::Value* l = e_.Attr(res, "listener");
          if (l == nullptr || !l->is_ref()) continue;
          listener = &m.at(l->target);
        }
        const ir::Value* lb = e_.Attr(*listener, "load_balancer");
        if (lb != nullptr && lb->is_ref()) return lb->target;
      }
    }
    return ir::kNoResource;
  }

  void BeanstalkApp() {
    Json cfg = Json::object();
    SetAttr(cfg, "ServiceRole", "service_role", "arn");
    Json rule = Json::object();
    bool s3 = e_.Bool(r_, "delete_source_from_s3");
    if (A("max_versions") != nullptr) {
      cfg["VersionLifecycleConfig"]["MaxCountRule"] =
          Json{{"Enabled", true}, {"MaxCount", V("max_versions")}, {"DeleteSourceFromS3", s3}};
    }
    if (A("max_age_in_days") != nullptr) {
      cfg["VersionLifecycleConfig"]["MaxAgeRule"] =
          Json{{"Enabled", true}, {"MaxAgeInDays", V("max_age_in_days")}, {"DeleteSourceFromS3", s3}};
    }
    if (!cfg.empty()) props_["ResourceLifecycleConfig"] = cfg;
  }

  // Option settings: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html
  void BeanstalkEnv() {
    std::string tier = e_.Str(r_, "tier");
    if (A("tier") != nullptr) props_["Tier"] = Json{{"Name", tier}, {"Type", tier == "Worker" ? "SQS/HTTP" : "Standard"}};
    Json opts = Json::array();
    auto opt = [&](const std::string& ns, const std::string& name, const std::string& attr, const std::string& output = "id") {
      if (const ir::Value* v = A(attr)) opts.push_back(OptionSetting(ns, name, CommaList(e_.Value(*v, output))));
    };
    const std::string env = "aws:elasticbeanstalk:environment";
    opt(env, "EnvironmentType", "environment_type");
    opt(env, "LoadBalancerType", "load_balancer_type");
    opt(env, "ServiceRole", "service_role", "arn");
    opt("aws:ec2:instances", "InstanceTypes", "instance_type");
    opt("aws:ec2:instances", "SupportedArchitectures", "architecture");
    opt("aws:autoscaling:asg", "MinSize", "min_instances");
    opt("aws:autoscaling:asg", "MaxSize", "max_instances");
    const std::string lc = "aws:autoscaling:launchconfiguration";
    opt(lc, "EC2KeyName", "key_pair", "key_name");
    opt(lc, "IamInstanceProfile", "instance_profile", "name");
    opt(lc, "SecurityGroups", "security_groups");
    opt(lc, "RootVolumeSize", "root_volume_size");
    opt(lc, "RootVolumeType", "root_volume_type");
    opt("aws:ec2:vpc", "VPCId", "vpc");
    opt("aws:ec2:vpc", "Subnets", "subnets");
    opt("aws:ec2:vpc", "ELBSubnets", "elb_subnets");
    opt("aws:ec2:vpc", "AssociatePublicIpAddress", "associate_public_ip_address");
    opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "health_reporting");
    opt("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "managed_updates");
    if (const ir::Value* vars = A("env"); vars != nullptr && vars->kind == K::kMap) {
      for (const auto& [name, value] : vars->entries) {
        opts.push_back(OptionSetting("aws:elasticbeanstalk:application:environment", name, e_.Value(value)));
      }
    }
    for (const auto* b : Blocks("setting")) {
      Json s = OptionSetting("", "", nullptr);
      s["Namespace"] = BV(*b, "namespace");
      s["OptionName"] = BV(*b, "name");
      s["Value"] = AsString(CommaList(BV(*b, "value")));
      if (Json res = BV(*b, "resource"); !res.is_null()) s["ResourceName"] = res;
      opts.push_back(s);
    }
    if (!opts.empty()) props_["OptionSettings"] = opts;
  }

  void Bucket() {
    if (e_.Bool(r_, "versioning")) props_["VersioningConfiguration"] = Json{{"Status", "Enabled"}};
    if (e_.Bool(r_, "acceleration")) props_["AccelerateConfiguration"] = Json{{"AccelerationStatus", "Enabled"}};
    bool block = e_.Bool(r_, "block_public_access");
    props_["PublicAccessBlockConfiguration"] = Json{{"BlockPublicAcls", block}, {"BlockPublicPolicy", block},
                                                    {"IgnorePublicAcls", block}, {"RestrictPublicBuckets", block}};
    if (A("object_ownership") != nullptr) {
      props_["OwnershipControls"] = Json{{"Rules", Json::array({Json{{"ObjectOwnership", V("object_ownership")}}})}};
    }
    if (A("encryption") != nullptr || A("kms_key") != nullptr || A("bucket_key") != nullptr) {
      Json def = Json{{"SSEAlgorithm", e_.Str(r_, "encryption")}};
      SetAttr(def, "KMSMasterKeyID", "kms_key");
      Json rule = Json{{"ServerSideEncryptionByDefault", def}};
      if (A("bucket_key") != nullptr) rule["BucketKeyEnabled"] = V("bucket_key");
      props_["BucketEncryption"] = Json{{"ServerSideEncryptionConfiguration", Json::array({rule})}};
    }
    if (A("logging_bucket") != nullptr) {
      Json log = Json{{"DestinationBucketName", V("logging_bucket", "name")}};
      SetAttr(log, "LogFilePrefix", "logging_prefix");
      props_["LoggingConfiguration"] = log;
    }
    Json rules = Json::array();
    for (const auto* b : Blocks("lifecycle_rule")) {
      Json rule = Json::object();
      rule["Id"] = b->label;
      rule["Status"] = e_.Bool(r_, *b, "enabled") ? "Enabled" : "Disabled";
      SetBlock(rule, "Prefix", *b, "prefix");
      SetBlock(rule, "ExpirationInDays", *b, "expiration_days");
      SetBlock(rule, "ExpiredObjectDeleteMarker", *b, "expired_object_delete_marker");
      if (e_.Attr(*b, "transition_days") != nullptr) {
        rule["Transitions"] = Json::array({Json{{"StorageClass", BV(*b, "storage_class")}, {"TransitionInDays", BV(*b, "transition_days")}}});
      }
      if (e_.Attr(*b, "noncurrent_transition_days") != nullptr) {
        rule["NoncurrentVersionTransitions"] = Json::array(
            {Json{{"StorageClass", BV(*b, "noncurrent_storage_class")}, {"TransitionInDays", BV(*b, "noncurrent_transition_days")}}});
      }
      if (e_.Attr(*b, "noncurrent_expiration_days") != nullptr) {
        Json nve = Json{{"NoncurrentDays", BV(*b, "noncurrent_expiration_days")}};
        SetBlock(nve, "NewerNoncurrentVersions", *b, "noncurrent_newer_versions");
        rule["NoncurrentVersionExpiration"] = nve;
      }
      if (e_.Attr(*b, "abort_incomplete_multipart_days") != nullptr) {
        rule["AbortIncompleteMultipartUpload"] = Json{{"DaysAfterInitiation", BV(*b, "abort_incomplete_multipart_days")}};
      }
      rules.push_back(rule);
    }
    if (!rules.empty()) props_["LifecycleConfiguration"] = Json{{"Rules", rules}};
    Json cors = Json::array();
    for (const auto* b : Blocks("cors_rule")) {
      Json rule = Json::object();
      if (!b->label.empty()) rule["Id"] = b->label;
      SetBlock(rule, "AllowedMethods", *b, "allowed_methods");
      SetBlock(rule, "AllowedOrigins", *b, "allowed_origins");
      SetBlock(rule, "AllowedHeaders", *b, "allowed_headers");
      SetBlock(rule, "ExposedHeaders", *b, "expose_headers");
      SetBlock(rule, "MaxAge", *b, "max_age_seconds");
      cors.push_back(rule);
    }
    if (!cors.empty()) props_["CorsConfiguration"] = Json{{"CorsRules", cors}};
    for (const auto* b : Blocks("website")) {
      Json w = Json::object();
      SetBlock(w, "IndexDocument", *b, "index_document");
      SetBlock(w, "ErrorDocument", *b, "error_document");
      if (Json host = BV(*b, "redirect_all_requests_to"); !host.is_null()) w["RedirectAllRequestsTo"] = Json{{"HostName", host}};
      props_["WebsiteConfiguration"] = w;
    }
    // Bucket policy: the written one plus read access for the distributions that use this bucket
    // through an origin access control or identity.
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
    Json doc = PolicyDocument(A("policy"));
    const ir::Model& m = e_.model();
    for (ir::ResourceId distribution : e_.Referrers(r_.id, {"distribution"})) {
      const ir::Resource& d = m.at(distribution);
      for (const auto& o : d.blocks) {
        if (o.type != "origin") continue;
        const ir::Value* t = e_.Attr(o, "target");
        const ir::Value* oa = e_.Attr(o, "origin_access");
        if (t == nullptr || !t->is_ref() || t->target != r_.id || oa == nullptr || !oa->is_ref()) continue;
        const ir::Resource& access = m.at(oa->target);
        Json statement = Json::object();
        statement["Sid"] = "CloudFrontRead" + Emitter::Pascal(d.name);
        statement["Effect"] = "Allow";
        if (e_.Str(access, "type") == "oai") {
          statement["Principal"] = Json{{"CanonicalUser", e_.Out(access.id, "s3_canonical_user_id")}};
        } else {
          statement["Principal"] = Json{{"Service", "cloudfront.amazonaws.com"}};
        }
        statement["Action"] = "s3:GetObject";
        statement["Resource"] = Concat({SelfAtt("Arn"), "/*"});
        if (e_.Str(access, "type") != "oai") {
          statement["Condition"] = Json{{"StringEquals", Json{{"AWS:SourceArn", e_.Out(d.id, "arn")}}}};
        }
        // One statement per grant: two origins of a distribution on the bucket, or distributions
        // sharing an origin access identity, grant the same. Sids must be unique in a policy.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
        bool duplicate = false;
        std::set<std::string> sids;
        for (const auto& existing : doc["Statement"]) {
          Json a = existing, b = statement;
          a.erase("Sid");
          b.erase("Sid");
          duplicate |= a == b;
          if (existing.contains("Sid") && existing["Sid"].is_string()) sids.insert(existing["Sid"].get<std::string>());
        }
        if (duplicate) continue;
        std::string sid = statement["Sid"].get<std::string>();
        for (int n = 2; sids.count(sid); ++n) sid = statement["Sid"].get<std::string>() + std::to_string(n);
        statement["Sid"] = sid;
        doc["Statement"].push_back(statement);
      }
    }
    if (!doc["Statement"].empty()) {
      int u = Companion("Policy", "AWS::S3::BucketPolicy");
      e_.unit(u).properties = Json{{"Bucket", SelfRef()}, {"PolicyDocument", doc}};
    }
  }

  void CacheCluster() {
    std::string engine = e_.Str(r_, "engine");
    bool memcached = engine == "memcached";
    long long replicas = 0;
    if (const ir::Value* v = A("replicas"); v != nullptr && v->kind == K::kNumber) replicas = static_cast<long long>(v->number);
    bool group = !memcached && (replicas > 0 || e_.Bool(r_, "automatic_failover") || e_.Bool(r_, "multi_az") ||
                                e_.Bool(r_, "at_rest_encryption_enabled") || A("auth_token") != nullptr);
    Json subnet_group;
    if (A("subnets") != nullptr) {
      int sg = Companion("SubnetGroup", "AWS::ElastiCache::SubnetGroup");
      e_.unit(sg).properties = Json{{"Description", "subnets of cache " + r_.name}, {"SubnetIds", V("subnets")}};
      subnet_group = e_.UnitRef(sg);
    }
    Json p = Json::object();
    if (group) {
      e_.unit(main_).type = "AWS::ElastiCache::ReplicationGroup";
      p["ReplicationGroupId"] = e_.ValueOr(r_, "cluster_id", r_.name);
      p["ReplicationGroupDescription"] = e_.ValueOr(r_, "description", r_.name);
      p["Engine"] = V("engine");
      SetAttr(p, "EngineVersion", "engine_version");
      SetAttr(p, "CacheNodeType", "node_type");
      p["NumCacheClusters"] = replicas + 1;
      SetAttr(p, "AutomaticFailoverEnabled", "automatic_failover");
      SetAttr(p, "MultiAZEnabled", "multi_az");
      SetAttr(p, "Port", "port");
      SetAttr(p, "CacheParameterGroupName", "parameter_group_name");
      Set(p, "CacheSubnetGroupName", subnet_group);
      SetAttr(p, "SecurityGroupIds", "security_groups");
      if (const ir::Value* azs = A("preferred_cache_cluster_azs")) {
        Json list = Json::array();
        for (const auto& z : e_.Value(*azs)) list.push_back(ZoneOf(z));
        p["PreferredCacheClusterAZs"] = list;
      }
      SetAttr(p, "SnapshotRetentionLimit", "snapshot_retention_limit");
      SetAttr(p, "SnapshotWindow", "snapshot_window");
      SetAttr(p, "PreferredMaintenanceWindow", "maintenance_window");
      SetAttr(p, "AtRestEncryptionEnabled", "at_rest_encryption_enabled");
      SetAttr(p, "TransitEncryptionEnabled", "transit_encryption_enabled");
      SetAttr(p, "AuthToken", "auth_token");
      SetAttr(p, "NotificationTopicArn", "notification_topic", "arn");
    } else {
      p["ClusterName"] = e_.ValueOr(r_, "cluster_id", r_.name);
      p["Engine"] = V("engine");
      SetAttr(p, "EngineVersion", "engine_version");
      SetAttr(p, "CacheNodeType", "node_type");
      p["NumCacheNodes"] = e_.ValueOr(r_, "num_cache_nodes", 1);
      SetAttr(p, "Port", "port");
      SetAttr(p, "CacheParameterGroupName", "parameter_group_name");
      Set(p, "CacheSubnetGroupName", subnet_group);
      SetAttr(p, "VpcSecurityGroupIds", "security_groups");
      if (const ir::Value* az = A("az")) p["PreferredAvailabilityZone"] = ZoneOf(e_.Value(*az));
      if (memcached) SetAttr(p, "AZMode", "az_mode");
      SetAttr(p, "SnapshotRetentionLimit", "snapshot_retention_limit");
      SetAttr(p, "SnapshotWindow", "snapshot_window");
      SetAttr(p, "PreferredMaintenanceWindow", "maintenance_window");
      SetAttr(p, "TransitEncryptionEnabled", "transit_encryption_enabled");
      SetAttr(p, "NotificationTopicArn", "notification_topic", "arn");
    }
    for (auto& [k, v] : props_.items()) p[k] = v;
    props_ = p;
    // Memcached keeps no data to snapshot: the cluster is kept instead.
    if (memcached && e_.Bool(r_, "retain")) e_.unit(main_).deletion_policy = "Retain";
  }

  void Certificate() {
    std::string validation = e_.Str(r_, "validation");
    const ir::Value* zone = A("zone");
    bool managed_zone = zone != nullptr && zone->is_ref() && !e_.Bool(e_.resource(zone->target), "external");
    if (validation == "dns" && managed_zone) {
      // ACM writes the validation CNAMEs into the hosted zone itself.
      Json options = Json::array();
      Json zone_id = e_.Out(zone->target, "id");
      options.push_back(Json{{"DomainName", V("domain")}, {"HostedZoneId", zone_id}});
      if (const ir::Value* sans = A("alternative_names")) {
        for (const auto& san : e_.Value(*sans)) options.push_back(Json{{"DomainName", san}, {"HostedZoneId", zone_id}});
      }
      props_["DomainValidationOptions"] = options;
    } else {
      std::string how = validation == "email"
                            ? "Open the validation email ACM sends to the domain's contacts and approve the certificate."
                            : "Add the validation CNAME records that the ACM console shows for the certificate at the domain's DNS host.";
      ManualStep& step = e_.Manual(r_, fmt::format("Validate certificate `{}`", e_.DisplayName(r_.id)),
                                   how + " CloudFormation waits for the certificate to be issued before the stack completes.");
      step.after.push_back(r_.id);
      step.during = true;
    }
  }

  void OriginAccess() {
    if (e_.Str(r_, "type") == "oai") {
      e_.unit(main_).type = "AWS::CloudFront::CloudFrontOriginAccessIdentity";
      props_["CloudFrontOriginAccessIdentityConfig"] = Json{{"Comment", e_.ValueOr(r_, "comment", e_.ValueOr(r_, "name", r_.name))}};
      return;
    }
    Json cfg = Json::object();
    cfg["Name"] = e_.ValueOr(r_, "name", r_.name);
    SetAttr(cfg, "Description", "comment");
    cfg["OriginAccessControlOriginType"] = e_.Str(r_, "origin_type");
    cfg["SigningBehavior"] = e_.Str(r_, "signing_behavior");
    cfg["SigningProtocol"] = "sigv4";
    props_["OriginAccessControlConfig"] = cfg;
  }

  void PublicKey() {
    // CallerReference only has to be unique per key; the key's name is.
    Json cfg = props_["PublicKeyConfig"];
    Json out = Json{{"CallerReference", e_.ValueOr(r_, "name", r_.name)}};
    for (auto& [k, v] : cfg.items()) out[k] = v;
    props_["PublicKeyConfig"] = out;
  }

  void DbCluster() {
    std::string mode = e_.Str(r_, "engine_mode");
    auto scaling = Blocks("scaling");
    if (mode == "serverless") {
      props_["EngineMode"] = "serverless";
      if (!scaling.empty()) {
        const ir::Block& b = *scaling[0];
        Json s = Json::object();
        SetBlock(s, "MinCapacity", b, "min_capacity");
        SetBlock(s, "MaxCapacity", b, "max_capacity");
        s["AutoPause"] = e_.Bool(r_, b, "auto_pause");
        Set(s, "SecondsUntilAutoPause", BVD(b, "seconds_until_auto_pause"));
        Set(s, "TimeoutAction", BVD(b, "timeout_action"));
        Set(s, "SecondsBeforeTimeout", BVD(b, "seconds_before_timeout"));
        props_["ScalingConfiguration"] = s;
      }
    } else {
      if (A("engine_mode") != nullptr) props_["EngineMode"] = "provisioned";
      if (mode == "serverless_v2" && !scaling.empty()) {
        Json s = Json::object();
        SetBlock(s, "MinCapacity", *scaling[0], "min_capacity");
        SetBlock(s, "MaxCapacity", *scaling[0], "max_capacity");
        props_["ServerlessV2ScalingConfiguration"] = s;
      }
    }
    long long instances = 0;
    if (const ir::Value* n = A("instances"); n != nullptr && n->kind == K::kNumber) instances = static_cast<long long>(n->number);
    for (long long i = 1; i <= instances; ++i) {
      int u = Companion("Instance" + std::to_string(i), "AWS::RDS::DBInstance");
      Json p = Json{{"DBClusterIdentifier", SelfRef()}, {"Engine", V("engine")}};
      p["DBInstanceClass"] = e_.ValueOr(r_, "instance_class", mode == "serverless_v2" ? Json("db.serverless") : Json());
      if (p["DBInstanceClass"].is_null()) p.erase("DBInstanceClass");
      e_.unit(u).properties = p;
    }
  }

  void DbInstance() {
    if (const ir::Value* v = A("max_allocated_storage"); v != nullptr && !(v->kind == K::kNumber && v->number == 0)) {
      props_["MaxAllocatedStorage"] = e_.Value(*v);
    }
    if (props_.contains("AllocatedStorage")) props_["AllocatedStorage"] = AsString(props_["AllocatedStorage"]);
    if (props_.contains("Port")) props_["Port"] = AsString(props_["Port"]);
    // An instance of an Aurora cluster holds no data of its own: the cluster's policy applies.
    if (A("cluster") != nullptr) e_.unit(main_).deletion_policy = "Delete";
  }

  void DbParameterGroup() {
    bool cluster = e_.Bool(r_, "cluster");
    Json params = Json::object();
    for (const auto* b : Blocks("parameter")) params[b->label] = AsString(BV(*b, "value"));
    Json p = Json::object();
    p[cluster ? "DBClusterParameterGroupName" : "DBParameterGroupName"] = e_.ValueOr(r_, "name", r_.name);
    p["Description"] = props_.contains("Description") ? props_["Description"] : Json(r_.name);
    p["Family"] = props_["Family"];
    if (!params.empty() || cluster) p["Parameters"] = params;
    for (auto& [k, v] : props_.items()) {
      if (!p.contains(k)) p[k] = v;
    }
    props_ = p;
    if (cluster) e_.unit(main_).type = "AWS::RDS::DBClusterParameterGroup";
  }

  // ---- CloudFront ----
  // A managed cache policy given by name becomes its id (stdlib/cloudformation/kinds/distribution.json,
  // `tables.cache_policies`); anything else is taken as an id.
  Json CachePolicyId(const Json& v) {
    const KindMap* map = e_.mapping("distribution");
    if (v.is_string() && map != nullptr) {
      auto table = map->tables.find("cache_policies");
      if (table != map->tables.end()) {
        auto it = table->second.find(v.get<std::string>());
        if (it != table->second.end()) return it->second;
      }
    }
    return v;
  }

  void Distribution() {
    Json cfg = props_.contains("DistributionConfig") ? props_["DistributionConfig"] : Json::object();
    Json out = Json::object();
    out["Enabled"] = e_.Bool(r_, "enabled");
    for (auto& [k, v] : cfg.items()) out[k] = v;
    // Written even at topo's default (http2): CloudFormation's own default has differed from the
    // API's ("The default value for new distributions is http2", CreateDistribution).
    if (!out.contains("HttpVersion") && !e_.Str(r_, "http_version").empty()) out["HttpVersion"] = e_.Str(r_, "http_version");
    if (A("certificate") != nullptr) {
      Json vc = Json{{"AcmCertificateArn", V("certificate", "arn")}, {"SslSupportMethod", e_.Str(r_, "ssl_support_method")}};
      SetAttr(vc, "MinimumProtocolVersion", "minimum_protocol_version");
      out["ViewerCertificate"] = vc;
    } else {
      out["ViewerCertificate"] = Json{{"CloudFrontDefaultCertificate", true}};
    }
    std::string geo = e_.Str(r_, "geo_restriction");
    if (!geo.empty() && geo != "none") {
      Json g = Json{{"RestrictionType", geo}};
      SetAttr(g, "Locations", "geo_locations");
      out["Restrictions"] = Json{{"GeoRestriction", g}};
    }
    if (A("logging_bucket") != nullptr) {
      Json log = Json{{"Bucket", V("logging_bucket", "bucket_domain_name")}};
      SetAttr(log, "Prefix", "logging_prefix");
      if (A("logging_include_cookies") != nullptr) log["IncludeCookies"] = V("logging_include_cookies");
      out["Logging"] = log;
    }
    Json origins = Json::array();
    std::string first_origin;
    for (const auto* b : Blocks("origin")) {
      if (first_origin.empty()) first_origin = b->label;
      origins.push_back(Origin(*b));
    }
    out["Origins"] = origins;
    Json key_groups;
    if (A("signed_urls_key_group") != nullptr) key_groups = Json::array({V("signed_urls_key_group")});
    bool have_default = false;
    Json behaviors = Json::array();
    for (const auto* b : Blocks("behavior")) {
      Json beh = Behavior(*b, first_origin, key_groups);
      if (e_.Attr(*b, "path_pattern") == nullptr && !have_default) {
        out["DefaultCacheBehavior"] = beh;
        have_default = true;
      } else {
        Json withPath = Json{{"PathPattern", BV(*b, "path_pattern")}};
        for (auto& [k, v] : beh.items()) withPath[k] = v;
        behaviors.push_back(withPath);
      }
    }
    if (!have_default) {
      out["DefaultCacheBehavior"] = Json{{"TargetOriginId", first_origin}, {"ViewerProtocolPolicy", "allow-all"},
                                         {"ForwardedValues", Json{{"QueryString", false}}}};
      if (!key_groups.is_null()) out["DefaultCacheBehavior"]["TrustedKeyGroups"] = key_groups;
    }
    if (!behaviors.empty()) out["CacheBehaviors"] = behaviors;
    Json errors = Json::array();
    for (const auto* b : Blocks("error_page")) {
      Json er = Json::object();
      SetBlock(er, "ErrorCode", *b, "error_code");
      SetBlock(er, "ResponseCode", *b, "response_code");
      SetBlock(er, "ResponsePagePath", *b, "response_page_path");
      Set(er, "ErrorCachingMinTTL", BVD(*b, "error_caching_min_ttl"));
      errors.push_back(er);
    }
    if (!errors.empty()) out["CustomErrorResponses"] = errors;
    props_["DistributionConfig"] = out;
    if (props_.contains("Tags")) {
      Json tags = props_["Tags"];
      props_.erase("Tags");
      props_["Tags"] = tags;
    }
  }

  Json Origin(const ir::Block& b) {
    Json o = Json::object();
    o["Id"] = b.label;
    const ir::Value* target = e_.Attr(b, "target");
    std::string target_kind = target != nullptr && target->is_ref() ? e_.resource(target->target).kind : "";
    bool website = false;
    if (target_kind == "bucket") {
      const ir::Resource& bucket = e_.resource(target->target);
      for (const auto& blk : bucket.blocks) website |= blk.type == "website";
    }
    if (e_.Attr(b, "domain_name") != nullptr) {
      o["DomainName"] = BV(b, "domain_name");
    } else if (target_kind == "bucket") {
      o["DomainName"] = website ? Json(e_.Out(target->target, "website_endpoint")) : e_.Out(target->target, "bucket_regional_domain_name");
    } else if (target_kind == "load_balancer") {
      o["DomainName"] = e_.Out(target->target, "dns_name");
    } else if (target_kind == "beanstalk_env") {
      o["DomainName"] = e_.Out(target->target, "cname");
    }
    SetBlock(o, "OriginPath", b, "origin_path");
    if (e_.Attr(b, "connection_attempts") != nullptr) o["ConnectionAttempts"] = BV(b, "connection_attempts");
    if (const ir::Value* h = e_.Attr(b, "custom_headers"); h != nullptr && h->kind == K::kMap) {
      Json headers = Json::array();
      for (const auto& [name, value] : h->entries) headers.push_back(Json{{"HeaderName", name}, {"HeaderValue", e_.Value(value)}});
      o["OriginCustomHeaders"] = headers;
    }
    const ir::Value* access = e_.Attr(b, "origin_access");
    if (target_kind == "bucket" && !website) {
      if (access != nullptr && access->is_ref() && e_.Str(e_.resource(access->target), "type") == "oai") {
        o["S3OriginConfig"] = Json{{"OriginAccessIdentity", e_.Out(access->target, "cloudfront_access_identity_path")}};
      } else {
        o["S3OriginConfig"] = Json{{"OriginAccessIdentity", ""}};
        if (access != nullptr && access->is_ref()) o["OriginAccessControlId"] = e_.Out(access->target, "id");
      }
    } else {
      Json c = Json::object();
      c["OriginProtocolPolicy"] = e_.Attr(b, "protocol_policy") != nullptr ? BV(b, "protocol_policy") : Json(website ? "http-only" : "https-only");
      Set(c, "HTTPPort", BVD(b, "http_port"));
      Set(c, "HTTPSPort", BVD(b, "https_port"));
      c["OriginSSLProtocols"] = e_.Attr(b, "origin_ssl_protocols") != nullptr ? BV(b, "origin_ssl_protocols") : Json::array({"TLSv1.2"});
      if (e_.Attr(b, "origin_read_timeout") != nullptr) c["OriginReadTimeout"] = BV(b, "origin_read_timeout");
      o["CustomOriginConfig"] = c;
      if (access != nullptr && access->is_ref()) o["OriginAccessControlId"] = e_.Out(access->target, "id");
    }
    return o;
  }

  Json Behavior(const ir::Block& b, const std::string& first_origin, const Json& key_groups) {
    Json beh = Json::object();
    beh["TargetOriginId"] = e_.Attr(b, "origin") != nullptr ? BV(b, "origin") : Json(first_origin);
    beh["ViewerProtocolPolicy"] = BVD(b, "viewer_protocol_policy");
    SetBlock(beh, "AllowedMethods", b, "allowed_methods");
    SetBlock(beh, "CachedMethods", b, "cached_methods");
    if (e_.Attr(b, "compress") != nullptr) beh["Compress"] = BV(b, "compress");
    if (e_.Attr(b, "trusted_key_groups") != nullptr) {
      beh["TrustedKeyGroups"] = BV(b, "trusted_key_groups");
    } else if (!key_groups.is_null()) {
      beh["TrustedKeyGroups"] = key_groups;
    }
    if (e_.Attr(b, "cache_policy") != nullptr) {
      beh["CachePolicyId"] = CachePolicyId(BV(b, "cache_policy"));
    } else {
      // Legacy cache settings: forwarded values and TTLs.
      Json fv = Json::object();
      const ir::Value* qs = e_.Attr(b, "forward_query_strings");
      if (qs != nullptr && qs->kind == K::kList) {
        fv["QueryString"] = true;
        fv["QueryStringCacheKeys"] = e_.Value(*qs);
      } else {
        fv["QueryString"] = qs != nullptr && qs->kind == K::kBool && qs->boolean;
      }
      if (const ir::Value* c = e_.Attr(b, "forward_cookies")) {
        Json names = e_.Value(*c);
        bool all = names.is_array() && names.size() == 1 && names[0] == "*";
        fv["Cookies"] = all ? Json{{"Forward", "all"}} : Json{{"Forward", "whitelist"}, {"WhitelistedNames", names}};
      } else {
        fv["Cookies"] = Json{{"Forward", "none"}};
      }
      SetBlock(fv, "Headers", b, "forward_headers");
      beh["ForwardedValues"] = fv;
      Set(beh, "MinTTL", BVD(b, "min_ttl"));
      Set(beh, "DefaultTTL", BVD(b, "default_ttl"));
      Set(beh, "MaxTTL", BVD(b, "max_ttl"));
    }
    SetBlock(beh, "OriginRequestPolicyId", b, "origin_request_policy");
    SetBlock(beh, "ResponseHeadersPolicyId", b, "response_headers_policy");
    return beh;
  }

  // ---- DNS ----
  // The record's name: relative to the zone's domain unless it ends with a dot or with the domain.
  Json RecordName(const Json& name, const Json& domain) {
    if (name.is_string()) {
      std::string n = name.get<std::string>();
      if (n.empty() || n == "@") return domain;
      if (n.back() == '.') return n;
      if (domain.is_string()) {
        std::string d = domain.get<std::string>();
        if (n == d || (n.size() > d.size() && n.compare(n.size() - d.size() - 1, d.size() + 1, "." + d) == 0)) return n;
      }
      return Concat({n, ".", domain});
    }
    return name;
  }

  void DnsRecord() {
    const ir::Value* zone = A("zone");
    if (zone == nullptr || !zone->is_ref()) return;
    const ir::Resource& z = e_.resource(zone->target);
    Json name = RecordName(e_.ValueOr(r_, "name", r_.name), e_.Out(z.id, "domain"));
    std::string type = e_.Str(r_, "type");
    Json p = Json::object();
    p["HostedZoneId"] = e_.Out(z.id, "id");
    p["Name"] = name;
    p["Type"] = type;
    const ir::Value* alias = A("alias");
    if (alias != nullptr && alias->is_ref()) {
      const ir::Resource& t = e_.resource(alias->target);
      if (t.kind == "elastic_ip" || t.kind == "instance") {
        // Route 53 cannot alias an IP address: a plain A record holds it.
        p["TTL"] = AsString(e_.ValueOr(r_, "ttl", 300));
        p["ResourceRecords"] = Json::array({e_.Out(t.id, "public_ip")});
      } else {
        Json target = Json::object();
        if (t.kind == "distribution") {
          target["DNSName"] = e_.Out(t.id, "domain_name");
          target["HostedZoneId"] = e_.Out(t.id, "hosted_zone_id");
        } else if (t.kind == "load_balancer") {
          target["DNSName"] = e_.Out(t.id, "dns_name");
          target["HostedZoneId"] = e_.Out(t.id, "zone_id");
        } else if (t.kind == "beanstalk_env") {
          target["DNSName"] = e_.Out(t.id, "cname");
          target["HostedZoneId"] = e_.Input(Emitter::Pascal(t.name) + "BeanstalkHostedZoneId",
                                            "Route 53 hosted zone id of Elastic Beanstalk in the environment's region "
                                            "(https://docs.aws.amazon.com/general/latest/gr/elasticbeanstalk.html)");
        } else if (t.kind == "bucket") {
          target["DNSName"] = e_.Out(t.id, "website_endpoint");
          target["HostedZoneId"] = e_.Out(t.id, "hosted_zone_id");
        }
        target["EvaluateTargetHealth"] = e_.Bool(r_, "evaluate_target_health");
        p["AliasTarget"] = target;
      }
    } else {
      Json records = Json::array();
      if (const ir::Value* rs = A("records")) {
        for (const auto& v : e_.Value(*rs)) records.push_back(v);
      }
      if (const ir::Value* v = A("value")) records.push_back(e_.Value(*v));
      if (type == "TXT" || type == "SPF") {
        for (auto& rec : records) rec = QuoteTxt(rec);
      }
      p["TTL"] = AsString(e_.ValueOr(r_, "ttl", 300));
      p["ResourceRecords"] = records;
    }
    for (auto& [k, v] : props_.items()) p[k] = v;
    props_ = p;
  }

  void DnsZone() {
    if (e_.Bool(r_, "private") || A("vpc") != nullptr) {
      for (auto vpc : Refs("vpc")) {
        props_["VPCs"] = Json::array({Json{{"VPCId", e_.Out(vpc, "id")}, {"VPCRegion", e_.RegionOf(e_.resource(vpc))}}});
      }
    }
    // A hosted zone made by CloudFormation has its own name servers: the registrar must use them.
    ManualStep& step = e_.Manual(r_, fmt::format("Point the name servers of `{}` at the hosted zone", e_.DisplayName(r_.id)),
                                 fmt::format("Set the domain's name servers at its registrar{} to the four name servers of the "
                                             "hosted zone (`aws route53 get-hosted-zone --id <zone id>`). Until then the "
                                             "records in the zone are not visible on the internet.",
                                             e_.Str(r_, "registrar").empty() ? "" : " (" + e_.Str(r_, "registrar") + ")"));
    step.after.push_back(r_.id);
    // A DNS-validated certificate in this zone keeps its stack in CREATE_IN_PROGRESS until ACM can
    // resolve the validation records, that is until the domain is delegated to this zone: the step
    // cannot wait for the stack to finish.
    // https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
    std::vector<std::string> certificates;
    for (ir::ResourceId certificate : e_.Referrers(r_.id, {"certificate"})) {
      const ir::Resource& c = e_.model().at(certificate);
      if (e_.Str(c, "validation") != "dns") continue;
      const ir::Value* z = e_.Attr(c, "zone");
      if (z != nullptr && z->is_ref() && z->target == r_.id) certificates.push_back("`" + e_.DisplayName(c.id) + "`");
    }
    if (!certificates.empty() && !e_.Bool(r_, "external")) {
      step.during = true;
      step.body += fmt::format(" Do it as soon as CloudFormation has created the hosted zone: the stack waits for {} until ACM "
                               "can resolve the validation records written into it.",
                               Join(certificates, ", "));
    }
  }

  void DynamoTable() {
    std::map<std::string, std::string> types;
    if (const ir::Value* kt = A("key_types"); kt != nullptr && kt->kind == K::kMap) {
      for (const auto& [k, v] : kt->entries) types[k] = v.text;
    }
    std::vector<std::string> order;
    auto use = [&](const std::string& attr, const std::string& type) {
      if (attr.empty()) return;
      if (!types.count(attr)) types[attr] = type.empty() ? "S" : type;
      if (std::find(order.begin(), order.end(), attr) == order.end()) order.push_back(attr);
    };
    std::string hash = e_.Str(r_, "hash_key"), range = e_.Str(r_, "range_key");
    use(hash, e_.Str(r_, "hash_key_type"));
    use(range, e_.Str(r_, "range_key_type"));
    auto key_schema = [](const std::string& h, const std::string& rk) {
      Json ks = Json::array({Json{{"AttributeName", h}, {"KeyType", "HASH"}}});
      if (!rk.empty()) ks.push_back(Json{{"AttributeName", rk}, {"KeyType", "RANGE"}});
      return ks;
    };
    bool provisioned = e_.Str(r_, "billing_mode") == "PROVISIONED";
    Json gsis = Json::array();
    for (const auto* b : Blocks("global_secondary_index")) {
      std::string h = e_.Str(r_, *b, "hash_key"), rk = e_.Str(r_, *b, "range_key");
      use(h, "");
      use(rk, "");
      Json g = Json{{"IndexName", b->label}, {"KeySchema", key_schema(h, rk)}};
      Json proj = Json{{"ProjectionType", BVD(*b, "projection_type")}};
      SetBlock(proj, "NonKeyAttributes", *b, "non_key_attributes");
      g["Projection"] = proj;
      if (provisioned) {
        g["ProvisionedThroughput"] = Json{{"ReadCapacityUnits", BV(*b, "read_capacity").is_null() ? Json(5) : BV(*b, "read_capacity")},
                                          {"WriteCapacityUnits", BV(*b, "write_capacity").is_null() ? Json(5) : BV(*b, "write_capacity")}};
      }
      gsis.push_back(g);
    }
    Json defs = Json::array();
    for (const auto& a : order) defs.push_back(Json{{"AttributeName", a}, {"AttributeType", types[a]}});
    Json p = Json::object();
    if (props_.contains("TableName")) p["TableName"] = props_["TableName"];
    p["AttributeDefinitions"] = defs;
    p["KeySchema"] = key_schema(hash, range);
    for (auto& [k, v] : props_.items()) {
      if (!p.contains(k)) p[k] = v;
    }
    if (provisioned) {
      // Without written capacities: 5 units, the console's default for new tables.
      p["ProvisionedThroughput"] = Json{{"ReadCapacityUnits", e_.ValueOr(r_, "read_capacity", 5)},
                                        {"WriteCapacityUnits", e_.ValueOr(r_, "write_capacity", 5)}};
    }
    if (!gsis.empty()) p["GlobalSecondaryIndexes"] = gsis;
    if (A("point_in_time_recovery") != nullptr) {
      p["PointInTimeRecoverySpecification"] = Json{{"PointInTimeRecoveryEnabled", V("point_in_time_recovery")}};
    }
    if (A("ttl_attribute") != nullptr) p["TimeToLiveSpecification"] = Json{{"AttributeName", V("ttl_attribute")}, {"Enabled", true}};
    if (A("stream_view_type") != nullptr) p["StreamSpecification"] = Json{{"StreamViewType", V("stream_view_type")}};
    if (e_.Bool(r_, "server_side_encryption_kms")) {
      Json sse = Json{{"SSEEnabled", true}, {"SSEType", "KMS"}};
      SetAttr(sse, "KMSMasterKeyId", "kms_key");
      p["SSESpecification"] = sse;
    }
    if (p.contains("Tags")) {
      Json tags = p["Tags"];
      p.erase("Tags");
      p["Tags"] = tags;
    }
    props_ = p;
  }

  void EbsVolume() {
    if (const ir::Value* az = A("az")) {
      props_["AvailabilityZone"] = ZoneOf(e_.Value(*az));
    } else if (const ir::Value* inst = A("instance"); inst != nullptr && inst->is_ref()) {
      props_["AvailabilityZone"] = e_.Out(inst->target, "availability_zone");
    }
    if (const ir::Value* inst = A("instance"); inst != nullptr && inst->is_ref()) {
      int u = Companion("Attachment", "AWS::EC2::VolumeAttachment");
      e_.unit(u).properties = Json{{"Device", e_.ValueOr(r_, "device_name", "/dev/sdf")}, {"InstanceId", e_.Out(inst->target, "id")},
                                   {"VolumeId", SelfRef()}};
    }
    if (e_.Bool(r_, "retain")) e_.unit(main_).deletion_policy = e_.Bool(r_, "final_snapshot") ? "Snapshot" : "Retain";
  }

  void EcsCluster() {
    if (A("container_insights") != nullptr) {
      props_["ClusterSettings"] = Json::array({Json{{"Name", "containerInsights"}, {"Value", V("container_insights")}}});
    }
  }

  void EcsService() {
    if (A("subnets") != nullptr) {
      Json vpc = Json{{"Subnets", V("subnets")}};
      SetAttr(vpc, "SecurityGroups", "security_groups");
      vpc["AssignPublicIp"] = e_.Bool(r_, "assign_public_ip") ? "ENABLED" : "DISABLED";
      props_["NetworkConfiguration"] = Json{{"AwsvpcConfiguration", vpc}};
    }
    Json lbs = Json::array();
    for (const auto* b : Blocks("load_balancer")) {
      Json lb = Json::object();
      Json container = BV(*b, "container_name");
      if (container.is_null()) {
        // The task definition's first container.
        if (const ir::Value* td = A("task_definition"); td != nullptr && td->is_ref()) {
          for (const auto& c : e_.resource(td->target).blocks) {
            if (c.type == "container") {
              container = c.label;
              break;
            }
          }
        }
      }
      Set(lb, "ContainerName", container);
      SetBlock(lb, "ContainerPort", *b, "container_port");
      SetBlock(lb, "TargetGroupArn", *b, "target_group", "arn");
      lbs.push_back(lb);
      // The target group must belong to a load balancer before the service starts.
      if (const ir::Value* tg = e_.Attr(*b, "target_group"); tg != nullptr && tg->is_ref()) {
        for (ir::ResourceId id : e_.Referrers(tg->target, {"listener", "listener_rule"})) {
          const ir::Resource& res = e_.model().at(id);
          for (const char* attr : {"default_target", "target"}) {
            const ir::Value* v = e_.Attr(res, attr);
            int lu = e_.main_unit(res.id);
            if (v != nullptr && v->is_ref() && v->target == tg->target && lu >= 0) e_.unit(main_).depends_on.push_back(e_.Dep(lu));
          }
        }
      }
    }
    if (!lbs.empty()) props_["LoadBalancers"] = lbs;
  }

  void EcsTaskDefinition() {
    Json containers = Json::array();
    for (const auto* b : Blocks("container")) {
      Json c = Json::object();
      c["Name"] = b->label;
      SetBlock(c, "Image", *b, "image");
      SetBlock(c, "Cpu", *b, "cpu");
      SetBlock(c, "Memory", *b, "memory");
      SetBlock(c, "MemoryReservation", *b, "memory_reservation");
      c["Essential"] = e_.Bool(r_, *b, "essential");
      if (Json ports = BV(*b, "ports"); ports.is_array()) {
        Json maps = Json::array();
        for (const auto& port : ports) maps.push_back(Json{{"ContainerPort", port}, {"Protocol", "tcp"}});
        c["PortMappings"] = maps;
      }
      SetBlock(c, "Command", *b, "command");
      SetBlock(c, "EntryPoint", *b, "entry_point");
      if (const ir::Value* env = e_.Attr(*b, "environment"); env != nullptr && env->kind == K::kMap) {
        Json vars = Json::array();
        for (const auto& [name, value] : env->entries) vars.push_back(Json{{"Name", name}, {"Value", AsString(e_.Value(value, "id"))}});
        c["Environment"] = vars;
      }
      if (const ir::Value* secrets = e_.Attr(*b, "secrets"); secrets != nullptr && secrets->kind == K::kMap) {
        Json list = Json::array();
        for (const auto& [name, value] : secrets->entries) list.push_back(Json{{"Name", name}, {"ValueFrom", e_.Value(value, "arn")}});
        c["Secrets"] = list;
      }
      if (const ir::Value* lg = e_.Attr(*b, "log_group"); lg != nullptr && lg->is_ref()) {
        Json opts = Json::object();
        opts["awslogs-group"] = e_.Out(lg->target, "name");
        int lu = e_.main_unit(lg->target);
        opts["awslogs-region"] = lu >= 0 ? e_.UnitExpr(lu, Json{{"Ref", "AWS::Region"}}, e_.unit(lu).logical_id + "Region")
                                         : Json(e_.RegionOf(e_.resource(lg->target)));
        Set(opts, "awslogs-stream-prefix", BV(*b, "log_stream_prefix"));
        c["LogConfiguration"] = Json{{"LogDriver", "awslogs"}, {"Options", opts}};
      }
      if (Json hc = BV(*b, "health_check"); !hc.is_null()) c["HealthCheck"] = Json{{"Command", hc}};
      SetBlock(c, "WorkingDirectory", *b, "working_directory");
      SetBlock(c, "User", *b, "user");
      if (const ir::Value* ul = e_.Attr(*b, "ulimits"); ul != nullptr && ul->kind == K::kMap) {
        Json list = Json::array();
        for (const auto& [name, value] : ul->entries) {
          list.push_back(Json{{"Name", name}, {"SoftLimit", e_.Value(value)}, {"HardLimit", e_.Value(value)}});
        }
        c["Ulimits"] = list;
      }
      containers.push_back(c);
    }
    Json volumes = Json::array();
    for (const auto* b : Blocks("volume")) {
      Json v = Json{{"Name", b->label}};
      if (e_.Attr(*b, "host_path") != nullptr) v["Host"] = Json{{"SourcePath", BV(*b, "host_path")}};
      if (e_.Attr(*b, "efs_file_system_id") != nullptr) {
        v["EFSVolumeConfiguration"] = Json{{"FilesystemId", BV(*b, "efs_file_system_id")}, {"RootDirectory", BVD(*b, "efs_root_directory")}};
      }
      volumes.push_back(v);
    }
    Json p = Json::object();
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    p["ContainerDefinitions"] = containers;
    if (!volumes.empty()) p["Volumes"] = volumes;
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
  }

  // ---- IAM ----
  // The secret access key is never an output: it is written to Secrets Manager.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html
  void AccessKey() {
    StoreKey(main_, A("secret"), "access key of `" + e_.DisplayName(r_.id) + "`");
    if (e_.Bool(r_, "ses_smtp_password")) SmtpPasswordStep();
  }
  void StoreKey(int key_unit, const ir::Value* secret, const std::string& what) {
    const std::string& id = e_.unit(key_unit).logical_id;
    Json value = Sub("{\"AccessKeyId\":\"${" + id + "}\",\"SecretAccessKey\":\"${" + id + ".SecretAccessKey}\"}");
    if (secret != nullptr && secret->is_ref()) {
      e_.WriteSecret(secret->target, e_.UnitExpr(key_unit, value, id + "Json"));
      return;
    }
    int s = Companion("Secret", "AWS::SecretsManager::Secret");
    std::string plain = what;
    plain.erase(std::remove(plain.begin(), plain.end(), '`'), plain.end());
    e_.unit(s).properties = Json{{"Description", plain + " (written by CloudFormation)"}, {"SecretString", value}};
    ManualStep& step = e_.Manual(r_, fmt::format("Hand over the {}", what),
                                 fmt::format("CloudFormation stores the key id and secret in Secrets Manager (secret `{}` of the stack). "
                                             "Read it with `aws secretsmanager get-secret-value --secret-id <its ARN>` and give it to "
                                             "its user; do not copy it into files under version control.",
                                             e_.unit(s).logical_id));
    step.after.push_back(r_.id);
  }
  void SmtpPasswordStep() {
    // https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html#smtp-credentials-convert
    ManualStep& step = e_.Manual(r_, fmt::format("Derive the SES SMTP password of `{}`", e_.DisplayName(r_.id)),
                                 fmt::format("CloudFormation cannot compute the SMTP password: convert the secret access key into the "
                                             "SMTP password for {} with the algorithm or script in "
                                             "https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html#smtp-credentials-convert "
                                             "(the SMTP user name is the access key id).",
                                             e_.RegionOf(r_)));
    step.after.push_back(r_.id);
  }

  void IamGroup() {
    Json arns = ManagedPolicies();
    if (!arns.empty()) props_["ManagedPolicyArns"] = arns;
    Json inl = InlinePolicies(r_.name);
    if (!inl.empty()) props_["Policies"] = inl;
    if (A("users") != nullptr) {
      int u = Companion("Users", "AWS::IAM::UserToGroupAddition");
      e_.unit(u).properties = Json{{"GroupName", SelfRef()}, {"Users", V("users", "name")}};
    }
  }

  void IamRole() {
    Json doc;
    if (A("assume_role_policy") != nullptr) {
      doc = PolicyDocument(A("assume_role_policy"));
    } else {
      doc = Json{{"Version", "2012-10-17"}, {"Statement", Json::array()}};
      if (A("trusted_services") != nullptr) {
        doc["Statement"].push_back(Json{{"Effect", "Allow"}, {"Principal", Json{{"Service", V("trusted_services")}}}, {"Action", "sts:AssumeRole"}});
      }
      Json principals = Json::array();
      for (auto a : Refs("trusted_accounts")) principals.push_back(SubVars("arn:${AWS::Partition}:iam::${Account}:root", Json{{"Account", e_.Account(a)}}));
      if (const ir::Value* p = A("trusted_principals")) {
        for (const auto& x : e_.Value(*p, "arn")) principals.push_back(x);
      }
      if (!principals.empty()) {
        Json s = Json{{"Effect", "Allow"}, {"Principal", Json{{"AWS", principals}}}, {"Action", "sts:AssumeRole"}};
        if (e_.Bool(r_, "require_mfa")) s["Condition"] = Json{{"Bool", Json{{"aws:MultiFactorAuthPresent", "true"}}}};
        doc["Statement"].push_back(s);
      }
    }
    Json p = Json::object();
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    p["AssumeRolePolicyDocument"] = doc;
    Json arns = ManagedPolicies();
    if (!arns.empty()) p["ManagedPolicyArns"] = arns;
    Json inl = InlinePolicies(r_.name);
    if (!inl.empty()) p["Policies"] = inl;
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
  }

  void IamUser() {
    Json p = Json::object();
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    Json arns = ManagedPolicies();
    if (!arns.empty()) p["ManagedPolicyArns"] = arns;
    Json inl = InlinePolicies(r_.name);
    if (!inl.empty()) p["Policies"] = inl;
    if (e_.Bool(r_, "console_access")) {
      // The first password is generated into Secrets Manager and read through a dynamic reference.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
      int s = Companion("Password", "AWS::SecretsManager::Secret");
      e_.unit(s).properties = Json{{"Description", "first console password of IAM user " + r_.name + " (written by CloudFormation)"},
                                   {"GenerateSecretString", Json{{"PasswordLength", 32}}}};
      const std::string& sid = e_.unit(s).logical_id;
      p["LoginProfile"] = Json{{"Password", e_.UnitExpr(s, Sub("{{resolve:secretsmanager:${" + sid + "}:SecretString}}"), sid + "Reference")},
                               {"PasswordResetRequired", e_.Bool(r_, "password_reset_required")}};
      ManualStep& step = e_.Manual(r_, fmt::format("Hand over the console password of `{}`", e_.DisplayName(r_.id)),
                                   fmt::format("The first password is in Secrets Manager (secret `{}` of the stack); "
                                               "give it to the user, who changes it at the first sign-in.", sid));
      step.after.push_back(r_.id);
    }
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
  }

  // ---- EC2 ----
  Json Ami(const Json& v) {
    // "resolve:ssm:/aws/service/..." is a public SSM parameter, read by a dynamic reference.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      if (s.rfind("resolve:ssm:", 0) == 0) return "{{" + s + "}}";
      if (s.rfind("/aws/service/", 0) == 0) return "{{resolve:ssm:" + s + "}}";
    }
    return v;
  }
  Json RootVolume(const ir::Block& b) {
    Json ebs = Json::object();
    SetBlock(ebs, "VolumeSize", b, "size");
    SetBlock(ebs, "VolumeType", b, "type");
    SetBlock(ebs, "Iops", b, "iops");
    SetBlock(ebs, "Throughput", b, "throughput");
    SetBlock(ebs, "Encrypted", b, "encrypted");
    SetBlock(ebs, "KmsKeyId", b, "kms_key");
    ebs["DeleteOnTermination"] = e_.Bool(r_, b, "delete_on_termination");
    // The root device of Amazon Linux AMIs; other AMIs may name it /dev/sda1.
    return Json::array({Json{{"DeviceName", "/dev/xvda"}, {"Ebs", ebs}}});
  }

  void Instance() {
    Json p = Json::object();
    if (A("ami") != nullptr) p["ImageId"] = Ami(V("ami"));
    for (auto& [k, v] : props_.items()) p[k] = v;
    Zone("az", "AvailabilityZone");
    if (props_.contains("AvailabilityZone")) p["AvailabilityZone"] = props_["AvailabilityZone"];
    if (const ir::Value* lt = A("launch_template"); lt != nullptr && lt->is_ref()) {
      p["LaunchTemplate"] = Json{{"LaunchTemplateId", e_.Out(lt->target, "id")}, {"Version", e_.Out(lt->target, "default_version")}};
    }
    if (A("associate_public_ip_address") != nullptr) {
      // The public address is a property of the first network interface, which then carries the
      // subnet and the groups.
      Json ni = Json{{"DeviceIndex", "0"}, {"AssociatePublicIpAddress", V("associate_public_ip_address")}};
      if (p.contains("SubnetId")) {
        ni["SubnetId"] = p["SubnetId"];
        p.erase("SubnetId");
      }
      if (p.contains("SecurityGroupIds")) {
        ni["GroupSet"] = p["SecurityGroupIds"];
        p.erase("SecurityGroupIds");
      }
      if (p.contains("PrivateIpAddress")) {
        ni["PrivateIpAddress"] = p["PrivateIpAddress"];
        p.erase("PrivateIpAddress");
      }
      p["NetworkInterfaces"] = Json::array({ni});
    }
    if (A("user_data") != nullptr) p["UserData"] = Json{{"Fn::Base64", V("user_data")}};
    for (const auto* b : Blocks("root_volume")) p["BlockDeviceMappings"] = RootVolume(*b);
    if (p.contains("Tags")) {
      Json tags = p["Tags"];
      p.erase("Tags");
      p["Tags"] = tags;
    }
    props_ = p;
  }

  // Attachments of the VPC's internet gateways: NAT gateways, public addresses and routes to the
  // internet wait for them. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
  void DependOnGateway(int unit, ir::ResourceId vpc) {
    std::vector<ir::ResourceId> gateways =
        vpc == ir::kNoResource ? e_.OfKind("internet_gateway") : e_.Referrers(vpc, {"internet_gateway"});
    for (ir::ResourceId gateway : gateways) {
      const ir::Resource& res = e_.model().at(gateway);
      const ir::Value* v = e_.Attr(res, "vpc");
      if (v == nullptr || !v->is_ref() || (vpc != ir::kNoResource && v->target != vpc)) continue;
      for (int u : e_.owned(res.id)) {
        if (e_.unit(u).type == "AWS::EC2::VPCGatewayAttachment") e_.unit(unit).depends_on.push_back(e_.Dep(u));
      }
    }
  }

  // A key pair created without public key material keeps its private key in Parameter Store.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-keypair.html
  void KeyPair() {
    if (A("public_key") != nullptr) return;
    ManualStep& step = e_.Manual(r_, fmt::format("Download the private key of `{}`", e_.DisplayName(r_.id)),
                                 "CloudFormation stores the new private key in Systems Manager Parameter Store: read it with "
                                 "`aws ssm get-parameter --name /ec2/keypair/<key pair id> --with-decryption --query Parameter.Value "
                                 "--output text` (the key pair id is `aws ec2 describe-key-pairs --key-names <name>`) and keep it safe.");
    step.after.push_back(r_.id);
  }

  void InternetGateway() {
    int u = Companion("Attachment", "AWS::EC2::VPCGatewayAttachment");
    e_.unit(u).properties = Json{{"InternetGatewayId", SelfRef()}, {"VpcId", V("vpc")}};
  }

  void NatGateway() {
    if (e_.Str(r_, "connectivity_type") == "public") {
      if (A("elastic_ip") != nullptr) {
        props_["AllocationId"] = V("elastic_ip", "allocation_id");
      } else {
        int eip = Companion("Eip", "AWS::EC2::EIP");
        e_.unit(eip).properties = Json{{"Domain", "vpc"}, {"Tags", Json::array({Json{{"Key", "Name"}, {"Value", r_.name}}})}};
        props_["AllocationId"] = e_.UnitAtt(eip, "AllocationId");
        const ir::Value* vpc = A("vpc");
        DependOnGateway(eip, vpc != nullptr && vpc->is_ref() ? vpc->target : ir::kNoResource);
      }
    }
    Json p = Json::object();
    for (const char* key : {"AllocationId", "SubnetId", "ConnectivityType"}) {
      if (props_.contains(key)) p[key] = props_[key];
    }
    for (auto& [k, v] : props_.items()) {
      if (!p.contains(k)) p[k] = v;
    }
    props_ = p;
  }

  void RouteTable() {
    size_t i = 0;
    const ir::Value* vpc = A("vpc");
    for (const auto* b : Blocks("route")) {
      int u = Companion("Route" + std::to_string(++i), "AWS::EC2::Route");
      Json p = Json{{"RouteTableId", SelfRef()}};
      Json dest = BV(*b, "destination");
      p[dest.is_string() && dest.get<std::string>().find(':') != std::string::npos ? "DestinationIpv6CidrBlock" : "DestinationCidrBlock"] = dest;
      SetBlock(p, "GatewayId", *b, "gateway");
      SetBlock(p, "NatGatewayId", *b, "nat_gateway");
      SetBlock(p, "VpcEndpointId", *b, "vpc_endpoint");
      SetBlock(p, "InstanceId", *b, "instance");
      e_.unit(u).properties = p;
      if (e_.Attr(*b, "gateway") != nullptr) DependOnGateway(u, vpc != nullptr && vpc->is_ref() ? vpc->target : ir::kNoResource);
    }
    for (auto subnet : Refs("subnets")) {
      int u = Companion(Emitter::Pascal(e_.resource(subnet).name) + "Association", "AWS::EC2::SubnetRouteTableAssociation");
      e_.unit(u).properties = Json{{"RouteTableId", SelfRef()}, {"SubnetId", e_.Out(subnet, "id")}};
    }
    if (e_.Bool(r_, "main")) {
      const ir::Attribute* a = r_.Find("main");
      e_.Unsupported(r_, "main", "CloudFormation cannot replace a VPC's main route table: run `aws ec2 replace-route-table-association` "
                     "with the association id of the VPC's main route table and this table's id",
                     a != nullptr ? a->name_range : r_.name_range);
    }
  }

  void SecurityGroup() {
    Json p = Json::object();
    p["GroupDescription"] = e_.ValueOr(r_, "description", r_.name);
    p["GroupName"] = e_.ValueOr(r_, "group_name", r_.name);
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    Json ingress = Json::array(), egress = Json::array();
    size_t in_n = 0, out_n = 0;
    bool egress_rules = false;
    for (const auto& rule : r_.rules) {
      bool in = rule.direction == ir::Rule::Direction::kIngress;
      egress_rules |= !in;
      Json j = Json::object();
      std::string proto = rule.protocol == "all" ? "-1" : rule.protocol;
      j["IpProtocol"] = proto;
      if (proto != "-1") {
        bool all_ports = rule.from_port < 0;
        j["FromPort"] = all_ports ? (proto == "icmp" || proto == "icmpv6" ? -1 : 0) : rule.from_port;
        j["ToPort"] = all_ports ? (proto == "icmp" || proto == "icmpv6" ? -1 : 65535) : rule.to_port;
      }
      if (rule.group != ir::kNoResource || rule.self) {
        // Group peers are separate resources, so groups may refer to each other (and to themselves).
        int u = Companion((in ? "Ingress" : "Egress") + std::to_string(in ? ++in_n : ++out_n),
                          in ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress");
        Json peer = rule.self ? SelfAtt("GroupId") : e_.Out(rule.group, "id");
        Json q = Json{{"GroupId", SelfAtt("GroupId")}};
        for (auto& [k, v] : j.items()) q[k] = v;
        q[in ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"] = peer;
        if (!rule.description.empty()) q["Description"] = rule.description;
        e_.unit(u).properties = q;
        continue;
      }
      j[rule.cidr.find(':') != std::string::npos ? "CidrIpv6" : "CidrIp"] = rule.cidr;
      if (!rule.description.empty()) j["Description"] = rule.description;
      (in ? ingress : egress).push_back(j);
    }
    if (!ingress.empty()) p["SecurityGroupIngress"] = ingress;
    if (egress_rules && egress.empty()) {
      // Only group egress rules: an inline rule that matches nothing removes the default
      // allow-all egress rule (the approach of the AWS CDK).
      egress.push_back(Json{{"IpProtocol", "icmp"}, {"FromPort", 252}, {"ToPort", 86}, {"CidrIp", "255.255.255.255/32"},
                            {"Description", "no traffic: removes the default allow-all egress rule"}});
    }
    if (!egress.empty()) p["SecurityGroupEgress"] = egress;
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
  }

  void Vpc() {
    if (e_.Bool(r_, "ipv6")) {
      int u = Companion("Ipv6", "AWS::EC2::VPCCidrBlock");
      e_.unit(u).properties = Json{{"AmazonProvidedIpv6CidrBlock", true}, {"VpcId", SelfRef()}};
    }
  }

  void VpcEndpoint() {
    Json name = V("service_name");
    if (name.is_string() && name.get<std::string>().find('.') == std::string::npos) {
      name = Sub("com.amazonaws.${AWS::Region}." + name.get<std::string>());
    }
    Json p = Json{{"ServiceName", name}};
    for (auto& [k, v] : props_.items()) p[k] = v;
    if (p.contains("PolicyDocument")) {
      Json doc = p["PolicyDocument"];
      if (doc.is_object() && !doc.contains("Version")) {
        Json out = Json{{"Version", "2012-10-17"}};
        for (auto& [k, v] : doc.items()) out[k] = v;
        p["PolicyDocument"] = out;
      }
    }
    props_ = p;
  }

  // ---- load balancing ----
  Json Actions(bool https_redirect, const Json& target, const Json& host, const std::vector<const ir::Block*>& fixed) {
    Json actions = Json::array();
    if (https_redirect || !host.is_null()) {
      Json rc = Json{{"StatusCode", "HTTP_301"}};
      if (https_redirect) {
        rc["Protocol"] = "HTTPS";
        rc["Port"] = "443";
      }
      if (!host.is_null()) rc["Host"] = host;
      actions.push_back(Json{{"Type", "redirect"}, {"RedirectConfig", rc}});
    } else if (!fixed.empty()) {
      const ir::Block& b = *fixed[0];
      Json fr = Json{{"StatusCode", AsString(BV(b, "status_code"))}, {"ContentType", BVD(b, "content_type")}};
      SetBlock(fr, "MessageBody", b, "message_body");
      actions.push_back(Json{{"Type", "fixed-response"}, {"FixedResponseConfig", fr}});
    } else if (!target.is_null()) {
      actions.push_back(Json{{"Type", "forward"}, {"TargetGroupArn", target}});
    }
    return actions;
  }

  void Listener() {
    Json p = Json::object();
    p["DefaultActions"] = Actions(e_.Bool(r_, "redirect_to_https"), V("default_target", "arn"), nullptr, Blocks("fixed_response"));
    for (auto& [k, v] : props_.items()) p[k] = v;
    if (A("certificate") != nullptr) p["Certificates"] = Json::array({Json{{"CertificateArn", V("certificate", "arn")}}});
    if (A("additional_certificates") != nullptr) {
      int u = Companion("Certificates", "AWS::ElasticLoadBalancingV2::ListenerCertificate");
      Json certs = Json::array();
      for (auto c : Refs("additional_certificates")) certs.push_back(Json{{"CertificateArn", e_.Out(c, "arn")}});
      e_.unit(u).properties = Json{{"Certificates", certs}, {"ListenerArn", SelfRef()}};
    }
    if (p.contains("Tags")) {
      Json tags = p["Tags"];
      p.erase("Tags");
      p["Tags"] = tags;
    }
    props_ = p;
  }

  void ListenerRule() {
    Json conditions = Json::array();
    auto values = [&](const std::string& field, const std::string& config, const std::string& attr) {
      if (A(attr) != nullptr) conditions.push_back(Json{{"Field", field}, {config, Json{{"Values", V(attr)}}}});
    };
    values("host-header", "HostHeaderConfig", "host_header");
    values("path-pattern", "PathPatternConfig", "path_pattern");
    values("http-request-method", "HttpRequestMethodConfig", "http_request_method");
    values("source-ip", "SourceIpConfig", "source_ip");
    if (const ir::Value* h = A("http_headers"); h != nullptr && h->kind == K::kMap) {
      for (const auto& [name, value] : h->entries) {
        conditions.push_back(Json{{"Field", "http-header"}, {"HttpHeaderConfig", Json{{"HttpHeaderName", name}, {"Values", e_.Value(value)}}}});
      }
    }
    if (const ir::Value* q = A("query_strings"); q != nullptr && q->kind == K::kMap) {
      Json list = Json::array();
      for (const auto& [k, v] : q->entries) list.push_back(Json{{"Key", k}, {"Value", e_.Value(v)}});
      conditions.push_back(Json{{"Field", "query-string"}, {"QueryStringConfig", Json{{"Values", list}}}});
    }
    Json priority = V("priority");
    if (priority.is_null()) {
      // Rules without a priority are numbered in the order they are written on their listener.
      int n = 0;
      const ir::Value* l = A("listener");
      std::vector<ir::ResourceId> rules =
          l != nullptr && l->is_ref() ? e_.Referrers(l->target, {"listener_rule"}) : std::vector<ir::ResourceId>{};
      for (ir::ResourceId rule : rules) {
        const ir::Resource& res = e_.model().at(rule);
        const ir::Value* rl = e_.Attr(res, "listener");
        if (rl == nullptr || l == nullptr || !rl->is_ref() || !l->is_ref() || rl->target != l->target) continue;
        ++n;
        if (res.id == r_.id) break;
      }
      priority = n;
    }
    Json p = Json::object();
    p["Actions"] = Actions(e_.Bool(r_, "redirect_to_https"), V("target", "arn"), V("redirect_host"), Blocks("fixed_response"));
    p["Conditions"] = conditions;
    for (auto& [k, v] : props_.items()) p[k] = v;
    p["Priority"] = priority;
    props_ = p;
  }

  void LoadBalancer() {
    Json attrs = Json::array();
    auto attr = [&](const std::string& key, const std::string& name) {
      if (const ir::Value* v = A(name)) attrs.push_back(Json{{"Key", key}, {"Value", AsString(e_.Value(*v))}});
    };
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
    attr("idle_timeout.timeout_seconds", "idle_timeout");
    attr("routing.http2.enabled", "enable_http2");
    attr("deletion_protection.enabled", "enable_deletion_protection");
    attr("routing.http.drop_invalid_header_fields.enabled", "drop_invalid_header_fields");
    if (A("access_logs_bucket") != nullptr) {
      attrs.push_back(Json{{"Key", "access_logs.s3.enabled"}, {"Value", "true"}});
      attrs.push_back(Json{{"Key", "access_logs.s3.bucket"}, {"Value", V("access_logs_bucket", "name")}});
      attr("access_logs.s3.prefix", "access_logs_prefix");
    }
    Json p = Json::object();
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    p["Scheme"] = e_.Bool(r_, "internal") ? "internal" : "internet-facing";
    if (!attrs.empty()) p["LoadBalancerAttributes"] = attrs;
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
  }

  void TargetGroup() {
    Json p = props_;
    for (const auto* b : Blocks("health_check")) {
      p["HealthCheckEnabled"] = e_.Bool(r_, *b, "enabled");
      Set(p, "HealthCheckPath", BVD(*b, "path"));
      Set(p, "HealthCheckPort", AsString(BVD(*b, "port")));
      SetBlock(p, "HealthCheckProtocol", *b, "protocol");
      SetBlock(p, "HealthCheckIntervalSeconds", *b, "interval");
      SetBlock(p, "HealthCheckTimeoutSeconds", *b, "timeout");
      SetBlock(p, "HealthyThresholdCount", *b, "healthy_threshold");
      SetBlock(p, "UnhealthyThresholdCount", *b, "unhealthy_threshold");
      if (Json m = BVD(*b, "matcher"); !m.is_null()) p["Matcher"] = Json{{"HttpCode", AsString(m)}};
    }
    Json attrs = Json::array();
    auto attr = [&](const std::string& key, const std::string& name) {
      if (const ir::Value* v = A(name)) attrs.push_back(Json{{"Key", key}, {"Value", AsString(e_.Value(*v))}});
    };
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html
    attr("deregistration_delay.timeout_seconds", "deregistration_delay");
    attr("slow_start.duration_seconds", "slow_start");
    attr("load_balancing.algorithm.type", "load_balancing_algorithm_type");
    for (const auto* b : Blocks("stickiness")) {
      std::string type = e_.Str(r_, *b, "type");
      attrs.push_back(Json{{"Key", "stickiness.enabled"}, {"Value", e_.Bool(r_, *b, "enabled") ? "true" : "false"}});
      attrs.push_back(Json{{"Key", "stickiness.type"}, {"Value", type}});
      if (type == "lb_cookie") {
        attrs.push_back(Json{{"Key", "stickiness.lb_cookie.duration_seconds"}, {"Value", AsString(BVD(*b, "cookie_duration"))}});
      } else if (type == "app_cookie") {
        attrs.push_back(Json{{"Key", "stickiness.app_cookie.cookie_name"}, {"Value", BV(*b, "cookie_name")}});
        attrs.push_back(Json{{"Key", "stickiness.app_cookie.duration_seconds"}, {"Value", AsString(BVD(*b, "cookie_duration"))}});
      }
    }
    if (!attrs.empty()) p["TargetGroupAttributes"] = attrs;
    if (A("targets") != nullptr) {
      Json targets = Json::array();
      for (auto t : Refs("targets")) targets.push_back(Json{{"Id", e_.Out(t, "id")}});
      p["Targets"] = targets;
    }
    if (p.contains("Tags")) {
      Json tags = p["Tags"];
      p.erase("Tags");
      p["Tags"] = tags;
    }
    props_ = p;
  }

  void LogGroup() {
    if (const ir::Value* v = A("retention_in_days"); v != nullptr && !(v->kind == K::kNumber && v->number == 0)) {
      props_["RetentionInDays"] = e_.Value(*v);
    }
  }

  void Lambda() {
    if (A("architecture") != nullptr) props_["Architectures"] = Json::array({V("architecture")});
    if (const ir::Value* env = A("environment")) props_["Environment"] = Json{{"Variables", e_.Value(*env)}};
    if (const ir::Value* rc = A("reserved_concurrent_executions"); rc != nullptr && !(rc->kind == K::kNumber && rc->number < 0)) {
      props_["ReservedConcurrentExecutions"] = e_.Value(*rc);
    }
    if (!props_.contains("Code")) props_["Code"] = Json::object();
  }

  void LaunchTemplate() {
    Json d = Json::object();
    if (A("ami") != nullptr) d["ImageId"] = Ami(V("ami"));
    SetAttr(d, "InstanceType", "instance_type");
    SetAttr(d, "KeyName", "key_pair", "key_name");
    if (A("iam_instance_profile") != nullptr) d["IamInstanceProfile"] = Json{{"Name", V("iam_instance_profile", "name")}};
    if (A("associate_public_ip_address") != nullptr) {
      Json ni = Json{{"DeviceIndex", 0}, {"AssociatePublicIpAddress", V("associate_public_ip_address")}};
      SetAttr(ni, "Groups", "security_groups");
      d["NetworkInterfaces"] = Json::array({ni});
    } else {
      SetAttr(d, "SecurityGroupIds", "security_groups");
    }
    if (A("user_data") != nullptr) d["UserData"] = Json{{"Fn::Base64", V("user_data")}};
    if (A("monitoring") != nullptr) d["Monitoring"] = Json{{"Enabled", V("monitoring")}};
    SetAttr(d, "EbsOptimized", "ebs_optimized");
    if (A("http_tokens") != nullptr) d["MetadataOptions"] = Json{{"HttpTokens", V("http_tokens")}};
    if (e_.Bool(r_, "spot")) d["InstanceMarketOptions"] = Json{{"MarketType", "spot"}};
    for (const auto* b : Blocks("root_volume")) d["BlockDeviceMappings"] = RootVolume(*b);
    Json p = Json::object();
    if (props_.contains("LaunchTemplateName")) p["LaunchTemplateName"] = props_["LaunchTemplateName"];
    p["LaunchTemplateData"] = d;
    for (auto& [k, v] : props_.items()) {
      if (!p.contains(k)) p[k] = v;
    }
    props_ = p;
  }

  void OrganizationalUnit() {
    Json parent = V("parent");
    if (parent.is_null()) {
      // The organization's root: `aws organizations list-roots`.
      parent = e_.Input("OrganizationRootId", "id of the organization's root (r-...), from `aws organizations list-roots`");
    }
    Json p = Json{{"Name", props_["Name"]}, {"ParentId", parent}};
    for (auto& [k, v] : props_.items()) p[k] = v;
    props_ = p;
  }

  void Secret() {
    Json p = props_;
    if (A("value") != nullptr) {
      p["SecretString"] = V("value");
    } else if (e_.Bool(r_, "generate_password")) {
      p["GenerateSecretString"] = Json{{"PasswordLength", e_.ValueOr(r_, "password_length", 32)}};
    } else {
      // Written by another resource (an access key or SMTP credentials); filled in later.
      p["SecretString"] = Json{{"$topo:secret-writer", r_.id}};
    }
    if (const ir::Value* rr = A("replica_regions")) {
      Json list = Json::array();
      for (const auto& region : e_.Value(*rr)) list.push_back(Json{{"Region", region}});
      p["ReplicaRegions"] = list;
    }
    if (p.contains("Tags")) {
      Json tags = p["Tags"];
      p.erase("Tags");
      p["Tags"] = tags;
    }
    props_ = p;
    if (A("policy") != nullptr) {
      int u = Companion("Policy", "AWS::SecretsManager::ResourcePolicy");
      e_.unit(u).properties = Json{{"ResourcePolicy", PolicyDocument(A("policy"))}, {"SecretId", SelfRef()}};
    }
  }

  // ---- SES ----
  Json Identity(const std::string& attr) { return e_.ValueOr(r_, attr, r_.name); }

  void SesDomain() {
    Json domain = Identity("domain");
    bool dkim = e_.Bool(r_, "dkim");
    Json p = Json{{"EmailIdentity", domain}};
    p["DkimAttributes"] = Json{{"SigningEnabled", dkim}};
    if (dkim) p["DkimSigningAttributes"] = Json{{"NextSigningKeyLength", e_.Str(r_, "dkim_key_length")}};
    if (A("mail_from_domain") != nullptr) {
      p["MailFromAttributes"] = Json{{"BehaviorOnMxFailure", e_.Str(r_, "mail_from_behavior_on_mx_failure")},
                                     {"MailFromDomain", V("mail_from_domain")}};
    }
    if (A("feedback_forwarding") != nullptr) p["FeedbackAttributes"] = Json{{"EmailForwardingEnabled", V("feedback_forwarding")}};
    if (A("configuration_set") != nullptr) p["ConfigurationSetAttributes"] = Json{{"ConfigurationSetName", V("configuration_set")}};
    props_ = p;

    // DNS records SES needs: DKIM CNAMEs, MAIL FROM MX + SPF, the domain's SPF and DMARC, inbound MX.
    struct Rec {
      std::string suffix;
      Json name;
      std::string type;
      Json value;
    };
    std::vector<Rec> recs;
    if (dkim) {
      // https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html
      for (int i = 1; i <= 3; ++i) {
        recs.push_back({"Dkim" + std::to_string(i), SelfAtt("DkimDNSTokenName" + std::to_string(i)), "CNAME",
                        SelfAtt("DkimDNSTokenValue" + std::to_string(i))});
      }
    }
    if (A("mail_from_domain") != nullptr) {
      // https://docs.aws.amazon.com/ses/latest/dg/mail-from.html
      recs.push_back({"MailFromMx", V("mail_from_domain"), "MX", e_.UnitExpr(main_, Sub("10 feedback-smtp.${AWS::Region}.amazonses.com"), e_.unit(main_).logical_id + "MailFromMx")});
      recs.push_back({"MailFromSpf", V("mail_from_domain"), "TXT", "v=spf1 include:amazonses.com ~all"});
    }
    if (A("spf") != nullptr) recs.push_back({"Spf", domain, "TXT", V("spf")});
    if (A("dmarc") != nullptr) recs.push_back({"Dmarc", Concat({"_dmarc.", domain}), "TXT", V("dmarc")});
    if (e_.Bool(r_, "receive")) {
      // https://docs.aws.amazon.com/ses/latest/dg/receiving-email-mx-record.html
      recs.push_back({"InboundMx", domain, "MX", e_.UnitExpr(main_, Sub("10 inbound-smtp.${AWS::Region}.amazonaws.com"), e_.unit(main_).logical_id + "InboundMx")});
    }
    const ir::Value* zone = A("zone");
    bool managed = zone != nullptr && zone->is_ref() && !e_.Bool(e_.resource(zone->target), "external");
    if (managed) {
      for (const auto& rec : recs) {
        int u = Companion(rec.suffix + "Record", "AWS::Route53::RecordSet");
        Json value = rec.type == "TXT" ? QuoteTxt(rec.value) : rec.value;
        e_.unit(u).properties = Json{{"HostedZoneId", e_.Out(zone->target, "id")}, {"Name", rec.name}, {"Type", rec.type},
                                     {"TTL", "300"}, {"ResourceRecords", Json::array({value})}};
      }
      return;
    }
    if (recs.empty()) return;
    std::string where = zone != nullptr && zone->is_ref() ? e_.Str(e_.resource(zone->target), "registrar") : "";
    std::string body = fmt::format("Add these records at the domain's DNS host{}. The DKIM names and values are outputs of the "
                                   "stack that creates the identity (`aws cloudformation describe-stacks`):\n",
                                   where.empty() ? "" : " (" + where + ")");
    for (const auto& rec : recs) {
      std::string name = rec.name.is_string() ? rec.name.get<std::string>() : "(" + rec.suffix + " name output)";
      std::string value = rec.value.is_string() ? rec.value.get<std::string>() : "(" + rec.suffix + " value output)";
      if (rec.suffix.rfind("Dkim", 0) == 0) {
        name = "output " + e_.unit(main_).logical_id + "DkimDNSTokenName" + rec.suffix.substr(4);
        value = "output " + e_.unit(main_).logical_id + "DkimDNSTokenValue" + rec.suffix.substr(4);
      } else if (rec.suffix == "MailFromMx") {
        value = "10 feedback-smtp." + e_.RegionOf(r_) + ".amazonses.com";
      } else if (rec.suffix == "InboundMx") {
        value = "10 inbound-smtp." + e_.RegionOf(r_) + ".amazonaws.com";
      }
      if (rec.suffix == "MailFromMx" || rec.suffix == "MailFromSpf") {
        name = A("mail_from_domain")->kind == K::kString ? A("mail_from_domain")->text : "the MAIL FROM domain (param)";
      }
      if (rec.suffix == "Spf" || rec.suffix == "InboundMx" || rec.suffix == "Dmarc") {
        std::string d = domain.is_string() ? domain.get<std::string>() : "the domain";
        name = rec.suffix == "Dmarc" ? "_dmarc." + d : d;
      }
      if (rec.suffix == "Spf" || rec.suffix == "Dmarc") {
        const ir::Value* v = A(rec.suffix == "Spf" ? "spf" : "dmarc");
        value = v->kind == K::kString ? v->text : "the value of param `" + v->text + "`";
      }
      body += fmt::format("\n- `{}` {} `{}`", name, rec.type, value);
    }
    ManualStep& step = e_.Manual(r_, fmt::format("Add the DNS records of SES domain `{}`", e_.DisplayName(r_.id)), body);
    step.after.push_back(r_.id);
    if (dkim) {
      for (int i = 1; i <= 3; ++i) {
        step.outputs.push_back(SelfAtt("DkimDNSTokenName" + std::to_string(i)));
        step.outputs.push_back(SelfAtt("DkimDNSTokenValue" + std::to_string(i)));
      }
    }
  }

  void SesEmail() {
    props_ = Json{{"EmailIdentity", Identity("email")}};
    if (A("feedback_forwarding") != nullptr) props_["FeedbackAttributes"] = Json{{"EmailForwardingEnabled", V("feedback_forwarding")}};
  }

  void ReceiptRule() {
    Json rule = props_.contains("Rule") ? props_["Rule"] : Json::object();
    Json out = Json{{"Name", e_.ValueOr(r_, "name", r_.name)}};
    for (auto& [k, v] : rule.items()) out[k] = v;
    // Without `Enabled` CloudFormation creates a disabled rule ("The default value is false"),
    // while topo's default, like the console's, is an active one.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ses-receiptrule-rule.html
    if (!out.contains("Enabled")) out["Enabled"] = e_.Bool(r_, "enabled");
    struct Act {
      long long position;
      size_t order;
      Json action;
    };
    std::vector<Act> acts;
    size_t order = 0;
    for (const auto& b : r_.blocks) {
      Json a = Json::object();
      if (b.type == "workmail_action") {
        Json w = Json{{"OrganizationArn", BV(b, "organization", "arn")}};
        SetBlock(w, "TopicArn", b, "topic", "arn");
        a["WorkmailAction"] = w;
      } else if (b.type == "s3_action") {
        Json s = Json{{"BucketName", BV(b, "bucket", "name")}};
        SetBlock(s, "ObjectKeyPrefix", b, "object_key_prefix");
        SetBlock(s, "KmsKeyArn", b, "kms_key");
        SetBlock(s, "TopicArn", b, "topic", "arn");
        a["S3Action"] = s;
      } else if (b.type == "sns_action") {
        a["SNSAction"] = Json{{"TopicArn", BV(b, "topic", "arn")}, {"Encoding", BVD(b, "encoding")}};
      } else if (b.type == "lambda_action") {
        Json l = Json{{"FunctionArn", BV(b, "function", "arn")}, {"InvocationType", BVD(b, "invocation_type")}};
        SetBlock(l, "TopicArn", b, "topic", "arn");
        a["LambdaAction"] = l;
      } else if (b.type == "bounce_action") {
        Json x = Json{{"Message", BV(b, "message")}, {"Sender", BV(b, "sender")}, {"SmtpReplyCode", BV(b, "smtp_reply_code")}};
        SetBlock(x, "StatusCode", b, "status_code");
        SetBlock(x, "TopicArn", b, "topic", "arn");
        a["BounceAction"] = x;
      } else if (b.type == "add_header_action") {
        a["AddHeaderAction"] = Json{{"HeaderName", BV(b, "header_name")}, {"HeaderValue", BV(b, "header_value")}};
      } else if (b.type == "stop_action") {
        Json x = Json{{"Scope", BVD(b, "scope")}};
        SetBlock(x, "TopicArn", b, "topic", "arn");
        a["StopAction"] = x;
      } else {
        continue;
      }
      long long position = 1000000;
      if (const ir::Value* p = e_.Attr(b, "position"); p != nullptr && p->kind == K::kNumber) position = static_cast<long long>(p->number);
      acts.push_back({position, order++, a});
    }
    std::stable_sort(acts.begin(), acts.end(), [](const Act& x, const Act& y) { return x.position < y.position; });
    if (!acts.empty()) {
      Json list = Json::array();
      for (auto& a : acts) list.push_back(a.action);
      out["Actions"] = list;
    }
    props_["Rule"] = out;
    Json p = Json::object();
    if (props_.contains("After")) p["After"] = props_["After"];
    p["Rule"] = props_["Rule"];
    p["RuleSetName"] = props_["RuleSetName"];
    props_ = p;
  }

  void ReceiptRuleSet() {
    if (e_.Bool(r_, "active")) {
      const ir::Attribute* a = r_.Find("active");
      std::string name = props_["RuleSetName"].is_string() ? props_["RuleSetName"].get<std::string>() : r_.name;
      e_.Unsupported(r_, "active",
                     fmt::format("CloudFormation cannot activate a receipt rule set: after the stack is deployed run "
                                 "`aws ses set-active-receipt-rule-set --rule-set-name {} --region {}` "
                                 "(https://docs.aws.amazon.com/cli/latest/reference/ses/set-active-receipt-rule-set.html)",
                                 name, e_.RegionOf(r_)),
                     a != nullptr ? a->name_range : r_.name_range);
    }
  }

  // SMTP credentials: an IAM user allowed to send, and its access key (the SMTP user name).
  // https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html
  void SesSmtp() {
    Json user_name;
    int user_unit = -1;
    if (const ir::Value* u = A("user"); u != nullptr && u->is_ref()) {
      user_name = e_.Out(u->target, "name");
    } else {
      user_unit = Companion("User", "AWS::IAM::User");
      e_.unit(user_unit).properties = Json{{"UserName", e_.ValueOr(r_, "user_name", r_.name)}};
      user_name = e_.UnitRef(user_unit);
    }
    Json resources = Json::array();
    for (auto id : Refs("identities")) resources.push_back(e_.Out(id, "arn"));
    if (resources.empty()) resources.push_back("*");
    int policy = Companion("Policy", "AWS::IAM::Policy");
    Json statement = Json{{"Effect", "Allow"}, {"Action", "ses:SendRawEmail"}, {"Resource", resources}};
    e_.unit(policy).properties = Json{{"PolicyDocument", Json{{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}}},
                                      {"PolicyName", "ses-smtp-" + r_.name}, {"Users", Json::array({user_name})}};
    props_ = Json{{"UserName", user_name}};
    StoreKey(main_, A("secret"), "SMTP credentials of `" + e_.DisplayName(r_.id) + "`");
    SmtpPasswordStep();
  }

  void SnsSubscription() {
    std::string protocol = e_.Str(r_, "protocol");
    const ir::Value* endpoint = A("endpoint");
    if (protocol == "email" || protocol == "email-json") {
      // https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html
      ManualStep& step = e_.Manual(r_, fmt::format("Confirm the SNS subscription `{}`", e_.DisplayName(r_.id)),
                                   "SNS sends a confirmation message to the subscribed address; open it and follow *Confirm "
                                   "subscription*. Until then the subscription stays `PendingConfirmation` and receives nothing.");
      step.after.push_back(r_.id);
    }
    // SNS may invoke the function only when the function's policy allows it; the permission lives
    // in the function's region (a topic may deliver to a function in another region).
    // https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html
    if (protocol == "lambda" && endpoint != nullptr && endpoint->is_ref() &&
        e_.resource(endpoint->target).kind == "lambda_function") {
      const ir::Resource& function = e_.resource(endpoint->target);
      int u = Companion("Permission", "AWS::Lambda::Permission");
      e_.unit(u).region = e_.RegionOf(function);
      const ir::Value* topic = A("topic");
      Json p = Json{{"Action", "lambda:InvokeFunction"}, {"FunctionName", e_.Out(function.id, "arn")}, {"Principal", "sns.amazonaws.com"}};
      if (topic != nullptr && topic->is_ref()) p["SourceArn"] = e_.Out(topic->target, "arn");
      e_.unit(u).properties = p;
    }
  }

  void SnsTopic() {
    if (A("policy") != nullptr) {
      int u = Companion("Policy", "AWS::SNS::TopicPolicy");
      e_.unit(u).properties = Json{{"PolicyDocument", PolicyDocument(A("policy"))}, {"Topics", Json::array({SelfRef()})}};
    }
  }

  void WebAcl() {
    Json p = Json::object();
    for (auto& [k, v] : props_.items()) {
      if (k != "Tags") p[k] = v;
    }
    std::string action = e_.Str(r_, "default_action");
    p["DefaultAction"] = Json{{action == "block" ? "Block" : "Allow", Json::object()}};
    Json name = e_.ValueOr(r_, "name", r_.name);
    p["VisibilityConfig"] = Json{{"CloudWatchMetricsEnabled", e_.Bool(r_, "metrics_enabled")}, {"MetricName", name},
                                 {"SampledRequestsEnabled", e_.Bool(r_, "sampled_requests_enabled")}};
    Json rules = Json::array();
    size_t i = 0;
    for (const auto* b : Blocks("rule")) {
      ++i;
      Json rule = Json::object();
      rule["Name"] = b->label;
      rule["Priority"] = e_.Attr(*b, "priority") != nullptr ? BV(*b, "priority") : Json(static_cast<long long>(i));
      Json statement;
      bool managed = e_.Attr(*b, "managed_rule_group") != nullptr;
      if (managed) {
        statement = Json{{"ManagedRuleGroupStatement", Json{{"Name", BV(*b, "managed_rule_group")}, {"VendorName", BVD(*b, "vendor")}}}};
      } else if (e_.Attr(*b, "rate_limit") != nullptr) {
        statement = Json{{"RateBasedStatement", Json{{"AggregateKeyType", "IP"}, {"Limit", BV(*b, "rate_limit")}}}};
      } else if (e_.Attr(*b, "geo_match") != nullptr) {
        statement = Json{{"GeoMatchStatement", Json{{"CountryCodes", BV(*b, "geo_match")}}}};
      } else if (e_.Attr(*b, "ip_addresses") != nullptr) {
        int set = Companion("IpSet" + Emitter::Pascal(b->label), "AWS::WAFv2::IPSet");
        e_.unit(set).properties = Json{{"Addresses", BV(*b, "ip_addresses")}, {"IPAddressVersion", "IPV4"}, {"Scope", V("scope")}};
        statement = Json{{"IPSetReferenceStatement", Json{{"Arn", e_.UnitAtt(set, "Arn")}}}};
      }
      rule["Statement"] = statement;
      if (managed) {
        rule["OverrideAction"] = Json{{e_.Str(r_, *b, "override_action") == "count" ? "Count" : "None", Json::object()}};
      } else {
        std::string act = e_.Str(r_, *b, "action");
        rule["Action"] = Json{{Emitter::Pascal(act), Json::object()}};
      }
      rule["VisibilityConfig"] = Json{{"CloudWatchMetricsEnabled", e_.Bool(r_, "metrics_enabled")}, {"MetricName", b->label},
                                      {"SampledRequestsEnabled", e_.Bool(r_, "sampled_requests_enabled")}};
      rules.push_back(rule);
    }
    if (!rules.empty()) p["Rules"] = rules;
    if (props_.contains("Tags")) p["Tags"] = props_["Tags"];
    props_ = p;
    for (auto lb : Refs("associated_resources")) {
      int u = Companion("Association" + Emitter::Pascal(e_.resource(lb).name), "AWS::WAFv2::WebACLAssociation");
      e_.unit(u).properties = Json{{"ResourceArn", e_.Out(lb, "arn")}, {"WebACLArn", SelfAtt("Arn")}};
    }
  }

 private:
  Emitter& e_;
  const ir::Resource& r_;
  int main_;
  Json& props_;
};

}  // namespace

void BuildKind(Emitter& e, const ir::Resource& r, const KindMap& map, int main, Json& props) {
  (void)map;
  Builder(e, r, main, props).Build();
}

Json CodeOutput(Emitter& e, const ir::Resource& r, const std::string& name, bool* list) {
  *list = false;
  int main = e.main_unit(r.id);
  if (main < 0) return nullptr;
  const std::string& id = e.unit(main).logical_id;
  bool group = e.unit(main).type == "AWS::ElastiCache::ReplicationGroup";
  bool memcached = e.Str(r, "engine") == "memcached";
  if (name == "beanstalk_cname") {
    // <prefix>.<region>.elasticbeanstalk.com: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customdomains.html
    if (const ir::Value* prefix = e.Attr(r, "cname_prefix")) {
      return e.UnitExpr(main, SubVars("${Prefix}.${AWS::Region}.elasticbeanstalk.com", Json{{"Prefix", e.Value(*prefix)}}), id + "Cname");
    }
    return e.UnitAtt(main, "EndpointURL");
  }
  if (name == "beanstalk_env_arn") {
    const ir::Value* app = e.Attr(r, "application");
    Json app_name = app != nullptr ? e.Value(*app, "name") : Json("");
    return e.UnitExpr(main, SubVars("arn:${AWS::Partition}:elasticbeanstalk:${AWS::Region}:${AWS::AccountId}:environment/${App}/${" + id + "}",
                                    Json{{"App", app_name}}),
                      id + "Arn");
  }
  if (name == "cache_arn") {
    return e.UnitExpr(main, Sub(std::string("arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:") +
                                (group ? "replicationgroup:" : "cluster:") + "${" + id + "}"),
                      id + "Arn");
  }
  if (name == "cache_address" || name == "cache_primary_address") {
    if (group) return e.UnitAtt(main, "PrimaryEndPoint.Address");
    if (memcached) return name == "cache_address" ? e.UnitAtt(main, "ConfigurationEndpoint.Address") : Json();
    return e.UnitAtt(main, "RedisEndpoint.Address");
  }
  if (name == "cache_port") {
    if (group) return e.UnitAtt(main, "PrimaryEndPoint.Port");
    return e.UnitAtt(main, memcached ? "ConfigurationEndpoint.Port" : "RedisEndpoint.Port");
  }
  if (name == "cache_configuration_endpoint") {
    if (memcached) return e.UnitAtt(main, "ConfigurationEndpoint.Address");
    return nullptr;
  }
  if (name == "cache_reader_address") return group ? e.UnitAtt(main, "ReaderEndPoint.Address") : Json();
  if (name == "oai_iam_arn" && e.unit(main).type == "AWS::CloudFront::CloudFrontOriginAccessIdentity") {
    return e.UnitExpr(main, Sub("arn:${AWS::Partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${" + id + "}"), id + "IamArn");
  }
  if (name == "oai_canonical_user" && e.unit(main).type == "AWS::CloudFront::CloudFrontOriginAccessIdentity") {
    return e.UnitAtt(main, "S3CanonicalUserId");
  }
  if (name == "oai_path" && e.unit(main).type == "AWS::CloudFront::CloudFrontOriginAccessIdentity") {
    return e.UnitExpr(main, Sub("origin-access-identity/cloudfront/${" + id + "}"), id + "Path");
  }
  if (name == "db_parameter_group_arn") {
    if (e.unit(main).type == "AWS::RDS::DBClusterParameterGroup") {
      return e.UnitExpr(main, Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:${" + id + "}"), id + "Arn");
    }
    return e.UnitAtt(main, "DBParameterGroupArn");
  }
  if (name == "volume_az") {
    if (const ir::Value* az = e.Attr(r, "az")) return e.UnitExpr(main, ZoneOf(e.Value(*az)), id + "AvailabilityZone");
    if (const ir::Value* inst = e.Attr(r, "instance"); inst != nullptr && inst->is_ref()) return e.Out(inst->target, "availability_zone");
    return nullptr;
  }
  if (name == "nat_public_ip") {
    if (const ir::Value* eip = e.Attr(r, "elastic_ip"); eip != nullptr && eip->is_ref()) return e.Out(eip->target, "public_ip");
    for (int u : e.owned(r.id)) {
      if (e.unit(u).type == "AWS::EC2::EIP") return e.UnitAtt(u, "PublicIp");
    }
    return nullptr;
  }
  if (name == "vpc_ipv6") {
    return e.UnitExpr(main, Json{{"Fn::Select", Json::array({0, Json{{"Fn::GetAtt", Json::array({id, "Ipv6CidrBlocks"})}}})}}, id + "Ipv6CidrBlock");
  }
  if (name == "smtp_user_arn") {
    if (const ir::Value* u = e.Attr(r, "user"); u != nullptr && u->is_ref()) return e.Out(u->target, "arn");
    for (int u : e.owned(r.id)) {
      if (e.unit(u).type == "AWS::IAM::User") return e.UnitAtt(u, "Arn");
    }
    return nullptr;
  }
  return nullptr;
}

}  // namespace topo::emit::cfn
