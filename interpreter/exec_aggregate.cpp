// Aggregate reference instructions — exec/instructions.rst (Aggregate Reference Instructions):
// struct.new … array.init_elem. Arrays store elements compactly (ArrayInst::esize bytes each,
// little endian), which is also the layout of a data segment's bytes (array.new_data).
#include <cstring>
#include <variant>

#include "interpreter/exec.h"

namespace wasm::interp::exec {
namespace {

constexpr Trap kNullStruct = "null structure reference";
constexpr Trap kNullArray = "null array reference";
constexpr Trap kArrayOob = "out of bounds array access";
constexpr uint64_t kMaxArrayBytes = uint64_t(1) << 31;  // implementation limit

bool in_range(uint64_t start, uint64_t n, uint64_t size) { return n <= size && start <= size - n; }

// A field value read from storage of `esize` bytes; `sign` sign-extends packed values.
Slot read_elem(const uint8_t* p, uint32_t esize, bool sign) {
  Slot v{};
  std::memcpy(&v, p, esize);
  if (sign && esize == 1) v.lo = uint32_t(int32_t(int8_t(v.lo)));
  if (sign && esize == 2) v.lo = uint32_t(int32_t(int16_t(v.lo)));
  return v;
}

// spec: pack_zt — a value stored in a packed field of `size` bytes (0: not packed) keeps its low
// bits.
void wrap_packed(Slot& v, uint32_t size) {
  if (size == 1) v.lo &= 0xFF;
  if (size == 2) v.lo &= 0xFFFF;
}

// Allocates an array of n elements, zero-filled; a trap message when it is larger than one
// array may be or than the store's memory budget has left.
std::variant<ArrayInst*, Trap> new_array(Store& s, TypeId type, uint64_t n, uint32_t esize,
                                         uint64_t& ref) {
  uint64_t bytes = n * esize;
  if (n > kMaxArrayBytes || bytes > kMaxArrayBytes) return Trap("array size too large");
  if (!s.budget.take(sizeof(ArrayInst) + bytes)) return Trap(kOutOfMemoryMessage);
  auto [addr, a] = s.arrays.emplace();
  ref = make_ref(RefKind::Array, uint32_t(addr));
  a.type = type;
  a.len = uint32_t(n);
  a.esize = esize;
  a.bytes.assign(n * esize, 0);
  return &a;
}

// spec: Step/struct.new, Step_read/struct.new_default, struct.get-*, Step/struct.set-*
Trap structs(Store& s, const Code& code, const Op& op, Slot*& sp) {
  switch (Opcode(op.code)) {
    case Opcode::StructNew: case Opcode::StructNewDefault: case Opcode::StructNewDesc:
    case Opcode::StructNewDefaultDesc: {
      uint64_t desc = kNullRef;
      bool with_desc = op.code == uint16_t(Opcode::StructNewDesc) ||
                       op.code == uint16_t(Opcode::StructNewDefaultDesc);
      if (with_desc) {  // custom descriptors: the descriptor is the last operand
        desc = (--sp)->ref();
        if (is_null(desc)) return sp -= op.code == uint16_t(Opcode::StructNewDesc) ? op.b : 0,
                                  "null descriptor reference";
      }
      if (!s.budget.take(sizeof(StructInst) + op.b * sizeof(Slot))) {
        sp -= op.code == uint16_t(Opcode::StructNew) || op.code == uint16_t(Opcode::StructNewDesc)
                  ? op.b
                  : 0;
        return kOutOfMemoryMessage;
      }
      auto [addr, st] = s.structs.emplace();
      uint64_t ref = make_ref(RefKind::Struct, uint32_t(addr));
      st.type = op.a;
      st.desc = desc;
      if (op.code == uint16_t(Opcode::StructNew) || op.code == uint16_t(Opcode::StructNewDesc)) {
        st.fields.assign(sp - op.b, sp);
        sp -= op.b;
        if (op.x != 0)  // packed fields: pack_zt wraps each value to its storage size
          for (uint32_t i = 0; i < op.b; ++i) wrap_packed(st.fields[i], code.field_packs[op.c + i]);
      } else {
        st.fields.resize(op.b);
      }
      *sp++ = Slot::of_ref(ref);
      return nullptr;
    }
    case Opcode::StructGet: case Opcode::StructGetS: case Opcode::StructGetU: {
      uint64_t r = sp[-1].ref();
      if (is_null(r)) return kNullStruct;
      Slot v = s.structs[ref_payload(r)].fields[op.a];
      if (op.code == uint16_t(Opcode::StructGetS)) v = read_elem(reinterpret_cast<uint8_t*>(&v), op.x, true);
      sp[-1] = v;
      return nullptr;
    }
    default: {  // StructSet
      uint64_t r = sp[-2].ref();
      Slot v = sp[-1];
      sp -= 2;
      if (is_null(r)) return kNullStruct;
      wrap_packed(v, op.x);
      s.structs[ref_payload(r)].fields[op.a] = v;
      return nullptr;
    }
  }
}

// spec: Step/array.new*, array.new_fixed, array.new_data-*, array.new_elem-*
Trap array_new(Store& s, const ModuleInst& m, const Op& op, Slot*& sp) {
  uint64_t ref = 0;
  uint32_t esize = op.x;
  switch (Opcode(op.code)) {
    case Opcode::ArrayNew: case Opcode::ArrayNewDefault: {
      bool init = op.code == uint16_t(Opcode::ArrayNew);
      uint64_t n = sp[-1].i32();
      Slot v = init ? sp[-2] : Slot{};
      sp -= init ? 2 : 1;
      auto made = new_array(s, op.a, n, esize, ref);
      if (Trap* e = std::get_if<Trap>(&made)) return *e;
      ArrayInst* a = std::get<ArrayInst*>(made);
      if (init)
        for (uint64_t i = 0; i < n; ++i) std::memcpy(a->bytes.data() + i * esize, &v, esize);
      break;
    }
    case Opcode::ArrayNewFixed: {
      auto made = new_array(s, op.a, op.b, esize, ref);
      if (Trap* e = std::get_if<Trap>(&made)) return *e;
      ArrayInst* a = std::get<ArrayInst*>(made);
      for (uint32_t i = 0; i < op.b; ++i) std::memcpy(a->bytes.data() + i * esize, sp - op.b + i, esize);
      sp -= op.b;
      break;
    }
    case Opcode::ArrayNewData: {
      uint64_t n = sp[-1].i32(), off = sp[-2].i32();
      sp -= 2;
      const DataInst& d = *m.data_ptrs[op.b];
      if (!in_range(off, n * esize, d.bytes.size())) return "out of bounds memory access";
      auto made = new_array(s, op.a, n, esize, ref);
      if (Trap* e = std::get_if<Trap>(&made)) return *e;
      ArrayInst* a = std::get<ArrayInst*>(made);
      if (n > 0) std::memcpy(a->bytes.data(), d.bytes.data() + off, n * esize);
      break;
    }
    default: {  // ArrayNewElem
      uint64_t n = sp[-1].i32(), off = sp[-2].i32();
      sp -= 2;
      const ElemInst& e = *m.elem_ptrs[op.b];
      if (!in_range(off, n, e.refs.size())) return "out of bounds table access";
      auto made = new_array(s, op.a, n, 8, ref);
      if (Trap* e = std::get_if<Trap>(&made)) return *e;
      ArrayInst* a = std::get<ArrayInst*>(made);
      if (n > 0) std::memcpy(a->bytes.data(), e.refs.data() + off, n * 8);
      break;
    }
  }
  *sp++ = Slot::of_ref(ref);
  return nullptr;
}

// spec: Step_read/array.get-*, Step/array.set-*, array.len-*, array.fill-*
Trap array_access(Store& s, const Op& op, Slot*& sp) {
  switch (Opcode(op.code)) {
    case Opcode::ArrayGet: case Opcode::ArrayGetS: case Opcode::ArrayGetU: {
      uint64_t i = sp[-1].i32(), r = sp[-2].ref();
      --sp;
      if (is_null(r)) return kNullArray;
      const ArrayInst& a = s.arrays[ref_payload(r)];
      if (i >= a.len) return kArrayOob;
      sp[-1] = read_elem(a.bytes.data() + i * a.esize, a.esize, op.code == uint16_t(Opcode::ArrayGetS));
      return nullptr;
    }
    case Opcode::ArraySet: {
      Slot v = sp[-1];
      uint64_t i = sp[-2].i32(), r = sp[-3].ref();
      sp -= 3;
      if (is_null(r)) return kNullArray;
      ArrayInst& a = s.arrays[ref_payload(r)];
      if (i >= a.len) return kArrayOob;
      std::memcpy(a.bytes.data() + i * a.esize, &v, a.esize);
      return nullptr;
    }
    case Opcode::ArrayLen: {
      uint64_t r = sp[-1].ref();
      if (is_null(r)) return kNullArray;
      sp[-1] = Slot::of_i32(s.arrays[ref_payload(r)].len);
      return nullptr;
    }
    default: {  // ArrayFill
      uint64_t n = sp[-1].i32(), d = sp[-3].i32(), r = sp[-4].ref();
      Slot v = sp[-2];
      sp -= 4;
      if (is_null(r)) return kNullArray;
      ArrayInst& a = s.arrays[ref_payload(r)];
      if (!in_range(d, n, a.len)) return kArrayOob;
      for (uint64_t i = 0; i < n; ++i) std::memcpy(a.bytes.data() + (d + i) * a.esize, &v, a.esize);
      return nullptr;
    }
  }
}

// spec: Step/array.copy-*, array.init_data-*, array.init_elem-*
Trap array_bulk(Store& s, const ModuleInst& m, const Op& op, Slot*& sp) {
  if (op.code == uint16_t(Opcode::ArrayCopy)) {
    uint64_t n = sp[-1].i32(), si = sp[-2].i32(), sr = sp[-3].ref(), di = sp[-4].i32(),
             dr = sp[-5].ref();
    sp -= 5;
    if (is_null(dr) || is_null(sr)) return kNullArray;
    ArrayInst& d = s.arrays[ref_payload(dr)];
    const ArrayInst& src = s.arrays[ref_payload(sr)];
    if (!in_range(di, n, d.len) || !in_range(si, n, src.len)) return kArrayOob;
    if (n > 0) std::memmove(d.bytes.data() + di * d.esize, src.bytes.data() + si * d.esize, n * d.esize);
    return nullptr;
  }
  uint64_t n = sp[-1].i32(), si = sp[-2].i32(), di = sp[-3].i32(), r = sp[-4].ref();
  sp -= 4;
  if (is_null(r)) return kNullArray;
  ArrayInst& a = s.arrays[ref_payload(r)];
  if (!in_range(di, n, a.len)) return kArrayOob;
  if (op.code == uint16_t(Opcode::ArrayInitData)) {
    const DataInst& d = *m.data_ptrs[op.b];
    if (!in_range(si, n * a.esize, d.bytes.size())) return "out of bounds memory access";
    if (n > 0) std::memcpy(a.bytes.data() + di * a.esize, d.bytes.data() + si, n * a.esize);
    return nullptr;
  }
  const ElemInst& e = *m.elem_ptrs[op.b];
  if (!in_range(si, n, e.refs.size())) return "out of bounds table access";
  if (n > 0) std::memcpy(a.bytes.data() + di * 8, e.refs.data() + si, n * 8);
  return nullptr;
}

}  // namespace

Trap aggregate(Store& s, const ModuleInst& m, const Code& code, const Op& op, Slot*& sp) {
  switch (Opcode(op.code)) {
    case Opcode::StructNew: case Opcode::StructNewDefault: case Opcode::StructGet:
    case Opcode::StructGetS: case Opcode::StructGetU: case Opcode::StructSet:
    case Opcode::StructNewDesc:
    case Opcode::StructNewDefaultDesc: return structs(s, code, op, sp);
    case Opcode::ArrayNew: case Opcode::ArrayNewDefault: case Opcode::ArrayNewFixed:
    case Opcode::ArrayNewData: case Opcode::ArrayNewElem:
      return array_new(s, m, op, sp);
    case Opcode::ArrayCopy: case Opcode::ArrayInitData: case Opcode::ArrayInitElem:
      return array_bulk(s, m, op, sp);
    default:
      return array_access(s, op, sp);
  }
}

}  // namespace wasm::interp::exec
