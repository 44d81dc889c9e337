// Exact-text tests of the printer (text/print.cpp, print_types.cpp, print_instructions.cpp) on
// hand-built ASTs.
#include "text/print.h"

#include <gtest/gtest.h>

#include "text/printer.h"

namespace wasm::text {
namespace {

Instr make(Opcode op, Immediate imm = {}) { return Instr{op, std::move(imm), {}}; }

TypeDef func_type(ResultType params, ResultType results) {
  SubType s;
  s.comp.kind = CompKind::Func;
  s.comp.func = {std::move(params), std::move(results)};
  TypeDef t;
  t.rec.subtypes = {s};
  return t;
}

const ValType kI32 = ValType::i32();
const RefType kFuncRef{true, {HeapKind::Func, false, 0}};
const RefType kRefFunc{false, {HeapKind::Func, false, 0}};

TEST(PrintModule, EmptyModule) { EXPECT_EQ(print_module(Module{}), "(module\n)\n"); }

TEST(PrintModule, FunctionsUseExplicitTypeIndices) {
  Module m;
  m.types = {func_type({kI32, ValType::f64()}, {ValType::i64()})};
  BlockImm then{BlockType{BlockType::Kind::Value, kI32, 0},
                {make(Opcode::I32Const, uint64_t(1))},
                {make(Opcode::I32Const, uint64_t(0xFFFFFFFF))}};
  m.funcs = {Func{0,
                  {kI32, kI32},
                  {make(Opcode::LocalGet, uint32_t(0)), make(Opcode::If, Box<BlockImm>(then)),
                   make(Opcode::Drop)},
                  {}}};
  EXPECT_EQ(print_module(m),
            "(module\n"
            "  (type (func (param i32 f64) (result i64)))\n"
            "  (func (type 0)\n"
            "    (local i32 i32)\n"
            "    local.get 0\n"
            "    if (result i32)\n"
            "      i32.const 1\n"
            "    else\n"
            "      i32.const -1\n"
            "    end\n"
            "    drop\n"
            "  )\n"
            ")\n");
}

TEST(PrintModule, TypesRecSubAndDescriptors) {
  TypeDef t;
  t.rec.explicit_rec = true;
  t.rec.subtypes.resize(3);
  t.rec.subtypes[0].final = false;
  t.rec.subtypes[0].comp.kind = CompKind::Struct;
  t.rec.subtypes[0].comp.struct_.fields = {
      FieldType{ValType::i8(), Mut::Var},
      FieldType{ValType::ref_of(RefType{true, {HeapKind::Index, false, 1}}), Mut::Const}};
  t.rec.subtypes[1].explicit_sub = true;
  t.rec.subtypes[1].supers = {0};
  t.rec.subtypes[1].comp.kind = CompKind::Array;
  t.rec.subtypes[1].comp.array.field = FieldType{ValType::i16(), Mut::Var};
  t.rec.subtypes[2].describes = 0;
  t.rec.subtypes[2].descriptor = 1;
  t.rec.subtypes[2].comp.kind = CompKind::Struct;
  EXPECT_EQ(typedef_text(t, "  "),
            "(rec\n"
            "    (type (sub (struct (field (mut i8)) (field (ref null 1)))))\n"
            "    (type (sub final 0 (array (mut i16))))\n"
            "    (type (describes 0) (descriptor 1) (struct)))");
  TypeDef exact;
  exact.rec.subtypes.resize(1);
  exact.rec.subtypes[0].explicit_sub = true;
  exact.rec.subtypes[0].comp.func.results = {
      ValType::ref_of(RefType{false, {HeapKind::Index, true, 0}})};
  EXPECT_EQ(typedef_text(exact, ""), "(type (sub final (func (result (ref (exact 0))))))");
}

TEST(PrintModule, ExactFunctionImport) {  // custom-descriptors
  Module m;
  m.types = {func_type({}, {})};
  ExternType f{ExternKind::Func, 0, {}, {}, {}};
  f.exact = true;
  m.imports = {Import{"m", "f", f, {}}};
  EXPECT_NE(print_module(m).find("(import \"m\" \"f\" (func (exact (type 0))))"), std::string::npos)
      << print_module(m);
}

TEST(PrintModule, ImportsAndDefinitions) {
  Module m;
  m.types = {func_type({}, {})};
  m.imports = {
      Import{"m", "f", ExternType{ExternKind::Func, 0, {}, {}, {}}, {}},
      Import{"m",
             "t",
             ExternType{ExternKind::Table, 0, TableType{AddrType::I64, {1, 2}, kFuncRef}, {}, {}},
             {}},
      Import{"m",
             "mem",
             ExternType{ExternKind::Memory, 0, {}, MemType{AddrType::I32, {1, 2}, true, 0}, {}},
             {}},
      Import{"m", "g", ExternType{ExternKind::Global, 0, {}, {}, GlobalType{kI32, Mut::Var}}, {}},
      Import{"m", "e", ExternType{ExternKind::Tag, 0, {}, {}, {}}, {}}};
  m.tables = {Table{TableType{AddrType::I32, {1, std::nullopt}, kRefFunc},
                    Expr{make(Opcode::RefFunc, uint32_t(0))},
                    {}}};
  m.memories = {Memory{MemType{AddrType::I64, {0, std::nullopt}, false, std::nullopt}, {}}};
  m.tags = {Tag{0, {}}};
  m.globals = {Global{
      GlobalType{ValType::f32(), Mut::Const}, {make(Opcode::F32Const, uint64_t(0x3FC00000))}, {}}};
  m.exports = {Export{"x\"y", ExternKind::Memory, 0, {}}};
  m.start = 0;
  EXPECT_EQ(print_module(m),
            "(module\n"
            "  (type (func))\n"
            "  (import \"m\" \"f\" (func (type 0)))\n"
            "  (import \"m\" \"t\" (table i64 1 2 funcref))\n"
            "  (import \"m\" \"mem\" (memory 1 2 shared (pagesize 1)))\n"
            "  (import \"m\" \"g\" (global (mut i32)))\n"
            "  (import \"m\" \"e\" (tag (type 0)))\n"
            "  (table 1 (ref func) ref.func 0)\n"
            "  (memory i64 0)\n"
            "  (tag (type 0))\n"
            "  (global f32 f32.const 1.5)\n"
            "  (export \"x\\22y\" (memory 0))\n"
            "  (start 0)\n"
            ")\n");
}

TEST(PrintModule, Segments) {
  Module m;
  Expr off = {make(Opcode::I32Const, uint64_t(4))};
  m.elems = {
      Elem{
          SegmentMode::Active, 1, off, kRefFunc, {{make(Opcode::RefFunc, uint32_t(2))}}, false, {}},
      Elem{SegmentMode::Declarative, 0, {}, kFuncRef, {}, false, {}},
      Elem{
          SegmentMode::Passive, 0, {}, kFuncRef, {{make(Opcode::RefNull, HeapType{})}}, false, {}}};
  m.datas = {Data{SegmentMode::Active, 0, off, {'a', 0, 0xFF}, false, {}},
             Data{SegmentMode::Passive, 0, {}, {}, false, {}}};
  EXPECT_EQ(print_module(m),
            "(module\n"
            "  (elem (table 1) (offset i32.const 4) (ref func) (item ref.func 2))\n"
            "  (elem declare funcref)\n"
            "  (elem funcref (item ref.null func))\n"
            "  (data (memory 0) (offset i32.const 4) \"a\\00\\ff\")\n"
            "  (data \"\")\n"
            ")\n");
}

TEST(PrintModule, CustomSectionsAsAnnotations) {
  Module m;
  m.customs = {Custom{"a", {'1'}, Custom::Place::After, SectionId::Custom, {}},
               Custom{"b", {}, Custom::Place::Before, SectionId::Function, {}},
               Custom{"c", {'\n'}, Custom::Place::After, SectionId::DataCount, {}}};
  EXPECT_EQ(print_module(m),
            "(module\n"
            "  (@custom \"a\" (before first) \"1\")\n"
            "  (@custom \"b\" (before func) \"\")\n"
            "  (@custom \"c\" (after datacount) \"\\0a\")\n"
            ")\n");
}

TEST(PrintModule, ModuleLinkingInInitialOrder) {
  Module inner;
  inner.exports = {Export{"f", ExternKind::Func, 0, {}}};
  Module m;
  TypeDef mt;
  mt.kind = TypeDefKind::Module;
  mt.module.imports = {ImportType{"i", std::nullopt, ExternType{ExternKind::Func, 0, {}, {}, {}}},
                       ImportType{"j", "k", ExternType{ExternKind::Instance, 2, {}, {}, {}}}};
  mt.module.exports = {ExportType{"e", ExternType{ExternKind::Module, 1, {}, {}, {}}}};
  TypeDef it;
  it.kind = TypeDefKind::Instance;
  m.types = {func_type({}, {}), mt, it};
  m.imports = {Import{"m", std::nullopt, ExternType{ExternKind::Instance, 2, {}, {}, {}}, {}}};
  m.modules = {inner};
  m.instances = {Instance{0, {InstantiateArg{"a", ExternKind::Global, 1}}, {}}};
  m.aliases = {Alias{Alias::Kind::InstanceExport, ExternKind::Func, 0, "f", 0, 0, {}},
               Alias{Alias::Kind::Outer, ExternKind::Type, 0, "", 1, 4, {}}};
  m.initial_order = {{DefKind::Type, 1},     {DefKind::Import, 1}, {DefKind::Module, 1},
                     {DefKind::Instance, 1}, {DefKind::Alias, 2},  {DefKind::Type, 2}};
  m.exports = {Export{"i", ExternKind::Instance, 1, {}}};
  EXPECT_EQ(print_module(m),
            "(module\n"
            "  (type (func))\n"
            "  (import \"m\" (instance (type 2)))\n"
            "  (module\n"
            "    (export \"f\" (func 0))\n"
            "  )\n"
            "  (instance (instantiate 0 (import \"a\" (global 1))))\n"
            "  (alias 0 \"f\" (func))\n"
            "  (alias outer 1 4 (type))\n"
            "  (type (module\n"
            "    (import \"i\" (func (type 0)))\n"
            "    (import \"j\" \"k\" (instance (type 2)))\n"
            "    (export \"e\" (module (type 1)))))\n"
            "  (type (instance))\n"
            "  (export \"i\" (instance 1))\n"
            ")\n");
}

// ---- instructions: every Imm kind ----

TEST(PrintInstructions, ImmediatesByKind) {
  auto t = [](Instr i) { return instr_text(i); };
  EXPECT_EQ(t(make(Opcode::I32Add)), "i32.add");
  EXPECT_EQ(t(make(Opcode::Br, uint32_t(2))), "br 2");
  EXPECT_EQ(t(make(Opcode::BrTable, Box<BrTableImm>(BrTableImm{{0, 1}, 2}))), "br_table 0 1 2");
  EXPECT_EQ(t(make(Opcode::CallIndirect, IndexPair{1, 3})), "call_indirect 1 (type 3)");
  EXPECT_EQ(t(make(Opcode::SelectT, Box<std::vector<ValType>>(std::vector{kI32}))),
            "select (result i32)");
  EXPECT_EQ(t(make(Opcode::RefNull, HeapType{HeapKind::Index, false, 7})), "ref.null 7");
  EXPECT_EQ(t(make(Opcode::RefTest, RefType{false, {HeapKind::Any, false, 0}})),
            "ref.test (ref any)");
  EXPECT_EQ(t(make(Opcode::RefCastNull, RefType{true, {HeapKind::Index, false, 2}})),
            "ref.cast (ref null 2)");
  EXPECT_EQ(t(make(Opcode::BrOnCastFail,
                   Box<BrOnCastImm>(BrOnCastImm{0, RefType{true, {HeapKind::Any, false, 0}},
                                                RefType{false, {HeapKind::Eq, false, 0}}}))),
            "br_on_cast_fail 0 anyref (ref eq)");
  EXPECT_EQ(t(make(Opcode::I32Load, MemArg{0, 0, 2, 0})), "i32.load");
  EXPECT_EQ(t(make(Opcode::I64Load8S, MemArg{16, 1, 0, 0})), "i64.load8_s 1 offset=16");
  EXPECT_EQ(t(make(Opcode::F64Store, MemArg{0, 0, 1, 0})), "f64.store align=2");
  EXPECT_EQ(t(make(Opcode::V128Load32Lane, MemArg{4, 0, 2, 3})), "v128.load32_lane offset=4 3");
  EXPECT_EQ(t(make(Opcode::MemoryInit, IndexPair{1, 2})), "memory.init 1 2");
  EXPECT_EQ(t(make(Opcode::TableCopy, IndexPair{1, 2})), "table.copy 1 2");
  EXPECT_EQ(t(make(Opcode::ArrayNewFixed, IndexPair{1, 5})), "array.new_fixed 1 5");
  EXPECT_EQ(t(make(Opcode::I32Const, uint64_t(0x80000000))), "i32.const -2147483648");
  EXPECT_EQ(t(make(Opcode::I64Const, uint64_t(0x8000000000000000))),
            "i64.const -9223372036854775808");
  EXPECT_EQ(t(make(Opcode::F64Const, uint64_t(0xFFF0000000000000))), "f64.const -inf");
  V128Bytes v{};
  for (size_t k = 0; k < 16; ++k) v[k] = uint8_t(k);
  EXPECT_EQ(t(make(Opcode::V128Const, v)),
            "v128.const i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c");
  EXPECT_EQ(t(make(Opcode::I8x16Shuffle, v)),
            "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15");
  EXPECT_EQ(t(make(Opcode::I8x16ExtractLaneU, uint32_t(9))), "i8x16.extract_lane_u 9");
  EXPECT_EQ(t(make(Opcode::AtomicFence)), "atomic.fence");
}

TEST(PrintInstructions, StructuredInstructionsInFlatForm) {
  TryTableImm tt{BlockType{BlockType::Kind::Index, {}, 3},
                 {Catch{CatchKind::Catch, 1, 2}, Catch{CatchKind::CatchAllRef, 0, 0}},
                 {make(Opcode::Nop)}};
  TryImm legacy{BlockType{}, {make(Opcode::Nop)}, {LegacyCatch{4, {}}}, Expr{}, std::nullopt};
  TryImm delegate{BlockType{}, {}, {}, std::nullopt, 1};
  Expr e = {make(Opcode::TryTable, Box<TryTableImm>(tt)), make(Opcode::Try, Box<TryImm>(legacy)),
            make(Opcode::Try, Box<TryImm>(delegate))};
  EXPECT_EQ(expr_inline(e),
            "try_table (type 3) (catch 1 2) (catch_all_ref 0) nop end "
            "try nop catch 4 catch_all end try delegate 1");
  std::string out;
  print_expr_lines(out, {make(Opcode::Block, Box<BlockImm>(BlockImm{{}, {make(Opcode::Nop)}, {}}))},
                   "> ");
  EXPECT_EQ(out, "> block\n>   nop\n> end\n");
}

}  // namespace
}  // namespace wasm::text
