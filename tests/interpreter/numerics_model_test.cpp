// Every scalar operator of interpreter/numerics*.h against the independent model of
// numerics_model.h (Boost.Multiprecision: cpp_int for integers, exact rationals with an explicit
// ties-to-even rounding for floats), on random operands mixed with the corner cases. A NaN
// result is checked against the spec's set $nans_N{z*}, not bit for bit.
// `make test` runs a bounded count with a fixed seed (tests/interpreter/meson.build);
// `make proptest` runs this binary with PROPTEST_CASES cases.
#include "tests/interpreter/numerics_model.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "interpreter/numerics.h"

namespace wasm::interp::model {
namespace {

namespace n = numerics;

// --- Operands ---------------------------------------------------------------------------------

// Integers: uniform bits, magnitudes of every width, 0, ±1, min, max, powers of two and their
// neighbours.
template <Int T>
rc::Gen<T> gen_int() {
  constexpr int bits = kN<T>;
  constexpr T min = T(T(1) << (bits - 1));
  return rc::gen::weightedOneOf<T>(
      {{3, rc::gen::arbitrary<T>()},
       {2, rc::gen::map(rc::gen::pair(rc::gen::arbitrary<T>(), rc::gen::inRange(0, bits)),
                        [](std::pair<T, int> p) { return T(p.first >> p.second); })},
       {2, rc::gen::element<T>(0, 1, 2, T(~T(0)), T(~T(1)), min, T(min - 1), T(min + 1))},
       {2, rc::gen::map(rc::gen::pair(rc::gen::inRange(0, bits), rc::gen::inRange(-1, 2)),
                        [](std::pair<int, int> p) { return T(T(T(1) << p.first) + T(p.second)); })},
       {1, rc::gen::map(rc::gen::inRange(-300, 300), [](int i) { return T(i); })}});
}

// Floats: uniform bits; ±0, ±inf, NaNs (canonical, quiet and signalling with payloads, both
// signs), the smallest and largest subnormals and normals, powers of two and their neighbours,
// small integers and halves (rounding ties), integers around 2^p.
template <Float F>
rc::Gen<F> gen_float() {
  using B = Bits<F>;
  constexpr B sign = n::kSignBit<F>, inf = n::kCanonicalNan<F> & ~n::kQuietBit<F>,
              quiet = n::kQuietBit<F>;
  constexpr B min_normal = B(1) << (kPrecision<F> - 1), max_sub = min_normal - 1;
  constexpr int exponents = 2 * kEmax<F> + 1;
  auto from = [](B b) { return n::from_bits<F>(b); };
  return rc::gen::weightedOneOf<F>(
      {{4, rc::gen::map(rc::gen::arbitrary<B>(), from)},
       {2, rc::gen::map(rc::gen::element<B>(
                            0, sign, inf, inf | sign, inf | quiet, inf | quiet | sign, inf | 1,
                            inf | sign | 1, inf | quiet | 1, inf | B(quiet >> 1), 1, sign | 1,
                            max_sub, sign | max_sub, min_normal, B(inf - 1), B(sign | (inf - 1))),
                        from)},
       {2, rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, exponents), rc::gen::inRange(-2, 3),
                                       rc::gen::arbitrary<bool>()),
                        [=](std::tuple<int, int, bool> t) {  // 2^e and its neighbours
                          auto [e, d, neg] = t;
                          return n::from_bits<F>(
                              B((B(B(e) << (kPrecision<F> - 1)) + B(d)) | (neg ? sign : 0)));
                        })},
       {2, rc::gen::map(rc::gen::inRange(-4000, 4000), [](int i) { return F(i) / F(4); })},
       {1, rc::gen::map(rc::gen::pair(rc::gen::inRange(-3, 4), rc::gen::arbitrary<bool>()),
                        [](std::pair<int, bool> p) {
                          F two_p = F(uint64_t(1) << (kPrecision<F> - 1)) *
                                    F(2);  // 2^p: integers lose their last bit here
                          F v = two_p + F(p.first) * F(0.5);
                          return p.second ? -v : v;
                        })}});
}

