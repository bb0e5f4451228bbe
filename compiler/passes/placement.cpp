#include "passes/placement.h"

#include <set>

#include "base/strings.h"
#include "passes/lint_util.h"

namespace topo::passes {

namespace {

using lint::At;
using lint::Ref;
using lint::Refs;

// CloudFront reads certificates, web ACLs and Lambda@Edge functions from US East (N. Virginia):
// https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html,
// https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html,
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
constexpr const char* kCloudFrontRegion = "us-east-1";

class PlacementChecker {
 public:
  PlacementChecker(const ir::Model& model, const facts::Catalog& catalog, const facts::ServiceFacts& facts,
                   DiagSink& sink)
      : model_(model), catalog_(catalog), facts_(facts), sink_(sink) {}

  void Run() {
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      if (r.kind == "distribution") CheckDistribution(r);
      if (r.kind == "listener") CheckListener(r);
      if (r.kind == "lambda_function") CheckLambdaEdge(r);
      if (r.kind == "db_cluster") CheckAuroraServerless(r);
      CheckServiceRegion(r);
    }
    // After the distributions, so each ACL knows who uses it.
    for (const auto& r : model_.resources) {
      if (r.schema != nullptr && r.kind == "waf_web_acl") CheckWebAcl(r);
    }
    CheckCrossRegion();
  }

 private:
  std::string InRegion(const ir::Resource& r) const { return r.region.empty() ? "no region" : r.region; }

  void CheckDistribution(const ir::Resource& d) {
    ir::ResourceId cert = Ref(model_, d, "certificate", "certificate");
    if (cert != ir::kNoResource && model_.at(cert).region != kCloudFrontRegion) {
      const ir::Resource& c = model_.at(cert);
      Diagnostic& diag = sink_.Report(DiagKind::kCloudFrontCertificateRegion, At(d, "certificate"), d.name, c.name,
                                      InRegion(c));
      diag.range_label = "CloudFront reads certificates only from us-east-1";
      diag.labels.push_back({c.name_range, "declared here, in " + InRegion(c)});
      diag.help = fmt::format("move `certificate {}` into a `region \"us-east-1\" {{ ... }}` block", c.name);
    }
    ir::ResourceId acl = Ref(model_, d, "web_acl", "waf_web_acl");
    if (acl != ir::kNoResource) {
      const ir::Resource& a = model_.at(acl);
      auto scope = lint::String(a, "scope");
      if (scope && *scope == "REGIONAL") {
        Diagnostic& diag = sink_.Report(DiagKind::kWebAclScopeMismatch, At(d, "web_acl"), "distribution `" + d.name + "`",
                                        a.name, "REGIONAL");
        diag.labels.push_back({At(a, "scope"), "scope set here"});
        diag.help = "CloudFront needs a web ACL with `scope = \"CLOUDFRONT\"`, created in us-east-1";
      } else {
        cloudfront_acl_users_[acl].push_back(d.id);
      }
    }
  }

  void CheckListener(const ir::Resource& l) {
    ir::ResourceId lb = Ref(model_, l, "load_balancer", "load_balancer");
    if (lb == ir::kNoResource) return;
    const ir::Resource& balancer = model_.at(lb);
    for (const char* attr : {"certificate", "additional_certificates"}) {
      const ir::Value* v = lint::Written(l, attr);
      if (v == nullptr) continue;
      std::vector<const ir::Value*> items;
      if (v->kind == ir::Value::Kind::kList) {
        for (const auto& item : v->items) items.push_back(&item);
      } else {
        items.push_back(v);
      }
      for (const ir::Value* item : items) {
        if (!item->is_ref() || !item->path.empty() || model_.at(item->target).kind != "certificate") continue;
        const ir::Resource& c = model_.at(item->target);
        if (c.region == balancer.region) continue;
        Diagnostic& diag = sink_.Report(DiagKind::kLoadBalancerCertificateRegion, item->range, l.name, c.name,
                                        InRegion(c), InRegion(balancer));
        diag.range_label = "certificates are regional";
        diag.labels.push_back({c.name_range, "declared here, in " + InRegion(c)});
        diag.labels.push_back({balancer.name_range, "the load balancer, in " + InRegion(balancer)});
        diag.help = fmt::format("declare a certificate for `{}`'s domain in {} and use it here", c.name,
                                InRegion(balancer));
      }
    }
  }

