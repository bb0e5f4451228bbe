#include "diag/sarif.h"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

namespace topo {

namespace {

using Json = nlohmann::ordered_json;

const char* Level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

// 1-based column in code points of byte `offset` of `file`.
uint32_t CodePointColumn(const SourceFile& file, uint32_t offset) {
  LineColumn lc = file.Locate(offset);
  std::string_view line = file.Line(lc.line);
  size_t bytes = std::min<size_t>(lc.column - 1, line.size());
  uint32_t column = 1;
  for (size_t i = 0; i < bytes; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  // Offsets past the end of the line (a range ending at the line break) count one each.
  if (lc.column - 1 > line.size()) column += static_cast<uint32_t>(lc.column - 1 - line.size());
  return column;
}

Json Location(const SourceManager& sources, const SourceRange& r, const std::string& base_dir) {
  const SourceFile& file = sources.file(r.file);
  LineColumn start = file.Locate(r.offset);
  LineColumn end = file.Locate(r.end());
  Json region;
  region["startLine"] = start.line;
  region["startColumn"] = CodePointColumn(file, r.offset);
  region["endLine"] = end.line;
  region["endColumn"] = CodePointColumn(file, r.end());
  Json physical;
  physical["artifactLocation"] = {{"uri", RelativeUri(file.path(), base_dir)}, {"uriBaseId", "%SRCROOT%"}};
  physical["region"] = std::move(region);
  return {{"physicalLocation", std::move(physical)}};
}

}  // namespace

std::string RelativeUri(const std::string& path, const std::string& base_dir) {
  namespace fs = std::filesystem;
  fs::path p(path);
  std::string rel = p.generic_string();
  if (!base_dir.empty()) {
    fs::path absolute = p.is_absolute() ? p : fs::path(base_dir) / p;
    fs::path relative = absolute.lexically_normal().lexically_relative(fs::path(base_dir).lexically_normal());
    if (!relative.empty()) rel = relative.generic_string();
  }
  std::string out;
  for (unsigned char c : rel) {
    bool safe = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (safe) {
      out += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string RenderSarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                        const std::vector<SarifRule>& rules, const SarifOptions& options) {
  Json driver;
  driver["name"] = "topo";
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  Json rule_list = Json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : rules) {
    Json j;
    j["id"] = r.id;
    j["name"] = r.name;
    j["shortDescription"] = {{"text", r.short_description}};
    if (!r.full_description.empty()) j["fullDescription"] = {{"text", r.full_description}};
    if (!r.help_uri.empty()) j["helpUri"] = r.help_uri;
    if (!r.help.empty()) j["help"] = {{"text", r.help}};
    j["defaultConfiguration"] = {{"level", Level(r.level)}};
    if (!r.group.empty()) j["properties"] = {{"tags", {r.group}}};
    index[r.id] = rule_list.size();
    rule_list.push_back(std::move(j));
  }
  driver["rules"] = std::move(rule_list);

  Json results = Json::array();
  for (const Diagnostic& d : diagnostics) {
    Json j;
    std::string code = d.code();
    j["ruleId"] = code;
    if (auto it = index.find(code); it != index.end()) j["ruleIndex"] = it->second;
    j["level"] = Level(d.severity);
    j["message"] = {{"text", d.message}};
    if (d.range.valid()) j["locations"] = Json::array({Location(sources, d.range, options.base_dir)});
    Json related = Json::array();
    int id = 1;
    for (const auto& label : d.labels) {
      if (!label.range.valid()) continue;
      Json loc = Location(sources, label.range, options.base_dir);
      loc["id"] = id++;
      if (!label.text.empty()) loc["message"] = {{"text", label.text}};
      related.push_back(std::move(loc));
    }
    if (!related.empty()) j["relatedLocations"] = std::move(related);
    if (d.suppressed) {
      j["suppressions"] = Json::array({{{"kind", "inSource"}, {"justification", d.suppression}}});
    }
    Json properties = Json::object();
    if (!d.help.empty()) properties["help"] = d.help;
    if (!d.notes.empty()) properties["notes"] = d.notes;
    if (!properties.empty()) j["properties"] = std::move(properties);
    results.push_back(std::move(j));
  }

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace topo
