// Unit tests for interpreter/numerics.h: edge cases from i32/i64/f32/f64/conversions.wast and
// the spec's clauses, checked at compile time (constexpr) where the function allows it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "interpreter/numerics.h"

namespace wasm::interp::numerics {
namespace {

constexpr uint32_t kMin32 = 0x80000000u;
constexpr uint64_t kMin64 = 0x8000000000000000u;
constexpr uint32_t kAll32 = 0xFFFFFFFFu;
constexpr uint64_t kAll64 = ~uint64_t(0);

float f32(uint32_t b) { return std::bit_cast<float>(b); }
double f64(uint64_t b) { return std::bit_cast<double>(b); }
uint32_t b32(float z) { return std::bit_cast<uint32_t>(z); }
uint64_t b64(double z) { return std::bit_cast<uint64_t>(z); }

// --- Traps ------------------------------------------------------------------------------------

TEST(TrapMessage, SuiteStrings) {
  EXPECT_EQ(trap_message(TrapKind::DivideByZero), "integer divide by zero");
  EXPECT_EQ(trap_message(TrapKind::IntegerOverflow), "integer overflow");
  EXPECT_EQ(trap_message(TrapKind::InvalidConversion), "invalid conversion to integer");
  EXPECT_EQ(trap_message(TrapKind::Unreachable), "unreachable");
  EXPECT_EQ(trap_message(TrapKind::OutOfBoundsMemory), "out of bounds memory access");
  EXPECT_EQ(trap_message(TrapKind::UninitializedElement), "uninitialized element");
  EXPECT_EQ(trap_message(TrapKind::None), "");
}

// --- Integers -----------------------------------------------------------------------------------

static_assert(iadd<uint32_t>(kAll32, 1) == 0);
static_assert(isub<uint32_t>(0, 1) == kAll32);
static_assert(imul<uint32_t>(0x10000, 0x10000) == 0);
static_assert(imul<uint16_t>(0xFFFF, 0xFFFF) == 1);  // no promotion to int overflow
static_assert(imul<uint64_t>(0x0123456789abcdef, 0xfedcba9876543210) == 0x2236d88fe5618cf0);

TEST(Integer, DivisionTraps) {
  EXPECT_EQ(idiv_s<uint32_t>(1, 0).error(), TrapKind::DivideByZero);
  EXPECT_EQ(idiv_u<uint32_t>(1, 0).error(), TrapKind::DivideByZero);
  EXPECT_EQ(irem_s<uint64_t>(1, 0).error(), TrapKind::DivideByZero);
  EXPECT_EQ(irem_u<uint64_t>(1, 0).error(), TrapKind::DivideByZero);
  EXPECT_EQ(idiv_s<uint32_t>(kMin32, kAll32).error(), TrapKind::IntegerOverflow);
  EXPECT_EQ(idiv_s<uint64_t>(kMin64, kAll64).error(), TrapKind::IntegerOverflow);
  // INT_MIN rem -1 is 0, not a trap (i32.wast: rem_s 0x80000000 -1).
  EXPECT_EQ(*irem_s<uint32_t>(kMin32, kAll32), 0u);
  EXPECT_EQ(*irem_s<uint64_t>(kMin64, kAll64), 0u);
}

static_assert(*idiv_s<uint32_t>(uint32_t(-7), 2) == uint32_t(-3));  // truncates toward zero
static_assert(*idiv_u<uint32_t>(uint32_t(-7), 2) == 0x7FFFFFFC);
static_assert(*irem_s<uint32_t>(uint32_t(-7), 2) == uint32_t(-1));  // sign of the dividend
static_assert(*irem_s<uint32_t>(7, uint32_t(-2)) == 1);
static_assert(*irem_u<uint32_t>(kMin32, uint32_t(-1)) == kMin32);
static_assert(*idiv_s<uint32_t>(kMin32, 2) == 0xC0000000);
static_assert(idiv_s<uint8_t>(0x80, 0xFF).error() == TrapKind::IntegerOverflow);
static_assert(*idiv_s<uint8_t>(0x80, 0x02) == 0xC0);

// Shifts and rotations take the count mod N.
static_assert(ishl<uint32_t>(1, 32) == 1 && ishl<uint32_t>(1, 33) == 2 && ishl<uint32_t>(1, 31) == kMin32);
static_assert(ishr_s<uint32_t>(kMin32, 31) == kAll32 && ishr_s<uint32_t>(kMin32, 32) == kMin32);
static_assert(ishr_u<uint32_t>(kMin32, 31) == 1 && ishr_u<uint32_t>(kAll32, 0xFFFFFFFF) == 1);
static_assert(ishl<uint64_t>(1, 64) == 1 && ishl<uint64_t>(1, 127) == kMin64);
static_assert(ishr_s<uint64_t>(kMin64, 63) == kAll64);
static_assert(ishl<uint8_t>(0x81, 9) == 0x02 && ishr_s<uint8_t>(0x80, 7) == 0xFF);
static_assert(irotl<uint32_t>(0xabcd9876, 1) == 0x579b30ed && irotr<uint32_t>(0xb0c1d2e3, 0x0005) == 0x1d860e97);
static_assert(irotl<uint32_t>(0x00008000, 37) == 0x00100000 && irotr<uint32_t>(1, 0xFFFFFFFF) == 2);
static_assert(irotl<uint64_t>(0xabd1234ef567809c, 63) == 0x55e891a77ab3c04e);
static_assert(irotl<uint8_t>(0x81, 1) == 0x03 && irotr<uint16_t>(1, 17) == 0x8000);

static_assert(iclz<uint32_t>(0) == 32 && iclz<uint32_t>(1) == 31 && iclz<uint32_t>(kMin32) == 0);
static_assert(ictz<uint32_t>(0) == 32 && ictz<uint32_t>(kMin32) == 31);
static_assert(iclz<uint64_t>(0) == 64 && ictz<uint64_t>(0) == 64 && ipopcnt<uint64_t>(kAll64) == 64);
static_assert(ipopcnt<uint32_t>(0xAAAA5555) == 16 && ipopcnt<uint8_t>(0xFF) == 8);

static_assert(iextend_s<8, uint32_t>(0x7F) == 0x7F && iextend_s<8, uint32_t>(0x80) == 0xFFFFFF80);
static_assert(iextend_s<8, uint32_t>(0x12345680) == 0xFFFFFF80);
static_assert(iextend_s<16, uint32_t>(0x8000) == 0xFFFF8000 && iextend_s<16, uint32_t>(0x7FFF8000 - 0x10000) == 0xFFFF8000);
static_assert(iextend_s<32, uint64_t>(0x80000000) == 0xFFFFFFFF80000000 && iextend_s<32, uint64_t>(0x7FFFFFFF) == 0x7FFFFFFF);

static_assert(ieqz<uint32_t>(0) && !ieqz<uint32_t>(1));
static_assert(ilt_s<uint32_t>(kMin32, 0) && !ilt_u<uint32_t>(kMin32, 0));
static_assert(igt_u<uint64_t>(kMin64, 1) && !igt_s<uint64_t>(kMin64, 1));
static_assert(ile_s<uint32_t>(kAll32, 0) && ige_u<uint32_t>(kAll32, 0) && ile_u<uint32_t>(5, 5));
static_assert(ige_s<uint8_t>(0x7F, 0x80) && ine<uint16_t>(1, 2) && ieq<uint16_t>(2, 2));

// Lane-only integer operations (N = 8, 16).
static_assert(iadd_sat_s<uint8_t>(0x7F, 1) == 0x7F && iadd_sat_s<uint8_t>(0x80, 0xFF) == 0x80);
static_assert(iadd_sat_u<uint8_t>(0xFF, 1) == 0xFF && iadd_sat_u<uint16_t>(0xFFFE, 1) == 0xFFFF);
static_assert(isub_sat_s<uint16_t>(0x8000, 1) == 0x8000 && isub_sat_s<uint16_t>(0x7FFF, 0xFFFF) == 0x7FFF);
static_assert(isub_sat_u<uint8_t>(1, 2) == 0 && isub_sat_u<uint8_t>(3, 2) == 1);
static_assert(iavgr_u<uint8_t>(0xFF, 0xFF) == 0xFF && iavgr_u<uint8_t>(0, 1) == 1 && iavgr_u<uint16_t>(2, 5) == 4);
static_assert(iq15mulr_sat_s<uint16_t>(0x8000, 0x8000) == 0x7FFF);  // the only overflow
static_assert(iq15mulr_sat_s<uint16_t>(0x4000, 0x4000) == 0x2000);
static_assert(iq15mulr_sat_s<uint16_t>(0x8000, 0x7FFF) == 0x8001);
static_assert(iabs<uint8_t>(0x80) == 0x80 && iabs<uint32_t>(uint32_t(-5)) == 5 && ineg<uint16_t>(1) == 0xFFFF);
static_assert(imin_s<uint8_t>(0x80, 0x7F) == 0x80 && imin_u<uint8_t>(0x80, 0x7F) == 0x7F);
static_assert(imax_s<uint16_t>(0x8000, 1) == 1 && imax_u<uint16_t>(0x8000, 1) == 0x8000);
static_assert(narrow_s<uint8_t, uint16_t>(0x0100) == 0x7F && narrow_s<uint8_t, uint16_t>(0xFF00) == 0x80);
static_assert(narrow_u<uint8_t, uint16_t>(0xFFFF) == 0 && narrow_u<uint8_t, uint16_t>(0x00FF) == 0xFF);
static_assert(narrow_u<uint16_t, uint32_t>(0x10000) == 0xFFFF && narrow_s<uint16_t, uint32_t>(0x8000) == 0x7FFF);
static_assert(ibitselect<uint32_t>(0xFFFF0000, 0x00FFFF00, 0xF0F0F0F0) == 0xF0FF0F00);

// Wide arithmetic (wide-arithmetic.wast).
static_assert(iadd128({kAll64, 0}, {1, 0}) == I128{0, 1});
static_assert(iadd128({kAll64, kAll64}, {1, 0}) == I128{0, 0});
static_assert(isub128({0, 0}, {1, 0}) == I128{kAll64, kAll64});
static_assert(isub128({0, 1}, {1, 0}) == I128{kAll64, 0});
static_assert(imul_wide_u(kAll64, kAll64) == I128{1, kAll64 - 1});
static_assert(imul_wide_s(kAll64, kAll64) == I128{1, 0});       // -1 * -1
static_assert(imul_wide_s(kMin64, kMin64) == I128{0, kMin64 >> 1});  // 2^126
static_assert(imul_wide_s(kMin64, 1) == I128{kMin64, kAll64});
static_assert(imul_wide_u(0x100000000, 0x100000000) == I128{0, 1});

// --- Floats -------------------------------------------------------------------------------------

constexpr uint32_t kCanon32 = 0x7FC00000;
constexpr uint64_t kCanon64 = 0x7FF8000000000000;
static_assert(kCanonicalNan<float> == kCanon32 && kCanonicalNan<double> == kCanon64);
static_assert(kSignif<float> == 23 && kExpon<float> == 8 && kSignif<double> == 52 && kExpon<double> == 11);

TEST(Float, NaNFromNonNaNOperandsIsPositiveCanonical) {
  float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(b32(fadd(inf, -inf)), kCanon32);  // x86 would produce 0xFFC00000
  EXPECT_EQ(b32(fsub(inf, inf)), kCanon32);
  EXPECT_EQ(b32(fmul(0.0f, inf)), kCanon32);
  EXPECT_EQ(b32(fdiv(0.0f, -0.0f)), kCanon32);
  EXPECT_EQ(b32(fsqrt(-1.0f)), kCanon32);
  EXPECT_EQ(b64(fdiv(-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity())),
            kCanon64);
  EXPECT_EQ(b64(fsqrt(-0x1p-1074)), kCanon64);
}

TEST(Float, NaNOperandPropagatesQuieted) {
  EXPECT_EQ(b32(fadd(f32(0x7FA00000), 1.0f)), 0x7FE00000u);   // signalling -> quiet, payload kept
  EXPECT_EQ(b32(fadd(1.0f, f32(0xFFA00000))), 0xFFE00000u);   // sign kept
  EXPECT_EQ(b32(fmul(f32(0xFF800001), f32(0x7FC00002))), 0xFFC00001u);  // first NaN operand wins
  EXPECT_EQ(b32(fdiv(f32(0x7FC00000), f32(0xFFF00000))), kCanon32);
  EXPECT_EQ(b64(fsub(f64(0x7FF0000000000001), 2.0)), 0x7FF8000000000001u);
  EXPECT_EQ(b32(fsqrt(f32(0xFF800123))), 0xFFC00123u);
  EXPECT_EQ(b32(fceil(f32(0x7F800001))), 0x7FC00001u);
  EXPECT_EQ(b64(fnearest(f64(0xFFF0000000000001))), 0xFFF8000000000001u);
  EXPECT_TRUE(is_arithmetic_nan(fadd(f32(0x7F800001), 0.0f)));
  EXPECT_TRUE(is_canonical_nan(fmin(f32(0xFFC00000), 1.0f)));
}

static_assert(std::bit_cast<uint32_t>(fmin(-0.0f, 0.0f)) == 0x80000000 && std::bit_cast<uint32_t>(fmin(0.0f, -0.0f)) == 0x80000000);
static_assert(std::bit_cast<uint32_t>(fmax(-0.0f, 0.0f)) == 0 && std::bit_cast<uint32_t>(fmax(0.0f, -0.0f)) == 0);
static_assert(fmin(-std::numeric_limits<double>::infinity(), 1.0) == -std::numeric_limits<double>::infinity());
static_assert(fmax(2.0, 1.0) == 2.0 && fmin(2.0, 1.0) == 1.0);
static_assert(std::bit_cast<uint64_t>(fmax(std::bit_cast<double>(kCanon64 | 5), 1.0)) == (kCanon64 | 5));
static_assert(std::bit_cast<uint64_t>(fmin(1.0, std::bit_cast<double>(0xFFF0000000000005))) == 0xFFF8000000000005);

// fneg/fabs/fcopysign are bitwise, even on (signalling) NaNs.
static_assert(std::bit_cast<uint32_t>(fneg(std::bit_cast<float>(0x7FA00000u))) == 0xFFA00000);
static_assert(std::bit_cast<uint32_t>(fabs(std::bit_cast<float>(0xFF800001u))) == 0x7F800001);
static_assert(std::bit_cast<uint32_t>(fcopysign(std::bit_cast<float>(0x7FA00000u), -0.0f)) == 0xFFA00000);
static_assert(std::bit_cast<uint64_t>(fcopysign(1.0, std::bit_cast<double>(0xFFF8000000000000))) == 0xBFF0000000000000);
static_assert(std::bit_cast<uint32_t>(fneg(0.0f)) == 0x80000000);

// Rounding: ties to even, sign of zero preserved (f32.wast / f64.wast nearest, ceil, floor, trunc).
static_assert(fnearest(0.5f) == 0.0f && std::bit_cast<uint32_t>(fnearest(-0.5f)) == 0x80000000);
static_assert(fnearest(1.5) == 2.0 && fnearest(2.5) == 2.0 && fnearest(-3.5) == -4.0 && fnearest(-2.5) == -2.0);
static_assert(fnearest(4503599627370495.5) == 4503599627370496.0);       // 2^52 - 0.5
static_assert(fnearest(4503599627370497.0) == 4503599627370497.0);       // 2^52 + 1 is integral
static_assert(fnearest(8388607.5f) == 8388608.0f && fnearest(-8388609.0f) == -8388609.0f);
static_assert(fnearest(0x1p-149f) == 0.0f && std::bit_cast<uint64_t>(fnearest(-0x1p-1074)) == 0x8000000000000000);
static_assert(fnearest(0.49999997f) == 0.0f);  // would be 1 with floor(x + 0.5)
static_assert(std::bit_cast<uint32_t>(fceil(-0.5f)) == 0x80000000 && fceil(0.5f) == 1.0f && fceil(-1.5) == -1.0);
static_assert(ffloor(0.5f) == 0.0f && std::bit_cast<uint32_t>(ffloor(0.5f)) == 0 && ffloor(-0.5) == -1.0);
static_assert(std::bit_cast<uint32_t>(ftrunc(-0.9f)) == 0x80000000 && ftrunc(-1.9) == -1.0 && ftrunc(1e300) == 1e300);
static_assert(fceil(0x1.fffffep+22f) == 8388608.0f && ffloor(-0x1.fffffep+22f) == -8388608.0f);
static_assert(fceil(std::numeric_limits<float>::infinity()) == std::numeric_limits<float>::infinity());
static_assert(std::bit_cast<uint64_t>(fceil(-0.0)) == 0x8000000000000000 && std::bit_cast<uint64_t>(ffloor(-0.0)) == 0x8000000000000000);

TEST(Float, Sqrt) {
  EXPECT_EQ(b32(fsqrt(-0.0f)), 0x80000000u);
  EXPECT_EQ(fsqrt(0x1p-149f), 0x1.6a09e6p-75f);  // f32.wast
  EXPECT_EQ(fsqrt(2.0), 0x1.6a09e667f3bcdp+0);
  EXPECT_EQ(fsqrt(std::numeric_limits<double>::infinity()), std::numeric_limits<double>::infinity());
}

TEST(Float, ArithmeticIsCorrectlyRoundedWithoutContraction) {
  // float_exprs.wast f64.no_contraction / no_fma: x*y+z must round twice.
  double x = 0x1.0000002p0, y = 0x1.0000002p0, z = -1.0;  // x*y = 1 + 2^-26 + 2^-54
  EXPECT_EQ(fadd(fmul(x, y), z), 0x1p-26);
  EXPECT_EQ(fma(x, y, z), 0x1.0000001p-26);
  EXPECT_EQ(fadd(0x1p24f, 1.0f), 0x1p24f);                     // ties to even
  EXPECT_EQ(fadd(0x1p24f, 3.0f), 0x1.000004p24f);
  EXPECT_EQ(fmul(0x1p-126f, 0x1p-23f), 0x1p-149f);             // subnormal result
  EXPECT_EQ(b32(fmul(0x1p-126f, -0x1p-24f)), 0x80000000u);       // ties to even -> -0
  EXPECT_EQ(fdiv(1.0, 3.0), 0x1.5555555555555p-2);
  EXPECT_EQ(b32(fma(f32(0x7FA00000), 0.0f, 1.0f)), 0x7FE00000u);
  EXPECT_EQ(b32(fma(1.0f, 1.0f, f32(0x7F800042))), 0x7FC00042u);  // the addend's NaN too
}

static_assert(feq(0.0f, -0.0f) && !fne(0.0, -0.0) && !flt(-0.0, 0.0) && fle(-0.0, 0.0));
static_assert(!feq(std::bit_cast<float>(kCanon32), std::bit_cast<float>(kCanon32)));
static_assert(fne(std::bit_cast<double>(kCanon64), 1.0) && !fge(std::bit_cast<double>(kCanon64), 1.0));
static_assert(fgt(1.0f, -std::numeric_limits<float>::infinity()));

// pmin/pmax: b < a ? b : a (simd_f32x4_pmin_pmax.wast): NaN first operand is returned.
static_assert(std::bit_cast<uint32_t>(fpmin(std::bit_cast<float>(0x7FC00001u), 1.0f)) == 0x7FC00001);
static_assert(fpmin(1.0f, std::bit_cast<float>(0x7FC00001u)) == 1.0f);
static_assert(std::bit_cast<uint32_t>(fpmin(-0.0f, 0.0f)) == 0x80000000 && std::bit_cast<uint32_t>(fpmin(0.0f, -0.0f)) == 0);
static_assert(std::bit_cast<uint64_t>(fpmax(-0.0, 0.0)) == 0x8000000000000000 && fpmax(1.0, 2.0) == 2.0);

// --- Conversions --------------------------------------------------------------------------------

TEST(Conversion, TruncTrapsOnNaNAndOutOfRange) {
  EXPECT_EQ((trunc_s<uint32_t>(f32(kCanon32)).error()), TrapKind::InvalidConversion);
  EXPECT_EQ((trunc_u<uint64_t>(f64(0xFFF0000000000001)).error()), TrapKind::InvalidConversion);
  EXPECT_EQ((trunc_s<uint32_t>(2147483648.0f).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ((trunc_s<uint32_t>(-2147483904.0f).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_s<uint32_t>(-2147483648.0f), kMin32);
  EXPECT_EQ(*trunc_s<uint32_t>(-2147483648.9), kMin32);  // conversions.wast
  EXPECT_EQ((trunc_s<uint32_t>(-2147483649.0).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_s<uint32_t>(2147483647.9), 0x7FFFFFFFu);
  EXPECT_EQ((trunc_u<uint32_t>(4294967296.0).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_u<uint32_t>(4294967295.9), kAll32);
  EXPECT_EQ(*trunc_u<uint32_t>(-0.9f), 0u);
  EXPECT_EQ((trunc_u<uint32_t>(-1.0f).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_s<uint64_t>(-9223372036854775808.0f), kMin64);
  EXPECT_EQ((trunc_s<uint64_t>(9223372036854775808.0).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_u<uint64_t>(18446744073709549568.0), 0xFFFFFFFFFFFFF800u);
  EXPECT_EQ((trunc_u<uint64_t>(18446744073709551616.0f).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ((trunc_s<uint64_t>(-std::numeric_limits<double>::infinity()).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(*trunc_s<uint32_t>(-0x1p-149f), 0u);
}

static_assert(trunc_sat_s<uint32_t>(std::bit_cast<float>(0x7FC00000u)) == 0);
static_assert(trunc_sat_s<uint32_t>(2147483648.0f) == 0x7FFFFFFF && trunc_sat_s<uint32_t>(-1e10) == kMin32);
static_assert(trunc_sat_u<uint32_t>(-1.0f) == 0 && trunc_sat_u<uint32_t>(4294967296.0) == kAll32);
static_assert(trunc_sat_u<uint64_t>(std::numeric_limits<double>::infinity()) == kAll64);
static_assert(trunc_sat_s<uint64_t>(-std::numeric_limits<float>::infinity()) == kMin64);
static_assert(trunc_sat_s<uint64_t>(9223372036854775807.0) == 0x7FFFFFFFFFFFFFFF);  // rounds to 2^63
static_assert(trunc_sat_u<uint32_t>(-0.9) == 0 && trunc_sat_s<uint32_t>(-1.9f) == uint32_t(-1));

// convert: correctly rounded, no double rounding through f64 (conversions.wast).
static_assert(convert_s<float, uint32_t>(kAll32) == -1.0f && convert_u<float, uint32_t>(kAll32) == 4294967296.0f);
static_assert(convert_s<float, uint32_t>(kMin32) == -2147483648.0f);
static_assert(convert_u<float, uint32_t>(0x80000080) == 2147483648.0f);  // tie -> even
static_assert(convert_u<float, uint32_t>(0x80000081) == 2147483904.0f);
static_assert(convert_s<float, uint32_t>(16777217) == 16777216.0f && convert_s<float, uint32_t>(16777219) == 16777220.0f);
static_assert(convert_s<float, uint64_t>(9007199791611905) == 9007200328482816.0f);   // i64 -> f32 double rounding trap
static_assert(convert_s<float, uint64_t>(uint64_t(-9007199791611905)) == -9007200328482816.0f);
static_assert(convert_u<float, uint64_t>(0x0020000020000001) == 9007200328482816.0f);
static_assert(convert_u<float, uint64_t>(kAll64) == 18446744073709551616.0f);
static_assert(convert_u<float, uint64_t>(0x8000008000000001) == 9223373136366403584.0f);
static_assert(convert_s<float, uint64_t>(kMin64) == -9223372036854775808.0f);
static_assert(convert_u<double, uint64_t>(kAll64) == 18446744073709551616.0);
static_assert(convert_u<double, uint64_t>(0x8000000000000401) == 9223372036854777856.0);
static_assert(convert_s<double, uint64_t>(9007199254740993) == 9007199254740992.0);
static_assert(convert_s<double, uint64_t>(9007199254740995) == 9007199254740996.0);
static_assert(convert_u<double, uint32_t>(kAll32) == 4294967295.0 && convert_s<double, uint32_t>(kAll32) == -1.0);

static_assert(extend_s<uint64_t, uint32_t>(kMin32) == 0xFFFFFFFF80000000 && extend_u<uint64_t, uint32_t>(kMin32) == kMin32);
static_assert(wrap<uint32_t, uint64_t>(0x123456789ABCDEF0) == 0x9ABCDEF0);
static_assert(extend_s<uint32_t, uint8_t>(0x80) == 0xFFFFFF80 && extend_u<uint16_t, uint8_t>(0x80) == 0x80);

TEST(Conversion, DemotePromote) {
  EXPECT_EQ(demote(0x1.fffffefffffffp+127), 0x1.fffffep+127f);
  EXPECT_EQ(demote(0x1.ffffffp+127), std::numeric_limits<float>::infinity());  // ties to even -> inf
  EXPECT_EQ(b32(demote(-0x1p-1074)), 0x80000000u);                             // underflow keeps sign
  EXPECT_EQ(demote(0x1p-149), 0x1p-149f);
  EXPECT_EQ(demote(0x1.8p-150), 0x1p-149f);
  EXPECT_EQ(demote(0x1p-150), 0.0f);                                           // tie -> even (0)
  EXPECT_EQ(demote(0x1.0000010000000p+0), 1.0f);
  EXPECT_EQ(demote(0x1.0000030000000p+0), 0x1.000004p+0f);
  // NaN: sign and top payload bits kept, quiet bit set (convert.ml).
  EXPECT_EQ(b32(demote(f64(kCanon64))), kCanon32);
  EXPECT_EQ(b32(demote(f64(0xFFF4000000000000))), 0xFFE00000u);
  EXPECT_EQ(b32(demote(f64(0x7FF0000000000001))), kCanon32);
  EXPECT_EQ(b64(promote(f32(0x7FA00000))), 0x7FFC000000000000u);
  EXPECT_EQ(b64(promote(f32(0xFFC00001))), 0xFFF8000020000000u);
  EXPECT_EQ(promote(0x1p-149f), 0x1p-149);
  EXPECT_EQ(b64(promote(-0.0f)), 0x8000000000000000u);
  EXPECT_TRUE(is_canonical_nan(promote(f32(kCanon32))));
}

static_assert(reinterpret<uint32_t>(-0.0f) == 0x80000000 && reinterpret<double>(uint64_t(0x3FF0000000000000)) == 1.0);

}  // namespace
}  // namespace wasm::interp::numerics