  void CheckWebAcl(const ir::Resource& a) {
    auto scope = lint::String(a, "scope");
    if (scope && *scope == "CLOUDFRONT") {
      for (ir::ResourceId lb : Refs(model_, a, "associated_resources", "load_balancer")) {
        Diagnostic& diag = sink_.Report(DiagKind::kWebAclScopeMismatch, At(a, "associated_resources"),
                                        "load balancer `" + model_.at(lb).name + "`", a.name, "CLOUDFRONT");
        diag.labels.push_back({At(a, "scope"), "scope set here"});
        diag.help = "a load balancer needs a web ACL with `scope = \"REGIONAL\"` in its own region";
        break;
      }
    }
    bool for_cloudfront = (scope && *scope == "CLOUDFRONT") || cloudfront_acl_users_.count(a.id);
    if (!for_cloudfront || a.region == kCloudFrontRegion || a.region.empty()) return;
    Diagnostic& diag = sink_.Report(DiagKind::kCloudFrontWebAclRegion, a.name_range, a.name, a.region);
    for (ir::ResourceId d : cloudfront_acl_users_[a.id]) {
      diag.labels.push_back({At(model_.at(d), "web_acl"), "used by distribution `" + model_.at(d).name + "`"});
    }
    diag.help = fmt::format("move `waf_web_acl {}` into a `region \"us-east-1\" {{ ... }}` block", a.name);
  }

  // A Lambda@Edge function is one whose execution role trusts edgelambda.amazonaws.com
  // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html).
  void CheckLambdaEdge(const ir::Resource& f) {
    if (f.region == kCloudFrontRegion || f.region.empty()) return;
    ir::ResourceId role = Ref(model_, f, "role", "iam_role");
    if (role == ir::kNoResource) return;
    const ir::Resource& rr = model_.at(role);
    SourceRange trust;
    bool edge = false;
    for (const char* attr : {"trusted_services", "assume_role_policy"}) {
      const ir::Value* v = lint::Written(rr, attr);
      if (v != nullptr && Mentions(*v, "edgelambda.amazonaws.com", trust)) edge = true;
    }
    if (!edge) return;
    Diagnostic& diag = sink_.Report(DiagKind::kLambdaEdgeRegion, f.name_range, f.name, f.region);
    diag.labels.push_back({trust, "its role trusts Lambda@Edge"});
    diag.help = fmt::format("move `lambda_function {}` into a `region \"us-east-1\" {{ ... }}` block", f.name);
  }

  static bool Mentions(const ir::Value& v, const std::string& text, SourceRange& where) {
    if (v.kind == ir::Value::Kind::kString && v.text == text) {
      where = v.range;
      return true;
    }
    for (const auto& item : v.items) {
      if (Mentions(item, text, where)) return true;
    }
    for (const auto& [key, item] : v.entries) {
      if (Mentions(item, text, where)) return true;
    }
    return false;
  }

  void CheckAuroraServerless(const ir::Resource& c) {
    auto mode = lint::String(c, "engine_mode");
    auto pub = lint::Bool(c, "publicly_accessible");
    if (mode && *mode == "serverless" && pub && *pub) {
      Diagnostic& diag = sink_.Report(DiagKind::kAuroraServerlessPublic, At(c, "publicly_accessible"), c.name);
      diag.labels.push_back({At(c, "engine_mode"), "Aurora Serverless v1"});
      diag.help = "remove `publicly_accessible`; reach the cluster through a bastion host or the Data API "
                  "(`enable_http_endpoint = true`)";
    }
  }

  // Kinds that receive mail through SES.
  static bool ReceivesMail(const ir::Resource& r) {
    if (r.kind == "ses_domain") {
      auto receive = lint::Bool(r, "receive");
      return receive && *receive;
    }
    return r.kind == "ses_receipt_rule_set" || r.kind == "ses_receipt_rule" || r.kind == "ses_receipt_filter";
  }

