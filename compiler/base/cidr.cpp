#include "base/cidr.h"

#include <arpa/inet.h>

#include <cstring>

namespace topo {

namespace {
bool BitSet(const std::array<uint8_t, 16>& a, int bit) { return (a[static_cast<size_t>(bit / 8)] >> (7 - bit % 8)) & 1; }
}  // namespace

Cidr Cidr::Network() const {
  Cidr out = *this;
  for (int bit = prefix; bit < bits(); ++bit) {
    out.address[static_cast<size_t>(bit / 8)] &= static_cast<uint8_t>(~(1u << (7 - bit % 8)));
  }
  return out;
}

std::string Cidr::ToString() const {
  char buffer[INET6_ADDRSTRLEN] = {0};
  inet_ntop(v6 ? AF_INET6 : AF_INET, address.data(), buffer, sizeof(buffer));
  return std::string(buffer) + "/" + std::to_string(prefix);
}

bool Cidr::Contains(const Cidr& other) const {
  if (v6 != other.v6 || other.prefix < prefix) return false;
  for (int bit = 0; bit < prefix; ++bit) {
    if (BitSet(address, bit) != BitSet(other.address, bit)) return false;
  }
  return true;
}

bool Cidr::Overlaps(const Cidr& other) const { return Contains(other) || other.Contains(*this); }

std::optional<Cidr> ParseCidr(const std::string& text, std::string& error) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) {
    error = "it has no prefix length (`/16`)";
    return std::nullopt;
  }
  std::string address = text.substr(0, slash);
  std::string prefix = text.substr(slash + 1);
  Cidr cidr;
  cidr.v6 = address.find(':') != std::string::npos;
  if (inet_pton(cidr.v6 ? AF_INET6 : AF_INET, address.c_str(), cidr.address.data()) != 1) {
    error = "`" + address + "` is not an IP" + std::string(cidr.v6 ? "v6" : "v4") + " address";
    return std::nullopt;
  }
  if (prefix.empty() || prefix.size() > 3 || prefix.find_first_not_of("0123456789") != std::string::npos) {
    error = "the prefix length `" + prefix + "` is not a number";
    return std::nullopt;
  }
  cidr.prefix = std::stoi(prefix);
  if (cidr.prefix > cidr.bits()) {
    error = "the prefix length is at most " + std::to_string(cidr.bits());
    return std::nullopt;
  }
  Cidr network = cidr.Network();
  if (network.address != cidr.address) {
    error = "host bits are set; the block starts at " + network.ToString();
    return std::nullopt;
  }
  return cidr;
}

}  // namespace topo
