// The docs target on real inputs: every sample's handbook builds, its tables keep their shape
// and its links land on headings; `topo docs` is `topo build --target docs`; Graphviz renders
// every diagram; text from the user's files cannot break the Markdown.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "emit/docs/markdown.h"
#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = TOPO_SOURCE_DIR;

std::vector<std::string> Samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot + "/samples")) {
    if (e.path().extension() == ".topo") out.push_back("samples/" + e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool HaveDot() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

// Cells of a table row: `|` not escaped by a backslash (GFM splits on it even in code spans).
size_t Pipes(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++n;
    }
  }
  return n;
}

// What would render wrongly on a code-hosting site: table rows with a different number of
// cells than their header, headings whose anchor no link can reach twice, links to anchors
// that no heading has.
std::vector<std::string> MarkdownProblems(const std::string& markdown) {
  std::vector<std::string> problems;
  std::istringstream in(markdown);
  std::string line;
  size_t header_pipes = 0;
  bool in_table = false;
  int number = 0;
  std::set<std::string> anchors;
  emit::docs::AnchorSet slugger;
  std::vector<std::pair<int, std::string>> links;
  std::regex link_re("\\]\\(#([^)]*)\\)");
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line[0] == '|') {
      if (!in_table) {
        header_pipes = Pipes(line);
        in_table = true;
      } else if (Pipes(line) != header_pipes) {
        problems.push_back("line " + std::to_string(number) + ": " + std::to_string(Pipes(line)) + " cells, header has " +
                           std::to_string(header_pipes) + ": " + line.substr(0, 120));
      }
    } else {
      in_table = false;
    }
    if (!line.empty() && line[0] == '#') {
      size_t hashes = line.find_first_not_of('#');
      if (hashes != std::string::npos && line[hashes] == ' ') anchors.insert(slugger.Add(line.substr(hashes + 1)));
    }
    for (std::sregex_iterator it(line.begin(), line.end(), link_re), end; it != end; ++it) links.push_back({number, (*it)[1]});
  }
  for (const auto& [at, anchor] : links) {
    if (!anchors.count(anchor)) problems.push_back("line " + std::to_string(at) + ": no heading has the anchor #" + anchor);
  }
  return problems;
}

std::string Docs(const std::vector<std::string>& inputs, const std::string& dir, int* code = nullptr, std::string* err = nullptr) {
  std::vector<std::string> args = {"docs", "--color", "never", "-o", dir};
  for (const auto& i : inputs) args.push_back(i);
  RunResult r = RunTopo(args, kRoot);
  if (code) *code = r.exit_code;
  if (err) *err = r.err;
  return fs::exists(dir + "/README.md") ? ReadFile(dir + "/README.md") : "";
}

TEST(DocsTest, EverySampleHasAWellFormedHandbookAndDiagram) {
  for (const auto& sample : Samples()) {
    std::string dir = MakeTempDir("topo-docs") + "/out";
    int code = -1;
    std::string err;
    std::string readme = Docs({sample}, dir, &code, &err);
    ASSERT_EQ(code, 0) << sample << "\n" << err;
    EXPECT_TRUE(fs::exists(dir + "/topology.dot")) << sample;
    for (const auto& problem : MarkdownProblems(readme)) ADD_FAILURE() << sample << ": " << problem;
    // Entries link back to the source.
    EXPECT_NE(readme.find("`" + sample + ":"), std::string::npos) << sample;
    if (HaveDot()) {
      EXPECT_TRUE(fs::exists(dir + "/topology.svg")) << sample << "\n" << err;
    } else {
      EXPECT_NE(err.find("topology.svg was not written"), std::string::npos) << err;
    }
    fs::remove_all(fs::path(dir).parent_path());
  }
}

TEST(DocsTest, DocsCommandIsBuildTargetDocs) {
  std::string base = MakeTempDir("topo-docs");
  RunResult a = RunTopo({"docs", "-o", base + "/a", "samples/imbit.topo"}, kRoot);
  RunResult b = RunTopo({"build", "--target", "docs", "-o", base + "/b", "samples/imbit.topo"}, kRoot);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  for (const char* file : {"README.md", "topology.dot", "topology.svg"}) {
    bool in_a = fs::exists(base + "/a/" + file), in_b = fs::exists(base + "/b/" + file);
    EXPECT_EQ(in_a, in_b) << file;
    if (in_a && in_b) {
      EXPECT_EQ(ReadFile(base + "/a/" + file), ReadFile(base + "/b/" + file)) << file;
    }
  }
  fs::remove_all(base);
}

