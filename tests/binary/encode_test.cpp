// Byte-exact tests of the binary encoder (binary/encode.cpp, encode_types.cpp,
// encode_instructions.cpp) on hand-built ASTs.
#include "binary/encode.h"

#include <gtest/gtest.h>

#include "binary/writer.h"

namespace wasm::binary {
namespace {

using Bytes = std::vector<uint8_t>;

const Bytes kHeader = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

Bytes with_header(const Bytes& sections) {
  Bytes b = kHeader;
  b.insert(b.end(), sections.begin(), sections.end());
  return b;
}

Instr make(Opcode op, Immediate imm = {}) { return Instr{op, std::move(imm), {}}; }
Instr i32_const(int32_t v) { return make(Opcode::I32Const, uint64_t(uint32_t(v))); }

Bytes expr_bytes(const Expr& e) {
  Writer w;
  write_expr(w, e);
  return w.bytes;
}
Bytes instr_bytes(const Instr& i) {
  Bytes b = expr_bytes({i});
  b.pop_back();  // the expression's end
  return b;
}

TypeDef func_type(ResultType params, ResultType results) {
  SubType s;
  s.comp.kind = CompKind::Func;
  s.comp.func = {std::move(params), std::move(results)};
  TypeDef t;
  t.rec.subtypes = {s};
  return t;
}

const ValType kI32 = ValType::i32();
const ValType kI64 = ValType::i64();
const RefType kFuncRef{true, {HeapKind::Func, false, 0}};
const RefType kRefFunc{false, {HeapKind::Func, false, 0}};

// ---- values.rst: LEB128 ----

TEST(EncodeValues, UnsignedLebIsShortest) {
  auto u = [](uint64_t v) {
    Writer w;
    w.u64(v);
    return w.bytes;
  };
  EXPECT_EQ(u(0), (Bytes{0x00}));
  EXPECT_EQ(u(127), (Bytes{0x7F}));
  EXPECT_EQ(u(128), (Bytes{0x80, 0x01}));
  EXPECT_EQ(u(624485), (Bytes{0xE5, 0x8E, 0x26}));
  EXPECT_EQ(u(0xFFFFFFFF), (Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}));
  EXPECT_EQ(u(UINT64_MAX), (Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(EncodeValues, SignedLebIsShortest) {
  auto s = [](int64_t v) {
    Writer w;
    w.s64(v);
    return w.bytes;
  };
  EXPECT_EQ(s(0), (Bytes{0x00}));
  EXPECT_EQ(s(-1), (Bytes{0x7F}));
  EXPECT_EQ(s(63), (Bytes{0x3F}));
  EXPECT_EQ(s(64), (Bytes{0xC0, 0x00}));
  EXPECT_EQ(s(-64), (Bytes{0x40}));
  EXPECT_EQ(s(-65), (Bytes{0xBF, 0x7F}));
  EXPECT_EQ(s(-123456), (Bytes{0xC0, 0xBB, 0x78}));
  EXPECT_EQ(s(INT32_MIN), (Bytes{0x80, 0x80, 0x80, 0x80, 0x78}));
  EXPECT_EQ(s(INT32_MAX), (Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x07}));
  EXPECT_EQ(s(INT64_MIN), (Bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}));
  EXPECT_EQ(s(INT64_MAX), (Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}));
}

// ---- modules.rst: whole modules ----

TEST(EncodeModule, EmptyModuleIsHeaderOnly) { EXPECT_EQ(encode(Module{}), kHeader); }

TEST(EncodeModule, TypeSection) {
  Module m;
  m.types = {func_type({kI32}, {kI64})};
  EXPECT_EQ(encode(m), with_header({0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7E}));
}

TEST(EncodeModule, FunctionAndCodeWithGroupedLocals) {
  Module m;
  m.types = {func_type({}, {})};
  Func f;
  f.locals = {kI32, kI32, kI64, kI32};
  f.body = {make(Opcode::Nop)};
  m.funcs = {f};
  EXPECT_EQ(encode(m), with_header({0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  // type
                                    0x03, 0x02, 0x01, 0x00,              // function
                                    0x0A, 0x0B, 0x01, 0x09,              // code: 1 body of 9 bytes
                                    0x03, 0x02, 0x7F, 0x01, 0x7E, 0x01, 0x7F, 0x01, 0x0B}));
}

TEST(EncodeModule, SectionOrderPutsTagBetweenMemoryAndGlobal) {
  Module m;
  m.types = {func_type({}, {})};
  m.memories = {Memory{MemType{AddrType::I32, {1, std::nullopt}, false, std::nullopt}, {}}};
  m.tags = {Tag{0, {}}};
  m.globals = {Global{GlobalType{kI32, Mut::Var}, {i32_const(-1)}, {}}};
  m.exports = {Export{"g", ExternKind::Global, 0, {}}};
  m.start = 0;
  Bytes expected = with_header({
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,              // type
      0x05, 0x03, 0x01, 0x00, 0x01,                    // memory {min 1}
      0x0D, 0x03, 0x01, 0x00, 0x00,                    // tag
      0x06, 0x06, 0x01, 0x7F, 0x01, 0x41, 0x7F, 0x0B,  // global (mut i32) (i32.const -1)
      0x07, 0x05, 0x01, 0x01, 'g',  0x03, 0x00,        // export "g" (global 0)
      0x08, 0x01, 0x00,                                // start 0
  });
  EXPECT_EQ(encode(m), expected);
}

TEST(EncodeModule, ImportDescriptions) {
  Module m;
  ExternType func{ExternKind::Func, 0, {}, {}, {}};
  ExternType table{ExternKind::Table, 0, TableType{AddrType::I64, {1, 2}, kFuncRef}, {}, {}};
  ExternType mem{ExternKind::Memory, 0, {}, MemType{AddrType::I32, {0, 65536}, true, 0}, {}};
  ExternType global{ExternKind::Global, 0, {}, {}, GlobalType{kI64, Mut::Const}};
  ExternType tag{ExternKind::Tag, 3, {}, {}, {}};
  m.imports = {Import{"a", "b", func, {}}, Import{"a", "t", table, {}}, Import{"a", "m", mem, {}},
               Import{"a", "g", global, {}}, Import{"a", "e", tag, {}}};
  Bytes expected = with_header({
      0x02, 0x29, 0x05,                                           //
      0x01, 'a',  0x01, 'b', 0x00, 0x00,                          // func 0
      0x01, 'a',  0x01, 't', 0x01, 0x70, 0x05, 0x01, 0x02,        // table i64 1 2 funcref
      0x01, 'a',  0x01, 'm', 0x02, 0x0B, 0x00, 0x80, 0x80, 0x04,  // memory 0 65536 shared
      0x00,                                                       //   (pagesize 1)
      0x01, 'a',  0x01, 'g', 0x03, 0x7E, 0x00,                    // global i64
      0x01, 'a',  0x01, 'e', 0x04, 0x00, 0x03,                    // tag (type 3)
  });
  EXPECT_EQ(encode(m), expected);
}

TEST(EncodeModule, ExactFunctionImport) {  // custom-descriptors: kind 0x20
  Module m;
  ExternType func{ExternKind::Func, 2, {}, {}, {}};
  func.exact = true;
  m.imports = {Import{"a", "b", func, {}}};
  EXPECT_EQ(encode(m), with_header({0x02, 0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x20, 0x02}));
}

TEST(EncodeModule, TableWithInitExpression) {
  Module m;
  m.tables = {Table{TableType{AddrType::I32, {0, std::nullopt}, kRefFunc},
                    Expr{make(Opcode::RefFunc, uint32_t(0))},
                    {}},
              Table{TableType{AddrType::I32, {1, std::nullopt}, kFuncRef}, std::nullopt, {}}};
  EXPECT_EQ(encode(m), with_header({0x04, 0x0D, 0x02,                                      //
                                    0x40, 0x00, 0x64, 0x70, 0x00, 0x00, 0xD2, 0x00, 0x0B,  //
                                    0x70, 0x00, 0x01}));
}

// ---- types.rst ----

Bytes typedef_bytes(const TypeDef& t) {
  Writer w;
  write_typedef(w, t);
  return w.bytes;
}

TEST(EncodeTypes, SubAndRecForms) {
  TypeDef plain = func_type({}, {});
  EXPECT_EQ(typedef_bytes(plain), (Bytes{0x60, 0x00, 0x00}));

  TypeDef sub_final = plain;
  sub_final.rec.subtypes[0].explicit_sub = true;
  EXPECT_EQ(typedef_bytes(sub_final), (Bytes{0x4F, 0x00, 0x60, 0x00, 0x00}));

  TypeDef open = plain;
  open.rec.subtypes[0].final = false;
  open.rec.subtypes[0].supers = {2};
  EXPECT_EQ(typedef_bytes(open), (Bytes{0x50, 0x01, 0x02, 0x60, 0x00, 0x00}));

  TypeDef rec1 = plain;
  rec1.rec.explicit_rec = true;
  EXPECT_EQ(typedef_bytes(rec1), (Bytes{0x4E, 0x01, 0x60, 0x00, 0x00}));

  TypeDef rec0;
  EXPECT_EQ(typedef_bytes(rec0), (Bytes{0x4E, 0x00}));
}

TEST(EncodeTypes, StructArrayAndStorageTypes) {
  TypeDef t;
  t.rec.subtypes.resize(2);
  t.rec.subtypes[0].comp.kind = CompKind::Struct;
  t.rec.subtypes[0].comp.struct_.fields = {FieldType{ValType::i8(), Mut::Var},
                                           FieldType{ValType::i16(), Mut::Const},
                                           FieldType{ValType::v128(), Mut::Const}};
  t.rec.subtypes[1].comp.kind = CompKind::Array;
  t.rec.subtypes[1].comp.array.field =
      FieldType{ValType::ref_of(RefType{false, {HeapKind::Index, false, 0}}), Mut::Var};
  EXPECT_EQ(typedef_bytes(t), (Bytes{0x4E, 0x02, 0x5F, 0x03, 0x78, 0x01, 0x77, 0x00, 0x7B, 0x00,
                                     0x5E, 0x64, 0x00, 0x01}));
}

TEST(EncodeTypes, DescriptorClausesAndExactTypes) {
  TypeDef t;
  t.rec.subtypes.resize(1);
  SubType& s = t.rec.subtypes[0];
  s.describes = 1;
  s.descriptor = 2;
  s.comp.kind = CompKind::Struct;
  s.comp.struct_.fields = {
      FieldType{ValType::ref_of(RefType{true, {HeapKind::Index, true, 64}}), Mut::Const}};
  EXPECT_EQ(typedef_bytes(t), (Bytes{0x4C, 0x01, 0x4D, 0x02, 0x5F, 0x01, 0x63, 0x62, 0x40, 0x00}));
}

TEST(EncodeTypes, RefTypeAbbreviations) {
  auto rt = [](RefType r) {
    Writer w;
    write_reftype(w, r);
    return w.bytes;
  };
  EXPECT_EQ(rt(kFuncRef), (Bytes{0x70}));
  EXPECT_EQ(rt(kRefFunc), (Bytes{0x64, 0x70}));
  EXPECT_EQ(rt(RefType{true, {HeapKind::NoExn, false, 0}}), (Bytes{0x74}));
  EXPECT_EQ(rt(RefType{true, {HeapKind::Index, false, 64}}), (Bytes{0x63, 0xC0, 0x00}));
  const std::pair<HeapKind, uint8_t> kinds[] = {
      {HeapKind::NoFunc, 0x73}, {HeapKind::NoExtern, 0x72}, {HeapKind::None, 0x71},
      {HeapKind::Extern, 0x6F}, {HeapKind::Any, 0x6E},      {HeapKind::Eq, 0x6D},
      {HeapKind::I31, 0x6C},    {HeapKind::Struct, 0x6B},   {HeapKind::Array, 0x6A},
      {HeapKind::Exn, 0x69}};
  for (auto [k, code] : kinds) EXPECT_EQ(rt(RefType{false, {k, false, 0}}), (Bytes{0x64, code}));
}

// ---- instructions.rst: every Imm kind ----

TEST(EncodeInstructions, PlainAndPrefixedOpcodes) {
  EXPECT_EQ(instr_bytes(make(Opcode::I32Add)), (Bytes{0x6A}));
  EXPECT_EQ(instr_bytes(make(Opcode::I32TruncSatF32S)), (Bytes{0xFC, 0x00}));
  EXPECT_EQ(instr_bytes(make(Opcode::RefI31)), (Bytes{0xFB, 0x1C}));
  EXPECT_EQ(instr_bytes(make(Opcode::AtomicFence)), (Bytes{0xFE, 0x03, 0x00}));
  // a SIMD code >= 128 takes a two-byte u32
  for (size_t k = 0; k < kOpcodeCount; ++k) {
    const OpInfo& o = kOpInfo[k];
    if (o.prefix == 0xFD && o.code >= 128 && o.imm == Imm::None) {
      EXPECT_EQ(instr_bytes(make(Opcode(k))),
                (Bytes{0xFD, uint8_t(0x80 | (o.code & 0x7F)), uint8_t(o.code >> 7)}));
      break;
    }
  }
}

TEST(EncodeInstructions, Constants) {
  EXPECT_EQ(instr_bytes(i32_const(INT32_MIN)), (Bytes{0x41, 0x80, 0x80, 0x80, 0x80, 0x78}));
  EXPECT_EQ(instr_bytes(make(Opcode::I64Const, uint64_t(-2))), (Bytes{0x42, 0x7E}));
  EXPECT_EQ(instr_bytes(make(Opcode::F32Const, uint64_t(0x3F800000))),
            (Bytes{0x43, 0x00, 0x00, 0x80, 0x3F}));
  EXPECT_EQ(instr_bytes(make(Opcode::F64Const, uint64_t(0x7FF8000000000001))),
            (Bytes{0x44, 0x01, 0, 0, 0, 0, 0, 0xF8, 0x7F}));
  V128Bytes v{};
  for (size_t k = 0; k < 16; ++k) v[k] = uint8_t(k);
  Bytes expected = {0xFD, 0x0C};
  expected.insert(expected.end(), v.begin(), v.end());
  EXPECT_EQ(instr_bytes(make(Opcode::V128Const, v)), expected);
  expected[1] = 0x0D;
  EXPECT_EQ(instr_bytes(make(Opcode::I8x16Shuffle, v)), expected);
}

TEST(EncodeInstructions, IndexImmediates) {
  EXPECT_EQ(instr_bytes(make(Opcode::Br, uint32_t(3))), (Bytes{0x0C, 0x03}));
  EXPECT_EQ(instr_bytes(make(Opcode::Call, uint32_t(200))), (Bytes{0x10, 0xC8, 0x01}));
  EXPECT_EQ(instr_bytes(make(Opcode::LocalGet, uint32_t(1))), (Bytes{0x20, 0x01}));
  EXPECT_EQ(instr_bytes(make(Opcode::GlobalSet, uint32_t(1))), (Bytes{0x24, 0x01}));
  EXPECT_EQ(instr_bytes(make(Opcode::TableGet, uint32_t(2))), (Bytes{0x25, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::MemorySize, uint32_t(1))), (Bytes{0x3F, 0x01}));
  EXPECT_EQ(instr_bytes(make(Opcode::Throw, uint32_t(4))), (Bytes{0x08, 0x04}));
  EXPECT_EQ(instr_bytes(make(Opcode::ElemDrop, uint32_t(5))), (Bytes{0xFC, 0x0D, 0x05}));
  EXPECT_EQ(instr_bytes(make(Opcode::DataDrop, uint32_t(6))), (Bytes{0xFC, 0x09, 0x06}));
  EXPECT_EQ(instr_bytes(make(Opcode::CallRef, uint32_t(7))), (Bytes{0x14, 0x07}));
  EXPECT_EQ(instr_bytes(make(Opcode::I8x16ExtractLaneS, uint32_t(15))), (Bytes{0xFD, 0x15, 0x0F}));
}

TEST(EncodeInstructions, IndexPairsInBinaryOrder) {
  // call_indirect: text (table 1) (type 2), binary typeidx tableidx
  EXPECT_EQ(instr_bytes(make(Opcode::CallIndirect, IndexPair{1, 2})), (Bytes{0x11, 0x02, 0x01}));
  // table.init: text table 1 elem 2, binary elemidx tableidx
  EXPECT_EQ(instr_bytes(make(Opcode::TableInit, IndexPair{1, 2})), (Bytes{0xFC, 0x0C, 0x02, 0x01}));
  // memory.init: text memory 1 data 2, binary dataidx memidx
  EXPECT_EQ(instr_bytes(make(Opcode::MemoryInit, IndexPair{1, 2})),
            (Bytes{0xFC, 0x08, 0x02, 0x01}));
  EXPECT_EQ(instr_bytes(make(Opcode::MemoryCopy, IndexPair{1, 2})),
            (Bytes{0xFC, 0x0A, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::TableCopy, IndexPair{1, 2})), (Bytes{0xFC, 0x0E, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::StructGet, IndexPair{1, 2})), (Bytes{0xFB, 0x02, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::ArrayCopy, IndexPair{1, 2})), (Bytes{0xFB, 0x11, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::ArrayNewData, IndexPair{1, 2})),
            (Bytes{0xFB, 0x09, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::ArrayNewElem, IndexPair{1, 2})),
            (Bytes{0xFB, 0x0A, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::ArrayNewFixed, IndexPair{1, 300})),
            (Bytes{0xFB, 0x08, 0x01, 0xAC, 0x02}));
}

TEST(EncodeInstructions, MemArgFlagsMemoryIndexOnlyWhenNotZero) {
  EXPECT_EQ(instr_bytes(make(Opcode::I32Load, MemArg{16, 0, 2, 0})), (Bytes{0x28, 0x02, 0x10}));
  EXPECT_EQ(instr_bytes(make(Opcode::I64Store, MemArg{uint64_t(1) << 32, 1, 3, 0})),
            (Bytes{0x37, 0x43, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10}));
  EXPECT_EQ(instr_bytes(make(Opcode::V128Load8Lane, MemArg{0, 0, 0, 7})),
            (Bytes{0xFD, 0x54, 0x00, 0x00, 0x07}));
  EXPECT_EQ(instr_bytes(make(Opcode::I32AtomicRmwAdd, MemArg{0, 2, 2, 0})),
            (Bytes{0xFE, 0x1E, 0x42, 0x02, 0x00}));
}

TEST(EncodeInstructions, ReferenceAndCastImmediates) {
  EXPECT_EQ(instr_bytes(make(Opcode::RefNull, HeapType{HeapKind::Extern, false, 0})),
            (Bytes{0xD0, 0x6F}));
  EXPECT_EQ(instr_bytes(make(Opcode::RefNull, HeapType{HeapKind::Index, false, 3})),
            (Bytes{0xD0, 0x03}));
  EXPECT_EQ(instr_bytes(make(Opcode::RefTest, RefType{false, {HeapKind::I31, false, 0}})),
            (Bytes{0xFB, 0x14, 0x6C}));
  EXPECT_EQ(instr_bytes(make(Opcode::RefCastNull, RefType{true, {HeapKind::Index, false, 2}})),
            (Bytes{0xFB, 0x17, 0x02}));
  BrOnCastImm b{1, RefType{true, {HeapKind::Any, false, 0}},
                RefType{false, {HeapKind::Eq, false, 0}}};
  EXPECT_EQ(instr_bytes(make(Opcode::BrOnCast, Box<BrOnCastImm>(b))),
            (Bytes{0xFB, 0x18, 0x01, 0x01, 0x6E, 0x6D}));
  b.to.nullable = true;
  b.from.nullable = false;
  EXPECT_EQ(instr_bytes(make(Opcode::BrOnCastFail, Box<BrOnCastImm>(b))),
            (Bytes{0xFB, 0x19, 0x02, 0x01, 0x6E, 0x6D}));
}

TEST(EncodeInstructions, BrTableAndSelect) {
  EXPECT_EQ(instr_bytes(make(Opcode::BrTable, Box<BrTableImm>(BrTableImm{{0, 1}, 2}))),
            (Bytes{0x0E, 0x02, 0x00, 0x01, 0x02}));
  EXPECT_EQ(instr_bytes(make(Opcode::Select)), (Bytes{0x1B}));
  EXPECT_EQ(instr_bytes(make(Opcode::SelectT, Box<std::vector<ValType>>(std::vector{kI64}))),
            (Bytes{0x1C, 0x01, 0x7E}));
}

TEST(EncodeInstructions, BlocksInFlatOrder) {
  BlockImm inner{BlockType{BlockType::Kind::Value, kI32, 0}, {i32_const(1)}, {}};
  BlockImm outer{BlockType{BlockType::Kind::Index, {}, 64},
                 {make(Opcode::Block, Box<BlockImm>(inner)), make(Opcode::Drop)},
                 {}};
  EXPECT_EQ(expr_bytes({make(Opcode::Loop, Box<BlockImm>(outer))}),
            (Bytes{0x03, 0xC0, 0x00, 0x02, 0x7F, 0x41, 0x01, 0x0B, 0x1A, 0x0B, 0x0B}));
  BlockImm ite{BlockType{}, {make(Opcode::Nop)}, {make(Opcode::Unreachable)}};
  EXPECT_EQ(expr_bytes({make(Opcode::If, Box<BlockImm>(ite))}),
            (Bytes{0x04, 0x40, 0x01, 0x05, 0x00, 0x0B, 0x0B}));
  BlockImm no_else{BlockType{}, {make(Opcode::Nop)}, {}};
  EXPECT_EQ(expr_bytes({make(Opcode::If, Box<BlockImm>(no_else))}),
            (Bytes{0x04, 0x40, 0x01, 0x0B, 0x0B}));
}

TEST(EncodeInstructions, TryTableAndLegacyTry) {
  TryTableImm tt{BlockType{},
                 {Catch{CatchKind::Catch, 1, 2}, Catch{CatchKind::CatchRef, 3, 4},
                  Catch{CatchKind::CatchAll, 0, 5}, Catch{CatchKind::CatchAllRef, 0, 6}},
                 {make(Opcode::Nop)}};
  EXPECT_EQ(expr_bytes({make(Opcode::TryTable, Box<TryTableImm>(tt))}),
            (Bytes{0x1F, 0x40, 0x04, 0x00, 0x01, 0x02, 0x01, 0x03, 0x04, 0x02, 0x05, 0x03, 0x06,
                   0x01, 0x0B, 0x0B}));
  TryImm t{BlockType{},
           {make(Opcode::Nop)},
           {LegacyCatch{7, {make(Opcode::Drop)}}},
           Expr{make(Opcode::Rethrow, uint32_t(0))},
           std::nullopt};
  EXPECT_EQ(expr_bytes({make(Opcode::Try, Box<TryImm>(t))}),
            (Bytes{0x06, 0x40, 0x01, 0x07, 0x07, 0x1A, 0x19, 0x09, 0x00, 0x0B, 0x0B}));
  TryImm d{BlockType{}, {make(Opcode::Nop)}, {}, std::nullopt, 1};
  EXPECT_EQ(expr_bytes({make(Opcode::Try, Box<TryImm>(d))}),
            (Bytes{0x06, 0x40, 0x01, 0x18, 0x01, 0x0B}));
}

TEST(EncodeInstructions, DeepNestingDoesNotRecurse) {
  Expr e = {make(Opcode::Nop)};
  constexpr int kDepth = 100000;
  for (int k = 0; k < kDepth; ++k) {
    Expr outer;
    outer.push_back(make(Opcode::Block, Box<BlockImm>(BlockImm{BlockType{}, std::move(e), {}})));
    e = std::move(outer);
  }
  Bytes b = expr_bytes(e);
  EXPECT_EQ(b.size(), size_t(kDepth * 3 + 2));
  // free iteratively too (the AST's destructor recurses)
  while (!e.empty() && e[0].op == Opcode::Block) {
    Expr inner = std::move(std::get<Box<BlockImm>>(e[0].imm)->body);
    e = std::move(inner);
  }
}

// ---- modules.rst: segments ----

Expr ref_func(uint32_t x) { return {make(Opcode::RefFunc, x)}; }

Bytes elem_bytes(const Elem& e) {
  Module m;
  m.elems = {e};
  Bytes b = encode(m);
  return Bytes(b.begin() + 11, b.end());  // header, section id, size, count
}

TEST(EncodeSegments, ElemPicksTheShortestOfEightForms) {
  Expr off = {i32_const(0)};
  Elem e{SegmentMode::Active, 0, off, kRefFunc, {ref_func(1)}, false, {}};
  EXPECT_EQ(elem_bytes(e), (Bytes{0x00, 0x41, 0x00, 0x0B, 0x01, 0x01}));
  e.mode = SegmentMode::Passive;
  EXPECT_EQ(elem_bytes(e), (Bytes{0x01, 0x00, 0x01, 0x01}));
  e.mode = SegmentMode::Active, e.table = 2;
  EXPECT_EQ(elem_bytes(e), (Bytes{0x02, 0x02, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x01}));
  e.mode = SegmentMode::Declarative;
  EXPECT_EQ(elem_bytes(e), (Bytes{0x03, 0x00, 0x01, 0x01}));

  Elem x{SegmentMode::Active, 0, off, kFuncRef, {ref_func(1)}, false, {}};
  EXPECT_EQ(elem_bytes(x), (Bytes{0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x01, 0x0B}));
  x.mode = SegmentMode::Passive;
  EXPECT_EQ(elem_bytes(x), (Bytes{0x05, 0x70, 0x01, 0xD2, 0x01, 0x0B}));
  x.mode = SegmentMode::Active, x.table = 1;
  EXPECT_EQ(elem_bytes(x), (Bytes{0x06, 0x01, 0x41, 0x00, 0x0B, 0x70, 0x01, 0xD2, 0x01, 0x0B}));
  x.mode = SegmentMode::Declarative;
  EXPECT_EQ(elem_bytes(x), (Bytes{0x07, 0x70, 0x01, 0xD2, 0x01, 0x0B}));
  // (ref func) with a non-ref.func item, or table 0 with another type, need the general forms
  Elem y{
      SegmentMode::Active, 0, off, kRefFunc, {ref_func(1), {make(Opcode::Unreachable)}}, false, {}};
  EXPECT_EQ(elem_bytes(y)[0], 0x06);
  Elem z{SegmentMode::Active, 0, off, RefType{true, {HeapKind::Extern, false, 0}}, {}, false, {}};
  EXPECT_EQ(elem_bytes(z), (Bytes{0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F, 0x00}));
}

TEST(EncodeSegments, DataFormsAndDataCount) {
  Module m;
  m.datas = {Data{SegmentMode::Active, 0, {i32_const(8)}, {'h', 'i'}, false, {}},
             Data{SegmentMode::Passive, 0, {}, {}, false, {}},
             Data{SegmentMode::Active, 1, {i32_const(0)}, {7}, false, {}}};
  Bytes data_section = {0x0B, 0x11, 0x03,                                     //
                        0x00, 0x41, 0x08, 0x0B, 0x02, 'h',  'i', 0x01, 0x00,  //
                        0x02, 0x01, 0x41, 0x00, 0x0B, 0x01, 0x07};
  EXPECT_EQ(encode(m), with_header(data_section));

  // datacount (12) appears before the code section iff code refers to a data index
  m.types = {func_type({}, {})};
  m.funcs = {Func{0, {}, {make(Opcode::DataDrop, uint32_t(1))}, {}}};
  Bytes expected = with_header({0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  //
                                0x03, 0x02, 0x01, 0x00,              //
                                0x0C, 0x01, 0x03,                    //
                                0x0A, 0x07, 0x01, 0x05, 0x00, 0xFC, 0x09, 0x01, 0x0B});
  expected.insert(expected.end(), data_section.begin(), data_section.end());
  EXPECT_EQ(encode(m), expected);
  m.funcs[0].body = {make(Opcode::ArrayNewData, IndexPair{0, 2})};
  EXPECT_EQ(encode(m)[18], 0x0C);
  m.funcs[0].body = {make(Opcode::Nop)};
  EXPECT_NE(encode(m)[18], 0x0C);
}

// ---- Custom sections ----

Custom custom(std::string name, Custom::Place place, SectionId anchor) {
  return Custom{std::move(name), {'x'}, place, anchor, {}};
}

TEST(EncodeCustom, SectionsKeepTheirPlace) {
  Module m;
  m.types = {func_type({}, {})};
  m.customs = {custom("a", Custom::Place::After, SectionId::Custom),
               custom("b", Custom::Place::After, SectionId::Type),
               custom("c", Custom::Place::Before, SectionId::Function),  // absent section
               custom("d", Custom::Place::After, SectionId::Data)};
  Bytes expected = with_header({0x00, 0x03, 0x01, 'a',  'x',         //
                                0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  //
                                0x00, 0x03, 0x01, 'b',  'x',         //
                                0x00, 0x03, 0x01, 'c',  'x',         //
                                0x0B, 0x01, 0x00,                    // kept: "d" is placed after it
                                0x00, 0x03, 0x01, 'd',  'x'});
  EXPECT_EQ(encode(m), expected);
  // out-of-order places are sorted into place, stably
  std::swap(m.customs[0], m.customs[3]);
  std::swap(m.customs[1], m.customs[2]);  // d c b a
  EXPECT_EQ(encode(m), expected);
}

// ---- Module Linking ----

TEST(EncodeModuleLinking, TypesImportsAndExports) {
  Module m;
  TypeDef mt;
  mt.kind = TypeDefKind::Module;
  mt.module.imports = {ImportType{"i", std::nullopt, ExternType{ExternKind::Func, 0, {}, {}, {}}}};
  mt.module.exports = {ExportType{"e", ExternType{ExternKind::Instance, 2, {}, {}, {}}}};
  TypeDef it;
  it.kind = TypeDefKind::Instance;
  it.instance.exports = {ExportType{"f", ExternType{ExternKind::Func, 0, {}, {}, {}}}};
  m.types = {func_type({}, {}), mt, it};
  m.imports = {Import{"m", std::nullopt, ExternType{ExternKind::Module, 1, {}, {}, {}}, {}}};
  m.initial_order = {{DefKind::Type, 3}, {DefKind::Import, 1}};
  m.exports = {Export{"x", ExternKind::Instance, 0, {}}, Export{"y", ExternKind::Module, 0, {}}};
  Bytes expected = with_header({
      0x01, 0x17, 0x03, 0x60, 0x00, 0x00,                    // type: func
      0x61, 0x01, 0x01, 'i',  0x00, 0xFF, 0x00, 0x00,        //   module (import "i" (func 0))
      0x01, 0x01, 'e',  0x06, 0x02,                          //     (export "e" (instance 2))
      0x62, 0x01, 0x01, 'f',  0x00, 0x00,                    //   instance (export "f" (func 0))
      0x02, 0x07, 0x01, 0x01, 'm',  0x00, 0xFF, 0x05, 0x01,  // import "m" (module 1)
      0x07, 0x09, 0x02, 0x01, 'x',  0x06, 0x00, 0x01, 'y',  0x05, 0x00,
  });
  EXPECT_EQ(encode(m), expected);
}

TEST(EncodeModuleLinking, InitialSectionsFollowInitialOrder) {
  Module inner;
  inner.types = {func_type({}, {})};
  Module m;
  m.types = {func_type({}, {}), func_type({kI32}, {})};
  m.modules = {inner};
  m.instances = {Instance{0, {InstantiateArg{"a", ExternKind::Func, 1}}, {}}};
  m.aliases = {Alias{Alias::Kind::InstanceExport, ExternKind::Func, 0, "f", 0, 0, {}},
               Alias{Alias::Kind::Outer, ExternKind::Type, 0, "", 1, 4, {}}};
  m.initial_order = {{DefKind::Type, 1},
                     {DefKind::Module, 1},
                     {DefKind::Instance, 1},
                     {DefKind::Alias, 2},
                     {DefKind::Type, 1}};
  Bytes expected = with_header({
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                          // type 0
      0x0E, 0x10, 0x01, 0x0E,                                      // module section, 1 module
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,              //   header
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                          //   its type section
      0x0F, 0x08, 0x01, 0x00, 0x00, 0x01, 0x01, 'a',  0x00, 0x01,  // instance (instantiate 0 ...)
      0x10, 0x0A, 0x02, 0x00, 0x00, 0x00, 0x01, 'f',               // alias 0 "f" (func)
      0x01, 0x01, 0x07, 0x04,                                      // alias outer 1 4 (type)
      0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,                    // type 1
  });
  EXPECT_EQ(encode(m), expected);
}

TEST(EncodeModuleLinking, IncompleteInitialOrderStillPlacesEveryDefinition) {
  Module m;
  m.types = {func_type({}, {})};
  m.aliases = {Alias{Alias::Kind::Outer, ExternKind::Module, 0, "", 1, 0, {}}};
  m.initial_order = {{DefKind::Alias, 5}};
  EXPECT_EQ(encode(m), with_header({0x10, 0x05, 0x01, 0x01, 0x01, 0x05, 0x00,  //
                                    0x01, 0x04, 0x01, 0x60, 0x00, 0x00}));
}

TEST(EncodeModuleLinking, CoreModulesWriteTypesBeforeImports) {
  Module m;
  m.types = {func_type({}, {})};
  m.imports = {Import{"a", "b", ExternType{ExternKind::Func, 0, {}, {}, {}}, {}}};
  m.initial_order = {{DefKind::Import, 1}, {DefKind::Type, 1}};
  EXPECT_EQ(encode(m), with_header({0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  //
                                    0x02, 0x07, 0x01, 0x01, 'a', 0x01, 'b', 0x00, 0x00}));
}

}  // namespace
}  // namespace wasm::binary
