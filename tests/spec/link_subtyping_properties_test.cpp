// Module Linking: properties of module and instance type subtyping (Subtyping.md) over generated
// types (link_type_gen.h). Every type goes through the text front end and the validator, so the
// LinkTypes under test are the ones instantiation sees; an independent oracle decides what the
// answer must be. RC_PARAMS sets the seed and the number of cases (tests/spec/meson.build).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <memory>
#include <string>

#include "spec/link_types.h"
#include "spec/validate.h"
#include "tests/spec/link_type_gen.h"
#include "text/parse.h"

namespace wasm::test {
namespace {

using Kind = GenType::Kind;

// Parses and validates `source` with Module Linking on; the module stays alive with the result.
struct Checked {
  TypeStore store;
  std::unique_ptr<Module> module;
  Result<ValidatedModule> result = Error{};
};

std::unique_ptr<Checked> check(const std::string& source) {
  auto c = std::make_unique<Checked>();
  auto m = text::parse_module(source);
  if (!m) RC_FAIL("does not parse: " + m.error().message + "\n" + source);
  c->module = std::make_unique<Module>(std::move(*m));
  ValidateOptions options;
  options.module_linking = true;
  c->result = validate(*c->module, c->store, options);
  return c;
}

// wasmref's verdict on a <: b: the two types imported side by side, then match_linktype.
bool matches(const GenType& a, const GenType& b) {
  std::string source =
      "(module (import \"a\" " + gen_text(a) + ") (import \"b\" " + gen_text(b) + "))";
  auto c = check(source);
  if (!c->result) RC_FAIL("invalid: " + c->result.error().message + "\n" + source);
  const ValidatedModule& v = *c->result;
  return !match_linktype(c->store, v.import_types[0], v.import_types[1]);
}

GenType with_export(GenType t) {
  for (const char* name : {"x", "y"})
    if (std::ranges::none_of(t.exports, [&](const auto& e) { return e.first == name; })) {
      t.exports.emplace_back(name, *gen_type(1));
      break;
    }
  return t;
}

TEST(LinkSubtyping, AgreesWithTheOracle) {
  EXPECT_TRUE(rc::check("match_linktype(a, b) iff a <: b by Subtyping.md", [] {
    GenType a = *gen_type(2);
    GenType b =
        *rc::gen::oneOf(gen_supertype(a), gen_subtype_of(a), gen_type_of(a.kind, 2), gen_type(2));
    bool expected = gen_subtype(a, b);
    RC_CLASSIFY(expected, "subtype");
    RC_CLASSIFY(a.kind == Kind::Module || a.kind == Kind::Instance, "module or instance");
    RC_ASSERT(matches(a, b) == expected);
  }));
}

TEST(LinkSubtyping, IsReflexive) {
  EXPECT_TRUE(rc::check("a <: a", [] {
    GenType a = *gen_type(3);
    RC_ASSERT(matches(a, a));
  }));
}

TEST(LinkSubtyping, IsTransitive) {
  EXPECT_TRUE(rc::check("a <: b and b <: c give a <: c", [] {
    GenType a = *gen_type(2);
    GenType b = *gen_supertype(a);
    GenType c = *gen_supertype(b);
    RC_ASSERT(gen_subtype(a, b) && gen_subtype(b, c));  // the generators' own contract
    RC_ASSERT(matches(a, b));
    RC_ASSERT(matches(b, c));
    RC_ASSERT(matches(a, c));
  }));
}

// The same over unrelated triples: whenever wasmref says a <: b <: c, it says a <: c.
TEST(LinkSubtyping, IsTransitiveOverArbitraryTriples) {
  EXPECT_TRUE(rc::check("matches(a, b) and matches(b, c) give matches(a, c)", [] {
    GenType a = *gen_type(2);
    GenType b = *rc::gen::oneOf(gen_supertype(a), gen_type_of(a.kind, 2));
    GenType c = *rc::gen::oneOf(gen_supertype(b), gen_subtype_of(b), gen_type_of(a.kind, 2));
    bool chain = matches(a, b) && matches(b, c);
    RC_CLASSIFY(chain, "a <: b <: c");
    if (chain) RC_ASSERT(matches(a, c));
  }));
}

TEST(LinkSubtyping, AddingExportsKeepsASubtype) {
  EXPECT_TRUE(rc::check("a <: b gives a + export <: b", [] {
    Kind kind = *rc::gen::element(Kind::Instance, Kind::Module);
    GenType a = *gen_type_of(kind, 2);
    GenType b = *gen_supertype(a);
    RC_ASSERT(matches(a, b));
    RC_ASSERT(matches(with_export(a), b));
  }));
}

TEST(LinkSubtyping, RemovingImportsKeepsASubtype) {
  EXPECT_TRUE(rc::check("a <: b gives a - import <: b", [] {
    GenType a = *gen_type_of(Kind::Module, 2);
    RC_PRE(!a.imports.empty());
    GenType b = *gen_supertype(a);
    RC_ASSERT(matches(a, b));
    size_t drop = *rc::gen::inRange<size_t>(0, a.imports.size());
    a.imports.erase(a.imports.begin() + ptrdiff_t(drop));
    RC_ASSERT(matches(a, b));
  }));
}

// Validation of `instantiate` (Explainer.md, "Instantiation"): valid iff every import of the
// module is given an argument whose type is a subtype of the import's.
TEST(LinkSubtyping, InstantiateValidatesIffArgumentsAreSubtypes) {
  EXPECT_TRUE(rc::check("instantiate $m args valid iff each arg <: its import", [] {
    GenType m = *gen_type_of(Kind::Module, 2);
    std::string imports, args;
    bool expected = true;
    for (size_t i = 0; i < m.imports.size(); ++i) {
      const auto& [name, want] = m.imports[i];
      if (uniform(0, 8) == 0) {  // no argument for this import
        expected = false;
        continue;
      }
      GenType arg = *rc::gen::oneOf(gen_subtype_of(want), gen_supertype(want),
                                    gen_type_of(want.kind, 1), gen_type(1));
      expected = expected && gen_subtype(arg, want);
      std::string id = "arg" + std::to_string(i);
      imports += " (import \"" + id + "\" " + gen_text(arg, id) + ")";
      args += " (import \"" + name + "\" " + gen_arg_text(arg, id) + ")";
    }
    std::string source = "(module" + imports + " (import \"m\" " + gen_text(m, "m") +
                         ") (instance (instantiate $m" + args + ")))";
    RC_CLASSIFY(expected, "valid");
    RC_CLASSIFY(m.imports.size() > 1, "over one import");
    auto c = check(source);
    if (c->result.ok() != expected)
      RC_FAIL(std::string(expected ? "rejected: " + c->result.error().message : "accepted") + "\n" +
              source);
  }));
}

}  // namespace
}  // namespace wasm::test
