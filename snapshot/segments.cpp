// The input's element and data segments after instantiation and init (parts.h).
#include <algorithm>
#include <set>

#include "snapshot/parts.h"
#include "spec/walk.h"

namespace wasm::snapshot {
namespace {

// How many element and data segments code can name: one more than the largest index any
// instruction refers to (table.init, elem.drop, array.new_elem, array.init_elem; memory.init,
// data.drop, array.new_data, array.init_data).
struct SegmentUses {
  uint32_t elems = 0, datas = 0;
};

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

}  // namespace

void rewrite_segments(const Capture& c, Module& out) {
  SegmentUses uses = segment_uses(c.in);
  // Segments past the last index code names can never be used again: active ones were applied
  // (spec: instantiation applies then drops them), declarative ones were dropped, passive ones
  // are unreachable; they are left out (their function declarations are redone by
  // declare_refs). This also makes `snapshot --no-init` of a snapshot a fixed point: the
  // captured segments appended last are left out and captured again, the same.
  // Active segments into an imported table or memory stay as they are, wherever they are:
  // imports are not captured, so the snapshot's instantiation must write them again.
  out.elems.clear();
  for (size_t x = 0; x < c.in.elems.size(); ++x) {
    Elem e = c.in.elems[x];
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
    out.elems.push_back(std::move(e));
  }
  out.datas.clear();
  for (size_t x = 0; x < c.in.datas.size(); ++x) {
    Data d = c.in.datas[x];
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
