// Vector rows of the test operator table: every SIMD and relaxed SIMD numeric instruction,
// each a numerics_vector.h combinator applied to a scalar numerics.h function.
#include <cstdlib>

#include "interpreter/numerics_vector.h"
#include "tests/interpreter/numerics_ops.h"
#include "tests/interpreter/numerics_ops_adapt.h"

namespace wasm::interp::test {
using namespace numerics;

namespace {

template <typename Fn>
OpEntry vun(Fn f) { return un<V128, V128>(f); }
template <typename Fn>
OpEntry vbin(Fn f) { return bin<V128, V128>(f); }
template <typename Fn>
OpEntry vtern(Fn f) { return tern<V128, V128>(f); }

// Lanewise operators on lane type L.
template <typename L, typename Fn>
OpEntry lanes1(Fn f) { return vun([f](V128 v) { return vunop<L>(v, f); }); }
template <typename L, typename Fn>
OpEntry lanes2(Fn f) { return vbin([f](V128 a, V128 b) { return vbinop<L>(a, b, f); }); }
template <typename L, typename Fn>
OpEntry rel(Fn f) { return vbin([f](V128 a, V128 b) { return vrelop<L>(a, b, f); }); }
template <typename L, typename Fn>
OpEntry shift(Fn f) {
  return {[f](Stack& s, const Imms&) {
    uint32_t k = get<uint32_t>(s.back());
    s.pop_back();
    s.back() = vshiftop<L>(s.back(), k, f);
    return TrapKind::None;
  }};
}

template <typename L>
void add_int_lane_ops(OpTable& t, const std::string& p) {
  using u32 = uint32_t;
  t[p + ".splat"] = un<u32, V128>([](u32 x) { return vsplat<L>(L(x)); });
  t[p + ".eq"] = rel<L>(ieq<L>);
  t[p + ".ne"] = rel<L>(ine<L>);
  t[p + ".lt_s"] = rel<L>(ilt_s<L>);
  t[p + ".gt_s"] = rel<L>(igt_s<L>);
  t[p + ".le_s"] = rel<L>(ile_s<L>);
  t[p + ".ge_s"] = rel<L>(ige_s<L>);
  if constexpr (kBits<L> < 64) {
    t[p + ".lt_u"] = rel<L>(ilt_u<L>);
    t[p + ".gt_u"] = rel<L>(igt_u<L>);
    t[p + ".le_u"] = rel<L>(ile_u<L>);
    t[p + ".ge_u"] = rel<L>(ige_u<L>);
    t[p + ".min_s"] = lanes2<L>(imin_s<L>);
    t[p + ".min_u"] = lanes2<L>(imin_u<L>);
    t[p + ".max_s"] = lanes2<L>(imax_s<L>);
    t[p + ".max_u"] = lanes2<L>(imax_u<L>);
  }
  t[p + ".abs"] = lanes1<L>(iabs<L>);
  t[p + ".neg"] = lanes1<L>(ineg<L>);
  t[p + ".all_true"] = un<V128, u32>(vall_true<L>);
  t[p + ".bitmask"] = un<V128, u32>(vbitmask<L>);
  t[p + ".shl"] = shift<L>(ishl<L>);
  t[p + ".shr_s"] = shift<L>(ishr_s<L>);
  t[p + ".shr_u"] = shift<L>(ishr_u<L>);
  t[p + ".add"] = lanes2<L>(iadd<L>);
  t[p + ".sub"] = lanes2<L>(isub<L>);
  if constexpr (kBits<L> > 8) t[p + ".mul"] = lanes2<L>(imul<L>);
  if constexpr (kBits<L> < 32) {
    t[p + ".add_sat_s"] = lanes2<L>(iadd_sat_s<L>);
    t[p + ".add_sat_u"] = lanes2<L>(iadd_sat_u<L>);
    t[p + ".sub_sat_s"] = lanes2<L>(isub_sat_s<L>);
    t[p + ".sub_sat_u"] = lanes2<L>(isub_sat_u<L>);
    t[p + ".avgr_u"] = lanes2<L>(iavgr_u<L>);
  }
}

// txM.extend_*, extmul_*, extadd_pairwise_* of lane type To from From (prefix "i16x8", src "i8x16").
template <typename To, typename From>
void add_extend_ops(OpTable& t, const std::string& p, const std::string& src) {
  t[p + ".extend_low_" + src + "_s"] = vun([](V128 v) { return vextend_s<To, From>(v, Half::Low); });
  t[p + ".extend_high_" + src + "_s"] = vun([](V128 v) { return vextend_s<To, From>(v, Half::High); });
  t[p + ".extend_low_" + src + "_u"] = vun([](V128 v) { return vextend_u<To, From>(v, Half::Low); });
  t[p + ".extend_high_" + src + "_u"] = vun([](V128 v) { return vextend_u<To, From>(v, Half::High); });
  t[p + ".extmul_low_" + src + "_s"] = vbin([](V128 a, V128 b) { return vextmul_s<To, From>(a, b, Half::Low); });
  t[p + ".extmul_high_" + src + "_s"] = vbin([](V128 a, V128 b) { return vextmul_s<To, From>(a, b, Half::High); });
  t[p + ".extmul_low_" + src + "_u"] = vbin([](V128 a, V128 b) { return vextmul_u<To, From>(a, b, Half::Low); });
  t[p + ".extmul_high_" + src + "_u"] = vbin([](V128 a, V128 b) { return vextmul_u<To, From>(a, b, Half::High); });
  if constexpr (sizeof(To) <= 4) {
    t[p + ".extadd_pairwise_" + src + "_s"] = vun(vextadd_pairwise_s<To, From>);
    t[p + ".extadd_pairwise_" + src + "_u"] = vun(vextadd_pairwise_u<To, From>);
  }
}

template <typename F>
void add_float_lane_ops(OpTable& t, const std::string& p) {
  using u32 = uint32_t;
  t[p + ".splat"] = un<F, V128>([](F x) { return vsplat<F>(x); });
  t[p + ".eq"] = rel<F>(feq<F>);
  t[p + ".ne"] = rel<F>(fne<F>);
  t[p + ".lt"] = rel<F>(flt<F>);
  t[p + ".gt"] = rel<F>(fgt<F>);
  t[p + ".le"] = rel<F>(fle<F>);
  t[p + ".ge"] = rel<F>(fge<F>);
  t[p + ".abs"] = lanes1<F>(numerics::fabs<F>);
  t[p + ".neg"] = lanes1<F>(fneg<F>);
  t[p + ".sqrt"] = lanes1<F>(fsqrt<F>);
  t[p + ".ceil"] = lanes1<F>(fceil<F>);
  t[p + ".floor"] = lanes1<F>(ffloor<F>);
  t[p + ".trunc"] = lanes1<F>(ftrunc<F>);
  t[p + ".nearest"] = lanes1<F>(fnearest<F>);
  t[p + ".add"] = lanes2<F>(fadd<F>);
  t[p + ".sub"] = lanes2<F>(fsub<F>);
  t[p + ".mul"] = lanes2<F>(fmul<F>);
  t[p + ".div"] = lanes2<F>(fdiv<F>);
  t[p + ".min"] = lanes2<F>(numerics::fmin<F>);
  t[p + ".max"] = lanes2<F>(numerics::fmax<F>);
  t[p + ".pmin"] = lanes2<F>(fpmin<F>);
  t[p + ".pmax"] = lanes2<F>(fpmax<F>);
  (void)sizeof(u32);
}

// extract_lane (result R from lane L through ext) and replace_lane (scalar S into lane L).
template <typename L, typename R, typename Ext>
OpEntry extract(Ext ext) {
  return {[ext](Stack& s, const Imms& imm) {
    L x = lane<L>(s.back(), unsigned(std::atoi(imm[0].c_str())));
    s.back() = put<R>(R(ext(x)));
    return TrapKind::None;
  }, 1};
}
template <typename L, typename S>
OpEntry replace() {
  return {[](Stack& s, const Imms& imm) {
    S x = get<S>(s.back());
    s.pop_back();
    s.back() = vreplace_lane<L>(s.back(), unsigned(std::atoi(imm[0].c_str())), L(x));
    return TrapKind::None;
  }, 1};
}

void add_lane_access(OpTable& t) {
  auto id = [](auto x) { return x; };
  t["i8x16.extract_lane_s"] = extract<uint8_t, uint32_t>(extend_s<uint32_t, uint8_t>);
  t["i8x16.extract_lane_u"] = extract<uint8_t, uint32_t>(extend_u<uint32_t, uint8_t>);
  t["i16x8.extract_lane_s"] = extract<uint16_t, uint32_t>(extend_s<uint32_t, uint16_t>);
  t["i16x8.extract_lane_u"] = extract<uint16_t, uint32_t>(extend_u<uint32_t, uint16_t>);
  t["i32x4.extract_lane"] = extract<uint32_t, uint32_t>(id);
  t["i64x2.extract_lane"] = extract<uint64_t, uint64_t>(id);
  t["f32x4.extract_lane"] = extract<float, float>(id);
  t["f64x2.extract_lane"] = extract<double, double>(id);
  t["i8x16.replace_lane"] = replace<uint8_t, uint32_t>();
  t["i16x8.replace_lane"] = replace<uint16_t, uint32_t>();
  t["i32x4.replace_lane"] = replace<uint32_t, uint32_t>();
  t["i64x2.replace_lane"] = replace<uint64_t, uint64_t>();
  t["f32x4.replace_lane"] = replace<float, float>();
  t["f64x2.replace_lane"] = replace<double, double>();
  t["i8x16.shuffle"] = {[](Stack& s, const Imms& imm) {
    std::array<uint8_t, 16> idx{};
    for (size_t k = 0; k < 16 && k < imm.size(); ++k) idx[k] = uint8_t(std::atoi(imm[k].c_str()));
    V128 b = s.back();
    s.pop_back();
    s.back() = ivshuffle(idx, s.back(), b);
    return TrapKind::None;
  }, 16};
}

void add_conversions(OpTable& t) {
  t["i8x16.narrow_i16x8_s"] = vbin(vnarrow_s<uint8_t, uint16_t>);
  t["i8x16.narrow_i16x8_u"] = vbin(vnarrow_u<uint8_t, uint16_t>);
  t["i16x8.narrow_i32x4_s"] = vbin(vnarrow_s<uint16_t, uint32_t>);
  t["i16x8.narrow_i32x4_u"] = vbin(vnarrow_u<uint16_t, uint32_t>);
  t["i32x4.trunc_sat_f32x4_s"] = vun([](V128 v) { return vcvtop<uint32_t, float>(v, trunc_sat_s<uint32_t, float>); });
  t["i32x4.trunc_sat_f32x4_u"] = vun([](V128 v) { return vcvtop<uint32_t, float>(v, trunc_sat_u<uint32_t, float>); });
  t["f32x4.convert_i32x4_s"] = vun([](V128 v) { return vcvtop<float, uint32_t>(v, convert_s<float, uint32_t>); });
  t["f32x4.convert_i32x4_u"] = vun([](V128 v) { return vcvtop<float, uint32_t>(v, convert_u<float, uint32_t>); });
  t["i32x4.trunc_sat_f64x2_s_zero"] =
      vun([](V128 v) { return vcvtop_zero<uint32_t, double>(v, trunc_sat_s<uint32_t, double>); });
  t["i32x4.trunc_sat_f64x2_u_zero"] =
      vun([](V128 v) { return vcvtop_zero<uint32_t, double>(v, trunc_sat_u<uint32_t, double>); });
  t["f64x2.convert_low_i32x4_s"] =
      vun([](V128 v) { return vcvtop_half<double, uint32_t>(v, Half::Low, convert_s<double, uint32_t>); });
  t["f64x2.convert_low_i32x4_u"] =
      vun([](V128 v) { return vcvtop_half<double, uint32_t>(v, Half::Low, convert_u<double, uint32_t>); });
  t["f32x4.demote_f64x2_zero"] = vun([](V128 v) { return vcvtop_zero<float, double>(v, demote); });
  t["f64x2.promote_low_f32x4"] = vun([](V128 v) { return vcvtop_half<double, float>(v, Half::Low, promote); });
}

void add_relaxed(OpTable& t, const Relaxed& r) {
  t["i8x16.relaxed_swizzle"] = vbin([r](V128 a, V128 b) { return ivrelaxed_swizzle(a, b, r); });
  t["i32x4.relaxed_trunc_f32x4_s"] =
      vun([r](V128 v) { return vcvtop<uint32_t, float>(v, [r](float z) { return relaxed_trunc_s<uint32_t>(z, r); }); });
  t["i32x4.relaxed_trunc_f32x4_u"] =
      vun([r](V128 v) { return vcvtop<uint32_t, float>(v, [r](float z) { return relaxed_trunc_u<uint32_t>(z, r); }); });
  t["i32x4.relaxed_trunc_f64x2_s_zero"] = vun(
      [r](V128 v) { return vcvtop_zero<uint32_t, double>(v, [r](double z) { return relaxed_trunc_s<uint32_t>(z, r); }); });
  t["i32x4.relaxed_trunc_f64x2_u_zero"] = vun(
      [r](V128 v) { return vcvtop_zero<uint32_t, double>(v, [r](double z) { return relaxed_trunc_u<uint32_t>(z, r); }); });
  auto madd = [r](auto z1, auto z2, auto z3) { return frelaxed_madd(z1, z2, z3, r); };
  auto nmadd = [r](auto z1, auto z2, auto z3) { return frelaxed_nmadd(z1, z2, z3, r); };
  t["f32x4.relaxed_madd"] = vtern([madd](V128 a, V128 b, V128 c) { return vternop<float>(a, b, c, madd); });
  t["f32x4.relaxed_nmadd"] = vtern([nmadd](V128 a, V128 b, V128 c) { return vternop<float>(a, b, c, nmadd); });
  t["f64x2.relaxed_madd"] = vtern([madd](V128 a, V128 b, V128 c) { return vternop<double>(a, b, c, madd); });
  t["f64x2.relaxed_nmadd"] = vtern([nmadd](V128 a, V128 b, V128 c) { return vternop<double>(a, b, c, nmadd); });
  auto sel = [r](auto a, auto b, auto c) { return irelaxed_laneselect(a, b, c, r); };
  t["i8x16.relaxed_laneselect"] = vtern([sel](V128 a, V128 b, V128 c) { return vternop<uint8_t>(a, b, c, sel); });
  t["i16x8.relaxed_laneselect"] = vtern([sel](V128 a, V128 b, V128 c) { return vternop<uint16_t>(a, b, c, sel); });
  t["i32x4.relaxed_laneselect"] = vtern([sel](V128 a, V128 b, V128 c) { return vternop<uint32_t>(a, b, c, sel); });
  t["i64x2.relaxed_laneselect"] = vtern([sel](V128 a, V128 b, V128 c) { return vternop<uint64_t>(a, b, c, sel); });
  auto mn = [r](auto a, auto b) { return frelaxed_min(a, b, r); };
  auto mx = [r](auto a, auto b) { return frelaxed_max(a, b, r); };
  t["f32x4.relaxed_min"] = lanes2<float>(mn);
  t["f32x4.relaxed_max"] = lanes2<float>(mx);
  t["f64x2.relaxed_min"] = lanes2<double>(mn);
  t["f64x2.relaxed_max"] = lanes2<double>(mx);
  t["i16x8.relaxed_q15mulr_s"] = lanes2<uint16_t>([r](uint16_t a, uint16_t b) { return irelaxed_q15mulr_s(a, b, r); });
  t["i16x8.relaxed_dot_i8x16_i7x16_s"] = vbin([r](V128 a, V128 b) { return vrelaxed_dot_s(a, b, r); });
  t["i32x4.relaxed_dot_i8x16_i7x16_add_s"] =
      vtern([r](V128 a, V128 b, V128 c) { return vrelaxed_dot_add_s(a, b, c, r); });
}

}  // namespace

OpTable vector_ops(const Relaxed& relaxed) {
  OpTable t;
  add_int_lane_ops<uint8_t>(t, "i8x16");
  add_int_lane_ops<uint16_t>(t, "i16x8");
  add_int_lane_ops<uint32_t>(t, "i32x4");
  add_int_lane_ops<uint64_t>(t, "i64x2");
  t["i64x2.splat"] = un<uint64_t, V128>([](uint64_t x) { return vsplat<uint64_t>(x); });
  add_float_lane_ops<float>(t, "f32x4");
  add_float_lane_ops<double>(t, "f64x2");
  add_extend_ops<uint16_t, uint8_t>(t, "i16x8", "i8x16");
  add_extend_ops<uint32_t, uint16_t>(t, "i32x4", "i16x8");
  add_extend_ops<uint64_t, uint32_t>(t, "i64x2", "i32x4");
  t["i8x16.popcnt"] = lanes1<uint8_t>(ipopcnt<uint8_t>);
  t["i16x8.q15mulr_sat_s"] = lanes2<uint16_t>(iq15mulr_sat_s<uint16_t>);
  t["i32x4.dot_i16x8_s"] = vbin(vdot_s<uint32_t, uint16_t>);
  t["i8x16.swizzle"] = vbin(ivswizzle);
  t["v128.not"] = vun(vnot);
  t["v128.and"] = vbin(vand);
  t["v128.andnot"] = vbin(vandnot);
  t["v128.or"] = vbin(vor);
  t["v128.xor"] = vbin(vxor);
  t["v128.bitselect"] = vtern(vbitselect);
  t["v128.any_true"] = un<V128, uint32_t>(vany_true);
  add_lane_access(t);
  add_conversions(t);
  add_relaxed(t, relaxed);
  return t;
}

}  // namespace wasm::interp::test
