#include <fmt/format.h>

#include "ast/ast.h"

namespace topo::ast {

namespace {

void DumpBody(std::string& out, const Body& body, int depth);

std::string Indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

void DumpBlock(std::string& out, const Block& block, int depth) {
  out += Indent(depth) + "block " + block.kind;
  if (block.has_label) out += block.label_is_string ? " \"" + block.label + "\"" : " " + block.label;
  if (block.has_in) out += " in " + DumpValue(block.in);
  out += "\n";
  DumpBody(out, block.body, depth + 1);
}

void DumpBody(std::string& out, const Body& body, int depth) {
  for (const auto& i : body.imports) out += Indent(depth) + "import \"" + i.path + "\"\n";
  for (const auto& p : body.params) {
    out += Indent(depth) + "param " + p.name + " : " + (p.type.empty() ? "string" : p.type);
    if (p.has_default) out += " = " + DumpValue(p.default_value);
    out += "\n";
  }
  for (const auto& a : body.attributes) out += Indent(depth) + a.key + " = " + DumpValue(a.value) + "\n";
  for (const auto& r : body.rules) {
    out += Indent(depth) + "allow " + r.protocol;
    for (size_t i = 0; i < r.ports.size(); ++i) {
      out += (i ? ", " : " ") + std::to_string(r.ports[i].from);
      if (r.ports[i].to != r.ports[i].from) out += "-" + std::to_string(r.ports[i].to);
    }
    out += r.direction == Rule::Direction::kIngress ? " from" : " to";
    for (size_t i = 0; i < r.peers.size(); ++i) out += (i ? ", " : " ") + DumpValue(r.peers[i]);
    out += "\n";
  }
  for (const auto& b : body.blocks) DumpBlock(out, b, depth);
}

}  // namespace

std::string DumpValue(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kString: return "\"" + v.text + "\"";
    case Value::Kind::kNumber:
    case Value::Kind::kCidr: return v.text;
    case Value::Kind::kBool: return v.boolean ? "true" : "false";
    case Value::Kind::kNull: return "null";
    case Value::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + DumpValue(v.items[i]);
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < v.entries.size(); ++i)
        out += (i ? ", " : " ") + v.entries[i].first + " = " + DumpValue(v.entries[i].second);
      return out + " }";
    }
    case Value::Kind::kTemplate: {
      std::string out = "\"";
      for (const auto& part : v.items) {
        out += part.kind == Value::Kind::kString ? part.text : "${" + DumpValue(part) + "}";
      }
      return out + "\"";
    }
    case Value::Kind::kReference: {
      std::string out;
      for (size_t i = 0; i < v.path.size(); ++i) out += (i ? "." : "") + v.path[i];
      return out;
    }
  }
  return "?";
}

std::string Dump(const File& file) {
  std::string out;
  DumpBody(out, file.body, 0);
  return out;
}

}  // namespace topo::ast
