// The instruction validator — valid/instructions.rst, implemented with the Validation Algorithm of
// the spec's appendix (appendix/algorithm.rst). The stack primitives carry the appendix's names:
// push_val, pop_val, pop_vals, push_vals, push_ctrl, pop_ctrl, label_types, unreachable.
// Internal to the validator (namespace wasm::valid), visible to its unit tests.
//
// Rule functions are spread over valid_instructions_<subsection>.cpp, one per Instr_ok rule.
// Nesting never recurses on the C++ stack: each control frame remembers the body it iterates
// and its position, and run() loops until the control stack is empty.
#pragma once

#include <span>
#include <vector>

#include "spec/ast.h"
#include "spec/context.h"

namespace wasm::valid {

// What a control frame validates. Else, Catch and CatchAll continue an If or legacy Try.
enum class FrameKind : uint8_t { Func, Block, Loop, If, Else, Try, Catch, CatchAll, TryTable };

// spec (appendix): ctrl_frame { opcode, start_types, end_types, height, unreachable }, plus the
// local-initialisation mark and the iteration state of the explicit work stack.
struct CtrlFrame {
  FrameKind kind = FrameKind::Block;
  ResultType start_types, end_types;
  size_t height = 0;
  bool unreachable = false;
  size_t inits = 0;               // size of the locals' undo log when the frame was pushed
  const Instr* instr = nullptr;   // the structured instruction (none for Func)
  const Expr* body = nullptr;     // the instruction sequence being validated
  size_t pos = 0;                 // next instruction in body
  uint32_t catch_index = 0;       // Catch: which legacy catch clause
};

class InstrValidator {
 public:
  explicit InstrValidator(Context& c) : c_(c) {}

  // spec: Expr_ok — `body` : [] -> results, under C.labels = [results] (C.return is taken from
  // the context). Throws an Invalid error on the first violation.
  void check_expr(const Expr& body, const ResultType& results, Span at);

  // ---- The appendix's primitives ----
  void push_val(const ValType& t) {
    if (c_.shared_code) require_shared_type(t);
    vals_.push_back(t);
  }
  void push_vals(std::span<const ValType> ts) {
    for (const ValType& t : ts) push_val(t);
  }
  // shared-everything-threads: in shared code every operand type is valid as shared.
  void require_shared_type(const ValType& t) const;
  ValType pop_val();                       // any value (Bot under an unreachable frame)
  ValType pop_val(const ValType& expect);  // a value matching expect; returns the actual type
  void pop_vals(std::span<const ValType> ts);
  void push_ctrl(FrameKind kind, ResultType in, ResultType out, const Instr* instr,
                 const Expr* body);
  CtrlFrame pop_ctrl();
  static const ResultType& label_types(const CtrlFrame& f) {
    return f.kind == FrameKind::Loop ? f.start_types : f.end_types;
  }
  void unreachable();

  // C.labels[l] as a frame ("unknown label").
  const CtrlFrame& label(uint32_t l) const;

 private:
  void run();
  void end_part();
  void check_instr(const Instr& e);
  [[noreturn]] void mismatch(std::string_view what, std::span<const ValType> required,
                             std::span<const ValType> actual) const;
  // spec: Blocktype_ok
  FuncType blocktype(const BlockType& bt);
  ValType addr_val(AddrType at) const {
    return at == AddrType::I32 ? ValType::i32() : ValType::i64();
  }
  RefType ref_of_type(TypeIdx x, bool nullable, bool exact = false) const;
  void init_local(uint32_t x);

  // ---- valid_instructions_control.cpp ----
  void block(const Instr& e, FrameKind kind);
  void if_(const Instr& e);
  void try_(const Instr& e);
  void next_try_part(const CtrlFrame& f);
  void try_table(const Instr& e);
  void catch_clause(const Catch& k);
  void br(const Instr& e);
  void br_if(const Instr& e);
  void br_table(const Instr& e);
  void br_on_null(const Instr& e);
  void br_on_non_null(const Instr& e);
  void br_on_cast(const Instr& e, bool fail, bool desc);
  void return_();
  void call(const Instr& e, bool tail);
  void call_indirect(const Instr& e, bool tail);
  void call_ref(const Instr& e, bool tail);
  void check_tail_results(const ResultType& results);
  void throw_(const Instr& e);
  void rethrow(const Instr& e);
  void throw_ref();

