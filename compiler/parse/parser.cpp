#include "parse/parser.h"

#include <antlr4-runtime.h>

#include <limits>

#include "TopoLexer.h"
#include "TopoParser.h"
#include "parse/fast_parser.h"
#include "parse/literals.h"

namespace topo::parse {

namespace {

using grammar::TopoLexer;
using grammar::TopoParser;

// Returns the byte offset of the first invalid UTF-8 sequence, or -1.
long FindInvalidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return static_cast<long>(i);
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return static_cast<long>(i);
    }
    if (n == 2 && c < 0xC2) return static_cast<long>(i);  // overlong
    if (n == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return static_cast<long>(i);  // overlong, surrogate
    }
    if (n == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return static_cast<long>(i);
    }
    i += n;
  }
  return -1;
}

// ANTLR indexes code points; diagnostics want bytes.
class OffsetMap {
 public:
  explicit OffsetMap(const std::string& text) {
    bool ascii = true;
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
    }
    if (ascii) return;
    for (uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(i);
    }
    starts_.push_back(static_cast<uint32_t>(text.size()));
  }
  uint32_t Byte(size_t code_point) const {
    if (starts_.empty()) return static_cast<uint32_t>(code_point);
    return starts_[std::min(code_point, starts_.size() - 1)];
  }

 private:
  std::vector<uint32_t> starts_;
};

// The lexer's character stream over text already checked to be valid UTF-8. ANTLR's own
// ANTLRInputStream decodes with std::wstring_convert and re-encodes every token's text from
// UTF-32 on each getText(), which was a tenth of parsing a large file; here decoding is one
// pass and a token's text is a slice of the original bytes (through OffsetMap).
class Utf8Stream : public antlr4::ANTLRInputStream {
 public:
  Utf8Stream(const std::string& text, const OffsetMap& offsets) : text_(text), offsets_(offsets) {
    _data.clear();
    _data.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    for (size_t i = 0; i < n;) {
      unsigned char c = s[i];
      if (c < 0x80) {
        _data.push_back(c);
        ++i;
      } else if ((c >> 5) == 0x6) {
        _data.push_back(static_cast<char32_t>(((c & 0x1F) << 6) | (s[i + 1] & 0x3F)));
        i += 2;
      } else if ((c >> 4) == 0xE) {
        _data.push_back(static_cast<char32_t>(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)));
        i += 3;
      } else {
        _data.push_back(static_cast<char32_t>(((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) |
                                              ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F)));
        i += 4;
      }
    }
    p = 0;
  }

  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < interval.a) return "";
    size_t start = static_cast<size_t>(interval.a);
    size_t stop = std::min(static_cast<size_t>(interval.b) + 1, _data.size());
    if (start >= stop) return "";
    uint32_t from = offsets_.Byte(start);
    uint32_t to = offsets_.Byte(stop);
    return text_.substr(from, to - from);
  }

 private:
  const std::string& text_;
  const OffsetMap& offsets_;
};

