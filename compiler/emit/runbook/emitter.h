#pragma once
// Internals of the runbook target (see runbook.h). The CLI mapping of each kind is data:
// stdlib/runbook/*.json gives, per kind, the command that finds an existing resource (probe),
// the commands that create and configure it, how to read its outputs and how to delete it.
// Argument values are small templates over the resource's attributes (`{cidr}`, `{vpc}`,
// `{subnets}`, `{@tags:vpc}`); the few documents too irregular for templates (policy
// documents, security-group permissions, CloudFront configurations) come from builders in
// builders.cpp. The script skeleton is Mustache text in templates/runbook/.
//
// Values travel as JSON with markers: a run-time shell variable inside a value is written as
// "\x01<n>\x02" (or "\x03<n>\x02" for a whole unquoted value) where n indexes vars_. A value
// becomes a shell word through ToWord/JsonToWord, which turn markers back into "$NAME".
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/sink.h"
#include "emit/output.h"
#include "emit/runbook/shell.h"

namespace topo::emit::runbook {

using Json = nlohmann::json;

// Moves the elements of `from` to the end of `to` (lines and words are built in pieces).
template <typename T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// A present value: not null, false, 0, "" or empty.
bool Truthy(const Json& v);

// Where a template is evaluated: a resource, one of its blocks, or one item of a list.
struct Scope {
  const ir::Resource* resource = nullptr;
  const ir::Block* block = nullptr;
  const facts::BlockSchema* block_schema = nullptr;
  const ir::Value* item = nullptr;     // the current element of a `$each` over a list attribute
  Json item_json;                      // the current element of a `$each` over a computed list
  const Scope* parent = nullptr;       // the enclosing scope of a block
};

// One section of a script: a resource (or its security-group rules), or a manual step.
struct Section {
  ir::ResourceId resource = ir::kNoResource;
  int part = 0;                        // 0: the resource; 1: its security-group rules
  std::string id;                      // "vpc.main"
  std::string title;                   // heading
  std::vector<std::string> comments;   // lines under the heading
  std::string kind_title;
  // Runbook: the probe line, the create lines (run when the probe finds nothing), lines run
  // every time (configure), and output lines (filled in at the end). Teardown: probe, delete.
  std::string probe;                   // one statement; empty: nothing to look up
  std::string key_var;
  std::vector<std::string> create;
  std::vector<std::string> configure;
  std::vector<std::string> outputs;
  std::vector<std::string> del;        // teardown: delete lines
  std::string keep_reason;             // teardown: why it is not deleted
  std::string data_warning;            // teardown: what is lost (asks first)
  bool manual = false;                 // a manual step only
  bool comment_only = false;           // nothing to run (terraform_state, unsupported kinds)
};

class Emitter {
 public:
  Emitter(const EmitContext& context, DiagSink& sink);
  OutputFiles Run();

 private:
  enum class Mode { kRunbook, kTeardown };

  // --- ordering and data ---
  void LoadSpecs();
  void Order();
  bool Blocking(ir::ResourceId id) const;
  const Json* Spec(const ir::Resource& r);

  // --- evaluation (values, templates, words) ---
  std::string Marker(const std::string& var, bool raw = false);
  Json EvalString(const std::string& tmpl, const Scope& scope);
  Json EvalJson(const Json& tmpl, const Scope& scope);
  Json Resolve(const std::string& placeholder, const Scope& scope);
  // `{path|filter|...}` split: `@name:arg` (a builder), or head.rest... (head as below).
  struct Placeholder {
    enum class Head {
      kBuilder, kKey, kOut, kVar, kName, kLabel, kTopoId, kRegion, kAccountId, kOrg, kItem,
      kRunId, kLoop, kIndex, kParent, kTop, kAttribute
    };
    Head head_kind = Head::kAttribute;
    std::string head;                    // the builder's name; the attribute without `^`
    std::string arg;                     // a builder's argument
    std::vector<std::string> rest;       // the path after the head
    std::vector<std::string> parent_rest;  // rest without its first element (for `parent.`)
    std::vector<std::string> filters;
  };
  const Placeholder& Parse(const std::string& placeholder);
  Json ValueToJson(const ir::Value& value);
  Json AttributeJson(const Scope& scope, const std::string& name, const std::vector<std::string>& rest);
  Json ApplyFilter(const std::string& filter, const Json& value, const Scope& scope);
  bool When(const Json& spec, const Scope& scope);
  Word ToWord(const Json& value);
  Word JsonToWord(const Json& value);
  std::vector<Word> ArgsToWords(const Json& args, const Scope& scope, bool* dropped_required);

  // --- names and variables ---
  std::string BaseVar(ir::ResourceId id) const;
  std::string OutputVar(ir::ResourceId id, const std::string& output);
  std::string KeyOutput(ir::ResourceId id);
  std::string RefOutput(ir::ResourceId id);
  Json PhysicalName(const ir::Resource& r);
  std::string RegionOf(const ir::Resource& r) const;
  std::string AccountVar(const ir::Resource& r) const;      // TOPO_ACCOUNT_<A>_ID
  std::string ProfileVar(ir::ResourceId account) const;     // TOPO_PROFILE_<A>
  ir::ResourceId AccountOf(const ir::Resource& r) const;
  static std::string ParamVar(const std::string& name);

