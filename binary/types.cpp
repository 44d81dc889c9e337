// Decoding of types — binary/types.rst, plus the Module Linking proposal's module and instance
// types (Binary.md, "Type Section updates") and the custom-descriptors/custom-page-sizes forms.
// Where decode.ml tries alternatives in turn (`either`), the error of the last one is reported;
// the functions below keep that behaviour and note it.
#include <algorithm>
#include <optional>

#include "binary/decoder.h"
#include "binary/type_codes.h"

namespace wasm::binary::detail {
namespace {

// spec: absheaptype, by its one-byte s7 code.
std::optional<HeapKind> absheaptype(int32_t code) {
  switch (code) {
    case -0x0c: return HeapKind::NoExn;
    case -0x0d: return HeapKind::NoFunc;
    case -0x0e: return HeapKind::NoExtern;
    case -0x0f: return HeapKind::None;
    case -0x10: return HeapKind::Func;
    case -0x11: return HeapKind::Extern;
    case -0x12: return HeapKind::Any;
    case -0x13: return HeapKind::Eq;
    case -0x14: return HeapKind::I31;
    case -0x15: return HeapKind::Struct;
    case -0x16: return HeapKind::Array;
    case -0x17: return HeapKind::Exn;
    default: return std::nullopt;
  }
}

// shared-everything-threads: the waitqueue heap types (binary/type_codes.h), only with the
// proposal on.
std::optional<HeapKind> absheaptype(int32_t code, const Reader& r) {
  if (auto k = absheaptype(code)) return k;
  if (!r.shared_everything) return std::nullopt;
  if (code == int32_t(kWaitQueueCode) - 0x80) return HeapKind::WaitQueue;
  if (code == int32_t(kNoWaitQueueCode) - 0x80) return HeapKind::NoWaitQueue;
  return std::nullopt;
}

constexpr int32_t kExact = -0x1e;         // custom-descriptors: 0x62 (exact x)
constexpr int32_t kShared = -0x1b;        // shared-everything-threads: 0x65 (shared ht/ct)
constexpr uint8_t kRecPrefix = 0x4e;      // rec
constexpr uint8_t kSubPrefix = 0x50;      // sub
constexpr uint8_t kSubFinalPrefix = 0x4f; // sub final
constexpr uint8_t kDescribes = 0x4c;      // custom-descriptors
constexpr uint8_t kDescriptor = 0x4d;     // custom-descriptors
constexpr uint8_t kModuleType = 0x61;     // Module Linking
constexpr uint8_t kInstanceType = 0x62;   // Module Linking

// spec: packtype ::= 0x78 => I8 | 0x77 => I16;  storagetype ::= t:valtype | pt:packtype
// decode.ml tries valtype first and reports packtype's error ("malformed storage type").
ValType storagetype(Reader& r) {
  if (r.peek() == 0x78) return r.byte(), ValType::i8();
  if (r.peek() == 0x77) return r.byte(), ValType::i16();
  size_t pos = r.pos();
  Reader::Mark mark = r.mark();
  ValType t = valtype(r);
  if (!r.failed_since(mark)) return t;
  r.backtrack(mark);
  r.s7();
  r.fail(pos, "malformed storage type");
  return t;
}

// spec: fieldtype ::= st:storagetype m:mut
FieldType fieldtype(Reader& r) {
  FieldType ft;
  ft.type = storagetype(r);
  ft.mut = mutability(r);
  return ft;
}

// spec: comptype ::= 0x5E ft:fieldtype | 0x5F ft*:vec(fieldtype)
//                  | 0x60 t1*:resulttype t2*:resulttype
// (+ shared-everything-threads: sharecomptype ::= 0x65 ct:comptype | ct:comptype)
// Decoded into ct (default-constructed), as are the subtypes and type definitions below: a
// type is built where it is kept, not moved there.
void comptype(Reader& r, CompType& ct) {
  if (r.shared_everything && r.peek() == 0x65) r.byte(), ct.shared = true;
  switch (r.s7()) {
    case -0x20:
      ct.kind = CompKind::Func;
      ct.func.params = resulttype(r);
      ct.func.results = resulttype(r);
      return;
    case -0x21:
      ct.kind = CompKind::Struct;
      ct.struct_.fields = r.vec([&] { return fieldtype(r); });
      return;
    case -0x22:
      ct.kind = CompKind::Array;
      ct.array.field = fieldtype(r);
      return;
    default: r.fail(r.pos() - 1, "malformed definition type"); return;
  }
}

// spec: subtype ::= 0x50 x*:vec(typeidx) ct:comptype | 0x4F x*:vec(typeidx) ct:comptype
//                 | ct:comptype
// custom-descriptors: (0x4C x:typeidx)? (0x4D y:typeidx)? before the comptype, each at most
// once and in this order (a repeated or misplaced clause is a "malformed definition type").
void subtype(Reader& r, SubType& st) {
  if (r.peek() == kSubPrefix || r.peek() == kSubFinalPrefix) {
    st.final = r.byte() == kSubFinalPrefix;
    st.explicit_sub = true;
    st.supers = r.vec([&] { return r.u32(); });
  }
  if (r.peek() == kDescribes) r.byte(), st.describes = r.u32();
  if (r.peek() == kDescriptor) r.byte(), st.descriptor = r.u32();
  comptype(r, st.comp);
}

// spec: rectype ::= 0x4E st*:vec(subtype) | st:subtype
void rectype(Reader& r, RecType& rt) {
  if (r.peek() == kRecPrefix) {
    r.byte();
    rt.explicit_rec = true;
    uint32_t n = r.len32();
    rt.subtypes.reserve(std::min(n, kMaxReserved));
    for (uint32_t i = 0; i < n && !r.failed(); ++i) subtype(r, rt.subtypes.emplace_back());
  } else {
    subtype(r, rt.subtypes.emplace_back());
  }
}

// spec: limits ::= flags:byte min:u64 (max:u64)? — bit 0: max present, bit 2: i64 addresses;
// threads adds bit 1 (shared), custom-page-sizes bit 3. Other bits: "malformed limits flags".
uint8_t limits(Reader& r, uint8_t allowed, AddrType& at, Limits& lim) {
  uint8_t flags = r.byte();
  r.require((flags & ~allowed) == 0, r.pos() - 1, "malformed limits flags");
  at = (flags & 4) != 0 ? AddrType::I64 : AddrType::I32;
  lim.min = r.u64();
  if ((flags & 1) != 0) lim.max = r.u64();
  return flags;
}

// Module Linking: exporttype ::= nm:name d:importdesc
ExportType exporttype(Reader& r, const DecodeOptions& options) {
  ExportType et;
  et.name = r.name();
  et.type = externtype(r, options);
  return et;
}

// Module Linking: import ::= module:name field:name d:importdesc, as in module types.
ImportType importtype(Reader& r, const DecodeOptions& options) {
  ImportType it;
  auto names = import_names(r, options);
  it.module = std::move(names.module);
  it.field = std::move(names.field);
  it.type = externtype(r, options);
  return it;
}

}  // namespace

TypeIdx typeuse_s33(Reader& r) {
  size_t pos = r.pos();
  int64_t x = r.s33();
  if (!r.require(x >= 0, pos, "malformed type index")) return 0;
  return TypeIdx(x);
}

// spec: heaptype ::= ht:absheaptype | x:s33 (if x >= 0);  custom-descriptors: 0x62 x:s33
// decode.ml tries the type index first, then the abstract heap types.
HeapType heaptype(Reader& r) {
  size_t pos = r.pos();
  Reader::Mark mark = r.mark();
  int64_t x = r.s33();
  if (!r.failed_since(mark) && x >= 0) return {HeapKind::Index, false, TypeIdx(x)};
  r.backtrack(mark);
  int32_t code = r.s7();
  if (auto kind = absheaptype(code, r)) return {*kind, false, 0};
  if (code == kExact) return {HeapKind::Index, true, typeuse_s33(r)};
  if (code == kShared && r.shared_everything) {  // heaptype ::= 0x65 ht:absheaptype
    if (auto kind = absheaptype(r.s7(), r)) return {*kind, false, 0, true};
  }
  r.fail(pos, "malformed heap type");
  return {};
}

// spec: reftype ::= 0x63 ht:heaptype => REF NULL ht | 0x64 ht:heaptype => REF ht
//                 | ht:absheaptype => REF NULL ht
RefType reftype(Reader& r) {
  size_t pos = r.pos();
  int32_t code = r.s7();
  if (auto kind = absheaptype(code, r)) return {true, {*kind, false, 0}};
  if (code == -0x1c) return {false, heaptype(r)};
  if (code == -0x1d) return {true, heaptype(r)};
  if (code == kShared && r.shared_everything) {  // 0x65 ht: the shorthand (ref null (shared ht))
    r.reset(pos);
    return {true, heaptype(r)};
  }
  r.fail(pos, "malformed reference type");
  return {};
}

// spec: valtype ::= t:numtype | t:vectype | t:reftype
// decode.ml tries the three in turn; the last one's error ("malformed reference type") wins.
ValType valtype(Reader& r) {
  switch (r.peek()) {
    case 0x7f: return r.byte(), ValType::i32();
    case 0x7e: return r.byte(), ValType::i64();
    case 0x7d: return r.byte(), ValType::f32();
    case 0x7c: return r.byte(), ValType::f64();
    case 0x7b: return r.byte(), ValType::v128();
    default: return ValType::ref_of(reftype(r));
  }
}

// spec: resulttype ::= t*:vec(valtype)
ResultType resulttype(Reader& r) {
  return r.vec([&] { return valtype(r); });
}

// spec: mut ::= 0x00 => CONST | 0x01 => VAR
Mut mutability(Reader& r) {
  switch (r.byte()) {
    case 0x00: return Mut::Const;
    case 0x01: return Mut::Var;
    default: r.fail(r.pos() - 1, "malformed mutability"); return Mut::Const;
  }
}

// spec: type ::= rt:rectype;  Module Linking: | 0x61 moduletype | 0x62 instancetype
//   moduletype ::= i*:vec(import) e*:vec(exporttype);  instancetype ::= e*:vec(exporttype)
void typedef_(Reader& r, const DecodeOptions& options, TypeDef& td) {
  if (options.module_linking && r.peek() == kModuleType) {
    r.byte();
    td.kind = TypeDefKind::Module;
    td.module.imports = r.vec([&] { return importtype(r, options); });
    td.module.exports = r.vec([&] { return exporttype(r, options); });
  } else if (options.module_linking && r.peek() == kInstanceType) {
    r.byte();
    td.kind = TypeDefKind::Instance;
    td.instance.exports = r.vec([&] { return exporttype(r, options); });
  } else {
    rectype(r, td.rec);
  }
}

// spec: tabletype ::= et:reftype lim:limits (+ shared-everything-threads: flag 0x02 = shared)
TableType tabletype(Reader& r) {
  TableType tt;
  tt.elem = reftype(r);
  uint8_t flags = limits(r, r.shared_everything ? 0x07 : 0x05, tt.addr, tt.limits);
  tt.shared = (flags & 2) != 0;
  return tt;
}

// spec: memtype ::= lim:limits;  threads: flag 0x02 = shared;
// custom-page-sizes: flag 0x08, then the page size's log2 as a u32 (below 64).
MemType memtype(Reader& r, const DecodeOptions& options) {
  MemType mt;
  uint8_t allowed = options.custom_page_sizes ? 0x0f : 0x07;
  uint8_t flags = limits(r, allowed, mt.addr, mt.limits);
  mt.shared = (flags & 2) != 0;
  if ((flags & 8) != 0) {
    size_t pos = r.pos();
    uint32_t log2 = r.u32();
    r.require(log2 < 64, pos, "invalid custom page size");
    mt.page_size_log2 = log2;
  }
  return mt;
}

// spec: globaltype ::= t:valtype m:mut (+ shared-everything-threads: bit 1 of m = shared;
// wasmref's provisional encoding of thread_local, which the Overview does not give: bit 2)
GlobalType globaltype(Reader& r) {
  GlobalType gt;
  gt.type = valtype(r);
  uint8_t b = r.peek();
  if (r.shared_everything && b >= 0x02 && b <= 0x05) {
    r.byte();
    gt.shared = b <= 0x03;
    gt.thread_local_ = b >= 0x04;
    gt.mut = (b & 1) != 0 ? Mut::Var : Mut::Const;
    return gt;
  }
  gt.mut = mutability(r);
  return gt;
}

// spec: tagtype ::= 0x00 x:typeidx
TypeIdx tagtype(Reader& r) {
  r.expect(0x00, "zero byte expected");
  return r.u32();
}

// spec: externtype ::= 0x00 x:typeidx | 0x01 tt:tabletype | 0x02 mt:memtype
//                    | 0x03 gt:globaltype | 0x04 tt:tagtype
// Module Linking: | 0x05 x:typeidx (module) | 0x06 x:typeidx (instance)
ExternType externtype(Reader& r, const DecodeOptions& options) {
  ExternType et;
  uint8_t kind = r.byte();
  switch (kind) {
    case 0x00: et.kind = ExternKind::Func, et.type = r.u32(); break;
    case 0x20: et.kind = ExternKind::Func, et.exact = true, et.type = r.u32(); break;  // exact
    case 0x01: et.kind = ExternKind::Table, et.table = tabletype(r); break;
    case 0x02: et.kind = ExternKind::Memory, et.mem = memtype(r, options); break;
    case 0x03: et.kind = ExternKind::Global, et.global = globaltype(r); break;
    case 0x04: et.kind = ExternKind::Tag, et.type = tagtype(r); break;
    case 0x05:
    case 0x06:
      if (!options.module_linking) r.fail(r.pos() - 1, "malformed import kind");
      et.kind = kind == 0x05 ? ExternKind::Module : ExternKind::Instance;
      et.type = r.u32();
      break;
    default: r.fail(r.pos() - 1, "malformed import kind");
  }
  return et;
}

// spec: import ::= mod:name nm:name d:externtype (the names part);
// Module Linking: mod:name 0x00 0xFF d:externtype is a single-level import.
ImportNames import_names(Reader& r, const DecodeOptions& options) {
  ImportNames names;
  names.module = r.name();
  names.field = r.name();
  if (options.module_linking && names.field->empty() && r.peek() == 0xff) {
    r.byte();
    names.field.reset();
  }
  return names;
}

}  // namespace wasm::binary::detail