// A second operand: independent, or close to the first (cancellation, ties, equal magnitudes).
template <Float F>
rc::Gen<F> gen_partner(F a) {
  using B = Bits<F>;
  return rc::gen::weightedOneOf<F>(
      {{3, gen_float<F>()},
       {1, rc::gen::map(
               rc::gen::inRange(-3, 4),
               [a](int d) { return n::from_bits<F>(B(n::bits(a) + B(d)) ^ n::kSignBit<F>); })},
       {1, rc::gen::map(rc::gen::inRange(-3, 4),
                        [a](int d) { return n::from_bits<F>(B(n::bits(a) + B(d))); })}});
}

// --- Checking a float result
// ------------------------------------------------------------------------

// spec: $nans_N{z*}: a canonical NaN (either sign) if every NaN operand is canonical, otherwise
// an arithmetic NaN.
template <Float F>
void check_nans(F r, bool operands_canonical) {
  RC_ASSERT(n::is_nan(r));
  if (operands_canonical)
    RC_ASSERT(n::is_canonical_nan(r));
  else
    RC_ASSERT(n::is_arithmetic_nan(r));
}
template <Float F>
void check_nans(F r, std::initializer_list<F> operands) {
  bool all_canonical = true;
  for (F z : operands)
    if (n::is_nan(z) && !n::is_canonical_nan(z)) all_canonical = false;
  check_nans(r, all_canonical);
}
template <Float F>
void check(F r, const Result<F>& expected, std::initializer_list<F> operands) {
  if (!expected.bits) return check_nans(r, operands);
  RC_ASSERT(n::bits(r) == *expected.bits);
}

// --- Integers
// ---------------------------------------------------------------------------------------

template <Int T>
void check_integer_binary(T a, T b) {
  cpp_int ua = unsigned_of(a), ub = unsigned_of(b), sa = signed_of(a), sb = signed_of(b);
  RC_ASSERT(n::iadd(a, b) == wrap_to<T>(ua + ub));
  RC_ASSERT(n::isub(a, b) == wrap_to<T>(ua - ub));
  RC_ASSERT(n::imul(a, b) == wrap_to<T>(ua * ub));
  // spec: $idiv_u, $irem_u, $idiv_s, $irem_s
  if (ub == 0) {
    for (auto r : {n::idiv_u(a, b), n::irem_u(a, b), n::idiv_s(a, b), n::irem_s(a, b)})
      RC_ASSERT(r.error() == n::TrapKind::DivideByZero);
  } else {
    RC_ASSERT(*n::idiv_u(a, b) == wrap_to<T>(ua / ub) &&
              *n::irem_u(a, b) == wrap_to<T>(ua - (ua / ub) * ub));
    cpp_int q = div_trunc(sa, sb);
    if (q > max_signed<T>())
      RC_ASSERT(n::idiv_s(a, b).error() == n::TrapKind::IntegerOverflow);
    else
      RC_ASSERT(*n::idiv_s(a, b) == wrap_to<T>(q));
    RC_ASSERT(*n::irem_s(a, b) == wrap_to<T>(sa - q * sb));
  }
  RC_ASSERT(n::iand(a, b) == T(a & b) && n::ior(a, b) == T(a | b) && n::ixor(a, b) == T(a ^ b));
  RC_ASSERT(n::iandnot(a, b) == T(a & T(~b)) && n::inot(a) == wrap_to<T>(max_unsigned<T>() - ua));
  // spec: $ishl_, $ishr_u, $ishr_s, $irotl_, $irotr_ (k = i2 mod N)
  int k = int(ub % kN<T>);
  RC_ASSERT(n::ishl(a, b) == wrap_to<T>(ua * pow2(k)));
  RC_ASSERT(n::ishr_u(a, b) == wrap_to<T>(ua / pow2(k)));
  RC_ASSERT(n::ishr_s(a, b) == wrap_to<T>(div_floor(sa, pow2(k))));
  RC_ASSERT(n::irotl(a, b) == wrap_to<T>(ua * pow2(k) + ua / pow2(kN<T> - k)));
  RC_ASSERT(n::irotr(a, b) == wrap_to<T>(ua / pow2(k) + ua * pow2(kN<T> - k)));
  // spec: $ieq_ … $ige_s
  RC_ASSERT(n::ieq(a, b) == (ua == ub) && n::ine(a, b) == (ua != ub));
  RC_ASSERT(n::ilt_u(a, b) == (ua < ub) && n::igt_u(a, b) == (ua > ub));
  RC_ASSERT(n::ile_u(a, b) == (ua <= ub) && n::ige_u(a, b) == (ua >= ub));
  RC_ASSERT(n::ilt_s(a, b) == (sa < sb) && n::igt_s(a, b) == (sa > sb));
  RC_ASSERT(n::ile_s(a, b) == (sa <= sb) && n::ige_s(a, b) == (sa >= sb));
  // spec: $imin_u … $imax_s, $iadd_sat_*, $isub_sat_*, $iavgr_u
  RC_ASSERT(n::imin_u(a, b) == wrap_to<T>(std::min(ua, ub)) &&
            n::imax_u(a, b) == wrap_to<T>(std::max(ua, ub)));
  RC_ASSERT(n::imin_s(a, b) == wrap_to<T>(std::min(sa, sb)) &&
            n::imax_s(a, b) == wrap_to<T>(std::max(sa, sb)));
  RC_ASSERT(n::iadd_sat_u(a, b) == wrap_to<T>(clamp(ua + ub, 0, max_unsigned<T>())));
  RC_ASSERT(n::isub_sat_u(a, b) == wrap_to<T>(clamp(ua - ub, 0, max_unsigned<T>())));
  RC_ASSERT(n::iadd_sat_s(a, b) == wrap_to<T>(clamp(sa + sb, min_signed<T>(), max_signed<T>())));
  RC_ASSERT(n::isub_sat_s(a, b) == wrap_to<T>(clamp(sa - sb, min_signed<T>(), max_signed<T>())));
  RC_ASSERT(n::iavgr_u(a, b) == wrap_to<T>((ua + ub + 1) / 2));
  if constexpr (kN<T> <= 16)  // spec: $iq15mulr_sat_s
    RC_ASSERT(n::iq15mulr_sat_s(a, b) == wrap_to<T>(clamp(div_floor(sa * sb + pow2(14), pow2(15)),
                                                          min_signed<T>(), max_signed<T>())));
  // spec: $ibitselect_ with a third operand derived from both
  T c = T(a ^ T(b << 1));
  cpp_int sel = 0;
  for (int i = 0; i < kN<T>; ++i)
    if (bit_test(unsigned_of(c), i) ? bit_test(ua, i) : bit_test(ub, i)) sel += pow2(i);
  RC_ASSERT(n::ibitselect(a, b, c) == wrap_to<T>(sel));
}

