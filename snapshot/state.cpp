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
  // Imported globals stay imports. Defined ones, mutable or not, start at their current value.
  for (size_t k = 0; k < out.globals.size(); ++k) {
    GlobalIdx x = GlobalIdx(c.imported_globals + k);
    Global& g = out.globals[k];
    g.init = value_expr(c.inst.global_ptrs[x]->value, g.type.type, c.refs,
                        describe(c.in, ExternKind::Global, x));
  }
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
      table.init = ref_expr(fill, elem, c.refs, cat(what, " slot 0"));
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
