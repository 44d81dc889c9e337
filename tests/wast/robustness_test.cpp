// Bad input never crashes the process: deep nesting, truncation and huge length prefixes give
// a clear error (Phase::Malformed) from both front ends.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/parse.h"
#include "text/script.h"

namespace wasm {
namespace {

constexpr size_t kDeep = 1'000'000;

std::vector<uint8_t> header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }

void append_u32(std::vector<uint8_t>& out, uint32_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(v ? (b | 0x80) : b);
  } while (v);
}

// A module with one function `() -> ()` whose body is `depth` nested `block`s.
std::vector<uint8_t> nested_blocks_module(size_t depth) {
  std::vector<uint8_t> body = {0x00};  // no locals
  for (size_t i = 0; i < depth; ++i) {  // push_back: GCC 12 -O3 misreads an insert here
    body.push_back(0x02);
    body.push_back(0x40);
  }
  body.insert(body.end(), depth + 1, 0x0B);
  std::vector<uint8_t> m = header();
  m.insert(m.end(), {0x01, 0x04, 0x01, 0x60, 0x00, 0x00});  // type section: [] -> []
  m.insert(m.end(), {0x03, 0x02, 0x01, 0x00});              // function section
  std::vector<uint8_t> code = {0x01};
  append_u32(code, uint32_t(body.size()));
  code.insert(code.end(), body.begin(), body.end());
  m.push_back(0x0A);
  append_u32(m, uint32_t(code.size()));
  m.insert(m.end(), code.begin(), code.end());
  return m;
}

TEST(Robustness, MillionNestedParenthesesInAModule) {
  std::string text = "(module (func " + std::string(kDeep, '(') + std::string(kDeep, ')') + "))";
  auto m = text::parse_module(text);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().phase, Phase::Malformed);
}

TEST(Robustness, MillionNestedFoldedBlocksInAScript) {
  std::string text = "(module (func";
  for (size_t i = 0; i < kDeep; ++i) text += " (block";
  text += std::string(kDeep, ')') + "))";
  auto s = text::parse_script(text);
  // Either the script fails as a whole or its module carries the error: never a crash.
  if (s.ok()) {
    ASSERT_EQ(s->commands.size(), 1u);
    EXPECT_TRUE(s->commands[0].module.error.has_value());
  } else {
    EXPECT_EQ(s.error().phase, Phase::Malformed);
  }
}

TEST(Robustness, MillionNestedBinaryBlocksAreDecodedOrRejectedWithoutCrashing) {
  auto bytes = nested_blocks_module(kDeep);
  auto m = binary::decode(bytes);
  if (!m.ok()) {
    EXPECT_EQ(m.error().phase, Phase::Malformed);
  }
}

TEST(Robustness, EveryTruncationOfAValidModuleIsRejected) {
  auto bytes = nested_blocks_module(3);
  ASSERT_TRUE(binary::decode(bytes).ok());
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::span<const uint8_t> prefix(bytes.data(), n);
    auto m = binary::decode(prefix);
    if (n == 8 || n == 14) continue;  // after the header, after the type section: valid modules
    EXPECT_FALSE(m.ok()) << "prefix of " << n << " bytes";
  }
}

TEST(Robustness, HugeLengthPrefixesFailFast) {
  // A custom section claiming 4 GiB, a vector claiming 2^32-1 types, a name claiming 2^32-1 bytes.
  std::vector<std::vector<uint8_t>> inputs;
  auto m = header();
  m.insert(m.end(), {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
  inputs.push_back(m);
  m = header();
  m.insert(m.end(), {0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
  inputs.push_back(m);
  m = header();
  m.insert(m.end(), {0x00, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
  inputs.push_back(m);
  for (const auto& input : inputs) {
    auto r = binary::decode(input);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, Phase::Malformed);
  }
}

TEST(Robustness, TruncatedTextIsRejectedWithALocation) {
  std::string text = "(module (func (result i32) (i32.const 1)) (export \"f\" (func 0)))";
  for (size_t n = 1; n < text.size(); ++n) {
    auto m = text::parse_module(text.substr(0, n));
    EXPECT_FALSE(m.ok()) << text.substr(0, n);
    if (!m.ok()) {
      EXPECT_LE(m.error().at.begin, n);
    }
  }
}

}  // namespace
}  // namespace wasm
