// Canonical outcome lines (`wasmref run --print-outcomes`): one line per module, action and
// assertion, spelling what actually happened with exact bit patterns, so that the results of
// two engines on the same scripts can be compared with diff. Format: docs/property-testing.md.
#pragma once

#include <string>
#include <vector>

#include "spec/error.h"
#include "wast/values.h"

namespace wasm::wast {

// "i32:0x0000002a", "f32:0x7fc00000", "v128:0x<32 hex digits, lane 0 last>", "ref.null",
// "ref.func", "ref.struct", "ref.array", "ref.i31:0x0000002a", "ref.exn", "ref.host:7",
// "ref.extern:7", "ref.extern(ref.struct)".
std::string canonical_value(const interp::Value& v, const InspectRef& inspect);

// "values i32:0x00000001 f64:0x...", "trap \"integer divide by zero\"",
// "exhaustion \"call stack exhausted\"", "exception i32:0x00000001" (the exception's arguments).
std::string canonical_outcome(const interp::Outcome& o, const InspectRef& inspect);

// "malformed \"...\"", "invalid \"...\"", "unlinkable \"...\"", "trap \"...\"",
// "exception \"...\"", "exhaustion \"...\"".
std::string canonical_error(const Error& e);

// "error \"undefined export \\\"f\\\"\"": the script itself is at fault (no such module or export,
// wrong arguments).
std::string canonical_script_error(const std::string& message);

}  // namespace wasm::wast
