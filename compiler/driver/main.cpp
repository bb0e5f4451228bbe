// The `topo` command line: the only code that touches the terminal and the output directory.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "diag/render.h"
#include "diag/sarif.h"
#include "facts/rules.h"
#include "driver/graphviz.h"
#include "driver/output.h"
#include "driver/memory.h"
#include "driver/pipeline.h"

namespace {

using namespace topo;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct CommonOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  bool strict = false;
  std::string config;  // topo.json; empty: the one next to the first file, if any
  std::string today;   // YYYY-MM-DD for the lifecycle rules; empty: TOPO_TODAY, else today (UTC)
};

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(fileno(stderr)) && std::getenv("NO_COLOR") == nullptr && term != nullptr && std::string(term) != "dumb";
}

// A kind's message pattern with its holes shown as "…", or its name in words when the pattern
// is nothing but holes ("SyntaxError" -> "syntax error").
std::string Describe(const DiagKindInfo& info) {
  std::string text = info.message;
  for (size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at)) text.replace(at, 2, "…");
  if (text.find_first_not_of("…` ") != std::string::npos) return text;
  std::string words;
  for (const char* p = info.name; *p; ++p) {
    if (std::isupper(static_cast<unsigned char>(*p)) && p != info.name) words += ' ';
    words += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
  }
  return words;
}

