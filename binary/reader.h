// A byte reader for the binary format's values — binary/values.rst (bytes, integers, floats,
// names, vectors), with the reference interpreter's error messages (interpreter/binary/decode.ml).
//
// Errors do not throw: the reader records the first one (error()) and jumps to its end, where
// every read yields zeros and consumes nothing. The decoder checks failed() in each loop whose
// length the input does not bound and unwinds by returning, so a malformed module costs what
// its bytes cost, not an exception's unwinding. decode() turns the error into a Result.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/error.h"

namespace wasm::binary {

class Reader {
 public:
  // `base` is the offset of bytes[0] in the outermost buffer (nested modules), so that every
  // reported offset is absolute.
  explicit Reader(std::span<const uint8_t> bytes, uint32_t base = 0) : bytes_(bytes), base_(base) {}

  size_t pos() const { return pos_; }
  size_t size() const { return bytes_.size(); }
  size_t remaining() const { return bytes_.size() - pos_; }
  bool eos() const { return pos_ == bytes_.size(); }
  void reset(size_t pos) { pos_ = pos; }
  // The absolute offset of a position of this reader.
  uint32_t offset(size_t pos) const { return base_ + uint32_t(pos); }
  Span span_from(size_t begin) const { return {offset(begin), offset(pos_)}; }
  std::span<const uint8_t> bytes() const { return bytes_; }

  // shared-everything-threads (DecodeOptions::shared_everything): the type readers accept the
  // 0x65 shared prefix and the shared flag bits. Copied into the readers of nested modules.
  bool shared_everything = false;

  // Records a malformed-input error at pos, unless one is recorded already (the first error
  // is the one decode.ml reports), and jumps to the end.
  void fail(size_t pos, std::string message);
  void fail(const Error& error);  // an error at an absolute offset (a nested module's)
  // Fails with `message` unless ok; returns ok.
  bool require(bool ok, size_t pos, std::string_view message) {
    if (!ok) [[unlikely]]
      fail_with(pos, message);
    return ok;
  }
  bool failed() const { return failed_; }
  const Error& error() const { return error_; }  // when failed()

  // decode.ml's alternatives (try one form, else another from the same place): a mark, whether
  // the form tried from it failed, and a return to it that forgets that failure (an error
  // recorded before the mark stays).
  struct Mark {
    size_t pos;
    bool failed;
  };
  Mark mark() const { return {pos_, failed_}; }
  bool failed_since(Mark m) const { return failed_ && !m.failed; }
  void backtrack(Mark m) {
    pos_ = m.pos;
    failed_ = m.failed;
  }

  // The next byte, if any, without consuming it.
  int peek() const { return eos() ? -1 : bytes_[pos_]; }

  // spec: byte. At the end: "unexpected end of section or function" (and 0).
  uint8_t byte() {
    if (eos()) [[unlikely]]
      return end_of_input();
    return bytes_[pos_++];
  }
  // Consumes the byte b, or fails with `message` at the position before it (as decode.ml).
  void expect(uint8_t b, std::string_view message);
  // spec: byte^n (n raw bytes).
  std::span<const uint8_t> bytes(size_t n) {
    if (n > remaining()) [[unlikely]] {
      end_of_input();
      return {};
    }
    auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  void skip(size_t n) { bytes(n); }

  // spec: uN, sN (LEB128). "integer representation too long" when more than ceil(N/7) bytes,
  // "integer too large" when the unused bits of the last byte are not zero (or sign) bits.
  // The one-byte forms (most indices, counts and flags) are read inline.
  uint64_t uN(int n) {
    if (!eos() && bytes_[pos_] < 0x80 && (n >= 7 || bytes_[pos_] < (1u << n))) [[likely]]
      return bytes_[pos_++];
    return uN_multi(n);
  }
  int64_t sN(int n) {
    // One byte, its sign bit (0x40) extended: the common small constants, read inline.
    if (!eos() && bytes_[pos_] < 0x80 && (n >= 7 || fits_signed(bytes_[pos_], n))) [[likely]]
      return int64_t(bytes_[pos_++] ^ 0x40) - 0x40;
    return sN_multi(n);
  }
  uint32_t u8() { return uint32_t(uN(8)); }
  uint32_t u32() { return uint32_t(uN(32)); }
  uint64_t u64() { return uN(64); }
  int32_t s7() { return int32_t(sN(7)); }
  int32_t s32() { return int32_t(sN(32)); }
  int64_t s33() { return sN(33); }
  int64_t s64() { return sN(64); }

  // spec: f32, f64 — little-endian IEEE 754 bit patterns.
  uint32_t f32();
  uint64_t f64();

  // A u32 length that must not exceed the bytes left, counted from the length's own first byte
  // (as decode.ml's len32 does); else "length out of bounds".
  uint32_t len32() {
    size_t start = pos_;
    uint32_t n = u32();
    if (n > size() - start) [[unlikely]]
      return length_out_of_bounds(start);
    return n;
  }
  // spec: name — a length-prefixed UTF-8 string; "malformed UTF-8 encoding" otherwise.
  std::string name();
  // A length-prefixed byte string (data segments).
  std::vector<uint8_t> byte_string();

  // spec: vec(B) ::= n:u32 (x:B)^n. The count is checked against the bytes left, and the
  // vector grows with its elements, so a huge count cannot allocate ahead of the input.
  template <typename F>
  auto vec(F&& element) -> std::vector<decltype(element())> {
    uint32_t n = len32();
    std::vector<decltype(element())> xs;
    for (uint32_t i = 0; i < n && !failed_; ++i) xs.push_back(element());
    return xs;
  }

 private:
  void fail_with(size_t pos, std::string_view message);  // require's failure, out of line
  uint8_t end_of_input();    // fails: "unexpected end of section or function"; returns 0
  uint64_t uN_multi(int n);  // uN, the general case
  int64_t sN_multi(int n);   // sN, the general case
  uint32_t length_out_of_bounds(size_t start);  // fails: "length out of bounds"; returns 0
  // Whether the one-byte sN b (b < 0x80) has the unused bits of an N < 7 bit number all equal
  // to its sign bit.
  static bool fits_signed(uint8_t b, int n) {
    unsigned mask = (~0u << (n - 1)) & 0x7f;
    return (b & mask) == 0 || (b & mask) == mask;
  }

  std::span<const uint8_t> bytes_;
  uint32_t base_ = 0;
  size_t pos_ = 0;
  bool failed_ = false;
  Error error_;
};

// Whether bytes are well-formed UTF-8 (no overlong forms, surrogates or code points > 10FFFF).
bool valid_utf8(std::span<const uint8_t> bytes);

}  // namespace wasm::binary
