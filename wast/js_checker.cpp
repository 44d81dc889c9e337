// Checker modules for the JS export (js_checker.h). The checks follow the reference's script
// patterns as wasmref's runner applies them (wast/values.cpp: match_nan, match_lanes,
// match_ref); the wrapper's shape follows the reference's js.ml (`wrap`, `assert_return`).
#include "wast/js_checker.h"

#include <optional>

#include "binary/encode.h"
#include "spec/validate.h"

namespace wasm::wast {
namespace {

using text::NanPattern;
using text::ScriptValue;
using Kind = ScriptValue::Kind;

// The subtypes of a module's type index space, in order (null for Module Linking types).
std::vector<const SubType*> subtypes_of(const Module& m) {
  std::vector<const SubType*> out;
  for (const TypeDef& d : m.types) {
    if (d.kind != TypeDefKind::Rec) {
      out.push_back(nullptr);
      continue;
    }
    for (const SubType& s : d.rec.subtypes) out.push_back(&s);
  }
  return out;
}

// The top of a heap type's hierarchy (spec: valid/matching.rst): Func, Extern, Any or Exn.
HeapKind top_of(const HeapType& h, const std::vector<const SubType*>& types) {
  switch (h.kind) {
    case HeapKind::Func:
    case HeapKind::NoFunc: return HeapKind::Func;
    case HeapKind::Extern:
    case HeapKind::NoExtern: return HeapKind::Extern;
    case HeapKind::Exn:
    case HeapKind::NoExn: return HeapKind::Exn;
    case HeapKind::WaitQueue:
    case HeapKind::NoWaitQueue: return HeapKind::WaitQueue;
    case HeapKind::Index:
      if (h.index < types.size() && types[h.index] && types[h.index]->comp.kind == CompKind::Func)
        return HeapKind::Func;
      return HeapKind::Any;
    default: return HeapKind::Any;
  }
}

// Whether every non-null reference of heap type `h` is of the abstract kind `k` (Eq, I31,
// Struct, Array): then a null test decides the pattern without GC's ref.test.
bool statically_of(const HeapType& h, HeapKind k, const std::vector<const SubType*>& types) {
  if (h.kind == k) return true;
  CompKind comp = CompKind::Func;
  if (h.kind == HeapKind::Index && h.index < types.size() && types[h.index])
    comp = types[h.index]->comp.kind;
  bool aggregate = h.kind == HeapKind::Struct || h.kind == HeapKind::Array ||
                   (h.kind == HeapKind::Index && comp != CompKind::Func);
  switch (k) {
    case HeapKind::Eq: return h.kind == HeapKind::I31 || aggregate;
    case HeapKind::Struct: return h.kind == HeapKind::Index && comp == CompKind::Struct;
    case HeapKind::Array: return h.kind == HeapKind::Index && comp == CompKind::Array;
    default: return false;
  }
}

Instr op(Opcode o) { return Instr{o, std::monostate{}, {}}; }
Instr op(Opcode o, uint32_t index) { return Instr{o, index, {}}; }
Instr constant(Opcode o, uint64_t bits) { return Instr{o, bits, {}}; }
Instr block(Expr body) {
  BlockImm b;
  b.body = std::move(body);
  return Instr{Opcode::Block, Box<BlockImm>(std::move(b)), {}};
}

// The mask and the expected bits of a float lane (or a whole f32/f64) under a NaN pattern:
// nan:canonical ignores only the sign; nan:arithmetic needs the exponent and the quiet bit.
struct MaskedBits {
  uint64_t mask, bits;
};
MaskedBits float_pattern(NanPattern nan, uint64_t bits, bool is_f64) {
  uint64_t all = is_f64 ? ~uint64_t(0) : 0xffffffffu;
  uint64_t canonical = is_f64 ? 0x7ff8000000000000u : 0x7fc00000u;
  switch (nan) {
    case NanPattern::Canonical: return {all >> 1, canonical};
    case NanPattern::Arithmetic: return {canonical, canonical};
    case NanPattern::None: break;
  }
  return {all, bits & all};
}

class CheckerBuilder {
 public:
  CheckerBuilder(const CheckSubject& subject, const Features& features)
      : subject_(subject), features_(features), types_(subtypes_of(*subject.tested)) {}

