// Module Linking at run time (interpreter/linking.cpp, instantiate.cpp): nested instantiation
// in definition order, aliases to the actual addresses, outer module aliases, module and
// instance imports and exports, implicit instances.
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

class Linking : public ExecTest {
 protected:
  Linking() { options_.module_linking = true; }
};

TEST_F(Linking, NestedInstanceExportsReachTheOuterModule) {
  auto m = load(R"((module
    (module $inner (func (export "seven") (result i32) (i32.const 7)))
    (instance $i (instantiate $inner))
    (func (export "get") (result i32) (call (func $i "seven")))))");
  EXPECT_EQ(result(m, "get"), 7u);
}

TEST_F(Linking, AliasesResolveToTheSameAddresses) {
  // The outer module aliases the nested instance's memory and global: writes through one are
  // seen through the other, and the re-exported function is the nested one itself.
  auto m = load(R"((module
    (module $inner
      (memory (export "mem") 1)
      (global (export "g") (mut i32) (i32.const 1))
      (func (export "peek") (result i32) (i32.add (i32.load (i32.const 0)) (global.get 0))))
    (instance $i (instantiate $inner))
    (alias $i "mem" (memory $mem))
    (alias $i "g" (global $g))
    (func (export "poke") (i32.store (i32.const 0) (i32.const 40)) (global.set $g (i32.const 2)))
    (export "peek" (func $i "peek"))))");
  EXPECT_EQ(result(m, "peek"), 1u);
  call(m, "poke");
  EXPECT_EQ(result(m, "peek"), 42u);
}

TEST_F(Linking, InstantiateArgumentsAreTheGivenItems) {
  auto m = load(R"((module
    (module $counter
      (global (export "n") (mut i32) (i32.const 0))
      (func (export "inc") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))
    (module $user
      (import "inc" (func $inc))
      (func (export "twice") (call $inc) (call $inc)))
    (instance $c (instantiate $counter))
    (instance $u (instantiate $user (import "inc" (func $c "inc"))))
    (export "twice" (func $u "twice"))
    (export "n" (global $c "n"))))");
  call(m, "twice");
  call(m, "twice");
  auto n = engine_.get_export(m, "n");
  ASSERT_TRUE(n);
  EXPECT_EQ(engine_.read_global(n->addr).bits, 4u);
}

TEST_F(Linking, NestedStartFunctionsRunInDefinitionOrderBeforeTheOuterModule) {
  // Each start function appends its digit to a shared global: log = log * 10 + digit.
  auto m = load(R"((module
    (module $log (global (export "log") (mut i32) (i32.const 0)))
    (instance $l (instantiate $log))
    (module $step
      (import "log" (global $log (mut i32)))
      (import "digit" (global $d i32))
      (func $start (global.set $log (i32.add (i32.mul (global.get $log) (i32.const 10)) (global.get $d))))
      (start $start))
    (module $one (global (export "d") i32 (i32.const 1)))
    (module $two (global (export "d") i32 (i32.const 2)))
    (instance $d1 (instantiate $one))
    (instance $d2 (instantiate $two))
    (instance (instantiate $step (import "log" (global $l "log")) (import "digit" (global $d1 "d"))))
    (instance (instantiate $step (import "log" (global $l "log")) (import "digit" (global $d2 "d"))))
    (func $outer (global.set (global $l "log")
      (i32.add (i32.mul (global.get (global $l "log")) (i32.const 10)) (i32.const 3))))
    (start $outer)
    (export "log" (global $l "log"))))");
  auto log = engine_.get_export(m, "log");
  ASSERT_TRUE(log);
  EXPECT_EQ(engine_.read_global(log->addr).bits, 123u);
}

TEST_F(Linking, TrapInANestedInstantiationFailsTheWhole) {
  auto r = try_load(R"((module
    (module $bad (func $s unreachable) (start $s))
    (instance (instantiate $bad))))");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().phase, Phase::Trap);
  EXPECT_EQ(r.error().message, "unreachable");
}

TEST_F(Linking, OuterModuleAliasesAndModuleExports) {
  auto m = load(R"((module
    (module $leaf (func (export "f") (result i32) (i32.const 5)))
    (module $wrap
      (alias outer 0 $leaf (module $l))
      (instance $i (instantiate $l))
      (export "f" (func $i "f"))
      (export "leaf" (module $l)))
    (instance $w (instantiate $wrap))
    (instance $again (instantiate (module $w "leaf")))
    (func (export "sum") (result i32) (i32.add (call (func $w "f")) (call (func $again "f"))))
    (export "w" (instance $w))))");
  EXPECT_EQ(result(m, "sum"), 10u);
  auto w = engine_.get_export(m, "w");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->kind, ExternKind::Instance);
  const NamedExterns& items = engine_.instance_exports(w->addr);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].second.kind, ExternKind::Module);
}

TEST_F(Linking, InstanceImportFromTheEmbedder) {
  auto provider = load(R"((module (func (export "f") (result i32) (i32.const 9))))");
  ExternVal inst = engine_.instance_of(provider);
  auto m = load(R"((module
    (import "p" (instance $p (export "f" (func (result i32)))))
    (func (export "g") (result i32) (call (func $p "f")))))",
                {inst});
  EXPECT_EQ(result(m, "g"), 9u);
}

TEST_F(Linking, InstanceImportIsCheckedByInstanceSubtyping) {
  auto provider = load(R"((module (func (export "f") (result i32) (i32.const 9))))");
  ExternVal inst = engine_.instance_of(provider);
  auto r = try_load(R"((module (import "p" (instance (export "h" (func))))))", {inst});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().phase, Phase::Unlinkable);
  EXPECT_EQ(r.error().message.rfind("incompatible import type", 0), 0u) << r.error().message;
}

TEST_F(Linking, ModuleImportFromTheHost) {
  auto type = std::make_shared<LinkModuleType>();
  bool instantiated = false;
  ExternVal host = engine_.add_host_module(type, [&](const NamedExterns& args) {
    instantiated = true;
    EXPECT_EQ(args.size(), 0u);
    return engine_.add_instance({});
  });
  load(R"((module (import "m" (module $m)) (instance (instantiate $m))))", {host});
  EXPECT_TRUE(instantiated);
}

TEST_F(Linking, ImplicitInstanceOfTwoLevelImports) {
  auto provider = load(R"((module (func (export "f") (result i32) (i32.const 3))))");
  ExternVal f = *engine_.get_export(provider, "f");
  auto m = load(R"((module
    (import "env" "f" (func (result i32)))
    (module $m
      (import "env" (instance (export "f" (func (result i32)))))
      (func (export "g") (result i32) (call (func 0 "f"))))
    (instance $i (instantiate $m (import "env" (instance 0))))
    (export "g" (func $i "g"))))",
                {f});
  EXPECT_EQ(result(m, "g"), 3u);
}

}  // namespace
}  // namespace wasm::interp::test
