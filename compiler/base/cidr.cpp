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

std::optional<Cidr> ParseCidr(const std::string& text, CidrError& error) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) {
    error.message = "it has no prefix length";
    error.help = "add the prefix length, e.g. `" + (text.find(':') == std::string::npos ? text : std::string("::")) +
                 "/16` (a single address is `/" + (text.find(':') == std::string::npos ? "32" : "128") + "`)";
    return std::nullopt;
  }
  std::string address = text.substr(0, slash);
  std::string prefix = text.substr(slash + 1);
  Cidr cidr;
  cidr.v6 = address.find(':') != std::string::npos;
  if (inet_pton(cidr.v6 ? AF_INET6 : AF_INET, address.c_str(), cidr.address.data()) != 1) {
    error.message = "`" + address + "` is not an IP" + std::string(cidr.v6 ? "v6" : "v4") + " address";
    error.length = address.size();
    if (!cidr.v6) {
      // Point at the first octet that is out of range, when that is the problem.
      size_t start = 0;
      for (int part = 0; part < 4 && start <= address.size(); ++part) {
        size_t dot = address.find('.', start);
        std::string octet = address.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!octet.empty() && octet.size() <= 9 && octet.find_first_not_of("0123456789") == std::string::npos &&
            std::stoul(octet) > 255) {
          error.message = "the octet `" + octet + "` is larger than 255";
          error.offset = start;
          error.length = octet.size();
          break;
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
    }
    return std::nullopt;
  }
  error.offset = slash + 1;
  error.length = prefix.size();
  if (prefix.empty() || prefix.find_first_not_of("0123456789") != std::string::npos) {
    error.message = "the prefix length `" + prefix + "` is not a number";
    return std::nullopt;
  }
  if (prefix.size() > 3 || std::stoi(prefix) > cidr.bits()) {
    error.message = "the prefix length " + prefix + " is larger than " + std::to_string(cidr.bits());
    return std::nullopt;
  }
  cidr.prefix = std::stoi(prefix);
  Cidr network = cidr.Network();
  if (network.address != cidr.address) {
    error.message = "host bits are set; the block starts at " + network.ToString();
    error.offset = 0;
    error.length = 0;
    error.help = "write `" + network.ToString() + "`";
    return std::nullopt;
  }
  return cidr;
}

std::optional<Cidr> ParseCidr(const std::string& text, std::string& error) {
  CidrError e;
  auto result = ParseCidr(text, e);
  if (!result) error = e.message;
  return result;
}

}  // namespace topo
