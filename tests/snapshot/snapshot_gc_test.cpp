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

}  // namespace
}  // namespace wasm::snapshot::test
