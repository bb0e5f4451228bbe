#include "emit/runbook/shell.h"

#include <array>

namespace topo::emit::runbook {

namespace {

bool IsBareSafe(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '_': case '.': case '/': case ':': case '@': case '%': case '+': case ',': case '=': case '-':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string ShellQuote(std::string_view s) {
  std::string out;
  AppendShellQuoted(out, s);
  return out;
}

void AppendShellQuoted(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += "''";
    return;
  }
  // A table: every word of every command goes through here.
  static const auto kBare = [] {
    std::array<bool, 256> bare{};
    for (int c = 0; c < 256; ++c) bare[static_cast<size_t>(c)] = IsBareSafe(static_cast<char>(c));
    return bare;
  }();
  bool bare = true;
  for (char c : s) {
    if (!kBare[static_cast<unsigned char>(c)]) {
      bare = false;
      break;
    }
  }
  if (bare) {
    out.append(s);
    return;
  }
  out += '\'';
  size_t from = 0;
  for (size_t q = s.find('\''); q != std::string_view::npos; q = s.find('\'', from)) {
    out.append(s.substr(from, q - from));
    out += "'\\''";
    from = q + 1;
  }
  out.append(s.substr(from));
  out += '\'';
}

std::string VarName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '_';
    for (char c : p) {
      if (c >= 'a' && c <= 'z') {
        out += static_cast<char>(c - 'a' + 'A');
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out += c;
      } else {
        out += '_';
      }
    }
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "V_" + out;
  return out;
}

Word Word::Literal(std::string text) {
  Word w;
  w.pieces.push_back({Piece::Kind::kLiteral, std::move(text)});
  return w;
}

Word Word::Var(std::string name) {
  Word w;
  w.pieces.push_back({Piece::Kind::kVar, std::move(name)});
  return w;
}

Word& Word::Append(const Word& other) {
  for (const auto& p : other.pieces) {
    if (p.kind == Piece::Kind::kLiteral) {
      AppendLiteral(p.text);
    } else {
      pieces.push_back(p);
    }
  }
  return *this;
}

Word& Word::AppendLiteral(std::string_view text) {
  if (text.empty()) return *this;
  if (!pieces.empty() && pieces.back().kind == Piece::Kind::kLiteral) {
    pieces.back().text += text;
  } else {
    pieces.push_back({Piece::Kind::kLiteral, std::string(text)});
  }
  return *this;
}

Word& Word::AppendVar(const std::string& name, bool json) {
  pieces.push_back({json ? Piece::Kind::kJsonVar : Piece::Kind::kVar, name});
  return *this;
}

bool Word::is_literal() const {
  for (const auto& p : pieces) {
    if (p.kind != Piece::Kind::kLiteral) return false;
  }
  return true;
}

std::string Word::literal() const {
  std::string out;
  for (const auto& p : pieces) {
    if (p.kind == Piece::Kind::kLiteral) out += p.text;
  }
  return out;
}

bool Word::empty() const {
  for (const auto& p : pieces) {
    if (p.kind != Piece::Kind::kLiteral || !p.text.empty()) return false;
  }
  return true;
}

std::string Word::Render() const {
  std::string out;
  RenderTo(out);
  return out;
}

void Word::RenderTo(std::string& out) const {
  if (empty()) {
    out += "''";
    return;
  }
  for (const auto& p : pieces) {
    switch (p.kind) {
      case Piece::Kind::kLiteral:
        if (!p.text.empty()) AppendShellQuoted(out, p.text);
        break;
      case Piece::Kind::kVar:
        out += "\"$";
        out += p.text;
        out += '"';
        break;
      case Piece::Kind::kJsonVar:
        out += "\"$(topo_json \"$";
        out += p.text;
        out += "\")\"";
        break;
    }
  }
}

std::string RenderCommand(const std::vector<Word>& words, size_t indent) {
  // Every word rendered into one buffer (ends[i]: where word i ends), then joined.
  std::string buffer;
  std::vector<size_t> ends;
  ends.reserve(words.size());
  for (const auto& w : words) {
    w.RenderTo(buffer);
    ends.push_back(buffer.size());
  }
  size_t total = indent + buffer.size() + words.size();
  std::string out;
  out.reserve(buffer.size() + words.size() * (indent + 6));
  if (total <= 110) {
    size_t start = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
      if (i > 0) out += ' ';
      out.append(buffer, start, ends[i] - start);
      start = ends[i];
    }
    return out;
  }
  // One option with its values per line; the command itself (aws SERVICE OPERATION) first.
  size_t start = 0;
  for (size_t i = 0; i < ends.size(); ++i) {
    std::string_view word(buffer.data() + start, ends[i] - start);
    bool option = word.size() > 2 && word[0] == '-' && word[1] == '-';
    if (i > 0 && option && i >= 3) {
      out += " \\\n";
      out.append(indent + 2, ' ');
    } else if (i > 0) {
      out += ' ';
    }
    out.append(word);
    start = ends[i];
  }
  return out;
}

}  // namespace topo::emit::runbook
