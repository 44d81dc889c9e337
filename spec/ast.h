// Abstract syntax — syntax/instructions.rst and syntax/modules.rst, plus the Module Linking
// proposal's nested modules, instances and aliases. One AST for both front ends: indices only,
// nested blocks, spans for messages (excluded from equality).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "spec/box.h"
#include "spec/opcode.h"
#include "spec/source.h"
#include "spec/types.h"

namespace wasm {

struct Instr;
using Expr = std::vector<Instr>;  // spec: expr ::= instr* END

// spec: blocktype ::= _RESULT valtype? | _IDX typeidx
struct BlockType {
  enum class Kind : uint8_t { Empty, Value, Index } kind = Kind::Empty;
  ValType value;      // Kind::Value
  TypeIdx index = 0;  // Kind::Index
  bool operator==(const BlockType&) const = default;
};

// Imm::Block (block, loop), Imm::If
struct BlockImm {
  BlockType type;
  Expr body;
  Expr else_body;  // if only
  bool operator==(const BlockImm&) const = default;
};

// Imm::Try — legacy exception handling: try bt instr* (catch x instr*)* (catch_all instr*)? end
//                                       | try bt instr* delegate l
struct LegacyCatch {
  TagIdx tag = 0;
  Expr body;
  bool operator==(const LegacyCatch&) const = default;
};
struct TryImm {
  BlockType type;
  Expr body;
  std::vector<LegacyCatch> catches;
  std::optional<Expr> catch_all;
  std::optional<LabelIdx> delegate;
  bool operator==(const TryImm&) const = default;
};

// Imm::TryTable — spec: catch ::= CATCH tagidx labelidx | CATCH_REF ... | CATCH_ALL labelidx
//                                | CATCH_ALL_REF labelidx   (binary codes 0..3, in this order)
enum class CatchKind : uint8_t { Catch, CatchRef, CatchAll, CatchAllRef };
struct Catch {
  CatchKind kind = CatchKind::Catch;
  TagIdx tag = 0;  // Catch, CatchRef
  LabelIdx label = 0;
  bool operator==(const Catch&) const = default;
};
struct TryTableImm {
  BlockType type;
  std::vector<Catch> catches;
  Expr body;
  bool operator==(const TryTableImm&) const = default;
};

// Imm::BrTable
struct BrTableImm {
  std::vector<LabelIdx> labels;
  LabelIdx default_label = 0;
  bool operator==(const BrTableImm&) const = default;
};

// Imm::BrOnCast — br_on_cast l rt1 rt2 (the cast flags byte holds the two nullabilities)
struct BrOnCastImm {
  LabelIdx label = 0;
  RefType from, to;
  bool operator==(const BrOnCastImm&) const = default;
};

// Two indices, in *text* order:
//   CallIndirect  a=tableidx b=typeidx     MemoryMemory a=dst memidx  b=src memidx
//   TableTable    a=dst      b=src         ElemTable    a=tableidx    b=elemidx
//   DataMemory    a=memidx   b=dataidx     TypeField    a=typeidx     b=fieldidx
//   TypeType      a=dst      b=src         TypeData/TypeElem a=typeidx b=data/elem idx
//   TypeSize      a=typeidx  b=size
struct IndexPair {
  uint32_t a = 0, b = 0;
  bool operator==(const IndexPair&) const = default;
};

// Imm::MemArg, Imm::MemArgLane
struct MemArg {
  uint64_t offset = 0;
  MemIdx mem = 0;
  uint32_t align = 0;  // log2 of the alignment
  uint8_t lane = 0;    // MemArgLane only
  bool operator==(const MemArg&) const = default;
};

// shared-everything-threads: Imm::OrderGlobal, OrderTable, OrderType, OrderTypeField — the
// memory ordering of an atomic access and its indices (a: global, table or type; b: field).
struct OrderedImm {
  Ordering order = Ordering::SeqCst;
  uint32_t a = 0, b = 0;
  bool operator==(const OrderedImm&) const = default;
};

using V128Bytes = std::array<uint8_t, 16>;  // Imm::V128 (little-endian), Imm::Shuffle (lanes)

// The immediate of an instruction; which alternative is set follows info(op).imm:
//   monostate: None, Fence          uint32_t: Label Func Type Local Global Table Memory Tag
//   uint64_t: I32 I64 F32 F64 (bits)    Elem Data Lane (one index)
//   OrderedImm: OrderGlobal OrderTable OrderType OrderTypeField
using Immediate =
    std::variant<std::monostate, uint32_t, uint64_t, IndexPair, MemArg, V128Bytes, HeapType,
                 RefType, Box<BlockImm>, Box<TryImm>, Box<TryTableImm>, Box<BrTableImm>,
                 Box<BrOnCastImm>, Box<std::vector<ValType>> /* SelectT */, OrderedImm>;

struct Instr {
  Opcode op = Opcode::Nop;
  Immediate imm;
  Span at;  // not part of equality

