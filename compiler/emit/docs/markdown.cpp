#include "emit/docs/markdown.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace topo::emit::docs {

namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80; }

// `line_start`: `text` begins a Markdown line (block markers such as `#` or `- ` would apply).
std::string Escape(std::string_view text, bool line_start) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t start = 0;
  if (line_start) {
    // Block markers only matter before the first non-blank character.
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    if (start < text.size()) {
      char c = text[start];
      if (c == '#' || c == '-' || c == '+' || c == '=') {
        out.append(text.substr(0, start));
        out += '\\';
        text = text.substr(start);
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        size_t end = start;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        if (end < text.size() && (text[end] == '.' || text[end] == ')')) {
          // "1. step": escape the delimiter, not the digits.
          out.append(text.substr(0, end));
          out += '\\';
          out += text[end];
          return out + Escape(text.substr(end + 1), false);
        }
      }
    }
    start = 0;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '&':
      case '~':
      case '$':
        out += '\\';
        out += c;
        break;
      case '_': {
        // Intraword underscores never emphasise in GFM; escape only at a word boundary.
        bool before = i > 0 && IsWordChar(text[i - 1]);
        bool after = i + 1 < text.size() && IsWordChar(text[i + 1]);
        if (!(before && after)) out += '\\';
        out += c;
        break;
      }
      case '\r':
        break;
      case '\n':
        out += "<br>";
        break;
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string EscapeMarkdown(std::string_view text) { return Escape(text, true); }

std::string CodeSpan(std::string_view text) {
  std::string out;
  AppendCodeSpan(text, out);
  return out;
}

void AppendCodeSpan(std::string_view text, std::string& out) {
  if (text.empty()) {
    out += "` `";
    return;
  }
  // Most spans (names, values, source locations) hold nothing that needs care: one pass over a
  // table tells whether any character must be replaced or is a backtick.
  enum : unsigned char { kReplace = 1, kBacktick = 2 };
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> t{};
    t['\n'] = t['\r'] = t['\t'] = t['|'] = kReplace;
    t['`'] = kBacktick;
    return t;
  }();
  unsigned char seen = 0;
  for (char c : text) seen |= kClass[static_cast<unsigned char>(c)];
  std::string replaced;
  if (seen & kReplace) {
    replaced.reserve(text.size() + 8);
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == '\t') {
        replaced += ' ';
      } else if (c == '|') {
        replaced += "\\|";
      } else {
        replaced += c;
      }
    }
  }
  std::string_view body = (seen & kReplace) ? std::string_view(replaced) : text;
  // The fence is one backtick longer than the longest run inside (replacing never joins or
  // splits runs of backticks). A span that begins or ends with a backtick (or is padded) needs
  // a space inside the fence.
  size_t longest = 0;
  if (seen & kBacktick) {
    for (size_t i = 0, run = 0; i < body.size(); ++i) {
      run = body[i] == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  bool pad = body.front() == '`' || body.back() == '`' ||
             (body.front() == ' ' && body.back() == ' ' && body.find_first_not_of(' ') != std::string_view::npos);
  out.reserve(out.size() + body.size() + 2 * (longest + 2));
  auto fence = [&] {
    if (longest == 0) {
      out += '`';
    } else {
      out.append(longest + 1, '`');
    }
  };
  fence();
  if (pad) out += ' ';
  out += body;
  if (pad) out += ' ';
  fence();
}

std::string InlineWithCode(std::string_view text) {
  // As in CommonMark, a run of N backticks opens a code span that the next run of exactly N
  // backticks closes.
  auto run_at = [&](size_t at) {
    size_t n = 0;
    while (at + n < text.size() && text[at + n] == '`') ++n;
    return n;
  };
  std::string out;
  size_t pos = 0, plain = 0;
  while (pos < text.size()) {
    if (text[pos] != '`') {
      ++pos;
      continue;
    }
    size_t n = run_at(pos);
    size_t close = std::string_view::npos;
    for (size_t at = pos + n; at < text.size();) {
      if (text[at] != '`') {
        ++at;
        continue;
      }
      size_t m = run_at(at);
      if (m == n) {
        close = at;
        break;
      }
      at += m;
    }
    if (close == std::string_view::npos) {
      pos += n;  // unpaired: escaped with the plain text
      continue;
    }
    out += Escape(text.substr(plain, pos - plain), plain == 0);
    std::string_view body = text.substr(pos + n, close - pos - n);
    if (body.size() >= 2 && body.front() == ' ' && body.back() == ' ' && body.find_first_not_of(' ') != std::string_view::npos) {
      body = body.substr(1, body.size() - 2);
    }
    out += CodeSpan(body);
    pos = plain = close + n;
  }
  out += Escape(text.substr(plain), plain == 0);
  return out;
}

std::string HeadingText(std::string_view markdown) {
  std::string out;
  size_t i = 0;
  while (i < markdown.size()) {
    char c = markdown[i];
    if (c == '`') {
      size_t n = 0;
      while (i + n < markdown.size() && markdown[i + n] == '`') ++n;
      std::string fence(n, '`');
      size_t end = markdown.find(fence, i + n);
      if (end == std::string_view::npos) {
        out.append(fence);
        i += n;
        continue;
      }
      std::string body(markdown.substr(i + n, end - i - n));
      if (body.size() >= 2 && body.front() == ' ' && body.back() == ' ') body = body.substr(1, body.size() - 2);
      for (size_t k = 0; k < body.size(); ++k) {
        if (body[k] == '\\' && k + 1 < body.size() && body[k + 1] == '|') continue;
        out += body[k];
      }
      i = end + n;
      continue;
    }
    if (c == '\\' && i + 1 < markdown.size() && std::ispunct(static_cast<unsigned char>(markdown[i + 1]))) {
      out += markdown[i + 1];
      i += 2;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string GithubSlug(std::string_view text) {
  // Trim as the Markdown parser does, then apply github-slugger's rules to ASCII.
  size_t b = text.find_first_not_of(" \t");
  size_t e = text.find_last_not_of(" \t");
  if (b == std::string_view::npos) return "";
  text = text.substr(b, e - b + 1);
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (c == ' ') {
      out += '-';
    } else if (c == '-' || c == '_') {
      out += c;
    }
  }
  return out;
}

std::string AnchorSet::Add(std::string_view heading_markdown) {
  std::string base = GithubSlug(HeadingText(heading_markdown));
  std::string slug = base;
  while (seen_.count(slug)) {
    int& n = seen_[base];
    ++n;
    slug = base + "-" + std::to_string(n);
  }
  seen_[slug] = 0;
  return slug;
}

}  // namespace topo::emit::docs
