// Decoding of types (binary/types.rst) through small modules: type section entries, limits,
// global, table, memory and tag types, and their malformed forms.
#include <gtest/gtest.h>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using namespace testing;

Bytes type_section(std::initializer_list<Bytes> types) { return module({section(1, vec(types))}); }

TEST(Types, FunctionType) {
  auto m = decode(type_section({{0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7b}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->types.size(), 1u);
  const RecType& rec = m->types[0].rec;
  EXPECT_FALSE(rec.explicit_rec);
  ASSERT_EQ(rec.subtypes.size(), 1u);
  const SubType& st = rec.subtypes[0];
  EXPECT_TRUE(st.final);
  EXPECT_FALSE(st.explicit_sub);
  EXPECT_EQ(st.comp.kind, CompKind::Func);
  EXPECT_EQ(st.comp.func.params, (ResultType{ValType::i32(), ValType::i64()}));
  EXPECT_EQ(st.comp.func.results, (ResultType{ValType::v128()}));
  EXPECT_EQ(m->initial_order, (std::vector<DefRun>{{DefKind::Type, 1}}));
}

TEST(Types, StructArrayAndPackedFields) {
  // (struct (field i8) (field (mut i16)) (field (ref null 0)))  (array (mut (ref any)))
  auto m = decode(type_section({{0x5f, 0x03, 0x78, 0x00, 0x77, 0x01, 0x63, 0x00, 0x00},
                                {0x5e, 0x64, 0x6e, 0x01}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  const CompType& s = m->types[0].rec.subtypes[0].comp;
  ASSERT_EQ(s.kind, CompKind::Struct);
  ASSERT_EQ(s.struct_.fields.size(), 3u);
  EXPECT_EQ(s.struct_.fields[0], (FieldType{ValType::i8(), Mut::Const}));
  EXPECT_EQ(s.struct_.fields[1], (FieldType{ValType::i16(), Mut::Var}));
  EXPECT_EQ(s.struct_.fields[2].type,
            ValType::ref_of(RefType{true, {HeapKind::Index, false, 0}}));
  const CompType& a = m->types[1].rec.subtypes[0].comp;
  ASSERT_EQ(a.kind, CompKind::Array);
  EXPECT_EQ(a.array.field, (FieldType{ValType::ref_of(false, HeapKind::Any), Mut::Var}));
}

TEST(Types, RecGroupsAndSubtypes) {
  // (rec (type (sub (func))) (type (sub final 0 (func))))
  auto m = decode(type_section({{0x4e, 0x02, 0x50, 0x00, 0x60, 0x00, 0x00,
                                 0x4f, 0x01, 0x00, 0x60, 0x00, 0x00}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  const RecType& rec = m->types[0].rec;
  EXPECT_TRUE(rec.explicit_rec);
  ASSERT_EQ(rec.subtypes.size(), 2u);
  EXPECT_FALSE(rec.subtypes[0].final);
  EXPECT_TRUE(rec.subtypes[0].explicit_sub);
  EXPECT_TRUE(rec.subtypes[1].final);
  EXPECT_EQ(rec.subtypes[1].supers, (std::vector<TypeIdx>{0}));
  EXPECT_EQ(m->types[0].size(), 2u);
}

TEST(Types, DescriptorClauses) {
  // custom-descriptors: (rec (type (descriptor 1) (struct)) (type (describes 0) (struct)))
  auto m = decode(type_section({{0x4e, 0x02, 0x4d, 0x01, 0x5f, 0x00, 0x4c, 0x00, 0x5f, 0x00}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->types[0].rec.subtypes[0].descriptor, 1u);
  EXPECT_EQ(m->types[0].rec.subtypes[1].describes, 0u);
  // Repeated or out of order: the comptype sees the clause.
  EXPECT_EQ(error_of(type_section({{0x4d, 0x01, 0x4d, 0x01, 0x5f, 0x00}})),
            "malformed definition type");
  EXPECT_EQ(error_of(type_section({{0x4d, 0x01, 0x4c, 0x00, 0x5f, 0x00}})),
            "malformed definition type");
}

TEST(Types, ExactHeapTypes) {
  // (struct (field (ref (exact 0))))
  auto m = decode(type_section({{0x5f, 0x01, 0x64, 0x62, 0x00, 0x00}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->types[0].rec.subtypes[0].comp.struct_.fields[0].type.ref,
            (RefType{false, {HeapKind::Index, true, 0}}));
  EXPECT_EQ(error_of(type_section({{0x5f, 0x01, 0x62, 0x00, 0x00}})), "malformed storage type");
  EXPECT_EQ(error_of(type_section({{0x5f, 0x01, 0x64, 0x62, 0x62, 0x00, 0x00}})),
            "malformed storage type");
}

TEST(Types, MalformedDefinitionType) {
  EXPECT_EQ(error_of(type_section({{0x40}})), "malformed definition type");
  // Module Linking's 0x61 is not a type without the option.
  EXPECT_EQ(error_of(type_section({{0x61, 0x00, 0x00}})), "malformed definition type");
}

TEST(Types, MalformedValueTypesReportTheReferenceType) {
  EXPECT_EQ(error_of(type_section({{0x60, 0x01, 0x7a, 0x00}})), "malformed reference type");
  EXPECT_EQ(error_of(type_section({{0x60, 0x01, 0x63, 0x40, 0x00}})), "malformed heap type");
  EXPECT_EQ(error_of(type_section({{0x60, 0x01, 0xff, 0x00, 0x00}})),
            "integer representation too long");
}

TEST(Types, StorageTypeErrors) {
  EXPECT_EQ(error_of(type_section({{0x5e, 0x76, 0x00}})), "malformed storage type");
  EXPECT_EQ(error_of(type_section({{0x5e, 0x78, 0x02}})), "malformed mutability");
}

TEST(Types, HeapTypesAbstractAndIndexed) {
  // (func (param (ref null func) (ref extern) (ref null 5) exnref nullexnref))
  auto m = decode(type_section({{0x60, 0x05, 0x63, 0x70, 0x64, 0x6f, 0x63, 0x05, 0x69, 0x74,
                                 0x00}}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  const ResultType& ps = m->types[0].rec.subtypes[0].comp.func.params;
  EXPECT_EQ(ps[0], ValType::funcref());
  EXPECT_EQ(ps[1], ValType::ref_of(false, HeapKind::Extern));
  EXPECT_EQ(ps[2], ValType::ref_of(RefType{true, {HeapKind::Index, false, 5}}));
  EXPECT_EQ(ps[3], ValType::ref_of(true, HeapKind::Exn));
  EXPECT_EQ(ps[4], ValType::ref_of(true, HeapKind::NoExn));
}

Bytes memory_section(const Bytes& memtype) { return module({section(5, vec({memtype}))}); }
Bytes table_section(const Bytes& table) { return module({section(4, vec({table}))}); }

TEST(Types, MemoryLimits) {
  auto m = decode(memory_section({0x05, 0x01, 0x80, 0x80, 0x04}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  const MemType& mt = m->memories[0].type;
  EXPECT_EQ(mt.addr, AddrType::I64);
  EXPECT_EQ(mt.limits.min, 1u);
  EXPECT_EQ(mt.limits.max, 0x10000u);
  EXPECT_FALSE(mt.shared);
  auto shared = decode(memory_section({0x03, 0x01, 0x02}));
  ASSERT_TRUE(shared.ok());
  EXPECT_TRUE(shared->memories[0].type.shared);  // threads
  for (uint8_t flags : {0x08, 0x10, 0x81})
    EXPECT_EQ(error_of(memory_section({flags, 0x00, 0x00})), "malformed limits flags");
}

TEST(Types, CustomPageSizesOnlyWithTheOption) {
  DecodeOptions options;
  options.custom_page_sizes = true;
  auto m = decode(memory_section({0x08, 0x01, 0x00}), options);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->memories[0].type.page_size_log2, 0u);
  EXPECT_EQ(error_of(memory_section({0x08, 0x00, 0x41}), options), "invalid custom page size");
  EXPECT_EQ(error_of(memory_section({0x08, 0x01, 0x00})), "malformed limits flags");
}

TEST(Types, TableTypes) {
  auto m = decode(table_section({0x64, 0x70, 0x05, 0x00, 0x0a}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  const TableType& tt = m->tables[0].type;
  EXPECT_EQ(tt.elem, (RefType{false, {HeapKind::Func, false, 0}}));
  EXPECT_EQ(tt.addr, AddrType::I64);
  EXPECT_EQ(tt.limits.max, 10u);
  EXPECT_FALSE(m->tables[0].init.has_value());
  EXPECT_EQ(error_of(table_section({0x70, 0x02, 0x00})), "malformed limits flags");
  EXPECT_EQ(error_of(table_section({0x70, 0x08, 0x00})), "malformed limits flags");
}

TEST(Types, GlobalTypes) {
  auto m = decode(module({section(6, vec({{0x7c, 0x01, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f,
                                           0x0b}}))}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->globals[0].type, (GlobalType{ValType::f64(), Mut::Var}));
  EXPECT_EQ(m->globals[0].init.at(0).bits(), 0x3ff0000000000000u);
  EXPECT_EQ(error_of(module({section(6, vec({{0x7f, 0x02, 0x41, 0x00, 0x0b}}))})),
            "malformed mutability");
}

TEST(Types, TagTypesNeedAZeroByte) {
  Bytes types = section(1, vec({{0x60, 0x00, 0x00}}));
  auto m = decode(module({types, section(13, vec({{0x00, 0x00}}))}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->tags[0].type, 0u);
  EXPECT_EQ(error_of(module({types, section(13, vec({{0x01, 0x00}}))})), "zero byte expected");
}

}  // namespace
}  // namespace wasm::binary
