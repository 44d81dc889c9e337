// Focused tests of the .wast script parser (text/script.h).
#include <gtest/gtest.h>

#include "text/script.h"

namespace wasm::text {
namespace {

Script ok(std::string_view src) {
  auto r = parse_script(src);
  EXPECT_TRUE(r.ok()) << src << "\n  -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Script{};
}

TEST(Script, ModuleFormsAndRegister) {
  Script s = ok("(module $a (func)) (module $b binary \"\\00asm\" \"\\01\\00\\00\\00\")"
                "(module quote \"(func)\") (module definition $d) (module instance $i $d)"
                "(register \"r\" $a)");
  ASSERT_EQ(s.commands.size(), 6u);
  EXPECT_EQ(s.commands[0].module.id, "a");
  EXPECT_EQ(s.commands[1].module.form, ScriptModule::Form::Binary);
  EXPECT_EQ(s.commands[1].module.bytes.size(), 8u);
  EXPECT_EQ(s.commands[2].module.form, ScriptModule::Form::Quote);
  EXPECT_TRUE(s.commands[3].module.definition);
  EXPECT_EQ(s.commands[4].kind, Command::Kind::ModuleInstance);
  EXPECT_EQ(s.commands[4].id, "i");
  EXPECT_EQ(s.commands[4].id2, "d");
  EXPECT_EQ(s.commands[5].message, "r");
}

TEST(Script, ABrokenTextModuleDoesNotStopTheScript) {
  Script s = ok("(module (func (call $nope))) (invoke \"f\")");
  ASSERT_EQ(s.commands.size(), 2u);
  ASSERT_TRUE(s.commands[0].module.error.has_value());
  EXPECT_TRUE(s.commands[0].module.error->message.starts_with("unknown function"));
  EXPECT_EQ(s.commands[1].kind, Command::Kind::Action);
}

TEST(Script, AssertReturnResults) {
  Script s = ok("(assert_return (invoke $m \"f\" (i32.const 1) (ref.null func) (ref.extern 7))"
                " (f32.const nan:canonical) (v128.const f64x2 nan:arithmetic 1.5) (ref.null)"
                " (ref.func) (ref.extern) (either (i32.const 1) (i32.const 2)))");
  const Command& c = s.commands.at(0);
  EXPECT_EQ(c.action.module_id, "m");
  ASSERT_EQ(c.action.args.size(), 3u);
  EXPECT_EQ(c.action.args[1].heap.kind, HeapKind::Func);
  EXPECT_EQ(c.action.args[2].payload, 7u);
  ASSERT_EQ(c.expected.size(), 6u);
  EXPECT_EQ(c.expected[0].nan, NanPattern::Canonical);
  EXPECT_EQ(c.expected[1].lane_nans[0], NanPattern::Arithmetic);
  EXPECT_EQ(c.expected[1].lane_nans[1], NanPattern::None);
  EXPECT_EQ(c.expected[2].heap.kind, HeapKind::Bot);
  EXPECT_EQ(c.expected[3].kind, ScriptValue::Kind::RefKind);
  EXPECT_FALSE(c.expected[4].payload.has_value());
  EXPECT_EQ(c.expected[5].alternatives.size(), 2u);
}

TEST(Script, Assertions) {
  Script s = ok("(assert_trap (invoke \"f\") \"unreachable\")"
                "(assert_trap (module (start 0) (func unreachable)) \"unreachable\")"
                "(assert_malformed (module quote \"(func\") \"unexpected end\")"
                "(assert_invalid (module (func (result i32))) \"type mismatch\")"
                "(assert_exhaustion (invoke \"g\") \"call stack exhausted\")"
                "(assert_exception (invoke \"h\"))"
                "(assert_unlinkable (module (import \"x\" \"y\" (func))) \"unknown import\")");
  ASSERT_EQ(s.commands.size(), 7u);
  EXPECT_FALSE(s.commands[0].has_module);
  EXPECT_TRUE(s.commands[1].has_module);
  EXPECT_EQ(s.commands[2].kind, Command::Kind::AssertMalformed);
  EXPECT_EQ(s.commands[2].module.bytes, "(func");
  EXPECT_EQ(s.commands[6].message, "unknown import");
}

TEST(Script, ThreadsAndWait) {
  Script s = ok("(module $Mem (memory 1 1 shared)) (thread $T (shared (module $Mem))"
                " (register \"mem\" $Mem) (invoke \"run\")) (wait $T)");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[1].kind, Command::Kind::Thread);
  EXPECT_EQ(s.commands[1].shared_modules, std::vector<std::string>{"Mem"});
  EXPECT_EQ(s.commands[1].body.size(), 2u);
  EXPECT_EQ(s.commands[2].id, "T");
}

TEST(Script, BareModuleFields) {
  Script s = ok("(func (export \"f\")) (memory 1)");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].module.module.funcs.size(), 1u);
}

TEST(Script, DeepParenthesesAreAnError) {
  EXPECT_FALSE(parse_script(std::string(200000, '(')).ok());
  std::string nested = "(thread $t ";
  for (int i = 0; i < 5000; ++i) nested += "(thread $t ";
  EXPECT_FALSE(parse_script(nested).ok());
}

}  // namespace
}  // namespace wasm::text
