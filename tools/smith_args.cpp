// Script arguments for generated modules (see tools/smith_args.h).
#include "tools/smith_args.h"

#include <array>
#include <bit>

#include "spec/match.h"

namespace wasm::cli {
namespace {

// spec (text): hexfloat ::= '0x' hexnum '.' hexfrac 'p' sign num; and inf, nan:0xN.
std::string float_literal(bool negative, uint64_t exponent, uint64_t fraction, int fraction_bits,
                          uint64_t max_exponent, int bias) {
  std::string sign = negative ? "-" : "";
  if (exponent == max_exponent)
    return fraction == 0 ? sign + "inf" : cat(sign, "nan:0x", hex(fraction));
  int digits = (fraction_bits + 3) / 4;
  uint64_t frac = fraction << (digits * 4 - fraction_bits);
  int e = exponent == 0 ? 1 - bias : int(exponent) - bias;
  return cat(sign, exponent == 0 ? "0x0." : "0x1.", hex_digits(frac, digits), "p",
             e < 0 ? "-" : "+", e < 0 ? -e : e);
}

// Edge values: limits, signs, powers of two and their neighbours.
constexpr std::array<uint32_t, 22> kI32Edges = {
    0,       1,          2,          3,          7,          8,         16,     31,
    32,      63,         64,         255,        256,        0x7fff,    0x8000, 0xffff,
    0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff};
constexpr std::array<uint64_t, 18> kI64Edges = {0,
                                                1,
                                                2,
                                                7,
                                                32,
                                                63,
                                                64,
                                                0xff,
                                                0x7fffffff,
                                                0x80000000,
                                                0xffffffff,
                                                0x100000000,
                                                0x7fffffffffffffff,
                                                0x8000000000000000,
                                                0x8000000000000001,
                                                0xfffffffffffffffe,
                                                0xffffffffffffffff,
                                                0xffffffff00000000};
// 0, -0, 1, -1, 0.5, 2, 1.5, -2.5, inf, -inf, the canonical NaNs, a signalling NaN, NaNs with
// payloads, the extreme subnormals and normals, 2^31, -2^31, 2^63, 2^32, the largest float
// below 2^31.
constexpr std::array<uint32_t, 24> kF32Edges = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x40000000, 0x3fc00000, 0xc0200000,
    0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7fc00001, 0xff800001, 0x00000001,
    0x007fffff, 0x00800000, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x5f000000, 0x4f800000, 0x4effffff};
constexpr std::array<uint64_t, 24> kF64Edges = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3fe0000000000000, 0x4000000000000000, 0x3ff8000000000000, 0xc004000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
    0x7ff4000000000000, 0x7ff8000000000001, 0xfff0000000000001, 0x0000000000000001,
    0x000fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff, 0x41e0000000000000,
    0xc1e0000000000000, 0x43e0000000000000, 0x41efffffffe00000, 0x41dfffffffc00000};

interp::Value number(ValKind k, uint64_t bits) { return interp::Value{k, bits, {}}; }

}  // namespace

std::string hex_digits(uint64_t n, int width) {
  std::string s(size_t(width), '0');
  for (int i = width - 1; i >= 0; --i, n >>= 4) s[size_t(i)] = "0123456789abcdef"[n & 0xF];
  return s;
}

std::string f32_literal(uint32_t bits) {
  return float_literal(bits >> 31, (bits >> 23) & 0xff, bits & 0x7fffff, 23, 0xff, 127);
}

std::string f64_literal(uint64_t bits) {
  return float_literal(bits >> 63, (bits >> 52) & 0x7ff, bits & 0xfffffffffffff, 52, 0x7ff, 1023);
}

