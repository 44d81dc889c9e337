// The value reader (binary/values.rst): LEB128 edge cases and their messages, floats, names,
// lengths and vectors.
#include "binary/reader.h"

#include <gtest/gtest.h>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using testing::Bytes;

// Runs f on a reader over `bytes`; returns "ok" or the error message, and the error offset.
template <typename F>
std::pair<std::string, uint32_t> run(const Bytes& bytes, F f) {
  Reader r(bytes);
  f(r);
  if (!r.failed()) return {"ok", 0};
  return {r.error().message, r.error().at.begin};
}

template <typename F>
std::string message(const Bytes& bytes, F f) {
  return run(bytes, f).first;
}

TEST(Reader, U32AcceptsUpToFiveBytesAndTheLargestValue) {
  Bytes b{0xff, 0xff, 0xff, 0xff, 0x0f, 0x80, 0x00, 0x03};
  Reader r(b);
  EXPECT_EQ(r.u32(), 0xffffffffu);
  EXPECT_EQ(r.u32(), 0u);  // a non-minimal encoding is fine
  EXPECT_EQ(r.u32(), 3u);
  EXPECT_TRUE(r.eos());
}

TEST(Reader, U32TooLongIsAnError) {
  auto [msg, at] = run({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, [](Reader& r) { r.u32(); });
  EXPECT_EQ(msg, "integer representation too long");
  EXPECT_EQ(at, 5u);  // the byte that would be the sixth
}

TEST(Reader, U32UnusedBitsMustBeZero) {
  auto [msg, at] = run({0x80, 0x80, 0x80, 0x80, 0x10}, [](Reader& r) { r.u32(); });
  EXPECT_EQ(msg, "integer too large");
  EXPECT_EQ(at, 4u);
  EXPECT_EQ(message({0x82, 0x80, 0x80, 0x80, 0x40}, [](Reader& r) { r.u32(); }),
            "integer too large");
}

TEST(Reader, TruncatedIntegerIsAnUnexpectedEnd) {
  auto [msg, at] = run({0x80, 0x80}, [](Reader& r) { r.u32(); });
  EXPECT_EQ(msg, "unexpected end of section or function");
  EXPECT_EQ(at, 2u);
  EXPECT_EQ(message({}, [](Reader& r) { r.byte(); }), "unexpected end of section or function");
}

TEST(Reader, U64AcceptsTenBytes) {
  Bytes b{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  Reader r(b);
  EXPECT_EQ(r.u64(), ~uint64_t(0));
  EXPECT_EQ(message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02},
                    [](Reader& r) { r.u64(); }),
            "integer too large");
  EXPECT_EQ(message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},
                    [](Reader& r) { r.u64(); }),
            "integer representation too long");
}

TEST(Reader, S32SignExtendsAndChecksTheSignBits) {
  Bytes b{0x7f, 0x80, 0x80, 0x80, 0x80, 0x78, 0xff, 0xff, 0xff, 0xff, 0x07, 0x40};
  Reader r(b);
  EXPECT_EQ(r.s32(), -1);
  EXPECT_EQ(r.s32(), INT32_MIN);
  EXPECT_EQ(r.s32(), INT32_MAX);
  EXPECT_EQ(r.s32(), -64);
  // The fifth byte's unused bits must all equal the sign bit.
  EXPECT_EQ(message({0xff, 0xff, 0xff, 0xff, 0x4f}, [](Reader& r) { r.s32(); }),
            "integer too large");
  EXPECT_EQ(message({0x80, 0x80, 0x80, 0x80, 0x70}, [](Reader& r) { r.s32(); }),
            "integer too large");
  EXPECT_EQ(message({0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, [](Reader& r) { r.s32(); }),
            "integer representation too long");
}

TEST(Reader, S33CoversTheWholeU32Range) {
  Bytes b{0xff, 0xff, 0xff, 0xff, 0x0f, 0x80, 0x80, 0x80, 0x80, 0x70};
  Reader r(b);
  EXPECT_EQ(r.s33(), int64_t(0xffffffff));
  EXPECT_EQ(r.s33(), -(int64_t(1) << 32));
  EXPECT_EQ(message({0x80, 0x80, 0x80, 0x80, 0x20}, [](Reader& r) { r.s33(); }),
            "integer too large");
}

TEST(Reader, S64Extremes) {
  Bytes b = testing::cat({testing::sleb(INT64_MIN), testing::sleb(INT64_MAX)});
  Reader r(b);
  EXPECT_EQ(r.s64(), INT64_MIN);
  EXPECT_EQ(r.s64(), INT64_MAX);
  EXPECT_EQ(message({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41},
                    [](Reader& r) { r.s64(); }),
            "integer too large");
  EXPECT_EQ(message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e},
                    [](Reader& r) { r.s64(); }),
            "integer too large");
}

