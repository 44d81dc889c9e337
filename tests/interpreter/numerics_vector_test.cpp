// Unit tests for interpreter/numerics_vector.h and numerics_relaxed.h: lane layout, the
// cross-lane operations, and each relaxed operator under both of its parameter values.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "interpreter/numerics_vector.h"

namespace wasm::interp::numerics {
namespace {

constexpr V128 iota() {
  V128 v;
  for (unsigned i = 0; i < 16; ++i) v.bytes[i] = uint8_t(i);
  return v;
}
template <Lane L>
constexpr V128 make(LaneArray<L> ls) { return inv_lanes<L>(ls); }

// Little-endian lanes: lane i of i32x4 is bytes 4i..4i+3, least significant first.
static_assert(lane<uint32_t>(iota(), 1) == 0x07060504);
static_assert(lane<uint16_t>(iota(), 7) == 0x0F0E);
static_assert(lane<uint64_t>(iota(), 1) == 0x0F0E0D0C0B0A0908);
static_assert(lane<float>(vsplat(1.0f), 3) == 1.0f);
static_assert(lanes<uint8_t>(inv_lanes<uint8_t>(lanes<uint8_t>(iota()))) == lanes<uint8_t>(iota()));
static_assert(vreplace_lane<uint16_t>(V128{}, 7, 0xABCD).bytes[15] == 0xAB);

TEST(Vector, LaneAccessMatchesMemoryLayout) {
  V128 v = iota();
  uint64_t lo;
  std::memcpy(&lo, v.bytes.data(), 8);  // the host is little-endian (x86-64, aarch64)
  EXPECT_EQ(lane<uint64_t>(v, 0), lo);
  V128 w = vreplace_lane<double>(v, 1, -0.0);
  EXPECT_EQ(w.bytes[15], 0x80);
  EXPECT_EQ(lane<uint64_t>(w, 0), lo);
}

TEST(Vector, ShuffleAndSwizzle) {
  V128 a = iota(), b = vsplat<uint8_t>(0xAA);
  std::array<uint8_t, 16> idx{31, 0, 16, 15, 1, 1, 1, 1, 17, 2, 3, 4, 5, 6, 7, 8};
  V128 r = ivshuffle(idx, a, b);
  EXPECT_EQ(r.bytes[0], 0xAA);
  EXPECT_EQ(r.bytes[1], 0);
  EXPECT_EQ(r.bytes[3], 15);
  V128 s = make<uint8_t>({0, 15, 16, 255, 128, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3});
  V128 sw = ivswizzle(a, s);
  EXPECT_EQ(sw.bytes[1], 15);
  EXPECT_EQ(sw.bytes[2], 0);  // out of range -> 0
  EXPECT_EQ(sw.bytes[3], 0);
  EXPECT_EQ(sw.bytes[4], 0);
  // relaxed_swizzle: R = 0 as swizzle; R = 1 takes j mod 16 for 16..127, 0 for negative j.
  EXPECT_EQ(ivrelaxed_swizzle(a, s), sw);
  V128 alt = ivrelaxed_swizzle(a, s, Relaxed{.swizzle = 1});
  EXPECT_EQ(alt.bytes[2], 0);    // 16 mod 16
  EXPECT_EQ(alt.bytes[3], 0);    // 255 is negative as i8
  EXPECT_EQ(alt.bytes[4], 0);    // 128 too
  V128 s2 = vsplat<uint8_t>(0x13);
  EXPECT_EQ(ivrelaxed_swizzle(a, s2, Relaxed{.swizzle = 1}).bytes[0], 3);
}

TEST(Vector, Tests) {
  EXPECT_FALSE(vany_true(V128{}));
  EXPECT_TRUE(vany_true(vreplace_lane<uint8_t>(V128{}, 15, 1)));
  EXPECT_TRUE(vall_true<uint32_t>(vsplat<uint32_t>(0x100)));
  EXPECT_FALSE(vall_true<uint8_t>(vsplat<uint32_t>(0x100)));
  EXPECT_EQ(vbitmask<uint8_t>(make<uint8_t>({0x80, 0, 0xFF, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80})), 0x8005u);
  EXPECT_EQ(vbitmask<uint64_t>(make<uint64_t>({0, ~uint64_t(0)})), 2u);
  EXPECT_EQ(vbitmask<uint32_t>(vsplat<float>(-0.0f)), 0xFu);
}

TEST(Vector, ShiftsTakeCountModLaneWidth) {
  V128 v = vsplat<uint8_t>(0x81);
  EXPECT_EQ(lane<uint8_t>(vshiftop<uint8_t>(v, 9, ishl<uint8_t>), 0), 0x02);
  EXPECT_EQ(lane<uint8_t>(vshiftop<uint8_t>(v, 8, ishr_s<uint8_t>), 0), 0x81);
  EXPECT_EQ(lane<uint8_t>(vshiftop<uint8_t>(v, 7, ishr_s<uint8_t>), 0), 0xFF);
  EXPECT_EQ(lane<uint16_t>(vshiftop<uint16_t>(vsplat<uint16_t>(0x8000), 0xFFFFFFFF, ishr_u<uint16_t>), 3), 1);
  EXPECT_EQ(lane<uint64_t>(vshiftop<uint64_t>(vsplat<uint64_t>(1), 65, ishl<uint64_t>), 1), 2u);
}

TEST(Vector, Relations) {
  V128 r = vrelop<float>(make<float>({0.0f, -0.0f, std::bit_cast<float>(0x7FC00000u), 1.0f}), vsplat<float>(0.0f), feq<float>);
  EXPECT_EQ(lanes<uint32_t>(r), (LaneArray<uint32_t>{0xFFFFFFFF, 0xFFFFFFFF, 0, 0}));
  V128 s = vrelop<uint8_t>(vsplat<uint8_t>(0x80), vsplat<uint8_t>(1), ilt_s<uint8_t>);
  EXPECT_EQ(s, vsplat<uint8_t>(0xFF));
}

TEST(Vector, NarrowExtend) {
  V128 a = make<uint16_t>({0x0100, 0xFF00, 0x7F, 0x80, 0xFFFF, 0, 1, 2});
  V128 n = vnarrow_s<uint8_t, uint16_t>(a, vsplat<uint16_t>(0x8000));
  EXPECT_EQ(lane<uint8_t>(n, 0), 0x7F);
  EXPECT_EQ(lane<uint8_t>(n, 1), 0x80);
  EXPECT_EQ(lane<uint8_t>(n, 4), 0xFF);
  EXPECT_EQ(lane<uint8_t>(n, 8), 0x80);  // from the second operand
  V128 u = vnarrow_u<uint8_t, uint16_t>(a, a);
  EXPECT_EQ(lane<uint8_t>(u, 0), 0xFF);
  EXPECT_EQ(lane<uint8_t>(u, 4), 0x00);  // -1 saturates to 0
  V128 b = make<uint8_t>({0x80, 1, 2, 3, 4, 5, 6, 7, 0xFF, 9, 10, 11, 12, 13, 14, 15});
  EXPECT_EQ(lane<uint16_t>(vextend_s<uint16_t, uint8_t>(b, Half::Low), 0), 0xFF80);
  EXPECT_EQ(lane<uint16_t>(vextend_u<uint16_t, uint8_t>(b, Half::Low), 0), 0x0080);
  EXPECT_EQ(lane<uint16_t>(vextend_s<uint16_t, uint8_t>(b, Half::High), 0), 0xFFFF);
  EXPECT_EQ(lane<uint64_t>(vextend_s<uint64_t, uint32_t>(vsplat<uint32_t>(0x80000000), Half::High), 1),
            0xFFFFFFFF80000000u);
}

TEST(Vector, ExtmulDotPairwise) {
  V128 a = vsplat<uint16_t>(0x8000), b = vsplat<uint16_t>(0x8000);
  EXPECT_EQ(lane<uint32_t>(vextmul_s<uint32_t, uint16_t>(a, b, Half::Low), 0), 0x40000000u);
  EXPECT_EQ(lane<uint32_t>(vextmul_u<uint32_t, uint16_t>(a, b, Half::High), 3), 0x40000000u);
  EXPECT_EQ(lane<uint64_t>(vextmul_s<uint64_t, uint32_t>(vsplat<uint32_t>(0xFFFFFFFF), vsplat<uint32_t>(2), Half::Low), 0),
            ~uint64_t(1));
  // i32x4.dot_i16x8_s: (-32768)^2 * 2 wraps to 0x80000000 (simd_i32x4_dot_i16x8.wast).
  EXPECT_EQ(lane<uint32_t>(vdot_s<uint32_t, uint16_t>(a, b), 0), 0x80000000u);
  EXPECT_EQ(lane<uint32_t>(vdot_s<uint32_t, uint16_t>(vsplat<uint16_t>(0xFFFF), vsplat<uint16_t>(3)), 2), uint32_t(-6));
  EXPECT_EQ(lane<uint16_t>(vextadd_pairwise_s<uint16_t, uint8_t>(vsplat<uint8_t>(0x80)), 0), 0xFF00);
  EXPECT_EQ(lane<uint16_t>(vextadd_pairwise_u<uint16_t, uint8_t>(vsplat<uint8_t>(0xFF)), 7), 0x01FE);
  EXPECT_EQ(lane<uint32_t>(vextadd_pairwise_u<uint32_t, uint16_t>(vsplat<uint16_t>(0xFFFF)), 0), 0x1FFFEu);
}

TEST(Vector, Bitwise) {
  V128 a = vsplat<uint32_t>(0xFFFF0000), b = vsplat<uint32_t>(0x00FFFF00), c = vsplat<uint32_t>(0xF0F0F0F0);
  EXPECT_EQ(vbitselect(a, b, c), vsplat<uint32_t>(0xF0FF0F00));
  EXPECT_EQ(vandnot(a, b), vsplat<uint32_t>(0xFF000000));
  EXPECT_EQ(vnot(V128{}), vsplat<uint8_t>(0xFF));
  EXPECT_EQ(vxor(a, a), V128{});
  EXPECT_EQ(vor(a, b), vsplat<uint32_t>(0xFFFFFF00));
  EXPECT_EQ(vand(a, b), vsplat<uint32_t>(0x00FF0000));
}

TEST(Vector, Conversions) {
  V128 d = make<double>({-1.5, 1e10});
  EXPECT_EQ(lanes<uint32_t>(vcvtop_zero<uint32_t, double>(d, trunc_sat_s<uint32_t, double>)),
            (LaneArray<uint32_t>{uint32_t(-1), 0x7FFFFFFF, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(vcvtop_zero<uint32_t, double>(d, trunc_sat_u<uint32_t, double>)),
            (LaneArray<uint32_t>{0, 0xFFFFFFFF, 0, 0}));
  V128 i = make<uint32_t>({0xFFFFFFFF, 7, 9, 9});
  EXPECT_EQ(lanes<double>(vcvtop_half<double, uint32_t>(i, Half::Low, convert_s<double, uint32_t>)),
            (LaneArray<double>{-1.0, 7.0}));
  EXPECT_EQ(lanes<double>(vcvtop_half<double, uint32_t>(i, Half::Low, convert_u<double, uint32_t>)),
            (LaneArray<double>{4294967295.0, 7.0}));
  V128 dz = vcvtop_zero<float, double>(make<double>({1e300, 0.1}), demote);
  EXPECT_EQ(lanes<float>(dz), (LaneArray<float>{std::numeric_limits<float>::infinity(), 0.1f, 0.0f, 0.0f}));
  V128 p = vcvtop_half<double, float>(make<float>({0.1f, -0.0f, 5, 6}), Half::Low, promote);
  EXPECT_EQ(lane<double>(p, 0), double(0.1f));
  EXPECT_EQ(lane<uint64_t>(p, 1), 0x8000000000000000u);
  EXPECT_EQ(lanes<float>(vcvtop<float, uint32_t>(i, convert_u<float, uint32_t>))[0], 4294967296.0f);
}

// --- Relaxed SIMD: every operator under each of its parameters -----------------------------------

TEST(Relaxed, Madd) {
  float x = 0x1.001p0f, z = -1.0f;   // x*x = 1 + 2^-11 + 2^-24: the product rounds the 2^-24 away
  EXPECT_EQ(frelaxed_madd(x, x, z), 0x1p-11f);                            // unfused (R = 0)
  EXPECT_EQ(frelaxed_madd(x, x, z, Relaxed{.fmadd = 1}), 0x1.0008p-11f);   // fused
  EXPECT_EQ(frelaxed_nmadd(x, x, 1.0f), -0x1p-11f);
  EXPECT_EQ(frelaxed_nmadd(x, x, 1.0f, Relaxed{.fmadd = 1}), -0x1.0008p-11f);
}

TEST(Relaxed, MinMax) {
  float nan = std::bit_cast<float>(0x7FC00001u);
  EXPECT_TRUE(is_nan(frelaxed_min(nan, 1.0f)));
  EXPECT_EQ(std::bit_cast<uint32_t>(frelaxed_min(nan, 1.0f, Relaxed{.fmin = 1})), 0x7FC00001u);
  EXPECT_EQ(frelaxed_min(nan, 1.0f, Relaxed{.fmin = 2}), 1.0f);
  EXPECT_EQ(frelaxed_min(nan, 1.0f, Relaxed{.fmin = 3}), 1.0f);
  EXPECT_EQ(frelaxed_min(1.0f, nan, Relaxed{.fmin = 1}), 1.0f);
  EXPECT_TRUE(is_nan(frelaxed_min(1.0f, nan, Relaxed{.fmin = 2})));
  EXPECT_EQ(frelaxed_min(1.0f, nan, Relaxed{.fmin = 3}), 1.0f);
  auto bits_min = [](float a, float b, uint8_t r) { return std::bit_cast<uint32_t>(frelaxed_min(a, b, Relaxed{.fmin = r})); };
  auto bits_max = [](float a, float b, uint8_t r) { return std::bit_cast<uint32_t>(frelaxed_max(a, b, Relaxed{.fmax = r})); };
  EXPECT_EQ(bits_min(0.0f, -0.0f, 0), 0x80000000u);
  EXPECT_EQ(bits_min(0.0f, -0.0f, 1), 0u);
  EXPECT_EQ(bits_min(0.0f, -0.0f, 2), 0x80000000u);
  EXPECT_EQ(bits_min(0.0f, -0.0f, 3), 0x80000000u);
  EXPECT_EQ(bits_max(-0.0f, 0.0f, 0), 0u);
  EXPECT_EQ(bits_max(-0.0f, 0.0f, 1), 0x80000000u);
  EXPECT_EQ(bits_max(-0.0f, 0.0f, 2), 0u);
  EXPECT_EQ(bits_max(-0.0f, 0.0f, 3), 0u);
  EXPECT_EQ(frelaxed_max(1.0, 2.0, Relaxed{.fmax = 3}), 2.0);  // ordinary inputs: fmax
}

TEST(Relaxed, Q15mulr) {
  EXPECT_EQ(irelaxed_q15mulr_s<uint16_t>(0x8000, 0x8000), 0x7FFF);
  EXPECT_EQ(irelaxed_q15mulr_s<uint16_t>(0x8000, 0x8000, Relaxed{.iq15mulr = 1}), 0x8000);
  EXPECT_EQ(irelaxed_q15mulr_s<uint16_t>(0x4000, 0x4000, Relaxed{.iq15mulr = 1}), 0x2000);
}

TEST(Relaxed, Trunc) {
  float nan = std::bit_cast<float>(0x7FC00000u);
  EXPECT_EQ(relaxed_trunc_s<uint32_t>(nan), 0u);
  EXPECT_EQ(relaxed_trunc_s<uint32_t>(nan, Relaxed{.trunc_s = 1}), 0x80000000u);
  EXPECT_EQ(relaxed_trunc_s<uint32_t>(3e9f), 0x7FFFFFFFu);
  EXPECT_EQ(relaxed_trunc_s<uint32_t>(3e9f, Relaxed{.trunc_s = 1}), 0x80000000u);
  EXPECT_EQ(relaxed_trunc_s<uint32_t>(-2.5f, Relaxed{.trunc_s = 1}), uint32_t(-2));  // in range: exact
  EXPECT_EQ(relaxed_trunc_u<uint32_t>(-1.0), 0u);
  EXPECT_EQ(relaxed_trunc_u<uint32_t>(-1.0, Relaxed{.trunc_u = 1}), 0xFFFFFFFFu);
  EXPECT_EQ(relaxed_trunc_u<uint32_t>(4294967295.0, Relaxed{.trunc_u = 1}), 0xFFFFFFFFu);
  EXPECT_EQ(relaxed_trunc_u<uint32_t>(-0.5, Relaxed{.trunc_u = 1}), 0u);
}

TEST(Relaxed, Laneselect) {
  // A mask lane with mixed bits: bitselect uses every bit, R = 1 only the top bit.
  EXPECT_EQ(irelaxed_laneselect<uint16_t>(0x1234, 0x5678, 0xFF00), 0x1278);
  EXPECT_EQ(irelaxed_laneselect<uint16_t>(0x1234, 0x5678, 0xFF00, Relaxed{.laneselect = 1}), 0x1234);
  EXPECT_EQ(irelaxed_laneselect<uint16_t>(0x1234, 0x5678, 0x7F00, Relaxed{.laneselect = 1}), 0x5678);
  EXPECT_EQ(irelaxed_laneselect<uint64_t>(1, 2, ~uint64_t(0), Relaxed{.laneselect = 1}), 1u);
}

TEST(Relaxed, Dot) {
  V128 a = make<uint8_t>({0x80, 0x80, 0x80, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 b = make<uint8_t>({0x81, 0x81, 0x81, 0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});  // -127 or 129
  EXPECT_EQ(lane<uint16_t>(vrelaxed_dot_s(a, b), 0), 32512);                      // signed
  EXPECT_EQ(lane<uint16_t>(vrelaxed_dot_s(a, b, Relaxed{.idot = 1}), 0), 0x8000);  // -33024 saturates
  V128 c = make<uint32_t>({1, 2, 3, 4});
  EXPECT_EQ(lanes<uint32_t>(vrelaxed_dot_add_s(a, b, c)), (LaneArray<uint32_t>{65025, 2, 3, 4}));
  EXPECT_EQ(lanes<uint32_t>(vrelaxed_dot_add_s(a, b, c, Relaxed{.idot = 1})),
            (LaneArray<uint32_t>{uint32_t(-65535), 2, 3, 4}));
}

}  // namespace
}  // namespace wasm::interp::numerics
