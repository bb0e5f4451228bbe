#pragma once
// The kind -> Terraform mapping tables of stdlib/terraform/*.json: which resource type a kind
// becomes, which .tf file it is written to, how its attributes rename to arguments, and how
// other resources read its outputs. The emitter (hcl.cpp) holds only the structural mappings
// that a table cannot express.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace topo::emit::hcl {

using OrderedJson = nlohmann::ordered_json;

// How one topo attribute becomes a Terraform argument.
struct ArgSpec {
  enum class Mode { kRename, kStructural, kSkip };
  std::string attr;            // topo attribute
  Mode mode = Mode::kRename;
  std::string arg;             // Terraform argument
  std::string ref_output;      // output read from a referenced resource; "" = the target's `ref`
  std::string transform;       // az, json, base64, upper, string, list
  bool default_label = false;  // absent: the block label
  OrderedJson default_value;   // absent: this literal (null = none)
  bool emit_default = false;   // absent: the kind's default value
  OrderedJson omit_if;         // present but equal to this: not written
  std::string skip_reason;     // kSkip: why Terraform has no such setting
};

struct KindMap {
  std::string key;             // "bucket", or "cache_cluster/replication_group" for a variant
  std::string file;            // generated file without extension: "network"
  std::string type;            // Terraform resource type; "" = no Terraform resource
  std::string manual;          // why the kind has no Terraform resource, when it becomes a manual step
  std::string ref;             // output read when the resource is referenced without one
  bool name_tag = false;       // gets a Name tag (the console shows EC2 resources by it)
  std::string tags = "map";    // map (a `tags` argument), none, asg (`tag` blocks)
  bool retain = false;         // honours `retain` with lifecycle.prevent_destroy
  std::vector<ArgSpec> args;   // in the order they are written
  OrderedJson outputs;         // topo output -> Terraform attribute or {type, attr}
  struct TfOutput {
    std::string output;       // topo output written to outputs.tf
    std::string description;
    std::string unless;       // a bool attribute that, when true, leaves the output out
  };
  std::vector<TfOutput> tf_outputs;
  OrderedJson raw;             // the whole mapping, for kind-specific tables

  const ArgSpec* FindArg(const std::string& attr) const;
};

class Mappings {
 public:
  // The embedded stdlib/terraform/*.json. Malformed data is a program bug: it throws.
  static const Mappings& Builtin();
  static std::unique_ptr<Mappings> FromJson(const std::vector<OrderedJson>& kind_files, const OrderedJson& settings);

  const KindMap* Find(const std::string& key) const;
  const std::map<std::string, KindMap>& kinds() const { return kinds_; }
  const OrderedJson& settings() const { return settings_; }
  // Generated files in order, with their header titles.
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }
  // True for resource types of global services (no per-resource `region` argument).
  bool IsGlobalType(const std::string& type) const;
  bool IsGlobalDataSource(const std::string& type) const;

 private:
  std::map<std::string, KindMap> kinds_;
  OrderedJson settings_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::vector<std::string> global_prefixes_;
  std::vector<std::string> global_data_sources_;
};

}  // namespace topo::emit::hcl
