// Test-only: finds the binary modules of a .wast script — `(module $id? definition? binary
// "..."*)` — and the assertion around each, without the script parser. The string literals
// are decoded (\hh, \n, \t, \\, \', \", \u{...}).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasm::binary::testing {

struct BinaryModule {
  std::string assertion;  // "module" when not inside an assertion, else e.g. "assert_malformed"
  std::string expected;   // the assertion's message, if any
  std::vector<uint8_t> bytes;
  size_t line = 0;        // 1-based line of `(module`
};

// Throws std::runtime_error when the script is not a well-formed s-expression.
std::vector<BinaryModule> binary_modules(std::string_view script);

}  // namespace wasm::binary::testing
