// The checking mode (interpreter/check_typing.h): well-typed runs pass it, and each kind of
// ill-typed configuration — built by corrupting a real one — is reported precisely.
#include "interpreter/check_typing.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "interpreter/store.h"
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

// The hook the tests install: a violation becomes a C++ exception carrying the report.
void throw_report(const std::string& report) { throw std::runtime_error(report); }

class CheckTypingTest : public ExecTest {
 protected:
  static EngineOptions options() {
    EngineOptions o;
    o.check_typing = true;
    o.on_typing_violation = throw_report;
    return o;
  }
  CheckTypingTest() : ExecTest(options()) {}

  FuncInst& func(InstanceAddr inst, std::string_view name) {
    return engine_.store().funcs[engine_.get_export(inst, name)->addr];
  }
};

constexpr std::string_view kModule = R"(
  (module
    (type $s (struct (field (mut i32)) (field (mut funcref))))
    (global $g (mut funcref) (ref.null func))
    (table $t 2 funcref)
    (func $add (export "add") (param i32 i32) (result i32)
      (local $l i64)
      local.get 0 local.get 1 i32.add)
    (func (export "calls") (result i32)
      (local $r (ref null $s))
      (local.set $r (struct.new $s (i32.const 7) (ref.func $add)))
      (global.set $g (ref.func $add))
      (table.set $t (i32.const 1) (ref.func $add))
      (block $h (try_table (catch_all $h) (drop (call $add (i32.const 0) (i32.const 0)))))
      (call $add (i32.const 1) (struct.get $s 0 (local.get $r))))
    (elem declare func $add))
)";

TEST_F(CheckTypingTest, WellTypedRunsPass) {
  InstanceAddr inst = load(kModule);
  EXPECT_EQ(result(inst, "add", {i32(2), i32(3)}), 5u);
  EXPECT_EQ(result(inst, "calls"), 8u);
}

TEST_F(CheckTypingTest, LoweringAttachesTheValidatorsTypes) {
  InstanceAddr inst = load(kModule);
  const Code& code = *func(inst, "add").code;
  ASSERT_TRUE(code.typing);
  EXPECT_EQ(code.typing->locals,
            (std::vector<ValType>{ValType::i32(), ValType::i32(), ValType::i64()}));
  EXPECT_EQ(code.typing->results, ResultType{ValType::i32()});
  ASSERT_GE(code.ops.size(), 3u);  // local.get, local.get, i32.add
  EXPECT_EQ(code.typing->stack[0], ResultType{});
  EXPECT_EQ(code.typing->stack[2], (ResultType{ValType::i32(), ValType::i32()}));
}

// A configuration of `add` stopped before i32.add (pc 2), with its operands as given.
struct Stopped {
  Thread t;
  Stopped(Store& s, const EngineOptions& o, const Code& code, std::vector<Slot> slots) : t(s, o) {
    t.values = std::move(slots);
    t.values.resize(64);
    t.code = &code;
    t.pc = 2;
    t.sp = code.locals + 2;
  }
};

TEST_F(CheckTypingTest, ReportsAnOperandOfTheWrongType) {
  InstanceAddr inst = load(kModule);
  const Code& code = *func(inst, "add").code;
  Stopped ok(engine_.store(), engine_.options(), code,
             {Slot::of_i32(1), Slot::of_i32(2), Slot::of_i64(0), Slot::of_i32(1), Slot::of_i32(2)});
  EXPECT_EQ(check_configuration(ok.t, 5, true), "");
  Stopped bad(engine_.store(), engine_.options(), code,
              {Slot::of_i32(1), Slot::of_i32(2), Slot::of_i64(0), Slot::of_i32(1),
               Slot::of_i64(uint64_t(1) << 40)});
  std::string report = check_configuration(bad.t, 5, false);
  EXPECT_NE(report.find("after step 5"), std::string::npos) << report;
  EXPECT_NE(report.find("pc 2 (i32.add)"), std::string::npos) << report;
  EXPECT_NE(report.find("operand 1 of [i32 i32]: expected i32"), std::string::npos) << report;
}

