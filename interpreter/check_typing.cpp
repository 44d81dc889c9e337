// The checking mode — appendix/properties.rst (Soundness): the typing rules of runtime values,
// store objects and configurations, applied to the interpreter's untyped representation.
//
// | spec rule                         | checked here                                              |
// |-----------------------------------|-----------------------------------------------------------|
// | Num_ok, Vec_ok                    | an i32/f32 slot has zero high bits (the representation's  |
// |                                   | invariant: addresses read an i32 as a u64)                |
// | Ref_ok (ref.func/struct/array/    | the address is live in the store, the reserved bits are   |
// |   exn/host/i31/extern)            | zero, and the dynamic type matches (Store::ref_matches)   |
// | Store_ok: Globalinst_ok,          | every global's value, table element, element segment      |
// |   Tableinst_ok, Eleminst_ok,      | reference, structure field, array element (references)    |
// |   Structinst_ok, Arrayinst_ok,    | and exception field has its declared type                 |
// |   Exninst_ok                      |                                                           |
// | Frame_ok                          | each local has its declared type (an unset non-defaultable|
// |                                   | local may hold null)                                      |
// | Instrs_ok under LABEL/FRAME/      | the operand stack of each frame: height and types are the |
// |   HANDLER contexts                | validator's before the current instruction (callers: before
// | |                                   | their call, less the callee's arguments) | | terminal
// configurations           | values of the function's result types (check_results)     |
#include "interpreter/check_typing.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "interpreter/engine.h"
#include "spec/error.h"

