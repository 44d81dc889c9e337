// LEB128 (binary/values.rst, uN and sN): the writer's shortest encodings read back to the same
// value for every width, and over-long or over-large encodings are rejected with the suite's
// messages.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "binary/reader.h"
#include "binary/writer.h"
#include "spec/error.h"

namespace wasm::binary {
namespace {

uint64_t mask(int bits) { return bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

int64_t sign_extend(uint64_t v, int bits) {
  if (bits == 64) return int64_t(v);
  uint64_t sign = uint64_t(1) << (bits - 1);
  return int64_t((v & mask(bits)) ^ sign) - int64_t(sign);
}

// Reads uN (or sN) from the whole buffer; returns the error message on failure.
template <typename F>
std::string read_error(const std::vector<uint8_t>& bytes, F read) {
  Reader r(bytes);
  read(r);
  return r.failed() ? r.error().message : "";
}

const std::vector<int> kWidths = {1, 7, 8, 15, 16, 31, 32, 33, 63, 64};

RC_GTEST_PROP(Leb128, UnsignedRoundTripsForEveryWidth, (uint64_t raw)) {
  for (int n : kWidths) {
    uint64_t v = raw & mask(n);
    Writer w;
    w.u64(v);
    RC_ASSERT(w.bytes.size() <= size_t((n + 6) / 7));
    Reader r(w.bytes);
    RC_ASSERT(r.uN(n) == v);
    RC_ASSERT(r.eos());
  }
}

RC_GTEST_PROP(Leb128, SignedRoundTripsForEveryWidth, (uint64_t raw)) {
  for (int n : kWidths) {
    if (n < 2) continue;
    int64_t v = sign_extend(raw, n);
    Writer w;
    w.s64(v);
    RC_ASSERT(w.bytes.size() <= size_t((n + 6) / 7));
    Reader r(w.bytes);
    RC_ASSERT(r.sN(n) == v);
    RC_ASSERT(r.eos());
  }
}

RC_GTEST_PROP(Leb128, PaddingBeyondTheMaximumLengthIsTooLong, (uint32_t raw)) {
  // Encode with continuation bytes up to ceil(N/7) + 1 bytes: always too long.
  for (int n : {8, 16, 32, 64}) {
    uint64_t v = raw & mask(n);
    std::vector<uint8_t> bytes;
    size_t max_len = size_t((n + 6) / 7);
    for (size_t i = 0; i < max_len + 1; ++i) {
      uint8_t b = uint8_t(v & 0x7F);
      v >>= 7;
      bytes.push_back(i + 1 < max_len + 1 ? uint8_t(b | 0x80) : b);
    }
    RC_ASSERT(read_error(bytes, [n](Reader& r) { r.uN(n); }) ==
              "integer representation too long");
  }
}

RC_GTEST_PROP(Leb128, UnusedHighBitsMakeTheIntegerTooLarge, (uint8_t extra)) {
  // A maximal-length u32 whose last byte sets bits above bit 31.
  uint8_t high = uint8_t(0x10 | (extra & 0x60));  // some bit among 4..6 set, no continuation
  std::vector<uint8_t> bytes = {0xFF, 0xFF, 0xFF, 0xFF, high};
  RC_ASSERT(read_error(bytes, [](Reader& r) { r.u32(); }) == "integer too large");
}

TEST(Leb128, TruncatedEncodingsAreUnexpectedEnd) {
  std::vector<uint8_t> bytes = {0x80, 0x80};
  std::string message = read_error(bytes, [](Reader& r) { r.u32(); });
  EXPECT_EQ(message.rfind("unexpected end", 0), 0u) << message;
}

}  // namespace
}  // namespace wasm::binary
