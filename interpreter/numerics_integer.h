// Integer operations — exec/numerics.rst (Integer Operations), plus the wide-arithmetic
// proposal's 128-bit helpers. Included by interpreter/numerics.h; see its conventions.
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>
#include <type_traits>

namespace wasm::interp::numerics {

// The storage types of iN, N ∈ {8, 16, 32, 64}.
template <typename T>
concept Int = std::same_as<T, uint8_t> || std::same_as<T, uint16_t> ||
              std::same_as<T, uint32_t> || std::same_as<T, uint64_t>;

template <Int T>
inline constexpr unsigned kBits = unsigned(sizeof(T) * 8);  // N

template <Int T>
using Signed = std::make_signed_t<T>;

namespace detail {
// Arithmetic type for T: at least 32 bits and unsigned, so that uint8_t/uint16_t operands are
// not promoted to (signed) int, whose overflow would be undefined.
template <Int T>
using Wide = std::conditional_t<(sizeof(T) < 4), uint32_t, T>;
template <Int T>
inline constexpr T kMinSigned = T(T(1) << (kBits<T> - 1));  // signed^-1(-2^(N-1))
template <Int T>
inline constexpr T kMaxSigned = T(kMinSigned<T> - 1);        // 2^(N-1) - 1
}  // namespace detail

// spec: $signed_  (two's complement interpretation; modular conversion is defined in C++20)
template <Int T>
constexpr Signed<T> signed_(T i) noexcept { return static_cast<Signed<T>>(i); }
// spec: $signed_^-1
template <Int T>
constexpr T signed_inv(Signed<T> i) noexcept { return static_cast<T>(i); }

// spec: $iadd_
template <Int T>
constexpr T iadd(T i1, T i2) noexcept { return T(detail::Wide<T>(i1) + detail::Wide<T>(i2)); }
// spec: $isub_
template <Int T>
constexpr T isub(T i1, T i2) noexcept { return T(detail::Wide<T>(i1) - detail::Wide<T>(i2)); }
// spec: $imul_
template <Int T>
constexpr T imul(T i1, T i2) noexcept { return T(detail::Wide<T>(i1) * detail::Wide<T>(i2)); }

// spec: $idiv_u  (partial: undefined for i2 = 0)
template <Int T>
constexpr Partial<T> idiv_u(T i1, T i2) noexcept {
  if (i2 == 0) return TrapKind::DivideByZero;
  return T(i1 / i2);
}
// spec: $idiv_s  (partial: undefined for i2 = 0 and for -2^(N-1) / -1, whose result is 2^(N-1))
template <Int T>
constexpr Partial<T> idiv_s(T i1, T i2) noexcept {
  if (i2 == 0) return TrapKind::DivideByZero;
  if (i1 == detail::kMinSigned<T> && i2 == T(~T(0))) return TrapKind::IntegerOverflow;
  return signed_inv<T>(Signed<T>(signed_(i1) / signed_(i2)));  // truncates toward zero
}
// spec: $irem_u
template <Int T>
constexpr Partial<T> irem_u(T i1, T i2) noexcept {
  if (i2 == 0) return TrapKind::DivideByZero;
  return T(i1 % i2);
}
// spec: $irem_s  (the sign of the result is the sign of the dividend; -2^(N-1) rem -1 = 0)
template <Int T>
constexpr Partial<T> irem_s(T i1, T i2) noexcept {
  if (i2 == 0) return TrapKind::DivideByZero;
  if (i2 == T(~T(0))) return T(0);  // avoids INT_MIN % -1, which C++ leaves undefined
  return signed_inv<T>(Signed<T>(signed_(i1) % signed_(i2)));
}

// spec: $inot_, $iand_, $iandnot_, $ior_, $ixor_
template <Int T>
constexpr T inot(T i) noexcept { return T(~i); }
template <Int T>
constexpr T iand(T i1, T i2) noexcept { return T(i1 & i2); }
template <Int T>
constexpr T iandnot(T i1, T i2) noexcept { return T(i1 & ~i2); }
template <Int T>
constexpr T ior(T i1, T i2) noexcept { return T(i1 | i2); }
template <Int T>
constexpr T ixor(T i1, T i2) noexcept { return T(i1 ^ i2); }

// spec: $ishl_  (k = i2 mod N)
template <Int T>
constexpr T ishl(T i1, T i2) noexcept {
  return T(detail::Wide<T>(i1) << (i2 % kBits<T>));
}
// spec: $ishr_u
template <Int T>
constexpr T ishr_u(T i1, T i2) noexcept { return T(i1 >> (i2 % kBits<T>)); }
// spec: $ishr_s  (C++20 defines >> on negative values as arithmetic shift)
template <Int T>
constexpr T ishr_s(T i1, T i2) noexcept {
  return signed_inv<T>(Signed<T>(signed_(i1) >> (i2 % kBits<T>)));
}
// spec: $irotl_
template <Int T>
constexpr T irotl(T i1, T i2) noexcept { return std::rotl(i1, int(i2 % kBits<T>)); }
// spec: $irotr_
template <Int T>
constexpr T irotr(T i1, T i2) noexcept { return std::rotr(i1, int(i2 % kBits<T>)); }

// spec: $iclz_, $ictz_, $ipopcnt_
template <Int T>
constexpr T iclz(T i) noexcept { return T(std::countl_zero(i)); }
template <Int T>
constexpr T ictz(T i) noexcept { return T(std::countr_zero(i)); }
template <Int T>
constexpr T ipopcnt(T i) noexcept { return T(std::popcount(i)); }

// Tests and relations return the spec's $bool_ as a C++ bool (the caller pushes it as i32).
// spec: $ieqz_, $inez_, $ieq_, $ine_, $ilt_u, $ilt_s, $igt_u, $igt_s, $ile_u, $ile_s, $ige_u, $ige_s
template <Int T>
constexpr bool ieqz(T i) noexcept { return i == 0; }
template <Int T>
constexpr bool inez(T i) noexcept { return i != 0; }
template <Int T>
constexpr bool ieq(T i1, T i2) noexcept { return i1 == i2; }
template <Int T>
constexpr bool ine(T i1, T i2) noexcept { return i1 != i2; }
template <Int T>
constexpr bool ilt_u(T i1, T i2) noexcept { return i1 < i2; }
template <Int T>
constexpr bool ilt_s(T i1, T i2) noexcept { return signed_(i1) < signed_(i2); }
template <Int T>
constexpr bool igt_u(T i1, T i2) noexcept { return i1 > i2; }
template <Int T>
constexpr bool igt_s(T i1, T i2) noexcept { return signed_(i1) > signed_(i2); }
template <Int T>
constexpr bool ile_u(T i1, T i2) noexcept { return i1 <= i2; }
template <Int T>
constexpr bool ile_s(T i1, T i2) noexcept { return signed_(i1) <= signed_(i2); }
template <Int T>
constexpr bool ige_u(T i1, T i2) noexcept { return i1 >= i2; }
template <Int T>
constexpr bool ige_s(T i1, T i2) noexcept { return signed_(i1) >= signed_(i2); }

// spec: $iextend_  (iextendM_s: sign-extend the low M bits, as in i32.extend8_s with M = 8)
template <unsigned M, Int T>
constexpr T iextend_s(T i) noexcept {
  static_assert(M >= 1 && M <= kBits<T>);
  constexpr unsigned k = kBits<T> - M;
  return signed_inv<T>(Signed<T>(signed_(T(detail::Wide<T>(i) << k)) >> k));
}

// spec: $ibitselect_
template <Int T>
constexpr T ibitselect(T i1, T i2, T i3) noexcept { return T((i1 & i3) | (i2 & ~i3)); }

// spec: $ineg_, $iabs_
template <Int T>
constexpr T ineg(T i) noexcept { return T(detail::Wide<T>(0) - detail::Wide<T>(i)); }
template <Int T>
constexpr T iabs(T i) noexcept { return signed_(i) < 0 ? ineg(i) : i; }

// spec: $imin_u, $imin_s, $imax_u, $imax_s
template <Int T>
constexpr T imin_u(T i1, T i2) noexcept { return ilt_u(i1, i2) ? i1 : i2; }
template <Int T>
constexpr T imin_s(T i1, T i2) noexcept { return ilt_s(i1, i2) ? i1 : i2; }
template <Int T>
constexpr T imax_u(T i1, T i2) noexcept { return igt_u(i1, i2) ? i1 : i2; }
template <Int T>
constexpr T imax_s(T i1, T i2) noexcept { return igt_s(i1, i2) ? i1 : i2; }

// spec: $iadd_sat_u, $iadd_sat_s, $isub_sat_u, $isub_sat_s
template <Int T>
constexpr T iadd_sat_u(T i1, T i2) noexcept {
  T r = iadd(i1, i2);
  return r < i1 ? T(~T(0)) : r;
}
template <Int T>
constexpr T iadd_sat_s(T i1, T i2) noexcept {
  Signed<T> r{};
  if (__builtin_add_overflow(signed_(i1), signed_(i2), &r))
    return signed_(i1) < 0 ? detail::kMinSigned<T> : detail::kMaxSigned<T>;
  return signed_inv<T>(r);
}
template <Int T>
constexpr T isub_sat_u(T i1, T i2) noexcept { return i1 < i2 ? T(0) : T(i1 - i2); }
template <Int T>
constexpr T isub_sat_s(T i1, T i2) noexcept {
  Signed<T> r{};
  if (__builtin_sub_overflow(signed_(i1), signed_(i2), &r))
    return signed_(i1) < 0 ? detail::kMinSigned<T> : detail::kMaxSigned<T>;
  return signed_inv<T>(r);
}

// spec: $iavgr_u  ((i1 + i2 + 1) / 2 without overflow)
template <Int T>
constexpr T iavgr_u(T i1, T i2) noexcept { return T((i1 | i2) - ((i1 ^ i2) >> 1)); }

// spec: $iq15mulr_sat_s  (sat_s((i1 * i2 + 2^14) >> 15)); N <= 16, as used by i16x8
template <Int T>
  requires(kBits<T> <= 16)
constexpr T iq15mulr_sat_s(T i1, T i2) noexcept {
  int32_t p = int32_t(signed_(i1)) * int32_t(signed_(i2));  // |p| <= 2^30: no overflow
  int32_t r = (p + 0x4000) >> 15;
  if (r > int32_t(signed_(detail::kMaxSigned<T>))) return detail::kMaxSigned<T>;
  return signed_inv<T>(Signed<T>(r));  // r >= -2^(N-1) always
}

// spec: $sat_u, $sat_s  (saturate the signed value i to N = width of To)
template <Int To>
constexpr To sat_u(int64_t i) noexcept {
  if (i < 0) return To(0);
  return uint64_t(i) > uint64_t(To(~To(0))) ? To(~To(0)) : To(i);
}
template <Int To>
constexpr To sat_s(int64_t i) noexcept {
  constexpr int64_t lo = signed_(detail::kMinSigned<To>), hi = signed_(detail::kMaxSigned<To>);
  return signed_inv<To>(Signed<To>(i < lo ? lo : i > hi ? hi : i));
}

// spec: $narrow_s, $narrow_u  (M = width of From > N = width of To)
template <Int To, Int From>
  requires(sizeof(To) < sizeof(From))
constexpr To narrow_s(From i) noexcept { return sat_s<To>(int64_t(signed_(i))); }
template <Int To, Int From>
  requires(sizeof(To) < sizeof(From))
constexpr To narrow_u(From i) noexcept { return sat_u<To>(int64_t(signed_(i))); }

// Wide arithmetic (proposals/wide-arithmetic): a 128-bit integer as two i64 halves.
struct I128 {
  uint64_t lo = 0, hi = 0;
  constexpr bool operator==(const I128&) const noexcept = default;
};

// spec: i64.add128  ((lo1, hi1) + (lo2, hi2) mod 2^128)
constexpr I128 iadd128(I128 a, I128 b) noexcept {
  uint64_t lo = a.lo + b.lo;
  return {lo, a.hi + b.hi + (lo < a.lo ? 1u : 0u)};
}
// spec: i64.sub128
constexpr I128 isub128(I128 a, I128 b) noexcept {
  return {a.lo - b.lo, a.hi - b.hi - (a.lo < b.lo ? 1u : 0u)};
}
// spec: i64.mul_wide_u  (the full 128-bit product of two unsigned i64, by 32-bit limbs)
constexpr I128 imul_wide_u(uint64_t i1, uint64_t i2) noexcept {
  uint64_t a0 = i1 & 0xFFFFFFFFu, a1 = i1 >> 32, b0 = i2 & 0xFFFFFFFFu, b1 = i2 >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);  // < 3 * 2^32
  return {(mid << 32) | (p00 & 0xFFFFFFFFu), p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32)};
}
// spec: i64.mul_wide_s  (signed product = unsigned product - 2^64 * (i1<0 ? i2 : 0) - …)
constexpr I128 imul_wide_s(uint64_t i1, uint64_t i2) noexcept {
  I128 p = imul_wide_u(i1, i2);
  if (signed_(i1) < 0) p.hi -= i2;
  if (signed_(i2) < 0) p.hi -= i1;
  return p;
}

}  // namespace wasm::interp::numerics