uint64_t ArgumentSource::next() {  // splitmix64
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Mostly small (lengths, indices, counts in runnable modules), else an edge value or any bits.
ScriptArg ArgumentSource::i32() {
  uint64_t pick = below(10);
  uint32_t v = pick < 5   ? uint32_t(below(65))
               : pick < 8 ? kI32Edges[below(kI32Edges.size())]
                          : uint32_t(next());
  return {cat("(i32.const 0x", hex(v), ")"), number(ValKind::I32, v)};
}

ScriptArg ArgumentSource::i64() {
  uint64_t pick = below(10);
  uint64_t v = pick < 5 ? below(65) : pick < 8 ? kI64Edges[below(kI64Edges.size())] : next();
  return {cat("(i64.const 0x", hex(v), ")"), number(ValKind::I64, v)};
}

ScriptArg ArgumentSource::f32() {
  uint64_t pick = below(10);
  uint32_t v = pick < 3   ? std::bit_cast<uint32_t>(float(int(below(33)) - 16))
               : pick < 8 ? kF32Edges[below(kF32Edges.size())]
                          : uint32_t(next());
  return {cat("(f32.const ", f32_literal(v), ")"), number(ValKind::F32, v)};
}

ScriptArg ArgumentSource::f64() {
  uint64_t pick = below(10);
  uint64_t v = pick < 3   ? std::bit_cast<uint64_t>(double(int(below(33)) - 16))
               : pick < 8 ? kF64Edges[below(kF64Edges.size())]
                          : next();
  return {cat("(f64.const ", f64_literal(v), ")"), number(ValKind::F64, v)};
}

// Lanes of one shape: small integers, float specials, or any bits (written as i32x4).
ScriptArg ArgumentSource::v128() {
  interp::Value v{ValKind::V128, 0, {}};
  uint64_t pick = below(4);
  for (size_t lane = 0; lane < 4; ++lane) {
    uint32_t bits = pick == 0   ? uint32_t(below(5))
                    : pick == 1 ? kF32Edges[below(kF32Edges.size())]
                    : pick == 2 ? kI32Edges[below(kI32Edges.size())]
                                : uint32_t(next());
    for (size_t b = 0; b < 4; ++b) v.v128[lane * 4 + b] = uint8_t(bits >> (8 * b));
  }
  std::string text = "(v128.const i32x4";
  for (size_t lane = 0; lane < 4; ++lane) {
    uint32_t bits = 0;
    for (size_t b = 0; b < 4; ++b) bits |= uint32_t(v.v128[lane * 4 + b]) << (8 * b);
    text += cat(" 0x", hex(bits));
  }
  return {text + ")", v};
}

// spec (script): (ref.null ht) at the bottom of the parameter's hierarchy (a subtype of every
// nullable reference type there); (ref.host n) : (ref any); (ref.extern n) : (ref extern).
std::optional<ScriptArg> ArgumentSource::ref(const RefType& t, interp::Engine& engine) {
  bool any = t.heap.kind == HeapKind::Any, ext = t.heap.kind == HeapKind::Extern;
  if ((any || ext) && (!t.nullable || below(2) == 0)) {
    uint32_t n = uint32_t(below(3));
    if (any) return ScriptArg{cat("(ref.host ", n, ")"), engine.host_ref(n)};
    return ScriptArg{cat("(ref.extern ", n, ")"), engine.extern_ref(n)};
  }
  if (!t.nullable) return std::nullopt;
  HeapType bottom = bot_heaptype(engine.types(), t.heap);
  return ScriptArg{cat("(ref.null ", to_string(bottom), ")"), engine.null_ref()};
}

std::optional<std::vector<ScriptArg>> ArgumentSource::arguments(const ResultType& params,
                                                                interp::Engine& engine) {
  std::vector<ScriptArg> args;
  for (const ValType& t : params) {
    switch (t.kind) {
      case ValKind::I32: args.push_back(i32()); break;
      case ValKind::I64: args.push_back(i64()); break;
      case ValKind::F32: args.push_back(f32()); break;
      case ValKind::F64: args.push_back(f64()); break;
      case ValKind::V128: args.push_back(v128()); break;
      case ValKind::Ref: {
        std::optional<ScriptArg> r = ref(t.ref, engine);
        if (!r) return std::nullopt;
        args.push_back(std::move(*r));
        break;
      }
      default: return std::nullopt;
    }
  }
  return args;
}

}  // namespace wasm::cli
