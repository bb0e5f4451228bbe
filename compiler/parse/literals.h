#pragma once
// String literals of the language, shared by the two parsers (fast_parser.cpp and the ANTLR
// one in parser.cpp): escapes and `${...}` interpolation. Both work on the literal as written
// (with its quotes) and its range, so that what they report points into the file.
#include <string>

#include "ast/ast.h"
#include "base/source.h"
#include "diag/sink.h"

namespace topo::parse {

// The contents of `raw` ("...") with escapes resolved. An unknown escape is reported (T0109) and
// kept as its character.
std::string Unquote(const std::string& raw, SourceRange range, DiagSink& sink);

// "arn:aws:s3:::${bucket.backup.name}/*" -> a kTemplate of literal and reference parts. `$${` is
// a literal `${`. A malformed interpolation is reported (T0109) and the string is kept as written.
ast::Value Interpolate(const std::string& raw, SourceRange range, DiagSink& sink);

}  // namespace topo::parse
