// Validation of types — valid/types.rst: value types, rec groups and sub types (iso-recursive
// canonicalisation through the TypeStore), limits and external types.
#include <limits>

#include "spec/context.h"

namespace wasm::valid {

// ---- Type uses (spec: Typeuse_ok, Expand_use) ----

const FuncType& func_type(const Context& c, uint32_t x, Span at) {
  const CompType& ct = c.s().expand(type_(c, x, at));
  if (ct.kind != CompKind::Func) invalid(at, cat("non-function type ", x));
  require_shared(c, ct.shared, at, "functions");
  return ct.func;
}

const StructType& struct_type(const Context& c, uint32_t x, Span at) {
  const CompType& ct = c.s().expand(type_(c, x, at));
  if (ct.kind != CompKind::Struct) invalid(at, cat("non-structure type ", x));
  require_shared(c, ct.shared, at, "structs");
  return ct.struct_;
}

const ArrayType& array_type(const Context& c, uint32_t x, Span at) {
  const CompType& ct = c.s().expand(type_(c, x, at));
  if (ct.kind != CompKind::Array) invalid(at, cat("non-array type ", x));
  require_shared(c, ct.shared, at, "arrays");
  return ct.array;
}

// ---- Value types (spec: Heaptype_ok, Reftype_ok, Valtype_ok, Resulttype_ok) ----

HeapType canon(const Context& c, HeapType h, Span at) {
  if (h.kind == HeapKind::Index) h.index = type_(c, h.index, at);
  if (h.shared && !c.shared_everything)
    invalid(at, "shared heap types require the shared-everything-threads proposal");
  if ((h.kind == HeapKind::WaitQueue || h.kind == HeapKind::NoWaitQueue) && !c.shared_everything)
    invalid(at, "waitqueue types require the shared-everything-threads proposal");
  return h;
}

bool shared_valtype(const Context& c, const ValType& t) {
  return t.kind != ValKind::Ref || heap_shared(c.s(), t.ref.heap) ||
         t.ref.heap.kind == HeapKind::Bot;
}

RefType canon(const Context& c, RefType t, Span at) {
  t.heap = canon(c, t.heap, at);
  return t;
}

ValType canon(const Context& c, ValType t, Span at) {
  if (t.kind == ValKind::Ref) t.ref = canon(c, t.ref, at);
  return t;
}

ResultType canon(const Context& c, const ResultType& ts, Span at) {
  ResultType out;
  out.reserve(ts.size());
  for (const ValType& t : ts) out.push_back(canon(c, t, at));
  return out;
}

std::string type_text(const ResultType& ts) { return to_string(ts); }

// ---- Rec groups (spec: Type_ok, Rectype_ok, Subtype_ok) ----

namespace {

// spec: $rolldt — a module's type index as seen from inside the group [x, x+n): earlier types
// become TypeIds, the group's own types REC i.
class Roller {
 public:
  Roller(const Context& c, uint32_t x, uint32_t n, Span at) : c_(c), x_(x), n_(n), at_(at) {}

  uint32_t index(uint32_t y) const {
    if (y < x_) return type_(c_, y, at_);
    if (y - x_ < n_) return TypeStore::kRecBase + (y - x_);
    invalid(at_, cat("unknown type ", y));
  }
  void val(ValType& t) const {
    if (t.kind == ValKind::Ref && t.ref.heap.kind == HeapKind::Index)
      t.ref.heap.index = index(t.ref.heap.index);
  }
  void comp(CompType& ct) const {
    for (ValType& t : ct.func.params) val(t);
    for (ValType& t : ct.func.results) val(t);
    for (FieldType& f : ct.struct_.fields) val(f.type);
    val(ct.array.field.type);
  }
  // spec: Subtype_ok premises on the supertypes' indices: |x*| <= 1, (x < x_0)*
  void sub(SubType& st, uint32_t i) const {
    uint32_t self = x_ + i;
    if (st.supers.size() > 1) invalid(at_, cat("sub type ", self, " has multiple super types"));
    for (TypeIdx& y : st.supers) {
      uint32_t rolled = index(y);
      if (y >= self) invalid(at_, cat("forward use of type ", y, " in sub type definition"));
      y = rolled;
    }
    if (st.describes) st.describes = index(*st.describes);
    if (st.descriptor) st.descriptor = index(*st.descriptor);
    comp(st.comp);
  }

