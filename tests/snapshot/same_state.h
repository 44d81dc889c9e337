// Test helper for `wasmref snapshot`: is an instance of the snapshot in the same observable state
// as the original instance after init? Each check returns "" when it is, or the first
// difference. References are compared by what a program can observe of them: functions by
// their index in their module, i31 and host references by value, structs, arrays and
// exceptions by their contents, recursively, and by identity (ref.eq): the objects seen so far
// must correspond one to one.
#pragma once

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/engine.h"
#include "interpreter/store.h"
#include "snapshot/parts.h"
#include "spec/ast.h"
#include "spec/error.h"
#include "spec/validate.h"

namespace wasm::snapshot::test {

// A module loaded in its own engine.
struct Loaded {
  std::unique_ptr<interp::Engine> engine = std::make_unique<interp::Engine>();
  std::unique_ptr<Module> module;
  std::unique_ptr<ValidatedModule> valid;
  interp::InstanceAddr inst = 0;
  const interp::ModuleInst& mi() const { return engine->store().modules[inst]; }
  interp::Outcome call(std::string_view name, std::vector<interp::Value> args = {}) {
    auto e = engine->get_export(inst, name);
    if (!e) return interp::Outcome{interp::Outcome::Status::Trap, {}, "no export", 0};
    return engine->invoke(e->addr, args);
  }
};

class SameState {
 public:
  SameState(const Loaded& a, const Loaded& b) : a_(a), b_(b) {}

  // Memories (sizes and bytes), globals, tables, and the segments code can name.
  std::string state() {
    const interp::ModuleInst &a = a_.mi(), &b = b_.mi();
    if (a.mems.size() != b.mems.size()) return "memory counts differ";
    for (size_t x = 0; x < a.mems.size(); ++x) {
      const interp::MemInst &ma = *a.mem_ptrs[x], &mb = *b.mem_ptrs[x];
      if (ma.bytes() != mb.bytes()) return cat("memory ", x, ": sizes differ");
      if (std::memcmp(ma.data, mb.data, ma.bytes()) != 0)
        return cat("memory ", x, ": bytes differ");
    }
    // The snapshot may add globals (homes of shared GC objects) after the imported ones.
    if (a.globals.size() > b.globals.size()) return "the snapshot has fewer globals";
    size_t added = b.globals.size() - a.globals.size(), imported = 0;
    for (const Import& i : a_.module->imports) imported += i.desc.kind == ExternKind::Global;
    for (size_t x = 0; x < a.globals.size(); ++x) {
      const interp::GlobalInst &ga = *a.global_ptrs[x],
                               &gb = *b.global_ptrs[x < imported ? x : x + added];
      if (std::string d = slot(ga.value, gb.value, ga.type.type); !d.empty())
        return cat("global ", x, ": ", d);
    }
    if (a.tables.size() != b.tables.size()) return "table counts differ";
    for (size_t x = 0; x < a.tables.size(); ++x) {
      const auto &ra = a.table_ptrs[x]->refs, &rb = b.table_ptrs[x]->refs;
      if (ra.size() != rb.size()) return cat("table ", x, ": sizes differ");
      for (size_t i = 0; i < ra.size(); ++i)
        if (std::string d = ref(ra[i], rb[i]); !d.empty())
          return cat("table ", x, " slot ", i, ": ", d);
    }
    // Segments code can name (the snapshot leaves out the others, and appends its own).
    SegmentUses uses = segment_uses(*a_.module);
    for (size_t x = 0; x < std::min<size_t>(uses.elems, a.elems.size()); ++x) {
      if (x >= b.elems.size()) return cat("elem ", x, " is missing");
      const auto &ea = a.elem_ptrs[x]->refs, &eb = b.elem_ptrs[x]->refs;
      if (ea.size() != eb.size()) return cat("elem ", x, ": lengths differ");
      for (size_t i = 0; i < ea.size(); ++i)
        if (std::string d = ref(ea[i], eb[i]); !d.empty())
          return cat("elem ", x, " element ", i, ": ", d);
    }
    for (size_t x = 0; x < std::min<size_t>(uses.datas, a.datas.size()); ++x)
      if (x >= b.datas.size() || a.data_ptrs[x]->bytes != b.data_ptrs[x]->bytes)
        return cat("data ", x, " differs");
    return "";
  }

  // The same status, message and values.
  std::string outcome(const interp::Outcome& oa, const interp::Outcome& ob) {
    if (oa.status != ob.status || oa.message != ob.message)
      return cat("outcomes differ: ", int(oa.status), " '", oa.message, "' against ",
                 int(ob.status), " '", ob.message, "'");
    if (oa.values.size() != ob.values.size()) return "value counts differ";
    for (size_t i = 0; i < oa.values.size(); ++i) {
      const interp::Value &va = oa.values[i], &vb = ob.values[i];
      std::string d = va.kind != vb.kind         ? "kinds differ"
                      : va.kind == ValKind::Ref  ? ref(va.bits, vb.bits)
                      : va.kind == ValKind::V128 ? (va.v128 == vb.v128 ? "" : "v128s differ")
                      : va.bits != vb.bits       ? "values differ"
                                                 : "";
      if (!d.empty()) return cat("value ", i, ": ", d);
    }
    return "";
  }

