// Printing of types — text/types.rst (Wasm 3.0), custom-descriptors' describes/descriptor
// clauses, and the Module Linking proposal's module and instance types.
#include "text/printer.h"

#include "spec/link_types.h"

namespace wasm::text {
namespace {

std::string join_valtypes(const std::vector<ValType>& ts) {
  std::string s;
  for (const ValType& t : ts) s += " " + valtype_text(t);
  return s;
}

std::string limits_text(const Limits& l) {
  std::string s = std::to_string(l.min);
  if (l.max) s += " " + std::to_string(*l.max);
  return s;
}

// spec: fieldtype ::= storagetype | (mut storagetype)
std::string fieldtype_text(const FieldType& f) {
  return f.mut == Mut::Var ? "(mut " + valtype_text(f.type) + ")" : valtype_text(f.type);
}

// spec: comptype ::= (func (param t*) (result t*)) | (struct (field ft)*) | (array ft)
// (+ shared-everything-threads: (shared comptype))
std::string comptype_text(const CompType& c) {
  if (c.shared) {
    CompType plain = c;
    plain.shared = false;
    return "(shared " + comptype_text(plain) + ")";
  }
  switch (c.kind) {
    case CompKind::Func: {
      std::string s = "(func";
      if (!c.func.params.empty()) s += " (param" + join_valtypes(c.func.params) + ")";
      if (!c.func.results.empty()) s += " (result" + join_valtypes(c.func.results) + ")";
      return s + ")";
    }
    case CompKind::Struct: {
      std::string s = "(struct";
      for (const FieldType& f : c.struct_.fields) s += " (field " + fieldtype_text(f) + ")";
      return s + ")";
    }
    case CompKind::Array: return "(array " + fieldtype_text(c.array.field) + ")";
  }
  return "";
}

// spec: subtype ::= (sub final? typeidx* comptype) | comptype; custom-descriptors insert
// (describes x)? (descriptor y)? before the comptype.
std::string subtype_text(const SubType& s) {
  std::string clauses;
  if (s.describes) clauses += "(describes " + std::to_string(*s.describes) + ") ";
  if (s.descriptor) clauses += "(descriptor " + std::to_string(*s.descriptor) + ") ";
  clauses += comptype_text(s.comp);
  if (!s.explicit_sub && s.final && s.supers.empty()) return clauses;
  std::string text = s.final ? "(sub final " : "(sub ";
  for (TypeIdx x : s.supers) text += std::to_string(x) + " ";
  return text + clauses + ")";
}

std::string export_type_text(const ExportType& e) {
  return "(export " + quote(e.name) + " " + externtype_text(e.type) + ")";
}

// Module Linking: (module import* export*) and (instance export*)
std::string module_type_text(const ModuleType& t, const std::string& indent) {
  std::string s = "(module";
  for (const ImportType& i : t.imports)
    s += "\n" + indent + "  " + import_text(i.module, i.field, i.type);
  for (const ExportType& e : t.exports) s += "\n" + indent + "  " + export_type_text(e);
  return s + ")";
}

std::string instance_type_text(const InstanceType& t, const std::string& indent) {
  std::string s = "(instance";
  for (const ExportType& e : t.exports) s += "\n" + indent + "  " + export_type_text(e);
  return s + ")";
}

}  // namespace

std::string valtype_text(const ValType& t) { return to_string(t); }

std::string tabletype_text(const TableType& t) {
  std::string s = t.shared ? "shared " : "";
  if (t.addr == AddrType::I64) s += "i64 ";
  return s + limits_text(t.limits) + " " + to_string(t.elem);
}

std::string memtype_text(const MemType& t) {
  std::string s = t.addr == AddrType::I64 ? "i64 " : "";
  s += limits_text(t.limits);
  if (t.shared) s += " shared";
  if (t.page_size_log2)
    s += " (pagesize " + std::to_string(uint64_t(1) << (*t.page_size_log2 & 63)) + ")";
  return s;
}

std::string globaltype_text(const GlobalType& t) {
  if (t.shared || t.thread_local_) {  // shared-everything-threads: (shared mut? t)
    std::string s = t.shared ? "(shared " : "(thread_local ";
    return s + (t.mut == Mut::Var ? "mut " : "") + valtype_text(t.type) + ")";
  }
  return t.mut == Mut::Var ? "(mut " + valtype_text(t.type) + ")" : valtype_text(t.type);
}

std::string import_text(const std::string& module, const std::optional<std::string>& field,
                        const ExternType& t) {
  std::string s = "(import " + quote(module);
  if (field) s += " " + quote(*field);
  return s + " " + externtype_text(t) + ")";
}

std::string extern_kind_text(ExternKind k) { return kind_name(k); }

// spec: externtype ::= (func typeuse) | (table tt) | (memory mt) | (global gt) | (tag typeuse)
// and Module Linking's (module (type x)) | (instance (type x)).
std::string externtype_text(const ExternType& t) {
  std::string s = "(" + extern_kind_text(t.kind) + " ";
  switch (t.kind) {
    case ExternKind::Table: return s + tabletype_text(t.table) + ")";
    case ExternKind::Memory: return s + memtype_text(t.mem) + ")";
    case ExternKind::Global: return s + globaltype_text(t.global) + ")";
    case ExternKind::Func:  // custom-descriptors: (func (exact (type x)))
      if (t.exact) return s + "(exact (type " + std::to_string(t.type) + ")))";
      return s + "(type " + std::to_string(t.type) + "))";
    default: return s + "(type " + std::to_string(t.type) + "))";
  }
}

// spec: type ::= (type subtype) | rectype ::= (rec (type subtype)*)
std::string typedef_text(const TypeDef& t, const std::string& indent) {
  switch (t.kind) {
    case TypeDefKind::Module: return "(type " + module_type_text(t.module, indent) + ")";
    case TypeDefKind::Instance: return "(type " + instance_type_text(t.instance, indent) + ")";
    case TypeDefKind::Rec: break;
  }
  const RecType& r = t.rec;
  if (!r.explicit_rec && r.subtypes.size() == 1)
    return "(type " + subtype_text(r.subtypes[0]) + ")";
  std::string s = "(rec";
  for (const SubType& sub : r.subtypes) s += "\n" + indent + "  (type " + subtype_text(sub) + ")";
  return s + ")";
}

}  // namespace wasm::text
