// The .wast script language — the reference interpreter's script grammar (parser.mly,
// "Scripts"), plus `thread`/`wait` from the threads proposal's test scripts.
#include "text/script.h"

#include "text/literals.h"
#include "text/module_parser.h"

namespace wasm::text {
namespace {

bool is_float_keyword(const Token& t) {
  return t.kind == TokenKind::Keyword &&
         (t.text == "inf" || t.text == "nan" || t.text.starts_with("nan:0x"));
}
bool is_num_token(const Token& t) { return t.kind == TokenKind::Number || is_float_keyword(t); }

NanPattern nan_pattern(const Token& t) {
  if (t.kind != TokenKind::Keyword) return NanPattern::None;
  if (t.text == "nan:canonical") return NanPattern::Canonical;
  if (t.text == "nan:arithmetic") return NanPattern::Arithmetic;
  return NanPattern::None;
}

struct ShapeInfo {
  std::string_view text;
  LaneShape shape;
  int lanes, bits;
  bool is_float;
};
constexpr ShapeInfo kShapes[] = {
    {"i8x16", LaneShape::I8x16, 16, 8, false}, {"i16x8", LaneShape::I16x8, 8, 16, false},
    {"i32x4", LaneShape::I32x4, 4, 32, false}, {"i64x2", LaneShape::I64x2, 2, 64, false},
    {"f32x4", LaneShape::F32x4, 4, 32, true},  {"f64x2", LaneShape::F64x2, 2, 64, true},
};

class ScriptParser {
 public:
  explicit ScriptParser(Parser& p) : p_(p) {}

  Script script();
  void command(Command& c);  // fills a default-constructed command in place

 private:
  ScriptModule script_module();
  Action action();
  ScriptValue value(bool result);
  ScriptValue number(Opcode op, bool result);
  ScriptValue vector(bool result);
  std::optional<std::string> id() { return p_.opt_id(); }

