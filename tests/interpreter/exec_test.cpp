// Execution basics: numeric, control, calls, memory — exec/instructions.rst.
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

using Exec = ExecTest;

TEST_F(Exec, AddAndFactorial) {
  auto m = load(R"((module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0))
        (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
    (func (export "loop") (param i32) (result i32) (local i32)
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
      (local.get 1))))");
  EXPECT_EQ(result(m, "add", {i32(2), i32(40)}), 42u);
  EXPECT_EQ(result(m, "fac", {i64(20)}), 2432902008176640000u);
  EXPECT_EQ(result(m, "loop", {i32(100)}), 5050u);
}

TEST_F(Exec, BranchesKeepValues) {
  auto m = load(R"((module
    (func (export "br") (result i32)
      (block (result i32) (i32.const 1) (i32.const 2) (br 0)))
    (func (export "table") (param i32) (result i32)
      (block (result i32) (block (result i32) (block (result i32)
        (i32.const 10) (local.get 0) (br_table 0 1 2))
        (i32.const 1) (i32.add)) (i32.const 2) (i32.add)))
    (func (export "ret") (result i32) (i32.const 7) (i32.const 9) (return) (drop))
    (func (export "select") (param i32) (result i32) (select (i32.const 3) (i32.const 4) (local.get 0)))))");
  EXPECT_EQ(result(m, "br"), 2u);
  EXPECT_EQ(result(m, "table", {i32(0)}), 13u);
  EXPECT_EQ(result(m, "table", {i32(1)}), 12u);
  EXPECT_EQ(result(m, "table", {i32(5)}), 10u);
  EXPECT_EQ(result(m, "ret"), 9u);
  EXPECT_EQ(result(m, "select", {i32(1)}), 3u);
  EXPECT_EQ(result(m, "select", {i32(0)}), 4u);
}

TEST_F(Exec, TrapMessages) {
  auto m = load(R"((module
    (type $v (func))
    (table 2 funcref)
    (memory 1)
    (elem (i32.const 1) func $f)
    (func $f (param i32))
    (func (export "unreachable") unreachable)
    (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func (export "ovf") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
    (func (export "cvt") (result i32) (i32.trunc_f32_s (f32.const nan)))
    (func (export "load") (result i32) (i32.load (i32.const 65534)))
    (func (export "undef") (call_indirect (type $v) (i32.const 5)))
    (func (export "uninit") (call_indirect (type $v) (i32.const 0)))
    (func (export "mismatch") (call_indirect (type $v) (i32.const 1)))
    (func (export "table") (drop (table.get 0 (i32.const 2))))
    (func (export "nullref") (call_ref $v (ref.null $v)))
    (func (export "nonnull") (drop (ref.as_non_null (ref.null func))))
    (func (export "i31") (drop (i31.get_s (ref.null i31))))
    (func (export "cast") (drop (ref.cast (ref i31) (ref.null any))))))");
  EXPECT_EQ(trap(m, "unreachable"), "unreachable");
  EXPECT_EQ(trap(m, "div", {i32(0)}), "integer divide by zero");
  EXPECT_EQ(trap(m, "ovf"), "integer overflow");
  EXPECT_EQ(trap(m, "cvt"), "invalid conversion to integer");
  EXPECT_EQ(trap(m, "load"), "out of bounds memory access");
  EXPECT_EQ(trap(m, "undef"), "undefined element 5");
  EXPECT_EQ(trap(m, "uninit"), "uninitialized element 0");
  EXPECT_EQ(trap(m, "mismatch"), "indirect call type mismatch");
  EXPECT_EQ(trap(m, "table"), "out of bounds table access");
  EXPECT_EQ(trap(m, "nullref"), "null function reference");
  EXPECT_EQ(trap(m, "nonnull"), "null reference");
  EXPECT_EQ(trap(m, "i31"), "null i31 reference");
  EXPECT_EQ(trap(m, "cast"), "cast failure");
}

