#include "emit/docs/docs.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "base/embedded.h"
#include "emit/docs/graph.h"
#include "emit/docs/handbook.h"
#include "emit/docs/markdown.h"

namespace topo::emit {

namespace {

namespace mustache = kainjow::mustache;
using Json = nlohmann::json;

constexpr std::string_view kTemplateDir = "templates/docs/";
constexpr std::string_view kSuffix = ".mustache";

mustache::data ToData(const Json& j) {
  // Built in place and moved: set() and push_back() take copies, and each copy is deep, which
  // made the conversion cost the depth of the tree times its size.
  if (j.is_object()) {
    mustache::data d{mustache::data::type::object};
    for (const auto& [key, value] : j.items()) d[key] = ToData(value);
    return d;
  }
  if (j.is_array()) {
    mustache::data d{mustache::data::type::list};
    // list_value() is the data's own (non-const) vector; reserving first keeps the vector from
    // copying its elements when it grows (the data's move constructor is not noexcept).
    auto& list = const_cast<mustache::basic_list<std::string>&>(d.list_value());
    list.reserve(j.size());
    for (const auto& item : j) list.push_back(ToData(item));
    return d;
  }
  if (j.is_boolean()) return j.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false;
  if (j.is_string()) return mustache::data{j.get<std::string>()};
  if (j.is_null()) return mustache::data::type::bool_false;
  return mustache::data{j.dump()};
}

// Renders templates/docs/README.md.mustache; every other template of the folder is a partial
// named by its file name without `.mustache`. `{{value}}` is Markdown-escaped, `{{{value}}}`
// (fields the handbook already escaped) is not.
std::string RenderReadme(const Json& handbook) {
  std::string main;
  mustache::data data = ToData(handbook);
  for (const auto& f : embedded::Files()) {
    std::string_view path = f.path;
    if (path.substr(0, kTemplateDir.size()) != kTemplateDir || path.size() < kSuffix.size() ||
        path.substr(path.size() - kSuffix.size()) != kSuffix) {
      continue;
    }
    std::string name(path.substr(kTemplateDir.size(), path.size() - kTemplateDir.size() - kSuffix.size()));
    std::string text(f.contents);
    if (name == "README.md") {
      main = text;
    } else {
      data.set(name, mustache::partial([text]() { return text; }));
    }
  }
  if (main.empty()) throw std::logic_error("templates/docs/README.md.mustache is not embedded");
  mustache::mustache tmpl{main};
  if (!tmpl.is_valid()) throw std::logic_error("templates/docs/README.md.mustache: " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return docs::EscapeMarkdown(s); });
  // Rendered straight into one string: render(data) goes through an ostringstream and copies
  // its text out, and the handbook is megabytes.
  std::string out;
  out.reserve(1 << 16);
  tmpl.render(data, [&out](const std::string& text) { out += text; });
  if (!tmpl.is_valid()) throw std::logic_error("templates/docs: " + tmpl.error_message());
  // Blank lines collapse to one, so that optional parts of the templates leave no gaps. In
  // place: the text only shrinks.
  size_t kept = 0, at = 0;
  while (at < out.size()) {
    const void* newline = std::memchr(out.data() + at, '\n', out.size() - at);
    size_t end = newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - out.data()) : out.size();
    if (kept != at) std::memmove(&out[kept], &out[at], end - at);
    kept += end - at;
    size_t run = 0;
    for (at = end; at < out.size() && out[at] == '\n'; ++at) ++run;
    for (size_t i = 0; i < std::min<size_t>(run, 2); ++i) out[kept++] = '\n';
  }
  out.resize(kept);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out.erase(0, out.find_first_not_of('\n'));
  out += '\n';
  return out;
}

}  // namespace

OutputFiles EmitDocs(const EmitContext& context, DiagSink&) {
  OutputFiles files;
  files["README.md"] = RenderReadme(docs::BuildHandbook(context));
  files["topology.dot"] = docs::EmitTopologyDot(context);
  return files;
}

}  // namespace topo::emit
