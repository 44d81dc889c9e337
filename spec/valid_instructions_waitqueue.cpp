// Typing of the shared-everything-threads proposal's managed waiter queues (Overview.md,
// "Managed Waiter Queues", whose rules these are; the proposal has no formal text yet):
//
//   waitqueue.new      [] -> [(ref (shared waitqueue))]
//   waitqueue.notify   [(ref null (shared waitqueue)) i32] -> [i32]
//   struct.wait x y    [(ref null x) wq t i64] -> [i32]      C.types[x] = shared? struct ft*,
//   ft*[y] = mut? t' array.wait x       [(ref null x) wq i32 t i64] -> [i32]  C.types[x] = shared?
//   array mut? t' global.wait x      [wq t i64] -> [i32]                   C.globals[x] = shared?
//   global mut? t' table.wait x       [wq at t i64] -> [i32]                C.tables[x] = shared?
//   table at lim t' memory.wait32 x    [wq at i32 i64] -> [i32]              C.memories[x] =
//   shared? memory at lim memory.wait64 x    [wq at i64 i64] -> [i32]
//
// with wq = (ref null (shared waitqueue)) and t = wait_expected(t'): i32 for i32, i64 for i64,
// (ref null (shared eq)) for any t' <: (ref null (shared eq)); no other t' can be waited on.
// Locations need not be shared nor mutable to validate (a wait on an unshared one traps).
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

ValType waitqueue_ref(bool nullable) {
  return ValType::ref_of(nullable, HeapKind::WaitQueue, true);
}

}  // namespace

// spec (shared-everything-threads): wait_expected(t') — the type of a wait's expected value.
std::optional<ValType> InstrValidator::wait_expected(const ValType& t) const {
  if (t.kind == ValKind::I32 || t.kind == ValKind::I64) return t;
  ValType shared_eq = ValType::ref_of(true, HeapKind::Eq, true);
  if (t.is_ref() && match_valtype(c_.s(), t, shared_eq)) return shared_eq;
  return std::nullopt;
}

// spec (shared-everything-threads): Instr_ok/waitqueue.new, Instr_ok/waitqueue.notify,
// Instr_ok/struct.wait, array.wait, global.wait, table.wait, memory.wait32/64
void InstrValidator::waitqueue(const Instr& e) {
  require_shared_everything(e.op);
  std::string_view name = info(e.op).text;
  if (e.op == Opcode::WaitqueueNew) return push_val(waitqueue_ref(false));
  if (e.op == Opcode::WaitqueueNotify) {
    pop_vals(std::vector<ValType>{waitqueue_ref(true), ValType::i32()});
    return push_val(ValType::i32());
  }
  std::vector<ValType> operands;  // the location's operands, then the queue's
  ValType stored;                 // the control word's type t'
  switch (e.op) {
    case Opcode::StructWait: {
      const IndexPair& p = e.pair();
      const StructType& st = struct_type(c_, p.a, at_);
      require(p.b < st.fields.size(), at_, cat("unknown field ", p.b));
      stored = st.fields[p.b].type;
      operands = {ValType::ref_of(ref_of_type(p.a, true)), waitqueue_ref(true)};
      break;
    }
    case Opcode::ArrayWait:
      stored = array_type(c_, e.index(), at_).field.type;
      operands = {ValType::ref_of(ref_of_type(e.index(), true)), waitqueue_ref(true),
                  ValType::i32()};
      break;
    case Opcode::GlobalWait:
      stored = global(c_, e.index(), at_).type;
      operands = {waitqueue_ref(true)};
      break;
    case Opcode::TableWait: {
      const TableType& tt = table(c_, e.index(), at_);
      stored = ValType::ref_of(tt.elem);
      operands = {waitqueue_ref(true), addr_val(tt.addr)};
      break;
    }
    default: {  // memory.wait32, memory.wait64
      const MemType& mt = memory(c_, e.index(), at_);
      stored = e.op == Opcode::MemoryWait32 ? ValType::i32() : ValType::i64();
      operands = {waitqueue_ref(true), addr_val(mt.addr)};
      break;
    }
  }
  std::optional<ValType> expected = wait_expected(stored);
  require(expected.has_value(), at_,
          cat("invalid type: `", name,
              "` only waits on `i32`, `i64` and subtypes of `(ref null (shared eq))`"));
  operands.push_back(*expected);
  operands.push_back(ValType::i64());
  pop_vals(operands);
  push_val(ValType::i32());
}

}  // namespace wasm::valid
