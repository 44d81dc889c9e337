// Properties of the lexer on random input: it either throws a Malformed error or returns
// tokens in source order whose text is their span, ending with Eof. Tokenizing the text of a
// token alone gives the same token back.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "text/lexer.h"

namespace wasm::text {
namespace {

// Pieces that exercise every lexer path, glued at random.
rc::Gen<std::string> source_text() {
  static const std::vector<std::string> pieces{
      "(",  ")",  "(@",       "(;",   ";)",   ";;",   ";",   " ",    "\n", "\r", "\t", "$",
      "\"", "\\", "u{",       "}",    "{",    "0",    "9",   "x",    "0x", "1.", "e",  "p",
      "+",  "-",  "_",        ".",    "i32",  "nan",  "inf", ":",    "a",  "Z",  "@",  ",",
      "[",  "]",  "\xc3\xa9", "\xff", "\x01", "\x7f", "\\n", "\\41", "\""};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

RC_GTEST_PROP(Lexer, TokensCoverTheSourceInOrderOrAMalformedErrorIsThrown, ()) {
  std::string source = *source_text();
  TokenList tokens;
  try {
    tokens = tokenize(source);
  } catch (ErrorException& e) {
    RC_ASSERT(e.error.phase == Phase::Malformed);
    RC_ASSERT(e.error.at.begin <= e.error.at.end);
    RC_ASSERT(e.error.at.end <= source.size());
    RC_ASSERT(!e.error.message.empty());
    return;
  }
  RC_ASSERT(!tokens.empty());
  RC_ASSERT(tokens.back().kind == TokenKind::Eof);
  uint32_t last_end = 0;
  for (const Token& t : tokens) {
    RC_ASSERT(t.at.begin >= last_end);
    RC_ASSERT(t.at.end <= source.size());
    RC_ASSERT(t.text == std::string_view(source).substr(t.at.begin, t.at.end - t.at.begin));
    last_end = t.at.end;
    if (t.kind == TokenKind::Keyword || t.kind == TokenKind::Number ||
        t.kind == TokenKind::String || t.kind == TokenKind::Id) {
      TokenList again = tokenize(t.text);
      RC_ASSERT(again.size() == 2u);
      RC_ASSERT(again[0].kind == t.kind);
      RC_ASSERT(again[0].value == t.value);
    }
  }
}

}  // namespace
}  // namespace wasm::text
