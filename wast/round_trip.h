// Round trips of one module across the formats (STYLE.md §13): the binary fixed point
// (encode -> decode -> encode), decode(encode(m)) == m for binary sources, and
// parse(print(m)) == m.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "binary/decode.h"
#include "spec/ast.h"

namespace wasm::wast {

struct RoundTripResult {
  std::string failure;          // empty when every round trip held
  bool identical_bytes = false;  // binary sources: encode(decode(input)) == input
  bool reread_rejected = false;  // the failure: decode or parse rejected what encode/print wrote
};

// `original` is the module's input bytes when it came from a binary, else empty.
RoundTripResult check_round_trip(const Module& m, std::span<const uint8_t> original,
                                 const binary::DecodeOptions& options);

}  // namespace wasm::wast
