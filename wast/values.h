// Script values against run-time values: the reference runner's result patterns
// (interpreter/script/runner.ml: assert_nan_pat, assert_vec_pat, assert_ref_pat, assert_result)
// and the printing of both sides for failure reports.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "interpreter/engine.h"
#include "text/script.h"

namespace wasm::wast {

// What the engine says about a reference (Engine::inspect); a parameter so that matching is
// testable without an engine.
using InspectRef = std::function<interp::RefInfo(const interp::Value&)>;

// spec (script): nan:canonical is exactly the positive or negative canonical NaN;
// nan:arithmetic is any NaN whose quiet bit is set. `bits` holds an f32 in its low 32 bits.
bool match_nan(uint64_t bits, bool is_f64, text::NanPattern pattern);

// A v128 against (v128.const shape lane*): lanes compare bit for bit, except NaN patterns.
bool match_lanes(const V128Bytes& got, const text::ScriptValue& expected);

// A reference against (ref.null ...), (ref.extern n), (ref.host n), (ref.func), (ref.struct),
// ... exactly as the reference's assert_ref_pat: (ref) and (ref.extern) also match null,
// abstract patterns other than those do not match an externalized reference.
bool match_ref(const interp::RefInfo& got, const text::ScriptValue& expected);

// One result against one expected pattern (either: any alternative).
bool match_result(const interp::Value& got, const text::ScriptValue& expected,
                  const InspectRef& inspect);

// The type a script argument has (spec: the type of a literal): nullopt for result-only forms.
std::optional<ValType> type_of_argument(const text::ScriptValue& v);

// Printing for failure reports: "(i32.const 7)", "(f32.const nan:canonical)", "(ref.null)".
std::string describe_expected(const text::ScriptValue& v);
// A v128 is printed in `shape` (the expected result's, so that both sides read alike).
std::string describe_value(const interp::Value& v, const InspectRef& inspect,
                           text::LaneShape shape = text::LaneShape::I32x4);
// A result as `wasmref run --invoke` prints it: "i32.const 7", "f32.const 0x1p+0" (or, plain,
// "7", "0x1p+0"); v128 as i32x4 lanes, references as describe_value has them, unbracketed.
std::string result_text(const interp::Value& v, const InspectRef& inspect, bool plain);
std::string describe_f32(uint32_t bits);
std::string describe_f64(uint64_t bits);

}  // namespace wasm::wast