// SARIF rule metadata: the rule catalog's explanation where it has one, else the kind's pattern.
std::vector<SarifRule> SarifRules() {
  const auto& catalog = facts::RuleCatalog::Builtin();
  std::vector<SarifRule> rules;
  for (DiagKind kind : AllDiagKinds()) {
    const DiagKindInfo& info = Info(kind);
    SarifRule r;
    r.id = info.code;
    r.name = info.name;
    r.level = info.severity;
    if (const facts::Rule* rule = catalog.Find(info.code)) {
      r.short_description = rule->summary;
      r.full_description = rule->explanation;
      r.help = rule->help;
      r.group = rule->group;
      for (const auto& source : rule->sources) {
        if (source.rfind("https://", 0) == 0) {
          r.help_uri = source;
          break;
        }
      }
    } else {
      r.short_description = Describe(info);
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

void PrintDiagnostics(const driver::Compilation& c, const CommonOptions& options) {
  auto diagnostics = c.sink.Sorted();
  if (options.format == "json") {
    std::cout << RenderJson(diagnostics, c.sources);
    return;
  }
  if (options.format == "sarif") {
    SarifOptions sarif;
    sarif.tool_version = "0.1.0";
    std::error_code ec;
    sarif.base_dir = std::filesystem::current_path(ec).string();
    std::cout << RenderSarif(diagnostics, c.sources, SarifRules(), sarif);
    return;
  }
  TextOptions text;
  text.color = UseColor(options.color);
  std::cerr << RenderText(diagnostics, c.sources, text);
  size_t errors = 0, warnings = 0, suppressed = 0;
  for (const auto& d : diagnostics) {
    if (d.suppressed) ++suppressed;
    else if (d.severity == Severity::kError) ++errors;
    else if (d.severity == Severity::kWarning) ++warnings;
  }
  if (errors || warnings || suppressed) {
    std::cerr << fmt::format("{} error{}, {} warning{}{}\n", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s",
                             suppressed ? fmt::format(" ({} suppressed)", suppressed) : std::string());
  }
}

int ExitCode(const driver::Compilation& c, const CommonOptions& options) {
  if (c.unreadable_input) return kExitUsage;
  if (c.sink.has_errors()) return kExitFindings;
  if (options.strict) {
    for (const auto& d : c.sink.diagnostics()) {
      if (d.severity == Severity::kWarning && !d.suppressed) return kExitFindings;
    }
  }
  return kExitClean;
}

void AddCommon(CLI::App* app, CommonOptions& options) {
  app->add_option("files", options.files, ".topo files to compile (what they import is loaded too)")
      ->required()
      ->type_name("FILE");
  app->add_option("--format", options.format,
                  "how diagnostics are printed: text (stderr), json or sarif (SARIF 2.1.0; both on stdout)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  app->add_option("--color", options.color, "colour in text diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app->add_flag("--strict", options.strict, "treat warnings as errors (exit 1)");
  app->add_option("--config", options.config,
                  "project lint settings (JSON: {\"rules\": {\"T0505\": \"off\", \"T0703\": \"note\"}}); "
                  "default: topo.json next to the first file, if present")
      ->type_name("FILE");
  app->add_option("--today", options.today,
                  "the date end-of-support rules compare with (default: $TOPO_TODAY, else today, UTC)")
      ->type_name("YYYY-MM-DD")
      ->check([](const std::string& v) {
        bool ok = v.size() == 10 && v[4] == '-' && v[7] == '-';
        for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && std::isdigit(static_cast<unsigned char>(v[i]));
        return ok ? std::string() : std::string("expected a date as YYYY-MM-DD");
      });
}

// Lint settings: topo.json (given, or next to the first file) and TOPO_TODAY (YYYY-MM-DD) for
// the lifecycle rules. An unreadable or invalid configuration is a usage error.
bool LoadLintOptions(const CommonOptions& options, driver::LintOptions& lint) {
  namespace fs = std::filesystem;
  std::string path = options.config;
  if (path.empty() && !options.files.empty()) {
    fs::path candidate = fs::path(options.files.front()).parent_path() / "topo.json";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) path = candidate.string();
  }
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << fmt::format("topo: error: cannot read `{}`\n", path);
      return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    auto config = facts::ParseLintConfig(text.str(), facts::RuleCatalog::Builtin(), error);
    if (!config) {
      std::cerr << fmt::format("topo: error: {}: {}\n", path, error);
      return false;
    }
    lint.config = std::move(*config);
  }
  if (const char* today = std::getenv("TOPO_TODAY")) lint.today = today;
  if (!options.today.empty()) lint.today = options.today;
  return true;
}

int RunCheck(const CommonOptions& options) {
  driver::LintOptions lint;
  if (!LoadLintOptions(options, lint)) return kExitUsage;
  auto c = driver::Compile(options.files, lint);
  PrintDiagnostics(*c, options);
  return ExitCode(*c, options);
}

int RunBuild(const CommonOptions& options, std::vector<std::string> targets, const std::string& out_dir) {
  if (std::find(targets.begin(), targets.end(), "all") != targets.end()) {
    targets.clear();
    for (const auto& t : driver::Targets()) targets.push_back(t.name);
  }
  for (const auto& t : targets) {
    const driver::Target* target = driver::FindTarget(t);
    if (!target->ready && targets.size() == 1) {
      std::cerr << fmt::format("topo: error: the `{}` target is not available in this version of topo yet\n", t);
      return kExitUsage;
    }
  }
  driver::LintOptions lint;
  if (!LoadLintOptions(options, lint)) return kExitUsage;
  auto c = driver::Compile(options.files, lint);
  if (c->sink.has_errors() || c->unreadable_input) {
    PrintDiagnostics(*c, options);
    if (!c->unreadable_input) std::cerr << "topo: nothing was written, because of the errors above\n";
    return ExitCode(*c, options);
  }
  driver::OutputFiles files;
  bool single = targets.size() == 1;
  for (const auto& t : targets) {
    const driver::Target* target = driver::FindTarget(t);
    if (!target->ready) {
      std::cerr << fmt::format("topo: note: skipping the `{}` target, not available in this version yet\n", t);
      continue;
    }
    for (auto& [path, contents] : driver::Emit(*c, t)) {
      files[single ? path : t + "/" + path] = std::move(contents);
    }
  }
  PrintDiagnostics(*c, options);
  int code = ExitCode(*c, options);
  if (code != kExitClean) {
    std::cerr << "topo: nothing was written, because of the findings above\n";
    return code;
  }
  for (const auto& note : driver::RenderDiagrams(files)) std::cerr << "topo: note: " << note << "\n";
  std::string error = driver::WriteOutputDirectory(out_dir, files);
  if (!error.empty()) {
    std::cerr << "topo: error: " << error << "\n";
    return kExitUsage;
  }
  return kExitClean;
}

int RunKinds(const std::string& kind_name) {
  const auto& catalog = facts::Catalog::Builtin();
  if (kind_name.empty()) {
    for (const auto& [name, kind] : catalog.kinds()) {
      std::cout << fmt::format("{:<24} {}\n", name, kind.title);
    }
    return kExitClean;
  }
  const facts::Kind* kind = catalog.FindKind(kind_name);
  if (kind == nullptr) {
    std::cerr << fmt::format("topo: error: no kind named `{}`; `topo kinds` lists them\n", kind_name);
    return kExitUsage;
  }
  const char* placement[] = {"regional", "global", "scope", "meta"};
  std::cout << fmt::format("{}: {} ({})\n", kind->name, kind->title, placement[static_cast<int>(kind->placement)]);
  if (!kind->doc.empty()) std::cout << kind->doc << "\n";
  if (!kind->parents.empty()) std::cout << "nests in: " << fmt::format("{}", fmt::join(kind->parents, ", ")) << "\n";
  std::cout << "\nattributes:\n";
  for (const auto& [name, attr] : kind->attributes) {
    std::string extra = attr.required ? " (required)" : "";
    if (!attr.default_value.is_null()) extra += " (default " + attr.default_value.dump() + ")";
    std::cout << fmt::format("  {:<28} {:<24} {}{}\n", name, attr.type.Spelling(), attr.doc, extra);
  }
  for (const auto& [name, block] : kind->blocks) {
    std::cout << fmt::format("\nblock {}{}:\n", name, block.multiple ? " (repeatable)" : "");
    for (const auto& [attr_name, attr] : block.attributes) {
      std::cout << fmt::format("  {:<28} {:<24} {}{}\n", attr_name, attr.type.Spelling(), attr.doc,
                               attr.required ? " (required)" : "");
    }
  }
  if (!kind->outputs.empty()) std::cout << "\nreadable as " << kind->name << ".NAME.ATTR: " << fmt::format("{}", fmt::join(kind->outputs, ", ")) << "\n";
  return kExitClean;
}

// `topo rules`: the catalog by group; `topo rules ID`: one rule in full.
int RunRules(const std::string& id) {
  const auto& catalog = facts::RuleCatalog::Builtin();
  if (id.empty()) {
    for (const auto& group : catalog.groups()) {
      std::cout << group.title << "\n";
      for (const auto& r : catalog.rules()) {
        if (r.group != group.name) continue;
        std::cout << fmt::format("  {}  {:<7}  {}\n", r.id, SeverityName(r.severity), r.summary);
      }
      std::cout << "\n";
    }
    std::cout << "`topo rules ID` explains one; topo.json changes severities; `suppress = { ID = \"reason\" }` "
                 "accepts a finding at its site\n";
    return kExitClean;
  }
  const facts::Rule* r = catalog.Find(id);
  if (r == nullptr) {
    std::cerr << fmt::format("topo: error: no rule `{}`; `topo rules` lists them\n", id);
    return kExitUsage;
  }
  // The explanation, wrapped at 100 columns.
  std::string wrapped, line;
  std::istringstream words(r->explanation);
  for (std::string word; words >> word;) {
    if (!line.empty() && line.size() + 1 + word.size() > 100) {
      wrapped += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  wrapped += line;
  std::cout << fmt::format("{} {} ({}, {} by default)\n{}\n\n{}\n", r->id, r->name, r->group,
                           SeverityName(r->severity), r->summary, wrapped);
  if (!r->help.empty()) std::cout << "\nfix: " << r->help << "\n";
  if (!r->sources.empty()) {
    std::cout << "\nsources:\n";
    for (const auto& source : r->sources) std::cout << "  " << source << "\n";
  }
  if (!r->configurable) std::cout << "\nthis rule cannot be turned off or suppressed\n";
  return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  topo::driver::UseLargePages();
  CLI::App app{
      "topo compiles a description of an AWS estate (.topo files) into Terraform, CloudFormation,\n"
      "AWS CLI runbooks and documentation, and checks it on the way.\n\n"
      "  topo check estate.topo                      check for mistakes, print findings\n"
      "  topo build estate.topo --target hcl -o out  write Terraform into out/\n"
      "  topo docs estate.topo -o handbook           write the Markdown handbook and diagram into handbook/\n"
      "  topo kinds [KIND]                           list resource kinds, or one kind's attributes\n"
      "  topo rules [ID]                             list lint rules, or explain one\n\n"
      "Exit status: 0 clean, 1 errors in the topology, 2 usage or unreadable input.",
      "topo"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "topo 0.1.0");

  CommonOptions check_options;
  CLI::App* check = app.add_subcommand("check", "parse, resolve and check .topo files; print findings");
  AddCommon(check, check_options);

  CommonOptions build_options;
  std::vector<std::string> targets;
  std::string out_dir;
  std::string target_help = "what to emit (repeatable):";
  std::vector<std::string> target_names = {"all"};
  for (const auto& t : topo::driver::Targets()) {
    target_help += fmt::format("\n  {:<8} {}{}", t.name, t.summary, t.ready ? "" : " [coming]");
    target_names.push_back(t.name);
  }
  target_help += "\n  all      every target, each in its own subfolder of DIR";
  CLI::App* build = app.add_subcommand(
      "build",
      "compile .topo files to a target. DIR is replaced only when the whole build succeeds; on any "
      "error nothing is written");
  AddCommon(build, build_options);
  build->add_option("-t,--target", targets, target_help)->required()->check(CLI::IsMember(target_names));
  build->add_option("-o,--out", out_dir, "output directory (replaced as a whole)")->required()->type_name("DIR");

  // `topo docs`: exactly `topo build --target docs`.
  CommonOptions docs_options;
  std::string docs_dir;
  CLI::App* docs = app.add_subcommand(
      "docs", "write the Markdown handbook (README.md) and the diagram (topology.dot, topology.svg) into DIR; "
              "the same as `build --target docs`");
  AddCommon(docs, docs_options);
  docs->add_option("-o,--out", docs_dir, "output directory (replaced as a whole)")->required()->type_name("DIR");

  std::string kind_name;
  CLI::App* kinds = app.add_subcommand("kinds", "list the resource kinds topo knows, or describe one");
  kinds->add_option("kind", kind_name, "a kind, e.g. vpc");

  std::string rule_id;
  CLI::App* rules = app.add_subcommand("rules", "list the lint rules topo checks, or explain one");
  rules->add_option("id", rule_id, "a rule id, e.g. T0301");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    if (*check) return RunCheck(check_options);
    if (*build) return RunBuild(build_options, targets, out_dir);
    if (*docs) return RunBuild(docs_options, {"docs"}, docs_dir);
    if (*kinds) return RunKinds(kind_name);
    if (*rules) return RunRules(rule_id);
  } catch (const std::exception& e) {
    std::cerr << "topo: internal error: " << e.what() << "\n";
    return 3;
  }
  return kExitUsage;
}
