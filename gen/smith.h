// The generator's state and its picks (internal to gen/). One Smith builds one module:
// gen/types.cpp the type section and subtyping, gen/module.cpp the other fields and constant
// expressions, gen/instructions.cpp the expression and statement drivers and the table-driven
// rows, gen/instructions_hand.cpp the rows with hand-written typing rules, gen/control.cpp
// blocks and branches, gen/instructions_shared.cpp the shared-everything-threads rows.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "gen/gen.h"
#include "spec/ast.h"

namespace wasm::gen {

// ---- picks ----
// Uniform choice in [0, n) (n > 0), not scaled by RapidCheck's size; shrinks towards 0, so
// alternatives are listed simplest first.
inline uint32_t below(uint32_t n) {
  return *rc::gen::resize(rc::kNominalSize, rc::gen::inRange<uint32_t>(0, n));
}
// A count in [lo, hi], scaled by the size (small modules first, shrinks towards lo).
inline uint32_t count(uint32_t lo, uint32_t hi) { return *rc::gen::inRange(lo, hi + 1); }
// True with `percent` % probability; shrinks towards false.
inline bool chance(uint32_t percent) { return below(100) >= 100 - percent; }
template <typename T>
const T& one_of(const std::vector<T>& xs) {
  return xs[below(uint32_t(xs.size()))];
}

// ---- types (gen/types.cpp) ----
HeapKind top_of(const std::vector<SubType>& types, const HeapType& h);
HeapKind bottom_of(HeapKind top);
bool heap_sub(const std::vector<SubType>& types, const HeapType& a, const HeapType& b);
bool ref_sub(const std::vector<SubType>& types, const RefType& a, const RefType& b);
bool val_sub(const std::vector<SubType>& types, const ValType& a, const ValType& b);
bool results_sub(const std::vector<SubType>& types, const ResultType& a, const ResultType& b);
bool defaultable(const ValType& t);
ValType unpacked(const ValType& t);  // i8, i16 -> i32

struct Label {
  ResultType types;     // what a branch to it carries
  bool catch_ = false;  // legacy: a catch clause's label (rethrow target)
};

class Smith {
 public:
  explicit Smith(const Options& options) : opt_(options) {}
  Module module();

  // ---- module (gen/types.cpp, gen/module.cpp) ----
  void types();
  SubType subtype(uint32_t self, uint32_t group_end);
  CompType comptype(uint32_t kind);
  ValType valtype();
  ValType storagetype();
  RefType reftype();
  HeapType heaptype();
  std::vector<uint32_t> func_type_indices() const;
  const FuncType* func_type(TypeIdx x) const;
  bool constructible(const ValType& t, uint32_t globals) const;
  Expr const_expr(const ValType& t, uint32_t globals);
  void const_value(Expr& out, const ValType& t, uint32_t globals, uint32_t depth);
  void imports();
  void definitions();
  void segments();
  void bodies();
  void exports_and_start();

  // ---- instructions (gen/instructions*.cpp, gen/control.cpp) ----
  void produce(Expr& out, const ValType& t);
  void produce_all(Expr& out, const ResultType& ts);
  void leaf(Expr& out, const ValType& t);
  void statement(Expr& out);
  // Drops the results a statement left, or with Options::observe folds them into the checksum
  // global (gen/observe.cpp).
  void observe(Expr& out, const ResultType& results);
  void fold(Expr& out, const ValType& t);
  void body(Expr& out, const ResultType& entry, const ResultType& exit);
  void put(Expr& out, Opcode op, Immediate imm = {});
  // Emits op with its operands. With `want`, it must leave one value of a subtype of *want
  // (or diverge); without, any results. Returns the results pushed ({} after a divergence),
  // or nothing (and emits nothing) when op does not fit here.
  std::optional<ResultType> emit(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_fixed(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_hand(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_control(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_structured(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_branch(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_variable(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_table(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_reference(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_aggregate(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_array(Opcode op, Expr& out, const ValType* want);
  // gen/instructions_shared.cpp (Options::shared_everything)
  std::optional<ResultType> emit_shared_i31(Expr& out, const ValType* want);
  std::optional<ResultType> emit_atomic_access(Opcode op, Expr& out, const ValType* want);
  std::optional<ResultType> emit_waitqueue(Opcode op, Expr& out, const ValType* want);
  std::optional<Immediate> fixed_immediate(Opcode op, std::optional<MemIdx> mem);
  std::optional<BlockType> blocktype(const ValType* want, ResultType& params, ResultType& results);
  std::optional<uint32_t> pick_label(bool (*ok)(const Smith&, const Label&));
  const Label& label(uint32_t l) const { return labels_[labels_.size() - 1 - l]; }

  bool sub(const ValType& a, const ValType& b) const { return val_sub(types_, a, b); }
  bool fits(const ValType& t, const ValType* want) const { return !want || sub(t, *want); }
  ValType addr(AddrType a) const { return a == AddrType::I32 ? ValType::i32() : ValType::i64(); }
  // Indices i < n with pred(i), chosen uniformly; nothing if none.
  template <typename P>
  std::optional<uint32_t> pick_index(size_t n, P pred) {
    std::vector<uint32_t> xs;
    for (uint32_t i = 0; i < n; ++i)
      if (pred(i)) xs.push_back(i);
    if (xs.empty()) return std::nullopt;
    return one_of(xs);
  }

  Options opt_;
  Module m_;
  // The module's index spaces (imports first), as generation proceeds.
  std::vector<SubType> types_;  // flattened type section
  uint32_t type_limit_ = 0;     // concrete heap types may refer to indices below this
  std::vector<TypeIdx> funcs_;  // function index space -> type index
  std::vector<TableType> tables_;
  std::vector<MemType> mems_;
  std::vector<GlobalType> globals_;
  std::vector<TypeIdx> tags_;
  std::vector<RefType> elems_;
  uint32_t datas_ = 0;
  uint32_t imported_globals_ = 0;
  // The globals a constant expression may read, of the first `globals`.
  uint32_t const_globals(uint32_t globals) const {
    return opt_.const_globals ? globals : std::min(globals, imported_globals_);
  }
  // The function being generated.
  std::vector<ValType> locals_;  // parameters, then locals
  ResultType results_;
  std::vector<Label> labels_;  // innermost last; labels_[0] is the function's
  int budget_ = 0;             // instructions left
  // Options::observe: the checksum global (appended after the generated ones) and each
  // function's scratch locals for folding floats.
  uint32_t observe_global_ = 0, scratch_f32_ = 0, scratch_f64_ = 0;
  uint32_t depth_ = 0;         // current nesting
};

}  // namespace wasm::gen
