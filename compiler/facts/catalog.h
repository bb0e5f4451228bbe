#pragma once
// The stdlib/ data (kinds, attributes, regions) loaded into typed, indexed tables. Passes and
// emitters query this instead of hard-coding AWS knowledge.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace topo::facts {

// An attribute type: string, number, int, bool, cidr, port, any, secret, list<T>, map<T>,
// ref<k1|k2> (ref<*> = any kind).
struct Type {
  enum class Kind { kString, kNumber, kInt, kBool, kCidr, kPort, kAny, kSecret, kList, kMap, kRef };
  Kind kind = Kind::kString;
  std::shared_ptr<Type> element;       // list, map
  std::vector<std::string> ref_kinds;  // ref; empty = any kind
  std::string Describe() const;        // "a list of strings", "a reference to a vpc"
  std::string Spelling() const;        // "list<string>"
};

// Parses a type spelling; nullopt when it is malformed.
std::optional<Type> ParseType(const std::string& spelling);

struct Attribute {
  std::string name;
  Type type;
  bool required = false;
  nlohmann::json default_value;        // null when none
  std::vector<std::string> values;     // allowed values of a string, empty = any
  std::optional<double> min, max;      // numeric bounds
  std::string doc;
};

struct BlockSchema {
  std::string name;
  std::string label;                   // none, optional, required
  bool multiple = false;
  std::map<std::string, Attribute> attributes;
  std::map<std::string, BlockSchema> blocks;
  std::string doc;
};

enum class Placement { kRegional, kGlobal, kScope, kMeta };

struct Kind {
  std::string name;
  std::string title;
  std::string doc;
  std::string service;
  Placement placement = Placement::kRegional;
  std::string label = "ident";         // ident, string, any
  std::vector<std::string> parents;
  std::string parent_attr;
  std::map<std::string, Attribute> attributes;
  std::map<std::string, BlockSchema> blocks;
  bool rules = false;
  std::vector<std::string> outputs;
  std::vector<std::string> secret_attrs;
  std::vector<std::string> sources;
  nlohmann::json raw;                  // the whole file, for emitter mappings added later

  const Attribute* FindAttribute(const std::string& attr) const;
  bool HasOutput(const std::string& output) const;
  bool MayNestIn(const std::string& parent) const;
};

struct Region {
  std::string code;
  std::string name;
  std::vector<std::string> zones;      // letters: a, b, c
};

class Catalog {
 public:
  // Loads every embedded stdlib file. Malformed stdlib data is a program bug: it throws.
  static const Catalog& Builtin();
  // Builds a catalog from the given kind documents and region document (tests).
  static std::unique_ptr<Catalog> FromJson(const std::vector<nlohmann::json>& kinds, const nlohmann::json& regions);

  const Kind* FindKind(const std::string& name) const;
  const std::vector<std::string>& kind_names() const { return kind_names_; }
  const Region* FindRegion(const std::string& code) const;
  const std::vector<std::string>& region_codes() const { return region_codes_; }
  const std::map<std::string, Kind>& kinds() const { return kinds_; }

  // Attributes every resource kind takes, whatever its schema says (region, account, tags, ...).
  const std::map<std::string, Attribute>& implicit_attributes() const { return implicit_; }

 private:
  std::map<std::string, Kind> kinds_;
  std::vector<std::string> kind_names_;
  std::map<std::string, Region> regions_;
  std::vector<std::string> region_codes_;
  std::map<std::string, Attribute> implicit_;
};

}  // namespace topo::facts
