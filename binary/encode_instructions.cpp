// Binary encoding of instructions — binary/instructions.rst. Generic over the opcode table:
// every instruction is its prefix/code from info(op) followed by the immediates its Imm kind
// names; structured instructions are written in flat order by walk_flat (no recursion).
#include "binary/writer.h"
#include "spec/walk.h"

namespace wasm::binary {
namespace {

// spec: Bblocktype ::= 0x40 | valtype | x:s33
void write_blocktype(Writer& w, const BlockType& bt) {
  switch (bt.kind) {
    case BlockType::Kind::Empty: w.byte(0x40); return;
    case BlockType::Kind::Value: write_valtype(w, bt.value); return;
    case BlockType::Kind::Index: w.s64(int64_t(bt.index)); return;
  }
}

// spec: Bmemarg ::= n:u32 m:u64 (n < 2^6) | n:u32 x:memidx m:u64 (2^6 <= n < 2^7):
// bit 6 of the alignment field flags an explicit memory index (multi-memory), written only
// when the index is not 0.
void write_memarg(Writer& w, const MemArg& m) {
  if (m.mem == 0) {
    w.u32(m.align);
  } else {
    w.u32(m.align | 0x40);
    w.u32(m.mem);
  }
  w.u64(m.offset);
}

// spec: Bcatch ::= 0x00 x l | 0x01 x l | 0x02 l | 0x03 l
void write_catch(Writer& w, const Catch& c) {
  w.byte(uint8_t(c.kind));
  if (c.kind == CatchKind::Catch || c.kind == CatchKind::CatchRef) w.u32(c.tag);
  w.u32(c.label);
}

// spec: Bcastflags — bit 0: the source type is nullable, bit 1: the target type is nullable
void write_br_on_cast(Writer& w, const BrOnCastImm& b) {
  w.byte(uint8_t((b.from.nullable ? 1 : 0) | (b.to.nullable ? 2 : 0)));
  w.u32(b.label);
  write_heaptype(w, b.from.heap);
  write_heaptype(w, b.to.heap);
}

// Two indices, in binary order (the AST keeps them in text order; see IndexPair).
void write_pair(Writer& w, const IndexPair& p, bool swapped) {
  w.u32(swapped ? p.b : p.a);
  w.u32(swapped ? p.a : p.b);
}

// spec: laneidx ::= l:byte (as the decoder reads it; decode.ml's LEB128 u8 agrees below 128)
void write_laneidx(Writer& w, uint32_t l) { w.byte(uint8_t(l)); }

// The immediates of one instruction, by its Imm kind (spec: Binstr, every production).
void write_immediates(Writer& w, const Instr& i) {
  switch (info(i.op).imm) {
    case Imm::None: return;
    case Imm::Block:
    case Imm::If: write_blocktype(w, i.block().type); return;
    case Imm::Try: write_blocktype(w, i.try_().type); return;
    case Imm::TryTable:
      write_blocktype(w, i.try_table().type);
      w.vec(i.try_table().catches, [&](const Catch& c) { write_catch(w, c); });
      return;
    case Imm::Label:
    case Imm::Func:
    case Imm::Type:
    case Imm::Local:
    case Imm::Global:
    case Imm::Table:
    case Imm::Memory:
    case Imm::Tag:
    case Imm::Elem:
    case Imm::Data: w.u32(i.index()); return;
    case Imm::BrTable:
      w.vec(i.br_table().labels, [&](LabelIdx l) { w.u32(l); });
      w.u32(i.br_table().default_label);
      return;
    case Imm::BrOnCast: write_br_on_cast(w, i.br_on_cast()); return;
    case Imm::SelectT:
      w.vec(i.select_types(), [&](const ValType& t) { write_valtype(w, t); });
      return;
    case Imm::HeapType: write_heaptype(w, i.heap_type()); return;
    case Imm::RefType:
    case Imm::RefTypeNull: write_heaptype(w, i.ref_type().heap); return;
    case Imm::MemArg: write_memarg(w, i.memarg()); return;
    case Imm::MemArgLane: write_memarg(w, i.memarg()), write_laneidx(w, i.memarg().lane); return;
    // binary order: call_indirect y:typeidx x:tableidx; table.init y:elemidx x:tableidx;
    // memory.init y:dataidx x:memidx
    case Imm::CallIndirect:
    case Imm::ElemTable:
    case Imm::DataMemory: write_pair(w, i.pair(), true); return;
    case Imm::MemoryMemory:
    case Imm::TableTable:
    case Imm::TypeField:
    case Imm::TypeType:
    case Imm::TypeData:
    case Imm::TypeElem:
    case Imm::TypeSize: write_pair(w, i.pair(), false); return;
    case Imm::I32: w.s32(int32_t(uint32_t(i.bits()))); return;
    case Imm::I64: w.s64(int64_t(i.bits())); return;
    case Imm::F32: w.le(i.bits(), 4); return;
    case Imm::F64: w.le(i.bits(), 8); return;
    case Imm::V128: w.raw(i.v128().data(), i.v128().size()); return;
    case Imm::Shuffle: w.raw(i.v128().data(), i.v128().size()); return;  // laneidx^16
    case Imm::Lane: write_laneidx(w, i.index()); return;
    case Imm::Fence: w.byte(0x00); return;
    case Imm::OrderGlobal:
    case Imm::OrderTable:
    case Imm::OrderType:
    case Imm::OrderTypeField: {
      const OrderedImm& x = i.ordered();
      w.byte(ordering_byte(i.op, x.order));
      w.u32(x.a);
      if (info(i.op).imm == Imm::OrderTypeField) w.u32(x.b);
      return;
    }
  }
}

// spec: Binstr — the opcode: one byte, or a prefix byte and a u32
void write_opcode(Writer& w, Opcode op) {
  const OpInfo& o = info(op);
  if (o.prefix == 0) {
    w.byte(uint8_t(o.code));
  } else {
    w.byte(o.prefix);
    w.u32(o.code);
  }
}

}  // namespace

// spec: Bexpr ::= instr* 0x0B
void write_expr(Writer& w, const Expr& e) {
  walk_flat(
      e,
      [&](const Instr& i, size_t) {
        write_opcode(w, i.op);
        write_immediates(w, i);
      },
      [&](FlatMark mark, uint32_t arg, size_t) {
        switch (mark) {
          case FlatMark::Else: w.byte(0x05); return;
          case FlatMark::Catch: w.byte(0x07), w.u32(arg); return;
          case FlatMark::CatchAll: w.byte(0x19); return;
          case FlatMark::Delegate: w.byte(0x18), w.u32(arg); return;
          case FlatMark::End: w.byte(0x0B); return;
        }
      });
  w.byte(0x0B);
}

bool uses_data_index(const Expr& e) {
  bool found = false;
  for_each_instr(e, [&](const Instr& i) {
    Imm k = info(i.op).imm;
    found = found || k == Imm::Data || k == Imm::DataMemory || k == Imm::TypeData;
  });
  return found;
}

}  // namespace wasm::binary
