// Run-time values — exec/runtime.rst (Values). One 16-byte Slot holds any value; a reference is
// a tagged 64-bit word.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace wasm::interp {

// A value of any type: numbers in the low 8 bytes (i32/f32 zero-extended, so that an address
// operand reads as a u64 whatever the address type), v128 in all 16, a reference in `lo`.
// deviation: values are untyped slots; validation guarantees each slot is read at its type.
struct Slot {
  uint64_t lo = 0, hi = 0;

  uint32_t i32() const { return uint32_t(lo); }
  uint64_t i64() const { return lo; }
  float f32() const { return std::bit_cast<float>(uint32_t(lo)); }
  double f64() const { return std::bit_cast<double>(lo); }
  uint64_t ref() const { return lo; }

  static Slot of_i32(uint32_t v) { return {v, 0}; }
  static Slot of_i64(uint64_t v) { return {v, 0}; }
  static Slot of_f32(float v) { return {std::bit_cast<uint32_t>(v), 0}; }
  static Slot of_f64(double v) { return {std::bit_cast<uint64_t>(v), 0}; }
  static Slot of_ref(uint64_t r) { return {r, 0}; }
};
static_assert(sizeof(Slot) == 16);

// spec: ref ::= REF.NULL | REF.I31_NUM | REF.STRUCT_ADDR | REF.ARRAY_ADDR | REF.FUNC_ADDR
//             | REF.EXN_ADDR | REF.HOST_ADDR | REF.EXTERN ref
//             | REF.WAITQUEUE_ADDR  (shared-everything-threads; always shared)
// Encoding: 0 is null; otherwise bits 56..63 hold the kind, bit 55 marks an externalized
// reference (extern.convert_any; any.convert_extern clears it), bit 54 a shared i31
// (shared-everything-threads: ref.i31_shared; other references are shared iff their type is),
// bits 0..31 the address or the i31 payload. The script's (ref.extern n) is externalized
// (ref.host n).
enum class RefKind : uint8_t {
  Null = 0,
  Func = 1,
  Struct = 2,
  Array = 3,
  I31 = 4,
  Exn = 5,
  Host = 6,
  WaitQueue = 7
};

inline constexpr uint64_t kNullRef = 0;
inline constexpr uint64_t kExternBit = uint64_t(1) << 55;
inline constexpr uint64_t kSharedI31Bit = uint64_t(1) << 54;

constexpr uint64_t make_ref(RefKind k, uint32_t payload) {
  return (uint64_t(k) << 56) | payload;
}
constexpr RefKind ref_kind(uint64_t r) { return RefKind(r >> 56); }
constexpr uint32_t ref_payload(uint64_t r) { return uint32_t(r); }
constexpr bool is_null(uint64_t r) { return r == kNullRef; }
constexpr bool is_externalized(uint64_t r) { return (r & kExternBit) != 0; }

// spec: Step_pure/extern.convert_any, Step_pure/any.convert_extern
constexpr uint64_t externalize(uint64_t r) { return r == kNullRef ? r : r | kExternBit; }
constexpr uint64_t internalize(uint64_t r) { return r & ~kExternBit; }

// spec: Step_pure/ref.i31 — i31 payload is the low 31 bits; $wrap
constexpr uint64_t make_i31(uint32_t v) { return make_ref(RefKind::I31, v & 0x7FFF'FFFFu); }
// shared-everything-threads: Step_pure/ref.i31_shared
constexpr uint64_t make_shared_i31(uint32_t v) { return make_i31(v) | kSharedI31Bit; }
constexpr bool is_shared_i31(uint64_t r) { return (r & kSharedI31Bit) != 0; }
constexpr uint32_t i31_get_u(uint64_t r) { return ref_payload(r) & 0x7FFF'FFFFu; }
constexpr uint32_t i31_get_s(uint64_t r) {
  uint32_t v = i31_get_u(r);
  return (v & 0x4000'0000u) != 0 ? v | 0x8000'0000u : v;
}

}  // namespace wasm::interp
