// Scripts in wabt's wast2json format (json_export.h, docs/json-format.md).
#include "wast/json_export.h"

#include <map>
#include <optional>

#include "binary/encode.h"

namespace wasm::wast {
namespace {

using text::Command;
using text::NanPattern;
using text::ScriptValue;

// wast2json's escaping: control characters, '"' and '\' as \u00XX; other bytes as they are.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c < 0x20 || c == '"' || c == '\\') {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

// Script identifiers, written as wast2json does: with their `$`.
std::string id(const std::string& name) { return quoted("$" + name); }

std::string number(uint64_t v) { return "\"" + std::to_string(v) + "\""; }

// The text format's shorthand of a nullable abstract reference type ("funcref", "nullref",
// ...: spec/types.h's to_string), or "ref" for the others.
std::string ref_type_name(const HeapType& h, bool nullable = true) {
  std::string s = to_string(RefType{nullable, h});
  return s.front() == '(' ? "ref" : s;
}

std::string type_name(const ValType& t) {
  return t.kind == ValKind::Ref ? ref_type_name(t.ref.heap, t.ref.nullable) : to_string(t.kind);
}

std::string nan_or(NanPattern nan, uint64_t bits) {
  switch (nan) {
    case NanPattern::Canonical: return "\"nan:canonical\"";
    case NanPattern::Arithmetic: return "\"nan:arithmetic\"";
    case NanPattern::None: break;
  }
  return number(bits);
}

std::string value(const ScriptValue& v) {
  switch (v.kind) {
    case ScriptValue::Kind::I32:
      return "{\"type\": \"i32\", \"value\": " + number(uint32_t(v.bits)) + "}";
    case ScriptValue::Kind::I64: return "{\"type\": \"i64\", \"value\": " + number(v.bits) + "}";
    case ScriptValue::Kind::F32:
      return "{\"type\": \"f32\", \"value\": " + nan_or(v.nan, uint32_t(v.bits)) + "}";
    case ScriptValue::Kind::F64:
      return "{\"type\": \"f64\", \"value\": " + nan_or(v.nan, v.bits) + "}";
    case ScriptValue::Kind::V128: {
      static constexpr const char* kLane[] = {"i8", "i16", "i32", "i64", "f32", "f64"};
      static constexpr unsigned kBytes[] = {1, 2, 4, 8, 4, 8};
      unsigned width = kBytes[size_t(v.shape)];
      bool floats = v.shape == text::LaneShape::F32x4 || v.shape == text::LaneShape::F64x2;
      std::string lanes;
      for (unsigned lane = 0; lane < 16 / width; ++lane) {
        uint64_t bits = 0;
        for (unsigned b = 0; b < width; ++b) bits |= uint64_t(v.v128[lane * width + b]) << (8 * b);
        if (lane) lanes += ", ";
        lanes += floats ? nan_or(v.lane_nans[lane], bits) : number(bits);
      }
      return cat("{\"type\": \"v128\", \"lane_type\": \"", kLane[size_t(v.shape)],
                 "\", \"value\": [", lanes, "]}");
    }
    case ScriptValue::Kind::RefNull:
      return "{\"type\": \"" + ref_type_name(v.heap) + "\", \"value\": \"null\"}";
    case ScriptValue::Kind::RefExtern:
      return v.payload ? "{\"type\": \"externref\", \"value\": " + number(*v.payload) + "}"
                       : std::string("{\"type\": \"externref\"}");
    case ScriptValue::Kind::RefHost:
      return "{\"type\": \"hostref\", \"value\": " + number(v.payload.value_or(0)) + "}";
    case ScriptValue::Kind::RefKind:
      // Any non-null reference of that kind: (ref.func) as wast2json 1.0.32 writes it (value
      // "0", which spectest-interp reads as any non-null function); the others, which wabt
      // does not know, as the type alone.
      if (v.heap.kind == HeapKind::Func) return "{\"type\": \"funcref\", \"value\": \"0\"}";
      return "{\"type\": \"" + ref_type_name(v.heap) + "\"}";
    case ScriptValue::Kind::Either: {
      std::string alts;
      for (const ScriptValue& a : v.alternatives) alts += (alts.empty() ? "" : ", ") + value(a);
      return "{\"type\": \"either\", \"values\": [" + alts + "]}";
    }
  }
  return "{}";
}

std::string values(const std::vector<ScriptValue>& vs) {
  std::string s = "[";
  for (size_t i = 0; i < vs.size(); ++i) s += (i ? ", " : "") + value(vs[i]);
  return s + "]";
}

// The function types of a module's type index space (null for Module Linking types).
std::vector<const FuncType*> func_types(const Module& m) {
  std::vector<const FuncType*> out;
  for (const TypeDef& d : m.types) {
    if (d.kind != TypeDefKind::Rec) {
      out.push_back(nullptr);
      continue;
    }
    for (const SubType& s : d.rec.subtypes)
      out.push_back(s.comp.kind == CompKind::Func ? &s.comp.func : nullptr);
  }
  return out;
}

// The result types of an action on `m`: a function export's results, a global export's type.
std::optional<std::vector<ValType>> action_types(const Module& m, const text::Action& a) {
  for (const Export& e : m.exports) {
    if (e.name != a.name) continue;
    std::vector<const FuncType*> types = func_types(m);
    std::vector<ExternType> imported;
    for (const Import& i : m.imports)
      if (i.desc.kind == e.kind) imported.push_back(i.desc);
    if (a.kind == text::Action::Kind::Get && e.kind == ExternKind::Global) {
      if (e.index < imported.size()) return std::vector<ValType>{imported[e.index].global.type};
      size_t k = e.index - imported.size();
      if (k < m.globals.size()) return std::vector<ValType>{m.globals[k].type.type};
    }
    if (a.kind == text::Action::Kind::Invoke && e.kind == ExternKind::Func) {
      size_t k = e.index - imported.size();
      TypeIdx t = e.index < imported.size() ? imported[e.index].type
                  : k < m.funcs.size()      ? m.funcs[k].type
                                            : TypeIdx(types.size());
      if (t < types.size() && types[t]) return types[t]->results;
    }
  }
  return std::nullopt;
}

class Exporter {
 public:
  Exporter(const Source& source, const std::string& stem, const Features& features)
      : source_(source), stem_(stem), features_(features) {}