  Result<std::vector<uint8_t>> build(const std::vector<ScriptValue>& args,
                                     const std::vector<ScriptValue>* expected) {
    for (const TypeDef& d : subject_.tested->types)
      if (d.kind != TypeDefKind::Rec) return failure("module linking types");
    ResultType results;
    if (subject_.type.kind == ExternKind::Func) {
      const FuncType* ft = subject_func_type(subject_);
      if (!ft) return failure("the export's type is not a function type");
      if (ft->params.size() != args.size())
        return failure(
            cat(args.size(), " argument(s) given, the function takes ", ft->params.size()));
      params_ = ft->params;
      results = ft->results;
    } else {
      results = {subject_.type.global.type};
    }
    if (expected && expected->size() != results.size())
      return failure(cat(expected->size(), " result(s) expected, the export has ", results.size()));
    for (const ScriptValue& v : args) note_helpers(v);
    if (expected)
      for (const ScriptValue& v : *expected) note_helpers(v);
    add_imports();

    Expr inner;
    if (subject_.type.kind == ExternKind::Func) {
      for (size_t i = 0; i < args.size(); ++i) push_argument(args[i], params_[i], inner);
      inner.push_back(op(Opcode::Call, 0));
    } else {
      inner.push_back(op(Opcode::GlobalGet, 0));
    }
    if (expected) {
      // The results are on the stack, the last on top: tested from the last to the first.
      for (size_t i = results.size(); i-- > 0;) {
        inner.push_back(constant(Opcode::I32Const, i));
        inner.push_back(op(Opcode::LocalSet, kWhichLocal));
        test((*expected)[i], results[i], 0, inner);
      }
    }
    inner.push_back(op(Opcode::Return));
    Func run;
    run.type = add_func_type({}, {});
    run.locals.insert(run.locals.begin(), ValType::i32());
    run.locals.insert(run.locals.end(), temps_.begin(), temps_.end());
    run.body.push_back(block(std::move(inner)));
    run.body.push_back(op(Opcode::LocalGet, kWhichLocal));
    run.body.push_back(op(Opcode::Call, mismatch_));
    run.body.push_back(op(Opcode::Unreachable));
    m_.funcs.push_back(std::move(run));
    m_.exports.push_back(Export{"run", ExternKind::Func, func_imports_, {}});

    // A sanity check, as the reference's converter makes: a checker that does not validate is
    // a bug of this file (or a script that does not fit its module), not of the engine.
    TypeStore store;
    if (Result<ValidatedModule> v = validate(m_, store, validate_options(features_)); !v)
      return failure("internal error: the checker module does not validate: " + v.error().message);
    return binary::encode(m_);
  }

 private:
  static constexpr LocalIdx kWhichLocal = 0;  // the index of the result under test

  static Error failure(std::string message) { return Error{Phase::Invalid, {}, message}; }

  TypeIdx add_func_type(ResultType params, ResultType results) {
    TypeIdx index = 0;
    for (const TypeDef& d : m_.types) index += d.size();
    SubType s;
    s.comp.kind = CompKind::Func;
    s.comp.func = FuncType{std::move(params), std::move(results)};
    TypeDef d;
    d.rec.subtypes.push_back(std::move(s));
    m_.types.push_back(std::move(d));
    return index;
  }

  // Which host helpers the values need: (ref.extern n) and (ref.host n) are the harness's
  // objects for n, made by hostref_* and compared (===) by eq_*.
  void note_helpers(const ScriptValue& v) {
    if (v.kind == Kind::RefExtern && v.payload) need_extern_ = true;
    if (v.kind == Kind::RefHost) need_any_ = true;
    for (const ScriptValue& alt : v.alternatives) note_helpers(alt);
  }

