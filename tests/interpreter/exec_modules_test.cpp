// Instantiation — exec/modules.rst: import matching, initialisers, segments, partial effects.
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

using Modules = ExecTest;

TEST_F(Modules, TrapInDataSegmentKeepsEarlierWrites) {
  auto provider = load(R"((module (memory (export "mem") 1)
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))))");
  ExternVal mem = *engine_.get_export(provider, "mem");
  auto r = try_load(R"((module (import "M" "mem" (memory 1))
    (data (i32.const 0) "a") (data (i32.const 65536) "b")))", {mem});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().phase, Phase::Trap);
  EXPECT_EQ(r.error().message, "out of bounds memory access");
  EXPECT_EQ(result(provider, "peek", {i32(0)}), uint64_t('a'));
}

TEST_F(Modules, TrapInElemSegmentKeepsEarlierWrites) {
  auto provider = load(R"((module (table (export "tab") 2 funcref)
    (func (export "set?") (param i32) (result i32) (ref.is_null (table.get (local.get 0))))))");
  ExternVal tab = *engine_.get_export(provider, "tab");
  auto r = try_load(R"((module (import "M" "tab" (table 2 funcref)) (func $f)
    (elem (i32.const 1) $f) (elem (i32.const 2) $f)))", {tab});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "out of bounds table access");
  EXPECT_EQ(result(provider, "set?", {i32(1)}), 0u);  // written before the trap
  EXPECT_EQ(result(provider, "set?", {i32(0)}), 1u);
}

TEST_F(Modules, ConstantExpressionsAndTableInitialisers) {
  auto m = load(R"((module
    (global $g (import "M" "g") i32)
    (global $h i32 (i32.add (global.get $g) (i32.const 1)))
    (global $f funcref (ref.func $seven))
    (table $t 3 funcref (ref.func $seven))
    (type $s (struct (field i32)))
    (global $obj (ref $s) (struct.new $s (i32.const 9)))
    (func $seven (result i32) (i32.const 7))
    (func (export "h") (result i32) (global.get $h))
    (func (export "t") (result i32) (call_indirect (result i32) (i32.const 2)))
    (func (export "obj") (result i32) (struct.get $s 0 (global.get $obj)))))",
                {engine_.add_global(GlobalType{ValType::i32(), Mut::Const}, i32(41))});
  EXPECT_EQ(result(m, "h"), 42u);
  EXPECT_EQ(result(m, "t"), 7u);
  EXPECT_EQ(result(m, "obj"), 9u);
}

TEST_F(Modules, ImportMatchingUsesCurrentSizesAndSubtyping) {
  auto provider = load(R"((module (memory (export "mem") 1 5)
    (type $a (sub (func))) (type $b (sub $a (func)))
    (func (export "b") (type $b))))");
  ExternVal mem = *engine_.get_export(provider, "mem");
  ExternVal b = *engine_.get_export(provider, "b");
  EXPECT_TRUE(try_load(R"((module (import "M" "mem" (memory 1 6))))", {mem}).ok());
  auto small = try_load(R"((module (import "M" "mem" (memory 2))))", {mem});
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().phase, Phase::Unlinkable);
  EXPECT_EQ(small.error().message.rfind("incompatible import type", 0), 0u);
  EXPECT_TRUE(try_load(R"((module (type $a (sub (func))) (import "M" "b" (func (type $a)))))", {b}).ok());
  EXPECT_FALSE(try_load(R"((module (import "M" "b" (func (param i32)))))", {b}).ok());
}

TEST_F(Modules, ExnrefEscapesAndTagsIdentifyExceptions) {
  auto m = load(R"((module (tag $t (export "t") (param i64))
    (func (export "throw") (throw $t (i64.const 12)))))");
  Outcome o = call(m, "throw");
  ASSERT_EQ(o.status, Outcome::Status::Exception);
  EXPECT_EQ(o.tag, engine_.get_export(m, "t")->addr);
  ASSERT_EQ(o.values.size(), 1u);
  EXPECT_EQ(o.values[0].kind, ValKind::I64);
  EXPECT_EQ(o.values[0].bits, 12u);
}

