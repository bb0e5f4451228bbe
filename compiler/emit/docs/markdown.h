#pragma once
// Markdown (GitHub-flavoured) text helpers for the handbook. Values from the user's files pass
// through these before they reach a template, so that no name, description or instruction can
// break a table, start a heading or inject HTML.
#include <map>
#include <string>
#include <string_view>

namespace topo::emit::docs {

// Escapes text for inline Markdown, safe inside a table cell and a heading: backslash-escapes
// the characters that start markup (`\`, backtick, `*`, `[`, `]`, `<`, `>`, `|`, `&`, `~`, `_`
// at a word boundary), a leading `#`, `-`, `+`, `=` or `N.`, and turns line breaks into `<br>`.
std::string EscapeMarkdown(std::string_view text);

// A code span showing `text` literally: fenced with enough backticks, `|` escaped (GFM tables
// split on it even inside code spans), line breaks as spaces. Empty text gives "` `".
std::string CodeSpan(std::string_view text);
// CodeSpan(text) appended to `out`.
void AppendCodeSpan(std::string_view text, std::string& out);

// Text in which `backtick-quoted` parts (the convention of topo's messages and docs) become
// code spans and the rest is escaped. An unpaired backtick is escaped.
std::string InlineWithCode(std::string_view text);

// The plain text GitHub derives an anchor from, for heading Markdown built by these helpers:
// code-span fences and backslash escapes removed.
std::string HeadingText(std::string_view markdown);

// The anchor GitHub gives a heading whose rendered text is `text`: lower-cased, punctuation
// other than `-` and `_` dropped, spaces turned into `-`.
std::string GithubSlug(std::string_view text);

// Hands out unique anchors in document order, as GitHub does: a repeated slug gets `-1`, `-2`.
class AnchorSet {
 public:
  std::string Add(std::string_view heading_markdown);

 private:
  std::map<std::string, int> seen_;
};

}  // namespace topo::emit::docs
