// Type codes that the decoder and the encoder both need and that no spec table fixes for good.
#pragma once

#include <cstdint>

namespace wasm::binary {

// shared-everything-threads (Overview.md, "Binary format"): absheaptype 0x68 => waitqueue.
// provisional: the Overview gives `nowaitqueue` no code; 0x5B is the one V8 uses.
inline constexpr uint8_t kWaitQueueCode = 0x68;
inline constexpr uint8_t kNoWaitQueueCode = 0x5B;

}  // namespace wasm::binary
