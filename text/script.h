// The .wast script language (the reference interpreter's script/script.ml and the spec's
// interpreter/README "Scripts"), plus `thread`/`wait` from the threads proposal.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/ast.h"
#include "spec/error.h"
#include "text/parse.h"

namespace wasm::text {

// (module ...) in a script, in one of its three forms.
struct ScriptModule {
  enum class Form : uint8_t { Text, Binary, Quote } form = Form::Text;
  std::optional<std::string> id;  // $name
  bool definition = false;        // (module definition ...): not instantiated
  Module module;                  // Form::Text, when it parsed
  std::optional<Error> error;     // Form::Text that failed to parse (the script goes on)
  std::string bytes;              // Binary: the bytes; Quote: the source text
  Span fields;                    // Text: where its fields are in the source (empty: none)
  Span at;
};

enum class NanPattern : uint8_t { None, Canonical, Arithmetic };
enum class LaneShape : uint8_t { I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 };

// An argument or an expected result.
struct ScriptValue {
  enum class Kind : uint8_t {
    I32, I64, F32, F64,  // `bits`; F32/F64 results may be a NaN pattern (`nan`)
    V128,                // `v128` + `shape`; results: per-lane NaN patterns in `lane_nans`
    RefNull,             // (ref.null ht); as a result, (ref.null) alone has heap.kind == Bot
    RefExtern,           // (ref.extern n); as a result, (ref.extern) alone: payload empty
    RefHost,             // (ref.host n)
    RefKind,             // results: (ref.func) (ref.struct) (ref.array) (ref.i31) (ref.eq)
                         // (ref.any) (ref.exn) ...: any non-null reference of that heap kind
    Either,              // results: (either v1 v2 ...)
  } kind = Kind::I32;
  uint64_t bits = 0;
  NanPattern nan = NanPattern::None;
  V128Bytes v128{};
  LaneShape shape = LaneShape::I32x4;
  std::array<NanPattern, 4> lane_nans{};  // F32x4 uses 4, F64x2 uses 2
  HeapType heap;
  std::optional<uint32_t> payload;
  std::vector<ScriptValue> alternatives;  // Either
  Span at;
};

struct Action {
  enum class Kind : uint8_t { Invoke, Get } kind = Kind::Invoke;
  std::optional<std::string> module_id;
  std::string name;
  std::vector<ScriptValue> args;
  Span at;
};

struct Command {
  enum class Kind : uint8_t {
    Module,                // (module ...)
    ModuleInstance,        // (module instance $i? $m?)
    Register,              // (register "name" $m?)
    Action,                // (invoke ...) | (get ...)
    AssertReturn,          // (assert_return action result*)
    AssertTrap,            // (assert_trap action "msg") | (assert_trap module "msg")
    AssertExhaustion,      // (assert_exhaustion action "msg")
    AssertException,       // (assert_exception action)
    AssertMalformed,       // (assert_malformed module "msg")
    AssertInvalid,         // (assert_invalid module "msg")
    AssertUnlinkable,      // (assert_unlinkable module "msg")
    AssertUninstantiable,  // (assert_uninstantiable module "msg")
    AssertMalformedCustom, // (assert_malformed_custom module "msg")
    AssertInvalidCustom,   // (assert_invalid_custom module "msg")
    Thread,                // (thread $t (shared (module $m))* command*)
    Wait,                  // (wait $t)
  } kind = Kind::Module;
  ScriptModule module;  // Module and the module assertions (AssertTrap: when has_module)
  bool has_module = false;
  Action action;        // Action, AssertReturn/Trap/Exhaustion/Exception
  std::vector<ScriptValue> expected;  // AssertReturn
  std::string message;  // the expected message; Register: the registered name
  std::optional<std::string> id;   // Register: module; ModuleInstance: instance; Thread/Wait
  std::optional<std::string> id2;  // ModuleInstance: the module definition
  std::vector<std::string> shared_modules;  // Thread
  std::vector<Command> body;                // Thread
  Span at;
};

struct Script {
  std::vector<Command> commands;
};

// Parses a whole script. A text module that fails to parse does not fail the script: it
// becomes a ScriptModule with `error` set. Other syntax errors fail the whole script
// (Phase::Malformed), as in the reference interpreter.
Result<Script> parse_script(std::string_view source, TextOptions options = {});

}  // namespace wasm::text