std::string DescribeExpected(const antlr4::misc::IntervalSet& set, const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::string> names;
  for (ssize_t t : set.toList()) {
    std::string name;
    switch (t) {
      case TopoLexer::IDENT: name = "a name"; break;
      case TopoLexer::STRING: name = "a string"; break;
      case TopoLexer::NUMBER: name = "a number"; break;
      case TopoLexer::CIDR: name = "a CIDR block"; break;
      case -1: name = "end of file"; break;
      case TopoLexer::UNTERMINATED_STRING:
      case TopoLexer::ERROR_CHAR: continue;
      default: {
        std::string literal = vocabulary.getLiteralName(t);
        if (literal.empty()) continue;
        name = literal;  // already quoted: '{'
      }
    }
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  if (names.empty()) return "";
  if (names.size() > 6) return "";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string DescribeToken(const antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "`" + text + "`";
}

class SyntaxListener : public antlr4::BaseErrorListener {
 public:
  SyntaxListener(const SourceManager& sources, FileId file, const OffsetMap& offsets, DiagSink& sink)
      : sources_(sources), file_(file), offsets_(offsets), sink_(sink) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t,
                   const std::string&, std::exception_ptr e) override {
    ++errors_;
    // One error per line: ANTLR's recovery tends to report follow-on errors nearby.
    if (line == last_line_) return;
    last_line_ = line;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    std::string expected;
    if (parser != nullptr) {
      try {
        expected = DescribeExpected(parser->getExpectedTokens(), parser->getVocabulary());
      } catch (...) {
        expected.clear();
      }
    }
    bool no_viable = false;
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const antlr4::NoViableAltException&) {
        no_viable = true;
      } catch (...) {
      }
    }
    SourceRange range{file_, 0, 0};
    if (offending != nullptr && offending->getType() != antlr4::Token::EOF) {
      uint32_t start = offsets_.Byte(offending->getStartIndex());
      uint32_t stop = offsets_.Byte(offending->getStopIndex() + 1);
      range = {file_, start, stop > start ? stop - start : 1};
    } else {
      range = {file_, static_cast<uint32_t>(sources_.file(file_).text().size()), 0};
    }
    std::string found = DescribeToken(offending);
    // The two commonest slips get a precise message: a missing value and a missing `=`.
    antlr4::Token* previous = nullptr;
    antlr4::Token* before_previous = nullptr;
    if (parser != nullptr && offending != nullptr) {
      auto* stream = parser->getTokenStream();
      for (ssize_t i = static_cast<ssize_t>(offending->getTokenIndex()) - 1; i >= 0; --i) {
        antlr4::Token* t = stream->get(static_cast<size_t>(i));
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        if (previous == nullptr) {
          previous = t;
        } else {
          before_previous = t;
          break;
        }
      }
    }
    auto starts_value = [](size_t type) {
      return type == TopoLexer::STRING || type == TopoLexer::NUMBER || type == TopoLexer::CIDR ||
             type == TopoLexer::KW_TRUE || type == TopoLexer::KW_FALSE || type == TopoLexer::KW_NULL;
    };
    if (previous != nullptr && previous->getText() == "=" && offending->getType() != TopoLexer::IDENT) {
      SourceRange eq = TokenRange(previous);
      Diagnostic& d = sink_.Report(DiagKind::kSyntaxError, eq, "expected a value after `=`, found " + found);
      if (before_previous != nullptr && before_previous->getType() == TopoLexer::IDENT) {
        d.range_label = "`" + before_previous->getText() + "` needs a value";
      }
      return;
    }
    if (previous != nullptr && previous->getType() == TopoLexer::IDENT && offending != nullptr &&
        starts_value(offending->getType())) {
      Diagnostic& d = sink_.Report(DiagKind::kSyntaxError, range,
                                   "expected '=' after `" + previous->getText() + "`, found " + found);
      d.help = "an attribute is written `name = value`";
      return;
    }
    std::string message = (no_viable || expected.empty()) ? "unexpected " + found
                                                          : "expected " + expected + ", found " + found;
    Diagnostic& d = sink_.Report(DiagKind::kSyntaxError, range, message);
    if (offending != nullptr && offending->getType() == TopoLexer::IDENT && expected.find("'='") != std::string::npos) {
      d.help = "an attribute is written `name = value`";
    }
  }

  SourceRange TokenRange(antlr4::Token* token) const {
    uint32_t start = offsets_.Byte(token->getStartIndex());
    uint32_t stop = offsets_.Byte(token->getStopIndex() + 1);
    return {file_, start, stop > start ? stop - start : 1};
  }

  size_t errors() const { return errors_; }

 private:
  const SourceManager& sources_;
  FileId file_;
  const OffsetMap& offsets_;
  DiagSink& sink_;
  size_t errors_ = 0;
  size_t last_line_ = 0;
};

class Builder {
 public:
  Builder(FileId file, const OffsetMap& offsets, DiagSink& sink) : file_(file), offsets_(offsets), sink_(sink) {}

  SourceRange Range(antlr4::ParserRuleContext* ctx) const {
    uint32_t start = offsets_.Byte(ctx->getStart()->getStartIndex());
    antlr4::Token* stop = ctx->getStop();
    uint32_t end = stop ? offsets_.Byte(stop->getStopIndex() + 1) : start;
    return {file_, start, end > start ? end - start : 0};
  }
  SourceRange Range(antlr4::Token* token) const {
    uint32_t start = offsets_.Byte(token->getStartIndex());
    uint32_t end = offsets_.Byte(token->getStopIndex() + 1);
    return {file_, start, end > start ? end - start : 0};
  }

