#include "diag/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace topo {

namespace {

struct Style {
  bool on;
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string red() const { return on ? "\x1b[1;31m" : ""; }
  std::string yellow() const { return on ? "\x1b[1;33m" : ""; }
  std::string blue() const { return on ? "\x1b[1;34m" : ""; }
  std::string cyan() const { return on ? "\x1b[1;36m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
  std::string severity(Severity s) const {
    switch (s) {
      case Severity::kError: return red();
      case Severity::kWarning: return yellow();
      case Severity::kNote: return cyan();
    }
    return "";
  }
};

// How a piece of a source line is shown: tabs and control characters as one space, bytes that
// are not valid UTF-8 as `\xHH`, so a caret line can be measured in characters.
struct Shown {
  std::string text;
  size_t width = 0;  // in characters
};

Shown Show(std::string_view bytes) {
  Shown out;
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = n > 0 && i + n <= bytes.size();
    for (size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (!valid) {
      out.text += fmt::format("\\x{:02X}", c);
      out.width += 4;
      ++i;
      continue;
    }
    if (n == 1) {
      out.text += c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
    } else {
      out.text.append(bytes.data() + i, n);
    }
    ++out.width;
    i += n;
  }
  return out;
}

// One source line with marks under `range`. `mark` is '^' for the primary range, '-' for labels.
void RenderSnippet(std::string& out, const SourceManager& sources, const SourceRange& range, char mark,
                   const std::string& text, size_t gutter, const Style& style) {
  const SourceFile& file = sources.file(range.file);
  LineColumn start = file.Locate(range.offset);
  std::string_view line = file.Line(start.line);
  size_t line_start = range.offset - (start.column > 0 ? 0 : 0);
  // Byte offset of the range within the line.
  size_t in_line = 0;
  {
    const char* base = file.text().data();
    line_start = static_cast<size_t>(line.data() - base);
    in_line = range.offset >= line_start ? range.offset - line_start : 0;
    if (in_line > line.size()) in_line = line.size();
  }
  size_t length = std::min<size_t>(range.length, line.size() - in_line);
  // A very long line (minified or damaged input) is shown as a window around the range, so one
  // diagnostic cannot print megabytes.
  constexpr size_t kLongLine = 1000, kContext = 100, kMaxMarked = 300;
  std::string prefix, suffix;
  if (line.size() > kLongLine) {
    size_t from = in_line > kContext ? in_line - kContext : 0;
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    length = std::min(length, kMaxMarked);
    size_t to = std::min(line.size(), in_line + length + kContext);
    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
    if (from > 0) prefix = "...";
    if (to < line.size()) suffix = "...";
    line = line.substr(from, to - from);
    in_line -= from;
    length = std::min(length, line.size() - in_line);
  }
  Shown before = Show(line.substr(0, in_line));
  Shown marked = Show(line.substr(in_line, length));
  Shown whole = Show(line);
  size_t width = std::max<size_t>(1, marked.width);
  out += fmt::format("{}{:>{}} |{} {}{}{}\n", style.blue(), start.line, gutter, style.reset(), prefix, whole.text, suffix);
  out += fmt::format("{}{:>{}} |{} {}{}{}{}{}\n", style.blue(), "", gutter, style.reset(), std::string(prefix.size() + before.width, ' '),
                     mark == '^' ? style.red() : style.blue(), std::string(width, mark), text.empty() ? "" : " " + text,
                     style.reset());
}

}  // namespace

std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                       const TextOptions& options) {
  Style style{options.color};
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (d.suppressed) continue;  // on record in JSON and SARIF; the summary line counts them
    std::string where = d.range.valid() ? sources.Describe(d.range) + ": " : "topo: ";
    out += fmt::format("{}{}{}{}[{}]: {}{}\n", style.bold(), where, style.severity(d.severity), SeverityName(d.severity),
                       d.code(), style.reset() + style.bold(), d.message + style.reset());
    if (d.range.valid()) {
      size_t gutter = 1;
      auto widen = [&](const SourceRange& r) {
        if (r.valid()) gutter = std::max(gutter, std::to_string(sources.Locate(r).line).size());
      };
      widen(d.range);
      for (const auto& l : d.labels) widen(l.range);
      out += fmt::format("{}{:>{}} |{}\n", style.blue(), "", gutter, style.reset());
      RenderSnippet(out, sources, d.range, '^', d.range_label, gutter, style);
      for (const auto& label : d.labels) {
        if (!label.range.valid()) continue;
        if (label.range.file != d.range.file) {
          out += fmt::format("{}{:>{}} ={} {}:\n", style.blue(), "", gutter, style.reset(), sources.Describe(label.range));
        }
        RenderSnippet(out, sources, label.range, '-', label.text, gutter, style);
      }
      out += fmt::format("{}{:>{}} |{}\n", style.blue(), "", gutter, style.reset());
    }
    for (const auto& note : d.notes) out += fmt::format("{}note:{} {}\n", style.cyan(), style.reset(), note);
    if (!d.help.empty()) out += fmt::format("{}help:{} {}\n", style.cyan(), style.reset(), d.help);
  }
  return out;
}

std::string RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  auto location = [&](const SourceRange& r) {
    nlohmann::ordered_json loc;
    if (!r.valid()) return nlohmann::ordered_json(nullptr);
    LineColumn lc = sources.Locate(r);
    LineColumn end = sources.file(r.file).Locate(r.end());
    loc["file"] = sources.file(r.file).path();
    loc["line"] = lc.line;
    loc["column"] = lc.column;
    loc["end_line"] = end.line;
    loc["end_column"] = end.column;
    loc["offset"] = r.offset;
    loc["length"] = r.length;
    return loc;
  };
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json j;
    j["code"] = d.code();
    j["name"] = Info(d.kind).name;
    j["severity"] = SeverityName(d.severity);
    j["message"] = d.message;
    j["location"] = location(d.range);
    if (!d.range_label.empty()) j["location_label"] = d.range_label;
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const auto& l : d.labels) labels.push_back({{"location", location(l.range)}, {"text", l.text}});
    j["labels"] = labels;
    j["help"] = d.help.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.help);
    j["notes"] = d.notes;
    if (d.suppressed) j["suppression"] = {{"reason", d.suppression}};
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json root;
  root["version"] = 1;
  root["diagnostics"] = std::move(list);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace topo
