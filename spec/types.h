// Types — syntax/types.rst (WebAssembly 3.0), plus the Module Linking proposal's
// module and instance types (Explainer.md, "Module and instance types").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasm {

// One strong type per index space would be ideal; the AST stores plain u32 indices and
// names the space in each field's name and type alias, as the spec's grammar does.
using TypeIdx = uint32_t;
using FuncIdx = uint32_t;
using TableIdx = uint32_t;
using MemIdx = uint32_t;
using GlobalIdx = uint32_t;
using TagIdx = uint32_t;
using ElemIdx = uint32_t;
using DataIdx = uint32_t;
using LocalIdx = uint32_t;
using LabelIdx = uint32_t;
using FieldIdx = uint32_t;
using ModuleIdx = uint32_t;    // Module Linking
using InstanceIdx = uint32_t;  // Module Linking

// spec: heaptype ::= absheaptype | typeidx   (+ `exact` from custom-descriptors)
enum class HeapKind : uint8_t {
  Func,
  NoFunc,
  Extern,
  NoExtern,
  Any,
  Eq,
  I31,
  Struct,
  Array,
  None,
  Exn,
  NoExn,
  WaitQueue,
  NoWaitQueue,  // shared-everything-threads: managed waiter queues (own hierarchy)
  Index,        // a concrete type, by index
  Bot,          // validation only: the bottom heap type (never in a module)
};

struct HeapType {
  HeapKind kind = HeapKind::Func;
  bool exact = false;    // custom-descriptors: (exact $t)
  TypeIdx index = 0;     // when kind == Index
  // shared-everything-threads: (shared any). Abstract kinds only: a concrete type's
  // sharedness is its composite type's (CompType::shared).
  bool shared = false;
  // Validation only: the proposal's bottom sharedness (bot-share), a subtype of both; what
  // any.convert_extern and extern.convert_any push for an operand of the unreachable stack.
  bool bot_share = false;
  bool operator==(const HeapType&) const = default;
};

// spec: reftype ::= REF NULL? heaptype
struct RefType {
  bool nullable = true;
  HeapType heap;
  bool operator==(const RefType&) const = default;
};

// spec: valtype ::= numtype | vectype | reftype | BOT;  storagetype adds packed types.
enum class ValKind : uint8_t {
  I32, I64, F32, F64, V128, Ref,
  I8, I16,  // packed types: only inside a StorageType (FieldType)
  Bot,      // validation only: the bottom value type of the stack-polymorphic algorithm
};

struct ValType {
  ValKind kind = ValKind::I32;
  RefType ref;  // when kind == Ref
  bool operator==(const ValType&) const = default;

  static constexpr ValType i32() { return {ValKind::I32, {}}; }
  static constexpr ValType i64() { return {ValKind::I64, {}}; }
  static constexpr ValType f32() { return {ValKind::F32, {}}; }
  static constexpr ValType f64() { return {ValKind::F64, {}}; }
  static constexpr ValType v128() { return {ValKind::V128, {}}; }
  static constexpr ValType i8() { return {ValKind::I8, {}}; }
  static constexpr ValType i16() { return {ValKind::I16, {}}; }
  static constexpr ValType ref_of(RefType r) { return {ValKind::Ref, r}; }
  static constexpr ValType ref_of(bool nullable, HeapKind k, bool shared = false) {
    return {ValKind::Ref, {nullable, {k, false, 0, shared}}};
  }
  static constexpr ValType funcref() { return ref_of(true, HeapKind::Func); }
  static constexpr ValType externref() { return ref_of(true, HeapKind::Extern); }
  bool is_num() const { return kind <= ValKind::F64; }
  bool is_ref() const { return kind == ValKind::Ref; }
};

using ResultType = std::vector<ValType>;  // spec: resulttype ::= list(valtype)

enum class Mut : uint8_t { Const, Var };

// spec: fieldtype ::= MUT? storagetype
struct FieldType {
  ValType type;  // a storage type: a value type or i8/i16
  Mut mut = Mut::Const;
  bool operator==(const FieldType&) const = default;
};

struct FuncType {
  ResultType params, results;
  bool operator==(const FuncType&) const = default;
};
struct StructType {
  std::vector<FieldType> fields;
  bool operator==(const StructType&) const = default;
};
struct ArrayType {
  FieldType field;
  bool operator==(const ArrayType&) const = default;
};

// spec: comptype ::= STRUCT list(fieldtype) | ARRAY fieldtype | FUNC resulttype -> resulttype
enum class CompKind : uint8_t { Func, Struct, Array };

