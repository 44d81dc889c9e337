// The June 2020 Module Linking Explainer's text forms (text/module_linking_2020.cpp): what each
// desugars to in the AST, and that identifier paths need TextOptions::paths.
#include <gtest/gtest.h>

#include <string>

#include "text/parse.h"

namespace wasm::text {
namespace {

constexpr TextOptions kPaths{.paths = true};

Module ok(std::string_view src, TextOptions options = kPaths) {
  auto r = parse_module(src, options);
  EXPECT_TRUE(r.ok()) << src << "\n  -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Module{};
}

std::string err(std::string_view src, TextOptions options = kPaths) {
  auto r = parse_module(src, options);
  EXPECT_FALSE(r.ok()) << src;
  return r.ok() ? "" : r.error().message;
}

// The module type of `m` (inline function types of its items come before it).
const ModuleType& module_type(const Module& m) {
  for (const TypeDef& def : m.types)
    if (def.kind == TypeDefKind::Module) return def.module;
  ADD_FAILURE() << "no module type";
  static const ModuleType none;
  return none;
}

constexpr std::string_view kImportI =
    "(import \"i\" (instance $i (export \"f1\" (func $first)) (export \"f2\" (func $second))))";

// Explainer (2020) "Instance Imports and Aliases": `$i.$f` is an alias of i's export.
TEST(ModuleLinking2020, PathIsAnAliasOfTheExportItsTypeNames) {
  Module m = ok(std::string(kImportI) + "(func (call $i.$second) (call $i.$second))");
  ASSERT_EQ(m.aliases.size(), 1u);  // repeated uses share one alias
  EXPECT_EQ(m.aliases[0].kind, Alias::Kind::InstanceExport);
  EXPECT_EQ(m.aliases[0].sort, ExternKind::Func);
  EXPECT_EQ(m.aliases[0].instance, 0u);
  EXPECT_EQ(m.aliases[0].name, "f2");
  ASSERT_EQ(m.funcs[0].body.size(), 2u);
  EXPECT_EQ(m.funcs[0].body[0].index(), 0u);  // the alias is function 0
}

TEST(ModuleLinking2020, PathsAreOrdinaryIdentifiersByDefault) {
  // The later syntax (wasm-tools' corpus, module-linking/alias.wast) rejects them.
  EXPECT_EQ(err(std::string(kImportI) + "(func (call $i.$first))", {}),
            "unknown function $i.$first");
  // A bound identifier with ".$" is itself, with or without paths.
  Module m = ok(std::string(kImportI) + "(func $i.$first) (func (call $i.$first))");
  EXPECT_TRUE(m.aliases.empty());
  EXPECT_EQ(m.funcs[1].body[0].index(), 0u);
}

TEST(ModuleLinking2020, NestedPathProjectsThroughInstances) {
  Module m =
      ok("(import \"i\" (instance $i (export \"j\" (instance (export \"f\" (func))))))"
         "(func (call $i.$j.$f))");
  ASSERT_EQ(m.aliases.size(), 2u);
  EXPECT_EQ(m.aliases[0].sort, ExternKind::Instance);
  EXPECT_EQ(m.aliases[0].name, "j");
  EXPECT_EQ(m.aliases[1].sort, ExternKind::Func);
  EXPECT_EQ(m.aliases[1].instance, 1u);  // instance 1: the alias of "j"
  EXPECT_EQ(m.aliases[1].name, "f");
}

// Explainer (2020) "Nested Modules": an enclosing module's type by identifier.
TEST(ModuleLinking2020, ImplicitParentAliasComesFirst) {
  Module m =
      ok("(type $F (func)) (type $T (instance (export \"read\" (func))))"
         "(module (type (func (param i32))) (import \"x\" (instance (type $T))))",
         {});
  const Module& child = m.modules.at(0);
  ASSERT_EQ(child.aliases.size(), 1u);
  EXPECT_EQ(child.aliases[0].kind, Alias::Kind::Outer);
  EXPECT_EQ(child.aliases[0].sort, ExternKind::Type);
  EXPECT_EQ(child.aliases[0].outer_count, 0u);
  EXPECT_EQ(child.aliases[0].index, 1u);
  EXPECT_EQ(child.imports.at(0).desc.type, 0u);  // the alias is the child's type 0
  EXPECT_EQ(err("(func $f) (module (func (call $f)))", {}), "unknown function $f");
}

TEST(ModuleLinking2020, ExplicitAliasForms) {
  Module m = ok(std::string(kImportI) + "(alias $g (func $i $second)) (func (call $g))", {});
  ASSERT_EQ(m.aliases.size(), 1u);
  EXPECT_EQ(m.aliases[0].name, "f2");
  Module n = ok("(type $T (func)) (module (alias $U (parent (type $T))))", {});
  ASSERT_EQ(n.modules.at(0).aliases.size(), 1u);
  EXPECT_EQ(n.modules[0].aliases[0].kind, Alias::Kind::Outer);
  EXPECT_EQ(err("(alias $U (parent (type 0)))", {}), "cannot use `parent` alias in root module");
}

// "Module and Instance Types" / "Module and Instance Exports": zero-level exports.
TEST(ModuleLinking2020, ZeroLevelExports) {
  Module t =
      ok("(type $I (instance (export \"a\" (func)) (export \"b\" (global i32))))"
         "(type (module (import \"x\" (func)) (export $I)))",
         {});
  const ModuleType& mt = module_type(t);
  ASSERT_EQ(mt.exports.size(), 2u);
  EXPECT_EQ(mt.exports[1].name, "b");
  EXPECT_EQ(mt.exports[1].type.kind, ExternKind::Global);
  EXPECT_EQ(err("(type $F (func)) (type (module (export $F)))", {}),
            "type index is not an instance");

  Module m =
      ok("(module (module $M (func (export \"foo\")) (global (export \"g\") i32 (i32.const 0)))"
         "(instance $i (instantiate $M)) (export $i))",
         {});
  ASSERT_EQ(m.exports.size(), 2u);
  EXPECT_EQ(m.exports[0].name, "foo");
  EXPECT_EQ(m.exports[0].kind, ExternKind::Func);
  EXPECT_EQ(m.exports[1].kind, ExternKind::Global);
  ASSERT_EQ(m.aliases.size(), 2u);
  EXPECT_EQ(m.aliases[1].name, "g");
}

// "Module Imports and Nested Instances": positional arguments take the imports' names.
TEST(ModuleLinking2020, PositionalArgumentsAreNamedByImportOrder) {
  Module m =
      ok("(import \"w\" (instance $w (export \"f\" (func))))"
         "(module $M (import \"a\" \"x\" (func)) (import \"a\" \"y\" (func)) (import \"b\" (func)))"
         "(alias $f (func $w $f))"
         "(instance (instantiate $M (instance $w) (func $f)))",
         {});
  const Instance& inst = m.instances.at(0);
  ASSERT_EQ(inst.args.size(), 2u);
  EXPECT_EQ(inst.args[0].name, "a");
  EXPECT_EQ(inst.args[0].kind, ExternKind::Instance);
  EXPECT_EQ(inst.args[1].name, "b");
  EXPECT_TRUE(err("(import \"f\" (func $f)) (module $M) (instance (instantiate $M (func $f)))", {})
                  .starts_with("too many instantiate arguments"));
}

TEST(ModuleLinking2020, AbbreviatedItemsInTypes) {
  Module m =
      ok("(type (module (memory (import \"a\") 1 2) (func $d (export \"d\") (result f32))))", {});
  const ModuleType& mt = module_type(m);
  ASSERT_EQ(mt.imports.size(), 1u);
  EXPECT_EQ(mt.imports[0].type.kind, ExternKind::Memory);
  ASSERT_EQ(mt.exports.size(), 1u);
  EXPECT_EQ(mt.exports[0].name, "d");
}

}  // namespace
}  // namespace wasm::text
