// `wasmref snapshot`: memories, globals and the start function (docs/snapshot.md).
#include "tests/snapshot/snapshot_fixture.h"

namespace wasm::snapshot::test {
namespace {

TEST_F(SnapshotTest, MemoryGrownDuringInitKeepsSizeAndContents) {
  snapshot(R"((module
    (memory (export "mem") 1 10)
    (data (i32.const 16) "hello")
    (func (export "wizer.initialize")
      (drop (memory.grow (i32.const 2)))
      (i32.store (i32.const 70000) (i32.const 0x01020304))
      (i32.store8 (i32.const 22) (i32.const 33))     ;; 1 zero byte after "hello": merged
      (i32.store8 (i32.const 1000) (i32.const 7)))
    (func (export "size") (result i32) (memory.size))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))))");
  EXPECT_EQ(snap_.module->memories[0].type.limits.min, 3u);
  EXPECT_EQ(snap_.module->memories[0].type.limits.max, std::optional<uint64_t>(10));
  EXPECT_EQ(snap_result("size"), 3u);
  expect_same_call("load", {i32(70000)});
  expect_same_call("load", {i32(16)});
  // "hello\0!" at 16 (one range), 7 at 1000, the word at 70000: three segments, none applied
  // twice (the original active segment became an empty passive one or was left out).
  size_t active = 0;
  for (const Data& d : snap_.module->datas) active += d.mode == SegmentMode::Active;
  EXPECT_EQ(active, 3u);
  EXPECT_FALSE(snap_.module->exports.empty());
  for (const Export& e : snap_.module->exports) EXPECT_NE(e.name, "wizer.initialize");
}

TEST_F(SnapshotTest, GlobalsMutableAndImmutableTakeTheirCurrentValues) {
  snapshot(R"((module
    (global $a (mut i32) (i32.const 1))
    (global $b (mut i64) (i64.const 2))
    (global $c (mut f32) (f32.const 3))
    (global $d (mut f64) (f64.const 4))
    (global $e (mut v128) (v128.const i32x4 0 0 0 0))
    (global $k i32 (i32.const 42))
    (global $r (mut funcref) (ref.null func))
    (global $i (mut i31ref) (ref.null i31))
    (global $x (mut externref) (ref.null extern))
    (func $f (result i32) (i32.const 9))
    (elem declare func $f)
    (func (export "wizer.initialize")
      (global.set $a (i32.const -5))
      (global.set $b (i64.const 0x123456789))
      (global.set $c (f32.const nan:0x200001))
      (global.set $d (f64.const -0.5))
      (global.set $e (v128.const i32x4 1 2 3 4))
      (global.set $r (ref.func $f))
      (global.set $i (ref.i31 (i32.const -1)))
      (global.set $x (extern.convert_any (ref.i31 (i32.const 5)))))
    (func (export "a") (result i32) (global.get $a))
    (func (export "c") (result i32) (i32.reinterpret_f32 (global.get $c)))
    (func (export "i") (result i32) (i31.get_s (global.get $i)))
    (func (export "r") (result i32) (call_ref $t (ref.cast (ref $t) (global.get $r))))
    (type $t (func (result i32)))
    (func (export "bump") (result i32)
      (global.set $a (i32.add (global.get $a) (i32.const 1))) (global.get $a))))");
  expect_same_call("a");
  expect_same_call("c");
  EXPECT_EQ(snap_result("c"), 0x7fa00001u);
  EXPECT_EQ(snap_result("i"), 0xffffffffu);
  EXPECT_EQ(snap_result("r"), 9u);
  expect_same_call("bump");
  expect_same_call("bump");
}

TEST_F(SnapshotTest, StartFunctionRunsOnceAndIsRemoved) {
  snapshot(R"((module
    (global $n (mut i32) (i32.const 0))
    (func $start (global.set $n (i32.add (global.get $n) (i32.const 10))))
    (start $start)
    (func (export "wizer.initialize") (global.set $n (i32.add (global.get $n) (i32.const 1))))
    (func (export "n") (result i32) (global.get $n))))");
  EXPECT_FALSE(snap_.module->start.has_value());
  EXPECT_EQ(snap_result("n"), 11u);
}

TEST_F(SnapshotTest, MultiMemoryAndMemory64) {
  snapshot(R"((module
    (memory $m0 1)
    (memory $m1 i64 1 4)
    (memory $m2 0)
    (func (export "wizer.initialize")
      (i32.store $m0 (i32.const 8) (i32.const 0xaabbccdd))
      (drop (memory.grow $m1 (i64.const 2)))
      (i64.store $m1 (i64.const 0x20000) (i64.const -1))
      (drop (memory.grow $m2 (i32.const 1)))
      (i32.store8 $m2 (i32.const 65535) (i32.const 1)))
    (func (export "m1") (result i64) (i64.load $m1 (i64.const 0x20000)))
    (func (export "size1") (result i64) (memory.size $m1))
    (func (export "m2") (result i32) (i32.load8_u $m2 (i32.const 65535)))))");
  EXPECT_EQ(snap_.module->memories[1].type.limits.min, 3u);
  EXPECT_EQ(snap_.module->memories[2].type.limits.min, 1u);
  expect_same_call("m1");
  expect_same_call("size1");
  expect_same_call("m2");
  bool saw_i64_offset = false;
  for (const Data& d : snap_.module->datas)
    if (d.mode == SegmentMode::Active && d.mem == 1)
      saw_i64_offset = d.offset.size() == 1 && d.offset[0].op == Opcode::I64Const;
  EXPECT_TRUE(saw_i64_offset);
}

TEST_F(SnapshotTest, NoInitRunsNothingAndKeepsExports) {
  Options o;
  o.run_init = false;
  snapshot(R"((module
    (global $n (mut i32) (i32.const 0))
    (func (export "wizer.initialize") (global.set $n (i32.const 1)))
    (func (export "n") (result i32) (global.get $n))))",
           o);
  EXPECT_EQ(snap_result("n"), 0u);
  EXPECT_TRUE(snap_.call("wizer.initialize").status == interp::Outcome::Status::Values);
}

TEST_F(SnapshotTest, CustomInitFuncKeptAndRenamed) {
  Options o;
  o.init_func = "init";
  o.keep_init_func = true;
  o.renames = {{"main", "resume"}};
  snapshot(R"((module
    (global $n (mut i32) (i32.const 0))
    (func (export "init") (global.set $n (i32.const 5)))
    (func (export "main") (result i32) (i32.const -1))
    (func (export "resume") (result i32) (global.get $n))))",
           o);
  std::vector<std::string> names;
  for (const Export& e : snap_.module->exports) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"init", "main"}));
  EXPECT_EQ(snap_result("main"), 5u);
}

TEST_F(SnapshotTest, RenameOfAMissingExportIsAnError) {
  Options o;
  o.renames = {{"a", "nope"}};
  EXPECT_NE(error_of(R"((module (func (export "wizer.initialize"))))", o).find("\"nope\""),
            std::string::npos);
}

}  // namespace
}  // namespace wasm::snapshot::test
