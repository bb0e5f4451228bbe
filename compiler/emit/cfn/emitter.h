#pragma once
// Internal to the cfn target: the state shared by cfn.cpp (stacks, references, files) and
// kinds.cpp (one builder per kind). Not a public header of the emit stage.
//
// Builders write each resource's properties with placeholders instead of references, because
// which stack a resource lands in is only known after every resource is built (plan.h):
//   {"$topo:out": [resource, "attr"]}   what `kind.name.attr` reads (resolved through the outputs table)
//   {"$topo:unit": [unit, expr, "Name", list]}  a value computed in the stack of `unit`
//   {"$topo:param": "name"}             a topo `param`
//   {"$topo:input": index}              a value a person supplies (from a kind CloudFormation cannot create)
//   {"$topo:account": resource}         the id of an `account`
//   {"$topo:dep": unit}                 an entry of DependsOn
// cfn.cpp turns them into Ref / Fn::GetAtt / Fn::Sub in the same stack, Fn::ImportValue from a
// stack of the same account and region, or a template parameter fed from an earlier stack's output.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diag/sink.h"
#include "emit/cfn/mapping.h"
#include "emit/output.h"

namespace topo::emit::cfn {

struct Unit {
  ir::ResourceId owner = ir::kNoResource;
  std::string logical_id;
  std::string type;
  int account = -1;                  // account key (resource id of the account, or -1)
  std::string region;                // empty: floats with its global owner
  Json properties = Json::object();
  std::vector<Json> depends_on;      // {"$topo:dep": unit}
  std::string deletion_policy;       // Retain, Snapshot, Delete or empty
};

// A value a person provides because CloudFormation cannot create or read it.
struct Input {
  ir::ResourceId source = ir::kNoResource;  // the resource whose value it is
  std::string name;                  // parameter name
  std::string description;
  bool list = false;
};

// One entry of MANUAL.md.
struct ManualStep {
  std::string title;
  std::string body;                  // Markdown
  ir::ResourceId resource = ir::kNoResource;
  std::vector<ir::ResourceId> after;  // resources that must exist first
  std::vector<ir::ResourceId> before; // resources that need this step
  std::vector<Json> outputs;          // values shown as stack outputs ({"$topo:unit": ...})
  bool during = false;                // done while the stack of `after` deploys, once the resource exists
};

// What a reference to `kind.name.attr` becomes, before stacks are known.
struct OutputRef {
  int unit = -1;                     // -1: a value that does not depend on a stack (inlined)
  Json expr;                         // in the producing stack, or the inlined value
  std::string name;                  // output/parameter name
  bool list = false;
};

class Emitter {
 public:
  Emitter(const EmitContext& context, DiagSink& sink);
  OutputFiles Run();

  // ---- used by the kind builders (kinds.cpp) ----
  const ir::Model& model() const { return model_; }
  const ir::Resource& resource(ir::ResourceId id) const { return model_.at(id); }

  // The attribute as written, or nullptr.
  const ir::Value* Attr(const ir::Resource& r, const std::string& name) const;
  const ir::Value* Attr(const ir::Block& b, const std::string& name) const;
  // Written value or the schema default: literal booleans/strings/numbers (params read as absent).
  bool Bool(const ir::Resource& r, const std::string& name) const;
  bool Bool(const ir::Resource& r, const ir::Block& b, const std::string& name) const;
  std::string Str(const ir::Resource& r, const std::string& name) const;
  std::string Str(const ir::Resource& r, const ir::Block& b, const std::string& name) const;
  // The schema default of a block attribute, as JSON (null when none).
  Json BlockDefault(const ir::Resource& r, const ir::Block& b, const std::string& name) const;
  bool Has(const ir::Resource& r, const std::string& name) const { return Attr(r, name) != nullptr; }

  // Translates a value; references read `output` unless they name an attribute.
  Json Value(const ir::Value& v, const std::string& output = "id");
  // The attribute's value (or the block label when absent), translated.
  Json ValueOr(const ir::Resource& r, const std::string& name, const Json& fallback, const std::string& output = "id");
  Json Out(ir::ResourceId target, const std::string& output);
  Json Input(const std::string& name, const std::string& description, bool list = false,
             ir::ResourceId source = ir::kNoResource);
  Json Account(ir::ResourceId account);

