#include "emit/hcl/hcl_writer.h"

#include <cstdio>
#include <cstddef>
#include <cstdlib>
#include <stdexcept>

namespace topo::emit::hcl {

namespace {

// A malformed tree is a bug in an emitter, not a user mistake.
// The message is put together only when the check fails: checks run for every node built.
void Check(bool condition, std::string_view what, std::string_view subject = {}) {
  if (!condition) throw std::logic_error("hcl writer: " + std::string(what) + std::string(subject));
}

// Lists longer than this on one line are written one item per line.
constexpr size_t kMaxInlineList = 80;

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '-'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Decodes one UTF-8 sequence at `i`; returns U+FFFD for a malformed byte (input is validated
// upstream, this only keeps the writer total).
char32_t DecodeUtf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) -> int {
    if (i + k >= s.size()) return -1;
    unsigned char b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (c < 0x80) {
    i += 1;
    return c;
  }
  if ((c & 0xE0) == 0xC0) {
    int b1 = cont(1);
    if (b1 >= 0 && c >= 0xC2) {
      i += 2;
      return static_cast<char32_t>(((c & 0x1F) << 6) | b1);
    }
  } else if ((c & 0xF0) == 0xE0) {
    int b1 = cont(1), b2 = cont(2);
    if (b1 >= 0 && b2 >= 0) {
      char32_t cp = static_cast<char32_t>(((c & 0x0F) << 12) | (b1 << 6) | b2);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        i += 3;
        return cp;
      }
    }
  } else if ((c & 0xF8) == 0xF0) {
    int b1 = cont(1), b2 = cont(2), b3 = cont(3);
    if (b1 >= 0 && b2 >= 0 && b3 >= 0) {
      char32_t cp = static_cast<char32_t>(((c & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) {
        i += 4;
        return cp;
      }
    }
  }
  i += 1;
  return 0xFFFD;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Characters that are legal in an HCL string but dangerous or invisible in a reviewed file:
// line/paragraph separators, bidirectional controls ("Trojan Source"), the byte-order mark,
// U+FFFD from a malformed byte.
bool EscapeAlways(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0xFEFF || cp == 0xFFFD;
}

void AppendEscape(std::string& out, char32_t cp) {
  char buf[16];
  if (cp <= 0xFFFF) {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
  }
  out += buf;
}

// Appends the body of a quoted literal, without the quotes. Runs of printable ASCII other than
// `"`, backslash, `$` and `%` are copied as they are; everything else goes through the checks below.
void AppendLiteral(std::string_view text, bool ascii_only, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t plain = i;
    while (plain < text.size()) {
      unsigned char b = static_cast<unsigned char>(text[plain]);
      if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\' || b == '$' || b == '%') break;
      ++plain;
    }
    out.append(text.data() + i, plain - i);
    i = plain;
    if (i == text.size()) break;
    char c = text[i];
    if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{') {
      // `${` and `%{` would start a template sequence; doubling the first character keeps
      // them literal.
      out += c;
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    char32_t cp = DecodeUtf8(text, i);
    switch (cp) {
      case '\\': out += "\\\\"; continue;
      case '"': out += "\\\""; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (EscapeAlways(cp) || (ascii_only && cp >= 0x80)) {
      AppendEscape(out, cp);
    } else {
      AppendUtf8(out, cp);
    }
  }
}

void AppendQuoted(std::string_view text, bool ascii_only, std::string& out) {
  out += '"';
  AppendLiteral(text, ascii_only, out);
  out += '"';
}

bool IsKeyword(std::string_view s) {
  return s == "true" || s == "false" || s == "null" || s == "for" || s == "in" || s == "if";
}

void AppendKey(const std::string& key, std::string& out) {
  if (IsIdentifier(key) && !IsKeyword(key)) {
    out += key;
  } else {
    AppendQuoted(key, /*ascii_only=*/true, out);
  }
}

bool IsValidTraversal(std::string_view t) {
  size_t i = 0;
  auto ident = [&]() {
    if (i >= t.size() || !IsIdentStart(t[i])) return false;
    while (i < t.size() && IsIdentChar(t[i])) ++i;
    return true;
  };
  if (!ident()) return false;
  while (i < t.size()) {
    if (t[i] == '.') {
      ++i;
      if (i < t.size() && IsDigit(t[i])) {  // legacy index form a.0 is not used; reject
        return false;
      }
      if (!ident()) return false;
    } else if (t[i] == '[') {
      ++i;
      if (i < t.size() && t[i] == '"') {
        ++i;
        while (i < t.size() && t[i] != '"') {
          if (t[i] == '\\' || t[i] == '$' || t[i] == '%') return false;
          ++i;
        }
        if (i >= t.size()) return false;
        ++i;
      } else {
        size_t start = i;
        while (i < t.size() && IsDigit(t[i])) ++i;
        if (i == start) return false;
      }
      if (i >= t.size() || t[i] != ']') return false;
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

bool IsValidNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == start) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == frac) return false;
  }
  return i == s.size();
}

bool IsValidType(std::string_view s) {
  // Identifiers, parentheses, commas, braces, `=` and spaces: string, list(string),
  // object({ a = string }).
  if (s.empty()) return false;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '{') ++depth;
    else if (c == ')' || c == '}') --depth;
    else if (!(IsIdentChar(c) || c == ',' || c == ' ' || c == '=')) return false;
    if (depth < 0) return false;
  }
  return depth == 0;
}

void AppendIndent(int level, std::string& out) { out.append(static_cast<size_t>(level) * 2, ' '); }

bool HasNewline(const std::string& s, size_t from) { return s.find('\n', from) != std::string::npos; }

void AppendExpr(const Expr& e, int indent, std::string& out);

// Writes `key = value` lines at `indent`, aligning `=` within runs of single-line values as
// terraform fmt does (a multi-line value, a comment, a blank line or a block ends a run). Keys
// and values of the current run wait in one buffer until the run ends.
class AssignRun {
 public:
  AssignRun(int indent, std::string& out) : indent_(indent), out_(out) { pending_.reserve(512); }
  ~AssignRun() { Flush(); }

