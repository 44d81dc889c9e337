// Instruction validation: one focused test per suite message (valid/instructions.rst).
#include <deque>

#include "tests/spec/valid_fixture.h"

namespace wasm::test {
namespace {

using O = Opcode;

TEST_F(ValidTest, AcceptsSimpleArithmetic) {
  add_func({i32(), i32()}, {i32()}, {idx(O::LocalGet, 0), idx(O::LocalGet, 1), op(O::I32Add)});
  expect_valid();
}

TEST_F(ValidTest, TypeMismatchReportsRequiredAndActual) {
  add_func({}, {}, {i64c(1), idx(O::Throw, 0)});
  m.tags.push_back(Tag{add_functype({i32()}, {}), {}});
  expect_invalid("type mismatch: instruction requires [i32] but stack has [i64]");
}

TEST_F(ValidTest, TypeMismatchOnEmptyStack) {
  m.tags.push_back(Tag{add_functype({i32()}, {}), {}});
  add_func({}, {}, {idx(O::Throw, 0)});
  expect_invalid("type mismatch: instruction requires [i32] but stack has []");
}

TEST_F(ValidTest, BlockWithLeftoverValues) {
  add_func({}, {}, {block(O::Block, bt_none(), {i32c(1)})});
  expect_invalid("type mismatch: block requires [] but stack has [i32]");
}

TEST_F(ValidTest, FunctionResultMissing) {
  add_func({}, {i32()}, {});
  expect_invalid("type mismatch: instruction requires [i32] but stack has []");
}

TEST_F(ValidTest, UnreachableMakesStackPolymorphic) {
  add_func({}, {i32()}, {op(O::Unreachable), op(O::I32Add)});
  add_func({}, {}, {op(O::Unreachable), op(O::Select), op(O::Drop)});
  expect_valid();
}

TEST_F(ValidTest, UnreachableStillChecksKnownOperands) {
  add_func({}, {i32()}, {op(O::Unreachable), i64c(0), op(O::I32Add)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, UnknownLocal) {
  add_func({}, {}, {idx(O::LocalGet, 2), op(O::Drop)});
  expect_invalid("unknown local 2");
}

TEST_F(ValidTest, UninitializedNonDefaultableLocal) {
  TypeIdx s = add_type(struct_sub({}));
  add_func({}, {}, {idx(O::LocalGet, 0), op(O::Drop)}, {ref_idx(false, s)});
  expect_invalid("uninitialized local");
}

TEST_F(ValidTest, LocalInitialisationEndsWithTheBlock) {
  TypeIdx s = add_type(struct_sub({}));
  add_func({}, {},
           {block(O::Block, bt_none(),
                  {idx(O::StructNewDefault, s), idx(O::LocalSet, 0), idx(O::LocalGet, 0),
                   op(O::Drop)}),
            idx(O::LocalGet, 0), op(O::Drop)},
           {ref_idx(false, s)});
  expect_invalid("uninitialized local 0");
}

TEST_F(ValidTest, LocalSetInitialisesForTheRestOfTheBlock) {
  TypeIdx s = add_type(struct_sub({}));
  add_func({}, {},
           {idx(O::StructNewDefault, s), idx(O::LocalTee, 0), op(O::Drop),
            block(O::Block, bt_none(), {idx(O::LocalGet, 0), op(O::Drop)})},
           {ref_idx(false, s)});
  expect_valid();
}

TEST_F(ValidTest, UnknownGlobal) {
  add_func({}, {}, {idx(O::GlobalGet, 0), op(O::Drop)});
  expect_invalid("unknown global 0");
}

TEST_F(ValidTest, ImmutableGlobal) {
  add_global(i32(), Mut::Const, {i32c(0)});
  add_func({}, {}, {i32c(1), idx(O::GlobalSet, 0)});
  expect_invalid("immutable global");
}

TEST_F(ValidTest, UnknownLabel) {
  add_func({}, {}, {block(O::Block, bt_none(), {idx(O::Br, 2)})});
  expect_invalid("unknown label 2");
}

TEST_F(ValidTest, LoopLabelTakesParameters) {
  TypeIdx t = add_functype({i32()}, {});
  add_func({}, {}, {i32c(0), block(O::Loop, bt_idx(t), {idx(O::Br, 0)})});
  expect_valid();
}

TEST_F(ValidTest, IfWithoutElseMustNotChangeTypes) {
  add_func({}, {i32()}, {i32c(1), block(O::If, bt_val(i32()), {i32c(2)})});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, IfElseBothBranchesChecked) {
  add_func({}, {i32()}, {i32c(1), block(O::If, bt_val(i32()), {i32c(2)}, {i32c(3)})});
  expect_valid();
}

TEST_F(ValidTest, BrTableArityMismatch) {
  add_func({}, {i32()},
           {block(O::Block, bt_none(),
                  {i32c(0), i32c(0),
                   op(O::BrTable, Box<BrTableImm>(BrTableImm{{0}, 1}))}),
            i32c(0)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, BrTableUnderPolymorphicStack) {
  add_func({}, {i32()},
           {op(O::Unreachable), op(O::BrTable, Box<BrTableImm>(BrTableImm{{0}, 0}))});
  expect_valid();
}

TEST_F(ValidTest, UnknownFunction) {
  add_func({}, {}, {idx(O::Call, 7)});
  expect_invalid("unknown function 7");
}

TEST_F(ValidTest, UnknownType) {
  add_func({}, {}, {block(O::Block, bt_idx(9), {})});
  expect_invalid("unknown type 9");
}

TEST_F(ValidTest, ReturnCallResultMismatch) {
  FuncIdx callee = add_func({}, {i64()}, {i64c(0)});
  add_func({}, {i32()}, {idx(O::ReturnCall, callee)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, ReturnCallIsStackPolymorphic) {
  FuncIdx callee = add_func({}, {i32()}, {i32c(0)});
  add_func({}, {i32()}, {idx(O::ReturnCall, callee), op(O::I32Add)});
  expect_valid();
}

TEST_F(ValidTest, CallIndirectNeedsFunctionTable) {
  add_table(RefType{true, {HeapKind::Extern, false, 0}});
  TypeIdx t = add_functype({}, {});
  add_func(t, {i32c(0), pair(O::CallIndirect, 0, t)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, UnknownTable) {
  add_func({}, {}, {i32c(0), idx(O::TableGet, 0), op(O::Drop)});
  expect_invalid("unknown table 0");
}

TEST_F(ValidTest, UnknownMemory) {
  add_func({}, {}, {i32c(0), memop(O::I32Load, 2), op(O::Drop)});
  expect_invalid("unknown memory 0");
}

TEST_F(ValidTest, MultipleMemoriesAreValid) {
  add_memory(1);
  add_memory(1, {}, AddrType::I64);
  add_func({}, {}, {i64c(0), memop(O::I32Load, 2, 0, 1), op(O::Drop)});
  expect_valid();
}

TEST_F(ValidTest, Memory64UsesI64Addresses) {
  add_memory(1, {}, AddrType::I64);
  add_func({}, {}, {i32c(0), memop(O::I32Load, 2), op(O::Drop)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, AlignmentLargerThanNatural) {
  add_memory(1);
  add_func({}, {}, {i32c(0), memop(O::I32Load8U, 1), op(O::Drop)});
  expect_invalid("alignment must not be larger than natural");
}

TEST_F(ValidTest, AtomicAlignmentMustBeNatural) {
  add_memory(1, 1, AddrType::I32, true);
  add_func({}, {}, {i32c(0), memop(O::I32AtomicLoad, 1), op(O::Drop)});
  expect_invalid("atomic alignment must be natural");
}

TEST_F(ValidTest, OffsetOutOfRange) {
  add_memory(1);
  add_func({}, {}, {i32c(0), memop(O::I32Load, 2, 0x1'0000'0000), op(O::Drop)});
  expect_invalid("offset out of range");
}

TEST_F(ValidTest, InvalidLaneIndex) {
  add_func({}, {}, {op(O::V128Const, V128Bytes{}), idx(O::I32x4ExtractLane, 4), op(O::Drop)});
  expect_invalid("invalid lane index");
}

TEST_F(ValidTest, InvalidLaneIndexOfLoadLane) {
  add_memory(1);
  add_func({}, {},
           {i32c(0), op(O::V128Const, V128Bytes{}), memop(O::V128Load64Lane, 3, 0, 0, 2),
            op(O::Drop)});
  expect_invalid("invalid lane index");
}

TEST_F(ValidTest, InvalidShuffleLane) {
  V128Bytes lanes{};
  lanes[3] = 32;
  add_func({}, {},
           {op(O::V128Const, V128Bytes{}), op(O::V128Const, V128Bytes{}),
            op(O::I8x16Shuffle, lanes), op(O::Drop)});
  expect_invalid("invalid lane index");
}

TEST_F(ValidTest, UnknownDataSegment) {
  add_memory(1);
  add_func({}, {}, {idx(O::DataDrop, 1)});
  expect_invalid("unknown data segment 1");
}

TEST_F(ValidTest, UnknownElemSegment) {
  add_func({}, {}, {idx(O::ElemDrop, 4)});
  expect_invalid("unknown elem segment 4");
}

TEST_F(ValidTest, UnknownTag) {
  add_func({}, {}, {idx(O::Throw, 0)});
  expect_invalid("unknown tag 0");
}

TEST_F(ValidTest, InvalidResultArityOfSelect) {
  add_func({}, {},
           {i32c(0), i32c(0), i32c(0),
            op(O::SelectT, Box<std::vector<ValType>>(std::vector<ValType>{i32(), i32()}))});
  expect_invalid("invalid result arity");
}

TEST_F(ValidTest, SelectRejectsReferencesWithoutType) {
  add_func({}, {},
           {op(O::RefNull, HeapType{HeapKind::Func, false, 0}),
            op(O::RefNull, HeapType{HeapKind::Func, false, 0}), i32c(0), op(O::Select),
            op(O::Drop)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, UndeclaredFunctionReference) {
  FuncIdx f = add_func({}, {}, {});
  add_func({}, {}, {idx(O::RefFunc, f), op(O::Drop)});
  expect_invalid("undeclared function reference");
}

TEST_F(ValidTest, DeclaredFunctionReferenceViaExport) {
  FuncIdx f = add_func({}, {}, {});
  add_func({}, {}, {idx(O::RefFunc, f), op(O::Drop)});
  add_export("f", ExternKind::Func, f);
  expect_valid();
}

TEST_F(ValidTest, ImmutableArray) {
  TypeIdx a = add_type(array_sub(FieldType{i32(), Mut::Const}));
  add_func({ref_idx(true, a)}, {}, {idx(O::LocalGet, 0), i32c(0), i32c(1), idx(O::ArraySet, a)});
  expect_invalid("immutable array");
}

TEST_F(ValidTest, ImmutableField) {
  TypeIdx s = add_type(struct_sub({FieldType{i32(), Mut::Const}}));
  add_func({ref_idx(true, s)}, {}, {idx(O::LocalGet, 0), i32c(1), pair(O::StructSet, s, 0)});
  expect_invalid("immutable field");
}

TEST_F(ValidTest, ArrayTypesDoNotMatch) {
  TypeIdx a = add_type(array_sub(FieldType{i32(), Mut::Var}));
  TypeIdx b = add_type(array_sub(FieldType{i64(), Mut::Var}));
  add_func({ref_idx(true, a), ref_idx(true, b)}, {},
           {idx(O::LocalGet, 0), i32c(0), idx(O::LocalGet, 1), i32c(0), i32c(0),
            pair(O::ArrayCopy, a, b)});
  expect_invalid("array types do not match");
}

TEST_F(ValidTest, ArrayTypeIsNotNumericOrVector) {
  TypeIdx a = add_type(array_sub(FieldType{ref(true, HeapKind::Func), Mut::Var}));
  add_memory(1);
  m.datas.push_back(Data{});
  add_func({}, {}, {i32c(0), i32c(0), pair(O::ArrayNewData, a, 0), op(O::Drop)});
  expect_invalid("array type is not numeric or vector");
}

TEST_F(ValidTest, PackedFieldNeedsSignedness) {
  TypeIdx s = add_type(struct_sub({FieldType{ValType::i8(), Mut::Var}}));
  add_func({ref_idx(true, s)}, {i32()}, {idx(O::LocalGet, 0), pair(O::StructGet, s, 0)});
  expect_invalid("field is packed");
}

TEST_F(ValidTest, StructSubtypingOnOperands) {
  TypeIdx base = add_type(struct_sub({FieldType{i32(), Mut::Const}}, false));
  TypeIdx sub = add_type(struct_sub({FieldType{i32(), Mut::Const}, FieldType{i64(), Mut::Var}},
                                    true, {base}));
  add_func({ref_idx(false, sub)}, {i32()}, {idx(O::LocalGet, 0), pair(O::StructGet, base, 0)});
  expect_valid();
}

TEST_F(ValidTest, RefCastResultAndBrOnCast) {
  TypeIdx s = add_type(struct_sub({}));
  TypeIdx t = add_functype({}, {ref_idx(true, s)});
  add_func(t, {block(O::Block, bt_val(ref(true, HeapKind::Any)),
                     {op(O::RefNull, HeapType{HeapKind::Any, false, 0}),
                      op(O::BrOnCast,
                         Box<BrOnCastImm>(BrOnCastImm{1, RefType{true, {HeapKind::Any, false, 0}},
                                                      RefType{true,
                                                              {HeapKind::Index, false, s}}}))}),
               op(O::Drop), op(O::RefNull, HeapType{HeapKind::None, false, 0})});
  expect_valid();
}

TEST_F(ValidTest, BrOnCastTargetMustMatchSource) {
  add_func({}, {},
           {op(O::RefNull, HeapType{HeapKind::Any, false, 0}),
            op(O::BrOnCast,
               Box<BrOnCastImm>(BrOnCastImm{0, RefType{true, {HeapKind::Any, false, 0}},
                                            RefType{true, {HeapKind::Func, false, 0}}})),
            op(O::Drop)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, TryTableCatchMustMatchLabel) {
  TypeIdx tg = add_functype({i32()}, {});
  m.tags.push_back(Tag{tg, {}});
  TryTableImm t{bt_none(), {Catch{CatchKind::Catch, 0, 0}}, {}};
  add_func({}, {}, {op(O::TryTable, Box<TryTableImm>(t))});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, TryTableCatchRefToBlockOfExnref) {
  TypeIdx tg = add_functype({i32()}, {});
  m.tags.push_back(Tag{tg, {}});
  TryTableImm t{bt_none(), {Catch{CatchKind::CatchRef, 0, 0}}, {}};
  add_func({}, {},
           {block(O::Block, bt_idx(add_functype({}, {i32(), ref(false, HeapKind::Exn)})),
                  {op(O::TryTable, Box<TryTableImm>(t)), op(O::Unreachable)}),
            op(O::ThrowRef)});
  expect_valid();
}

TEST_F(ValidTest, LegacyCatchBodyLeftover) {
  m.tags.push_back(Tag{add_functype({}, {}), {}});
  TryImm t{bt_none(), {}, {LegacyCatch{0, {i32c(42)}}}, {}, {}};
  add_func({}, {}, {op(O::Try, Box<TryImm>(t))});
  expect_invalid("type mismatch: block requires [] but stack has [i32]");
}

TEST_F(ValidTest, LegacyRethrowNeedsCatchLabel) {
  add_func({}, {}, {block(O::Block, bt_none(), {idx(O::Rethrow, 0)})});
  expect_invalid("invalid rethrow label");
}

TEST_F(ValidTest, LegacyRethrowInsideCatchAll) {
  TryImm t{bt_none(), {}, {}, Expr{idx(O::Rethrow, 0)}, {}};
  add_func({}, {}, {op(O::Try, Box<TryImm>(t))});
  expect_valid();
}

TEST_F(ValidTest, LegacyDelegateLabelIsOutsideTheTry) {
  TryImm t{bt_none(), {}, {}, {}, LabelIdx{1}};
  add_func({}, {}, {op(O::Try, Box<TryImm>(t))});
  expect_invalid("unknown label");
}

TEST_F(ValidTest, DeepNestingDoesNotRecurse) {
  Expr body;
  for (int i = 0; i < 200000; ++i) {
    Expr outer;
    outer.push_back(block(O::Block, bt_none(), std::move(body)));
    body = std::move(outer);
  }
  add_func({}, {}, std::move(body));
  expect_valid();
  // Destroying the nested AST recurses in the AST's destructors, which is the AST's business;
  // flatten it iteratively here so that the test itself stays within the stack.
  Expr* level = &m.funcs[0].body;
  std::deque<Expr> chain;  // a deque: pointers to its elements stay valid
  while (!level->empty()) {
    chain.push_back(std::move(std::get<Box<BlockImm>>((*level)[0].imm)->body));
    level = &chain.back();
  }
  m.funcs.clear();
  while (!chain.empty()) chain.pop_back();
}

}  // namespace
}  // namespace wasm::test

namespace wasm::test {
namespace {

TEST_F(ValidTest, ImmediateOfTheWrongKindIsReportedNotThrown) {
  add_func({}, {}, {Instr{Opcode::LocalGet, std::monostate{}, {}}});
  expect_invalid("malformed immediate");
}

}  // namespace
}  // namespace wasm::test
