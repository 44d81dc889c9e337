// Vector numerics — exec/numerics.rst (Vector Operations) and the lane conventions of
// exec/numerics.rst (Representations: $lanes_). Each SIMD instruction is a scalar function of
// numerics.h lifted over lanes by one of the combinators below (vunop, vbinop, vrelop, …), so
// there is one implementation per spec function. Relaxed SIMD: numerics_relaxed.h.
#pragma once

#include <array>
#include <cstdint>

#include "interpreter/numerics.h"

namespace wasm::interp::numerics {

// spec: v128 — 16 bytes, little-endian: lane i of shape txM occupies bytes [i*|t|, (i+1)*|t|).
struct V128 {
  std::array<uint8_t, 16> bytes{};
  constexpr bool operator==(const V128&) const noexcept = default;
};

template <typename L>
concept Lane = Int<L> || Float<L>;

template <Lane L>
inline constexpr unsigned kLanes = unsigned(16 / sizeof(L));  // M of the shape txM

// The integer type with the lane's bits (L itself for integer lanes).
template <Lane L>
using LaneBits = std::conditional_t<Int<L>, L, std::conditional_t<sizeof(L) == 4, uint32_t, uint64_t>>;

template <Lane L>
using LaneArray = std::array<L, kLanes<L>>;

// spec: $lanes_(v)[i]   (i < kLanes<L>; the index immediate is validated)
template <Lane L>
constexpr L lane(const V128& v, unsigned i) noexcept {
  uint64_t b = 0;
  for (unsigned k = sizeof(L); k-- > 0;) b = (b << 8) | v.bytes[(i * sizeof(L) + k) % 16];
  return std::bit_cast<L>(LaneBits<L>(b));
}
template <Lane L>
constexpr void set_lane(V128& v, unsigned i, L x) noexcept {
  uint64_t b = std::bit_cast<LaneBits<L>>(x);
  for (unsigned k = 0; k < sizeof(L); ++k, b >>= 8) v.bytes[(i * sizeof(L) + k) % 16] = uint8_t(b);
}
// spec: $lanes_, $inv_lanes_
template <Lane L>
constexpr LaneArray<L> lanes(const V128& v) noexcept {
  LaneArray<L> out{};
  for (unsigned i = 0; i < kLanes<L>; ++i) out[i] = lane<L>(v, i);
  return out;
}
template <Lane L>
constexpr V128 inv_lanes(const LaneArray<L>& ls) noexcept {
  V128 v;
  for (unsigned i = 0; i < kLanes<L>; ++i) set_lane<L>(v, i, ls[i]);
  return v;
}

// --- Lifting scalar functions over lanes -------------------------------------------------------

// spec: vunop, vbinop, vternop: f applied lane by lane.
template <Lane L, typename Fn>
constexpr V128 vunop(const V128& v, Fn f) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<L>; ++i) set_lane<L>(r, i, L(f(lane<L>(v, i))));
  return r;
}
template <Lane L, typename Fn>
constexpr V128 vbinop(const V128& v1, const V128& v2, Fn f) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<L>; ++i) set_lane<L>(r, i, L(f(lane<L>(v1, i), lane<L>(v2, i))));
  return r;
}
template <Lane L, typename Fn>
constexpr V128 vternop(const V128& v1, const V128& v2, const V128& v3, Fn f) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<L>; ++i)
    set_lane<L>(r, i, L(f(lane<L>(v1, i), lane<L>(v2, i), lane<L>(v3, i))));
  return r;
}
// spec: vrelop: a lane of all ones where f holds, else zero ($extend_s_{1,N}($bool))
template <Lane L, typename Fn>
constexpr V128 vrelop(const V128& v1, const V128& v2, Fn f) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<L>; ++i)
    set_lane<LaneBits<L>>(r, i, f(lane<L>(v1, i), lane<L>(v2, i)) ? LaneBits<L>(~LaneBits<L>(0)) : 0);
  return r;
}
// spec: vshiftop: f(lane, k); the scalar shifts take k mod N (ishl, ishr_s, ishr_u)
template <Int L, typename Fn>
constexpr V128 vshiftop(const V128& v, uint32_t k, Fn f) noexcept {
  return vunop<L>(v, [&](L x) { return f(x, L(k % kBits<L>)); });
}
// spec: vcvtop (no half, no zero: M1 = M2), lane by lane from From to To
template <Lane To, Lane From, typename Fn>
  requires(sizeof(To) == sizeof(From))