TEST(Reader, FloatsAreLittleEndianBitPatterns) {
  Bytes b{0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0xbf};
  Reader r(b);
  EXPECT_EQ(r.f32(), 0x3f800000u);
  EXPECT_EQ(r.f64(), 0xbff0000000000000u);
  EXPECT_EQ(message({0x00, 0x00, 0x80}, [](Reader& r) { r.f32(); }),
            "unexpected end of section or function");
}

TEST(Reader, NamesMustBeUtf8) {
  Bytes b = testing::str("h\xc3\xa9llo \xf0\x9f\x98\x80");
  Reader r(b);
  EXPECT_EQ(r.name(), "h\xc3\xa9llo \xf0\x9f\x98\x80");
  for (std::string_view bad : {"\x80", "\xc0\x80", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                               "\xe0\x80\xaf", "\xf8\x88\x80\x80\x80", "\xff"}) {
    auto [msg, at] = run(testing::str(bad), [](Reader& r) { r.name(); });
    EXPECT_EQ(msg, "malformed UTF-8 encoding") << testing::str(bad).size();
    EXPECT_EQ(at, 0u);
  }
}

TEST(Reader, LengthsAreCheckedFromTheirFirstByte) {
  // decode.ml's len32 counts the remaining bytes from the start of the length itself:
  // 3 bytes are left there, so a length of 3 passes and the string then runs out.
  EXPECT_EQ(message({0x03, 0x61, 0x62}, [](Reader& r) { r.byte_string(); }),
            "unexpected end of section or function");
  EXPECT_EQ(message({0x04, 0x61, 0x62}, [](Reader& r) { r.byte_string(); }),
            "length out of bounds");
}

TEST(Reader, HugeVectorCountFailsFast) {
  auto [msg, at] = run({0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00, 0x00},
                       [](Reader& r) { r.vec([&] { return r.u32(); }); });
  EXPECT_EQ(msg, "length out of bounds");
  EXPECT_EQ(at, 0u);
}

TEST(Reader, VecReadsItsElements) {
  Bytes b{0x03, 0x01, 0x80, 0x01, 0x02};
  Reader r(b);
  EXPECT_EQ(r.vec([&] { return r.u32(); }), (std::vector<uint32_t>{1, 128, 2}));
}

TEST(Reader, OffsetsAreAbsoluteInNestedReaders) {
  Bytes bytes{0x00, 0x00, 0x80};
  Reader r(std::span<const uint8_t>(bytes).subspan(2), 100);
  r.u32();
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error().at.begin, 101u);
  EXPECT_EQ(r.error().phase, Phase::Malformed);
}

// After an error the reader is at its end: reads yield zeros and consume nothing, and the
// first error is the one kept.
TEST(Reader, TheFirstErrorIsKeptAndLaterReadsYieldZeros) {
  Bytes bytes{0x05, 0x80};
  Reader r(bytes);
  EXPECT_EQ(r.len32(), 0u);  // 5 bytes announced, 2 there
  EXPECT_TRUE(r.failed());
  EXPECT_TRUE(r.eos());
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_EQ(r.byte(), 0u);
  EXPECT_TRUE(r.bytes(3).empty());
  EXPECT_EQ(r.name(), "");
  EXPECT_EQ(r.error().message, "length out of bounds");
  EXPECT_EQ(r.error().at.begin, 0u);
}

// decode.ml's alternatives: a failure after a mark is forgotten by backtracking to it; one
// from before the mark is not.
TEST(Reader, BacktrackingForgetsOnlyTheFailureSinceTheMark) {
  Bytes bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
  Reader r(bytes);
  Reader::Mark m = r.mark();
  r.u32();  // too long
  EXPECT_TRUE(r.failed_since(m));
  r.backtrack(m);
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.u64(), uint64_t(1) << 42);
  r.byte();  // at the end
  Reader::Mark after = r.mark();
  EXPECT_FALSE(r.failed_since(after));
  r.backtrack(after);
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.error().message, "unexpected end of section or function");
}

}  // namespace
}  // namespace wasm::binary