  std::string Unquote(antlr4::Token* token) { return parse::Unquote(token->getText(), Range(token), sink_); }

  void BuildBody(const std::vector<TopoParser::ItemContext*>& items, ast::Body& body) {
    for (auto* item : items) BuildItem(item, body);
  }

  void BuildItem(TopoParser::ItemContext* item, ast::Body& body) {
    // An item has one child, a rule: dispatch on its rule index (one cast, where the generated
    // accessors would dynamic_cast once per alternative).
    auto* child = item->children.size() == 1 ? dynamic_cast<antlr4::ParserRuleContext*>(item->children[0]) : nullptr;
    switch (child != nullptr ? child->getRuleIndex() : ~size_t{0}) {
      case TopoParser::RuleBlock:
        body.blocks.push_back(BuildBlock(static_cast<TopoParser::BlockContext*>(child)));
        return;
      case TopoParser::RuleAttribute:
        body.attributes.push_back(BuildAttribute(static_cast<TopoParser::AttributeContext*>(child)));
        return;
      case TopoParser::RuleSgRule:
        body.rules.push_back(BuildRule(static_cast<TopoParser::SgRuleContext*>(child)));
        return;
      default:
        break;
    }
    if (auto* imp = item->importDecl()) {
      ast::Import i;
      i.path = Unquote(imp->STRING()->getSymbol());
      i.path_range = Range(imp->STRING()->getSymbol());
      i.range = Range(imp);
      body.imports.push_back(std::move(i));
    } else if (auto* p = item->paramDecl()) {
      body.params.push_back(BuildParam(p));
    } else if (auto* r = item->sgRule()) {
      body.rules.push_back(BuildRule(r));
    } else if (auto* a = item->attribute()) {
      body.attributes.push_back(BuildAttribute(a));
    } else if (auto* b = item->block()) {
      body.blocks.push_back(BuildBlock(b));
    }
  }

  ast::Param BuildParam(TopoParser::ParamDeclContext* ctx) {
    ast::Param p;
    p.name = ctx->name->getText();
    p.name_range = Range(ctx->name);
    if (auto* t = ctx->typeName()) {
      p.type = t->getText();
      p.type_range = Range(t);
    }
    if (auto* v = ctx->value()) {
      p.has_default = true;
      p.default_value = BuildValue(v);
    }
    for (auto* a : ctx->attribute()) p.attributes.push_back(BuildAttribute(a));
    p.range = Range(ctx);
    return p;
  }

  ast::Rule BuildRule(TopoParser::SgRuleContext* ctx) {
    ast::Rule r;
    r.protocol = ctx->protocol->getText();
    r.protocol_range = Range(ctx->protocol);
    r.direction = ctx->direction->getType() == TopoLexer::FROM ? ast::Rule::Direction::kIngress
                                                               : ast::Rule::Direction::kEgress;
    if (auto* ports = ctx->portList()) {
      for (auto* pr : ports->portRange()) {
        ast::PortRange range;
        range.range = Range(pr);
        auto numbers = pr->NUMBER();
        range.from = ParsePort(numbers[0]->getSymbol());
        range.to = numbers.size() > 1 ? ParsePort(numbers[1]->getSymbol()) : range.from;
        r.ports.push_back(range);
      }
    }
    for (auto* peer : ctx->peer()) {
      ast::Value v;
      if (peer->STRING()) {
        v.kind = ast::Value::Kind::kString;
        v.text = Unquote(peer->STRING()->getSymbol());
      } else if (peer->CIDR()) {
        v.kind = ast::Value::Kind::kCidr;
        v.text = peer->CIDR()->getText();
      } else if (peer->IDENT()) {
        // `self`; any other bare word is reported by the resolver as an unknown peer.
        v.kind = ast::Value::Kind::kReference;
        v.path.push_back(peer->IDENT()->getText());
        v.path_ranges.push_back(Range(peer->IDENT()->getSymbol()));
      } else {
        v = BuildReference(peer->reference());
      }
      v.range = Range(peer);
      r.peers.push_back(std::move(v));
    }
    if (auto* note = ctx->ruleNote()) r.description = Unquote(note->STRING()->getSymbol());
    r.range = Range(ctx);
    return r;
  }

