// Result patterns and value printing (see wast/values.h).
#include "wast/values.h"

#include <bit>
#include <charconv>
#include <cstring>

namespace wasm::wast {
namespace {

using text::LaneShape;
using text::NanPattern;
using text::ScriptValue;
using RefKind = interp::RefInfo::Kind;

constexpr uint32_t kF32CanonicalNan = 0x7fc0'0000u;
constexpr uint64_t kF64CanonicalNan = 0x7ff8'0000'0000'0000ull;
constexpr uint32_t kF32SignBit = 0x8000'0000u;
constexpr uint64_t kF64SignBit = 0x8000'0000'0000'0000ull;

struct ShapeInfo {
  const char* text;
  int lanes, bytes;
  bool is_float;
};

ShapeInfo shape_info(LaneShape s) {
  switch (s) {
    case LaneShape::I8x16: return {"i8x16", 16, 1, false};
    case LaneShape::I16x8: return {"i16x8", 8, 2, false};
    case LaneShape::I32x4: return {"i32x4", 4, 4, false};
    case LaneShape::I64x2: return {"i64x2", 2, 8, false};
    case LaneShape::F32x4: return {"f32x4", 4, 4, true};
    case LaneShape::F64x2: return {"f64x2", 2, 8, true};
  }
  return {"i32x4", 4, 4, false};
}

uint64_t lane_bits(const V128Bytes& v, int lane, int bytes) {
  uint64_t bits = 0;
  for (int b = 0; b < bytes; ++b) bits |= uint64_t(v[size_t(lane * bytes + b)]) << (8 * b);
  return bits;
}

std::string describe_lanes(const V128Bytes& v, LaneShape shape,
                           const std::array<NanPattern, 4>* nans) {
  ShapeInfo info = shape_info(shape);
  std::string out = cat("(v128.const ", info.text);
  for (int lane = 0; lane < info.lanes; ++lane) {
    NanPattern nan = nans && lane < 4 ? (*nans)[size_t(lane)] : NanPattern::None;
    uint64_t bits = lane_bits(v, lane, info.bytes);
    out += ' ';
    if (nan == NanPattern::Canonical) {
      out += "nan:canonical";
    } else if (nan == NanPattern::Arithmetic) {
      out += "nan:arithmetic";
    } else if (!info.is_float) {
      int unused = 64 - 8 * info.bytes;  // print lanes signed, as the reference does
      out += cat(int64_t(bits << unused) >> unused);
    } else {
      out += info.bytes == 4 ? describe_f32(uint32_t(bits)) : describe_f64(bits);
    }
  }
  return out + ")";
}

// The heap type word of a result pattern: the spec's keyword (spec/types.h), "$type" for a
// concrete type and nothing for the untyped (ref.null).
const char* heap_word(HeapKind k) {
  if (k == HeapKind::Index) return "$type";
  if (k == HeapKind::Bot) return "";
  return abstract_name(k);
}

const char* nan_word(NanPattern p) {
  return p == NanPattern::Canonical ? "nan:canonical" : "nan:arithmetic";
}

}  // namespace

// spec (script): assert_nan_pat
bool match_nan(uint64_t bits, bool is_f64, NanPattern pattern) {
  if (is_f64) {
    if (pattern == NanPattern::Canonical) return (bits & ~kF64SignBit) == kF64CanonicalNan;
    return (bits & kF64CanonicalNan) == kF64CanonicalNan;
  }
  uint32_t b = uint32_t(bits);
  if (pattern == NanPattern::Canonical) return (b & ~kF32SignBit) == kF32CanonicalNan;
  return (b & kF32CanonicalNan) == kF32CanonicalNan;
}

// spec (script): assert_vec_pat. Integer lanes compare as the reference's sign-extended lane
// values do, i.e. bit for bit.
bool match_lanes(const V128Bytes& got, const ScriptValue& expected) {
  ShapeInfo info = shape_info(expected.shape);
  for (int lane = 0; lane < info.lanes; ++lane) {
    uint64_t bits = lane_bits(got, lane, info.bytes);
    NanPattern nan = info.is_float ? expected.lane_nans[size_t(lane)] : NanPattern::None;
    if (nan != NanPattern::None) {
      if (!match_nan(bits, info.bytes == 8, nan)) return false;
    } else if (bits != lane_bits(expected.v128, lane, info.bytes)) {
      return false;
    }
  }
  return true;
}

// spec (script): assert_ref_pat
bool match_ref(const interp::RefInfo& got, const ScriptValue& expected) {
  bool null = got.kind == RefKind::Null;
  bool plain = !got.externalized;  // the reference's StructRef, FuncRef, ... (not ExternRef)
  switch (expected.kind) {
    case ScriptValue::Kind::RefNull:  // (ref.null) and (ref.null ht): any null
      return null;
    case ScriptValue::Kind::RefHost:  // (ref.host n): HostRef n
      return plain && got.kind == RefKind::Host && got.payload == expected.payload;
    case ScriptValue::Kind::RefExtern:
      if (!expected.payload) return true;  // (ref.extern): RefTypePat ExternHT, even null
      return got.externalized && got.kind == RefKind::Host && got.payload == *expected.payload;
    case ScriptValue::Kind::RefKind:
      switch (expected.heap.kind) {
        case HeapKind::Any: return !(plain && got.kind == RefKind::Func);  // even null
        case HeapKind::Eq:
          return plain && (got.kind == RefKind::I31 || got.kind == RefKind::Struct ||
                           got.kind == RefKind::Array);
        case HeapKind::I31:  // (ref.i31_shared): shared-everything-threads
          return plain && got.kind == RefKind::I31 && got.shared == expected.heap.shared;
        case HeapKind::Struct: return plain && got.kind == RefKind::Struct;
        case HeapKind::Array: return plain && got.kind == RefKind::Array;
        case HeapKind::Func: return plain && got.kind == RefKind::Func;
        case HeapKind::Exn: return plain && got.kind == RefKind::Exn;
        case HeapKind::WaitQueue: return plain && got.kind == RefKind::WaitQueue;
        case HeapKind::Extern: return true;
        default: return false;
      }
    default:
      return false;
  }
}

// spec (script): assert_result
bool match_result(const interp::Value& got, const ScriptValue& expected,
                  const InspectRef& inspect) {
  using K = ScriptValue::Kind;
  switch (expected.kind) {
    case K::I32:
      return got.kind == ValKind::I32 && uint32_t(got.bits) == uint32_t(expected.bits);
    case K::I64:
      return got.kind == ValKind::I64 && got.bits == expected.bits;
    case K::F32:
      if (got.kind != ValKind::F32) return false;
      if (expected.nan != NanPattern::None) return match_nan(got.bits, false, expected.nan);
      return uint32_t(got.bits) == uint32_t(expected.bits);
    case K::F64:
      if (got.kind != ValKind::F64) return false;
      if (expected.nan != NanPattern::None) return match_nan(got.bits, true, expected.nan);
      return got.bits == expected.bits;
    case K::V128:
      return got.kind == ValKind::V128 && match_lanes(got.v128, expected);
    case K::RefNull:
    case K::RefExtern:
    case K::RefHost:
    case K::RefKind:
      return got.kind == ValKind::Ref && match_ref(inspect(got), expected);
    case K::Either:
      for (const ScriptValue& alternative : expected.alternatives)
        if (match_result(got, alternative, inspect)) return true;
      return false;
  }
  return false;
}

// spec (script): type_of_lit. (ref.host n) is a non-null anyref, (ref.extern n) a non-null
// externref, (ref.null ht) a nullable (ref ht).
std::optional<ValType> type_of_argument(const ScriptValue& v) {
  using K = ScriptValue::Kind;
  switch (v.kind) {
    case K::I32: return ValType::i32();
    case K::I64: return ValType::i64();
    case K::F32: return ValType::f32();
    case K::F64: return ValType::f64();
    case K::V128: return ValType::v128();
    case K::RefNull: return ValType::ref_of(RefType{true, v.heap});
    case K::RefHost: return ValType::ref_of(false, HeapKind::Any);
    case K::RefExtern: return ValType::ref_of(false, HeapKind::Extern);
    default: return std::nullopt;
  }
}

std::string describe_f32(uint32_t bits) {
  std::string sign = (bits & kF32SignBit) ? "-" : "";
  uint32_t magnitude = bits & ~kF32SignBit;
  if (magnitude > 0x7f80'0000u) return cat(sign, "nan:0x", hex(magnitude & 0x7f'ffffu));
  if (magnitude == 0x7f80'0000u) return sign + "inf";
  char buffer[64];
  auto r = std::to_chars(buffer, buffer + sizeof buffer, std::bit_cast<float>(bits));
  return std::string(buffer, r.ptr);
}

std::string describe_f64(uint64_t bits) {
  std::string sign = (bits & kF64SignBit) ? "-" : "";
  uint64_t magnitude = bits & ~kF64SignBit;
  constexpr uint64_t kInf = 0x7ff0'0000'0000'0000ull;
  if (magnitude > kInf) return cat(sign, "nan:0x", hex(magnitude & 0xf'ffff'ffff'ffffull));
  if (magnitude == kInf) return sign + "inf";
  char buffer[64];
  auto r = std::to_chars(buffer, buffer + sizeof buffer, std::bit_cast<double>(bits));
  return std::string(buffer, r.ptr);
}

std::string describe_expected(const ScriptValue& v) {
  using K = ScriptValue::Kind;
  switch (v.kind) {
    case K::I32: return cat("(i32.const ", int32_t(uint32_t(v.bits)), ")");
    case K::I64: return cat("(i64.const ", int64_t(v.bits), ")");
    case K::F32:
      return cat("(f32.const ",
                 v.nan != NanPattern::None ? nan_word(v.nan) : describe_f32(uint32_t(v.bits)), ")");
    case K::F64:
      return cat("(f64.const ", v.nan != NanPattern::None ? nan_word(v.nan) : describe_f64(v.bits),
                 ")");
    case K::V128: return describe_lanes(v.v128, v.shape, &v.lane_nans);
    case K::RefNull:
      return v.heap.kind == HeapKind::Bot ? "(ref.null)" : cat("(ref.null ", heap_word(v.heap.kind), ")");
    case K::RefHost: return cat("(ref.host ", v.payload.value_or(0), ")");
    case K::RefExtern: return v.payload ? cat("(ref.extern ", *v.payload, ")") : "(ref.extern)";
    case K::RefKind:
      return v.heap.kind == HeapKind::Any ? "(ref)" : cat("(ref.", heap_word(v.heap.kind), ")");
    case K::Either: {
      std::string out = "(either";
      for (const ScriptValue& a : v.alternatives) out += " " + describe_expected(a);
      return out + ")";
    }
  }
  return "?";
}

std::string describe_value(const interp::Value& v, const InspectRef& inspect, LaneShape shape) {
  switch (v.kind) {
    case ValKind::I32: return cat("(i32.const ", int32_t(uint32_t(v.bits)), ")");
    case ValKind::I64: return cat("(i64.const ", int64_t(v.bits), ")");
    case ValKind::F32: return cat("(f32.const ", describe_f32(uint32_t(v.bits)), ")");
    case ValKind::F64: return cat("(f64.const ", describe_f64(v.bits), ")");
    case ValKind::V128: return describe_lanes(v.v128, shape, nullptr);
    case ValKind::Ref: break;
    default: return "(?)";
  }
  interp::RefInfo info = inspect(v);
  std::string r;
  switch (info.kind) {
    case RefKind::Null: return "(ref.null)";
    case RefKind::Func: r = "(ref.func)"; break;
    case RefKind::Struct: r = "(ref.struct)"; break;
    case RefKind::Array: r = "(ref.array)"; break;
    case RefKind::I31: r = cat("(ref.i31 ", info.payload, ")"); break;
    case RefKind::Exn: r = "(ref.exn)"; break;
    case RefKind::WaitQueue: r = "(ref.waitqueue)"; break;
    case RefKind::Host:
      return info.externalized ? cat("(ref.extern ", info.payload, ")")
                               : cat("(ref.host ", info.payload, ")");
  }
  return info.externalized ? "(extern " + r + ")" : r;
}

std::string result_text(const interp::Value& v, const InspectRef& inspect, bool plain) {
  std::string text = describe_value(v, inspect);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
    text = text.substr(1, text.size() - 2);
  if (plain && v.kind != ValKind::Ref) text = text.substr(text.find(' ') + 1);
  return text;
}

}  // namespace wasm::wast
