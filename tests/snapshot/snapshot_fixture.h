// Test helper for `wasmref snapshot`: the original instance after init next to an instance of
// its snapshot, and comparisons of their state (memories, globals, tables, segments).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "interpreter/engine.h"
#include "interpreter/store.h"
#include "snapshot/snapshot.h"
#include "text/parse.h"

namespace wasm::snapshot::test {

inline interp::Value i32(uint32_t v) { return interp::Value{ValKind::I32, v, {}}; }
inline interp::Value i64(uint64_t v) { return interp::Value{ValKind::I64, v, {}}; }

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

class SnapshotTest : public ::testing::Test {
 protected:
  // Parses and validates `wat` into a fresh engine (not instantiated).
  static Loaded parse(std::string_view wat) {
    Loaded l;
    Result<Module> m = text::parse_module(wat);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    l.module = std::make_unique<Module>(m.ok() ? *m : Module{});
    Result<ValidatedModule> v = validate(*l.module, l.engine->types());
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    l.valid = std::make_unique<ValidatedModule>(v.ok() ? *v : ValidatedModule{});
    return l;
  }

  // The error of snapshotting `wat` (the test fails if it succeeds).
  static std::string error_of(std::string_view wat, const Options& options = {}) {
    Loaded l = parse(wat);
    Result<interp::InstanceAddr> inst =
        instantiate_and_init(*l.engine, *l.module, *l.valid, options);
    if (!inst) return inst.error().message;
    Result<Module> snap = capture(*l.engine, *inst, *l.module, options);
    EXPECT_FALSE(snap.ok()) << "snapshot succeeded";
    return snap.ok() ? "" : snap.error().message;
  }

  // Instantiates and initialises `wat` (original_), snapshots it, checks that the snapshot
  // validates after an encode/decode round trip, instantiates it without init (snap_), that
  // both states agree, and that `snapshot --no-init` of the snapshot is a fixed point.
  void snapshot(std::string_view wat, const Options& options = {}) {
    original_ = parse(wat);
    Result<interp::InstanceAddr> inst =
        instantiate_and_init(*original_.engine, *original_.module, *original_.valid, options);
    ASSERT_TRUE(inst.ok()) << inst.error().message;
    original_.inst = *inst;
    Result<Module> snap = capture(*original_.engine, *inst, *original_.module, options);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    bytes_ = binary::encode(*snap);
    Result<Module> decoded = binary::decode(bytes_);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    snap_.module = std::make_unique<Module>(std::move(*decoded));
    Result<ValidatedModule> v = validate(*snap_.module, snap_.engine->types());
    ASSERT_TRUE(v.ok()) << "snapshot invalid: " << v.error().message;
    snap_.valid = std::make_unique<ValidatedModule>(std::move(*v));
    Options no_init = options;
    no_init.run_init = false;
    Result<interp::InstanceAddr> sinst =
        instantiate_and_init(*snap_.engine, *snap_.module, *snap_.valid, no_init);
    ASSERT_TRUE(sinst.ok()) << sinst.error().message;
    snap_.inst = *sinst;
    expect_same_state();
    // Fixed point: capturing the snapshot's fresh instance gives the same bytes.
    no_init.renames.clear();
    Result<Module> again = capture(*snap_.engine, snap_.inst, *snap_.module, no_init);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(binary::encode(*again), bytes_) << "snapshot --no-init is not a fixed point";
  }

  // The same reference in both instances: the same kind and, for functions, the same index.
  static std::string ref_id(const Loaded& l, uint64_t r) {
    if (interp::ref_kind(r) == interp::RefKind::Func) {
      const auto& funcs = l.mi().funcs;
      for (size_t x = 0; x < funcs.size(); ++x)
        if (funcs[x] == interp::ref_payload(r)) return "func " + std::to_string(x);
      return "foreign func";
    }
    return std::to_string(r);
  }

  void expect_same_state() {
    const interp::ModuleInst &a = original_.mi(), &b = snap_.mi();
    ASSERT_EQ(a.mems.size(), b.mems.size());
    for (size_t x = 0; x < a.mems.size(); ++x) {
      ASSERT_EQ(a.mem_ptrs[x]->bytes(), b.mem_ptrs[x]->bytes()) << "memory " << x;
      EXPECT_EQ(0, std::memcmp(a.mem_ptrs[x]->data, b.mem_ptrs[x]->data, a.mem_ptrs[x]->bytes()))
          << "memory " << x;
    }
    ASSERT_EQ(a.globals.size(), b.globals.size());
    for (size_t x = 0; x < a.globals.size(); ++x) {
      const interp::GlobalInst &ga = *a.global_ptrs[x], &gb = *b.global_ptrs[x];
      if (ga.type.type.kind == ValKind::Ref)
        EXPECT_EQ(ref_id(original_, ga.value.ref()), ref_id(snap_, gb.value.ref()))
            << "global " << x;
      else
        EXPECT_TRUE(ga.value.lo == gb.value.lo && ga.value.hi == gb.value.hi) << "global " << x;
    }
    ASSERT_EQ(a.tables.size(), b.tables.size());
    for (size_t x = 0; x < a.tables.size(); ++x) {
      const auto &ra = a.table_ptrs[x]->refs, &rb = b.table_ptrs[x]->refs;
      ASSERT_EQ(ra.size(), rb.size()) << "table " << x;
      for (size_t i = 0; i < ra.size(); ++i)
        EXPECT_EQ(ref_id(original_, ra[i]), ref_id(snap_, rb[i])) << "table " << x << " slot " << i;
    }
    // Segments the snapshot keeps (it leaves out those no code names).
    for (size_t x = 0; x < std::min(a.elems.size(), b.elems.size()); ++x)
      EXPECT_EQ(a.elem_ptrs[x]->refs.size(), b.elem_ptrs[x]->refs.size()) << "elem " << x;
    for (size_t x = 0; x < std::min(a.datas.size(), b.datas.size()); ++x)
      EXPECT_EQ(a.data_ptrs[x]->bytes, b.data_ptrs[x]->bytes) << "data " << x;
  }

  // Calls `name` on both instances; expects the same outcome (status, message, values).
  void expect_same_call(std::string_view name, std::vector<interp::Value> args = {}) {
    interp::Outcome a = original_.call(name, args), b = snap_.call(name, args);
    EXPECT_EQ(int(a.status), int(b.status)) << name << ": " << a.message << " / " << b.message;
    EXPECT_EQ(a.message, b.message) << name;
    ASSERT_EQ(a.values.size(), b.values.size()) << name;
    for (size_t i = 0; i < a.values.size(); ++i) {
      if (a.values[i].kind == ValKind::Ref)
        EXPECT_EQ(ref_id(original_, a.values[i].bits), ref_id(snap_, b.values[i].bits)) << name;
      else
        EXPECT_EQ(a.values[i].bits, b.values[i].bits) << name;
    }
  }

  // The single numeric result of `name` on the snapshot.
  uint64_t snap_result(std::string_view name, std::vector<interp::Value> args = {}) {
    interp::Outcome o = snap_.call(name, args);
    EXPECT_EQ(o.status, interp::Outcome::Status::Values) << o.message;
    return o.values.size() == 1 ? o.values[0].bits : ~uint64_t(0);
  }

  Loaded original_, snap_;
  std::vector<uint8_t> bytes_;
};

}  // namespace wasm::snapshot::test
