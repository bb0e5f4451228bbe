#pragma once
// Internals of the `hcl` target (see hcl.h): the emitter state shared by the core
// (hcl_emitter.cpp: names, providers, references, files) and the per-kind mappings
// (hcl_kinds.cpp). Not a public interface.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "diag/sink.h"
#include "emit/hcl/hcl_writer.h"
#include "emit/hcl/mapping.h"
#include "emit/output.h"

namespace topo::emit::hcl {

class Emitter {
 public:
  Emitter(const EmitContext& context, DiagSink& sink);
  OutputFiles Run();

 private:
  using Resource = ir::Resource;
  using ResourceId = ir::ResourceId;

  // A step for MANUAL.md.
  struct ManualStep {
    ResourceId anchor = ir::kNoResource;   // the resource it belongs to (ordering)
    ResourceId step_id = ir::kNoResource;  // the manual_step resource, if it is one
    std::string title;
    std::string body;                      // Markdown
    std::string link;
    std::vector<std::string> after;        // Terraform addresses to apply first
    std::vector<std::string> before;       // Terraform addresses that need this step
  };

  // ---- the model ----
  // The mapping of a resource's kind (and variant), decided once per resource (see BuildIndexes).
  const KindMap& MapOf(const Resource& r) const { return *kind_maps_[static_cast<size_t>(r.id)]; }
  const KindMap& FindMap(const Resource& r) const;
  std::string VariantOf(const Resource& r) const;
  const ir::Value* Val(const Resource& r, const std::string& attr) const;
  bool BoolAttr(const Resource& r, const std::string& attr) const;  // value or the kind's default
  std::string StrAttr(const Resource& r, const std::string& attr) const;  // a literal string, else ""
  const OrderedJson& Setting(const std::string& path) const;
  ResourceId AccountOf(const Resource& r) const;
  bool IsExternalZone(ResourceId zone) const;
  bool IsRegisteredZone(ResourceId zone) const;  // registered with Route 53 Domains: read, not created
  ResourceId FindZoneFor(const Resource& r, const std::string& zone_attr, const std::string& domain_attr) const;

  // ---- names ----
  std::string BaseName(ResourceId id) const;
  std::string Unique(const std::string& space, const std::string& desired);
  // The Terraform name of `id`'s resource of `type` (role distinguishes several of one type).
  std::string Name(ResourceId id, const std::string& type, const std::string& role = "");
  const std::string& PrimaryType(const Resource& r) const { return primary_types_[static_cast<size_t>(r.id)]; }
  std::string PrimaryName(const Resource& r);
  std::string Address(const Resource& r);  // aws_vpc.main, or "" without a Terraform resource

  // ---- expressions ----
  Expr ToExpr(const ir::Value& v, const std::string& ref_output = "");
  Expr JsonDoc(const ir::Value& v);
  Expr OutputExpr(ResourceId id, const std::string& output);
  Expr RefTo(ResourceId id, const std::string& output = "") { return OutputExpr(id, output); }
  std::optional<Expr> ArgExpr(const Resource& r, const ArgSpec& spec);
  Expr Transform(Expr e, const ir::Value& v, const std::string& transform, const Resource& r);
  Expr FromJson(const OrderedJson& j);
  Expr AzExpr(const std::string& az, const std::string& region) const;
  Expr DomainExpr(const Resource& r, const std::string& attr);  // a literal, a var or a reference
  Expr ZoneDomainExpr(ResourceId zone);
  Expr ZoneIdExpr(ResourceId zone);
  Expr FqdnExpr(const std::string& name, ResourceId zone);
  Expr AccountIdExpr(ResourceId account);
  Expr ManagedPolicyArn(const ir::Value& v);
  Expr AddVariable(const std::string& desired, const std::string& type, const std::string& description,
                   bool sensitive = false);

  // ---- blocks ----
  // Where a block is created: defaults to the resource's own account and region.
  struct Where {
    bool data = false;                   // a data source
    std::optional<std::string> region;   // another region ("" = global)
    std::optional<ResourceId> account;   // another account's provider
    std::string provider;                // an explicit provider alias (regional providers)
  };
  Block Begin(const Resource& r, const std::string& type, const std::string& name, const Where& where);
  Block Begin(const Resource& r, const std::string& type, const std::string& name) { return Begin(r, type, name, Where{}); }
  // The primary block of `r` with its mapped arguments, and the steps that close it.
  Block Primary(const Resource& r);
  void Commit(Block b, const Resource& r);
  void ApplyArgs(const Resource& r, const KindMap& map, Body& body);
  void Finish(Block& b, const Resource& r, const KindMap& map, bool tags = true);
  void Add(const std::string& file, Block block);
  // Adds a block that belongs with `owner` (a secret's value written by another resource): right
  // after the owner's blocks, or now when the owner is written already.
  void AddWith(ResourceId owner, Block block);
  void AddOutput(const std::string& desired, const std::string& description, Expr value, bool sensitive = false);
  void Manual(ManualStep step) { manual_.push_back(std::move(step)); }
  void NotInTerraform(const Resource& r, const std::string& attr);

  // ---- files ----
  void EmitVersions(OutputFiles& out);
  void EmitProviders(OutputFiles& out);
  void EmitVariables(OutputFiles& out);
  void EmitOutputs(OutputFiles& out);
  void EmitManual(OutputFiles& out);
  std::string ProviderAlias(ResourceId account) const;
  std::string RegionalProvider(ResourceId account, const std::string& region);

