// libFuzzer target: decoding then validation (spec/validate.h) of arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "binary/decode.h"
#include "spec/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = wasm::binary::decode(std::span<const uint8_t>(data, size));
  if (!m) return 0;
  wasm::TypeStore types;
  (void)wasm::validate(*m, types);
  return 0;
}
