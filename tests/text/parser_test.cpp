// Focused tests of the text parser: one per feature and per malformed message.
#include <gtest/gtest.h>

#include "text/parse.h"
#include "text/script.h"

namespace wasm::text {
namespace {

Module ok(std::string_view src) {
  auto r = parse_module(src);
  EXPECT_TRUE(r.ok()) << src << "\n  -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Module{};
}

std::string err(std::string_view src) {
  auto r = parse_module(src);
  EXPECT_FALSE(r.ok()) << src;
  return r.ok() ? "" : r.error().message;
}

TEST(Parser, EmptyModule) {
  Module m = ok("(module)");
  EXPECT_TRUE(m.funcs.empty());
}

}  // namespace
}  // namespace wasm::text
namespace wasm::text {
namespace {
TEST(Parser, UnknownOperator) { EXPECT_EQ(err("(module (func i32.foo))").rfind("unknown operator", 0), 0u); }
}  // namespace
}  // namespace wasm::text
