// `wasmref snapshot` as a property over generated modules (gen::Options::init_func: the last
// function, [] -> [], is the init export). For every exported function f, called in order with
// generated arguments, `init; f(x)` on the original and `f(x)` on the snapshot end alike
// (values, trap or exhaustion message) and leave the same state (same_state.h); the snapshot
// validates after a binary round trip, and `snapshot --no-init` of it gives the same bytes.
// A refusal must be one docs/snapshot.md lists for modules without imports.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <array>

#include "binary/decode.h"
#include "binary/encode.h"
#include "gen/gen.h"
#include "snapshot/snapshot.h"
#include "tests/snapshot/same_state.h"
#include "text/print.h"

namespace wasm::snapshot::test {
namespace {

using Status = interp::Outcome::Status;

interp::EngineOptions bounded() {
  interp::EngineOptions o;
  o.max_call_depth = 200;
  o.fuel = 20'000;
  o.max_wait_ns = 0;  // one thread: a wait nobody can notify times out at once
  return o;
}

// Loads `m` (valid) into a fresh bounded engine.
Loaded load(const Module& m) {
  Loaded l;
  l.engine = std::make_unique<interp::Engine>(bounded());
  l.module = std::make_unique<Module>(m);
  Result<ValidatedModule> v = validate(*l.module, l.engine->types());
  if (!v) RC_FAIL("invalid: " + v.error().message + "\n" + text::print_module(m));
  l.valid = std::make_unique<ValidatedModule>(std::move(*v));
  return l;
}

// The refusals a module without imports may meet (docs/snapshot.md, "What is refused").
const char* refusal_kind(const std::string& message) {
  static constexpr std::array<const char*, 4> kinds = {
      "holds a cycle of GC objects", "holds an exception reference",
      "holds a struct with a descriptor", "holds an array of"};
  for (const char* k : kinds)
    if (message.find(k) != std::string::npos) return k;
  return nullptr;
}

// An argument of type t: small integers (mostly in bounds), any float bits, null references;
// nothing for a non-nullable reference parameter.
std::optional<interp::Value> argument(const ValType& t, const interp::Engine& engine) {
  interp::Value v;
  v.kind = t.is_ref() ? ValKind::Ref : t.kind;
  switch (v.kind) {
    case ValKind::I32:
    case ValKind::I64: v.bits = *rc::gen::inRange<uint64_t>(0, 70); break;
    case ValKind::F32: v.bits = *rc::gen::arbitrary<uint32_t>(); break;
    case ValKind::F64: v.bits = *rc::gen::arbitrary<uint64_t>(); break;
    case ValKind::V128: v.v128 = *rc::gen::arbitrary<V128Bytes>(); break;
    case ValKind::Ref:
      if (!t.ref.nullable) return std::nullopt;
      return engine.null_ref();
    default: return std::nullopt;
  }
  return v;
}

TEST(SnapshotProperty, InitThenCallsEqualsCallsOnTheSnapshot) {
  EXPECT_TRUE(rc::check("init; f(x) on the original == f(x) on the snapshot", [] {
    gen::Options options;
    options.imports = false;
    options.runnable = true;
    options.export_all = true;
    options.init_func = true;
    Module m = *gen::valid_module(options);
    auto context = [&] { return "\n" + text::print_module(m); };

    Loaded original = load(m);
    Result<interp::InstanceAddr> inst =
        instantiate_and_init(*original.engine, *original.module, *original.valid, {});
    if (!inst) {
      Phase p = inst.error().phase;
      RC_ASSERT(p == Phase::Trap || p == Phase::Exhaustion || p == Phase::Exception);
      RC_TAG("start or init did not return");
      return;
    }
    original.inst = *inst;
    Result<Module> snap = capture(*original.engine, *inst, *original.module, {});
    if (!snap) {
      const char* kind = refusal_kind(snap.error().message);
      if (!kind) RC_FAIL("unexpected refusal: " + snap.error().message + context());
      RC_TAG(std::string("refused: ") + kind);
      return;
    }
    RC_CLASSIFY(snap->globals.size() > m.globals.size(), "shared GC objects got home globals");
    std::vector<uint8_t> bytes = binary::encode(*snap);
    Result<Module> decoded = binary::decode(bytes);
    if (!decoded) RC_FAIL("snapshot does not decode: " + decoded.error().message + context());
    Loaded copy = load(*decoded);
    Options no_init;
    no_init.run_init = false;
    Result<interp::InstanceAddr> sinst =
        instantiate_and_init(*copy.engine, *copy.module, *copy.valid, no_init);
    if (!sinst) RC_FAIL("snapshot does not instantiate: " + sinst.error().message + context());
    copy.inst = *sinst;
    if (std::string d = SameState(original, copy).state(); !d.empty())
      RC_FAIL("after init: " + d + context());
    Result<Module> again = capture(*copy.engine, copy.inst, *copy.module, no_init);
    if (!again) RC_FAIL("snapshot --no-init of the snapshot: " + again.error().message + context());
    RC_ASSERT(binary::encode(*again) == bytes);

    bool called = false;
    for (const auto& [name, ext] : original.engine->exports(original.inst)) {
      if (name == kDefaultInitFunc) continue;  // the snapshot has no init export
      const FuncType& ft = original.engine->func_type(ext.addr);
      std::vector<interp::Value> args;
      for (const ValType& t : ft.params)
        if (auto v = argument(t, *original.engine)) args.push_back(*v);
      if (args.size() != ft.params.size()) continue;
      interp::Outcome a = original.call(name, args), b = copy.call(name, args);
      SameState same(original, copy);
      if (std::string d = same.outcome(a, b); !d.empty()) RC_FAIL(name + ": " + d + context());
      if (std::string d = same.state(); !d.empty()) RC_FAIL("after " + name + ": " + d + context());
      called = true;
    }
    RC_CLASSIFY(called, "called exports");
  }));
}

}  // namespace
}  // namespace wasm::snapshot::test