  // `key` is written as it is (an identifier) or quoted (`quote_key`); `value` is rendered at
  // `value_indent`.
  void Add(const std::string& key, bool quote_key, const Expr& value, int value_indent) {
    Line line;
    line.key = pending_.size();
    if (quote_key) {
      AppendKey(key, pending_);
    } else {
      pending_ += key;
    }
    line.value = pending_.size();
    AppendExpr(value, value_indent, pending_);
    line.end = pending_.size();
    if (!HasNewline(pending_, line.value)) {
      lines_.push_back(line);
      return;
    }
    // A multi-line value ends the run before it and stands alone.
    Write(line.key);
    AppendIndent(indent_, out_);
    out_.append(pending_, line.key, line.value - line.key);
    out_ += " = ";
    out_.append(pending_, line.value, line.end - line.value);
    out_ += '\n';
    pending_.clear();
  }

  void Flush() {
    Write(pending_.size());
    pending_.clear();
  }

 private:
  struct Line {
    size_t key = 0, value = 0, end = 0;  // offsets in pending_
  };
  // Writes the lines of the run (all held before `limit`) and forgets them.
  void Write(size_t limit) {
    size_t width = 0;
    for (const auto& l : lines_) width = std::max(width, l.value - l.key);
    for (const auto& l : lines_) {
      if (l.end > limit) break;
      AppendIndent(indent_, out_);
      out_.append(pending_, l.key, l.value - l.key);
      out_.append(width - (l.value - l.key), ' ');
      out_ += " = ";
      out_.append(pending_, l.value, l.end - l.value);
      out_ += '\n';
    }
    lines_.clear();
  }

