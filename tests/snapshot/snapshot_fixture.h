// Test helper for `wasmref snapshot`: the original instance after init next to an instance of
// its snapshot, and comparisons of their state (memories, globals, tables, segments).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "interpreter/engine.h"
#include "interpreter/store.h"
#include "snapshot/snapshot.h"
#include "tests/snapshot/same_state.h"
#include "text/parse.h"

namespace wasm::snapshot::test {

inline interp::Value i32(uint32_t v) { return interp::Value{ValKind::I32, v, {}}; }
inline interp::Value i64(uint64_t v) { return interp::Value{ValKind::I64, v, {}}; }

class SnapshotTest : public ::testing::Test {
 protected:
  // With SNAPSHOT_MODULES_DIR set, every module a test snapshots is also written there as
  // TestName.wat (TestName-2.wat, ... for more), for tools/wizer-compare.sh.
  static void save(std::string_view wat) {
    const char* dir = std::getenv("SNAPSHOT_MODULES_DIR");
    if (!dir) return;
    static std::map<std::string, int> seen;
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    int n = ++seen[name];
    std::ofstream(std::string(dir) + "/" + name + (n > 1 ? "-" + std::to_string(n) : "") + ".wat")
        << wat << "\n";
  }

  // Parses and validates `wat` into a fresh engine (not instantiated).
  static Loaded parse(std::string_view wat) {
    save(wat);
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

  // The snapshot's instance in the same state as the original after init (same_state.h).
  void expect_same_state() { EXPECT_EQ(SameState(original_, snap_).state(), ""); }

  // Calls `name` on both instances; expects the same outcome (status, message, values).
  void expect_same_call(std::string_view name, std::vector<interp::Value> args = {}) {
    interp::Outcome a = original_.call(name, args), b = snap_.call(name, args);
    EXPECT_EQ(SameState(original_, snap_).outcome(a, b), "") << name;
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
