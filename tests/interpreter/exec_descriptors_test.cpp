// The custom-descriptors proposal at run time: struct.new_desc, ref.get_desc, ref.cast_desc_eq,
// br_on_cast_desc_eq*, exact casts and exact function imports (the reduction rules of the
// proposal's eval.ml: "null descriptor reference", "descriptor cast failure", "null reference").
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

using Desc = ExecTest;

constexpr std::string_view kDescribed = R"((module
  (rec
    (type $t (descriptor $d) (struct (field i32)))
    (type $d (describes $t) (struct)))
  (global $d1 (ref (exact $d)) (struct.new $d))
  (global $d2 (ref (exact $d)) (struct.new $d))
  (global $o (ref $t) (struct.new_desc $t (i32.const 7) (global.get $d1)))
  (func (export "same-desc") (result i32)
    (ref.eq (ref.get_desc $t (global.get $o)) (global.get $d1)))
  (func (export "other-desc") (result i32)
    (ref.eq (ref.get_desc $t (global.get $o)) (global.get $d2)))
  (func (export "new-null-desc") (result i32)
    (struct.get $t 0 (struct.new_desc $t (i32.const 1) (ref.null none))))
  (func (export "get-desc-null") (result i32)
    (ref.is_null (ref.get_desc $t (ref.null $t))))
  (func (export "cast") (param i32) (result i32)
    (struct.get $t 0 (ref.cast_desc_eq (ref $t) (global.get $o)
      (select (result (ref (exact $d))) (global.get $d1) (global.get $d2) (local.get 0)))))
  (func (export "cast-null") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (ref.is_null (ref.cast_desc_eq (ref null $t) (ref.null any) (global.get $d1))))
      (else (ref.is_null (ref.cast_desc_eq (ref $t) (ref.null any) (global.get $d1))))))
  (func (export "cast-null-desc") (result i32)
    (ref.is_null (ref.cast_desc_eq (ref null $t) (global.get $o) (ref.null none))))
  (func (export "br") (param (ref null $d)) (result i32)
    (block $l (result (ref $t))
      (br_on_cast_desc_eq $l anyref (ref $t) (global.get $o) (local.get 0))
      (drop) (return (i32.const -1)))
    (struct.get $t 0))
  (func (export "br-fail") (param (ref null $d)) (result i32)
    (block $l (result anyref)
      (br_on_cast_desc_eq_fail $l anyref (ref $t) (global.get $o) (local.get 0))
      (drop) (return (i32.const 1)))
    (drop) (i32.const 0))
  (func (export "d1") (result (ref $d)) (global.get $d1))
  (func (export "d2") (result (ref $d)) (global.get $d2)))
)";

TEST_F(Desc, DescriptorIsTheOneAllocatedWith) {
  auto m = load(kDescribed);
  EXPECT_EQ(result(m, "same-desc"), 1u);
  EXPECT_EQ(result(m, "other-desc"), 0u);
  EXPECT_EQ(trap(m, "new-null-desc"), "null descriptor reference");
  EXPECT_EQ(trap(m, "get-desc-null"), "null reference");
}

TEST_F(Desc, RefCastDescEq) {
  auto m = load(kDescribed);
  EXPECT_EQ(result(m, "cast", {i32(1)}), 7u);
  EXPECT_EQ(trap(m, "cast", {i32(0)}), "descriptor cast failure");
  EXPECT_EQ(result(m, "cast-null", {i32(1)}), 1u);
  EXPECT_EQ(trap(m, "cast-null", {i32(0)}), "descriptor cast failure");
  EXPECT_EQ(trap(m, "cast-null-desc"), "null descriptor reference");
}

TEST_F(Desc, BrOnCastDescEq) {
  auto m = load(kDescribed);
  Outcome d1 = call(m, "d1");
  Outcome d2 = call(m, "d2");
  ASSERT_EQ(d1.values.size(), 1u);
  ASSERT_EQ(d2.values.size(), 1u);
  EXPECT_EQ(result(m, "br", {d1.values[0]}), 7u);
  EXPECT_EQ(result(m, "br", {d2.values[0]}), 0xFFFFFFFFu);
  EXPECT_EQ(result(m, "br-fail", {d1.values[0]}), 1u);
  EXPECT_EQ(result(m, "br-fail", {d2.values[0]}), 0u);
  Value null_desc = d1.values[0];
  null_desc.bits = 0;
  EXPECT_EQ(trap(m, "br", {null_desc}), "null descriptor reference");
}

TEST_F(Desc, ExactCastsSeeTheAllocatedType) {
  auto m = load(R"((module
    (type $super (sub (struct)))
    (type $sub (sub $super (struct)))
    (func (export "exact-super") (result i32) (ref.test (ref (exact $super)) (struct.new $sub)))
    (func (export "super") (result i32) (ref.test (ref $super) (struct.new $sub)))
    (func (export "exact-sub") (result i32) (ref.test (ref (exact $sub)) (struct.new $sub)))))");
  EXPECT_EQ(result(m, "exact-super"), 0u);
  EXPECT_EQ(result(m, "super"), 1u);
  EXPECT_EQ(result(m, "exact-sub"), 1u);
}

TEST_F(Desc, ExactFunctionImportNeedsTheFunctionsOwnType) {
  auto provider = load(R"((module
    (type $super (sub (func))) (type $sub (sub $super (func)))
    (func (export "f") (type $sub))))");
  ExternVal f = *engine_.get_export(provider, "f");
  constexpr std::string_view kTypes = "(type $super (sub (func))) (type $sub (sub $super (func)))";
  auto load_with = [&](std::string_view import) {
    return try_load(cat("(module ", kTypes, " ", import, ")"), {f});
  };
  EXPECT_TRUE(load_with(R"((import "M" "f" (func (type $super))))").ok());
  EXPECT_TRUE(load_with(R"((import "M" "f" (func (exact (type $sub)))))").ok());
  auto exact_super = load_with(R"((import "M" "f" (func (exact (type $super)))))");
  ASSERT_FALSE(exact_super.ok());
  EXPECT_EQ(exact_super.error().phase, Phase::Unlinkable);
  EXPECT_EQ(exact_super.error().message.rfind("incompatible import type", 0), 0u);
}

}  // namespace
}  // namespace wasm::interp::test