  void import_func(const char* name, ResultType params, ResultType results, uint32_t* index) {
    ExternType t;
    t.kind = ExternKind::Func;
    t.type = add_func_type(std::move(params), std::move(results));
    m_.imports.push_back(Import{"wasmref", std::string(name), t, {}});
    *index = func_imports_++;
  }

  void add_imports() {
    m_.types = subject_.tested->types;
    m_.imports.push_back(Import{"module", subject_.export_name, subject_.type, {}});
    if (subject_.type.kind == ExternKind::Func) ++func_imports_;
    const ValType i32 = ValType::i32(), externref = ValType::externref(),
                  anyref = ValType::ref_of(true, HeapKind::Any);
    import_func("mismatch", {i32}, {}, &mismatch_);
    if (need_extern_) {
      import_func("hostref_extern", {i32}, {externref}, &hostref_extern_);
      import_func("eq_extern", {externref, externref}, {i32}, &eq_extern_);
    }
    if (need_any_) {
      import_func("hostref_any", {i32}, {anyref}, &hostref_any_);
      import_func("eq_any", {anyref, anyref}, {i32}, &eq_any_);
    }
  }

  // An argument as constant instructions; ref.null takes the parameter's heap type, so that it
  // fits any reference parameter (the reference uses the bottom type of the hierarchy).
  void push_argument(const ScriptValue& v, const ValType& param, Expr& out) {
    switch (v.kind) {
      case Kind::I32: out.push_back(constant(Opcode::I32Const, uint32_t(v.bits))); return;
      case Kind::I64: out.push_back(constant(Opcode::I64Const, v.bits)); return;
      case Kind::F32: out.push_back(constant(Opcode::F32Const, uint32_t(v.bits))); return;
      case Kind::F64: out.push_back(constant(Opcode::F64Const, v.bits)); return;
      case Kind::V128: out.push_back(Instr{Opcode::V128Const, v.v128, {}}); return;
      case Kind::RefNull:
        out.push_back(Instr{Opcode::RefNull, param.is_ref() ? param.ref.heap : v.heap, {}});
        return;
      case Kind::RefExtern:
      case Kind::RefHost:
        // The helpers return nullable references (what JS engines without GC's non-null
        // types still take); a non-null parameter gets ref.as_non_null.
        out.push_back(constant(Opcode::I32Const, v.payload.value_or(0)));
        out.push_back(op(Opcode::Call, v.kind == Kind::RefHost ? hostref_any_ : hostref_extern_));
        if (param.is_ref() && !param.ref.nullable) out.push_back(op(Opcode::RefAsNonNull));
        return;
      case Kind::RefKind:
      case Kind::Either: out.push_back(op(Opcode::Unreachable)); return;  // not arguments
    }
  }

  // Compares `bits & mask` of the value on top (reinterpreted as an integer) with `bits`.
  void compare_bits(bool is_64, MaskedBits p, uint32_t fail, Expr& out) {
    uint64_t all = is_64 ? ~uint64_t(0) : 0xffffffffu;
    if (p.mask != all) {
      out.push_back(constant(is_64 ? Opcode::I64Const : Opcode::I32Const, p.mask));
      out.push_back(op(is_64 ? Opcode::I64And : Opcode::I32And));
    }
    out.push_back(constant(is_64 ? Opcode::I64Const : Opcode::I32Const, p.bits));
    out.push_back(op(is_64 ? Opcode::I64Ne : Opcode::I32Ne));
    out.push_back(op(Opcode::BrIf, fail));
  }

  void fail_if_null(uint32_t fail, Expr& out) {
    out.push_back(op(Opcode::RefIsNull));
    out.push_back(op(Opcode::BrIf, fail));
  }

  void fail_unless_true(uint32_t fail, Expr& out) {
    out.push_back(op(Opcode::I32Eqz));
    out.push_back(op(Opcode::BrIf, fail));
  }

