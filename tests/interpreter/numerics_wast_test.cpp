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

// Minimum counts are the numbers of assertions checked when this test was written: a drop means
// the extractor started skipping something.
const FileCase kCoreFiles[] = {
    FileCase{"conversions.wast", 593}, FileCase{"f32.wast", 2500},
    FileCase{"f32_bitwise.wast", 360}, FileCase{"f32_cmp.wast", 2400}, FileCase{"f64.wast", 2500},
    FileCase{"f64_bitwise.wast", 360}, FileCase{"f64_cmp.wast", 2400},
    FileCase{"float_exprs.wast", 717}, FileCase{"float_literals.wast", 98},
    FileCase{"float_misc.wast", 470}, FileCase{"i32.wast", 374}, FileCase{"i64.wast", 384},
    FileCase{"int_exprs.wast", 89}, FileCase{"proposals/wide-arithmetic/wide-arithmetic.wast", 95},
    FileCase{"simd_bit_shift.wast", 187}, FileCase{"simd_bitwise.wast", 126},
    FileCase{"simd_boolean.wast", 229}, FileCase{"simd_const.wast", 222},
    FileCase{"simd_conversions.wast", 232}, FileCase{"simd_f32x4.wast", 772},
    FileCase{"simd_f32x4_arith.wast", 1803}, FileCase{"simd_f32x4_cmp.wast", 2568},
    FileCase{"simd_f32x4_pmin_pmax.wast", 3872}, FileCase{"simd_f32x4_rounding.wast", 176},
    FileCase{"simd_f64x2.wast", 793}, FileCase{"simd_f64x2_arith.wast", 1806},
    FileCase{"simd_f64x2_cmp.wast", 2646}, FileCase{"simd_f64x2_pmin_pmax.wast", 3872},
    FileCase{"simd_f64x2_rounding.wast", 176}, FileCase{"simd_i16x8_arith.wast", 181},
    FileCase{"simd_i16x8_arith2.wast", 151}, FileCase{"simd_i16x8_cmp.wast", 420},
    FileCase{"simd_i16x8_extadd_pairwise_i8x16.wast", 16},
    FileCase{"simd_i16x8_extmul_i8x16.wast", 104}, FileCase{"simd_i16x8_q15mulr_sat_s.wast", 26},
    FileCase{"simd_i16x8_sat_arith.wast", 204}, FileCase{"simd_i32x4_arith.wast", 181},
    FileCase{"simd_i32x4_arith2.wast", 121}, FileCase{"simd_i32x4_cmp.wast", 420},
    FileCase{"simd_i32x4_dot_i16x8.wast", 28},
    FileCase{"simd_i32x4_extadd_pairwise_i16x8.wast", 16},
    FileCase{"simd_i32x4_extmul_i16x8.wast", 104},
    FileCase{"simd_i32x4_trunc_sat_f32x4.wast", 102},
    FileCase{"simd_i32x4_trunc_sat_f64x2.wast", 102}, FileCase{"simd_i64x2_arith.wast", 187},
    FileCase{"simd_i64x2_arith2.wast", 21}, FileCase{"simd_i64x2_cmp.wast", 102},
    FileCase{"simd_i64x2_extmul_i32x4.wast", 104}, FileCase{"simd_i8x16_arith.wast", 121},
    FileCase{"simd_i8x16_arith2.wast", 184}, FileCase{"simd_i8x16_cmp.wast", 400},
    FileCase{"simd_i8x16_sat_arith.wast", 188}, FileCase{"simd_int_to_int_extend.wast", 228},
    FileCase{"simd_lane.wast", 260}, FileCase{"simd_select.wast", 6},
    FileCase{"simd_splat.wast", 145}};
const FileCase kRelaxedFiles[] = {
    FileCase{"i16x8_relaxed_q15mulr_s.wast", 2}, FileCase{"i8x16_relaxed_swizzle.wast", 5},
    FileCase{"relaxed_dot_product.wast", 10}, FileCase{"relaxed_laneselect.wast", 11},
    FileCase{"relaxed_madd_nmadd.wast", 17}, FileCase{"relaxed_min_max.wast", 24}};

std::string case_name(const ::testing::TestParamInfo<FileCase>& info) {
  std::string n = info.param.file;
  n = n.substr(n.rfind('/') + 1);
  n = n.substr(0, n.find('.'));
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

TEST_P(NumericsWast, AllAssertionsHold) {
  check_file(suite_dir() + "/" + GetParam().file, GetParam().min_checked, numerics::kDeterministicProfile);
}
INSTANTIATE_TEST_SUITE_P(Core, NumericsWast, ::testing::ValuesIn(kCoreFiles), case_name);

// The relaxed files hold in the deterministic profile and, through their (either …) results,
// for every alternative parameter too.
class RelaxedWast : public ::testing::TestWithParam<FileCase> {};
TEST_P(RelaxedWast, DeterministicProfile) {
  check_file(suite_dir() + "/" + GetParam().file, GetParam().min_checked, numerics::kDeterministicProfile);
}
TEST_P(RelaxedWast, AlternativeParameters) {
  for (uint8_t p = 1; p <= 3; ++p) {
    numerics::Relaxed r{1, p, p, 1, 1, 1, 1, 1, 1};
    check_file(suite_dir() + "/" + GetParam().file, GetParam().min_checked, r);
  }
}
INSTANTIATE_TEST_SUITE_P(Relaxed, RelaxedWast, ::testing::ValuesIn(kRelaxedFiles), case_name);

}  // namespace
}  // namespace wasm::interp::test
