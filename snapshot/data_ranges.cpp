// Non-zero byte ranges of a memory (data_ranges.h).
#include "snapshot/data_ranges.h"

#include <cstring>

namespace wasm::snapshot {
namespace {

// The maximal runs of non-zero bytes, scanning zeros a word at a time.
std::vector<ByteRange> runs(std::span<const uint8_t> bytes) {
  std::vector<ByteRange> out;
  const uint64_t n = bytes.size();
  uint64_t i = 0;
  while (i < n) {
    // Skip zeros, 8 bytes at a time where possible.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, bytes.data() + i, 8);
      if (w != 0) break;
      i += 8;
    }
    while (i < n && bytes[i] == 0) ++i;
    if (i == n) break;
    uint64_t begin = i;
    while (i < n && bytes[i] != 0) ++i;
    out.push_back({begin, i});
  }
  return out;
}

std::vector<ByteRange> merge(const std::vector<ByteRange>& in, uint64_t gap) {
  std::vector<ByteRange> out;
  for (const ByteRange& r : in) {
    if (!out.empty() && r.begin - out.back().end < gap)
      out.back().end = r.end;
    else
      out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<ByteRange> nonzero_ranges(std::span<const uint8_t> bytes, uint64_t gap,
                                      size_t max_ranges) {
  std::vector<ByteRange> out = merge(runs(bytes), gap);
  if (max_ranges == 0) max_ranges = 1;
  // Past the cap, merge more aggressively: the gap doubles until the count fits (it fits at
  // the latest when the gap exceeds the memory's size: then one range remains).
  for (uint64_t g = gap < 1 ? 1 : gap; out.size() > max_ranges;) {
    g *= 2;
    out = merge(out, g);
  }
  return out;
}

}  // namespace wasm::snapshot
