#include "emit/hcl/hcl_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace topo::emit::hcl {
namespace {

std::string Render(const Block& block) { return RenderFile({block}); }

TEST(HclWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(QuoteString("plain"), "\"plain\"");
  EXPECT_EQ(QuoteString("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
  EXPECT_EQ(QuoteString("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
  EXPECT_EQ(QuoteString(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
  EXPECT_EQ(QuoteString("bell\x07\x7f"), "\"bell\\u0007\\u007f\"");
}

TEST(HclWriterTest, KeepsTemplateSequencesLiteral) {
  EXPECT_EQ(QuoteString("${var.secret}"), "\"$${var.secret}\"");
  EXPECT_EQ(QuoteString("%{ if true }x%{ endif }"), "\"%%{ if true }x%%{ endif }\"");
  // `$$` alone is no escape in HCL; only the `${` pair is doubled.
  EXPECT_EQ(QuoteString("$$${x}"), "\"$$$${x}\"");
  EXPECT_EQ(QuoteString("costs $5 or 10%"), "\"costs $5 or 10%\"");
  EXPECT_EQ(QuoteString("ends with $"), "\"ends with $\"");
}

TEST(HclWriterTest, KeepsUnicodeButEscapesInvisibleControls) {
  EXPECT_EQ(QuoteString("Grüße, 東京 🚀"), "\"Grüße, 東京 🚀\"");
  // Right-to-left override and line separator are escaped so a reviewer sees them.
  EXPECT_EQ(QuoteString("a\u202Eb\u2028c"), "\"a\\u202eb\\u2028c\"");
  EXPECT_EQ(QuoteString("\xEF\xBB\xBFx"), "\"\\ufeffx\"");
  EXPECT_EQ(QuoteString("Grüße", /*ascii_only=*/true), "\"Gr\\u00fc\\u00dfe\"");
  EXPECT_EQ(QuoteString("🚀", /*ascii_only=*/true), "\"\\U0001f680\"");
  // A malformed byte never reaches the output as is.
  EXPECT_EQ(QuoteString("a\xFFz"), "\"a\\ufffdz\"");
}

TEST(HclWriterTest, TemplatesInterpolateReferencesAndEscapeLiterals) {
  Expr t = Expr::Template({Expr::Ref("aws_s3_bucket.assets.arn"), Expr::String("/${not}/*")});
  EXPECT_EQ(RenderExpr(t), "\"${aws_s3_bucket.assets.arn}/$${not}/*\"");
  // A literal `$` right before an interpolation must not turn into the `$${` escape.
  Expr dollar = Expr::Template({Expr::String("price: $"), Expr::Ref("var.price")});
  EXPECT_EQ(RenderExpr(dollar), "\"price: ${\"$\"}${var.price}\"");
  // "${x}" alone is just x.
  EXPECT_EQ(RenderExpr(Expr::Template({Expr::Ref("var.x")})), "var.x");
  EXPECT_EQ(RenderExpr(Expr::Template({Expr::String("a"), Expr::String("b")})), "\"ab\"");
}

TEST(HclWriterTest, IdentifiersAndNames) {
  EXPECT_TRUE(IsIdentifier("aws_vpc"));
  EXPECT_TRUE(IsIdentifier("a-b_1"));
  EXPECT_FALSE(IsIdentifier("1a"));
  EXPECT_FALSE(IsIdentifier(""));
  EXPECT_FALSE(IsIdentifier("a.b"));
  EXPECT_EQ(ToIdentifier("mail.brillianideas.com"), "mail_brillianideas_com");
  EXPECT_EQ(ToIdentifier("data@open-contracting.org"), "data_open_contracting_org");
  EXPECT_EQ(ToIdentifier("Public-A"), "public_a");
  EXPECT_EQ(ToIdentifier("2fa"), "_2fa");
  EXPECT_EQ(ToIdentifier("..."), "_");
  EXPECT_EQ(ToIdentifier("--x--"), "x");
}

TEST(HclWriterTest, RejectsMalformedTraversalsAndNumbers) {
  EXPECT_THROW(Expr::Ref("aws_vpc.main id"), std::logic_error);
  EXPECT_THROW(Expr::Ref("\"quoted\""), std::logic_error);
  EXPECT_THROW(Expr::Ref("a.${b}"), std::logic_error);
  EXPECT_NO_THROW(Expr::Ref("aws_organizations_organization.main.roots[0].id"));
  EXPECT_NO_THROW(Expr::Ref("each.value[\"name\"]"));
  EXPECT_THROW(Expr::Number("1e9"), std::logic_error);
  EXPECT_EQ(RenderExpr(Expr::Number("007")), "7");
  EXPECT_EQ(RenderExpr(Expr::Number("0.50")), "0.50");
}

TEST(HclWriterTest, AlignsEqualsWithinRunsOfSingleLineAttributes) {
  Block b("resource", {"aws_vpc", "main"});
  b.body().Attr("cidr_block", Expr::String("10.0.0.0/16")).Attr("enable_dns_hostnames", Expr::Bool(true));
  b.body().Attr("tags", Expr::Object({{"Name", Expr::String("main")}, {"Cost Center", Expr::String("x")}}));
  b.body().Attr("a", Expr::Int(1));
  EXPECT_EQ(Render(b),
            "resource \"aws_vpc\" \"main\" {\n"
            "  cidr_block           = \"10.0.0.0/16\"\n"
            "  enable_dns_hostnames = true\n"
            "  tags = {\n"
            "    Name          = \"main\"\n"
            "    \"Cost Center\" = \"x\"\n"
            "  }\n"
            "  a = 1\n"
            "}\n");
}

TEST(HclWriterTest, SeparatesNestedBlocksAndCollapsesBlankLines) {
  Block b("resource", {"aws_s3_bucket_versioning", "x"});
  b.body().Blank().Attr("bucket", Expr::Ref("aws_s3_bucket.x.id")).Blank().Blank();
  b.body().AddBlock("versioning_configuration").body().Attr("status", Expr::String("Enabled"));
  b.body().AddBlock("lifecycle").body().Attr("prevent_destroy", Expr::Bool(true));
  b.body().Blank();
  EXPECT_EQ(Render(b),
            "resource \"aws_s3_bucket_versioning\" \"x\" {\n"
            "  bucket = aws_s3_bucket.x.id\n"
            "\n"
            "  versioning_configuration {\n"
            "    status = \"Enabled\"\n"
            "  }\n"
            "\n"
            "  lifecycle {\n"
            "    prevent_destroy = true\n"
            "  }\n"
            "}\n");
}

TEST(HclWriterTest, ListsGoMultiLineWhenLongOrStructured) {
  EXPECT_EQ(RenderExpr(Expr::List({Expr::String("a"), Expr::Ref("var.b")})), "[\"a\", var.b]");
  std::vector<Expr> many;
  for (int i = 0; i < 12; ++i) many.push_back(Expr::String("subnet-000000" + std::to_string(i)));
  std::string expected = "[\n";
  for (int i = 0; i < 12; ++i) expected += "    \"subnet-000000" + std::to_string(i) + "\",\n";
  expected += "  ]";
  EXPECT_EQ(RenderExpr(Expr::List(many), 1), expected);
  Expr objects = Expr::List({Expr::Object({{"Effect", Expr::String("Allow")}})});
  EXPECT_EQ(RenderExpr(objects), "[\n  {\n    Effect = \"Allow\"\n  },\n]");
}

TEST(HclWriterTest, CallWithMultiLineArgumentOpensOnTheSameLine) {
  Expr policy = Expr::Call("jsonencode", {Expr::Object({{"Version", Expr::String("2012-10-17")},
                                                         {"Statement", Expr::List({})}})});
  Block b("resource", {"aws_iam_policy", "p"});
  b.body().Attr("policy", policy);
  EXPECT_EQ(Render(b),
            "resource \"aws_iam_policy\" \"p\" {\n"
            "  policy = jsonencode({\n"
            "    Version   = \"2012-10-17\"\n"
            "    Statement = []\n"
            "  })\n"
            "}\n");
}

TEST(HclWriterTest, CommentsAreSanitized) {
  Block b("resource", {"aws_vpc", "x"});
  b.comments().push_back("first line\nsecond\tline   ");
  b.body().Comment("inner \u202E note").Attr("cidr_block", Expr::String("10.0.0.0/16"));
  EXPECT_EQ(Render(b),
            "# first line\n"
            "# second line\n"
            "resource \"aws_vpc\" \"x\" {\n"
            "  # inner \\u202e note\n"
            "  cidr_block = \"10.0.0.0/16\"\n"
            "}\n");
}

// A tree exercising every construct; when a terraform binary is available, its `fmt` must find
// nothing to change.
TEST(HclWriterTest, OutputIsTerraformFmtClean) {
  std::vector<Block> blocks;
  Block& r = blocks.emplace_back("resource", std::vector<std::string>{"aws_route53_record", "validation"});
  r.body().Attr("for_each", Expr::ForObject("dvo", Expr::Ref("aws_acm_certificate.crm.domain_validation_options"),
                                            Expr::Ref("dvo.domain_name"),
                                            Expr::Object({{"name", Expr::Ref("dvo.resource_record_name")},
                                                          {"record", Expr::Ref("dvo.resource_record_value")},
                                                          {"type", Expr::Ref("dvo.resource_record_type")}})));
  r.body().Blank();
  r.body().Attr("zone_id", Expr::Ref("aws_route53_zone.main.zone_id"));
  r.body().Attr("name", Expr::Ref("each.value.name"));
  r.body().Attr("records", Expr::List({Expr::Ref("each.value.record")}));
  r.body().Attr("ttl", Expr::Int(60));
  r.body().Attr("allow_overwrite", Expr::Bool(true));
  Block& v = blocks.emplace_back("resource", std::vector<std::string>{"aws_acm_certificate_validation", "crm"});
  v.body().Attr("certificate_arn", Expr::Ref("aws_acm_certificate.crm.arn"));
  v.body().Attr("validation_record_fqdns",
                Expr::ForList("record", Expr::Ref("aws_route53_record.validation"), Expr::Ref("record.fqdn")));
  Block& p = blocks.emplace_back("resource", std::vector<std::string>{"aws_iam_policy", "hostile"});
  p.body().Attr("name", Expr::String("x${y}%{z}\"\\\n\u202e Grüße"));
  p.body().Attr("policy", Expr::Call("jsonencode", {Expr::Object({
                                                       {"Version", Expr::String("2012-10-17")},
                                                       {"Statement", Expr::List({Expr::Object({
                                                                         {"Effect", Expr::String("Allow")},
                                                                         {"Action", Expr::List({Expr::String("s3:*")})},
                                                                         {"Resource", Expr::Template({Expr::Ref("aws_s3_bucket.b.arn"), Expr::String("/*")})},
                                                                         {"Condition", Expr::Object({{"Bool", Expr::Object({{"aws:SecureTransport", Expr::String("true")}})}})},
                                                                     })})},
                                                   })}));
  p.body().Attr("tags", Expr::Object({{"Grüße", Expr::String("x")}, {"b", Expr::String("y")}, {"for", Expr::Null()}}));
  Block& var = blocks.emplace_back("variable", std::vector<std::string>{"db_password"});
  var.body().Attr("type", Expr::Type("string")).Attr("description", Expr::String("the password")).Attr("sensitive", Expr::Bool(true));
  Block& empty = blocks.emplace_back("resource", std::vector<std::string>{"aws_x", "empty"});
  (void)empty;
  std::string text = RenderFile(blocks, {"Generated by topo"});

  if (std::system("terraform version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no terraform binary";
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("topo-hcl-writer-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "main.tf") << text; }
  std::string cmd = "terraform fmt -check -diff " + (dir / "main.tf").string() + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string diff;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) diff.append(buf, n);
  int rc = pclose(pipe);
  fs::remove_all(dir);
  EXPECT_EQ(rc, 0) << text << "\n" << diff;
}

}  // namespace
}  // namespace topo::emit::hcl
