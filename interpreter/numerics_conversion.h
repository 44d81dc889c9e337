// Conversions — exec/numerics.rst (Conversions). Included by interpreter/numerics.h.
// Template arguments name the result type first: extend_s<uint64_t>(i32), trunc_s<uint32_t>(z).
#pragma once

#include <bit>
#include <cstdint>

namespace wasm::interp::numerics {

// spec: $extend_u  (zero extension, M < N)
template <Int To, Int From>
  requires(sizeof(From) <= sizeof(To))
constexpr To extend_u(From i) noexcept { return To(i); }
// spec: $extend_s  (sign extension)
template <Int To, Int From>
  requires(sizeof(From) <= sizeof(To))
constexpr To extend_s(From i) noexcept { return signed_inv<To>(Signed<To>(signed_(i))); }

// spec: $wrap_  (i mod 2^N)
template <Int To, Int From>
  requires(sizeof(To) <= sizeof(From))
constexpr To wrap(From i) noexcept { return To(i); }

namespace detail {
template <Float F>
constexpr F pow2(unsigned k) noexcept {  // 2^k, exact for k below the maximum exponent
  constexpr unsigned bias = (1u << (kExpon<F> - 1)) - 1;
  return from_bits<F>(Bits<F>(bias + k) << kSignif<F>);
}
// Whether trunc(z) (z not NaN) is in [-2^(N-1), 2^(N-1)) resp. [0, 2^N).
template <Int I, Float F>
constexpr bool trunc_fits_s(F z) noexcept {
  F t = ftrunc(z);
  return t >= -pow2<F>(kBits<I> - 1) && t < pow2<F>(kBits<I> - 1);
}
template <Int I, Float F>
constexpr bool trunc_fits_u(F z) noexcept {
  F t = ftrunc(z);
  return t >= F(0) && t < pow2<F>(kBits<I>);  // -0.9 truncates to -0, which is in range
}
}  // namespace detail

// spec: $trunc_u  (partial: NaN is "invalid conversion to integer", out of range "integer
// overflow" — the reference interpreter's two exceptions)
template <Int I, Float F>
constexpr Partial<I> trunc_u(F z) noexcept {
  if (is_nan(z)) return TrapKind::InvalidConversion;
  if (!detail::trunc_fits_u<I>(z)) return TrapKind::IntegerOverflow;
  return I(ftrunc(z));  // in range: the C++ conversion is defined
}
// spec: $trunc_s
template <Int I, Float F>
constexpr Partial<I> trunc_s(F z) noexcept {
  if (is_nan(z)) return TrapKind::InvalidConversion;
  if (!detail::trunc_fits_s<I>(z)) return TrapKind::IntegerOverflow;
  return signed_inv<I>(Signed<I>(ftrunc(z)));
}

// spec: $trunc_sat_u  (NaN -> 0; saturates)
template <Int I, Float F>
constexpr I trunc_sat_u(F z) noexcept {
  if (is_nan(z) || z < F(0)) return I(0);
  if (!detail::trunc_fits_u<I>(z)) return I(~I(0));
  return I(ftrunc(z));
}
// spec: $trunc_sat_s
template <Int I, Float F>
constexpr I trunc_sat_s(F z) noexcept {
  if (is_nan(z)) return I(0);
  if (!detail::trunc_fits_s<I>(z)) return z < F(0) ? detail::kMinSigned<I> : detail::kMaxSigned<I>;
  return signed_inv<I>(Signed<I>(ftrunc(z)));
}

namespace detail {
// The unsigned integer u rounded to F, ties to even, in integer arithmetic (so that no double
// rounding through a wider type can happen, e.g. for i64 -> f32).
template <Float F>
constexpr F round_to_float(uint64_t u) noexcept {
  constexpr unsigned p = kSignif<F> + 1;  // precision
  unsigned width = unsigned(std::bit_width(u));
  if (width <= p) return F(u);  // exact
  unsigned shift = width - p;
  uint64_t m = u >> shift, rest = u & ((uint64_t(1) << shift) - 1), half = uint64_t(1) << (shift - 1);
  if (rest > half || (rest == half && (m & 1) != 0)) ++m;  // may carry to 2^p: still exact
  return F(m) * pow2<F>(shift);                            // exact scaling
}
}  // namespace detail

// spec: $convert_u, $convert_s  (correctly rounded)
template <Float F, Int I>
constexpr F convert_u(I i) noexcept { return detail::round_to_float<F>(uint64_t(i)); }
template <Float F, Int I>
constexpr F convert_s(I i) noexcept {
  if (signed_(i) >= 0) return detail::round_to_float<F>(uint64_t(i));
  return fneg(detail::round_to_float<F>(uint64_t(ineg(i))));  // |-2^(N-1)| = 2^(N-1) as unsigned
}

// spec: $demote_  (correctly rounded; a NaN keeps its sign and the top payload bits and
// becomes quiet, as convert.ml does)
constexpr float demote(double z) noexcept {
  if (!is_nan(z)) return float(z);
  uint64_t b = bits(z);
  uint32_t sign = uint32_t(b >> 63) << 31, payload = uint32_t((b & ((uint64_t(1) << 52) - 1)) >> 29);
  return from_bits<float>(sign | kCanonicalNan<float> | payload);
}
// spec: $promote_  (exact; a NaN keeps its sign and payload and becomes quiet)
constexpr double promote(float z) noexcept {
  if (!is_nan(z)) return double(z);
  uint32_t b = bits(z);
  uint64_t sign = uint64_t(b >> 31) << 63, payload = uint64_t(b & ((1u << 23) - 1)) << 29;
  return from_bits<double>(sign | kCanonicalNan<double> | payload);
}

// spec: $reinterpret_  (the same bits)
template <typename To, typename From>
  requires(sizeof(To) == sizeof(From))
constexpr To reinterpret(From x) noexcept { return std::bit_cast<To>(x); }

}  // namespace wasm::interp::numerics
