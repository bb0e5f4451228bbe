// The hand-written reader (parse/fast_parser.h) against the ANTLR parser generated from
// grammar/Topo.g4, the reference: on every .topo file of the repository (samples, golden cases,
// fuzz regressions) and on inputs written to probe the lexer's corners, whatever the reader
// accepts must give the same AST, every source range included, and the same diagnostics as the
// ANTLR path; and it must accept every sample (else the fast path silently never runs).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse/fast_parser.h"
#include "parse/parser.h"

namespace topo {
namespace {

namespace fs = std::filesystem;

std::string R(const SourceRange& r) { return "@" + std::to_string(r.offset) + "+" + std::to_string(r.length); }

void DumpValue(std::string& out, const ast::Value& v) {
  out += "(v" + std::to_string(static_cast<int>(v.kind)) + R(v.range) + " '" + v.text + "' " + (v.boolean ? "T" : "F");
  for (const auto& i : v.items) DumpValue(out, i);
  for (size_t i = 0; i < v.entries.size(); ++i) {
    out += " " + v.entries[i].first + (i < v.key_ranges.size() ? R(v.key_ranges[i]) : "?") + "=";
    DumpValue(out, v.entries[i].second);
  }
  for (size_t i = 0; i < v.path.size(); ++i) out += " ." + v.path[i] + (i < v.path_ranges.size() ? R(v.path_ranges[i]) : "?");
  out += ")";
}

void DumpBody(std::string& out, const ast::Body& body);

void DumpAttribute(std::string& out, const ast::Attribute& a) {
  out += "attr " + a.key + R(a.key_range) + R(a.range) + " ";
  DumpValue(out, a.value);
  out += "\n";
}

void DumpBody(std::string& out, const ast::Body& body) {
  for (const auto& i : body.imports) out += "import " + i.path + R(i.path_range) + R(i.range) + "\n";
  for (const auto& p : body.params) {
    out += "param " + p.name + R(p.name_range) + " " + p.type + R(p.type_range) + R(p.range) + (p.has_default ? " = " : "");
    if (p.has_default) DumpValue(out, p.default_value);
    out += "\n";
    for (const auto& a : p.attributes) DumpAttribute(out, a);
  }
  for (const auto& a : body.attributes) DumpAttribute(out, a);
  for (const auto& r : body.rules) {
    out += "rule " + r.protocol + R(r.protocol_range) + R(r.range) + (r.direction == ast::Rule::Direction::kIngress ? " in" : " out");
    for (const auto& p : r.ports) out += " " + std::to_string(p.from) + "-" + std::to_string(p.to) + R(p.range);
    for (const auto& p : r.peers) DumpValue(out, p);
    out += " '" + r.description + "'\n";
  }
  for (const auto& b : body.blocks) {
    out += "block " + b.kind + R(b.kind_range) + (b.has_label ? " label " + b.label + R(b.label_range) : "") +
           (b.label_is_string ? " (string)" : "") + R(b.header_range) + R(b.range);
    if (b.has_in) DumpValue(out, b.in);
    out += " {\n";
    DumpBody(out, b.body);
    out += "}\n";
  }
}

std::string FullDump(const ast::File& f) {
  std::string out;
  DumpBody(out, f.body);
  return out;
}

std::string Diags(const DiagSink& sink) {
  std::string out;
  for (const auto& d : sink.diagnostics()) out += d.code() + R(d.range) + " " + d.message + " | " + d.help + "\n";
  return out;
}

// Returns whether the reader accepted `text`; fails the test if what it built differs.
bool Compare(const std::string& name, const std::string& text) {
  SourceManager sources;
  FileId id = sources.Add(name, text);
  DiagSink fast_sink, antlr_sink;
  auto fast = parse::FastParse(text, id, fast_sink);
  if (fast == nullptr) {
    EXPECT_TRUE(fast_sink.diagnostics().empty()) << name << ": the reader gave up but reported";
    return false;
  }
  auto antlr = parse::ParseFileWithAntlr(sources, id, antlr_sink);
  EXPECT_NE(antlr, nullptr) << name << ": the reader accepted a file ANTLR rejects:\n" << Diags(antlr_sink);
  if (antlr == nullptr) return true;
  EXPECT_EQ(FullDump(*fast), FullDump(*antlr)) << name;
  EXPECT_EQ(Diags(fast_sink), Diags(antlr_sink)) << name;
  return true;
}

// ParseFile refuses invalid UTF-8 before either parser runs (T0109).
bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ParseEquivalenceTest, EveryFileOfTheRepositoryParsesTheSameWay) {
  const fs::path root = TOPO_SOURCE_DIR;
  size_t files = 0, accepted = 0;
  for (const char* dir : {"samples", "tests/cases", "tests/fuzz/regressions"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".topo") continue;
      ++files;
      std::string text = Read(e.path());
      if (text.size() > parse::kMaxFileBytes || !ValidUtf8(text)) continue;
      bool ok = Compare(e.path().lexically_relative(root).string(), text);
      accepted += ok;
      if (e.path().parent_path() == root / "samples") {
        EXPECT_TRUE(ok) << e.path() << ": the fast path gave up on a sample";
      }
    }
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(accepted, files / 2) << "the fast path gives up on most files";
}

TEST(ParseEquivalenceTest, LexicalCornersParseTheSameWay) {
  const std::vector<std::string> inputs = {
      // keywords as labels, segments and inside identifiers; CIDR against NUMBER
      "vpc imports { cidr = 10.0.0.0/16 }\nx = a.in.to.from.allow.import.param\n",
      "v = 1.5\nw = 10\nc = 192.168.0.0/24\nl = [1, 2.25 3,]\nm = { a = 1, \"b c\": 2, }\n",
      "nets = [10.0.0.0/8 172.16.0.0/12]\nn = null t = true f = false\n",
      // strings: escapes, interpolation, a literal ${, non-ASCII, a bad escape, a bad interpolation
      "a = \"x\\\"y\\\\z\\n\\t\\r\"\nb = \"arn:${bucket.b.name}/*\"\nc = \"$${not}\"\nd = \"h\xC3\xA9llo \xE2\x82\xAC\"\n",
      "e = \"bad \\q escape\"\nf = \"${oops\"\ng = \"${a b}\"\n",
      // comments of the three kinds, blank lines, CRLF
      "# one\n// two\n/* three\n */ a = 1 // four\r\nb = 2 # five\r\n",
      // rules: ports, ranges, several peers, self, a parameter, a note, egress
      "security_group g {\n allow tcp 80, 443, 1024-65535 from \"0.0.0.0/0\", 10.0.0.0/8 \"web\"\n"
      " allow all from self\n allow udp 53 to security_group.dns, param.cidrs\n allow icmp from sg.\"x y\".z\n}\n",
      // params: types, defaults, attribute blocks
      "param a : string = \"x\" { description = \"d\" }\nparam b : list<string>\nparam c : map < list < string > >\n"
      "param d = 5\nparam e : secret\nimport \"other.topo\"\n",
      // blocks: string labels, `in`, nesting, empty bodies
      "region \"eu-west-1\" { vpc main { subnet a in vpc.main { } } }\nbucket \"my.bucket\" {}\nx {}\n",
      // inputs the reader must give up on (ANTLR reports them)
      "a = \"unterminated\n", "a = 1 $ b = 2\n", "/* open comment\n", "vpc x { a = }\n", "a = b\n", "a = x.true\n",
      "vpc { \n", "}\n", "a = [1,,2]\n", "a = {,}\n", "param x : list<\n", "a = -1\n", "a = 1.2.3\n",
      "allow tcp from\n", "allow tcp 80 from param\n", "v = 10.0.0.0/\n", "a = \"x\" \"y\"\n", "a = \xC3\xA9\n",
  };
  size_t accepted = 0;
  for (size_t i = 0; i < inputs.size(); ++i) accepted += Compare("corner" + std::to_string(i) + ".topo", inputs[i]);
  EXPECT_GE(accepted, 9u);  // the first nine are well-formed
}

TEST(ParseEquivalenceTest, NestingBeyondTheLimitIsLeftToAntlr) {
  std::string deep;
  for (int i = 0; i <= parse::kMaxNesting; ++i) deep += "b" + std::to_string(i) + " {\n";
  for (int i = 0; i <= parse::kMaxNesting; ++i) deep += "}\n";
  SourceManager sources;
  DiagSink sink;
  EXPECT_EQ(parse::FastParse(deep, sources.Add("deep.topo", deep), sink), nullptr);
  EXPECT_TRUE(sink.diagnostics().empty());
}

}  // namespace
}  // namespace topo
