// Binary encoding of modules — binary/modules.rst, plus the Module Linking proposal's sections
// 14 (module), 15 (instance) and 16 (alias) (module-linking Binary.md as implemented by
// wasm-tools 0.83). Canonical choices are listed in binary/encode.h.
#include "binary/encode.h"

#include <algorithm>

#include "binary/writer.h"
#include "spec/walk.h"

namespace wasm::binary {
namespace {

// One section in module order; `present == false` marks where an empty (omitted) section
// would go, so that custom sections anchored to it keep their place.
struct Section {
  SectionId id;
  bool present = false;
  Writer payload;
};

// ---- Initial definitions (types, imports and the Module Linking definitions) ----

void write_instance(Writer& w, const Instance& i) {
  w.byte(0x00);  // instantiate
  w.u32(i.module);
  w.vec(i.args, [&](const InstantiateArg& a) {
    w.name(a.name);
    w.byte(extern_kind_code(a.kind));
    w.u32(a.index);
  });
}

// alias ::= 0x00 instanceidx kind name | 0x01 outercount kind idx
void write_alias(Writer& w, const Alias& a) {
  if (a.kind == Alias::Kind::InstanceExport) {
    w.byte(0x00);
    w.u32(a.instance);
    w.byte(extern_kind_code(a.sort));
    w.name(a.name);
  } else {
    w.byte(0x01);
    w.u32(a.outer_count);
    w.byte(extern_kind_code(a.sort));
    w.u32(a.index);
  }
}

SectionId section_of(DefKind k) {
  switch (k) {
    case DefKind::Type: return SectionId::Type;
    case DefKind::Import: return SectionId::Import;
    case DefKind::Module: return SectionId::Module;
    case DefKind::Instance: return SectionId::Instance;
    case DefKind::Alias: return SectionId::Alias;
  }
  return SectionId::Custom;
}

// The items [first, first + count) of one initial kind, as a section payload: vec(item).
Writer initial_payload(const Module& m, DefKind kind, size_t first, uint32_t count) {
  Writer w;
  w.u32(count);
  for (size_t k = first; k < first + count; ++k) {
    switch (kind) {
      case DefKind::Type: write_typedef(w, m.types[k]); break;
      case DefKind::Import: {
        const Import& i = m.imports[k];
        write_import(w, i.module, i.field, i.desc);
        break;
      }
      case DefKind::Module: w.sized(Writer{encode(m.modules[k])}); break;
      case DefKind::Instance: write_instance(w, m.instances[k]); break;
      case DefKind::Alias: write_alias(w, m.aliases[k]); break;
    }
  }
  return w;
}

// Core modules: one type section, then one import section. Module Linking: one section per run
// of m.initial_order. Kinds without a section get a placeholder for custom section placement.
void add_initial_sections(std::vector<Section>& out, const Module& m) {
  std::vector<DefRun> runs = definition_runs(m);
  std::array<size_t, 5> next{};
  std::array<bool, 5> seen{};
  for (const DefRun& r : runs) {
    size_t& first = next[size_t(r.kind)];
    out.push_back({section_of(r.kind), r.count > 0, initial_payload(m, r.kind, first, r.count)});
    first += r.count;
    seen[size_t(r.kind)] = true;
  }
  for (size_t k = 0; k < seen.size(); ++k)
    if (!seen[k]) out.push_back({section_of(DefKind(k)), false, {}});
}

// ---- Core sections ----

template <typename T, typename F>
Section vec_section(SectionId id, const std::vector<T>& xs, F&& write_one) {
  Section s{id, !xs.empty(), {}};
  s.payload.vec(xs, [&](const T& x) { write_one(s.payload, x); });
  return s;
}

// spec: Btable ::= tt:tabletype | 0x40 0x00 tt:tabletype e:expr
void write_table(Writer& w, const Table& t) {
  if (t.init) w.byte(0x40), w.byte(0x00);
  write_tabletype(w, t.type);
  if (t.init) write_expr(w, *t.init);
}

bool is_ref_func(const Expr& e) { return e.size() == 1 && e[0].op == Opcode::RefFunc; }

// spec: Belem — the shortest of the eight forms. Forms 0..3 hold function indices and mean
// element type (ref func); forms 0 and 4 imply table 0 with (ref func) / (ref null func).
void write_elem(Writer& w, const Elem& e) {
  const RefType ref_func{false, {HeapKind::Func, false, 0}};
  const RefType funcref{true, {HeapKind::Func, false, 0}};
  bool indices = e.type == ref_func && std::ranges::all_of(e.init, is_ref_func);
  bool active = e.mode == SegmentMode::Active;
  bool implicit = active && e.table == 0 && e.type == (indices ? ref_func : funcref);
  uint32_t flags = (indices ? 0 : 4) | (e.mode == SegmentMode::Passive ? 1 : 0) |
                   (e.mode == SegmentMode::Declarative ? 3 : 0) | (active && !implicit ? 2 : 0) |
                   (e.shared ? 8 : 0);  // shared-everything-threads: bit 3
  w.u32(flags);
  if (active && !implicit) w.u32(e.table);
  if (active) write_expr(w, e.offset);
  if (!implicit) {
    if (indices)
      w.byte(0x00);  // spec: Belemkind ::= 0x00 => (ref func)
    else
      write_reftype(w, e.type);
  }
  if (indices)
    w.vec(e.init, [&](const Expr& x) { w.u32(x[0].index()); });
  else
    w.vec(e.init, [&](const Expr& x) { write_expr(w, x); });
}

// spec: Bdata ::= 0 e b* | 1 b* | 2 x e b*
// (+ shared-everything-threads: bit 3 of the kind marks a shared segment)
void write_data(Writer& w, const Data& d) {
  uint32_t shared = d.shared ? 8 : 0;
  if (d.mode != SegmentMode::Active) {
    w.u32(1 | shared);
  } else if (d.mem == 0) {
    w.u32(0 | shared);
  } else {
    w.u32(2 | shared);
    w.u32(d.mem);
  }
  if (d.mode == SegmentMode::Active) write_expr(w, d.offset);
  w.vec(d.init, [&](uint8_t b) { w.byte(b); });
}

// spec: Bcode ::= size:u32 (vec(locals) expr); equal neighbouring locals form one group
void write_code(Writer& w, const Func& f) {
  Writer body;
  std::vector<std::pair<uint32_t, ValType>> groups;
  for (const ValType& t : f.locals) {
    if (!groups.empty() && groups.back().second == t)
      ++groups.back().first;
    else
      groups.push_back({1, t});
  }
  body.vec(groups, [&](const std::pair<uint32_t, ValType>& g) {
    body.u32(g.first);
    write_valtype(body, g.second);
  });
  write_expr(body, f.body);
  w.sized(body);
}

bool module_uses_data_index(const Module& m) {
  auto any = [](const auto& xs, auto expr_of) {
    return std::ranges::any_of(xs, [&](const auto& x) { return uses_data_index(expr_of(x)); });
  };
  return any(m.funcs, [](const Func& f) -> const Expr& { return f.body; }) ||
         any(m.globals, [](const Global& g) -> const Expr& { return g.init; }) ||
         std::ranges::any_of(m.elems,
                             [](const Elem& e) {
                               return uses_data_index(e.offset) ||
                                      std::ranges::any_of(e.init, uses_data_index);
                             }) ||
         std::ranges::any_of(m.tables,
                             [](const Table& t) { return t.init && uses_data_index(*t.init); });
}

void add_core_sections(std::vector<Section>& out, const Module& m) {
  out.push_back(
      vec_section(SectionId::Function, m.funcs, [](Writer& w, const Func& f) { w.u32(f.type); }));
  out.push_back(vec_section(SectionId::Table, m.tables, write_table));
  out.push_back(vec_section(SectionId::Memory, m.memories,
                            [](Writer& w, const Memory& x) { write_memtype(w, x.type); }));
  out.push_back(vec_section(SectionId::Tag, m.tags, [](Writer& w, const Tag& t) {
    w.byte(0x00);  // spec: Btagtype ::= 0x00 typeidx
    w.u32(t.type);
  }));
  out.push_back(vec_section(SectionId::Global, m.globals, [](Writer& w, const Global& g) {
    write_globaltype(w, g.type);
    write_expr(w, g.init);
  }));
  out.push_back(vec_section(SectionId::Export, m.exports, [](Writer& w, const Export& e) {
    w.name(e.name);
    w.byte(extern_kind_code(e.kind));
    w.u32(e.index);
  }));
  Section start{SectionId::Start, m.start.has_value(), {}};
  if (m.start) start.payload.u32(*m.start);
  out.push_back(std::move(start));
  out.push_back(vec_section(SectionId::Element, m.elems, write_elem));
  // spec: the datacount section is present iff data indices occur in code (as the reference
  // interpreter's encoder decides with Free.module_).
  Section count{SectionId::DataCount, module_uses_data_index(m), {}};
  count.payload.u32(uint32_t(m.datas.size()));
  out.push_back(std::move(count));
  out.push_back(vec_section(SectionId::Code, m.funcs, write_code));
  out.push_back(vec_section(SectionId::Data, m.datas, write_data));
}

// ---- Custom sections ----

// The gaps (0 = before everything, k = after sections[k-1]) where custom c may go.
std::vector<size_t> gaps_for(const Custom& c, const std::vector<Section>& sections) {
  std::vector<size_t> gaps;
  if (c.anchor == SectionId::Custom) {
    // After Custom: at the start (what a decoder reports for a leading custom section);
    // Before Custom: at the end.
    gaps.push_back(c.place == Custom::Place::After ? 0 : sections.size());
    return gaps;
  }
  for (size_t k = 0; k < sections.size(); ++k)
    if (sections[k].id == c.anchor) gaps.push_back(c.place == Custom::Place::Before ? k : k + 1);
  if (gaps.empty()) gaps.push_back(sections.size());
  return gaps;
}

// Assigns each custom section a gap, keeping their order where the places allow it (a
// section kind may occur several times in Module Linking modules: the first fitting occurrence
// at or after the previous custom section's gap is taken).
std::vector<size_t> place_customs(const Module& m, const std::vector<Section>& sections) {
  std::vector<size_t> gap_of;
  size_t cursor = 0;
  for (const Custom& c : m.customs) {
    std::vector<size_t> gaps = gaps_for(c, sections);
    auto it = std::ranges::find_if(gaps, [&](size_t g) { return g >= cursor; });
    cursor = it != gaps.end() ? *it : gaps.front();
    gap_of.push_back(cursor);
  }
  return gap_of;
}

// A custom section placed after an empty section keeps that section (as an empty vector), so
// that decoding finds the custom section where it was: after that section.
void keep_anchors(const Module& m, const std::vector<size_t>& gap_of,
                  std::vector<Section>& sections) {
  for (size_t c = 0; c < m.customs.size(); ++c) {
    if (m.customs[c].place != Custom::Place::After || gap_of[c] == 0) continue;
    Section& s = sections[gap_of[c] - 1];
    if (s.present || s.id != m.customs[c].anchor || s.id == SectionId::Start) continue;
    s.present = true;
    if (s.payload.bytes.empty()) s.payload.u32(0);
  }
}

void write_custom(Writer& w, const Custom& c) {
  Writer payload;
  payload.name(c.name);
  payload.raw(c.bytes.data(), c.bytes.size());
  w.byte(uint8_t(SectionId::Custom));
  w.sized(payload);
}

}  // namespace

// spec: Bmodule ::= magic version customsec* typesec customsec* ... datasec customsec*
std::vector<uint8_t> encode(const Module& m) {
  std::vector<Section> sections;
  add_initial_sections(sections, m);
  add_core_sections(sections, m);
  std::vector<size_t> gap_of = place_customs(m, sections);
  keep_anchors(m, gap_of, sections);

  Writer w;
  w.raw(reinterpret_cast<const uint8_t*>("\0asm\1\0\0\0"), 8);
  for (size_t g = 0; g <= sections.size(); ++g) {
    for (size_t c = 0; c < m.customs.size(); ++c)
      if (gap_of[c] == g) write_custom(w, m.customs[c]);
    if (g == sections.size() || !sections[g].present) continue;
    w.byte(uint8_t(sections[g].id));
    w.sized(sections[g].payload);
  }
  return std::move(w.bytes);
}

}  // namespace wasm::binary
