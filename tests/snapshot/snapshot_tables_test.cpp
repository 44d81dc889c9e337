// `wasmref snapshot`: tables and element/data segments (docs/snapshot.md), including the
// cases Wizer refuses (table.set, table.grow, table.copy, table.init, ref.func, elem.drop,
// data.drop during init; reference types).
#include "tests/snapshot/snapshot_fixture.h"

namespace wasm::snapshot::test {
namespace {

TEST_F(SnapshotTest, FuncrefTableFilledDuringInit) {
  snapshot(R"((module
    (type $t (func (result i32)))
    (table $tab 2 funcref)
    (func $a (result i32) (i32.const 1))
    (func $b (result i32) (i32.const 2))
    (func $c (result i32) (i32.const 3))
    (elem $p func $c $a)
    (elem declare func $a $b)
    (func (export "wizer.initialize")
      (table.set $tab (i32.const 1) (ref.func $b))
      (drop (table.grow $tab (ref.func $a) (i32.const 3)))   ;; size 5, slots 2..4 = $a
      (table.set $tab (i32.const 3) (ref.null func))
      (table.copy $tab $tab (i32.const 0) (i32.const 1) (i32.const 1))  ;; slot 0 = $b
      (table.init $tab $p (i32.const 4) (i32.const 0) (i32.const 1)))  ;; slot 4 = $c
    (func (export "call") (param i32) (result i32) (call_indirect $tab (type $t) (local.get 0)))
    (func (export "size") (result i32) (table.size $tab))))");
  EXPECT_EQ(snap_.module->tables[0].type.limits.min, 5u);
  for (uint32_t i = 0; i < 6; ++i) expect_same_call("call", {i32(i)});
  EXPECT_EQ(snap_result("call", {i32(4)}), 3u);
  EXPECT_EQ(snap_result("size"), 5u);
}

TEST_F(SnapshotTest, ExternrefTableOfNullsKeepsItsSize) {
  snapshot(R"((module
    (table $t 1 externref)
    (func (export "wizer.initialize") (drop (table.grow $t (ref.null extern) (i32.const 4))))
    (func (export "size") (result i32) (table.size $t))))");
  EXPECT_EQ(snap_result("size"), 5u);
}

TEST_F(SnapshotTest, ExternrefTableWithAHostReferenceIsRefused) {
  Loaded l = parse(R"((module
    (table $t 4 externref)
    (func (export "set") (param externref) (table.set $t (i32.const 2) (local.get 0)))))");
  Options o;
  o.run_init = false;
  auto inst = instantiate_and_init(*l.engine, *l.module, *l.valid, o);
  ASSERT_TRUE(inst.ok());
  l.inst = *inst;
  interp::Value host = l.engine->extern_ref(7);
  ASSERT_EQ(l.call("set", {host}).status, interp::Outcome::Status::Values);
  Result<Module> snap = capture(*l.engine, l.inst, *l.module, o);
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.error().message,
            "table 0 slot 2: holds a host reference, which a module cannot recreate");
}

TEST_F(SnapshotTest, ExternrefTableWithAnInternalizedI31IsExpressed) {
  snapshot(R"((module
    (table $t 3 externref)
    (func (export "wizer.initialize")
      (table.set $t (i32.const 1) (extern.convert_any (ref.i31 (i32.const 77)))))
    (func (export "get") (result i32)
      (i31.get_u (ref.cast i31ref (any.convert_extern (table.get $t (i32.const 1))))))))");
  EXPECT_EQ(snap_result("get"), 77u);
}

TEST_F(SnapshotTest, NonNullableTypedTableGetsAnInitialiser) {
  snapshot(R"((module
    (type $t (func (result i32)))
    (func $a (type $t) (i32.const 1))
    (func $b (type $t) (i32.const 2))
    (table $tab 3 (ref $t) (ref.func $a))
    (elem declare func $b)
    (func (export "wizer.initialize")
      (table.set $tab (i32.const 0) (ref.func $b))
      (drop (table.grow $tab (ref.func $b) (i32.const 2))))
    (func (export "call") (param i32) (result i32) (call_ref $t (table.get $tab (local.get 0))))))");
  EXPECT_TRUE(snap_.module->tables[0].init.has_value());
  for (uint32_t i = 0; i < 5; ++i) expect_same_call("call", {i32(i)});
}

TEST_F(SnapshotTest, DroppedAndAppliedSegmentsStayDropped) {
  snapshot(R"((module
    (memory 1)
    (table 4 funcref)
    (func $f)
    (data $active (i32.const 0) "ab")
    (data $keep "cd")
    (data $drop "ef")
    (elem $eactive (i32.const 0) func $f)
    (elem $ekeep func $f $f)
    (elem $edrop func $f)
    (func (export "wizer.initialize") (data.drop $drop) (elem.drop $edrop))
    (func (export "minit") (param i32 i32)
      (memory.init $active (i32.const 100) (i32.const 0) (local.get 0))
      (memory.init $keep (i32.const 100) (i32.const 0) (local.get 1)))
    (func (export "mdrop") (param i32)
      (memory.init $drop (i32.const 100) (i32.const 0) (local.get 0)))
    (func (export "tinit") (param i32 i32)
      (table.init $eactive (i32.const 1) (i32.const 0) (local.get 0))
      (table.init $ekeep (i32.const 1) (i32.const 0) (local.get 1)))
    (func (export "tdrop") (param i32)
      (table.init $edrop (i32.const 1) (i32.const 0) (local.get 0)))
    (func (export "peek") (result i32) (i32.load16_u (i32.const 100)))))");
  // spec: memory.init/table.init of length 0 on a dropped segment succeed, of 1 trap.
  expect_same_call("minit", {i32(0), i32(2)});
  expect_same_call("peek");
  expect_same_call("minit", {i32(1), i32(0)});
  expect_same_call("mdrop", {i32(0)});
  expect_same_call("mdrop", {i32(1)});
  expect_same_call("tinit", {i32(0), i32(2)});
  expect_same_call("tinit", {i32(1), i32(0)});
  expect_same_call("tdrop", {i32(0)});
  expect_same_call("tdrop", {i32(1)});
  EXPECT_EQ(snap_.call("mdrop", {i32(1)}).message, "out of bounds memory access");
  EXPECT_EQ(snap_.module->datas[1].init, (std::vector<uint8_t>{'c', 'd'}));
  EXPECT_TRUE(snap_.module->datas[2].init.empty());
  EXPECT_EQ(snap_.module->datas[0].mode, SegmentMode::Passive);
  EXPECT_EQ(snap_.module->elems[0].mode, SegmentMode::Passive);
  EXPECT_TRUE(snap_.module->elems[0].init.empty());
}

TEST_F(SnapshotTest, RefFuncDeclaredOnlyByAnAppliedSegmentStaysDeclared) {
  snapshot(R"((module
    (table 1 funcref)
    (func $f (result i32) (i32.const 4))
    (elem (i32.const 0) func $f)
    (func (export "wizer.initialize") (table.set (i32.const 0) (ref.null func)))
    (func (export "get") (result funcref) (ref.func $f))))");
  expect_same_call("get");
}

}  // namespace
}  // namespace wasm::snapshot::test
