// Superinstructions (interpreter/fuse.h): for every fusable operator and every shape, the fast
// loop (which runs Code::fused) gives the same results as the one-reduction-per-step loop (fuel
// on: Code::ops), on operands around every boundary; and the shapes are fused at all.
#include "interpreter/fuse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

// `pattern` with each "{}" replaced by the next argument (GCC 12 has no <format>).
std::string format(std::string pattern) { return pattern; }
template <typename... Rest>
std::string format(std::string pattern, const std::string& first, const Rest&... rest) {
  size_t at = pattern.find("{}");
  return pattern.substr(0, at) + first + format(pattern.substr(at + 2), std::string(rest)...);
}

// An engine of its own: ExecTest's helpers outside a TEST_F.
class Runner : public ExecTest {
 public:
  explicit Runner(EngineOptions o = {}) : ExecTest(o) {}
  void TestBody() override {}
  using ExecTest::call;
  using ExecTest::engine_;
  using ExecTest::load;
  using ExecTest::result;
};

EngineOptions with_fuel() {
  EngineOptions o;
  o.fuel = uint64_t(1) << 40;  // never exhausted here; any fuel limit selects the stepping loop
  return o;
}

// One module per operator: a function per shape (and per constant for the constant shapes).
struct Shapes {
  std::string module;
  std::vector<std::string> locals2;  // exports taking (T, T)
  std::vector<std::string> locals1;  // exports taking (T)
};

const char* kConstants[] = {"0",          "1",           "-1",         "31",         "63",
                            "0x7fffffff", "-0x80000000", "0x80000000", "0x123456789"};

Shapes shapes(const std::string& type, const std::string& op, bool i32_result) {
  std::string r = i32_result ? "i32" : type;
  std::string bin = type + "." + op;
  Shapes s;
  std::string m = "(module\n";
  auto add2 = [&](const std::string& name, const std::string& body,
                  const std::string& locals = "") {
    m += format("(func (export \"{}\") (param {} {}) (result {}) {} {})\n", name, type, type,
                i32_result && name.starts_with("j") ? "i32" : r, locals, body);
    s.locals2.push_back(name);
  };
  auto add1 = [&](const std::string& name, const std::string& body,
                  const std::string& locals = "") {
    m += format("(func (export \"{}\") (param {}) (result {}) {} {})\n", name, type,
                i32_result && name.starts_with("j") ? "i32" : r, locals, body);
    s.locals1.push_back(name);
  };
  // Operands that are not locals (`select` is an op of its own): the stack shapes SK, SS.
  const std::string sa = "(select (local.get 0) (local.get 0) (i32.const 1))";
  const std::string sb = "(select (local.get 1) (local.get 1) (i32.const 1))";
  // The three conditional jumps consuming `test`: br_if forward, br_if back to a loop, if.
  auto add_jumps = [&](auto add, const std::string& name, const std::string& test,
                       const std::string& loop_local) {
    add("jif" + name, format("(block (br_if 0 {}) (return (i32.const 0))) (i32.const 1)", test),
        "");
    add("jback" + name,
        format("(loop $l (if (local.get {}) (then (return (i32.const 1)))) "
               "(local.set {} (i32.const 1)) (br_if $l {})) (i32.const 0)",
               loop_local, loop_local, test),
        "(local i32)");
    add("junless" + name,
        format("(if (result i32) {} (then (i32.const 1)) (else (i32.const 0)))", test), "");
  };
  std::string ss = format("({} {} {})", bin, sa, sb);
  if (i32_result) add_jumps(add2, "ss", ss, "2");
  add2("ssset", format("(local.set 2 {}) (local.get 2)", ss), "(local " + r + ")");
  add2("sstee", format("(local.tee 2 {})", ss), "(local " + r + ")");
  // The value pushed, with a value under it (what a missing push would return instead).
  add2("ssteeu", format("(select ({}.const 7) (local.tee 2 {}) (i32.const 0))", r, ss),
       "(local " + r + ")");
  add2("ssteel", format("(drop (local.tee 2 {})) (local.get 2)", ss), "(local " + r + ")");
  std::string ll = format("({} (local.get 0) (local.get 1))", bin);
  add2("ll", ll);
  add2("llset", format("(local.set 2 {}) (local.get 2)", ll), "(local " + r + ")");
  // A loop's last statement and its `br`: the second iteration returns what the first set.
  const char* set_back =
      "(loop $l (if (local.get {}) (then (return (local.get {})))) "
      "(local.set {} (i32.const 1)) (local.set {} {}) (br $l)) (unreachable)";
  add2("llback", format(set_back, "2", "3", "2", "3", ll), "(local i32) (local " + r + ")");
  // local.tee: the value pushed, and the value set.
  add2("lltee", format("(local.tee 2 {})", ll), "(local " + r + ")");
  add2("llteel", format("(drop (local.tee 2 {})) (local.get 2)", ll), "(local " + r + ")");
  if (i32_result) {
    add2("jif", format("(block (br_if 0 {}) (return (i32.const 0))) (i32.const 1)", ll));
    add2("jback",
         format("(loop $l (if (local.get 2) (then (return (i32.const 1)))) "
                "(local.set 2 (i32.const 1)) (br_if $l {})) (i32.const 0)",
                ll),
         "(local i32)");
    add2("junless", format("(if (result i32) {} (then (i32.const 1)) (else (i32.const 0)))", ll));
  }
  for (size_t i = 0; i < std::size(kConstants); ++i) {
    std::string k = kConstants[i];
    if (type == "i32" && k == "0x123456789") continue;
    std::string lk = format("({} (local.get 0) ({}.const {}))", bin, type, k);
    add1("lk" + std::to_string(i), lk);
    std::string sk = format("({} {} ({}.const {}))", bin, sa, type, k);
    add1("sk" + std::to_string(i), sk);
    if (i32_result) add_jumps(add1, "sk" + std::to_string(i), sk, "1");
    add1("lkset" + std::to_string(i), format("(local.set 1 {}) (local.get 1)", lk),
         "(local " + r + ")");
    add1("lkback" + std::to_string(i), format(set_back, "1", "2", "1", "2", lk),
         "(local i32) (local " + r + ")");
    add1("lktee" + std::to_string(i), format("(local.tee 1 {})", lk), "(local " + r + ")");
    add1("lkteel" + std::to_string(i), format("(drop (local.tee 1 {})) (local.get 1)", lk),
         "(local " + r + ")");
    if (i32_result) {
      add1("jkif" + std::to_string(i),
           format("(block (br_if 0 {}) (return (i32.const 0))) (i32.const 1)", lk));
      add1("jkback" + std::to_string(i),
           format("(loop $l (if (local.get 1) (then (return (i32.const 1)))) "
                  "(local.set 1 (i32.const 1)) (br_if $l {})) (i32.const 0)",
                  lk),
           "(local i32)");
      add1("jkunless" + std::to_string(i),
           format("(if (result i32) {} (then (i32.const 1)) (else (i32.const 0)))", lk));
    }
  }
  s.module = m + ")";
  return s;
}

