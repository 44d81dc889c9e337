// Result patterns of the script runner (wast/values.h): NaN patterns, v128 lane patterns,
// either, reference patterns — without an engine (references are described by RefInfo).
#include "wast/values.h"

#include <gtest/gtest.h>

#include "text/script.h"

namespace wasm::wast {
namespace {

using interp::RefInfo;
using interp::Value;
using text::NanPattern;
using text::ScriptValue;
using RK = RefInfo::Kind;

// The expected results of `(assert_return (invoke "f") RESULTS)`.
std::vector<ScriptValue> results(const std::string& text) {
  auto script = text::parse_script("(assert_return (invoke \"f\") " + text + ")");
  EXPECT_TRUE(script.ok()) << (script.ok() ? "" : script.error().message);
  if (!script.ok()) return {};
  return script->commands.at(0).expected;
}
ScriptValue result(const std::string& text) { return results(text).at(0); }

Value num(ValKind k, uint64_t bits) {
  Value v;
  v.kind = k;
  v.bits = bits;
  return v;
}

// References in these tests carry their RefInfo in `bits`: kind | externalized << 8 |
// payload << 16.
Value ref(RK kind, uint32_t payload = 0, bool externalized = false) {
  return num(ValKind::Ref, uint64_t(kind) | uint64_t(externalized) << 8 | uint64_t(payload) << 16);
}
RefInfo inspect(const Value& v) {
  return RefInfo{RK(v.bits & 0xff), bool((v.bits >> 8) & 1), uint32_t(v.bits >> 16)};
}
bool matches(const Value& v, const std::string& pattern) {
  return match_result(v, result(pattern), inspect);
}

TEST(NanPatterns, CanonicalIsExactlyTheTwoCanonicalNans) {
  EXPECT_TRUE(match_nan(0x7fc00000, false, NanPattern::Canonical));
  EXPECT_TRUE(match_nan(0xffc00000, false, NanPattern::Canonical));
  EXPECT_FALSE(match_nan(0x7fc00001, false, NanPattern::Canonical));
  EXPECT_FALSE(match_nan(0x7fa00000, false, NanPattern::Canonical));
  EXPECT_TRUE(match_nan(0x7ff8000000000000, true, NanPattern::Canonical));
  EXPECT_TRUE(match_nan(0xfff8000000000000, true, NanPattern::Canonical));
  EXPECT_FALSE(match_nan(0x7ff8000000000001, true, NanPattern::Canonical));
}

TEST(NanPatterns, ArithmeticNeedsTheQuietBit) {
  EXPECT_TRUE(match_nan(0x7fc00001, false, NanPattern::Arithmetic));
  EXPECT_TRUE(match_nan(0xffffffff, false, NanPattern::Arithmetic));
  EXPECT_FALSE(match_nan(0x7fa00000, false, NanPattern::Arithmetic));  // signalling
  EXPECT_FALSE(match_nan(0x7f800000, false, NanPattern::Arithmetic));  // infinity
  EXPECT_TRUE(match_nan(0x7ffc000000000000, true, NanPattern::Arithmetic));
  EXPECT_FALSE(match_nan(0x7ff4000000000000, true, NanPattern::Arithmetic));
}

TEST(NanPatterns, ScalarResults) {
  EXPECT_TRUE(matches(num(ValKind::F32, 0xffc00000), "(f32.const nan:canonical)"));
  EXPECT_FALSE(matches(num(ValKind::F32, 0x7fc00001), "(f32.const nan:canonical)"));
  EXPECT_TRUE(matches(num(ValKind::F32, 0x7fc00001), "(f32.const nan:arithmetic)"));
  EXPECT_FALSE(matches(num(ValKind::F64, 0x7ff8000000000000), "(f32.const nan:canonical)"));
  EXPECT_TRUE(matches(num(ValKind::F64, 0x7ff8000000000000), "(f64.const nan:canonical)"));
  // A NaN literal compares bit for bit.
  EXPECT_TRUE(matches(num(ValKind::F32, 0x7fa00000), "(f32.const nan:0x200000)"));
  EXPECT_FALSE(matches(num(ValKind::F32, 0x7fc00000), "(f32.const nan:0x200000)"));
}

TEST(NumberResults, CompareKindAndBits) {
  EXPECT_TRUE(matches(num(ValKind::I32, 0xffffffff), "(i32.const -1)"));
  EXPECT_FALSE(matches(num(ValKind::I64, 0xffffffff), "(i32.const -1)"));
  EXPECT_TRUE(matches(num(ValKind::I64, ~uint64_t(0)), "(i64.const -1)"));
  EXPECT_FALSE(matches(num(ValKind::F32, 0x80000000), "(f32.const 0)"));  // -0 is not +0
  EXPECT_TRUE(matches(num(ValKind::F32, 0x3f800000), "(f32.const 1.0)"));
}

Value v128_of(std::initializer_list<uint32_t> lanes) {
  Value v;
  v.kind = ValKind::V128;
  size_t i = 0;
  for (uint32_t lane : lanes)
    for (int b = 0; b < 4; ++b) v.v128[i++] = uint8_t(lane >> (8 * b));
  return v;
}

TEST(LanePatterns, IntegerLanesCompareBits) {
  Value v = v128_of({1, 2, 3, 0xffffffff});
  EXPECT_TRUE(matches(v, "(v128.const i32x4 1 2 3 -1)"));
  EXPECT_FALSE(matches(v, "(v128.const i32x4 1 2 3 4)"));
  EXPECT_TRUE(matches(v, "(v128.const i64x2 0x0000000200000001 0xffffffff00000003)"));
  EXPECT_TRUE(matches(v128_of({0xffffffff, 0, 0, 0}), "(v128.const i8x16 -1 255 -1 -1 0 0 0 0 0 0 0 0 0 0 0 0)"));
}

TEST(LanePatterns, FloatLanesMayBeNanPatterns) {
  Value v = v128_of({0x7fc00000, 0x3f800000, 0xffc00000, 0x7fc00005});
  EXPECT_TRUE(matches(v, "(v128.const f32x4 nan:canonical 1.0 nan:canonical nan:arithmetic)"));
  EXPECT_FALSE(matches(v, "(v128.const f32x4 nan:canonical 1.0 nan:canonical nan:canonical)"));
  EXPECT_FALSE(matches(v, "(v128.const f32x4 nan:canonical 2.0 nan:canonical nan:arithmetic)"));
  Value w = v128_of({0, 0x7ff80000, 0, 0x3ff00000});
  EXPECT_TRUE(matches(w, "(v128.const f64x2 nan:canonical 1.0)"));
  EXPECT_FALSE(matches(num(ValKind::I32, 0), "(v128.const f64x2 nan:canonical 1.0)"));
}

TEST(Either, AnyAlternativeMatches) {
  EXPECT_TRUE(matches(num(ValKind::I32, 2), "(either (i32.const 1) (i32.const 2))"));
  EXPECT_FALSE(matches(num(ValKind::I32, 3), "(either (i32.const 1) (i32.const 2))"));
  EXPECT_TRUE(matches(num(ValKind::F32, 0x7fc00000),
                      "(either (f32.const 0) (f32.const nan:canonical))"));
  EXPECT_TRUE(matches(v128_of({1, 1, 1, 1}),
                      "(either (v128.const i32x4 0 0 0 0) (v128.const i32x4 1 1 1 1))"));
}

TEST(RefPatterns, Null) {
  EXPECT_TRUE(matches(ref(RK::Null), "(ref.null)"));
  EXPECT_TRUE(matches(ref(RK::Null), "(ref.null func)"));
  EXPECT_TRUE(matches(ref(RK::Null), "(ref.null extern)"));
  EXPECT_FALSE(matches(ref(RK::Func), "(ref.null func)"));
  EXPECT_FALSE(matches(num(ValKind::I32, 0), "(ref.null)"));
}

TEST(RefPatterns, HostAndExtern) {
  EXPECT_TRUE(matches(ref(RK::Host, 7, true), "(ref.extern 7)"));
  EXPECT_FALSE(matches(ref(RK::Host, 8, true), "(ref.extern 7)"));
  EXPECT_FALSE(matches(ref(RK::Host, 7, false), "(ref.extern 7)"));
  EXPECT_TRUE(matches(ref(RK::Host, 7, false), "(ref.host 7)"));
  EXPECT_FALSE(matches(ref(RK::Host, 7, true), "(ref.host 7)"));
  // (ref.extern) is the reference's RefTypePat ExternHT: anything, even null.
  EXPECT_TRUE(matches(ref(RK::Struct, 0, true), "(ref.extern)"));
  EXPECT_TRUE(matches(ref(RK::Null), "(ref.extern)"));
}

TEST(RefPatterns, AbstractKinds) {
  EXPECT_TRUE(matches(ref(RK::Func), "(ref.func)"));
  EXPECT_FALSE(matches(ref(RK::Null), "(ref.func)"));
  EXPECT_TRUE(matches(ref(RK::Struct), "(ref.struct)"));
  EXPECT_TRUE(matches(ref(RK::Array), "(ref.array)"));
  EXPECT_TRUE(matches(ref(RK::I31, 5), "(ref.i31)"));
  EXPECT_TRUE(matches(ref(RK::Exn), "(ref.exn)"));
  for (RK k : {RK::I31, RK::Struct, RK::Array}) EXPECT_TRUE(matches(ref(k), "(ref.eq)"));
  EXPECT_FALSE(matches(ref(RK::Func), "(ref.eq)"));
  EXPECT_FALSE(matches(ref(RK::Struct), "(ref.array)"));
  // Externalized references are not structs, arrays, ... any more.
  EXPECT_FALSE(matches(ref(RK::Struct, 0, true), "(ref.struct)"));
  EXPECT_FALSE(matches(ref(RK::I31, 0, true), "(ref.eq)"));
  // (ref) is the reference's RefTypePat AnyHT: everything but a function, even null.
  EXPECT_TRUE(matches(ref(RK::Struct), "(ref)"));
  EXPECT_TRUE(matches(ref(RK::Null), "(ref)"));
  EXPECT_FALSE(matches(ref(RK::Func), "(ref)"));
}

TEST(ArgumentTypes, OfLiterals) {
  auto script = text::parse_script(
      "(invoke \"f\" (i32.const 1) (f64.const 2) (ref.null extern) (ref.extern 3) (ref.host 4))");
  ASSERT_TRUE(script.ok());
  const auto& args = script->commands.at(0).action.args;
  EXPECT_EQ(type_of_argument(args[0]), ValType::i32());
  EXPECT_EQ(type_of_argument(args[1]), ValType::f64());
  EXPECT_EQ(type_of_argument(args[2]), ValType::externref());
  EXPECT_EQ(type_of_argument(args[3]), ValType::ref_of(false, HeapKind::Extern));
  EXPECT_EQ(type_of_argument(args[4]), ValType::ref_of(false, HeapKind::Any));
}

TEST(Describe, ValuesAndPatterns) {
  EXPECT_EQ(describe_expected(result("(i32.const -1)")), "(i32.const -1)");
  EXPECT_EQ(describe_expected(result("(f32.const nan:canonical)")), "(f32.const nan:canonical)");
  EXPECT_EQ(describe_expected(result("(ref.null)")), "(ref.null)");
  EXPECT_EQ(describe_expected(result("(either (i32.const 1) (ref.extern 2))")),
            "(either (i32.const 1) (ref.extern 2))");
  EXPECT_EQ(describe_value(num(ValKind::F32, 0x3fc00000), inspect), "(f32.const 1.5)");
  EXPECT_EQ(describe_value(num(ValKind::F64, 0xfff8000000000000), inspect),
            "(f64.const -nan:0x8000000000000)");
  EXPECT_EQ(describe_value(ref(RK::Host, 3, true), inspect), "(ref.extern 3)");
}

}  // namespace
}  // namespace wasm::wast
