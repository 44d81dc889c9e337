// Floating-point operations — exec/numerics.rst (Floating-Point Operations).
// Included by interpreter/numerics.h; see its conventions.
//
// NaN propagation (spec: $nans_N): when a result is NaN, the spec allows the canonical NaN or, if
// an operand is NaN, an arithmetic NaN. We make the reference interpreter's deterministic choice
// (interpreter/exec/fxx.ml): the first NaN operand with its quiet bit set, otherwise +canonical
// NaN. So results satisfy both `nan:arithmetic` and, for canonical inputs, `nan:canonical`.
// fneg, fabs, fcopysign are bitwise and never touch a NaN's payload.
//
// Requirements: IEEE 754 types, FLT_EVAL_METHOD == 0 (no excess precision), round-to-nearest,
// and -ffp-contract=off (set project-wide) so that x * y + z is never fused.
#pragma once

#include <bit>
#include <cfloat>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace wasm::interp::numerics {

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559);
static_assert(FLT_EVAL_METHOD == 0, "numerics need float arithmetic without excess precision");

template <typename F>
concept Float = std::same_as<F, float> || std::same_as<F, double>;

// The bit pattern type of fN.
template <Float F>
using Bits = std::conditional_t<std::is_same_v<F, float>, uint32_t, uint64_t>;

// spec: $signif(N) = M, $expon(N) = E  (f32: M = 23, E = 8; f64: M = 52, E = 11)
template <Float F>
inline constexpr unsigned kSignif = std::numeric_limits<F>::digits - 1;
template <Float F>
inline constexpr unsigned kExpon = unsigned(sizeof(F) * 8) - 1 - kSignif<F>;

template <Float F>
inline constexpr Bits<F> kSignBit = Bits<F>(1) << (sizeof(F) * 8 - 1);
template <Float F>
inline constexpr Bits<F> kQuietBit = Bits<F>(1) << (kSignif<F> - 1);    // top of the payload
template <Float F>
inline constexpr Bits<F> kCanonicalNan = (~kSignBit<F> >> kSignif<F> << kSignif<F>) | kQuietBit<F>;

template <Float F>
constexpr Bits<F> bits(F z) noexcept { return std::bit_cast<Bits<F>>(z); }
template <Float F>
constexpr F from_bits(Bits<F> b) noexcept { return std::bit_cast<F>(b); }

template <Float F>
constexpr bool is_nan(F z) noexcept { return z != z; }
// spec: canonical NaN (payload 2^(M-1), either sign) and arithmetic NaN (payload >= 2^(M-1)).
template <Float F>
constexpr bool is_canonical_nan(F z) noexcept {
  return (bits(z) & ~kSignBit<F>) == kCanonicalNan<F>;
}
template <Float F>
constexpr bool is_arithmetic_nan(F z) noexcept {
  return is_nan(z) && (bits(z) & kQuietBit<F>) != 0;
}

namespace detail {
// The NaN a unary operation returns (fxx.ml: determine_unary_nan).
template <Float F>
constexpr F unary_nan(F z) noexcept {
  return from_bits<F>((is_nan(z) ? bits(z) : kCanonicalNan<F>) | kQuietBit<F>);
}
// The NaN a binary (or ternary) operation returns (fxx.ml: determine_binary_nan).
template <Float F>
constexpr F binary_nan(F z1, F z2, F z3 = F(0)) noexcept {
  Bits<F> b = is_nan(z1) ? bits(z1) : is_nan(z2) ? bits(z2) : is_nan(z3) ? bits(z3)
                                                                       : kCanonicalNan<F>;
  return from_bits<F>(b | kQuietBit<F>);
}
template <Float F>
constexpr F binary_result(F r, F z1, F z2) noexcept { return is_nan(r) ? binary_nan(z1, z2) : r; }
}  // namespace detail

// spec: $fadd_, $fsub_, $fmul_, $fdiv_  (IEEE 754 round-to-nearest, ties-to-even)
template <Float F>
constexpr F fadd(F z1, F z2) noexcept { return detail::binary_result(z1 + z2, z1, z2); }
template <Float F>
constexpr F fsub(F z1, F z2) noexcept { return detail::binary_result(z1 - z2, z1, z2); }
template <Float F>
constexpr F fmul(F z1, F z2) noexcept { return detail::binary_result(z1 * z2, z1, z2); }
template <Float F>
constexpr F fdiv(F z1, F z2) noexcept { return detail::binary_result(z1 / z2, z1, z2); }

// spec: $fma_  (fusedMultiplyAdd, one rounding; used by relaxed_madd only)
template <Float F>
inline F fma(F z1, F z2, F z3) noexcept {
  F r = std::fma(z1, z2, z3);
  return is_nan(r) ? detail::binary_nan(z1, z2, z3) : r;
}

