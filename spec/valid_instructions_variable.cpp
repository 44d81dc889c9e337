// Validation of parametric and variable instructions — valid/instructions.rst (Parametric
// Instructions, Variable Instructions), including local initialisation tracking (3.0).
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

bool is_num_or_vec(const ValType& t) {
  return t.is_num() || t.kind == ValKind::V128 || t.kind == ValKind::Bot;
}

}  // namespace

// spec: Instr_ok/drop
void InstrValidator::drop() { pop_val(); }

// spec: Instr_ok/select-expl, Instr_ok/select-impl
// deviation: select-impl guesses t; like the appendix we take the operands' types, where the
// unknown type Bot stands for any.
void InstrValidator::select(const Instr& e) {
  if (e.op == Opcode::SelectT) {
    const std::vector<ValType>& ts = e.select_types();
    require(ts.size() == 1, at_, "invalid result arity other than 1 is not (yet) allowed");
    ValType t = canon(c_, ts[0], at_);
    pop_vals(std::vector<ValType>{t, t, ValType::i32()});
    return push_val(t);
  }
  pop_val(ValType::i32());
  ValType t1 = pop_val();
  ValType t2 = pop_val();
  require(is_num_or_vec(t1) && is_num_or_vec(t2), at_,
          cat("type mismatch: instruction requires numeric or vector type but stack has ",
              to_string(t1.kind == ValKind::Bot ? t2 : t1)));
  require(t1 == t2 || t1.kind == ValKind::Bot || t2.kind == ValKind::Bot, at_,
          cat("type mismatch: instruction requires ", to_string(ResultType{t1, t1}),
              " but stack has ", to_string(ResultType{t2, t1})));
  push_val(t1.kind == ValKind::Bot ? t2 : t1);
}

// spec: Instr_ok/local.get — C.locals[x] = SET t
void InstrValidator::local_get(const Instr& e) {
  const LocalType& lt = local(c_, e.index(), at_);
  require(lt.set, at_, cat("uninitialized local ", e.index()));
  push_val(lt.type);
}

// spec: Instr_ok/local.set, Instr_ok/local.tee — both initialise local x
void InstrValidator::local_set(const Instr& e, bool tee) {
  ValType t = local(c_, e.index(), at_).type;
  pop_val(t);
  init_local(e.index());
  if (tee) push_val(t);
}

// spec: Instr_ok/global.get
void InstrValidator::global_get(const Instr& e) { push_val(global(c_, e.index(), at_).type); }

// spec: Instr_ok/global.set — C.globals[x] = MUT t
void InstrValidator::global_set(const Instr& e) {
  const GlobalType& gt = global(c_, e.index(), at_);
  require(gt.mut == Mut::Var, at_, "immutable global");
  pop_val(gt.type);
}

}  // namespace wasm::valid