  // The same reference, as a program can tell (see the file comment).
  std::string ref(uint64_t ra, uint64_t rb) {
    using interp::RefKind;
    if (interp::is_externalized(ra) != interp::is_externalized(rb)) return "externalized or not";
    ra &= ~interp::kExternBit, rb &= ~interp::kExternBit;
    RefKind k = interp::ref_kind(ra);
    if (k != interp::ref_kind(rb))
      return cat("kinds differ: ", int(k), " against ", int(interp::ref_kind(rb)));
    uint32_t pa = interp::ref_payload(ra), pb = interp::ref_payload(rb);
    switch (k) {
      case RefKind::Null: return "";
      case RefKind::I31:
      case RefKind::Host: return pa == pb ? "" : "values differ";
      case RefKind::Func: {
        std::string fa = func_index(a_, pa), fb = func_index(b_, pb);
        return fa == fb ? "" : cat(fa, " against ", fb);
      }
      default: break;
    }
    // Objects: identity first (one to one), then contents (once: cycles end here).
    auto [ia, new_a] = a_to_b_.emplace(ra, rb);
    auto [ib, new_b] = b_to_a_.emplace(rb, ra);
    if (ia->second != rb || ib->second != ra) return "object identities differ (ref.eq)";
    if (!new_a) return "";
    const interp::Store &sa = a_.engine->store(), &sb = b_.engine->store();
    if (k == RefKind::Struct) {
      const interp::StructInst &x = sa.structs[pa], &y = sb.structs[pb];
      const CompType& comp = a_.engine->types().expand(x.type);
      if (x.fields.size() != y.fields.size()) return "struct field counts differ";
      for (size_t i = 0; i < x.fields.size(); ++i)
        if (std::string d = slot(x.fields[i], y.fields[i], comp.struct_.fields[i].type); !d.empty())
          return cat("struct field ", i, ": ", d);
      return "";
    }
    if (k == RefKind::Array) {
      const interp::ArrayInst &x = sa.arrays[pa], &y = sb.arrays[pb];
      const ValType& t = a_.engine->types().expand(x.type).array.field.type;
      if (x.len != y.len || x.esize != y.esize) return "array lengths differ";
      if (!t.is_ref()) return x.bytes == y.bytes ? "" : "array elements differ";
      for (uint32_t i = 0; i < x.len; ++i) {
        interp::Slot u, v;
        std::memcpy(&u, x.bytes.data() + size_t(i) * x.esize, x.esize);
        std::memcpy(&v, y.bytes.data() + size_t(i) * y.esize, y.esize);
        if (std::string d = ref(u.ref(), v.ref()); !d.empty())
          return cat("array element ", i, ": ", d);
      }
      return "";
    }
    if (k == RefKind::Exn) {
      const interp::ExnInst &x = sa.exns[pa], &y = sb.exns[pb];
      if (tag_index(a_, x.tag) != tag_index(b_, y.tag)) return "exception tags differ";
      const FuncType* ft = sa.tags[x.tag].functype;
      if (!ft || x.fields.size() != y.fields.size()) return "exception arguments differ";
      for (size_t i = 0; i < x.fields.size(); ++i)
        if (std::string d = slot(x.fields[i], y.fields[i], ft->params[i]); !d.empty())
          return cat("exception argument ", i, ": ", d);
      return "";
    }
    return "an unknown reference kind";
  }

 private:
  std::string slot(const interp::Slot& u, const interp::Slot& v, const ValType& t) {
    if (t.is_ref()) return ref(u.ref(), v.ref());
    return u.lo == v.lo && u.hi == v.hi ? "" : "values differ";
  }
  static std::string func_index(const Loaded& l, uint32_t addr) {
    const auto& funcs = l.mi().funcs;
    for (size_t x = 0; x < funcs.size(); ++x)
      if (funcs[x] == addr) return cat("func ", x);
    return "a function of another module";
  }
  static std::string tag_index(const Loaded& l, interp::Addr addr) {
    const auto& tags = l.mi().tags;
    for (size_t x = 0; x < tags.size(); ++x)
      if (tags[x] == addr) return cat("tag ", x);
    return "a tag of another module";
  }

  const Loaded &a_, &b_;
  std::map<uint64_t, uint64_t> a_to_b_, b_to_a_;
};

}  // namespace wasm::snapshot::test
