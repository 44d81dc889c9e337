// Binary encoding of types — binary/types.rst (Wasm 3.0), custom-descriptors' exact types and
// descriptor clauses, and Module Linking's module and instance types (Binary.md, type forms
// 0x61/0x62, import kinds 0x05/0x06, single-level imports `name 0x00 0xFF`).
#include "binary/type_codes.h"
#include "binary/writer.h"

namespace wasm::binary {
namespace {

// spec: Bheaptype (the abstract ones; a single byte, the s33 encoding of a small negative value)
uint8_t abstract_heaptype_code(HeapKind k) {
  switch (k) {
    case HeapKind::NoExn: return 0x74;
    case HeapKind::NoFunc: return 0x73;
    case HeapKind::NoExtern: return 0x72;
    case HeapKind::None: return 0x71;
    case HeapKind::Func: return 0x70;
    case HeapKind::Extern: return 0x6F;
    case HeapKind::Any: return 0x6E;
    case HeapKind::Eq: return 0x6D;
    case HeapKind::I31: return 0x6C;
    case HeapKind::Struct: return 0x6B;
    case HeapKind::Array: return 0x6A;
    case HeapKind::Exn: return 0x69;
    case HeapKind::WaitQueue: return kWaitQueueCode;
    case HeapKind::NoWaitQueue: return kNoWaitQueueCode;
    case HeapKind::Index:
    case HeapKind::Bot: break;
  }
  return 0x71;  // Bot never occurs in a module; `none` is its closest spelling
}

// spec: Bnumtype, Bvectype, Bpacktype
uint8_t plain_valtype_code(ValKind k) {
  switch (k) {
    case ValKind::I32: return 0x7F;
    case ValKind::I64: return 0x7E;
    case ValKind::F32: return 0x7D;
    case ValKind::F64: return 0x7C;
    case ValKind::V128: return 0x7B;
    case ValKind::I8: return 0x78;
    case ValKind::I16: return 0x77;
    case ValKind::Ref:
    case ValKind::Bot: break;
  }
  return 0x40;
}

// spec: Blimits with the flags of memory64, threads and custom-page-sizes:
//   bit 0 max present, bit 1 shared, bit 2 i64 address type, bit 3 custom page size.
void write_limits(Writer& w, AddrType addr, const Limits& l, bool shared,
                  std::optional<uint32_t> page_size_log2) {
  uint8_t flags = (l.max ? 1 : 0) | (shared ? 2 : 0) | (addr == AddrType::I64 ? 4 : 0) |
                  (page_size_log2 ? 8 : 0);
  w.byte(flags);
  w.u64(l.min);
  if (l.max) w.u64(*l.max);
  if (page_size_log2) w.u32(*page_size_log2);
}

// spec: Bfieldtype ::= storagetype mut
void write_fieldtype(Writer& w, const FieldType& f) {
  write_valtype(w, f.type);
  w.byte(f.mut == Mut::Var ? 1 : 0);
}

// spec: Bcomptype (+ shared-everything-threads: 0x65 before a shared one)
void write_comptype(Writer& w, const CompType& c) {
  if (c.shared) w.byte(0x65);
  switch (c.kind) {
    case CompKind::Func:
      w.byte(0x60);
      w.vec(c.func.params, [&](const ValType& t) { write_valtype(w, t); });
      w.vec(c.func.results, [&](const ValType& t) { write_valtype(w, t); });
      return;
    case CompKind::Struct:
      w.byte(0x5F);
      w.vec(c.struct_.fields, [&](const FieldType& f) { write_fieldtype(w, f); });
      return;
    case CompKind::Array:
      w.byte(0x5E);
      write_fieldtype(w, c.array.field);
      return;
  }
}

// spec: Bsubtype — 0x50 (sub) / 0x4F (sub final) vec(typeidx) comptype, or a plain comptype
// (sub final with no supertypes) when it was written so; custom-descriptors put
// 0x4C describes and 0x4D descriptor before the comptype.
void write_subtype(Writer& w, const SubType& s) {
  if (s.explicit_sub || !s.final || !s.supers.empty()) {
    w.byte(s.final ? 0x4F : 0x50);
    w.vec(s.supers, [&](TypeIdx x) { w.u32(x); });
  }
  if (s.describes) w.byte(0x4C), w.u32(*s.describes);
  if (s.descriptor) w.byte(0x4D), w.u32(*s.descriptor);
  write_comptype(w, s.comp);
}

// spec: Brectype — 0x4E vec(subtype), or one subtype written without `rec`
void write_rectype(Writer& w, const RecType& r) {
  if (r.explicit_rec || r.subtypes.size() != 1) {
    w.byte(0x4E);
    w.vec(r.subtypes, [&](const SubType& s) { write_subtype(w, s); });
  } else {
    write_subtype(w, r.subtypes[0]);
  }
}

void write_exporttype(Writer& w, const ExportType& e) {
  w.name(e.name);
  write_externtype(w, e.type);
}

}  // namespace

// spec: Bheaptype — abstract types as one byte, type indices as s33; exact x as 0x62 x:u32
// (+ shared-everything-threads: 0x65 before a shared abstract type)
void write_heaptype(Writer& w, const HeapType& t) {
  if (t.kind != HeapKind::Index) {
    if (t.shared) w.byte(0x65);
    w.byte(abstract_heaptype_code(t.kind));
  } else if (t.exact) {
    w.byte(0x62);
    w.u32(t.index);
  } else {
    w.s64(int64_t(t.index));  // s33
  }
}

// spec: Breftype — 0x63 ht (ref null), 0x64 ht (ref); nullable abstract types abbreviated
void write_reftype(Writer& w, const RefType& t) {
  if (t.nullable && t.heap.kind != HeapKind::Index) {
    write_heaptype(w, t.heap);
    return;
  }
  w.byte(t.nullable ? 0x63 : 0x64);
  write_heaptype(w, t.heap);
}

// spec: Bvaltype (and Bstoragetype for i8/i16)
void write_valtype(Writer& w, const ValType& t) {
  if (t.kind == ValKind::Ref)
    write_reftype(w, t.ref);
  else
    w.byte(plain_valtype_code(t.kind));
}

// spec: Btabletype ::= reftype limits (+ shared-everything-threads: limits bit 1 = shared)
void write_tabletype(Writer& w, const TableType& t) {
  write_reftype(w, t.elem);
  write_limits(w, t.addr, t.limits, t.shared, std::nullopt);
}

// spec: Bmemtype ::= limits
void write_memtype(Writer& w, const MemType& t) {
  write_limits(w, t.addr, t.limits, t.shared, t.page_size_log2);
}

// spec: Bglobaltype ::= valtype mut
// (+ shared-everything-threads: bit 1 of the mutability byte = shared; bit 2 = thread_local,
// wasmref's provisional encoding)
void write_globaltype(Writer& w, const GlobalType& t) {
  write_valtype(w, t.type);
  w.byte((t.mut == Mut::Var ? 1 : 0) | (t.shared ? 2 : 0) | (t.thread_local_ ? 4 : 0));
}

// spec: Bexternidx kinds; Module Linking adds 0x05 module, 0x06 instance, 0x07 type.
uint8_t extern_kind_code(ExternKind k) { return uint8_t(k); }

// spec: Bexterntype (importdesc)
void write_externtype(Writer& w, const ExternType& t) {
  // custom-descriptors: an exact function import is kind 0x20
  w.byte(t.kind == ExternKind::Func && t.exact ? 0x20 : extern_kind_code(t.kind));
  switch (t.kind) {
    case ExternKind::Func:
    case ExternKind::Module:
    case ExternKind::Instance:
    case ExternKind::Type: w.u32(t.type); return;
    case ExternKind::Tag: w.byte(0x00), w.u32(t.type); return;  // spec: Btagtype
    case ExternKind::Table: write_tabletype(w, t.table); return;
    case ExternKind::Memory: write_memtype(w, t.mem); return;
    case ExternKind::Global: write_globaltype(w, t.global); return;
  }
}

// spec: Bimport ::= name name externtype; Module Linking's single-level import writes an
// empty second name followed by the byte 0xFF (never a valid externtype kind).
void write_import(Writer& w, std::string_view module, const std::optional<std::string>& field,
                  const ExternType& t) {
  w.name(module);
  if (field) {
    w.name(*field);
  } else {
    w.byte(0x00);
    w.byte(0xFF);
  }
  write_externtype(w, t);
}

// One entry of the type section: a rec group, or Module Linking's
// 0x61 vec(import) vec(exporttype) (module type) / 0x62 vec(exporttype) (instance type).
void write_typedef(Writer& w, const TypeDef& t) {
  switch (t.kind) {
    case TypeDefKind::Rec: write_rectype(w, t.rec); return;
    case TypeDefKind::Module:
      w.byte(0x61);
      w.vec(t.module.imports,
            [&](const ImportType& i) { write_import(w, i.module, i.field, i.type); });
      w.vec(t.module.exports, [&](const ExportType& e) { write_exporttype(w, e); });
      return;
    case TypeDefKind::Instance:
      w.byte(0x62);
      w.vec(t.instance.exports, [&](const ExportType& e) { write_exporttype(w, e); });
      return;
  }
}

}  // namespace wasm::binary
