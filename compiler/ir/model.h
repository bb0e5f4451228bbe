#pragma once
// The IR: a typed resource graph independent of the syntax. Every resource has a kind (from
// stdlib/), a name, an account and a region (empty = global), typed attribute values and the
// source range it came from. Every reference in a value is also an Edge, so passes and
// emitters can walk dependencies without re-reading values.
#include <cstdint>
#include <map>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/source.h"
#include "facts/catalog.h"

namespace topo::ir {

using ResourceId = int32_t;
constexpr ResourceId kNoResource = -1;

struct Value {
  // kTemplate: a string built from parts, `"arn:aws:s3:::${bucket.backup.name}/*"`: `items` are
  // kString literals and kRef (always with an attribute path) or kParam parts, in order.
  enum class Kind { kNull, kBool, kNumber, kString, kList, kMap, kRef, kParam, kTemplate };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;                     // string; number as written; param name
  bool is_cidr_literal = false;         // written bare: 10.0.0.0/16
  bool broken = false;                  // a reference that did not resolve (already reported): kNull
  std::vector<Value> items;             // list
  std::vector<std::pair<std::string, Value>> entries;  // map, in source order
  ResourceId target = kNoResource;      // ref
  std::vector<std::string> path;        // ref: attribute read from the target (empty = the resource)
  SourceRange range;

  bool is_ref() const { return kind == Kind::kRef; }
  const Value* Find(const std::string& key) const;  // map entry
};

struct Attribute {
  std::string name;
  Value value;
  SourceRange name_range;
};

// A structural block inside a resource: a bucket's lifecycle_rule, a distribution's origin.
struct Block {
  std::string type;
  std::string label;
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  SourceRange range;
  const Attribute* Find(const std::string& name) const;
};

// A security-group rule. Ports: from..to; -1..-1 means all ports.
struct Rule {
  enum class Direction { kIngress, kEgress };
  Direction direction = Direction::kIngress;
  std::string protocol;                 // tcp, udp, icmp, all
  int from_port = -1;
  int to_port = -1;
  std::string cidr;                     // peer CIDR, or "" when the peer is a group
  ResourceId group = kNoResource;       // peer security group
  bool self = false;                    // peer is the group itself
  std::string param;                    // peer CIDR(s) come from this parameter (string or list)
  std::string description;
  SourceRange range;
  SourceRange peer_range;
  SourceRange port_range;
};

struct Resource {
  ResourceId id = kNoResource;
  std::string kind;
  std::string name;
  const facts::Kind* schema = nullptr;
  ResourceId account = kNoResource;     // the account resource; kNoResource = the only account
  std::string region;                   // empty = global (or not applicable)
  ResourceId parent = kNoResource;      // the enclosing resource block, if nested
  std::vector<Attribute> attributes;    // as written, in source order
  std::vector<Block> blocks;
  std::vector<Rule> rules;
  SourceRange range;                    // the whole block
  SourceRange name_range;               // keyword + label
  bool name_shared = false;             // the same kind.name exists in another account

  const Attribute* Find(const std::string& name) const;
  bool is_global() const { return region.empty(); }
};

struct Edge {
  ResourceId from = kNoResource;
  ResourceId to = kNoResource;
  std::string via;                      // attribute path: "vpc", "origin[web].target", "rule"
  SourceRange range;
};

struct Param {
  std::string name;
  std::string type;                     // string, number, bool, secret, list<string>, ...
  bool secret = false;
  bool has_default = false;
  Value default_value;
  std::string description;
  SourceRange range;
};

// A region the topology uses, with the reason given in its `region` block, if any.
struct RegionUse {
  std::string reason;
  SourceRange range;
};

struct Model {
  std::string organization;             // name of the organization block
  std::string default_region;
  ResourceId organization_id = kNoResource;
  ResourceId default_account = kNoResource;
  std::vector<Resource> resources;      // in declaration order
  std::vector<Edge> edges;              // in resource order, then value order
  std::vector<Param> params;
  std::map<std::string, RegionUse> regions;  // every region a resource lives in, plus declared ones

  const Resource& at(ResourceId id) const { return resources[static_cast<size_t>(id)]; }
  Resource& at(ResourceId id) { return resources[static_cast<size_t>(id)]; }
  const Param* FindParam(const std::string& name) const;
  // "kind.name", or "kind.name@account" when the same kind.name exists in several accounts.
  std::string DisplayName(ResourceId id) const;
  // The account's name, or "" for the organization's single implicit account.
  std::string AccountName(ResourceId id) const;
  // The resources of `kind`, in declaration order. Indexed: passes and emitters call this per
  // resource, and a scan of the model each time made large estates quadratic.
  const std::vector<ResourceId>& OfKind(const std::string& kind) const;
  // The resources declared inside `id`'s block (whose `parent` is `id`), in declaration order.
  const std::vector<ResourceId>& Children(ResourceId id) const;
  // The edges that point at `id` (indexes into `edges`), in edge order: who refers to it.
  const std::vector<size_t>& EdgesTo(ResourceId id) const;
  // The resources of the given kinds that refer to `id`, through the attribute `via` ("vpc",
  // "default_target"; any value when empty), in declaration order, each once: the subnets of a
  // VPC, the distributions that read a bucket. Emitters asked this by scanning every resource of
  // the kind per resource, which made large estates quadratic.
  std::vector<ResourceId> Referrers(ResourceId id, std::initializer_list<std::string_view> kinds,
                                    std::string_view via = {}) const;

 private:
  // Indexes behind OfKind, Children and EdgesTo, rebuilt whenever `resources` or `edges` has
  // grown, shrunk or moved since they were built (the resolver builds the model in place).
  void Index() const;
  mutable std::unordered_map<std::string, std::vector<ResourceId>> kind_index_;
  mutable std::vector<std::vector<ResourceId>> children_index_;
  mutable std::vector<std::vector<size_t>> edges_to_index_;
  mutable size_t index_size_ = 0;
  mutable const Resource* index_data_ = nullptr;
  mutable size_t index_edges_ = 0;
  mutable const Edge* index_edge_data_ = nullptr;
};

}  // namespace topo::ir
