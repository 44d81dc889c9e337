// Lexical format — text/lexical.rst: tokens, white space, comments, annotations.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/error.h"
#include "spec/opcode.h"
#include "spec/source.h"
#include "text/literals.h"

namespace wasm::text {

enum class TokenKind : uint8_t {
  LParen,    // (
  RParen,    // )
  Annot,     // (@id or (@"id" — an annotation start; `value` holds the id (decoded, non-empty,
             // UTF-8). Its contents follow as ordinary tokens up to the matching RParen (there,
             // "(@" without an id is just LParen followed by a Reserved "@...").
  Keyword,   // spec: keyword — a-z followed by idchars: i32.add, i32, offset=4, align=8,
             // nan:canonical, nan:1 (not a number: see below), x*y ... The parser reports
             // "unknown operator <text>" for one it does not know, as the reference lexer does.
  Number,    // exactly the reference lexer's NAT | INT | FLOAT shapes, see num_shape() in
             // literals.h: 1, 0x1F, +1, -0x1, 1.5, 1e3, 0x1p-3, inf, -inf, nan, +nan, nan:0x1.
             // Range checks are left to parse_*() when the parser knows the expected type.
  String,    // "..."  — `value` holds the decoded bytes (any bytes, via \hh escapes)
  Id,        // $id or $"..." — `value` holds the name without '$' (decoded, non-empty, UTF-8)
  Reserved,  // spec: reserved — any other run of idchars and strings, or one of , ; [ ] { }.
             // Only produced inside annotations; elsewhere it is the error "unknown operator".
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  NumShape shape = NumShape::None;  // Number: the reference lexer's class (literals.h)
  bool known = false;               // Keyword: the reference lexer knows it (is_known_keyword)
  uint16_t opcode = kNotAnOpcode;   // Keyword: the opcode whose mnemonic it is, if any
  Span at;                          // byte offsets in the source
  std::string_view text;            // the raw source text of the token
  // String: decoded bytes; Id: the name; Annot: the id. A view into the source where decoding
  // changes nothing, else into the TokenList's `decoded` storage.
  std::string_view value;

  static constexpr uint16_t kNotAnOpcode = 0xFFFF;
  std::optional<Opcode> op() const {
    return opcode == kNotAnOpcode ? std::nullopt : std::optional(Opcode(opcode));
  }
};

// The tokens of a source, and the storage of the values that escapes made differ from the
// source. The source must outlive the list; Tokens copied out of it live as long as both.
struct TokenList {
  std::vector<Token> tokens;
  std::deque<std::string> decoded;  // a deque: growing it never moves a string

  size_t size() const { return tokens.size(); }
  bool empty() const { return tokens.empty(); }
  const Token& operator[](size_t i) const { return tokens[i]; }
  const Token& back() const { return tokens.back(); }
  auto begin() const { return tokens.begin(); }
  auto end() const { return tokens.end(); }
};

// Splits `source` into tokens, skipping white space, line comments `;;` and (nested) block
// comments `(; ;)`. The last token is Eof. Throws ErrorException (Phase::Malformed) with the
// reference interpreter's messages (interpreter/text/lexer.mll):
//   "unknown operator <text>"      a reserved token outside annotations (1x, 0x, _1, @a, ",")
//   "unclosed string literal"      a string reaching a newline or the end of the input
//   "illegal control character in string literal"   U+00-1F (but \n, \r) or U+7F in a string
//   "illegal escape"               \q, \0g, \u{d800}, \u{110000}, \u{} ...
//   "malformed UTF-8 encoding"     anywhere in the source (also in comments and strings), or an
//                                  id $"..." / annotation id (@"..." that is not UTF-8
//   "empty identifier"             $ alone, $""
//   "empty annotation id"          (@ not followed by an id or a well-formed string, (@""
//   "unclosed comment"             (; without its ;)
//   "unclosed annotation"          (@id without its )
//   "illegal character"            a control or non-ASCII character inside an annotation
//   "misplaced control character"  a control character (or U+7F) elsewhere
//   "misplaced unicode character"  a non-ASCII character elsewhere
// Nesting of comments is counted, not recursed.
TokenList tokenize(std::string_view source);

// Whether the reference lexer knows a keyword (grammar words, mnemonics, offset=/align=, the
// float words inf, nan, nan:0x...), and the opcode whose mnemonic it is.
struct KeywordClass {
  bool known = false;
  std::optional<Opcode> op;
};
KeywordClass classify_keyword(std::string_view text);
bool is_known_keyword(std::string_view text);

// True if bytes is valid UTF-8 (used for names and the lexer's strings).
bool is_valid_utf8(std::string_view bytes);

}  // namespace wasm::text
