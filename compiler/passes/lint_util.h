#pragma once
// Small queries the lint passes share: attribute values with their schema defaults, references
// held by an attribute, names for messages, zone letters, listening ports and "is this
// production". Values that are not known at compile time (parameters, reads of other resources'
// attributes) answer "unknown" (nullopt), and the rules then stay silent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::passes::lint {

// The attribute as written, or nullptr.
const ir::Value* Written(const ir::Resource& r, const std::string& name);
// A bool, number or string attribute: as written, else the kind's default; nullopt when absent
// without a default, or when written as something only known at deploy time.
std::optional<bool> Bool(const ir::Resource& r, const std::string& name);
std::optional<double> Number(const ir::Resource& r, const std::string& name);
std::optional<std::string> String(const ir::Resource& r, const std::string& name);
// A literal bool/number/string of a structural block's attribute.
std::optional<bool> BlockBool(const ir::Block& b, const std::string& name);

// Resources referred to by attribute `name` (one reference or a list of them), keeping only
// those of kind `kind` when it is not empty. References with an attribute path are skipped.
std::vector<ir::ResourceId> Refs(const ir::Model& model, const ir::Resource& r, const std::string& name,
                                 const std::string& kind = "");
// The first of Refs(), or kNoResource.
ir::ResourceId Ref(const ir::Model& model, const ir::Resource& r, const std::string& name,
                   const std::string& kind = "");
// The value's range when `name` is written, else the resource's keyword and label.
SourceRange At(const ir::Resource& r, const std::string& name);
// The keyword of a structural block (`root_volume`), for carets.
SourceRange Head(const ir::Block& b);

// Lower-case words of a name: "ocp-redmine-backup" -> ocp, redmine, backup; "GitHubCI" -> github, ci.
std::vector<std::string> Words(std::string_view name);
bool HasWord(std::string_view name, const std::vector<std::string>& words);
// The name AWS will see: the kind's name attribute when it is a literal, else the label.
std::string AwsName(const ir::Resource& r);

// True when tags (the resource's, its parent's, its account's or the organization's default
// tags) say environment/env/stage = prod/production/live, or the names of the resource or its
// account, or the account's purpose, contain the word prod or production.
bool IsProduction(const ir::Model& model, const ir::Resource& r);

// The port a database or cache listens on: `port`, else its cluster's, else the engine default.
std::optional<int> ListeningPort(const ir::Model& model, const ir::Resource& r);
// A readable engine family for messages: "PostgreSQL", "MySQL", "Redis", ...
std::string EngineName(const ir::Model& model, const ir::Resource& r);

// The zone letter of an `az` value in `region`: "a" for "a" or "eu-central-1a". nullopt when the
// value is not a zone of this region's form (another region's zone name, an AZ id, or garbage).
struct ZoneName {
  std::string letter;        // "a"
  bool other_region = false; // written as a full name of another region
  bool zone_id = false;      // written as an AZ id (euc1-az2), not checked
};
ZoneName ParseZone(const std::string& value, const std::string& region);
// The availability zone letter a subnet (or instance) is in, when it is known.
std::optional<std::string> ZoneOf(const ir::Resource& r);

// "0.0.0.0/0" or "::/0".
bool IsWorld(const std::string& cidr);
// A rule's ports include `port` (all-ports rules included) and its protocol carries TCP.
bool CoversTcpPort(const ir::Rule& rule, int port);

}  // namespace topo::passes::lint
