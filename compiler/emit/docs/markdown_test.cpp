#include "emit/docs/markdown.h"

#include <gtest/gtest.h>

namespace topo::emit::docs {
namespace {

TEST(MarkdownTest, EscapesTableBreakersAndMarkup) {
  EXPECT_EQ(EscapeMarkdown("a | b"), "a \\| b");
  EXPECT_EQ(EscapeMarkdown("use `code`"), "use \\`code\\`");
  EXPECT_EQ(EscapeMarkdown("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
  EXPECT_EQ(EscapeMarkdown("*bold* [link](x) ~~gone~~"), "\\*bold\\* \\[link\\](x) \\~\\~gone\\~\\~");
  EXPECT_EQ(EscapeMarkdown("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeMarkdown("AT&T costs $12"), "AT\\&T costs \\$12");
}

TEST(MarkdownTest, EscapesBlockMarkersOnlyAtTheStart) {
  EXPECT_EQ(EscapeMarkdown("# not a heading"), "\\# not a heading");
  EXPECT_EQ(EscapeMarkdown("- not a list"), "\\- not a list");
  EXPECT_EQ(EscapeMarkdown("1. not a list"), "1\\. not a list");
  EXPECT_EQ(EscapeMarkdown("issue #1 - a-b"), "issue #1 - a-b");
  EXPECT_EQ(EscapeMarkdown("version 1.2"), "version 1.2");
}

TEST(MarkdownTest, KeepsIntrawordUnderscoresAndTurnsLineBreaksIntoBr) {
  EXPECT_EQ(EscapeMarkdown("brillianideas_private"), "brillianideas_private");
  EXPECT_EQ(EscapeMarkdown("_dmarc and foo_"), "\\_dmarc and foo\\_");
  EXPECT_EQ(EscapeMarkdown("line one\nline two\r\n"), "line one<br>line two<br>");
  EXPECT_EQ(EscapeMarkdown("a\tb"), "a b");
}

TEST(MarkdownTest, CodeSpansFenceBackticksAndEscapePipes) {
  EXPECT_EQ(CodeSpan("10.0.0.0/16"), "`10.0.0.0/16`");
  EXPECT_EQ(CodeSpan("a|b"), "`a\\|b`");
  EXPECT_EQ(CodeSpan("say `hi`"), "`` say `hi` ``");
  EXPECT_EQ(CodeSpan("`"), "`` ` ``");
  EXPECT_EQ(CodeSpan("two\nlines"), "`two lines`");
  EXPECT_EQ(CodeSpan(""), "` `");
}

TEST(MarkdownTest, InlineWithCodeKeepsBacktickQuotedNames) {
  EXPECT_EQ(InlineWithCode("security group `web` opens *all*"), "security group `web` opens \\*all\\*");
  EXPECT_EQ(InlineWithCode("`a|b` and an odd ` tick"), "`a\\|b` and an odd \\` tick");
  EXPECT_EQ(InlineWithCode("# title"), "\\# title");
  EXPECT_EQ(InlineWithCode("a ``b`c`` d"), "a ``b`c`` d");
  EXPECT_EQ(InlineWithCode("``x`"), "\\`\\`x\\`");
}

TEST(MarkdownTest, SlugsFollowGithub) {
  EXPECT_EQ(GithubSlug("Account imbit"), "account-imbit");
  EXPECT_EQ(GithubSlug("Zone brillianideas.com"), "zone-brillianideascom");
  EXPECT_EQ(GithubSlug("Identity and access (IAM)"), "identity-and-access-iam");
  EXPECT_EQ(GithubSlug("VPC IMBIT-VPC"), "vpc-imbit-vpc");
  EXPECT_EQ(GithubSlug("T0501 DatabasePortOpenToWorld"), "t0501-databaseportopentoworld");
  EXPECT_EQ(GithubSlug("a_b  c"), "a_b--c");
}

TEST(MarkdownTest, HeadingTextDropsMarkupAndAnchorsAreUnique) {
  EXPECT_EQ(HeadingText("Account `imbit`"), "Account imbit");
  EXPECT_EQ(HeadingText("``a`b`` \\*x\\*"), "a`b *x*");
  AnchorSet anchors;
  EXPECT_EQ(anchors.Add("Users"), "users");
  EXPECT_EQ(anchors.Add("Users"), "users-1");
  EXPECT_EQ(anchors.Add("Users"), "users-2");
  EXPECT_EQ(anchors.Add("`Users`"), "users-3");
  EXPECT_EQ(anchors.Add("Users 1"), "users-1-1");
}

}  // namespace
}  // namespace topo::emit::docs
