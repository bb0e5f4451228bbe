// The `topo` command line: the only code that touches the terminal and the output directory.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "diag/render.h"
#include "driver/output.h"
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
};

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(fileno(stderr)) && std::getenv("NO_COLOR") == nullptr && term != nullptr && std::string(term) != "dumb";
}

void PrintDiagnostics(const driver::Compilation& c, const CommonOptions& options) {
  auto diagnostics = c.sink.Sorted();
  if (options.format == "json") {
    std::cout << RenderJson(diagnostics, c.sources);
    return;
  }
  TextOptions text;
  text.color = UseColor(options.color);
  std::cerr << RenderText(diagnostics, c.sources, text);
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::kError) ++errors;
    if (d.severity == Severity::kWarning) ++warnings;
  }
  if (errors || warnings) {
    std::cerr << fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s");
  }
}

int ExitCode(const driver::Compilation& c, const CommonOptions& options) {
  if (c.unreadable_input) return kExitUsage;
  if (c.sink.has_errors()) return kExitFindings;
  if (options.strict) {
    for (const auto& d : c.sink.diagnostics()) {
      if (d.severity == Severity::kWarning) return kExitFindings;
    }
  }
  return kExitClean;
}

void AddCommon(CLI::App* app, CommonOptions& options) {
  app->add_option("files", options.files, ".topo files to compile (what they import is loaded too)")
      ->required()
      ->type_name("FILE");
  app->add_option("--format", options.format, "how diagnostics are printed: text (stderr) or json (stdout)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_option("--color", options.color, "colour in text diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app->add_flag("--strict", options.strict, "treat warnings as errors (exit 1)");
}

int RunCheck(const CommonOptions& options) {
  auto c = driver::Compile(options.files);
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
  auto c = driver::Compile(options.files);
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "topo compiles a description of an AWS estate (.topo files) into Terraform, CloudFormation,\n"
      "AWS CLI runbooks and documentation, and checks it on the way.\n\n"
      "  topo check estate.topo                      check for mistakes, print findings\n"
      "  topo build estate.topo --target hcl -o out  write Terraform into out/\n"
      "  topo kinds [KIND]                           list resource kinds, or one kind's attributes\n\n"
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

  std::string kind_name;
  CLI::App* kinds = app.add_subcommand("kinds", "list the resource kinds topo knows, or describe one");
  kinds->add_option("kind", kind_name, "a kind, e.g. vpc");

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
    if (*kinds) return RunKinds(kind_name);
  } catch (const std::exception& e) {
    std::cerr << "topo: internal error: " << e.what() << "\n";
    return 3;
  }
  return kExitUsage;
}