TEST_F(Exec, InfiniteRecursionIsExhaustion) {
  auto m = load(R"((module (func $f (export "f") (call $f))))");
  Outcome o = call(m, "f");
  EXPECT_EQ(o.status, Outcome::Status::Exhaustion);
  EXPECT_EQ(o.message, "call stack exhausted");
}

TEST_F(Exec, TailCallsRunInConstantStack) {
  auto m = load(R"((module
    (func $count (export "count") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 42))
        (else (return_call $count (i64.sub (local.get 0) (i64.const 1))))))))");
  EXPECT_EQ(result(m, "count", {i64(1'000'000)}), 42u);
}

TEST_F(Exec, MemoryGrowToTheLimit) {
  auto m = load(R"((module (memory 0 3)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "size") (result i32) (memory.size))
    (func (export "store") (param i32) (i32.store (local.get 0) (i32.const 0x01020304)))
    (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))))");
  EXPECT_EQ(result(m, "grow", {i32(2)}), 0u);
  EXPECT_EQ(result(m, "grow", {i32(1)}), 2u);
  EXPECT_EQ(result(m, "grow", {i32(1)}), 0xFFFFFFFFu);
  EXPECT_EQ(result(m, "size"), 3u);
  call(m, "store", {i32(3 * 65536 - 4)});
  EXPECT_EQ(result(m, "load8", {i32(3 * 65536 - 4)}), 4u);
  EXPECT_EQ(result(m, "load8", {i32(3 * 65536 - 1)}), 1u);
}

TEST_F(Exec, HugeMemory64FailsCleanly) {
  auto r = try_load(R"((module (memory i64 0x1_0000_0000)))");  // 2^32 pages = 2^48 bytes
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().phase, Phase::Trap);
  EXPECT_NE(r.error().message.find("memory allocation failed"), std::string::npos);
  auto m = load(R"((module (memory i64 1)
    (func (export "grow") (result i64) (memory.grow (i64.const 0xFFFF_FFFF)))))");
  EXPECT_EQ(result(m, "grow"), ~uint64_t(0));
}

TEST_F(Exec, TrapInStartFunction) {
  auto r = try_load(R"((module (memory 1) (func $s (i32.store (i32.const 0) (i32.const 1)) unreachable) (start $s)))");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().phase, Phase::Trap);
  EXPECT_EQ(r.error().message, "unreachable");
}

// 10^5 nested blocks, built as an AST (the text parser limits nesting): validation, lowering
// and execution must not recurse per level. The AST is taken apart iteratively afterwards.
TEST_F(Exec, DeeplyNestedBlocks) {
  constexpr int kDepth = 100'000;
  Expr body;
  body.push_back(Instr{Opcode::I32Const, uint64_t(5), {}});
  for (int i = 0; i < kDepth; ++i) {
    BlockImm b;
    b.type = BlockType{BlockType::Kind::Value, ValType::i32(), 0};
    b.body = std::move(body);
    body = Expr{};
    body.push_back(Instr{Opcode::Block, Box<BlockImm>(std::move(b)), {}});
  }
  auto m = std::make_unique<Module>();
  TypeDef td;
  SubType st;
  st.comp.kind = CompKind::Func;
  st.comp.func.results = {ValType::i32()};
  td.rec.subtypes.push_back(st);
  m->types.push_back(td);
  m->funcs.push_back(Func{0, {}, std::move(body), {}});
  m->exports.push_back(Export{"f", ExternKind::Func, 0, {}});
  auto v = validate(*m, engine_.types());
  ASSERT_TRUE(v.ok()) << v.error().message;
  auto inst = engine_.instantiate(*m, *v, {});
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  EXPECT_EQ(result(*inst, "f"), 5u);
  // Dismantle without recursion.
  Expr rest = std::move(m->funcs[0].body);
  while (!rest.empty() && rest[0].op == Opcode::Block) {
    Expr inner = std::move(std::get<Box<BlockImm>>(rest[0].imm)->body);
    rest = std::move(inner);
  }
}