  JsonExport run(const text::Script& script) {
    out_.json = "{\"source_filename\": " + quoted(source_.name) +
                ",\n \"commands\": " + commands(script.commands, "  ") + "}\n";
    return std::move(out_);
  }

 private:
  std::string commands(const std::vector<Command>& cs, const std::string& indent) {
    std::string s = "[\n";
    for (size_t i = 0; i < cs.size(); ++i)
      s += indent + command(cs[i], indent) + (i + 1 < cs.size() ? ",\n" : "");
    return s + "]";
  }

  std::string line(const Span& at) { return std::to_string(line_of(source_, at.begin)); }

  // Writes the module's file; its "filename" and "module_type" fields. Quoted text in an
  // assertion stays text (the harness parses it, as wast2json leaves it); other modules are
  // written in binary, malformed binaries byte for byte.
  std::string module_file(const text::ScriptModule& m, bool assertion,
                          std::optional<Module>* loaded = nullptr,
                          std::string* module_type = nullptr) {
    std::string name = cat(stem_, ".", files_++);
    std::string contents, type = "binary";
    if (m.form == text::ScriptModule::Form::Binary) {
      contents = m.bytes;
      if (loaded)
        if (Result<Module> r = load_module(m, features_)) *loaded = std::move(*r);
    } else if (m.form == text::ScriptModule::Form::Quote && assertion) {
      contents = m.bytes, type = "text";
    } else if (Result<Module> r = load_module(m, features_); r.ok()) {
      std::vector<uint8_t> bytes = binary::encode(*r);
      contents.assign(bytes.begin(), bytes.end());
      if (loaded) *loaded = std::move(*r);
    } else {
      type = "text";
      contents = m.form == text::ScriptModule::Form::Quote
                     ? m.bytes
                     : std::string(source_.bytes.substr(m.at.begin, m.at.end - m.at.begin));
    }
    name += type == "text" ? ".wat" : ".wasm";
    out_.files.emplace_back(name, std::move(contents));
    if (module_type) *module_type = type;
    return "\"filename\": " + quoted(name);
  }

  std::string action(const text::Action& a) {
    std::string s =
        cat("{\"type\": \"", a.kind == text::Action::Kind::Get ? "get" : "invoke", "\"");
    if (a.module_id) s += ", \"module\": " + id(*a.module_id);
    s += ", \"field\": " + quoted(a.name);
    if (a.kind == text::Action::Kind::Invoke) s += ", \"args\": " + values(a.args);
    return s + "}";
  }

  // "expected": the action's result types (wast2json writes them for actions and traps).
  std::string result_types(const text::Action& a) {
    const Module* m = nullptr;
    if (a.module_id) {
      auto it = named_.find(*a.module_id);
      if (it != named_.end()) m = &it->second;
    } else if (current_) {
      m = &*current_;
    }
    std::string s = "[";
    if (m)
      if (std::optional<std::vector<ValType>> ts = action_types(*m, a))
        for (size_t i = 0; i < ts->size(); ++i)
          s += (i ? ", " : "") + std::string("{\"type\": \"") + type_name((*ts)[i]) + "\"}";
    return s + "]";
  }

