// The opcode table: lookups by encoding and by mnemonic agree with the rows.
#include "spec/opcode.h"

#include <gtest/gtest.h>

namespace wasm {
namespace {

TEST(OpcodeTable, EveryRowIsFoundByItsEncoding) {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    const OpInfo& row = kOpInfo[i];
    auto op = opcode_from_code(row.prefix, row.code);
    ASSERT_TRUE(op.has_value()) << row.text;
    EXPECT_EQ(size_t(*op), i) << row.text;
  }
}

TEST(OpcodeTable, EveryMnemonicIsFoundAndNamesAPairedRowOnlyForSelectAndCasts) {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    const OpInfo& row = kOpInfo[i];
    auto op = opcode_from_text(row.text);
    ASSERT_TRUE(op.has_value()) << row.text;
    if (size_t(*op) != i) {
      EXPECT_TRUE(row.imm == Imm::SelectT || row.imm == Imm::RefTypeNull) << row.text;
      EXPECT_EQ(info(*op).text, row.text);
    }
  }
}

TEST(OpcodeTable, UnknownEncodingsAndMnemonicsAreRejected) {
  EXPECT_FALSE(opcode_from_code(0x00, 0x05).has_value());
  EXPECT_FALSE(opcode_from_code(0xFD, 154).has_value());
  EXPECT_FALSE(opcode_from_code(0xFF, 0).has_value());
  EXPECT_FALSE(opcode_from_text("i32.frobnicate").has_value());
  EXPECT_FALSE(opcode_from_text("").has_value());
}

TEST(OpcodeTable, SpotChecksAgainstTheSpec) {
  EXPECT_EQ(info(Opcode::I32Add).code, 0x6Au);
  EXPECT_EQ(info(Opcode::I32Add).sig, "ii>i");
  EXPECT_EQ(info(Opcode::MemoryFill).prefix, 0xFC);
  EXPECT_EQ(info(Opcode::MemoryFill).code, 11u);
  EXPECT_EQ(info(Opcode::I64Load32U).align, 2);
  EXPECT_EQ(info(Opcode::F64x2ConvertLowI32x4U).code, 255u);
  EXPECT_EQ(info(Opcode::I32x4RelaxedDotI8x16I7x16AddS).code, 0x113u);
  EXPECT_EQ(info(Opcode::I64AtomicRmw32CmpxchgU).code, 0x4Eu);
  EXPECT_EQ(*opcode_from_text("br_on_cast_fail"), Opcode::BrOnCastFail);
}

}  // namespace
}  // namespace wasm