class FuelTest : public ExecTest {
 protected:
  FuelTest() : ExecTest(options()) {}
  static EngineOptions options() {
    EngineOptions o;
    o.fuel = 10'000;
    return o;
  }
};

TEST_F(FuelTest, InfiniteLoopRunsOutOfFuel) {
  auto m = load(R"((module (func (export "f") (loop (br 0)))))");
  Outcome o = call(m, "f");
  EXPECT_EQ(o.status, Outcome::Status::Exhaustion);
  EXPECT_EQ(o.message, "fuel exhausted");
}

}  // namespace
}  // namespace wasm::interp::test

namespace wasm::interp::test {
namespace {

// step() performs exactly one reduction of the lowered code; the final `return` finishes.
TEST_F(Exec, StepPerformsOneReduction) {
  auto m = load(R"((module (func (export "f") (param i32) (result i32)
                      (i32.add (local.get 0) (i32.const 1)))))");
  auto e = engine_.get_export(m, "f");
  ASSERT_TRUE(e.has_value());
  FuncInst& f = engine_.store().funcs[e->addr];
  Thread t(engine_.store(), engine_.options());
  t.values.resize(64);
  t.values[0] = Slot::of_i32(41);
  t.code = f.code.get();
  t.module = f.module;
  t.sp = t.code->locals;
  int steps = 0;
  Status s;
  while ((s = step(t)) == Status::Running) ++steps;
  EXPECT_EQ(s, Status::Done);
  EXPECT_EQ(steps, 3);  // local.get, i32.const, i32.add; then return
  EXPECT_EQ(t.values[0].i32(), 42u);
}

class TraceTest : public ExecTest {
 protected:
  explicit TraceTest(TraceFormat format = TraceFormat::Spec)
      : ExecTest(options(format)), file_(file(format)) {}
  static std::FILE* file(TraceFormat format) {  // one per format, as the engine outlives setup
    static std::FILE* spec = std::tmpfile();
    static std::FILE* ops = std::tmpfile();
    return format == TraceFormat::Ops ? ops : spec;
  }
  static EngineOptions options(TraceFormat format) {
    EngineOptions o;
    o.trace = file(format);
    o.trace_format = format;
    return o;
  }
  std::string text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string s;
    for (int c; (c = std::fgetc(file_)) != EOF;) s += char(c);
    return s;
  }
  std::FILE* file_;
};

// The spec's notation (without the text printer: instructions by their names only).
TEST_F(TraceTest, PrintsRuleInstructionAndTypedStack) {
  auto m = load(
      R"((module (func (export "f") (result i32) (i32.add (i32.const 2) (i32.const 3)))))");
  EXPECT_EQ(result(m, "f"), 5u);
  std::string t = text();
  EXPECT_NE(t.find("Step_pure/binop-val"), std::string::npos) << t;
  EXPECT_NE(t.find("i32.add"), std::string::npos) << t;
  EXPECT_NE(t.find(";; (i32.const 2) (i32.const 3)\n"), std::string::npos) << t;
  EXPECT_NE(t.find("Step_pure/frame-vals"), std::string::npos) << t;
}

class OpsTraceTest : public TraceTest {
 protected:
  OpsTraceTest() : TraceTest(TraceFormat::Ops) {}
};

TEST_F(OpsTraceTest, PrintsLoweredOpsAndRawSlots) {
  auto m = load(
      R"((module (func (export "f") (result i32) (i32.add (i32.const 2) (i32.const 3)))))");
  EXPECT_EQ(result(m, "f"), 5u);
  std::string t = text();
  EXPECT_NE(t.find("Step_pure/binop-val"), std::string::npos) << t;
  EXPECT_NE(t.find("0x2 0x3"), std::string::npos) << t;
  EXPECT_EQ(t.find("frame-vals"), std::string::npos) << t;
}

}  // namespace
}  // namespace wasm::interp::test