namespace wasm::interp {
namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string describe_ref(uint64_t r) {
  if (is_null(r)) return "ref.null";
  static constexpr const char* kNames[] = {"ref.null", "ref.func", "ref.struct", "ref.array",
                                           "ref.i31",  "ref.exn",  "ref.host",   "ref.waitqueue"};
  uint64_t inner = internalize(r);
  uint8_t k = uint8_t(ref_kind(inner));
  std::string s = k < std::size(kNames) ? cat(kNames[k], " ", ref_payload(inner))
                                        : cat("reference word ", hex(r));
  return is_externalized(r) ? cat("ref.extern(", s, ")") : s;
}

// spec: Ref_ok — "" if the reference word r is a live reference of type t in s.
std::string ref_error(const Store& s, uint64_t r, const RefType& t) {
  if (is_null(r)) return t.nullable ? "" : "null, of a non-nullable type";
  uint64_t inner = internalize(r);
  uint32_t a = ref_payload(inner);
  bool live = false;
  switch (ref_kind(inner)) {
    case RefKind::Func: live = a < s.funcs.size(); break;
    case RefKind::Struct: live = a < s.structs.size(); break;
    case RefKind::Array: live = a < s.arrays.size(); break;
    case RefKind::Exn: live = a < s.exns.size(); break;
    case RefKind::WaitQueue: live = a < s.waitqueues.size(); break;
    case RefKind::I31: live = (a >> 31) == 0; break;
    case RefKind::Host: live = true; break;
    case RefKind::Null: break;  // a null kind with payload bits: malformed
  }
  uint64_t used =
      (uint64_t(0xFF) << 56) | 0xFFFF'FFFFu | (ref_kind(inner) == RefKind::I31 ? kSharedI31Bit : 0);
  if ((inner & ~used) != 0) live = false;  // reserved bits
  if (!live) return cat("a dangling or malformed reference (", describe_ref(r), ")");
  if (!s.ref_matches(r, t)) return cat(describe_ref(r), ", not of type ", to_string(t));
  return "";
}

// spec: Val_ok — "" if slot v holds a value of type t (packed types: as i32).
std::string value_error(const Store& s, const Slot& v, const ValType& t) {
  switch (t.kind) {
    case ValKind::I32:
    case ValKind::F32:
    case ValKind::I8:
    case ValKind::I16:
      return (v.lo >> 32) == 0 ? "" : cat(hex(v.lo), ", a 32-bit slot with high bits set");
    case ValKind::Ref: return ref_error(s, v.lo, t.ref);
    default: return "";  // i64, f64, v128: any bits; Bot: nothing to check
  }
}

std::string op_name(const Code& code, uint32_t pc) {
  if (pc >= code.ops.size()) return "(end)";
  uint16_t c = code.ops[pc].code;
  if (c < kOpcodeCount) return std::string(info(Opcode(c)).text);
  return std::string(internal_op_name(c));
}

std::string where(uint64_t step, const Code& code, uint32_t pc, uint32_t depth) {
  return cat("configuration typing violated after step ", step, ": function ", code.typing->func,
             " (frame depth ", depth, "), pc ", pc, " (", op_name(code, pc), "): ");
}

// spec: Store_ok.
std::string check_store(const Store& s) {
  for (size_t i = 0; i < s.globals.size(); ++i)
    if (std::string e = value_error(s, s.globals[i].value, s.globals[i].type.type); !e.empty())
      return cat("global ", i, " of type ", to_string(s.globals[i].type.type), " holds ", e);
  for (size_t i = 0; i < s.tables.size(); ++i) {
    const TableInst& tab = s.tables[i];
    for (size_t j = 0; j < tab.refs.size(); ++j)
      if (std::string e = ref_error(s, tab.refs[j], tab.type.elem); !e.empty())
        return cat("table ", i, " element ", j, " of type ", to_string(tab.type.elem), " holds ",
                   e);
  }
  for (size_t i = 0; i < s.elems.size(); ++i)
    for (size_t j = 0; j < s.elems[i].refs.size(); ++j)
      if (std::string e = ref_error(s, s.elems[i].refs[j], s.elems[i].type); !e.empty())
        return cat("element segment ", i, " item ", j, " holds ", e);
  for (size_t i = 0; i < s.structs.size(); ++i) {
    const StructInst& x = s.structs[i];
    const std::vector<FieldType>& fields = s.types().expand(x.type).struct_.fields;
    if (fields.size() != x.fields.size())
      return cat("structure ", i, " has ", x.fields.size(), " fields, its type ", fields.size());
    for (size_t j = 0; j < fields.size(); ++j)
      if (std::string e = value_error(s, x.fields[j], fields[j].type); !e.empty())
        return cat("structure ", i, " field ", j, " of type ", to_string(fields[j].type), " holds ",
                   e);
  }
  for (size_t i = 0; i < s.arrays.size(); ++i) {
    const ArrayInst& x = s.arrays[i];
    const ValType& et = s.types().expand(x.type).array.field.type;
    if (uint64_t(x.len) * x.esize != x.bytes.size())
      return cat("array ", i, " has ", x.bytes.size(), " bytes for ", x.len, " elements");
    if (!et.is_ref()) continue;
    for (uint32_t j = 0; j < x.len; ++j) {
      uint64_t r;
      std::memcpy(&r, x.bytes.data() + size_t(j) * x.esize, sizeof r);
      if (std::string e = ref_error(s, r, et.ref); !e.empty())
        return cat("array ", i, " element ", j, " of type ", to_string(et), " holds ", e);
    }
  }
  for (size_t i = 0; i < s.exns.size(); ++i) {
    const ExnInst& x = s.exns[i];
    const ResultType& ts = s.tags[x.tag].functype->params;
    if (ts.size() != x.fields.size())
      return cat("exception ", i, " has ", x.fields.size(), " fields, its tag ", ts.size());
    for (size_t j = 0; j < ts.size(); ++j)
      if (std::string e = value_error(s, x.fields[j], ts[j]); !e.empty())
        return cat("exception ", i, " field ", j, " of type ", to_string(ts[j]), " holds ", e);
  }
  return "";
}

// One frame of the thread: its code, where it is, and its slots [base, top).
struct FrameView {
  const Code* code;
  uint32_t pc, base, top;
  bool current;
};

// spec: Frame_ok and the typing of the frame's instruction sequence: locals, then operands.
std::string check_frame(const Thread& t, const FrameView& f, uint64_t step, uint32_t depth) {
  const Code& code = *f.code;
  const CodeTyping& ty = *code.typing;
  const Store& s = t.store;
  for (uint32_t i = 0; i < code.locals && i < ty.locals.size(); ++i) {
    const Slot& v = t.values[f.base + i];
    if (ty.locals[i].is_ref() && !ty.locals[i].ref.nullable && is_null(v.lo)) continue;  // unset
    if (std::string e = value_error(s, v, ty.locals[i]); !e.empty())
      return cat(where(step, code, f.pc, depth), "local ", i, ": expected ",
                 to_string(ty.locals[i]), ", actual ", e);
  }
  if (f.top < f.base + code.locals || f.top > f.base + code.max_height)
    return cat(where(step, code, f.pc, depth), "operand stack height ",
               int64_t(f.top) - f.base - code.locals, " outside [0, ",
               code.max_height - code.locals, "]");
  uint32_t height = f.top - f.base - code.locals;
  // The validator's types before the instruction: the current one, or the caller's call.
  uint32_t at = f.current ? f.pc : f.pc - 1;
  if (at >= ty.known.size() || !ty.known[at]) return "";
  std::vector<ValType> expected = ty.stack[at];
  if (!f.current) {
    // The operands the call took: the callee's arguments (the original callee's: a tail call
    // replaces it by a function with other parameters), plus the table index or reference.
    const Op& op = code.ops[at];
    const TypeStore& types = s.types();
    uint32_t popped = 0;
    if (op.code == uint16_t(Opcode::Call)) {
      popped = uint32_t(reinterpret_cast<const FuncInst*>(op.bc())->functype->params.size());
    } else if (op.code == uint16_t(Opcode::CallIndirect)) {
      popped = uint32_t(types.expand(op.a).func.params.size()) + 1;
    } else if (op.code == uint16_t(Opcode::CallRef) && !expected.empty() &&
               expected.back().is_ref() && expected.back().ref.heap.kind == HeapKind::Index) {
      popped = uint32_t(types.expand(expected.back().ref.heap.index).func.params.size()) + 1;
    } else {
      return cat(where(step, code, at, depth), "a caller's frame not at a call");
    }
    if (popped > expected.size())
      return cat(where(step, code, at, depth), "the call takes ", popped, " operands of ",
                 expected.size());
    expected.resize(expected.size() - popped);
  }
  if (height != expected.size())
    return cat(where(step, code, at, depth), "operand stack height ", height, ", expected ",
               expected.size(), " ", to_string(expected));
  for (uint32_t i = 0; i < height; ++i)
    if (std::string e = value_error(s, t.values[f.base + code.locals + i], expected[i]); !e.empty())
      return cat(where(step, code, at, depth), "operand ", i, " of ", to_string(expected),
                 ": expected ", to_string(expected[i]), ", actual ", e);
  return "";
}

}  // namespace

