// The lexer: every token class, white space and comments, and every lexical error message.
#include "text/lexer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wasm::text {
namespace {

TokenList lex(std::string_view source) {
  try {
    return tokenize(source);
  } catch (ErrorException& e) {
    ADD_FAILURE() << "unexpected error: " << e.error.message << " in: " << source;
    return {};
  }
}

// The message of the error tokenize() throws, or "" if it succeeds.
std::string error_of(std::string_view source) {
  try {
    tokenize(source);
  } catch (ErrorException& e) {
    EXPECT_EQ(e.error.phase, Phase::Malformed);
    return e.error.message;
  }
  return "";
}

std::vector<TokenKind> kinds(std::string_view source) {
  std::vector<TokenKind> out;
  for (const Token& t : lex(source)) out.push_back(t.kind);
  return out;
}

using K = TokenKind;

TEST(Lexer, EmptyInputIsJustEof) {
  auto tokens = lex("");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, K::Eof);
  EXPECT_EQ(kinds(" \t\r\n ;; line\n(; block ;)"), std::vector<K>{K::Eof});
}

TEST(Lexer, ParenthesesKeywordsAndSpans) {
  auto tokens = lex("(module\n  (func))");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].kind, K::LParen);
  EXPECT_EQ(tokens[1].kind, K::Keyword);
  EXPECT_EQ(tokens[1].text, "module");
  EXPECT_EQ(tokens[1].at.begin, 1u);
  EXPECT_EQ(tokens[1].at.end, 7u);
  EXPECT_EQ(tokens[3].text, "func");
  EXPECT_EQ(tokens[4].kind, K::RParen);
  EXPECT_EQ(tokens[5].kind, K::RParen);
  EXPECT_EQ(tokens[6].kind, K::Eof);
  EXPECT_EQ(tokens[6].at.begin, 17u);
}

TEST(Lexer, KeywordsIncludeAnyIdcharsAfterALowercaseLetter) {
  for (std::string_view k : {"i32.add", "offset=4", "align=0x10", "nan:canonical", "nan:arithmetic",
                             "nan:1", "i8x16.shuffle", "v128", "a", "x*y"}) {
    auto tokens = lex(k);
    ASSERT_EQ(tokens.size(), 2u) << k;
    EXPECT_EQ(tokens[0].kind, K::Keyword) << k;
    EXPECT_EQ(tokens[0].text, k);
  }
}

TEST(Lexer, KeywordTokensCarryTheirClassAndOpcode) {
  // Every mnemonic of the opcode table: known, with the opcode opcode_from_text gives (the
  // first row of a pair such as select / select with a type).
  for (const OpInfo& row : kOpInfo) {
    auto tokens = lex(row.text);
    ASSERT_EQ(tokens.size(), 2u) << row.text;
    EXPECT_EQ(tokens[0].kind, TokenKind::Keyword) << row.text;
    EXPECT_TRUE(tokens[0].known) << row.text;
    EXPECT_EQ(tokens[0].op(), opcode_from_text(row.text)) << row.text;
  }
  for (std::string_view word :
       {"module", "param", "assert_return", "nan:canonical", "offset=8", "align=0x10"}) {
    auto tokens = lex(word);
    EXPECT_TRUE(tokens[0].known) << word;
    EXPECT_FALSE(tokens[0].op().has_value()) << word;
  }
  for (std::string_view word : {"i32.frobnicate", "modul", "offset=x", "align=-1", "nan:1"}) {
    auto tokens = lex(word);
    EXPECT_EQ(tokens[0].kind, TokenKind::Keyword) << word;
    EXPECT_FALSE(tokens[0].known) << word;
  }
}

TEST(Lexer, ValuesViewTheSourceUnlessEscapesChangeThem) {
  std::string source = R"("plain" "esc\taped" $id $"q\u{41}uoted")";
  auto tokens = lex(source);
  ASSERT_EQ(tokens.size(), 5u);
  auto inside = [&](std::string_view v) {
    return v.data() >= source.data() && v.data() < source.data() + source.size();
  };
  EXPECT_EQ(tokens[0].value, "plain");
  EXPECT_TRUE(inside(tokens[0].value));
  EXPECT_EQ(tokens[1].value, "esc\taped");
  EXPECT_EQ(tokens[2].value, "id");
  EXPECT_TRUE(inside(tokens[2].value));
  EXPECT_EQ(tokens[3].value, "qAuoted");
  EXPECT_FALSE(inside(tokens[3].value));
}