  int indent_;
  std::string& out_;
  std::string pending_;
  std::vector<Line> lines_;
};

std::vector<std::string> CommentLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  auto flush = [&]() {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    lines.push_back(line);
    line.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      flush();
      ++i;
      continue;
    }
    char32_t cp = DecodeUtf8(text, i);
    if (cp == '\t') {
      line += ' ';
    } else if (EscapeAlways(cp)) {
      AppendEscape(line, cp);
    } else {
      AppendUtf8(line, cp);
    }
  }
  flush();
  return lines;
}

void AppendComment(const std::string& text, int indent, std::string& out) {
  for (const auto& line : CommentLines(text)) {
    AppendIndent(indent, out);
    out += line.empty() ? "#" : "# ";
    out += line;
    out += '\n';
  }
}

void RenderBody(const Body& body, int indent, std::string& out);

void RenderBlock(const Block& block, int indent, std::string& out) {
  for (const auto& c : block.comments()) AppendComment(c, indent, out);
  AppendIndent(indent, out);
  out += block.type();
  for (const auto& label : block.labels()) {
    out += ' ';
    AppendQuoted(label, false, out);
  }
  if (block.body().empty()) {
    out += " {}\n";
    return;
  }
  out += " {\n";
  RenderBody(block.body(), indent + 1, out);
  AppendIndent(indent, out);
  out += "}\n";
}

void RenderBody(const Body& body, int indent, std::string& out) {
  // Blank lines are normalized: one around every nested block, none repeated, none at the ends.
  AssignRun run(indent, out);
  const Body::Item* previous = nullptr;
  bool pending_blank = false;
  for (const auto& item : body.items()) {
    if (item.kind == Body::Item::Kind::kSlot) continue;
    if (item.kind == Body::Item::Kind::kBlank) {
      pending_blank = true;
      continue;
    }
    bool block = item.kind == Body::Item::Kind::kBlock;
    bool after_block = previous != nullptr && previous->kind == Body::Item::Kind::kBlock;
    if (previous != nullptr && (pending_blank || block || after_block)) {
      run.Flush();
      out += '\n';
    }
    pending_blank = false;
    previous = &item;
    switch (item.kind) {
      case Body::Item::Kind::kAttribute: run.Add(item.name, false, item.value, indent); break;
      case Body::Item::Kind::kBlock:
        run.Flush();
        RenderBlock(*item.block, indent, out);
        break;
      case Body::Item::Kind::kComment:
        run.Flush();
        AppendComment(item.name, indent, out);
        break;
      case Body::Item::Kind::kBlank:
      case Body::Item::Kind::kSlot: break;
    }
  }
}

bool IsSimple(const Expr& e) {
  switch (e.kind()) {
    case Expr::Kind::kList: return e.items().empty();
    case Expr::Kind::kObject: return e.entries().empty();
    case Expr::Kind::kForObject: return false;
    case Expr::Kind::kCall:
      for (const auto& a : e.items()) {
        if (!IsSimple(a)) return false;
      }
      return true;
    default: return true;
  }
}

}  // namespace

// ---- Expr ----

Expr Expr::Null() { return Expr(); }

Expr Expr::Bool(bool value) {
  Expr e;
  e.kind_ = Kind::kBool;
  e.text_ = value ? "true" : "false";
  return e;
}

Expr Expr::Number(std::string_view literal) {
  Check(IsValidNumber(literal), "not a number literal: ", literal);
  Expr e;
  e.kind_ = Kind::kNumber;
  // Drop leading zeros (`007`), keeping a single digit before the point.
  std::string text(literal);
  bool negative = !text.empty() && text[0] == '-';
  std::string digits = negative ? text.substr(1) : text;
  size_t z = 0;
  while (z + 1 < digits.size() && digits[z] == '0' && IsDigit(digits[z + 1])) ++z;
  e.text_ = (negative ? "-" : "") + digits.substr(z);
  return e;
}

Expr Expr::Int(long long value) { return Number(std::to_string(value)); }

Expr Expr::String(std::string text) {
  Expr e;
  e.kind_ = Kind::kString;
  e.text_ = std::move(text);
  return e;
}

