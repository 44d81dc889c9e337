// Whole-script conversion (see wast/convert.h).
#include "wast/convert.h"

#include "binary/encode.h"
#include "text/literals.h"
#include "text/print.h"
#include "text/printer.h"
#include "wast/load.h"

namespace wasm::wast {
namespace {

using text::Command;
using text::ScriptModule;
using text::ScriptValue;

std::string quoted(std::string_view bytes) { return text::quote(bytes); }

std::string name_of(const std::optional<std::string>& id) {
  return id ? " $" + *id : std::string();
}

std::string lane_shape_name(text::LaneShape shape) {
  static constexpr const char* kNames[] = {"i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"};
  return kNames[size_t(shape)];
}

std::string nan_pattern(text::NanPattern p) {
  return p == text::NanPattern::Canonical ? "nan:canonical" : "nan:arithmetic";
}

uint64_t lane_bits(const V128Bytes& v, unsigned lane, unsigned width_bytes) {
  uint64_t bits = 0;
  for (unsigned i = 0; i < width_bytes; ++i)
    bits |= uint64_t(v[lane * width_bytes + i]) << (8 * i);
  return bits;
}

std::string print_v128(const ScriptValue& v) {
  static constexpr unsigned kWidth[] = {1, 2, 4, 8, 4, 8};
  unsigned width = kWidth[size_t(v.shape)];
  std::string s = "(v128.const " + lane_shape_name(v.shape);
  for (unsigned lane = 0; lane < 16 / width; ++lane) {
    s += ' ';
    uint64_t bits = lane_bits(v.v128, lane, width);
    bool is_float = v.shape == text::LaneShape::F32x4 || v.shape == text::LaneShape::F64x2;
    if (is_float && v.lane_nans[lane] != text::NanPattern::None)
      s += nan_pattern(v.lane_nans[lane]);
    else if (v.shape == text::LaneShape::F32x4)
      s += text::print_f32(uint32_t(bits));
    else if (v.shape == text::LaneShape::F64x2)
      s += text::print_f64(bits);
    else
      s += std::to_string(bits);
  }
  return s + ")";
}

std::string print_value(const ScriptValue& v) {
  using K = ScriptValue::Kind;
  switch (v.kind) {
    case K::I32: return "(i32.const " + std::to_string(uint32_t(v.bits)) + ")";
    case K::I64: return "(i64.const " + std::to_string(v.bits) + ")";
    case K::F32:
      return "(f32.const " +
             (v.nan != text::NanPattern::None ? nan_pattern(v.nan) : text::print_f32(uint32_t(v.bits))) +
             ")";
    case K::F64:
      return "(f64.const " +
             (v.nan != text::NanPattern::None ? nan_pattern(v.nan) : text::print_f64(v.bits)) + ")";
    case K::V128: return print_v128(v);
    case K::RefNull:
      return v.heap.kind == HeapKind::Bot ? "(ref.null)" : "(ref.null " + to_string(v.heap) + ")";
    case K::RefExtern:
      return v.payload ? cat("(ref.extern ", *v.payload, ")") : "(ref.extern)";
    case K::RefHost: return cat("(ref.host ", v.payload.value_or(0), ")");
    case K::RefKind:
      if (v.heap.shared) return "(ref." + std::string(abstract_name(v.heap.kind)) + "_shared)";
      return "(ref." + to_string(v.heap) + ")";
    case K::Either: {
      std::string s = "(either";
      for (const ScriptValue& a : v.alternatives) s += " " + print_value(a);
      return s + ")";
    }
  }
  return "";
}

std::string print_action(const text::Action& a) {
  std::string s = a.kind == text::Action::Kind::Invoke ? "(invoke" : "(get";
  s += name_of(a.module_id) + " " + quoted(a.name);
  for (const ScriptValue& v : a.args) s += " " + print_value(v);
  return s + ")";
}

class Converter {
 public:
  Converter(std::string_view source, ModuleFormat to, const Features& features)
      : source_(source), to_(to), features_(features) {}

