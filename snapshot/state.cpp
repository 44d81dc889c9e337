// Memories, globals and tables: current state as initial state (parts.h).
#include <span>

#include "snapshot/data_ranges.h"
#include "snapshot/parts.h"

namespace wasm::snapshot {
namespace {

Instr offset_const(AddrType at, uint64_t offset) {
  // spec: an active segment's offset is a constant expression of the address type.
  return Instr{at == AddrType::I64 ? Opcode::I64Const : Opcode::I32Const,
               at == AddrType::I64 ? offset : uint64_t(uint32_t(offset)),
               {}};
}

// No reference has these bits (kinds stop at Host): a fill value no slot equals.
constexpr uint64_t kNoFill = ~uint64_t(0);

}  // namespace

void capture_memories(const Capture& c, Module& out) {
  // Imported memories are not captured: they stay imports (docs/snapshot.md).
  for (size_t k = 0; k < out.memories.size(); ++k) {
    MemIdx x = MemIdx(c.imported_mems + k);
    const interp::MemInst& mem = *c.inst.mem_ptrs[x];
    MemType& type = out.memories[k].type;
    // spec: alloc_mem gives a memory of limits.min pages, all zero; the current size becomes
    // the minimum (the maximum stays, and min <= current <= max holds).
    type.limits.min = mem.pages();
    std::span<const uint8_t> bytes(mem.data, mem.bytes());
    for (const ByteRange& r : nonzero_ranges(bytes)) {
      Data d;
      d.mode = SegmentMode::Active;
      d.mem = x;
      d.offset = {offset_const(type.addr, r.begin)};
      d.init.assign(bytes.begin() + r.begin, bytes.begin() + r.end);
      out.datas.push_back(std::move(d));
    }
  }
}

void capture_globals(const Capture& c, Module& out) {
  // Imported globals stay imports. Defined ones, mutable or not, start at their current value;
  // they follow the new home globals (add_home_globals).
  GcContext& gc = *c.refs.gc;
  for (size_t k = c.new_globals; k < out.globals.size(); ++k) {
    GlobalIdx x = GlobalIdx(c.imported_globals + k - c.new_globals);  // the input's index
    Global& g = out.globals[k];
    const interp::Slot& v = c.inst.global_ptrs[x]->value;
    // A global that is the home of its value builds it; others read homes (gc_sharing.cpp).
    auto h = g.type.type.kind == ValKind::Ref ? gc.home.find(v.ref()) : gc.home.end();
    gc.defining = h != gc.home.end() && h->second == c.imported_globals + k ? v.ref()
                                                                             : interp::kNullRef;
    g.init = value_expr(v, g.type.type, c.refs, describe(c.in, ExternKind::Global, x));
  }
  gc.defining = interp::kNullRef;
}

void add_home_globals(const Capture& c, const std::vector<SharedObject>& hoisted, Module& out) {
  GcContext& gc = *c.refs.gc;
  std::vector<Global> homes;
  for (size_t k = 0; k < hoisted.size(); ++k) {
    uint64_t r = hoisted[k].ref;
    TypeIdx t = object_type_index(gc, *c.refs.store, r);
    // spec: Global_ok — immutable, so that global.get of it is constant wherever it is used.
    Global g{{ValType::ref_of(RefType{false, HeapType{HeapKind::Index, false, t}}), Mut::Const},
             {},
             {}};
    gc.defining = r;
    g.init = gc_object_expr(r, c.refs, hoisted[k].what);
    homes.push_back(std::move(g));
  }
  gc.defining = interp::kNullRef;
  out.globals.insert(out.globals.begin(), homes.begin(), homes.end());
}

void capture_tables(const Capture& c, Module& out) {
  for (size_t k = 0; k < out.tables.size(); ++k) {
    TableIdx x = TableIdx(c.imported_tables + k);
    const interp::TableInst& t = *c.inst.table_ptrs[x];
    Table& table = out.tables[k];
    const RefType& elem = table.type.elem;
    std::string what = describe(c.in, ExternKind::Table, x);
    table.type.limits.min = t.refs.size();
    // spec: alloc_table fills the table with its initialiser's value (ref.null when absent). A
    // nullable table gets none; a non-nullable one keeps an initialiser (its first entry's
    // reference, or the original one when the table is empty) and segments for the rest.
    uint64_t fill = interp::kNullRef;
    if (!elem.nullable && !t.refs.empty()) {
      fill = t.refs[0];
      GcContext& gc = *c.refs.gc;
      if (!interp::is_null(gc_object_of(fill))) {
        // A table's initialiser may read imported globals only (spec: tables are validated
        // before globals), so it cannot read an object's home, and one object built there
        // would be reached from every slot of the fill: it builds a throwaway copy instead,
        // and every slot gets its entry from a segment (kNoFill matches no reference).
        gc.throwaway = true;
        table.init = ref_expr(fill, elem, c.refs, cat(what, " slot 0"));
        gc.throwaway = false;
        fill = kNoFill;
      } else {
        table.init = ref_expr(fill, elem, c.refs, cat(what, " slot 0"));
      }
    } else if (elem.nullable) {
      table.init.reset();
    }
    // One active segment per maximal run of entries that differ from the fill value.
    for (uint64_t i = 0; i < t.refs.size();) {
      if (t.refs[i] == fill) {
        ++i;
        continue;
      }
      Elem e;
      e.mode = SegmentMode::Active;
      e.table = x;
      e.offset = {offset_const(table.type.addr, i)};
      e.type = elem;
      for (; i < t.refs.size() && t.refs[i] != fill; ++i)
        e.init.push_back(ref_expr(t.refs[i], elem, c.refs, cat(what, " slot ", i)));
      out.elems.push_back(std::move(e));
    }
  }
}

}  // namespace wasm::snapshot
