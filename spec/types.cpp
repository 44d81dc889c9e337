// Text names of types (text/types.rst spellings), used in messages and by the printer.
#include "spec/types.h"

namespace wasm {

std::string to_string(ValKind k) {
  switch (k) {
    case ValKind::I32: return "i32";
    case ValKind::I64: return "i64";
    case ValKind::F32: return "f32";
    case ValKind::F64: return "f64";
    case ValKind::V128: return "v128";
    case ValKind::Ref: return "ref";
    case ValKind::I8: return "i8";
    case ValKind::I16: return "i16";
    case ValKind::Bot: return "bot";
  }
  return "?";
}

const char* abstract_name(HeapKind k) {
  switch (k) {
    case HeapKind::Func: return "func";
    case HeapKind::NoFunc: return "nofunc";
    case HeapKind::Extern: return "extern";
    case HeapKind::NoExtern: return "noextern";
    case HeapKind::Any: return "any";
    case HeapKind::Eq: return "eq";
    case HeapKind::I31: return "i31";
    case HeapKind::Struct: return "struct";
    case HeapKind::Array: return "array";
    case HeapKind::None: return "none";
    case HeapKind::Exn: return "exn";
    case HeapKind::NoExn: return "noexn";
    case HeapKind::WaitQueue: return "waitqueue";
    case HeapKind::NoWaitQueue: return "nowaitqueue";
    case HeapKind::Bot: return "bot";
    case HeapKind::Index: break;
  }
  return "?";
}

std::string to_string(const HeapType& t) {
  std::string s = t.kind == HeapKind::Index ? std::to_string(t.index) : abstract_name(t.kind);
  if (t.shared) s = "(shared " + s + ")";
  return t.exact ? "(exact " + s + ")" : s;
}

std::string to_string(const RefType& t) {
  // The abbreviations funcref, externref, ... for nullable abstract types.
  // The waitqueue types have none (the proposal gives none).
  if (t.nullable && !t.heap.exact && !t.heap.shared && t.heap.kind != HeapKind::Index &&
      t.heap.kind != HeapKind::Bot && t.heap.kind != HeapKind::WaitQueue &&
      t.heap.kind != HeapKind::NoWaitQueue) {
    switch (t.heap.kind) {
      case HeapKind::NoFunc: return "nullfuncref";
      case HeapKind::NoExtern: return "nullexternref";
      case HeapKind::None: return "nullref";
      case HeapKind::NoExn: return "nullexnref";
      default: return std::string(abstract_name(t.heap.kind)) + "ref";
    }
  }
  return std::string(t.nullable ? "(ref null " : "(ref ") + to_string(t.heap) + ")";
}

std::string to_string(const ValType& t) {
  return t.kind == ValKind::Ref ? to_string(t.ref) : to_string(t.kind);
}

std::string to_string(const ResultType& ts) {
  std::string s = "[";
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i) s += ' ';
    s += to_string(ts[i]);
  }
  return s + "]";
}

}  // namespace wasm
