// Entry point of the text front end for modules — text/modules.rst "Modules".
#include "text/parse.h"

#include "text/module_parser.h"

namespace wasm::text {

// spec: module ::= (module id? field*), or field* alone as the whole input.
Module parse_module_tokens(Parser& p) { return parse_module_tokens(p, std::nullopt, false); }

Module parse_module_tokens(Parser& p, std::optional<size_t> fields_at, bool bare) {
  size_t begin = p.pos();
  bool wrapped = !bare && p.is_lparen("module");
  size_t end = begin;
  if (wrapped)
    end = p.skip_balanced(begin);
  else
    while (p.token(end).kind != TokenKind::Eof) ++end;
  p.check_lexical(begin, end);
  p.deferred.reset();
  std::optional<std::string> id;
  if (fields_at) {
    id = p.token(*fields_at - 1).kind == TokenKind::Id
             ? std::optional(std::string(p.token(*fields_at - 1).value))
             : std::nullopt;
    p.seek(*fields_at);
  } else if (wrapped) {
    p.next();
    p.next();
    id = p.opt_id();
  }
  p.annot_first = wrapped ? begin + 1 : begin;
  p.annot_last = wrapped ? end - 1 : end;
  Module m = parse_module_fields(p, nullptr, id);
  if (wrapped) p.expect_rparen();
  if (p.deferred) {
    Error e = std::move(*p.deferred);
    p.deferred.reset();
    throw ErrorException{std::move(e)};
  }
  m.at = {p.token(begin).at.begin, p.token(end > begin ? end - 1 : begin).at.end};
  for (const CustomAnnotation& c : p.customs)
    if (c.id == "custom" && !c.placed && c.at >= begin && c.at < end)
      p.error(c.span, "misplaced @custom annotation");
  return m;
}

Result<Module> parse_module(std::string_view source, TextOptions options) {
  return catch_error([&]() -> Module {
    std::vector<CustomAnnotation> customs;
    TokenList tokens = strip_annotations(tokenize(source), customs);
    Parser p(std::move(tokens), std::move(customs));
    p.options = options;
    Module m = parse_module_tokens(p);
    if (!p.is(TokenKind::Eof)) p.unexpected();
    return m;
  });
}

}  // namespace wasm::text
