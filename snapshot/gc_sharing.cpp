// Which GC objects need a home, a global that builds them once (gc_objects.h, parts.h).
//
// The places a snapshot writes references to are, in the order the module defines them: the
// defined globals, every slot of the defined tables, and the elements of the passive segments
// it keeps. Walking the objects they reach (fields and elements, depth first) counts how often
// each object is reached; one reached more than once is shared and gets a home:
//  - an existing global, if it is the first place that reaches the object, holds exactly that
//    object, is immutable and has type (ref $t) for the object's own type $t (so global.get of
//    it fits wherever the object goes);
//  - otherwise a new immutable global of type (ref $t), placed before all defined globals
//    (spec: a global's initialiser may read only the globals before it), in the order the walk
//    finishes the objects, so that an object's shared parts are defined before it.
// A snapshot of a snapshot finds every shared object already in a global of the first kind, so
// it adds none: `snapshot --no-init` stays a fixed point.
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "snapshot/parts.h"

namespace wasm::snapshot {
namespace {

using interp::RefKind;

class Planner {
 public:
  Planner(const Capture& c, GcContext& g) : c_(c), g_(g) {}

  // One place, the `place`-th, holding `r`.
  void place(size_t place, uint64_t r, const std::string& what) {
    visit(gc_object_of(r), place, what);
  }

  // The homes, and the objects that need a new global, in definition order.
  std::vector<SharedObject> homes(const std::vector<std::optional<GlobalIdx>>& place_global) {
    std::vector<SharedObject> hoisted;
    std::vector<std::pair<uint64_t, GlobalIdx>> existing;
    for (uint64_t r : finished_) {
      if (reached_[r] < 2) continue;
      std::optional<GlobalIdx> x = place_global[first_[r]];
      if (x && can_home(*x, r))
        existing.emplace_back(r, *x);
      else
        hoisted.push_back({r, first_what_[r]});
    }
    // Hoisted globals go first, so every defined global moves up by their count.
    uint32_t shift = uint32_t(hoisted.size());
    for (size_t k = 0; k < hoisted.size(); ++k)
      g_.home.emplace(hoisted[k].ref, GlobalIdx(c_.imported_globals + k));
    for (const auto& [r, x] : existing) g_.home.emplace(r, GlobalIdx(x + shift));
    return hoisted;
  }

 private:
  void visit(uint64_t r, size_t place, const std::string& what) {
    if (interp::is_null(r)) return;
    if (++reached_[r] > 1) {
      if (on_path_.count(r)) refuse_cycle(what);
      return;
    }
    first_[r] = place;
    first_what_[r] = what;
    on_path_.insert(r);
    const interp::Store& store = *c_.refs.store;
    const CompType& comp = object_type(g_, store, r, what);
    uint32_t addr = interp::ref_payload(r);
    if (interp::ref_kind(r) == RefKind::Struct) {
      const interp::StructInst& s = store.structs[addr];
      for (size_t i = 0; i < comp.struct_.fields.size(); ++i)
        if (comp.struct_.fields[i].type.is_ref())
          if (uint64_t o = gc_object_of(s.fields[i].ref()); !interp::is_null(o))
            visit(o, place, cat(what, " field ", i));
    } else if (comp.array.field.type.is_ref()) {
      const interp::ArrayInst& a = store.arrays[addr];
      for (uint32_t i = 0; i < a.len; ++i) {
        interp::Slot v;
        std::memcpy(&v, a.bytes.data() + size_t(i) * a.esize, a.esize);
        if (uint64_t o = gc_object_of(v.ref()); !interp::is_null(o))
          visit(o, place, cat(what, " element ", i));
      }
    }
    on_path_.erase(r);
    finished_.push_back(r);
  }

  [[noreturn]] static void refuse_cycle(const std::string& what) {
    fail(Phase::Invalid, {}, cat(what, ": holds a cycle of GC objects, which no constant builds"));
  }

  // Global x (an index of the input) holds exactly r and may be its home.
  bool can_home(GlobalIdx x, uint64_t r) const {
    const interp::GlobalInst& g = *c_.inst.global_ptrs[x];
    const GlobalType& declared = c_.in.globals[x - c_.imported_globals].type;  // module indices
    const ValType& t = declared.type;
    if (declared.mut != Mut::Const || g.value.ref() != r || t.kind != ValKind::Ref ||
        t.ref.nullable || t.ref.heap.kind != HeapKind::Index || t.ref.heap.exact)
      return false;
    TypeIdx want = object_type_index(g_, *c_.refs.store, r);
    return t.ref.heap.index < g_.canonical.size() &&
           g_.canonical[t.ref.heap.index] == g_.canonical[want];
  }

  const Capture& c_;
  GcContext& g_;
  std::unordered_map<uint64_t, uint32_t> reached_;
  std::unordered_map<uint64_t, size_t> first_;            // the first place that reaches an object
  std::unordered_map<uint64_t, std::string> first_what_;  // and the path there, for errors
  std::unordered_set<uint64_t> on_path_;
  std::vector<uint64_t> finished_;  // objects in the order their walk finished
};

}  // namespace

std::vector<SharedObject> plan_shared_objects(const Capture& c, GcContext& g) {
  Planner p(c, g);
  std::vector<std::optional<GlobalIdx>> place_global;  // the global a place is, if it is one
  auto next = [&](std::optional<GlobalIdx> x) {
    place_global.push_back(x);
    return place_global.size() - 1;
  };
  for (size_t k = c.imported_globals; k < c.inst.globals.size(); ++k) {
    const interp::GlobalInst& gl = *c.inst.global_ptrs[k];
    size_t at = next(GlobalIdx(k));
    if (gl.type.type.kind == ValKind::Ref)
      p.place(at, gl.value.ref(), describe(c.in, ExternKind::Global, uint32_t(k)));
  }
  for (size_t x = c.imported_tables; x < c.inst.tables.size(); ++x) {
    const std::vector<uint64_t>& refs = c.inst.table_ptrs[x]->refs;
    for (size_t i = 0; i < refs.size(); ++i)
      if (!interp::is_null(gc_object_of(refs[i])))
        p.place(next(std::nullopt), refs[i],
                cat(describe(c.in, ExternKind::Table, uint32_t(x)), " slot ", i));
  }
  for (size_t x = 0; x < c.in.elems.size(); ++x) {
    if (!keeps_contents(c, x)) continue;
    const std::vector<uint64_t>& refs = c.inst.elem_ptrs[x]->refs;
    for (size_t i = 0; i < refs.size(); ++i)
      if (!interp::is_null(gc_object_of(refs[i])))
        p.place(next(std::nullopt), refs[i], cat("elem ", x, " element ", i));
  }
  return p.homes(place_global);
}

}  // namespace wasm::snapshot
