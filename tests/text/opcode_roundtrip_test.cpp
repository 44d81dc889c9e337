// The opcode table round trip (STYLE.md §13): every row of spec/instructions.def, with
// representative immediates of its Imm kind, survives encode -> decode -> print -> lex.
#include <gtest/gtest.h>

#include "binary/decoder.h"
#include "binary/writer.h"
#include "text/lexer.h"
#include "text/parse.h"
#include "text/print.h"
#include "text/printer.h"

namespace wasm {
namespace {

Instr make(Opcode op, Immediate imm = {}) { return Instr{op, std::move(imm), {}}; }

const BlockType kI32Result{BlockType::Kind::Value, ValType::i32(), 0};

// A sample immediate for each Imm kind; values chosen to exercise multi-byte LEB128s.
Immediate sample(Opcode op) {
  switch (info(op).imm) {
    case Imm::None:
    case Imm::Fence: return std::monostate{};
    case Imm::Block: return Box<BlockImm>(BlockImm{kI32Result, {make(Opcode::Nop)}, {}});
    case Imm::If:
      return Box<BlockImm>(BlockImm{kI32Result, {make(Opcode::Nop)}, {make(Opcode::Drop)}});
    case Imm::Try:
      return Box<TryImm>(TryImm{BlockType{BlockType::Kind::Index, {}, 200},
                                {make(Opcode::Nop)},
                                {LegacyCatch{1, {make(Opcode::Drop)}}},
                                Expr{make(Opcode::Rethrow, uint32_t(0))},
                                std::nullopt});
    case Imm::TryTable:
      return Box<TryTableImm>(
          TryTableImm{BlockType{},
                      {Catch{CatchKind::CatchRef, 1, 2}, Catch{CatchKind::CatchAll, 0, 3}},
                      {make(Opcode::Nop)}});
    case Imm::Label:
    case Imm::Func:
    case Imm::Type:
    case Imm::Local:
    case Imm::Global:
    case Imm::Table:
    case Imm::Memory:
    case Imm::Tag:
    case Imm::Elem:
    case Imm::Data: return uint32_t(300);
    case Imm::Lane: return uint32_t(7);
    case Imm::BrTable: return Box<BrTableImm>(BrTableImm{{0, 128}, 5});
    case Imm::BrOnCast:
      return Box<BrOnCastImm>(BrOnCastImm{2, RefType{true, {HeapKind::Any, false, 0}},
                                          RefType{false, {HeapKind::Index, false, 70}}});
    case Imm::SelectT: return Box<std::vector<ValType>>(std::vector{ValType::externref()});
    case Imm::HeapType: return HeapType{HeapKind::Index, false, 64};
    case Imm::RefType: return RefType{false, {HeapKind::Struct, false, 0}};
    case Imm::RefTypeNull: return RefType{true, {HeapKind::Index, false, 9}};
    case Imm::MemArg: return MemArg{70000, 1, uint32_t(info(op).align), 0};
    case Imm::MemArgLane: return MemArg{1, 0, 0, 1};
    case Imm::CallIndirect:
    case Imm::MemoryMemory:
    case Imm::TableTable:
    case Imm::ElemTable:
    case Imm::DataMemory:
    case Imm::TypeField:
    case Imm::TypeType:
    case Imm::TypeData:
    case Imm::TypeElem:
    case Imm::TypeSize: return IndexPair{1, 129};
    case Imm::I32: return uint64_t(0xFFFFFF85);  // -123
    case Imm::I64: return uint64_t(0x8000000000000000);
    case Imm::F32: return uint64_t(0xC0490FDB);          // -pi
    case Imm::F64: return uint64_t(0x7FF4000000000000);  // a signalling NaN
    case Imm::V128:
    case Imm::Shuffle: {
      V128Bytes v{};
      for (size_t k = 0; k < 16; ++k) v[k] = uint8_t(31 - k);
      return v;
    }
    case Imm::OrderGlobal:
    case Imm::OrderTable:
    case Imm::OrderType: return OrderedImm{Ordering::AcqRel, 300, 0};
    case Imm::OrderTypeField: return OrderedImm{Ordering::AcqRel, 1, 129};
  }
  return std::monostate{};
}

// The opcode a mnemonic lexes to; the second rows of a pair (select t*, ref.test null, ...)
// are chosen by the parser from their immediates.
Opcode lexed_opcode(const std::string& printed, Opcode expected) {
  auto tokens = text::tokenize(printed);
  EXPECT_EQ(tokens[0].kind, text::TokenKind::Keyword);
  std::optional<Opcode> op = opcode_from_text(tokens[0].text);
  if (!op) return Opcode::Count_;
  Imm second = info(expected).imm;
  if (*op != expected && (second == Imm::SelectT || second == Imm::RefTypeNull) &&
      info(*op).text == info(expected).text)
    return expected;
  return *op;
}

TEST(OpcodeTable, EveryRowSurvivesEncodeDecodePrintLex) {
  size_t rows = 0;
  for (size_t k = 0; k < kOpcodeCount; ++k, ++rows) {
    Opcode op = Opcode(k);
    SCOPED_TRACE(std::string(info(op).text));
    Instr original = make(op, sample(op));

    binary::Writer w;
    binary::write_expr(w, {original});
    binary::Reader r(w.bytes);
    binary::detail::CodeFacts facts;
    Expr decoded = binary::detail::expr(r, facts);
    EXPECT_TRUE(r.eos());
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_EQ(decoded[0], original);

    std::string printed = text::expr_inline(decoded);
    EXPECT_EQ(lexed_opcode(printed, op), op) << printed;
    // the printed form of an instruction starts with exactly its mnemonic
    EXPECT_EQ(printed.substr(0, info(op).text.size()), info(op).text);
  }
  EXPECT_EQ(rows, kOpcodeCount);
  EXPECT_GT(rows, 500u);  // the whole table: core, GC, SIMD, relaxed SIMD, threads
}

// Every row, with the same immediates, also survives print -> parse inside a module.
TEST(OpcodeTable, EveryRowSurvivesPrintParse) {
  for (size_t k = 0; k < kOpcodeCount; ++k) {
    Opcode op = Opcode(k);
    SCOPED_TRACE(std::string(info(op).text));
    Module m;
    m.types.resize(1);
    m.types[0].rec.subtypes.resize(1);  // (type (func))
    m.initial_order = {{DefKind::Type, 1}};
    m.funcs = {Func{0, {}, {make(op, sample(op))}, {}}};
    std::string printed = text::print_module(m);
    auto parsed = text::parse_module(printed);
    if (!parsed.ok()) {
      ADD_FAILURE() << parsed.error().message << " in\n" << printed;
      continue;
    }
    EXPECT_TRUE(*parsed == m) << printed << "parsed back as\n" << text::print_module(*parsed);
  }
}

}  // namespace
}  // namespace wasm
