// Rebuilding structs and arrays as constant expressions (gc_objects.h).
#include "snapshot/gc_objects.h"

#include <cstring>

#include "interpreter/store.h"
#include "snapshot/const_expr.h"
#include "spec/error.h"

namespace wasm::snapshot {
namespace {

// Arrays longer than this are refused: engines limit array.new_fixed's operand count (V8 and
// others at 10,000), and a constant expression per element would be large anyway.
constexpr uint32_t kMaxFixedArray = 10'000;

[[noreturn]] void refuse(const std::string& what, const std::string& why) {
  fail(Phase::Invalid, {}, cat(what, ": ", why));
}

// One field or element: packed values as i32.const (struct.new and array.new_fixed wrap them,
// spec: $pack), others as their value's constant.
void push_value(Expr& out, const interp::Slot& v, const ValType& t, const RefContext& cx,
                const std::string& what) {
  Expr e = t.kind == ValKind::I8 || t.kind == ValKind::I16
               ? Expr{Instr{Opcode::I32Const, uint64_t(v.i32()), {}}}
               : value_expr(v, t, cx, what);
  for (Instr& i : e) out.push_back(std::move(i));
}

}  // namespace

GcContext make_gc_context(const Module& m, const std::vector<TypeId>& canonical) {
  GcContext g;
  for (const TypeDef& d : m.types) {
    if (d.kind != TypeDefKind::Rec) {
      g.subtypes.push_back(nullptr);
      continue;
    }
    for (const SubType& s : d.rec.subtypes) g.subtypes.push_back(&s);
  }
  g.canonical = canonical;
  for (size_t x = 0; x < canonical.size(); ++x) g.type_index.emplace(canonical[x], TypeIdx(x));
  return g;
}

uint64_t gc_object_of(uint64_t r) {
  if (interp::is_externalized(r) && interp::ref_kind(r) != interp::RefKind::Host)
    r = interp::internalize(r);
  interp::RefKind k = interp::ref_kind(r);
  return k == interp::RefKind::Struct || k == interp::RefKind::Array ? r : interp::kNullRef;
}

// The canonical type of a struct or array.
static TypeId canonical_type(const interp::Store& store, uint64_t r) {
  uint32_t addr = interp::ref_payload(r);
  return interp::ref_kind(r) == interp::RefKind::Struct ? store.structs[addr].type
                                                        : store.arrays[addr].type;
}

TypeIdx object_type_index(const GcContext& g, const interp::Store& store, uint64_t r) {
  return g.type_index.at(canonical_type(store, r));
}

const CompType& object_type(const GcContext& g, const interp::Store& store, uint64_t r,
                            const std::string& what) {
  auto t = g.type_index.find(canonical_type(store, r));
  if (t == g.type_index.end() || t->second >= g.subtypes.size() || !g.subtypes[t->second])
    refuse(what, "holds a GC object of a type the module does not define");
  return g.subtypes[t->second]->comp;
}

Expr gc_object_expr(uint64_t r, const RefContext& cx, const std::string& what) {
  if (!cx.gc) refuse(what, "holds a GC object; snapshotting GC objects is not supported here");
  GcContext& g = *cx.gc;
  if (!g.throwaway && r != g.defining)
    if (auto h = g.home.find(r); h != g.home.end())
      return {Instr{Opcode::GlobalGet, uint32_t(h->second), {}}};  // spec: constant (immutable)
  const interp::Store& store = *cx.store;
  bool is_struct = interp::ref_kind(r) == interp::RefKind::Struct;
  uint32_t addr = interp::ref_payload(r);
  const CompType& comp = object_type(g, store, r, what);
  TypeIdx type_index = object_type_index(g, store, r);
  if (g.building.count(r)) refuse(what, "holds a cycle of GC objects, which no constant builds");
  if (!g.throwaway) {
    // gc_sharing.cpp gave every object reached twice a home, so this is a planning error.
    if (auto seen = g.expressed.find(r); seen != g.expressed.end())
      fail(Phase::Invalid, {}, cat("internal error: ", what, " holds a GC object also built for ",
                                   seen->second));
  }
  g.building.insert(r);
  Expr out;
  if (is_struct) {
    const interp::StructInst& s = store.structs[addr];
    if (!interp::is_null(s.desc)) refuse(what, "holds a struct with a descriptor");
    // spec: struct.new x takes the field values in order.
    for (size_t i = 0; i < comp.struct_.fields.size(); ++i)
      push_value(out, s.fields[i], comp.struct_.fields[i].type, cx, cat(what, " field ", i));
    out.push_back(Instr{Opcode::StructNew, uint32_t(type_index), {}});
  } else {
    const interp::ArrayInst& a = store.arrays[addr];
    if (a.len > kMaxFixedArray)
      refuse(what, cat("holds an array of ", a.len, " elements (at most ", kMaxFixedArray,
                       " are rebuilt)"));
    // spec: array.new_fixed x n takes the n element values in order.
    for (uint32_t i = 0; i < a.len; ++i) {
      interp::Slot v;
      std::memcpy(&v, a.bytes.data() + size_t(i) * a.esize, a.esize);
      push_value(out, v, comp.array.field.type, cx, cat(what, " element ", i));
    }
    out.push_back(Instr{Opcode::ArrayNewFixed, IndexPair{uint32_t(type_index), a.len}, {}});
  }
  g.building.erase(r);
  if (!g.throwaway) g.expressed.emplace(r, what);
  return out;
}

}  // namespace wasm::snapshot
