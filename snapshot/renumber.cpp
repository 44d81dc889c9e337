// Making room for new globals before a module's defined ones (parts.h: shift_globals).
#include "binary/reader.h"
#include "binary/writer.h"
#include "snapshot/parts.h"
#include "spec/walk.h"

namespace wasm::snapshot {
namespace {

void shift_expr(Expr& e, GlobalIdx first, uint32_t by) {
  for_each_instr_mut(e, [&](Instr& i) {
    if (info(i.op).imm == Imm::Global && i.index() >= first) i.imm = i.index() + by;
  });
}

// A "name" section with the indices of its global names (appendix/custom.rst: subsection 7,
// a namemap) from `first` moved up by `by`; other subsections unchanged. A section that does
// not parse is left as it is (names are not part of a module's meaning).
void shift_global_names(std::vector<uint8_t>& bytes, GlobalIdx first, uint32_t by) {
  constexpr uint8_t kGlobalNames = 7;
  binary::Writer out;
  binary::Reader r(bytes);
  while (!r.eos()) {
    uint8_t id = r.byte();
    uint32_t size = r.len32();
    std::span<const uint8_t> body = r.bytes(size);
    if (r.failed()) return;
    if (id != kGlobalNames) {
      out.byte(id), out.u32(size), out.raw(body.data(), body.size());
      continue;
    }
    binary::Reader names(body);
    binary::Writer shifted;
    uint32_t n = names.len32();
    shifted.u32(n);
    for (uint32_t k = 0; k < n && !names.failed(); ++k) {
      uint32_t x = names.u32();
      shifted.u32(x >= first ? x + by : x);
      shifted.name(names.name());
    }
    if (names.failed() || !names.eos()) return;
    out.byte(id), out.sized(shifted);
  }
  bytes = std::move(out.bytes);
}

}  // namespace

void shift_globals(Module& out, GlobalIdx first, uint32_t by) {
  if (by == 0) return;
  for (Func& f : out.funcs) shift_expr(f.body, first, by);
  for (Global& g : out.globals) shift_expr(g.init, first, by);
  for (Table& t : out.tables)
    if (t.init) shift_expr(*t.init, first, by);
  for (Elem& e : out.elems) {
    shift_expr(e.offset, first, by);
    for (Expr& x : e.init) shift_expr(x, first, by);
  }
  for (Data& d : out.datas) shift_expr(d.offset, first, by);
  for (Export& e : out.exports)
    if (e.kind == ExternKind::Global && e.index >= first) e.index += by;
  for (Custom& c : out.customs)
    if (c.name == "name") shift_global_names(c.bytes, first, by);
}

}  // namespace wasm::snapshot
