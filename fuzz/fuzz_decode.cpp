// libFuzzer target: the binary decoder (binary/decode.h) on arbitrary bytes, core and Module
// Linking. A module that decodes must re-encode, and the encoding must decode again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "binary/decode.h"
#include "binary/encode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  for (bool module_linking : {false, true}) {
    wasm::binary::DecodeOptions options;
    options.module_linking = module_linking;
    auto m = wasm::binary::decode(bytes, options);
    if (!m) continue;
    std::vector<uint8_t> again = wasm::binary::encode(*m);
    if (!wasm::binary::decode(again, options)) std::abort();  // encode's output must decode
  }
  return 0;
}