TEST(Lexer, NumbersAreExactlyTheNatIntAndFloatShapes) {
  for (std::string_view n : {"0",
                             "1_000",
                             "0xFF_ff",
                             "+1",
                             "-0x1",
                             "1.",
                             "1.5",
                             "1e10",
                             "1E+1",
                             "1.5e-3",
                             "0x1p4",
                             "0x1.8P-3",
                             "0x1.",
                             "inf",
                             "+inf",
                             "-nan",
                             "nan",
                             "nan:0x1",
                             "-nan:0x7f_ffff",
                             "0123456789e019"}) {
    auto tokens = lex(n);
    ASSERT_EQ(tokens.size(), 2u) << n;
    EXPECT_EQ(tokens[0].kind, K::Number) << n;
    EXPECT_EQ(tokens[0].text, n);
  }
}

TEST(Lexer, MalformedNumbersAreUnknownOperators) {
  for (std::string_view n :
       {"0x",   "1x", "0xg",  "_100", "+_100", "1__000", "99_", "1_.0", "1._0",   "1e",
        "1e_1", ".0", ".0e0", "0e",   "0x1p",  "+",      "-",   "0X1",  "1.0e1_", "0x_1"}) {
    EXPECT_EQ(error_of(n), "unknown operator " + std::string(n)) << n;
  }
}

TEST(Lexer, StringsDecodeEscapes) {
  auto tokens = lex(R"("a\tb\nc\rd\"e\'f\\g\00\ff\u{41}\u{1_F600}\u{0}é")");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].kind, K::String);
  using namespace std::string_literals;
  EXPECT_EQ(tokens[0].value,
            "a\tb\nc\rd\"e'f\\g\0\xff"
            "A\xF0\x9F\x98\x80\0é"s);
  EXPECT_EQ(lex(R"("")")[0].value, "");
  EXPECT_EQ(lex(R"("")")[0].kind, K::String);
}

TEST(Lexer, StringsMayHoldAnyBytesButTheSourceMustBeUtf8) {
  EXPECT_EQ(lex(R"("\ef\bb")")[0].value, "\xef\xbb");
  EXPECT_EQ(error_of("\"\xef\xbb\""), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of("\"\xed\xa0\x80\""), "malformed UTF-8 encoding");  // surrogate
  EXPECT_EQ(error_of("\"\xc0\x80\""), "malformed UTF-8 encoding");      // overlong
}

