// Validation of table instructions — valid/instructions.rst (Table Instructions).
// elem.drop has a fixed signature and is typed by the opcode table (valid_instructions_numeric).
#include "spec/valid_instructions.h"

namespace wasm::valid {

// spec: Instr_ok/table.get
void InstrValidator::table_get(const Instr& e) {
  const TableType& tt = table(c_, e.index(), at_);
  pop_val(addr_val(tt.addr));
  push_val(ValType::ref_of(tt.elem));
}

// spec: Instr_ok/table.set
void InstrValidator::table_set(const Instr& e) {
  const TableType& tt = table(c_, e.index(), at_);
  pop_vals(std::vector<ValType>{addr_val(tt.addr), ValType::ref_of(tt.elem)});
}

// spec: Instr_ok/table.size
void InstrValidator::table_size(const Instr& e) {
  push_val(addr_val(table(c_, e.index(), at_).addr));
}

// spec: Instr_ok/table.grow
void InstrValidator::table_grow(const Instr& e) {
  const TableType& tt = table(c_, e.index(), at_);
  pop_vals(std::vector<ValType>{ValType::ref_of(tt.elem), addr_val(tt.addr)});
  push_val(addr_val(tt.addr));
}

// spec: Instr_ok/table.fill
void InstrValidator::table_fill(const Instr& e) {
  const TableType& tt = table(c_, e.index(), at_);
  ValType a = addr_val(tt.addr);
  pop_vals(std::vector<ValType>{a, ValType::ref_of(tt.elem), a});
}

// spec: Instr_ok/table.copy — the source's element type matches the destination's; the count
// has the smaller of the two address types.
void InstrValidator::table_copy(const Instr& e) {
  const IndexPair& p = e.pair();  // a = destination, b = source
  const TableType& t1 = table(c_, p.a, at_);
  const TableType& t2 = table(c_, p.b, at_);
  require(match_reftype(c_.s(), t2.elem, t1.elem), at_,
          cat("type mismatch: source element type ", to_string(t2.elem),
              " does not match destination element type ", to_string(t1.elem)));
  AddrType n = t1.addr == AddrType::I32 || t2.addr == AddrType::I32 ? AddrType::I32
                                                                    : AddrType::I64;
  pop_vals(std::vector<ValType>{addr_val(t1.addr), addr_val(t2.addr), addr_val(n)});
}

// spec: Instr_ok/table.init
void InstrValidator::table_init(const Instr& e) {
  const IndexPair& p = e.pair();  // a = table, b = elem segment
  const TableType& tt = table(c_, p.a, at_);
  const RefType& rt = elem(c_, p.b, at_);
  require(match_reftype(c_.s(), rt, tt.elem), at_,
          cat("type mismatch: element segment's type ", to_string(rt),
              " does not match table's element type ", to_string(tt.elem)));
  pop_vals(std::vector<ValType>{addr_val(tt.addr), ValType::i32(), ValType::i32()});
}

}  // namespace wasm::valid
