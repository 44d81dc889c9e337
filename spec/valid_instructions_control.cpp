// Validation of control instructions — valid/instructions.rst (Control Instructions, Exception
// Instructions), plus the legacy exception-handling instructions (try/catch/delegate/rethrow) of
// the exception-handling proposal's legacy appendix.
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

ResultType concat(const ResultType& a, const ResultType& b) {
  ResultType out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

const ValType kI32 = ValType::i32();

}  // namespace

// spec: Instr_ok/block, Instr_ok/loop
void InstrValidator::block(const Instr& e, FrameKind kind) {
  const BlockImm& b = e.block();
  FuncType ft = blocktype(b.type);
  pop_vals(ft.params);
  push_ctrl(kind, std::move(ft.params), std::move(ft.results), &e, &b.body);
}

// spec: Instr_ok/if — the else branch is pushed by end_part when the then branch ends.
void InstrValidator::if_(const Instr& e) {
  const BlockImm& b = e.block();
  FuncType ft = blocktype(b.type);
  pop_vals(concat(ft.params, {kI32}));
  push_ctrl(FrameKind::If, std::move(ft.params), std::move(ft.results), &e, &b.body);
}

// legacy: try bt instr* (catch x instr*)* (catch_all instr*)? end | try bt instr* delegate l
void InstrValidator::try_(const Instr& e) {
  const TryImm& t = e.try_();
  FuncType ft = blocktype(t.type);
  pop_vals(ft.params);
  push_ctrl(FrameKind::Try, std::move(ft.params), std::move(ft.results), &e, &t.body);
}

// legacy: after the try body or a catch clause, validate the next clause, or the delegate label
// (relative to the context outside the try), or end.
void InstrValidator::next_try_part(const CtrlFrame& f) {
  const TryImm& t = f.instr->try_();
  if (f.kind == FrameKind::Try && t.delegate) {
    label(*t.delegate);
    push_vals(f.end_types);
    return;
  }
  uint32_t next = f.kind == FrameKind::Try ? 0 : f.catch_index + 1;
  if (next < t.catches.size()) {
    const FuncType& ft = c_.s().expand(tag(c_, t.catches[next].tag, at_)).func;
    push_ctrl(FrameKind::Catch, ft.params, f.end_types, f.instr, &t.catches[next].body);
    ctrls_.back().catch_index = next;
  } else if (t.catch_all) {
    push_ctrl(FrameKind::CatchAll, {}, f.end_types, f.instr, &*t.catch_all);
  } else {
    push_vals(f.end_types);
  }
}

// spec: Instr_ok/try_table (the catch clauses are checked in the context outside the block)
void InstrValidator::try_table(const Instr& e) {
  const TryTableImm& t = e.try_table();
  FuncType ft = blocktype(t.type);
  for (const Catch& k : t.catches) catch_clause(k);
  pop_vals(ft.params);
  push_ctrl(FrameKind::TryTable, std::move(ft.params), std::move(ft.results), &e, &t.body);
}

// spec: Catch_ok/catch, Catch_ok/catch_ref, Catch_ok/catch_all, Catch_ok/catch_all_ref
void InstrValidator::catch_clause(const Catch& k) {
  ResultType ts;
  if (k.kind == CatchKind::Catch || k.kind == CatchKind::CatchRef)
    ts = c_.s().expand(tag(c_, k.tag, at_)).func.params;
  if (k.kind == CatchKind::CatchRef || k.kind == CatchKind::CatchAllRef)
    ts.push_back(ValType::ref_of(false, HeapKind::Exn));
  const ResultType& lt = label_types(label(k.label));
  require(match_resulttype(c_.s(), ts, lt), at_,
          cat("type mismatch: catch handler requires ", to_string(lt), " but label has ",
              to_string(ts)));
}

// spec: Instr_ok/br
void InstrValidator::br(const Instr& e) {
  pop_vals(label_types(label(e.index())));
  unreachable();
}

// spec: Instr_ok/br_if
void InstrValidator::br_if(const Instr& e) {
  ResultType ts = label_types(label(e.index()));
  pop_vals(concat(ts, {kI32}));
  push_vals(ts);
}

// spec: Instr_ok/br_table
// deviation: the rule guesses t*; like the appendix we take the stack's top |t*| values (Bot
// where the stack is polymorphic) and check them against every label.
void InstrValidator::br_table(const Instr& e) {
  const BrTableImm& b = e.br_table();
  pop_val(kI32);
  size_t arity = label_types(label(b.default_label)).size();
  const CtrlFrame& f = ctrls_.back();
  size_t avail = vals_.size() - f.height;
  ResultType top(arity, ValType{ValKind::Bot, {}});
  for (size_t i = 0; i < std::min(arity, avail); ++i)
    top[arity - 1 - i] = vals_[vals_.size() - 1 - i];
  auto check = [&](uint32_t l) {
    const ResultType& lt = label_types(label(l));
    if (!(avail >= arity || f.unreachable) || !match_resulttype(c_.s(), top, lt))
      mismatch("instruction", lt, std::span(vals_).last(std::min(arity, avail)));
  };
  for (uint32_t l : b.labels) check(l);
  check(b.default_label);
  unreachable();
}