  // Ports are checked for range in the schema pass; here only "is it a whole number".
  int ParsePort(antlr4::Token* token) {
    std::string text = token->getText();
    if (text.find('.') != std::string::npos || text.size() > 6) return -1;
    return std::stoi(text);
  }

  ast::Attribute BuildAttribute(TopoParser::AttributeContext* ctx) {
    ast::Attribute a;
    a.key = ctx->key->getText();
    a.key_range = Range(ctx->key);
    a.value = BuildValue(ctx->value());
    a.range = Range(ctx);
    return a;
  }

  ast::Block BuildBlock(TopoParser::BlockContext* ctx) {
    ast::Block b;
    b.kind = ctx->kind->getText();
    b.kind_range = Range(ctx->kind);
    b.header_range = b.kind_range;
    if (auto* label = ctx->label()) {
      b.has_label = true;
      b.label_range = Range(label);
      if (label->STRING()) {
        b.label_is_string = true;
        b.label = Unquote(label->STRING()->getSymbol());
      } else {
        b.label = label->getText();
      }
      b.header_range.length = b.label_range.end() - b.kind_range.offset;
    }
    if (auto* ref = ctx->reference()) {
      b.has_in = true;
      b.in = BuildReference(ref);
    }
    BuildBody(ctx->item(), b.body);
    b.range = Range(ctx);
    return b;
  }

  ast::Value Interpolate(antlr4::Token* token, SourceRange range) {
    return parse::Interpolate(token->getText(), range, sink_);
  }

  ast::Value BuildReference(TopoParser::ReferenceContext* ctx) {
    ast::Value v;
    v.kind = ast::Value::Kind::kReference;
    auto add = [&](antlr4::Token* token) {
      v.path.push_back(token->getType() == TopoLexer::STRING ? Unquote(token) : token->getText());
      v.path_ranges.push_back(Range(token));
    };
    add(ctx->getStart());
    for (auto* segment : ctx->segment()) add(segment->getStart());
    v.range = Range(ctx);
    return v;
  }

  // The alternative of a value is known from its first token; a chain of dynamic_casts (each a
  // string comparison of type names across the runtime library) cost more than building it.
  ast::Value BuildValue(TopoParser::ValueContext* ctx) {
    ast::Value v;
    v.range = Range(ctx);
    switch (ctx->getStart()->getType()) {
      case TopoLexer::STRING: {
        antlr4::Token* token = static_cast<TopoParser::StringValueContext*>(ctx)->STRING()->getSymbol();
        v.kind = ast::Value::Kind::kString;
        v.text = Unquote(token);
        if (v.text.find("${") != std::string::npos) v = Interpolate(token, v.range);
        break;
      }
      case TopoLexer::NUMBER:
        v.kind = ast::Value::Kind::kNumber;
        v.text = ctx->getStart()->getText();
        break;
      case TopoLexer::CIDR:
        v.kind = ast::Value::Kind::kCidr;
        v.text = ctx->getStart()->getText();
        break;
      case TopoLexer::KW_TRUE:
      case TopoLexer::KW_FALSE:
        v.kind = ast::Value::Kind::kBool;
        v.boolean = ctx->getStart()->getType() == TopoLexer::KW_TRUE;
        break;
      case TopoLexer::KW_NULL:
        v.kind = ast::Value::Kind::kNull;
        break;
      case TopoLexer::IDENT:
      case TopoLexer::PARAM:
        v = BuildReference(static_cast<TopoParser::RefValueContext*>(ctx)->reference());
        break;
      default:
        if (auto* l = dynamic_cast<TopoParser::ListValueContext*>(ctx)) {
          v.kind = ast::Value::Kind::kList;
          for (auto* item : l->value()) v.items.push_back(BuildValue(item));
        } else if (auto* m = dynamic_cast<TopoParser::MapValueContext*>(ctx)) {
          v.kind = ast::Value::Kind::kMap;
          for (auto* entry : m->mapEntry()) {
            std::string key = entry->IDENT() ? entry->IDENT()->getText() : Unquote(entry->STRING()->getSymbol());
            v.key_ranges.push_back(entry->IDENT() ? Range(entry->IDENT()->getSymbol()) : Range(entry->STRING()->getSymbol()));
            v.entries.emplace_back(std::move(key), BuildValue(entry->value()));
          }
        }
    }
    return v;
  }

