// The input's element and data segments after instantiation and init (parts.h).
#include <algorithm>
#include <set>

#include "snapshot/parts.h"
#include "spec/walk.h"

namespace wasm::snapshot {

SegmentUses segment_uses(const Module& m) {
  SegmentUses u;
  auto see = [](uint32_t& n, uint32_t x) { n = std::max(n, x + 1); };
  for (const Func& f : m.funcs) {
    for_each_instr(f.body, [&](const Instr& i) {
      switch (i.op) {
        case Opcode::TableInit:
        case Opcode::ArrayNewElem:
        case Opcode::ArrayInitElem: see(u.elems, i.pair().b); break;
        case Opcode::ElemDrop: see(u.elems, i.index()); break;
        case Opcode::MemoryInit:
        case Opcode::ArrayNewData:
        case Opcode::ArrayInitData: see(u.datas, i.pair().b); break;
        case Opcode::DataDrop: see(u.datas, i.index()); break;
        default: break;
      }
    });
  }
  return u;
}

bool keeps_contents(const Capture& c, size_t x) {
  return x < c.uses.elems && c.in.elems[x].mode == SegmentMode::Passive &&
         !c.inst.elem_ptrs[x]->refs.empty();
}

void rewrite_segments(const Capture& c, Module& out) {
  // `out` holds the input's segments (their global indices already shifted: parts.h).
  const SegmentUses& uses = c.uses;
  std::vector<Elem> elems = std::move(out.elems);
  std::vector<Data> datas = std::move(out.datas);
  // Segments past the last index code names can never be used again: active ones were applied
  // (spec: instantiation applies then drops them), declarative ones were dropped, passive ones
  // are unreachable; they are left out (their function declarations are redone by
  // declare_refs). This also makes `snapshot --no-init` of a snapshot a fixed point: the
  // captured segments appended last are left out and captured again, the same.
  // Active segments into an imported table or memory stay as they are, wherever they are:
  // imports are not captured, so the snapshot's instantiation must write them again.
  out.elems.clear();
  for (size_t x = 0; x < elems.size(); ++x) {
    Elem& e = elems[x];
    bool into_import = e.mode == SegmentMode::Active && e.table < c.imported_tables;
    if (x >= uses.elems && !into_import) continue;
    // spec: a declarative segment is dropped at instantiation; it stays declarative (dropped
    // again, and it declares its functions for ref.func).
    if (!into_import && e.mode != SegmentMode::Declarative) {
      // spec: an active segment is applied, then dropped (elem.drop) at instantiation; a
      // passive one may have been dropped by init. Both become an empty passive segment of the
      // same index and type: table.init of length 0 succeeds on it, of more traps, as on a
      // dropped segment (exec/instructions.rst, table.init: the bounds check against
      // |elem.refs| = 0).
      bool dropped = e.mode == SegmentMode::Active || c.inst.elem_ptrs[x]->refs.empty();
      e.mode = SegmentMode::Passive;
      e.table = 0;
      e.offset.clear();
      if (dropped) e.init.clear();
    }
    if (keeps_contents(c, x)) {
      // The references the instance holds, as places that may share objects (gc_sharing.cpp).
      const std::vector<uint64_t>& refs = c.inst.elem_ptrs[x]->refs;
      e.init.clear();
      for (size_t i = 0; i < refs.size(); ++i)
        e.init.push_back(ref_expr(refs[i], e.type, c.refs, cat("elem ", x, " element ", i)));
    }
    out.elems.push_back(std::move(e));
  }
  out.datas.clear();
  for (size_t x = 0; x < datas.size(); ++x) {
    Data& d = datas[x];
    bool into_import = d.mode == SegmentMode::Active && d.mem < c.imported_mems;
    if (x >= uses.datas && !into_import) continue;
    if (!into_import) {
      // spec: the same for data segments (memory.init against |data.bytes| = 0 once dropped).
      bool dropped = d.mode == SegmentMode::Active || c.inst.data_ptrs[x]->bytes.empty();
      d.mode = SegmentMode::Passive;
      d.mem = 0;
      d.offset.clear();
      if (dropped) d.init.clear();
    }
    out.datas.push_back(std::move(d));
  }
}

void declare_refs(Module& out) {
  // spec (valid/modules.rst): ref.func x in a function body needs x in C.refs, the functions
  // the module names outside functions and the start function: exports, global and table
  // initialisers, element segments.
  std::set<FuncIdx> used, declared;
  for (const Func& f : out.funcs)
    for_each_instr(f.body, [&](const Instr& i) {
      if (i.op == Opcode::RefFunc) used.insert(i.index());
    });
  if (used.empty()) return;
  auto declare_in = [&](const Expr& e) {
    for_each_instr(e, [&](const Instr& i) {
      if (i.op == Opcode::RefFunc) declared.insert(i.index());
    });
  };
  for (const Export& e : out.exports)
    if (e.kind == ExternKind::Func) declared.insert(e.index);
  for (const Global& g : out.globals) declare_in(g.init);
  for (const Table& t : out.tables)
    if (t.init) declare_in(*t.init);
  for (const Elem& e : out.elems) {
    declare_in(e.offset);
    for (const Expr& x : e.init) declare_in(x);
  }
  Elem decl;
  decl.mode = SegmentMode::Declarative;
  decl.type = RefType{false, HeapType{HeapKind::Func, false, 0}};
  for (FuncIdx x : used)
    if (!declared.count(x)) decl.init.push_back({Instr{Opcode::RefFunc, uint32_t(x), {}}});
  if (!decl.init.empty()) out.elems.push_back(std::move(decl));
}

}  // namespace wasm::snapshot