TEST(DocsTest, GraphvizRendersEverySampleDiagram) {
  if (!HaveDot()) GTEST_SKIP() << "dot (Graphviz) is not installed";
  for (const auto& sample : Samples()) {
    std::string dir = MakeTempDir("topo-docs") + "/out";
    int code = -1;
    std::string err;
    Docs({sample}, dir, &code, &err);
    ASSERT_EQ(code, 0) << sample << "\n" << err;
    std::string svg = dir + "/check.svg";
    std::string command = "dot -Tsvg " + ShellQuote(dir + "/topology.dot") + " -o " + ShellQuote(svg) + " 2>" +
                          ShellQuote(dir + "/dot.err");
    int rc = std::system(command.c_str());
    EXPECT_EQ(rc, 0) << sample << ": " << ReadFile(dir + "/dot.err");
    EXPECT_EQ(ReadFile(dir + "/dot.err"), "") << sample << ": dot warned";
    EXPECT_NE(ReadFile(svg).find("<svg"), std::string::npos) << sample;
    fs::remove_all(fs::path(dir).parent_path());
  }
}

TEST(DocsTest, TextFromTheSourceCannotBreakTablesHeadingsOrHtml) {
  std::string base = MakeTempDir("topo-docs");
  WriteFile(base + "/hostile.topo", R"(organization o {
  default_region = "eu-west-1"
  description    = "# Not a heading | with a pipe and <b>bold</b> and `code`"
}
region "eu-west-1" { reason = "cells | split? *no* _no_ [link](http://x) ~~no~~ $x$ & <script>alert(1)</script>" }
vpc v {
  cidr = "10.0.0.0/16"
  description = "- not a list\n1. not a list either\n| --- |"
  subnet s { cidr = "10.0.1.0/24" az = "a" }
}
security_group g in vpc.v {
  allow tcp 443 from "0.0.0.0/0" "a | b `c|d` <i>"
}
manual_step m {
  title        = "Step with ``double`` backticks | and pipes"
  instructions = "line one\nline | two\n# three"
}
param p : string = "x|y" { description = "a `param` | with <html>" }
)");
  std::string dir = base + "/out";
  int code = -1;
  std::string err;
  std::string readme = Docs({base + "/hostile.topo"}, dir, &code, &err);
  ASSERT_EQ(code, 0) << err;
  for (const auto& problem : MarkdownProblems(readme)) ADD_FAILURE() << problem;
  // HTML from the source arrives escaped (`\<b\>`), never as a tag.
  std::smatch tag;
  EXPECT_FALSE(std::regex_search(readme, tag, std::regex("(^|[^\\\\])<(script|/?b>|i>|html>)"))) << tag.str();
  std::istringstream lines(readme);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_NE(line.rfind("# Not", 0), 0u) << "a description became a heading";
    EXPECT_NE(line.rfind("- not", 0), 0u) << "a description became a list";
  }
  if (HaveDot()) {
    EXPECT_TRUE(fs::exists(dir + "/topology.svg")) << err;
  }
  fs::remove_all(base);
}

