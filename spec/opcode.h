// The opcode table, expanded: Opcode enumerators and per-opcode facts (OpInfo).
// The rows live only in spec/instructions.def; this is one of the two places expanding them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wasm {

enum class Opcode : uint16_t {
#define WASM_OP(name, ...) name,
#include "spec/instructions.def"
  Count_
};

inline constexpr size_t kOpcodeCount = size_t(Opcode::Count_);

// How an instruction's immediates are read and written (binary and text alike).
enum class Imm : uint8_t {
  None,
  Block,         // blocktype, body, `end`                     block, loop
  If,            // blocktype, then, (`else`, else)?, `end`
  Try,           // legacy: blocktype, body, catch*, catch_all?, `end` | `delegate` l
  TryTable,      // blocktype, vec(catch), body, `end`
  Label,         // labelidx
  BrTable,       // vec(labelidx) labelidx
  BrOnCast,      // castflags labelidx heaptype heaptype
  Func,          // funcidx
  CallIndirect,  // typeidx tableidx (binary order)
  Type,          // typeidx
  Local,         // localidx
  Global,        // globalidx
  Table,         // tableidx
  Memory,        // memidx
  Tag,           // tagidx
  Elem,          // elemidx
  Data,          // dataidx
  SelectT,       // vec(valtype)                                select t*
  HeapType,      // heaptype                                    ref.null
  RefType,       // heaptype; text (ref ht)                     ref.test, ref.cast
  RefTypeNull,   // heaptype; text (ref null ht)                second row of ref.test, ref.cast
  MemArg,        // memarg (align with memidx flag, offset)
  MemArgLane,    // memarg laneidx
  MemoryMemory,  // memidx memidx                                memory.copy
  TableTable,    // tableidx tableidx                            table.copy
  ElemTable,     // elemidx tableidx (binary order)              table.init
  DataMemory,    // dataidx memidx (binary order)                memory.init
  TypeField,     // typeidx fieldidx
  TypeType,      // typeidx typeidx                              array.copy
  TypeData,      // typeidx dataidx
  TypeElem,      // typeidx elemidx
  TypeSize,      // typeidx u32                                  array.new_fixed
  I32,           // i32 (s32)
  I64,           // i64 (s64)
  F32,           // f32 (4 bytes)
  F64,           // f64 (8 bytes)
  V128,          // 16 bytes                                     v128.const
  Shuffle,       // 16 lane indices                              i8x16.shuffle
  Lane,          // laneidx
  Fence,         // a reserved 0x00 byte                         atomic.fence
  // shared-everything-threads: a u8 memory ordering, then the indices (OrderedImm)
  OrderGlobal,     // ordering globalidx                         global.atomic.*
  OrderTable,      // ordering tableidx                          table.atomic.*
  OrderType,       // ordering typeidx                           array.atomic.*
  OrderTypeField,  // ordering typeidx fieldidx                  struct.atomic.*
};

struct OpInfo {
  std::string_view text;  // "i32.add"
  uint8_t prefix;         // 0x00, 0xFB, 0xFC, 0xFD, 0xFE
  uint32_t code;          // byte or LEB128 value after the prefix
  Imm imm;
  std::string_view sig;  // fixed stack effect ("ii>i"), or "" (see instructions.def)
  int8_t align;          // loads/stores: log2 natural alignment; -1 otherwise
};

inline constexpr std::array<OpInfo, kOpcodeCount> kOpInfo = {{
#define WASM_OP(name, text, prefix, code, imm, sig) {text, prefix, code, Imm::imm, sig, -1},
#define WASM_MEMOP(name, text, prefix, code, imm, sig, align) \
  {text, prefix, code, Imm::imm, sig, align},
#include "spec/instructions.def"
}};

constexpr const OpInfo& info(Opcode op) { return kOpInfo[size_t(op)]; }