 private:
  const Context& c_;
  uint32_t x_, n_;
  Span at_;
};

// custom-descriptors (valid.ml check_descriptors): the descriptor clauses of a rec group point
// into the group and pair up — $t (descriptor $d) iff $d (describes $t) — and a described type
// precedes its descriptor. Checked on the group [x, x+n) before anything else of it.
void valid_descriptors(const RecType& rt, uint32_t x, Span at) {
  uint32_t n = uint32_t(rt.subtypes.size());
  auto inside = [&](uint32_t y) { return y >= x && y - x < n; };
  for (uint32_t i = 0; i < n; ++i) {
    const SubType& st = rt.subtypes[i];
    if (st.describes) {
      require(inside(*st.describes), at, "described type is outside rec group");
      uint32_t j = *st.describes - x;
      require(rt.subtypes[j].descriptor == x + i, at,
              "described type is not described by descriptor");
      require(j < i, at, "forward use of described type");
    }
    if (st.descriptor) {
      require(inside(*st.descriptor), at, "descriptor type is outside rec group");
      require(rt.subtypes[*st.descriptor - x].describes == x + i, at,
              "type is not described by its descriptor");
    }
  }
}

// custom-descriptors (valid.ml check_desctype): only structures describe or are described.
void valid_desctype(const SubType& st, Span at) {
  if (st.comp.kind == CompKind::Struct) return;
  require(!st.descriptor, at, "descriptor type must be a struct");
  require(!st.describes, at, "described type must be a struct");
}

// A TypeId as the module's type index for messages (the first index it has, else the id).
uint32_t type_index_of(const Context& c, TypeId t) {
  for (uint32_t y = 0; y < c.types.size(); ++y)
    if (c.types[y] == t) return y;
  return t;
}

// custom-descriptors (valid.ml check_desctype_sub): a subtype describes a subtype of what its
// supertype describes (and describes something iff its supertype does), and has a descriptor
// that is a subtype of its supertype's, if its supertype has one.
void valid_desctype_sub(const Context& c, const SubType& st, TypeId id, uint32_t self,
                        uint32_t super_idx, Span at) {
  const TypeStore& s = c.s();
  const SubType& sub = s.subtype(id);
  const SubType& sup = s.subtype(*s.super(id));
  std::string mismatch = cat("sub type ", self, " does not match super type ", super_idx);
  require(sub.describes.has_value() == sup.describes.has_value(), at, mismatch);
  if (sub.describes)
    require(match_deftype(s, *sub.describes, *sup.describes), at,
            cat("described type ", *st.describes, " does not match ",
                type_index_of(c, *sup.describes)));
  require(sub.descriptor || !sup.descriptor, at, mismatch);
  if (sub.descriptor && sup.descriptor)
    require(match_deftype(s, *sub.descriptor, *sup.descriptor), at,
            cat("descriptor type ", *st.descriptor, " does not match ",
                type_index_of(c, *sup.descriptor)));
}

// spec: Subtype_ok — the supertype is not final and the comptypes match (+ custom-descriptors:
// the descriptor clauses match).
void valid_subtype_super(const Context& c, const SubType& st, TypeId id, uint32_t self, Span at) {
  const TypeStore& s = c.s();
  uint32_t super_idx = st.supers.front();
  TypeId super = *s.super(id);
  require(!s.is_final(super), at,
          cat("sub type ", self, " has final super type ", super_idx));
  valid_desctype_sub(c, st, id, self, super_idx, at);
  require(match_comptype(s, s.expand(id), s.expand(super)), at,
          cat("sub type ", self, " does not match super type ", super_idx));
}

// shared-everything-threads: Comptype_ok(shared) — a shared composite type contains only types
// valid as shared. Checked on the interned (unrolled) form, so the group's own types count too.
void valid_shared_comptype(const Context& c, const CompType& ct, Span at) {
  if (!ct.shared) return;
  require(c.shared_everything, at, "shared types require the shared-everything-threads proposal");
  bool ok = true;
  for (const ValType& t : ct.func.params) ok &= shared_valtype(c, t);
  for (const ValType& t : ct.func.results) ok &= shared_valtype(c, t);
  for (const FieldType& f : ct.struct_.fields) ok &= shared_valtype(c, f.type);
  if (ct.kind == CompKind::Array) ok &= shared_valtype(c, ct.array.field.type);
  require(ok, at, "shared composite type must contain shared types");
}

}  // namespace

void valid_rectype(Context& c, const RecType& rt, Span at) {
  uint32_t x = uint32_t(c.types.size());
  uint32_t n = uint32_t(rt.subtypes.size());
  if (uint64_t(x) + n >= TypeStore::kRecBase) invalid(at, "too many types");
  valid_descriptors(rt, x, at);
  Roller roll(c, x, n, at);
  RecType rolled = rt;
  for (uint32_t i = 0; i < n; ++i) roll.sub(rolled.subtypes[i], i);
  TypeId first = c.store->intern(rolled);
  for (uint32_t i = 0; i < n; ++i) c.types.push_back(first + i);
  for (const SubType& st : rt.subtypes) valid_desctype(st, at);
  for (uint32_t i = 0; i < n; ++i) valid_shared_comptype(c, c.s().expand(first + i), at);
  for (uint32_t i = 0; i < n; ++i)
    if (!rt.subtypes[i].supers.empty())
      valid_subtype_super(c, rt.subtypes[i], first + i, x + i, at);
}

// ---- External types (spec: Limits_ok ... Externtype_ok) ----

// spec: Limits_ok — within k
void valid_limits(const Limits& lim, uint64_t k, Span at, std::string_view message) {
  require(lim.min <= k, at, message);
  if (!lim.max) return;
  require(*lim.max <= k, at, message);
  require(lim.min <= *lim.max, at, "size minimum must not be greater than maximum");
}

// spec: Memtype_ok — at most 2^(|at|-16) pages (+ threads: shared memories need a maximum;
// custom-page-sizes: with 1-byte pages, at most 2^|at|-1 of them)
MemType valid_memtype(const Context&, const MemType& mt, Span at) {
  uint32_t page_log2 = mt.page_size_log2.value_or(16);
  require(page_log2 == 0 || page_log2 == 16, at, "invalid custom page size");
  bool i32 = mt.addr == AddrType::I32;
  uint64_t k = page_log2 == 16 ? (i32 ? uint64_t(1) << 16 : uint64_t(1) << 48)
                               : (i32 ? 0xFFFF'FFFFu : std::numeric_limits<uint64_t>::max());
  std::string_view message =
      page_log2 == 16 ? (i32 ? "memory size must be at most 65536 pages (4GiB)"
                             : "memory size must be at most 2^48 pages (256TiB)")
                      : (i32 ? "memory size must be at most 2^32-1 bytes"
                             : "memory size must be at most 2^64-1 bytes");
  valid_limits(mt.limits, k, at, message);
  require(!mt.shared || mt.limits.max, at, "shared memory must have maximum");
  return mt;
}

// spec: Tabletype_ok (+ shared-everything-threads: a shared table's element type is shared)
TableType valid_tabletype(const Context& c, const TableType& tt, Span at) {
  TableType out = tt;
  out.elem = canon(c, tt.elem, at);
  if (tt.shared) {
    require(c.shared_everything, at,
            "shared tables require the shared-everything-threads proposal");
    require(shared_valtype(c, ValType::ref_of(out.elem)), at,
            "shared tables must have a shared element type");
  }
  if (tt.addr == AddrType::I32)
    valid_limits(tt.limits, 0xFFFF'FFFFu, at, "table size must be at most 2^32-1");
  else
    valid_limits(tt.limits, std::numeric_limits<uint64_t>::max(), at,
                 "table size must be at most 2^64-1");
  return out;
}

// spec: Globaltype_ok (+ shared-everything-threads: a shared global's value type is shared; a
// thread-local global's too, and defaultable (Overview.md, "Thread-local storage"))
GlobalType valid_globaltype(const Context& c, const GlobalType& gt, Span at) {
  GlobalType out = gt;
  out.type = canon(c, gt.type, at);
  if (gt.shared) {
    require(c.shared_everything, at,
            "shared globals require the shared-everything-threads proposal");
    require(shared_valtype(c, out.type), at, "shared globals must have a shared value type");
  }
  if (gt.thread_local_) {
    require(c.shared_everything, at,
            "thread-local globals require the shared-everything-threads proposal");
    require(!gt.shared, at, "a global cannot be both shared and thread-local");
    require(shared_valtype(c, out.type), at, "thread-local globals must have a shared value type");
    require(defaultable(out.type), at, "thread-local globals must have a defaultable type");
  }
  return out;
}

// spec: Tagtype_ok — a function type without results
TypeId valid_tagtype(const Context& c, TypeIdx x, Span at) {
  const FuncType& ft = func_type(c, x, at);
  require(ft.results.empty(), at, "non-empty tag result type");
  return type_(c, x, at);
}

// spec: Externtype_ok; the result is canonical (ExternType::type holds a TypeId).
ExternType valid_externtype(const Context& c, const ExternType& xt, Span at) {
  ExternType out = xt;
  switch (xt.kind) {
    case ExternKind::Func:
      func_type(c, xt.type, at);
      out.type = type_(c, xt.type, at);
      break;
    case ExternKind::Tag: out.type = valid_tagtype(c, xt.type, at); break;
    case ExternKind::Table: out.table = valid_tabletype(c, xt.table, at); break;
    case ExternKind::Memory: out.mem = valid_memtype(c, xt.mem, at); break;
    case ExternKind::Global: out.global = valid_globaltype(c, xt.global, at); break;
    default: invalid(at, "module linking is not supported yet");
  }
  return out;
}

}  // namespace wasm::valid
