#pragma once
// How each topo kind becomes CloudFormation: the data in stdlib/cloudformation/kinds/*.json
// (format: stdlib/cloudformation/README.md), loaded into typed tables. The emitter reads the
// resource type, the attribute -> property table, the outputs (what `kind.name.attr` reads), the
// deletion policy of stateful kinds and how tags are written; attributes listed under `code`
// are translated by the kind's builder in kinds.cpp.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace topo::emit::cfn {

using Json = nlohmann::ordered_json;

// One attribute copied into a property. `path` may be dotted (DistributionConfig.Comment).
struct PropertyMap {
  std::string attribute;
  std::string path;
  std::string output = "id";                 // what a reference in this attribute reads
  std::map<std::string, std::string> values; // topo value -> CloudFormation value
  bool label_default = false;                // absent: the block label
};

// What `kind.name.attr` reads. `expr` is a CloudFormation expression in which "$SELF" stands for
// the resource's logical id; `attr` reads an attribute as written; `code` is computed by kinds.cpp.
struct OutputMap {
  enum class Kind { kExpr, kAttr, kCode, kUnavailable };
  Kind kind = Kind::kUnavailable;
  Json expr;
  bool list = false;
  std::string name;                          // attr or code name
  Json fallback;                             // attr: default value when absent
};

struct KindMap {
  std::string kind;
  std::string type;                          // main resource type; empty for manual and meta kinds
  std::string manual;                        // why CloudFormation cannot create it (MANUAL.md)
  std::string meta;                          // why the kind has no CloudFormation counterpart
  std::vector<PropertyMap> properties;       // in file order
  std::string description_property;
  std::set<std::string> code;
  std::map<std::string, std::string> ignored;
  std::map<std::string, std::string> unsupported;
  std::map<std::string, OutputMap> outputs;
  std::string deletion;                      // "", "retain", "snapshot"
  std::string tags = "none";                 // list, asg, zone, template, none
  bool name_tag = false;
  std::vector<std::string> sources;
  // Named constants the kind's builder looks up (`tables.cache_policies`: managed CloudFront
  // cache policy name -> id); each table cites its source in `sources`.
  std::map<std::string, std::map<std::string, std::string>> tables;
};

class Mappings {
 public:
  // Every embedded stdlib/cloudformation/kinds/*.json. Malformed data is a program bug: throws.
  static const Mappings& Builtin();
  static Mappings FromJson(const std::vector<Json>& documents);

  const KindMap* Find(const std::string& kind) const;
  const std::map<std::string, KindMap>& kinds() const { return kinds_; }

 private:
  std::map<std::string, KindMap> kinds_;
};

}  // namespace topo::emit::cfn
