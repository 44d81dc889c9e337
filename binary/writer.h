// The binary encoder's byte sink, mirroring binary/values.rst (uN, sN, fN, name, vec), and the
// encoding functions shared by its files (encode.cpp, encode_types.cpp, encode_instructions.cpp).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "spec/ast.h"

namespace wasm::binary {

class Writer {
 public:
  std::vector<uint8_t> bytes;

  void byte(uint8_t b) { bytes.push_back(b); }
  void raw(const uint8_t* p, size_t n) { bytes.insert(bytes.end(), p, p + n); }

  // spec: uN — unsigned LEB128, shortest form.
  void u64(uint64_t v) {
    do {
      uint8_t b = v & 0x7F;
      v >>= 7;
      byte(v ? b | 0x80 : b);
    } while (v);
  }
  void u32(uint32_t v) { u64(v); }

  // spec: sN — signed LEB128, shortest form (s33 for type indices in block types).
  void s64(int64_t v) {
    for (;;) {
      uint8_t b = uint8_t(v) & 0x7F;
      v >>= 7;  // arithmetic shift (C++20)
      bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
      byte(done ? b : b | 0x80);
      if (done) return;
    }
  }
  void s32(int32_t v) { s64(v); }

  // spec: fN — the IEEE 754 bits, little-endian.
  void le(uint64_t bits, int n) {
    for (int k = 0; k < n; ++k) byte(uint8_t(bits >> (8 * k)));
  }

  // spec: name ::= vec(byte) (UTF-8 is the producer's business)
  void name(std::string_view s) {
    u32(uint32_t(s.size()));
    raw(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }

  // spec: vec(B) ::= n:u32 B^n
  template <typename T, typename F>
  void vec(const std::vector<T>& xs, F&& f) {
    u32(uint32_t(xs.size()));
    for (const T& x : xs) f(x);
  }

  // Writes `inner` prefixed by its u32 size (sections, function bodies, nested modules).
  void sized(const Writer& inner) {
    u32(uint32_t(inner.bytes.size()));
    raw(inner.bytes.data(), inner.bytes.size());
  }
};

// encode_types.cpp — binary/types.rst
void write_heaptype(Writer& w, const HeapType& t);
void write_reftype(Writer& w, const RefType& t);
void write_valtype(Writer& w, const ValType& t);
void write_tabletype(Writer& w, const TableType& t);
void write_memtype(Writer& w, const MemType& t);
void write_globaltype(Writer& w, const GlobalType& t);
void write_externtype(Writer& w, const ExternType& t);  // importdesc (kind byte + type)
void write_typedef(Writer& w, const TypeDef& t);        // one entry of the type section
void write_import(Writer& w, std::string_view module, const std::optional<std::string>& field,
                  const ExternType& t);
uint8_t extern_kind_code(ExternKind k);

// encode_instructions.cpp — binary/instructions.rst
void write_expr(Writer& w, const Expr& e);  // instr* 0x0B
// True if an instruction of `e` refers to a data index (the datacount section is then needed).
bool uses_data_index(const Expr& e);

}  // namespace wasm::binary
