#pragma once
// SHA-256 (FIPS 180-4): for hashing keys that must be recognisable but not readable
// (suppressions of forgotten addresses). Not a password hash.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace crm::util {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The digest of `data` (bytes, whatever their encoding).
Sha256Digest sha256(std::string_view data);
// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

// Incremental hashing: update() any number of times, then digest() once.
class Sha256 {
public:
  Sha256() noexcept;
  void update(std::string_view data) noexcept;
  Sha256Digest digest() noexcept;

private:
  void compress(const std::uint8_t* block) noexcept;
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0; // bytes hashed so far
};

} // namespace crm::util
