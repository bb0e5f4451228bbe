#pragma once
// A small syntax tree of Terraform's HCL and the writer that renders it. The writer owns all
// quoting and escaping (a user's string can never break out of its literal or start a template
// sequence) and lays the text out exactly as `terraform fmt` would: two-space indentation, `=`
// aligned within runs of consecutive single-line attributes, one blank line between top-level
// blocks. Emitters build trees; they never paste HCL text together.
//
// Layout choices the writer makes (terraform fmt keeps whatever line breaks it is given):
//   - objects with entries are always multi-line, one entry per line;
//   - lists stay on one line when every item is a scalar or reference and the list is short,
//     otherwise one item per line with a trailing comma;
//   - a function call whose single argument is multi-line opens it on the call's line
//     (`jsonencode({` ... `})`);
//   - a nested block is separated from its neighbours by a blank line.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace topo::emit::hcl {

// An HCL expression.
class Expr {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kTemplate, kRef, kList, kObject, kCall, kForList, kForObject, kType };

  Expr() = default;
  static Expr Null();
  static Expr Bool(bool value);
  // A number literal as written (`42`, `0.5`); anything that is not a plain decimal is a program bug.
  static Expr Number(std::string_view literal);
  static Expr Int(long long value);
  // A literal string: any text, escaped when written (quotes, backslashes, control characters,
  // `${` and `%{`).
  static Expr String(std::string text);
  // A traversal: `aws_vpc.main.id`, `var.domain`, `each.value.name`, `aws_x.y.list[0].id`.
  // Its syntax is checked: a malformed traversal is a program bug.
  static Expr Ref(std::string traversal);
  // Builds a traversal from a root and attribute names: Ref("aws_vpc", "main", "id").
  static Expr Ref(const std::string& type, const std::string& name, const std::string& attribute);
  // A string template: String parts are literal text, every other part is interpolated, as in
  // "${aws_s3_bucket.assets.arn}/*".
  static Expr Template(std::vector<Expr> parts);
  static Expr List(std::vector<Expr> items);
  // Keys are literal strings; they are written bare when they are identifiers.
  static Expr Object(std::vector<std::pair<std::string, Expr>> entries);
  static Expr Call(std::string function, std::vector<Expr> args);
  // [for VAR in COLLECTION : VALUE]
  static Expr ForList(std::string var, Expr collection, Expr value);
  // { for VAR in COLLECTION : KEY => VALUE }
  static Expr ForObject(std::string var, Expr collection, Expr key, Expr value);
  // A type constraint of a variable: string, number, bool, list(string), map(number), any.
  static Expr Type(std::string spelling);

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  const std::vector<Expr>& items() const { return items_; }
  const std::vector<std::pair<std::string, Expr>>& entries() const { return entries_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool operator==(const Expr& other) const;
  bool operator!=(const Expr& other) const { return !(*this == other); }

 private:
  Kind kind_ = Kind::kNull;
  std::string text_;                                  // literal, traversal, function, for variable
  std::vector<Expr> items_;                           // list items, call args, template parts, for parts
  std::vector<std::pair<std::string, Expr>> entries_;  // object
};

class Block;

// The inside of a block (or of a whole file): attributes, nested blocks, comments, blank lines.
class Body {
 public:
  Body();
  Body(const Body& other);
  Body& operator=(const Body& other);
  Body(Body&&) noexcept;
  Body& operator=(Body&&) noexcept;
  ~Body();

  // Appends `name = value`. `name` must be an identifier.
  Body& Attr(const std::string& name, Expr value);
  // Appends a nested block and returns it for filling in.
  Block& AddBlock(const std::string& type, std::vector<std::string> labels = {});
  Body& AddBlock(Block block);
  // A blank line here. Repeated blank lines collapse; blank lines at either end are dropped.
  Body& Blank();
  // `# text` lines; a multi-line text becomes several comment lines.
  Body& Comment(const std::string& text);
  // A named place for an attribute that is filled in later (Fill), so that attributes keep a
  // chosen order whatever order the emitter computes them in. Unfilled slots write nothing.
  Body& Slot(const std::string& slot);
  // Writes `name = value` at the slot's place (after what was filled in before), or at the end
  // when there is no such slot.
  Body& Fill(const std::string& slot, const std::string& name, Expr value);

  bool empty() const { return items_.empty(); }
  bool Has(const std::string& attribute) const;
  const Expr* Find(const std::string& attribute) const;
  // Replaces an attribute's value, or appends it.
  Body& Set(const std::string& name, Expr value);

  struct Item {
    enum class Kind { kAttribute, kBlock, kBlank, kComment, kSlot };
    Kind kind = Kind::kBlank;
    std::string name;  // attribute name, or comment text
    Expr value;
    std::unique_ptr<Block> block;
  };
  const std::vector<Item>& items() const { return items_; }

 private:
  Item& Push(Item::Kind kind);
  std::vector<Item> items_;
};

class Block {
 public:
  Block(std::string type, std::vector<std::string> labels) : type_(std::move(type)), labels_(std::move(labels)) {}
  const std::string& type() const { return type_; }
  const std::vector<std::string>& labels() const { return labels_; }
  Body& body() { return body_; }
  const Body& body() const { return body_; }
  // Comment lines written above the block.
  std::vector<std::string>& comments() { return comments_; }
  const std::vector<std::string>& comments() const { return comments_; }

 private:
  std::string type_;
  std::vector<std::string> labels_;
  Body body_;
  std::vector<std::string> comments_;
};

// Renders top-level blocks as a file: one blank line between blocks, a final newline.
// `header` comment lines (may be empty) come first.
std::string RenderFile(const std::vector<Block>& blocks, const std::vector<std::string>& header = {});
// Appends one top-level block to a file being rendered: after a blank line unless `out` is
// empty. RenderFile(blocks) is these appends in order.
void AppendBlock(const Block& block, std::string& out);
// Renders one expression at indentation level `indent` (multi-line expressions indent their
// inner lines one level deeper).
std::string RenderExpr(const Expr& expr, int indent = 0);

// A quoted HCL string literal for `text`: escapes `"` and `\`, writes control characters,
// line and paragraph separators and bidirectional controls as \uNNNN, and doubles the first
// character of `${` and `%{` so they stay literal. With `ascii_only`, every non-ASCII
// character is escaped too (used for object keys, whose width must be counted exactly).
std::string QuoteString(std::string_view text, bool ascii_only = false);
// True for an HCL identifier: a letter or underscore, then letters, digits, `_` or `-`.
bool IsIdentifier(std::string_view text);
// A Terraform name made from arbitrary text: lower case, runs of other characters become one
// `_`, a leading digit gets a `_` prefix; never empty.
std::string ToIdentifier(std::string_view text);

}  // namespace topo::emit::hcl
