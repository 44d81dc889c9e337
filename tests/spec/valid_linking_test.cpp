// Module Linking: subtyping of module and instance types (Subtyping.md) and the validation
// rules of spec/valid_linking.cpp, one focused test per rule and message. Modules are written in
// the text format (the text front end builds the Module Linking AST).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "spec/link_types.h"
#include "spec/validate.h"
#include "text/parse.h"

namespace wasm::test {
namespace {

// ---- Subtyping (spec/link_types.cpp) ----

LinkType global_i32() {
  ExternType t;
  t.kind = ExternKind::Global;
  t.global = GlobalType{ValType::i32(), Mut::Const};
  return link_type_of(t);
}
LinkType memory_min(uint64_t min) {
  ExternType t;
  t.kind = ExternKind::Memory;
  t.mem.limits.min = min;
  return link_type_of(t);
}
LinkType instance(std::vector<LinkItem> exports) {
  auto it = std::make_shared<LinkInstanceType>();
  it->exports = std::move(exports);
  return link_type_of(std::shared_ptr<const LinkInstanceType>(it));
}
LinkType module(std::vector<LinkItem> imports, std::vector<LinkItem> exports) {
  auto mt = std::make_shared<LinkModuleType>();
  mt->imports = std::move(imports);
  mt->exports = std::move(exports);
  return link_type_of(std::shared_ptr<const LinkModuleType>(mt));
}

class Subtyping : public ::testing::Test {
 protected:
  TypeStore store;
  bool matches(const LinkType& a, const LinkType& b) { return !match_linktype(store, a, b); }
};

TEST_F(Subtyping, KindsMustAgree) {
  auto why = match_linktype(store, global_i32(), memory_min(1));
  ASSERT_TRUE(why);
  EXPECT_EQ(why->rfind("item type mismatch", 0), 0u) << *why;
}

TEST_F(Subtyping, CoreKindsMatchAsExterntypeSub) {
  EXPECT_TRUE(matches(memory_min(2), memory_min(1)));
  EXPECT_FALSE(matches(memory_min(1), memory_min(2)));
}

TEST_F(Subtyping, InstanceWidthSubtyping) {
  LinkType wide = instance({{"a", global_i32()}, {"b", memory_min(1)}});
  LinkType narrow = instance({{"b", memory_min(1)}});
  EXPECT_TRUE(matches(wide, narrow));   // more exports, any order
  EXPECT_FALSE(matches(narrow, wide));  // "a" is missing
  EXPECT_EQ(*match_linktype(store, narrow, wide), "missing export \"a\"");
}

TEST_F(Subtyping, LongExportListsAreIndexedByName) {
  std::vector<LinkItem> many, some;
  for (int i = 0; i < 40; ++i) many.push_back({"e" + std::to_string(i), memory_min(uint64_t(i))});
  for (int i = 39; i >= 0; i -= 3)
    some.push_back({"e" + std::to_string(i), memory_min(uint64_t(i))});
  EXPECT_TRUE(matches(instance(many), instance(some)));
  some.push_back({"e7", memory_min(8)});  // more than e7 has
  EXPECT_EQ(*match_linktype(store, instance(many), instance(some)),
            "export \"e7\": memory type mismatch");
  some.back() = {"absent", memory_min(0)};
  EXPECT_EQ(*match_linktype(store, instance(many), instance(some)), "missing export \"absent\"");
}

TEST_F(Subtyping, InstanceDepthSubtyping) {
  EXPECT_TRUE(matches(instance({{"m", memory_min(3)}}), instance({{"m", memory_min(2)}})));
  EXPECT_FALSE(matches(instance({{"m", memory_min(1)}}), instance({{"m", memory_min(2)}})));
}

TEST_F(Subtyping, ModuleImportsAreContravariant) {
  LinkType few = module({{"x", global_i32()}}, {});
  LinkType many = module({{"x", global_i32()}, {"y", memory_min(1)}}, {});
  EXPECT_TRUE(matches(few, many));   // a module that imports less can be used
  EXPECT_FALSE(matches(many, few));  // it would need "y", which the expected type does not give
  // The import types themselves: the expected type promises memory ≥ 2, the module accepts ≥ 1.
  EXPECT_TRUE(matches(module({{"m", memory_min(1)}}, {}), module({{"m", memory_min(2)}}, {})));
  EXPECT_FALSE(matches(module({{"m", memory_min(2)}}, {}), module({{"m", memory_min(1)}}, {})));
}

TEST_F(Subtyping, ModuleExportsAreCovariant) {
  LinkType more = module({}, {{"a", global_i32()}, {"b", global_i32()}});
  LinkType less = module({}, {{"b", global_i32()}});
  EXPECT_TRUE(matches(more, less));
  EXPECT_FALSE(matches(less, more));
}

TEST_F(Subtyping, NestedInstancesInModuleTypes) {
  LinkType inner_wide = instance({{"f", global_i32()}, {"g", global_i32()}});
  LinkType inner_narrow = instance({{"f", global_i32()}});
  EXPECT_TRUE(matches(module({}, {{"i", inner_wide}}), module({}, {{"i", inner_narrow}})));
  EXPECT_TRUE(matches(module({{"i", inner_narrow}}, {}), module({{"i", inner_wide}}, {})));
  EXPECT_FALSE(matches(module({{"i", inner_wide}}, {}), module({{"i", inner_narrow}}, {})));
}

// ---- Validation (spec/valid_linking.cpp, spec/valid_modules.cpp) ----

class ValidLinking : public ::testing::Test {
 protected:
  Result<ValidatedModule> check(std::string_view source, bool linking = true) {
    auto m = text::parse_module(source);
    if (!m) return m.error();
    modules_.push_back(std::make_unique<Module>(std::move(*m)));
    ValidateOptions options;
    options.module_linking = linking;
    return validate(*modules_.back(), store_, options);
  }
  void expect_valid(std::string_view source) {
    auto r = check(source);
    EXPECT_TRUE(r.ok()) << r.error().message;
  }
  void expect_invalid(std::string_view source, std::string_view prefix) {
    auto r = check(source);
    ASSERT_FALSE(r.ok()) << "valid: " << source;
    EXPECT_EQ(r.error().phase, Phase::Invalid);
    EXPECT_EQ(r.error().message.substr(0, prefix.size()), prefix) << r.error().message;
  }
  TypeStore store_;
  std::vector<std::unique_ptr<Module>> modules_;
};

TEST_F(ValidLinking, RejectedWithoutTheOption) {
  auto r = check("(module (module))", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "module linking proposal not enabled");
}

TEST_F(ValidLinking, ModuleTypeIsNotAFunctionType) {
  expect_invalid(R"((module (type (module)) (import "" (func (type 0)))))",
                 "type 0 is a module or instance type");
}

TEST_F(ValidLinking, FunctionTypeIsNotAnInstanceType) {
  expect_invalid(R"((module (type (func)) (import "" (instance (type 0)))))",
                 "type 0 is not an instance type");
}

TEST_F(ValidLinking, DuplicateExportInInstanceType) {
  expect_invalid(R"((module (type (instance (export "" (func)) (export "" (func))))))",
                 "duplicate export name");
}

TEST_F(ValidLinking, DuplicateExportInALongInstanceType) {
  std::string src = "(module (type (instance";
  for (int i = 0; i < 30; ++i) src += " (export \"e" + std::to_string(i) + "\" (func))";
  src += " (export \"e17\" (func)))))";
  expect_invalid(src, "duplicate export name \"e17\"");
}

TEST_F(ValidLinking, DuplicateSingleLevelImport) {
  expect_invalid(R"((module (import "" (func)) (import "" (func))))", "duplicate import name");
}

TEST_F(ValidLinking, DuplicateTwoLevelImport) {
  expect_invalid(R"((module (import "m" "a" (func)) (import "m" "a" (func))))",
                 "duplicate import name \"m\" \"a\"");
}

TEST_F(ValidLinking, ImplicitInstanceClosesWithItsImportSection) {
  expect_invalid(R"((module (import "m" "a" (func)) (module) (import "m" "b" (func))))",
                 "duplicate import name \"m\"");
}

TEST_F(ValidLinking, ImplicitInstanceTakesTheFirstInstanceIndex) {
  auto r = check(R"((module
    (import "m" "i" (instance (export "x" (global i32))))
    (import "m" "f" (func))
    (alias 1 "x" (global))  ;; instance 1 is the imported instance, 0 the implicit one
    (alias 0 "f" (func))))");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->type->imports.size(), 1u);  // one implicit instance import "m"
  EXPECT_EQ(r->type->imports[0].type.instance->exports.size(), 2u);
}

TEST_F(ValidLinking, DefinitionsSeeOnlyWhatPrecedesThem) {
  expect_invalid(R"((module (instance (instantiate 0)) (module)))", "unknown module 0");
}

TEST_F(ValidLinking, InstantiateNeedsEveryImport) {
  expect_invalid(
      R"((module (import "" (module $m (import "x" (func)))) (instance (instantiate $m))))",
      "missing instantiate argument for import \"x\"");
}

TEST_F(ValidLinking, InstantiateArgumentMustMatch) {
  expect_invalid(R"((module
    (import "" (module $m (import "x" (func))))
    (import "g" (global i32))
    (instance (instantiate $m (import "x" (global 0))))))",
                 "type mismatch: instantiate argument \"x\": item type mismatch");
}

