// Bad input never crashes the decoder: random mutations of valid modules either decode or
// fail with a Malformed error whose offset lies within the input.
#include <gtest/gtest.h>

#include <random>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using namespace testing;

std::vector<Bytes> seeds() {
  Bytes types = section(1, vec({{0x60, 0x01, 0x7f, 0x01, 0x7e},
                                {0x4e, 0x02, 0x50, 0x00, 0x5f, 0x02, 0x78, 0x01, 0x63, 0x00, 0x00,
                                 0x5e, 0x7f, 0x01}}));
  Bytes imports = section(2, vec({cat({str("m"), str("f"), {0x00, 0x00}}),
                                  cat({str("m"), str("t"), {0x01, 0x70, 0x01, 0x00, 0x10}})}));
  Bytes code = {0x01, 0x02, 0x7f,
                0x02, 0x40, 0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a, 0x0b,
                0x1f, 0x40, 0x01, 0x02, 0x00, 0x0b,
                0xfd, 0x0c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x1a,
                0x42, 0x80, 0x7f, 0xa7, 0x28, 0x02, 0x00, 0x1a,
                0x0e, 0x01, 0x00, 0x00, 0x0b};
  Bytes module1 = module({types, imports, section(3, vec({{0x00}})),
                          section(5, vec({{0x01, 0x01, 0x02}})),
                          section(6, vec({{0x7f, 0x00, 0x41, 0x05, 0x0b}})),
                          section(7, vec({cat({str("e"), {0x00, 0x01}})})),
                          section(9, vec({{0x01, 0x00, 0x01, 0x00}})), section(12, {0x01}),
                          section(10, vec({cat({uleb(code.size()), code})})),
                          section(11, vec({{0x01, 0x02, 'a', 'b'}})),
                          section(0, cat({str("name"), {1, 2, 3}}))});
  Bytes inner = module({section(1, vec({{0x60, 0x00, 0x00}}))});
  Bytes module2 = module({section(1, vec({{0x62, 0x01, 0x01, 'f', 0x00, 0x00}})),
                          section(14, vec({cat({uleb(inner.size()), inner})})),
                          section(15, vec({{0x00, 0x00, 0x00}})),
                          section(16, vec({{0x01, 0x00, 0x07, 0x00}}))});
  return {module1, module2};
}

TEST(Robustness, SeedsDecode) {
  DecodeOptions options;
  options.module_linking = true;
  for (const Bytes& seed : seeds()) EXPECT_EQ(error_of(seed, options), "ok");
}

TEST(Robustness, RandomMutationsNeverCrash) {
  std::mt19937 rng(20220301);
  size_t failures = 0, successes = 0;
  for (const Bytes& seed : seeds()) {
    for (int i = 0; i < 20000; ++i) {
      Bytes b = seed;
      int edits = 1 + int(rng() % 4);
      for (int k = 0; k < edits && !b.empty(); ++k) {
        size_t at = rng() % b.size();
        switch (rng() % 4) {
          case 0: b[at] = uint8_t(rng()); break;
          case 1: b[at] ^= uint8_t(1u << (rng() % 8)); break;
          case 2: b.insert(b.begin() + long(at), uint8_t(rng())); break;
          default: b.resize(at); break;
        }
      }
      DecodeOptions options;
      options.module_linking = (i & 1) != 0;
      auto m = decode(b, options);
      if (m.ok()) {
        ++successes;
        continue;
      }
      ++failures;
      ASSERT_EQ(m.error().phase, Phase::Malformed);
      ASSERT_LE(m.error().at.begin, b.size());
      ASSERT_FALSE(m.error().message.empty());
    }
  }
  EXPECT_GT(failures, 0u);
  EXPECT_GT(successes, 0u);
}

}  // namespace
}  // namespace wasm::binary
