// Instructions — text/instructions.rst: plain and folded forms, structured instructions with
// labels, block types, try_table handlers and legacy try/catch/delegate. Immediates are read
// by instructions_imm.cpp, driven by the opcode table's Imm column.
#include "text/module_parser.h"

namespace wasm::text {
namespace {

bool is_structured(Opcode op) {
  Imm k = info(op).imm;
  return k == Imm::Block || k == Imm::If || k == Imm::Try || k == Imm::TryTable;
}

}  // namespace

// spec: instr* — stops at ')' and at the keywords that close or split a block.
void ModuleParser::instrs(Expr& out) {
  while (true) {
    const Token& t = p.peek();
    if (t.kind == TokenKind::RParen || t.kind == TokenKind::Eof) return;
    if (t.kind == TokenKind::Keyword && (t.text == "end" || t.text == "else" || t.text == "catch" ||
                                         t.text == "catch_all" || t.text == "delegate"))
      return;
    instr(out);
  }
}

Expr ModuleParser::expr() {
  Expr e;
  instrs(e);
  return e;
}

// spec: (offset instr*) | foldedinstr   (text/modules.rst, element and data segments)
Expr ModuleParser::offset_expr() {
  Expr e;
  if (p.take_lparen("offset")) {
    instrs(e);
    p.expect_rparen();
  } else {
    if (!p.is(TokenKind::LParen)) p.unexpected();
    folded(e);
  }
  return e;
}

void ModuleParser::instr(Expr& out) {
  instr_starts.push_back(p.pos());  // for @metadata.code.branch_hint placement
  if (p.is(TokenKind::LParen)) return folded(out);
  if (!p.is(TokenKind::Keyword)) p.unexpected();
  auto op = p.peek().op();  // the lexer looked the mnemonic up
  if (!op) p.unexpected();
  Span at = p.next().at;
  if (is_structured(*op)) return block_instr(*op, at, out);
  Instr i;
  i.imm = immediates(*op, at);
  i.op = *op;
  i.at = at;
  out.push_back(std::move(i));
}

// spec: foldedinstr ::= (plaininstr foldedinstr*) | (block ...) | (loop ...) | (if ...) | ...
void ModuleParser::folded(Expr& out) {
  Nest nest(p);
  p.expect(TokenKind::LParen);
  if (!p.is(TokenKind::Keyword)) p.unexpected();
  auto op = p.peek().op();  // the lexer looked the mnemonic up
  if (!op) p.unexpected();
  Span at = p.next().at;
  if (is_structured(*op)) {
    folded_block(*op, at, out);
  } else {
    Instr i;
    i.imm = immediates(*op, at);
    i.op = *op;
    i.at = at;
    while (p.is(TokenKind::LParen)) folded(out);
    out.push_back(std::move(i));
  }
  p.expect_rparen();
}

std::optional<std::string> ModuleParser::label_id() { return p.opt_id(); }

// spec: `end id?` must repeat the block's label ("mismatching label").
void ModuleParser::end_label(const std::optional<std::string>& label) {
  if (!p.is(TokenKind::Id)) return;
  const Token& t = p.next();
  if (!label || *label != t.value) p.defer(t.at, "mismatching label");
}

// spec: labelidx — $l is resolved against the enclosing labels, innermost first.
uint32_t ModuleParser::label_index() {
  if (p.is(TokenKind::Id)) {
    const Token& t = p.next();
    for (size_t i = labels.size(); i-- > 0;)
      if (labels[i] && *labels[i] == t.value) return uint32_t(labels.size() - 1 - i);
    p.defer(t.at, cat("unknown label $", t.value));
    return 0;
  }
  return p.nat32();
}

// spec: blocktype ::= typeuse, abbreviated to (result t)? when it has no parameters.
BlockType ModuleParser::block_type() {
  TypeUse use = type_use(false);
  BlockType bt;
  if (use.index) {
    bt.kind = BlockType::Kind::Index;
    bt.index = resolve_type_use(use);
  } else if (use.sig.type.params.empty() && use.sig.type.results.size() <= 1) {
    if (!use.sig.type.results.empty()) {
      bt.kind = BlockType::Kind::Value;
      bt.value = use.sig.type.results[0];
    }
  } else {
    bt.kind = BlockType::Kind::Index;
    bt.index = inline_func_type(use.sig.type);
  }
  return bt;
}

// spec: catch ::= (catch x l) | (catch_ref x l) | (catch_all l) | (catch_all_ref l)
void ModuleParser::catch_clauses(std::vector<Catch>& out) {
  while (true) {
    Catch c;
    if (p.take_lparen("catch")) {
      c.kind = CatchKind::Catch;
    } else if (p.take_lparen("catch_ref")) {
      c.kind = CatchKind::CatchRef;
    } else if (p.take_lparen("catch_all")) {
      c.kind = CatchKind::CatchAll;
    } else if (p.take_lparen("catch_all_ref")) {
      c.kind = CatchKind::CatchAllRef;
    } else {
      return;
    }
    if (c.kind == CatchKind::Catch || c.kind == CatchKind::CatchRef) c.tag = index(tags, "tag");
    c.label = label_index();
    p.expect_rparen();
    out.push_back(c);
  }
}

// Plain structured instructions: block/loop/if/try_table label? bt instr* (else ...)? end id?
void ModuleParser::block_instr(Opcode op, Span at, Expr& out) {
  Nest nest(p);
  Instr i;
  i.op = op;
  i.at = at;
  auto label = label_id();
  if (op == Opcode::Try) {
    TryImm t;
    t.type = block_type();
    labels.push_back(label);
    instrs(t.body);
    while (p.take_keyword("catch")) {
      LegacyCatch c;
      c.tag = index(tags, "tag");
      instrs(c.body);
      t.catches.push_back(std::move(c));
    }
    if (p.take_keyword("catch_all")) {
      t.catch_all.emplace();
      instrs(*t.catch_all);
    }
    if (!t.catch_all && t.catches.empty() && p.take_keyword("delegate")) {
      labels.pop_back();
      t.delegate = label_index();
    } else {
      p.expect_keyword("end");
      end_label(label);
      labels.pop_back();
    }
    i.imm = Box<TryImm>(std::move(t));
  } else if (op == Opcode::TryTable) {
    TryTableImm t;
    t.type = block_type();
    catch_clauses(t.catches);
    labels.push_back(label);
    instrs(t.body);
    p.expect_keyword("end");
    end_label(label);
    labels.pop_back();
    i.imm = Box<TryTableImm>(std::move(t));
  } else {
    BlockImm b;
    b.type = block_type();
    labels.push_back(label);
    instrs(b.body);
    if (op == Opcode::If && p.take_keyword("else")) {
      end_label(label);
      instrs(b.else_body);
    }
    p.expect_keyword("end");
    end_label(label);
    labels.pop_back();
    i.imm = Box<BlockImm>(std::move(b));
  }
  note_label(at, label);
  out.push_back(std::move(i));
}

// spec: folded forms — (block label? bt instr*), (if label? bt foldedinstr* (then instr*)
//       (else instr*)?), (try_table label? bt catch* instr*), legacy (try label? bt (do instr*)
//       (catch x instr*)* (catch_all instr*)?) | (try label? bt (do instr*) (delegate l)).
void ModuleParser::folded_block(Opcode op, Span at, Expr& out) {
  Instr i;
  i.op = op;
  i.at = at;
  auto label = label_id();
  if (op == Opcode::If) {
    BlockImm b;
    b.type = block_type();
    while (p.is(TokenKind::LParen) && !p.is_keyword("then", 1)) folded(out);
    labels.push_back(label);
    p.expect_lparen("then");
    instrs(b.body);
    p.expect_rparen();
    if (p.take_lparen("else")) {
      instrs(b.else_body);
      p.expect_rparen();
    }
    labels.pop_back();
    i.imm = Box<BlockImm>(std::move(b));
  } else if (op == Opcode::Try) {
    i.imm = Box<TryImm>(legacy_try_folded(label));
    labels.pop_back();
  } else if (op == Opcode::TryTable) {
    TryTableImm t;
    t.type = block_type();
    catch_clauses(t.catches);
    labels.push_back(label);
    instrs(t.body);
    labels.pop_back();
    i.imm = Box<TryTableImm>(std::move(t));
  } else {
    BlockImm b;
    b.type = block_type();
    labels.push_back(label);
    instrs(b.body);
    labels.pop_back();
    i.imm = Box<BlockImm>(std::move(b));
  }
  note_label(at, label);
  out.push_back(std::move(i));
}

// The body of a folded legacy try, after its label; leaves the label pushed.
TryImm ModuleParser::legacy_try_folded(const std::optional<std::string>& label) {
  TryImm t;
  t.type = block_type();
  labels.push_back(label);
  p.expect_lparen("do");
  instrs(t.body);
  p.expect_rparen();
  if (p.is_lparen("delegate")) {
    p.next();
    p.next();
    labels.pop_back();
    t.delegate = label_index();
    labels.push_back(label);
    p.expect_rparen();
    return t;
  }
  while (p.take_lparen("catch")) {
    LegacyCatch c;
    c.tag = index(tags, "tag");
    instrs(c.body);
    p.expect_rparen();
    t.catches.push_back(std::move(c));
  }
  if (p.take_lparen("catch_all")) {
    t.catch_all.emplace();
    instrs(*t.catch_all);
    p.expect_rparen();
  }
  return t;
}

}  // namespace wasm::text
