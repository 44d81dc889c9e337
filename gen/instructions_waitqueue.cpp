// The shared-everything-threads waitqueue rows (Options::shared_everything): waitqueue.new,
// waitqueue.notify, and the waits on struct fields, array elements, globals, table slots and
// memory words; the typing follows spec/valid_instructions_waitqueue.cpp.
//
// A wait's timeout is always (i64.const 0): a generated program runs on one thread, so a wait
// that found its expected value would otherwise wait for ever. Most locations are unshared (the
// generator's types are), and a wait on them traps after its operands are checked.
#include "gen/smith.h"

namespace wasm::gen {
namespace {

bool waitable_number(const ValType& t) { return t.kind == ValKind::I32 || t.kind == ValKind::I64; }

}  // namespace

// spec (shared-everything-threads): Instr_ok/waitqueue.new, waitqueue.notify, X.wait
std::optional<ResultType> Smith::emit_waitqueue(Opcode op, Expr& out, const ValType* want) {
  ValType queue = ValType::ref_of(false, HeapKind::WaitQueue, true);
  if (op == Opcode::WaitqueueNew) {
    if (!fits(queue, want)) return std::nullopt;
    put(out, op);
    return ResultType{queue};
  }
  if (!fits(ValType::i32(), want)) return std::nullopt;
  // The queue operand: a fresh one, or now and then a null one (the trap).
  auto put_queue = [&] {
    if (chance(10))
      put(out, Opcode::RefNull, HeapType{HeapKind::WaitQueue, false, 0, true});
    else
      put(out, Opcode::WaitqueueNew);
  };
  if (op == Opcode::WaitqueueNotify) {
    put_queue();
    produce(out, ValType::i32());
    put(out, op);
    return ResultType{ValType::i32()};
  }
  ValType shared_eq = ValType::ref_of(true, HeapKind::Eq, true);
  auto expected_of = [&](const ValType& t) -> std::optional<ValType> {
    if (waitable_number(t)) return t;
    if (t.is_ref() && sub(t, shared_eq)) return shared_eq;
    return std::nullopt;
  };
  std::optional<ValType> expected;
  Immediate imm;
  switch (op) {
    case Opcode::StructWait: {
      std::vector<IndexPair> where;
      for (uint32_t i = 0; i < types_.size(); ++i) {
        if (types_[i].comp.kind != CompKind::Struct) continue;
        const std::vector<FieldType>& fs = types_[i].comp.struct_.fields;
        for (uint32_t j = 0; j < fs.size(); ++j)
          if (expected_of(fs[j].type)) where.push_back({i, j});
      }
      if (where.empty()) return std::nullopt;
      IndexPair p = one_of(where);
      expected = expected_of(types_[p.a].comp.struct_.fields[p.b].type);
      produce(out, ValType::ref_of(RefType{true, {HeapKind::Index, false, p.a}}));
      put_queue();
      imm = p;
      break;
    }
    case Opcode::ArrayWait: {
      auto x = pick_index(types_.size(), [&](uint32_t i) {
        return types_[i].comp.kind == CompKind::Array &&
               expected_of(types_[i].comp.array.field.type).has_value();
      });
      if (!x) return std::nullopt;
      expected = expected_of(types_[*x].comp.array.field.type);
      produce(out, ValType::ref_of(RefType{true, {HeapKind::Index, false, *x}}));
      put_queue();
      produce(out, ValType::i32());
      imm = *x;
      break;
    }
    case Opcode::GlobalWait: {
      auto x = pick_index(globals_.size(),
                          [&](uint32_t i) { return expected_of(globals_[i].type).has_value(); });
      if (!x) return std::nullopt;
      expected = expected_of(globals_[*x].type);
      put_queue();
      imm = *x;
      break;
    }
    case Opcode::TableWait: {
      auto x = pick_index(tables_.size(), [&](uint32_t i) {
        return expected_of(ValType::ref_of(tables_[i].elem)).has_value();
      });
      if (!x) return std::nullopt;
      expected = expected_of(ValType::ref_of(tables_[*x].elem));
      put_queue();
      produce(out, addr(tables_[*x].addr));
      imm = *x;
      break;
    }
    default: {  // memory.wait32/64
      if (mems_.empty()) return std::nullopt;
      uint32_t x = below(uint32_t(mems_.size()));
      expected = op == Opcode::MemoryWait32 ? ValType::i32() : ValType::i64();
      put_queue();
      produce(out, addr(mems_[x].addr));
      imm = x;
      break;
    }
  }
  produce(out, *expected);
  put(out, Opcode::I64Const, uint64_t(0));  // no waiting (see above)
  put(out, op, imm);
  return ResultType{ValType::i32()};
}

}  // namespace wasm::gen
