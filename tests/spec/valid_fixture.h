// A fixture for validator tests (wasp style): build a module by hand, validate it, check the
// result or the message prefix.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "spec/ast.h"
#include "spec/validate.h"

namespace wasm::test {

inline ValType i32() { return ValType::i32(); }
inline ValType i64() { return ValType::i64(); }
inline ValType f32() { return ValType::f32(); }
inline ValType v128() { return ValType::v128(); }
inline ValType ref(bool nullable, HeapKind k) { return ValType::ref_of(nullable, k); }
inline ValType ref_idx(bool nullable, TypeIdx x) {
  return ValType::ref_of(RefType{nullable, HeapType{HeapKind::Index, false, x}});
}

inline ValType ref_exact(bool nullable, TypeIdx x) {
  return ValType::ref_of(RefType{nullable, HeapType{HeapKind::Index, true, x}});
}

inline Instr op(Opcode o, Immediate imm = {}) { return Instr{o, std::move(imm), {}}; }
inline Instr idx(Opcode o, uint32_t x) { return op(o, x); }
inline Instr i32c(uint32_t v) { return op(Opcode::I32Const, uint64_t(v)); }
inline Instr i64c(uint64_t v) { return op(Opcode::I64Const, v); }
inline Instr pair(Opcode o, uint32_t a, uint32_t b) { return op(o, IndexPair{a, b}); }
inline Instr block(Opcode o, BlockType bt, Expr body, Expr else_body = {}) {
  return op(o, Box<BlockImm>(BlockImm{bt, std::move(body), std::move(else_body)}));
}
inline BlockType bt_none() { return {}; }
inline BlockType bt_val(ValType t) { return BlockType{BlockType::Kind::Value, t, 0}; }
inline BlockType bt_idx(TypeIdx x) { return BlockType{BlockType::Kind::Index, {}, x}; }
inline Instr memop(Opcode o, uint32_t align, uint64_t offset = 0, MemIdx mem = 0,
                   uint8_t lane = 0) {
  return op(o, MemArg{offset, mem, align, lane});
}

inline SubType func_sub(ResultType params, ResultType results, bool final = true,
                        std::vector<TypeIdx> supers = {}) {
  SubType s;
  s.final = final;
  s.supers = std::move(supers);
  s.comp.kind = CompKind::Func;
  s.comp.func = FuncType{std::move(params), std::move(results)};
  return s;
}
inline SubType struct_sub(std::vector<FieldType> fields, bool final = true,
                          std::vector<TypeIdx> supers = {}) {
  SubType s;
  s.final = final;
  s.supers = std::move(supers);
  s.comp.kind = CompKind::Struct;
  s.comp.struct_.fields = std::move(fields);
  return s;
}
inline SubType array_sub(FieldType field, bool final = true, std::vector<TypeIdx> supers = {}) {
  SubType s;
  s.final = final;
  s.supers = std::move(supers);
  s.comp.kind = CompKind::Array;
  s.comp.array.field = field;
  return s;
}

class ValidTest : public ::testing::Test {
 protected:
  Module m;
  TypeStore store;
  ValidateOptions options;

  uint32_t type_count() const {
    uint32_t n = 0;
    for (const TypeDef& t : m.types) n += t.size();
    return n;
  }
  TypeIdx add_rec(std::vector<SubType> subs) {
    TypeIdx x = type_count();
    TypeDef t;
    t.rec.subtypes = std::move(subs);
    t.rec.explicit_rec = true;
    m.types.push_back(std::move(t));
    return x;
  }
  TypeIdx add_type(SubType s) { return add_rec({std::move(s)}); }
  TypeIdx add_functype(ResultType params, ResultType results) {
    return add_type(func_sub(std::move(params), std::move(results)));
  }
  FuncIdx add_func(TypeIdx type, Expr body, std::vector<ValType> locals = {}) {
    m.funcs.push_back(Func{type, std::move(locals), std::move(body), {}});
    return FuncIdx(m.imports.size() + m.funcs.size() - 1);
  }
  // A function [params] -> [results] with the given body.
  FuncIdx add_func(ResultType params, ResultType results, Expr body,
                   std::vector<ValType> locals = {}) {
    return add_func(add_functype(std::move(params), std::move(results)), std::move(body),
                    std::move(locals));
  }
  void add_memory(uint64_t min, std::optional<uint64_t> max = {}, AddrType at = AddrType::I32,
                  bool shared = false) {
    m.memories.push_back(Memory{MemType{at, Limits{min, max}, shared, {}}, {}});
  }
  void add_table(RefType elem, uint64_t min = 1, AddrType at = AddrType::I32) {
    m.tables.push_back(Table{TableType{at, Limits{min, {}}, elem}, {}, {}});
  }
  void add_global(ValType t, Mut mut, Expr init) {
    m.globals.push_back(Global{GlobalType{t, mut}, std::move(init), {}});
  }
  void add_import(std::string name, ExternType desc) {
    m.imports.push_back(Import{"m", std::move(name), std::move(desc), {}});
  }
  void add_export(std::string name, ExternKind kind, uint32_t index) {
    m.exports.push_back(Export{std::move(name), kind, index, {}});
  }

  Result<ValidatedModule> run() { return validate(m, store, options); }

  // The message, or "" when the module is valid.
  std::string error() {
    auto r = run();
    if (r) return "";
    EXPECT_EQ(r.error().phase, Phase::Invalid);
    return r.error().message;
  }
  void expect_valid() { EXPECT_EQ(error(), ""); }
  void expect_invalid(std::string_view prefix) {
    std::string message = error();
    EXPECT_EQ(message.substr(0, prefix.size()), prefix) << "message: " << message;
  }
};

}  // namespace wasm::test
