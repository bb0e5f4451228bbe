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
  if (kind_index_size_ != resources.size() || kind_index_data_ != resources.data() || kind_index_.empty()) {
    kind_index_.clear();
    for (const auto& r : resources) kind_index_[r.kind].push_back(r.id);
    kind_index_size_ = resources.size();
    kind_index_data_ = resources.data();
  }
  auto it = kind_index_.find(kind);
  return it == kind_index_.end() ? std::vector<ResourceId>{} : it->second;
}

}  // namespace topo::ir