template <Int T>
void check_integer_unary(T a) {
  cpp_int ua = unsigned_of(a), sa = signed_of(a);
  int clz = 0, ctz = 0, pop = 0;
  while (clz < kN<T> && !bit_test(ua, kN<T> - 1 - clz)) ++clz;
  while (ctz < kN<T> && !bit_test(ua, ctz)) ++ctz;
  for (int i = 0; i < kN<T>; ++i) pop += bit_test(ua, i) ? 1 : 0;
  RC_ASSERT(n::iclz(a) == T(clz) && n::ictz(a) == T(ctz) && n::ipopcnt(a) == T(pop));
  RC_ASSERT(n::ieqz(a) == (ua == 0) && n::inez(a) == (ua != 0));
  RC_ASSERT(n::ineg(a) == wrap_to<T>(-sa) && n::iabs(a) == wrap_to<T>(abs(sa)));
  // spec: $iextend_ (iextendM_s: the low M bits read as signed)
  auto extend = [&](int m) {
    cpp_int low = ua % pow2(m);
    return wrap_to<T>(low >= pow2(m - 1) ? cpp_int(low - pow2(m)) : low);
  };
  RC_ASSERT(n::iextend_s<8>(a) == extend(8));
  if constexpr (kN<T> >= 16) RC_ASSERT(n::iextend_s<16>(a) == extend(16));
  if constexpr (kN<T> >= 32) RC_ASSERT(n::iextend_s<32>(a) == extend(32));
}

