// The Module Linking proposal's binary format (wasm-tools, early 2022): module, instance and
// alias sections, module and instance types, kinds 0x05/0x06, single-level imports, and the
// relaxed order of the initial sections.
#include <gtest/gtest.h>

#include "tests/binary/bytes.h"

namespace wasm::binary {
namespace {

using namespace testing;

DecodeOptions linking() {
  DecodeOptions options;
  options.module_linking = true;
  return options;
}

const Bytes kFuncType = {0x60, 0x00, 0x00};

TEST(ModuleLinking, ModuleAndInstanceTypes) {
  // (type (func)) (type (module (import "a" (func (type 0))) (export "e" (instance (type 2)))))
  // (type (instance (export "f" (func (type 0)))))
  Bytes module_type = cat({{0x61}, vec({cat({str("a"), str(""), {0xff, 0x00, 0x00}})}),
                           vec({cat({str("e"), {0x06, 0x02}})})});
  Bytes instance_type = cat({{0x62}, vec({cat({str("f"), {0x00, 0x00}})})});
  auto m = decode(module({section(1, vec({kFuncType, module_type, instance_type}))}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->types.size(), 3u);
  EXPECT_EQ(m->types[0].kind, TypeDefKind::Rec);
  ASSERT_EQ(m->types[1].kind, TypeDefKind::Module);
  const ModuleType& mt = m->types[1].module;
  ASSERT_EQ(mt.imports.size(), 1u);
  EXPECT_EQ(mt.imports[0].module, "a");
  EXPECT_FALSE(mt.imports[0].field.has_value());
  EXPECT_EQ(mt.imports[0].type.kind, ExternKind::Func);
  ASSERT_EQ(mt.exports.size(), 1u);
  EXPECT_EQ(mt.exports[0].type.kind, ExternKind::Instance);
  EXPECT_EQ(mt.exports[0].type.type, 2u);
  ASSERT_EQ(m->types[2].kind, TypeDefKind::Instance);
  EXPECT_EQ(m->types[2].instance.exports.at(0).name, "f");
  EXPECT_EQ(m->initial_order, (std::vector<DefRun>{{DefKind::Type, 3}}));
}

TEST(ModuleLinking, SingleLevelAndTwoLevelImports) {
  Bytes imports = section(2, vec({cat({str("m"), str(""), {0xff, 0x05, 0x01}}),
                                  cat({str("i"), str(""), {0x06, 0x02}})}));
  auto m = decode(module({imports}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_FALSE(m->imports[0].field.has_value());
  EXPECT_EQ(m->imports[0].desc.kind, ExternKind::Module);
  EXPECT_EQ(m->imports[0].desc.type, 1u);
  EXPECT_EQ(m->imports[1].field, "");  // an empty field name without 0xFF stays two-level
  EXPECT_EQ(m->imports[1].desc.kind, ExternKind::Instance);
  // Without the option, 0xFF is no import kind.
  EXPECT_EQ(error_of(module({imports})), "malformed import kind");
}

TEST(ModuleLinking, NestedModules) {
  Bytes inner = module({section(1, vec({kFuncType}))});
  Bytes modules = section(14, vec({cat({uleb(inner.size()), inner}),
                                   cat({uleb(kHeader.size()), kHeader})}));
  auto m = decode(module({modules}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->modules.size(), 2u);
  EXPECT_EQ(m->modules[0].types.size(), 1u);
  EXPECT_EQ(m->modules[0].at.begin, 12u);  // spans of nested modules are absolute
  EXPECT_EQ(m->initial_order, (std::vector<DefRun>{{DefKind::Module, 2}}));
  // Without the option, section 14 does not exist (the core suite's expectation).
  EXPECT_EQ(error_of(module({modules})), "malformed section id");
}

TEST(ModuleLinking, NestedModuleErrorsHaveAbsoluteOffsets) {
  Bytes bad = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x00};
  auto m = decode(module({section(14, vec({cat({uleb(bad.size()), bad})}))}), linking());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "length out of bounds");
  EXPECT_EQ(m.error().at.begin, 12u + 9u);
}

TEST(ModuleLinking, NestingDepthIsLimited) {
  Bytes m = kHeader;
  for (int i = 0; i < 200; ++i) m = module({section(14, vec({cat({uleb(m.size()), m})}))});
  EXPECT_EQ(error_of(m, linking()), "too deeply nested modules");
}

TEST(ModuleLinking, Instances) {
  Bytes instances = section(15, vec({cat({{0x00, 0x00}, vec({cat({str("x"), {0x00, 0x03}}),
                                                             cat({str("y"), {0x06, 0x01}})})})}));
  auto m = decode(module({instances}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->instances.size(), 1u);
  EXPECT_EQ(m->instances[0].module, 0u);
  EXPECT_EQ(m->instances[0].args,
            (std::vector<InstantiateArg>{{"x", ExternKind::Func, 3}, {"y", ExternKind::Instance, 1}}));
  EXPECT_EQ(error_of(module({section(15, vec({{0x01, 0x00, 0x00}}))}), linking()),
            "malformed instance: instantiate expected");
}

TEST(ModuleLinking, Aliases) {
  Bytes aliases = section(16, vec({cat({{0x00, 0x01, 0x02}, str("mem")}),
                                   {0x01, 0x00, 0x07, 0x04},
                                   {0x01, 0x01, 0x05, 0x02}}));
  auto m = decode(module({aliases}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->aliases.size(), 3u);
  const Alias& a = m->aliases[0];
  EXPECT_EQ(a.kind, Alias::Kind::InstanceExport);
  EXPECT_EQ(a.instance, 1u);
  EXPECT_EQ(a.sort, ExternKind::Memory);
  EXPECT_EQ(a.name, "mem");
  EXPECT_EQ(m->aliases[1].kind, Alias::Kind::Outer);
  EXPECT_EQ(m->aliases[1].sort, ExternKind::Type);
  EXPECT_EQ(m->aliases[1].index, 4u);
  EXPECT_EQ(m->aliases[2].sort, ExternKind::Module);
  EXPECT_EQ(m->aliases[2].outer_count, 1u);
  EXPECT_EQ(error_of(module({section(16, vec({{0x01, 0x00, 0x00, 0x00}}))}), linking()),
            "malformed alias kind");
  EXPECT_EQ(error_of(module({section(16, vec({{0x02}}))}), linking()), "malformed alias");
}

TEST(ModuleLinking, ExportKinds) {
  Bytes exports = section(7, vec({cat({str("m"), {0x05, 0x00}}), cat({str("i"), {0x06, 0x00}})}));
  auto m = decode(module({exports}), linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->exports[0].kind, ExternKind::Module);
  EXPECT_EQ(m->exports[1].kind, ExternKind::Instance);
  EXPECT_EQ(error_of(module({section(7, vec({cat({str("m"), {0x07, 0x00}})}))}), linking()),
            "malformed export kind");
}

TEST(ModuleLinking, InitialSectionsInterleaveAndRepeat) {
  Bytes types = section(1, vec({kFuncType}));
  Bytes imports = section(2, vec({cat({str("f"), str(""), {0xff, 0x00, 0x00}})}));
  Bytes modules = section(14, vec({cat({uleb(kHeader.size()), kHeader})}));
  Bytes instances = section(15, vec({{0x00, 0x00, 0x00}}));
  Bytes aliases = section(16, vec({cat({{0x00, 0x00, 0x00}, str("f")})}));
  Bytes custom = section(0, str("c"));
  auto m = decode(module({types, imports, custom, types, modules, instances, aliases, imports,
                          section(3, vec({{0x00}})), section(10, vec({{0x02, 0x00, 0x0b}}))}),
                  linking());
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->initial_order,
            (std::vector<DefRun>{{DefKind::Type, 1}, {DefKind::Import, 1}, {DefKind::Type, 1},
                                 {DefKind::Module, 1}, {DefKind::Instance, 1},
                                 {DefKind::Alias, 1}, {DefKind::Import, 1}}));
  EXPECT_EQ(m->customs.at(0).anchor, SectionId::Import);
  EXPECT_EQ(m->funcs.size(), 1u);
}

TEST(ModuleLinking, CoreSectionsKeepTheirOrder) {
  // wrong-order.wast: a type section after the data section.
  Bytes m = module({section(1, {0x00}), section(11, {0x00}), section(1, {0x00})});
  EXPECT_EQ(error_of(m, linking()), "section out of order");
  EXPECT_EQ(error_of(module({section(3, {0x00}), section(1, {0x00})}), linking()),
            "section out of order");
}

}  // namespace
}  // namespace wasm::binary