  Parser& p_;
};

Script ScriptParser::script() {
  Script s;
  // spec: a script may be a module's fields alone.
  if (p_.is(TokenKind::LParen) && !p_.is_keyword("module", 1)) {
    static constexpr std::string_view kFieldWords[] = {
        "type", "rec",  "import", "func",  "table",  "memory",   "global",
        "tag",  "elem", "data",   "start", "export", "instance", "alias"};
    for (std::string_view w : kFieldWords) {
      if (!p_.is_keyword(w, 1)) continue;
      Command c;
      c.at = p_.peek().at;
      c.module.at = c.at;
      c.module.module = parse_module_tokens(p_, std::nullopt, true);
      c.module.fields = {c.at.begin, p_.token(p_.pos() - 1).at.end};
      s.commands.push_back(std::move(c));
      return s;
    }
  }
  // One command per top-level group: reserving them spares moving the (large) commands.
  size_t groups = 0;
  for (size_t i = p_.pos(), depth = 0; p_.token(i).kind != TokenKind::Eof; ++i) {
    TokenKind k = p_.token(i).kind;
    if (k == TokenKind::LParen && depth++ == 0) ++groups;
    if (k == TokenKind::RParen && depth > 0) --depth;
  }
  s.commands.reserve(groups);
  while (!p_.is(TokenKind::Eof)) command(s.commands.emplace_back());
  return s;
}

// spec: (module definition? $id? field*) | (module ... binary string*) | (module ... quote string*)
ScriptModule ScriptParser::script_module() {
  ScriptModule sm;
  size_t begin = p_.pos();
  size_t end = p_.skip_balanced(begin);
  sm.at = {p_.peek().at.begin, p_.token(end - 1).at.end};
  p_.expect_lparen("module");
  sm.definition = p_.take_keyword("definition");
  sm.id = id();
  if (p_.take_keyword("binary") || p_.take_keyword("quote")) {
    sm.form = p_.token(p_.pos() - 1).text == "binary" ? ScriptModule::Form::Binary
                                                      : ScriptModule::Form::Quote;
    while (p_.is(TokenKind::String)) sm.bytes += p_.next().value;
    p_.expect_rparen();
    return sm;
  }
  size_t fields_at = p_.pos();
  if (fields_at + 1 < end) sm.fields = {p_.token(fields_at).at.begin, p_.token(end - 2).at.end};
  p_.seek(begin);
  try {
    sm.module = parse_module_tokens(p_, fields_at, false);
  } catch (ErrorException& e) {
    sm.error = std::move(e.error);
    p_.seek(end);
  }
  return sm;
}

// spec: action ::= (invoke $id? name literal*) | (get $id? name)
Action ScriptParser::action() {
  Action a;
  a.at = p_.peek().at;
  p_.expect(TokenKind::LParen);
  if (p_.take_keyword("invoke")) {
    a.kind = Action::Kind::Invoke;
  } else if (p_.take_keyword("get")) {
    a.kind = Action::Kind::Get;
  } else {
    p_.unexpected();
  }
  a.module_id = id();
  a.name = p_.name();
  if (a.kind == Action::Kind::Invoke)
    while (p_.is(TokenKind::LParen)) a.args.push_back(value(false));
  p_.expect_rparen();
  return a;
}

ScriptValue ScriptParser::number(Opcode op, bool result) {
  ScriptValue v;
  v.at = p_.peek().at;
  v.kind = op == Opcode::I32Const   ? ScriptValue::Kind::I32
           : op == Opcode::I64Const ? ScriptValue::Kind::I64
           : op == Opcode::F32Const ? ScriptValue::Kind::F32
                                    : ScriptValue::Kind::F64;
  bool is_float = v.kind == ScriptValue::Kind::F32 || v.kind == ScriptValue::Kind::F64;
  if (result && is_float && nan_pattern(p_.peek()) != NanPattern::None) {
    v.nan = nan_pattern(p_.next());
    return v;
  }
  const Token& t = p_.peek();
  if (!is_num_token(t)) p_.unexpected();
  p_.next();
  std::optional<uint64_t> bits;
  switch (v.kind) {
    case ScriptValue::Kind::I32: bits = parse_int(t.text, 32); break;
    case ScriptValue::Kind::I64: bits = parse_int(t.text, 64); break;
    case ScriptValue::Kind::F32:
      if (auto f = parse_f32(t.text)) bits = *f;
      break;
    default: bits = parse_f64(t.text); break;
  }
  if (!bits) p_.error(t.at, "constant out of range");
  v.bits = *bits;
  return v;
}

// spec: (v128.const shape lane*); results may have NaN patterns in float lanes.
ScriptValue ScriptParser::vector(bool result) {
  ScriptValue v;
  v.kind = ScriptValue::Kind::V128;
  v.at = p_.peek().at;
  const ShapeInfo* shape = nullptr;
  for (const ShapeInfo& s : kShapes)
    if (p_.is_keyword(s.text)) shape = &s;
  if (!shape) p_.unexpected();
  p_.next();
  v.shape = shape->shape;
  int lane = 0;
  while (is_num_token(p_.peek()) || (result && nan_pattern(p_.peek()) != NanPattern::None)) {
    const Token& t = p_.next();
    if (lane >= shape->lanes) p_.error(t.at, "wrong number of lane literals");
    std::optional<uint64_t> bits;
    if (nan_pattern(t) != NanPattern::None) {
      if (!shape->is_float) p_.error(t.at, "invalid vector constant");
      v.lane_nans[size_t(lane)] = nan_pattern(t);
      bits = 0;
    } else if (!shape->is_float) {
      bits = parse_int(t.text, shape->bits);
    } else if (shape->bits == 32) {
      if (auto f = parse_f32(t.text)) bits = *f;
    } else {
      bits = parse_f64(t.text);
    }
    if (!bits) p_.error(t.at, "constant out of range");
    int width = shape->bits / 8;
    for (int b = 0; b < width; ++b) v.v128[size_t(lane * width + b)] = uint8_t(*bits >> (8 * b));
    ++lane;
  }
  if (lane != shape->lanes) p_.error(v.at, "wrong number of lane literals");
  return v;
}

// spec: literal / result of the script grammar.
ScriptValue ScriptParser::value(bool result) {
  Nest nest(p_);
  Span at = p_.peek().at;
  p_.expect(TokenKind::LParen);
  const Token& head = p_.peek();
  if (head.kind != TokenKind::Keyword) p_.unexpected();
  std::string_view w = head.text;
  ScriptValue v;
  v.at = at;
  if (auto op = head.op(); op && (*op == Opcode::I32Const || *op == Opcode::I64Const ||
                                  *op == Opcode::F32Const || *op == Opcode::F64Const)) {
    p_.next();
    v = number(*op, result);
  } else if (w == "v128.const") {
    p_.next();
    v = vector(result);
  } else if (w == "ref.null") {
    p_.next();
    v.kind = ScriptValue::Kind::RefNull;
    if (result && p_.is(TokenKind::RParen)) {
      v.heap.kind = HeapKind::Bot;
    } else {
      ModuleParser empty(p_, nullptr, std::nullopt);
      v.heap = empty.heap_type();
    }
  } else if (w == "ref.extern" || w == "ref.host") {
    p_.next();
    v.kind = w == "ref.extern" ? ScriptValue::Kind::RefExtern : ScriptValue::Kind::RefHost;
    v.heap.kind = HeapKind::Extern;
    if (!result || !p_.is(TokenKind::RParen)) v.payload = p_.nat32();
    if (!v.payload && v.kind == ScriptValue::Kind::RefHost) p_.unexpected();
  } else if (result && w == "either") {
    p_.next();
    v.kind = ScriptValue::Kind::Either;
    do {
      v.alternatives.push_back(value(true));
    } while (p_.is(TokenKind::LParen));
  } else if (result) {
    static constexpr std::pair<std::string_view, HeapKind> kRefKinds[] = {
        {"ref", HeapKind::Any},
        {"ref.any", HeapKind::Any},
        {"ref.eq", HeapKind::Eq},
        {"ref.i31", HeapKind::I31},
        {"ref.i31_shared", HeapKind::I31},  // shared-everything-threads
        {"ref.struct", HeapKind::Struct},
        {"ref.array", HeapKind::Array},
        {"ref.func", HeapKind::Func},
        {"ref.exn", HeapKind::Exn},
        {"ref.waitqueue", HeapKind::WaitQueue}};  // shared-everything-threads
    bool found = false;
    for (auto& [text, kind] : kRefKinds) {
      if (w != text) continue;
      p_.next();
      v.kind = ScriptValue::Kind::RefKind;
      v.heap.kind = kind;
      v.heap.shared = w == "ref.i31_shared";
      found = true;
      break;
    }
    if (!found) p_.unexpected();
  } else {
    p_.unexpected();
  }
  v.at = at;
  p_.expect_rparen();
  return v;
}

void ScriptParser::command(Command& c) {
  Nest nest(p_);
  c.at = p_.peek().at;
  if (p_.is_lparen("module")) {
    if (p_.is_keyword("instance", 2)) {
      p_.next();
      p_.next();
      p_.next();
      c.kind = Command::Kind::ModuleInstance;
      auto first = id();
      auto second = id();
      if (second) {
        c.id = first;
        c.id2 = second;
      } else {
        c.id2 = first;
      }
      p_.expect_rparen();
      return;
    }
    c.kind = Command::Kind::Module;
    c.module = script_module();
    return;
  }
  p_.expect(TokenKind::LParen);
  const Token& head = p_.peek();
  if (head.kind != TokenKind::Keyword) p_.unexpected();
  std::string_view w = head.text;
  auto module_assert = [&](Command::Kind kind) {
    p_.next();
    c.kind = kind;
    c.has_module = true;
    if (!p_.is_lparen("module")) p_.unexpected();
    c.module = script_module();
    c.message = p_.string();
  };
  if (w == "invoke" || w == "get") {
    p_.seek(p_.pos() - 1);
    c.kind = Command::Kind::Action;
    c.action = action();
    return;
  } else if (w == "register") {
    p_.next();
    c.kind = Command::Kind::Register;
    c.message = p_.name();
    c.id = id();
  } else if (w == "assert_return") {
    p_.next();
    c.kind = Command::Kind::AssertReturn;
    c.action = action();
    while (p_.is(TokenKind::LParen)) c.expected.push_back(value(true));
  } else if (w == "assert_trap") {
    if (p_.is_lparen("module", 1)) {
      module_assert(Command::Kind::AssertTrap);
    } else {
      p_.next();
      c.kind = Command::Kind::AssertTrap;
      c.action = action();
      c.message = p_.string();
    }
  } else if (w == "assert_exhaustion") {
    p_.next();
    c.kind = Command::Kind::AssertExhaustion;
    c.action = action();
    c.message = p_.string();
  } else if (w == "assert_exception") {
    p_.next();
    c.kind = Command::Kind::AssertException;
    c.action = action();
  } else if (w == "assert_malformed") {
    module_assert(Command::Kind::AssertMalformed);
  } else if (w == "assert_invalid") {
    module_assert(Command::Kind::AssertInvalid);
  } else if (w == "assert_unlinkable") {
    module_assert(Command::Kind::AssertUnlinkable);
  } else if (w == "assert_uninstantiable") {
    module_assert(Command::Kind::AssertUninstantiable);
  } else if (w == "assert_malformed_custom") {
    module_assert(Command::Kind::AssertMalformedCustom);
  } else if (w == "assert_invalid_custom") {
    module_assert(Command::Kind::AssertInvalidCustom);
  } else if (w == "thread") {
    p_.next();
    c.kind = Command::Kind::Thread;
    c.id = id();
    while (p_.is_lparen("shared")) {
      p_.next();
      p_.next();
      p_.expect_lparen("module");
      auto m = id();
      if (!m) p_.unexpected();
      c.shared_modules.push_back(*m);
      p_.expect_rparen();
      p_.expect_rparen();
    }
    while (p_.is(TokenKind::LParen)) command(c.body.emplace_back());
  } else if (w == "wait") {
    p_.next();
    c.kind = Command::Kind::Wait;
    c.id = id();
  } else {
    p_.unexpected();
  }
  p_.expect_rparen();
}

}  // namespace

Result<Script> parse_script(std::string_view source, TextOptions options) {
  return catch_error([&]() -> Script {
    std::vector<CustomAnnotation> customs;
    TokenList tokens = strip_annotations(tokenize(source), customs);
    Parser p(std::move(tokens), std::move(customs));
    p.options = options;
    return ScriptParser(p).script();
  });
}

}  // namespace wasm::text
