// spec/names.h: names from text identifiers and from the "name" custom section.
#include "spec/names.h"

#include <gtest/gtest.h>

#include "text/parse.h"

namespace wasm {
namespace {

Module parse(std::string_view text) {
  Result<Module> m = text::parse_module(text);
  EXPECT_TRUE(m.ok()) << m.error().message;
  return m.ok() ? std::move(*m) : Module{};
}

TEST(Names, FromTextIdentifiers) {
  Module m = parse(R"((module
    (import "m" "f" (func $imported))
    (func $f (param $x i32) (local $y i64) (local i32)
      (block $outer (loop (if $cond (local.get $x) (then (br $outer))))))
    (func (export "e"))))");
  NameMap n = names_of(m);
  EXPECT_EQ(n.funcs.at(0), "imported");
  EXPECT_EQ(n.funcs.at(1), "f");
  EXPECT_EQ(n.funcs.count(2), 0u);
  EXPECT_EQ(n.locals.at(1).at(0), "x");
  EXPECT_EQ(n.locals.at(1).at(1), "y");
  EXPECT_EQ(n.locals.at(1).count(2), 0u);
  // Labels are numbered in flat order: block 0, loop 1 (unnamed), if 2.
  EXPECT_EQ(n.labels.at(1).at(0), "outer");
  EXPECT_EQ(n.labels.at(1).count(1), 0u);
  EXPECT_EQ(n.labels.at(1).at(2), "cond");
  EXPECT_EQ(func_ref(n, 1), "$f");
  EXPECT_EQ(func_ref(n, 2), "\"e\"");  // unnamed: its export
  EXPECT_EQ(func_ref(n, 3), "3");
}

// A folded `if` is written before its condition but follows it in flat order.
TEST(Names, FoldedIfAfterItsCondition) {
  Module m = parse(R"((module (func
    (if $i (block $c (result i32) (i32.const 1)) (then)))))");
  NameMap n = names_of(m);
  EXPECT_EQ(n.labels.at(0).at(0), "c");
  EXPECT_EQ(n.labels.at(0).at(1), "i");
}

TEST(Names, NameSectionWinsAndMalformedOneStops) {
  Module m = parse("(module (func $a) (func $b))");
  Custom c;
  c.name = "name";
  // subsection 1 (functions): 1 entry, function 1 named "z"; subsection 3 (labels): function 0,
  // 1 entry, label 0 named "l"; then a truncated subsection.
  c.bytes = {0x01, 0x04, 0x01, 0x01, 0x01, 'z',  0x03, 0x06, 0x01,
             0x00, 0x01, 0x00, 0x01, 'l',  0x02, 0x09, 0x01};
  m.customs.push_back(c);
  NameMap n = names_of(m);
  EXPECT_EQ(n.funcs.at(0), "a");
  EXPECT_EQ(n.funcs.at(1), "z");
  EXPECT_EQ(n.labels.at(0).at(0), "l");
  EXPECT_TRUE(n.locals.empty());
}

TEST(Names, NotPartOfEquality) { EXPECT_EQ(parse("(module (func $a))"), parse("(module (func))")); }

}  // namespace
}  // namespace wasm