  // Consumes the value of type `t` on top of the stack, or branches to label `fail` when it
  // does not match `expected`. A pattern of another type never matches (js.ml: `Br 0`).
  void test(const ScriptValue& expected, const ValType& t, uint32_t fail, Expr& out) {
    auto give_up = [&] { out.push_back(op(Opcode::Br, fail)); };
    HeapKind top = t.is_ref() ? top_of(t.ref.heap, types_) : HeapKind::Bot;
    switch (expected.kind) {
      case Kind::I32:
      case Kind::I64: {
        bool is_64 = expected.kind == Kind::I64;
        if (t.kind != (is_64 ? ValKind::I64 : ValKind::I32)) return give_up();
        return compare_bits(is_64, float_pattern(NanPattern::None, expected.bits, is_64), fail,
                            out);
      }
      case Kind::F32:
      case Kind::F64: {
        bool is_64 = expected.kind == Kind::F64;
        if (t.kind != (is_64 ? ValKind::F64 : ValKind::F32)) return give_up();
        out.push_back(op(is_64 ? Opcode::I64ReinterpretF64 : Opcode::I32ReinterpretF32));
        return compare_bits(is_64, float_pattern(expected.nan, expected.bits, is_64), fail, out);
      }
      case Kind::V128: return test_v128(expected, t, fail, out);
      case Kind::RefNull:
        if (!t.is_ref()) return give_up();
        out.push_back(op(Opcode::RefIsNull));
        return fail_unless_true(fail, out);
      case Kind::RefExtern:
        if (top != HeapKind::Extern) return give_up();
        if (!expected.payload) {  // (ref.extern): any externref, even null (values.cpp)
          out.push_back(op(Opcode::Drop));
          return;
        }
        out.push_back(constant(Opcode::I32Const, *expected.payload));
        out.push_back(op(Opcode::Call, hostref_extern_));
        out.push_back(op(Opcode::Call, eq_extern_));
        return fail_unless_true(fail, out);
      case Kind::RefHost:
        if (top != HeapKind::Any) return give_up();
        out.push_back(constant(Opcode::I32Const, expected.payload.value_or(0)));
        out.push_back(op(Opcode::Call, hostref_any_));
        out.push_back(op(Opcode::Call, eq_any_));
        return fail_unless_true(fail, out);
      case Kind::RefKind: return test_ref_kind(expected.heap.kind, t, top, fail, out);
      case Kind::Either: return test_either(expected, t, fail, out);
    }
  }

  // Lanes compare bit for bit, float lanes under their NaN patterns (js.ml: mask, compare
  // bytes, all_true).
  void test_v128(const ScriptValue& expected, const ValType& t, uint32_t fail, Expr& out) {
    if (t.kind != ValKind::V128) {
      out.push_back(op(Opcode::Br, fail));
      return;
    }
    V128Bytes mask, bits = expected.v128;
    mask.fill(0xff);
    bool f32 = expected.shape == text::LaneShape::F32x4,
         f64 = expected.shape == text::LaneShape::F64x2;
    if (f32 || f64) {
      unsigned width = f64 ? 8 : 4;
      for (unsigned lane = 0; lane < 16 / width; ++lane) {
        uint64_t lane_bits = 0;
        for (unsigned b = 0; b < width; ++b)
          lane_bits |= uint64_t(expected.v128[lane * width + b]) << (8 * b);
        MaskedBits p = float_pattern(expected.lane_nans[lane], lane_bits, f64);
        for (unsigned b = 0; b < width; ++b) {
          mask[lane * width + b] = uint8_t(p.mask >> (8 * b));
          bits[lane * width + b] = uint8_t(p.bits >> (8 * b));
        }
      }
      out.push_back(Instr{Opcode::V128Const, mask, {}});
      out.push_back(op(Opcode::V128And));
    }
    out.push_back(Instr{Opcode::V128Const, bits, {}});
    out.push_back(op(Opcode::I8x16Eq));
    out.push_back(op(Opcode::I8x16AllTrue));
    fail_unless_true(fail, out);
  }

