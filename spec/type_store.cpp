// The canonical type table — valid/conventions.rst (Rolling and Unrolling), valid/matching.rst
// (Type Equivalence): rec groups are interned by their rolled form.
#include "spec/type_store.h"

namespace wasm {
namespace {

// A rolled group's key: a byte string that is equal for equal rolled groups.
class KeyWriter {
 public:
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) key_ += char((v >> (8 * i)) & 0xFF);
  }
  void byte(uint8_t v) { key_ += char(v); }

  void heap(const HeapType& h) {
    byte(uint8_t(h.kind));
    byte(h.exact);
    byte(h.shared);
    if (h.kind == HeapKind::Index) u32(h.index);
  }
  void val(const ValType& t) {
    byte(uint8_t(t.kind));
    if (t.kind == ValKind::Ref) {
      byte(t.ref.nullable);
      heap(t.ref.heap);
    }
  }
  void field(const FieldType& f) {
    val(f.type);
    byte(uint8_t(f.mut));
  }
  void results(const ResultType& ts) {
    u32(uint32_t(ts.size()));
    for (const ValType& t : ts) val(t);
  }
  void comp(const CompType& c) {
    byte(uint8_t(c.kind));
    byte(c.shared);
    switch (c.kind) {
      case CompKind::Func:
        results(c.func.params);
        results(c.func.results);
        break;
      case CompKind::Struct:
        u32(uint32_t(c.struct_.fields.size()));
        for (const FieldType& f : c.struct_.fields) field(f);
        break;
      case CompKind::Array:
        field(c.array.field);
        break;
    }
  }
  void optional_index(const std::optional<TypeIdx>& x) {
    byte(x.has_value());
    if (x) u32(*x);
  }
  void sub(const SubType& s) {
    byte(s.final);
    u32(uint32_t(s.supers.size()));
    for (TypeIdx x : s.supers) u32(x);
    optional_index(s.describes);
    optional_index(s.descriptor);
    comp(s.comp);
  }
  std::string take() { return std::move(key_); }

 private:
  std::string key_;
};

// spec: $unrolldt — replaces REC i by the TypeId of the group's i-th type.
class Unroller {
 public:
  explicit Unroller(TypeId first) : first_(first) {}

  uint32_t index(uint32_t x) const {
    return x >= TypeStore::kRecBase ? first_ + (x - TypeStore::kRecBase) : x;
  }
  void val(ValType& t) const {
    if (t.kind == ValKind::Ref && t.ref.heap.kind == HeapKind::Index)
      t.ref.heap.index = index(t.ref.heap.index);
  }
  void comp(CompType& c) const {
    for (ValType& t : c.func.params) val(t);
    for (ValType& t : c.func.results) val(t);
    for (FieldType& f : c.struct_.fields) val(f.type);
    val(c.array.field.type);
  }
  void sub(SubType& s) const {
    for (TypeIdx& x : s.supers) x = index(x);
    if (s.describes) s.describes = index(*s.describes);
    if (s.descriptor) s.descriptor = index(*s.descriptor);
    comp(s.comp);
  }

 private:
  TypeId first_;
};

}  // namespace

TypeId TypeStore::intern(const RecType& rolled) {
  KeyWriter key;
  key.u32(uint32_t(rolled.subtypes.size()));
  for (const SubType& s : rolled.subtypes) key.sub(s);
  std::lock_guard lock(mutex_);
  auto [it, inserted] = groups_.try_emplace(key.take(), TypeId(entries_.size()));
  if (!inserted) return it->second;

  TypeId first = it->second;
  uint32_t n = uint32_t(rolled.subtypes.size());
  Unroller unroll(first);
  for (uint32_t i = 0; i < n; ++i) {
    Entry e;
    e.sub = rolled.subtypes[i];
    unroll.sub(e.sub);
    e.group_first = first;
    e.group_size = n;
    if (!e.sub.supers.empty()) {
      e.super = e.sub.supers.front();
      // Supertypes precede their subtypes (checked before interning); anything else gets
      // depth 0 so that walks along supertypes stay bounded.
      if (*e.super < first + i) e.depth = entries_[*e.super].depth + 1;
    }
    entries_.push_back(std::move(e));
  }
  return first;
}

TypeStore& default_type_store() {
  static TypeStore store;
  return store;
}

}  // namespace wasm
