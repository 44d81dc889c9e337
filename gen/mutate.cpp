// Single mutations of a valid module that break one typing premise (tests of the validator):
//  - an index immediate out of range (in place, anywhere in a function body): "unknown ...";
//  - a fresh block inserted in a function body, holding a row of the opcode table with one
//    operand dropped or of the wrong type: "type mismatch". A block's body starts with a
//    non-polymorphic stack, so the mismatch is reported even inside dead code.
#include "gen/smith.h"
#include "spec/error.h"
#include "spec/walk.h"

namespace wasm::gen {
namespace {

// What the validator calls the index space of an immediate (valid.ml's `lookup` categories).
const char* space_of(Imm k) {
  switch (k) {
    case Imm::Label: return "unknown label";
    case Imm::Func: return "unknown function";
    case Imm::Type: return "unknown type";
    case Imm::Local: return "unknown local";
    case Imm::Global: return "unknown global";
    case Imm::Table: return "unknown table";
    case Imm::Memory: return "unknown memory";
    case Imm::Tag: return "unknown tag";
    case Imm::Elem: return "unknown elem segment";
    case Imm::Data: return "unknown data segment";
    default: return nullptr;
  }
}

void collect(Expr& e, std::vector<Instr*>& out) {
  for_each_instr_mut(e, [&](Instr& i) {
    if (space_of(info(i.op).imm)) out.push_back(&i);
  });
}

Instr constant(char c) {
  switch (c) {
    case 'i': return {Opcode::I32Const, uint64_t(1), {}};
    case 'I': return {Opcode::I64Const, uint64_t(1), {}};
    case 'f': return {Opcode::F32Const, uint64_t(0), {}};
    case 'F': return {Opcode::F64Const, uint64_t(0), {}};
    default: return {Opcode::V128Const, V128Bytes{}, {}};
  }
}

std::optional<Mutation> bad_index(const Module& m) {
  Mutation mu{m, {}, {}};
  std::vector<Instr*> sites;
  for (Func& f : mu.module.funcs) collect(f.body, sites);
  if (sites.empty()) return std::nullopt;
  Instr& i = *sites[below(uint32_t(sites.size()))];
  i.imm = uint32_t(0x7fff'0000u + below(0x100));
  mu.expected = space_of(info(i.op).imm);
  mu.description = cat(info(i.op).text, " with index ", i.index());
  return mu;
}

// A row with a fixed signature, numeric or vector operands only, no immediate.
std::optional<Mutation> bad_operand(const Module& m) {
  if (m.funcs.empty()) return std::nullopt;
  std::vector<Opcode> rows;
  for (size_t k = 0; k < kOpcodeCount; ++k) {
    const OpInfo& oi = info(Opcode(k));
    size_t arrow = oi.sig.find('>');
    if (oi.imm == Imm::None && arrow != std::string_view::npos && arrow > 0 &&
        oi.sig.find('a') == std::string_view::npos)
      rows.push_back(Opcode(k));
  }
  Opcode op = one_of(rows);
  std::string_view sig = info(op).sig;
  std::string params(sig.substr(0, sig.find('>')));
  size_t results = sig.size() - sig.find('>') - 1;
  Expr body;
  uint32_t which = below(uint32_t(params.size()));
  bool drop = chance(50);
  std::string what;
  for (uint32_t k = 0; k < params.size(); ++k) {
    if (k != which) {
      body.push_back(constant(params[k]));
    } else if (!drop) {  // an operand of another type
      std::string others;
      for (char c : std::string_view("iIfFv"))
        if (c != params[k]) others += c;
      body.push_back(constant(others[below(uint32_t(others.size()))]));
    }
  }
  body.push_back({op, {}, {}});
  for (size_t k = 0; k < results; ++k) body.push_back({Opcode::Drop, {}, {}});
  Mutation mu{m, "type mismatch",
              cat(info(op).text, drop ? " missing operand " : " wrong operand ", which)};
  Func& f = mu.module.funcs[below(uint32_t(mu.module.funcs.size()))];
  f.body.insert(f.body.begin() + below(uint32_t(f.body.size() + 1)),
                Instr{Opcode::Block, Box<BlockImm>(BlockImm{{}, std::move(body), {}}), {}});
  return mu;
}

}  // namespace

rc::Gen<std::optional<Mutation>> mutation(const Module& m) {
  return rc::gen::exec([m] { return chance(50) ? bad_index(m) : bad_operand(m); });
}

}  // namespace wasm::gen