TEST_F(ValidLinking, InstantiateAcceptsSuperfluousArgumentsAndSubtypes) {
  expect_valid(R"((module
    (import "" (module $m (import "i" (instance (export "f" (func))))))
    (import "a" (instance $a (export "f" (func)) (export "g" (func))))
    (import "b" (func))
    (instance (instantiate $m (import "i" (instance $a)) (import "extra" (func 0))))))");
}

TEST_F(ValidLinking, InstantiateCannotSeeLocalDefinitions) {
  expect_invalid(R"((module
    (import "" (module $m (import "x" (func))))
    (instance (instantiate $m (import "x" (func 0))))
    (func)))",
                 "unknown function 0");
}

TEST_F(ValidLinking, AliasOfMissingExport) {
  auto r = check(R"((module (import "" (module $m)) (instance $i (instantiate $m))
    (alias $i "foo" (func))))");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "aliased name `foo` does not exist in instance 0");
}

TEST_F(ValidLinking, AliasKindMismatch) {
  expect_invalid(
      R"((module (import "" (instance $i (export "" (memory 1)))) (alias $i "" (func))))",
      "alias kind mismatch");
}

TEST_F(ValidLinking, AliasedFunctionHasItsType) {
  expect_invalid(R"((module (import "" (instance $i (export "" (func)))) (alias $i "" (func))
    (func i32.const 0 call 0)))",
                 "type mismatch");
}

