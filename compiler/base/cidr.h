#pragma once
// CIDR blocks: parsing, validation with a reason, containment and overlap (IPv4 and IPv6).
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace topo {

struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> address{};  // v4 uses the first 4 bytes
  int prefix = 0;

  int bits() const { return v6 ? 128 : 32; }
  // The block with host bits cleared.
  Cidr Network() const;
  std::string ToString() const;
  bool Contains(const Cidr& other) const;  // other lies entirely inside this block
  bool Overlaps(const Cidr& other) const;
  bool IsAnywhere() const { return prefix == 0; }  // 0.0.0.0/0 or ::/0
};

// Why a CIDR block is invalid, and which part of its text is wrong (for the caret).
struct CidrError {
  std::string message;
  std::string help;
  size_t offset = 0;  // in the text
  size_t length = 0;  // 0: the whole text
};

// Parses "10.0.0.0/16" or "::/0". On failure returns nullopt and fills `error`.
std::optional<Cidr> ParseCidr(const std::string& text, CidrError& error);
// Convenience for callers that need only the message.
std::optional<Cidr> ParseCidr(const std::string& text, std::string& error);

}  // namespace topo
