// The official suite's numeric .wast files, evaluated with numerics.h through the tiny
// extractor of wast_mini.h: every assert_return / assert_trap on a straight-line numeric
// function is checked (NaN results against nan:canonical / nan:arithmetic).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tests/interpreter/numerics_ops.h"

namespace wasm::interp::test {
namespace {

std::string suite_dir() {
  const char* dir = std::getenv("WASM_TESTSUITE");
  return dir ? dir : "../shared/testsuite";
}

struct FileCase {
  const char* file;
  int min_checked;  // guards against the extractor silently skipping a whole file
};

class NumericsWast : public ::testing::TestWithParam<FileCase> {};

void check_file(const std::string& path, int min_checked, const numerics::Relaxed& relaxed) {
  WastStats s = run_wast_file(path, all_ops(relaxed));
  for (const std::string& f : s.failures) ADD_FAILURE() << f;
  EXPECT_EQ(s.failed, 0) << path;
  EXPECT_GE(s.passed, min_checked) << path;
  std::printf("%s: %d passed, %d failed, %d skipped\n", path.c_str(), s.passed, s.failed, s.skipped);
}

TEST_P(NumericsWast, AllAssertionsHold) {
  check_file(suite_dir() + "/" + GetParam().file, GetParam().min_checked, numerics::kDeterministicProfile);
}

// The relaxed files' (either …) results must also hold for the alternative parameters.
TEST_P(NumericsWast, RelaxedAlternativesHold) {
  std::string f = GetParam().file;
  if (f.find("relaxed") == std::string::npos) GTEST_SKIP();
  for (uint8_t p = 1; p <= 3; ++p) {
    numerics::Relaxed r{1, p, p, 1, 1, 1, 1, 1, 1};
    check_file(suite_dir() + "/" + f, GetParam().min_checked, r);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Suite, NumericsWast,
    ::testing::Values(FileCase{"i32.wast", 370}, FileCase{"i64.wast", 380}, FileCase{"f32.wast", 2500},
                      FileCase{"f64.wast", 2500}, FileCase{"f32_cmp.wast", 2400},
                      FileCase{"f64_cmp.wast", 2400}, FileCase{"f32_bitwise.wast", 360},
                      FileCase{"f64_bitwise.wast", 360}, FileCase{"conversions.wast", 590},
                      FileCase{"float_misc.wast", 470}, FileCase{"float_exprs.wast", 1},
                      FileCase{"int_exprs.wast", 1}, FileCase{"float_literals.wast", 1},
                      FileCase{"proposals/wide-arithmetic/wide-arithmetic.wast", 90},
                      FileCase{"simd_f32x4.wast", 1}, FileCase{"simd_f64x2.wast", 1},
                      FileCase{"simd_f32x4_arith.wast", 1}, FileCase{"simd_f64x2_arith.wast", 1},
                      FileCase{"simd_f32x4_cmp.wast", 1}, FileCase{"simd_f64x2_cmp.wast", 1},
                      FileCase{"simd_f32x4_pmin_pmax.wast", 1}, FileCase{"simd_f64x2_pmin_pmax.wast", 1},
                      FileCase{"simd_f32x4_rounding.wast", 1}, FileCase{"simd_f64x2_rounding.wast", 1},
                      FileCase{"simd_i8x16_arith.wast", 1}, FileCase{"simd_i8x16_arith2.wast", 1},
                      FileCase{"simd_i8x16_cmp.wast", 1}, FileCase{"simd_i8x16_sat_arith.wast", 1},
                      FileCase{"simd_i16x8_arith.wast", 1}, FileCase{"simd_i16x8_arith2.wast", 1},
                      FileCase{"simd_i16x8_cmp.wast", 1}, FileCase{"simd_i16x8_sat_arith.wast", 1},
                      FileCase{"simd_i16x8_extadd_pairwise_i8x16.wast", 1},
                      FileCase{"simd_i16x8_extmul_i8x16.wast", 1}, FileCase{"simd_i16x8_q15mulr_sat_s.wast", 1},
                      FileCase{"simd_i32x4_arith.wast", 1}, FileCase{"simd_i32x4_arith2.wast", 1},
                      FileCase{"simd_i32x4_cmp.wast", 1}, FileCase{"simd_i32x4_dot_i16x8.wast", 1},
                      FileCase{"simd_i32x4_extadd_pairwise_i16x8.wast", 1},
                      FileCase{"simd_i32x4_extmul_i16x8.wast", 1}, FileCase{"simd_i32x4_trunc_sat_f32x4.wast", 1},
                      FileCase{"simd_i32x4_trunc_sat_f64x2.wast", 1}, FileCase{"simd_i64x2_arith.wast", 1},
                      FileCase{"simd_i64x2_arith2.wast", 1}, FileCase{"simd_i64x2_cmp.wast", 1},
                      FileCase{"simd_i64x2_extmul_i32x4.wast", 1}, FileCase{"simd_int_to_int_extend.wast", 1},
                      FileCase{"simd_conversions.wast", 1}, FileCase{"simd_bit_shift.wast", 1},
                      FileCase{"simd_bitwise.wast", 1}, FileCase{"simd_boolean.wast", 1},
                      FileCase{"simd_lane.wast", 1}, FileCase{"simd_splat.wast", 1},
                      FileCase{"simd_const.wast", 1}, FileCase{"simd_select.wast", 1},
                      FileCase{"relaxed_dot_product.wast", 1}, FileCase{"relaxed_laneselect.wast", 1},
                      FileCase{"relaxed_madd_nmadd.wast", 1}, FileCase{"relaxed_min_max.wast", 1},
                      FileCase{"i16x8_relaxed_q15mulr_s.wast", 1}, FileCase{"i8x16_relaxed_swizzle.wast", 1}),
    [](const ::testing::TestParamInfo<FileCase>& info) {
      std::string n = info.param.file;
      n = n.substr(n.rfind('/') + 1);
      n = n.substr(0, n.find('.'));
      for (char& c : n)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

}  // namespace
}  // namespace wasm::interp::test
