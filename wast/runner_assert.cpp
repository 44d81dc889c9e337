// The script assertions — the reference's runner.ml run_assertion: assert_return, assert_trap,
// assert_exhaustion, assert_exception, assert_malformed, assert_invalid, assert_unlinkable,
// assert_uninstantiable (and assert_trap on a module), the _custom variants.
#include "wast/runner_impl.h"

namespace wasm::wast::detail {
namespace {

using text::Command;
using K = Command::Kind;
using Status = interp::Outcome::Status;

}  // namespace

// The outcome of validating a module that loaded: "ok" or the validation error.
std::string Runner::module_outcome(const Module& m) const {
  TypeStore store;
  Result<ValidatedModule> valid = validate(m, store, validate_options(options_.features));
  return valid ? "ok" : canonical_error(valid.error());
}

// spec (reference): assert_message — the actual message must start with the expected one.
bool Runner::message_matches(const std::string& got, const std::string& expected) const {
  return options_.outcomes_only || got.rfind(expected, 0) == 0;
}

// spec (reference): AssertReturn / assert_results
void Runner::assert_return(const Command& c, Scope& scope) {
  ActionResult r = run_action(c.action, scope);
  if (!r.error.empty()) return fail(c, r.error);
  if (r.outcome.status != Status::Values)
    return fail(c, "expected return values, got " + describe_outcome(r.outcome));
  const std::vector<interp::Value>& got = r.outcome.values;
  bool ok = got.size() == c.expected.size();
  for (size_t i = 0; ok && i < got.size(); ++i)
    ok = match_result(got[i], c.expected[i], inspector());
  if (ok) return pass(c);
  std::string expected = "[", actual = "[";
  for (const text::ScriptValue& v : c.expected)
    expected += (expected.size() > 1 ? " " : "") + describe_expected(v);
  for (size_t i = 0; i < got.size(); ++i) {
    bool is_vector = i < c.expected.size() && c.expected[i].kind == text::ScriptValue::Kind::V128;
    actual += (i > 0 ? " " : "") + describe_value(got[i], inspector(),
                                                  is_vector ? c.expected[i].shape
                                                            : text::LaneShape::I32x4);
  }
  fail(c, cat("wrong return values: expected ", expected, "], got ", actual, "]"));
}

// spec (reference): AssertTrap (on an action), AssertExhaustion, AssertException
void Runner::assert_action_fails(const Command& c, Scope& scope) {
  Status want = c.kind == K::AssertTrap         ? Status::Trap
                : c.kind == K::AssertExhaustion ? Status::Exhaustion
                                                : Status::Exception;
  const char* what = want == Status::Trap         ? "runtime error"
                     : want == Status::Exhaustion ? "exhaustion error"
                                                  : "exception";
  ActionResult r = run_action(c.action, scope);
  if (!r.error.empty()) return fail(c, r.error);
  if (r.outcome.status != want)
    return fail(c, cat("expected ", what, want == Status::Exception ? "" : " \"" + c.message + "\"",
                       ", got ", describe_outcome(r.outcome)));
  if (want != Status::Exception && !message_matches(r.outcome.message, c.message))
    return fail(c, cat("wrong ", what, ": expected \"", c.message, "\", got \"",
                       r.outcome.message, "\""));
  pass(c);
}

// spec (reference): AssertMalformed, AssertMalformedCustom — decoding or parsing must fail.
void Runner::assert_malformed(const Command& c) {
  Result<Module> loaded = load_module(c.module, options_.features);
  if (options_.record_outcomes)
    outcome_ = loaded ? module_outcome(*loaded) : canonical_error(loaded.error());
  if (loaded) {
    // A module that loads but fails validation is still not malformed.
    return fail(c, cat("expected decoding/parsing error \"", c.message, "\", but the module loads"));
  }
  if (!message_matches(loaded.error().message, c.message))
    return fail(c, cat("wrong decoding/parsing error: expected \"", c.message, "\", got \"",
                       loaded.error().message, "\""));
  pass(c);
}

// spec (reference): AssertInvalid, AssertInvalidCustom — the module loads, validation fails.
void Runner::assert_invalid(const Command& c) {
  Result<Module> loaded = load_module(c.module, options_.features);
  if (!loaded) outcome_ = canonical_error(loaded.error());
  if (!loaded && loaded.error().phase == Phase::Invalid) {
    // A custom annotation's check found by the text front end (text/annotations.cpp).
    if (!message_matches(loaded.error().message, c.message))
      return fail(c, cat("wrong validation error: expected \"", c.message, "\", got \"",
                         loaded.error().message, "\""));
    return pass(c);
  }
  // Outcomes only: the module is rejected, which is the outcome; which phase rejects it is
  // wording (e.g. wasm-tools validates the binary section order that wasmref decodes).
  if (!loaded && options_.outcomes_only) return pass(c);
  if (!loaded)
    return fail(c, cat("expected validation error \"", c.message, "\", got ",
                       describe_load_error(c.module, loaded.error())));
  Result<ValidatedModule> valid =
      validate(*loaded, engine_.types(), validate_options(options_.features));
  outcome_ = valid ? "ok" : canonical_error(valid.error());
  if (valid)
    return fail(c, cat("expected validation error \"", c.message, "\", but the module is valid"));
  if (!message_matches(valid.error().message, c.message))
    return fail(c, cat("wrong validation error: expected \"", c.message, "\", got \"",
                       valid.error().message, "\""));
  pass(c);
}

// spec (reference): AssertUnlinkable, AssertUninstantiable (= assert_trap on a module): the
// module loads and validates; instantiation fails with a link error, resp. a trap or exception.
void Runner::assert_instantiation(const Command& c, Scope& scope) {
  bool link = c.kind == K::AssertUnlinkable;
  const char* what = link ? "linking error" : "instantiation error";
  Result<DefinitionPtr> d = define(c.module);
  outcome_ = d ? "ok" : canonical_error(d.error());
  if (!d)
    return fail(c, cat("expected ", what, " \"", c.message, "\", got ",
                       describe_load_error(c.module, d.error())));
  Result<interp::InstanceAddr> inst = instantiate(**d, scope);
  if (!inst) outcome_ = canonical_error(inst.error());
  if (inst) return fail(c, cat("expected ", what, " \"", c.message, "\", but it instantiates"));
  const Error& e = inst.error();
  bool right_phase = link ? e.phase == Phase::Unlinkable
                          : e.phase == Phase::Trap || e.phase == Phase::Exception;
  if (!right_phase)
    return fail(c, cat("expected ", what, " \"", c.message, "\", got ", phase_word(e.phase), ": ",
                       e.message));
  if (!message_matches(e.message, c.message))
    return fail(c, cat("wrong ", what, ": expected \"", c.message, "\", got \"", e.message, "\""));
  pass(c);
}

}  // namespace wasm::wast::detail
