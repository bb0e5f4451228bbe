#include "emit/cfn/plan.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <tuple>

namespace topo::emit::cfn {

namespace {

struct Key {
  int account = 0;
  std::string region;
  bool operator<(const Key& o) const { return std::tie(account, region) < std::tie(o.account, o.region); }
  bool operator==(const Key& o) const { return account == o.account && region == o.region; }
};

class Planner {
 public:
  explicit Planner(const PlanInput& in) : in_(in), n_(in.units.size()) {}

  Plan Run() {
    TopologicalOrder();
    CollectKeys();
    if (keys_.size() <= 64 && BuildReach()) {
      std::vector<int> best;
      Cost best_cost{};
      bool found = false;
      auto consider = [&](const std::vector<int>& order) {
        Cost c;
        if (!Evaluate(order, &c, nullptr)) return;
        if (!found || c < best_cost) {
          best = order;
          best_cost = c;
          found = true;
        }
      };
      std::vector<int> order(keys_.size());
      std::iota(order.begin(), order.end(), 0);
      // Every order of the stacks when that is cheap (7 stacks: 5040 orders); the canonical one otherwise.
      double budget = 5e6, orders = 1;
      for (size_t k = 2; k <= keys_.size(); ++k) orders *= static_cast<double>(k);
      if (keys_.size() <= kMaxSearchStacks && orders * static_cast<double>(n_ + 1) <= budget) {
        do consider(order);
        while (std::next_permutation(order.begin(), order.end()));
      } else {
        consider(order);
      }
      if (found) return Build(best);
    }
    return Greedy();
  }

 private:
  struct Cost {
    size_t off_default = 0;
    size_t cross = 0;
    bool operator<(const Cost& o) const { return std::tie(off_default, cross) < std::tie(o.off_default, o.cross); }
  };

  // Kahn's algorithm, lowest unit first: deterministic, and declaration order where free.
  void TopologicalOrder() {
    std::vector<int> indegree(n_, 0);
    dependents_.assign(n_, {});
    for (size_t u = 0; u < n_; ++u) {
      for (int d : in_.units[u].deps) {
        if (d < 0 || static_cast<size_t>(d) >= n_ || static_cast<size_t>(d) == u) continue;
        dependents_[static_cast<size_t>(d)].push_back(static_cast<int>(u));
        ++indegree[u];
      }
    }
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (size_t u = 0; u < n_; ++u) {
      if (indegree[u] == 0) ready.push(static_cast<int>(u));
    }
    while (!ready.empty()) {
      int u = ready.top();
      ready.pop();
      topo_.push_back(u);
      for (int d : dependents_[static_cast<size_t>(u)]) {
        if (--indegree[static_cast<size_t>(d)] == 0) ready.push(d);
      }
    }
    // A cycle among units would be an emitter bug; keep the rest in unit order so nothing is lost.
    if (topo_.size() < n_) {
      std::vector<bool> seen(n_, false);
      for (int u : topo_) seen[static_cast<size_t>(u)] = true;
      for (size_t u = 0; u < n_; ++u) {
        if (!seen[u]) topo_.push_back(static_cast<int>(u));
      }
    }
  }

  int AccountRank(int account) const {
    auto it = std::find(in_.account_order.begin(), in_.account_order.end(), account);
    return it == in_.account_order.end() ? static_cast<int>(in_.account_order.size()) + account
                                         : static_cast<int>(it - in_.account_order.begin());
  }

  // Every pinned (account, region), plus each account's default-region stack when it has floating units.
  void CollectKeys() {
    std::set<Key> keys;
    for (const auto& u : in_.units) keys.insert({u.account, u.region.empty() ? in_.default_region : u.region});
    keys_.assign(keys.begin(), keys.end());
    std::sort(keys_.begin(), keys_.end(), [&](const Key& a, const Key& b) {
      int ra = AccountRank(a.account), rb = AccountRank(b.account);
      if (ra != rb) return ra < rb;
      bool da = a.region == in_.default_region, db = b.region == in_.default_region;
      if (da != db) return da;
      return a.region < b.region;
    });
    for (size_t i = 0; i < keys_.size(); ++i) key_index_[keys_[i]] = static_cast<int>(i);
    unit_key_.assign(n_, -1);
    default_key_.clear();
    for (size_t u = 0; u < n_; ++u) {
      const auto& unit = in_.units[u];
      if (!unit.region.empty()) unit_key_[u] = key_index_[{unit.account, unit.region}];
      default_key_[unit.account] = key_index_[{unit.account, in_.default_region}];
    }
  }

  // For each floating unit, the pinned stacks that depend on it through floating units only.
  bool BuildReach() {
    reach_.assign(n_, 0);
    for (auto it = topo_.rbegin(); it != topo_.rend(); ++it) {
      size_t u = static_cast<size_t>(*it);
      uint64_t mask = 0;
      for (int d : dependents_[u]) {
        size_t du = static_cast<size_t>(d);
        mask |= unit_key_[du] >= 0 ? (uint64_t{1} << unit_key_[du]) : reach_[du];
      }
      reach_[u] = mask;
    }
    return true;
  }