  // --- commands ---
  // each_done: `entry` is the body of its own `each`, for one item (its `when` and `each` are
  // already applied).
  std::vector<std::string> CommandLines(const Json& entry, const Scope& scope, size_t indent, bool each_done = false);
  std::string AwsCommand(const Json& entry, const Scope& scope, size_t indent, bool* skipped);
  std::vector<Word> AwsPrefix(const std::string& command, const ir::Resource& r);
  std::string ProbeLine(const Json& probe, const Scope& scope, const std::string& var);

  // --- sections ---
  Section BuildSection(ir::ResourceId id, int part);
  Section ManualSection(const ir::Resource& r);
  void AddManual(std::vector<std::string>& lines, const std::string& id, const std::string& title,
                 const std::vector<Word>& text, const std::string& link, size_t indent);
  void AddManual(std::vector<std::string>& lines, const std::string& id, const Word& title,
                 const std::vector<Word>& text, const std::string& link, size_t indent);
  void FillOutputs(std::vector<Section>& sections);
  std::vector<std::string> OutputLines(ir::ResourceId id, const std::string& output);

  // --- builders (builders.cpp) ---
  Json Builder(const std::string& name, const std::string& arg, const Scope& scope);
  Json Tags(const ir::Resource& r, const std::string& style);
  Json PolicyDocument(const Scope& scope, const std::string& what);
  Json AssumeRolePolicy(const ir::Resource& r);
  Json IpPermissions(const ir::Resource& r, bool ingress);
  Json DistributionConfig(const ir::Resource& r, bool enabled);
  Json RecordSets(const ir::Resource& r, std::vector<Json>* records);
  std::vector<std::string> Builtin(const std::string& name, const Scope& scope, size_t indent);
  std::vector<std::string> DnsRecordLines(const ir::Resource& owner, const Json& records,
                                          const ir::Resource* zone, size_t indent, const std::string& why);
  std::vector<Json> SesDomainRecords(const ir::Resource& r);
  std::vector<Json> DnsRecordOf(const ir::Resource& r);
  const ir::Resource* ZoneOf(const ir::Resource& r);

  // --- rendering ---
  void AppendHeading(std::string& out, const Section& s, int number);
  void RunbookSection(std::string& out, const Section& s, int number);
  void TeardownSection(std::string& out, const Section& s, int number, const std::string* keep);
  // A part of a script written by code where its template has the line `{{key}}`.
  struct Part {
    std::string key;
    std::function<void(std::string& out)> write;
  };
  // The script from template `name` with `data`, and its parts (about `size` bytes).
  std::string Render(const std::string& name, const Json& data, size_t size, const std::vector<Part>& parts) const;
  std::string RenderRunbook(const std::vector<Section>& sections);
  std::string RenderTeardown(const std::vector<Section>& sections);
  std::string Template(const std::string& name) const;
  Json Header();

  void Warn(DiagKind kind, const ir::Resource& r, const std::string& a, const std::string& b = "");

  const EmitContext& context_;
  const ir::Model& model_;
  const facts::Catalog& catalog_;
  DiagSink& sink_;
  Json specs_;                                   // kind -> spec
  std::unordered_map<std::string, Placeholder> placeholders_;
  std::unordered_map<const Json*, std::string> key_outputs_;  // spec -> KeyOutput()
  mutable std::vector<std::string> profile_vars_;  // account -> ProfileVar(), once made
  struct CommandWords {
    std::vector<Word> words;                     // aws ec2 create-vpc
    bool regional = false;                       // takes --region
  };
  std::unordered_map<std::string, CommandWords> command_words_;  // "ec2 create-vpc" -> its words
  std::vector<const Json*> spec_of_;             // resource -> Spec(), where spec_known_
  std::vector<bool> spec_known_;
  std::vector<std::string> spec_sources_;
  std::vector<std::pair<ir::ResourceId, int>> order_;
  bool multi_account_ = false;
  Mode mode_ = Mode::kRunbook;

  struct VarRef {
    std::string name;
    bool json_escape = false;                    // a parameter: escaped inside JSON strings
  };
  std::vector<VarRef> vars_;
  std::map<std::string, size_t> var_index_;
  std::map<ir::ResourceId, std::string> base_vars_;
  // Outputs other sections read, per resource; filled while sections are built.
  std::map<ir::ResourceId, std::set<std::string>> needed_;
  std::set<std::pair<ir::ResourceId, std::string>> missing_outputs_;
  int manual_count_ = 0;
  std::set<std::string> helpers_;                // optional script helpers used (ses_smtp, ...)
  std::set<ir::ResourceId> warned_;
  std::set<std::string> used_vars_;              // variables the script being built reads
  std::set<ir::ResourceId> used_accounts_;       // accounts whose credentials it uses
  std::map<std::string, std::string> given_params_;
  std::map<ir::ResourceId, std::set<ir::ResourceId>> users_;  // resource -> resources that wait for it
  ir::ResourceId current_ = ir::kNoResource;     // the resource whose section is being built  // parameter variable -> "was it given" variable
};

}  // namespace topo::emit::runbook
