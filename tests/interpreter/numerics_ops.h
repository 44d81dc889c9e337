// The operator table the wast-driven tests evaluate with: instruction text -> numerics.h call.
#pragma once

#include "interpreter/numerics_vector.h"
#include "tests/interpreter/wast_mini.h"

namespace wasm::interp::test {

OpTable scalar_ops();                                          // i32/i64/f32/f64 + conversions
OpTable vector_ops(const numerics::Relaxed& relaxed = {});    // SIMD and relaxed SIMD
OpTable all_ops(const numerics::Relaxed& relaxed = {});

}  // namespace wasm::interp::test