RC_GTEST_PROP(NumericsModel, I32Operators, ()) {
  check_integer_binary<uint32_t>(*gen_int<uint32_t>(), *gen_int<uint32_t>());
  check_integer_unary<uint32_t>(*gen_int<uint32_t>());
}
RC_GTEST_PROP(NumericsModel, I64Operators, ()) {
  check_integer_binary<uint64_t>(*gen_int<uint64_t>(), *gen_int<uint64_t>());
  check_integer_unary<uint64_t>(*gen_int<uint64_t>());
}
RC_GTEST_PROP(NumericsModel, LaneWidthOperators, ()) {
  check_integer_binary<uint8_t>(*gen_int<uint8_t>(), *gen_int<uint8_t>());
  check_integer_binary<uint16_t>(*gen_int<uint16_t>(), *gen_int<uint16_t>());
  check_integer_unary<uint8_t>(*gen_int<uint8_t>());
  check_integer_unary<uint16_t>(*gen_int<uint16_t>());
  // spec: $narrow_s, $narrow_u (saturate the signed wider value)
  uint16_t h = *gen_int<uint16_t>();
  uint32_t w = *gen_int<uint32_t>();
  RC_ASSERT(n::narrow_s<uint8_t>(h) == wrap_to<uint8_t>(clamp(signed_of(h), -128, 127)));
  RC_ASSERT(n::narrow_u<uint8_t>(h) == wrap_to<uint8_t>(clamp(signed_of(h), 0, 255)));
  RC_ASSERT(n::narrow_s<uint16_t>(w) == wrap_to<uint16_t>(clamp(signed_of(w), -32768, 32767)));
  RC_ASSERT(n::narrow_u<uint16_t>(w) == wrap_to<uint16_t>(clamp(signed_of(w), 0, 65535)));
}

RC_GTEST_PROP(NumericsModel, ExtendWrap, ()) {
  uint32_t w = *gen_int<uint32_t>();
  uint64_t x = *gen_int<uint64_t>();
  RC_ASSERT((n::extend_s<uint64_t>(w)) == wrap_to<uint64_t>(signed_of(w)));
  RC_ASSERT((n::extend_u<uint64_t>(w)) == wrap_to<uint64_t>(unsigned_of(w)));
  RC_ASSERT((n::wrap<uint32_t>(x)) == wrap_to<uint32_t>(unsigned_of(x)));
}

RC_GTEST_PROP(NumericsModel, WideArithmetic, ()) {
  uint64_t a = *gen_int<uint64_t>(), b = *gen_int<uint64_t>(), c = *gen_int<uint64_t>(),
           d = *gen_int<uint64_t>();
  auto value = [](n::I128 v) { return unsigned_of(v.lo) + unsigned_of(v.hi) * pow2(64); };
  auto mod128 = [](const cpp_int& v) {
    cpp_int m = v % pow2(128);
    return m < 0 ? cpp_int(m + pow2(128)) : m;
  };
  RC_ASSERT(value(n::iadd128({a, b}, {c, d})) == mod128(value({a, b}) + value({c, d})));
  RC_ASSERT(value(n::isub128({a, b}, {c, d})) == mod128(value({a, b}) - value({c, d})));
  RC_ASSERT(value(n::imul_wide_u(a, b)) == unsigned_of(a) * unsigned_of(b));
  RC_ASSERT(value(n::imul_wide_s(a, b)) == mod128(signed_of(a) * signed_of(b)));
}

// --- Floats
// -----------------------------------------------------------------------------------------

template <Float F>
void check_float_binary(F a, F b) {
  Real<F> ra = decode(a), rb = decode(b);
  check(n::fadd(a, b), fadd(ra, rb), {a, b});
  check(n::fsub(a, b), fsub(ra, rb), {a, b});
  check(n::fmul(a, b), fmul(ra, rb), {a, b});
  check(n::fdiv(a, b), fdiv(ra, rb), {a, b});
  check(n::fmin(a, b), fminmax(ra, rb, true), {a, b});
  check(n::fmax(a, b), fminmax(ra, rb, false), {a, b});
  // spec: $fcopysign_ (bitwise: the magnitude of z1, the sign of z2)
  RC_ASSERT(n::bits(n::fcopysign(a, b)) ==
            ((n::bits(a) & ~n::kSignBit<F>) | (n::bits(b) & n::kSignBit<F>)));
  // spec: $feq_ … $fge_
  std::optional<int> c = fcompare(ra, rb);
  RC_ASSERT(n::feq(a, b) == (c && *c == 0) && n::fne(a, b) == !(c && *c == 0));
  RC_ASSERT(n::flt(a, b) == (c && *c < 0) && n::fgt(a, b) == (c && *c > 0));
  RC_ASSERT(n::fle(a, b) == (c && *c <= 0) && n::fge(a, b) == (c && *c >= 0));
  // spec: $fpmin_, $fpmax_ (z2 < z1 ? z2 : z1, z1 < z2 ? z2 : z1: operands returned as they are)
  std::optional<int> rc = fcompare(rb, ra);
  RC_ASSERT(n::bits(n::fpmin(a, b)) == n::bits(rc && *rc < 0 ? b : a));
  RC_ASSERT(n::bits(n::fpmax(a, b)) == n::bits(c && *c < 0 ? b : a));
}

