// The token cursor of the text parser and the lexical checks the reference lexer makes
// (interpreter/text/lexer.mll): which keywords exist and which number shapes are tokens.
#include "text/parser.h"

#include <algorithm>
#include <iterator>

#include "text/literals.h"

namespace wasm::text {

TokenList strip_annotations(TokenList list, std::vector<CustomAnnotation>& customs) {
  std::vector<Token>& raw = list.tokens;
  size_t out = 0;  // compacting in place: the kept tokens move down over the annotations
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].kind != TokenKind::Annot) {
      raw[out++] = raw[i];
      continue;
    }
    size_t start = i, depth = 1;
    while (depth > 0 && i + 1 < raw.size() && raw[i + 1].kind != TokenKind::Eof) {
      ++i;
      if (raw[i].kind == TokenKind::LParen || raw[i].kind == TokenKind::Annot) ++depth;
      if (raw[i].kind == TokenKind::RParen) --depth;
    }
    std::string_view id = raw[start].value;
    if (id == "custom" || id == "name" || id == "metadata.code.branch_hint") {
      CustomAnnotation c;
      c.id = id;
      c.at = out;
      c.span = {raw[start].at.begin, raw[i].at.end};
      c.tokens.assign(raw.begin() + ptrdiff_t(start + 1), raw.begin() + ptrdiff_t(i));
      customs.push_back(std::move(c));
    }
  }
  raw.resize(out);
  if (raw.empty() || raw.back().kind != TokenKind::Eof) {
    Token eof;
    eof.kind = TokenKind::Eof;
    if (!raw.empty()) eof.at = {raw.back().at.end, raw.back().at.end};
    raw.push_back(eof);
  }
  return list;
}

Parser::Parser(TokenList tokens, std::vector<CustomAnnotation> c)
    : customs(std::move(c)), list_(std::move(tokens)) {
  if (list_.tokens.empty() || list_.tokens.back().kind != TokenKind::Eof)
    list_.tokens.push_back(Token{});
  // Where each group ends, found once: for a '(' the index after its ')', or Eof's index.
  const std::vector<Token>& all = list_.tokens;
  after_group_.assign(all.size(), uint32_t(all.size() - 1));
  std::vector<uint32_t> open;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].kind == TokenKind::LParen) {
      open.push_back(uint32_t(i));
    } else if (all[i].kind == TokenKind::RParen && !open.empty()) {
      after_group_[open.back()] = uint32_t(i + 1);
      open.pop_back();
    }
  }
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
  return std::string(next().value);
}

std::string Parser::name() {
  Span at = peek().at;
  std::string s = string();
  if (!is_valid_utf8(s)) error(at, "malformed UTF-8 encoding");
  return s;
}

std::optional<std::string> Parser::opt_id() {
  if (!is(TokenKind::Id)) return std::nullopt;
  return std::string(next().value);
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
  if (from < list_.tokens.size() && list_.tokens[from].kind == TokenKind::LParen)
    return after_group_[from];
  size_t depth = 0, i = from;
  const std::vector<Token>& tokens = list_.tokens;
  for (; i < tokens.size() && tokens[i].kind != TokenKind::Eof; ++i) {
    if (tokens[i].kind == TokenKind::LParen) ++depth;
    if (tokens[i].kind == TokenKind::RParen && --depth == 0) return i + 1;
  }
  return i;
}

void Parser::check_lexical(size_t from, size_t to) const {
  for (size_t i = from; i < to && i < list_.tokens.size(); ++i) {
    const Token& t = list_.tokens[i];
    bool bad = t.kind == TokenKind::Reserved || (t.kind == TokenKind::Keyword && !t.known) ||
               (t.kind == TokenKind::Number && t.shape == NumShape::None);
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
