// Relaxed SIMD — exec/numerics.rst (Relaxed Operations). Included by numerics_vector.h.
//
// The spec parameterises each relaxed operator by a global parameter R that picks one of the
// allowed result sets ($relaxed(R)[A_0, …, A_n] = A_R). `Relaxed` holds these parameters; the
// default (all 0) is the spec's deterministic profile, and the one used unless a caller asks
// otherwise. Where the chosen set is "any value" (relaxed_trunc with R = 1) we return the
// pattern x86's cvttps2dq produces: 0x80000000 for signed and 0xFFFFFFFF for unsigned lanes.
#pragma once

#include <cstdint>

namespace wasm::interp::numerics {

// spec: the global parameters R_fmadd, R_fmin, … of the relaxed operators.
struct Relaxed {
  uint8_t fmadd = 0;       // 0: fadd(fmul(z1, z2), z3)    1: fma(z1, z2, z3)
  uint8_t fmin = 0;        // 0: fmin   1: the NaN operand / z1 for ±0   2: the other operand   3: see frelaxed_min
  uint8_t fmax = 0;        // as fmin, with +0 for case 3
  uint8_t iq15mulr = 0;    // overflow (-2^15 * -2^15): 0: 2^15 - 1   1: -2^15
  uint8_t trunc_u = 0;     // NaN / out of range: 0: trunc_sat_u   1: 0xFFFFFFFF
  uint8_t trunc_s = 0;     // NaN / out of range: 0: trunc_sat_s   1: 0x80000000
  uint8_t swizzle = 0;     // index 16..127: 0: 0   1: v[j mod 16]
  uint8_t idot = 0;        // second operand's extension: 0: signed   1: unsigned
  uint8_t laneselect = 0;  // 0: bitselect with the mask   1: each lane's top bit, extended
  constexpr bool operator==(const Relaxed&) const noexcept = default;
};
inline constexpr Relaxed kDeterministicProfile{};

// spec: $frelaxed_madd_, $frelaxed_nmadd_
template <Float F>
inline F frelaxed_madd(F z1, F z2, F z3, const Relaxed& r = {}) noexcept {
  return r.fmadd == 0 ? fadd(fmul(z1, z2), z3) : fma(z1, z2, z3);
}
template <Float F>
inline F frelaxed_nmadd(F z1, F z2, F z3, const Relaxed& r = {}) noexcept {
  return frelaxed_madd(fneg(z1), z2, z3, r);
}

namespace detail {
// The shared shape of $frelaxed_min_ / $frelaxed_max_; zero3 is -0 for min, +0 for max.
template <Float F, typename Op>
constexpr F relaxed_minmax(F z1, F z2, uint8_t param, F zero3, Op op) noexcept {
  if (param == 0) return op(z1, z2);
  if (is_nan(z1)) return param == 1 ? z1 : z2;
  if (is_nan(z2)) return param == 2 ? z2 : z1;
  if (z1 == F(0) && z2 == F(0) && bits(z1) != bits(z2))  // zeroes of opposite sign
    return param == 1 ? z1 : param == 2 ? z2 : zero3;
  return op(z1, z2);
}
}  // namespace detail
// spec: $frelaxed_min_
template <Float F>
constexpr F frelaxed_min(F z1, F z2, const Relaxed& r = {}) noexcept {
  return detail::relaxed_minmax(z1, z2, r.fmin, F(-0.0), fmin<F>);
}
// spec: $frelaxed_max_
template <Float F>
constexpr F frelaxed_max(F z1, F z2, const Relaxed& r = {}) noexcept {
  return detail::relaxed_minmax(z1, z2, r.fmax, F(0.0), fmax<F>);
}

// spec: $irelaxed_q15mulr_s_
template <Int T>
constexpr T irelaxed_q15mulr_s(T i1, T i2, const Relaxed& r = {}) noexcept {
  if (i1 == detail::kMinSigned<T> && i2 == detail::kMinSigned<T>)
    return r.iq15mulr == 0 ? detail::kMaxSigned<T> : detail::kMinSigned<T>;
  return iq15mulr_sat_s(i1, i2);
}

// spec: $relaxed_trunc_u, $relaxed_trunc_s
template <Int I, Float F>
constexpr I relaxed_trunc_u(F z, const Relaxed& r = {}) noexcept {
  if (r.trunc_u == 0 || (!is_nan(z) && detail::trunc_fits_u<I>(z))) return trunc_sat_u<I>(z);
  return I(~I(0));
}
template <Int I, Float F>
constexpr I relaxed_trunc_s(F z, const Relaxed& r = {}) noexcept {
  if (r.trunc_s == 0 || (!is_nan(z) && detail::trunc_fits_s<I>(z))) return trunc_sat_s<I>(z);
  return detail::kMinSigned<I>;
}

// spec: $irelaxed_laneselect_
template <Int T>
constexpr T irelaxed_laneselect(T i1, T i2, T i3, const Relaxed& r = {}) noexcept {
  T mask = r.laneselect == 0 ? i3 : ishr_s(i3, T(kBits<T> - 1));  // $extend_s_{1,N}(top bit)
  return ibitselect(i1, i2, mask);
}

// spec: $ivrelaxed_swizzle_lane, $ivrelaxed_swizzle
constexpr uint8_t ivrelaxed_swizzle_lane(const V128& v, uint8_t j, const Relaxed& r = {}) noexcept {
  if (j < 16) return v.bytes[j];
  if (signed_(j) < 0 || r.swizzle == 0) return 0;
  return v.bytes[j % 16];
}
constexpr V128 ivrelaxed_swizzle(const V128& v, const V128& s, const Relaxed& r = {}) noexcept {
  V128 out;
  for (unsigned k = 0; k < 16; ++k) out.bytes[k] = ivrelaxed_swizzle_lane(v, s.bytes[k], r);
  return out;
}

// spec: vextbinop relaxed_dot_s with $ivdot_sat_: i16x8.relaxed_dot_i8x16_i7x16_s. The second
// operand is extended signed or unsigned (R_idot); pairs are added with signed saturation.
constexpr V128 vrelaxed_dot_s(const V128& v1, const V128& v2, const Relaxed& r = {}) noexcept {
  if (r.idot == 0)
    return detail::pairwise<uint16_t, uint8_t>(v1, v2, extend_s<uint16_t, uint8_t>, iadd_sat_s<uint16_t>);
  return detail::pairwise<uint16_t, uint8_t>(v1, v2, extend_u<uint16_t, uint8_t>, iadd_sat_s<uint16_t>);
}
// spec: vextternop relaxed_dot_add_s: i32x4.relaxed_dot_i8x16_i7x16_add_s =
//   iadd(extadd_pairwise_s(relaxed_dot_s(v1, v2)), v3)
constexpr V128 vrelaxed_dot_add_s(const V128& v1, const V128& v2, const V128& v3,
                                  const Relaxed& r = {}) noexcept {
  V128 dot = vextadd_pairwise_s<uint32_t, uint16_t>(vrelaxed_dot_s(v1, v2, r));
  return vbinop<uint32_t>(dot, v3, iadd<uint32_t>);
}

}  // namespace wasm::interp::numerics
