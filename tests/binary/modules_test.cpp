// Decoding of modules (binary/modules.rst): the header, sections and their order, each
// section's contents, custom sections in place, and the checks after the last section.
#include <gtest/gtest.h>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using namespace testing;

const Bytes kType = section(1, vec({{0x60, 0x00, 0x00}}));
const Bytes kFunc = section(3, vec({{0x00}}));
const Bytes kCode = section(10, vec({{0x02, 0x00, 0x0b}}));
const Bytes kMemory = section(5, vec({{0x00, 0x01}}));

TEST(Modules, Header) {
  EXPECT_EQ(error_of({}), "unexpected end of section or function");
  EXPECT_EQ(error_of({0x00, 0x61, 0x73}), "unexpected end of section or function");
  EXPECT_EQ(error_of({0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00}),
            "magic header not detected");
  EXPECT_EQ(error_of({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00}), "unknown binary version");
  auto m = decode(kHeader);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->at.end, 8u);
  EXPECT_TRUE(m->initial_order.empty());
}

TEST(Modules, SectionIdsAndSizes) {
  EXPECT_EQ(error_of(module({{0x0e, 0x01, 0x00}})), "malformed section id");
  EXPECT_EQ(error_of(module({{0x7f, 0x01, 0x00}})), "malformed section id");
  EXPECT_EQ(error_of(module({{0x01, 0x02, 0x00}})), "section size mismatch");
  EXPECT_EQ(error_of(module({{0x01, 0x07, 0x02, 0x60, 0x00, 0x00}})), "length out of bounds");
}

// An unknown id is reported where it is peeked, wherever it stands: before the first section,
// between two, after custom sections, and after the last section (decode.ml checks it there
// before "unexpected content after last section").
TEST(Modules, UnknownSectionIdsEverywhere) {
  const Bytes unknown = {0x0e, 0x01, 0x00};
  const Bytes custom = section(0, cat({str("c"), {0x01, 0x02}}));
  const Bytes data = section(11, vec({}));
  struct Case {
    Bytes before;  // the sections before the unknown id
    Bytes after;
  };
  for (const Case& c : {Case{module({}), {}}, Case{module({kType}), cat({kFunc, kCode})},
                        Case{module({kType, custom}), {}}, Case{module({kType, kFunc, kCode}), {}},
                        Case{module({data}), {}}, Case{module({data, custom, custom}), {}}}) {
    auto r = decode(cat({c.before, unknown, c.after}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "malformed section id");
    EXPECT_EQ(r.error().at.begin, c.before.size()) << "the offset of the id";
  }
  // A known id after the last section is content after it, also behind custom sections.
  EXPECT_EQ(error_of(module({data, custom, kType})), "unexpected content after last section");
  auto ok = decode(module({custom, kType, custom, kFunc, kCode, custom, data, custom}));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->customs.size(), 4u);
}

TEST(Modules, SectionsOutOfOrderOrRepeated) {
  EXPECT_EQ(error_of(module({kFunc, kType})), "unexpected content after last section");
  EXPECT_EQ(error_of(module({kType, kType})), "unexpected content after last section");
  EXPECT_EQ(error_of(module({section(12, {0x00}), section(9, {0x00})})),
            "unexpected content after last section");
}

