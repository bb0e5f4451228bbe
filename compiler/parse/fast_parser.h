#pragma once
// A hand-written recursive-descent reader of well-formed .topo files: the fast path of
// ParseFile. grammar/Topo.g4 stays the definition of the language and the ANTLR parser generated
// from it the reference: this reader accepts only input it is sure of and gives up (returns
// nullptr, reports nothing) at the first token it does not expect, a lexical problem or nesting
// deeper than kMaxNesting; ParseFile then parses the file with ANTLR, which reports the error.
// On what it accepts it builds the same AST, ranges included, as the ANTLR path; a test compares
// the two on every case file and sample (tests/parse_equivalence_test.cpp), and so does the fuzzer.
//
// Why: ANTLR's C++ runtime allocates a token object per token and a context per rule and
// simulates the lexer's automaton per character; on a 100,000-resource estate that was 4.7 of
// the compiler's 67 seconds and a third of its peak memory.
#include <memory>
#include <string>

#include "ast/ast.h"
#include "base/source.h"
#include "diag/sink.h"

namespace topo::parse {

// The AST of `text` (file `file`), or nullptr when the reader gives up. What the AST builder
// reports (bad escapes, malformed interpolations) goes to `sink`, only when it returns an AST.
std::unique_ptr<ast::File> FastParse(const std::string& text, FileId file, DiagSink& sink);

}  // namespace topo::parse
