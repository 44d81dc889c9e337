// Printing of instructions — text/instructions.rst, flat form. Generic over the opcode table:
// every instruction is info(op).text followed by the immediates its Imm kind names.
#include <cstdio>

#include "spec/walk.h"
#include "text/literals.h"
#include "text/printer.h"

namespace wasm::text {
namespace {

std::string num(uint64_t v) { return std::to_string(v); }

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// spec: blocktype ::= (type x) | (result t)?
std::string blocktype_text(const BlockType& bt) {
  switch (bt.kind) {
    case BlockType::Kind::Empty: return "";
    case BlockType::Kind::Value: return " (result " + valtype_text(bt.value) + ")";
    case BlockType::Kind::Index: return " (type " + num(bt.index) + ")";
  }
  return "";
}

// spec: catch ::= (catch x l) | (catch_ref x l) | (catch_all l) | (catch_all_ref l)
std::string catch_text(const Catch& c) {
  switch (c.kind) {
    case CatchKind::Catch: return " (catch " + num(c.tag) + " " + num(c.label) + ")";
    case CatchKind::CatchRef: return " (catch_ref " + num(c.tag) + " " + num(c.label) + ")";
    case CatchKind::CatchAll: return " (catch_all " + num(c.label) + ")";
    case CatchKind::CatchAllRef: return " (catch_all_ref " + num(c.label) + ")";
  }
  return "";
}

// spec: memarg ::= (offset=o)? (align=a)?, after the memory index when it is not 0.
// align= is printed only where it differs from the natural alignment.
std::string memarg_text(Opcode op, const MemArg& m) {
  std::string s;
  if (m.mem != 0) s += " " + num(m.mem);
  if (m.offset != 0) s += " offset=" + num(m.offset);
  if (int(m.align) != info(op).align && m.align < 64) s += " align=" + num(uint64_t(1) << m.align);
  return s;
}

// v128 constants as four i32 lanes in hexadecimal (little-endian lanes).
std::string v128_text(const V128Bytes& b) {
  std::string s = " i32x4";
  for (int lane = 0; lane < 4; ++lane) {
    uint32_t v = 0;
    for (int k = 3; k >= 0; --k) v = (v << 8) | b[size_t(lane * 4 + k)];
    s += " " + hex32(v);
  }
  return s;
}

std::string shuffle_text(const V128Bytes& b) {
  std::string s;
  for (uint8_t lane : b) s += " " + num(lane);
  return s;
}

std::string pair_text(const IndexPair& p) { return " " + num(p.a) + " " + num(p.b); }

// The immediates of one instruction, by its Imm kind (spec: plaininstr, every production).
std::string immediates_text(const Instr& i) {
  switch (info(i.op).imm) {
    case Imm::None:
    case Imm::Fence: return "";
    case Imm::Block:
    case Imm::If: return blocktype_text(i.block().type);
    case Imm::Try: return blocktype_text(i.try_().type);
    case Imm::TryTable: {
      std::string s = blocktype_text(i.try_table().type);
      for (const Catch& c : i.try_table().catches) s += catch_text(c);
      return s;
    }
    case Imm::Label:
    case Imm::Func:
    case Imm::Type:
    case Imm::Local:
    case Imm::Global:
    case Imm::Table:
    case Imm::Memory:
    case Imm::Tag:
    case Imm::Elem:
    case Imm::Data:
    case Imm::Lane: return " " + num(i.index());
    case Imm::BrTable: {
      std::string s;
      for (LabelIdx l : i.br_table().labels) s += " " + num(l);
      return s + " " + num(i.br_table().default_label);
    }
    case Imm::BrOnCast: {
      const BrOnCastImm& b = i.br_on_cast();
      return " " + num(b.label) + " " + to_string(b.from) + " " + to_string(b.to);
    }
    case Imm::CallIndirect: return " " + num(i.pair().a) + " (type " + num(i.pair().b) + ")";
    case Imm::SelectT: {
      std::string s = " (result";
      for (const ValType& t : i.select_types()) s += " " + valtype_text(t);
      return s + ")";
    }
    case Imm::HeapType: return " " + to_string(i.heap_type());
    case Imm::RefType: return " " + to_string(RefType{false, i.ref_type().heap});
    case Imm::RefTypeNull: return " " + to_string(RefType{true, i.ref_type().heap});
    case Imm::MemArg: return memarg_text(i.op, i.memarg());
    case Imm::MemArgLane: return memarg_text(i.op, i.memarg()) + " " + num(i.memarg().lane);
    case Imm::MemoryMemory:
    case Imm::TableTable:
    case Imm::ElemTable:
    case Imm::DataMemory:
    case Imm::TypeField:
    case Imm::TypeType:
    case Imm::TypeData:
    case Imm::TypeElem:
    case Imm::TypeSize: return pair_text(i.pair());
    case Imm::I32: return " " + std::to_string(int32_t(uint32_t(i.bits())));
    case Imm::I64: return " " + std::to_string(int64_t(i.bits()));
    case Imm::F32: return " " + print_f32(uint32_t(i.bits()));
    case Imm::F64: return " " + print_f64(i.bits());
    case Imm::V128: return v128_text(i.v128());
    case Imm::Shuffle: return shuffle_text(i.v128());
    case Imm::OrderGlobal:
    case Imm::OrderTable:
    case Imm::OrderType:
    case Imm::OrderTypeField: {
      const OrderedImm& x = i.ordered();
      std::string s = x.order == Ordering::AcqRel ? " acq_rel " : " seq_cst ";
      s += num(x.a);
      if (info(i.op).imm == Imm::OrderTypeField) s += " " + num(x.b);
      return s;
    }
  }
  return "";
}

std::string mark_text(FlatMark mark, uint32_t arg) {
  switch (mark) {
    case FlatMark::Else: return "else";
    case FlatMark::Catch: return "catch " + num(arg);
    case FlatMark::CatchAll: return "catch_all";
    case FlatMark::Delegate: return "delegate " + num(arg);
    case FlatMark::End: return "end";
  }
  return "";
}

}  // namespace

std::string instr_text(const Instr& i) { return std::string(info(i.op).text) + immediates_text(i); }

std::string expr_inline(const Expr& e) {
  std::string out;
  auto add = [&](const std::string& s) {
    if (!out.empty()) out += ' ';
    out += s;
  };
  walk_flat(
      e, [&](const Instr& i, size_t) { add(instr_text(i)); },
      [&](FlatMark mark, uint32_t arg, size_t) { add(mark_text(mark, arg)); });
  return out;
}

void print_expr_lines(std::string& out, const Expr& e, const std::string& indent) {
  // Indentation stops growing at kMaxIndent levels, so that deep nesting stays linear in size.
  constexpr size_t kMaxIndent = 32;
  auto line = [&](size_t depth, const std::string& s) {
    out += indent;
    out.append(2 * (depth < kMaxIndent ? depth : kMaxIndent), ' ');
    out += s;
    out += '\n';
  };
  walk_flat(
      e, [&](const Instr& i, size_t depth) { line(depth, instr_text(i)); },
      [&](FlatMark mark, uint32_t arg, size_t depth) { line(depth, mark_text(mark, arg)); });
}

}  // namespace wasm::text
