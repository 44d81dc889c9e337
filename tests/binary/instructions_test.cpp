// Decoding of instructions (binary/instructions.rst): the generic table-driven path, the
// hand-written structured instructions, immediates in binary order, and the error messages.
#include <gtest/gtest.h>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using namespace testing;

// The body of a function with no locals whose instructions are `instrs` (without the end).
Expr decode_body(const Bytes& instrs) {
  return body_of(function_module(cat({{0x00}, instrs, {0x0b}})));
}
std::string body_error(const Bytes& instrs) {
  return error_of(function_module(cat({{0x00}, instrs, {0x0b}})));
}

TEST(Instructions, PlainOpcodesComeFromTheTable) {
  Expr e = decode_body({0x41, 0x7f, 0x41, 0x02, 0x6a, 0x1a, 0xfc, 0x00, 0x1a});
  ASSERT_EQ(e.size(), 6u);
  EXPECT_EQ(e[0].op, Opcode::I32Const);
  EXPECT_EQ(e[0].bits(), 0xffffffffu);  // i32 bits, zero-extended
  EXPECT_EQ(e[2].op, Opcode::I32Add);
  EXPECT_EQ(e[3].op, Opcode::Drop);
  EXPECT_EQ(e[4].op, Opcode::I32TruncSatF32S);
  EXPECT_EQ(e[2].at.begin, 27u);  // spans are byte offsets of the instruction
}

TEST(Instructions, ConstantImmediates) {
  Expr e = decode_body(cat({{0x42}, sleb(INT64_MIN), {0x43, 0x00, 0x00, 0xc0, 0x7f},
                            {0x44, 1, 2, 3, 4, 5, 6, 7, 8}}));
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].bits(), uint64_t(INT64_MIN));
  EXPECT_EQ(e[1].bits(), 0x7fc00000u);
  EXPECT_EQ(e[2].bits(), 0x0807060504030201u);
}

TEST(Instructions, MemargWithMemoryIndexAnd64BitOffset) {
  // i32.load align=2 offset=2^40 on memory 3, then i64.store8 align=0 offset=1 on memory 0.
  Expr e = decode_body(cat({{0x28, 0x42, 0x03}, uleb(uint64_t(1) << 40), {0x3c, 0x00, 0x01}}));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].memarg(), (MemArg{uint64_t(1) << 40, 3, 2, 0}));
  EXPECT_EQ(e[1].memarg(), (MemArg{1, 0, 0, 0}));
  EXPECT_EQ(body_error({0x28, 0x80, 0x01, 0x00}), "malformed memop flags");
}

TEST(Instructions, IndexPairsAreStoredInTextOrder) {
  Bytes code = {0x00,
                0x11, 0x05, 0x02,                 // call_indirect type 5, table 2
                0xfc, 0x0c, 0x07, 0x01,           // table.init elem 7, table 1
                0xfc, 0x08, 0x04, 0x00,           // memory.init data 4, memory 0
                0xfc, 0x0e, 0x01, 0x02,           // table.copy dst 1, src 2
                0xfb, 0x02, 0x03, 0x04,           // struct.get type 3, field 4
                0x0b};
  // memory.init needs a data count section.
  Expr e = body_of(module({section(1, vec({{0x60, 0x00, 0x00}})), section(3, vec({{0x00}})),
                           section(12, {0x00}), section(10, vec({cat({uleb(code.size()), code})}))}));
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].pair(), (IndexPair{2, 5}));
  EXPECT_EQ(e[1].pair(), (IndexPair{1, 7}));
  EXPECT_EQ(e[2].pair(), (IndexPair{0, 4}));
  EXPECT_EQ(e[3].pair(), (IndexPair{1, 2}));
  EXPECT_EQ(e[4].pair(), (IndexPair{3, 4}));
}

TEST(Instructions, DataIndicesInCodeRequireADataCountSection) {
  EXPECT_EQ(body_error({0xfc, 0x08, 0x00, 0x00}), "data count section required");  // memory.init
  EXPECT_EQ(body_error({0xfc, 0x09, 0x00}), "data count section required");        // data.drop
  EXPECT_EQ(body_error({0xfb, 0x09, 0x00, 0x00}), "data count section required");  // array.new_data
  EXPECT_EQ(body_error({0xfb, 0x12, 0x00, 0x00}), "data count section required");  // array.init_data
}

TEST(Instructions, BrTableAndSelectT) {
  Expr e = decode_body({0x02, 0x40, 0x41, 0x00, 0x0e, 0x02, 0x00, 0x00, 0x00, 0x0b,
                        0x1c, 0x01, 0x7e});
  ASSERT_EQ(e.size(), 2u);
  const BrTableImm& bt = e[0].block().body.at(1).br_table();
  EXPECT_EQ(bt.labels, (std::vector<LabelIdx>{0, 0}));
  EXPECT_EQ(bt.default_label, 0u);
  EXPECT_EQ(e[1].op, Opcode::SelectT);
  EXPECT_EQ(e[1].select_types(), (std::vector<ValType>{ValType::i64()}));
}