  // ---- valid_instructions_variable.cpp (parametric and variable instructions) ----
  void drop();
  void select(const Instr& e);
  void local_get(const Instr& e);
  void local_set(const Instr& e, bool tee);
  void global_get(const Instr& e);
  void global_set(const Instr& e);

  // ---- valid_instructions_table.cpp ----
  void table_get(const Instr& e);
  void table_set(const Instr& e);
  void table_size(const Instr& e);
  void table_grow(const Instr& e);
  void table_fill(const Instr& e);
  void table_copy(const Instr& e);
  void table_init(const Instr& e);

  // ---- valid_instructions_memory.cpp ----
  ValType memarg(const Instr& e);  // returns the memory's address type
  void memory_copy(const Instr& e);

  // ---- valid_instructions_reference.cpp ----
  void ref_null(const Instr& e);
  void ref_func(const Instr& e);
  void ref_is_null();
  void ref_as_non_null();
  void ref_eq();
  void ref_test(const Instr& e, bool nullable);
  void ref_cast(const Instr& e, bool nullable);
  void ref_i31(bool shared);
  void i31_get();
  // shared-everything-threads: the sharedness of the reference `depth` below the stack's top,
  // if it has one (not for the unreachable stack's bottom, or the bottom sharedness).
  std::optional<bool> peek_shared(size_t depth) const;
  RefType pop_ref();
  // custom-descriptors
  void ref_get_desc(const Instr& e);
  void ref_cast_desc_eq(const Instr& e, bool nullable);
  RefType desc_operand(const RefType& rt);  // rt as written (module type indices)

  // ---- valid_instructions_aggregate.cpp ----
  void struct_new(const Instr& e, bool default_, bool desc);
  void struct_get(const Instr& e, bool packed);
  void struct_set(const Instr& e);
  void array_new(const Instr& e, bool default_);
  void array_new_fixed(const Instr& e);
  void array_new_data(const Instr& e);
  void array_new_elem(const Instr& e);
  void array_get(const Instr& e, bool packed);
  void array_set(const Instr& e);
  void array_len();
  void array_fill(const Instr& e);
  void array_copy(const Instr& e);
  void array_init_data(const Instr& e);
  void array_init_elem(const Instr& e);
  void extern_convert(bool to_any);

  // ---- valid_instructions_shared.cpp (shared-everything-threads) ----
  void atomic_access(const Instr& e);  // global/table/struct/array.atomic.*
  void require_shared_everything(Opcode op) const;

  // ---- valid_instructions_waitqueue.cpp (shared-everything-threads) ----
  void waitqueue(const Instr& e);  // waitqueue.new/notify, struct/array/global/table.wait, ...
  std::optional<ValType> wait_expected(const ValType& t) const;

  // ---- valid_instructions_numeric.cpp ----
  void plain(const Instr& e);  // every instruction with a fixed stack signature in the table

  Context& c_;
  std::vector<ValType> vals_;
  std::vector<CtrlFrame> ctrls_;
  std::vector<uint32_t> inits_;  // locals initialised so far (undo log, reset at block ends)
  Span at_;                      // the instruction being validated
};

// spec: Instr_ok/ref.func's premise x ∈ C.refs, and the constant-instruction rules
// (Instr_const): whether e may appear in a constant expression under c.
bool is_constant(const Context& c, const Instr& e);

// Unpacked type of a storage type (i8/i16 -> i32). spec: $unpack
inline ValType unpack(const ValType& t) {
  return t.kind == ValKind::I8 || t.kind == ValKind::I16 ? ValType::i32() : t;
}

}  // namespace wasm::valid
