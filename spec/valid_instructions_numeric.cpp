// Validation of numeric and vector instructions — valid/instructions.rst (Numeric Instructions,
// Vector Instructions) — and of every other instruction with a fixed stack signature: all are
// typed generically from the opcode table's `sig` ("ii>i"; 'a' = the memory's address type),
// after checking their immediates (memarg, memory/data/elem index, lane index).
#include <array>

#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

ValType sig_type(char ch, const ValType& addr) {
  switch (ch) {
    case 'i': return ValType::i32();
    case 'I': return ValType::i64();
    case 'f': return ValType::f32();
    case 'F': return ValType::f64();
    case 'v': return ValType::v128();
    default: return addr;  // 'a'
  }
}

// The lane count of a vector shape prefix: "i8x16.extract_lane_s" -> 16.
uint32_t shape_lanes(std::string_view text) {
  size_t x = text.find('x');
  uint32_t n = 0;
  for (size_t i = x + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    n = n * 10 + uint32_t(text[i] - '0');
  return n;
}

}  // namespace

// spec: Instr_ok/const, unop, binop, testop, relop, cvtop, the vector rules (vconst, vvunop,
// ..., vextract_lane, vreplace_lane, vshuffle), load, store, vload*, vstore*, memory.size,
// memory.grow, memory.fill, memory.init, data.drop, elem.drop, and the threads proposal's
// atomics — each reads its type t1* -> t2* from the opcode table.
void InstrValidator::plain(const Instr& e) {
  const OpInfo& oi = info(e.op);
  if (oi.sig.empty()) invalid(at_, cat("unsupported instruction ", oi.text));
  ValType addr = ValType::i32();
  switch (oi.imm) {
    case Imm::MemArg:
    case Imm::MemArgLane: addr = memarg(e); break;
    case Imm::Memory: addr = addr_val(memory(c_, e.index(), at_).addr); break;
    case Imm::DataMemory:  // a = memory, b = data segment
      addr = addr_val(memory(c_, e.pair().a, at_).addr);
      data(c_, e.pair().b, at_);
      break;
    case Imm::Data: data(c_, e.index(), at_); break;
    case Imm::Elem: elem(c_, e.index(), at_); break;
    case Imm::Lane:
      require(e.index() < shape_lanes(oi.text), at_, cat("invalid lane index ", e.index()));
      break;
    case Imm::Shuffle:
      for (uint8_t lane : e.v128()) require(lane < 32, at_, cat("invalid lane index ", lane));
      break;
    default: break;
  }
  std::array<ValType, 8> params, results;
  size_t np = 0, nr = 0;
  size_t arrow = oi.sig.find('>');
  for (size_t i = 0; i < arrow && np < params.size(); ++i) params[np++] = sig_type(oi.sig[i], addr);
  for (size_t i = arrow + 1; i < oi.sig.size() && nr < results.size(); ++i)
    results[nr++] = sig_type(oi.sig[i], addr);
  pop_vals(std::span<const ValType>(params.data(), np));
  push_vals(std::span<const ValType>(results.data(), nr));
}

}  // namespace wasm::valid
