// The steps of capture (snapshot.h), one file each; internal to snapshot/.
// Each throws ErrorException (spec/error.h) when the state cannot be expressed.
#pragma once

#include <string>

#include "interpreter/store.h"
#include "snapshot/const_expr.h"
#include "snapshot/snapshot.h"

namespace wasm::snapshot {

// How many element and data segments code can name: one more than the largest index any
// instruction refers to (table.init, elem.drop, array.new_elem, array.init_elem; memory.init,
// data.drop, array.new_data, array.init_data).
struct SegmentUses {
  uint32_t elems = 0, datas = 0;
};
SegmentUses segment_uses(const Module& m);

// The instance being captured and the module it instantiates.
struct Capture {
  const Module& in;
  const interp::ModuleInst& inst;
  RefContext refs;
  uint32_t imported_funcs = 0, imported_tables = 0, imported_mems = 0, imported_globals = 0;
  SegmentUses uses{};
  uint32_t new_globals = 0;  // globals the snapshot adds before the defined ones (gc_sharing.cpp)
};

// "global 3 (export \"g\")": a definition named by index and, if exported, its first export.
std::string describe(const Module& m, ExternKind kind, uint32_t index);

// gc_sharing.cpp: gives every GC object that several places reach a home (GcContext::home,
// indices of the snapshot); returns the objects that need a new global, in definition order,
// each with the first place that reaches it (for errors).
struct SharedObject {
  uint64_t ref;
  std::string what;
};
std::vector<SharedObject> plan_shared_objects(const Capture& c, GcContext& g);

// renumber.cpp: global indices from `first` on move up by `by` everywhere in `out` (code,
// constant expressions, exports, the "name" section), making room for new globals.
void shift_globals(Module& out, GlobalIdx first, uint32_t by);

// state.cpp: defined memories (size, contents as data segments appended to out.datas),
// globals (current values), tables (size, contents as element segments appended to out.elems).
void capture_memories(const Capture& c, Module& out);
void capture_globals(const Capture& c, Module& out);
// The new globals that build the shared objects `hoisted` (plan_shared_objects), inserted before
// the defined globals (out.globals must already hold the input's).
void add_home_globals(const Capture& c, const std::vector<SharedObject>& hoisted, Module& out);
void capture_tables(const Capture& c, Module& out);

// segments.cpp: the input's segments as they stand after instantiation and init, before the
// captured ones are appended: applied (active) and dropped ones become empty passive segments,
// declarative ones stay; segments past the last index code refers to are left out.
// The passive segments whose contents stay (named by code, not dropped) are rewritten from the
// instance's references, so that objects they share with tables and globals stay shared.
void rewrite_segments(const Capture& c, Module& out);
// Whether element segment x is one of those (its contents are then a place gc_sharing counts).
bool keeps_contents(const Capture& c, size_t x);
// Appends one declarative segment for every function `ref.func` in code refers to that no
// other part of `out` declares (valid/modules.rst: C.refs).
void declare_refs(Module& out);

// exports.cpp: removes the init export if `remove_init`, then applies the renames.
void rewrite_exports(const Options& options, bool remove_init, Module& out);

}  // namespace wasm::snapshot
