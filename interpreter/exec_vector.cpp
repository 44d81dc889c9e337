// Vector instructions — exec/instructions.rst (Vector Instructions, and the vector loads and
// stores of Memory Instructions). Lanes and operators come from numerics_vector.h.
#include <cstring>

#include "interpreter/exec.h"
#include "interpreter/numerics_vector.h"

namespace wasm::interp::exec {
namespace {

namespace N = numerics;
using N::V128;

V128 get(const Slot& s) {
  V128 v;
  std::memcpy(v.bytes.data(), &s, 16);
  return v;
}
Slot put(const V128& v) {
  Slot s;
  std::memcpy(&s, v.bytes.data(), 16);
  return s;
}

// The n bytes at address i + offset of m, or nullptr when out of bounds.
uint8_t* at(MemInst& m, uint64_t i, uint64_t offset, uint64_t n) {
  uint64_t ea = i + offset;
  if (ea < offset || n > m.size || ea > m.size - n) return nullptr;
  return m.data + ea;
}

template <typename L>
L read(const uint8_t* p) {
  L x;
  std::memcpy(&x, p, sizeof(L));
  return x;
}

// spec: Step_read/vload-*  (shape txM: M lanes of `From` extended to `To`)
template <typename To, typename From, bool Signed>
V128 load_extend(const uint8_t* p) {
  V128 r;
  for (unsigned i = 0; i < N::kLanes<To>; ++i) {
    From x = read<From>(p + i * sizeof(From));
    N::set_lane<To>(r, i, Signed ? N::extend_s<To>(x) : N::extend_u<To>(x));
  }
  return r;
}

// Loads and stores: v128.load*, v128.store, v128.loadN_lane, v128.storeN_lane.
Trap memory(const Op& op, Slot*& sp, MemInst& m) {
  using O = Opcode;
  constexpr Trap kOob = "out of bounds memory access";
  O code = O(op.code);
  auto lane_store = [&](auto tag) -> Trap {
    using L = decltype(tag);
    uint8_t* p = at(m, sp[-2].lo, op.bc(), sizeof(L));
    if (p == nullptr) return sp -= 2, kOob;
    L x = N::lane<L>(get(sp[-1]), op.x);
    std::memcpy(p, &x, sizeof(L));
    sp -= 2;
    return nullptr;
  };
  auto lane_load = [&](auto tag) -> Trap {
    using L = decltype(tag);
    uint8_t* p = at(m, sp[-2].lo, op.bc(), sizeof(L));
    if (p == nullptr) return kOob;
    V128 v = N::vreplace_lane<L>(get(sp[-1]), op.x, read<L>(p));
    --sp;
    sp[-1] = put(v);
    return nullptr;
  };
  switch (code) {
    case O::V128Store: {
      uint8_t* p = at(m, sp[-2].lo, op.bc(), 16);
      Slot v = sp[-1];
      sp -= 2;
      if (p == nullptr) return kOob;
      std::memcpy(p, &v, 16);
      return nullptr;
    }
    case O::V128Store8Lane: return lane_store(uint8_t{});
    case O::V128Store16Lane: return lane_store(uint16_t{});
    case O::V128Store32Lane: return lane_store(uint32_t{});
    case O::V128Store64Lane: return lane_store(uint64_t{});
    case O::V128Load8Lane: return lane_load(uint8_t{});
    case O::V128Load16Lane: return lane_load(uint16_t{});
    case O::V128Load32Lane: return lane_load(uint32_t{});
    case O::V128Load64Lane: return lane_load(uint64_t{});
    default: break;
  }
  static constexpr uint8_t kSize[] = {16, 8, 8, 8, 8, 8, 8, 1, 2, 4, 8};  // V128Load .. Load64Splat
  uint64_t n = code == O::V128Load32Zero ? 4 : code == O::V128Load64Zero ? 8
                                             : kSize[op.code - uint16_t(O::V128Load)];
  const uint8_t* p = at(m, sp[-1].lo, op.bc(), n);
  if (p == nullptr) return kOob;
  V128 r;
  switch (code) {
    case O::V128Load8x8S: r = load_extend<uint16_t, uint8_t, true>(p); break;
    case O::V128Load8x8U: r = load_extend<uint16_t, uint8_t, false>(p); break;
    case O::V128Load16x4S: r = load_extend<uint32_t, uint16_t, true>(p); break;
    case O::V128Load16x4U: r = load_extend<uint32_t, uint16_t, false>(p); break;
    case O::V128Load32x2S: r = load_extend<uint64_t, uint32_t, true>(p); break;
    case O::V128Load32x2U: r = load_extend<uint64_t, uint32_t, false>(p); break;
    case O::V128Load8Splat: r = N::vsplat(read<uint8_t>(p)); break;
    case O::V128Load16Splat: r = N::vsplat(read<uint16_t>(p)); break;
    case O::V128Load32Splat: r = N::vsplat(read<uint32_t>(p)); break;
    case O::V128Load64Splat: r = N::vsplat(read<uint64_t>(p)); break;
    default: std::memcpy(r.bytes.data(), p, n); break;  // V128Load, V128Load32Zero, V128Load64Zero
  }
  sp[-1] = put(r);
  return nullptr;
}

bool is_memory(Opcode op) {
  Imm imm = info(op).imm;
  return imm == Imm::MemArg || imm == Imm::MemArgLane;
}

}  // namespace

#define VCASE(name) case Opcode::name
#define VUN(name, expr) VCASE(name): { V128 a = get(sp[-1]); sp[-1] = put(expr); return nullptr; }
#define VBIN(name, expr) VCASE(name): { \
    V128 b = get(sp[-1]), a = get(sp[-2]); --sp; sp[-1] = put(expr); return nullptr; }
