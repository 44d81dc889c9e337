// Numeric literals: shapes, ranges, rounding, printing — plus every t.const literal of the
// official const.wast, int_literals.wast and float_literals.wast, checked at test time.
#include "text/literals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "text/lexer.h"

namespace wasm::text {
namespace {

using boost::multiprecision::cpp_int;

// ---------------------------------------------------------------------------------------------
// Shapes and integers

TEST(NumShape, ClassifiesTheReferenceLexersTokens) {
  EXPECT_EQ(num_shape("0"), NumShape::Nat);
  EXPECT_EQ(num_shape("0x1_F"), NumShape::Nat);
  EXPECT_EQ(num_shape("+1"), NumShape::Int);
  EXPECT_EQ(num_shape("-0x1"), NumShape::Int);
  for (auto f : {"1.", "1.5", "1e5", "1E-5", "0x1p1", "0x1.", "0x.1p1", "inf", "-nan", "nan:0x1",
                 "1.e1", "0x1.fP+1"}) {
    if (std::string_view(f) == "0x.1p1") {
      EXPECT_EQ(num_shape(f), NumShape::None) << f;
    } else {
      EXPECT_EQ(num_shape(f), NumShape::Float) << f;
    }
  }
  for (auto bad : {"",         "+",     "0x",  "1_",    "_1",  "1__0",     "1.0_",   "1._0",
                   ".5",       "1e",    "1e+", "1e_1",  "0X1", "nan:1",    "nan:0x", "nan:0x_1",
                   "infinity", "-inf_", "1x",  "0x1.p", "+-1", "0x1.0e+1x"}) {
    EXPECT_EQ(num_shape(bad), NumShape::None) << bad;
  }
  EXPECT_EQ(num_shape("0x1.0e+1"), NumShape::None);  // 'e' is a hex digit, '+' is not
  EXPECT_EQ(num_shape("0x1.0e"), NumShape::Float);
}

TEST(Integers, UnsignedRanges) {
  EXPECT_EQ(parse_u32("0"), 0u);
  EXPECT_EQ(parse_u32("4294967295"), 4294967295u);
  EXPECT_EQ(parse_u32("0xffff_ffff"), 4294967295u);
  EXPECT_EQ(parse_u32("4294967296"), std::nullopt);
  EXPECT_EQ(parse_u32("+1"), std::nullopt);
  EXPECT_EQ(parse_u32("1.0"), std::nullopt);
  EXPECT_EQ(parse_u64("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(parse_u64("0xFFFFFFFFFFFFFFFF"), UINT64_MAX);
  EXPECT_EQ(parse_u64("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parse_u64("0x1_0000_0000_0000_0000"), std::nullopt);
  EXPECT_EQ(parse_u64("-0"), std::nullopt);
  EXPECT_EQ(parse_u64("000000000000000000000000000000001"), 1u);
}

TEST(Integers, SignedAndUnsignedIN) {
  EXPECT_EQ(parse_int("-2147483648", 32), 0x80000000u);
  EXPECT_EQ(parse_int("-2147483649", 32), std::nullopt);
  EXPECT_EQ(parse_int("4294967295", 32), 0xffffffffu);
  EXPECT_EQ(parse_int("+4294967295", 32), 0xffffffffu);
  EXPECT_EQ(parse_int("4294967296", 32), std::nullopt);
  EXPECT_EQ(parse_int("-1", 32), 0xffffffffu);
  EXPECT_EQ(parse_int("-0", 32), 0u);
  EXPECT_EQ(parse_int("-0x8000_0000_0000_0000", 64), 0x8000000000000000u);
  EXPECT_EQ(parse_int("-9223372036854775809", 64), std::nullopt);
  EXPECT_EQ(parse_int("-1", 64), UINT64_MAX);
  EXPECT_EQ(parse_int("255", 8), 255u);
  EXPECT_EQ(parse_int("256", 8), std::nullopt);
  EXPECT_EQ(parse_int("-128", 8), 0x80u);
  EXPECT_EQ(parse_int("-129", 8), std::nullopt);
  EXPECT_EQ(parse_int("-0x8000", 16), 0x8000u);
  EXPECT_EQ(parse_int("0xffff", 16), 0xffffu);
  EXPECT_EQ(parse_int("0x1_0000", 16), std::nullopt);
  EXPECT_EQ(parse_int("1.0", 32), std::nullopt);
  EXPECT_EQ(parse_int("nan", 32), std::nullopt);
  EXPECT_EQ(parse_int("1", 0), std::nullopt);
}

TEST(LiteralError, OutOfRangeForNumbersUnknownOperatorOtherwise) {
  EXPECT_STREQ(literal_error("4294967296", false), "constant out of range");
  EXPECT_STREQ(literal_error("1.5", false), "constant out of range");
  EXPECT_STREQ(literal_error("1e1000", true), "constant out of range");
  EXPECT_STREQ(literal_error("nan:0x0", true), "constant out of range");
  EXPECT_STREQ(literal_error("nan:1", true), "unknown operator");
  EXPECT_STREQ(literal_error("1x", false), "unknown operator");
}

// ---------------------------------------------------------------------------------------------
// Floats

uint32_t f32(std::string_view s) {
  auto v = parse_f32(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v.value_or(0xdeadbeef);
}
uint64_t f64(std::string_view s) {
  auto v = parse_f64(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v.value_or(0xdeadbeef);
}

TEST(Floats, SpecialValues) {
  EXPECT_EQ(f32("inf"), 0x7f800000u);
  EXPECT_EQ(f32("-inf"), 0xff800000u);
  EXPECT_EQ(f32("nan"), 0x7fc00000u);
  EXPECT_EQ(f32("+nan"), 0x7fc00000u);
  EXPECT_EQ(f32("-nan"), 0xffc00000u);
  EXPECT_EQ(f32("nan:0x1"), 0x7f800001u);
  EXPECT_EQ(f32("-nan:0x7f_ffff"), 0xffffffffu);
  EXPECT_EQ(parse_f32("nan:0x0"), std::nullopt);
  EXPECT_EQ(parse_f32("nan:0x80_0000"), std::nullopt);
  EXPECT_EQ(parse_f32("nan:0x1_0000_0000_0000_0000_0000"), std::nullopt);
  EXPECT_EQ(f64("nan"), 0x7ff8000000000000u);
  EXPECT_EQ(f64("-nan:0xf_ffff_ffff_ffff"), UINT64_MAX);
  EXPECT_EQ(parse_f64("nan:0x10_0000_0000_0000"), std::nullopt);
  EXPECT_EQ(f64("inf"), 0x7ff0000000000000u);
  EXPECT_EQ(f32("0"), 0u);
  EXPECT_EQ(f32("-0"), 0x80000000u);
  EXPECT_EQ(f64("-0.0e0"), 0x8000000000000000u);
  EXPECT_EQ(f64("-0x0p+99999999999999999999"), 0x8000000000000000u);
}

TEST(Floats, DecimalRoundsToNearestEven) {
  EXPECT_EQ(f32("1.000000119"), 0x3f800001u);  // the "root beer float"
  EXPECT_EQ(f32("16777217"), 0x4b800000u);     // tie -> even (down)
  EXPECT_EQ(f32("16777219"), 0x4b800002u);     // tie -> even (up)
  EXPECT_EQ(f32("16777217.000000000000000000000000000000000001"), 0x4b800001u);
  EXPECT_EQ(f64("9007199254740993"), 0x4340000000000000u);
  EXPECT_EQ(f64("9007199254740993.0000000000000000000000000000001"), 0x4340000000000001u);
  EXPECT_EQ(f64("0.1"), 0x3fb999999999999au);
  EXPECT_EQ(f64("2.2250738585072011e-308"), 0x000fffffffffffffu);
  EXPECT_EQ(f64("4.9406564584124654e-324"), 1u);
  EXPECT_EQ(f64("2.4703282292062328e-324"), 1u);  // just above half the smallest subnormal
  EXPECT_EQ(f64("2.4703282292062327e-324"), 0u);  // just below it
  EXPECT_EQ(f64("1e-400"), 0u);
  EXPECT_EQ(f32("1.4e-45"), 1u);
  EXPECT_EQ(f32("7.0065e-46"), 1u);  // 2^-150 = 7.00649...e-46
  EXPECT_EQ(f32("7.0064e-46"), 0u);
  EXPECT_EQ(f64("1.7976931348623157e308"), 0x7fefffffffffffffu);
  EXPECT_EQ(f32("3.4028234e+38"), 0x7f7fffffu);
  EXPECT_EQ(f32("1e10"), 0x501502f9u);
}

TEST(Floats, OverflowIsOutOfRange) {
  EXPECT_EQ(parse_f64("1.7976931348623158e308"), 0x7fefffffffffffffu);  // rounds down
  EXPECT_EQ(parse_f64("1.7976931348623159e308"), std::nullopt);         // rounds to inf
  EXPECT_EQ(parse_f64("1e309"), std::nullopt);
  EXPECT_EQ(parse_f64("1e99999999999999999999999"), std::nullopt);
  EXPECT_EQ(parse_f32("3.4028235677973367e38"), std::nullopt);
  EXPECT_EQ(parse_f32("3.4028235677973366e38"), 0x7f7fffffu);  // just below the tie
  EXPECT_EQ(parse_f32("1e39"), std::nullopt);
  EXPECT_EQ(parse_f32("0x1p128"), std::nullopt);
  EXPECT_EQ(parse_f32("0x1.ffffffp127"), std::nullopt);  // tie, rounds up to inf
  EXPECT_EQ(parse_f32("0x1.fffffefffp127"), 0x7f7fffffu);
  EXPECT_EQ(parse_f64("0x1p1024"), std::nullopt);
  EXPECT_EQ(parse_f64("-0x1.fffffffffffff8p1023"), std::nullopt);
}

TEST(Floats, HexRoundsToNearestEven) {
  EXPECT_EQ(f32("0x1p-149"), 1u);
  EXPECT_EQ(f32("0x1p-150"), 0u);         // tie -> even (zero)
  EXPECT_EQ(f32("0x1.000001p-150"), 1u);  // above the tie
  EXPECT_EQ(f32("0x1.8p-149"), 2u);       // tie -> even (two)
  EXPECT_EQ(f32("0x1.fffffcp-127"), 0x7fffffu);
  EXPECT_EQ(f32("0x1.fffffep-127"), 0x800000u);  // rounds up into the normals
  EXPECT_EQ(f32("0x1.000001p0"), 0x3f800000u);
  EXPECT_EQ(f32("0x1.000003p0"), 0x3f800002u);
  EXPECT_EQ(f32("0x1.00000100000000000000000000000001p0"), 0x3f800001u);
  EXPECT_EQ(f64("0x1.00000000000008p0"), 0x3ff0000000000000u);
  EXPECT_EQ(f64("0x1.00000000000018p0"), 0x3ff0000000000002u);
  EXPECT_EQ(f64("0x1.000000000000080000000000000000000000001p0"), 0x3ff0000000000001u);
  EXPECT_EQ(f64("0x0.0000000000001p-1022"), 1u);
  EXPECT_EQ(f32("0x1_0000_0000_0000_0000_0000"), 0x67800000u);  // 2^80
  EXPECT_EQ(parse_f32("0x.8p1"), std::nullopt);                 // not a literal
}

// The exact decimal expansion of k·2^-1075 (k odd: a tie between two f64 subnormals).
std::string times_half_min(unsigned k) {
  std::string digits = cpp_int(k * boost::multiprecision::pow(cpp_int(5), 1075)).str();
  return "0." + std::string(1075 - digits.size(), '0') + digits;
}

TEST(Floats, VeryLongLiteralsRoundCorrectly) {
  EXPECT_EQ(f64(times_half_min(1)), 0u);  // tie -> even (zero)
  EXPECT_EQ(f64(times_half_min(1) + "1"), 1u);
  EXPECT_EQ(f64(times_half_min(3)), 2u);  // tie -> even (two)
  EXPECT_EQ(f64(times_half_min(3) + "000000000000000000000000000000000000000000000001"), 2u);
  EXPECT_EQ(f64(times_half_min(5)), 2u);
  EXPECT_EQ(f64(times_half_min(5) + "1"), 3u);
  std::string below = times_half_min(5);
  below.back() = '4';  // ...125 -> ...124
  EXPECT_EQ(f64(below), 2u);
  EXPECT_EQ(parse_f64("1" + std::string(5000, '0')), std::nullopt);
  EXPECT_EQ(f64("0." + std::string(5000, '0') + "1"), 0u);
  EXPECT_EQ(f64("1." + std::string(5000, '0') + "1"), 0x3ff0000000000000u);
  EXPECT_EQ(f64("0x1." + std::string(5000, '0') + "1"), 0x3ff0000000000000u);
  // 1 + 2^-53 is the tie between 1 and its successor.
  std::string tie = "1.00000000000000011102230246251565404236316680908203125";
  EXPECT_EQ(f64(tie), 0x3ff0000000000000u);
  EXPECT_EQ(f64(tie + std::string(5000, '0') + "1"), 0x3ff0000000000001u);
  EXPECT_EQ(f64(std::string(5000, '0') + tie + std::string(5000, '0')), 0x3ff0000000000000u);
  // The f32 tie between the largest finite value and 2^128 rounds to infinity (even).
  EXPECT_EQ(parse_f32("340282356779733661637539395458142568448"), std::nullopt);
  EXPECT_EQ(parse_f32("340282356779733661637539395458142568447.999"), 0x7f7fffffu);
}

TEST(Floats, IntegerShapesAreFloats) {
  EXPECT_EQ(f32("12345"), 0x4640e400u);
  EXPECT_EQ(f32("-0x8000_0000"), 0xcf000000u);
  EXPECT_EQ(f64("-9223372036854775808"), 0xc3e0000000000000u);
  EXPECT_EQ(f32("100_000_000_000_000_000_000"), 0x60ad78ecu);
}

TEST(Floats, Printing) {
  EXPECT_EQ(print_f32(0x7fc00000), "nan");
  EXPECT_EQ(print_f32(0xffc00000), "-nan");
  EXPECT_EQ(print_f32(0x7f800001), "nan:0x1");
  EXPECT_EQ(print_f32(0xffa00000), "-nan:0x200000");
  EXPECT_EQ(print_f32(0x7f800000), "inf");
  EXPECT_EQ(print_f32(0xff800000), "-inf");
  EXPECT_EQ(print_f32(0), "0");
  EXPECT_EQ(print_f32(0x80000000), "-0");
  EXPECT_EQ(print_f32(0x3f800000), "1");
  EXPECT_EQ(print_f32(0x3dcccccd), "0.1");
  EXPECT_EQ(print_f32(1), "1e-45");
  EXPECT_EQ(print_f64(0x3fb999999999999a), "0.1");
  EXPECT_EQ(print_f64(0x7ff0000000000001), "nan:0x1");
  EXPECT_EQ(print_f64(0x7fefffffffffffff), "1.7976931348623157e+308");
  EXPECT_EQ(print_f64(1), "5e-324");
  for (uint32_t bits : {0u, 1u, 0x7fffffu, 0x800000u, 0x7f7fffffu, 0x3f800001u, 0xff7fffffu}) {
    EXPECT_EQ(parse_f32(print_f32(bits)), bits) << print_f32(bits);
  }
}

// ---------------------------------------------------------------------------------------------
// The official suite's literals, read at test time.

std::string suite_file(const std::string& name) {
  std::string dir;
  if (const char* env = std::getenv("WASM_TESTSUITE")) dir = env;
#ifdef WASMREF_SOURCE_ROOT
  if (dir.empty()) dir = std::string(WASMREF_SOURCE_ROOT) + "/../shared/testsuite";
#endif
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A tiny S-expression tree over the lexer's tokens.
struct Sexp {
  Token atom;  // Eof for a list
  std::vector<Sexp> items;
  bool is_list() const { return atom.kind == TokenKind::Eof; }
  bool head_is(std::string_view k) const {
    return is_list() && !items.empty() && items[0].atom.kind == TokenKind::Keyword &&
           items[0].atom.text == k;
  }
};

std::vector<Sexp> read_sexps(const std::vector<Token>& tokens) {
  std::vector<Sexp> stack(1);
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::LParen || t.kind == TokenKind::Annot) {
      stack.emplace_back();
    } else if (t.kind == TokenKind::RParen) {
      Sexp done = std::move(stack.back());
      stack.pop_back();
      stack.back().items.push_back(std::move(done));
    } else if (t.kind != TokenKind::Eof) {
      stack.back().items.push_back(Sexp{t, {}});
    }
  }
  return std::move(stack[0].items);
}

struct Const {
  std::string type;  // "i32", "i64", "f32", "f64"
  std::string literal;
  TokenKind kind = TokenKind::Number;
};

// All `(t.const X)` forms under s, in order.
void find_consts(const Sexp& s, std::vector<Const>& out) {
  if (!s.is_list()) return;
  for (std::string_view k : {"i32.const", "i64.const", "f32.const", "f64.const"}) {
    if (s.head_is(k) && s.items.size() == 2 && !s.items[1].is_list()) {
      out.push_back(
          {std::string(k.substr(0, 3)), std::string(s.items[1].atom.text), s.items[1].atom.kind});
    }
  }
  for (const Sexp& item : s.items) find_consts(item, out);
}

// The bits of a literal of the given type, or nullopt.
std::optional<uint64_t> parse_typed(const Const& c) {
  if (c.type == "i32") return parse_int(c.literal, 32);
  if (c.type == "i64") return parse_int(c.literal, 64);
  if (c.type == "f32") return parse_f32(c.literal);
  return parse_f64(c.literal);
}

// Only keywords that leave the constant's bits alone may appear in a spot-checked function.
bool only_passes_through(const Sexp& s) {
  if (!s.is_list()) {
    static const std::vector<std::string_view> ok{"func",
                                                  "export",
                                                  "result",
                                                  "return",
                                                  "i32",
                                                  "i64",
                                                  "f32",
                                                  "f64",
                                                  "i32.const",
                                                  "i64.const",
                                                  "f32.const",
                                                  "f64.const",
                                                  "i32.reinterpret_f32",
                                                  "i64.reinterpret_f64"};
    if (s.atom.kind != TokenKind::Keyword) return true;
    return std::find(ok.begin(), ok.end(), s.atom.text) != ok.end();
  }
  for (const Sexp& item : s.items) {
    if (!only_passes_through(item)) return false;
  }
  return true;
}

struct SuiteCounts {
  int accepted = 0, rejected = 0, spot_checked = 0;
};

// Checks a quoted module that the script expects to be malformed with `message`.
void check_malformed(const std::string& text, const std::string& message, SuiteCounts& n) {
  TokenList tokens;
  try {
    tokens = tokenize(text);
  } catch (ErrorException& e) {
    EXPECT_EQ(e.error.message.rfind(message, 0), 0u) << text << " -> " << e.error.message;
    ++n.rejected;
    return;
  }
  std::vector<Const> consts;
  for (const Sexp& s : read_sexps(tokens.tokens)) find_consts(s, consts);
  for (const Const& c : consts) {
    if (parse_typed(c)) continue;
    EXPECT_EQ(literal_error(c.literal, c.type[0] == 'f'), message) << text;
    ++n.rejected;
    return;
  }
  // No literal is at fault: the error must come from the parser.
  EXPECT_TRUE(message != "constant out of range" && message != "unknown operator") << text;
}

void check_suite_file(const std::string& name, SuiteCounts& n) {
  std::string source = suite_file(name);
  if (source.empty()) GTEST_SKIP() << name << " not found; set WASM_TESTSUITE";
  TokenList tokens = tokenize(source);
  std::vector<Sexp> script = read_sexps(tokens.tokens);
  std::map<std::string, Const> exports;  // export name -> its function's only constant
  for (const Sexp& command : script) {
    if (command.head_is("assert_malformed")) {
      const Sexp& module = command.items[1];
      if (module.items.size() < 2 || module.items[1].atom.text != "quote") continue;
      std::string text;
      for (size_t i = 2; i < module.items.size(); ++i)
        text += module.items[i].atom.value;  // concatenated as-is
      check_malformed(text, std::string(command.items.back().atom.value), n);
      continue;
    }
    std::vector<Const> consts;
    find_consts(command, consts);
    for (const Const& c : consts) {
      if (c.kind != TokenKind::Number) continue;  // nan:canonical, nan:arithmetic
      EXPECT_TRUE(parse_typed(c).has_value()) << name << ": " << c.type << ".const " << c.literal;
      ++n.accepted;
    }
    if (command.head_is("module")) {
      for (const Sexp& field : command.items) {
        std::vector<Const> body;
        find_consts(field, body);
        if (!field.head_is("func") || body.size() != 1 || !only_passes_through(field)) continue;
        for (const Sexp& item : field.items) {
          if (item.head_is("export")) exports[std::string(item.items[1].atom.value)] = body[0];
        }
      }
    } else if (command.head_is("assert_return") && command.items[1].head_is("invoke")) {
      auto it = exports.find(std::string(command.items[1].items[1].atom.value));
      if (it == exports.end() || consts.size() != 1 || consts[0].kind != TokenKind::Number) {
        continue;
      }
      EXPECT_EQ(parse_typed(it->second), parse_typed(consts[0]))
          << name << ": " << it->second.literal << " vs " << consts[0].literal;
      ++n.spot_checked;
    }
  }
}

TEST(SuiteLiterals, ConstWast) {
  SuiteCounts n;
  check_suite_file("const.wast", n);
  EXPECT_GE(n.accepted, 500);
  EXPECT_EQ(n.rejected, 72);  // 76 malformed, 4 of them "unexpected token"
  EXPECT_GE(n.spot_checked, 250);
}

TEST(SuiteLiterals, IntLiteralsWast) {
  SuiteCounts n;
  check_suite_file("int_literals.wast", n);
  EXPECT_GE(n.accepted, 50);
  EXPECT_EQ(n.rejected, 20);
  EXPECT_GE(n.spot_checked, 25);
}

TEST(SuiteLiterals, FloatLiteralsWast) {
  SuiteCounts n;
  check_suite_file("float_literals.wast", n);
  EXPECT_GE(n.accepted, 150);
  EXPECT_EQ(n.rejected, 78);
  EXPECT_GE(n.spot_checked, 80);
}

}  // namespace
}  // namespace wasm::text