  std::string commands(const std::vector<Command>& cs, const std::string& indent) {
    std::string out;
    for (const Command& c : cs) out += indent + command(c, indent) + "\n";
    return out;
  }

 private:
  // The module in the target format, if it loads again as it is; otherwise (a module that does
  // not load, or an invalid one that the other format cannot express, e.g. an out-of-range
  // index that the text format rejects) in its original form: text as `module quote`.
  std::string module(const ScriptModule& m) {
    std::string head = std::string("(module") + (m.definition ? " definition" : "") + name_of(m.id);
    Result<Module> ast = load_module(m, features_);
    if (!ast) return head + original_form(m);
    ScriptModule converted;
    if (to_ == ModuleFormat::Binary) {
      std::vector<uint8_t> bytes = binary::encode(*ast);
      converted.form = ScriptModule::Form::Binary;
      converted.bytes.assign(bytes.begin(), bytes.end());
    } else {
      converted.form = ScriptModule::Form::Quote;
      converted.bytes = text::print_module(*ast);  // "(module ...)"
    }
    if (!load_module(converted, features_)) return head + original_form(m);
    if (to_ == ModuleFormat::Binary) return head + " binary " + quoted(converted.bytes) + ")";
    return head + converted.bytes.substr(std::string_view("(module").size());
  }

  std::string original_form(const ScriptModule& m) const {
    switch (m.form) {
      case ScriptModule::Form::Binary: return " binary " + quoted(m.bytes) + ")";
      case ScriptModule::Form::Quote: return " quote " + quoted(m.bytes) + ")";
      case ScriptModule::Form::Text:  // its fields' source text, quoted
        return " quote " + quoted(source_.substr(m.fields.begin, m.fields.end - m.fields.begin)) +
               ")";
    }
    return ")";
  }

  std::string command(const Command& c, const std::string& indent) {
    using K = Command::Kind;
    auto with_message = [&](const char* head, const std::string& body) {
      return std::string("(") + head + " " + body + " " + quoted(c.message) + ")";
    };
    switch (c.kind) {
      case K::Module: return module(c.module);
      case K::ModuleInstance: return "(module instance" + name_of(c.id) + name_of(c.id2) + ")";
      case K::Register: return "(register " + quoted(c.message) + name_of(c.id) + ")";
      case K::Action: return print_action(c.action);
      case K::AssertReturn: {
        std::string s = "(assert_return " + print_action(c.action);
        for (const ScriptValue& v : c.expected) s += " " + print_value(v);
        return s + ")";
      }
      case K::AssertTrap:
        return with_message("assert_trap", c.has_module ? module(c.module) : print_action(c.action));
      case K::AssertExhaustion: return with_message("assert_exhaustion", print_action(c.action));
      case K::AssertException: return "(assert_exception " + print_action(c.action) + ")";
      case K::AssertMalformed: return with_message("assert_malformed", module(c.module));
      case K::AssertInvalid: return with_message("assert_invalid", module(c.module));
      case K::AssertUnlinkable: return with_message("assert_unlinkable", module(c.module));
      case K::AssertUninstantiable: return with_message("assert_uninstantiable", module(c.module));
      case K::AssertMalformedCustom: return with_message("assert_malformed_custom", module(c.module));
      case K::AssertInvalidCustom: return with_message("assert_invalid_custom", module(c.module));
      case K::Thread: {
        std::string s = "(thread" + name_of(c.id);
        for (const std::string& m : c.shared_modules) s += " (shared (module $" + m + "))";
        return s + "\n" + commands(c.body, indent + "  ") + indent + ")";
      }
      case K::Wait: return "(wait" + name_of(c.id) + ")";
    }
    return "";
  }

  std::string_view source_;
  ModuleFormat to_;
  const Features& features_;
};

}  // namespace

std::string convert_script(std::string_view source, const text::Script& script, ModuleFormat to,
                           const Features& features) {
  return Converter(source, to, features).commands(script.commands, "");
}

}  // namespace wasm::wast