TEST(Instructions, ReferenceInstructions) {
  Expr e = decode_body({0xd0, 0x6f, 0xd0, 0x03, 0xfb, 0x14, 0x6e, 0xfb, 0x17, 0x02,
                        0xfb, 0x18, 0x02, 0x00, 0x70, 0x00});
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].heap_type(), (HeapType{HeapKind::Extern, false, 0}));
  EXPECT_EQ(e[1].heap_type(), (HeapType{HeapKind::Index, false, 3}));
  EXPECT_EQ(e[2].op, Opcode::RefTest);
  EXPECT_EQ(e[2].ref_type(), (RefType{false, {HeapKind::Any, false, 0}}));
  EXPECT_EQ(e[3].op, Opcode::RefCastNull);
  EXPECT_EQ(e[3].ref_type(), (RefType{true, {HeapKind::Index, false, 2}}));
  EXPECT_EQ(e[4].op, Opcode::BrOnCast);
  EXPECT_EQ(e[4].br_on_cast().from, (RefType{false, {HeapKind::Func, false, 0}}));
  EXPECT_EQ(e[4].br_on_cast().to, (RefType{true, {HeapKind::Index, false, 0}}));
  EXPECT_EQ(body_error({0xfb, 0x18, 0x04, 0x00, 0x70, 0x70}), "malformed br_on_cast flags");
}

TEST(Instructions, VectorImmediates) {
  Bytes v128 = {0xfd, 0x0c};
  for (int i = 0; i < 16; ++i) v128.push_back(uint8_t(i * 17));
  Bytes shuffle = {0xfd, 0x0d};
  for (int i = 0; i < 16; ++i) shuffle.push_back(uint8_t(31 - i));
  Expr e = decode_body(cat({v128, {0xfd, 0x15, 0x0f},  // i8x16.extract_lane_s 15
                            {0xfd, 0x54, 0x00, 0x00, 0x03},  // v128.load8_lane lane 3
                            shuffle, {0xfd, 0x80, 0x02}}));  // relaxed swizzle (0x100)
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].v128()[1], 17);
  EXPECT_EQ(e[1].index(), 15u);
  EXPECT_EQ(e[2].memarg().lane, 3);
  EXPECT_EQ(e[3].v128()[0], 31);
  EXPECT_EQ(e[4].op, Opcode::I8x16RelaxedSwizzle);
}

TEST(Instructions, AtomicsAndFence) {
  Expr e = decode_body({0xfe, 0x03, 0x00, 0x41, 0x00, 0xfe, 0x10, 0x02, 0x08, 0x1a});
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].op, Opcode::AtomicFence);
  EXPECT_EQ(e[2].op, Opcode::I32AtomicLoad);
  EXPECT_EQ(e[2].memarg().offset, 8u);
  EXPECT_EQ(body_error({0xfe, 0x03, 0x01}), "zero byte expected");
}

TEST(Instructions, IllegalOpcodes) {
  EXPECT_EQ(body_error({0xff}), "illegal opcode ff");
  EXPECT_EQ(body_error({0x07, 0x00}), "illegal opcode 07");
  EXPECT_EQ(body_error({0x27}), "illegal opcode 27");
  EXPECT_EQ(body_error({0xfb, 0x7f}), "illegal opcode fb 7f");
  EXPECT_EQ(body_error({0xfc, 0x12}), "illegal opcode fc 12");
  EXPECT_EQ(body_error({0xfd, 0x9a, 0x01}), "illegal opcode 9a");  // as decode.ml prints it
  EXPECT_EQ(body_error({0xfe, 0x7f}), "illegal opcode fe 7f");
  EXPECT_EQ(body_error({0xfc, 0x80, 0x80, 0x80, 0x80, 0x10}), "integer too large");
}

TEST(Instructions, BlocksNest) {
  // block (result i32) loop (type 0) i32.const 1 end end
  Expr e = decode_body({0x02, 0x7f, 0x03, 0x00, 0x41, 0x01, 0x0b, 0x0b, 0x1a});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].op, Opcode::Block);
  EXPECT_EQ(e[0].block().type.kind, BlockType::Kind::Value);
  EXPECT_EQ(e[0].block().type.value, ValType::i32());
  const Instr& loop = e[0].block().body.at(0);
  EXPECT_EQ(loop.op, Opcode::Loop);
  EXPECT_EQ(loop.block().type.kind, BlockType::Kind::Index);
  EXPECT_EQ(loop.block().type.index, 0u);
  EXPECT_EQ(loop.block().body.at(0).op, Opcode::I32Const);
  EXPECT_EQ(e[0].at.end - e[0].at.begin, 8u);  // from `block` to its `end`
}

TEST(Instructions, IfElse) {
  Expr e = decode_body({0x41, 0x01, 0x04, 0x40, 0x01, 0x05, 0x00, 0x0b, 0x04, 0x40, 0x0b});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[1].block().body, (Expr{Instr{Opcode::Nop, {}, {}}}));
  EXPECT_EQ(e[1].block().else_body, (Expr{Instr{Opcode::Unreachable, {}, {}}}));
  EXPECT_TRUE(e[2].block().else_body.empty());
}

