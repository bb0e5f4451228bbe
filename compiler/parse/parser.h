#pragma once
// Turns the text of one .topo file into an AST. The only code that sees ANTLR; well-formed files
// are read by the hand-written reader of fast_parser.h first.
// Reports: T0101 syntax errors (translated, no grammar token names), T0102 stray characters,
// T0103 unterminated strings, T0106 file too large, T0107 nesting too deep, T0109 bad escapes or
// invalid UTF-8.
// A file with syntax errors yields no AST (nullptr), so later stages see only well-formed input.
#include <memory>

#include "ast/ast.h"
#include "base/source.h"
#include "diag/sink.h"

namespace topo::parse {

constexpr int kMaxNesting = 64;
// Larger files are refused before lexing (offsets are 32-bit; the limit keeps memory bounded).
constexpr size_t kMaxFileBytes = 64u << 20;

std::unique_ptr<ast::File> ParseFile(const SourceManager& sources, FileId file, DiagSink& sink);

// The ANTLR path alone (ParseFile tries the hand-written reader of fast_parser.h first). For the
// test that holds the two to the same AST.
std::unique_ptr<ast::File> ParseFileWithAntlr(const SourceManager& sources, FileId file, DiagSink& sink);

}  // namespace topo::parse
