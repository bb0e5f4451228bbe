#pragma once
// Which CloudFormation stack each resource goes into, and in what order the stacks deploy.
//
// A stack is one (account, region). Regional resources are pinned to theirs. Global resources
// (IAM, Route 53, CloudFront) can be created from a stack in any region of their account, so they
// float: each goes into its account's default-region stack when the dependencies allow it, else
// into the stack nearest to it in deployment order that does. Among the orders of the stacks in
// which every reference points to an earlier (or the same) stack, the planner picks the one that
// leaves the fewest global resources outside their default-region stack, then the one with the
// fewest cross-stack references, then the canonical order (accounts as declared, the default
// region first, then the other regions by name). Example: a hosted zone that a us-east-1
// certificate validates against, while the distribution using that certificate lives in the
// default region, goes into the us-east-1 stack, which then deploys first.
//
// When no order works with one stack per (account, region) (a true cycle between regions), or
// there are more than kMaxSearchStacks stacks, a greedy pass splits stacks into phases:
// (account, region, 2) deploys after the stacks it needs.
#include <cstdint>
#include <string>
#include <vector>

namespace topo::emit::cfn {

struct PlanUnit {
  int account = 0;           // an account key; any integer
  std::string region;        // empty: floats (a global service)
  std::vector<int> deps;     // units this one reads or depends on
};

struct PlanInput {
  std::vector<PlanUnit> units;
  std::string default_region;
  std::vector<int> account_order;   // canonical order of the account keys
};

struct PlannedStack {
  int account = 0;
  std::string region;
  int phase = 1;                    // > 1 only when a (account, region) had to be split
  std::vector<int> units;           // in unit order
};

struct Plan {
  std::vector<PlannedStack> stacks; // in deployment order
  std::vector<int> stack_of;        // unit -> index into stacks
};

constexpr size_t kMaxSearchStacks = 7;

Plan PlanStacks(const PlanInput& input);

}  // namespace topo::emit::cfn
