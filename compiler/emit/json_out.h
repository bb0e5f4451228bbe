#pragma once
// A JSON writer shared by the emitters that write JSON (ir-json, cfn): it writes as it goes, in
// the layout of nlohmann's dump(2) (two-space indent, "key": value, empty containers as {} and
// []), so a document need not be built as a tree first: a node and a copied string per value,
// several times the output's size in memory.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace topo::emit {

class JsonOut {
 public:
  // `depth`: the writer starts inside that many open containers, to write members that another
  // writer splices into a container at that depth (Splice).
  explicit JsonOut(size_t reserve, size_t depth = 0);

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // Starts a member of the open object; its value follows.
  void Key(const std::string& key) {
    Next();
    String(key);
    s_ += ": ";
  }
  // Starts an element of the open array; its value follows.
  void Element() { Next(); }

  void Null() { s_ += "null"; }
  void Bool(bool b) { s_ += b ? "true" : "false"; }
  void Integer(long long n) { s_ += std::to_string(n); }
  void Double(double d);
  // Escaped as nlohmann escapes (no \u for non-ASCII; invalid UTF-8 becomes U+FFFD).
  void String(const std::string& text);
  // A whole tree, as its dump(2) would read at this depth.
  void Value(const nlohmann::ordered_json& j);
  // Members (or elements) of the open container, written by a writer made with this depth.
  void Splice(std::string members);

  size_t size() const { return s_.size(); }
  std::string Take() { return std::move(s_); }

 private:
  void Open(char c) {
    s_ += c;
    empty_.push_back(true);
  }
  void Close(char c) {
    bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) {
      s_ += '\n';
      s_.append(2 * empty_.size(), ' ');
    }
    s_ += c;
  }
  void Next() {
    if (!empty_.back()) s_ += ',';
    empty_.back() = false;
    s_ += '\n';
    s_.append(2 * empty_.size(), ' ');
  }

  std::string s_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
};

}  // namespace topo::emit
