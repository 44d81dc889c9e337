// The Validation Algorithm of appendix/algorithm.rst: operand and control stacks, the explicit
// work loop over nested blocks, and the dispatch to the Instr_ok rules (valid/instructions.rst).
//
// deviation: the appendix pops operands one at a time; pop_vals pops a whole list and, on a
// mismatch, reports the list against the stack's top (as valid.ml does), so that messages read
// "type mismatch: instruction requires [i32 i32] but stack has [i64]". Acceptance is unchanged.
#include "spec/valid_instructions.h"
#include "spec/validate.h"

#include <algorithm>

namespace wasm::valid {

// ---- Operand stack ----

void InstrValidator::mismatch(std::string_view what, std::span<const ValType> required,
                              std::span<const ValType> actual) const {
  invalid(at_, cat("type mismatch: ", what, " requires ",
                   to_string(ResultType(required.begin(), required.end())), " but stack has ",
                   to_string(ResultType(actual.begin(), actual.end()))));
}

void InstrValidator::pop_vals(std::span<const ValType> ts) {
  const CtrlFrame& f = ctrls_.back();
  size_t n1 = ts.size();
  size_t avail = vals_.size() - f.height;
  size_t n = std::min(n1, avail);
  std::span<const ValType> top(vals_.data() + vals_.size() - n, n);
  if (n < n1 && !f.unreachable) mismatch("instruction", ts, top);
  for (size_t i = 0; i < n; ++i)
    if (!match_valtype(c_.s(), top[i], ts[n1 - n + i])) mismatch("instruction", ts, top);
  vals_.resize(vals_.size() - n);
}

ValType InstrValidator::pop_val(const ValType& expect) {
  const CtrlFrame& f = ctrls_.back();
  ValType actual = vals_.size() > f.height ? vals_.back() : ValType{ValKind::Bot, {}};
  pop_vals(std::span<const ValType>(&expect, 1));
  return actual;
}

ValType InstrValidator::pop_val() {
  const CtrlFrame& f = ctrls_.back();
  if (vals_.size() == f.height) {
    if (f.unreachable) return ValType{ValKind::Bot, {}};
    invalid(at_, "type mismatch: instruction requires a value but stack has []");
  }
  ValType t = vals_.back();
  vals_.pop_back();
  return t;
}

// ---- Control stack ----

void InstrValidator::push_ctrl(FrameKind kind, ResultType in, ResultType out, const Instr* instr,
                               const Expr* body) {
  CtrlFrame f;
  f.kind = kind;
  f.height = vals_.size();
  f.inits = inits_.size();
  f.instr = instr;
  f.body = body;
  push_vals(in);
  f.start_types = std::move(in);
  f.end_types = std::move(out);
  ctrls_.push_back(std::move(f));
}

CtrlFrame InstrValidator::pop_ctrl() {
  const CtrlFrame& f = ctrls_.back();
  size_t avail = vals_.size() - f.height;
  if (avail > f.end_types.size()) {  // too many values: report the whole block's stack
    ResultType stack(vals_.end() - std::ptrdiff_t(avail), vals_.end());
    pop_vals(f.end_types);
    mismatch("block", f.end_types, stack);
  }
  pop_vals(f.end_types);
  // spec: a block's instruction type initialises no locals outside it (Instr_ok/block etc.)
  while (inits_.size() > f.inits) {
    c_.locals[inits_.back()].set = false;
    inits_.pop_back();
  }
  CtrlFrame out = std::move(ctrls_.back());
  ctrls_.pop_back();
  return out;
}

void InstrValidator::unreachable() {
  vals_.resize(ctrls_.back().height);
  ctrls_.back().unreachable = true;
}

const CtrlFrame& InstrValidator::label(uint32_t l) const {
  if (l >= ctrls_.size()) invalid(at_, cat("unknown label ", l));
  return ctrls_[ctrls_.size() - 1 - l];
}

// ---- Helpers shared by the rules ----

// spec: Blocktype_ok
FuncType InstrValidator::blocktype(const BlockType& bt) {
  switch (bt.kind) {
    case BlockType::Kind::Empty: return {};
    case BlockType::Kind::Value: return FuncType{{}, {canon(c_, bt.value, at_)}};
    case BlockType::Kind::Index: return func_type(c_, bt.index, at_);
  }
  return {};
}

RefType InstrValidator::ref_of_type(TypeIdx x, bool nullable, bool exact) const {
  return RefType{nullable, HeapType{HeapKind::Index, exact, type_(c_, x, at_)}};
}

void InstrValidator::init_local(uint32_t x) {
  if (c_.locals[x].set) return;
  c_.locals[x].set = true;
  inits_.push_back(x);
}

// ---- The work loop ----

void InstrValidator::check_expr(const Expr& body, const ResultType& results, Span at) {
  vals_.clear();
  ctrls_.clear();
  inits_.clear();
  at_ = at;
  push_ctrl(FrameKind::Func, {}, results, nullptr, &body);
  ctrls_.back().instr = nullptr;
  Span body_at = at;
  while (!ctrls_.empty()) {
    CtrlFrame& f = ctrls_.back();
    if (f.pos < f.body->size()) {
      const Instr& e = (*f.body)[f.pos++];
      at_ = e.at;
      check_instr(e);
    } else {
      at_ = f.instr ? f.instr->at : body_at;
      end_part();
    }
  }
}

// The end of a frame's body: `end`, or the `else`/`catch`/`catch_all` that continues it.
void InstrValidator::end_part() {
  CtrlFrame f = pop_ctrl();
  switch (f.kind) {
    case FrameKind::If:
      push_ctrl(FrameKind::Else, std::move(f.start_types), std::move(f.end_types), f.instr,
                &f.instr->block().else_body);
      return;
    case FrameKind::Try:
    case FrameKind::Catch: next_try_part(f); return;
    default: push_vals(f.end_types); return;
  }
}

// ---- Dispatch: one case per hand-written Instr_ok rule; the rest is typed by the table ----

void InstrValidator::check_instr(const Instr& e) {
  using enum Opcode;
  if (c_.record != nullptr && !ctrls_.back().unreachable) c_.record->before[&e] = vals_;
  switch (e.op) {
    case Unreachable: unreachable(); return;
    case Block: block(e, FrameKind::Block); return;
    case Loop: block(e, FrameKind::Loop); return;
    case If: if_(e); return;
    case Try: try_(e); return;
    case TryTable: try_table(e); return;
    case Throw: throw_(e); return;
    case Rethrow: rethrow(e); return;
    case ThrowRef: throw_ref(); return;
    case Br: br(e); return;
    case BrIf: br_if(e); return;
    case BrTable: br_table(e); return;
    case BrOnNull: br_on_null(e); return;
    case BrOnNonNull: br_on_non_null(e); return;
    case BrOnCast: br_on_cast(e, false, false); return;
    case BrOnCastFail: br_on_cast(e, true, false); return;
    case BrOnCastDescEq: br_on_cast(e, false, true); return;
    case BrOnCastDescEqFail: br_on_cast(e, true, true); return;
    case Return: return_(); return;
    case Call: call(e, false); return;
    case ReturnCall: call(e, true); return;
    case CallIndirect: call_indirect(e, false); return;
    case ReturnCallIndirect: call_indirect(e, true); return;
    case CallRef: call_ref(e, false); return;
    case ReturnCallRef: call_ref(e, true); return;
    case Drop: drop(); return;
    case Select: case SelectT: select(e); return;
    case LocalGet: local_get(e); return;
    case LocalSet: local_set(e, false); return;
    case LocalTee: local_set(e, true); return;
    case GlobalGet: global_get(e); return;
    case GlobalSet: global_set(e); return;
    case TableGet: table_get(e); return;
    case TableSet: table_set(e); return;
    case TableSize: table_size(e); return;
    case TableGrow: table_grow(e); return;
    case TableFill: table_fill(e); return;
    case TableCopy: table_copy(e); return;
    case TableInit: table_init(e); return;
    case MemoryCopy: memory_copy(e); return;
    case RefNull: ref_null(e); return;
    case RefFunc: ref_func(e); return;
    case RefIsNull: ref_is_null(); return;
    case RefAsNonNull: ref_as_non_null(); return;
    case RefEq: ref_eq(); return;
    case RefTest: ref_test(e, false); return;
    case RefTestNull: ref_test(e, true); return;
    case RefCast: ref_cast(e, false); return;
    case RefCastNull: ref_cast(e, true); return;
    case RefCastDescEq: ref_cast_desc_eq(e, false); return;
    case RefCastDescEqNull: ref_cast_desc_eq(e, true); return;
    case RefGetDesc: ref_get_desc(e); return;
    case RefI31: ref_i31(false); return;
    case RefI31Shared: require_shared_everything(e.op), ref_i31(true); return;
    case Pause: require_shared_everything(e.op), plain(e); return;
    case I31GetS: case I31GetU: i31_get(); return;
    case StructNew: struct_new(e, false, false); return;
    case StructNewDefault: struct_new(e, true, false); return;
    case StructNewDesc: struct_new(e, false, true); return;
    case StructNewDefaultDesc: struct_new(e, true, true); return;
    case StructGet: struct_get(e, false); return;
    case StructGetS: case StructGetU: struct_get(e, true); return;
    case StructSet: struct_set(e); return;
    case ArrayNew: array_new(e, false); return;
    case ArrayNewDefault: array_new(e, true); return;
    case ArrayNewFixed: array_new_fixed(e); return;
    case ArrayNewData: array_new_data(e); return;
    case ArrayNewElem: array_new_elem(e); return;
    case ArrayGet: array_get(e, false); return;
    case ArrayGetS: case ArrayGetU: array_get(e, true); return;
    case ArraySet: array_set(e); return;
    case ArrayLen: array_len(); return;
    case ArrayFill: array_fill(e); return;
    case ArrayCopy: array_copy(e); return;
    case ArrayInitData: array_init_data(e); return;
    case ArrayInitElem: array_init_elem(e); return;
    case AnyConvertExtern: extern_convert(true); return;
    case ExternConvertAny: extern_convert(false); return;
    default:
      if (is_waitqueue_op(e.op)) return waitqueue(e);
      if (info(e.op).imm >= Imm::OrderGlobal) return atomic_access(e);
      plain(e);
      return;
  }
}

// spec: Instr_const — the instructions allowed in constant expressions (3.0: extended
// constants, GC allocations, global.get of any immutable global in the context; custom
// descriptors: allocations with a descriptor).
bool is_constant(const Context& c, const Instr& e) {
  using enum Opcode;
  switch (e.op) {
    case I32Const: case I64Const: case F32Const: case F64Const: case V128Const:
    case I32Add: case I32Sub: case I32Mul: case I64Add: case I64Sub: case I64Mul:
    case RefNull:
    case RefFunc:
    case RefI31:
    case RefI31Shared:
    case WaitqueueNew:
    case StructNew: case StructNewDefault: case StructNewDesc: case StructNewDefaultDesc:
    case ArrayNew: case ArrayNewDefault:
    case ArrayNewFixed: case AnyConvertExtern: case ExternConvertAny:
      return true;
    case GlobalGet: return global(c, e.index(), e.at).mut == Mut::Const;
    default: return false;
  }
}

}  // namespace wasm::valid