  // Places every unit for one order of the stacks; false when some reference would point forward.
  bool Evaluate(const std::vector<int>& order, Cost* cost, std::vector<int>* placement) {
    std::vector<int> pos(keys_.size());
    for (size_t i = 0; i < order.size(); ++i) pos[static_cast<size_t>(order[i])] = static_cast<int>(i);
    std::vector<int> place(n_, -1);
    Cost c;
    for (int ui : topo_) {
      size_t u = static_cast<size_t>(ui);
      const auto& unit = in_.units[u];
      int lo = 0;
      for (int d : unit.deps) {
        if (d < 0 || static_cast<size_t>(d) >= n_ || place[static_cast<size_t>(d)] < 0) continue;
        lo = std::max(lo, pos[static_cast<size_t>(place[static_cast<size_t>(d)])]);
      }
      if (unit_key_[u] >= 0) {
        if (pos[static_cast<size_t>(unit_key_[u])] < lo) return false;
        place[u] = unit_key_[u];
      } else {
        int hi = static_cast<int>(keys_.size()) - 1;
        for (size_t k = 0; k < keys_.size(); ++k) {
          if (reach_[u] & (uint64_t{1} << k)) hi = std::min(hi, pos[k]);
        }
        int def = default_key_.at(unit.account);
        int def_pos = pos[static_cast<size_t>(def)];
        if (def_pos >= lo && def_pos <= hi) {
          place[u] = def;
        } else {
          // The account's stack nearest to the default one within [lo, hi].
          int chosen = -1;
          for (size_t k = 0; k < keys_.size(); ++k) {
            if (keys_[k].account != unit.account || pos[k] < lo || pos[k] > hi) continue;
            if (chosen < 0) {
              chosen = static_cast<int>(k);
            } else if (def_pos < lo ? pos[k] < pos[static_cast<size_t>(chosen)] : pos[k] > pos[static_cast<size_t>(chosen)]) {
              chosen = static_cast<int>(k);
            }
          }
          if (chosen < 0) return false;
          place[u] = chosen;
          ++c.off_default;
        }
      }
    }
    for (size_t u = 0; u < n_; ++u) {
      for (int d : in_.units[u].deps) {
        if (d >= 0 && static_cast<size_t>(d) < n_ && place[static_cast<size_t>(d)] != place[u]) ++c.cross;
      }
    }
    if (cost != nullptr) *cost = c;
    if (placement != nullptr) *placement = std::move(place);
    return true;
  }

  Plan Build(const std::vector<int>& order) {
    std::vector<int> place;
    Evaluate(order, nullptr, &place);
    Plan plan;
    std::vector<int> stack_of_key(keys_.size(), -1);
    for (int k : order) {
      bool used = std::find(place.begin(), place.end(), k) != place.end();
      if (!used) continue;
      stack_of_key[static_cast<size_t>(k)] = static_cast<int>(plan.stacks.size());
      plan.stacks.push_back({keys_[static_cast<size_t>(k)].account, keys_[static_cast<size_t>(k)].region, 1, {}});
    }
    plan.stack_of.assign(n_, -1);
    for (size_t u = 0; u < n_; ++u) {
      int s = stack_of_key[static_cast<size_t>(place[u])];
      plan.stack_of[u] = s;
      plan.stacks[static_cast<size_t>(s)].units.push_back(static_cast<int>(u));
    }
    return plan;
  }

  // Always succeeds: a unit goes into the earliest stack of its key at or after every dependency,
  // and a new phase of that key is appended when there is none.
  Plan Greedy() {
    Plan plan;
    plan.stack_of.assign(n_, -1);
    for (int ui : topo_) {
      size_t u = static_cast<size_t>(ui);
      const auto& unit = in_.units[u];
      int lo = 0;
      for (int d : unit.deps) {
        if (d >= 0 && static_cast<size_t>(d) < n_ && plan.stack_of[static_cast<size_t>(d)] >= 0) {
          lo = std::max(lo, plan.stack_of[static_cast<size_t>(d)]);
        }
      }
      std::string region = unit.region.empty() ? in_.default_region : unit.region;
      int chosen = -1;
      for (size_t s = static_cast<size_t>(lo); s < plan.stacks.size(); ++s) {
        const auto& st = plan.stacks[s];
        if (st.account == unit.account && st.region == region) {
          chosen = static_cast<int>(s);
          break;
        }
      }
      if (chosen < 0 && unit.region.empty()) {
        for (size_t s = static_cast<size_t>(lo); s < plan.stacks.size(); ++s) {
          if (plan.stacks[s].account == unit.account) {
            chosen = static_cast<int>(s);
            break;
          }
        }
      }
      if (chosen < 0) {
        int phase = 1;
        for (const auto& st : plan.stacks) {
          if (st.account == unit.account && st.region == region) phase = std::max(phase, st.phase + 1);
        }
        plan.stacks.push_back({unit.account, region, phase, {}});
        chosen = static_cast<int>(plan.stacks.size()) - 1;
      }
      plan.stack_of[u] = chosen;
    }
    for (size_t u = 0; u < n_; ++u) plan.stacks[static_cast<size_t>(plan.stack_of[u])].units.push_back(static_cast<int>(u));
    return plan;
  }

  const PlanInput& in_;
  size_t n_;
  std::vector<int> topo_;
  std::vector<std::vector<int>> dependents_;
  std::vector<Key> keys_;
  std::map<Key, int> key_index_;
  std::vector<int> unit_key_;
  std::map<int, int> default_key_;
  std::vector<uint64_t> reach_;
};

}  // namespace

Plan PlanStacks(const PlanInput& input) {
  if (input.units.empty()) return {};
  return Planner(input).Run();
}

}  // namespace topo::emit::cfn
