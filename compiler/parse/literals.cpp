#include "parse/literals.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace topo::parse {

namespace {

ast::Value Plain(const std::string& raw, SourceRange range) {
  ast::Value v;
  v.kind = ast::Value::Kind::kString;
  v.text = raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : raw;
  v.range = range;
  return v;
}

}  // namespace

std::string Unquote(const std::string& raw, SourceRange range, DiagSink& sink) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    char next = raw[++i];
    switch (next) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      default: {
        SourceRange r = range;
        r.offset += static_cast<uint32_t>(i - 1);
        r.length = 2;
        sink.Report(DiagKind::kInvalidString, r, fmt::format("unknown escape sequence `\\{}` in string", next))
            .help = "the escapes are \\\" \\\\ \\n \\t \\r";
        out += next;
      }
    }
  }
  return out;
}

// "arn:aws:s3:::${bucket.backup.name}/*" -> literal and reference parts. `$${` is a literal
// `${`. Works on the raw token text so that ranges point into the file.
ast::Value Interpolate(const std::string& raw, SourceRange range, DiagSink& sink) {
  const FileId file = range.file;
  ast::Value out;
  out.kind = ast::Value::Kind::kTemplate;
  out.range = range;
  std::string literal;
  auto flush = [&]() {
    if (literal.empty()) return;
    ast::Value part;
    part.kind = ast::Value::Kind::kString;
    part.text = literal;
    part.range = range;
    out.items.push_back(std::move(part));
    literal.clear();
  };
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 2 < raw.size()) {
      char next = raw[++i];
      literal += next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next;
      continue;
    }
    if (c == '$' && raw.compare(i, 3, "$${") == 0) {
      literal += "${";
      i += 2;
      continue;
    }
    if (c != '$' || raw.compare(i, 2, "${") != 0) {
      literal += c;
      continue;
    }
    size_t close = raw.find('}', i + 2);
    uint32_t at = range.offset + static_cast<uint32_t>(i);
    if (close == std::string::npos || close + 1 >= raw.size() + 1) {
      sink.Report(DiagKind::kInvalidString, SourceRange{file, at, 2}, "`${` is not closed with `}`").help =
          "write `${kind.name.attribute}` or `${param.name}`; a literal `${` is written `$${`";
      return Plain(raw, range);
    }
    std::string inner = raw.substr(i + 2, close - i - 2);
    ast::Value ref;
    ref.kind = ast::Value::Kind::kReference;
    size_t start = 0;
    bool ok = !inner.empty();
    while (ok && start <= inner.size()) {
      size_t dot = inner.find('.', start);
      std::string segment = inner.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      ok = !segment.empty() && std::all_of(segment.begin(), segment.end(), is_word);
      ref.path.push_back(segment);
      ref.path_ranges.push_back(SourceRange{file, at + 2 + static_cast<uint32_t>(start),
                                            static_cast<uint32_t>(segment.size())});
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    ref.range = SourceRange{file, at + 2, static_cast<uint32_t>(inner.size())};
    if (!ok || ref.path.size() < 2) {
      sink.Report(DiagKind::kInvalidString, SourceRange{file, at, static_cast<uint32_t>(close - i + 1)},
                   fmt::format("`${{{}}}` is not a reference", inner))
          .help = "write `${kind.name.attribute}` or `${param.name}`; a literal `${` is written `$${`";
      return Plain(raw, range);
    }
    flush();
    out.items.push_back(std::move(ref));
    i = close;
  }
  flush();
  return out;
}

}  // namespace topo::parse
