// Numeric literals — text/values.rst: integers (nat, int) and floats, with `_` separators,
// hex forms, inf, nan and nan:0x payloads. Floats are rounded correctly (ties to even) from the
// exact decimal or hexadecimal value (Boost.Multiprecision).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wasm::text {

// The lexical shape of a numeric token, as the reference lexer classifies it (NAT, INT, FLOAT):
//   Nat   = num | 0x hexnum                        (no sign)
//   Int   = sign nat
//   Float = sign? with a fraction and/or exponent (1.5, 1e3, 0x1p4, 0x1.), inf, nan, nan:0x..
// None for anything else (e.g. "1_", "0x", ".5", "nan:1", "1e"). Ranges are not checked here.
enum class NumShape : uint8_t { None, Nat, Int, Float };
NumShape num_shape(std::string_view text);

// Each returns nullopt if `text` is not a literal of that shape *or* is out of range;
// the parser turns that into "unknown operator" / "constant out of range" as the reference
// interpreter does (see literal_error()).
std::optional<uint32_t> parse_u32(std::string_view text);  // spec: u32 (nat)
std::optional<uint64_t> parse_u64(std::string_view text);  // spec: u64 (nat)
// spec: iN for N = 8/16/32/64: accepts -2^(N-1) .. 2^N-1 (signed or unsigned), returns the
// two's-complement bit pattern in the low N bits. Only Nat and Int shapes are accepted.
std::optional<uint64_t> parse_int(std::string_view text, int bits);
// spec: fN. Accepts every shape (Nat, Int, Float). A finite literal that rounds to infinity is
// out of range; a nan:0x payload must be non-zero and fit the significand.
std::optional<uint32_t> parse_f32(std::string_view text);  // bit pattern
std::optional<uint64_t> parse_f64(std::string_view text);  // bit pattern

// The message for a token given to t.const that failed one of the above: "constant out of
// range" when the token has a numeric shape (any of Nat/Int/Float, for integer and float
// constants alike, as the reference interpreter's `num` does), else "unknown operator".
// Where only a nat is allowed (indices, limits, offset=, align=) the parser should instead say
// "unexpected token" for an Int/Float shape.
const char* literal_error(std::string_view text, bool is_float);

// Printing, for the printer and messages: floats exactly (the shortest decimal that parses back
// to the same bits, else hex float notation), "inf", "-inf", "nan", "-nan", "nan:0x...".
// parse_fN(print_fN(x)) == x for every bit pattern.
std::string print_f32(uint32_t bits);
std::string print_f64(uint64_t bits);

}  // namespace wasm::text
