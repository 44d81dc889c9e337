// Module and type validation: one focused test per suite message (valid/modules.rst,
// valid/types.rst), and iso-recursive canonicalisation (valid/matching.rst).
#include "spec/match.h"
#include "tests/spec/valid_fixture.h"

namespace wasm::test {
namespace {

using O = Opcode;

TEST_F(ValidTest, DuplicateExportName) {
  add_memory(1);
  add_export("a", ExternKind::Memory, 0);
  add_export("a", ExternKind::Memory, 0);
  expect_invalid("duplicate export name");
}

TEST_F(ValidTest, ExportOfUnknownFunction) {
  add_export("f", ExternKind::Func, 0);
  expect_invalid("unknown function 0");
}

TEST_F(ValidTest, ConstantExpressionRequired) {
  add_global(i32(), Mut::Const, {i32c(1), i32c(2), op(O::I32DivU)});
  expect_invalid("constant expression required");
}

TEST_F(ValidTest, ExtendedConstantExpressions) {
  add_global(i64(), Mut::Const, {i64c(1), i64c(2), op(O::I64Mul), i64c(3), op(O::I64Add)});
  expect_valid();
}

TEST_F(ValidTest, GlobalGetOfEarlierImmutableGlobal) {
  add_global(i32(), Mut::Const, {i32c(1)});
  add_global(i32(), Mut::Const, {idx(O::GlobalGet, 0)});
  expect_valid();
}

TEST_F(ValidTest, GlobalGetOfLaterGlobalIsUnknown) {
  add_global(i32(), Mut::Const, {idx(O::GlobalGet, 1)});
  add_global(i32(), Mut::Const, {i32c(1)});
  expect_invalid("unknown global 1");
}

TEST_F(ValidTest, GlobalGetOfMutableGlobalIsNotConstant) {
  add_global(i32(), Mut::Var, {i32c(1)});
  add_global(i32(), Mut::Const, {idx(O::GlobalGet, 0)});
  expect_invalid("constant expression required");
}

TEST_F(ValidTest, TableInitializerSeesOnlyImportedGlobals) {
  add_global(ref(true, HeapKind::Func), Mut::Const,
             {op(O::RefNull, HeapType{HeapKind::Func, false, 0})});
  add_table(RefType{true, {HeapKind::Func, false, 0}});
  m.tables[0].init = Expr{idx(O::GlobalGet, 0)};
  expect_invalid("unknown global 0");
}

TEST_F(ValidTest, GlobalInitializerTypeMismatch) {
  add_global(i32(), Mut::Const, {i64c(0)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, NonNullableTableNeedsInitializer) {
  add_table(RefType{false, {HeapKind::Func, false, 0}});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, ElemSegmentTypeMustMatchTable) {
  add_table(RefType{true, {HeapKind::Func, false, 0}});
  Elem el;
  el.mode = SegmentMode::Active;
  el.offset = {i32c(0)};
  el.type = RefType{true, {HeapKind::Extern, false, 0}};
  m.elems.push_back(el);
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, ActiveDataNeedsMemory) {
  Data d;
  d.mode = SegmentMode::Active;
  d.offset = {i32c(0)};
  m.datas.push_back(d);
  expect_invalid("unknown memory 0");
}

TEST_F(ValidTest, StartFunctionMustBeNullary) {
  m.start = add_func({i32()}, {}, {});
  expect_invalid("start function");
}

TEST_F(ValidTest, NonEmptyTagResultType) {
  m.tags.push_back(Tag{add_functype({}, {i32()}), {}});
  expect_invalid("non-empty tag result type");
}

TEST_F(ValidTest, MemorySizeLimit) {
  add_memory(65537);
  expect_invalid("memory size must be at most 65536 pages (4GiB)");
}

TEST_F(ValidTest, Memory64SizeLimit) {
  add_memory(uint64_t(1) << 49, {}, AddrType::I64);
  expect_invalid("memory size");
}

TEST_F(ValidTest, SizeMinimumGreaterThanMaximum) {
  add_memory(2, 1);
  expect_invalid("size minimum must not be greater than maximum");
}

TEST_F(ValidTest, TableSizeLimit) {
  add_table(RefType{true, {HeapKind::Func, false, 0}}, 0x1'0000'0000);
  expect_invalid("table size");
}

TEST_F(ValidTest, SharedMemoryMustHaveMaximum) {
  add_memory(1, {}, AddrType::I32, true);
  expect_invalid("shared memory must have maximum");
}

TEST_F(ValidTest, ImportOfUnknownType) {
  add_import("f", ExternType{ExternKind::Func, 3, {}, {}, {}});
  expect_invalid("unknown type 3");
}

TEST_F(ValidTest, ModuleLinkingNeedsTheOption) {
  m.modules.emplace_back();
  expect_invalid("module linking proposal not enabled");
}

TEST_F(ValidTest, ValidatedModuleCarriesCanonicalTypes) {
  TypeIdx t = add_functype({i32()}, {});
  add_import("f", ExternType{ExternKind::Func, t, {}, {}, {}});
  FuncIdx g = add_func(t, {});
  add_export("g", ExternKind::Func, g);
  auto r = run();
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->funcs.size(), 2u);
  EXPECT_EQ(r->funcs[0], r->types[t]);
  EXPECT_EQ(r->exports[0].type, r->types[t]);
  EXPECT_EQ(r->imports[0].type, r->types[t]);
}

// ---- Sub types and rec groups ----

TEST_F(ValidTest, SubTypeOfFinalType) {
  TypeIdx t = add_type(func_sub({}, {}));
  add_type(func_sub({}, {}, true, {t}));
  expect_invalid("sub type");
}

TEST_F(ValidTest, SubTypeMustMatchSuperType) {
  TypeIdx t = add_type(struct_sub({FieldType{i32(), Mut::Var}}, false));
  add_type(struct_sub({FieldType{i64(), Mut::Var}}, true, {t}));
  expect_invalid("sub type");
}

TEST_F(ValidTest, SubTypeOfDifferentKind) {
  TypeIdx t = add_type(array_sub(FieldType{i32(), Mut::Const}, false));
  add_type(struct_sub({}, true, {t}));
  expect_invalid("sub type");
}

TEST_F(ValidTest, RecGroupForwardReference) {
  add_rec({struct_sub({FieldType{ref_idx(true, 1), Mut::Const}}),
           struct_sub({FieldType{ref_idx(true, 0), Mut::Const}})});
  expect_valid();
}

TEST_F(ValidTest, ReferenceBeyondRecGroupIsUnknown) {
  add_rec({struct_sub({FieldType{ref_idx(true, 1), Mut::Const}})});
  add_type(struct_sub({}));
  expect_invalid("unknown type 1");
}

TEST_F(ValidTest, IdenticalRecGroupsAreEquivalent) {
  // (type $a (struct (field (ref null $a)))) twice: the same canonical type, so a function
  // expecting one accepts the other.
  TypeIdx a = add_type(struct_sub({FieldType{ref_idx(true, 0), Mut::Const}}));
  TypeIdx b = add_type(struct_sub({FieldType{ref_idx(true, 1), Mut::Const}}));
  add_func({ref_idx(true, a)}, {ref_idx(true, b)}, {idx(O::LocalGet, 0)});
  auto r = run();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->types[a], r->types[b]);
}

TEST_F(ValidTest, ProjectionsOfOneGroupDiffer) {
  TypeIdx a = add_rec({struct_sub({}), struct_sub({})});
  add_func({ref_idx(true, a)}, {ref_idx(true, a + 1)}, {idx(O::LocalGet, 0)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, DifferentRecGroupsAreDistinct) {
  TypeIdx a = add_rec({struct_sub({}), struct_sub({})});
  TypeIdx b = add_rec({struct_sub({})});
  add_func({ref_idx(true, a)}, {ref_idx(true, b)}, {idx(O::LocalGet, 0)});
  expect_invalid("type mismatch");
}

TEST_F(ValidTest, CanonicalIdsAreSharedAcrossModules) {
  add_type(struct_sub({FieldType{i32(), Mut::Var}}));
  auto r1 = run();
  Module other;
  TypeDef t;
  t.rec.subtypes = {struct_sub({FieldType{i32(), Mut::Var}})};
  other.types.push_back(t);
  auto r2 = validate(other, store);
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_EQ(r1->types[0], r2->types[0]);
}

TEST(Match, AbstractHeapTypeLattice) {
  TypeStore s;
  auto h = [](HeapKind k) { return HeapType{k, false, 0}; };
  EXPECT_TRUE(match_heaptype(s, h(HeapKind::I31), h(HeapKind::Any)));
  EXPECT_TRUE(match_heaptype(s, h(HeapKind::None), h(HeapKind::Struct)));
  EXPECT_TRUE(match_heaptype(s, h(HeapKind::NoFunc), h(HeapKind::Func)));
  EXPECT_FALSE(match_heaptype(s, h(HeapKind::Func), h(HeapKind::Any)));
  EXPECT_FALSE(match_heaptype(s, h(HeapKind::Any), h(HeapKind::Eq)));
  EXPECT_FALSE(match_heaptype(s, h(HeapKind::NoExtern), h(HeapKind::Any)));
}

TEST(Match, DeclaredSupertypeChain) {
  TypeStore s;
  RecType g;
  g.subtypes = {struct_sub({}, false), struct_sub({}, false, {TypeStore::kRecBase + 0}),
                struct_sub({}, true, {TypeStore::kRecBase + 1})};
  TypeId first = s.intern(g);
  EXPECT_TRUE(match_deftype(s, first + 2, first));
  EXPECT_FALSE(match_deftype(s, first, first + 2));
  EXPECT_TRUE(match_heaptype(s, HeapType{HeapKind::Index, false, first + 2},
                             HeapType{HeapKind::Eq, false, 0}));
  EXPECT_EQ(s.intern(g), first);
}

TEST(Match, LimitsAndGlobals) {
  TypeStore s;
  EXPECT_TRUE(match_limits(Limits{2, 5}, Limits{1, 6}));
  EXPECT_FALSE(match_limits(Limits{2, {}}, Limits{1, 6}));
  EXPECT_TRUE(match_globaltype(s, GlobalType{i32(), Mut::Const}, GlobalType{i32(), Mut::Const}));
  EXPECT_FALSE(match_globaltype(s, GlobalType{ref(false, HeapKind::Func), Mut::Var},
                                GlobalType{ref(true, HeapKind::Func), Mut::Var}));
}

}  // namespace
}  // namespace wasm::test