template <Float F>
void check_float_unary(F a) {
  Real<F> ra = decode(a);
  check(n::fsqrt(a), fsqrt(ra), {a});
  check(n::fceil(a), fround(ra, RoundingOp::Ceil), {a});
  check(n::ffloor(a), fround(ra, RoundingOp::Floor), {a});
  check(n::ftrunc(a), fround(ra, RoundingOp::Trunc), {a});
  check(n::fnearest(a), fround(ra, RoundingOp::Nearest), {a});
  // spec: $fabs_, $fneg_ (the sign bit only, NaN payloads kept)
  RC_ASSERT(n::bits(n::fabs(a)) == (n::bits(a) & ~n::kSignBit<F>));
  RC_ASSERT(n::bits(n::fneg(a)) == (n::bits(a) ^ n::kSignBit<F>));
}

RC_GTEST_PROP(NumericsModel, F32Operators, ()) {
  float a = *gen_float<float>();
  check_float_binary(a, *gen_partner(a));
  check_float_unary(a);
}
RC_GTEST_PROP(NumericsModel, F64Operators, ()) {
  double a = *gen_float<double>();
  check_float_binary(a, *gen_partner(a));
  check_float_unary(a);
}

// --- Conversions
// ------------------------------------------------------------------------------------

// spec: $trunc_s, $trunc_u (traps), $trunc_sat_s, $trunc_sat_u (saturation, NaN -> 0)
template <Int I, Float F>
void check_trunc(F z) {
  std::optional<cpp_int> t = truncate(decode(z));
  auto s = n::trunc_s<I>(z);
  auto u = n::trunc_u<I>(z);
  if (n::is_nan(z)) {
    RC_ASSERT(s.error() == n::TrapKind::InvalidConversion &&
              u.error() == n::TrapKind::InvalidConversion);
    RC_ASSERT(n::trunc_sat_s<I>(z) == I(0) && n::trunc_sat_u<I>(z) == I(0));
    return;
  }
  cpp_int v =
      t ? *t : (std::signbit(z) ? cpp_int(-pow2(200)) : pow2(200));  // ±inf: beyond any range
  if (v >= min_signed<I>() && v <= max_signed<I>())
    RC_ASSERT(s.ok() && *s == wrap_to<I>(v));
  else
    RC_ASSERT(s.error() == n::TrapKind::IntegerOverflow);
  if (v >= 0 && v <= max_unsigned<I>())
    RC_ASSERT(u.ok() && *u == wrap_to<I>(v));
  else
    RC_ASSERT(u.error() == n::TrapKind::IntegerOverflow);
  RC_ASSERT(n::trunc_sat_s<I>(z) == wrap_to<I>(clamp(v, min_signed<I>(), max_signed<I>())));
  RC_ASSERT(n::trunc_sat_u<I>(z) == wrap_to<I>(clamp(v, 0, max_unsigned<I>())));
}
RC_GTEST_PROP(NumericsModel, Truncations, ()) {
  float f = *gen_float<float>();
  double d = *gen_float<double>();
  check_trunc<uint32_t>(f);
  check_trunc<uint64_t>(f);
  check_trunc<uint32_t>(d);
  check_trunc<uint64_t>(d);
}

// spec: $convert_s, $convert_u (correctly rounded, ties to even)
RC_GTEST_PROP(NumericsModel, IntegerToFloat, ()) {
  uint32_t w = *gen_int<uint32_t>();
  uint64_t x = *gen_int<uint64_t>();
  check(n::convert_s<float>(w), convert<float>(signed_of(w)), {});
  check(n::convert_u<float>(w), convert<float>(unsigned_of(w)), {});
  check(n::convert_s<double>(w), convert<double>(signed_of(w)), {});
  check(n::convert_u<double>(w), convert<double>(unsigned_of(w)), {});
  check(n::convert_s<float>(x), convert<float>(signed_of(x)), {});
  check(n::convert_u<float>(x), convert<float>(unsigned_of(x)), {});
  check(n::convert_s<double>(x), convert<double>(signed_of(x)), {});
  check(n::convert_u<double>(x), convert<double>(unsigned_of(x)), {});
}

