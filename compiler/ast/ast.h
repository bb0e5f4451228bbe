#pragma once
// The syntax tree of one .topo file: generic blocks, attributes, values and rules, each with its
// source range. The grammar knows no AWS kinds; meaning comes later from stdlib/ (resolve/, ir/).
#include <memory>
#include <string>
#include <vector>

#include "base/source.h"

namespace topo::ast {

struct Value {
  // kTemplate: a string with `${...}` interpolations; `items` alternate literal kString parts and
  // kReference parts, in order.
  enum class Kind { kString, kNumber, kCidr, kBool, kNull, kList, kMap, kReference, kTemplate };
  Kind kind = Kind::kNull;
  std::string text;                  // string contents (unescaped), number or CIDR text
  bool boolean = false;
  std::vector<Value> items;          // list items
  std::vector<std::pair<std::string, Value>> entries;  // map entries, in source order
  std::vector<SourceRange> key_ranges;                 // one per map entry
  std::vector<std::string> path;     // reference segments: vpc.main.id -> {vpc, main, id}
  std::vector<SourceRange> path_ranges;
  SourceRange range;
};

struct Attribute {
  std::string key;
  SourceRange key_range;
  Value value;
  SourceRange range;
};

struct PortRange {
  int from = 0;
  int to = 0;
  SourceRange range;
};

// allow tcp 80, 443 from "0.0.0.0/0" "description"
struct Rule {
  enum class Direction { kIngress, kEgress };
  std::string protocol;
  SourceRange protocol_range;
  std::vector<PortRange> ports;      // empty: all ports
  Direction direction = Direction::kIngress;
  std::vector<Value> peers;          // strings/CIDRs or references
  std::string description;
  SourceRange range;
};

struct Block;

struct Param {
  std::string name;
  SourceRange name_range;
  std::string type;                  // "" = string
  SourceRange type_range;
  bool has_default = false;
  Value default_value;
  std::vector<Attribute> attributes; // description, ...
  SourceRange range;
};

struct Import {
  std::string path;
  SourceRange path_range;
  SourceRange range;
};

// The body of a file or a block, in source order by category.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  std::vector<Rule> rules;
  std::vector<Param> params;
  std::vector<Import> imports;
};

struct Block {
  std::string kind;                  // the keyword: vpc, subnet, region, lifecycle_rule, ...
  SourceRange kind_range;
  bool has_label = false;
  bool label_is_string = false;
  std::string label;
  SourceRange label_range;
  bool has_in = false;
  Value in;                          // `in vpc.main`
  Body body;
  SourceRange range;                 // the whole block
  SourceRange header_range;          // keyword and label
};

struct File {
  FileId id = kNoFile;
  Body body;
};

// A stable, indented text dump for tests.
std::string Dump(const File& file);
std::string DumpValue(const Value& value);

}  // namespace topo::ast
