// A compile-time hash index over a fixed list of strings (open addressing), for the
// keyword lookups of the text front end: one hash and usually one comparison per lookup.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace wasm {

// A cheap hash for short keywords: the length, the first and last four bytes and the middle
// byte, mixed by one multiplication (collisions only cost a probe).
constexpr uint32_t keyword_hash(std::string_view s) {
  auto byte = [&](size_t i) { return uint32_t(uint8_t(s[i])); };
  auto word = [&](size_t i) {
    return byte(i) | byte(i + 1) << 8 | byte(i + 2) << 16 | byte(i + 3) << 24;
  };
  size_t n = s.size();
  uint32_t h = uint32_t(n);
  if (n >= 4) {
    h ^= word(0) * 31u + word(n - 4) + byte(n / 2) * 0x10001u;
  } else {
    for (size_t i = 0; i < n; ++i) h = h * 257u + byte(i);
  }
  h *= 0x9E3779B1u;
  return h ^ (h >> 15);
}

// Maps each string of a list to its position in the list; the first occurrence wins for
// duplicates. `Slots` is a power of two, well above the list's size.
template <size_t Slots>
class StringIndex {
  static_assert((Slots & (Slots - 1)) == 0, "Slots must be a power of two");
  static constexpr uint16_t kEmpty = 0xFFFF;

 public:
  // `key(i)` gives the i-th string, for i < n.
  template <typename Key>
  constexpr StringIndex(size_t n, Key key) {
    slots_.fill(kEmpty);
    for (size_t i = 0; i < n; ++i) {
      uint32_t s = keyword_hash(key(i)) & (Slots - 1);
      bool duplicate = false;
      for (; slots_[s] != kEmpty; s = (s + 1) & (Slots - 1))
        if (key(slots_[s]) == key(i)) duplicate = true;
      if (!duplicate) slots_[s] = uint16_t(i);
    }
  }

  // The position of `text` in the list, or -1. `key` must be the constructor's.
  template <typename Key>
  constexpr int find(std::string_view text, Key key) const {
    for (uint32_t s = keyword_hash(text) & (Slots - 1); slots_[s] != kEmpty;
         s = (s + 1) & (Slots - 1))
      if (key(slots_[s]) == text) return slots_[s];
    return -1;
  }

 private:
  std::array<uint16_t, Slots> slots_{};
};

}  // namespace wasm
