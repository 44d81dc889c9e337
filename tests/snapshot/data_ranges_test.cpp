// snapshot/data_ranges.h: which bytes become data segments.
#include "snapshot/data_ranges.h"

#include <gtest/gtest.h>

namespace wasm::snapshot {
namespace {

TEST(DataRanges, ZerosGiveNothing) {
  std::vector<uint8_t> m(100000, 0);
  EXPECT_TRUE(nonzero_ranges(m).empty());
}

TEST(DataRanges, GapsBelowTheThresholdMerge) {
  std::vector<uint8_t> m(64, 0);
  m[1] = m[2] = 1;
  m[9] = 1;   // gap of 6 zeros: merged
  m[30] = 1;  // gap of 20: separate
  m[63] = 1;
  EXPECT_EQ(nonzero_ranges(m, 8), (std::vector<ByteRange>{{1, 10}, {30, 31}, {63, 64}}));
  EXPECT_EQ(nonzero_ranges(m, 1), (std::vector<ByteRange>{{1, 3}, {9, 10}, {30, 31}, {63, 64}}));
}

TEST(DataRanges, TheCapMergesMore) {
  std::vector<uint8_t> m(100000, 0);
  for (size_t i = 0; i < m.size(); i += 100) m[i] = 1;
  EXPECT_EQ(nonzero_ranges(m, 8).size(), 1000u);
  std::vector<ByteRange> capped = nonzero_ranges(m, 8, 10);
  EXPECT_LE(capped.size(), 10u);
  EXPECT_EQ(capped.front().begin, 0u);
  EXPECT_EQ(capped.back().end, 99901u);
}

}  // namespace
}  // namespace wasm::snapshot
