// Focused tests of the text parser (text/parse.h): one per feature and per malformed message.
#include <gtest/gtest.h>

#include <string>

#include "text/parse.h"

namespace wasm::text {
namespace {

Module ok(std::string_view src) {
  auto r = parse_module(src);
  EXPECT_TRUE(r.ok()) << src << "\n  -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Module{};
}

std::string err(std::string_view src) {
  auto r = parse_module(src);
  EXPECT_FALSE(r.ok()) << src;
  return r.ok() ? "" : r.error().message;
}

#define EXPECT_ERR(src, prefix) EXPECT_TRUE(err(src).starts_with(prefix)) << err(src)

const Expr& body(const Module& m, size_t f = 0) { return m.funcs.at(f).body; }

// ---- Types ----

TEST(ParserTypes, ValueAndReferenceTypes) {
  Module m = ok("(type $t (func (param i32 i64 f32 f64 v128 funcref externref anyref)"
                " (param (ref null $t) (ref any) nullref exnref) (result (ref $t))))");
  const FuncType& ft = m.types.at(0).rec.subtypes.at(0).comp.func;
  ASSERT_EQ(ft.params.size(), 12u);
  EXPECT_EQ(ft.params[5], ValType::funcref());
  EXPECT_EQ(ft.params[8], ValType::ref_of(RefType{true, {HeapKind::Index, false, 0}}));
  EXPECT_EQ(ft.params[9], ValType::ref_of(false, HeapKind::Any));
  EXPECT_EQ(ft.results[0], ValType::ref_of(RefType{false, {HeapKind::Index, false, 0}}));
}

TEST(ParserTypes, RecGroupsSubtypesAndStructFields) {
  Module m = ok("(rec (type $a (sub (struct (field $x i32) (field (mut i8) i16))))"
                "     (type $b (sub final $a (struct (field $x i32) (field (mut i8) i16) (field f64)))))"
                "(type $arr (array (mut (ref null $a))))"
                "(func (param (ref $b)) (result i32) (struct.get $b $x (local.get 0)))");
  ASSERT_EQ(m.types.size(), 3u);
  EXPECT_TRUE(m.types[0].rec.explicit_rec);
  const SubType& b = m.types[0].rec.subtypes.at(1);
  EXPECT_TRUE(b.final);
  EXPECT_EQ(b.supers, std::vector<TypeIdx>{0});
  EXPECT_EQ(b.comp.struct_.fields.size(), 4u);
  EXPECT_FALSE(m.types[0].rec.subtypes[0].final);
  EXPECT_EQ(m.types[1].rec.subtypes[0].comp.array.field.mut, Mut::Var);
  const Instr& get = body(m).back();
  EXPECT_EQ(get.op, Opcode::StructGet);
  EXPECT_EQ(get.pair().a, 1u);
  EXPECT_EQ(get.pair().b, 0u);
}

TEST(ParserTypes, LimitsAddressTypesAndSharedMemory) {
  Module m = ok("(memory i64 1 2) (memory 0 1 shared) (table 1 funcref) (table i64 0 10 externref)");
  EXPECT_EQ(m.memories[0].type.addr, AddrType::I64);
  EXPECT_EQ(m.memories[0].type.limits.max, 2u);
  EXPECT_TRUE(m.memories[1].type.shared);
  EXPECT_EQ(m.tables[1].type.addr, AddrType::I64);
  EXPECT_EQ(m.tables[1].type.elem, ValType::externref().ref);
}

TEST(ParserTypes, DuplicateField) {
  EXPECT_ERR("(type (struct (field $x i32) (field $x i64)))", "duplicate field");
}

TEST(ParserTypes, UnknownType) { EXPECT_ERR("(func (param (ref $nope)))", "unknown type"); }

// ---- Identifiers ----

TEST(ParserIds, ImportsAreBoundFirstAndIdsResolve) {
  Module m = ok("(import \"m\" \"f\" (func $imp)) (func $a (call $b) (call $imp)) (func $b)");
  EXPECT_EQ(body(m)[0].index(), 2u);
  EXPECT_EQ(body(m)[1].index(), 0u);
}

TEST(ParserIds, UnknownAndDuplicateFunction) {
  EXPECT_ERR("(func (call $f))", "unknown function $f");
  EXPECT_ERR("(func $f) (func $f)", "duplicate func");
}

TEST(ParserIds, DuplicateLocalGlobalTableMemory) {
  EXPECT_ERR("(func (param $x i32) (local $x i32))", "duplicate local");
  EXPECT_ERR("(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))", "duplicate global");
  EXPECT_ERR("(table $t 1 funcref) (table $t 1 funcref)", "duplicate table");
  EXPECT_ERR("(memory $m 1) (memory $m 1)", "duplicate memory");
}

TEST(ParserIds, LocalsFollowParamsOfAnExplicitType) {
  Module m = ok("(type $t (func (param i32 i32))) (func (type $t) (local $x i64) (local.get $x))");
  EXPECT_EQ(body(m)[0].index(), 2u);
}

TEST(ParserIds, LabelsShadowAndResolveInnermostFirst) {
  Module m = ok("(func (block $l (block $l (br $l)) (br $l)))");
  const Expr& outer = body(m)[0].block().body;
  EXPECT_EQ(outer[0].block().body[0].index(), 0u);
  EXPECT_EQ(outer[1].index(), 0u);
  Module n = ok("(func block $a block $b br $a end end)");
  EXPECT_EQ(body(n)[0].block().body[0].block().body[0].index(), 1u);
}

TEST(ParserIds, UnknownAndMismatchingLabel) {
  EXPECT_ERR("(func (br $l))", "unknown label");
  EXPECT_ERR("(func block $a end $b)", "mismatching label");
  EXPECT_ERR("(func block end $a)", "mismatching label");
}

TEST(ParserIds, ImportAfterDefinition) {
  EXPECT_ERR("(func) (import \"m\" \"f\" (func))", "import after function");
  EXPECT_ERR("(memory 1) (import \"m\" \"f\" (memory 1))", "import after memory");
}

// ---- Instructions ----

TEST(ParserInstructions, FoldedFormsFlattenOperandsFirst) {
  Module m = ok("(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))");
  std::vector<Opcode> ops;
  for (const Instr& i : body(m)) ops.push_back(i.op);
  EXPECT_EQ(ops, (std::vector<Opcode>{Opcode::I32Const, Opcode::I32Const, Opcode::I32Const,
                                       Opcode::I32Mul, Opcode::I32Add}));
}

TEST(ParserInstructions, IfThenElseFoldedAndPlain) {
  Module a = ok("(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))");
  Module b = ok("(func (result i32) i32.const 1 if (result i32) i32.const 2 else i32.const 3 end)");
  EXPECT_EQ(a.funcs, b.funcs);
  EXPECT_EQ(body(a)[1].block().type.kind, BlockType::Kind::Value);
}

TEST(ParserInstructions, BlockTypeWithParamsUsesAnInlineType) {
  Module m = ok("(func (i32.const 0) (block (param i32) (result i32)) drop)");
  ASSERT_EQ(m.types.size(), 2u);  // the function's [] -> [] and the block's [i32] -> [i32]
  EXPECT_EQ(body(m)[1].block().type.kind, BlockType::Kind::Index);
  EXPECT_EQ(body(m)[1].block().type.index, 1u);
}

TEST(ParserInstructions, InlineTypesReuseAnIdenticalType) {
  Module m = ok("(func (param i32)) (type (func (param i32))) (func (param i32))");
  EXPECT_EQ(m.types.size(), 1u);
  EXPECT_EQ(m.funcs[0].type, 0u);
  EXPECT_EQ(m.funcs[1].type, 0u);
}

TEST(ParserInstructions, InlineFunctionTypeMismatch) {
  EXPECT_ERR("(type $t (func)) (func (type $t) (param i32))", "inline function type");
  EXPECT_ERR("(type $t (func)) (func call_indirect (type $t) (result i32))", "inline function type");
}

TEST(ParserInstructions, CallIndirectAndSelect) {
  Module m = ok("(table $tb 1 funcref) (func (result i32) (call_indirect $tb (result i32) (i32.const 0))"
                " (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)))");
  const Instr& ci = body(m)[1];
  EXPECT_EQ(ci.op, Opcode::CallIndirect);
  EXPECT_EQ(ci.pair().a, 0u);
  EXPECT_EQ(body(m).back().op, Opcode::SelectT);
  EXPECT_EQ(body(m).back().select_types().size(), 1u);
}

TEST(ParserInstructions, MemArgDefaultsAndExplicitValues) {
  Module m = ok("(memory 1) (memory $m2 1) (func (drop (i32.load (i32.const 0)))"
                " (drop (i64.load $m2 offset=8 align=4 (i32.const 0))))");
  EXPECT_EQ(body(m)[1].memarg().align, 2u);
  const MemArg& a = body(m)[4].memarg();
  EXPECT_EQ(a.mem, 1u);
  EXPECT_EQ(a.offset, 8u);
  EXPECT_EQ(a.align, 2u);
}

TEST(ParserInstructions, AlignmentMustBeAPowerOfTwo) {
  EXPECT_ERR("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))",
             "alignment must be a power of two");
}

TEST(ParserInstructions, ConstantsAndRanges) {
  Module m = ok("(func (drop (i32.const -1)) (drop (i64.const 0xffff_ffff_ffff_ffff))"
                " (drop (f32.const -0x1p-1)) (drop (f64.const nan:0x1)))");
  EXPECT_EQ(body(m)[0].bits(), 0xffffffffu);
  EXPECT_EQ(body(m)[4].bits(), 0xbf000000u);
  EXPECT_ERR("(func (drop (i32.const 0x1_0000_0000)))", "constant out of range");
}

TEST(ParserInstructions, VectorConstantsShuffleAndLanes) {
  Module m = ok("(func (drop (v128.const i16x8 1 2 3 4 5 6 7 -1))"
                " (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"
                " (v128.const i64x2 0 0) (v128.const f32x4 0 1 2 3)))"
                " (drop (i32x4.extract_lane 3 (v128.const i32x4 0 0 0 0))))");
  EXPECT_EQ(body(m)[0].v128()[14], 0xff);
  EXPECT_EQ(body(m)[0].v128()[2], 2);
  EXPECT_EQ(body(m)[4].v128()[15], 15);
  EXPECT_EQ(body(m)[7].index(), 3u);
  EXPECT_ERR("(func (drop (v128.const i32x4 0 0 0)))", "wrong number of lane literals");
  EXPECT_ERR("(func (drop (i8x16.shuffle 0 1 (v128.const i64x2 0 0) (v128.const i64x2 0 0))))",
             "invalid lane length");
  EXPECT_ERR("(func (drop (i32x4.extract_lane 256 (v128.const i32x4 0 0 0 0))))",
             "i8 constant out of range");
}

TEST(ParserInstructions, RefTestPicksTheNullRowAndBrOnCastTakesTwoTypes) {
  Module m = ok("(type $s (struct)) (func (param anyref)"
                " (drop (ref.test (ref $s) (local.get 0))) (drop (ref.cast (ref null $s) (local.get 0)))"
                " (block (result anyref) (br_on_cast 0 anyref (ref $s) (local.get 0))) drop)");
  EXPECT_EQ(body(m)[1].op, Opcode::RefTest);
  EXPECT_EQ(body(m)[4].op, Opcode::RefCastNull);
  const BrOnCastImm& b = body(m)[6].block().body[1].br_on_cast();
  EXPECT_TRUE(b.from.nullable);
  EXPECT_FALSE(b.to.nullable);
}

TEST(ParserInstructions, TryTableCatchesUseOuterLabels) {
  Module m = ok("(tag $e (param i32)) (func (result i32) (block $h (result i32)"
                " (try_table (catch $e $h) (catch_all 0) (i32.const 1) (throw $e)) (i32.const 0)))");
  const TryTableImm& t = body(m)[0].block().body[0].try_table();
  ASSERT_EQ(t.catches.size(), 2u);
  EXPECT_EQ(t.catches[0].label, 0u);
  EXPECT_EQ(t.catches[1].kind, CatchKind::CatchAll);
}

TEST(ParserInstructions, LegacyTryCatchAndDelegate) {
  Module m = ok("(tag $e) (func try $t catch $e rethrow $t catch_all end"
                " (try (do (try (do) (delegate 0)))))");
  const TryImm& t = body(m)[0].try_();
  ASSERT_EQ(t.catches.size(), 1u);
  EXPECT_TRUE(t.catch_all.has_value());
  EXPECT_EQ(t.catches[0].body[0].index(), 0u);
  EXPECT_EQ(body(m)[1].try_().body[0].try_().delegate, 0u);
}

TEST(ParserInstructions, BrTableAndMemoryIndexDefaults) {
  Module m = ok("(memory 1) (func (block (block (br_table 0 1 0 (i32.const 0)))) (memory.fill (i32.const 0)"
                " (i32.const 0) (i32.const 0)) (memory.copy (i32.const 0) (i32.const 0) (i32.const 0)))");
  const BrTableImm& b = body(m)[0].block().body[0].block().body[1].br_table();
  EXPECT_EQ(b.labels, (std::vector<LabelIdx>{0, 1}));
  EXPECT_EQ(b.default_label, 0u);
}

TEST(ParserInstructions, UnknownOperatorAndUnexpectedToken) {
  EXPECT_ERR("(func i32.foo)", "unknown operator");
  EXPECT_ERR("(func (i32.const 0x))", "unknown operator");
  EXPECT_ERR("(func (param i32) (param))) (func", "unexpected token");
  EXPECT_ERR("(func (block (result i32) (param i32)))", "unexpected token");
}

TEST(ParserInstructions, SyntaxErrorsWinOverLaterResolutionErrors) {
  // Like the reference parser, an unexpected token anywhere is reported before an unknown id.
  EXPECT_ERR("(func (call $nope)) (func (local i32) (param i32))", "unexpected token");
}

TEST(ParserInstructions, DeepNestingIsAnErrorNotACrash) {
  std::string s = "(func ";
  for (int i = 0; i < 100000; ++i) s += "(block ";
  s += std::string(100000, ')') + ")";
  EXPECT_ERR(s, "nesting too deep");
  std::string t = "(func ";
  for (int i = 0; i < 100000; ++i) t += "block ";
  for (int i = 0; i < 100000; ++i) t += "end ";
  EXPECT_ERR(t + ")", "nesting too deep");
}

// ---- Modules ----

TEST(ParserModules, InlineImportsAndExports) {
  Module m = ok("(func $f (export \"a\") (export \"b\") (import \"m\" \"n\") (param i32))"
                "(global (export \"g\") (import \"m\" \"g\") (mut i32))");
  ASSERT_EQ(m.imports.size(), 2u);
  EXPECT_EQ(m.imports[0].field, "n");
  EXPECT_EQ(m.imports[1].desc.kind, ExternKind::Global);
  ASSERT_EQ(m.exports.size(), 3u);
  EXPECT_EQ(m.exports[2].kind, ExternKind::Global);
  EXPECT_TRUE(m.funcs.empty());
  EXPECT_EQ(m.initial_order, (std::vector<DefRun>{{DefKind::Import, 2}, {DefKind::Type, 1}}));
}

TEST(ParserModules, TableWithInlineElemAndMemoryWithInlineData) {
  Module m = ok("(func $f) (table funcref (elem $f $f)) (memory (data \"ab\" \"c\"))");
  EXPECT_EQ(m.tables[0].type.limits.min, 2u);
  EXPECT_EQ(m.tables[0].type.limits.max, 2u);
  ASSERT_EQ(m.elems.size(), 1u);
  EXPECT_EQ(m.elems[0].mode, SegmentMode::Active);
  EXPECT_EQ(m.elems[0].init.size(), 2u);
  EXPECT_EQ(m.memories[0].type.limits.min, 1u);
  EXPECT_EQ(m.datas[0].init, (std::vector<uint8_t>{'a', 'b', 'c'}));
}

TEST(ParserModules, ElementSegmentForms) {
  Module m = ok("(table $t 1 funcref) (func $f)"
                "(elem (i32.const 0) $f) (elem func $f) (elem declare func $f)"
                "(elem (table $t) (offset (i32.const 0)) funcref (ref.func $f) (item ref.null func))"
                "(elem $e (ref func) (ref.func 0))");
  ASSERT_EQ(m.elems.size(), 5u);
  EXPECT_EQ(m.elems[0].mode, SegmentMode::Active);
  EXPECT_FALSE(m.elems[0].type.nullable);
  EXPECT_EQ(m.elems[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m.elems[2].mode, SegmentMode::Declarative);
  EXPECT_EQ(m.elems[3].init.size(), 2u);
  EXPECT_TRUE(m.elems[3].type.nullable);
  EXPECT_EQ(m.elems[4].mode, SegmentMode::Passive);
}

TEST(ParserModules, DataSegmentsStartAndMultipleStart) {
  Module m = ok("(memory $m 1) (data (memory $m) (i32.const 1) \"x\") (data \"y\") (func $s) (start $s)");
  EXPECT_EQ(m.datas[0].mode, SegmentMode::Active);
  EXPECT_EQ(m.datas[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m.start, 0u);
  EXPECT_ERR("(func $s) (start $s) (start $s)", "multiple start sections");
}

TEST(ParserModules, CustomAnnotationsAndOtherAnnotationsSkipped) {
  Module m = ok("(module (@custom \"c\" (after func) \"\\01\\02\") (@name \"x\") (func (@foo (bar) baz)))");
  ASSERT_EQ(m.customs.size(), 2u);  // the @custom section, then the "name" one from @name
  EXPECT_EQ(m.customs[0].name, "c");
  EXPECT_EQ(m.customs[0].anchor, SectionId::Function);
  EXPECT_EQ(m.customs[0].bytes, (std::vector<uint8_t>{1, 2}));
  EXPECT_ERR("(func (@custom \"bla\"))", "misplaced @custom annotation");
}

TEST(ParserModules, NameAnnotationsBecomeTheNameSection) {
  Module m = ok("(module $m (@name \"M\") (import \"a\" \"b\" (func))"
                " (func $f (@name \"f\") (param i32)) (tag (@name \"t\")))");
  ASSERT_EQ(m.customs.size(), 1u);
  EXPECT_EQ(m.customs[0].name, "name");
  EXPECT_EQ(m.customs[0].place, Custom::Place::After);
  EXPECT_EQ(m.customs[0].anchor, SectionId::Data);
  // module name "M"; function 1 (after the import) "f"; tag 0 "t"
  EXPECT_EQ(m.customs[0].bytes, (std::vector<uint8_t>{0, 2, 1, 'M', 1, 4, 1, 1, 1, 'f',
                                                      11, 4, 1, 0, 1, 't'}));
}

TEST(ParserModules, MalformedNameAnnotations) {
  EXPECT_ERR("(module (@name \"M1\") (@name \"M2\"))", "@name annotation: multiple module");
  EXPECT_ERR("(module (func) (@name \"M\"))", "misplaced @name annotation");
  EXPECT_ERR("(module (start $f (@name \"M\")) (func $f))", "misplaced @name annotation");
  EXPECT_ERR("(func (@name \"a\") (@name \"b\"))", "@name annotation: multiple function names");
  EXPECT_ERR("(func (param i32) (@name \"a\") nop)", "@name annotation: local names not yet");
  EXPECT_ERR("(func nop (@name \"a\"))", "@name annotation: misplaced annotation");
  EXPECT_ERR("(type (@name \"a\") (func))", "@name annotation: type and field names not yet");
  EXPECT_ERR("(func (@name 1))", "@name annotation: string expected");
  EXPECT_ERR("(func (@name \"a\" \"b\"))", "@name annotation: unexpected token");
  EXPECT_ERR("(func (@name \"\\ff\"))", "malformed UTF-8 encoding");
}

TEST(ParserModules, BranchHintsAreCheckedAndDropped) {
  Module m = ok("(func (param i32) (@metadata.code.branch_hint \"\\01\")"
                " (if (local.get 0) (then (@metadata.code.branch_hint \"\\00\") (br_if 0 (i32.const 1)))))");
  EXPECT_TRUE(m.customs.empty());
  const std::string hint = "(@metadata.code.branch_hint ";
  EXPECT_ERR("(func i32.const 0 " + hint + "\"\\01\") " + hint + "\"\\01\") if end)",
             "@metadata.code.branch_hint annotation: duplicate annotation");
  EXPECT_ERR("(module " + hint + "\"\\01\") (func))",
             "@metadata.code.branch_hint annotation: not in a function");
  EXPECT_ERR("(func " + hint + "\"\\02\") nop)",
             "@metadata.code.branch_hint annotation: invalid hint value");
  EXPECT_ERR("(func " + hint + "1) nop)", "@metadata.code.branch_hint annotation: unexpected token");
  EXPECT_ERR("(func nop " + hint + "\"\\01\"))",
             "@metadata.code.branch_hint annotation: invalid placement");
}

TEST(ParserModules, ExactFunctionImports) {  // custom-descriptors: exacttypeuse
  Module m = ok("(module (type $f (func)) (import \"\" \"\" (func $a (exact (type $f))))"
                " (import \"\" \"\" (func (exact (param i32) (result i64))))"
                " (func $b (import \"\" \"\") (exact (type 0))) (import \"\" \"\" (func (type 0))))");
  ASSERT_EQ(m.imports.size(), 4u);
  EXPECT_TRUE(m.imports[0].desc.exact);
  EXPECT_EQ(m.imports[0].desc.type, 0u);
  EXPECT_TRUE(m.imports[1].desc.exact);
  EXPECT_EQ(m.imports[1].desc.type, 1u);  // the inline type is appended
  EXPECT_TRUE(m.imports[2].desc.exact);
  EXPECT_FALSE(m.imports[3].desc.exact);
  EXPECT_ERR("(import \"\" \"\" (func (exact (type 0)) (type 0)))", "unexpected token");
}

TEST(ParserModules, MalformedUtf8Name) {
  EXPECT_ERR("(func (export \"\\ff\"))", "malformed UTF-8 encoding");
}

// ---- Module Linking ----

TEST(ParserModuleLinking, NestedModulesInstancesAndAliases) {
  Module m = ok("(module (module $M (func (export \"f\")))"
                "(instance $i (instantiate $M))"
                "(alias $i \"f\" (func $g))"
                "(func (call $g) (call (func $i \"f\"))))");
  ASSERT_EQ(m.modules.size(), 1u);
  EXPECT_EQ(m.modules[0].exports.size(), 1u);
  ASSERT_EQ(m.instances.size(), 1u);
  ASSERT_EQ(m.aliases.size(), 2u);  // the explicit alias and the inline one
  EXPECT_EQ(body(m)[0].index(), 0u);
  EXPECT_EQ(body(m)[1].index(), 1u);
  EXPECT_EQ(m.initial_order,
            (std::vector<DefRun>{{DefKind::Module, 1}, {DefKind::Instance, 1}, {DefKind::Alias, 2},
                                 {DefKind::Type, 1}}));
}

TEST(ParserModuleLinking, ModuleAndInstanceImportsWithInlineTypes) {
  Module m = ok("(import \"i\" (instance $i (export \"f\" (func (param i32)))))"
                "(import \"m\" (module (import \"x\" \"y\" (func)) (export \"e\" (global i32))))"
                "(instance (import \"i2\") (export \"g\" (func)))");
  ASSERT_EQ(m.imports.size(), 3u);
  EXPECT_FALSE(m.imports[0].field.has_value());
  EXPECT_EQ(m.imports[0].desc.kind, ExternKind::Instance);
  const TypeDef& it = m.types.at(m.imports[0].desc.type);
  EXPECT_EQ(it.kind, TypeDefKind::Instance);
  ASSERT_EQ(it.instance.exports.size(), 1u);
  const TypeDef& mt = m.types.at(size_t(m.imports[1].desc.type));
  EXPECT_EQ(mt.kind, TypeDefKind::Module);
  EXPECT_EQ(mt.module.imports.size(), 1u);
}

// A single-level import abbreviated on its definition puts the module in Module Linking order:
// the inline type its import adds precedes the import run.
TEST(ParserModuleLinking, AbbreviatedSingleLevelImportHoistsItsType) {
  Module m = ok("(func (import \"b\") (param i32)) (func (result f32) f32.const 0)");
  ASSERT_EQ(m.imports.size(), 1u);
  EXPECT_FALSE(m.imports[0].field.has_value());
  ASSERT_FALSE(m.initial_order.empty());
  EXPECT_EQ(m.initial_order.front(), (DefRun{DefKind::Type, 1}));
}

TEST(ParserModuleLinking, OuterAliases) {
  Module m = ok("(module $P (type $t (func (result i32)))"
                " (module (func (type outer $P $t) i32.const 0) (alias outer 0 $t (type $u))))");
  // (the whole input is one module, $P)
  const Module& inner = m.modules.at(0);
  ASSERT_EQ(inner.aliases.size(), 2u);
  EXPECT_EQ(inner.aliases[0].kind, Alias::Kind::Outer);
  EXPECT_EQ(inner.aliases[0].outer_count, 0u);
  EXPECT_EQ(inner.aliases[0].sort, ExternKind::Type);
  EXPECT_EQ(inner.funcs[0].type, 0u);
  EXPECT_ERR("(module (alias outer $nope 0 (type)))", "failed to find parent module");
}

TEST(ParserModuleLinking, PlainCoreModulesRecordTypesAndImportsInFieldOrder) {
  Module m = ok("(type (func)) (import \"a\" \"b\" (func)) (type (func (param i32)))");
  EXPECT_EQ(m.initial_order, (std::vector<DefRun>{{DefKind::Type, 1}, {DefKind::Import, 1},
                                                   {DefKind::Type, 1}}));
  EXPECT_TRUE(m.aliases.empty());
}

}  // namespace
}  // namespace wasm::text
