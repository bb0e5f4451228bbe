#include "emit/json_out.h"

namespace topo::emit {

JsonOut::JsonOut(size_t reserve, size_t depth) : empty_(depth, true) { s_.reserve(reserve); }

void JsonOut::Double(double d) { s_ += nlohmann::json(d).dump(); }

void JsonOut::String(const std::string& text) {
  const size_t start = s_.size();
  s_ += '"';
  size_t run = 0;  // the characters from here to `i` need no escape and are not written yet
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) continue;
    if (c >= 0x80) {
      // nlohmann's escaping, which replaces invalid UTF-8 as the previous writers did.
      s_.resize(start);
      s_ += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    s_.append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': s_ += "\\\""; break;
      case '\\': s_ += "\\\\"; break;
      case '\b': s_ += "\\b"; break;
      case '\f': s_ += "\\f"; break;
      case '\n': s_ += "\\n"; break;
      case '\r': s_ += "\\r"; break;
      case '\t': s_ += "\\t"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        s_ += "\\u00";
        s_ += hex[(c >> 4) & 0xF];
        s_ += hex[c & 0xF];
      }
    }
  }
  s_.append(text, run, text.size() - run);
  s_ += '"';
}

void JsonOut::Value(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::object:
      BeginObject();
      for (const auto& [key, value] : j.get_ref<const nlohmann::ordered_json::object_t&>()) {
        Key(key);
        Value(value);
      }
      EndObject();
      return;
    case nlohmann::ordered_json::value_t::array:
      BeginArray();
      for (const auto& value : j.get_ref<const nlohmann::ordered_json::array_t&>()) {
        Element();
        Value(value);
      }
      EndArray();
      return;
    case nlohmann::ordered_json::value_t::string: String(j.get_ref<const std::string&>()); return;
    case nlohmann::ordered_json::value_t::boolean: Bool(j.get<bool>()); return;
    case nlohmann::ordered_json::value_t::number_integer: Integer(j.get<long long>()); return;
    case nlohmann::ordered_json::value_t::number_unsigned: s_ += std::to_string(j.get<unsigned long long>()); return;
    case nlohmann::ordered_json::value_t::number_float: Double(j.get<double>()); return;
    default: s_ += j.dump(); return;  // null (and kinds JSON text never holds)
  }
}

void JsonOut::Splice(std::string members) {
  if (members.empty()) return;
  if (!empty_.back()) s_ += ',';
  empty_.back() = false;
  if (members.capacity() - members.size() >= s_.size()) {
    // The members are the bulk of the document (a template's resources): put what precedes them
    // in front, in their buffer, rather than copy them into fresh memory.
    members.insert(0, s_);
    s_.swap(members);
  } else {
    s_ += members;
  }
}

}  // namespace topo::emit