std::string check_configuration(const Thread& t, uint64_t step, bool with_store, uint32_t callers) {
  if (with_store)
    if (std::string e = check_store(t.store); !e.empty())
      return cat("configuration typing violated after step ", step, ": store: ", e);
  FrameView f{t.code, t.pc, t.base, t.sp, true};
  for (uint32_t d = t.depth;; --d) {
    if (f.code != nullptr && f.code->typing)
      if (std::string e = check_frame(t, f, step, d - t.entry_depth); !e.empty()) return e;
    if (d == t.entry_depth || callers-- == 0) break;
    const Frame& caller = t.frames[d - 1];
    f = FrameView{caller.code, caller.pc, caller.base, f.base, false};
  }
  return "";
}

std::string check_results(const Thread& t, uint64_t step) {
  if (std::string e = check_store(t.store); !e.empty())
    return cat("configuration typing violated after step ", step, ": store: ", e);
  if (t.code == nullptr || !t.code->typing) return "";
  const Code& code = *t.code;
  const ResultType& rs = code.typing->results;
  if (t.sp - t.base != rs.size())
    return cat(where(step, code, t.pc, 0), "returned ", t.sp - t.base, " values, expected ",
               to_string(rs));
  for (size_t i = 0; i < rs.size(); ++i)
    if (std::string e = value_error(t.store, t.values[t.base + i], rs[i]); !e.empty())
      return cat(where(step, code, t.pc, 0), "result ", i, ": expected ", to_string(rs[i]),
                 ", actual ", e);
  return "";
}

std::string check_store_state(const Thread& t, uint64_t step) {
  if (std::string e = check_store(t.store); !e.empty())
    return cat("configuration typing violated after step ", step, ": store: ", e);
  return "";
}

void typing_violation(const Thread& t, const std::string& report) {
  if (t.options.on_typing_violation != nullptr) {
    t.options.on_typing_violation(report);
    return;
  }
  std::fprintf(stderr, "%s\n", report.c_str());
  std::abort();
}

}  // namespace wasm::interp
