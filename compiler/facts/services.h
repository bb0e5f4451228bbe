#pragma once
// AWS availability and lifecycle facts used by the lint passes, loaded from stdlib/services.json
// (regions of services and features that are not offered everywhere, references that may cross
// regions) and stdlib/lifecycle.json (dated end-of-support entries, kinds no IaC target creates).
// Every entry in those files names its documentation source.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace topo::facts {

// A service (keyed by a kind's `service`) or a feature offered in a subset of regions.
struct RegionalOffer {
  std::string id;                   // "ses", "workmail", "ses_receiving"
  std::string title;                // "Amazon SES"
  std::string rule;                 // diagnostic code reported when a resource is elsewhere
  std::set<std::string> regions;
  std::vector<std::string> sources;
  bool OfferedIn(const std::string& region) const { return regions.count(region) > 0; }
};

// A service or mode with a published end of support.
struct EndOfSupport {
  std::string id;
  std::string title;                // "Aurora Serverless v1"
  std::string kind;                 // the kind it applies to
  std::map<std::string, std::string> when;  // attribute -> value that selects the mode (empty: every resource)
  std::string no_new_from;          // YYYY-MM-DD, optional: creation refused from this date
  std::string end;                  // YYYY-MM-DD
  std::string replacement;
  std::string facts;
  std::vector<std::string> sources;
};

struct ManualKind {
  std::string kind;
  std::string why;
  std::vector<std::string> sources;
};

class ServiceFacts {
 public:
  static const ServiceFacts& Builtin();
  static std::unique_ptr<ServiceFacts> FromJson(const nlohmann::json& services, const nlohmann::json& lifecycle);

  // nullptr when the service exists in every region.
  const RegionalOffer* Service(const std::string& service) const;
  const RegionalOffer* Feature(const std::string& feature) const;
  // `kind_attribute` is "kind.attribute" (block paths without labels: "origin.target"), or a bare
  // implicit attribute such as "depends_on".
  bool CrossRegionAllowed(const std::string& kind_attribute) const;
  const std::vector<EndOfSupport>& end_of_support() const { return end_of_support_; }
  const ManualKind* FindManualKind(const std::string& kind) const;

 private:
  std::map<std::string, RegionalOffer> services_;
  std::map<std::string, RegionalOffer> features_;
  std::set<std::string> cross_region_allowed_;
  std::vector<EndOfSupport> end_of_support_;
  std::map<std::string, ManualKind> manual_kinds_;
};

}  // namespace topo::facts
