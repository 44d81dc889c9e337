// An independent model of the scalar numerics of exec/numerics.rst, written with
// Boost.Multiprecision and no host arithmetic on the modelled types:
//   * integers iN as cpp_int in [0, 2^N), with $signed_N as an explicit subtraction of 2^N;
//   * floats as exact rationals (cpp_rational) or ±inf or NaN, rounded back to f32/f64 by an
//     explicit round-to-nearest-ties-to-even over integers (subnormals, overflow to infinity);
//     square roots by the integer square root of a scaled rational.
// A float result the spec defines as a NaN is modelled as "NaN" only: the caller checks it
// against the spec's set $nans_N{z*} (canonical when every NaN operand is canonical, otherwise
// any arithmetic NaN), not against the interpreter's deterministic choice.
// Used by numerics_model_test.cpp.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <optional>

#include "interpreter/numerics.h"

namespace wasm::interp::model {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;
using numerics::Bits;
using numerics::Float;
using numerics::Int;

inline cpp_int pow2(int k) { return cpp_int(1) << k; }

// --- Integers ---------------------------------------------------------------------------------

template <Int T>
inline constexpr int kN = int(sizeof(T) * 8);

template <Int T>
cpp_int unsigned_of(T x) {
  return cpp_int(uint64_t(x));
}
// spec: $signed_N(i) = i - 2^N for i >= 2^(N-1)
template <Int T>
cpp_int signed_of(T x) {
  cpp_int u = unsigned_of(x);
  return u >= pow2(kN<T> - 1) ? u - pow2(kN<T>) : u;
}
// v mod 2^N, for any integer v
template <Int T>
T wrap_to(const cpp_int& v) {
  cpp_int m = v % pow2(kN<T>);
  if (m < 0) m += pow2(kN<T>);
  return T(m.convert_to<uint64_t>());
}
// Division truncating toward zero, written out (|a| div |b| with the sign of a * b).
inline cpp_int div_trunc(const cpp_int& a, const cpp_int& b) {
  cpp_int q = abs(a) / abs(b);
  return (a < 0) != (b < 0) ? cpp_int(-q) : q;
}
// Division rounding toward -inf.
inline cpp_int div_floor(const cpp_int& a, const cpp_int& b) {
  cpp_int q = div_trunc(a, b);
  return q * b != a && (a < 0) != (b < 0) ? cpp_int(q - 1) : q;
}
inline cpp_int clamp(const cpp_int& v, const cpp_int& lo, const cpp_int& hi) {
  return v < lo ? lo : v > hi ? hi : v;
}
template <Int T>
cpp_int min_signed() {
  return -pow2(kN<T> - 1);
}
template <Int T>
cpp_int max_signed() {
  return pow2(kN<T> - 1) - 1;
}
template <Int T>
cpp_int max_unsigned() {
  return pow2(kN<T>) - 1;
}

// --- Floats -------------------------------------------------------------------------------------

// binary32 / binary64: precision p (hidden bit included), minimum and maximum exponent.
template <Float F>
inline constexpr int kPrecision = std::numeric_limits<F>::digits;
template <Float F>
inline constexpr int kEmax = std::numeric_limits<F>::max_exponent - 1;  // 127, 1023
template <Float F>
inline constexpr int kEmin = 1 - kEmax<F>;  // -126, -1022

// An extended real: a NaN (its bits kept for the $nans rule), ±inf, or a signed exact rational.
template <Float F>
struct Real {
  enum Kind { Finite, Inf, NaN } kind = Finite;
  bool neg = false;
  cpp_rational mag;  // |value| when Finite
  F original{};      // the operand this was decoded from (for NaN operands)
  bool is_zero() const { return kind == Finite && mag == 0; }
  cpp_rational value() const { return neg ? cpp_rational(-mag) : mag; }
};

// The exact value of a bit pattern: (-1)^s * m * 2^(e - bias - (p-1)), subnormals at emin.
template <Float F>
Real<F> decode(F z) {
  constexpr int p = kPrecision<F>, width = int(sizeof(F) * 8);
  Bits<F> b = numerics::bits(z);
  Real<F> r;
  r.original = z;
  r.neg = (b >> (width - 1)) != 0;
  uint64_t field = uint64_t((b >> (p - 1)) & ((Bits<F>(1) << (width - p)) - 1));
  cpp_int m = cpp_int(uint64_t(b & ((Bits<F>(1) << (p - 1)) - 1)));
  if (field == (uint64_t(1) << (width - p)) - 1) {
    r.kind = m == 0 ? Real<F>::Inf : Real<F>::NaN;
    return r;
  }
  int e = field == 0 ? kEmin<F> : int(field) - kEmax<F>;
  if (field != 0) m += pow2(p - 1);
  int scale = e - (p - 1);
  r.mag = scale >= 0 ? cpp_rational(m * pow2(scale)) : cpp_rational(m, pow2(-scale));
  return r;
}

// floor(x * 2^s) for an exact positive quantity x, and whether that floor is exact.
struct Scaled {
  cpp_int floor;
  bool exact;
};
inline Scaled scale_rational(const cpp_rational& a, int s) {
  cpp_int num = numerator(a), den = denominator(a);
  if (s >= 0)
    num <<= s;
  else
    den <<= -s;
  return {num / den, num % den == 0};
}
// floor(sqrt(a) * 2^s) = isqrt(floor(a * 4^s)); exact iff a * 4^s is the square of an integer.
inline Scaled scale_sqrt(const cpp_rational& a, int s) {
  Scaled t = scale_rational(a, 2 * s);
  cpp_int k = boost::multiprecision::sqrt(t.floor);
  return {k, t.exact && k * k == t.floor};
}
// floor(log2(a)) for a rational a > 0.
inline int ilog2(const cpp_rational& a) {
  cpp_int num = numerator(a), den = denominator(a);
  int e = int(msb(num)) - int(msb(den));
  bool below = e >= 0 ? num < (den << e) : (num << -e) < den;
  return below ? e - 1 : e;
}

template <Float F>
Bits<F> sign_bits(bool neg) {
  return neg ? numerics::kSignBit<F> : Bits<F>(0);
}
template <Float F>
Bits<F> inf_bits(bool neg) {
  return sign_bits<F>(neg) | (numerics::kCanonicalNan<F> & ~numerics::kQuietBit<F>);
}

// Round a positive exact quantity x with 2^e <= x < 2^(e+1) to F, ties to even; `scaled(s)`
// gives floor(x * 2^s). The quantum is 2^(max(e, emin) - (p-1)); overflow gives infinity.
template <Float F, typename ScaledFn>
Bits<F> round_to_nearest_even(bool neg, int e, ScaledFn scaled) {
  constexpr int p = kPrecision<F>;
  int q = std::max(e, kEmin<F>) - (p - 1);  // exponent of the unit in the last place
  Scaled k = scaled(1 - q);                 // floor(x / 2^(q-1)): the result and one more bit
  cpp_int n = k.floor >> 1;
  bool half = bit_test(k.floor, 0), sticky = !k.exact;
  if (half && (sticky || bit_test(n, 0))) ++n;
  if (n == pow2(p)) {
    n >>= 1;
    ++q;
  }
  if (n == 0) return sign_bits<F>(neg);
  if (n >= pow2(p - 1) && q + (p - 1) > kEmax<F>) return inf_bits<F>(neg);
  Bits<F> field = 0, fraction = Bits<F>(n.convert_to<uint64_t>());
  if (n >= pow2(p - 1)) {  // normal: biased exponent q + (p-1) + emax, hidden bit dropped
    field = Bits<F>(q + (p - 1) + kEmax<F>);
    fraction -= Bits<F>(1) << (p - 1);
  }
  return sign_bits<F>(neg) | (field << (p - 1)) | fraction;
}

// A model result: the exact bits, or "some NaN of $nans_N{operands}".
template <Float F>
struct Result {
  std::optional<Bits<F>> bits;  // nullopt: a NaN
  static Result nan() { return {}; }
  static Result of(Bits<F> b) { return {b}; }
};

template <Float F>
Result<F> round_value(bool neg, const cpp_rational& mag) {
  if (mag == 0) return Result<F>::of(sign_bits<F>(neg));
  return Result<F>::of(
      round_to_nearest_even<F>(neg, ilog2(mag), [&](int s) { return scale_rational(mag, s); }));
}
template <Float F>
Result<F> round_signed(const cpp_rational& v, bool neg_if_zero) {
  return v == 0 ? Result<F>::of(sign_bits<F>(neg_if_zero)) : round_value<F>(v < 0, abs(v));
}
template <Float F>
Result<F> infinity(bool neg) {
  return Result<F>::of(inf_bits<F>(neg));
}

// spec: $fadd_ (IEEE 754 addition: exact sum, rounded; an exact zero sum is +0 unless both
// operands are -0)
template <Float F>
Result<F> fadd(const Real<F>& a, const Real<F>& b) {
  using R = Real<F>;
  if (a.kind == R::NaN || b.kind == R::NaN) return Result<F>::nan();
  if (a.kind == R::Inf && b.kind == R::Inf)
    return a.neg == b.neg ? infinity<F>(a.neg) : Result<F>::nan();
  if (a.kind == R::Inf) return infinity<F>(a.neg);
  if (b.kind == R::Inf) return infinity<F>(b.neg);
  return round_signed<F>(a.value() + b.value(), a.is_zero() && b.is_zero() && a.neg && b.neg);
}
// spec: $fsub_ (z1 + (-z2))
template <Float F>
Result<F> fsub(const Real<F>& a, Real<F> b) {
  b.neg = !b.neg;
  return fadd(a, b);
}
// spec: $fmul_
template <Float F>
Result<F> fmul(const Real<F>& a, const Real<F>& b) {
  using R = Real<F>;
  bool neg = a.neg != b.neg;
  if (a.kind == R::NaN || b.kind == R::NaN) return Result<F>::nan();
  if ((a.kind == R::Inf && b.is_zero()) || (b.kind == R::Inf && a.is_zero()))
    return Result<F>::nan();
  if (a.kind == R::Inf || b.kind == R::Inf) return infinity<F>(neg);
  return round_value<F>(neg, a.mag * b.mag);
}
// spec: $fdiv_
template <Float F>
Result<F> fdiv(const Real<F>& a, const Real<F>& b) {
  using R = Real<F>;
  bool neg = a.neg != b.neg;
  if (a.kind == R::NaN || b.kind == R::NaN) return Result<F>::nan();
  if (a.kind == R::Inf) return b.kind == R::Inf ? Result<F>::nan() : infinity<F>(neg);
  if (b.kind == R::Inf) return Result<F>::of(sign_bits<F>(neg));
  if (b.is_zero()) return a.is_zero() ? Result<F>::nan() : infinity<F>(neg);
  return round_value<F>(neg, a.mag / b.mag);
}
// spec: $fsqrt_
template <Float F>
Result<F> fsqrt(const Real<F>& a) {
  using R = Real<F>;
  if (a.kind == R::NaN) return Result<F>::nan();
  if (a.is_zero()) return Result<F>::of(sign_bits<F>(a.neg));
  if (a.neg) return Result<F>::nan();
  if (a.kind == R::Inf) return infinity<F>(false);
  int e = ilog2(a.mag);
  int half = e >= 0 ? e / 2 : -((-e + 1) / 2);  // floor(e / 2)
  return Result<F>::of(
      round_to_nearest_even<F>(false, half, [&](int s) { return scale_sqrt(a.mag, s); }));
}
// spec: $fmin_, $fmax_ (NaN if either is; -0 < +0)
template <Float F>
Result<F> fminmax(const Real<F>& a, const Real<F>& b, bool is_min) {
  using R = Real<F>;
  if (a.kind == R::NaN || b.kind == R::NaN) return Result<F>::nan();
  auto key = [](const R& r) {  // -inf < finite < +inf
    return r.kind == R::Inf ? std::pair<int, cpp_rational>(r.neg ? -1 : 1, 0)
                            : std::pair<int, cpp_rational>(0, r.value());
  };
  auto ka = key(a), kb = key(b);
  bool a_less = ka < kb || (ka == kb && a.neg && !b.neg);  // -0 below +0
  const R& r = a_less == is_min ? a : b;
  return Result<F>::of(numerics::bits(r.original));
}
// spec: $fceil_, $ffloor_, $ftrunc_, $fnearest_: an integer value keeping the operand's sign
enum class RoundingOp { Ceil, Floor, Trunc, Nearest };
template <Float F>
Result<F> fround(const Real<F>& a, RoundingOp op) {
  using R = Real<F>;
  if (a.kind == R::NaN) return Result<F>::nan();
  if (a.kind == R::Inf) return infinity<F>(a.neg);
  cpp_rational v = a.value();
  cpp_int fl = div_floor(numerator(v), denominator(v));
  cpp_rational frac = v - fl;
  cpp_int r = fl;
  switch (op) {
    case RoundingOp::Floor: break;
    case RoundingOp::Ceil: r = frac == 0 ? fl : fl + 1; break;
    case RoundingOp::Trunc: r = (v < 0 && frac != 0) ? fl + 1 : fl; break;
    case RoundingOp::Nearest:
      if (frac > cpp_rational(1, 2) || (frac == cpp_rational(1, 2) && bit_test(abs(fl), 0)))
        r = fl + 1;
      break;
  }
  return round_signed<F>(cpp_rational(r), a.neg);
}
// spec: $feq_ … $fge_ as a three-way comparison; nullopt if unordered (a NaN operand).
template <Float F>
std::optional<int> fcompare(const Real<F>& a, const Real<F>& b) {
  using R = Real<F>;
  if (a.kind == R::NaN || b.kind == R::NaN) return std::nullopt;
  auto key = [](const R& r) {
    return r.kind == R::Inf ? std::pair<int, cpp_rational>(r.neg ? -1 : 1, 0)
                            : std::pair<int, cpp_rational>(0, r.value());
  };
  auto ka = key(a), kb = key(b);
  return ka < kb ? -1 : ka == kb ? 0 : 1;
}
// spec: $convert_s, $convert_u (the integer rounded)
template <Float F>
Result<F> convert(const cpp_int& i) {
  return round_signed<F>(cpp_rational(i), false);
}
// spec: $demote_, $promote_ (the value rounded to the other format; NaN by $nans)
template <Float To, Float From>
Result<To> convert_float(const Real<From>& a) {
  using R = Real<From>;
  if (a.kind == R::NaN) return Result<To>::nan();
  if (a.kind == R::Inf) return infinity<To>(a.neg);
  return round_signed<To>(a.value(), a.neg);
}
// spec: $trunc_ : the value truncated toward zero, nullopt for NaN and ±inf.
template <Float F>
std::optional<cpp_int> truncate(const Real<F>& a) {
  if (a.kind != Real<F>::Finite) return std::nullopt;
  cpp_rational v = a.value();
  return div_trunc(numerator(v), denominator(v));
}

}  // namespace wasm::interp::model
