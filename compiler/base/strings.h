#pragma once
// Small string helpers shared by every stage: edit distance for "did you mean", joining.
#include <string>
#include <string_view>
#include <vector>

namespace topo {

// Edit distance (Levenshtein plus adjacent swaps), capped: returns `limit + 1` as soon as the distance exceeds `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit = 64);

// The candidate closest to `name` if it is close enough to be a plausible typo, else "".
std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);

// "a vpc", "an `iam_user`": the indefinite article for a noun (by its first letter).
std::string WithArticle(std::string_view noun);

std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// Quotes `s` for a message: `s` in backticks.
// Letters and digits only, each run starting upper-case: "public_nocache" -> "PublicNocache"
// (CloudFormation logical ids, IAM statement ids).
std::string PascalCase(std::string_view text);

inline std::string Quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace topo
