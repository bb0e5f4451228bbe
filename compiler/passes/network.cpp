#include "passes/network.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/cidr.h"
#include "base/strings.h"
#include "passes/lint_util.h"

namespace topo::passes {

namespace {

using lint::At;
using lint::Ref;
using lint::Refs;

std::optional<Cidr> LiteralCidr(const ir::Resource& r, const std::string& attr) {
  const ir::Value* v = lint::Written(r, attr);
  if (v == nullptr || v->kind != ir::Value::Kind::kString) return std::nullopt;
  std::string error;
  return ParseCidr(v->text, error);
}

uint64_t V4Start(const Cidr& c) {
  Cidr n = c.Network();
  return (uint64_t{n.address[0]} << 24) | (uint64_t{n.address[1]} << 16) | (uint64_t{n.address[2]} << 8) |
         n.address[3];
}

uint64_t V4End(const Cidr& c) { return V4Start(c) + (uint64_t{1} << (32 - c.prefix)) - 1; }

class NetworkChecker {
 public:
  NetworkChecker(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink)
      : model_(model), catalog_(catalog), sink_(sink) {}

  void Run() {
    std::map<ir::ResourceId, std::vector<ir::ResourceId>> subnets_by_vpc;
    for (const auto& r : model_.resources) {
      if (r.schema == nullptr) continue;
      CheckZones(r);
      if (r.kind == "subnet") {
        ir::ResourceId vpc = Ref(model_, r, "vpc", "vpc");
        if (vpc != ir::kNoResource) {
          subnets_by_vpc[vpc].push_back(r.id);
          CheckSubnetInVpc(r, model_.at(vpc));
        }
      }
      if (r.kind == "load_balancer") CheckLoadBalancer(r);
      if (r.kind == "db_subnet_group") CheckDbSubnetGroup(r);
    }
    for (const auto& [vpc, subnets] : subnets_by_vpc) CheckOverlaps(subnets);
    CheckEgress();
  }

 private:
  void CheckSubnetInVpc(const ir::Resource& subnet, const ir::Resource& vpc) {
    auto inner = LiteralCidr(subnet, "cidr");
    auto outer = LiteralCidr(vpc, "cidr");
    if (!inner || !outer || inner->v6 != outer->v6 || outer->Contains(*inner)) return;
    Diagnostic& d = sink_.Report(DiagKind::kSubnetOutsideVpc, At(subnet, "cidr"), subnet.name, inner->ToString(),
                                 outer->ToString(), vpc.name);
    d.labels.push_back({At(vpc, "cidr"), "the VPC's range"});
    d.help = fmt::format("choose a block inside {}, or widen the VPC's `cidr`", outer->ToString());
  }

