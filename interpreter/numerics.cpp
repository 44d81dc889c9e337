// Trap messages — the strings of the conformance suite's assert_trap commands.
#include "interpreter/numerics.h"

namespace wasm::interp::numerics {

std::string_view trap_message(TrapKind k) noexcept {
  switch (k) {
    case TrapKind::None: return "";
    case TrapKind::Unreachable: return "unreachable";
    case TrapKind::DivideByZero: return "integer divide by zero";
    case TrapKind::IntegerOverflow: return "integer overflow";
    case TrapKind::InvalidConversion: return "invalid conversion to integer";
    case TrapKind::OutOfBoundsMemory: return "out of bounds memory access";
    case TrapKind::OutOfBoundsTable: return "out of bounds table access";
    case TrapKind::OutOfBoundsArray: return "out of bounds array access";
    case TrapKind::UndefinedElement: return "undefined element";
    case TrapKind::UninitializedElement: return "uninitialized element";
    case TrapKind::IndirectCallTypeMismatch: return "indirect call type mismatch";
    case TrapKind::NullFunctionReference: return "null function reference";
    case TrapKind::NullStructureReference: return "null structure reference";
    case TrapKind::NullArrayReference: return "null array reference";
    case TrapKind::NullI31Reference: return "null i31 reference";
    case TrapKind::NullReference: return "null reference";
    case TrapKind::CastFailure: return "cast failure";
    case TrapKind::UnalignedAtomic: return "unaligned atomic";
  }
  return "";
}

}  // namespace wasm::interp::numerics