  void CheckServiceRegion(const ir::Resource& r) {
    if (r.schema->placement != facts::Placement::kRegional || r.region.empty()) return;
    if (catalog_.FindRegion(r.region) == nullptr) return;  // reported by the resolver
    const facts::RegionalOffer* service = facts_.Service(r.schema->service);
    if (service != nullptr && !service->OfferedIn(r.region)) {
      if (service->rule == "T0307") {
        Diagnostic& d = sink_.Report(DiagKind::kWorkMailRegion, RegionSite(r), r.name, r.region);
        d.notes.push_back(OfferedNote(*service));
        d.help = "put the organization (and the SES domain it uses) in one of those regions";
      } else {
        Diagnostic& d = sink_.Report(DiagKind::kServiceNotInRegion, RegionSite(r), r.kind, r.name, r.region,
                                     service->title);
        d.notes.push_back(OfferedNote(*service));
        d.help = "place it in a region that offers " + service->title;
      }
      return;
    }
    if (ReceivesMail(r)) {
      const facts::RegionalOffer* receiving = facts_.Feature("ses_receiving");
      if (receiving == nullptr || receiving->OfferedIn(r.region)) return;
      std::string what = r.kind == "ses_domain" ? "ses_domain `" + r.name + "`" : r.kind + " `" + r.name + "`";
      SourceRange site = r.kind == "ses_domain" ? At(r, "receive") : RegionSite(r);
      Diagnostic& d = sink_.Report(DiagKind::kSesReceivingRegion, site, what, r.region);
      d.notes.push_back(OfferedNote(*receiving));
      d.help = "receive mail in one of those regions (sending may stay where it is)";
    }
  }

  // The explicit `region` attribute when written, else the resource's name.
  static SourceRange RegionSite(const ir::Resource& r) { return At(r, "region"); }

  static std::string OfferedNote(const facts::RegionalOffer& offer) {
    std::vector<std::string> regions(offer.regions.begin(), offer.regions.end());
    return offer.title + " is offered in " + Join(regions, ", ");
  }

  // A reference from a regional resource to a regional resource of another region.
  void CheckCrossRegion() {
    for (const auto& e : model_.edges) {
      if (e.from == ir::kNoResource || e.to == ir::kNoResource) continue;
      const ir::Resource& from = model_.at(e.from);
      const ir::Resource& to = model_.at(e.to);
      if (!Regional(from) || !Regional(to) || from.region == to.region) continue;
      std::string attr = AttributePath(e.via);
      if (facts_.CrossRegionAllowed(attr) || facts_.CrossRegionAllowed(from.kind + "." + attr)) continue;
      // Reported with a better message by T0302.
      if (from.kind == "listener" && to.kind == "certificate") continue;
      Diagnostic& d = sink_.Report(DiagKind::kCrossRegionReference, e.range, from.kind, from.name, from.region,
                                   to.kind, to.name, to.region);
      d.range_label = "regional resources are only visible in their own region";
      d.labels.push_back({to.name_range, "declared here, in " + to.region});
      d.help = fmt::format("use a {} in {}, or move `{} {}` to {}", to.kind, from.region, from.kind, from.name,
                           to.region);
    }
  }

  static bool Regional(const ir::Resource& r) {
    return r.schema != nullptr && r.schema->placement == facts::Placement::kRegional && !r.region.empty();
  }

  // "origin[web].target" -> "origin.target"
  static std::string AttributePath(const std::string& via) {
    std::string out;
    int depth = 0;
    for (char c : via) {
      if (c == '[') ++depth;
      else if (c == ']') --depth;
      else if (depth == 0) out += c;
    }
    return out;
  }

  const ir::Model& model_;
  const facts::Catalog& catalog_;
  const facts::ServiceFacts& facts_;
  DiagSink& sink_;
  std::map<ir::ResourceId, std::vector<ir::ResourceId>> cloudfront_acl_users_;
};

}  // namespace

void CheckPlacement(const ir::Model& model, const facts::Catalog& catalog, const facts::ServiceFacts& facts,
                    DiagSink& sink) {
  PlacementChecker(model, catalog, facts, sink).Run();
}

}  // namespace topo::passes