  // CIDR blocks either nest or are disjoint; sorted by start, a block overlaps an earlier one
  // exactly when it starts before the furthest end seen so far.
  void CheckOverlaps(const std::vector<ir::ResourceId>& subnets) {
    struct Item {
      uint64_t start, end;
      ir::ResourceId id;
      Cidr cidr;
    };
    std::vector<Item> items;
    for (ir::ResourceId id : subnets) {
      auto c = LiteralCidr(model_.at(id), "cidr");
      if (c && !c->v6) items.push_back({V4Start(*c), V4End(*c), id, *c});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    const Item* widest = nullptr;
    for (const Item& item : items) {
      if (widest != nullptr && item.start <= widest->end) {
        // Report at the one declared later, pointing back at the other.
        const SourceRange& x = model_.at(widest->id).range;
        const SourceRange& y = model_.at(item.id).range;
        bool widest_first = std::make_pair(x.file, x.offset) <= std::make_pair(y.file, y.offset);
        const Item& earlier = widest_first ? *widest : item;
        const Item& later = widest_first ? item : *widest;
        const ir::Resource& a = model_.at(later.id);
        const ir::Resource& b = model_.at(earlier.id);
        Diagnostic& d = sink_.Report(DiagKind::kSubnetsOverlap, At(a, "cidr"), a.name, later.cidr.ToString(), b.name,
                                     earlier.cidr.ToString());
        d.labels.push_back({At(b, "cidr"), "overlapping range"});
        d.help = "give each subnet its own part of the VPC's range";
      }
      if (widest == nullptr || item.end > widest->end) widest = &item;
    }
  }

  void CheckZones(const ir::Resource& r) {
    if (r.region.empty()) return;
    const facts::Region* region = catalog_.FindRegion(r.region);
    if (region == nullptr || region->zones.empty()) return;
    auto check = [&](const ir::Value& v) {
      if (v.kind != ir::Value::Kind::kString) return;
      lint::ZoneName z = lint::ParseZone(v.text, r.region);
      if (z.zone_id) return;
      bool known = !z.other_region &&
                   std::find(region->zones.begin(), region->zones.end(), z.letter) != region->zones.end();
      if (known) return;
      Diagnostic& d = sink_.Report(DiagKind::kUnknownAvailabilityZone, v.range, v.text, r.region);
      std::vector<std::string> names;
      for (const auto& letter : region->zones) names.push_back(r.region + letter);
      d.notes.push_back(r.region + " has " + Join(names, ", "));
      if (z.other_region) {
        d.range_label = "a zone of another region";
        d.help = "use a zone letter of " + r.region + ", or move the resource to the zone's region";
      } else {
        d.help = "use one of the region's zone letters, e.g. `az = \"" + region->zones.front() + "\"`";
      }
    };
    if (const ir::Value* az = lint::Written(r, "az")) check(*az);
    if (const ir::Value* azs = lint::Written(r, "availability_zones"); azs != nullptr && azs->kind == ir::Value::Kind::kList) {
      for (const auto& item : azs->items) check(item);
    }
  }

  // Zones of `subnets`; `unknown` counts subnets whose zone is not written down.
  std::set<std::string> Zones(const std::vector<ir::ResourceId>& subnets, size_t& unknown) {
    std::set<std::string> zones;
    unknown = 0;
    for (ir::ResourceId id : subnets) {
      auto z = lint::ZoneOf(model_.at(id));
      if (z) zones.insert(*z);
      else ++unknown;
    }
    return zones;
  }

  // "only one availability zone (eu-central-1a)" / "only one subnet"; empty when fine or unknown.
  std::string SingleZone(const ir::Resource& owner, const std::vector<ir::ResourceId>& subnets) {
    if (subnets.size() == 1) return "only one subnet";
    size_t unknown = 0;
    auto zones = Zones(subnets, unknown);
    if (unknown > 0 || zones.size() >= 2 || zones.empty()) return "";
    return "only one availability zone (" + owner.region + *zones.begin() + ")";
  }

  // ELBv2 CreateLoadBalancer: an Application Load Balancer needs subnets from at least two AZs.
  void CheckLoadBalancer(const ir::Resource& lb) {
    auto type = lint::String(lb, "load_balancer_type");
    if (!type || *type != "application") return;
    auto subnets = Refs(model_, lb, "subnets", "subnet");
    if (subnets.empty()) return;  // default subnets of the default VPC
    std::string what = SingleZone(lb, subnets);
    if (what.empty()) return;
    Diagnostic& d = sink_.Report(DiagKind::kLoadBalancerSingleAz, At(lb, "subnets"), lb.name, what);
    d.help = "add a subnet in a second availability zone to `subnets`";
  }

  // RDS CreateDBSubnetGroup: DBSubnetGroupDoesNotCoverEnoughAZs below two AZs.
  void CheckDbSubnetGroup(const ir::Resource& g) {
    auto subnets = Refs(model_, g, "subnets", "subnet");
    if (subnets.empty()) return;
    std::string what = SingleZone(g, subnets);
    if (what.empty()) return;
    Diagnostic& d = sink_.Report(DiagKind::kDbSubnetGroupSingleAz, At(g, "subnets"), g.name, what);
    d.help = "add a subnet in a second availability zone to the group";
  }

  // ---- egress from private subnets ----

  struct VpcRoutes {
    bool has_route_tables = false;
    bool has_nat = false;
    ir::ResourceId main_table = ir::kNoResource;
    std::map<ir::ResourceId, ir::ResourceId> table_of_subnet;
  };

  static bool TableHasEgress(const ir::Resource& table) {
    for (const auto& b : table.blocks) {
      if (b.type != "route") continue;
      for (const char* target : {"nat_gateway", "instance"}) {
        const ir::Attribute* a = b.Find(target);
        if (a != nullptr && a->value.is_ref()) return true;
      }
    }
    return false;
  }

  bool SubnetHasEgress(const ir::Resource& subnet, const std::map<ir::ResourceId, VpcRoutes>& routes) {
    auto pub = lint::Bool(subnet, "public");
    if (!pub || *pub) return true;  // public, or unknown
    ir::ResourceId vpc = Ref(model_, subnet, "vpc", "vpc");
    auto it = routes.find(vpc);
    if (it == routes.end()) return false;
    const VpcRoutes& v = it->second;
    if (!v.has_route_tables) return v.has_nat;
    auto table = v.table_of_subnet.find(subnet.id);
    ir::ResourceId t = table != v.table_of_subnet.end() ? table->second : v.main_table;
    return t != ir::kNoResource && TableHasEgress(model_.at(t));
  }

  void CheckEgress() {
    std::map<ir::ResourceId, VpcRoutes> routes;
    for (const auto& r : model_.resources) {
      if (r.kind == "nat_gateway") {
        auto type = lint::String(r, "connectivity_type");
        ir::ResourceId vpc = Ref(model_, r, "vpc", "vpc");
        if (vpc == ir::kNoResource) {
          ir::ResourceId subnet = Ref(model_, r, "subnet", "subnet");
          if (subnet != ir::kNoResource) vpc = Ref(model_, model_.at(subnet), "vpc", "vpc");
        }
        if (vpc != ir::kNoResource && (!type || *type == "public")) routes[vpc].has_nat = true;
      }
      if (r.kind == "route_table") {
        ir::ResourceId vpc = Ref(model_, r, "vpc", "vpc");
        if (vpc == ir::kNoResource) continue;
        VpcRoutes& v = routes[vpc];
        v.has_route_tables = true;
        auto main = lint::Bool(r, "main");
        if (main && *main) v.main_table = r.id;
        for (ir::ResourceId s : Refs(model_, r, "subnets", "subnet")) v.table_of_subnet[s] = r.id;
      }
    }
    // Workloads that need outbound access to AWS endpoints or the internet.
    struct Workload {
      const char* kind;
      const char* subnets;
    };
    static const Workload kWorkloads[] = {{"ecs_service", "subnets"},
                                          {"lambda_function", "subnets"},
                                          {"beanstalk_env", "subnets"},
                                          {"autoscaling_group", "subnets"}};
    for (const auto& r : model_.resources) {
      for (const auto& w : kWorkloads) {
        if (r.kind != w.kind) continue;
        for (ir::ResourceId s : Refs(model_, r, w.subnets, "subnet")) {
          const ir::Resource& subnet = model_.at(s);
          if (SubnetHasEgress(subnet, routes)) continue;
          Diagnostic& d = sink_.Report(DiagKind::kPrivateSubnetNoEgress, At(r, w.subnets), r.kind, r.name, subnet.name);
          d.labels.push_back({subnet.name_range, "private subnet"});
          d.notes.push_back(Why(r.kind));
          d.help = "add a `nat_gateway` in a public subnet and route this subnet through it, or use VPC endpoints "
                   "for every AWS service the workload calls";
          break;  // one finding per workload
        }
      }
    }
  }

  static std::string Why(const std::string& kind) {
    if (kind == "ecs_service") return "Fargate and ECS tasks pull images and send logs over the network";
    if (kind == "lambda_function") return "a function attached to a VPC reaches AWS APIs and the internet only through a NAT";
    if (kind == "beanstalk_env") return "Elastic Beanstalk instances must reach the Beanstalk, S3 and CloudWatch endpoints";
    return "instances launched here cannot download updates or reach AWS APIs";
  }

  const ir::Model& model_;
  const facts::Catalog& catalog_;
  DiagSink& sink_;
};

}  // namespace

void CheckNetwork(const ir::Model& model, const facts::Catalog& catalog, DiagSink& sink) {
  NetworkChecker(model, catalog, sink).Run();
}

}  // namespace topo::passes