TEST(Instructions, MisplacedElseAndMissingEnd) {
  EXPECT_EQ(body_error({0x05}), "END opcode expected");
  EXPECT_EQ(body_error({0x02, 0x40, 0x05, 0x0b}), "END opcode expected");
  EXPECT_EQ(body_error({0x04, 0x40, 0x05, 0x05, 0x0b}), "END opcode expected");
  EXPECT_EQ(error_of(function_module({0x00, 0x02, 0x40, 0x0b})),
            "unexpected end of section or function");
}

TEST(Instructions, TryTable) {
  // try_table (catch 1 0) (catch_ref 2 0) (catch_all 1) (catch_all_ref 0) end
  Expr e = decode_body({0x1f, 0x40, 0x04, 0x00, 0x01, 0x00, 0x01, 0x02, 0x00, 0x02, 0x01,
                        0x03, 0x00, 0x00, 0x0b});
  ASSERT_EQ(e.size(), 1u);
  const TryTableImm& t = e[0].try_table();
  ASSERT_EQ(t.catches.size(), 4u);
  EXPECT_EQ(t.catches[0], (Catch{CatchKind::Catch, 1, 0}));
  EXPECT_EQ(t.catches[1], (Catch{CatchKind::CatchRef, 2, 0}));
  EXPECT_EQ(t.catches[2], (Catch{CatchKind::CatchAll, 0, 1}));
  EXPECT_EQ(t.catches[3], (Catch{CatchKind::CatchAllRef, 0, 0}));
  EXPECT_EQ(t.body.size(), 1u);
  EXPECT_EQ(body_error({0x1f, 0x40, 0x01, 0x04, 0x00, 0x0b}), "malformed catch clause");
}

TEST(Instructions, LegacyTryCatch) {
  // try nop catch 0 drop catch 1 catch_all unreachable end
  Expr e = decode_body({0x06, 0x40, 0x01, 0x07, 0x00, 0x1a, 0x07, 0x01, 0x19, 0x00, 0x0b});
  ASSERT_EQ(e.size(), 1u);
  const TryImm& t = e[0].try_();
  EXPECT_EQ(t.body.size(), 1u);
  ASSERT_EQ(t.catches.size(), 2u);
  EXPECT_EQ(t.catches[0].tag, 0u);
  EXPECT_EQ(t.catches[0].body.size(), 1u);
  EXPECT_EQ(t.catches[1].tag, 1u);
  EXPECT_TRUE(t.catches[1].body.empty());
  ASSERT_TRUE(t.catch_all.has_value());
  EXPECT_EQ(t.catch_all->size(), 1u);
  EXPECT_FALSE(t.delegate.has_value());
  // A catch after catch_all, or a delegate after a catch, ends nothing.
  EXPECT_EQ(body_error({0x06, 0x40, 0x19, 0x07, 0x00, 0x0b}), "END opcode expected");
  EXPECT_EQ(body_error({0x06, 0x40, 0x07, 0x00, 0x18, 0x00}), "END opcode expected");
}

TEST(Instructions, LegacyTryDelegate) {
  // block try nop delegate 0 end
  Expr e = decode_body({0x02, 0x40, 0x06, 0x40, 0x01, 0x18, 0x00, 0x0b});
  ASSERT_EQ(e.size(), 1u);
  const TryImm& t = e[0].block().body.at(0).try_();
  EXPECT_EQ(t.delegate, 0u);
  EXPECT_EQ(t.body.size(), 1u);
  // Outside a try, catch and delegate are illegal opcodes, as in decode.ml.
  EXPECT_EQ(body_error({0x18, 0x00}), "illegal opcode 18");
  EXPECT_EQ(body_error({0x19}), "illegal opcode 19");
}

TEST(Instructions, BlockTypes) {
  EXPECT_EQ(body_error({0x02, 0x7a, 0x0b}), "malformed reference type");
  Expr e = decode_body({0x02, 0x64, 0x70, 0x0b, 0x02, 0x80, 0x01, 0x0b});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].block().type.value, ValType::ref_of(false, HeapKind::Func));
  EXPECT_EQ(e[1].block().type.index, 128u);
}

TEST(Instructions, DeepNestingIsAnErrorNotACrash) {
  Bytes deep;
  for (int i = 0; i < 1000000; ++i) deep.insert(deep.end(), {0x02, 0x40});
  EXPECT_EQ(body_error(deep), "too deeply nested blocks");
}

TEST(Instructions, NestingUpToTheLimitDecodes) {
  Bytes nested;
  for (int i = 0; i < 5000; ++i) nested.insert(nested.end(), {0x02, 0x40});
  for (int i = 0; i < 5000; ++i) nested.push_back(0x0b);
  Expr e = decode_body(nested);
  ASSERT_EQ(e.size(), 1u);
  size_t depth = 0;
  for (const Expr* x = &e; !x->empty(); x = &x->at(0).block().body) ++depth;
  EXPECT_EQ(depth, 5000u);
}

}  // namespace
}  // namespace wasm::binary