Expr Expr::Ref(std::string traversal) {
  Check(IsValidTraversal(traversal), "not a traversal: ", traversal);
  Expr e;
  e.kind_ = Kind::kRef;
  e.text_ = std::move(traversal);
  return e;
}

Expr Expr::Ref(const std::string& type, const std::string& name, const std::string& attribute) {
  std::string t = type + "." + name;
  if (!attribute.empty()) t += "." + attribute;
  return Ref(t);
}

Expr Expr::Template(std::vector<Expr> parts) {
  // Merge neighbouring literal parts so escaping sees them whole; a template of one literal is
  // just a string.
  std::vector<Expr> merged;
  for (auto& p : parts) {
    if (p.kind_ == Kind::kString && !merged.empty() && merged.back().kind_ == Kind::kString) {
      merged.back().text_ += p.text_;
    } else if (p.kind_ == Kind::kTemplate) {
      for (auto& q : p.items_) merged.push_back(std::move(q));
    } else {
      Check(p.kind_ != Kind::kList && p.kind_ != Kind::kObject && p.kind_ != Kind::kForObject,
            "a template cannot interpolate a list or object");
      merged.push_back(std::move(p));
    }
  }
  if (merged.empty()) return String("");
  if (merged.size() == 1 && merged[0].kind_ == Kind::kString) return merged[0];
  // "${x}" alone is the expression x (terraform fmt unwraps it).
  if (merged.size() == 1) return merged[0];
  Expr e;
  e.kind_ = Kind::kTemplate;
  e.items_ = std::move(merged);
  return e;
}

Expr Expr::List(std::vector<Expr> items) {
  Expr e;
  e.kind_ = Kind::kList;
  e.items_ = std::move(items);
  return e;
}

Expr Expr::Object(std::vector<std::pair<std::string, Expr>> entries) {
  Expr e;
  e.kind_ = Kind::kObject;
  e.entries_ = std::move(entries);
  return e;
}

Expr Expr::Call(std::string function, std::vector<Expr> args) {
  Check(IsIdentifier(function), "not a function name: ", function);
  Expr e;
  e.kind_ = Kind::kCall;
  e.text_ = std::move(function);
  e.items_ = std::move(args);
  return e;
}

Expr Expr::ForList(std::string var, Expr collection, Expr value) {
  Check(IsIdentifier(var), "not a variable name: ", var);
  Expr e;
  e.kind_ = Kind::kForList;
  e.text_ = std::move(var);
  e.items_ = {std::move(collection), std::move(value)};
  return e;
}

Expr Expr::ForObject(std::string var, Expr collection, Expr key, Expr value) {
  Check(IsIdentifier(var), "not a variable name: ", var);
  Expr e;
  e.kind_ = Kind::kForObject;
  e.text_ = std::move(var);
  e.items_ = {std::move(collection), std::move(key), std::move(value)};
  return e;
}

Expr Expr::Type(std::string spelling) {
  Check(IsValidType(spelling), "not a type constraint: ", spelling);
  Expr e;
  e.kind_ = Kind::kType;
  e.text_ = std::move(spelling);
  return e;
}

bool Expr::operator==(const Expr& other) const {
  return kind_ == other.kind_ && text_ == other.text_ && items_ == other.items_ && entries_ == other.entries_;
}

// ---- Body ----

Body::Body() = default;
Body::~Body() = default;
Body::Body(Body&&) noexcept = default;
Body& Body::operator=(Body&&) noexcept = default;

Body::Body(const Body& other) { *this = other; }

Body& Body::operator=(const Body& other) {
  if (this == &other) return *this;
  items_.clear();
  for (const auto& item : other.items_) {
    Item copy;
    copy.kind = item.kind;
    copy.name = item.name;
    copy.value = item.value;
    if (item.block) copy.block = std::make_unique<Block>(*item.block);
    items_.push_back(std::move(copy));
  }
  return *this;
}