 private:
  FileId file_;
  const OffsetMap& offsets_;
  DiagSink& sink_;
};

// Lexical problems, bracket balance and nesting depth, found on the token stream before
// parsing, so that the parser sees only input it can describe well (and cannot recurse without
// bound), and an unclosed block is reported where it opens rather than at the end of the file.
bool CheckTokens(antlr4::CommonTokenStream& tokens, FileId file, const std::string& source, const OffsetMap& offsets,
                 DiagSink& sink) {
  bool ok = true;
  size_t last_line = 0;
  const auto& all = tokens.getTokens();
  auto range_of = [&](antlr4::Token* token) {
    uint32_t start = offsets.Byte(token->getStartIndex());
    uint32_t end = offsets.Byte(token->getStopIndex() + 1);
    return SourceRange{file, start, end > start ? end - start : 1};
  };
  // What a `{` opens, for messages: the visible tokens before it on its line (`vpc main`).
  auto header = [&](size_t index) {
    std::vector<std::string> words;
    size_t line = all[index]->getLine();
    for (size_t i = index; i-- > 0;) {
      antlr4::Token* t = all[i];
      if (t->getLine() != line) break;
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      std::string text = t->getText();
      if (text == "{" || text == "}" || text == "=") break;
      words.insert(words.begin(), text);
    }
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
  };
  std::vector<size_t> open;  // indexes of `{` and `[` not closed yet
  for (size_t index = 0; index < all.size(); ++index) {
    antlr4::Token* token = all[index];
    size_t type = token->getType();
    SourceRange range = range_of(token);
    if (type == TopoLexer::ERROR_CHAR || type == TopoLexer::UNTERMINATED_STRING) {
      ok = false;
      if (token->getLine() == last_line) continue;
      last_line = token->getLine();
      if (type == TopoLexer::UNTERMINATED_STRING) {
        sink.Report(DiagKind::kUnterminatedString, range).help = "add the closing `\"`";
      } else if (token->getText() == "/" && index + 1 < all.size() && all[index + 1]->getText() == "*") {
        range.length = 2;
        sink.Report(DiagKind::kSyntaxError, range, "comment is not closed before the end of the file").help =
            "add `*/` where the comment ends";
        return false;  // the rest of the file is inside the comment
      } else {
        sink.Report(DiagKind::kInvalidCharacter, range, token->getText());
      }
      continue;
    }
    if (type == TopoLexer::EOF || token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    // Brackets are one-character tokens: read the character from the source rather than through
    // getText(), which converts each token's text from UTF-32 (a tenth of the parse time).
    if (token->getStartIndex() != token->getStopIndex()) continue;
    char c = range.offset < source.size() ? source[range.offset] : '\0';
    if (c != '{' && c != '}' && c != '[' && c != ']') continue;
    std::string text(1, c);
    if (text == "{" || text == "[") {
      open.push_back(index);
      if (open.size() > static_cast<size_t>(kMaxNesting)) {
        sink.Report(DiagKind::kNestingTooDeep, range, kMaxNesting);
        return false;
      }
    } else if (text == "}" || text == "]") {
      if (open.empty()) {
        sink.Report(DiagKind::kSyntaxError, range, "unexpected `" + text + "`: nothing is open here").help =
            "remove it, or look for a missing `" + std::string(text == "}" ? "{" : "[") + "` above";
        return false;
      }
      std::string opener = all[open.back()]->getText();
      if ((opener == "[") != (text == "]")) {
        Diagnostic& d = sink.Report(DiagKind::kSyntaxError, range,
                                    opener == "[" ? "expected ',' or ']', found `" + text + "`"
                                                  : "expected '}', found `" + text + "`");
        d.labels.push_back({range_of(all[open.back()]), opener == "[" ? "the list starts here" : "the block starts here"});
        d.help = opener == "[" ? "add `]` after the last element" : "add `}` to close the block";
        return false;
      }
      open.pop_back();
    }
  }
  if (!open.empty() && ok) {
    // Report the outermost unclosed `{`: inner ones are usually closed by the braces meant for it.
    size_t index = open.front();
    antlr4::Token* token = all[index];
    std::string what = token->getText() == "[" ? "the list" : "`" + header(index) + "`";
    if (what == "``") what = "this block";
    Diagnostic& d = sink.Report(DiagKind::kSyntaxError, range_of(token), what + " is not closed before the end of the file");
    d.range_label = "this `" + token->getText() + "` has no matching `" + (token->getText() == "[" ? "]" : "}") + "`";
    d.help = token->getText() == "[" ? "add `]` after the last element" : "add `}` at the end of " + what;
    return false;
  }
  return ok;
}

}  // namespace

