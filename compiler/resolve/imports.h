#pragma once
// Loads a program: the files named on the command line and, transitively, every file they
// `import` (paths relative to the importing file). Each file is read and parsed once, however
// often it is imported. Reports T0100 (unreadable root file), T0104 (unreadable import),
// T0105 (import cycle, with the chain), T0106 (file too large).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "diag/sink.h"

namespace topo::resolve {

constexpr size_t kMaxFileBytes = 64u << 20;
constexpr size_t kMaxFiles = 10000;

// Reads a file; on failure returns nullopt and sets `error` to a short reason.
using FileReader = std::function<std::optional<std::string>(const std::string& path, std::string& error)>;

FileReader DiskReader();

struct Program {
  std::vector<std::unique_ptr<ast::File>> files;  // in load order: roots first, imports depth-first
  bool unreadable_root = false;                   // a file named by the user could not be read
  std::vector<const ast::File*> view() const;
};

Program LoadProgram(const std::vector<std::string>& roots, const FileReader& reader, SourceManager& sources,
                    DiagSink& sink);

}  // namespace topo::resolve
