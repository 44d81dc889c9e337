// Module Linking: generated external types for the subtyping properties
// (link_subtyping_properties_test.cpp) — a small model of module and instance types with its own
// subtyping oracle, written from Subtyping.md independently of spec/link_types.cpp, and the
// text of each type, so that the real front end and validator build the types under test.
#pragma once

#include <rapidcheck.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wasm::test {

struct GenType;
struct GenItem;                         // a name and its type (below: GenType must be complete)
using GenItems = std::vector<GenItem>;  // names unique

struct GenType {
  enum class Kind { Func, Global, Table, Memory, Instance, Module } kind = Kind::Func;
  int sig = 0;       // Func: an index into kSignatures (final types: equal or unrelated)
  int val = 0;       // Global: an index into kValTypes; Table: into kElemTypes
  bool mut = false;  // Global
  uint32_t min = 0;  // Table, Memory
  std::optional<uint32_t> max;
  GenItems imports;  // Module
  GenItems exports;  // Instance, Module
};

// Not std::pair<std::string, GenType>: a pair of a type still being defined is ill-formed, which
// clang enforces.
struct GenItem {
  GenItem(std::string name, GenType type) : first(std::move(name)), second(std::move(type)) {}
  std::string first;
  GenType second;
};

// spec (Subtyping.md, with valid/matching.rst for the core kinds): a <: b.
bool gen_subtype(const GenType& a, const GenType& b);

// The type as it follows an import's name: `(func $id (param i32))`, `(module $id ...)`.
std::string gen_text(const GenType& t, const std::string& id = "");
// The instantiate argument that passes an item of t's kind named $id: `(func $id)`.
std::string gen_arg_text(const GenType& t, const std::string& id);

// Draws that ignore RapidCheck's size (inRange scales its range with it, which would make the
// early cases all functions without arguments): uniform in [lo, hi), and a fair coin.
template <typename T>
T uniform(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange(lo, hi));
}
inline bool coin() { return *rc::gen::element(false, true); }

// Generators. `depth` bounds the nesting of module and instance types.
rc::Gen<GenType> gen_type(int depth);
rc::Gen<GenType> gen_type_of(GenType::Kind kind, int depth);
// A random supertype (weaken) or subtype (strengthen) of t, by construction.
rc::Gen<GenType> gen_supertype(const GenType& t);
rc::Gen<GenType> gen_subtype_of(const GenType& t);

}  // namespace wasm::test
