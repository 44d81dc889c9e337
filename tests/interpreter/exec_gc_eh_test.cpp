// GC aggregates, casts, exception handling and host functions — exec/instructions.rst.
#include <stdexcept>

#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

using Gc = ExecTest;
using Eh = ExecTest;
using Host = ExecTest;

TEST_F(Gc, StructsArraysI31) {
  auto m = load(R"((module
    (type $p (struct (field $x (mut i32)) (field $y i8)))
    (type $a (array (mut i16)))
    (func (export "struct") (result i32) (local $s (ref null $p))
      (local.set $s (struct.new $p (i32.const 5) (i32.const 0x1ff)))
      (struct.set $p $x (local.get $s) (i32.const 7))
      (i32.add (struct.get $p $x (local.get $s)) (struct.get_s $p $y (local.get $s))))
    (func (export "array") (result i32) (local $r (ref null $a))
      (local.set $r (array.new $a (i32.const 0xffff) (i32.const 10)))
      (array.set $a (local.get $r) (i32.const 3) (i32.const 0x12345))
      (i32.add (array.get_u $a (local.get $r) (i32.const 3))
               (i32.add (array.len (local.get $r)) (array.get_s $a (local.get $r) (i32.const 0)))))
    (func (export "oob") (result i32)
      (array.get_u $a (array.new_default $a (i32.const 2)) (i32.const 2)))
    (func (export "null") (result i32) (struct.get $p $x (ref.null $p)))
    (func (export "i31") (result i32) (i31.get_s (ref.i31 (i32.const 0x7fffffff))))
    (func (export "test") (result i32)
      (i32.add (ref.test (ref $p) (struct.new_default $p))
               (ref.test (ref $a) (struct.new_default $p))))
    (func (export "brcast") (param anyref) (result i32)
      (block $l (result (ref i31)) (br_on_cast $l anyref (ref i31) (local.get 0)) (drop) (return (i32.const -1)))
      (i31.get_u))
    (func (export "extern") (result i32)
      (ref.test (ref i31) (any.convert_extern (extern.convert_any (ref.i31 (i32.const 1))))))))");
  EXPECT_EQ(result(m, "struct"), 6u);  // 7 + (-1)
  EXPECT_EQ(result(m, "array"), 0x2345u + 10 - 1);
  EXPECT_EQ(trap(m, "oob"), "out of bounds array access");
  EXPECT_EQ(trap(m, "null"), "null structure reference");
  EXPECT_EQ(result(m, "i31"), 0xFFFFFFFFu);
  EXPECT_EQ(result(m, "test"), 1u);
  EXPECT_EQ(result(m, "extern"), 1u);
}

TEST_F(Eh, TryTableAndThrowRef) {
  auto m = load(R"((module
    (tag $e (param i32))
    (func $thrower (param i32) (throw $e (local.get 0)))
    (func (export "catch") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $thrower (local.get 0)))
        (i32.const -1)))
    (func (export "catch_ref") (result i32)
      (block $outer (result i32)
        (try_table (catch $e $outer)
          (block $h (result i32 exnref)
            (try_table (catch_ref $e $h) (call $thrower (i32.const 9)))
            (unreachable))
          (throw_ref))
        (i32.const -1)))
    (func (export "uncaught") (call $thrower (i32.const 3)))))");
  EXPECT_EQ(result(m, "catch", {i32(42)}), 42u);
  EXPECT_EQ(result(m, "catch_ref"), 9u);
  Outcome o = call(m, "uncaught");
  EXPECT_EQ(o.status, Outcome::Status::Exception);
  ASSERT_EQ(o.values.size(), 1u);
  EXPECT_EQ(o.values[0].bits, 3u);
}

TEST_F(Eh, LegacyTryCatchRethrowDelegate) {
  auto m = load(R"((module
    (tag $e0) (tag $e1 (param i32))
    (func (export "catch") (result i32)
      (try (result i32) (do (throw $e1 (i32.const 5))) (catch $e0 (i32.const 1)) (catch $e1)))
    (func (export "rethrow") (result i32)
      (try (result i32)
        (do (try (do (throw $e0)) (catch_all (rethrow 0))) (i32.const 0))
        (catch $e0 (i32.const 2))))
    (func (export "delegate") (result i32)
      (try $t (result i32)
        (do (try (result i32)
              (do (try (result i32) (do (throw $e0)) (delegate $t)))
              (catch $e0 (i32.const 2))))
        (catch $e0 (i32.const 3))))))");
  EXPECT_EQ(result(m, "catch"), 5u);
  EXPECT_EQ(result(m, "rethrow"), 2u);
  EXPECT_EQ(result(m, "delegate"), 3u);
}

TEST_F(Host, HostFunctionsAndTheirExceptions) {
  FuncType t{{ValType::i32()}, {ValType::i32()}};
  ExternVal twice = engine_.add_host_func(t, [](std::span<const Value> args) {
    Outcome o;
    o.values.push_back(i32(uint32_t(args[0].bits) * 2));
    return o;
  });
  ExternVal fails = engine_.add_host_func(t, [](std::span<const Value>) -> Outcome {
    throw std::runtime_error("host says no");
  });
  auto m = load(R"((module (import "h" "twice" (func $t (param i32) (result i32)))
    (import "h" "fails" (func $f (param i32) (result i32)))
    (func (export "a") (result i32) (call $t (i32.const 21)))
    (func (export "b") (result i32) (call $f (i32.const 21)))))", {twice, fails});
  EXPECT_EQ(result(m, "a"), 42u);
  EXPECT_EQ(trap(m, "b"), "host says no");
  auto bad = try_load(R"((module (import "h" "twice" (func (param i64)))))", {twice});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().phase, Phase::Unlinkable);
  EXPECT_EQ(bad.error().message.rfind("incompatible import type", 0), 0u);
}

}  // namespace
}  // namespace wasm::interp::test

namespace wasm::interp::test {
namespace {

// A host function may throw a wasm exception (Outcome::Exception); wasm handlers catch it.
TEST_F(Host, HostExceptionsAreCaughtByWasmHandlers) {
  ExternVal tag = engine_.add_tag(FuncType{{ValType::i32()}, {}});
  ExternVal thrower = engine_.add_host_func(FuncType{}, [tag](std::span<const Value>) {
    Outcome o;
    o.status = Outcome::Status::Exception;
    o.tag = tag.addr;
    o.values.push_back(i32(77));
    return o;
  });
  auto m = load(R"((module (import "h" "tag" (tag $e (param i32))) (import "h" "f" (func $f))
    (func (export "catch") (result i32)
      (block $h (result i32) (try_table (catch $e $h) (call $f)) (i32.const -1)))
    (func (export "escape") (call $f))))", {tag, thrower});
  EXPECT_EQ(result(m, "catch"), 77u);
  Outcome o = call(m, "escape");
  EXPECT_EQ(o.status, Outcome::Status::Exception);
  EXPECT_EQ(o.tag, tag.addr);
}

}  // namespace
}  // namespace wasm::interp::test
