// Lexical format — text/lexical.rst: tokens, white space, comments, annotations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spec/error.h"
#include "spec/source.h"

namespace wasm::text {

enum class TokenKind : uint8_t {
  LParen,    // (
  RParen,    // )
  Annot,     // (@id   — an annotation start; `text` holds the id without "(@"
  Keyword,   // keyword: starts with a-z (instruction names, i32, offset=4, nan:0x1, ...)
  Number,    // a token that starts with a digit or sign+digit, or is inf/nan with a sign
  String,    // "..."  — `value` holds the decoded bytes
  Id,        // $id or $"..." — `value` holds the name without '$' (decoded)
  Reserved,  // any other idchars run (the spec's `reserved`)
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  Span at;                // byte offsets in the source
  std::string_view text;  // the raw source text of the token
  std::string value;      // String: decoded bytes; Id: the name; Annot: the id
};

// Splits `source` into tokens, skipping white space, line comments `;;` and (nested) block
// comments `(; ;)`. The last token is Eof. Throws ErrorException (Phase::Malformed) with
// the reference interpreter's messages: "unclosed string", "illegal escape",
// "malformed UTF-8 encoding", "unclosed comment", "unknown operator" (illegal character), ...
// Keyword vs Number vs Reserved is decided by the first characters only; numeric ranges are
// checked by text/literals.h when the parser knows the expected type.
std::vector<Token> tokenize(std::string_view source);

// True if bytes is valid UTF-8 (used for names and the lexer's strings).
bool is_valid_utf8(std::string_view bytes);

}  // namespace wasm::text