std::unique_ptr<ast::File> ParseFile(const SourceManager& sources, FileId file_id, DiagSink& sink) {
  const SourceFile& file = sources.file(file_id);
  if (file.text().size() > kMaxFileBytes) {
    Diagnostic& d = sink.Report(DiagKind::kInputTooLarge, SourceRange{file_id, 0, 0}, "`" + file.path() + "`",
                                fmt::format("it has more than {} MiB", kMaxFileBytes >> 20));
    d.help = "split it into several files that `import` each other";
    return nullptr;
  }
  long bad = FindInvalidUtf8(file.text());
  if (bad >= 0) {
    Diagnostic& d = sink.Report(DiagKind::kInvalidString, SourceRange{file_id, static_cast<uint32_t>(bad), 1},
                                "the file is not valid UTF-8");
    d.range_label = fmt::format("byte 0x{:02X} is not valid UTF-8 here", static_cast<unsigned char>(file.text()[static_cast<size_t>(bad)]));
    d.help = "save the file as UTF-8";
    return nullptr;
  }
  // Well-formed input is read by the hand-written reader; anything it is not sure of (it reports
  // nothing) is parsed by ANTLR, which reports the errors.
  if (auto fast = FastParse(file.text(), file_id, sink)) return fast;
  return ParseFileWithAntlr(sources, file_id, sink);
}

std::unique_ptr<ast::File> ParseFileWithAntlr(const SourceManager& sources, FileId file_id, DiagSink& sink) {
  const SourceFile& file = sources.file(file_id);
  OffsetMap offsets(file.text());
  try {
    Utf8Stream input(file.text(), offsets);
    TopoLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!CheckTokens(tokens, file_id, file.text(), offsets, sink)) return nullptr;

    TopoParser parser(&tokens);
    parser.removeErrorListeners();
    // Fast path: SLL prediction, bail on the first error. Correct input almost always parses
    // here; only on failure do we pay for full LL with error recovery and reporting.
    // It parses one top-level item at a time and frees the item's parse tree (every context and
    // terminal node lives in the parser's tracker until reset) as soon as its AST is built: the
    // trees of a whole large file were a third of the compiler's peak memory. What the AST
    // builder reports goes to a sink of its own until the whole file has parsed, so that the slow
    // path, if it runs, does not report it twice.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    auto result = std::make_unique<ast::File>();
    result->id = file_id;
    DiagSink fast_sink(std::numeric_limits<size_t>::max());
    bool parsed = true;
    try {
      Builder builder(file_id, offsets, fast_sink);
      while (tokens.LA(1) != antlr4::Token::EOF) {
        TopoParser::ItemContext* item = parser.item();
        builder.BuildItem(item, result->body);
        parser.getTreeTracker().reset();
      }
    } catch (const antlr4::ParseCancellationException&) {
      parsed = false;
    }
    parser.getTreeTracker().reset();
    if (parsed) {
      for (const Diagnostic& d : fast_sink.diagnostics()) sink.Add(d);
      return result;
    }
    tokens.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    SyntaxListener listener(sources, file_id, offsets, sink);
    parser.addErrorListener(&listener);
    TopoParser::FileContext* tree = parser.file();
    if (listener.errors() > 0) return nullptr;
    result = std::make_unique<ast::File>();
    result->id = file_id;
    Builder builder(file_id, offsets, sink);
    builder.BuildBody(tree->item(), result->body);
    return result;
  } catch (const std::exception& e) {
    sink.Report(DiagKind::kSyntaxError, SourceRange{file_id, 0, 0}, std::string("cannot parse the file: ") + e.what());
    return nullptr;
  }
}

}  // namespace topo::parse
