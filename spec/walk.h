// Traversals of the AST shared by the binary encoder and the text printer: the flat order of
// a nested expression (binary/instructions.rst, text/instructions.rst "Control Instructions")
// and the effective order of a module's initial definitions (Module Linking).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "spec/ast.h"

namespace wasm {

// What ends or separates the bodies of a structured instruction in the flat order.
enum class FlatMark : uint8_t { Else, Catch, CatchAll, Delegate, End };

namespace detail {

struct WalkFrame {
  const Instr* owner;  // nullptr for the outermost expression
  uint32_t part;       // which body of owner is being visited (see next_body)
  const Expr* body;
  size_t pos;
};

inline bool has_body(const Instr& i) {
  Imm k = info(i.op).imm;
  return k == Imm::Block || k == Imm::If || k == Imm::Try || k == Imm::TryTable;
}

inline const Expr& first_body(const Instr& i) {
  switch (info(i.op).imm) {
    case Imm::Try: return i.try_().body;
    case Imm::TryTable: return i.try_table().body;
    default: return i.block().body;
  }
}

// The body after `part` of owner, with the mark that introduces it; nullptr when done.
// Parts: if: 0 then, 1 else; try: 0 body, 1..n catches, n+1 catch_all.
inline const Expr* next_body(const Instr& owner, uint32_t& part, FlatMark& mark, uint32_t& arg) {
  Imm k = info(owner.op).imm;
  if (k == Imm::If) {
    if (part == 0 && !owner.block().else_body.empty()) {
      part = 1, mark = FlatMark::Else;
      return &owner.block().else_body;
    }
    return nullptr;
  }
  if (k != Imm::Try) return nullptr;
  const TryImm& t = owner.try_();
  if (part < t.catches.size()) {
    arg = t.catches[part].tag, mark = FlatMark::Catch;
    return &t.catches[part++].body;
  }
  if (part == t.catches.size() && t.catch_all) {
    ++part, mark = FlatMark::CatchAll;
    return &*t.catch_all;
  }
  return nullptr;
}

}  // namespace detail

// Visits `e` in flat order without recursion (nesting depth is bounded by the heap only):
// on_instr(const Instr&, size_t depth) for every instruction (structured ones first, before
// their bodies), on_mark(FlatMark, uint32_t arg, size_t depth) for `else`, `catch x`,
// `catch_all`, `delegate l` and the `end` of every structured instruction. The `end` of `e`
// itself is the caller's.
template <typename OnInstr, typename OnMark>
void walk_flat(const Expr& e, OnInstr&& on_instr, OnMark&& on_mark) {
  std::vector<detail::WalkFrame> stack{{nullptr, 0, &e, 0}};
  while (!stack.empty()) {
    detail::WalkFrame& f = stack.back();
    if (f.pos < f.body->size()) {
      const Instr& i = (*f.body)[f.pos++];
      on_instr(i, stack.size() - 1);
      if (detail::has_body(i)) stack.push_back({&i, 0, &detail::first_body(i), 0});
      continue;
    }
    if (!f.owner) {
      stack.pop_back();
      continue;
    }
    FlatMark mark = FlatMark::End;
    uint32_t arg = 0;
    if (const Expr* next = detail::next_body(*f.owner, f.part, mark, arg)) {
      on_mark(mark, arg, stack.size() - 2);
      f.body = next, f.pos = 0;
      continue;
    }
    const Instr& owner = *f.owner;
    stack.pop_back();
    if (info(owner.op).imm == Imm::Try && owner.try_().delegate)
      on_mark(FlatMark::Delegate, *owner.try_().delegate, stack.size() - 1);
    else
      on_mark(FlatMark::End, 0, stack.size() - 1);
  }
}

// Visits every instruction of `e` (at any depth).
template <typename F>
void for_each_instr(const Expr& e, F&& f) {
  walk_flat(
      e, [&](const Instr& i, size_t) { f(i); }, [](FlatMark, uint32_t, size_t) {});
}

// Visits every instruction of `e` (at any depth) as a mutable reference, an instruction before
// the instructions nested in it (for rewriting immediates in place).
template <typename F>
void for_each_instr_mut(Expr& e, F&& f) {
  for (Instr& i : e) {
    f(i);
    switch (info(i.op).imm) {
      case Imm::Block:
      case Imm::If: {
        BlockImm& b = *std::get<Box<BlockImm>>(i.imm);
        for_each_instr_mut(b.body, f), for_each_instr_mut(b.else_body, f);
        break;
      }
      case Imm::TryTable: for_each_instr_mut(std::get<Box<TryTableImm>>(i.imm)->body, f); break;
      case Imm::Try: {
        TryImm& t = *std::get<Box<TryImm>>(i.imm);
        for_each_instr_mut(t.body, f);
        for (LegacyCatch& c : t.catches) for_each_instr_mut(c.body, f);
        if (t.catch_all) for_each_instr_mut(*t.catch_all, f);
        break;
      }
      default: break;
    }
  }
}

// The runs of initial definitions in the order they are written: m.initial_order, with each
// run clamped to the definitions that are left and the rest appended in kind order, so that
// every definition is placed exactly once even if initial_order is incomplete.
inline std::vector<DefRun> initial_runs(const Module& m) {
  std::array<size_t, 5> left = {m.types.size(), m.imports.size(), m.modules.size(),
                                m.instances.size(), m.aliases.size()};
  std::vector<DefRun> runs;
  auto add = [&](DefKind kind, size_t want) {
    size_t& n = left[size_t(kind)];
    uint32_t count = uint32_t(want < n ? want : n);
    if (count == 0) return;
    n -= count;
    if (!runs.empty() && runs.back().kind == kind)
      runs.back().count += count;
    else
      runs.push_back({kind, count});
  };
  for (const DefRun& r : m.initial_order) add(r.kind, r.count);
  for (size_t k = 0; k < left.size(); ++k) add(DefKind(k), left[k]);
  return runs;
}

// Whether m has Module Linking definitions: then its initial definitions interleave as
// initial_order records; a core module has all its types before its imports.
inline bool uses_module_linking(const Module& m) {
  if (!m.modules.empty() || !m.instances.empty() || !m.aliases.empty()) return true;
  for (const TypeDef& t : m.types)
    if (t.kind != TypeDefKind::Rec) return true;
  for (const Import& i : m.imports)
    if (!i.field || i.desc.kind == ExternKind::Module || i.desc.kind == ExternKind::Instance)
      return true;
  return false;
}

// The order in which the initial definitions are defined: initial_runs(m) for a module with
// Module Linking definitions, else its types, then its imports (the binary's section order).
inline std::vector<DefRun> definition_runs(const Module& m) {
  if (uses_module_linking(m)) return initial_runs(m);
  return {{DefKind::Type, uint32_t(m.types.size())}, {DefKind::Import, uint32_t(m.imports.size())}};
}

}  // namespace wasm