std::vector<uint64_t> operands(bool is64) {
  std::vector<uint64_t> v = {0, 1, 2, 5, 31, 32, 33, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff};
  if (is64) {
    for (uint64_t x : {uint64_t(0x100000000), uint64_t(0x7fffffffffffffff),
                       uint64_t(0x8000000000000000), ~uint64_t(0), ~uint64_t(0) - 1})
      v.push_back(x);
  } else {
    v.push_back(0xfffffffe);
  }
  return v;
}

struct Op {
  const char* type;
  const char* name;
  bool i32_result;
};

std::vector<Op> operators() {
  std::vector<Op> ops;
  for (const char* t : {"i32", "i64"}) {
    bool is32 = std::string(t) == "i32";
    for (const char* n : {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u"})
      ops.push_back({t, n, is32});
    for (const char* n :
         {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"})
      ops.push_back({t, n, true});
  }
  return ops;
}

TEST(Fuse, EveryOperatorInKFusableBinops) {
  EXPECT_EQ(operators().size(), std::size(kFusableBinops));
}

TEST(Fuse, FastLoopAgreesWithSteppingOnEveryShape) {
  for (const Op& o : operators()) {
    SCOPED_TRACE(std::string(o.type) + "." + o.name);
    bool is64 = std::string(o.type) == "i64";
    Shapes s = shapes(o.type, o.name, o.i32_result);
    Runner fast;
    Runner stepped(with_fuel());
    InstanceAddr f = fast.load(s.module);
    InstanceAddr g = stepped.load(s.module);
    ASSERT_FALSE(HasFailure()) << s.module;

    // Every function of the fast engine's instance has fused ops; each form occurs.
    size_t fused_functions = 0;
    Store& store = fast.engine_.store();
    std::vector<bool> forms(kFusedFormCount);
    for (size_t i = 0; i < store.funcs.size(); ++i)
      if (const Code* c = store.funcs[i].code.get())
        for (const interp::Op& op : c->fused)
          if (op.code >= kFusedFirst && op.code < kFusedEnd)
            forms[(op.code - kFusedFirst) % kFusedFormCount] = true;
    for (size_t k = 0; k < forms.size(); ++k) {
      bool jump = (k >= kFusedLLJumpIf && k <= kFusedLKJumpUnless) ||
                  (k >= kFusedSKJumpIf && k <= kFusedSSJumpUnless);
      EXPECT_EQ(forms[k], !jump || o.i32_result) << "form " << k;
    }
    for (size_t i = 0; i < store.funcs.size(); ++i) {
      const FuncInst& fn = store.funcs[i];
      if (!fn.code) continue;
      ASSERT_EQ(fn.code->fused.size(), fn.code->ops.size());
      for (const interp::Op& op : fn.code->fused) {
        if (op.code >= kFusedFirst && op.code < kFusedEnd) {
          ++fused_functions;
          break;
        }
      }
    }
    EXPECT_EQ(fused_functions, s.locals1.size() + s.locals2.size());

    auto value = [&](uint64_t x) { return is64 ? i64(x) : i32(uint32_t(x)); };
    for (uint64_t a : operands(is64)) {
      for (const std::string& name : s.locals1)
        EXPECT_EQ(fast.result(f, name, {value(a)}), stepped.result(g, name, {value(a)}))
            << name << " " << a;
      for (uint64_t b : operands(is64))
        for (const std::string& name : s.locals2)
          EXPECT_EQ(fast.result(f, name, {value(a), value(b)}),
                    stepped.result(g, name, {value(a), value(b)}))
              << name << " " << a << " " << b;
    }
  }
}

// The loop of bench/loop.wast becomes three dispatches per iteration.
TEST(Fuse, BenchLoopBodyIsThreeOps) {
  Runner fast;
  fast.load(R"((module
    (func (export "sum") (param $n i64) (result i64) (local $i i64) (local $s i64)
      (loop $l
        (local.set $s (i64.add (local.get $s) (local.get $i)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
      (local.get $s))))");
  const Code& code = *fast.engine_.store().funcs[0].code;
  EXPECT_EQ(code.fused[0].code, fused_code(Opcode::I64Add, kFusedLLSet));
  EXPECT_EQ(code.fused[4].code, fused_code(Opcode::I64Add, kFusedLKSet));
  EXPECT_EQ(code.fused[8].code, fused_code(Opcode::I64LtU, kFusedLLJumpIfBack));
  EXPECT_EQ(code.fused[8].c, 0u);  // the loop's start
  // The stepping view is unchanged.
  EXPECT_EQ(code.ops[0].code, uint16_t(Opcode::LocalGet));
  EXPECT_EQ(code.ops[11].code, uint16_t(kJumpIfBack));
}

// i32.eqz and the jump that consumes it (br_if forward, if, br_if back), fast against stepping.
TEST(Fuse, EqzJumpsAgreeWithStepping) {
  const char* m = R"((module
    (func (export "brif") (param i32) (result i32)
      (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 7))) (i32.const 9))
    (func (export "if") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7)) (else (i32.const 9))))
    (func (export "back") (param i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set 0 (i32.shr_u (local.get 0) (i32.const 1)))
        (br_if $l (i32.eqz (i32.eqz (local.get 0)))))
      (local.get $n)))
  )";
  Runner fast;
  Runner stepped(with_fuel());
  InstanceAddr f = fast.load(m);
  InstanceAddr g = stepped.load(m);
  ASSERT_FALSE(HasFailure());
  for (uint32_t x : {0u, 1u, 2u, 0x80000000u, 0xFFFFFFFFu})
    for (const char* name : {"brif", "if", "back"})
      EXPECT_EQ(fast.result(f, name, {i32(x)}), stepped.result(g, name, {i32(x)}))
          << name << " " << x;
  EXPECT_EQ(fast.result(f, "back", {i32(0x80000000u)}), 32u);
  std::vector<bool> forms(kTestFusedFormCount);
  const ModuleInst& mi = fast.engine_.store().modules[f];
  for (const FuncInst* fn : mi.func_ptrs)
    for (const interp::Op& op : fn->code->fused)
      if (op.code >= kFusedTestFirst && op.code < kFusedTestEnd)
        forms[op.code - kFusedTestFirst] = true;
  for (size_t k = 0; k < forms.size(); ++k) EXPECT_TRUE(forms[k]) << "form " << k;
}