// spec: $fmin_  (NaN if either is NaN; -0 < +0)
template <Float F>
constexpr F fmin(F z1, F z2) noexcept {
  if (z1 == z2) return from_bits<F>(bits(z1) | bits(z2));  // min(-0, +0) = -0
  if (z1 < z2) return z1;
  if (z2 < z1) return z2;
  return detail::binary_nan(z1, z2);
}
// spec: $fmax_
template <Float F>
constexpr F fmax(F z1, F z2) noexcept {
  if (z1 == z2) return from_bits<F>(bits(z1) & bits(z2));  // max(-0, +0) = +0
  if (z1 > z2) return z1;
  if (z2 > z1) return z2;
  return detail::binary_nan(z1, z2);
}

// spec: $fcopysign_, $fabs_, $fneg_  (bitwise, NaN payloads included)
template <Float F>
constexpr F fcopysign(F z1, F z2) noexcept {
  return from_bits<F>((bits(z1) & ~kSignBit<F>) | (bits(z2) & kSignBit<F>));
}
template <Float F>
constexpr F fabs(F z) noexcept { return from_bits<F>(bits(z) & ~kSignBit<F>); }
template <Float F>
constexpr F fneg(F z) noexcept { return from_bits<F>(bits(z) ^ kSignBit<F>); }

// spec: $fsqrt_
template <Float F>
inline F fsqrt(F z) noexcept {
  F r = std::sqrt(z);
  return is_nan(r) ? detail::unary_nan(z) : r;
}

// spec: $ftrunc_  (by clearing the fraction bits; exact, keeps the sign of zero)
template <Float F>
constexpr F ftrunc(F z) noexcept {
  if (is_nan(z)) return detail::unary_nan(z);
  constexpr int bias = (1 << (kExpon<F> - 1)) - 1;
  Bits<F> b = bits(z);
  int e = int((b & ~kSignBit<F>) >> kSignif<F>) - bias;  // unbiased exponent
  if (e >= int(kSignif<F>)) return z;                   // integral already (or infinite)
  if (e < 0) return from_bits<F>(b & kSignBit<F>);       // |z| < 1: ±0
  Bits<F> fraction = (Bits<F>(1) << (kSignif<F> - unsigned(e))) - 1;
  return from_bits<F>(b & ~fraction);
}
// spec: $fceil_  (-0 for -1 < z < 0)
template <Float F>
constexpr F fceil(F z) noexcept {
  F t = ftrunc(z);
  return t < z ? t + F(1) : t;  // exact: t is an integer below 2^M here
}
// spec: $ffloor_  (+0 for 0 < z < 1)
template <Float F>
constexpr F ffloor(F z) noexcept {
  F t = ftrunc(z);
  return t > z ? t - F(1) : t;
}
// spec: $fnearest_  (ties to even; keeps the sign of zero, -0.5 -> -0)
template <Float F>
constexpr F fnearest(F z) noexcept {
  if (is_nan(z)) return detail::unary_nan(z);
  constexpr F two_m = F(Bits<F>(1) << kSignif<F>);  // 2^M: ulp(2^M) = 1
  F a = fabs(z);
  if (!(a < two_m)) return z;                     // integral already (or infinite)
  F r = (a + two_m) - two_m;                      // rounds to an integer, ties to even
  return fcopysign(r, z);
}

// spec: $feq_, $fne_, $flt_, $fgt_, $fle_, $fge_  (false on NaN, except fne; -0 = +0)
template <Float F>
constexpr bool feq(F z1, F z2) noexcept { return z1 == z2; }
template <Float F>
constexpr bool fne(F z1, F z2) noexcept { return z1 != z2; }
template <Float F>
constexpr bool flt(F z1, F z2) noexcept { return z1 < z2; }
template <Float F>
constexpr bool fgt(F z1, F z2) noexcept { return z1 > z2; }
template <Float F>
constexpr bool fle(F z1, F z2) noexcept { return z1 <= z2; }
template <Float F>
constexpr bool fge(F z1, F z2) noexcept { return z1 >= z2; }

// spec: $fpmin_, $fpmax_  (pseudo-min/max: z2 < z1 ? z2 : z1, so NaN and ±0 pass through)
template <Float F>
constexpr F fpmin(F z1, F z2) noexcept { return flt(z2, z1) ? z2 : z1; }
template <Float F>
constexpr F fpmax(F z1, F z2) noexcept { return flt(z1, z2) ? z2 : z1; }

}  // namespace wasm::interp::numerics
