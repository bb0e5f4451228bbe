#pragma once
// The pipeline in one place: load and parse -> resolve -> passes -> emit. Library code: it
// never prints or exits; the command line (main.cpp) does that.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/sink.h"
#include "emit/output.h"
#include "facts/catalog.h"
#include "facts/rules.h"
#include "ir/model.h"
#include "resolve/imports.h"

namespace topo::driver {

struct StageTime {
  std::string stage;  // parse, resolve, passes
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // processor time of this process (unaffected by other load)
};

struct Compilation {
  SourceManager sources;
  DiagSink sink;
  resolve::Program program;       // the syntax trees; emptied once `model` is built from them
  ir::Model model;
  bool unreadable_input = false;  // a file named by the user could not be read (exit 2)
  std::vector<StageTime> timings;
};

// Lint settings: the project's rule configuration (topo.json) and the date the lifecycle rules
// compare with (YYYY-MM-DD; empty: today, UTC).
struct LintOptions {
  facts::LintConfig config;
  std::string today;
};

// Parses, resolves and checks `files` (and what they import).
std::unique_ptr<Compilation> Compile(const std::vector<std::string>& files,
                                     const resolve::FileReader& reader = resolve::DiskReader(),
                                     const facts::Catalog& catalog = facts::Catalog::Builtin());
std::unique_ptr<Compilation> Compile(const std::vector<std::string>& files, const LintOptions& lint,
                                     const resolve::FileReader& reader = resolve::DiskReader(),
                                     const facts::Catalog& catalog = facts::Catalog::Builtin());

// Output targets. `ready` is false for targets a later version fills in.
struct Target {
  std::string name;
  std::string summary;
  bool ready;
};
const std::vector<Target>& Targets();
const Target* FindTarget(const std::string& name);

// Relative path -> contents.
using OutputFiles = emit::OutputFiles;

// Emits one target. Only call on a compilation without errors. Emitters may add diagnostics
// (warnings such as "no Terraform resource for this kind").
OutputFiles Emit(Compilation& compilation, const std::string& target,
                 const facts::Catalog& catalog = facts::Catalog::Builtin());

}  // namespace topo::driver
