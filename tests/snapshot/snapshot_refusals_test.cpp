// `wasmref snapshot`: what it refuses, with messages that name the culprit (docs/snapshot.md).
#include "tests/snapshot/snapshot_fixture.h"

namespace wasm::snapshot::test {
namespace {

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST_F(SnapshotTest, ImportsAreRefusedByDefault) {
  std::string e = error_of(R"((module (import "spectest" "print_i32" (func (param i32)))
    (func (export "wizer.initialize"))))");
  EXPECT_TRUE(contains(e, "import \"spectest\".\"print_i32\" is not allowed")) << e;
}

TEST_F(SnapshotTest, AllowImportsLinksSpectest) {
  Options o;
  o.allow_imports = true;
  snapshot(R"((module
    (import "spectest" "print_i32" (func $p (param i32)))
    (import "spectest" "global_i32" (global $g i32))
    (import "spectest" "memory" (memory 1))
    (global $n (mut i32) (i32.const 0))
    (func (export "wizer.initialize") (call $p (i32.const 1)) (global.set $n (global.get $g)))
    (func (export "n") (result i32) (global.get $n))))",
           o);
  EXPECT_EQ(snap_result("n"), 666u);
  EXPECT_EQ(snap_.module->imports.size(), 3u);
}

TEST_F(SnapshotTest, ActiveSegmentsIntoImportsStayActive) {
  Options o;
  o.allow_imports = true;
  snapshot(R"((module
    (import "spectest" "memory" (memory 1))
    (import "spectest" "table" (table 10 funcref))
    (memory $own 1)
    (func $f)
    (data (memory 0) (i32.const 8) "imp")
    (data (memory $own) (i32.const 8) "own")
    (elem (table 0) (i32.const 2) func $f)
    (func (export "wizer.initialize"))))",
           o);
  ASSERT_EQ(snap_.module->datas.size(), 2u);  // the import's segment, the captured one
  EXPECT_EQ(snap_.module->datas[0].mode, SegmentMode::Active);
  EXPECT_EQ(snap_.module->datas[0].init, (std::vector<uint8_t>{'i', 'm', 'p'}));
  EXPECT_EQ(snap_.module->elems.size(), 1u);
}

TEST_F(SnapshotTest, OtherImportsAreRefusedEvenWhenAllowed) {
  Options o;
  o.allow_imports = true;
  std::string e = error_of(R"((module (import "env" "f" (func))
    (func (export "wizer.initialize"))))",
                           o);
  EXPECT_TRUE(contains(e, "\"env\".\"f\"")) << e;
}

TEST_F(SnapshotTest, TrapInInitIsReported) {
  std::string e = error_of(R"((module
    (func (export "wizer.initialize") (drop (i32.div_u (i32.const 1) (i32.const 0))))))");
  EXPECT_EQ(e, "init function \"wizer.initialize\" trapped: integer divide by zero");
}

TEST_F(SnapshotTest, ExhaustionInInitIsReported) {
  std::string e = error_of(R"((module (func $f (export "wizer.initialize") (call $f))))");
  EXPECT_TRUE(contains(e, "exhausted: call stack exhausted")) << e;
}

TEST_F(SnapshotTest, TrapInStartIsReported) {
  std::string e = error_of(R"((module (func $s unreachable) (start $s)
    (func (export "wizer.initialize"))))");
  EXPECT_TRUE(contains(e, "unreachable")) << e;
}

TEST_F(SnapshotTest, MissingOrIllTypedInitFunction) {
  EXPECT_TRUE(contains(error_of("(module)"), "no function export \"wizer.initialize\""));
  EXPECT_TRUE(
      contains(error_of(R"((module (func (export "wizer.initialize") (param i32))))"), "[] -> []"));
}

TEST_F(SnapshotTest, ACycleOfGcObjectsIsRefusedNamingTheGlobal) {
  std::string e = error_of(R"((module
    (type $s (struct (field (mut (ref null $s)))))
    (global $g (export "g") (mut (ref null $s)) (ref.null $s))
    (func (export "wizer.initialize")
      (global.set $g (struct.new $s (ref.null $s)))
      (struct.set $s 0 (global.get $g) (global.get $g)))))");
  EXPECT_EQ(e,
            "global 0 (export \"g\") field 0: holds a cycle of GC objects, which no "
            "constant builds");
}

}  // namespace
}  // namespace wasm::snapshot::test

namespace wasm::snapshot::test {
namespace {

std::string linking_error(std::string_view wat) {
  Result<Module> m = text::parse_module(wat);
  EXPECT_TRUE(m.ok()) << m.error().message;
  Options o;
  o.module_linking = true;
  Result<Module> s = snapshot::snapshot(*m, o);
  return s ? std::string() : s.error().message;
}

// Module Linking: one nested module, two instances of it: each would need its own copy.
TEST(SnapshotLinking, ANestedModuleInstantiatedTwiceIsRefused) {
  std::string e = linking_error(R"((module
    (module $M (global (export "g") (mut i32) (i32.const 0)))
    (instance $a (instantiate $M))
    (instance $b (instantiate $M))
    (func (export "wizer.initialize"))))");
  EXPECT_NE(e.find("nested module 0 is instantiated more than once"), std::string::npos) << e;
}

// An instance of a module the parent passed down by an outer alias belongs to no nested module
// of the child that makes it.
TEST(SnapshotLinking, AnInstanceOfAnOuterAliasedModuleIsRefused) {
  std::string e = linking_error(R"((module
    (module $Leaf (global (export "g") (mut i32) (i32.const 0)))
    (module $Mid
      (alias outer 0 $Leaf (module $L))
      (instance (instantiate $L)))
    (instance (instantiate $Mid))
    (func (export "wizer.initialize"))))");
  EXPECT_NE(e.find("an instance of an imported or outer-aliased module"), std::string::npos) << e;
}

TEST(SnapshotLinking, WithoutTheFeatureItIsRefusedBeforeValidation) {
  Result<Module> m = text::parse_module("(module (module) (func (export \"wizer.initialize\")))");
  ASSERT_TRUE(m.ok());
  Result<Module> s = snapshot::snapshot(*m, Options{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "a module with Module Linking definitions needs --enable module-linking");
}

}  // namespace
}  // namespace wasm::snapshot::test
