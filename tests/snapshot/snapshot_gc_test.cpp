// `wasmref snapshot`: GC objects reachable from globals and tables, rebuilt with struct.new
// and array.new_fixed (snapshot/gc_objects.h).
#include "tests/snapshot/snapshot_fixture.h"

namespace wasm::snapshot::test {
namespace {

TEST_F(SnapshotTest, StructsAndArraysInGlobalsAreRebuilt) {
  snapshot(R"((module
    (type $pt (struct (field $x (mut i32)) (field $y i8) (field $next (ref null $pt))))
    (type $bytes (array (mut i8)))
    (type $refs (array (ref null $pt)))
    (global $p (mut (ref null $pt)) (ref.null $pt))
    (global $a (mut (ref null $bytes)) (ref.null $bytes))
    (global $r (mut anyref) (ref.null any))
    (func (export "wizer.initialize")
      (global.set $p (struct.new $pt (i32.const 5) (i32.const 200)
                                 (struct.new $pt (i32.const 6) (i32.const -1) (ref.null $pt))))
      (struct.set $pt $x (global.get $p) (i32.const 7))
      (global.set $a (array.new $bytes (i32.const 3) (i32.const 4)))
      (array.set $bytes (global.get $a) (i32.const 1) (i32.const 0x1ff))
      (global.set $r (array.new_fixed $refs 2 (ref.null $pt)
                                      (struct.new $pt (i32.const 9) (i32.const 0) (ref.null $pt)))))
    (func (export "x") (result i32) (struct.get $pt $x (global.get $p)))
    (func (export "y") (result i32) (struct.get_u $pt $y (global.get $p)))
    (func (export "next_y") (result i32)
      (struct.get_s $pt $y (struct.get $pt $next (global.get $p))))
    (func (export "a1") (result i32) (array.get_u $bytes (global.get $a) (i32.const 1)))
    (func (export "alen") (result i32) (array.len (global.get $a)))
    (func (export "r1") (result i32)
      (struct.get $pt $x (array.get $refs (ref.cast (ref $refs) (global.get $r)) (i32.const 1))))))");
  expect_same_call("x");
  EXPECT_EQ(snap_result("x"), 7u);
  EXPECT_EQ(snap_result("y"), 200u);
  EXPECT_EQ(snap_result("next_y"), 0xffffffffu);
  EXPECT_EQ(snap_result("a1"), 0xffu);
  EXPECT_EQ(snap_result("alen"), 4u);  // array.new: value 3, length 4
  EXPECT_EQ(snap_result("r1"), 9u);
}

TEST_F(SnapshotTest, StructsInAnAnyrefTableAreRebuilt) {
  snapshot(R"((module
    (type $s (struct (field i64)))
    (table $t 2 anyref)
    (func (export "wizer.initialize")
      (table.set $t (i32.const 1) (struct.new $s (i64.const 0x1234567890))))
    (func (export "get") (result i64)
      (struct.get $s 0 (ref.cast (ref $s) (table.get $t (i32.const 1)))))))");
  EXPECT_EQ(snap_result("get"), 0x1234567890u);
}

// Objects several places reach are built once, in a home global, and read with global.get
// (snapshot/gc_sharing.cpp): identity (ref.eq) survives the snapshot.
TEST_F(SnapshotTest, AnObjectInTwoMutableGlobalsGetsANewHomeGlobal) {
  snapshot(R"((module
    (type $s (struct (field (mut i32))))
    (global $a (mut (ref null $s)) (ref.null $s))
    (global $b (export "b") (mut (ref null $s)) (ref.null $s))
    (func (export "wizer.initialize")
      (global.set $a (struct.new $s (i32.const 1)))
      (global.set $b (global.get $a)))
    (func (export "same") (result i32) (ref.eq (global.get $a) (global.get $b)))
    (func (export "bump") (result i32)
      (struct.set $s 0 (global.get $a) (i32.const 9))
      (struct.get $s 0 (global.get $b)))
    ;; a "name" section naming global 1 "g" (subsection 7)
    (@custom "name" "\07\04\01\01\01g")))");
  ASSERT_EQ(snap_.module->globals.size(), 3u);  // the home first: (global (ref $s) (struct.new))
  EXPECT_EQ(snap_.module->globals[0].type.mut, Mut::Const);
  EXPECT_EQ(snap_.module->globals[0].init.back().op, Opcode::StructNew);
  EXPECT_EQ(snap_.module->globals[1].init, (Expr{Instr{Opcode::GlobalGet, uint32_t(0), {}}}));
  // The export of $b follows it to index 2; code reads the moved globals.
  EXPECT_EQ(snap_.module->exports[0].index, 2u);
  ASSERT_EQ(snap_.module->customs.size(), 1u);  // the name moves with its global
  EXPECT_EQ(snap_.module->customs[0].bytes, (std::vector<uint8_t>{7, 4, 1, 2, 1, 'g'}));
  EXPECT_EQ(snap_result("same"), 1u);
  expect_same_call("bump");
  EXPECT_EQ(snap_result("bump"), 9u);
}

