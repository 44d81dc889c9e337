// Probe exports (see tools/smith_probes.h).
#include "tools/smith_probes.h"

#include "spec/error.h"

namespace wasm::cli {
namespace {

constexpr uint32_t kProbeWords = 8;  // "mK.bytes" returns the 64 bytes from its address

Instr make(Opcode op, Immediate imm = {}) { return Instr{op, std::move(imm), {}}; }

ValType addr_type(AddrType a) { return a == AddrType::I64 ? ValType::i64() : ValType::i32(); }

// A function type in a rec group of its own at the end of the type section.
TypeIdx add_type(Module& m, FuncType ft) {
  TypeIdx x = 0;
  for (const TypeDef& d : m.types) x += uint32_t(d.rec.subtypes.size());
  SubType st;
  st.comp.kind = CompKind::Func;
  st.comp.func = std::move(ft);
  TypeDef d;
  d.rec.subtypes.push_back(std::move(st));
  m.types.push_back(std::move(d));
  note_initial_def(m, DefKind::Type);
  return x;
}

void add_func(Module& m, const std::string& name, FuncType ft, Expr body) {
  TypeIdx t = add_type(m, std::move(ft));
  m.funcs.push_back(Func{t, {}, std::move(body), {}});
  m.exports.push_back({name, ExternKind::Func, uint32_t(m.funcs.size() - 1), {}});
}

}  // namespace

Module with_probes(Module m, std::vector<Probe>& probes) {
  for (uint32_t g = 0; g < m.globals.size(); ++g) {
    std::string name = cat("g", g);
    m.exports.push_back({name, ExternKind::Global, g, {}});
    probes.push_back({name, true, ""});
  }
  for (uint32_t k = 0; k < m.memories.size(); ++k) {
    ValType a = addr_type(m.memories[k].type.addr);
    // spec: memory.size : [] -> [at]
    add_func(m, cat("m", k, ".size"), FuncType{{}, {a}}, {make(Opcode::MemorySize, k)});
    // spec: i64.load : [at] -> [i64], at offsets 0, 8, ... from the parameter
    Expr body;
    for (uint32_t w = 0; w < kProbeWords; ++w) {
      body.push_back(make(Opcode::LocalGet, 0u));
      body.push_back(make(Opcode::I64Load, MemArg{uint64_t(w) * 8, k, 3, 0}));
    }
    add_func(m, cat("m", k, ".bytes"), FuncType{{a}, ResultType(kProbeWords, ValType::i64())},
             std::move(body));
    std::string zero = a.kind == ValKind::I64 ? "(i64.const 0x0)" : "(i32.const 0x0)";
    probes.push_back({cat("m", k, ".size"), false, ""});
    probes.push_back({cat("m", k, ".bytes"), false, zero});
  }
  for (uint32_t k = 0; k < m.tables.size(); ++k) {
    // spec: table.size : [] -> [at]
    add_func(m, cat("t", k, ".size"), FuncType{{}, {addr_type(m.tables[k].type.addr)}},
             {make(Opcode::TableSize, k)});
    probes.push_back({cat("t", k, ".size"), false, ""});
  }
  return m;
}

}  // namespace wasm::cli
