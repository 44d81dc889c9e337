// The text front end's internal parser: a cursor over the token vector with the
// reference interpreter's error spellings (interpreter/text/parser.mly), and the per-module
// context that binds identifiers to indices (text/modules.rst "Identifier Context").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "spec/ast.h"
#include "spec/error.h"
#include "text/lexer.h"
#include "text/literals.h"
#include "text/parse.h"

namespace wasm::text {

// Input nesting (folded instructions, blocks, nested modules and types, script threads) is
// parsed recursively; deeper input is rejected instead of exhausting the C++ stack.
inline constexpr int kMaxNesting = 1000;

// The lexical class of a Number token, per the reference lexer's nat/int/float rules.
inline NumShape number_shape(const Token& t) { return t.shape; }

// An annotation the parser interprets, removed from the token stream: (@custom ...),
// (@name ...) or (@metadata.code.branch_hint ...). `at` is the index in the filtered stream of
// the token that followed it; `tokens` are its contents (after the id).
struct CustomAnnotation {
  std::string id;  // "custom", "name" or "metadata.code.branch_hint"
  size_t at = 0;
  Span span;
  std::vector<Token> tokens;
  bool placed = false;  // set when a module field list reached it
};

// Removes annotations (balanced) from the stream; keeps the interpreted ones aside.
TokenList strip_annotations(TokenList raw, std::vector<CustomAnnotation>& customs);

// The June 2020 Module Linking Explainer's forms (text/module_linking_2020.cpp): identifier
// paths, implicit parent aliases and zero-level exports are aliases that a use found in any
// pass asks for, while aliases take their index in pass 1. A use that finds no planned alias
// adds one to the module's plan, and the module is parsed again with it: pass 1 binds its
// aliases where the Explainer's desugaring puts them.
struct PlannedAlias {
  enum class Kind : uint8_t { Path, Parent, ZeroLevel } kind = Kind::Path;
  ExternKind sort = ExternKind::Func;
  size_t field = 0;                // Path, ZeroLevel: the field of the first use
  std::string id;                  // Path: the whole path; Parent: the identifier
  Token instance;                  // Path, ZeroLevel: the instance the projection starts at
  std::vector<std::string> names;  // Path, ZeroLevel: the export names projected
  uint32_t outer_count = 0;        // Parent: how many modules out
  uint32_t bound = 0;              // the alias's index, once bound
};
struct ModulePlan {
  std::vector<PlannedAlias> aliases;
};

class Parser {
 public:
  Parser(TokenList tokens, std::vector<CustomAnnotation> customs);

  const Token& peek(size_t ahead = 0) const { return token(pos_ + ahead); }
  const Token& next() {
    const Token& t = token(pos_);
    if (pos_ + 1 < list_.tokens.size()) ++pos_;
    return t;
  }
  size_t pos() const { return pos_; }
  void seek(size_t pos) { pos_ = pos; }
  const Token& token(size_t i) const {
    return i < list_.tokens.size() ? list_.tokens[i] : list_.tokens.back();
  }

  bool is(TokenKind k, size_t ahead = 0) const { return peek(ahead).kind == k; }
  bool is_keyword(std::string_view kw, size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::Keyword && t.text == kw;
  }
  bool is_lparen(std::string_view kw, size_t ahead = 0) const;  // '(' kw
  bool take_keyword(std::string_view kw);
  bool take_lparen(std::string_view kw);  // consumes '(' kw

  void expect(TokenKind k);
  void expect_keyword(std::string_view kw);
  void expect_lparen(std::string_view kw);
  void expect_rparen() { expect(TokenKind::RParen); }

  std::string string();                 // a string token's bytes
  std::string name();                   // a string that must be valid UTF-8
  std::optional<std::string> opt_id();  // $id?
  uint32_t nat32();                     // "i32 constant out of range"
  uint64_t nat64();                     // "i64 constant out of range"
  bool is_nat(size_t ahead = 0) const;

  // Index of the token after the ')' matching the '(' at `from` (iterative).
  size_t skip_balanced(size_t from) const;
  // First token in [from, to) that the reference lexer rejects: "unknown operator".
  void check_lexical(size_t from, size_t to) const;

  [[noreturn]] void unexpected() const;  // at peek(): "unexpected token" / "unknown operator"
  [[noreturn]] void error(Span at, std::string message) const;
  // The reference parser reports identifier, label and literal-range errors only after the
  // whole module parsed (its semantic actions run afterwards): such errors are recorded here,
  // the first one wins, and parsing goes on so that a later syntax error still takes priority.
  void defer(Span at, std::string message, Phase phase = Phase::Malformed) const;
  mutable std::optional<Error> deferred;

  int depth = 0;
  TextOptions options;
  // The final plan of each module (by the token index of its fields), kept while an enclosing
  // module is parsed again, so that a module is planned once, not once per enclosing parse.
  std::unordered_map<size_t, ModulePlan> module_plans;
  std::vector<CustomAnnotation> customs;
  // The `at` values (inclusive) of annotations inside the module being parsed.
  size_t annot_first = 0, annot_last = 0;

 private:
  TokenList list_;                     // ends with Eof
  std::vector<uint32_t> after_group_;  // skip_balanced() of each '('
  size_t pos_ = 0;
};

// RAII guard for recursion on input nesting.
class Nest {
 public:
  explicit Nest(Parser& p);
  ~Nest() { --p_.depth; }
  Nest(const Nest&) = delete;
  Nest& operator=(const Nest&) = delete;

 private:
  Parser& p_;
};

// Hashing for maps keyed by std::string that are looked up with string_views.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

// One index space of the identifier context: $id -> index, and how many are bound.
struct Space {
  StringMap<uint32_t> ids;
  uint32_t count = 0;
};

// Parses one module's fields (text/modules.rst), including Module Linking's nested modules.
class ModuleParser;

// Parses `field*` up to (not including) the closing ')' or Eof; `parent` is the enclosing
// module for Module Linking's outer aliases.
// `export_ids`, when given, receives the identifier -> export name of the module's exports.
Module parse_module_fields(Parser& p, ModuleParser* parent, std::optional<std::string> id,
                           StringMap<std::string>* export_ids = nullptr);

// Parses `(module $id? field*)` or bare fields (spec: text/modules.rst, "Modules").
Module parse_module_tokens(Parser& p);
// The same, for a script: `fields_at` is where the fields start when the caller has already
// read `(module definition? $id?`; `bare` parses field* up to Eof.
Module parse_module_tokens(Parser& p, std::optional<size_t> fields_at, bool bare);

}  // namespace wasm::text