TEST(Lexer, StringErrors) {
  EXPECT_EQ(error_of("\"abc"), "unclosed string literal");
  EXPECT_EQ(error_of("\"abc\ndef\""), "unclosed string literal");
  EXPECT_EQ(error_of("\"abc\\"), "unclosed string literal");
  EXPECT_EQ(error_of("\"a\x01\""), "illegal control character in string literal");
  EXPECT_EQ(error_of("\"a\tb\""), "illegal control character in string literal");
  EXPECT_EQ(error_of("\"a\x7f\""), "illegal control character in string literal");
  for (std::string_view s :
       {R"("\x")", R"("\0")", R"("\0g")", R"("\u")", R"("\u{")", R"("\u{}")", R"("\u{g}")",
        R"("\u{41")", R"("\u{_41}")", R"("\u{4__1}")", R"("\u{d800}")", R"("\u{dfff}")",
        R"("\u{110000}")", R"("\u{ffffffffffff}")", R"("\a")"}) {
    EXPECT_EQ(error_of(s), "illegal escape") << s;
  }
}

TEST(Lexer, Identifiers) {
  auto tokens = lex(R"($x $a.b<c>!? $"quoted name" $"\41")");
  ASSERT_EQ(tokens.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(tokens[i].kind, K::Id);
  EXPECT_EQ(tokens[0].value, "x");
  EXPECT_EQ(tokens[1].value, "a.b<c>!?");
  EXPECT_EQ(tokens[2].value, "quoted name");
  EXPECT_EQ(tokens[3].value, "A");
  EXPECT_EQ(tokens[3].text, R"($"\41")");
}

TEST(Lexer, IdentifierErrors) {
  EXPECT_EQ(error_of("$"), "empty identifier");
  EXPECT_EQ(error_of("$ x"), "empty identifier");
  EXPECT_EQ(error_of(R"($"")"), "empty identifier");
  EXPECT_EQ(error_of("(func $(@a))"), "empty identifier");
  EXPECT_EQ(error_of(R"($"\ef")"), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of(R"($"a"b)"), R"(unknown operator $"a"b)");
  EXPECT_EQ(error_of(R"($a"b")"), R"(unknown operator $a"b")");
  EXPECT_EQ(error_of(R"("a"b)"), R"(unknown operator "a"b)");
}

TEST(Lexer, RunsOfStringsAndIdcharsAreReserved) {
  EXPECT_EQ(error_of(R"("a""b")"), R"(unknown operator "a""b")");
  EXPECT_EQ(error_of(R"(x"a")"), R"(unknown operator x"a")");
  // token.wast: one reserved token each, not an id/string followed by a number
  EXPECT_EQ(error_of(R"((br_table $"l"0))"), R"(unknown operator $"l"0)");
  EXPECT_EQ(error_of(R"("a"0)"), R"(unknown operator "a"0)");
  EXPECT_EQ(error_of(R"(0"a")"), R"(unknown operator 0"a")");
  EXPECT_EQ(error_of("@a"), "unknown operator @a");
  EXPECT_EQ(error_of("( @a)"), "unknown operator @a");
  EXPECT_EQ(error_of("((@a)@b)"), "unknown operator @b");
  EXPECT_EQ(error_of("A"), "unknown operator A");
  for (std::string_view c : {",", ";", "[", "]", "{", "}"}) {
    EXPECT_EQ(error_of(c), "unknown operator " + std::string(c));
  }
  EXPECT_EQ(error_of("a,b"), "unknown operator ,");
}

TEST(Lexer, AMalformedStringEndsTheRunBeforeIt) {
  // As with the reference lexer's longest match, the part before the string is a token first.
  EXPECT_EQ(error_of("$\"a\nb\""), "empty identifier");
  EXPECT_EQ(error_of("$\"a\tb\""), "empty identifier");
  EXPECT_EQ(error_of("X\"a\nb\""), "unknown operator X");
  EXPECT_EQ(error_of("x\"a\nb\""), "unclosed string literal");  // x is a keyword
  EXPECT_EQ(error_of("i32.const\"a\nb\""), "unclosed string literal");
  EXPECT_EQ(error_of("\"a\"\"\\q\""), "illegal escape");
  EXPECT_EQ(error_of("(@\"\n\")"), "empty annotation id");
  EXPECT_EQ(error_of("(@\"\\q\")"), "empty annotation id");
}

TEST(Lexer, Comments) {
  EXPECT_EQ(kinds("a;;x\nb"), (std::vector<K>{K::Keyword, K::Keyword, K::Eof}));
  EXPECT_EQ(kinds("a;;x\rb"), (std::vector<K>{K::Keyword, K::Keyword, K::Eof}));
  EXPECT_EQ(kinds("a(;x;)b"), (std::vector<K>{K::Keyword, K::Keyword, K::Eof}));
  EXPECT_EQ(kinds("(; (; nested ;) ;; ; ) ( ;)x"), (std::vector<K>{K::Keyword, K::Eof}));
  EXPECT_EQ(kinds(";; \x01\x7f é"), std::vector<K>{K::Eof});
  EXPECT_EQ(kinds("(; \x01\x7f é \n ;)"), std::vector<K>{K::Eof});
  EXPECT_EQ(kinds("(;;)"), std::vector<K>{K::Eof});
  EXPECT_EQ(kinds("(;(;;);)"), std::vector<K>{K::Eof});
}

TEST(Lexer, CommentErrors) {
  EXPECT_EQ(error_of("(;"), "unclosed comment");
  EXPECT_EQ(error_of("(; (; ;)"), "unclosed comment");
  EXPECT_EQ(error_of("(; ;"), "unclosed comment");
  EXPECT_EQ(error_of(";; \xff"), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of("(; \xc3 ;)"), "malformed UTF-8 encoding");
}

TEST(Lexer, DeeplyNestedCommentsDoNotRecurse) {
  std::string s(200000, ' ');
  for (size_t i = 0; i < 100000; ++i) s.replace(i * 2, 2, "(;");
  EXPECT_EQ(error_of(s), "unclosed comment");
  for (size_t i = 0; i < 100000; ++i) s += ";)";
  EXPECT_EQ(kinds(s), std::vector<K>{K::Eof});
}

TEST(Lexer, MisplacedCharacters) {
  EXPECT_EQ(error_of("\x01"), "misplaced control character");
  EXPECT_EQ(error_of("(module \x0b)"), "misplaced control character");
  EXPECT_EQ(error_of("\x7f"), "misplaced control character");
  EXPECT_EQ(error_of("λ"), "misplaced unicode character");
  EXPECT_EQ(error_of("\xff"), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of("\xe2\x82"), "malformed UTF-8 encoding");
}

TEST(Lexer, Annotations) {
  auto tokens = lex(R"((@custom "name" (after func) x, ; [1] @b "\ff") (@"a b" ))");
  std::vector<K> got;
  for (auto& t : tokens) got.push_back(t.kind);
  EXPECT_EQ(got, (std::vector<K>{K::Annot, K::String, K::LParen, K::Keyword, K::Keyword, K::RParen,
                                 K::Keyword, K::Reserved, K::Reserved, K::Reserved, K::Number,
                                 K::Reserved, K::Reserved, K::String, K::RParen, K::Annot,
                                 K::RParen, K::Eof}));
  EXPECT_EQ(tokens[0].value, "custom");
  EXPECT_EQ(tokens[0].text, "(@custom");
  EXPECT_EQ(tokens[15].value, "a b");
  EXPECT_EQ(tokens[12].text, "@b");
  // Nested annotations, and tokens after the annotation closes are ordinary again.
  EXPECT_EQ(kinds("(@a (@b x) y) z"), (std::vector<K>{K::Annot, K::Annot, K::Keyword, K::RParen,
                                                      K::Keyword, K::RParen, K::Keyword, K::Eof}));
  EXPECT_EQ(error_of("(@a) @b"), "unknown operator @b");
  EXPECT_EQ(kinds("(@a\t\n\r)"), (std::vector<K>{K::Annot, K::RParen, K::Eof}));
  EXPECT_EQ(kinds("(@a (; c ;) ;; c\n)"), (std::vector<K>{K::Annot, K::RParen, K::Eof}));
  // Inside an annotation "(@" without an id is just "(" and a reserved "@..." token.
  EXPECT_EQ(kinds("(@a (@) (@ x))"),
            (std::vector<K>{K::Annot, K::LParen, K::Reserved, K::RParen, K::LParen, K::Reserved,
                            K::Keyword, K::RParen, K::RParen, K::Eof}));
  EXPECT_EQ(error_of("(@a (@)"), "unclosed annotation");
}

TEST(Lexer, AnnotationErrors) {
  EXPECT_EQ(error_of("(@)"), "empty annotation id");
  EXPECT_EQ(error_of("(@ )"), "empty annotation id");
  EXPECT_EQ(error_of("(@ x)"), "empty annotation id");
  EXPECT_EQ(error_of("(@(@a)x)"), "empty annotation id");
  EXPECT_EQ(error_of(R"((@""))"), "empty annotation id");
  EXPECT_EQ(error_of(R"((@ "a"))"), "empty annotation id");
  EXPECT_EQ(error_of(R"((@"\ef"))"), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of("(@x "), "unclosed annotation");
  EXPECT_EQ(error_of("(@x ()"), "unclosed annotation");
  EXPECT_EQ(error_of("(@x (y (z))"), "unclosed annotation");
  EXPECT_EQ(error_of("(@x (@y )"), "unclosed annotation");
  EXPECT_EQ(error_of("(@x ;; c"), "unclosed annotation");
  EXPECT_EQ(error_of("(@x \""), "unclosed string literal");
  EXPECT_EQ(error_of("(@x \")"), "unclosed string literal");
  EXPECT_EQ(error_of("(@a $)"), "empty identifier");
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    EXPECT_EQ(error_of("(@a " + std::string(1, char(c)) + ")"), "illegal character") << c;
  }
  EXPECT_EQ(error_of("(@a \x7f)"), "illegal character");
  EXPECT_EQ(error_of("(@a Heiße Würstchen)"), "illegal character");
  EXPECT_EQ(error_of("(@a \xe0)"), "malformed UTF-8 encoding");
  EXPECT_EQ(error_of("(@a \xff)"), "malformed UTF-8 encoding");
}

TEST(Lexer, ErrorSpansPointAtTheOffendingText) {
  try {
    tokenize("(module 1x)");
    FAIL();
  } catch (ErrorException& e) {
    EXPECT_EQ(e.error.at.begin, 8u);
    EXPECT_EQ(e.error.at.end, 10u);
  }
  try {
    tokenize("  (; (;;)");
    FAIL();
  } catch (ErrorException& e) {
    EXPECT_EQ(e.error.at.begin, 2u);
  }
}

TEST(Utf8, Validity) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text, longer than eight bytes"));
  EXPECT_TRUE(
      is_valid_utf8("\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf"));
  EXPECT_TRUE(is_valid_utf8("\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf"));
  EXPECT_TRUE(is_valid_utf8(std::string_view("\0", 1)));
  for (std::string_view bad :
       {"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xe0\x9f\xbf", "\xed\xa0\x80",
        "\xed\xbf\xbf", "\xef\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
        "\xff", "12345678\x80", "\xc2\x41"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(bad);
  }
}

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("WASM_TESTSUITE")) {
    return std::filesystem::path(env).parent_path();
  }
#ifdef WASMREF_SOURCE_ROOT
  return std::filesystem::path(WASMREF_SOURCE_ROOT) / ".." / "shared";
#else
  return {};
#endif
}