  // ---- kinds (hcl_kinds.cpp) ----
  void EmitResource(const Resource& r);
  void EmitGeneric(const Resource& r);
  void EmitSubnetRouting(const Resource& vpc);
  void EmitSubnet(const Resource& r);
  void EmitNatGateway(const Resource& r);
  void EmitRouteTable(const Resource& r);
  void EmitVpcEndpoint(const Resource& r);
  void EmitSecurityGroup(const Resource& r);
  void EmitInstance(const Resource& r);
  void EmitEbsVolume(const Resource& r);
  void EmitKeyPair(const Resource& r);
  void EmitLaunchTemplate(const Resource& r);
  void EmitAutoscalingGroup(const Resource& r);
  void EmitEcsCluster(const Resource& r);
  void EmitEcsTaskDefinition(const Resource& r);
  void EmitEcsService(const Resource& r);
  void EmitLambda(const Resource& r);
  void EmitBeanstalkApp(const Resource& r);
  void EmitBeanstalkEnv(const Resource& r);
  void EmitLoadBalancer(const Resource& r);
  void EmitListener(const Resource& r);
  void EmitListenerRule(const Resource& r);
  void EmitTargetGroup(const Resource& r);
  void EmitBucket(const Resource& r);
  void EmitDbParameterGroup(const Resource& r);
  void EmitDbInstance(const Resource& r);
  void EmitDbCluster(const Resource& r);
  void EmitCacheCluster(const Resource& r);
  void EmitDynamoDbTable(const Resource& r);
  void EmitCertificate(const Resource& r);
  void EmitDistribution(const Resource& r);
  void EmitOriginAccess(const Resource& r);
  void EmitWebAcl(const Resource& r);
  void EmitDnsZone(const Resource& r);
  void EmitDnsRecord(const Resource& r);
  void EmitSesIdentity(const Resource& r);
  void EmitSesReceiptRuleSet(const Resource& r);
  void EmitSesReceiptRule(const Resource& r);
  void EmitSesSmtp(const Resource& r);
  void EmitSnsSubscription(const Resource& r);
  void EmitIamUser(const Resource& r);
  void EmitIamGroup(const Resource& r);
  void EmitIamRole(const Resource& r);
  void EmitIamPolicy(const Resource& r);
  void EmitIamAccessKey(const Resource& r);
  void EmitSecret(const Resource& r);
  void EmitOrganizationalUnit(const Resource& r);
  void EmitAccount(const Resource& r);
  void EmitManualStep(const Resource& r);
  void EmitWorkmail(const Resource& r);
  void EmitUserGroupMemberships();
  void EmitBucketPolicies();

  // Helpers shared by several kinds.
  void AttachPolicies(const Resource& r, const std::string& principal_arg, const std::string& attachment_type,
                      const std::string& inline_type);
  Expr PolicyFromStatements(const std::vector<Expr>& statements);
  Expr StatementsOf(const ir::Block& b);
  void AddRecords(const Resource& owner, ResourceId zone, const std::string& role, Expr name, const std::string& type,
                  Expr records, int ttl, const std::string& count = "");
  void ExternalRecords(const Resource& owner, ResourceId zone, const std::string& what,
                       std::vector<std::pair<std::string, Expr>> records);
  std::string CachePolicyId(const std::string& kind, const std::string& name, Body& body, const std::string& arg);

  // What the handlers would otherwise find by scanning every resource of a kind per resource
  // (quadratic on large estates), built once at the start of Run. Who refers to whom comes from
  // the IR (ir::Model::Referrers).
  void BuildIndexes();
  ResourceId GatewayOf(ResourceId vpc) const;                       // its first internet gateway
  std::set<ResourceId> routed_subnets_;                             // named in some route table's `subnets` list
  std::map<std::string, std::vector<ResourceId>> zones_of_domain_;     // literal `domain` -> dns zones

  const ir::Model& model_;
  const facts::Catalog& catalog_;
  DiagSink& sink_;
  const Mappings& maps_;

  // Per resource, decided once: its kind's mapping and the Terraform type of its primary block.
  std::vector<const KindMap*> kind_maps_;
  std::vector<std::string> primary_types_;
  std::unordered_map<std::string, std::unordered_set<std::string>> used_;  // name space -> names
  // Per resource: the Terraform names given to its blocks, by (type, role); a resource has few.
  struct GivenName {
    std::string type, role, name;
  };
  std::vector<std::vector<GivenName>> names_;
  // Each file's blocks, rendered as they are added (see Add), one blank line between blocks.
  std::map<std::string, std::string> files_;
  std::vector<Block> variables_;
  std::vector<Block> outputs_;
  std::vector<ManualStep> manual_;
  std::set<ResourceId> validated_certs_;   // certificates with an aws_acm_certificate_validation
  std::set<ResourceId> manual_kinds_;      // resources without a Terraform resource
  std::map<ResourceId, std::string> account_id_vars_;
  std::map<std::pair<ResourceId, std::string>, std::string> manual_vars_;  // (resource, output) -> var name
  std::map<std::pair<ResourceId, std::string>, std::string> regional_providers_;  // (account, region) -> alias
  std::map<std::string, Block> data_sources_;  // shared data sources by address, in first-use order
  std::vector<std::string> data_order_;
  std::map<ResourceId, std::vector<Expr>> bucket_statements_;  // statements topo adds to bucket policies
  std::map<ResourceId, std::vector<Expr>> user_groups_;        // iam user -> groups (both directions)
  std::set<ResourceId> committed_;                     // resources whose blocks are written
  std::map<ResourceId, std::vector<Block>> pending_with_;  // AddWith blocks waiting for their owner
  std::vector<Expr> pending_depends_;  // dependencies a handler adds; Finish writes them after the tags
  std::string default_region_;
  bool uses_lockfile_ = false;
};

}  // namespace topo::emit::hcl