TEST_F(ValidLinking, OuterAliasOnlyOfTypesAndModules) {
  expect_invalid(R"((module (import "" (instance $i)) (module (alias outer 0 $i (instance)))))",
                 "invalid external kind in alias");
}

TEST_F(ValidLinking, OuterAliasDepth) {
  expect_invalid("(module (module (alias outer 1 0 (module))))", "relative depth too large");
}

TEST_F(ValidLinking, OuterAliasSeesOnlyPrecedingParentDefinitions) {
  expect_invalid("(module (module (alias outer 0 0 (module))))", "unknown module 0");
}

TEST_F(ValidLinking, OuterTypeAliasGivesTheParentsType) {
  expect_valid(R"((module $P (type $t (func (result i32)))
    (module (func (type outer $P $t) i32.const 0))))");
}

TEST_F(ValidLinking, NestedModulesAreValidated) {
  expect_invalid("(module (module (func i32.add)))", "type mismatch");
}

TEST_F(ValidLinking, NestedModuleTypeFromItsImportsAndExports) {
  auto r =
      check(R"((module (module (import "a" (func)) (global (export "g") i32 (i32.const 0)))))");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->modules.size(), 1u);
  const LinkModuleType& mt = *r->modules[0].type;
  ASSERT_EQ(mt.imports.size(), 1u);
  EXPECT_EQ(mt.imports[0].name, "a");
  ASSERT_EQ(mt.exports.size(), 1u);
  EXPECT_EQ(mt.exports[0].type.kind(), ExternKind::Global);
}

TEST_F(ValidLinking, ExportOfUnknownInstance) {
  expect_invalid(R"((module (export "" (instance 0))))", "unknown instance 0");
}

TEST_F(ValidLinking, EffectiveTypeSizeIsBounded) {
  std::string src = "(module (type (module))";
  // Each level imports the previous module type ten times: 10^6 > kMaxLinkTypeSize.
  for (int level = 1; level <= 6; ++level) {
    src += " (type (module";
    for (int i = 0; i < 10; ++i)
      src += " (import \"" + std::to_string(i) + "\" (module (type " + std::to_string(level - 1) +
             ")))";
    src += "))";
  }
  src += ")";
  expect_invalid(src, "effective type size too large");
}

}  // namespace
}  // namespace wasm::test