// local.get a; local.set b is one op (l[b] := l[a]): a loop that rotates three locals, the
// shape of compiled code's copies, gives the same results under both loops.
TEST(Fuse, LocalToLocalCopies) {
  const char* m = R"((module
    (func (export "fib") (param $n i32) (result i64) (local $a i64) (local $b i64) (local $t i64)
      (local.set $b (i64.const 1))
      (block $done
        (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $t (i64.add (local.get $a) (local.get $b)))
          (local.set $a (local.get $b))
          (local.set $b (local.get $t))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
      (local.get $a))
    (func (export "swap") (param $x i32) (param $y i32) (result i32) (local $t i32)
      (local.set $t (local.get $x))
      (local.set $x (local.get $y))
      (local.set $y (local.get $t))
      (i32.sub (local.get $x) (local.get $y)))))";
  Runner fast;
  Runner stepped(with_fuel());
  InstanceAddr f = fast.load(m);
  InstanceAddr g = stepped.load(m);
  ASSERT_FALSE(HasFailure());
  size_t copies = 0;
  for (const FuncInst* fn : fast.engine_.store().modules[f].func_ptrs)
    for (const interp::Op& op : fn->code->fused) copies += op.code == kFusedLocalCopy;
  EXPECT_EQ(copies, 5u);
  EXPECT_EQ(fast.result(f, "fib", {i32(90)}), 2880067194370816120u);
  for (uint32_t n : {0u, 1u, 2u, 10u, 93u})
    EXPECT_EQ(fast.result(f, "fib", {i32(n)}), stepped.result(g, "fib", {i32(n)})) << n;
  EXPECT_EQ(fast.result(f, "swap", {i32(3), i32(10)}), 7u);
  EXPECT_EQ(stepped.result(g, "swap", {i32(3), i32(10)}), 7u);
}

