// Canonical outcome lines (see wast/outcome.h).
#include "wast/outcome.h"

namespace wasm::wast {
namespace {

std::string hex_digits(uint64_t n, int digits) {
  std::string s = hex(n);
  return std::string(size_t(std::max(0, digits - int(s.size()))), '0') + s;
}

// A message in double quotes, with `"` and `\` escaped as in the text format.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string canonical_value(const interp::Value& v, const InspectRef& inspect) {
  switch (v.kind) {
    case ValKind::I32: return "i32:0x" + hex_digits(v.bits & 0xffff'ffffu, 8);
    case ValKind::I64: return "i64:0x" + hex_digits(v.bits, 16);
    case ValKind::F32: return "f32:0x" + hex_digits(v.bits & 0xffff'ffffu, 8);
    case ValKind::F64: return "f64:0x" + hex_digits(v.bits, 16);
    case ValKind::V128: {
      std::string s = "v128:0x";
      for (int i = 15; i >= 0; --i) s += hex_digits(v.v128[size_t(i)], 2);
      return s;
    }
    case ValKind::Ref: break;
    default: return "?";
  }
  using RefKind = interp::RefInfo::Kind;
  interp::RefInfo info = inspect(v);
  std::string r;
  switch (info.kind) {
    case RefKind::Null: return "ref.null";
    case RefKind::Func: r = "ref.func"; break;
    case RefKind::Struct: r = "ref.struct"; break;
    case RefKind::Array: r = "ref.array"; break;
    case RefKind::I31: r = "ref.i31:0x" + hex_digits(info.payload, 8); break;
    case RefKind::Exn: r = "ref.exn"; break;
    case RefKind::WaitQueue: r = "ref.waitqueue"; break;
    case RefKind::Host: return cat(info.externalized ? "ref.extern:" : "ref.host:", info.payload);
  }
  return info.externalized ? "ref.extern(" + r + ")" : r;
}

std::string canonical_outcome(const interp::Outcome& o, const InspectRef& inspect) {
  using S = interp::Outcome::Status;
  std::string values;
  for (const interp::Value& v : o.values) values += " " + canonical_value(v, inspect);
  switch (o.status) {
    case S::Values: return "values" + values;
    case S::Trap: return "trap " + quoted(o.message);
    case S::Exhaustion: return "exhaustion " + quoted(o.message);
    case S::Exception: return "exception" + values;
  }
  return "?";
}

std::string canonical_error(const Error& e) {
  const char* phase = "?";
  switch (e.phase) {
    case Phase::Malformed: phase = "malformed"; break;
    case Phase::Invalid: phase = "invalid"; break;
    case Phase::Unlinkable: phase = "unlinkable"; break;
    case Phase::Trap: phase = "trap"; break;
    case Phase::Exhaustion: phase = "exhaustion"; break;
    case Phase::Exception: phase = "exception"; break;
  }
  return cat(phase, " ", quoted(e.message));
}

std::string canonical_script_error(const std::string& message) {
  return "error " + quoted(message);
}

}  // namespace wasm::wast