  // (ref.func), (ref.struct), ...: any non-null reference of that kind, as values.cpp's
  // match_ref has it. Where the static type decides the kind, a null test is enough (no GC
  // instruction needed); otherwise ref.test.
  void test_ref_kind(HeapKind kind, const ValType& t, HeapKind top, uint32_t fail, Expr& out) {
    if (!t.is_ref()) {
      out.push_back(op(Opcode::Br, fail));
      return;
    }
    switch (kind) {
      case HeapKind::Extern: out.push_back(op(Opcode::Drop)); return;  // anything
      case HeapKind::Any:  // anything but a function (a null one matches)
        if (top == HeapKind::Func) return fail_if_null(fail, out);
        out.push_back(op(Opcode::Drop));
        return;
      case HeapKind::Func:
      case HeapKind::Exn:
        if (top != kind) break;
        return fail_if_null(fail, out);
      case HeapKind::Eq:
      case HeapKind::I31:
      case HeapKind::Struct:
      case HeapKind::Array:
        if (top != HeapKind::Any) break;
        if (statically_of(t.ref.heap, kind, types_)) return fail_if_null(fail, out);
        out.push_back(Instr{Opcode::RefTest, RefType{false, HeapType{kind, false, 0}}, {}});
        return fail_unless_true(fail, out);
      default: break;
    }
    out.push_back(op(Opcode::Br, fail));
  }

  // (either v1 v2 ...): the value goes to a local; one block per alternative, whose test
  // branches out of it on a mismatch; a match branches past the others (js.ml's shape).
  void test_either(const ScriptValue& expected, const ValType& t, uint32_t fail, Expr& out) {
    ValType local = t;
    if (local.is_ref()) local.ref.nullable = true;  // defaultable: no initialization rules
    LocalIdx tmp = LocalIdx(1 + temps_.size());
    temps_.push_back(local);
    out.push_back(op(Opcode::LocalSet, tmp));
    Expr matched;
    for (const ScriptValue& alt : expected.alternatives) {
      Expr body;
      body.push_back(op(Opcode::LocalGet, tmp));
      test(alt, t, 0, body);
      body.push_back(op(Opcode::Br, 1));  // out of `matched`
      matched.push_back(block(std::move(body)));
    }
    matched.push_back(op(Opcode::Br, fail + 1));
    out.push_back(block(std::move(matched)));
  }

  const CheckSubject& subject_;
  const Features& features_;
  std::vector<const SubType*> types_;
  Module m_;
  ResultType params_;
  std::vector<ValType> temps_;
  bool need_extern_ = false, need_any_ = false;
  uint32_t func_imports_ = 0;
  uint32_t mismatch_ = 0, hostref_extern_ = 0, eq_extern_ = 0, hostref_any_ = 0, eq_any_ = 0;
};

}  // namespace

std::optional<CheckSubject> find_subject(const Module& tested, const std::string& name,
                                         ExternKind kind) {
  for (const Export& e : tested.exports) {
    if (e.name != name) continue;
    if (e.kind != kind) return std::nullopt;
    CheckSubject s{&tested, name, {}};
    s.type.kind = kind;
    uint32_t imported = 0;
    for (const Import& i : tested.imports) {
      if (i.desc.kind != kind) continue;
      if (imported++ == e.index) {
        s.type = i.desc;
        s.type.exact = false;
        return s;
      }
    }
    size_t k = e.index - imported;
    if (kind == ExternKind::Func && k < tested.funcs.size()) {
      s.type.type = tested.funcs[k].type;
      return s;
    }
    if (kind == ExternKind::Global && k < tested.globals.size()) {
      s.type.global = tested.globals[k].type;
      return s;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

const FuncType* subject_func_type(const CheckSubject& subject) {
  std::vector<const SubType*> types = subtypes_of(*subject.tested);
  TypeIdx t = subject.type.type;
  if (t >= types.size() || !types[t] || types[t]->comp.kind != CompKind::Func) return nullptr;
  return &types[t]->comp.func;
}

Result<std::vector<uint8_t>> build_checker(const CheckSubject& subject,
                                           const std::vector<text::ScriptValue>& args,
                                           const std::vector<text::ScriptValue>* expected,
                                           const Features& features) {
  return CheckerBuilder(subject, features).build(args, expected);
}

}  // namespace wasm::wast