Body::Item& Body::Push(Item::Kind kind) {
  if (items_.capacity() == 0) items_.reserve(8);  // most bodies hold a few attributes
  Item& item = items_.emplace_back();
  item.kind = kind;
  return item;
}

Body& Body::Attr(const std::string& name, Expr value) {
  Check(IsIdentifier(name), "not an attribute name: ", name);
  Item& item = Push(Item::Kind::kAttribute);
  item.name = name;
  item.value = std::move(value);
  return *this;
}

Block& Body::AddBlock(const std::string& type, std::vector<std::string> labels) {
  return *AddBlock(Block(type, std::move(labels))).items_.back().block;
}

Body& Body::AddBlock(Block block) {
  Check(IsIdentifier(block.type()), "not a block type: ", block.type());
  Push(Item::Kind::kBlock).block = std::make_unique<Block>(std::move(block));
  return *this;
}

Body& Body::Blank() {
  Push(Item::Kind::kBlank);
  return *this;
}

Body& Body::Comment(const std::string& text) {
  Push(Item::Kind::kComment).name = text;
  return *this;
}

Body& Body::Slot(const std::string& slot) {
  Push(Item::Kind::kSlot).name = slot;
  return *this;
}

Body& Body::Fill(const std::string& slot, const std::string& name, Expr value) {
  Check(IsIdentifier(name), "not an attribute name: ", name);
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].kind == Item::Kind::kSlot && items_[i].name == slot) {
      // Before the slot, which stays for further attributes of the same group.
      Item item;
      item.kind = Item::Kind::kAttribute;
      item.name = name;
      item.value = std::move(value);
      items_.insert(items_.begin() + static_cast<std::ptrdiff_t>(i), std::move(item));
      return *this;
    }
  }
  return Attr(name, std::move(value));
}

bool Body::Has(const std::string& attribute) const { return Find(attribute) != nullptr; }

const Expr* Body::Find(const std::string& attribute) const {
  for (const auto& item : items_) {
    if (item.kind == Item::Kind::kAttribute && item.name == attribute) return &item.value;
  }
  return nullptr;
}

Body& Body::Set(const std::string& name, Expr value) {
  for (auto& item : items_) {
    if (item.kind == Item::Kind::kAttribute && item.name == name) {
      item.value = std::move(value);
      return *this;
    }
  }
  return Attr(name, std::move(value));
}

// ---- rendering ----

std::string QuoteString(std::string_view text, bool ascii_only) {
  std::string out;
  AppendQuoted(text, ascii_only, out);
  return out;
}

bool IsIdentifier(std::string_view text) {
  if (text.empty() || !IsIdentStart(text[0])) return false;
  for (char c : text) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

std::string ToIdentifier(std::string_view text) {
  std::string out;
  bool pending_sep = false;
  for (char c : text) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool keep = (l >= 'a' && l <= 'z') || IsDigit(l);
    if (!keep) {
      pending_sep = true;
      continue;
    }
    if (pending_sep && !out.empty()) out += '_';
    pending_sep = false;
    out += l;
  }
  if (out.empty()) return "_";
  if (IsDigit(out[0])) out = "_" + out;
  return out;
}