TEST(Modules, FunctionsJoinTheirTypesAndCode) {
  auto m = decode(module({kType, kFunc, kCode}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->funcs.size(), 1u);
  EXPECT_EQ(m->funcs[0].type, 0u);
  EXPECT_TRUE(m->funcs[0].body.empty());
  EXPECT_EQ(error_of(module({kType, kFunc})),
            "function and code section have inconsistent lengths");
  EXPECT_EQ(error_of(module({kType, kCode})),
            "function and code section have inconsistent lengths");
}

TEST(Modules, LocalsAreExpanded) {
  auto m = decode(module({kType, kFunc, section(10, vec({{0x06, 0x02, 0x02, 0x7f, 0x01, 0x7e,
                                                           0x0b}}))}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->funcs[0].locals, (std::vector<ValType>{ValType::i32(), ValType::i32(),
                                                      ValType::i64()}));
}

TEST(Modules, TooManyLocals) {
  // 2^32-1 + 2 locals: more than the spec allows.
  Bytes over = {0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e, 0x0b};
  EXPECT_EQ(error_of(module({kType, kFunc, section(10, vec({cat({uleb(over.size()), over})}))})),
            "too many locals");
  // 2^32-1 locals: allowed by the spec, but more than this implementation expands.
  Bytes many = {0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x0b};
  EXPECT_EQ(error_of(module({kType, kFunc, section(10, vec({cat({uleb(many.size()), many})}))})),
            "too many locals: more than this implementation supports");
}

TEST(Modules, CodeEntrySizeMustMatch) {
  EXPECT_EQ(error_of(module({kType, kFunc, section(10, vec({{0x03, 0x00, 0x0b}}))})),
            "section size mismatch");
  EXPECT_EQ(error_of(module({kType, kFunc, section(10, vec({{0x01, 0x00, 0x0b}}))})),
            "section size mismatch");
  EXPECT_EQ(error_of(module({kType, kFunc, section(10, vec({{0x04, 0x00, 0x0b}}))})),
            "length out of bounds");
}

TEST(Modules, ImportsAndExports) {
  Bytes imports = section(2, vec({cat({str("env"), str("f"), {0x00, 0x00}}),
                                  cat({str("env"), str("m"), {0x02, 0x00, 0x01}}),
                                  cat({str("env"), str("g"), {0x03, 0x7f, 0x01}}),
                                  cat({str("env"), str("t"), {0x01, 0x6f, 0x00, 0x00}}),
                                  cat({str("env"), str("e"), {0x04, 0x00, 0x00}})}));
  Bytes exports = section(7, vec({cat({str("f"), {0x00, 0x00}}), cat({str("e"), {0x04, 0x00}})}));
  auto m = decode(module({kType, imports, exports}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->imports.size(), 5u);
  EXPECT_EQ(m->imports[0].module, "env");
  EXPECT_EQ(m->imports[0].field, "f");
  EXPECT_EQ(m->imports[1].desc.kind, ExternKind::Memory);
  EXPECT_EQ(m->imports[2].desc.global, (GlobalType{ValType::i32(), Mut::Var}));
  EXPECT_EQ(m->imports[3].desc.table.elem, (RefType{true, {HeapKind::Extern, false, 0}}));
  EXPECT_EQ(m->imports[4].desc.kind, ExternKind::Tag);
  EXPECT_EQ(m->initial_order,
            (std::vector<DefRun>{{DefKind::Type, 1}, {DefKind::Import, 5}}));
  ASSERT_EQ(m->exports.size(), 2u);
  EXPECT_EQ(m->exports[1].name, "e");
  EXPECT_EQ(m->exports[1].kind, ExternKind::Tag);
  EXPECT_EQ(error_of(module({section(2, vec({cat({str("a"), str("b"), {0x05, 0x00}})}))})),
            "malformed import kind");
  EXPECT_EQ(error_of(module({section(7, vec({cat({str("a"), {0x05, 0x00}})}))})),
            "malformed export kind");
}

TEST(Modules, ExactFunctionImportsAreKind0x20) {  // custom-descriptors
  Bytes imports = section(2, vec({cat({str("a"), str("b"), {0x20, 0x00}}),
                                  cat({str("a"), str("c"), {0x00, 0x00}})}));
  auto m = decode(module({kType, imports}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->imports[0].desc.kind, ExternKind::Func);
  EXPECT_TRUE(m->imports[0].desc.exact);
  EXPECT_FALSE(m->imports[1].desc.exact);
  EXPECT_EQ(error_of(module({section(7, vec({cat({str("a"), {0x20, 0x00}})}))})),
            "malformed export kind");
}

TEST(Modules, TablesWithAndWithoutInitialisers) {
  auto m = decode(module({section(4, vec({{0x70, 0x00, 0x01},
                                           {0x40, 0x00, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b}}))}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_FALSE(m->tables[0].init.has_value());
  ASSERT_TRUE(m->tables[1].init.has_value());
  EXPECT_EQ(m->tables[1].init->at(0).op, Opcode::RefNull);
  // decode.ml retries the plain form when the initialised one fails.
  EXPECT_EQ(error_of(module({section(4, vec({{0x40, 0x00, 0x70, 0x00, 0x01, 0xff, 0x0b}}))})),
            "malformed reference type");
}

TEST(Modules, StartSection) {
  auto m = decode(module({kType, kFunc, section(8, {0x00}), kCode}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->start, 0u);
}

TEST(Modules, ElementSegmentsOfEveryKind) {
  Bytes offset = {0x41, 0x00, 0x0b};
  Bytes elems = section(9, vec({cat({{0x00}, offset, vec({{0x00}})}),
                                {0x01, 0x00, 0x01, 0x00},
                                cat({{0x02, 0x01}, offset, {0x00}, vec({{0x00}})}),
                                {0x03, 0x00, 0x00},
                                cat({{0x04}, offset, vec({{0xd2, 0x00, 0x0b}})}),
                                {0x05, 0x6f, 0x01, 0xd0, 0x6f, 0x0b},
                                cat({{0x06, 0x00}, offset, {0x70, 0x00}}),
                                {0x07, 0x70, 0x00}}));
  auto m = decode(module({kType, kFunc, elems, kCode}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->elems.size(), 8u);
  const RefType func_nn{false, {HeapKind::Func, false, 0}};
  const RefType funcref{true, {HeapKind::Func, false, 0}};
  EXPECT_EQ(m->elems[0].mode, SegmentMode::Active);
  EXPECT_EQ(m->elems[0].type, func_nn);
  EXPECT_EQ(m->elems[0].init.at(0).at(0).op, Opcode::RefFunc);
  EXPECT_EQ(m->elems[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m->elems[2].table, 1u);
  EXPECT_EQ(m->elems[3].mode, SegmentMode::Declarative);
  EXPECT_EQ(m->elems[4].type, funcref);
  EXPECT_EQ(m->elems[5].type, (RefType{true, {HeapKind::Extern, false, 0}}));
  EXPECT_EQ(m->elems[6].mode, SegmentMode::Active);
  EXPECT_EQ(m->elems[7].mode, SegmentMode::Declarative);
  EXPECT_EQ(error_of(module({section(9, vec({{0x08}}))})), "malformed elements segment kind");
  EXPECT_EQ(error_of(module({section(9, vec({{0x01, 0x01, 0x00}}))})), "malformed element kind");
}

TEST(Modules, DataSegmentsAndDataCount) {
  Bytes datas = section(11, vec({{0x00, 0x41, 0x00, 0x0b, 0x02, 'h', 'i'},
                                 {0x01, 0x00},
                                 {0x02, 0x00, 0x41, 0x08, 0x0b, 0x01, 'x'}}));
  auto m = decode(module({kMemory, section(12, {0x03}), datas}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->datas.size(), 3u);
  EXPECT_EQ(m->datas[0].init, (std::vector<uint8_t>{'h', 'i'}));
  EXPECT_EQ(m->datas[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m->datas[2].offset.at(0).bits(), 8u);
  EXPECT_EQ(error_of(module({kMemory, section(12, {0x02}), datas})),
            "data count and data section have inconsistent lengths");
  EXPECT_EQ(error_of(module({section(11, vec({{0x03}}))})), "malformed data segment kind");
}

TEST(Modules, DataCountRequiredByDataIndices) {
  Bytes code = section(10, vec({{0x05, 0x00, 0xfc, 0x09, 0x00, 0x0b}}));  // data.drop 0
  Bytes data = section(11, vec({{0x01, 0x00}}));
  EXPECT_EQ(error_of(module({kType, kFunc, kMemory, code, data})), "data count section required");
  EXPECT_EQ(error_of(module({kType, kFunc, kMemory, section(12, {0x01}), code, data})), "ok");
}

TEST(Modules, CustomSectionsKeepTheirPlace) {
  Bytes custom1 = section(0, cat({str("first"), {1, 2, 3}}));
  Bytes custom2 = section(0, cat({str("after-func")}));
  auto m = decode(module({custom1, kType, kFunc, custom2, custom2, kCode}));
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->customs.size(), 3u);
  EXPECT_EQ(m->customs[0].name, "first");
  EXPECT_EQ(m->customs[0].bytes, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(m->customs[0].place, Custom::Place::After);
  EXPECT_EQ(m->customs[0].anchor, SectionId::Custom);
  EXPECT_EQ(m->customs[1].anchor, SectionId::Function);
  EXPECT_TRUE(m->customs[1].bytes.empty());
  EXPECT_EQ(m->customs[2].anchor, SectionId::Function);
}

TEST(Modules, CustomSectionErrors) {
  EXPECT_EQ(error_of(module({{0x00}})), "unexpected end of section or function");
  EXPECT_EQ(error_of(module({{0x00, 0x02, 0x03, 'a', 'b', 'c'}})),
            "unexpected end of section or function");
  EXPECT_EQ(error_of(module({section(0, str("\xff"))})), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of(module({{0x00, 0x09}, str("abc")})), "length out of bounds");
}

TEST(Modules, ErrorsCarryTheOffsetOfTheFailingByte) {
  auto m = decode(module({kType, {0x03, 0x02, 0x01, 0x80}}));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().phase, Phase::Malformed);
  EXPECT_EQ(m.error().message, "unexpected end of section or function");
  EXPECT_EQ(m.error().at.begin, 18u);
}

}  // namespace
}  // namespace wasm::binary
