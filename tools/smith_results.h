// Result patterns for the values an invocation returned (`wasmref smith --script`), in the
// reference interpreter's script syntax (interpreter/text/parser.mly: result).
#pragma once

#include <string>

#include "interpreter/engine.h"

namespace wasm::cli {

// Numbers exactly ("(i32.const 0x2a)", floats as hexadecimal literals), except NaNs that
// arithmetic may have produced: the spec leaves their payload and sign open ($nans_N), so a
// canonical NaN is written nan:canonical and another quiet NaN nan:arithmetic (a signalling NaN
// can only have been copied, bit for bit). A v128 is written as i32x4, or as f32x4 when a lane
// is a quiet NaN. References by kind: (ref.null), (ref.func), (ref.struct), (ref.array),
// (ref.i31), (ref.exn), (ref.host n), (ref.extern n), and (ref.extern) for an externalized
// internal reference.
std::string result_pattern(const interp::Value& v, const interp::Engine& engine);

// The message an assert_trap expects for a trap with this message: the conformance suite's
// text that starts it (interpreter/numerics.h, trap_message), without the details wasmref adds
// ("undefined element 7" -> "undefined element": the reference prints the index signed, wasmref
// unsigned); other messages whole.
std::string trap_pattern(const std::string& message);

}  // namespace wasm::cli