  // Adds a companion resource; its logical id is the main one + suffix.
  int AddUnit(const ir::Resource& r, const std::string& suffix, const std::string& type);
  Unit& unit(int index) { return units_[static_cast<size_t>(index)]; }
  int main_unit(ir::ResourceId id) const;
  // References to a unit: Ref, Fn::GetAtt, or any expression `expr` computed in its stack.
  Json UnitRef(int unit);
  Json UnitAtt(int unit, const std::string& attribute, bool list = false);
  Json UnitExpr(int unit, Json expr, const std::string& name, bool list = false, const std::string& description = "");
  Json Dep(int unit) const { return Json{{"$topo:dep", unit}}; }
  const std::vector<int>& owned(ir::ResourceId id) { return owned_units_[id]; }
  // The resources of one kind, in model order (the IR indexes them).
  const std::vector<ir::ResourceId>& OfKind(const std::string& kind) const { return model_.OfKind(kind); }
  // The resources of the given kinds that refer to `id` (ir::Model::Referrers).
  std::vector<ir::ResourceId> Referrers(ir::ResourceId id, std::initializer_list<std::string_view> kinds) const {
    return model_.Referrers(id, kinds);
  }
  // The content of `secret`, written by the resource that creates it (an access key).
  void WriteSecret(ir::ResourceId secret, Json value) { secret_writers_[secret] = std::move(value); }

  // Warnings and MANUAL.md.
  void Unsupported(const ir::Resource& r, const std::string& what, const std::string& why, SourceRange range);
  ManualStep& Manual(const ir::Resource& r, const std::string& title, const std::string& body);
  void Note(std::string text) { notes_.push_back(std::move(text)); }

  // Names
  static std::string Pascal(const std::string& text);
  std::string DisplayName(ir::ResourceId id) const { return model_.DisplayName(id); }
  std::string RegionOf(const ir::Resource& r) const;
  int AccountKey(const ir::Resource& r) const;

  const KindMap* mapping(const std::string& kind) const { return mappings_.Find(kind); }

 private:
  friend class KindBuilders;
  void BuildAll();
  void BuildResource(const ir::Resource& r, const KindMap& map);
  void RegisterOutputs(const ir::Resource& r, const KindMap& map);
  // Replaces each {"$topo:out"} in `j` by what the reference reads (a {"$topo:unit"} or a value).
  void ResolveOuts(Json& j);
  OutputRef ComputeOutput(ir::ResourceId target, const std::string& output, ir::ResourceId from);
  void Plan();
  OutputFiles Write();
  std::string StacksJson(const std::map<std::string, std::string>& param_names) const;
  std::string DeployMd(const std::map<std::string, std::string>& param_names, const OutputFiles& files) const;
  std::string ManualMd(const std::vector<std::vector<std::pair<int, std::string>>>& outputs) const;
  std::string AccountLabel(int account) const;
  std::string Profile(int account) const;
  int StackOfResource(ir::ResourceId id) const;

  const EmitContext& context_;
  const ir::Model& model_;
  DiagSink& sink_;
  const Mappings& mappings_;

  std::vector<Unit> units_;
  std::map<ir::ResourceId, int> main_units_;
  std::map<ir::ResourceId, std::vector<int>> owned_units_;
  std::map<int, std::set<std::string>> logical_ids_;  // per account: stacks never mix accounts
  // What a reference to `kind.name.attr` becomes, once ComputeOutput has worked it out.
  std::map<std::pair<ir::ResourceId, std::string>, Json> outputs_;
  std::vector<cfn::Input> inputs_;
  std::map<std::string, int> input_index_;
  std::vector<ManualStep> manual_;
  std::vector<std::string> notes_;
  std::set<std::pair<ir::ResourceId, std::string>> warned_;
  std::map<ir::ResourceId, Json> secret_writers_;

  // Filled by Plan().
  struct StackState;
  std::vector<StackState*> stacks_;
  std::vector<int> stack_of_;
  std::vector<std::unique_ptr<StackState>> stack_storage_;
  ir::ResourceId current_ = ir::kNoResource;
};

// Builds the kind-specific parts of one resource (kinds.cpp). `props` are the main unit's
// properties, already holding the table-driven ones.
void BuildKind(Emitter& e, const ir::Resource& r, const KindMap& map, int main, Json& props);
// Outputs computed by code ({"code": "..."} in the data).
Json CodeOutput(Emitter& e, const ir::Resource& r, const std::string& name, bool* list);

}  // namespace topo::emit::cfn
