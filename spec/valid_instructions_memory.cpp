// Validation of memory instructions — valid/instructions.rst (Memory Instructions). Loads,
// stores, atomics and the other fixed-signature memory instructions are typed by the opcode
// table (valid_instructions_numeric.cpp); this file checks their memarg.
#include "spec/valid_instructions.h"

namespace wasm::valid {

// spec: Memarg_ok (in Instr_ok/load, store, vload*, vstore*, and the threads proposal's
// atomics) — the memory exists, 2^align <= the natural alignment (atomics: equal), the offset
// fits the address type, and a lane index is below the lane count.
ValType InstrValidator::memarg(const Instr& e) {
  const MemArg& m = e.memarg();
  const MemType& mt = memory(c_, m.mem, at_);
  const OpInfo& oi = info(e.op);
  uint32_t natural = uint32_t(oi.align);
  if (oi.prefix == 0xFE)
    require(m.align == natural, at_, "atomic alignment must be natural");
  else
    require(m.align <= natural, at_, "alignment must not be larger than natural");
  if (mt.addr == AddrType::I32) require(m.offset <= 0xFFFF'FFFFu, at_, "offset out of range");
  if (oi.imm == Imm::MemArgLane)
    require(m.lane < (16u >> natural), at_, cat("invalid lane index ", m.lane));
  return addr_val(mt.addr);
}

// spec: Instr_ok/memory.copy — the count has the smaller of the two address types.
void InstrValidator::memory_copy(const Instr& e) {
  const IndexPair& p = e.pair();  // a = destination, b = source
  AddrType a1 = memory(c_, p.a, at_).addr;
  AddrType a2 = memory(c_, p.b, at_).addr;
  AddrType n = a1 == AddrType::I32 || a2 == AddrType::I32 ? AddrType::I32 : AddrType::I64;
  pop_vals(std::vector<ValType>{addr_val(a1), addr_val(a2), addr_val(n)});
}

}  // namespace wasm::valid