namespace {

void AppendExpr(const Expr& e, int indent, std::string& out) {
  switch (e.kind()) {
    case Expr::Kind::kNull: out += "null"; return;
    case Expr::Kind::kBool:
    case Expr::Kind::kNumber:
    case Expr::Kind::kRef:
    case Expr::Kind::kType: out += e.text(); return;
    case Expr::Kind::kString: AppendQuoted(e.text(), false, out); return;
    case Expr::Kind::kTemplate: {
      out += '"';
      const auto& parts = e.items();
      for (size_t i = 0; i < parts.size(); ++i) {
        const Expr& p = parts[i];
        if (p.kind() == Expr::Kind::kString) {
          size_t start = out.size();
          AppendLiteral(p.text(), false, out);
          // A literal `$` or `%` right before an interpolation would read as an escape (`$${`):
          // write that character as an interpolated string instead.
          bool next_interp = i + 1 < parts.size() && parts[i + 1].kind() != Expr::Kind::kString;
          if (next_interp && out.size() > start && (out.back() == '$' || out.back() == '%')) {
            char last = out.back();
            out.pop_back();
            out += "${\"";
            out += last;
            out += "\"}";
          }
        } else {
          out += "${";
          size_t start = out.size();
          AppendExpr(p, indent, out);
          Check(!HasNewline(out, start), "a template cannot interpolate a multi-line expression");
          out += '}';
        }
      }
      out += '"';
      return;
    }
    case Expr::Kind::kList: {
      if (e.items().empty()) {
        out += "[]";
        return;
      }
      bool simple = true;
      for (const auto& item : e.items()) simple = simple && IsSimple(item);
      size_t start = out.size();
      if (simple) {
        out += '[';
        for (size_t i = 0; i < e.items().size(); ++i) {
          if (i) out += ", ";
          AppendExpr(e.items()[i], indent, out);
        }
        out += ']';
        if (out.size() - start <= kMaxInlineList && !HasNewline(out, start)) return;
        out.resize(start);
      }
      out += "[\n";
      for (const auto& item : e.items()) {
        AppendIndent(indent + 1, out);
        AppendExpr(item, indent + 1, out);
        out += ",\n";
      }
      AppendIndent(indent, out);
      out += ']';
      return;
    }
    case Expr::Kind::kObject: {
      if (e.entries().empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      {
        AssignRun run(indent + 1, out);
        for (const auto& [key, value] : e.entries()) run.Add(key, true, value, indent + 1);
      }
      AppendIndent(indent, out);
      out += '}';
      return;
    }
    case Expr::Kind::kCall: {
      out += e.text();
      out += '(';
      bool multiline = false;
      for (size_t i = 0; i < e.items().size(); ++i) {
        if (i) out += ", ";
        size_t start = out.size();
        AppendExpr(e.items()[i], indent, out);
        multiline = multiline || HasNewline(out, start);
      }
      Check(!multiline || e.items().size() == 1, "a call with a multi-line argument takes only that argument");
      out += ')';
      return;
    }
    case Expr::Kind::kForList: {
      size_t start = out.size();
      out += "[for ";
      out += e.text();
      out += " in ";
      AppendExpr(e.items()[0], indent, out);
      out += " : ";
      AppendExpr(e.items()[1], indent, out);
      Check(!HasNewline(out, start), "a list for-expression must fit on one line");
      out += ']';
      return;
    }
    case Expr::Kind::kForObject: {
      out += "{\n";
      AppendIndent(indent + 1, out);
      size_t start = out.size();
      out += "for ";
      out += e.text();
      out += " in ";
      AppendExpr(e.items()[0], indent + 1, out);
      out += " : ";
      AppendExpr(e.items()[1], indent + 1, out);
      Check(!HasNewline(out, start), "a for-expression's collection and key must fit on one line");
      out += " => ";
      AppendExpr(e.items()[2], indent + 1, out);
      out += '\n';
      AppendIndent(indent, out);
      out += '}';
      return;
    }
  }
  out += "null";
}

}  // namespace

std::string RenderExpr(const Expr& e, int indent) {
  std::string out;
  AppendExpr(e, indent, out);
  return out;
}

void AppendBlock(const Block& block, std::string& out) {
  if (!out.empty()) out += '\n';
  RenderBlock(block, 0, out);
}

std::string RenderFile(const std::vector<Block>& blocks, const std::vector<std::string>& header) {
  std::string out;
  for (const auto& h : header) {
    for (const auto& line : CommentLines(h)) out += line.empty() ? "#\n" : "# " + line + "\n";
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0 || !header.empty()) out += '\n';
    RenderBlock(blocks[i], 0, out);
  }
  return out;
}

}  // namespace topo::emit::hcl
