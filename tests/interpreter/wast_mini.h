// A tiny, test-only reader for the numeric .wast files of the official suite: it understands
// modules whose exported functions are straight-line numeric code (local.get/set/tee, consts,
// numeric and vector instructions, drop, select), evaluates them with an operator table given
// by the test, and checks assert_return / assert_trap commands. Anything else is skipped and
// counted. Not a general wast implementation (that is wast/'s job).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "interpreter/numerics_vector.h"

namespace wasm::interp::test {

using numerics::TrapKind;
using numerics::V128;

// Every value is held in a V128; scalars occupy the low bytes (lane 0).
using Stack = std::vector<V128>;
using Imms = std::vector<std::string>;
// An operator pops its operands from the stack and pushes its results, or returns a trap.
using Operator = std::function<TrapKind(Stack&, const Imms&)>;

struct OpEntry {
  Operator op;
  int immediates = 0;  // number of immediate tokens in the flat text form
};
using OpTable = std::map<std::string, OpEntry, std::less<>>;

struct WastStats {
  int passed = 0;
  int failed = 0;
  int skipped = 0;  // assertions on functions or values the extractor does not handle
  std::vector<std::string> failures;  // first few failure descriptions
};

// Runs every assertion of the file at `path`.
WastStats run_wast_file(const std::string& path, const OpTable& ops);

// Literals (shared with the op table for v128 immediates).
bool parse_int_bits(const std::string& text, int bits, uint64_t& out);
bool parse_float_bits(const std::string& text, int bits, uint64_t& out);

}  // namespace wasm::interp::test
