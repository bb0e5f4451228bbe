#include "ir/model.h"

#include <algorithm>

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

void Model::Index() const {
  if (index_size_ == resources.size() && index_data_ == resources.data() && index_edges_ == edges.size() &&
      index_edge_data_ == edges.data() && !kind_index_.empty()) {
    return;
  }
  kind_index_.clear();
  children_index_.assign(resources.size(), {});
  edges_to_index_.assign(resources.size(), {});
  for (const auto& r : resources) {
    kind_index_[r.kind].push_back(r.id);
    if (r.parent >= 0 && static_cast<size_t>(r.parent) < resources.size()) {
      children_index_[static_cast<size_t>(r.parent)].push_back(r.id);
    }
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    ResourceId to = edges[i].to;
    if (to >= 0 && static_cast<size_t>(to) < resources.size()) edges_to_index_[static_cast<size_t>(to)].push_back(i);
  }
  index_size_ = resources.size();
  index_data_ = resources.data();
  index_edges_ = edges.size();
  index_edge_data_ = edges.data();
}

const std::vector<ResourceId>& Model::OfKind(const std::string& kind) const {
  static const std::vector<ResourceId> kNone;
  Index();
  auto it = kind_index_.find(kind);
  return it == kind_index_.end() ? kNone : it->second;
}

const std::vector<ResourceId>& Model::Children(ResourceId id) const {
  static const std::vector<ResourceId> kNone;
  Index();
  return id >= 0 && static_cast<size_t>(id) < children_index_.size() ? children_index_[static_cast<size_t>(id)] : kNone;
}

std::vector<ResourceId> Model::Referrers(ResourceId id, std::initializer_list<std::string_view> kinds,
                                         std::string_view via) const {
  std::vector<ResourceId> out;
  for (size_t e : EdgesTo(id)) {
    const Edge& edge = edges[e];
    if (!via.empty() && edge.via != via) continue;
    for (std::string_view kind : kinds) {
      if (at(edge.from).kind == kind) out.push_back(edge.from);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<size_t>& Model::EdgesTo(ResourceId id) const {
  static const std::vector<size_t> kNone;
  Index();
  return id >= 0 && static_cast<size_t>(id) < edges_to_index_.size() ? edges_to_index_[static_cast<size_t>(id)] : kNone;
}

}  // namespace topo::ir
