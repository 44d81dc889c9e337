// Scalar rows of the test operator table: every i32/i64/f32/f64 numeric instruction.
#include "interpreter/numerics.h"
#include "tests/interpreter/numerics_ops.h"
#include "tests/interpreter/numerics_ops_adapt.h"

namespace wasm::interp::test {
using namespace numerics;

namespace {

template <typename T>
void add_int_ops(OpTable& t, const std::string& p) {
  using u32 = uint32_t;
  t[p + ".clz"] = un<T>(iclz<T>);
  t[p + ".ctz"] = un<T>(ictz<T>);
  t[p + ".popcnt"] = un<T>(ipopcnt<T>);
  t[p + ".extend8_s"] = un<T>(iextend_s<8, T>);
  t[p + ".extend16_s"] = un<T>(iextend_s<16, T>);
  if constexpr (kBits<T> == 64) t[p + ".extend32_s"] = un<T>(iextend_s<32, T>);
  t[p + ".add"] = bin<T>(iadd<T>);
  t[p + ".sub"] = bin<T>(isub<T>);
  t[p + ".mul"] = bin<T>(imul<T>);
  t[p + ".div_s"] = bin<T>(idiv_s<T>);
  t[p + ".div_u"] = bin<T>(idiv_u<T>);
  t[p + ".rem_s"] = bin<T>(irem_s<T>);
  t[p + ".rem_u"] = bin<T>(irem_u<T>);
  t[p + ".and"] = bin<T>(iand<T>);
  t[p + ".or"] = bin<T>(ior<T>);
  t[p + ".xor"] = bin<T>(ixor<T>);
  t[p + ".shl"] = bin<T>(ishl<T>);
  t[p + ".shr_s"] = bin<T>(ishr_s<T>);
  t[p + ".shr_u"] = bin<T>(ishr_u<T>);
  t[p + ".rotl"] = bin<T>(irotl<T>);
  t[p + ".rotr"] = bin<T>(irotr<T>);
  t[p + ".eqz"] = un<T, u32>(ieqz<T>);
  t[p + ".eq"] = bin<T, u32>(ieq<T>);
  t[p + ".ne"] = bin<T, u32>(ine<T>);
  t[p + ".lt_s"] = bin<T, u32>(ilt_s<T>);
  t[p + ".lt_u"] = bin<T, u32>(ilt_u<T>);
  t[p + ".gt_s"] = bin<T, u32>(igt_s<T>);
  t[p + ".gt_u"] = bin<T, u32>(igt_u<T>);
  t[p + ".le_s"] = bin<T, u32>(ile_s<T>);
  t[p + ".le_u"] = bin<T, u32>(ile_u<T>);
  t[p + ".ge_s"] = bin<T, u32>(ige_s<T>);
  t[p + ".ge_u"] = bin<T, u32>(ige_u<T>);
}

template <typename F>
void add_float_ops(OpTable& t, const std::string& p) {
  using u32 = uint32_t;
  t[p + ".abs"] = un<F>(numerics::fabs<F>);
  t[p + ".neg"] = un<F>(fneg<F>);
  t[p + ".ceil"] = un<F>(fceil<F>);
  t[p + ".floor"] = un<F>(ffloor<F>);
  t[p + ".trunc"] = un<F>(ftrunc<F>);
  t[p + ".nearest"] = un<F>(fnearest<F>);
  t[p + ".sqrt"] = un<F>(fsqrt<F>);
  t[p + ".add"] = bin<F>(fadd<F>);
  t[p + ".sub"] = bin<F>(fsub<F>);
  t[p + ".mul"] = bin<F>(fmul<F>);
  t[p + ".div"] = bin<F>(fdiv<F>);
  t[p + ".min"] = bin<F>(numerics::fmin<F>);
  t[p + ".max"] = bin<F>(numerics::fmax<F>);
  t[p + ".copysign"] = bin<F>(fcopysign<F>);
  t[p + ".eq"] = bin<F, u32>(feq<F>);
  t[p + ".ne"] = bin<F, u32>(fne<F>);
  t[p + ".lt"] = bin<F, u32>(flt<F>);
  t[p + ".gt"] = bin<F, u32>(fgt<F>);
  t[p + ".le"] = bin<F, u32>(fle<F>);
  t[p + ".ge"] = bin<F, u32>(fge<F>);
}

// Conversions with a result type I and source float F: trunc, trunc_sat.
template <typename I, typename F>
void add_trunc_ops(OpTable& t, const std::string& name) {
  t[name + "_s"] = un<F, I>(trunc_s<I, F>);
  t[name + "_u"] = un<F, I>(trunc_u<I, F>);
}
template <typename I, typename F>
void add_trunc_sat_ops(OpTable& t, const std::string& name) {
  t[name + "_s"] = un<F, I>(trunc_sat_s<I, F>);
  t[name + "_u"] = un<F, I>(trunc_sat_u<I, F>);
}
template <typename F, typename I>
void add_convert_ops(OpTable& t, const std::string& name) {
  t[name + "_s"] = un<I, F>(convert_s<F, I>);
  t[name + "_u"] = un<I, F>(convert_u<F, I>);
}

// i64.add128 / sub128 (4 operands, 2 results) and mul_wide_s/u (2 operands, 2 results).
OpEntry wide(I128 (*f)(I128, I128)) {
  return {[f](Stack& s, const Imms&) {
    uint64_t v[4];
    for (int i = 3; i >= 0; --i) v[i] = get<uint64_t>(s.back()), s.pop_back();
    I128 r = f({v[0], v[1]}, {v[2], v[3]});
    s.push_back(put(r.lo));
    s.push_back(put(r.hi));
    return TrapKind::None;
  }};
}
OpEntry wide_mul(I128 (*f)(uint64_t, uint64_t)) {
  return {[f](Stack& s, const Imms&) {
    uint64_t b = get<uint64_t>(s.back());
    s.pop_back();
    uint64_t a = get<uint64_t>(s.back());
    s.pop_back();
    I128 r = f(a, b);
    s.push_back(put(r.lo));
    s.push_back(put(r.hi));
    return TrapKind::None;
  }};
}

}  // namespace

OpTable scalar_ops() {
  OpTable t;
  add_int_ops<uint32_t>(t, "i32");
  add_int_ops<uint64_t>(t, "i64");
  add_float_ops<float>(t, "f32");
  add_float_ops<double>(t, "f64");
  t["i32.wrap_i64"] = un<uint64_t, uint32_t>(wrap<uint32_t, uint64_t>);
  t["i64.extend_i32_s"] = un<uint32_t, uint64_t>(extend_s<uint64_t, uint32_t>);
  t["i64.extend_i32_u"] = un<uint32_t, uint64_t>(extend_u<uint64_t, uint32_t>);
  add_trunc_ops<uint32_t, float>(t, "i32.trunc_f32");
  add_trunc_ops<uint32_t, double>(t, "i32.trunc_f64");
  add_trunc_ops<uint64_t, float>(t, "i64.trunc_f32");
  add_trunc_ops<uint64_t, double>(t, "i64.trunc_f64");
  add_trunc_sat_ops<uint32_t, float>(t, "i32.trunc_sat_f32");
  add_trunc_sat_ops<uint32_t, double>(t, "i32.trunc_sat_f64");
  add_trunc_sat_ops<uint64_t, float>(t, "i64.trunc_sat_f32");
  add_trunc_sat_ops<uint64_t, double>(t, "i64.trunc_sat_f64");
  add_convert_ops<float, uint32_t>(t, "f32.convert_i32");
  add_convert_ops<float, uint64_t>(t, "f32.convert_i64");
  add_convert_ops<double, uint32_t>(t, "f64.convert_i32");
  add_convert_ops<double, uint64_t>(t, "f64.convert_i64");
  t["f32.demote_f64"] = un<double, float>(demote);
  t["f64.promote_f32"] = un<float, double>(promote);
  t["i32.reinterpret_f32"] = un<float, uint32_t>(reinterpret<uint32_t, float>);
  t["i64.reinterpret_f64"] = un<double, uint64_t>(reinterpret<uint64_t, double>);
  t["f32.reinterpret_i32"] = un<uint32_t, float>(reinterpret<float, uint32_t>);
  t["f64.reinterpret_i64"] = un<uint64_t, double>(reinterpret<double, uint64_t>);
  t["i64.add128"] = wide(iadd128);
  t["i64.sub128"] = wide(isub128);
  t["i64.mul_wide_s"] = wide_mul(imul_wide_s);
  t["i64.mul_wide_u"] = wide_mul(imul_wide_u);
  return t;
}

OpTable all_ops(const Relaxed& relaxed) {
  OpTable t = scalar_ops();
  t.merge(vector_ops(relaxed));
  return t;
}

}  // namespace wasm::interp::test
