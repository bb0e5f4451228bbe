#pragma once
// Shell text for the runbook: one quoting function, and words built from literal text and
// shell variables. Every value that reaches runbook.sh or teardown.sh goes through ShellQuote
// (literals) or names a variable the script itself defines (VarName), so a name holding
// `$(...)`, a quote or a space stays one inert word.
#include <string>
#include <string_view>
#include <vector>

namespace topo::emit::runbook {

// `s` as one shell word: bare when it holds only characters the shell never interprets
// (letters, digits and `_ . / : @ % + , = -`), otherwise in single quotes with each `'`
// written as `'\''`. The empty string is `''`.
std::string ShellQuote(std::string_view s);
void AppendShellQuoted(std::string& out, std::string_view s);  // out += ShellQuote(s)

// A shell variable name made of `parts`: upper-case, every other character an underscore
// ("vpc", "main", "id" -> VPC_MAIN_ID).
std::string VarName(const std::vector<std::string>& parts);

// One shell word assembled from pieces: literal text, the value of a variable, or the value of
// a variable escaped for the inside of a JSON string at run time (through the script's
// `topo_json` function; parameters the user types may hold quotes).
struct Word {
  struct Piece {
    enum class Kind { kLiteral, kVar, kJsonVar };
    Kind kind = Kind::kLiteral;
    std::string text;  // literal text or variable name
  };
  std::vector<Piece> pieces;

  static Word Literal(std::string text);
  static Word Var(std::string name);
  Word& Append(const Word& other);
  Word& AppendLiteral(std::string_view text);
  Word& AppendVar(const std::string& name, bool json = false);

  bool is_literal() const;        // no variables
  std::string literal() const;    // the literal text (only meaningful when is_literal())
  bool empty() const;             // no pieces, or only empty literals
  // The word as shell text: literals through ShellQuote, variables as "${NAME}".
  std::string Render() const;
  void RenderTo(std::string& out) const;  // out += Render()
};

// A command: its words, rendered on one line, or over several lines (`\` continuations, one
// option with its values per line) when long.
std::string RenderCommand(const std::vector<Word>& words, size_t indent);

}  // namespace topo::emit::runbook