TEST_F(CheckTypingTest, ReportsAWrongStackHeightAndAWrongLocal) {
  InstanceAddr inst = load(kModule);
  const Code& code = *func(inst, "add").code;
  Stopped high(
      engine_.store(), engine_.options(), code,
      {Slot::of_i32(1), Slot::of_i32(2), Slot::of_i64(0), Slot::of_i32(1), Slot::of_i32(2)});
  high.t.sp -= 1;
  EXPECT_NE(check_configuration(high.t, 0, false).find("operand stack height 1, expected 2"),
            std::string::npos);
  Stopped local(engine_.store(), engine_.options(), code,
                {Slot::of_i32(1), Slot::of_i64(uint64_t(1) << 32), Slot::of_i64(0), Slot::of_i32(1),
                 Slot::of_i32(2)});
  EXPECT_NE(check_configuration(local.t, 0, false).find("local 1: expected i32"),
            std::string::npos);
}

// A caller's frame is typed before its call, less the callee's arguments.
TEST_F(CheckTypingTest, ChecksTheCallersFrames) {
  InstanceAddr inst = load(kModule);
  const Code& caller = *func(inst, "calls").code;
  const Code& callee = *func(inst, "add").code;
  uint32_t call_pc = 0;
  for (uint32_t pc = 0; pc < caller.ops.size(); ++pc)
    if (caller.ops[pc].code == uint16_t(Opcode::Call))
      call_pc = pc;  // the last call: at an empty stack
  ASSERT_EQ(caller.typing->stack[call_pc].size(), 2u);
  auto stopped = [&](uint32_t caller_height) {
    Thread t(engine_.store(), engine_.options());
    t.values.assign(64, Slot::of_i32(1));
    t.values[0] = Slot::of_ref(kNullRef);  // the caller's local (ref null $s)
    for (uint32_t i = 0; i < caller_height; ++i) t.values[1 + i] = Slot::of_i64(uint64_t(1) << 40);
    t.frames[0] = Frame{&caller, nullptr, call_pc + 1, 0};
    t.depth = 1;
    t.code = &callee;
    t.base = 1 + caller_height;
    t.values[t.base + 2] = Slot::of_i64(0);
    t.pc = 2;
    t.sp = t.base + callee.locals + 2;
    return check_configuration(t, 9, false);
  };
  EXPECT_EQ(stopped(0), "");
  std::string report = stopped(1);
  EXPECT_NE(report.find("function 1 (frame depth 0), pc " + std::to_string(call_pc) +
                        " (call): operand stack height 1, expected 0"),
            std::string::npos)
      << report;
}

TEST_F(CheckTypingTest, ReportsIllTypedStoreObjects) {
  InstanceAddr inst = load(kModule);
  EXPECT_EQ(result(inst, "calls"), 8u);
  Store& s = engine_.store();
  Stopped t(s, engine_.options(), *func(inst, "add").code,
            {Slot::of_i32(1), Slot::of_i32(2), Slot::of_i64(0), Slot::of_i32(1), Slot::of_i32(2)});
  Slot saved = s.globals[0].value;
  s.globals[0].value = Slot::of_ref(make_ref(RefKind::Func, 999));  // dangling
  EXPECT_NE(
      check_configuration(t.t, 0, true).find("store: global 0 of type funcref holds a dangling"),
      std::string::npos);
  s.globals[0].value = Slot::of_ref(make_i31(1));  // live, wrong type
  EXPECT_NE(check_configuration(t.t, 0, true).find("ref.i31 1, not of type funcref"),
            std::string::npos);
  s.globals[0].value = saved;
  s.tables[0].refs[1] = make_ref(RefKind::Struct, 0);
  EXPECT_NE(check_configuration(t.t, 0, true).find("table 0 element 1"), std::string::npos);
  s.tables[0].refs[1] = kNullRef;
  s.structs[0].fields[1] = Slot::of_ref(make_i31(3));
  EXPECT_NE(check_configuration(t.t, 0, true).find("structure 0 field 1"), std::string::npos);
  s.structs[0].fields[1] = Slot::of_ref(kNullRef);
  EXPECT_EQ(check_configuration(t.t, 0, true), "");
}

TEST_F(CheckTypingTest, AViolationDuringARunReachesTheHook) {
  InstanceAddr inst = load(kModule);
  engine_.store().globals[0].value = Slot::of_ref(make_ref(RefKind::Func, 999));
  try {
    call(inst, "add", {i32(1), i32(2)});
    FAIL() << "no violation reported";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(
        std::string(e.what()).find("configuration typing violated after step 0: store: global 0"),
        std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace wasm::interp::test
