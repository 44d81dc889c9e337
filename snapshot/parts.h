// The steps of capture (snapshot.h), one file each; internal to snapshot/.
// Each throws ErrorException (spec/error.h) when the state cannot be expressed.
#pragma once

#include <string>

#include "interpreter/store.h"
#include "snapshot/const_expr.h"
#include "snapshot/snapshot.h"

namespace wasm::snapshot {

// The instance being captured and the module it instantiates.
struct Capture {
  const Module& in;
  const interp::ModuleInst& inst;
  RefContext refs;
  uint32_t imported_funcs = 0, imported_tables = 0, imported_mems = 0, imported_globals = 0;
};

// "global 3 (export \"g\")": a definition named by index and, if exported, its first export.
std::string describe(const Module& m, ExternKind kind, uint32_t index);

// state.cpp: defined memories (size, contents as data segments appended to out.datas),
// globals (current values), tables (size, contents as element segments appended to out.elems).
void capture_memories(const Capture& c, Module& out);
void capture_globals(const Capture& c, Module& out);
void capture_tables(const Capture& c, Module& out);

// segments.cpp: the input's segments as they stand after instantiation and init, before the
// captured ones are appended: applied (active) and dropped ones become empty passive segments,
// declarative ones stay; segments past the last index code refers to are left out.
void rewrite_segments(const Capture& c, Module& out);
// Appends one declarative segment for every function `ref.func` in code refers to that no
// other part of `out` declares (valid/modules.rst: C.refs).
void declare_refs(Module& out);

// exports.cpp: removes the init export if `remove_init`, then applies the renames.
void rewrite_exports(const Options& options, bool remove_init, Module& out);

}  // namespace wasm::snapshot
