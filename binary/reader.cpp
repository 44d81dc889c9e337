// Values of the binary format — binary/values.rst.
#include "binary/reader.h"

namespace wasm::binary {

void Reader::fail(size_t pos, std::string message) {
  fail(failed_ ? Error{} : Error{Phase::Malformed, {offset(pos), offset(pos)}, std::move(message)});
}

void Reader::fail_with(size_t pos, std::string_view message) { fail(pos, std::string(message)); }

void Reader::fail(const Error& error) {
  if (!failed_) error_ = error;
  failed_ = true;
  pos_ = bytes_.size();
}

uint8_t Reader::end_of_input() {
  fail(size(), "unexpected end of section or function");
  return 0;
}

// decode.ml: `require (guard get s = b) s (pos s - 1) msg`. OCaml evaluates the arguments
// right to left, so the position is taken before the byte is read: the one before it.
void Reader::expect(uint8_t b, std::string_view message) {
  size_t at = pos_ == 0 ? 0 : pos_ - 1;
  uint8_t got = byte();  // at the end, "unexpected end" is the error kept
  require(got == b, at, message);
}

// spec: uN ::= n:byte => n  (if n < 2^7 ∧ n < 2^N)
//            | n:byte m:u(N-7) => 2^7·m + (n - 2^7)  (if n >= 2^7 ∧ N > 7)
uint64_t Reader::uN_multi(int n) {
  uint64_t result = 0;
  for (int shift = 0;; shift += 7, n -= 7) {
    if (!require(n > 0, pos_, "integer representation too long")) return 0;
    uint8_t b = byte();
    if (!require(n >= 7 || (b & 0x7f) < (1u << n), pos_ - 1, "integer too large")) return 0;
    result |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return result;
  }
}

// spec: sN ::= n:byte => n  (if n < 2^6 ∧ n < 2^(N-1))
//            | n:byte => n - 2^7  (if 2^6 <= n < 2^7 ∧ n >= 2^7 - 2^(N-1))
//            | n:byte m:s(N-7) => 2^7·m + (n - 2^7)  (if n >= 2^7 ∧ N > 7)
int64_t Reader::sN_multi(int n) {
  uint64_t result = 0;
  for (int shift = 0;; shift += 7, n -= 7) {
    if (!require(n > 0, pos_, "integer representation too long")) return 0;
    uint8_t b = byte();
    unsigned mask = n >= 7 ? 0 : (~0u << (n - 1)) & 0x7f;
    if (!require(n >= 7 || (b & mask) == 0 || (b & mask) == mask, pos_ - 1, "integer too large"))
      return 0;
    result |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      if ((b & 0x40) != 0 && shift + 7 < 64) result |= ~uint64_t(0) << (shift + 7);
      return int64_t(result);
    }
  }
}

uint32_t Reader::f32() {
  auto b = bytes(4);
  if (b.size() < 4) return 0;
  return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

uint64_t Reader::f64() {
  uint64_t lo = f32();
  uint64_t hi = f32();
  return lo | hi << 32;
}

uint32_t Reader::length_out_of_bounds(size_t start) {
  fail(start, "length out of bounds");
  return 0;
}

std::string Reader::name() {
  size_t start = pos_;
  uint32_t n = len32();
  auto b = bytes(n);
  if (!require(valid_utf8(b), start, "malformed UTF-8 encoding")) return {};
  return std::string(b.begin(), b.end());
}

std::vector<uint8_t> Reader::byte_string() {
  uint32_t n = len32();
  auto b = bytes(n);
  return std::vector<uint8_t>(b.begin(), b.end());
}

// Unicode's well-formed UTF-8 byte sequences (The Unicode Standard, Table 3-7).
bool valid_utf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // no overlong forms
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // no overlong forms
      if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

}  // namespace wasm::binary
