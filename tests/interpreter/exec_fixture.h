// Test helper: parse a module from text, validate, instantiate and invoke it on an Engine.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "interpreter/config.h"
#include "interpreter/engine.h"
#include "spec/validate.h"
#include "text/parse.h"

namespace wasm::interp::test {

inline Value i32(uint32_t v) { return Value{ValKind::I32, v, {}}; }
inline Value i64(uint64_t v) { return Value{ValKind::I64, v, {}}; }

class ExecTest : public ::testing::Test {
 protected:
  explicit ExecTest(EngineOptions o = {}) : engine_(o) {}

  // Instantiates `source`; the error, if any, is returned through `error`.
  InstanceAddr load(std::string_view source, std::vector<ExternVal> imports = {}) {
    auto r = try_load(source, imports);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : 0;
  }
  Result<InstanceAddr> try_load(std::string_view source, std::vector<ExternVal> imports = {}) {
    auto m = text::parse_module(source);
    if (!m) return m.error();
    modules_.push_back(std::make_unique<Module>(std::move(*m)));
    auto v = validate(*modules_.back(), engine_.types(), options_);
    if (!v) return v.error();
    validated_.push_back(std::make_unique<ValidatedModule>(std::move(*v)));
    return engine_.instantiate(*modules_.back(), *validated_.back(), imports);
  }
  Outcome call(InstanceAddr inst, std::string_view name, std::vector<Value> args = {}) {
    auto e = engine_.get_export(inst, name);
    EXPECT_TRUE(e.has_value()) << name;
    if (!e) return {};
    return engine_.invoke(e->addr, args);
  }
  // The single i32/i64 result of a call (fails the test otherwise).
  uint64_t result(InstanceAddr inst, std::string_view name, std::vector<Value> args = {}) {
    Outcome o = call(inst, name, std::move(args));
    EXPECT_EQ(o.status, Outcome::Status::Values) << o.message;
    EXPECT_EQ(o.values.size(), 1u);
    return o.values.empty() ? ~uint64_t(0) : o.values[0].bits;
  }
  std::string trap(InstanceAddr inst, std::string_view name, std::vector<Value> args = {}) {
    Outcome o = call(inst, name, std::move(args));
    EXPECT_EQ(o.status, Outcome::Status::Trap);
    return o.message;
  }

  Engine engine_;
  ValidateOptions options_;
  std::vector<std::unique_ptr<Module>> modules_;
  std::vector<std::unique_ptr<ValidatedModule>> validated_;
};

}  // namespace wasm::interp::test