constexpr V128 vcvtop(const V128& v, Fn f) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<To>; ++i) set_lane<To>(r, i, To(f(lane<From>(v, i))));
  return r;
}
enum class Half : uint8_t { Low, High };
// spec: vcvtop_half (M1 = 2*M2): the low or high half of the input lanes, widened
template <Lane To, Lane From, typename Fn>
  requires(sizeof(To) == 2 * sizeof(From))
constexpr V128 vcvtop_half(const V128& v, Half half, Fn f) noexcept {
  unsigned h = half == Half::Low ? 0 : kLanes<To>;
  V128 r;
  for (unsigned i = 0; i < kLanes<To>; ++i) set_lane<To>(r, i, To(f(lane<From>(v, h + i))));
  return r;
}
// spec: vcvtop_zero (2*M1 = M2): all input lanes, narrowed, then zero lanes
template <Lane To, Lane From, typename Fn>
  requires(2 * sizeof(To) == sizeof(From))
constexpr V128 vcvtop_zero(const V128& v, Fn f) noexcept {
  V128 r;  // zero-initialised
  for (unsigned i = 0; i < kLanes<From>; ++i) set_lane<To>(r, i, To(f(lane<From>(v, i))));
  return r;
}

// --- Vector instructions that consider several lanes --------------------------------------------

// spec: v128.not, v128.and, v128.andnot, v128.or, v128.xor ($vvunop, $vvbinop)
constexpr V128 vnot(const V128& v) noexcept { return vunop<uint64_t>(v, inot<uint64_t>); }
constexpr V128 vand(const V128& a, const V128& b) noexcept { return vbinop<uint64_t>(a, b, iand<uint64_t>); }
constexpr V128 vandnot(const V128& a, const V128& b) noexcept { return vbinop<uint64_t>(a, b, iandnot<uint64_t>); }
constexpr V128 vor(const V128& a, const V128& b) noexcept { return vbinop<uint64_t>(a, b, ior<uint64_t>); }
constexpr V128 vxor(const V128& a, const V128& b) noexcept { return vbinop<uint64_t>(a, b, ixor<uint64_t>); }
// spec: v128.bitselect ($vvternop, $ibitselect_)
constexpr V128 vbitselect(const V128& a, const V128& b, const V128& c) noexcept {
  return vternop<uint64_t>(a, b, c, ibitselect<uint64_t>);
}
// spec: v128.any_true ($inez_ over the 128 bits)
constexpr bool vany_true(const V128& v) noexcept {
  return lane<uint64_t>(v, 0) != 0 || lane<uint64_t>(v, 1) != 0;
}
// spec: txM.all_true
template <Int L>
constexpr bool vall_true(const V128& v) noexcept {
  for (unsigned i = 0; i < kLanes<L>; ++i)
    if (ieqz(lane<L>(v, i))) return false;
  return true;
}
// spec: $ivbitmask_  (bit i = top bit of lane i)
template <Int L>
constexpr uint32_t vbitmask(const V128& v) noexcept {
  uint32_t r = 0;
  for (unsigned i = 0; i < kLanes<L>; ++i) r |= uint32_t(ilt_s(lane<L>(v, i), L(0))) << i;
  return r;
}
// spec: shape.splat
template <Lane L>
constexpr V128 vsplat(L x) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<L>; ++i) set_lane<L>(r, i, x);
  return r;
}
// spec: shape.replace_lane  (extract_lane is lane<L>, followed by extend_s/u for i8, i16)
template <Lane L>
constexpr V128 vreplace_lane(V128 v, unsigned i, L x) noexcept {
  set_lane<L>(v, i, x);
  return v;
}
// spec: $ivswizzle_lane, $ivswizzle  (indices >= 16 give 0)
constexpr uint8_t ivswizzle_lane(const V128& v, uint8_t j) noexcept { return j < 16 ? v.bytes[j] : 0; }
constexpr V128 ivswizzle(const V128& v, const V128& s) noexcept {
  V128 r;
  for (unsigned k = 0; k < 16; ++k) r.bytes[k] = ivswizzle_lane(v, s.bytes[k]);
  return r;
}
// spec: $ivshuffle  (indices < 32 by validation; taken mod 32 so that no access is out of range)
constexpr V128 ivshuffle(const std::array<uint8_t, 16>& idx, const V128& v1, const V128& v2) noexcept {
  V128 r;
  for (unsigned k = 0; k < 16; ++k) {
    unsigned j = idx[k] % 32u;
    r.bytes[k] = j < 16 ? v1.bytes[j] : v2.bytes[j - 16];
  }
  return r;
}
// spec: vnarrow: narrow_s/u of the lanes of v1, then of v2
template <Int To, Int From>
  requires(sizeof(To) * 2 == sizeof(From))