// spec: Instr_ok/br_on_null
void InstrValidator::br_on_null(const Instr& e) {
  ResultType ts = label_types(label(e.index()));
  RefType rt = pop_ref();
  pop_vals(ts);
  push_vals(ts);
  push_val(ValType::ref_of(RefType{false, rt.heap}));
}

// spec: Instr_ok/br_on_non_null — C.labels[l] = t* (ref null? ht)
void InstrValidator::br_on_non_null(const Instr& e) {
  ResultType ts = label_types(label(e.index()));
  require(!ts.empty() && ts.back().is_ref(), at_,
          cat("type mismatch: instruction requires reference type but label has ",
              to_string(ts)));
  ts.back().ref.nullable = true;
  pop_vals(ts);
  ts.pop_back();
  push_vals(ts);
}

// spec: Instr_ok/br_on_cast, Instr_ok/br_on_cast_fail — C.labels[l] = t* rt
// (+ custom-descriptors: br_on_cast_desc_eq and br_on_cast_desc_eq_fail also take the
// descriptor operand (ref null (exact? y)) above rt1; for them, and for br_on_cast* when the
// proposal is enabled, rt1 and rt2 need only share a top type instead of rt2 <: rt1.)
void InstrValidator::br_on_cast(const Instr& e, bool fail, bool desc) {
  const BrOnCastImm& b = e.br_on_cast();
  RefType rt1 = canon(c_, b.from, at_);
  RefType rt2 = canon(c_, b.to, at_);
  if (desc || c_.custom_descriptors)
    require(top_heaptype(c_.s(), rt1.heap) == top_heaptype(c_.s(), rt2.heap), at_,
            cat("type mismatch on cast: type ", to_string(rt1.heap),
                " has a different top type than type ", to_string(rt2.heap)));
  else
    require(
        match_reftype(c_.s(), rt2, rt1), at_,
        cat("type mismatch on cast: type ", to_string(rt2), " does not match ", to_string(rt1)));
  RefType to_label = fail ? diff_reftype(rt1, rt2) : rt2;
  RefType fallthrough = fail ? rt2 : diff_reftype(rt1, rt2);
  ResultType ts = label_types(label(b.label));
  require(!ts.empty() && match_valtype(c_.s(), ValType::ref_of(to_label), ts.back()), at_,
          cat("type mismatch: instruction requires type ", to_string(to_label),
              " but label has ", to_string(ts)));
  ts.back() = ValType::ref_of(rt1);
  if (desc) ts.push_back(ValType::ref_of(desc_operand(b.to)));
  pop_vals(ts);
  if (desc) ts.pop_back();
  ts.back() = ValType::ref_of(fallthrough);
  push_vals(ts);
}

// spec: Instr_ok/return
void InstrValidator::return_() {
  require(c_.return_.has_value(), at_, "invalid return");
  pop_vals(*c_.return_);
  unreachable();
}

// spec: Instr_ok/return_call* — the callee's results must match the caller's.
void InstrValidator::check_tail_results(const ResultType& results) {
  require(c_.return_.has_value(), at_, "invalid return");
  require(match_resulttype(c_.s(), results, *c_.return_), at_,
          cat("type mismatch: current function requires result type ", to_string(*c_.return_),
              " but callee returns ", to_string(results)));
}

// spec: Instr_ok/call, Instr_ok/return_call
void InstrValidator::call(const Instr& e, bool tail) {
  const FuncType& ft = c_.s().expand(func(c_, e.index(), at_)).func;
  pop_vals(ft.params);
  if (!tail) return push_vals(ft.results);
  check_tail_results(ft.results);
  unreachable();
}

// spec: Instr_ok/call_indirect, Instr_ok/return_call_indirect
void InstrValidator::call_indirect(const Instr& e, bool tail) {
  const IndexPair& p = e.pair();  // a = table, b = type
  const TableType& tt = table(c_, p.a, at_);
  const FuncType& ft = func_type(c_, p.b, at_);
  require(match_reftype(c_.s(), tt.elem, RefType{true, {HeapKind::Func, false, 0}}), at_,
          cat("type mismatch: instruction requires table of function type but table has "
              "element type ",
              to_string(tt.elem)));
  pop_vals(concat(ft.params, {addr_val(tt.addr)}));
  if (!tail) return push_vals(ft.results);
  check_tail_results(ft.results);
  unreachable();
}

// spec: Instr_ok/call_ref, Instr_ok/return_call_ref
void InstrValidator::call_ref(const Instr& e, bool tail) {
  const FuncType& ft = func_type(c_, e.index(), at_);
  pop_vals(concat(ft.params, {ValType::ref_of(ref_of_type(e.index(), true))}));
  if (!tail) return push_vals(ft.results);
  check_tail_results(ft.results);
  unreachable();
}

// spec: Instr_ok/throw
void InstrValidator::throw_(const Instr& e) {
  pop_vals(c_.s().expand(tag(c_, e.index(), at_)).func.params);
  unreachable();
}

// legacy: rethrow l — l must name a catch or catch_all block
void InstrValidator::rethrow(const Instr& e) {
  const CtrlFrame& f = label(e.index());
  require(f.kind == FrameKind::Catch || f.kind == FrameKind::CatchAll, at_,
          "invalid rethrow label");
  unreachable();
}

// spec: Instr_ok/throw_ref
void InstrValidator::throw_ref() {
  pop_val(ValType::ref_of(true, HeapKind::Exn));
  unreachable();
}

}  // namespace wasm::valid
