#include "parse/fast_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "parse/literals.h"
#include "parse/parser.h"

namespace topo::parse {

namespace {

// Token types: the grammar's lexer rules that well-formed input uses. Comments and blanks are
// skipped; anything else (a stray character, an unterminated string or comment) makes the reader
// give up, so the ANTLR path reports it.
enum class T : uint8_t {
  kEof, kIdent, kString, kNumber, kCidr,
  kImport, kParam, kIn, kAllow, kFrom, kTo, kTrue, kFalse, kNull,
  kLBrace, kRBrace, kLBracket, kRBracket, kEquals, kColon, kComma, kLess, kGreater, kDot, kDash,
};

struct Tok {
  T type;
  uint32_t start;  // byte offsets into the text
  uint32_t end;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentPart(char c) { return IsIdentStart(c) || IsDigit(c) || c == '-'; }

// Keywords win over IDENT for the same text (they come first in the grammar).
T KeywordOr(const char* s, size_t n) {
  switch (n) {
    case 2:
      if (std::memcmp(s, "in", 2) == 0) return T::kIn;
      if (std::memcmp(s, "to", 2) == 0) return T::kTo;
      break;
    case 4:
      if (std::memcmp(s, "from", 4) == 0) return T::kFrom;
      if (std::memcmp(s, "true", 4) == 0) return T::kTrue;
      if (std::memcmp(s, "null", 4) == 0) return T::kNull;
      break;
    case 5:
      if (std::memcmp(s, "param", 5) == 0) return T::kParam;
      if (std::memcmp(s, "allow", 5) == 0) return T::kAllow;
      if (std::memcmp(s, "false", 5) == 0) return T::kFalse;
      break;
    case 6:
      if (std::memcmp(s, "import", 6) == 0) return T::kImport;
      break;
    default:
      break;
  }
  return T::kIdent;
}

// The length of a CIDR at `i` (OCTET '.' OCTET '.' OCTET '.' OCTET '/' [0-9]+), or 0.
size_t CidrLength(const std::string& s, size_t i) {
  size_t j = i;
  for (int octet = 0; octet < 4; ++octet) {
    size_t digits = 0;
    while (j < s.size() && IsDigit(s[j]) && digits < 4) ++j, ++digits;
    if (digits == 0 || digits > 3) return 0;
    char expected = octet < 3 ? '.' : '/';
    if (j >= s.size() || s[j] != expected) return 0;
    ++j;
  }
  size_t digits = 0;
  while (j < s.size() && IsDigit(s[j])) ++j, ++digits;
  return digits == 0 ? 0 : j - i;
}

// The whole file into tokens (longest match, as the ANTLR lexer), or false.
bool Lex(const std::string& s, std::vector<Tok>& out) {
  out.reserve(s.size() / 4);
  size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    size_t start = i;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c == '#' || (c == '/' && i + 1 < n && s[i + 1] == '/')) {
      while (i < n && s[i] != '\r' && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      size_t close = s.find("*/", i + 2);
      if (close == std::string::npos) return false;
      i = close + 2;
      continue;
    }
    T type;
    if (IsIdentStart(c)) {
      while (i < n && IsIdentPart(s[i])) ++i;
      type = KeywordOr(s.data() + start, i - start);
    } else if (IsDigit(c)) {
      if (size_t cidr = CidrLength(s, i)) {
        i += cidr;
        type = T::kCidr;
      } else {
        while (i < n && IsDigit(s[i])) ++i;
        if (i + 1 < n && s[i] == '.' && IsDigit(s[i + 1])) {
          ++i;
          while (i < n && IsDigit(s[i])) ++i;
        }
        type = T::kNumber;
      }
    } else if (c == '"') {
      ++i;
      while (true) {
        if (i >= n || s[i] == '\r' || s[i] == '\n') return false;  // unterminated
        if (s[i] == '"') break;
        if (s[i] == '\\') {
          ++i;
          if (i >= n) return false;
        }
        ++i;  // a continuation byte of a multi-byte character is never `"`, `\` or a line break
      }
      ++i;
      type = T::kString;
    } else {
      switch (c) {
        case '{': type = T::kLBrace; break;
        case '}': type = T::kRBrace; break;
        case '[': type = T::kLBracket; break;
        case ']': type = T::kRBracket; break;
        case '=': type = T::kEquals; break;
        case ':': type = T::kColon; break;
        case ',': type = T::kComma; break;
        case '<': type = T::kLess; break;
        case '>': type = T::kGreater; break;
        case '.': type = T::kDot; break;
        case '-': type = T::kDash; break;
        default: return false;  // a stray character
      }
      ++i;
    }
    out.push_back({type, static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
  }
  out.push_back({T::kEof, static_cast<uint32_t>(n), static_cast<uint32_t>(n)});
  return true;
}

// Gives up: unwinds to FastParse.
struct GiveUp {};

class Reader {
 public:
  Reader(const std::string& text, FileId file, const std::vector<Tok>& tokens, DiagSink& sink)
      : text_(text), file_(file), tokens_(tokens), sink_(sink) {}

  void File(ast::Body& body) {
    while (Peek().type != T::kEof) Item(body);
  }

 private:
  const Tok& Peek(size_t ahead = 0) const { return tokens_[std::min(p_ + ahead, tokens_.size() - 1)]; }
  const Tok& Take() {
    const Tok& t = tokens_[p_];
    if (t.type == T::kEof) throw GiveUp{};
    ++p_;
    return t;
  }
  const Tok& Expect(T type) {
    if (Peek().type != type) throw GiveUp{};
    return Take();
  }
  bool Accept(T type) {
    if (Peek().type != type) return false;
    ++p_;
    return true;
  }
  const Tok& Last() const { return tokens_[p_ - 1]; }
  std::string Text(const Tok& t) const { return text_.substr(t.start, t.end - t.start); }
  SourceRange Range(const Tok& t) const { return {file_, t.start, t.end - t.start}; }
  // From `first` to the last token taken.
  SourceRange Span(const Tok& first) const {
    uint32_t end = Last().end;
    return {file_, first.start, end > first.start ? end - first.start : 0};
  }
  std::string Unquoted(const Tok& t) { return Unquote(Text(t), Range(t), sink_); }
  void Open() {
    if (++depth_ > static_cast<size_t>(kMaxNesting)) throw GiveUp{};
  }
  void Close() { --depth_; }

  // item: importDecl | paramDecl | sgRule | attribute | block
  void Item(ast::Body& body) {
    const Tok& first = Peek();
    switch (first.type) {
      case T::kImport: {
        Take();
        const Tok& path = Expect(T::kString);
        ast::Import i;
        i.path = Unquoted(path);
        i.path_range = Range(path);
        i.range = Span(first);
        body.imports.push_back(std::move(i));
        return;
      }
      case T::kParam: body.params.push_back(Param()); return;
      case T::kAllow: body.rules.push_back(Rule()); return;
      case T::kIdent:
        if (Peek(1).type == T::kEquals) {
          body.attributes.push_back(Attribute());
        } else {
          body.blocks.push_back(Block());
        }
        return;
      default: throw GiveUp{};
    }
  }

  // attribute: key=IDENT '=' value
  ast::Attribute Attribute() {
    const Tok& key = Expect(T::kIdent);
    ast::Attribute a;
    a.key = Text(key);
    a.key_range = Range(key);
    Expect(T::kEquals);
    a.value = Value();
    a.range = Span(key);
    return a;
  }

  // block: kind=IDENT label? (IN reference)? '{' item* '}' ;  label: IDENT | STRING
  ast::Block Block() {
    const Tok& kind = Expect(T::kIdent);
    ast::Block b;
    b.kind = Text(kind);
    b.kind_range = Range(kind);
    b.header_range = b.kind_range;
    if (Peek().type == T::kIdent || Peek().type == T::kString) {
      const Tok& label = Take();
      b.has_label = true;
      b.label_range = Range(label);
      if (label.type == T::kString) {
        b.label_is_string = true;
        b.label = Unquoted(label);
      } else {
        b.label = Text(label);
      }
      b.header_range.length = b.label_range.end() - b.kind_range.offset;
    }
    if (Accept(T::kIn)) {
      b.has_in = true;
      b.in = Reference();
    }
    Expect(T::kLBrace);
    Open();
    while (Peek().type != T::kRBrace) Item(b.body);
    Take();
    Close();
    b.range = Span(kind);
    return b;
  }

  // paramDecl: PARAM name=IDENT (':' typeName)? ('=' value)? ('{' attribute* '}')?
  ast::Param Param() {
    const Tok& first = Expect(T::kParam);
    const Tok& name = Expect(T::kIdent);
    ast::Param p;
    p.name = Text(name);
    p.name_range = Range(name);
    if (Accept(T::kColon)) {
      const Tok& type_first = Peek();
      p.type = TypeName();
      p.type_range = Span(type_first);
    }
    if (Accept(T::kEquals)) {
      p.has_default = true;
      p.default_value = Value();
    }
    if (Accept(T::kLBrace)) {
      Open();
      while (Peek().type != T::kRBrace) p.attributes.push_back(Attribute());
      Take();
      Close();
    }
    p.range = Span(first);
    return p;
  }

  // typeName: IDENT ('<' typeName '>')?   (its text is the tokens' text, without blanks)
  std::string TypeName() {
    std::string text = Text(Expect(T::kIdent));
    if (Accept(T::kLess)) {
      Open();
      text += "<" + TypeName();
      Expect(T::kGreater);
      Close();
      text += ">";
    }
    return text;
  }

  // sgRule: ALLOW protocol=IDENT portList? direction=(FROM | TO) peer (',' peer)* ruleNote?
  ast::Rule Rule() {
    const Tok& first = Expect(T::kAllow);
    const Tok& protocol = Expect(T::kIdent);
    ast::Rule r;
    r.protocol = Text(protocol);
    r.protocol_range = Range(protocol);
    if (Peek().type == T::kNumber) {
      do {
        const Tok& from = Expect(T::kNumber);
        ast::PortRange range;
        range.from = Port(from);
        range.to = range.from;
        if (Accept(T::kDash)) range.to = Port(Expect(T::kNumber));
        range.range = Span(from);
        r.ports.push_back(range);
      } while (Accept(T::kComma));
    }
    if (Accept(T::kFrom)) {
      r.direction = ast::Rule::Direction::kIngress;
    } else if (Accept(T::kTo)) {
      r.direction = ast::Rule::Direction::kEgress;
    } else {
      throw GiveUp{};
    }
    do r.peers.push_back(Peer());
    while (Accept(T::kComma));
    if (Peek().type == T::kString) r.description = Unquoted(Take());
    r.range = Span(first);
    return r;
  }

  // Ports are checked for range in the schema pass; here only "is it a whole number".
  int Port(const Tok& t) const {
    std::string text = Text(t);
    if (text.find('.') != std::string::npos || text.size() > 6) return -1;
    return std::stoi(text);
  }

  // peer: STRING | CIDR | reference | IDENT
  ast::Value Peer() {
    const Tok& first = Peek();
    ast::Value v;
    if (first.type == T::kString) {
      Take();
      v.kind = ast::Value::Kind::kString;
      v.text = Unquoted(first);
    } else if (first.type == T::kCidr) {
      Take();
      v.kind = ast::Value::Kind::kCidr;
      v.text = Text(first);
    } else if ((first.type == T::kIdent || first.type == T::kParam) && Peek(1).type == T::kDot) {
      v = Reference();
    } else if (first.type == T::kIdent) {
      Take();
      v.kind = ast::Value::Kind::kReference;  // `self`; other words are the resolver's to report
      v.path.push_back(Text(first));
      v.path_ranges.push_back(Range(first));
    } else {
      throw GiveUp{};
    }
    v.range = Span(first);
    return v;
  }

  // reference: (IDENT | PARAM) ('.' segment)+ ;
  // segment: IDENT | STRING | PARAM | IN | FROM | TO | ALLOW | IMPORT
  ast::Value Reference() {
    const Tok& first = Peek();
    if (first.type != T::kIdent && first.type != T::kParam) throw GiveUp{};
    Take();
    ast::Value v;
    v.kind = ast::Value::Kind::kReference;
    v.path.push_back(Text(first));
    v.path_ranges.push_back(Range(first));
    Expect(T::kDot);
    do {
      const Tok& segment = Take();
      switch (segment.type) {
        case T::kString: v.path.push_back(Unquoted(segment)); break;
        case T::kIdent: case T::kParam: case T::kIn: case T::kFrom: case T::kTo: case T::kAllow: case T::kImport:
          v.path.push_back(Text(segment));
          break;
        default: throw GiveUp{};
      }
      v.path_ranges.push_back(Range(segment));
    } while (Accept(T::kDot));
    v.range = Span(first);
    return v;
  }

  // value: STRING | NUMBER | CIDR | true | false | null | list | map | reference
  ast::Value Value() {
    const Tok& first = Peek();
    ast::Value v;
    switch (first.type) {
      case T::kString: {
        Take();
        v.range = Range(first);
        v.kind = ast::Value::Kind::kString;
        v.text = Unquoted(first);
        if (v.text.find("${") != std::string::npos) v = Interpolate(Text(first), v.range, sink_);
        return v;
      }
      case T::kNumber:
      case T::kCidr:
        Take();
        v.kind = first.type == T::kNumber ? ast::Value::Kind::kNumber : ast::Value::Kind::kCidr;
        v.text = Text(first);
        break;
      case T::kTrue:
      case T::kFalse:
        Take();
        v.kind = ast::Value::Kind::kBool;
        v.boolean = first.type == T::kTrue;
        break;
      case T::kNull:
        Take();
        v.kind = ast::Value::Kind::kNull;
        break;
      case T::kLBracket:
        // '[' (value (','? value)* ','?)? ']'
        Take();
        Open();
        v.kind = ast::Value::Kind::kList;
        while (Peek().type != T::kRBracket) {
          v.items.push_back(Value());
          Accept(T::kComma);
        }
        Take();
        Close();
        break;
      case T::kLBrace:
        // '{' (mapEntry (','? mapEntry)* ','?)? '}' ;  mapEntry: (IDENT | STRING) ('=' | ':') value
        Take();
        Open();
        v.kind = ast::Value::Kind::kMap;
        while (Peek().type != T::kRBrace) {
          const Tok& key = Take();
          if (key.type != T::kIdent && key.type != T::kString) throw GiveUp{};
          std::string name = key.type == T::kIdent ? Text(key) : Unquoted(key);
          v.key_ranges.push_back(Range(key));
          if (!Accept(T::kEquals) && !Accept(T::kColon)) throw GiveUp{};
          v.entries.emplace_back(std::move(name), Value());
          Accept(T::kComma);
        }
        Take();
        Close();
        break;
      case T::kIdent:
      case T::kParam:
        v = Reference();
        break;
      default:
        throw GiveUp{};
    }
    v.range = Span(first);
    return v;
  }

  const std::string& text_;
  FileId file_;
  const std::vector<Tok>& tokens_;
  DiagSink& sink_;
  size_t p_ = 0;
  size_t depth_ = 0;
};

}  // namespace

std::unique_ptr<ast::File> FastParse(const std::string& text, FileId file, DiagSink& sink) {
  std::vector<Tok> tokens;
  if (!Lex(text, tokens)) return nullptr;
  // What the builder reports is kept apart until the whole file is read: if the reader gives up,
  // the ANTLR path reads the file again and reports it itself.
  DiagSink held(std::numeric_limits<size_t>::max());
  auto result = std::make_unique<ast::File>();
  result->id = file;
  try {
    Reader reader(text, file, tokens, held);
    reader.File(result->body);
  } catch (const GiveUp&) {
    return nullptr;
  }
  for (const Diagnostic& d : held.diagnostics()) sink.Add(d);
  return result;
}

}  // namespace topo::parse