// bench/sieve.wast: the inner loop is three dispatches, the outer one four; the fast loop
// counts the primes as stepping does.
TEST(Fuse, BenchSieveLoops) {
  const char* m = R"((module (memory 1)
    (func (export "sieve") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)
      (local.set $i (i32.const 2))
      (block $done
        (loop $outer
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (i32.eqz (i32.load8_u (local.get $i)))
            (then
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (local.set $j (i32.mul (local.get $i) (local.get $i)))
              (block $inner_done
                (loop $inner
                  (br_if $inner_done (i32.ge_u (local.get $j) (local.get $n)))
                  (i32.store8 (local.get $j) (i32.const 1))
                  (local.set $j (i32.add (local.get $j) (local.get $i)))
                  (br $inner)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $outer)))
      (local.get $count))))";
  Runner fast;
  InstanceAddr f = fast.load(m);
  ASSERT_FALSE(HasFailure());
  // The superinstructions in pc order (the ops a sequence covers keep their own codes).
  const Code& code = *fast.engine_.store().funcs[0].code;
  std::vector<uint16_t> fused;
  for (const interp::Op& op : code.fused)
    if (op.code >= kFusedFirst) fused.push_back(op.code);
  std::vector<uint16_t> expected = {
      fused_code(Opcode::I32GeU, kFusedLLJumpIf),        // outer: br_if $done
      fused_mem_code(Opcode::I32Load8U, kFusedLoadL),    // i32.load8_u (local.get $i)
      uint16_t(kFusedTestFirst + kFusedEqzJumpUnless),   // if (i32.eqz ...)
      fused_code(Opcode::I32Add, kFusedLKSet),           // $count := $count + 1
      fused_code(Opcode::I32Mul, kFusedLLSet),           // $j := $i * $i
      fused_code(Opcode::I32GeU, kFusedLLJumpIf),        // inner: br_if $inner_done
      fused_mem_code(Opcode::I32Store8, kFusedStoreLK),  // i32.store8 $j 1
      fused_code(Opcode::I32Add, kFusedLLSetJumpBack),   // $j := $j + $i; br $inner
      fused_code(Opcode::I32Add, kFusedLKSetJumpBack)};  // $i := $i + 1; br $outer
  EXPECT_EQ(fused, expected);
  Runner stepped(with_fuel());
  InstanceAddr g = stepped.load(m);
  EXPECT_EQ(fast.result(f, "sieve", {i32(100)}), 25u);
  EXPECT_EQ(fast.result(f, "sieve", {i32(65536)}), 6542u);
  for (uint32_t n : {0u, 2u, 3u, 1000u})
    EXPECT_EQ(fast.result(f, "sieve", {i32(n)}), stepped.result(g, "sieve", {i32(n)})) << n;
}