  bool operator==(const Instr& other) const { return op == other.op && imm == other.imm; }

  // Typed views of imm (the caller knows the kind from info(op).imm).
  uint32_t index() const { return std::get<uint32_t>(imm); }
  uint64_t bits() const { return std::get<uint64_t>(imm); }
  const IndexPair& pair() const { return std::get<IndexPair>(imm); }
  const MemArg& memarg() const { return std::get<MemArg>(imm); }
  const V128Bytes& v128() const { return std::get<V128Bytes>(imm); }
  const HeapType& heap_type() const { return std::get<HeapType>(imm); }
  const RefType& ref_type() const { return std::get<RefType>(imm); }
  const OrderedImm& ordered() const { return std::get<OrderedImm>(imm); }
  const BlockImm& block() const { return *std::get<Box<BlockImm>>(imm); }
  const TryImm& try_() const { return *std::get<Box<TryImm>>(imm); }
  const TryTableImm& try_table() const { return *std::get<Box<TryTableImm>>(imm); }
  const BrTableImm& br_table() const { return *std::get<Box<BrTableImm>>(imm); }
  const BrOnCastImm& br_on_cast() const { return *std::get<Box<BrOnCastImm>>(imm); }
  const std::vector<ValType>& select_types() const {
    return *std::get<Box<std::vector<ValType>>>(imm);
  }
};

// ---- Modules (syntax/modules.rst) ----

struct Func {
  TypeIdx type = 0;
  std::vector<ValType> locals;  // the binary groups equal neighbours
  Expr body;
  Span at;
  bool operator==(const Func& o) const {
    return type == o.type && locals == o.locals && body == o.body;
  }
};

struct Table {
  TableType type;
  std::optional<Expr> init;  // absent: initialised with ref.null
  Span at;
  bool operator==(const Table& o) const { return type == o.type && init == o.init; }
};

struct Memory {
  MemType type;
  Span at;
  bool operator==(const Memory& o) const { return type == o.type; }
};

struct Global {
  GlobalType type;
  Expr init;
  Span at;
  bool operator==(const Global& o) const { return type == o.type && init == o.init; }
};

struct Tag {
  TypeIdx type = 0;
  Span at;
  bool operator==(const Tag& o) const { return type == o.type; }
};

enum class SegmentMode : uint8_t { Passive, Active, Declarative };

struct Elem {
  SegmentMode mode = SegmentMode::Passive;
  TableIdx table = 0;  // Active
  Expr offset;         // Active
  RefType type;
  std::vector<Expr> init;
  bool shared = false;  // shared-everything-threads: elemtype ::= share reftype (flag bit 3)
  Span at;
  bool operator==(const Elem& o) const {
    return mode == o.mode && table == o.table && offset == o.offset && type == o.type &&
           init == o.init && shared == o.shared;
  }
};

struct Data {
  SegmentMode mode = SegmentMode::Passive;  // never Declarative
  MemIdx mem = 0;  // Active
  Expr offset;     // Active
  std::vector<uint8_t> init;
  bool shared = false;  // shared-everything-threads: datatype ::= share (flag bit 3)
  Span at;
  bool operator==(const Data& o) const {
    return mode == o.mode && mem == o.mem && offset == o.offset && init == o.init &&
           shared == o.shared;
  }
};

struct Import {
  std::string module;
  std::optional<std::string> field;  // Module Linking: absent for a single-level import
  ExternType desc;
  Span at;
  bool operator==(const Import& o) const {
    return module == o.module && field == o.field && desc == o.desc;
  }
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;  // never Type
  uint32_t index = 0;
  Span at;
  bool operator==(const Export& o) const {
    return name == o.name && kind == o.kind && index == o.index;
  }
};

// Module Linking: (instance (instantiate $M (import "x" (func $f)) ...))
struct InstantiateArg {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
  bool operator==(const InstantiateArg&) const = default;
};
struct Instance {
  ModuleIdx module = 0;
  std::vector<InstantiateArg> args;
  Span at;
  bool operator==(const Instance& o) const { return module == o.module && args == o.args; }
};

// Module Linking: (alias $i "name" (func)) | (alias outer $M $t (type))
struct Alias {
  enum class Kind : uint8_t { InstanceExport, Outer } kind = Kind::InstanceExport;
  ExternKind sort = ExternKind::Func;  // what is aliased (Type: outer aliases only)
  InstanceIdx instance = 0;  // InstanceExport
  std::string name;          // InstanceExport
  uint32_t outer_count = 0;  // Outer: how many enclosing modules out
  uint32_t index = 0;        // Outer: index in that module's space
  Span at;
  bool operator==(const Alias& o) const {
    return kind == o.kind && sort == o.sort && instance == o.instance && name == o.name &&
           outer_count == o.outer_count && index == o.index;
  }
};

// Module Linking: types, imports, modules, instances and aliases interleave, and each sees
// only what precedes it. `initial_order` records the runs in order, e.g.
// [{Type,2},{Import,1},{Alias,3},{Type,1}]; their counts add up to the vectors' sizes.
enum class DefKind : uint8_t { Type, Import, Module, Instance, Alias };
struct DefRun {
  DefKind kind = DefKind::Type;
  uint32_t count = 0;
  bool operator==(const DefRun&) const = default;
};

// Binary section ids (binary/modules.rst; 14..16 from Module Linking).
enum class SectionId : uint8_t {
  Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5, Global = 6,
  Export = 7, Start = 8, Element = 9, Code = 10, Data = 11, DataCount = 12, Tag = 13,
  Module = 14, Instance = 15, Alias = 16,
};

// A custom section, kept in its place: (@custom "name" (before|after section) "bytes").
struct Custom {
  std::string name;
  std::vector<uint8_t> bytes;
  enum class Place : uint8_t { Before, After } place = Place::After;
  SectionId anchor = SectionId::Custom;  // After Custom: at the start (before everything)
  Span at;
  bool operator==(const Custom& o) const {
    return name == o.name && bytes == o.bytes && place == o.place && anchor == o.anchor;
  }
};

struct NameMap;  // spec/names.h

struct Module {
  std::vector<TypeDef> types;
  std::vector<Import> imports;
  std::vector<Module> modules;      // Module Linking: nested modules
  std::vector<Instance> instances;  // Module Linking
  std::vector<Alias> aliases;       // Module Linking
  std::vector<DefRun> initial_order;
  std::vector<Func> funcs;
  std::vector<Table> tables;
  std::vector<Memory> memories;
  std::vector<Global> globals;
  std::vector<Tag> tags;
  std::vector<Elem> elems;
  std::vector<Data> datas;
  std::optional<FuncIdx> start;
  std::vector<Export> exports;
  std::vector<Custom> customs;
  Span at;
  // The text parser's identifiers ($f, $l), for printing code (spec/names.h). Not part of
  // equality, not encoded: the binary format's names live in the "name" custom section.
  std::shared_ptr<const NameMap> text_names;

  bool operator==(const Module& o) const {
    return types == o.types && imports == o.imports && modules == o.modules &&
           instances == o.instances && aliases == o.aliases &&
           initial_order == o.initial_order && funcs == o.funcs && tables == o.tables &&
           memories == o.memories && globals == o.globals && tags == o.tags &&
           elems == o.elems && datas == o.datas && start == o.start &&
           exports == o.exports && customs == o.customs;
  }
};

// Appends one definition to m.initial_order (extending the last run when it is of the same kind).
void note_initial_def(Module& m, DefKind kind);

}  // namespace wasm
