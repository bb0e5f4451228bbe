#include "ir/model.h"

namespace topo::ir {

const Value* Value::Find(const std::string& key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

const Attribute* Block::Find(const std::string& name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const Attribute* Resource::Find(const std::string& name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const Param* Model::FindParam(const std::string& name) const {
  for (const auto& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string Model::AccountName(ResourceId id) const {
  const Resource& r = at(id);
  return r.account == kNoResource ? std::string() : at(r.account).name;
}

std::string Model::DisplayName(ResourceId id) const {
  const Resource& r = at(id);
  std::string base = r.kind + "." + r.name;
  if (r.account == kNoResource || !r.name_shared) return base;
  return base + "@" + at(r.account).name;
}

std::vector<ResourceId> Model::OfKind(const std::string& kind) const {
  std::vector<ResourceId> out;
  for (const auto& r : resources) {
    if (r.kind == kind) out.push_back(r.id);
  }
  return out;
}

}  // namespace topo::ir