// Every script of the corpora is lexically well-formed (their malformed modules are quoted).
TEST(Lexer, EveryScriptInTheCorporaTokenizes) {
  std::filesystem::path root = shared_dir();
  if (!std::filesystem::exists(root / "testsuite"))
    GTEST_SKIP() << "no corpora; set WASM_TESTSUITE";
  size_t files = 0, tokens = 0;
  for (const char* corpus : {"testsuite", "module-linking", "threads"}) {
    if (!std::filesystem::exists(root / corpus)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / corpus)) {
      if (entry.path().extension() != ".wast") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string source = text.str();
      try {
        tokens += tokenize(source).size();
      } catch (ErrorException& e) {
        ADD_FAILURE() << entry.path() << ": " << e.error.message << " at " << e.error.at.begin;
      }
      ++files;
    }
  }
  EXPECT_GT(files, 250u);
  EXPECT_GT(tokens, 1000000u);
}

// Every `(assert_malformed (module quote ...) "msg")` of the corpora that fails in the lexer
// fails with the expected message; the rest are left to the parser.
TEST(Lexer, QuotedModulesOfTheCorporaFailWithTheExpectedMessage) {
  std::filesystem::path root = shared_dir();
  if (!std::filesystem::exists(root / "testsuite"))
    GTEST_SKIP() << "no corpora; set WASM_TESTSUITE";
  size_t lexical = 0;
  for (const char* corpus : {"testsuite", "module-linking", "threads"}) {
    if (!std::filesystem::exists(root / corpus)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / corpus)) {
      if (entry.path().extension() != ".wast") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string source = text.str();
      TokenList t = tokenize(source);
      for (size_t i = 0; i + 4 < t.size(); ++i) {
        if (t[i].kind != K::LParen || t[i + 1].text != "assert_malformed" ||
            t[i + 2].kind != K::LParen || t[i + 3].text != "module") {
          continue;
        }
        size_t k = i + 4;
        while (t[k].kind == K::Id || t[k].text == "definition") ++k;
        if (t[k].text != "quote") continue;
        std::string quoted;  // the strings are concatenated as they are
        for (++k; t[k].kind == K::String; ++k) quoted += t[k].value;
        std::string expected(t[k + 1].value);
        std::string got = error_of(quoted);
        if (got.empty()) continue;
        EXPECT_EQ(got.rfind(expected, 0), 0u)
            << entry.path() << ": " << quoted << "\n  expected " << expected << ", got " << got;
        ++lexical;
      }
    }
  }
  EXPECT_GE(lexical, 370u);
}

}  // namespace
}  // namespace wasm::text
