// The mapping tables in stdlib/terraform/ cover the catalog: every kind has a mapping, every
// attribute of every kind is mapped, handled by the emitter or marked as having no Terraform
// equivalent, and every output other resources may read has a Terraform expression.
#include "emit/hcl/mapping.h"

#include <gtest/gtest.h>

#include "facts/catalog.h"

namespace topo::emit::hcl {
namespace {

TEST(HclMappingTest, EveryKindHasAMapping) {
  const auto& catalog = facts::Catalog::Builtin();
  const auto& maps = Mappings::Builtin();
  for (const auto& name : catalog.kind_names()) {
    EXPECT_NE(maps.Find(name), nullptr) << "stdlib/terraform/ has no mapping for kind `" << name << "`";
  }
}

TEST(HclMappingTest, EveryAttributeIsMappedOrHandled) {
  const auto& catalog = facts::Catalog::Builtin();
  for (const auto& [key, map] : Mappings::Builtin().kinds()) {
    std::string kind_name = key.substr(0, key.find('/'));
    const facts::Kind* kind = catalog.FindKind(kind_name);
    ASSERT_NE(kind, nullptr) << "mapping `" << key << "` names no kind";
    for (const auto& [attr, schema] : kind->attributes) {
      EXPECT_NE(map.FindArg(attr), nullptr) << "mapping `" << key << "` does not say what happens to `" << attr << "`";
    }
    for (const auto& spec : map.args) {
      bool known = kind->attributes.count(spec.attr) > 0 || catalog.implicit_attributes().count(spec.attr) > 0;
      EXPECT_TRUE(known) << "mapping `" << key << "` maps `" << spec.attr << "`, which the kind does not have";
    }
  }
}

TEST(HclMappingTest, EveryOutputHasATerraformExpression) {
  const auto& catalog = facts::Catalog::Builtin();
  for (const auto& [key, map] : Mappings::Builtin().kinds()) {
    if (map.type.empty()) continue;
    const facts::Kind* kind = catalog.FindKind(key.substr(0, key.find('/')));
    ASSERT_NE(kind, nullptr);
    for (const auto& output : kind->outputs) {
      EXPECT_TRUE(map.outputs.contains(output)) << "mapping `" << key << "` has no Terraform attribute for output `" << output << "`";
    }
    EXPECT_TRUE(map.outputs.contains(map.ref)) << "mapping `" << key << "`: `ref` names an unknown output";
  }
}

TEST(HclMappingTest, FilesAreKnownAndTypesGlobalOnlyForGlobalServices) {
  const auto& maps = Mappings::Builtin();
  for (const auto& [key, map] : maps.kinds()) {
    bool known = false;
    for (const auto& [file, title] : maps.files()) known = known || file == map.file;
    EXPECT_TRUE(known) << "mapping `" << key << "` writes to `" << map.file << ".tf`, which terraform.json does not list";
  }
  EXPECT_TRUE(maps.IsGlobalType("aws_iam_role"));
  EXPECT_TRUE(maps.IsGlobalType("aws_cloudfront_distribution"));
  EXPECT_TRUE(maps.IsGlobalType("aws_route53_record"));
  EXPECT_FALSE(maps.IsGlobalType("aws_acm_certificate"));
  EXPECT_FALSE(maps.IsGlobalType("aws_sesv2_email_identity"));
  EXPECT_FALSE(maps.IsGlobalType("aws_s3_bucket"));
}

}  // namespace
}  // namespace topo::emit::hcl
