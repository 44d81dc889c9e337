// Numeric primitives — exec/numerics.rst. Pure, noexcept, constexpr where <cmath> allows.
//
// Conventions (shared by the numerics_*.h headers included below):
//   * integers iN are carried in unsigned storage: uint8_t, uint16_t, uint32_t, uint64_t; N is
//     the width of the type, so `iadd(uint32_t, uint32_t)` is the spec's iadd_32. Signed
//     interpretations ($signed_N) are explicit conversions, never signed overflow.
//   * floats fN are `float` (f32) and `double` (f64), IEEE 754 binary32/binary64; NaN results
//     are computed from the operands' bits as the reference interpreter does (numerics_float.h).
//   * partial functions ($idiv_, $irem_, $trunc_) return Partial<T>: a value or a TrapKind.
//   * no undefined behaviour: shift counts are masked, INT_MIN / -1 and out-of-range float to
//     integer conversions are checked before any C++ operation that could overflow.
#pragma once

#include <cstdint>
#include <string_view>

namespace wasm::interp::numerics {

// The traps of exec/instructions.rst; trap_message() gives the suite's exact strings.
enum class TrapKind : uint8_t {
  None,
  Unreachable,                // "unreachable"
  DivideByZero,               // "integer divide by zero"
  IntegerOverflow,            // "integer overflow"
  InvalidConversion,          // "invalid conversion to integer"
  OutOfBoundsMemory,          // "out of bounds memory access"
  OutOfBoundsTable,           // "out of bounds table access"
  OutOfBoundsArray,           // "out of bounds array access"
  UndefinedElement,           // "undefined element"
  UninitializedElement,       // "uninitialized element"
  IndirectCallTypeMismatch,   // "indirect call type mismatch"
  NullFunctionReference,      // "null function reference"
  NullStructureReference,     // "null structure reference"
  NullArrayReference,         // "null array reference"
  NullI31Reference,           // "null i31 reference"
  NullReference,              // "null reference"
  CastFailure,                // "cast failure"
  UnalignedAtomic,            // "unaligned atomic"
};

// The message the conformance suite expects for `k` ("" for TrapKind::None).
std::string_view trap_message(TrapKind k) noexcept;

// The result of a partial numeric function: a value, or the trap it raises instead.
// Usage: `auto r = idiv_s(a, b); if (!r) return trap(r.error()); push(*r);`
template <typename T>
class Partial {
 public:
  constexpr Partial(T value) noexcept : value_(value) {}  // NOLINT: implicit by design
  constexpr Partial(TrapKind trap) noexcept : trap_(trap) {}  // NOLINT: implicit by design
  constexpr bool ok() const noexcept { return trap_ == TrapKind::None; }
  constexpr explicit operator bool() const noexcept { return ok(); }
  constexpr T operator*() const noexcept { return value_; }
  constexpr T value() const noexcept { return value_; }
  constexpr TrapKind error() const noexcept { return trap_; }
  constexpr bool operator==(const Partial&) const noexcept = default;

 private:
  T value_{};
  TrapKind trap_ = TrapKind::None;
};

}  // namespace wasm::interp::numerics

#include "interpreter/numerics_integer.h"     // iadd … iq15mulr_sat_s, wide arithmetic
#include "interpreter/numerics_float.h"       // fadd … fpmax, NaN propagation
#include "interpreter/numerics_conversion.h"  // extend, wrap, trunc(_sat), convert, demote, …
