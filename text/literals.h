// Numeric literals — text/values.rst: integers (nat, int) and floats, with `_` separators,
// hex forms, inf, nan and nan:0x payloads. Floats are rounded correctly (ties to even) from the
// exact decimal or hexadecimal value (Boost.Multiprecision).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wasm::text {

// Each returns nullopt if `text` is not a literal of that shape *or* is out of range;
// the parser turns that into "unknown operator" / "constant out of range" as the reference
// interpreter does (see literal_error()).
std::optional<uint32_t> parse_u32(std::string_view text);  // spec: u32 (nat)
std::optional<uint64_t> parse_u64(std::string_view text);  // spec: u64 (nat)
// spec: iN for N = 8/16/32/64: accepts -2^(N-1) .. 2^N-1 (signed or unsigned), returns the
// two's-complement bit pattern in the low N bits.
std::optional<uint64_t> parse_int(std::string_view text, int bits);
std::optional<uint32_t> parse_f32(std::string_view text);  // bit pattern
std::optional<uint64_t> parse_f64(std::string_view text);  // bit pattern

// The message for a token that failed one of the above: "constant out of range" when the
// token has the shape of a number of that kind but does not fit, else "unknown operator".
const char* literal_error(std::string_view text, bool is_float);

// Printing, for the printer and messages: decimal integers; floats exactly (hex float
// notation, or a decimal form that parses back to the same bits), nan:0x... for payloads.
std::string print_f32(uint32_t bits);
std::string print_f64(uint64_t bits);

}  // namespace wasm::text