TEST_F(Modules, MoreTrapMessages) {
  auto m = load(R"((module (memory 1) (table 1 funcref)
    (type $a (array (mut i8)))
    (elem $e func)
    (data $d "xy")
    (func (export "array-null") (result i32) (array.len (ref.null $a)))
    (func (export "fill") (memory.fill (i32.const 65535) (i32.const 0) (i32.const 2)))
    (func (export "init") (data.drop $d) (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)))
    (func (export "table-init") (table.init $e (i32.const 0) (i32.const 0) (i32.const 1)))
    (func (export "new-data") (result i32)
      (array.len (array.new_data $a $d (i32.const 1) (i32.const 2))))
    (func (export "huge") (result i32) (array.len (array.new_default $a (i32.const -1))))
    (func (export "throw-null") (throw_ref (ref.null exn)))))");
  EXPECT_EQ(trap(m, "array-null"), "null array reference");
  EXPECT_EQ(trap(m, "fill"), "out of bounds memory access");
  EXPECT_EQ(trap(m, "init"), "out of bounds memory access");
  EXPECT_EQ(trap(m, "table-init"), "out of bounds table access");
  EXPECT_EQ(trap(m, "new-data"), "out of bounds memory access");
  EXPECT_EQ(trap(m, "huge"), "array size too large");
  EXPECT_EQ(trap(m, "throw-null"), "null exception reference");
}

TEST_F(Modules, Table64GrowNeverWrapsAround) {
  auto m = load(R"((module (table $t i64 10 funcref)
    (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
    (func (export "size") (result i64) (table.size $t))))");
  EXPECT_EQ(result(m, "grow", {i64(~uint64_t(0) - 4)}), ~uint64_t(0));
  EXPECT_EQ(result(m, "size"), 10u);
  EXPECT_EQ(result(m, "grow", {i64(5)}), 10u);
  EXPECT_EQ(result(m, "size"), 15u);
}

// The store-wide memory limit (EngineOptions::max_memory): memories, tables and GC data of one
// store together. Growth past it fails (-1), allocation traps, instantiation fails.
class MemoryLimit : public ExecTest {
 protected:
  MemoryLimit() : ExecTest(options()) {}
  static EngineOptions options() {
    EngineOptions o;
    o.max_memory = 4 << 20;  // 4 MiB: 64 pages
    return o;
  }
};

TEST_F(MemoryLimit, BoundsMemoriesTablesAndGcDataTogether) {
  auto m = load(R"((module
    (type $bytes (array (mut i8)))
    (type $pair (struct (field i64) (field i64)))
    (type $e (func))
    (tag $t)
    (memory $a 1)
    (memory $b 1)
    (table $tab 1 funcref)
    (func (export "grow-a") (param i32) (result i32) (memory.grow $a (local.get 0)))
    (func (export "grow-b") (param i32) (result i32) (memory.grow $b (local.get 0)))
    (func (export "grow-table") (param i32) (result i32)
      (table.grow $tab (ref.null func) (local.get 0)))
    (func (export "array") (param i32) (result i32)
      (array.len (array.new_default $bytes (local.get 0))))
    (func (export "structs")
      (loop $l (drop (struct.new_default $pair)) (br $l)))
    (func (export "exceptions")
      (loop $l (block $h (try_table (catch $t $h) (throw $t))) (br $l)))))");
  // 2 of 64 pages are taken: the two memories together may grow by 62 more.
  EXPECT_EQ(result(m, "grow-a", {i32(40)}), 1u);
  EXPECT_EQ(result(m, "grow-b", {i32(30)}), ~uint32_t(0));  // 1 + 41 + 30 > 64
  EXPECT_EQ(result(m, "grow-b", {i32(20)}), 1u);
  EXPECT_EQ(result(m, "grow-table", {i32(1 << 20)}), ~uint32_t(0));  // 8 MiB of elements
  EXPECT_EQ(result(m, "grow-table", {i32(16)}), 1u);
  EXPECT_EQ(trap(m, "array", {i32(8 << 20)}), kOutOfMemoryMessage);
  EXPECT_EQ(trap(m, "structs"), kOutOfMemoryMessage);
  EXPECT_EQ(trap(m, "exceptions"), kOutOfMemoryMessage);
  // What is left is too little for a new module's memory.
  auto r = try_load("(module (memory 8))");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("memory allocation failed: out of memory", 0), 0u)
      << r.error().message;
}

}  // namespace
}  // namespace wasm::interp::test
