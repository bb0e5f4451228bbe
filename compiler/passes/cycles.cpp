#include "passes/cycles.h"

#include <algorithm>

#include "base/strings.h"

namespace topo::passes {

void CheckCycles(const ir::Model& model, DiagSink& sink) {
  size_t n = model.resources.size();
  std::vector<std::vector<const ir::Edge*>> out(n);
  for (const auto& e : model.edges) {
    if (e.via == "rule" || e.from == e.to) continue;
    out[static_cast<size_t>(e.from)].push_back(&e);
  }
  // Iterative DFS (colour marking) so deep chains cannot overflow the stack.
  enum Colour : uint8_t { kWhite, kGrey, kBlack };
  std::vector<Colour> colour(n, kWhite);
  for (size_t start = 0; start < n; ++start) {
    if (colour[start] != kWhite) continue;
    std::vector<std::pair<size_t, size_t>> stack;  // (node, next edge index)
    std::vector<const ir::Edge*> via;             // edge used to reach stack[i+1]
    stack.emplace_back(start, 0);
    colour[start] = kGrey;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < out[node].size()) {
        const ir::Edge* e = out[node][next++];
        size_t to = static_cast<size_t>(e->to);
        if (colour[to] == kWhite) {
          colour[to] = kGrey;
          via.push_back(e);
          stack.emplace_back(to, 0);
        } else if (colour[to] == kGrey) {
          // Found a cycle: the stack from `to` to `node`, then back to `to`.
          std::vector<std::string> names;
          size_t at = 0;
          while (stack[at].first != to) ++at;
          for (size_t i = at; i < stack.size(); ++i) names.push_back(model.DisplayName(static_cast<ir::ResourceId>(stack[i].first)));
          names.push_back(model.DisplayName(static_cast<ir::ResourceId>(to)));
          Diagnostic& d = sink.Report(DiagKind::kReferenceCycle, e->range, Join(names, " -> "));
          for (size_t i = at; i + 1 < stack.size(); ++i) d.labels.push_back({via[i]->range, "which refers to"});
          d.help = "one of these references must go; resources cannot each need the other to exist first";
        }
      } else {
        colour[node] = kBlack;
        stack.pop_back();
        if (!via.empty() && via.size() >= stack.size()) via.pop_back();
      }
    }
  }
}

}  // namespace topo::passes
