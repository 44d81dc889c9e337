// Round trips of one module across the formats (see wast/round_trip.h).
#include "wast/round_trip.h"

#include <algorithm>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/parse.h"
#include "text/print.h"

namespace wasm::wast {

RoundTripResult check_round_trip(const Module& m, std::span<const uint8_t> original,
                                 const binary::DecodeOptions& options) {
  RoundTripResult r;
  std::vector<uint8_t> b1 = binary::encode(m);
  Result<Module> m2 = binary::decode(b1, options);
  if (!m2) {
    r.failure = "encode -> decode failed: " + m2.error().message;
    r.reread_rejected = true;
    return r;
  }
  if (!original.empty() && !(*m2 == m)) {
    r.failure = "decode(encode(m)) differs from m";
    return r;
  }
  if (binary::encode(*m2) != b1) {
    r.failure = "encode -> decode -> encode is not a fixed point";
    return r;
  }
  r.identical_bytes = !original.empty() && std::ranges::equal(b1, original);
  std::string printed = text::print_module(m);
  Result<Module> m3 = text::parse_module(printed);
  if (!m3) {
    r.failure = "print -> parse failed: " + m3.error().message;
    r.reread_rejected = true;
    return r;
  }
  if (!(*m3 == m)) r.failure = "parse(print(m)) differs from m";
  return r;
}

}  // namespace wasm::wast