// Memory superinstructions: each load and store shape, the fast loop against stepping, at
// addresses inside, at the edge of and past the memory (a trap with the access's message), on
// an unshared and a shared memory; an access of memory 1 or with a large offset stays unfused.
TEST(Fuse, MemoryShapesAgreeWithStepping) {
  for (const char* shared : {"", " shared"}) {
    SCOPED_TRACE(shared);
    std::string m = format(R"((module
      (memory 1 1{})
      (memory $other 1)
      (func (export "st32k") (param i32) (i32.store offset=3 (local.get 0) (i32.const 0x11223344)))
      (func (export "st8k") (param i32) (i32.store8 (local.get 0) (i32.const 0x1ff)))
      (func (export "st16k") (param i32) (i32.store16 offset=1 (local.get 0) (i32.const -2)))
      (func (export "st32l") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "st64l") (param i32 i64) (i64.store offset=8 (local.get 0) (local.get 1)))
      (func (export "ld32") (param i32) (result i32) (i32.load offset=3 (local.get 0)))
      (func (export "ld8u") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "ld8s") (param i32) (result i32) (i32.load8_s (local.get 0)))
      (func (export "ld16u") (param i32) (result i32) (i32.load16_u offset=1 (local.get 0)))
      (func (export "ld16s") (param i32) (result i32) (i32.load16_s offset=1 (local.get 0)))
      (func (export "ld64") (param i32) (result i64) (i64.load offset=8 (local.get 0)))
      (func (export "ld32k") (param i32) (result i32)
        (i32.load offset=2 (i32.add (local.get 0) (i32.const 1))))
      (func (export "ld8uk") (param i32) (result i32)
        (i32.load8_u (i32.add (local.get 0) (i32.const -1))))
      (func (export "ld16sk") (param i32) (result i32)
        (i32.load16_s offset=1 (i32.add (local.get 0) (i32.const 0x7fffffff))))
      (func (export "ld64k") (param i32) (result i64)
        (i64.load offset=0xfff0 (i32.add (local.get 0) (i32.const 16))))
      (func (export "ld32sk") (param i32) (result i32)
        (i32.load offset=2 (i32.add (select (local.get 0) (local.get 0) (i32.const 1)) (i32.const 1))))
      (func (export "ld8usk") (param i32) (result i32)
        (i32.load8_u (i32.add (select (local.get 0) (local.get 0) (i32.const 1)) (i32.const -1))))
      (func (export "ld64sk") (param i32) (result i64)
        (i64.load offset=0xfff0 (i32.add (select (local.get 0) (local.get 0) (i32.const 1)) (i32.const 16))))
      (func (export "other") (param i32) (result i32) (i32.load $other (local.get 0))))
    )",
                           shared);
    Runner fast;
    Runner stepped(with_fuel());
    InstanceAddr f = fast.load(m);
    InstanceAddr g = stepped.load(m);
    ASSERT_FALSE(HasFailure()) << m;
    for (uint32_t at : {0u, 1u, 100u, 65531u, 65532u, 65533u, 65535u, 65536u, 0x80000001u,
                        0xFFFFFFF0u, 0xFFFFFFFFu}) {
      SCOPED_TRACE(at);
      auto same = [&](const char* name, std::vector<Value> args) {
        Outcome a = fast.call(f, name, args), b = stepped.call(g, name, args);
        EXPECT_EQ(a.status, b.status) << name;
        EXPECT_EQ(a.message, b.message) << name;
        EXPECT_EQ(a.values.size(), b.values.size()) << name;
        if (!a.values.empty() && !b.values.empty()) {
          EXPECT_EQ(a.values[0].bits, b.values[0].bits) << name;
        }
      };
      for (const char* store : {"st32k", "st8k", "st16k"}) same(store, {i32(at)});
      same("st32l", {i32(at), i32(0xCAFEBABE)});
      same("st64l", {i32(at), i64(0x0102030405060708)});
      for (const char* load : {"ld32", "ld8u", "ld8s", "ld16u", "ld16s", "ld64", "ld32k", "ld8uk",
                               "ld16sk", "ld64k", "ld32sk", "ld8usk", "ld64sk", "other"})
        same(load, {i32(at)});
    }
    // The shapes are fused, all but the access of memory 1.
    Store& store = fast.engine_.store();
    const ModuleInst& mi = store.modules[f];
    size_t fused = 0;
    for (size_t i = 0; i < mi.func_ptrs.size(); ++i)
      fused += std::ranges::any_of(mi.func_ptrs[i]->code->fused,
                                   [](const interp::Op& op) { return op.code >= kFusedEnd; });
    EXPECT_EQ(fused, mi.func_ptrs.size() - 1);
    EXPECT_EQ(mi.func_ptrs.back()->code->fused[0].code, uint16_t(Opcode::LocalGet));
    EXPECT_EQ(mi.func_ptrs[0]->code->fused[0].code,
              fused_mem_code(Opcode::I32Store, kFusedStoreLK));
  }
}

}  // namespace
}  // namespace wasm::interp::test