#define VTERN(name, expr) VCASE(name): { \
    V128 c = get(sp[-1]), b = get(sp[-2]), a = get(sp[-3]); sp -= 2; sp[-1] = put(expr); return nullptr; }
#define VTEST(name, expr) VCASE(name): { V128 a = get(sp[-1]); sp[-1] = Slot::of_i32(uint32_t(expr)); return nullptr; }
#define VSHIFT(name, expr) VCASE(name): { \
    uint32_t k = sp[-1].i32(); V128 a = get(sp[-2]); --sp; sp[-1] = put(expr); return nullptr; }
#define SPLAT(name, L, val) VCASE(name): sp[-1] = put(N::vsplat<L>(val)); return nullptr;
#define EXTRACT(name, L, make) VCASE(name): { L v = N::lane<L>(get(sp[-1]), op.x); sp[-1] = make; return nullptr; }
#define REPLACE(name, L, val) VCASE(name): { \
    Slot s = sp[-1]; V128 a = get(sp[-2]); --sp; sp[-1] = put(N::vreplace_lane<L>(a, op.x, val)); return nullptr; }

// spec: the vector rules of exec/instructions.rst, one case per opcode.
Trap vector(const Op& op, Slot*& sp, const Code& code, ModuleInst& module, const N::Relaxed& r) {
  Opcode o = Opcode(op.code);
  if (is_memory(o)) return memory(op, sp, *module.mem_ptrs[op.a]);
  switch (o) {
    VCASE(V128Const): *sp++ = put(V128{code.v128s[op.a]}); return nullptr;
    VBIN(I8x16Shuffle, N::ivshuffle(code.v128s[op.a], a, b))
    SPLAT(I8x16Splat, uint8_t, uint8_t(sp[-1].lo))
    SPLAT(I16x8Splat, uint16_t, uint16_t(sp[-1].lo))
    SPLAT(I32x4Splat, uint32_t, uint32_t(sp[-1].lo))
    SPLAT(I64x2Splat, uint64_t, sp[-1].lo)
    SPLAT(F32x4Splat, float, sp[-1].f32())
    SPLAT(F64x2Splat, double, sp[-1].f64())
    EXTRACT(I8x16ExtractLaneS, uint8_t, Slot::of_i32(N::extend_s<uint32_t>(v)))
    EXTRACT(I8x16ExtractLaneU, uint8_t, Slot::of_i32(v))
    EXTRACT(I16x8ExtractLaneS, uint16_t, Slot::of_i32(N::extend_s<uint32_t>(v)))
    EXTRACT(I16x8ExtractLaneU, uint16_t, Slot::of_i32(v))
    EXTRACT(I32x4ExtractLane, uint32_t, Slot::of_i32(v))
    EXTRACT(I64x2ExtractLane, uint64_t, Slot::of_i64(v))
    EXTRACT(F32x4ExtractLane, float, Slot::of_f32(v))
    EXTRACT(F64x2ExtractLane, double, Slot::of_f64(v))
    REPLACE(I8x16ReplaceLane, uint8_t, uint8_t(s.lo))
    REPLACE(I16x8ReplaceLane, uint16_t, uint16_t(s.lo))
    REPLACE(I32x4ReplaceLane, uint32_t, uint32_t(s.lo))
    REPLACE(I64x2ReplaceLane, uint64_t, s.lo)
    REPLACE(F32x4ReplaceLane, float, s.f32())
    REPLACE(F64x2ReplaceLane, double, s.f64())
#include "interpreter/exec_vector_ops.inc"
    default: return "unsupported instruction";
  }
}

}  // namespace wasm::interp::exec