TEST_F(SnapshotTest, AnImmutableGlobalOfTheObjectsTypeIsItsHome) {
  snapshot(R"((module
    (type $s (struct (field i32)))
    (global $g (ref $s) (struct.new $s (i32.const 4)))
    (table $t 3 (ref null $s))
    (func (export "wizer.initialize")
      (table.set $t (i32.const 0) (global.get $g))
      (table.set $t (i32.const 2) (global.get $g)))
    (func (export "same") (param i32) (result i32)
      (ref.eq (global.get $g) (table.get $t (local.get 0))))))");
  ASSERT_EQ(snap_.module->globals.size(), 1u);  // no new global
  EXPECT_EQ(snap_result("same", {i32(0)}), 1u);
  EXPECT_EQ(snap_result("same", {i32(1)}), 0u);
  EXPECT_EQ(snap_result("same", {i32(2)}), 1u);
}

TEST_F(SnapshotTest, SharedSubObjectsAndATableInitialiserKeepTheirIdentity) {
  snapshot(R"((module
    (type $leaf (struct (field i32)))
    (type $pair (struct (field (ref $leaf)) (field (ref $leaf))))
    (type $list (array (ref null $pair)))
    ;; every slot holds the one object the initialiser made
    (table $t 3 (ref $leaf) (struct.new $leaf (i32.const 7)))
    (global $p (mut (ref null $pair)) (ref.null $pair))
    (global $l (mut (ref null $list)) (ref.null $list))
    (func (export "wizer.initialize")
      (local $x (ref $leaf))
      (local.set $x (struct.new $leaf (i32.const 1)))
      (global.set $p (struct.new $pair (local.get $x) (local.get $x)))
      (global.set $l (array.new $list (global.get $p) (i32.const 2)))
      (table.set $t (i32.const 1) (local.get $x)))
    (func (export "fields_same") (result i32)
      (ref.eq (struct.get $pair 0 (global.get $p)) (struct.get $pair 1 (global.get $p))))
    (func (export "list_same") (result i32)
      (ref.eq (array.get $list (global.get $l) (i32.const 1)) (global.get $p)))
    (func (export "slot_is_leaf") (param i32) (result i32)
      (ref.eq (table.get $t (local.get 0)) (struct.get $pair 0 (global.get $p))))
    (func (export "slots_same") (result i32)
      (ref.eq (table.get $t (i32.const 0)) (table.get $t (i32.const 2))))))");
  EXPECT_EQ(snap_result("fields_same"), 1u);
  EXPECT_EQ(snap_result("list_same"), 1u);
  EXPECT_EQ(snap_result("slot_is_leaf", {i32(0)}), 0u);
  EXPECT_EQ(snap_result("slot_is_leaf", {i32(1)}), 1u);
  EXPECT_EQ(snap_result("slots_same"), 1u);
  // Homes: the leaf, the table's object, the pair (reached from $p and the array), each once.
  EXPECT_EQ(snap_.module->globals.size(), 5u);
}

TEST_F(SnapshotTest, APassiveSegmentSharesItsObjectsWithTheTable) {
  snapshot(R"((module
    (type $s (struct (field i32)))
    (table $t 2 (ref null $s))
    (elem $e (ref null $s) (item (struct.new $s (i32.const 3))))
    (func (export "wizer.initialize") (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1)))
    (func (export "again_same") (result i32)
      (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 1))
      (ref.eq (table.get $t (i32.const 0)) (table.get $t (i32.const 1))))))");
  expect_same_call("again_same");
  EXPECT_EQ(snap_result("again_same"), 1u);
}

}  // namespace
}  // namespace wasm::snapshot::test
