// Control instructions (valid/instructions.rst, Control Instructions; legacy exception
// handling): blocks, branches, calls, throws. Labels are tracked as the typing context's
// C.labels (innermost last).
#include "gen/smith.h"

namespace wasm::gen {

// A block type for a block that produces *want (or anything): empty, one value, or a function
// type's params -> results.
std::optional<BlockType> Smith::blocktype(const ValType* want, ResultType& params,
                                          ResultType& results) {
  std::vector<uint32_t> ftypes = func_type_indices();
  uint32_t how = below(3);
  if (want) {
    auto x = pick_index(types_.size(), [&](uint32_t i) {
      const FuncType* ft = func_type(i);
      return ft && ft->results.size() == 1 && sub(ft->results[0], *want);
    });
    if (how == 2 && x) {
      params = types_[*x].comp.func.params, results = types_[*x].comp.func.results;
      return BlockType{BlockType::Kind::Index, {}, *x};
    }
    results = {*want};
    return BlockType{BlockType::Kind::Value, *want, 0};
  }
  if (how == 0) return BlockType{};
  if (how == 1) {
    results = {valtype()};
    return BlockType{BlockType::Kind::Value, results[0], 0};
  }
  uint32_t x = one_of(ftypes);
  params = types_[x].comp.func.params, results = types_[x].comp.func.results;
  return BlockType{BlockType::Kind::Index, {}, x};
}

// spec: Instr_ok/block, loop, if, try_table; legacy try.
std::optional<ResultType> Smith::emit_structured(Opcode op, Expr& out, const ValType* want) {
  ResultType params, results;
  std::optional<BlockType> bt = blocktype(want, params, results);
  if (!bt) return std::nullopt;
  produce_all(out, params);
  switch (op) {
    case Opcode::Block:
    case Opcode::Loop: {
      BlockImm b{*bt, {}, {}};
      labels_.push_back({op == Opcode::Loop ? params : results});
      body(b.body, params, results);
      labels_.pop_back();
      put(out, op, Box<BlockImm>(std::move(b)));
      break;
    }
    case Opcode::If: {
      produce(out, ValType::i32());
      BlockImm b{*bt, {}, {}};
      labels_.push_back({results});
      body(b.body, params, results);
      if (params != results || chance(70)) body(b.else_body, params, results);
      labels_.pop_back();
      put(out, op, Box<BlockImm>(std::move(b)));
      break;
    }
    case Opcode::TryTable: {
      // spec: Catch_ok — the clause's values must match the target label (outside the block).
      TryTableImm t{*bt, {}, {}};
      ValType exnref = ValType::ref_of(false, HeapKind::Exn);
      for (uint32_t n = count(0, 3); n > 0; --n) {
        Catch k{CatchKind(below(4)), 0, 0};
        ResultType carried;
        if (k.kind == CatchKind::Catch || k.kind == CatchKind::CatchRef) {
          if (tags_.empty()) continue;
          k.tag = below(uint32_t(tags_.size()));
          carried = types_[tags_[k.tag]].comp.func.params;
        }
        if (k.kind == CatchKind::CatchRef || k.kind == CatchKind::CatchAllRef)
          carried.push_back(exnref);
        auto l = pick_index(labels_.size(), [&](uint32_t i) {
          return results_sub(types_, carried, label(i).types);
        });
        if (!l) continue;
        k.label = *l;
        t.catches.push_back(k);
      }
      labels_.push_back({results});
      body(t.body, params, results);
      labels_.pop_back();
      put(out, op, Box<TryTableImm>(std::move(t)));
      break;
    }
    default: {  // legacy try
      TryImm t{*bt, {}, {}, std::nullopt, std::nullopt};
      labels_.push_back({results});
      body(t.body, params, results);
      labels_.pop_back();
      if (chance(20)) {
        t.delegate = below(uint32_t(labels_.size()));
      } else {
        labels_.push_back({results, true});
        for (uint32_t n = tags_.empty() ? 0 : count(0, 2); n > 0; --n) {
          LegacyCatch c{below(uint32_t(tags_.size())), {}};
          body(c.body, types_[tags_[c.tag]].comp.func.params, results);
          t.catches.push_back(std::move(c));
        }
        if (chance(50)) {
          t.catch_all.emplace();
          body(*t.catch_all, {}, results);
        }
        labels_.pop_back();
      }
      put(out, op, Box<TryImm>(std::move(t)));
      break;
    }
  }
  return results;
}

// spec: Instr_ok/br, br_if, br_table, br_on_null, br_on_non_null, br_on_cast, br_on_cast_fail
std::optional<ResultType> Smith::emit_branch(Opcode op, Expr& out, const ValType* want) {
  uint32_t n = uint32_t(labels_.size());
  switch (op) {
    case Opcode::Br: {
      uint32_t l = below(n);
      produce_all(out, label(l).types);
      put(out, op, l);
      return ResultType{};
    }
    case Opcode::BrIf: {
      auto l = pick_index(n, [&](uint32_t i) {
        const ResultType& ts = label(i).types;
        return !want || (ts.size() == 1 && sub(ts[0], *want));
      });
      if (!l) return std::nullopt;
      ResultType ts = label(*l).types;
      produce_all(out, ts);
      produce(out, ValType::i32());
      put(out, op, *l);
      return ts;
    }
    case Opcode::BrTable: {
      uint32_t d = below(n);
      ResultType ts = label(d).types;
      BrTableImm b{{}, d};
      for (uint32_t k = count(0, 4); k > 0; --k) {
        auto l = pick_index(n, [&](uint32_t i) { return label(i).types == ts; });
        b.labels.push_back(*l);
      }
      produce_all(out, ts);
      produce(out, ValType::i32());
      put(out, op, Box<BrTableImm>(std::move(b)));
      return ResultType{};
    }
    case Opcode::BrOnNull: {
      // [t* (ref null ht)] -> [t* (ref ht)], t* the label's types
      auto l = pick_index(n, [&](uint32_t i) { return !want || label(i).types.empty(); });
      if (!l || (want && !want->is_ref())) return std::nullopt;
      HeapType h = want ? want->ref.heap : heaptype();
      ResultType ts = label(*l).types;
      produce_all(out, ts);
      produce(out, ValType::ref_of({true, h}));
      put(out, op, *l);
      ts.push_back(ValType::ref_of({false, h}));
      return ts;
    }
    default: break;
  }
  // The rest need a label whose last type is a reference, and are used as statements.
  if (want) return std::nullopt;
  auto l = pick_index(n, [&](uint32_t i) {
    const ResultType& ts = label(i).types;
    return !ts.empty() && ts.back().is_ref();
  });
  if (!l) return std::nullopt;
  ResultType ts = label(*l).types;
  RefType rl = ts.back().ref;
  ts.pop_back();
  produce_all(out, ts);
  HeapType top{top_of(types_, rl.heap), false, 0, rl.heap.shared};
  HeapType bottom{bottom_of(top.kind), false, 0, rl.heap.shared};
  switch (op) {
    case Opcode::BrOnNonNull:  // [t* (ref null ht)] -> [t*], label [t* (ref ht)]
      produce(out, ValType::ref_of({true, rl.heap}));
      put(out, op, *l);
      return ts;
    case Opcode::BrOnCast: {  // rt2 <: rt1, rt2 <: the label's last type; leaves rt1 \ rt2
      RefType rt1{true, chance(50) ? top : rl.heap};
      RefType rt2{rl.nullable && chance(50), chance(70) ? rl.heap : bottom};
      produce(out, ValType::ref_of(rt1));
      put(out, op, Box<BrOnCastImm>(BrOnCastImm{*l, rt1, rt2}));
      ts.push_back(ValType::ref_of({rt1.nullable && !rt2.nullable, rt1.heap}));
      return ts;
    }
    default: {  // br_on_cast_fail: rt1 \ rt2 <: the label's last type; leaves rt2
      RefType rt1 = rl;
      RefType rt2{rt1.nullable && chance(50), chance(50) ? rl.heap : bottom};
      produce(out, ValType::ref_of(rt1));
      put(out, op, Box<BrOnCastImm>(BrOnCastImm{*l, rt1, rt2}));
      ts.push_back(ValType::ref_of(rt2));
      return ts;
    }
  }
}

// spec: Instr_ok/unreachable, return, call*, return_call*, throw, throw_ref; legacy rethrow.
std::optional<ResultType> Smith::emit_control(Opcode op, Expr& out, const ValType* want) {
  auto fits_results = [&](const ResultType& rs) {
    return want ? rs.size() == 1 && sub(rs[0], *want) : true;
  };
  bool tail =
      op == Opcode::ReturnCall || op == Opcode::ReturnCallIndirect || op == Opcode::ReturnCallRef;
  auto callable = [&](TypeIdx x) {
    const FuncType* ft = func_type(x);
    if (!ft) return false;
    return tail ? results_sub(types_, ft->results, results_) : fits_results(ft->results);
  };
  switch (op) {
    case Opcode::Unreachable: put(out, op); return ResultType{};
    case Opcode::Return:
      produce_all(out, results_);
      put(out, op);
      return ResultType{};
    case Opcode::Throw: {
      if (tags_.empty()) return std::nullopt;
      uint32_t x = below(uint32_t(tags_.size()));
      produce_all(out, types_[tags_[x]].comp.func.params);
      put(out, op, x);
      return ResultType{};
    }
    case Opcode::ThrowRef:
      produce(out, ValType::ref_of(true, HeapKind::Exn));
      put(out, op);
      return ResultType{};
    case Opcode::Rethrow: {
      auto l = pick_index(labels_.size(), [&](uint32_t i) { return label(i).catch_; });
      if (!l) return std::nullopt;
      put(out, op, *l);
      return ResultType{};
    }
    case Opcode::Call:
    case Opcode::ReturnCall: {
      auto f = pick_index(funcs_.size(), [&](uint32_t i) { return callable(funcs_[i]); });
      if (!f) return std::nullopt;
      const FuncType& ft = types_[funcs_[*f]].comp.func;
      produce_all(out, ft.params);
      put(out, op, *f);
      return tail ? ResultType{} : ft.results;
    }
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect: {
      auto t = pick_index(tables_.size(), [&](uint32_t i) {
        return ref_sub(types_, tables_[i].elem, {true, {HeapKind::Func, false, 0}});
      });
      auto x = pick_index(types_.size(), callable);
      if (!t || !x) return std::nullopt;
      const FuncType& ft = types_[*x].comp.func;
      produce_all(out, ft.params);
      produce(out, addr(tables_[*t].addr));
      put(out, op, IndexPair{*t, *x});
      return tail ? ResultType{} : ft.results;
    }
    default: {  // call_ref, return_call_ref
      auto x = pick_index(types_.size(), callable);
      if (!x) return std::nullopt;
      const FuncType& ft = types_[*x].comp.func;
      produce_all(out, ft.params);
      produce(out, ValType::ref_of({true, {HeapKind::Index, false, *x}}));
      put(out, op, *x);
      return tail ? ResultType{} : ft.results;
    }
  }
}

}  // namespace wasm::gen
