// The token cursor of the text parser and the lexical checks the reference lexer makes
// (interpreter/text/lexer.mll): which keywords exist and which number shapes are tokens.
#include "text/parser.h"

#include <algorithm>
#include <iterator>

#include "text/literals.h"

namespace wasm::text {
namespace {

// The reference lexer's keywords that are not mnemonics of the opcode table.
constexpr std::string_view kGrammarKeywords[] = {
    "i8", "i16", "i32", "i64", "f32", "f64", "v128", "i8x16", "i16x8", "i32x4", "i64x2",
    "f32x4", "f64x2", "any", "anyref", "none", "nullref", "eq", "eqref", "i31", "i31ref",
    "structref", "arrayref", "nofunc", "funcref", "nullfuncref", "exn", "noexn", "exnref",
    "nullexnref", "extern", "noextern", "externref", "nullexternref", "ref", "null", "array",
    "struct", "field", "mut", "sub", "final", "rec", "end", "then", "else", "catch",
    "catch_ref", "catch_all", "catch_all_ref", "delegate", "do", "param", "result", "local",
    "func", "start", "type", "global", "table", "memory", "tag", "elem", "data", "declare",
    "offset", "item", "import", "export", "module", "binary", "quote", "definition",
    "instance", "script", "register", "invoke", "get", "assert_malformed", "assert_invalid",
    "assert_malformed_custom", "assert_invalid_custom", "assert_unlinkable", "assert_return",
    "assert_trap", "assert_exception", "assert_exhaustion", "assert_uninstantiable",
    "nan:canonical", "nan:arithmetic", "either", "input", "output", "ref.extern", "ref.host",
    "ref.struct", "ref.array", "ref.exn", "shared", "unshared", "pagesize", "thread", "wait",
    // Module Linking
    "alias", "outer", "instantiate",
    // custom-descriptors
    "exact", "descriptor", "describes",
};

}  // namespace

bool is_known_keyword(std::string_view text) {
  if (opcode_from_text(text)) return true;
  if (std::find(std::begin(kGrammarKeywords), std::end(kGrammarKeywords), text) !=
      std::end(kGrammarKeywords))
    return true;
  if (num_shape(text) == NumShape::Float) return true;  // inf, nan, nan:0x...
  for (std::string_view prefix : {std::string_view("offset="), std::string_view("align=")}) {
    if (text.starts_with(prefix)) return num_shape(text.substr(prefix.size())) == NumShape::Nat;
  }
  return false;
}

std::vector<Token> strip_annotations(std::vector<Token> raw, std::vector<CustomAnnotation>& customs) {
  std::vector<Token> out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].kind != TokenKind::Annot) {
      out.push_back(std::move(raw[i]));
      continue;
    }
    size_t start = i, depth = 1;
    while (depth > 0 && i + 1 < raw.size() && raw[i + 1].kind != TokenKind::Eof) {
      ++i;
      if (raw[i].kind == TokenKind::LParen || raw[i].kind == TokenKind::Annot) ++depth;
      if (raw[i].kind == TokenKind::RParen) --depth;
    }
    const std::string& id = raw[start].value;
    if (id == "custom" || id == "name" || id == "metadata.code.branch_hint") {
      CustomAnnotation c;
      c.id = id;
      c.at = out.size();
      c.span = {raw[start].at.begin, raw[i].at.end};
      for (size_t k = start + 1; k < i; ++k) c.tokens.push_back(raw[k]);
      customs.push_back(std::move(c));
    }
  }
  if (out.empty() || out.back().kind != TokenKind::Eof) {
    Token eof;
    eof.kind = TokenKind::Eof;
    if (!out.empty()) eof.at = {out.back().at.end, out.back().at.end};
    out.push_back(eof);
  }
  return out;
}

Parser::Parser(std::vector<Token> tokens, std::vector<CustomAnnotation> c)
    : customs(std::move(c)), tokens_(std::move(tokens)) {
  if (tokens_.empty() || tokens_.back().kind != TokenKind::Eof) tokens_.push_back(Token{});
}

const Token& Parser::peek(size_t ahead) const { return token(pos_ + ahead); }

const Token& Parser::next() {
  const Token& t = token(pos_);
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool Parser::is_keyword(std::string_view kw, size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Keyword && t.text == kw;
}

bool Parser::is_lparen(std::string_view kw, size_t ahead) const {
  return is(TokenKind::LParen, ahead) && is_keyword(kw, ahead + 1);
}

bool Parser::take_keyword(std::string_view kw) {
  if (!is_keyword(kw)) return false;
  next();
  return true;
}

bool Parser::take_lparen(std::string_view kw) {
  if (!is_lparen(kw)) return false;
  next();
  next();
  return true;
}

void Parser::expect(TokenKind k) {
  if (!is(k)) unexpected();
  next();
}

void Parser::expect_keyword(std::string_view kw) {
  if (!is_keyword(kw)) unexpected();
  next();
}

void Parser::expect_lparen(std::string_view kw) {
  expect(TokenKind::LParen);
  expect_keyword(kw);
}

std::string Parser::string() {
  if (!is(TokenKind::String)) unexpected();
  return next().value;
}

std::string Parser::name() {
  Span at = peek().at;
  std::string s = string();
  if (!is_valid_utf8(s)) error(at, "malformed UTF-8 encoding");
  return s;
}

std::optional<std::string> Parser::opt_id() {
  if (!is(TokenKind::Id)) return std::nullopt;
  return next().value;
}

bool Parser::is_nat(size_t ahead) const {
  return is(TokenKind::Number, ahead) && number_shape(peek(ahead)) == NumShape::Nat;
}

uint32_t Parser::nat32() {
  if (!is_nat()) unexpected();
  const Token& t = next();
  auto v = parse_u32(t.text);
  if (!v) defer(t.at, "i32 constant out of range");
  return v.value_or(0);
}

uint64_t Parser::nat64() {
  if (!is_nat()) unexpected();
  const Token& t = next();
  auto v = parse_u64(t.text);
  if (!v) error(t.at, "i64 constant out of range");
  return *v;
}

size_t Parser::skip_balanced(size_t from) const {
  size_t depth = 0, i = from;
  for (; i < tokens_.size() && tokens_[i].kind != TokenKind::Eof; ++i) {
    if (tokens_[i].kind == TokenKind::LParen) ++depth;
    if (tokens_[i].kind == TokenKind::RParen && --depth == 0) return i + 1;
  }
  return i;
}

void Parser::check_lexical(size_t from, size_t to) const {
  for (size_t i = from; i < to && i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    bool bad = t.kind == TokenKind::Reserved ||
               (t.kind == TokenKind::Keyword && !is_known_keyword(t.text)) ||
               (t.kind == TokenKind::Number && number_shape(t) == NumShape::None);
    if (bad) error(t.at, cat("unknown operator ", std::string(t.text)));
  }
}

void Parser::unexpected() const {
  const Token& t = peek();
  check_lexical(pos_, pos_ + 1);
  error(t.at, "unexpected token");
}

void Parser::error(Span at, std::string message) const {
  fail(Phase::Malformed, at, std::move(message));
}

void Parser::defer(Span at, std::string message, Phase phase) const {
  if (!deferred) deferred = Error{phase, at, std::move(message)};
}

Nest::Nest(Parser& p) : p_(p) {
  if (++p_.depth > kMaxNesting) {
    --p_.depth;
    p_.error(p_.peek().at, "nesting too deep");
  }
}

}  // namespace wasm::text