// spec: $demote_, $promote_ (NaN: $nans); reinterpretations keep the bits
RC_GTEST_PROP(NumericsModel, FloatToFloat, ()) {
  float f = *gen_float<float>();
  double d = *gen_float<double>();
  auto promoted = convert_float<double>(decode(f));
  if (promoted.bits)
    RC_ASSERT(n::bits(n::promote(f)) == *promoted.bits);
  else
    check_nans(n::promote(f), n::is_canonical_nan(f));
  auto demoted = convert_float<float>(decode(d));
  if (demoted.bits)
    RC_ASSERT(n::bits(n::demote(d)) == *demoted.bits);
  else
    check_nans(n::demote(d), n::is_canonical_nan(d));
  RC_ASSERT((n::reinterpret<uint32_t>(f)) == n::bits(f) &&
            n::bits(n::reinterpret<double>(n::bits(d))) == n::bits(d));
}

// The model itself, on values whose results are known: so that a wrong model cannot hide a bug.
TEST(NumericsModelSelfTest, KnownResults) {
  EXPECT_EQ(*fadd(decode(0.1), decode(0.2)).bits, n::bits(0.30000000000000004));
  EXPECT_EQ(*fadd(decode(1.0), decode(0x1p-53)).bits, n::bits(1.0));                   // tie: even
  EXPECT_EQ(*fadd(decode(1.0), decode(0x1.8p-53)).bits, n::bits(1.0000000000000002));  // above half
  EXPECT_EQ(*fadd(decode(-0.0), decode(-0.0)).bits, n::bits(-0.0));
  EXPECT_EQ(*fsub(decode(1.0f), decode(1.0f)).bits, n::bits(0.0f));
  EXPECT_EQ(*fmul(decode(0x1p-1000), decode(0x1p-60)).bits, n::bits(0x1p-1060));  // subnormal
  EXPECT_EQ(*fmul(decode(0x1p-1074), decode(0.5)).bits, n::bits(0.0));            // tie to 0
  EXPECT_EQ(*fmul(decode(0x1p-1074), decode(0.75)).bits, n::bits(0x1p-1074));
  EXPECT_EQ(*fmul(decode(0x1p1000), decode(0x1p100)).bits, n::bits(HUGE_VAL));
  EXPECT_EQ(*fdiv(decode(1.0f), decode(3.0f)).bits, 0x3eaaaaabu);
  EXPECT_EQ(*fsqrt(decode(2.0)).bits, n::bits(1.4142135623730951));
  EXPECT_EQ(*fsqrt(decode(0x1p-1074)).bits, n::bits(0x1p-537));
  EXPECT_EQ(*fround(decode(-0.5), RoundingOp::Nearest).bits, n::bits(-0.0));
  EXPECT_EQ(*fround(decode(2.5f), RoundingOp::Nearest).bits, n::bits(2.0f));
  EXPECT_EQ(*fround(decode(-0.25), RoundingOp::Ceil).bits, n::bits(-0.0));
  EXPECT_EQ(*convert<float>(cpp_int(16777217)).bits, n::bits(16777216.0f));
  EXPECT_EQ(*convert<float>(cpp_int(16777219)).bits, n::bits(16777220.0f));
  EXPECT_EQ(*convert_float<float>(decode(0x1.fffffffp127)).bits, n::bits(HUGE_VALF));
  EXPECT_FALSE(fdiv(decode(0.0), decode(-0.0)).bits.has_value());
  EXPECT_FALSE(fadd(decode(HUGE_VAL), decode(-HUGE_VAL)).bits.has_value());
  EXPECT_EQ(wrap_to<uint32_t>(div_floor(-7, 2)), uint32_t(-4));
  EXPECT_EQ(wrap_to<uint32_t>(div_trunc(-7, 2)), uint32_t(-3));
}

}  // namespace
}  // namespace wasm::interp::model
