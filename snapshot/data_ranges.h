// Which bytes of a memory a snapshot writes as data segments: the non-zero ranges, merged.
//
// A fresh memory is all zeros (spec: exec/modules.rst, alloc_mem: the bytes are 0x00), so only
// non-zero bytes need a segment. Neighbouring ranges separated by fewer than `gap` zero bytes
// merge (each segment costs about 5 bytes of header, so writing a few zeros is cheaper than a
// new segment); past `max_ranges`, the gap doubles until the count fits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace wasm::snapshot {

inline constexpr uint64_t kMergeGap = 8;            // zero bytes that still merge
inline constexpr size_t kMaxDataSegments = 10'000;  // per memory

struct ByteRange {
  uint64_t begin = 0, end = 0;  // [begin, end)
  bool operator==(const ByteRange&) const = default;
};

// The non-zero ranges of `bytes`, merged across gaps < `gap`, at most `max_ranges` of them
// (max_ranges >= 1). Every non-zero byte lies in exactly one range; ranges are ordered and
// disjoint, and each begins and ends with a non-zero byte.
std::vector<ByteRange> nonzero_ranges(std::span<const uint8_t> bytes, uint64_t gap = kMergeGap,
                                      size_t max_ranges = kMaxDataSegments);

}  // namespace wasm::snapshot