  std::string module_assertion(const char* type, const Command& c) {
    // wast2json's order, which spectest-interp's reader requires.
    std::string module_type;
    std::string file = module_file(c.module, true, nullptr, &module_type);
    return cat("{\"type\": \"", type, "\", \"line\": ", line(c.module.at), ", ", file,
               ", \"text\": ", quoted(c.message), ", \"module_type\": \"", module_type, "\"}");
  }

  std::string action_assertion(const char* type, const Command& c, bool with_text) {
    return cat("{\"type\": \"", type, "\", \"line\": ", line(c.action.at),
               ", \"action\": ", action(c.action),
               with_text ? ", \"text\": " + quoted(c.message) : std::string(),
               ", \"expected\": ", result_types(c.action), "}");
  }

  std::string command(const Command& c, const std::string& indent) {
    switch (c.kind) {
      case Command::Kind::Module: {
        std::optional<Module> loaded;
        std::string s = cat("{\"type\": \"", c.module.definition ? "module_definition" : "module",
                            "\", \"line\": ", line(c.module.at));
        if (c.module.id) s += ", \"name\": " + id(*c.module.id);
        s += ", " + module_file(c.module, false, &loaded) + "}";
        if (loaded) {
          if (c.module.definition) {
            if (c.module.id) definitions_[*c.module.id] = *loaded;
          } else {
            if (c.module.id) named_[*c.module.id] = *loaded;
            current_ = std::move(loaded);
          }
        }
        return s;
      }
      case Command::Kind::ModuleInstance: {
        std::string s = cat("{\"type\": \"module_instance\", \"line\": ", line(c.at));
        if (c.id) s += ", \"instance\": " + id(*c.id);
        if (c.id2) s += ", \"module\": " + id(*c.id2);
        if (c.id2)
          if (auto it = definitions_.find(*c.id2); it != definitions_.end()) {
            current_ = it->second;
            if (c.id) named_[*c.id] = it->second;
          }
        return s + "}";
      }
      case Command::Kind::Register: {
        std::string s = cat("{\"type\": \"register\", \"line\": ", line(c.at));
        if (c.id) s += ", \"name\": " + id(*c.id);
        return s + ", \"as\": " + quoted(c.message) + "}";
      }
      case Command::Kind::Action: return action_assertion("action", c, false);
      case Command::Kind::AssertReturn:
        return cat("{\"type\": \"assert_return\", \"line\": ", line(c.action.at),
                   ", \"action\": ", action(c.action), ", \"expected\": ", values(c.expected), "}");
      case Command::Kind::AssertTrap:
        return c.has_module ? module_assertion("assert_uninstantiable", c)
                            : action_assertion("assert_trap", c, true);
      case Command::Kind::AssertExhaustion: return action_assertion("assert_exhaustion", c, true);
      case Command::Kind::AssertException: return action_assertion("assert_exception", c, false);
      case Command::Kind::AssertMalformed: return module_assertion("assert_malformed", c);
      case Command::Kind::AssertInvalid: return module_assertion("assert_invalid", c);
      case Command::Kind::AssertUnlinkable: return module_assertion("assert_unlinkable", c);
      case Command::Kind::AssertUninstantiable: return module_assertion("assert_uninstantiable", c);
      case Command::Kind::AssertMalformedCustom:
        return module_assertion("assert_malformed_custom", c);
      case Command::Kind::AssertInvalidCustom: return module_assertion("assert_invalid_custom", c);
      case Command::Kind::Thread: {
        std::string shared;
        for (const std::string& m : c.shared_modules)
          shared += (shared.empty() ? "" : ", ") + id(m);
        return cat("{\"type\": \"thread\", \"line\": ", line(c.at),
                   ", \"name\": ", id(c.id.value_or("")), ", \"shared_modules\": [", shared,
                   "], \"commands\": ", commands(c.body, indent + "  "), "}");
      }
      case Command::Kind::Wait:
        return cat("{\"type\": \"wait\", \"line\": ", line(c.at),
                   ", \"thread\": ", id(c.id.value_or("")), "}");
    }
    return "{}";
  }

  const Source& source_;
  std::string stem_;
  const Features& features_;
  JsonExport out_;
  uint32_t files_ = 0;
  std::optional<Module> current_;
  std::map<std::string, Module> named_, definitions_;
};

}  // namespace

JsonExport export_json(const Source& source, const text::Script& script, const std::string& stem,
                       const Features& features) {
  return Exporter(source, stem, features).run(script);
}

}  // namespace wasm::wast
