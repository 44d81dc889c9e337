// Result patterns (see tools/smith_results.h).
#include "tools/smith_results.h"

#include "interpreter/numerics.h"
#include "tools/smith_args.h"

namespace wasm::cli {
namespace {

constexpr uint32_t kF32Quiet = 0x7fc00000, kF32Sign = 0x80000000;
constexpr uint64_t kF64Quiet = 0x7ff8000000000000, kF64Sign = 0x8000000000000000;

bool f32_nan(uint32_t b) { return (b & ~kF32Sign) > 0x7f800000; }
bool f64_nan(uint64_t b) { return (b & ~kF64Sign) > 0x7ff0000000000000; }

// spec (script): nan:canonical is either canonical NaN, nan:arithmetic any quiet NaN.
std::string f32_pattern(uint32_t b) {
  if (!f32_nan(b) || (b & kF32Quiet) != kF32Quiet) return f32_literal(b);
  return (b & ~kF32Sign) == kF32Quiet ? "nan:canonical" : "nan:arithmetic";
}

std::string f64_pattern(uint64_t b) {
  if (!f64_nan(b) || (b & kF64Quiet) != kF64Quiet) return f64_literal(b);
  return (b & ~kF64Sign) == kF64Quiet ? "nan:canonical" : "nan:arithmetic";
}

std::string v128_pattern(const V128Bytes& bytes) {
  uint32_t lanes[4];
  bool quiet_nan = false;
  for (size_t lane = 0; lane < 4; ++lane) {
    lanes[lane] = 0;
    for (size_t b = 0; b < 4; ++b) lanes[lane] |= uint32_t(bytes[lane * 4 + b]) << (8 * b);
    quiet_nan |= f32_nan(lanes[lane]) && (lanes[lane] & kF32Quiet) == kF32Quiet;
  }
  std::string out = quiet_nan ? "(v128.const f32x4" : "(v128.const i32x4";
  for (uint32_t lane : lanes) out += quiet_nan ? " " + f32_pattern(lane) : cat(" 0x", hex(lane));
  return out + ")";
}

std::string ref_pattern(const interp::RefInfo& r) {
  using K = interp::RefInfo::Kind;
  if (r.kind == K::Host) return cat(r.externalized ? "(ref.extern " : "(ref.host ", r.payload, ")");
  if (r.externalized) return "(ref.extern)";  // matches any extern reference (and null)
  switch (r.kind) {
    case K::Null: return "(ref.null)";
    case K::Func: return "(ref.func)";
    case K::Struct: return "(ref.struct)";
    case K::Array: return "(ref.array)";
    case K::I31: return "(ref.i31)";
    case K::Exn: return "(ref.exn)";
    case K::WaitQueue: return "(ref.waitqueue)";
    case K::Host: break;
  }
  return "(ref)";
}

}  // namespace

std::string result_pattern(const interp::Value& v, const interp::Engine& engine) {
  switch (v.kind) {
    case ValKind::I32: return cat("(i32.const 0x", hex(uint32_t(v.bits)), ")");
    case ValKind::I64: return cat("(i64.const 0x", hex(v.bits), ")");
    case ValKind::F32: return cat("(f32.const ", f32_pattern(uint32_t(v.bits)), ")");
    case ValKind::F64: return cat("(f64.const ", f64_pattern(v.bits), ")");
    case ValKind::V128: return v128_pattern(v.v128);
    case ValKind::Ref: return ref_pattern(engine.inspect(v));
    default: return "(ref)";
  }
}

std::string trap_pattern(const std::string& message) {
  namespace numerics = interp::numerics;
  using numerics::TrapKind;
  std::string_view best;
  for (int k = int(TrapKind::Unreachable); k <= int(TrapKind::UnalignedAtomic); ++k) {
    std::string_view text = numerics::trap_message(TrapKind(k));
    if (message.starts_with(text) && text.size() > best.size()) best = text;
  }
  return best.empty() ? message : std::string(best);
}

}  // namespace wasm::cli
