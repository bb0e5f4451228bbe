// The structural part of the kind -> Terraform mapping: what the tables in stdlib/terraform/
// cannot say (nested blocks, companion resources, records, policies built from several
// attributes). Simple renames live in the tables; ApplyArgs writes them.
#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "emit/hcl/hcl_emitter.h"

namespace topo::emit::hcl {

namespace {

using Entries = std::vector<std::pair<std::string, Expr>>;

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

const ir::Value* BlockVal(const ir::Block& b, const std::string& attr) {
  const ir::Attribute* a = b.Find(attr);
  if (a == nullptr || a->value.kind == ir::Value::Kind::kNull) return nullptr;
  return &a->value;
}

std::string BlockStr(const ir::Block& b, const std::string& attr) {
  const ir::Value* v = BlockVal(b, attr);
  return v != nullptr && v->kind == ir::Value::Kind::kString ? v->text : "";
}

std::vector<const ir::Block*> BlocksOf(const ir::Resource& r, const std::string& type) {
  std::vector<const ir::Block*> out;
  for (const auto& b : r.blocks) {
    if (b.type == type) out.push_back(&b);
  }
  return out;
}

bool LooksLikeUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// An IAM statement id is letters and digits only: public_nocache -> PublicNocache.
std::string SidWord(const std::string& name) {
  return PascalCase(name);
}

Expr Policy(std::vector<Expr> statements) {
  return Expr::Call("jsonencode", {Expr::Object({{"Version", Expr::String("2012-10-17")},
                                                 {"Statement", Expr::List(std::move(statements))}})});
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Dispatch

void Emitter::EmitResource(const Resource& r) {
  using Handler = void (Emitter::*)(const Resource&);
  static const std::map<std::string, Handler> handlers = {
      {"subnet", &Emitter::EmitSubnet},
      {"nat_gateway", &Emitter::EmitNatGateway},
      {"route_table", &Emitter::EmitRouteTable},
      {"vpc_endpoint", &Emitter::EmitVpcEndpoint},
      {"security_group", &Emitter::EmitSecurityGroup},
      {"instance", &Emitter::EmitInstance},
      {"ebs_volume", &Emitter::EmitEbsVolume},
      {"key_pair", &Emitter::EmitKeyPair},
      {"launch_template", &Emitter::EmitLaunchTemplate},
      {"autoscaling_group", &Emitter::EmitAutoscalingGroup},
      {"ecs_cluster", &Emitter::EmitEcsCluster},
      {"ecs_task_definition", &Emitter::EmitEcsTaskDefinition},
      {"ecs_service", &Emitter::EmitEcsService},
      {"lambda_function", &Emitter::EmitLambda},
      {"beanstalk_app", &Emitter::EmitBeanstalkApp},
      {"beanstalk_env", &Emitter::EmitBeanstalkEnv},
      {"load_balancer", &Emitter::EmitLoadBalancer},
      {"listener", &Emitter::EmitListener},
      {"listener_rule", &Emitter::EmitListenerRule},
      {"target_group", &Emitter::EmitTargetGroup},
      {"bucket", &Emitter::EmitBucket},
      {"db_parameter_group", &Emitter::EmitDbParameterGroup},
      {"db_instance", &Emitter::EmitDbInstance},
      {"db_cluster", &Emitter::EmitDbCluster},
      {"cache_cluster", &Emitter::EmitCacheCluster},
      {"dynamodb_table", &Emitter::EmitDynamoDbTable},
      {"certificate", &Emitter::EmitCertificate},
      {"distribution", &Emitter::EmitDistribution},
      {"cloudfront_origin_access", &Emitter::EmitOriginAccess},
      {"waf_web_acl", &Emitter::EmitWebAcl},
      {"dns_zone", &Emitter::EmitDnsZone},
      {"dns_record", &Emitter::EmitDnsRecord},
      {"ses_domain", &Emitter::EmitSesIdentity},
      {"ses_email", &Emitter::EmitSesIdentity},
      {"ses_receipt_rule_set", &Emitter::EmitSesReceiptRuleSet},
      {"ses_receipt_rule", &Emitter::EmitSesReceiptRule},
      {"ses_smtp", &Emitter::EmitSesSmtp},
      {"sns_subscription", &Emitter::EmitSnsSubscription},
      {"iam_user", &Emitter::EmitIamUser},
      {"iam_group", &Emitter::EmitIamGroup},
      {"iam_role", &Emitter::EmitIamRole},
      {"iam_policy", &Emitter::EmitIamPolicy},
      {"iam_access_key", &Emitter::EmitIamAccessKey},
      {"secret", &Emitter::EmitSecret},
      {"organizational_unit", &Emitter::EmitOrganizationalUnit},
      {"account", &Emitter::EmitAccount},
      {"manual_step", &Emitter::EmitManualStep},
      {"workmail_organization", &Emitter::EmitWorkmail},
  };
  auto it = handlers.find(r.kind);
  if (it != handlers.end()) {
    (this->*it->second)(r);
    return;
  }
  const KindMap& map = MapOf(r);
  if (r.kind == "organization") {
    // The organization itself is created only when the topology creates accounts or OUs in it.
    bool needed = !model_.OfKind("organizational_unit").empty();
    for (ResourceId a : model_.OfKind("account")) needed = needed || Val(model_.at(a), "email") != nullptr;
    if (!needed) return;
    Where where;
    if (const ir::Value* m = Val(r, "management_account"); m != nullptr && m->is_ref()) where.account = m->target;
    Block b = Begin(r, map.type, PrimaryName(r), where);
    ApplyArgs(r, map, b.body());
    b.body().AddBlock("lifecycle").body().Attr("prevent_destroy", Expr::Bool(true));
    Add(map.file, std::move(b));
    return;
  }
  if (map.type.empty()) return;  // region, terraform_state: providers.tf and versions.tf
  EmitGeneric(r);
}

void Emitter::EmitGeneric(const Resource& r) { Commit(Primary(r), r); }

// ---------------------------------------------------------------------------------------------
// Network

void Emitter::BuildIndexes() {
  kind_maps_.reserve(model_.resources.size());
  primary_types_.reserve(model_.resources.size());
  for (const auto& r : model_.resources) {
    kind_maps_.push_back(&FindMap(r));
    primary_types_.push_back(r.kind == "dns_zone" && IsRegisteredZone(r.id) ? "data.aws_route53_zone" : kind_maps_.back()->type);
  }
  names_.resize(model_.resources.size());
  for (ResourceId rt : model_.OfKind("route_table")) {
    const ir::Value* subnets = Val(model_.at(rt), "subnets");
    if (subnets == nullptr || subnets->kind != ir::Value::Kind::kList) continue;
    for (const auto& s : subnets->items) {
      if (s.is_ref()) routed_subnets_.insert(s.target);
    }
  }
  for (ResourceId z : model_.OfKind("dns_zone")) {
    std::string domain = StrAttr(model_.at(z), "domain");
    if (!domain.empty()) zones_of_domain_[domain].push_back(z);
  }
}

ir::ResourceId Emitter::GatewayOf(ResourceId vpc) const {
  std::vector<ResourceId> gateways = model_.Referrers(vpc, {"internet_gateway"}, "vpc");
  return gateways.empty() ? ir::kNoResource : gateways.front();
}

// Public subnets route to an internet gateway (`public = true`). Subnets that no route_table
// covers get a generated public route table, and the VPC a gateway when it declares none.
void Emitter::EmitSubnetRouting(const Resource& vpc) {
  std::vector<ResourceId> public_subnets;
  for (ResourceId s : model_.Referrers(vpc.id, {"subnet"}, "vpc")) {
    if (BoolAttr(model_.at(s), "public") && !routed_subnets_.count(s)) public_subnets.push_back(s);
  }
  if (public_subnets.empty()) return;
  Expr gateway;
  if (ResourceId g = GatewayOf(vpc.id); g != ir::kNoResource) gateway = RefTo(g, "id");
  if (gateway.is_null()) {
    Block igw = Begin(vpc, "aws_internet_gateway", Name(vpc.id, "aws_internet_gateway"));
    igw.comments().push_back("Internet gateway for the public subnets of vpc `" + vpc.name + "` (the topology declares none).");
    igw.body().Attr("vpc_id", RefTo(vpc.id, "id"));
    igw.body().Blank().Attr("tags", Expr::Object({{"Name", Expr::String(vpc.name)}}));
    gateway = Expr::Ref("aws_internet_gateway." + Name(vpc.id, "aws_internet_gateway") + ".id");
    Add("network", std::move(igw));
  }
  std::string rt_name = Name(vpc.id, "aws_route_table", "public");
  Block rt = Begin(vpc, "aws_route_table", rt_name);
  rt.comments().push_back("Route table of the public subnets of vpc `" + vpc.name + "` (`public = true`): the default route goes to the internet gateway.");
  rt.body().Attr("vpc_id", RefTo(vpc.id, "id"));
  Block& route = rt.body().AddBlock("route");
  route.body().Attr("cidr_block", Expr::String("0.0.0.0/0")).Attr("gateway_id", gateway);
  rt.body().Blank().Attr("tags", Expr::Object({{"Name", Expr::String(vpc.name + "-public")}}));
  Add("network", std::move(rt));
  for (ResourceId s : public_subnets) {
    const Resource& subnet = model_.at(s);
    Block a = Begin(subnet, "aws_route_table_association", Name(s, "aws_route_table_association"));
    a.body().Attr("subnet_id", RefTo(s, "id"));
    a.body().Attr("route_table_id", Expr::Ref("aws_route_table." + rt_name + ".id"));
    Add("network", std::move(a));
  }
}

void Emitter::EmitSubnet(const Resource& r) {
  Block b = Primary(r);
  if (BoolAttr(r, "public")) b.body().Fill("public", "map_public_ip_on_launch", Expr::Bool(true));
  Commit(std::move(b), r);
}

void Emitter::EmitNatGateway(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* eip = Val(r, "elastic_ip"); eip != nullptr && eip->is_ref()) {
    b.body().Fill("elastic_ip", "allocation_id", RefTo(eip->target, "allocation_id"));
  } else if (StrAttr(r, "connectivity_type") != "private") {
    Block e = Begin(r, "aws_eip", Name(r.id, "aws_eip"));
    e.comments().push_back("Elastic IP of nat_gateway `" + r.name + "`");
    e.body().Attr("domain", Expr::String("vpc"));
    e.body().Blank().Attr("tags", Expr::Object({{"Name", Expr::String(r.name)}}));
    Add("network", std::move(e));
    b.body().Fill("elastic_ip", "allocation_id", Expr::Ref("aws_eip." + Name(r.id, "aws_eip") + ".allocation_id"));
  }
  // AWS recommends an explicit dependency on the VPC's internet gateway.
  const ir::Value* vpc = Val(r, "vpc");
  if (vpc == nullptr) {
    if (const ir::Value* subnet = Val(r, "subnet"); subnet != nullptr && subnet->is_ref()) vpc = Val(model_.at(subnet->target), "vpc");
  }
  if (vpc != nullptr && vpc->is_ref() && Val(r, "depends_on") == nullptr) {
    if (ResourceId g = GatewayOf(vpc->target); g != ir::kNoResource) {
      pending_depends_.push_back(Expr::Ref(Address(model_.at(g))));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitRouteTable(const Resource& r) {
  Block b = Primary(r);
  for (const ir::Block* route : BlocksOf(r, "route")) {
    Block& rb = b.body().AddBlock("route");
    std::string dest = BlockStr(*route, "destination");
    rb.body().Attr(dest.find(':') != std::string::npos ? "ipv6_cidr_block" : "cidr_block", Expr::String(dest));
    if (const ir::Value* g = BlockVal(*route, "gateway"); g != nullptr && g->is_ref()) rb.body().Attr("gateway_id", RefTo(g->target, "id"));
    if (const ir::Value* n = BlockVal(*route, "nat_gateway"); n != nullptr && n->is_ref()) rb.body().Attr("nat_gateway_id", RefTo(n->target, "id"));
    if (const ir::Value* e = BlockVal(*route, "vpc_endpoint"); e != nullptr && e->is_ref()) rb.body().Attr("vpc_endpoint_id", RefTo(e->target, "id"));
    if (const ir::Value* i = BlockVal(*route, "instance"); i != nullptr && i->is_ref()) {
      rb.body().Attr("network_interface_id", Expr::Ref(Address(model_.at(i->target)) + ".primary_network_interface_id"));
    }
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (const ir::Value* subnets = Val(r, "subnets"); subnets != nullptr && subnets->kind == ir::Value::Kind::kList) {
    for (const auto& s : subnets->items) {
      if (!s.is_ref()) continue;
      Block a = Begin(r, "aws_route_table_association", Name(s.target, "aws_route_table_association"));
      a.body().Attr("subnet_id", RefTo(s.target, "id"));
      a.body().Attr("route_table_id", Expr::Ref(address + ".id"));
      Add("network", std::move(a));
    }
  }
  if (BoolAttr(r, "main")) {
    Block m = Begin(r, "aws_main_route_table_association", Name(r.id, "aws_main_route_table_association"));
    m.body().Attr("vpc_id", ToExpr(*Val(r, "vpc"), "id"));
    m.body().Attr("route_table_id", Expr::Ref(address + ".id"));
    Add("network", std::move(m));
  }
}

void Emitter::EmitVpcEndpoint(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* s = Val(r, "service_name")) {
    if (s->kind == ir::Value::Kind::kString && s->text.find('.') == std::string::npos) {
      std::string prefix = MapOf(r).raw.value("service_name_prefix", "");
      b.body().Fill("service_name", "service_name", Expr::String(Replace(prefix, "<region>", r.region.empty() ? default_region_ : r.region) + s->text));
    } else {
      b.body().Fill("service_name", "service_name", ToExpr(*s));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitSecurityGroup(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  std::string sg = Address(r);
  Commit(std::move(b), r);
  bool has_egress = false;
  auto peer_token = [&](const ir::Rule& rule) -> std::string {
    if (rule.self) return "self";
    if (rule.group != ir::kNoResource) return ToIdentifier(model_.at(rule.group).name);
    if (rule.cidr == "0.0.0.0/0") return "anywhere";
    if (rule.cidr == "::/0") return "anywhere_ipv6";
    return ToIdentifier(rule.cidr);
  };
  for (const auto& rule : r.rules) {
    bool ingress = rule.direction == ir::Rule::Direction::kIngress;
    has_egress = has_egress || !ingress;
    std::string type = map.raw["rule_types"][ingress ? "ingress" : "egress"].get<std::string>();
    std::string protocol = rule.protocol == "all" ? "-1" : rule.protocol;
    std::string ports;
    if (protocol == "-1") ports = "all";
    else if (rule.from_port < 0) ports = rule.protocol + "_all";
    else if (rule.from_port == rule.to_port) ports = rule.protocol + "_" + std::to_string(rule.from_port);
    else ports = rule.protocol + "_" + std::to_string(rule.from_port) + "_" + std::to_string(rule.to_port);
    // Peers from a list parameter: one rule per CIDR.
    const ir::Param* param = rule.param.empty() ? nullptr : model_.FindParam(rule.param);
    bool per_cidr = param != nullptr && param->type.rfind("list", 0) == 0;
    std::string peer = param != nullptr ? ToIdentifier(param->name) : peer_token(rule);
    Block rb = Begin(r, type, Name(r.id, type, ports + "_" + (ingress ? "from_" : "to_") + peer));
    Body& body = rb.body();
    if (per_cidr) {
      body.Attr("for_each", Expr::Call("toset", {Expr::Ref("var." + param->name)}));
      body.Blank();
    }
    body.Attr("security_group_id", Expr::Ref(sg + ".id"));
    if (!rule.description.empty()) body.Attr("description", Expr::String(rule.description));
    body.Attr("ip_protocol", Expr::String(protocol));
    if (protocol != "-1") {
      int from = rule.from_port, to = rule.to_port;
      if (from < 0 && protocol != "icmp") {
        from = 0;
        to = 65535;
      }
      body.Attr("from_port", Expr::Int(from)).Attr("to_port", Expr::Int(to));
    }
    if (param != nullptr) {
      body.Attr("cidr_ipv4", per_cidr ? Expr::Ref("each.value") : Expr::Ref("var." + param->name));
    } else if (rule.self) {
      body.Attr("referenced_security_group_id", Expr::Ref(sg + ".id"));
    } else if (rule.group != ir::kNoResource) {
      body.Attr("referenced_security_group_id", RefTo(rule.group, "id"));
    } else {
      body.Attr(rule.cidr.find(':') != std::string::npos ? "cidr_ipv6" : "cidr_ipv4", Expr::String(rule.cidr));
    }
    Add(map.file, std::move(rb));
  }
  if (!has_egress) {
    std::string type = map.raw["rule_types"]["egress"].get<std::string>();
    Block rb = Begin(r, type, Name(r.id, type, "all_outbound"));
    rb.body().Attr("security_group_id", Expr::Ref(sg + ".id"));
    rb.body().Attr("description", Expr::String(map.raw["default_egress"]["description"].get<std::string>()));
    rb.body().Attr("ip_protocol", Expr::String("-1"));
    rb.body().Attr("cidr_ipv4", Expr::String("0.0.0.0/0"));
    Add(map.file, std::move(rb));
  }
}

// ---------------------------------------------------------------------------------------------
// Compute

void Emitter::EmitInstance(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  if (const ir::Value* ami = Val(r, "ami")) {
    std::string prefix = map.raw.value("ssm_parameter_prefix", "resolve:ssm:");
    if (ami->kind == ir::Value::Kind::kString && ami->text.rfind(prefix, 0) == 0) {
      // The EC2 API resolves the parameter at launch, but Terraform then sees an AMI id that
      // differs from the configuration on every plan: read the parameter instead.
      std::string dname = Name(r.id, "data.aws_ssm_parameter", "ami");
      Where where;
      where.data = true;
      Block d = Begin(r, "aws_ssm_parameter", dname, where);
      d.comments().push_back("AMI of instance `" + r.name + "`, from a public SSM parameter");
      d.body().Attr("name", Expr::String(ami->text.substr(prefix.size())));
      Add(map.file, std::move(d));
      b.body().Fill("ami", "ami", Expr::Ref("data.aws_ssm_parameter." + dname + ".insecure_value"));
    } else {
      b.body().Fill("ami", "ami", ToExpr(*ami));
    }
  }
  if (const ir::Value* lt = Val(r, "launch_template"); lt != nullptr && lt->is_ref()) {
    Block& l = b.body().AddBlock("launch_template");
    l.body().Attr("id", RefTo(lt->target, "id")).Attr("version", Expr::String("$Default"));
  }
  if (const ir::Value* t = Val(r, "http_tokens")) b.body().AddBlock("metadata_options").body().Attr("http_tokens", ToExpr(*t));
  for (const ir::Block* root : BlocksOf(r, "root_volume")) {
    Block& rb = b.body().AddBlock("root_block_device");
    static const std::vector<std::pair<std::string, std::string>> fields = {
        {"size", "volume_size"}, {"type", "volume_type"}, {"iops", "iops"}, {"throughput", "throughput"},
        {"encrypted", "encrypted"}, {"kms_key", "kms_key_id"}, {"delete_on_termination", "delete_on_termination"}};
    for (const auto& [from, to] : fields) {
      if (const ir::Value* v = BlockVal(*root, from)) rb.body().Attr(to, ToExpr(*v));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitEbsVolume(const Resource& r) {
  Block b = Begin(r, "aws_ebs_volume", PrimaryName(r));
  const ir::Value* instance = Val(r, "instance");
  if (const ir::Value* az = Val(r, "az")) {
    b.body().Attr("availability_zone", Transform(ToExpr(*az), *az, "az", r));
  } else if (instance != nullptr && instance->is_ref()) {
    b.body().Attr("availability_zone", RefTo(instance->target, "availability_zone"));
  } else {
    b.body().Attr("availability_zone", Expr::String((r.region.empty() ? default_region_ : r.region) + "a"));
  }
  ApplyArgs(r, MapOf(r), b.body());
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (instance != nullptr && instance->is_ref()) {
    Block a = Begin(r, "aws_volume_attachment", Name(r.id, "aws_volume_attachment"));
    a.body().Attr("device_name", Val(r, "device_name") ? ToExpr(*Val(r, "device_name"))
                                                       : Expr::String(Setting("defaults.ebs_device_name").get<std::string>()));
    a.body().Attr("volume_id", Expr::Ref(address + ".id"));
    a.body().Attr("instance_id", RefTo(instance->target, "id"));
    Add(MapOf(r).file, std::move(a));
  }
}

void Emitter::EmitKeyPair(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* key = Val(r, "public_key")) {
    b.body().Fill("public_key", "public_key", ToExpr(*key));
  } else {
    Expr var = AddVariable(BaseName(r.id) + "_public_key", "string",
                           "OpenSSH public key of key pair `" + r.name + "` (Terraform imports a key; it cannot download a private key that AWS generates)");
    b.body().Fill("public_key", "public_key", var);
    ManualStep step;
    step.anchor = r.id;
    step.title = "Create the SSH key for key pair `" + r.name + "`";
    step.body = "Terraform imports a public key into EC2. Create a key pair locally, for example `ssh-keygen -t ed25519 -f " +
                r.name + "`, keep the private key safe, and pass the public key as `" + var.text() + "` (in a .tfvars file).";
    Manual(std::move(step));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitLaunchTemplate(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  const ir::Value* sgs = Val(r, "security_groups");
  const ir::Value* public_ip = Val(r, "associate_public_ip_address");
  if (public_ip != nullptr) {
    Block& ni = body.AddBlock("network_interfaces");
    ni.body().Attr("associate_public_ip_address", ToExpr(*public_ip));
    if (sgs != nullptr) ni.body().Attr("security_groups", ToExpr(*sgs, "id"));
  } else if (sgs != nullptr) {
    body.Fill("security_groups", "vpc_security_group_ids", ToExpr(*sgs, "id"));
  }
  if (const ir::Value* p = Val(r, "iam_instance_profile"); p != nullptr && p->is_ref()) {
    body.AddBlock("iam_instance_profile").body().Attr("arn", RefTo(p->target, "arn"));
  }
  if (const ir::Value* m = Val(r, "monitoring")) body.AddBlock("monitoring").body().Attr("enabled", ToExpr(*m));
  if (const ir::Value* t = Val(r, "http_tokens")) body.AddBlock("metadata_options").body().Attr("http_tokens", ToExpr(*t));
  if (BoolAttr(r, "spot")) body.AddBlock("instance_market_options").body().Attr("market_type", Expr::String("spot"));
  for (const ir::Block* root : BlocksOf(r, "root_volume")) {
    Block& bdm = body.AddBlock("block_device_mappings");
    bdm.body().Comment("the root device of Amazon Linux AMIs; check it for other images");
    bdm.body().Attr("device_name", Expr::String(Setting("defaults.root_device_name").get<std::string>()));
    Block& ebs = bdm.body().AddBlock("ebs");
    static const std::vector<std::pair<std::string, std::string>> fields = {
        {"size", "volume_size"}, {"type", "volume_type"}, {"iops", "iops"}, {"throughput", "throughput"},
        {"encrypted", "encrypted"}, {"kms_key", "kms_key_id"}, {"delete_on_termination", "delete_on_termination"}};
    for (const auto& [from, to] : fields) {
      if (const ir::Value* v = BlockVal(*root, from)) {
        ebs.body().Attr(to, from == "encrypted" || from == "delete_on_termination" ? Transform(ToExpr(*v), *v, "string", r) : ToExpr(*v));
      }
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitAutoscalingGroup(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  const ir::Value* lt = Val(r, "launch_template");
  Expr version = Val(r, "launch_template_version") ? ToExpr(*Val(r, "launch_template_version")) : Expr::String("$Default");
  std::vector<const ir::Block*> mixed = BlocksOf(r, "mixed_instances");
  if (!mixed.empty()) {
    const ir::Block& m = *mixed.front();
    Block& policy = body.AddBlock("mixed_instances_policy");
    Block& dist = policy.body().AddBlock("instances_distribution");
    for (const char* attr : {"on_demand_base_capacity", "on_demand_percentage_above_base_capacity", "spot_allocation_strategy"}) {
      if (const ir::Value* v = BlockVal(m, attr)) dist.body().Attr(attr, ToExpr(*v));
    }
    Block& ltb = policy.body().AddBlock("launch_template");
    Block& spec = ltb.body().AddBlock("launch_template_specification");
    if (lt != nullptr && lt->is_ref()) spec.body().Attr("launch_template_id", RefTo(lt->target, "id"));
    spec.body().Attr("version", version);
    if (const ir::Value* types = BlockVal(m, "instance_types"); types != nullptr && types->kind == ir::Value::Kind::kList) {
      for (const auto& t : types->items) ltb.body().AddBlock("override").body().Attr("instance_type", ToExpr(t));
    }
  } else if (lt != nullptr && lt->is_ref()) {
    Block& l = body.AddBlock("launch_template");
    l.body().Attr("id", RefTo(lt->target, "id")).Attr("version", version);
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  const std::string file = MapOf(r).file;
  for (const ir::Block* s : BlocksOf(r, "schedule")) {
    Block sb = Begin(r, "aws_autoscaling_schedule", Name(r.id, "aws_autoscaling_schedule", s->label));
    sb.body().Attr("scheduled_action_name", Expr::String(s->label));
    sb.body().Attr("autoscaling_group_name", Expr::Ref(address + ".name"));
    for (const char* attr : {"recurrence", "start_time", "end_time", "time_zone", "min_size", "max_size", "desired_capacity"}) {
      if (const ir::Value* v = BlockVal(*s, attr)) sb.body().Attr(attr, ToExpr(*v));
    }
    Add(file, std::move(sb));
  }
  for (const ir::Block* p : BlocksOf(r, "scaling_policy")) {
    Block pb = Begin(r, "aws_autoscaling_policy", Name(r.id, "aws_autoscaling_policy", p->label));
    pb.body().Attr("name", Expr::String(p->label));
    pb.body().Attr("autoscaling_group_name", Expr::Ref(address + ".name"));
    pb.body().Attr("policy_type", Expr::String("TargetTrackingScaling"));
    Block& tt = pb.body().AddBlock("target_tracking_configuration");
    Block& pm = tt.body().AddBlock("predefined_metric_specification");
    std::string metric = BlockStr(*p, "predefined_metric");
    pm.body().Attr("predefined_metric_type", Expr::String(metric.empty() ? "ASGAverageCPUUtilization" : metric));
    if (const ir::Value* tg = BlockVal(*p, "target_group"); tg != nullptr && tg->is_ref()) {
      // ALBRequestCountPerTarget names the load balancer and target group by their ARN suffixes.
      for (ResourceId l : model_.Referrers(tg->target, {"listener"}, "default_target")) {
        const Resource& listener = model_.at(l);
        const ir::Value* lb = Val(listener, "load_balancer");
        if (lb == nullptr || !lb->is_ref()) continue;
        pm.body().Attr("resource_label", Expr::Template({RefTo(lb->target, "arn_suffix"), Expr::String("/"), RefTo(tg->target, "arn_suffix")}));
        break;
      }
    }
    if (const ir::Value* v = BlockVal(*p, "target_value")) tt.body().Attr("target_value", ToExpr(*v));
    if (const ir::Value* v = BlockVal(*p, "disable_scale_in")) tt.body().Attr("disable_scale_in", ToExpr(*v));
    Add(file, std::move(pb));
  }
}

void Emitter::EmitEcsCluster(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* ci = Val(r, "container_insights")) {
    Block& s = b.body().AddBlock("setting");
    s.body().Attr("name", Expr::String("containerInsights")).Attr("value", ToExpr(*ci));
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (const ir::Value* cps = Val(r, "capacity_providers")) {
    Block c = Begin(r, "aws_ecs_cluster_capacity_providers", Name(r.id, "aws_ecs_cluster_capacity_providers"));
    c.body().Attr("cluster_name", Expr::Ref(address + ".name"));
    c.body().Attr("capacity_providers", ToExpr(*cps));
    Add(MapOf(r).file, std::move(c));
  }
}

void Emitter::EmitEcsTaskDefinition(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  Body& body = b.body();
  std::vector<Expr> containers;
  const OrderedJson& fields = map.raw["container_fields"];
  std::string region = r.region.empty() ? default_region_ : r.region;
  for (const ir::Block* c : BlocksOf(r, "container")) {
    Entries e;
    e.emplace_back("name", Expr::String(c->label));
    for (const auto& [attr, key] : fields.items()) {
      if (attr == "doc" || attr == "sources") continue;
      if (const ir::Value* v = BlockVal(*c, attr)) e.emplace_back(key.get<std::string>(), ToExpr(*v));
      if (attr == "essential") {
        if (const ir::Value* ports = BlockVal(*c, "ports"); ports != nullptr && ports->kind == ir::Value::Kind::kList) {
          std::vector<Expr> mappings;
          for (const auto& p : ports->items) {
            mappings.push_back(Expr::Object({{"containerPort", ToExpr(p)}, {"protocol", Expr::String("tcp")}}));
          }
          e.emplace_back("portMappings", Expr::List(std::move(mappings)));
        }
      }
    }
    if (const ir::Value* env = BlockVal(*c, "environment"); env != nullptr && env->kind == ir::Value::Kind::kMap) {
      std::vector<Expr> items;
      for (const auto& [k, v] : env->entries) items.push_back(Expr::Object({{"name", Expr::String(k)}, {"value", ToExpr(v)}}));
      e.emplace_back("environment", Expr::List(std::move(items)));
    }
    if (const ir::Value* secrets = BlockVal(*c, "secrets"); secrets != nullptr && secrets->kind == ir::Value::Kind::kMap) {
      std::vector<Expr> items;
      for (const auto& [k, v] : secrets->entries) items.push_back(Expr::Object({{"name", Expr::String(k)}, {"valueFrom", ToExpr(v, "arn")}}));
      e.emplace_back("secrets", Expr::List(std::move(items)));
    }
    if (const ir::Value* lg = BlockVal(*c, "log_group"); lg != nullptr && lg->is_ref()) {
      Expr prefix = BlockVal(*c, "log_stream_prefix") ? ToExpr(*BlockVal(*c, "log_stream_prefix")) : Expr::String(c->label);
      e.emplace_back("logConfiguration",
                     Expr::Object({{"logDriver", Expr::String("awslogs")},
                                   {"options", Expr::Object({{"awslogs-group", RefTo(lg->target, "name")},
                                                             {"awslogs-region", Expr::String(region)},
                                                             {"awslogs-stream-prefix", prefix}})}}));
    }
    if (const ir::Value* hc = BlockVal(*c, "health_check")) e.emplace_back("healthCheck", Expr::Object({{"command", ToExpr(*hc)}}));
    if (const ir::Value* ul = BlockVal(*c, "ulimits"); ul != nullptr && ul->kind == ir::Value::Kind::kMap) {
      std::vector<Expr> items;
      for (const auto& [k, v] : ul->entries) {
        items.push_back(Expr::Object({{"name", Expr::String(k)}, {"softLimit", ToExpr(v)}, {"hardLimit", ToExpr(v)}}));
      }
      e.emplace_back("ulimits", Expr::List(std::move(items)));
    }
    containers.push_back(Expr::Object(std::move(e)));
  }
  body.Attr("container_definitions", Expr::Call("jsonencode", {Expr::List(std::move(containers))}));
  if (Val(r, "cpu_architecture") != nullptr || Val(r, "operating_system_family") != nullptr) {
    Block& rp = body.AddBlock("runtime_platform");
    if (const ir::Value* v = Val(r, "cpu_architecture")) rp.body().Attr("cpu_architecture", ToExpr(*v));
    if (const ir::Value* v = Val(r, "operating_system_family")) rp.body().Attr("operating_system_family", ToExpr(*v));
  }
  for (const ir::Block* v : BlocksOf(r, "volume")) {
    Block& vb = body.AddBlock("volume");
    vb.body().Attr("name", Expr::String(v->label));
    if (const ir::Value* hp = BlockVal(*v, "host_path")) vb.body().Attr("host_path", ToExpr(*hp));
    if (const ir::Value* fs = BlockVal(*v, "efs_file_system_id")) {
      Block& efs = vb.body().AddBlock("efs_volume_configuration");
      efs.body().Attr("file_system_id", ToExpr(*fs));
      if (const ir::Value* root = BlockVal(*v, "efs_root_directory")) efs.body().Attr("root_directory", ToExpr(*root));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitEcsService(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  if (const ir::Value* subnets = Val(r, "subnets")) {
    Block& nc = body.AddBlock("network_configuration");
    nc.body().Attr("subnets", ToExpr(*subnets, "id"));
    if (const ir::Value* sgs = Val(r, "security_groups")) nc.body().Attr("security_groups", ToExpr(*sgs, "id"));
    if (const ir::Value* ip = Val(r, "assign_public_ip")) nc.body().Attr("assign_public_ip", ToExpr(*ip));
  }
  std::string first_container;
  if (const ir::Value* td = Val(r, "task_definition"); td != nullptr && td->is_ref()) {
    auto containers = BlocksOf(model_.at(td->target), "container");
    if (!containers.empty()) first_container = containers.front()->label;
  }
  std::vector<Expr> listeners;
  for (const ir::Block* lb : BlocksOf(r, "load_balancer")) {
    Block& l = body.AddBlock("load_balancer");
    const ir::Value* tg = BlockVal(*lb, "target_group");
    if (tg != nullptr) l.body().Attr("target_group_arn", ToExpr(*tg, "arn"));
    l.body().Attr("container_name", BlockVal(*lb, "container_name") ? ToExpr(*BlockVal(*lb, "container_name")) : Expr::String(first_container));
    if (const ir::Value* p = BlockVal(*lb, "container_port")) l.body().Attr("container_port", ToExpr(*p));
    // The target group must be attached to a load balancer before the service uses it.
    if (tg != nullptr && tg->is_ref()) {
      for (ResourceId li : model_.Referrers(tg->target, {"listener"}, "default_target")) listeners.push_back(Expr::Ref(Address(model_.at(li))));
      for (ResourceId li : model_.Referrers(tg->target, {"listener_rule"}, "target")) listeners.push_back(Expr::Ref(Address(model_.at(li))));
    }
  }
  if (Val(r, "service_discovery_namespace") != nullptr) NotInTerraform(r, "service_discovery_namespace");
  for (auto& l : listeners) pending_depends_.push_back(std::move(l));
  Commit(std::move(b), r);
}

void Emitter::EmitLambda(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  if (const ir::Value* env = Val(r, "environment")) body.AddBlock("environment").body().Attr("variables", ToExpr(*env));
  if (const ir::Value* subnets = Val(r, "subnets")) {
    Block& vc = body.AddBlock("vpc_config");
    vc.body().Attr("subnet_ids", ToExpr(*subnets, "id"));
    const ir::Value* sgs = Val(r, "security_groups");
    vc.body().Attr("security_group_ids", sgs != nullptr ? ToExpr(*sgs, "id") : Expr::List({}));
  }
  if (const ir::Value* lg = Val(r, "log_group"); lg != nullptr && lg->is_ref()) {
    Block& lc = body.AddBlock("logging_config");
    lc.body().Attr("log_format", Expr::String(Setting("defaults.lambda_log_format").get<std::string>()));
    lc.body().Attr("log_group", RefTo(lg->target, "name"));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitBeanstalkApp(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* role = Val(r, "service_role"); role != nullptr && role->is_ref()) {
    Block& lc = b.body().AddBlock("appversion_lifecycle");
    lc.body().Attr("service_role", RefTo(role->target, "arn"));
    if (const ir::Value* v = Val(r, "max_versions")) lc.body().Attr("max_count", ToExpr(*v));
    if (const ir::Value* v = Val(r, "max_age_in_days")) lc.body().Attr("max_age_in_days", ToExpr(*v));
    if (const ir::Value* v = Val(r, "delete_source_from_s3")) lc.body().Attr("delete_source_from_s3", ToExpr(*v));
  } else {
    for (const char* attr : {"max_versions", "max_age_in_days"}) {
      if (Val(r, attr) != nullptr) NotInTerraform(r, attr);
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitBeanstalkEnv(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  const OrderedJson& settings = map.raw["settings"];
  auto setting_value = [&](const ir::Value& v, const std::string& output) -> Expr {
    switch (v.kind) {
      case ir::Value::Kind::kBool: return Expr::String(v.boolean ? "true" : "false");
      case ir::Value::Kind::kNumber: return Expr::String(v.text);
      case ir::Value::Kind::kList: {
        bool literal = std::all_of(v.items.begin(), v.items.end(), [](const ir::Value& i) { return i.kind == ir::Value::Kind::kString; });
        if (literal) {
          std::string joined;
          for (size_t i = 0; i < v.items.size(); ++i) joined += (i ? "," : "") + v.items[i].text;
          return Expr::String(joined);
        }
        return Expr::Call("join", {Expr::String(","), ToExpr(v, output)});
      }
      default: return ToExpr(v, output);
    }
  };
  for (const auto& [attr, spec] : settings.items()) {
    if (attr == "doc" || attr == "sources") continue;
    const ir::Value* v = Val(r, attr);
    if (v == nullptr) continue;
    std::string ns = spec[0].get<std::string>(), option = spec[1].get<std::string>();
    std::string output = spec.size() > 2 ? spec[2].get<std::string>() : "";
    if (option == "*") {
      if (v->kind != ir::Value::Kind::kMap) continue;
      for (const auto& [k, item] : v->entries) {
        Block& s = b.body().AddBlock("setting");
        s.body().Attr("namespace", Expr::String(ns)).Attr("name", Expr::String(k)).Attr("value", setting_value(item, output));
      }
      continue;
    }
    Block& s = b.body().AddBlock("setting");
    s.body().Attr("namespace", Expr::String(ns)).Attr("name", Expr::String(option)).Attr("value", setting_value(*v, output));
  }
  for (const ir::Block* s : BlocksOf(r, "setting")) {
    Block& sb = b.body().AddBlock("setting");
    for (const char* attr : {"namespace", "name", "value", "resource"}) {
      if (const ir::Value* v = BlockVal(*s, attr)) sb.body().Attr(attr, ToExpr(*v));
    }
  }
  Commit(std::move(b), r);
}

// ---------------------------------------------------------------------------------------------
// Load balancing

void Emitter::EmitLoadBalancer(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* bucket = Val(r, "access_logs_bucket"); bucket != nullptr && bucket->is_ref()) {
    Block& logs = b.body().AddBlock("access_logs");
    logs.body().Attr("bucket", RefTo(bucket->target, "id"));
    std::string prefix = StrAttr(r, "access_logs_prefix");
    if (!prefix.empty()) logs.body().Attr("prefix", Expr::String(prefix));
    logs.body().Attr("enabled", Expr::Bool(true));
    // The bucket policy must let Elastic Load Balancing write the logs.
    std::string region = r.region.empty() ? default_region_ : r.region;
    std::string dname = "elb_" + ToIdentifier(region);
    if (!data_sources_.count("aws_elb_service_account." + dname)) {
      Block d("data", {"aws_elb_service_account", dname});
      if (region != default_region_) d.body().Attr("region", Expr::String(region));
      data_sources_.emplace("aws_elb_service_account." + dname, std::move(d));
      data_order_.push_back("aws_elb_service_account." + dname);
    }
    bucket_statements_[bucket->target].push_back(Expr::Object({
        {"Sid", Expr::String("AllowLoadBalancerLogs" + SidWord(r.name))},
        {"Effect", Expr::String("Allow")},
        {"Principal", Expr::Object({{"AWS", Expr::Ref("data.aws_elb_service_account." + dname + ".arn")}})},
        {"Action", Expr::String("s3:PutObject")},
        {"Resource", Expr::Template({RefTo(bucket->target, "arn"), Expr::String(prefix.empty() ? "/AWSLogs/*" : "/" + prefix + "/AWSLogs/*")})},
    }));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitListener(const Resource& r) {
  Block b = Primary(r);
  Block& action = b.body().AddBlock("default_action");
  std::vector<const ir::Block*> fixed = BlocksOf(r, "fixed_response");
  if (BoolAttr(r, "redirect_to_https")) {
    action.body().Attr("type", Expr::String("redirect"));
    Block& redirect = action.body().AddBlock("redirect");
    redirect.body().Attr("port", Expr::String("443")).Attr("protocol", Expr::String("HTTPS")).Attr("status_code", Expr::String("HTTP_301"));
  } else if (const ir::Value* tg = Val(r, "default_target"); tg != nullptr && tg->is_ref()) {
    action.body().Attr("type", Expr::String("forward")).Attr("target_group_arn", RefTo(tg->target, "arn"));
  } else {
    action.body().Attr("type", Expr::String("fixed-response"));
    Block& fr = action.body().AddBlock("fixed_response");
    const ir::Block* f = fixed.empty() ? nullptr : fixed.front();
    fr.body().Attr("content_type", f != nullptr && BlockVal(*f, "content_type") ? ToExpr(*BlockVal(*f, "content_type")) : Expr::String("text/plain"));
    if (f != nullptr && BlockVal(*f, "message_body")) fr.body().Attr("message_body", ToExpr(*BlockVal(*f, "message_body")));
    fr.body().Attr("status_code", f != nullptr && BlockVal(*f, "status_code") ? Transform(ToExpr(*BlockVal(*f, "status_code")), *BlockVal(*f, "status_code"), "string", r)
                                                                           : Expr::String("404"));
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (const ir::Value* extra = Val(r, "additional_certificates"); extra != nullptr && extra->kind == ir::Value::Kind::kList) {
    for (const auto& c : extra->items) {
      if (!c.is_ref()) continue;
      Block lc = Begin(r, "aws_lb_listener_certificate", Name(r.id, "aws_lb_listener_certificate", model_.at(c.target).name));
      lc.body().Attr("listener_arn", Expr::Ref(address + ".arn"));
      lc.body().Attr("certificate_arn", RefTo(c.target, "arn"));
      Add(MapOf(r).file, std::move(lc));
    }
  }
}

void Emitter::EmitListenerRule(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  Block& action = body.AddBlock("action");
  std::vector<const ir::Block*> fixed = BlocksOf(r, "fixed_response");
  if (const ir::Value* tg = Val(r, "target"); tg != nullptr && tg->is_ref()) {
    action.body().Attr("type", Expr::String("forward")).Attr("target_group_arn", RefTo(tg->target, "arn"));
  } else if (BoolAttr(r, "redirect_to_https") || Val(r, "redirect_host") != nullptr) {
    action.body().Attr("type", Expr::String("redirect"));
    Block& redirect = action.body().AddBlock("redirect");
    if (const ir::Value* h = Val(r, "redirect_host")) redirect.body().Attr("host", ToExpr(*h));
    if (BoolAttr(r, "redirect_to_https")) redirect.body().Attr("port", Expr::String("443")).Attr("protocol", Expr::String("HTTPS"));
    redirect.body().Attr("status_code", Expr::String("HTTP_301"));
  } else {
    action.body().Attr("type", Expr::String("fixed-response"));
    Block& fr = action.body().AddBlock("fixed_response");
    const ir::Block* f = fixed.empty() ? nullptr : fixed.front();
    fr.body().Attr("content_type", f != nullptr && BlockVal(*f, "content_type") ? ToExpr(*BlockVal(*f, "content_type")) : Expr::String("text/plain"));
    if (f != nullptr && BlockVal(*f, "message_body")) fr.body().Attr("message_body", ToExpr(*BlockVal(*f, "message_body")));
    fr.body().Attr("status_code", f != nullptr && BlockVal(*f, "status_code") ? Transform(ToExpr(*BlockVal(*f, "status_code")), *BlockVal(*f, "status_code"), "string", r)
                                                                           : Expr::String("404"));
  }
  auto condition = [&](const char* attr, const char* block) {
    if (const ir::Value* v = Val(r, attr)) body.AddBlock("condition").body().AddBlock(block).body().Attr("values", ToExpr(*v));
  };
  condition("host_header", "host_header");
  condition("path_pattern", "path_pattern");
  condition("http_request_method", "http_request_method");
  condition("source_ip", "source_ip");
  if (const ir::Value* h = Val(r, "http_headers"); h != nullptr && h->kind == ir::Value::Kind::kMap) {
    for (const auto& [k, v] : h->entries) {
      Block& hh = body.AddBlock("condition").body().AddBlock("http_header");
      hh.body().Attr("http_header_name", Expr::String(k)).Attr("values", ToExpr(v));
    }
  }
  if (const ir::Value* q = Val(r, "query_strings"); q != nullptr && q->kind == ir::Value::Kind::kMap) {
    Block& cond = body.AddBlock("condition");
    for (const auto& [k, v] : q->entries) {
      Block& qs = cond.body().AddBlock("query_string");
      qs.body().Attr("key", Expr::String(k)).Attr("value", ToExpr(v));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitTargetGroup(const Resource& r) {
  Block b = Primary(r);
  for (const char* kind : {"health_check", "stickiness"}) {
    for (const ir::Block* blk : BlocksOf(r, kind)) {
      Block& hb = b.body().AddBlock(kind);
      if (std::string(kind) == "stickiness" && BlockVal(*blk, "type") == nullptr) hb.body().Attr("type", Expr::String("lb_cookie"));
      for (const auto& a : blk->attributes) {
        if (a.value.kind == ir::Value::Kind::kNull) continue;
        hb.body().Attr(a.name, a.name == "port" ? Transform(ToExpr(a.value), a.value, "string", r) : ToExpr(a.value));
      }
    }
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (const ir::Value* targets = Val(r, "targets"); targets != nullptr && targets->kind == ir::Value::Kind::kList) {
    for (const auto& t : targets->items) {
      if (!t.is_ref()) continue;
      Block a = Begin(r, "aws_lb_target_group_attachment", Name(r.id, "aws_lb_target_group_attachment", model_.at(t.target).name));
      a.body().Attr("target_group_arn", Expr::Ref(address + ".arn"));
      a.body().Attr("target_id", RefTo(t.target, "id"));
      Add(MapOf(r).file, std::move(a));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Data

void Emitter::EmitBucket(const Resource& r) {
  const std::string file = MapOf(r).file;
  Block b = Primary(r);
  std::string address = Address(r);
  Commit(std::move(b), r);
  Expr bucket = Expr::Ref(address + ".id");
  auto companion = [&](const std::string& type) {
    Block c = Begin(r, type, Name(r.id, type));
    c.body().Attr("bucket", bucket);
    return c;
  };
  if (const ir::Value* own = Val(r, "object_ownership")) {
    Block c = companion("aws_s3_bucket_ownership_controls");
    c.body().AddBlock("rule").body().Attr("object_ownership", ToExpr(*own));
    Add(file, std::move(c));
  }
  {
    bool block = BoolAttr(r, "block_public_access");
    Block c = companion("aws_s3_bucket_public_access_block");
    c.body().Attr("block_public_acls", Expr::Bool(block)).Attr("block_public_policy", Expr::Bool(block));
    c.body().Attr("ignore_public_acls", Expr::Bool(block)).Attr("restrict_public_buckets", Expr::Bool(block));
    Add(file, std::move(c));
  }
  bool versioned = BoolAttr(r, "versioning");
  if (versioned || BoolAttr(r, "mfa_delete")) {
    Block c = companion("aws_s3_bucket_versioning");
    Block& vc = c.body().AddBlock("versioning_configuration");
    vc.body().Attr("status", Expr::String(versioned ? "Enabled" : "Suspended"));
    if (BoolAttr(r, "mfa_delete")) vc.body().Attr("mfa_delete", Expr::String("Enabled"));
    Add(file, std::move(c));
  }
  if (Val(r, "encryption") != nullptr || Val(r, "kms_key") != nullptr || Val(r, "bucket_key") != nullptr) {
    Block c = companion("aws_s3_bucket_server_side_encryption_configuration");
    Block& rule = c.body().AddBlock("rule");
    Block& def = rule.body().AddBlock("apply_server_side_encryption_by_default");
    def.body().Attr("sse_algorithm", Expr::String(StrAttr(r, "encryption")));
    if (const ir::Value* k = Val(r, "kms_key")) def.body().Attr("kms_master_key_id", ToExpr(*k, "arn"));
    if (const ir::Value* bk = Val(r, "bucket_key")) rule.body().Attr("bucket_key_enabled", ToExpr(*bk));
    Add(file, std::move(c));
  }
  std::vector<const ir::Block*> rules = BlocksOf(r, "lifecycle_rule");
  if (!rules.empty()) {
    Block c = companion("aws_s3_bucket_lifecycle_configuration");
    for (const ir::Block* lr : rules) {
      Block& rule = c.body().AddBlock("rule");
      rule.body().Attr("id", Expr::String(lr->label));
      const ir::Value* enabled = BlockVal(*lr, "enabled");
      rule.body().Attr("status", Expr::String(enabled == nullptr || enabled->boolean ? "Enabled" : "Disabled"));
      Block& filter = rule.body().AddBlock("filter");
      if (const ir::Value* p = BlockVal(*lr, "prefix")) filter.body().Attr("prefix", ToExpr(*p));
      if (BlockVal(*lr, "expiration_days") != nullptr || BlockVal(*lr, "expired_object_delete_marker") != nullptr) {
        Block& e = rule.body().AddBlock("expiration");
        if (const ir::Value* d = BlockVal(*lr, "expiration_days")) e.body().Attr("days", ToExpr(*d));
        if (const ir::Value* m = BlockVal(*lr, "expired_object_delete_marker")) e.body().Attr("expired_object_delete_marker", ToExpr(*m));
      }
      if (const ir::Value* d = BlockVal(*lr, "transition_days")) {
        Block& t = rule.body().AddBlock("transition");
        t.body().Attr("days", ToExpr(*d));
        t.body().Attr("storage_class", BlockVal(*lr, "storage_class") ? ToExpr(*BlockVal(*lr, "storage_class")) : Expr::String("STANDARD_IA"));
      }
      if (const ir::Value* d = BlockVal(*lr, "noncurrent_transition_days")) {
        Block& t = rule.body().AddBlock("noncurrent_version_transition");
        t.body().Attr("noncurrent_days", ToExpr(*d));
        t.body().Attr("storage_class", BlockVal(*lr, "noncurrent_storage_class") ? ToExpr(*BlockVal(*lr, "noncurrent_storage_class"))
                                                                                 : Expr::String("STANDARD_IA"));
      }
      if (const ir::Value* d = BlockVal(*lr, "noncurrent_expiration_days")) {
        Block& e = rule.body().AddBlock("noncurrent_version_expiration");
        e.body().Attr("noncurrent_days", ToExpr(*d));
        if (const ir::Value* n = BlockVal(*lr, "noncurrent_newer_versions")) e.body().Attr("newer_noncurrent_versions", ToExpr(*n));
      }
      if (const ir::Value* d = BlockVal(*lr, "abort_incomplete_multipart_days")) {
        rule.body().AddBlock("abort_incomplete_multipart_upload").body().Attr("days_after_initiation", ToExpr(*d));
      }
    }
    // Lifecycle rules on a versioned bucket act on versions: wait for versioning first.
    if (versioned) {
      c.body().Blank().Attr("depends_on", Expr::List({Expr::Ref("aws_s3_bucket_versioning." + Name(r.id, "aws_s3_bucket_versioning"))}));
    }
    Add(file, std::move(c));
  }
  std::vector<const ir::Block*> cors = BlocksOf(r, "cors_rule");
  if (!cors.empty()) {
    Block c = companion("aws_s3_bucket_cors_configuration");
    for (const ir::Block* cr : cors) {
      Block& rule = c.body().AddBlock("cors_rule");
      if (!cr->label.empty()) rule.body().Attr("id", Expr::String(cr->label));
      for (const char* attr : {"allowed_headers", "allowed_methods", "allowed_origins", "expose_headers", "max_age_seconds"}) {
        if (const ir::Value* v = BlockVal(*cr, attr)) rule.body().Attr(attr, ToExpr(*v));
      }
    }
    Add(file, std::move(c));
  }
  if (BoolAttr(r, "acceleration")) {
    Block c = companion("aws_s3_bucket_accelerate_configuration");
    c.body().Attr("status", Expr::String("Enabled"));
    Add(file, std::move(c));
  }
  for (const ir::Block* w : BlocksOf(r, "website")) {
    Block c = companion("aws_s3_bucket_website_configuration");
    if (const ir::Value* v = BlockVal(*w, "redirect_all_requests_to")) {
      c.body().AddBlock("redirect_all_requests_to").body().Attr("host_name", ToExpr(*v));
    } else {
      if (const ir::Value* v = BlockVal(*w, "index_document")) c.body().AddBlock("index_document").body().Attr("suffix", ToExpr(*v));
      if (const ir::Value* v = BlockVal(*w, "error_document")) c.body().AddBlock("error_document").body().Attr("key", ToExpr(*v));
    }
    Add(file, std::move(c));
  }
  if (const ir::Value* lb = Val(r, "logging_bucket"); lb != nullptr && lb->is_ref()) {
    Block c = companion("aws_s3_bucket_logging");
    c.body().Attr("target_bucket", RefTo(lb->target, "id"));
    c.body().Attr("target_prefix", Val(r, "logging_prefix") ? ToExpr(*Val(r, "logging_prefix")) : Expr::String(""));
    Add(file, std::move(c));
  }
}

// One policy per bucket: the source's own document, plus the statements topo adds for
// CloudFront origin access and load balancer logs.
void Emitter::EmitBucketPolicies() {
  for (ResourceId id : model_.OfKind("bucket")) {
    const Resource& r = model_.at(id);
    const ir::Value* own = Val(r, "policy");
    auto it = bucket_statements_.find(id);
    if (own == nullptr && it == bucket_statements_.end()) continue;
    Block c = Begin(r, "aws_s3_bucket_policy", Name(id, "aws_s3_bucket_policy"));
    c.body().Attr("bucket", RefTo(id, "id"));
    if (it == bucket_statements_.end()) {
      c.body().Attr("policy", JsonDoc(*own));
    } else {
      std::vector<Expr> statements;
      if (own != nullptr && own->kind == ir::Value::Kind::kMap) {
        if (const ir::Value* st = own->Find("Statement"); st != nullptr && st->kind == ir::Value::Kind::kList) {
          for (const auto& s : st->items) statements.push_back(ToExpr(s, "arn"));
        }
      }
      for (auto& s : it->second) statements.push_back(s);
      c.body().Attr("policy", Policy(std::move(statements)));
    }
    // Public access block settings apply before a policy is accepted.
    c.body().Blank().Attr("depends_on", Expr::List({Expr::Ref("aws_s3_bucket_public_access_block." + Name(id, "aws_s3_bucket_public_access_block"))}));
    Add(MapOf(r).file, std::move(c));
  }
}

void Emitter::EmitDbParameterGroup(const Resource& r) {
  Block b = Primary(r);
  for (const ir::Block* p : BlocksOf(r, "parameter")) {
    Block& pb = b.body().AddBlock("parameter");
    pb.body().Attr("name", Expr::String(p->label));
    if (const ir::Value* v = BlockVal(*p, "value")) pb.body().Attr("value", Transform(ToExpr(*v), *v, "string", r));
    if (const ir::Value* m = BlockVal(*p, "apply_method")) pb.body().Attr("apply_method", ToExpr(*m));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitDbInstance(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  if (VariantOf(r) == "cluster_member") {
    ResourceId cluster = Val(r, "cluster")->target;
    body.Attr("engine", RefTo(cluster, "engine"));
    body.Attr("engine_version", Expr::Ref(Address(model_.at(cluster)) + ".engine_version"));
  } else {
    bool skip = BoolAttr(r, "skip_final_snapshot");
    if (Val(r, "skip_final_snapshot") != nullptr) body.Fill("skip_final_snapshot", "skip_final_snapshot", Expr::Bool(skip));
    if (!skip) {
      Expr id = Val(r, "identifier") ? ToExpr(*Val(r, "identifier")) : Expr::String(r.name);
      body.Fill("final_snapshot_identifier", "final_snapshot_identifier", Val(r, "final_snapshot_identifier") ? ToExpr(*Val(r, "final_snapshot_identifier"))
                                                                                 : Expr::Template({id, Expr::String("-final")}));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitDbCluster(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  std::string mode = StrAttr(r, "engine_mode");
  if (mode == "serverless") body.Fill("engine_mode", "engine_mode", Expr::String("serverless"));
  else if (Val(r, "engine_mode") != nullptr) body.Fill("engine_mode", "engine_mode", Expr::String("provisioned"));
  bool skip = BoolAttr(r, "skip_final_snapshot");
  if (Val(r, "skip_final_snapshot") != nullptr) body.Fill("skip_final_snapshot", "skip_final_snapshot", Expr::Bool(skip));
  Expr id = Val(r, "cluster_identifier") ? ToExpr(*Val(r, "cluster_identifier")) : Expr::String(r.name);
  if (!skip) {
    body.Fill("final_snapshot_identifier", "final_snapshot_identifier", Val(r, "final_snapshot_identifier") ? ToExpr(*Val(r, "final_snapshot_identifier"))
                                                                               : Expr::Template({id, Expr::String("-final")}));
  }
  for (const ir::Block* s : BlocksOf(r, "scaling")) {
    if (mode == "serverless") {
      Block& sc = body.AddBlock("scaling_configuration");
      for (const char* attr : {"min_capacity", "max_capacity", "auto_pause", "seconds_until_auto_pause", "timeout_action", "seconds_before_timeout"}) {
        if (const ir::Value* v = BlockVal(*s, attr)) sc.body().Attr(attr, ToExpr(*v));
      }
    } else {
      Block& sc = body.AddBlock("serverlessv2_scaling_configuration");
      for (const char* attr : {"min_capacity", "max_capacity", "seconds_until_auto_pause"}) {
        if (const ir::Value* v = BlockVal(*s, attr)) sc.body().Attr(attr, ToExpr(*v));
      }
    }
  }
  std::string address = Address(r);
  const ir::Value* count = Val(r, "instances");
  Commit(std::move(b), r);
  if (count != nullptr && count->number > 0 && mode != "serverless") {
    Block ib = Begin(r, "aws_rds_cluster_instance", Name(r.id, "aws_rds_cluster_instance"));
    ib.body().Attr("count", ToExpr(*count)).Blank();
    ib.body().Attr("identifier", Expr::Template({id, Expr::String("-"), Expr::Ref("count.index")}));
    ib.body().Attr("cluster_identifier", Expr::Ref(address + ".id"));
    ib.body().Attr("instance_class", Val(r, "instance_class") ? ToExpr(*Val(r, "instance_class"))
                                                              : Expr::String(mode == "serverless_v2" ? "db.serverless" : "db.r6g.large"));
    ib.body().Attr("engine", Expr::Ref(address + ".engine"));
    ib.body().Attr("engine_version", Expr::Ref(address + ".engine_version"));
    if (const ir::Value* p = Val(r, "publicly_accessible")) ib.body().Attr("publicly_accessible", ToExpr(*p));
    Add(MapOf(r).file, std::move(ib));
  }
}

void Emitter::EmitCacheCluster(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  bool group = VariantOf(r) == "replication_group";
  if (group) {
    const ir::Value* replicas = Val(r, "replicas");
    body.Fill("replicas", "num_cache_clusters", Expr::Int(1 + (replicas != nullptr ? static_cast<long long>(replicas->number) : 0)));
  }
  if (const ir::Value* subnets = Val(r, "subnets")) {
    std::string sg = Name(r.id, "aws_elasticache_subnet_group");
    Block s = Begin(r, "aws_elasticache_subnet_group", sg);
    s.body().Attr("name", Val(r, "cluster_id") ? ToExpr(*Val(r, "cluster_id")) : Expr::String(r.name));
    s.body().Attr("subnet_ids", ToExpr(*subnets, "id"));
    Add(MapOf(r).file, std::move(s));
    body.Fill("subnets", "subnet_group_name", Expr::Ref("aws_elasticache_subnet_group." + sg + ".name"));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitDynamoDbTable(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  std::vector<std::pair<std::string, std::string>> attributes;
  auto add_attr = [&](const std::string& name, const std::string& type) {
    if (name.empty()) return;
    for (const auto& a : attributes) {
      if (a.first == name) return;
    }
    attributes.emplace_back(name, type.empty() ? "S" : type);
  };
  const ir::Value* key_types = Val(r, "key_types");
  auto type_of = [&](const std::string& name) -> std::string {
    if (key_types != nullptr) {
      if (const ir::Value* t = key_types->Find(name); t != nullptr && t->kind == ir::Value::Kind::kString) return t->text;
    }
    return "S";
  };
  add_attr(StrAttr(r, "hash_key"), Val(r, "hash_key_type") ? StrAttr(r, "hash_key_type") : type_of(StrAttr(r, "hash_key")));
  add_attr(StrAttr(r, "range_key"), Val(r, "range_key_type") ? StrAttr(r, "range_key_type") : type_of(StrAttr(r, "range_key")));
  for (const ir::Block* g : BlocksOf(r, "global_secondary_index")) {
    add_attr(BlockStr(*g, "hash_key"), type_of(BlockStr(*g, "hash_key")));
    add_attr(BlockStr(*g, "range_key"), type_of(BlockStr(*g, "range_key")));
  }
  for (const auto& [name, type] : attributes) {
    body.AddBlock("attribute").body().Attr("name", Expr::String(name)).Attr("type", Expr::String(type));
  }
  for (const ir::Block* g : BlocksOf(r, "global_secondary_index")) {
    Block& gb = body.AddBlock("global_secondary_index");
    gb.body().Attr("name", Expr::String(g->label));
    for (const char* attr : {"hash_key", "range_key"}) {
      if (const ir::Value* v = BlockVal(*g, attr)) gb.body().Attr(attr, ToExpr(*v));
    }
    gb.body().Attr("projection_type", BlockVal(*g, "projection_type") ? ToExpr(*BlockVal(*g, "projection_type")) : Expr::String("ALL"));
    for (const char* attr : {"non_key_attributes", "read_capacity", "write_capacity"}) {
      if (const ir::Value* v = BlockVal(*g, attr)) gb.body().Attr(attr, ToExpr(*v));
    }
  }
  if (BoolAttr(r, "point_in_time_recovery")) body.AddBlock("point_in_time_recovery").body().Attr("enabled", Expr::Bool(true));
  if (const ir::Value* ttl = Val(r, "ttl_attribute")) {
    body.AddBlock("ttl").body().Attr("attribute_name", ToExpr(*ttl)).Attr("enabled", Expr::Bool(true));
  }
  if (const ir::Value* s = Val(r, "stream_view_type")) {
    body.Fill("stream_view_type", "stream_enabled", Expr::Bool(true));
    body.Fill("stream_view_type", "stream_view_type", ToExpr(*s));
  }
  if (BoolAttr(r, "server_side_encryption_kms")) {
    Block& sse = body.AddBlock("server_side_encryption");
    sse.body().Attr("enabled", Expr::Bool(true));
    if (const ir::Value* k = Val(r, "kms_key")) sse.body().Attr("kms_key_arn", ToExpr(*k, "arn"));
  }
  Commit(std::move(b), r);
}

// ---------------------------------------------------------------------------------------------
// Edge

void Emitter::EmitCertificate(const Resource& r) {
  Block b = Primary(r);
  // A certificate in use cannot be deleted: replace it by creating the new one first.
  b.body().AddBlock("lifecycle").body().Attr("create_before_destroy", Expr::Bool(true));
  std::string address = Address(r);
  Commit(std::move(b), r);
  const std::string file = MapOf(r).file;
  if (StrAttr(r, "validation") == "email") {
    ManualStep step;
    step.anchor = r.id;
    step.title = "Approve the validation email of certificate `" + r.name + "`";
    step.body = "ACM emails the domain's registered contacts and admin@, administrator@, hostmaster@, postmaster@ and webmaster@ "
                "addresses; the certificate is issued once someone approves the request.";
    step.link = "https://docs.aws.amazon.com/acm/latest/userguide/email-validation.html";
    step.after.push_back("`" + address + "`");
    Manual(std::move(step));
    return;
  }
  ResourceId zone = FindZoneFor(r, "zone", "domain");
  Expr options = Expr::Ref(address + ".domain_validation_options");
  if (zone != ir::kNoResource && !IsExternalZone(zone)) {
    std::string records = Name(r.id, "aws_route53_record", "validation");
    Where where;
    where.account = AccountOf(model_.at(zone));
    Block rec = Begin(model_.at(zone), "aws_route53_record", records, where);
    rec.comments().push_back("DNS validation records of certificate `" + r.name + "`");
    rec.body().Attr("for_each", Expr::ForObject("dvo", options, Expr::Ref("dvo.domain_name"),
                                                Expr::Object({{"name", Expr::Ref("dvo.resource_record_name")},
                                                              {"record", Expr::Ref("dvo.resource_record_value")},
                                                              {"type", Expr::Ref("dvo.resource_record_type")}})));
    rec.body().Blank();
    rec.body().Attr("allow_overwrite", Expr::Bool(true));
    rec.body().Attr("zone_id", ZoneIdExpr(zone));
    rec.body().Attr("name", Expr::Ref("each.value.name"));
    rec.body().Attr("type", Expr::Ref("each.value.type"));
    rec.body().Attr("ttl", FromJson(Setting("defaults.validation_record_ttl")));
    rec.body().Attr("records", Expr::List({Expr::Ref("each.value.record")}));
    Add(file, std::move(rec));
    if (validated_certs_.count(r.id)) {
      Block v = Begin(r, "aws_acm_certificate_validation", Name(r.id, "aws_acm_certificate_validation"));
      v.body().Attr("certificate_arn", Expr::Ref(address + ".arn"));
      v.body().Attr("validation_record_fqdns",
                    Expr::ForList("record", Expr::Ref("aws_route53_record." + records), Expr::Ref("record.fqdn")));
      Add(file, std::move(v));
    }
    return;
  }
  Expr line = Expr::Template({Expr::Ref("o.resource_record_name"), Expr::String(" "), Expr::Ref("o.resource_record_type"),
                              Expr::String(" "), Expr::Ref("o.resource_record_value")});
  ExternalRecords(r, zone, "the validation of certificate `" + r.name + "`",
                  {{"validation", Expr::ForList("o", options, line)}});
  manual_.back().body += " ACM issues the certificate once it finds them; until then, what uses it fails to deploy.";
}

std::string Emitter::CachePolicyId(const std::string& kind, const std::string& name, Body& body, const std::string& arg) {
  if (LooksLikeUuid(name)) {
    body.Attr(arg, Expr::String(name));
    return name;
  }
  const OrderedJson& defaults = Setting("defaults");
  std::string prefix = defaults.at("cloudfront_managed_policy_prefix").get<std::string>();
  std::string full = name;
  // AWS-managed policy names start with "Managed-", except the UseOriginCacheControlHeaders pair.
  bool managed_exception = name.rfind("UseOriginCacheControlHeaders", 0) == 0;
  if (!managed_exception && name.rfind(prefix, 0) != 0) full = prefix + name;
  std::string type = "aws_cloudfront_" + kind + "_policy";
  // CachingDisabled -> caching_disabled
  std::string words;
  std::string bare = full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
  for (size_t i = 0; i < bare.size(); ++i) {
    char c = bare[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c)) && std::islower(static_cast<unsigned char>(bare[i - 1]))) words += '_';
    words += c;
  }
  std::string dname = ToIdentifier(words);
  std::string address = type + "." + dname;
  if (!data_sources_.count(address)) {
    Block d("data", {type, dname});
    d.body().Attr("name", Expr::String(full));
    data_sources_.emplace(address, std::move(d));
    data_order_.push_back(address);
  }
  body.Attr(arg, Expr::Ref("data." + address + ".id"));
  return full;
}

void Emitter::EmitDistribution(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  Body& body = b.body();
  std::string address = Address(r);
  std::vector<const ir::Block*> origins = BlocksOf(r, "origin");
  for (const ir::Block* o : origins) {
    Block& ob = body.AddBlock("origin");
    ob.body().Attr("origin_id", Expr::String(o->label));
    const ir::Value* target = BlockVal(*o, "target");
    std::string target_kind = target != nullptr && target->is_ref() ? model_.at(target->target).kind : "";
    if (const ir::Value* d = BlockVal(*o, "domain_name")) {
      ob.body().Attr("domain_name", ToExpr(*d));
    } else if (!target_kind.empty()) {
      std::string output = map.raw["origin_domains"].value(target_kind, "id");
      ob.body().Attr("domain_name", target->path.empty() ? RefTo(target->target, output) : ToExpr(*target));
    }
    if (const ir::Value* p = BlockVal(*o, "origin_path")) ob.body().Attr("origin_path", ToExpr(*p));
    if (const ir::Value* c = BlockVal(*o, "connection_attempts")) ob.body().Attr("connection_attempts", ToExpr(*c));
    const ir::Value* access = BlockVal(*o, "origin_access");
    bool oai = access != nullptr && access->is_ref() && StrAttr(model_.at(access->target), "type") == "oai";
    if (access != nullptr && access->is_ref() && !oai) ob.body().Attr("origin_access_control_id", RefTo(access->target, "id"));
    if (const ir::Value* h = BlockVal(*o, "custom_headers"); h != nullptr && h->kind == ir::Value::Kind::kMap) {
      for (const auto& [k, v] : h->entries) {
        ob.body().AddBlock("custom_header").body().Attr("name", Expr::String(k)).Attr("value", ToExpr(v));
      }
    }
    if (target_kind == "bucket") {
      // An S3 origin: an origin access identity goes in s3_origin_config; with origin access
      // control (or public objects) the block only marks the origin as S3.
      if (oai || access == nullptr || !access->is_ref()) {
        Block& s3 = ob.body().AddBlock("s3_origin_config");
        s3.body().Attr("origin_access_identity", oai ? RefTo(access->target, "cloudfront_access_identity_path") : Expr::String(""));
      }
      if (access != nullptr && access->is_ref()) {
        // Only this distribution may read the bucket.
        // One statement per reader: the origin access identity, or this distribution (OAC).
        std::string reader = oai ? "CloudFrontOriginAccessIdentity" + SidWord(model_.at(access->target).name)
                                 : "CloudFrontDistribution" + SidWord(r.name);
        Entries statement = {{"Sid", Expr::String("Allow" + reader)}, {"Effect", Expr::String("Allow")}};
        if (oai) {
          statement.emplace_back("Principal", Expr::Object({{"AWS", RefTo(access->target, "iam_arn")}}));
        } else {
          statement.emplace_back("Principal", Expr::Object({{"Service", Expr::String("cloudfront.amazonaws.com")}}));
        }
        statement.emplace_back("Action", Expr::String("s3:GetObject"));
        statement.emplace_back("Resource", Expr::Template({RefTo(target->target, "arn"), Expr::String("/*")}));
        if (!oai) {
          statement.emplace_back("Condition", Expr::Object({{"StringEquals", Expr::Object({{"AWS:SourceArn", Expr::Ref(address + ".arn")}})}}));
        }
        auto& statements = bucket_statements_[target->target];
        Expr st = Expr::Object(std::move(statement));
        if (std::find(statements.begin(), statements.end(), st) == statements.end()) statements.push_back(std::move(st));
      }
    } else {
      Block& custom = ob.body().AddBlock("custom_origin_config");
      const ir::Value* hp = BlockVal(*o, "http_port");
      const ir::Value* sp = BlockVal(*o, "https_port");
      custom.body().Attr("http_port", hp ? ToExpr(*hp) : Expr::Int(80));
      custom.body().Attr("https_port", sp ? ToExpr(*sp) : Expr::Int(443));
      const ir::Value* pp = BlockVal(*o, "protocol_policy");
      custom.body().Attr("origin_protocol_policy", pp ? ToExpr(*pp) : Expr::String("https-only"));
      const ir::Value* ssl = BlockVal(*o, "origin_ssl_protocols");
      custom.body().Attr("origin_ssl_protocols", ssl ? ToExpr(*ssl) : FromJson(Setting("defaults.cloudfront_origin_ssl_protocols")));
      if (const ir::Value* t = BlockVal(*o, "origin_read_timeout")) custom.body().Attr("origin_read_timeout", ToExpr(*t));
    }
  }
  // Behaviors: the one without a path pattern is the default.
  std::vector<const ir::Block*> behaviors = BlocksOf(r, "behavior");
  const ir::Block* default_behavior = nullptr;
  for (const ir::Block* bh : behaviors) {
    if (BlockVal(*bh, "path_pattern") == nullptr && default_behavior == nullptr) default_behavior = bh;
  }
  std::string first_origin = origins.empty() ? "" : origins.front()->label;
  const ir::Value* signed_group = Val(r, "signed_urls_key_group");
  auto behavior = [&](const ir::Block* bh, const char* block_type) {
    Block& cb = body.AddBlock(block_type);
    Body& c = cb.body();
    if (bh != nullptr) {
      if (const ir::Value* p = BlockVal(*bh, "path_pattern")) c.Attr("path_pattern", ToExpr(*p));
    }
    std::string origin = bh != nullptr ? BlockStr(*bh, "origin") : "";
    c.Attr("target_origin_id", Expr::String(origin.empty() ? first_origin : origin));
    const ir::Value* allowed = bh ? BlockVal(*bh, "allowed_methods") : nullptr;
    const ir::Value* cached = bh ? BlockVal(*bh, "cached_methods") : nullptr;
    Expr get_head = Expr::List({Expr::String("GET"), Expr::String("HEAD")});
    c.Attr("allowed_methods", allowed ? ToExpr(*allowed) : get_head);
    c.Attr("cached_methods", cached ? ToExpr(*cached) : get_head);
    const ir::Value* vpp = bh ? BlockVal(*bh, "viewer_protocol_policy") : nullptr;
    c.Attr("viewer_protocol_policy", vpp ? ToExpr(*vpp) : Expr::String("allow-all"));
    if (bh != nullptr) {
      if (const ir::Value* v = BlockVal(*bh, "compress")) c.Attr("compress", ToExpr(*v));
    }
    bool policy = false;
    if (bh != nullptr) {
      if (std::string cp = BlockStr(*bh, "cache_policy"); !cp.empty()) {
        CachePolicyId("cache", cp, c, "cache_policy_id");
        policy = true;
      }
      if (std::string orp = BlockStr(*bh, "origin_request_policy"); !orp.empty()) CachePolicyId("origin_request", orp, c, "origin_request_policy_id");
      if (std::string rhp = BlockStr(*bh, "response_headers_policy"); !rhp.empty()) {
        CachePolicyId("response_headers", rhp, c, "response_headers_policy_id");
      }
    }
    const ir::Value* groups = bh ? BlockVal(*bh, "trusted_key_groups") : nullptr;
    if (groups != nullptr) c.Attr("trusted_key_groups", ToExpr(*groups, "id"));
    else if (signed_group != nullptr && signed_group->is_ref() && bh == default_behavior) {
      c.Attr("trusted_key_groups", Expr::List({RefTo(signed_group->target, "id")}));
    }
    if (!policy) {
      // No cache policy: the legacy cache settings.
      Block& fv = c.AddBlock("forwarded_values");
      const ir::Value* qs = bh ? BlockVal(*bh, "forward_query_strings") : nullptr;
      if (qs != nullptr && qs->kind == ir::Value::Kind::kList) {
        fv.body().Attr("query_string", Expr::Bool(true)).Attr("query_string_cache_keys", ToExpr(*qs));
      } else {
        fv.body().Attr("query_string", Expr::Bool(qs != nullptr && qs->kind == ir::Value::Kind::kBool && qs->boolean));
      }
      if (const ir::Value* h = bh ? BlockVal(*bh, "forward_headers") : nullptr) fv.body().Attr("headers", ToExpr(*h));
      Block& cookies = fv.body().AddBlock("cookies");
      const ir::Value* fc = bh ? BlockVal(*bh, "forward_cookies") : nullptr;
      if (fc != nullptr && fc->kind == ir::Value::Kind::kList && !fc->items.empty()) {
        cookies.body().Attr("forward", Expr::String("whitelist")).Attr("whitelisted_names", ToExpr(*fc));
      } else {
        cookies.body().Attr("forward", Expr::String("none"));
      }
      for (const char* ttl : {"min_ttl", "default_ttl", "max_ttl"}) {
        if (const ir::Value* v = bh ? BlockVal(*bh, ttl) : nullptr) c.Attr(ttl, ToExpr(*v));
      }
    }
  };
  behavior(default_behavior, "default_cache_behavior");
  for (const ir::Block* bh : behaviors) {
    if (bh != default_behavior) behavior(bh, "ordered_cache_behavior");
  }
  for (const ir::Block* e : BlocksOf(r, "error_page")) {
    Block& eb = body.AddBlock("custom_error_response");
    for (const char* attr : {"error_code", "response_code", "response_page_path", "error_caching_min_ttl"}) {
      if (const ir::Value* v = BlockVal(*e, attr)) eb.body().Attr(attr, ToExpr(*v));
    }
  }
  Block& restrictions = body.AddBlock("restrictions");
  Block& geo = restrictions.body().AddBlock("geo_restriction");
  std::string restriction = StrAttr(r, "geo_restriction");
  geo.body().Attr("restriction_type", Expr::String(restriction.empty() ? "none" : restriction));
  if (const ir::Value* l = Val(r, "geo_locations"); l != nullptr && restriction != "none") geo.body().Attr("locations", ToExpr(*l));
  Block& vc = body.AddBlock("viewer_certificate");
  if (const ir::Value* cert = Val(r, "certificate"); cert != nullptr && cert->is_ref()) {
    vc.body().Attr("acm_certificate_arn", RefTo(cert->target, "arn"));
    vc.body().Attr("ssl_support_method", Expr::String(StrAttr(r, "ssl_support_method")));
    const ir::Value* mpv = Val(r, "minimum_protocol_version");
    vc.body().Attr("minimum_protocol_version", mpv ? ToExpr(*mpv) : FromJson(Setting("defaults.cloudfront_minimum_protocol_version")));
  } else {
    vc.body().Attr("cloudfront_default_certificate", Expr::Bool(true));
  }
  if (const ir::Value* lb = Val(r, "logging_bucket"); lb != nullptr && lb->is_ref()) {
    Block& lc = body.AddBlock("logging_config");
    lc.body().Attr("bucket", RefTo(lb->target, "bucket_domain_name"));
    if (const ir::Value* p = Val(r, "logging_prefix")) lc.body().Attr("prefix", ToExpr(*p));
    if (const ir::Value* c = Val(r, "logging_include_cookies")) lc.body().Attr("include_cookies", ToExpr(*c));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitOriginAccess(const Resource& r) {
  Block b = Primary(r);
  if (VariantOf(r) != "oai") b.body().Attr("signing_protocol", Expr::String(MapOf(r).raw.value("signing_protocol", "sigv4")));
  Commit(std::move(b), r);
}

void Emitter::EmitWebAcl(const Resource& r) {
  Block b = Primary(r);
  Body& body = b.body();
  std::string name = StrAttr(r, "name").empty() ? r.name : StrAttr(r, "name");
  std::string action = StrAttr(r, "default_action");
  body.AddBlock("default_action").body().AddBlock(action.empty() ? "allow" : action);
  auto visibility = [&](Body& parent, const std::string& metric) {
    Block& v = parent.AddBlock("visibility_config");
    v.body().Attr("cloudwatch_metrics_enabled", Expr::Bool(BoolAttr(r, "metrics_enabled")));
    v.body().Attr("metric_name", Expr::String(metric));
    v.body().Attr("sampled_requests_enabled", Expr::Bool(BoolAttr(r, "sampled_requests_enabled")));
  };
  std::string address = Address(r);
  int priority = 0;
  for (const ir::Block* rule : BlocksOf(r, "rule")) {
    Block& rb = body.AddBlock("rule");
    rb.body().Attr("name", Expr::String(rule->label));
    const ir::Value* p = BlockVal(*rule, "priority");
    rb.body().Attr("priority", p ? ToExpr(*p) : Expr::Int(priority));
    priority = p ? static_cast<int>(p->number) + 1 : priority + 1;
    std::string group = BlockStr(*rule, "managed_rule_group");
    if (!group.empty()) {
      std::string ov = BlockStr(*rule, "override_action");
      rb.body().AddBlock("override_action").body().AddBlock(ov.empty() ? "none" : ov);
    } else {
      std::string act = BlockStr(*rule, "action");
      rb.body().AddBlock("action").body().AddBlock(act.empty() ? "block" : act);
    }
    Block& st = rb.body().AddBlock("statement");
    if (!group.empty()) {
      Block& m = st.body().AddBlock("managed_rule_group_statement");
      std::string vendor = BlockStr(*rule, "vendor");
      m.body().Attr("name", Expr::String(group)).Attr("vendor_name", Expr::String(vendor.empty() ? "AWS" : vendor));
    } else if (const ir::Value* limit = BlockVal(*rule, "rate_limit")) {
      Block& rl = st.body().AddBlock("rate_based_statement");
      rl.body().Attr("limit", ToExpr(*limit)).Attr("aggregate_key_type", Expr::String("IP"));
    } else if (const ir::Value* geo = BlockVal(*rule, "geo_match")) {
      st.body().AddBlock("geo_match_statement").body().Attr("country_codes", ToExpr(*geo));
    } else if (const ir::Value* ips = BlockVal(*rule, "ip_addresses")) {
      std::string set = Name(r.id, "aws_wafv2_ip_set", rule->label);
      Block s = Begin(r, "aws_wafv2_ip_set", set);
      s.body().Attr("name", Expr::String(name + "-" + rule->label));
      s.body().Attr("scope", Val(r, "scope") ? ToExpr(*Val(r, "scope")) : Expr::String("REGIONAL"));
      bool v6 = ips->kind == ir::Value::Kind::kList && !ips->items.empty() && ips->items[0].text.find(':') != std::string::npos;
      s.body().Attr("ip_address_version", Expr::String(v6 ? "IPV6" : "IPV4"));
      s.body().Attr("addresses", ToExpr(*ips));
      Add(MapOf(r).file, std::move(s));
      st.body().AddBlock("ip_set_reference_statement").body().Attr("arn", Expr::Ref("aws_wafv2_ip_set." + set + ".arn"));
    }
    visibility(rb.body(), rule->label);
  }
  visibility(body, name);
  Commit(std::move(b), r);
  if (const ir::Value* assoc = Val(r, "associated_resources"); assoc != nullptr && assoc->kind == ir::Value::Kind::kList) {
    for (const auto& a : assoc->items) {
      if (!a.is_ref()) continue;
      Block ab = Begin(r, "aws_wafv2_web_acl_association", Name(r.id, "aws_wafv2_web_acl_association", model_.at(a.target).name));
      ab.body().Attr("resource_arn", RefTo(a.target, "arn"));
      ab.body().Attr("web_acl_arn", Expr::Ref(address + ".arn"));
      Add(MapOf(r).file, std::move(ab));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// DNS

void Emitter::EmitDnsZone(const Resource& r) {
  if (IsExternalZone(r.id)) return;  // hosted elsewhere: its records become outputs and manual steps
  const KindMap& map = MapOf(r);
  if (IsRegisteredZone(r.id)) {
    Where where;
    where.data = true;
    Block d = Begin(r, "aws_route53_zone", Name(r.id, "data.aws_route53_zone"), where);
    d.comments().push_back("Hosted zone of " + std::string(Val(r, "domain") && Val(r, "domain")->kind == ir::Value::Kind::kString
                                                                ? Val(r, "domain")->text
                                                                : "the domain") +
                           ": Route 53 Domains created it when the domain was registered.");
    d.body().Attr("name", DomainExpr(r, "domain"));
    d.body().Attr("private_zone", Expr::Bool(false));
    Add(map.file, std::move(d));
    return;
  }
  Block b = Primary(r);
  if (const ir::Value* vpc = Val(r, "vpc"); vpc != nullptr && vpc->is_ref() && BoolAttr(r, "private")) {
    // (a private zone answers inside its VPCs only: no name servers to publish)
    Block& vb = b.body().AddBlock("vpc");
    vb.body().Attr("vpc_id", RefTo(vpc->target, "id"));
    const std::string& vpc_region = model_.at(vpc->target).region;
    if (!vpc_region.empty() && vpc_region != default_region_) vb.body().Attr("vpc_region", Expr::String(vpc_region));
  }
  Commit(std::move(b), r);
  std::string registrar = StrAttr(r, "registrar");
  if (!registrar.empty() && !BoolAttr(r, "private")) {
    ManualStep step;
    step.anchor = r.id;
    step.title = "Delegate the domain of dns_zone `" + r.name + "` to Route 53 at " + registrar;
    step.body = "Set the domain's name servers at " + registrar + " to the four servers of `terraform output " +
                BaseName(r.id) + "_name_servers`.";
    step.after.push_back("`" + Address(r) + "`");
    Manual(std::move(step));
  }
}

void Emitter::AddRecords(const Resource& owner, ResourceId zone, const std::string& role, Expr name, const std::string& type,
                         Expr records, int ttl, const std::string& count) {
  Where where;
  where.account = AccountOf(model_.at(zone));
  where.region = std::string();
  Block b = Begin(owner, "aws_route53_record", Name(owner.id, "aws_route53_record", role), where);
  if (!count.empty()) b.body().Attr("count", Expr::Number(count)).Blank();
  b.body().Attr("zone_id", ZoneIdExpr(zone));
  b.body().Attr("name", std::move(name));
  b.body().Attr("type", Expr::String(type));
  b.body().Attr("ttl", Expr::Int(ttl));
  b.body().Attr("records", std::move(records));
  Add(MapOf(owner).file, std::move(b));
}

// Records in a zone that is not in Route 53: an output that lists them and a manual step.
void Emitter::ExternalRecords(const Resource& owner, ResourceId zone, const std::string& what,
                              std::vector<std::pair<std::string, Expr>> records) {
  std::string host = "the domain's DNS host";
  if (zone != ir::kNoResource) {
    std::string registrar = StrAttr(model_.at(zone), "registrar");
    if (!registrar.empty()) host = registrar;
  }
  std::string output = Unique("output", owner.kind + "_" + BaseName(owner.id) + "_dns_records");
  Block o("output", {output});
  o.body().Attr("description", Expr::String("DNS records to add at " + host + " for " + what + " (name, type, value)"));
  o.body().Attr("value", Expr::Object(records));
  outputs_.push_back(std::move(o));
  ManualStep step;
  step.anchor = owner.id;
  step.title = "Add the DNS records for " + what + " at " + host;
  step.body = "The zone is not hosted in Route 53, so Terraform cannot create these records. After `terraform apply`, run "
              "`terraform output " + output + "` and add each record at " + host + ".";
  if (zone != ir::kNoResource) {
    std::string comment = StrAttr(model_.at(zone), "comment");
    if (!comment.empty()) step.body += " Note: " + comment + ".";
  }
  std::string literal;
  for (const auto& [key, value] : records) {
    if (value.is_string()) literal += "\n- " + key + ": `" + value.text() + "`";
  }
  if (!literal.empty()) step.body += "\n\nKnown before apply:" + literal;
  if (!Address(owner).empty()) step.after.push_back("`" + Address(owner) + "`");
  Manual(std::move(step));
}

void Emitter::EmitDnsRecord(const Resource& r) {
  const KindMap& map = MapOf(r);
  const ir::Value* zv = Val(r, "zone");
  ResourceId zone = zv != nullptr && zv->is_ref() ? zv->target : ir::kNoResource;
  // A literal name is relative to the zone unless it ends with the zone's domain; a name from a
  // param or a template is taken as written (a host name).
  const ir::Value* name_value = Val(r, "name");
  Expr fqdn = name_value != nullptr && name_value->kind != ir::Value::Kind::kString
                  ? ToExpr(*name_value)
                  : FqdnExpr(name_value != nullptr ? name_value->text : r.name, zone);
  std::string type = StrAttr(r, "type");
  const ir::Value* alias = Val(r, "alias");
  std::string alias_kind = alias != nullptr && alias->is_ref() ? model_.at(alias->target).kind : "";
  const OrderedJson& alias_targets = map.raw["alias_targets"];
  const OrderedJson& address_targets = map.raw["address_targets"];
  Expr records;
  if (const ir::Value* rs = Val(r, "records")) records = ToExpr(*rs);
  else if (const ir::Value* v = Val(r, "value")) records = Expr::List({ToExpr(*v)});
  else if (!alias_kind.empty() && address_targets.contains(alias_kind)) {
    records = Expr::List({RefTo(alias->target, address_targets[alias_kind].get<std::string>())});
  }
  if (zone == ir::kNoResource || IsExternalZone(zone)) {
    Expr value = records.kind() == Expr::Kind::kList && records.items().size() == 1 ? records.items()[0] : records;
    if (alias != nullptr && alias->is_ref() && alias_targets.contains(alias_kind)) {
      value = RefTo(alias->target, alias_targets[alias_kind][0].get<std::string>());
      if (type == "A") type = "ALIAS/CNAME";
    }
    Expr line = fqdn.is_string() && value.is_string() ? Expr::String(fqdn.text() + " " + type + " " + value.text())
                                                       : Expr::Template({fqdn, Expr::String(" " + type + " "), value});
    ExternalRecords(r, zone, "dns_record `" + r.name + "`", {{ToIdentifier(r.name), line}});
    return;
  }
  Where where;
  where.account = AccountOf(model_.at(zone));
  Block b = Begin(r, "aws_route53_record", PrimaryName(r), where);
  Body& body = b.body();
  body.Attr("zone_id", ZoneIdExpr(zone));
  body.Attr("name", fqdn);
  ApplyArgs(r, map, body);
  if (alias != nullptr && alias->is_ref() && alias_targets.contains(alias_kind)) {
    const auto& t = alias_targets[alias_kind];
    Block& ab = body.AddBlock("alias");
    std::string dns_output = t[0].get<std::string>();
    if (dns_output == "website_endpoint_domain") {
      ab.body().Attr("name", Expr::Ref("aws_s3_bucket_website_configuration." + Name(alias->target, "aws_s3_bucket_website_configuration") + ".website_domain"));
    } else {
      ab.body().Attr("name", RefTo(alias->target, dns_output));
    }
    ab.body().Attr("zone_id", RefTo(alias->target, t[1].get<std::string>()));
    ab.body().Attr("evaluate_target_health", Expr::Bool(BoolAttr(r, "evaluate_target_health")));
  } else {
    const ir::Value* ttl = Val(r, "ttl");
    body.Attr("ttl", ttl ? ToExpr(*ttl) : Expr::Int(300));
    body.Attr("records", records.is_null() ? Expr::List({}) : records);
  }
  if (const ir::Value* f = Val(r, "failover")) body.AddBlock("failover_routing_policy").body().Attr("type", ToExpr(*f));
  if (const ir::Value* w = Val(r, "weight")) body.AddBlock("weighted_routing_policy").body().Attr("weight", ToExpr(*w));
  Commit(std::move(b), r);
}

// ---------------------------------------------------------------------------------------------
// Email

void Emitter::EmitSesIdentity(const Resource& r) {
  const KindMap& map = MapOf(r);
  bool domain_identity = r.kind == "ses_domain";
  Block b = Begin(r, "aws_sesv2_email_identity", PrimaryName(r));
  Expr domain = domain_identity ? DomainExpr(r, "domain") : Expr::String(r.name);
  b.body().Attr("email_identity", domain);
  ApplyArgs(r, map, b.body());
  if (domain_identity && Val(r, "dkim_key_length") != nullptr) {
    b.body().AddBlock("dkim_signing_attributes").body().Attr("next_signing_key_length", ToExpr(*Val(r, "dkim_key_length")));
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  Expr identity = Expr::Ref(address + ".email_identity");
  for (const auto& [attr, type] : map.raw["notification_types"].items()) {
    const ir::Value* topic = Val(r, attr);
    if (topic == nullptr || !topic->is_ref()) continue;
    std::string role = ToIdentifier(type.get<std::string>());
    Block n = Begin(r, "aws_ses_identity_notification_topic", Name(r.id, "aws_ses_identity_notification_topic", role));
    n.body().Attr("identity", identity);
    n.body().Attr("notification_type", Expr::String(type.get<std::string>()));
    n.body().Attr("topic_arn", RefTo(topic->target, "arn"));
    if (const ir::Value* h = Val(r, "include_original_headers")) n.body().Attr("include_original_headers", ToExpr(*h));
    Add(map.file, std::move(n));
  }
  if (const ir::Value* ff = Val(r, "feedback_forwarding")) {
    Block f = Begin(r, "aws_sesv2_email_identity_feedback_attributes", Name(r.id, "aws_sesv2_email_identity_feedback_attributes"));
    f.body().Attr("email_identity", identity);
    f.body().Attr("email_forwarding_enabled", ToExpr(*ff));
    Add(map.file, std::move(f));
  }
  if (!domain_identity) return;

  std::string region = r.region.empty() ? default_region_ : r.region;
  const OrderedJson& ep = Setting("endpoints");
  auto endpoint = [&](const char* key) { return Replace(ep.at(key).get<std::string>(), "<region>", region); };
  int ttl = Setting("defaults.mail_record_ttl").get<int>();
  ResourceId zone = FindZoneFor(r, "zone", "domain");
  bool in_route53 = zone != ir::kNoResource && !IsExternalZone(zone);
  auto sub = [&](const std::string& prefix, const Expr& d) {
    return d.is_string() ? Expr::String(prefix + d.text()) : Expr::Template({Expr::String(prefix), d});
  };
  Expr tokens = Expr::Ref(address + ".dkim_signing_attributes[0].tokens");
  std::vector<std::pair<std::string, Expr>> external;
  if (BoolAttr(r, "dkim")) {
    std::string dkim_name = ep.at("ses_dkim_name").get<std::string>();     // <token>._domainkey.<domain>
    std::string dkim_value = ep.at("ses_dkim_value").get<std::string>();   // <token>.dkim.amazonses.com
    std::string name_suffix = dkim_name.substr(dkim_name.find("<token>") + 7);
    name_suffix = name_suffix.substr(0, name_suffix.find("<domain>"));
    std::string value_suffix = dkim_value.substr(dkim_value.find("<token>") + 7);
    if (in_route53) {
      Expr token = Expr::Call("element", {tokens, Expr::Ref("count.index")});
      Expr name = Expr::Template({token, Expr::String(name_suffix), domain});
      AddRecords(r, zone, "dkim", name, "CNAME", Expr::List({Expr::Template({token, Expr::String(value_suffix)})}), ttl,
                 std::to_string(ep.at("ses_dkim_token_count").get<int>()));
    } else {
      Expr line = Expr::Template({Expr::Ref("token"), Expr::String(name_suffix), domain, Expr::String(" CNAME "), Expr::Ref("token"),
                                  Expr::String(value_suffix)});
      external.emplace_back("dkim", Expr::ForList("token", tokens, line));
    }
  }
  auto record = [&](const std::string& role, Expr name, const std::string& type, const std::string& value_text, Expr value) {
    if (in_route53) {
      AddRecords(r, zone, role, name, type, Expr::List({value}), ttl);
    } else {
      std::string quote = type == "TXT" ? "\"" : "";
      Expr line = name.is_string() && value.is_string()
                      ? Expr::String(name.text() + " " + type + " " + quote + value_text + quote)
                      : Expr::Template({name, Expr::String(" " + type + " " + quote), value, Expr::String(quote)});
      external.emplace_back(role, line);
    }
  };
  if (const ir::Value* spf = Val(r, "spf")) record("spf", domain, "TXT", spf->text, ToExpr(*spf));
  if (const ir::Value* dmarc = Val(r, "dmarc")) record("dmarc", sub("_dmarc.", domain), "TXT", dmarc->text, ToExpr(*dmarc));
  if (BoolAttr(r, "receive")) {
    std::string mx = endpoint("ses_inbound_mx");
    record("mx", domain, "MX", mx, Expr::String(mx));
  }
  if (const ir::Value* mf = Val(r, "mail_from_domain")) {
    Block m = Begin(r, "aws_sesv2_email_identity_mail_from_attributes", Name(r.id, "aws_sesv2_email_identity_mail_from_attributes"));
    m.body().Attr("email_identity", identity);
    m.body().Attr("mail_from_domain", ToExpr(*mf));
    if (const ir::Value* beh = Val(r, "mail_from_behavior_on_mx_failure")) m.body().Attr("behavior_on_mx_failure", ToExpr(*beh));
    Add(map.file, std::move(m));
    Expr mf_name = ToExpr(*mf);
    std::string mx = endpoint("ses_mail_from_mx");
    std::string spf = ep.at("ses_mail_from_spf").get<std::string>();
    record("mail_from_mx", mf_name, "MX", mx, Expr::String(mx));
    record("mail_from_spf", mf_name, "TXT", spf, Expr::String(spf));
  }
  if (!external.empty()) ExternalRecords(r, zone, "SES domain `" + r.name + "`", std::move(external));
}

void Emitter::EmitSesReceiptRuleSet(const Resource& r) {
  Block b = Primary(r);
  std::string address = Address(r);
  Commit(std::move(b), r);
  if (BoolAttr(r, "active")) {
    Block a = Begin(r, "aws_ses_active_receipt_rule_set", Name(r.id, "aws_ses_active_receipt_rule_set"));
    a.body().Attr("rule_set_name", Expr::Ref(address + ".rule_set_name"));
    Add(MapOf(r).file, std::move(a));
  }
}

void Emitter::EmitSesReceiptRule(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  const OrderedJson& actions = map.raw["actions"];
  const facts::Kind* kind = r.schema;
  int position = 0;
  for (const auto& blk : r.blocks) {
    if (!actions.contains(blk.type)) continue;
    ++position;
    Block& ab = b.body().AddBlock(blk.type);
    for (const auto& [attr, spec_json] : actions[blk.type].items()) {
      std::string spec = spec_json.get<std::string>();
      bool always = !spec.empty() && spec.back() == '!';
      if (always) spec.pop_back();
      std::string arg = spec.substr(0, spec.find(':'));
      std::string output = spec.find(':') == std::string::npos ? "" : spec.substr(spec.find(':') + 1);
      if (const ir::Value* v = BlockVal(blk, attr)) {
        ab.body().Attr(arg, ToExpr(*v, output));
      } else if (always && kind != nullptr && kind->blocks.count(blk.type)) {
        const auto& attrs = kind->blocks.at(blk.type).attributes;
        auto it = attrs.find(attr);
        if (it != attrs.end() && it->second.default_value.is_string()) ab.body().Attr(arg, Expr::String(it->second.default_value.get<std::string>()));
      }
    }
    const ir::Value* p = BlockVal(blk, "position");
    ab.body().Attr("position", p ? ToExpr(*p) : Expr::Int(position));
    // SES writes received mail into the bucket only if the bucket policy lets it.
    if (const ir::Value* bucket = BlockVal(blk, "bucket"); blk.type == "s3_action" && bucket != nullptr && bucket->is_ref()) {
      Expr statement = Expr::Object({
          {"Sid", Expr::String("AllowSesReceipt" + SidWord(r.name))},
          {"Effect", Expr::String("Allow")},
          {"Principal", Expr::Object({{"Service", Expr::String("ses.amazonaws.com")}})},
          {"Action", Expr::String("s3:PutObject")},
          {"Resource", Expr::Template({RefTo(bucket->target, "arn"), Expr::String("/*")})},
          {"Condition", Expr::Object({{"StringEquals", Expr::Object({{"AWS:SourceAccount", AccountIdExpr(AccountOf(r))}})}})},
      });
      auto& statements = bucket_statements_[bucket->target];
      if (std::find(statements.begin(), statements.end(), statement) == statements.end()) statements.push_back(std::move(statement));
    }
  }
  Commit(std::move(b), r);
}

void Emitter::EmitSesSmtp(const Resource& r) {
  const KindMap& map = MapOf(r);
  Expr user_name;
  std::string user_address;
  if (const ir::Value* u = Val(r, "user"); u != nullptr && u->is_ref()) {
    user_name = RefTo(u->target, "name");
    user_address = Address(model_.at(u->target));
  } else {
    Block b = Primary(r);
    b.comments().push_back("SMTP user of SES in " + (r.region.empty() ? default_region_ : r.region) +
                           ": do not rename it, a new user means new credentials");
    user_address = Address(r);
    user_name = Expr::Ref(user_address + ".name");
    Commit(std::move(b), r);
  }
  std::vector<Expr> resources;
  if (const ir::Value* ids = Val(r, "identities"); ids != nullptr && ids->kind == ir::Value::Kind::kList) {
    for (const auto& i : ids->items) resources.push_back(ToExpr(i, "arn"));
  }
  if (resources.empty()) resources.push_back(Expr::String("*"));
  std::vector<Expr> actions;
  for (const auto& a : map.raw["policy_actions"]) actions.push_back(Expr::String(a.get<std::string>()));
  Block p = Begin(r, "aws_iam_user_policy", Name(r.id, "aws_iam_user_policy", "send"));
  p.body().Attr("name", Expr::String("ses-send-email"));
  p.body().Attr("user", user_name);
  p.body().Attr("policy", Policy({Expr::Object({{"Effect", Expr::String("Allow")},
                                                {"Action", Expr::List(std::move(actions))},
                                                {"Resource", resources.size() == 1 ? resources[0] : Expr::List(resources)}})}));
  Add(map.file, std::move(p));
  // The SMTP password is derived from the secret key for one region: the provider's.
  std::string region = r.region.empty() ? default_region_ : r.region;
  Where where;
  if (region != default_region_) where.provider = RegionalProvider(AccountOf(r), region);
  std::string key = Name(r.id, "aws_iam_access_key");
  Block k = Begin(r, "aws_iam_access_key", key, where);
  if (!where.provider.empty()) {
    k.comments().push_back("ses_smtp_password_v4 is signed for the provider's region; this provider is in " + region + ", where SES runs.");
  }
  k.body().Attr("user", user_name);
  Add(map.file, std::move(k));
  Expr endpoint = OutputExpr(r.id, "smtp_endpoint");
  Expr port = OutputExpr(r.id, "smtp_port");
  if (const ir::Value* s = Val(r, "secret"); s != nullptr && s->is_ref()) {
    const Resource& secret = model_.at(s->target);
    Block v = Begin(secret, "aws_secretsmanager_secret_version", Name(s->target, "aws_secretsmanager_secret_version"));
    v.body().Attr("secret_id", RefTo(s->target, "id"));
    v.body().Attr("secret_string", Expr::Call("jsonencode", {Expr::Object({
                                                                {"host", endpoint},
                                                                {"port", port},
                                                                {"username", Expr::Ref("aws_iam_access_key." + key + ".id")},
                                                                {"password", Expr::Ref("aws_iam_access_key." + key + ".ses_smtp_password_v4")},
                                                            })}));
    AddWith(s->target, std::move(v));
  }
  std::string base = BaseName(r.id);
  AddOutput("ses_smtp_" + base + "_endpoint", "SES SMTP endpoint of ses_smtp `" + r.name + "` (STARTTLS)", endpoint);
  AddOutput("ses_smtp_" + base + "_username", "SMTP user name of ses_smtp `" + r.name + "`", Expr::Ref("aws_iam_access_key." + key + ".id"));
  AddOutput("ses_smtp_" + base + "_password", "SMTP password of ses_smtp `" + r.name + "` (terraform output -raw)",
            Expr::Ref("aws_iam_access_key." + key + ".ses_smtp_password_v4"), true);
}

void Emitter::EmitSnsSubscription(const Resource& r) {
  const KindMap& map = MapOf(r);
  Block b = Primary(r);
  std::string address = Address(r);
  Commit(std::move(b), r);
  std::string protocol = StrAttr(r, "protocol");
  bool confirm = false;
  for (const auto& p : map.raw["confirmation_protocols"]) confirm = confirm || p.get<std::string>() == protocol;
  if (confirm) {
    ManualStep step;
    step.anchor = r.id;
    step.title = "Confirm the SNS subscription `" + r.name + "`";
    step.body = "SNS sends a confirmation message to the subscribed address; the subscription stays pending until someone "
                "follows its link.";
    step.link = "https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.confirm.html";
    step.after.push_back("`" + address + "`");
    Manual(std::move(step));
  }
}

// ---------------------------------------------------------------------------------------------
// IAM

Expr Emitter::PolicyFromStatements(const std::vector<Expr>& statements) { return Policy(statements); }

Expr Emitter::StatementsOf(const ir::Block& b) {
  const OrderedJson& fields = maps_.Find("iam_policy")->raw["statement_fields"];
  Entries e;
  for (const auto& [attr, key] : fields.items()) {
    if (attr == "doc" || attr == "sources") continue;
    const ir::Value* v = BlockVal(b, attr);
    if (attr == "effect" && v == nullptr) {
      e.emplace_back("Effect", Expr::String("Allow"));
      continue;
    }
    if (v != nullptr) e.emplace_back(key.get<std::string>(), ToExpr(*v, "arn"));
  }
  return Expr::Object(std::move(e));
}

void Emitter::AttachPolicies(const Resource& r, const std::string& principal_arg, const std::string& attachment_type,
                             const std::string& inline_type) {
  const std::string file = MapOf(r).file;
  Expr principal = RefTo(r.id, "name");
  if (const ir::Value* ps = Val(r, "policies"); ps != nullptr && ps->kind == ir::Value::Kind::kList) {
    for (const auto& p : ps->items) {
      if (!p.is_ref()) continue;
      Block a = Begin(r, attachment_type, Name(r.id, attachment_type, model_.at(p.target).name));
      a.body().Attr(principal_arg, principal).Attr("policy_arn", RefTo(p.target, "arn"));
      Add(file, std::move(a));
    }
  }
  if (const ir::Value* ms = Val(r, "managed_policies"); ms != nullptr && ms->kind == ir::Value::Kind::kList) {
    for (const auto& m : ms->items) {
      std::string role = m.kind == ir::Value::Kind::kString ? m.text.substr(m.text.rfind('/') == std::string::npos ? 0 : m.text.rfind('/') + 1) : "managed";
      Block a = Begin(r, attachment_type, Name(r.id, attachment_type, role));
      a.body().Attr(principal_arg, principal).Attr("policy_arn", ManagedPolicyArn(m));
      Add(file, std::move(a));
    }
  }
  if (const ir::Value* roles = Val(r, "assumable_roles"); roles != nullptr && roles->kind == ir::Value::Kind::kList && !roles->items.empty()) {
    std::vector<Expr> arns;
    for (const auto& role : roles->items) arns.push_back(ToExpr(role, "arn"));
    Block a = Begin(r, inline_type, Name(r.id, inline_type, "assume_roles"));
    a.body().Attr("name", Expr::String("assume-roles"));
    a.body().Attr(principal_arg, principal);
    a.body().Attr("policy", Policy({Expr::Object({{"Effect", Expr::String("Allow")},
                                                  {"Action", Expr::String("sts:AssumeRole")},
                                                  {"Resource", Expr::List(std::move(arns))}})}));
    Add(file, std::move(a));
  }
  for (const ir::Block* ip : BlocksOf(r, "inline_policy")) {
    Block a = Begin(r, inline_type, Name(r.id, inline_type, ip->label));
    a.body().Attr("name", Expr::String(ip->label));
    a.body().Attr(principal_arg, principal);
    if (const ir::Value* doc = BlockVal(*ip, "policy")) a.body().Attr("policy", JsonDoc(*doc));
    Add(file, std::move(a));
  }
}

void Emitter::EmitIamUser(const Resource& r) {
  Commit(Primary(r), r);
  if (const ir::Value* groups = Val(r, "groups"); groups != nullptr && groups->kind == ir::Value::Kind::kList) {
    for (const auto& g : groups->items) {
      if (g.is_ref()) user_groups_[r.id].push_back(RefTo(g.target, "name"));
    }
  }
  AttachPolicies(r, "user", "aws_iam_user_policy_attachment", "aws_iam_user_policy");
  if (BoolAttr(r, "console_access")) {
    Block lp = Begin(r, "aws_iam_user_login_profile", Name(r.id, "aws_iam_user_login_profile"));
    lp.body().Attr("user", RefTo(r.id, "name"));
    lp.body().Attr("password_reset_required", Expr::Bool(BoolAttr(r, "password_reset_required")));
    // The password is set once at creation; changing it afterwards is the user's business.
    lp.body().AddBlock("lifecycle").body().Attr("ignore_changes", Expr::List({Expr::Ref("password_reset_required")}));
    Add(MapOf(r).file, std::move(lp));
    AddOutput("iam_user_" + BaseName(r.id) + "_initial_password", "initial console password of iam_user `" + r.name + "`",
              Expr::Ref("aws_iam_user_login_profile." + Name(r.id, "aws_iam_user_login_profile") + ".password"), true);
  }
}

void Emitter::EmitIamGroup(const Resource& r) {
  Commit(Primary(r), r);
  if (const ir::Value* users = Val(r, "users"); users != nullptr && users->kind == ir::Value::Kind::kList) {
    for (const auto& u : users->items) {
      if (u.is_ref()) user_groups_[u.target].push_back(RefTo(r.id, "name"));
    }
  }
  AttachPolicies(r, "group", "aws_iam_group_policy_attachment", "aws_iam_group_policy");
}

// One membership resource per user, whichever side declared the membership. (The exclusive
// aws_iam_group_membership would fight with memberships managed elsewhere.)
void Emitter::EmitUserGroupMemberships() {
  for (auto& [user, groups] : user_groups_) {
    const Resource& r = model_.at(user);
    std::vector<Expr> unique;
    for (auto& g : groups) {
      if (std::find(unique.begin(), unique.end(), g) == unique.end()) unique.push_back(g);
    }
    Block m = Begin(r, "aws_iam_user_group_membership", Name(user, "aws_iam_user_group_membership"));
    m.body().Attr("user", RefTo(user, "name"));
    m.body().Attr("groups", Expr::List(std::move(unique)));
    Add("iam", std::move(m));
  }
}

void Emitter::EmitIamRole(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* doc = Val(r, "assume_role_policy")) {
    b.body().Fill("assume_role_policy", "assume_role_policy", JsonDoc(*doc));
  } else {
    std::vector<Expr> statements;
    if (const ir::Value* s = Val(r, "trusted_services"); s != nullptr && s->kind == ir::Value::Kind::kList && !s->items.empty()) {
      statements.push_back(Expr::Object({{"Effect", Expr::String("Allow")},
                                         {"Principal", Expr::Object({{"Service", ToExpr(*s)}})},
                                         {"Action", Expr::String("sts:AssumeRole")}}));
    }
    std::vector<Expr> principals;
    if (const ir::Value* a = Val(r, "trusted_accounts"); a != nullptr && a->kind == ir::Value::Kind::kList) {
      for (const auto& acc : a->items) {
        if (acc.is_ref()) principals.push_back(Expr::Template({Expr::String("arn:aws:iam::"), AccountIdExpr(acc.target), Expr::String(":root")}));
      }
    }
    if (const ir::Value* p = Val(r, "trusted_principals"); p != nullptr && p->kind == ir::Value::Kind::kList) {
      for (const auto& pr : p->items) principals.push_back(ToExpr(pr, "arn"));
    }
    if (statements.empty() && principals.empty()) {
      principals.push_back(Expr::Template({Expr::String("arn:aws:iam::"), AccountIdExpr(AccountOf(r)), Expr::String(":root")}));
    }
    if (!principals.empty()) {
      Entries st = {{"Effect", Expr::String("Allow")},
                    {"Principal", Expr::Object({{"AWS", principals.size() == 1 ? principals[0] : Expr::List(principals)}})},
                    {"Action", Expr::String("sts:AssumeRole")}};
      if (BoolAttr(r, "require_mfa")) {
        st.emplace_back("Condition", Expr::Object({{"Bool", Expr::Object({{"aws:MultiFactorAuthPresent", Expr::String("true")}})}}));
      }
      statements.push_back(Expr::Object(std::move(st)));
    }
    b.body().Fill("assume_role_policy", "assume_role_policy", Policy(std::move(statements)));
  }
  Commit(std::move(b), r);
  AttachPolicies(r, "role", "aws_iam_role_policy_attachment", "aws_iam_role_policy");
}

void Emitter::EmitIamPolicy(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* doc = Val(r, "policy")) {
    b.body().Fill("policy", "policy", JsonDoc(*doc));
  } else {
    std::vector<Expr> statements;
    for (const ir::Block* s : BlocksOf(r, "statement")) statements.push_back(StatementsOf(*s));
    b.body().Fill("policy", "policy", Policy(std::move(statements)));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitIamAccessKey(const Resource& r) {
  Block b = Primary(r);
  std::string address = Address(r);
  Commit(std::move(b), r);
  std::string base = BaseName(r.id);
  AddOutput("iam_access_key_" + base + "_id", "access key id of iam_access_key `" + r.name + "`", Expr::Ref(address + ".id"));
  AddOutput("iam_access_key_" + base + "_secret", "secret access key of iam_access_key `" + r.name + "` (terraform output -raw)",
            Expr::Ref(address + ".secret"), true);
  if (BoolAttr(r, "ses_smtp_password")) {
    AddOutput("iam_access_key_" + base + "_ses_smtp_password", "SES SMTP password of iam_access_key `" + r.name + "` (for the provider's region)",
              Expr::Ref(address + ".ses_smtp_password_v4"), true);
  }
  if (const ir::Value* s = Val(r, "secret"); s != nullptr && s->is_ref()) {
    const Resource& secret = model_.at(s->target);
    Block v = Begin(secret, "aws_secretsmanager_secret_version", Name(s->target, "aws_secretsmanager_secret_version"));
    v.body().Attr("secret_id", RefTo(s->target, "id"));
    v.body().Attr("secret_string", Expr::Call("jsonencode", {Expr::Object({{"AccessKeyId", Expr::Ref(address + ".id")},
                                                                           {"SecretAccessKey", Expr::Ref(address + ".secret")}})}));
    AddWith(s->target, std::move(v));
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets, organizations, manual steps

void Emitter::EmitSecret(const Resource& r) {
  Block b = Primary(r);
  if (const ir::Value* regions = Val(r, "replica_regions"); regions != nullptr && regions->kind == ir::Value::Kind::kList) {
    for (const auto& reg : regions->items) b.body().AddBlock("replica").body().Attr("region", ToExpr(reg));
  }
  std::string address = Address(r);
  Commit(std::move(b), r);
  const std::string file = MapOf(r).file;
  if (const ir::Value* value = Val(r, "value")) {
    Block v = Begin(r, "aws_secretsmanager_secret_version", Name(r.id, "aws_secretsmanager_secret_version"));
    v.body().Attr("secret_id", Expr::Ref(address + ".id"));
    v.body().Attr("secret_string", ToExpr(*value));
    Add(file, std::move(v));
  } else if (BoolAttr(r, "generate_password")) {
    std::string dname = Name(r.id, "data.aws_secretsmanager_random_password");
    Where where;
    where.data = true;
    Block d = Begin(r, "aws_secretsmanager_random_password", dname, where);
    const ir::Value* len = Val(r, "password_length");
    d.body().Attr("password_length", len ? ToExpr(*len) : Expr::Int(32));
    Add(file, std::move(d));
    Block v = Begin(r, "aws_secretsmanager_secret_version", Name(r.id, "aws_secretsmanager_secret_version"));
    v.body().Attr("secret_id", Expr::Ref(address + ".id"));
    v.body().Attr("secret_string", Expr::Ref("data.aws_secretsmanager_random_password." + dname + ".random_password"));
    // The data source draws a new password on every plan: keep the first one.
    v.body().AddBlock("lifecycle").body().Attr("ignore_changes", Expr::List({Expr::Ref("secret_string")}));
    Add(file, std::move(v));
  }
}

void Emitter::EmitOrganizationalUnit(const Resource& r) {
  Where where;
  if (model_.organization_id != ir::kNoResource) {
    if (const ir::Value* m = Val(model_.at(model_.organization_id), "management_account"); m != nullptr && m->is_ref()) where.account = m->target;
  }
  Block b = Begin(r, MapOf(r).type, PrimaryName(r), where);
  ApplyArgs(r, MapOf(r), b.body());
  if (const ir::Value* p = Val(r, "parent"); p != nullptr && p->is_ref()) {
    b.body().Attr("parent_id", RefTo(p->target, "id"));
  } else if (model_.organization_id != ir::kNoResource) {
    b.body().Attr("parent_id", RefTo(model_.organization_id, "root_id"));
  }
  Commit(std::move(b), r);
}

void Emitter::EmitAccount(const Resource& r) {
  if (Val(r, "email") == nullptr) return;  // an existing account: only its provider
  Where where;
  where.account = model_.default_account;
  if (model_.organization_id != ir::kNoResource) {
    if (const ir::Value* m = Val(model_.at(model_.organization_id), "management_account"); m != nullptr && m->is_ref()) where.account = m->target;
  }
  Block b = Begin(r, MapOf(r).type, PrimaryName(r), where);
  ApplyArgs(r, MapOf(r), b.body());
  if (const ir::Value* p = Val(r, "parent"); p != nullptr && p->is_ref()) {
    b.body().Attr("parent_id", RefTo(p->target, "id"));
  }
  b.body().AddBlock("lifecycle").body().Attr("prevent_destroy", Expr::Bool(true));
  Add(MapOf(r).file, std::move(b));
}

void Emitter::EmitManualStep(const Resource& r) {
  ManualStep step;
  step.anchor = r.id;
  step.step_id = r.id;
  step.title = StrAttr(r, "title");
  step.body = StrAttr(r, "instructions");
  step.link = StrAttr(r, "link");
  for (const char* attr : {"after", "before"}) {
    const ir::Value* list = Val(r, attr);
    if (list == nullptr || list->kind != ir::Value::Kind::kList) continue;
    for (const auto& a : list->items) {
      if (!a.is_ref()) continue;
      const Resource& t = model_.at(a.target);
      if (t.kind == "manual_step") continue;  // ordering between steps
      std::string address = Address(t);
      (std::string(attr) == "after" ? step.after : step.before)
          .push_back(address.empty() ? t.kind + " `" + t.name + "`" : "`" + address + "`");
    }
  }
  Manual(std::move(step));
}

void Emitter::EmitWorkmail(const Resource& r) {
  manual_kinds_.insert(r.id);
  sink_.Report(DiagKind::kNoTerraformResource, r.name_range, r.kind, r.name).help =
      "create it by hand as MANUAL.md describes; references to it become input variables";
  std::string region = r.region.empty() ? default_region_ : r.region;
  std::string alias = StrAttr(r, "alias").empty() ? r.name : StrAttr(r, "alias");
  ManualStep step;
  step.anchor = r.id;
  step.title = "Create the WorkMail organization `" + alias + "` in " + region;
  std::string body = "The AWS provider has no WorkMail resource. In the WorkMail console (region " + region +
                     "), create an organization with the alias `" + alias + "`";
  if (const ir::Value* d = Val(r, "domains"); d != nullptr && d->kind == ir::Value::Kind::kList && !d->items.empty()) {
    body += ", add the domains";
    for (size_t i = 0; i < d->items.size(); ++i) body += (i ? ", `" : " `") + d->items[i].text + "`";
  }
  if (std::string dd = StrAttr(r, "default_domain"); !dd.empty()) body += " and make `" + dd + "` the default domain";
  body += ".";
  std::vector<const ir::Block*> users = BlocksOf(r, "user");
  if (!users.empty()) {
    body += " Create the users:";
    for (const ir::Block* u : users) {
      std::string display = BlockStr(*u, "display_name");
      body += "\n- `" + BlockStr(*u, "email") + "`" + (display.empty() ? "" : " (" + display + ")");
      std::string role = BlockStr(*u, "role");
      if (!role.empty() && role != "USER") body += ", role " + role;
    }
  }
  step.body = body;
  step.link = "https://docs.aws.amazon.com/workmail/latest/adminguide/add_new_organization.html";
  Manual(std::move(step));
}

}  // namespace topo::emit::hcl
