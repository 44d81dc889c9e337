// Arguments for invoking a generated module's exports from a script (`wasmref smith --script`):
// deterministic vectors of small integers, edge values and float specials, each as a script
// literal and as the engine's value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/engine.h"

namespace wasm::cli {

struct ScriptArg {
  std::string text;  // "(i32.const 0x7)", "(f32.const -nan:0x200000)", "(ref.null none)"
  interp::Value value;
};

// A splitmix64 sequence: the same seed gives the same arguments.
class ArgumentSource {
 public:
  explicit ArgumentSource(uint64_t seed) : state_(seed) {}
  // One argument vector for these parameter types (canonical types of engine.types()), or
  // nothing when a parameter has no script literal: a non-null reference type other than
  // (ref any) and (ref extern) (spec (script): the literals are (ref.null ht), (ref.host n) of
  // type (ref any), and (ref.extern n) of type (ref extern)).
  std::optional<std::vector<ScriptArg>> arguments(const ResultType& params, interp::Engine& engine);

 private:
  uint64_t next();
  uint64_t below(uint64_t n) { return next() % n; }
  ScriptArg i32();
  ScriptArg i64();
  ScriptArg f32();
  ScriptArg f64();
  ScriptArg v128();
  std::optional<ScriptArg> ref(const RefType& t, interp::Engine& engine);

  uint64_t state_;
};

// n as exactly `width` lower-case hexadecimal digits.
std::string hex_digits(uint64_t n, int width);

// Exact float literals: hexadecimal floats, inf, nan:0x... (sign included).
std::string f32_literal(uint32_t bits);
std::string f64_literal(uint64_t bits);

}  // namespace wasm::cli
