// Type soundness as a test (the spec appendix's soundness theorem, STYLE.md §13): a generated
// valid module (without imports) instantiates or fails with a trap, exception or exhaustion,
// and every function invoked with default arguments returns values of its result types or
// ends in a trap, an exception or exhaustion (fuel and call depth are bounded). The
// interpreter's debug checks (shadow type tags) must never fire.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <stdexcept>

#include "gen/gen.h"
#include "interpreter/engine.h"
#include "spec/validate.h"
#include "text/print.h"

namespace wasm {
namespace {

using Status = interp::Outcome::Status;

std::optional<interp::Value> default_value(const ValType& t, const interp::Engine& engine) {
  if (t.is_ref()) {
    if (!t.ref.nullable) return std::nullopt;
    return engine.null_ref();
  }
  interp::Value v;
  v.kind = t.kind;
  return v;
}

// The checking mode's hook: a violation fails the property (RapidCheck shrinks the module).
void throw_report(const std::string& report) { throw std::runtime_error(report); }

// With check_typing, every intermediate configuration is also re-typed (preservation), and a
// well-typed configuration that is not terminal always steps (progress: no "unsupported" or
// crash; the terminal forms are values, trap, exception, exhaustion, out of fuel).
void runs_soundly(bool check_typing, bool shared_everything = false) {
  EXPECT_TRUE(
      rc::check("instantiate and invoke: values of the result types, or trap/exhaustion", [=] {
        gen::Options options;
        options.imports = false;
        options.runnable = true;
        options.shared_everything = shared_everything;
        Module m = *gen::valid_module(options);
        m.exports.clear();
        for (uint32_t f = 0; f < m.funcs.size(); ++f)
          m.exports.push_back({"f" + std::to_string(f), ExternKind::Func, f, {}});
        interp::Engine engine({.max_call_depth = 200,
                               .fuel = 20'000,
                               .trace = nullptr,
                               .relaxed = {},
                               .check_typing = check_typing,
                               .on_typing_violation = check_typing ? throw_report : nullptr});
        ValidateOptions validate_options;
        validate_options.shared_everything = shared_everything;
        Result<ValidatedModule> valid = validate(m, engine.types(), validate_options);
        if (!valid) RC_FAIL(valid.error().message + "\n" + text::print_module(m));
        // A typing violation (checking mode) fails the case with the report and the module.
        auto fail = [&](const std::runtime_error& e) {
          RC_FAIL(std::string(e.what()) + "\n" + text::print_module(m));
        };
        Result<interp::InstanceAddr> inst = Error{};
        try {
          inst = engine.instantiate(m, *valid, {});
        } catch (const std::runtime_error& e) {
          fail(e);
        }
        if (!inst) {
          Phase p = inst.error().phase;
          RC_ASSERT(p == Phase::Trap || p == Phase::Exhaustion || p == Phase::Exception);
          RC_TAG("start function did not return");
          return;
        }
        bool returned = false, trapped = false;
        for (const auto& [name, ext] : engine.exports(*inst)) {
          const FuncType& ft = engine.func_type(ext.addr);
          std::vector<interp::Value> args;
          for (const ValType& t : ft.params)
            if (auto v = default_value(t, engine)) args.push_back(*v);
          if (args.size() != ft.params.size()) continue;  // a non-nullable reference parameter
          interp::Outcome o;
          try {
            o = engine.invoke(ext.addr, args);
          } catch (const std::runtime_error& e) {
            fail(e);
          }
          returned |= o.status == Status::Values;
          trapped |= o.status == Status::Trap;
          if (o.status == Status::Trap || o.status == Status::Exhaustion) {
            RC_ASSERT(!o.message.empty());
          } else if (o.status == Status::Values) {
            RC_ASSERT(o.values.size() == ft.results.size());
            for (size_t i = 0; i < o.values.size(); ++i) {
              const ValType& t = ft.results[i];
              RC_ASSERT(o.values[i].kind == (t.is_ref() ? ValKind::Ref : t.kind));
              // A non-nullable result is not null.
              if (t.is_ref() && !t.ref.nullable)
                RC_ASSERT(engine.inspect(o.values[i]).kind != interp::RefInfo::Kind::Null);
            }
          }
        }
        RC_CLASSIFY(returned, "some call returned");
        RC_CLASSIFY(trapped, "some call trapped");
      }));
}

TEST(GeneratedModule, RunsSoundly) { runs_soundly(false); }

// Preservation and progress step by step: the checking mode re-types each configuration.
TEST(GeneratedModule, PreservesConfigurationTyping) { runs_soundly(true); }

// The same with the shared-everything-threads rows (atomic accesses to globals, tables,
// structs and arrays; ref.i31_shared), stepped and re-typed.
TEST(GeneratedModule, SharedEverythingRunsSoundly) { runs_soundly(false, true); }
TEST(GeneratedModule, SharedEverythingPreservesConfigurationTyping) { runs_soundly(true, true); }

}  // namespace
}  // namespace wasm
