// Properties over generated valid modules (gen/): validity, the binary and text round trips,
// the fixed point across formats, and the validator's rejection of single mutations.
// RC_PARAMS sets the seed and the number of cases (tests/gen/meson.build, `make proptest`).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "binary/decode.h"
#include "binary/encode.h"
#include "gen/gen.h"
#include "spec/validate.h"
#include "text/parse.h"
#include "text/print.h"

namespace wasm {
namespace {

std::string show(const Module& m) { return text::print_module(m); }

TEST(GeneratedModule, Validates) {
  EXPECT_TRUE(rc::check("validate(m) succeeds", [] {
    Module m = *gen::valid_module();
    RC_CLASSIFY(m.funcs.size() > 2, "over 2 functions");
    TypeStore store;
    Result<ValidatedModule> v = validate(m, store);
    if (!v) RC_FAIL(v.error().message + "\n" + show(m));
  }));
}

// The settings of `wasmref smith --script`: runnable, observed (gen/observe.cpp), OCaml's
// feature set.
TEST(GeneratedModule, ObservedValidates) {
  EXPECT_TRUE(rc::check("validate(m) succeeds with Options::observe", [] {
    gen::Options o;
    o.runnable = o.observe = o.export_all = true;
    o.imports = o.atomics = o.shared_memory = o.legacy_eh = false;
    o.wide_arithmetic = o.relaxed_simd = false;
    Module m = *gen::valid_module(o);
    TypeStore store;
    Result<ValidatedModule> v = validate(m, store);
    if (!v) RC_FAIL(v.error().message + "\n" + show(m));
  }));
}

void count_ops(const Expr& e, std::vector<uint32_t>& seen) {
  for (const Instr& i : e) {
    ++seen[size_t(i.op)];
    switch (info(i.op).imm) {
      case Imm::Block:
      case Imm::If: count_ops(i.block().body, seen), count_ops(i.block().else_body, seen); break;
      case Imm::TryTable: count_ops(i.try_table().body, seen); break;
      case Imm::Try:
        count_ops(i.try_().body, seen);
        for (const LegacyCatch& c : i.try_().catches) count_ops(c.body, seen);
        if (i.try_().catch_all) count_ops(*i.try_().catch_all, seen);
        break;
      default: break;
    }
  }
}

// With the shared-everything-threads rows: valid with the feature on (and only with it, when
// the module uses one), and the binary and text round trips.
TEST(GeneratedModule, SharedEverythingValidatesAndRoundTrips) {
  EXPECT_TRUE(rc::check("shared-everything rows: validate, decode(encode(m)), parse(print(m))", [] {
    gen::Options o;
    o.shared_everything = true;
    Module m = *gen::valid_module(o);
    ValidateOptions on;
    on.shared_everything = true;
    TypeStore store;
    Result<ValidatedModule> v = validate(m, store, on);
    if (!v) RC_FAIL(v.error().message + "\n" + show(m));
    binary::DecodeOptions decode_on;
    decode_on.shared_everything = true;
    std::vector<uint8_t> bytes = binary::encode(m);
    auto decoded = binary::decode(bytes, decode_on);
    if (!decoded) RC_FAIL(decoded.error().message + "\n" + show(m));
    RC_ASSERT(*decoded == m);
    auto parsed = text::parse_module(text::print_module(m));
    if (!parsed) RC_FAIL(parsed.error().message + "\n" + show(m));
    RC_ASSERT(*parsed == m);
    std::vector<uint32_t> seen(kOpcodeCount, 0);
    for (const Func& f : m.funcs) count_ops(f.body, seen);
    bool uses = false;
    for (size_t k = 0; k < kOpcodeCount; ++k)
      uses |= seen[k] > 0 && is_shared_everything(Opcode(k));
    RC_CLASSIFY(uses, "uses a shared-everything row");
    if (uses) {
      TypeStore off_store;
      RC_ASSERT(!validate(m, off_store).ok());
    }
  }));
}

TEST(GeneratedModule, BinaryRoundTrip) {
  EXPECT_TRUE(rc::check("decode(encode(m)) == m, encode is a fixed point", [] {
    Module m = *gen::valid_module();
    std::vector<uint8_t> bytes = binary::encode(m);
    auto decoded = binary::decode(bytes);
    if (!decoded) RC_FAIL(decoded.error().message + "\n" + show(m));
    RC_ASSERT(*decoded == m);
    RC_ASSERT(binary::encode(*decoded) == bytes);
  }));
}

TEST(GeneratedModule, TextRoundTrip) {
  EXPECT_TRUE(rc::check("parse(print(m)) == m", [] {
    Module m = *gen::valid_module();
    std::string text = text::print_module(m);
    auto parsed = text::parse_module(text);
    if (!parsed) RC_FAIL(parsed.error().message + "\n" + text);
    RC_ASSERT(*parsed == m);
  }));
}

// As test/core/run.py does: text -> binary -> text -> binary reaches a fixed point.
TEST(GeneratedModule, FormatsReachFixedPoint) {
  EXPECT_TRUE(rc::check("text -> binary -> text -> binary is a fixed point", [] {
    std::string t1 = text::print_module(*gen::valid_module());
    auto m1 = text::parse_module(t1);
    RC_ASSERT(m1.ok());
    std::vector<uint8_t> b1 = binary::encode(*m1);
    auto m2 = binary::decode(b1);
    RC_ASSERT(m2.ok());
    std::string t2 = text::print_module(*m2);
    RC_ASSERT(t2 == t1);
    auto m3 = text::parse_module(t2);
    RC_ASSERT(m3.ok());
    RC_ASSERT(binary::encode(*m3) == b1);
  }));
}

TEST(GeneratedModule, MutationsAreRejected) {
  EXPECT_TRUE(rc::check("a mutation that breaks a typing premise is invalid", [] {
    Module m = *gen::valid_module();
    std::optional<gen::Mutation> mu = *gen::mutation(m);
    RC_PRE(mu.has_value());
    RC_CLASSIFY(mu->expected == "type mismatch", "type mismatch");
    TypeStore store;
    Result<ValidatedModule> v = validate(mu->module, store);
    if (v) RC_FAIL("accepted: " + mu->description + "\n" + show(mu->module));
    if (!v.error().message.starts_with(mu->expected))
      RC_FAIL(mu->description + ": expected \"" + mu->expected + "\", got \"" + v.error().message +
              "\"\n" + show(mu->module));
  }));
}

// The generator reaches every row of the opcode table it is meant to (all but the custom
// descriptors proposal's): 1,000 seeds at full size use each row at least once (the
// shared-everything-threads rows with Options::shared_everything, 1,000 seeds more).
TEST(GeneratedModule, CoversTheOpcodeTable) {
  std::vector<uint32_t> seen(kOpcodeCount, 0);
  gen::Options shared;
  shared.shared_everything = true;
  for (uint64_t seed = 0; seed < 1000; ++seed) {
    for (const Func& f : gen::smith(seed).funcs) count_ops(f.body, seen);
    for (const Func& f : gen::smith(seed, 100, shared).funcs) count_ops(f.body, seen);
  }
  std::string missing;
  for (size_t k = 0; k < kOpcodeCount; ++k) {
    std::string_view text = info(Opcode(k)).text;
    bool descriptor = text.find("desc") != std::string_view::npos;
    if (seen[k] == 0 && !descriptor) missing += std::string(text) + " ";
  }
  EXPECT_EQ(missing, "");
}

}  // namespace
}  // namespace wasm
