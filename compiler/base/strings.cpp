#include "base/strings.h"

#include <algorithm>
#include <cctype>

namespace topo {

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two adjacent
  // letters (the commonest typo, `vcp` for `vpc`) each cost one. Case is ignored.
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(n + 1), prev(n + 1), row(n + 1);
  for (size_t i = 0; i <= n; ++i) prev[i] = i;
  for (size_t j = 1; j <= m; ++j) {
    row[0] = j;
    size_t best = row[0];
    for (size_t i = 1; i <= n; ++i) {
      size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[i] = std::min({row[i - 1] + 1, prev[i] + 1, prev[i - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
        row[i] = std::min(row[i], prev2[i - 2] + 1);
      }
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(row);
  }
  return prev[n];
}

std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates) {
  // A typo is at most a third of the name, and at least one edit.
  size_t limit = std::max<size_t>(1, (name.size() + 2) / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == name) continue;
    size_t d = EditDistance(name, candidate, limit);
    if (d < best_distance || (d == best_distance && !best.empty() && candidate < best)) {
      best_distance = d;
      best = candidate;
    }
  }
  return best_distance <= limit ? best : std::string();
}

std::string WithArticle(std::string_view noun) {
  std::string_view word = noun;
  while (!word.empty() && (word.front() == '`' || word.front() == '"')) word.remove_prefix(1);
  bool vowel = !word.empty() && std::string_view("aeiouAEIOU").find(word.front()) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string PascalCase(std::string_view text) {
  std::string out;
  bool upper = true;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace topo