// The acceptance check of the docs issue: each handbook holds the facts of its seed document
// (seeds/*.txt) that the sample models: regions with their reasons, CIDRs, ports, DNS records,
// lifecycle rules, instance types and manual steps. Strings as the handbook prints them.
TEST(DocsTest, HandbooksHoldTheFactsOfTheirSeeds) {
  const std::map<std::string, std::vector<std::string>> facts = {
      {"samples/open-contracting.topo",
       {"Our default region is us-east-1 (N. Virginia)", "| `eu-west-2` | Europe (London) | backups of the Linode servers in London",
        "Hosted outside AWS at GoDaddy", "omit .open-contracting.org from hostnames",
        "| `<token1>._domainkey.open-contracting.org` | CNAME | `<token1>.dkim.amazonses.com`",
        "| `open-contracting.org` | TXT | `param.spf_record` = `v=spf1 include:amazonses.com ?all`",
        "| `bounce.open-contracting.org` (from `param.mail_from_domain`) | MX | `10 feedback-smtp.us-east-1.amazonses.com`",
        "`data@open-contracting.org` | email address", "bounces → `sns_topic.data_open_contracting_org`", "with original headers",
        "`name` = `data-open-contracting-org`", "`protocol` = `email`", "`email-smtp.us-east-1.amazonaws.com`",
        "Request SES production access", "disable the SES account-level suppression list", "Check DMARC compliance",
        "`engine` = `postgres`", "`instance_class` = `db.t3.micro`", "`publicly_accessible` = `true`", "`backup_retention_period` = `0`",
        "`storage_encrypted` = `false`", "`performance_insights_enabled` = `false`", "`max_allocated_storage` = `0`",
        "`group_name` = `postgresql-anywhere`", "Allows PostgreSQL connections from anywhere", "| in | `tcp` 5432 | from `0.0.0.0/0`",
        "Range `10.0.0.0/16`", "| `aurora_a` | `10.0.1.0/24` | `us-east-1a` | private", "| `aurora_b` | `10.0.2.0/24` | `us-east-1b` | private",
        "`engine` = `aurora-postgresql`", "`enable_http_endpoint` = `true`", "`database_name` = `common`", "`backup_retention_period` = `1`",
        "`seconds_until_auto_pause`", "`3600`", "`name` = `ocp-redmine-backup`",
        "| `bucket.backup` | `delete-after-30-days` | `true` | `30` | `7` |", "`s3:ListBucket`",
        "`s3:PutObject`, `s3:GetObject`, `s3:DeleteObject` | `arn:aws:s3:::ocp-redmine-backup/*`", "access key `iam_access_key.backup`",
        "Pillar file"}},
      {"samples/helios.topo",
       {"AWS_SES_REGION_NAME = 'us-east-1'", "`instance_type` = `t2.micro`", "amzn2-ami-hvm", "`root_volume`: `size` = `8`",
        "| in | `tcp` 22 | from `0.0.0.0/0`", "| in | `tcp` 80 | from `0.0.0.0/0`", "| in | `tcp` 443 | from `0.0.0.0/0`",
        "| in | `tcp` 5432 | from `0.0.0.0/0`", "| `helios.example.com` | A | alias → `elastic_ip.helios`", "`elastic_ip.helios`",
        "AWS managed: `AmazonSESFullAccess`", "access key `iam_access_key.ses`", "`helios@example.com` | email address",
        "Register the domain with Route 53 Domains", "Install Helios and its services", "certbot", "Google OAuth",
        "Leave the SES sandbox", ".env"}},
      {"samples/imbit.topo",
       {"| `eu-central-1` | Europe (Frankfurt) | default region; primary hosting location", "| `eu-west-1` | Europe (Ireland) | WorkMail and SES",
        "| `us-east-1` | US East (N. Virginia) | ACM certificates used by CloudFront", "| global | not bound to a region |",
        "| `brillianideas.com` | NS, SOA |", "| `www.brillianideas.com` | CNAME | `brillianideas.com` |",
        "| `brillianideas.com` | A | alias → `distribution.brillianideas` |", "| `_<token>.www.brillianideas.com` | CNAME |",
        "| `<token1>._domainkey.mail.brillianideas.com` | CNAME |", "Easy DKIM (RSA_2048_BIT)",
        "| `mail.brillianideas.com` | TXT | `param.mail_spf` = `v=spf1 include:amazonses.com ~all`",
        "| `_dmarc.mail.brillianideas.com` | TXT |", "| `mail.brillianideas.com` | MX | `10 inbound-smtp.eu-west-1.amazonaws.com`",
        "Zone `digital-learning-imbit.com`", "NOT correctly set up", "Range `10.0.0.0/16`",
        "| `public_a` | `10.0.0.0/20` | `eu-central-1a` | public", "| `public_b` | `10.0.16.0/20` | `eu-central-1b` | public",
        "| `brillianideas_private` | `10.0.41.0/24` | any | private", "`https://brillianideas.awsapps.com/mail`",
        "`no-reply@mail.brillianideas.com`", "Bitwarden", "| `brillianideas.com` | `workmail_action`: `organization` = `workmail_organization.brillianideas`",
        "| `0.0.0.0/0` | `Allow` |", "| `email-smtp.eu-west-1.amazonaws.com` | `587` |", "AWS managed: `AdministratorAccess-AWSElasticBeanstalk`",
        "`cname_prefix` = `brillianideas`", "running Docker", "`service_role` = `iam_role.aws-elasticbeanstalk-service-role`",
        "`key_pair` = `key_pair.IMBIT-SSH`", "`instance_profile` = `iam_instance_profile.aws-elasticbeanstalk-ec2-role`",
        "`associate_public_ip_address` = `false`", "`security_groups` = `security_group.IMBIT-SecurityGroup`", "`architecture` = `arm64`",
        "`instance_type` = `t4g.micro`", "`instance_type` = `t3.micro`", "`health_reporting` = `basic`", "`managed_updates` = `false`",
        "`root_volume_size` = `8`", "`root_volume_type` = `gp2`", "`min_instances` = `1`", "`max_instances` = `1`",
        "| `0.0.0.0/0` (anywhere, IPv4) | `tcp` 80, 443 |", "| `::/0` (anywhere, IPv6) | `tcp` 80, 443 |",
        "| `beanstalk_env.brilliancrm-env` | `http-only` | `80` |", "`PATCH`, `POST`, `DELETE` | `GET`, `HEAD` | `CachingDisabled` | `redirect-to-https`",
        "`geo_restriction` = `whitelist`", "`aliases` = `brilliancrm.com`, `www.brilliancrm.com`",
        "| `us-east-1` | `brilliancrm.com` | `www.brilliancrm.com` | `dns`: CNAMEs in `dns_zone.brilliancrm`", "deploy-AWS.yml", "mail-tester.com",
        "Make each GitHub container package public", "Created by hand"}},
      {"samples/osmt.topo",
       {"| `us-west-2` | US West (Oregon) | default region; implementer's choice", "| `private_a` | `192.168.100.0/27` | `us-west-2a` | private",
        "| `private_b` | `192.168.100.64/27` | `us-west-2b` | private", "| `public_a` | `192.168.100.128/27` | `us-west-2a` | public",
        "| `public_b` | `192.168.100.192/27` | `us-west-2b` | public", "`0.0.0.0/0` → `nat_gateway.a`", "`0.0.0.0/0` → `internet_gateway.osmt`",
        "`launch_type` = `FARGATE`", "`desired_count` = `2`", "`desired_count` = `1`", "elasticsearch:8.11.3", "`engine` = `mysql`",
        "`multi_az` = `true`", "`engine` = `redis`", "`load_balancer_type` = `application`", "`port` = `443`<br>`protocol` = `HTTPS`",
        "`certificate` = `certificate.osmt`", "`redirect_to_https` = `true`", "`osmt/test/db-password`", "`osmt-test-app`",
        "`*.example.net`", "`name` = `osmt-test`", "`hash_key` = `LockID`", "`versioning` = `true`", "`block_public_access` = `true`",
        "`BucketOwnerEnforced`", "`encryption` = `AES256`", "`bucket_key` = `true`", "`osmt-admin`", "AWS managed: `AdministratorAccess`",
        "OSMT infra", "| `0.0.0.0/0` (anywhere, IPv4) | `tcp` 80, 443 |", "`tcp` 3306", "`tcp` 6379", "`tcp` 9200",
        "`enable_deletion_protection` = `true`", "Create the AWS account", "`osmt` CLI profile", "Buy the domain"}},
      {"samples/vueocity.topo",
       {"| `vueorg` |", "| `vueusers` |", "| `vueback` |", "| `vueops` |", "| `vueprod` |", "| `vuedev` |", "| `vuetest` |", "management account",
        "ACM CERT FOR CF MUST BE REGISTERED IN North Virgina region", "VueOrg", "VueAdmin", "VueProd", "VueDev", "VueRead", "may assume:",
        "| `0.0.0.0/0` (anywhere, IPv4) | `tcp` 80, 443 |", "`54.224.0.0/11`", "`tcp` 3306", "`tcp` 6379", "`tcp` 22, 8000-8999",
        "`param.devops_cidrs` = `198.51.100.0/24`", "`autoscaling_group.foh`", "`autoscaling_group.boh`", "`autoscaling_group.ft`",
        "`mixed_instances` blocks", "`lb_cookie`", "`engine` = `mysql`", "`allocated_storage` = `5`", "`default_storage_engine`", "`InnoDB`",
        "`max_connections`", "`engine` = `redis`", "`automatic_failover` = `true`", "`acceleration` = `true`", "`noncurrent_transition_days`",
        "`STANDARD_IA`", "`vpc_endpoint.s3`", "`/nh/*`", "`/mpf-root/*`", "`sni-only`", "`https-only`", "`response-content-disposition`",
        "| `403` | `404` |", "`cloudfront_key_group.signing`", "`cloudfront_origin_access.mpf`", "| `certificate.cloudfront` | `vueprod` · `us-east-1` |",
        "`*.vueocity.example`", "| `email-smtp.us-east-1.amazonaws.com` | `587` |", "EC2 throttles port 25", "`secret.smtp`",
        "`failover` = `PRIMARY`", "`failover` = `SECONDARY`", "alias → `load_balancer.main`", "`dev1.vueocity.example`", "aws.yaml",
        "AmiSetup.txt", ".secrets/vueocity", "db_migrate"}},
  };
  for (const auto& [sample, wanted] : facts) {
    std::string dir = MakeTempDir("topo-docs") + "/out";
    int code = -1;
    std::string err;
    std::string readme = Docs({sample}, dir, &code, &err);
    ASSERT_EQ(code, 0) << sample << "\n" << err;
    for (const auto& fact : wanted) EXPECT_NE(readme.find(fact), std::string::npos) << sample << " lacks: " << fact;
    fs::remove_all(fs::path(dir).parent_path());
  }
}

}  // namespace
}  // namespace topo::testing
