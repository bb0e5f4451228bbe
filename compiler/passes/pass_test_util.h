#pragma once
// Helpers for the unit tests of the lint passes: compile in-memory text through the whole
// pipeline and look at the codes of what it reports.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "driver/pipeline.h"

namespace topo::passes::testing {

// Compiles `text` as main.topo with the lifecycle date fixed (and an optional lint config).
inline std::unique_ptr<driver::Compilation> CompileText(const std::string& text, driver::LintOptions lint = {}) {
  std::map<std::string, std::string> files = {{"main.topo", text}};
  resolve::FileReader reader = [files](const std::string& path, std::string& error) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) {
      error = "no such file";
      return std::nullopt;
    }
    return it->second;
  };
  if (lint.today.empty()) lint.today = "2026-06-01";
  auto c = driver::Compile({"main.topo"}, lint, reader);
  // The lint passes only run on a well-formed model: a test input with a name or type error
  // would silently test nothing.
  for (const auto& d : c->sink.Sorted()) {
    std::string code = d.code();
    if (code.rfind("T01", 0) == 0 || code.rfind("T02", 0) == 0) {
      ADD_FAILURE() << "test input has " << code << ": " << d.message;
    }
  }
  return c;
}

// Codes of the unsuppressed findings, sorted by position.
inline std::vector<std::string> Codes(const driver::Compilation& c) {
  std::vector<std::string> codes;
  for (const auto& d : c.sink.Sorted()) {
    if (!d.suppressed) codes.push_back(d.code());
  }
  return codes;
}

// The findings with `code`.
inline std::vector<Diagnostic> With(const driver::Compilation& c, const std::string& code) {
  std::vector<Diagnostic> out;
  for (const auto& d : c.sink.Sorted()) {
    if (d.code() == code) out.push_back(d);
  }
  return out;
}

inline const char* kOrg = "organization o { default_region = \"eu-central-1\" }\n";

}  // namespace topo::passes::testing