// The immediate kind of each opcode, copied from kOpInfo into a table of bytes: the binary
// decoder reads it per instruction, and the whole table stays in a few cache lines.
inline constexpr std::array<Imm, kOpcodeCount> kImmOf = [] {
  std::array<Imm, kOpcodeCount> imms{};
  for (size_t i = 0; i < kOpcodeCount; ++i) imms[i] = kOpInfo[i].imm;
  return imms;
}();
constexpr Imm imm_of(Opcode op) { return kImmOf[size_t(op)]; }

// shared-everything-threads: the memory ordering of an atomic access to a global, table, struct
// or array. Binary: a u8, the low nibble the read's ordering, the high nibble the write's (0 for
// a plain read or write; equal to the low one for a read-modify-write).
enum class Ordering : uint8_t { SeqCst = 0, AcqRel = 1 };
constexpr bool is_rmw(Opcode op) { return info(op).text.find(".rmw.") != std::string_view::npos; }
constexpr uint8_t ordering_byte(Opcode op, Ordering o) {
  uint8_t b = uint8_t(o);
  return is_rmw(op) ? uint8_t(b | (b << 4)) : b;
}
constexpr std::optional<Ordering> ordering_of(Opcode op, uint8_t b) {
  for (Ordering o : {Ordering::SeqCst, Ordering::AcqRel})
    if (b == ordering_byte(op, o)) return o;
  return std::nullopt;
}

// shared-everything-threads: the rows the proposal adds (spec/instructions_shared.def, which
// lists them in one run from `pause` to `memory.wait64`, and ref.i31_shared). The validator,
// the generator and the properties ask this instead of listing them.
constexpr bool is_shared_everything(Opcode op) {
  return op == Opcode::RefI31Shared || (op >= Opcode::Pause && op <= Opcode::MemoryWait64);
}
// shared-everything-threads: the managed waiter queue rows (waitqueue.new ... memory.wait64).
constexpr bool is_waitqueue_op(Opcode op) {
  return op >= Opcode::WaitqueueNew && op <= Opcode::MemoryWait64;
}

// The opcodes by encoding, built at compile time from the table (the decoder reads one per
// instruction, so the lookup is inline). Uniqueness is checked in spec/opcode.cpp.
namespace opcode_codes {
inline constexpr uint32_t kMaxPrefixedCode = 0x120;
inline constexpr std::array<uint8_t, 5> kPrefixes = {0x00, 0xFB, 0xFC, 0xFD, 0xFE};
inline constexpr uint16_t kNoOpcode = 0xFFFF;
using CodeTable = std::array<std::array<uint16_t, kMaxPrefixedCode>, kPrefixes.size()>;

constexpr int prefix_slot(uint8_t prefix) {
  for (size_t i = 0; i < kPrefixes.size(); ++i)
    if (kPrefixes[i] == prefix) return int(i);
  return -1;
}

constexpr CodeTable make_code_table() {
  CodeTable table{};
  for (auto& row : table) row.fill(kNoOpcode);
  for (size_t i = 0; i < kOpcodeCount; ++i)
    table[size_t(prefix_slot(kOpInfo[i].prefix))][kOpInfo[i].code] = uint16_t(i);
  return table;
}

inline constexpr CodeTable kByCode = make_code_table();
}  // namespace opcode_codes

// The opcode with this encoding, if any (binary decoder).
inline std::optional<Opcode> opcode_from_code(uint8_t prefix, uint32_t code) {
  using namespace opcode_codes;
  int slot = prefix_slot(prefix);
  if (slot < 0 || code >= kMaxPrefixedCode) return std::nullopt;
  uint16_t op = kByCode[size_t(slot)][code];
  if (op == kNoOpcode) return std::nullopt;
  return Opcode(op);
}
// The opcode with this mnemonic, if any (text lexer). For the paired rows (select,
// ref.test, ref.cast) it returns the first row; the parser picks the second by immediate.
std::optional<Opcode> opcode_from_text(std::string_view text);

}  // namespace wasm