constexpr V128 vnarrow_s(const V128& v1, const V128& v2) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<From>; ++i) {
    set_lane<To>(r, i, narrow_s<To>(lane<From>(v1, i)));
    set_lane<To>(r, kLanes<From> + i, narrow_s<To>(lane<From>(v2, i)));
  }
  return r;
}
template <Int To, Int From>
  requires(sizeof(To) * 2 == sizeof(From))
constexpr V128 vnarrow_u(const V128& v1, const V128& v2) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<From>; ++i) {
    set_lane<To>(r, i, narrow_u<To>(lane<From>(v1, i)));
    set_lane<To>(r, kLanes<From> + i, narrow_u<To>(lane<From>(v2, i)));
  }
  return r;
}
// spec: txM.extend_low/high_t'xM'_s/u  (vcvtop_half with $extend_s / $extend_u)
template <Int To, Int From>
constexpr V128 vextend_s(const V128& v, Half half) noexcept {
  return vcvtop_half<To, From>(v, half, extend_s<To, From>);
}
template <Int To, Int From>
constexpr V128 vextend_u(const V128& v, Half half) noexcept {
  return vcvtop_half<To, From>(v, half, extend_u<To, From>);
}
// spec: vextbinop for extmul_low/high_s/u: both operands' half extended, then $ivmul_
template <Int To, Int From>
constexpr V128 vextmul_s(const V128& v1, const V128& v2, Half half) noexcept {
  return vbinop<To>(vextend_s<To, From>(v1, half), vextend_s<To, From>(v2, half), imul<To>);
}
template <Int To, Int From>
constexpr V128 vextmul_u(const V128& v1, const V128& v2, Half half) noexcept {
  return vbinop<To>(vextend_u<To, From>(v1, half), vextend_u<To, From>(v2, half), imul<To>);
}
namespace detail {
// $ivdot_ and $ivdot_sat_ share this: lanes 2i and 2i+1 of v1 (sign-extended) and v2 (extended
// by ext2) are multiplied in To, and the two products combined by add.
template <Int To, Int From, typename Ext, typename Add>
constexpr V128 pairwise(const V128& v1, const V128& v2, Ext ext2, Add add) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<To>; ++i) {
    To p0 = imul<To>(extend_s<To>(lane<From>(v1, 2 * i)), ext2(lane<From>(v2, 2 * i)));
    To p1 = imul<To>(extend_s<To>(lane<From>(v1, 2 * i + 1)), ext2(lane<From>(v2, 2 * i + 1)));
    set_lane<To>(r, i, add(p0, p1));
  }
  return r;
}
}  // namespace detail
// spec: vextunop extadd_pairwise_s/u: lanes extended, then $ivadd_pairwise_
template <Int To, Int From>
constexpr V128 vextadd_pairwise_s(const V128& v) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<To>; ++i)
    set_lane<To>(r, i, iadd(extend_s<To>(lane<From>(v, 2 * i)), extend_s<To>(lane<From>(v, 2 * i + 1))));
  return r;
}
template <Int To, Int From>
constexpr V128 vextadd_pairwise_u(const V128& v) noexcept {
  V128 r;
  for (unsigned i = 0; i < kLanes<To>; ++i)
    set_lane<To>(r, i, iadd(extend_u<To>(lane<From>(v, 2 * i)), extend_u<To>(lane<From>(v, 2 * i + 1))));
  return r;
}
// spec: vextbinop dot_s with $ivdot_: signed extension, products, pairwise $iadd_
// (i32x4.dot_i16x8_s is vdot_s<uint32_t, uint16_t>)
template <Int To, Int From>
constexpr V128 vdot_s(const V128& v1, const V128& v2) noexcept {
  return detail::pairwise<To, From>(v1, v2, extend_s<To, From>, iadd<To>);
}

}  // namespace wasm::interp::numerics

#include "interpreter/numerics_relaxed.h"