struct CompType {
  CompKind kind = CompKind::Func;
  FuncType func;      // kind == Func
  StructType struct_; // kind == Struct
  ArrayType array;    // kind == Array
  bool shared = false;  // shared-everything-threads: sharecomptype ::= share comptype
  bool operator==(const CompType&) const = default;
};

// spec: subtype ::= SUB FINAL? typeuse* comptype  (+ descriptor clauses: custom-descriptors)
struct SubType {
  bool final = true;  // a plain comptype abbreviates `sub final () comptype`
  bool explicit_sub = false;  // written as `sub`/0x50/0x4F: keeps the binary form canonical
  std::vector<TypeIdx> supers;
  std::optional<TypeIdx> describes;   // custom-descriptors
  std::optional<TypeIdx> descriptor;  // custom-descriptors
  CompType comp;
  bool operator==(const SubType&) const = default;
};

// spec: rectype ::= REC list(subtype). A lone subtype in the type section is a rec group
// of one that was written without `rec` (explicit_rec == false).
struct RecType {
  std::vector<SubType> subtypes;
  bool explicit_rec = false;
  bool operator==(const RecType&) const = default;
};

// spec: addrtype ::= I32 | I64;  limits ::= [u64 .. u64?]
enum class AddrType : uint8_t { I32, I64 };

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool operator==(const Limits&) const = default;
};

struct TableType {
  AddrType addr = AddrType::I32;
  Limits limits;
  RefType elem;
  bool shared = false;  // shared-everything-threads: tabletype ::= share addrtype limits reftype
  bool operator==(const TableType&) const = default;
};

struct MemType {
  AddrType addr = AddrType::I32;
  Limits limits;
  bool shared = false;                  // threads
  std::optional<uint32_t> page_size_log2;  // custom-page-sizes: (pagesize N)
  bool operator==(const MemType&) const = default;
};

struct GlobalType {
  ValType type;
  Mut mut = Mut::Const;
  bool shared = false;  // shared-everything-threads: globaltype ::= share mut valtype
  // shared-everything-threads: globalshare ::= share | thread_local — a value per thread
  // (never together with `shared`).
  bool thread_local_ = false;
  bool operator==(const GlobalType&) const = default;
};

// spec: externtype ::= FUNC typeuse | TABLE tabletype | MEM memtype | GLOBAL globaltype | TAG
// typeuse;  Module Linking adds MODULE typeidx | INSTANCE typeidx. The same enum names what an
// export or alias refers to; Type appears only in Module Linking's outer aliases.
enum class ExternKind : uint8_t { Func, Table, Memory, Global, Tag, Module, Instance, Type };

struct ExternType {
  ExternKind kind = ExternKind::Func;
  TypeIdx type = 0;  // Func, Tag, Module, Instance
  TableType table;   // Table
  MemType mem;       // Memory
  GlobalType global; // Global
  bool exact = false;  // custom-descriptors: Func imported as (exact typeuse), binary kind 0x20
  bool operator==(const ExternType&) const = default;
};

// Module Linking: the import and export declarations that make up module/instance types.
struct ImportType {
  std::string module;
  std::optional<std::string> field;  // absent for a single-level import
  ExternType type;
  bool operator==(const ImportType&) const = default;
};
struct ExportType {
  std::string name;
  ExternType type;
  bool operator==(const ExportType&) const = default;
};

// Module Linking (binary 0x62): instancetype ::= export*
struct InstanceType {
  std::vector<ExportType> exports;
  bool operator==(const InstanceType&) const = default;
};
// Module Linking (binary 0x61): moduletype ::= import* export*
struct ModuleType {
  std::vector<ImportType> imports;
  std::vector<ExportType> exports;
  bool operator==(const ModuleType&) const = default;
};

// One entry of the type section: a rec group (core), or a module or instance type.
enum class TypeDefKind : uint8_t { Rec, Module, Instance };

struct TypeDef {
  TypeDefKind kind = TypeDefKind::Rec;
  RecType rec;
  ModuleType module;
  InstanceType instance;
  bool operator==(const TypeDef&) const = default;
  // How many type indices this entry defines.
  uint32_t size() const { return kind == TypeDefKind::Rec ? uint32_t(rec.subtypes.size()) : 1; }
};

// The keyword of an abstract heap type ("func", "noextern", ...); "bot" for Bot, "?" for Index.
const char* abstract_name(HeapKind k);

// Text names of types, for messages and the printer ("i32", "(ref null $t)" as "(ref null 3)").
std::string to_string(ValKind k);
std::string to_string(const HeapType& t);
std::string to_string(const RefType& t);
std::string to_string(const ValType& t);
std::string to_string(const ResultType& ts);  // "[i32 i64]"

}  // namespace wasm
