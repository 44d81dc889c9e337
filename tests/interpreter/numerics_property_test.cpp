// Property tests for interpreter/numerics*.h (RapidCheck): integer operations against a wider
// reference (Boost.Multiprecision cpp_int), algebraic laws, float operations against a wider
// format where the single rounding of the wider result is provably exact (Figueroa: double
// rounding is innocuous when the wider precision q >= 2p + 2, for + - * / sqrt), conversions,
// and SIMD operations against the scalar functions lane by lane.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>

#include "interpreter/numerics_vector.h"

namespace wasm::interp::numerics {
namespace {

using boost::multiprecision::cpp_int;
using Quad = boost::multiprecision::cpp_bin_float_quad;  // 113-bit significand >= 2*53 + 2
using Exact = boost::multiprecision::number<
    boost::multiprecision::cpp_bin_float<640, boost::multiprecision::digit_base_2>>;

// Values: uniform bits mixed with the interesting corners.
template <Int T>
rc::Gen<T> gen_int() {
  constexpr T min = T(T(1) << (kBits<T> - 1));
  return rc::gen::weightedOneOf<T>({{3, rc::gen::arbitrary<T>()},
                                    {1, rc::gen::element<T>(0, 1, 2, T(~T(0)), min, T(min - 1), T(min + 1))},
                                    {1, rc::gen::map(rc::gen::inRange<int>(-300, 300), [](int i) { return T(i); })}});
}
template <Float F>
rc::Gen<F> gen_float() {
  using B = Bits<F>;
  constexpr B inf = kCanonicalNan<F> & ~kQuietBit<F>, sign = kSignBit<F>;
  auto from = [](B b) { return from_bits<F>(b); };
  return rc::gen::weightedOneOf<F>(
      {{4, rc::gen::map(rc::gen::arbitrary<B>(), from)},
       {1, rc::gen::map(rc::gen::element<B>(0, sign, inf, inf | sign, kCanonicalNan<F>, kCanonicalNan<F> | sign,
                                            inf | 1, 1, sign | 1, B(inf - 1), B(B(1) << kSignif<F>)),
                        from)},
       {2, rc::gen::map(rc::gen::inRange<int>(-2000, 2000), [](int i) { return F(i) / F(4); })},
       {1, rc::gen::map(rc::gen::arbitrary<int64_t>(), [](int64_t i) { return F(i); })}});
}

cpp_int unsigned_value(uint64_t x) { return cpp_int(x); }
cpp_int signed_value(uint64_t x) { return cpp_int(int64_t(x)); }
uint64_t low64(const cpp_int& v) {
  cpp_int m = v % (cpp_int(1) << 64);
  if (m < 0) m += cpp_int(1) << 64;
  return m.convert_to<uint64_t>();
}

// --- Integers vs cpp_int -------------------------------------------------------------------------

RC_GTEST_PROP(IntegerProperties, AddSubMulWrap, ()) {
  uint64_t a = *gen_int<uint64_t>(), b = *gen_int<uint64_t>();
  RC_ASSERT(iadd(a, b) == low64(unsigned_value(a) + b));
  RC_ASSERT(isub(a, b) == low64(unsigned_value(a) - b));
  RC_ASSERT(imul(a, b) == low64(unsigned_value(a) * b));
  uint32_t c = uint32_t(a), d = uint32_t(b);
  RC_ASSERT(imul(c, d) == uint32_t(uint64_t(c) * d));
}

RC_GTEST_PROP(IntegerProperties, DivRemSigned, ()) {
  uint64_t a = *gen_int<uint64_t>(), b = *gen_int<uint64_t>();
  auto q = idiv_s(a, b);
  auto r = irem_s(a, b);
  if (b == 0) {
    RC_ASSERT(q.error() == TrapKind::DivideByZero && r.error() == TrapKind::DivideByZero);
    return;
  }
  cpp_int qa = signed_value(a) / signed_value(b), ra = signed_value(a) % signed_value(b);  // truncating
  RC_ASSERT(*r == low64(ra));
  if (qa == cpp_int(1) << 63) RC_ASSERT(q.error() == TrapKind::IntegerOverflow);
  else RC_ASSERT(*q == low64(qa));
}

RC_GTEST_PROP(IntegerProperties, DivRemUnsigned, ()) {
  uint32_t a = *gen_int<uint32_t>(), b = *gen_int<uint32_t>();
  RC_PRE(b != 0u);
  RC_ASSERT(*idiv_u(a, b) == a / b && *irem_u(a, b) == a % b);
  RC_ASSERT(iadd(imul(*idiv_u(a, b), b), *irem_u(a, b)) == a);
  RC_ASSERT(iadd(imul(*idiv_s(a, b == ~0u ? 1u : b), b == ~0u ? 1u : b), *irem_s(a, b == ~0u ? 1u : b)) == a);
}

RC_GTEST_PROP(IntegerProperties, WideArithmetic, ()) {
  uint64_t a = *gen_int<uint64_t>(), b = *gen_int<uint64_t>(), c = *gen_int<uint64_t>(), d = *gen_int<uint64_t>();
  auto value = [](I128 x) { return (cpp_int(x.hi) << 64) + x.lo; };
  cpp_int two128 = cpp_int(1) << 128;
  auto mod128 = [&](cpp_int v) { v %= two128; return v < 0 ? v + two128 : v; };
  RC_ASSERT(value(imul_wide_u(a, b)) == cpp_int(a) * b);
  RC_ASSERT(value(imul_wide_s(a, b)) == mod128(signed_value(a) * signed_value(b)));
  RC_ASSERT(value(iadd128({a, b}, {c, d})) == mod128(value({a, b}) + value({c, d})));
  RC_ASSERT(value(isub128({a, b}, {c, d})) == mod128(value({a, b}) - value({c, d})));
}

template <Int T>
void check_bits(T x, T k) {
  constexpr unsigned n = kBits<T>;
  unsigned s = unsigned(k % n);
  RC_ASSERT(irotl(x, k) == irotr(x, T(n - s)));
  RC_ASSERT(irotl(irotr(x, k), k) == x);
  cpp_int wide = cpp_int(x);
  cpp_int mask = (cpp_int(1) << n) - 1;
  RC_ASSERT(cpp_int(ishl(x, k)) == ((wide << s) & mask));
  RC_ASSERT(cpp_int(ishr_u(x, k)) == (wide >> s));
  RC_ASSERT(cpp_int(irotl(x, k)) == (((wide << s) | (wide >> (n - s))) & mask));
  // Exact for n <= 32 in double. For n == 64 the double need not even convert back (UB), so
  // it is not evaluated (RC_ASSERT's captured `||` would not short-circuit).
  if constexpr (n < 64) {
    RC_ASSERT(signed_(ishr_s(x, k)) ==
              Signed<T>(std::floor(double(signed_(x)) / std::ldexp(1.0, int(s)))));
  }
  unsigned clz = 0, ctz = 0, pop = 0;
  while (clz < n && !((x >> (n - 1 - clz)) & 1)) ++clz;
  while (ctz < n && !((x >> ctz) & 1)) ++ctz;
  for (unsigned i = 0; i < n; ++i) pop += (x >> i) & 1;
  RC_ASSERT(iclz(x) == T(clz) && ictz(x) == T(ctz) && ipopcnt(x) == T(pop));
}
RC_GTEST_PROP(IntegerProperties, ShiftsRotationsCounts, ()) {
  check_bits<uint32_t>(*gen_int<uint32_t>(), *gen_int<uint32_t>());
  check_bits<uint64_t>(*gen_int<uint64_t>(), *gen_int<uint64_t>());
  check_bits<uint8_t>(*gen_int<uint8_t>(), *gen_int<uint8_t>());
  check_bits<uint16_t>(*gen_int<uint16_t>(), *gen_int<uint16_t>());
}

RC_GTEST_PROP(IntegerProperties, ExtendWrapCompare, (uint64_t x, uint64_t y)) {
  RC_ASSERT(iextend_s<8>(x) == uint64_t(int64_t(int8_t(x))));
  RC_ASSERT(iextend_s<16>(uint32_t(x)) == uint32_t(int32_t(int16_t(x))));
  RC_ASSERT(iextend_s<32>(x) == uint64_t(int64_t(int32_t(x))));
  RC_ASSERT(extend_s<uint64_t>(uint32_t(x)) == iextend_s<32>(uint64_t(uint32_t(x))));
  RC_ASSERT(wrap<uint32_t>(x) == uint32_t(x & 0xFFFFFFFF));
  RC_ASSERT(ilt_s(x, y) == (signed_value(x) < signed_value(y)) && ilt_u(x, y) == (x < y));
  RC_ASSERT(ige_s(x, y) == !ilt_s(x, y) && igt_u(x, y) == ilt_u(y, x) && ile_s(x, y) == ige_s(y, x));
}

// Lane-width integer operations against plain int arithmetic with clamping.
template <Int T>
void check_lane_int(T a, T b) {
  int sa = signed_(a), sb = signed_(b);
  int lo = -(1 << (kBits<T> - 1)), hi = (1 << (kBits<T> - 1)) - 1, umax = (1 << kBits<T>) - 1;
  auto clamp = [](int v, int l, int h) { return v < l ? l : v > h ? h : v; };
  RC_ASSERT(signed_(iadd_sat_s(a, b)) == clamp(sa + sb, lo, hi));
  RC_ASSERT(signed_(isub_sat_s(a, b)) == clamp(sa - sb, lo, hi));
  RC_ASSERT(int(iadd_sat_u(a, b)) == clamp(int(a) + int(b), 0, umax));
  RC_ASSERT(int(isub_sat_u(a, b)) == clamp(int(a) - int(b), 0, umax));
  RC_ASSERT(int(iavgr_u(a, b)) == (int(a) + int(b) + 1) / 2);
  RC_ASSERT(signed_(imin_s(a, b)) == std::min(sa, sb) && imax_u(a, b) == std::max(a, b));
  RC_ASSERT(int(iabs(a)) == (sa == lo ? -lo : std::abs(sa)));
  if constexpr (kBits<T> == 16)
    RC_ASSERT(signed_(iq15mulr_sat_s(a, b)) == clamp((sa * sb + 0x4000) >> 15, lo, hi));
}
RC_GTEST_PROP(IntegerProperties, LaneIntegerOps, ()) {
  check_lane_int<uint8_t>(*gen_int<uint8_t>(), *gen_int<uint8_t>());
  check_lane_int<uint16_t>(*gen_int<uint16_t>(), *gen_int<uint16_t>());
  uint32_t w = *gen_int<uint32_t>();
  int64_t s = int32_t(w);
  RC_ASSERT(signed_(narrow_s<uint16_t>(w)) == std::clamp<int64_t>(s, -32768, 32767));
  RC_ASSERT(narrow_u<uint16_t>(w) == std::clamp<int64_t>(s, 0, 65535));
}

// --- Floats vs a wider format ---------------------------------------------------------------------

// The NaN rule: arithmetic, and equal to the first NaN operand quieted, or +canonical.
template <Float F>
void check_nan_result(F r, std::initializer_list<F> operands) {
  RC_ASSERT(is_arithmetic_nan(r));
  Bits<F> expected = kCanonicalNan<F>;
  for (F z : operands)
    if (is_nan(z)) {
      expected = bits(z) | kQuietBit<F>;
      break;
    }
  RC_ASSERT(bits(r) == expected);
}

template <Float F, typename Wide>
void check_arith(F a, F b) {
  auto check = [&](F r, auto exact) {
    F ref = F(exact);
    if (is_nan(ref)) check_nan_result(r, {a, b});
    else RC_ASSERT(bits(r) == bits(ref));
  };
  Wide wa = Wide(a), wb = Wide(b);
  check(fadd(a, b), Wide(wa + wb));
  check(fsub(a, b), Wide(wa - wb));
  check(fmul(a, b), Wide(wa * wb));
  check(fdiv(a, b), Wide(wa / wb));
  F s = fsqrt(a);
  if (is_nan(s)) check_nan_result(s, {a});
  else RC_ASSERT(bits(s) == bits(F(Wide(sqrt(wa)))));
}
RC_GTEST_PROP(FloatProperties, F32ArithmeticMatchesLongDouble, ()) {
  static_assert(std::numeric_limits<long double>::digits >= 2 * 24 + 2);
  check_arith<float, long double>(*gen_float<float>(), *gen_float<float>());
}
RC_GTEST_PROP(FloatProperties, F64ArithmeticMatchesQuad, ()) {
  double a = *gen_float<double>(), b = *gen_float<double>();
  auto to_double = [](const Quad& q) { return q.convert_to<double>(); };
  auto check = [&](double r, const Quad& exact) {
    if (is_nan(r) || boost::multiprecision::isnan(exact)) check_nan_result(r, {a, b});
    else RC_ASSERT(bits(r) == bits(to_double(exact)));
  };
  if (is_nan(a) || is_nan(b)) {
    check_nan_result(fadd(a, b), {a, b});
    return;
  }
  check(fadd(a, b), Quad(a) + Quad(b));
  check(fsub(a, b), Quad(a) - Quad(b));
  check(fmul(a, b), Quad(a) * Quad(b));
  check(fdiv(a, b), Quad(a) / Quad(b));
  if (a >= 0) check(fsqrt(a), sqrt(Quad(a)));
}

template <Float F>
void check_rounding(F z) {
  if (is_nan(z)) {
    for (F r : {fceil(z), ffloor(z), ftrunc(z), fnearest(z)}) check_nan_result(r, {z});
    return;
  }
  RC_ASSERT(bits(fceil(z)) == bits(std::ceil(z)));
  RC_ASSERT(bits(ffloor(z)) == bits(std::floor(z)));
  RC_ASSERT(bits(ftrunc(z)) == bits(std::trunc(z)));
  RC_ASSERT(bits(fnearest(z)) == bits(std::nearbyint(z)));  // default mode: ties to even
}
RC_GTEST_PROP(FloatProperties, RoundingMatchesCmath, ()) {
  check_rounding(*gen_float<float>());
  check_rounding(*gen_float<double>());
}

template <Float F>
void check_minmax(F a, F b) {
  F mn = fmin(a, b), mx = fmax(a, b);
  if (is_nan(a) || is_nan(b)) {
    check_nan_result(mn, {a, b});
    check_nan_result(mx, {a, b});
    return;
  }
  RC_ASSERT(bits(mn) == bits(fmin(b, a)) && bits(mx) == bits(fmax(b, a)));
  RC_ASSERT((bits(mn) == bits(a) || bits(mn) == bits(b)) && (bits(mx) == bits(a) || bits(mx) == bits(b)));
  RC_ASSERT(mn <= a && mn <= b && mx >= a && mx >= b);
  RC_ASSERT(!std::signbit(mx) || (std::signbit(a) && std::signbit(b)));
  RC_ASSERT(bits(fpmin(a, b)) == bits(b < a ? b : a) && bits(fpmax(a, b)) == bits(a < b ? b : a));
  RC_ASSERT(bits(fcopysign(fabs(a), fneg(a))) == bits(fneg(a)));
}
RC_GTEST_PROP(FloatProperties, MinMaxLaws, ()) {
  check_minmax(*gen_float<float>(), *gen_float<float>());
  check_minmax(*gen_float<double>(), *gen_float<double>());
}

// --- Conversions ------------------------------------------------------------------------------------

RC_GTEST_PROP(ConversionProperties, ConvertIsCorrectlyRounded, ()) {
  uint64_t i = *gen_int<uint64_t>();
  static_assert(std::numeric_limits<long double>::digits >= 64);  // i64 is exact in long double
  RC_ASSERT(bits(convert_u<float>(i)) == bits(float((long double)i)));
  RC_ASSERT(bits(convert_s<float>(i)) == bits(float((long double)int64_t(i))));
  RC_ASSERT(bits(convert_u<double>(i)) == bits(double((long double)i)));
  RC_ASSERT(bits(convert_s<double>(i)) == bits(double((long double)int64_t(i))));
  uint32_t w = uint32_t(i);
  RC_ASSERT(convert_u<float>(w) == float(double(w)) && convert_s<double>(w) == double(int32_t(w)));
}

template <Int I, Float F>
void check_trunc(F z) {
  auto s = trunc_s<I>(z);
  auto u = trunc_u<I>(z);
  if (is_nan(z)) {
    RC_ASSERT(s.error() == TrapKind::InvalidConversion && u.error() == TrapKind::InvalidConversion);
    RC_ASSERT(trunc_sat_s<I>(z) == 0 && trunc_sat_u<I>(z) == 0);
    return;
  }
  long double t = std::trunc((long double)z);
  long double lo = -std::ldexp(1.0L, int(kBits<I>) - 1), hi = std::ldexp(1.0L, int(kBits<I>) - 1);
  if (t >= lo && t < hi) RC_ASSERT(s.ok() && signed_(*s) == Signed<I>(t) && trunc_sat_s<I>(z) == *s);
  else RC_ASSERT(s.error() == TrapKind::IntegerOverflow && trunc_sat_s<I>(z) == signed_inv<I>(t < 0 ? Signed<I>(lo) : Signed<I>(hi - 1)));
  if (t >= 0 && t < 2 * hi) RC_ASSERT(u.ok() && *u == I(t) && trunc_sat_u<I>(z) == *u);
  else RC_ASSERT(u.error() == TrapKind::IntegerOverflow && trunc_sat_u<I>(z) == (t < 0 ? I(0) : I(~I(0))));
}
RC_GTEST_PROP(ConversionProperties, TruncAgainstLongDouble, ()) {
  float f = *gen_float<float>();
  double d = *gen_float<double>();
  check_trunc<uint32_t>(f);
  check_trunc<uint64_t>(f);
  check_trunc<uint32_t>(d);
  check_trunc<uint64_t>(d);
}

RC_GTEST_PROP(ConversionProperties, DemotePromote, ()) {
  float f = *gen_float<float>();
  double d = *gen_float<double>();
  if (is_nan(f)) {
    RC_ASSERT(is_arithmetic_nan(promote(f)) && std::signbit(promote(f)) == std::signbit(f));
    RC_ASSERT(bits(demote(promote(f))) == (bits(f) | kQuietBit<float>));
  } else {
    RC_ASSERT(bits(demote(promote(f))) == bits(f));
  }
  if (is_nan(d)) RC_ASSERT(is_arithmetic_nan(demote(d)) && std::signbit(demote(d)) == std::signbit(d));
  else RC_ASSERT(bits(demote(d)) == bits(float((long double)d)));
}

// --- SIMD == scalar, lane by lane ----------------------------------------------------------------

rc::Gen<V128> gen_v128() {
  return rc::gen::map(rc::gen::container<std::array<uint8_t, 16>>(rc::gen::arbitrary<uint8_t>()),
                      [](std::array<uint8_t, 16> b) { return V128{b}; });
}

RC_GTEST_PROP(VectorProperties, LanewiseEqualsScalar, ()) {
  V128 a = *gen_v128(), b = *gen_v128();
  V128 r = vbinop<uint8_t>(a, b, iadd_sat_s<uint8_t>);
  for (unsigned i = 0; i < 16; ++i) RC_ASSERT(lane<uint8_t>(r, i) == iadd_sat_s(a.bytes[i], b.bytes[i]));
  V128 m = vbinop<float>(a, b, fmin<float>);
  for (unsigned i = 0; i < 4; ++i) RC_ASSERT(lane<uint32_t>(m, i) == bits(fmin(lane<float>(a, i), lane<float>(b, i))));
  V128 n = vnarrow_s<uint8_t, uint16_t>(a, b);
  for (unsigned i = 0; i < 8; ++i) {
    RC_ASSERT(lane<uint8_t>(n, i) == narrow_s<uint8_t>(lane<uint16_t>(a, i)));
    RC_ASSERT(lane<uint8_t>(n, 8 + i) == narrow_s<uint8_t>(lane<uint16_t>(b, i)));
  }
  V128 e = vextmul_s<uint64_t, uint32_t>(a, b, Half::High);
  for (unsigned i = 0; i < 2; ++i)
    RC_ASSERT(lane<uint64_t>(e, i) == imul(extend_s<uint64_t>(lane<uint32_t>(a, 2 + i)), extend_s<uint64_t>(lane<uint32_t>(b, 2 + i))));
  V128 d = vdot_s<uint32_t, uint16_t>(a, b);
  for (unsigned i = 0; i < 4; ++i) {
    int64_t p = int64_t(int16_t(lane<uint16_t>(a, 2 * i))) * int16_t(lane<uint16_t>(b, 2 * i)) +
                int64_t(int16_t(lane<uint16_t>(a, 2 * i + 1))) * int16_t(lane<uint16_t>(b, 2 * i + 1));
    RC_ASSERT(lane<uint32_t>(d, i) == uint32_t(p));
  }
  uint32_t mask = vbitmask<uint16_t>(a);
  for (unsigned i = 0; i < 8; ++i) RC_ASSERT(((mask >> i) & 1) == (lane<uint16_t>(a, i) >> 15));
  RC_ASSERT(vbitselect(a, b, a) == vor(a, b) && vxor(vxor(a, b), b) == a);
}

// Each relaxed operator in the deterministic profile is its non-relaxed counterpart, and with
// the alternative parameter still returns one of the spec's allowed results.
RC_GTEST_PROP(VectorProperties, RelaxedDeterministicProfile, ()) {
  V128 a = *gen_v128(), b = *gen_v128(), c = *gen_v128();
  float x = *gen_float<float>(), y = *gen_float<float>(), z = *gen_float<float>();
  RC_ASSERT(bits(frelaxed_min(x, y)) == bits(fmin(x, y)) && bits(frelaxed_max(x, y)) == bits(fmax(x, y)));
  RC_ASSERT(bits(frelaxed_madd(x, y, z)) == bits(fadd(fmul(x, y), z)));
  float fused = frelaxed_madd(x, y, z, Relaxed{.fmadd = 1});
  if (is_nan(fused)) {
    check_nan_result(fused, {x, y, z});
  } else if (!std::isinf(x) && !std::isinf(y) && !std::isinf(z)) {
    Exact exact = Exact(x) * Exact(y) + Exact(z);  // exact: f32 values span < 640 bits
    RC_ASSERT(bits(fused) == bits(exact.convert_to<float>()));
  }
  RC_ASSERT(ivrelaxed_swizzle(a, b) == ivswizzle(a, b));
  RC_ASSERT(vternop<uint32_t>(a, b, c, [](uint32_t p, uint32_t q, uint32_t s) { return irelaxed_laneselect(p, q, s); }) ==
            vbitselect(a, b, c));
  for (unsigned i = 0; i < 8; ++i) {
    uint16_t p = lane<uint16_t>(a, i), q = lane<uint16_t>(b, i);
    RC_ASSERT(irelaxed_q15mulr_s(p, q) == iq15mulr_sat_s(p, q));
    uint16_t alt = irelaxed_q15mulr_s(p, q, Relaxed{.iq15mulr = 1});
    RC_ASSERT(alt == iq15mulr_sat_s(p, q) || (p == 0x8000 && q == 0x8000 && alt == 0x8000));
  }
  RC_ASSERT(relaxed_trunc_s<uint32_t>(x) == trunc_sat_s<uint32_t>(x));
  RC_ASSERT(relaxed_trunc_u<uint32_t>(x) == trunc_sat_u<uint32_t>(x));
  if (trunc_s<uint32_t>(x).ok()) RC_ASSERT(relaxed_trunc_s<uint32_t>(x, Relaxed{.trunc_s = 1}) == *trunc_s<uint32_t>(x));
  // With 7-bit second operands both dot variants agree with the exact dot product.
  V128 b7 = vand(b, vsplat<uint8_t>(0x7F));
  RC_ASSERT(vrelaxed_dot_s(a, b7) == vrelaxed_dot_s(a, b7, Relaxed{.idot = 1}));
  for (unsigned i = 0; i < 8; ++i) {
    int p = int8_t(a.bytes[2 * i]) * b7.bytes[2 * i] + int8_t(a.bytes[2 * i + 1]) * b7.bytes[2 * i + 1];
    RC_ASSERT(int16_t(lane<uint16_t>(vrelaxed_dot_s(a, b7), i)) == p);
  }
}

}  // namespace
}  // namespace wasm::interp::numerics
