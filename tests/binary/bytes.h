// Test-only helpers to build binary modules by hand: byte strings, LEB128s, sections with
// their sizes filled in.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "binary/decode.h"

namespace wasm::binary::testing {

using Bytes = std::vector<uint8_t>;

// Appends `part` byte by byte: GCC 12's -Warray-bounds misreads a range insert of these small
// vectors at -O3 (a false positive that breaks release builds under -Werror).
inline void append(Bytes& out, const Bytes& part) {
  for (uint8_t b : part) out.push_back(b);
}

// Concatenation: cat({0x01}, u32(5), str("a")).
inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) append(out, p);
  return out;
}

inline Bytes uleb(uint64_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v != 0 ? (b | 0x80) : b);
  } while (v != 0);
  return out;
}

inline Bytes sleb(int64_t v) {
  Bytes out;
  for (bool more = true; more;) {
    uint8_t b = v & 0x7f;
    v >>= 7;
    more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
    out.push_back(more ? (b | 0x80) : b);
  }
  return out;
}

inline Bytes str(std::string_view s) { return cat({uleb(s.size()), Bytes(s.begin(), s.end())}); }

// vec(B): the count, then the items.
inline Bytes vec(std::initializer_list<Bytes> items) {
  Bytes out = uleb(items.size());
  for (const Bytes& i : items) append(out, i);
  return out;
}

inline Bytes section(uint8_t id, const Bytes& contents) {
  return cat({{id}, uleb(contents.size()), contents});
}

inline const Bytes kHeader = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = kHeader;
  for (const Bytes& s : sections) append(out, s);
  return out;
}

// A module with one function of type [] -> [] whose code (locals and body) is `code`.
inline Bytes function_module(const Bytes& code) {
  return module({section(1, vec({{0x60, 0x00, 0x00}})), section(3, vec({{0x00}})),
                 section(10, vec({cat({uleb(code.size()), code})}))});
}

// The body of the only function of `bytes` (which must decode).
inline Expr body_of(const Bytes& bytes, const DecodeOptions& options = {}) {
  auto m = decode(bytes, options);
  if (!m.ok()) return {};
  return m->funcs.at(0).body;
}

// The message of a decoding error, or "ok".
inline std::string error_of(const Bytes& bytes, const DecodeOptions& options = {}) {
  auto m = decode(bytes, options);
  return m.ok() ? "ok" : m.error().message;
}

}  // namespace wasm::binary::testing
