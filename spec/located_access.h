// shared-everything-threads: what an atomic access to a global, table, struct field or array
// element does (global/table/struct/array.atomic.*, spec/instructions_shared.def), read off its
// mnemonic, for the validator (spec/valid_instructions_shared.cpp) and the generator
// (gen/instructions_shared.cpp), whose typing rules follow it.
#pragma once

#include <cstdint>
#include <string_view>

#include "spec/opcode.h"

namespace wasm {

enum class LocatedAccess : uint8_t {
  Get,        // X.atomic.get                     [loc] -> [t]
  GetPacked,  // X.atomic.get_s, X.atomic.get_u   [loc] -> [i32]
  Set,        // X.atomic.set                     [loc t] -> []
  RmwArith,   // X.atomic.rmw.add/sub/and/or/xor  [loc t] -> [t]
  Xchg,       // X.atomic.rmw.xchg                [loc t] -> [t]
  Cmpxchg,    // X.atomic.rmw.cmpxchg             [loc e t] -> [t]
};

constexpr LocatedAccess located_access(Opcode op) {
  std::string_view text = info(op).text;
  if (text.ends_with(".get_s") || text.ends_with(".get_u")) return LocatedAccess::GetPacked;
  if (text.ends_with(".get")) return LocatedAccess::Get;
  if (text.ends_with(".set")) return LocatedAccess::Set;
  if (text.ends_with(".cmpxchg")) return LocatedAccess::Cmpxchg;
  if (text.ends_with(".xchg")) return LocatedAccess::Xchg;
  return LocatedAccess::RmwArith;
}

}  // namespace wasm
