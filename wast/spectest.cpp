// The spectest host module (see wast/spectest.h).
#include "wast/spectest.h"

#include <bit>

#include "wast/values.h"

namespace wasm::wast {
namespace {

using interp::Engine;
using interp::ExternVal;
using interp::Value;

// spec (reference): spectest.print — prints each argument as "value : type", returns nothing.
ExternVal print_func(Engine& engine, ResultType params, std::string* log) {
  FuncType type{std::move(params), {}};
  return engine.add_host_func(type, [log](std::span<const Value> args) {
    for (const Value& v : args) {
      if (!log) continue;
      switch (v.kind) {
        case ValKind::I32: *log += std::to_string(int32_t(uint32_t(v.bits))); break;
        case ValKind::I64: *log += std::to_string(int64_t(v.bits)); break;
        case ValKind::F32: *log += describe_f32(uint32_t(v.bits)); break;
        case ValKind::F64: *log += describe_f64(v.bits); break;
        default: *log += '?'; break;
      }
      *log += " : ";
      *log += to_string(v.kind);  // spectest prints only numbers and v128
      *log += '\n';
    }
    return interp::Outcome{};
  });
}

// spec (reference): spectest.global — an immutable global of the given type holding 666
// (666.6 for floats).
ExternVal global_of(Engine& engine, ValType t) {
  Value v;
  v.kind = t.kind;
  switch (t.kind) {
    case ValKind::I32:
    case ValKind::I64: v.bits = 666; break;
    case ValKind::F32: v.bits = std::bit_cast<uint32_t>(666.6f); break;
    case ValKind::F64: v.bits = std::bit_cast<uint64_t>(666.6); break;
    default: break;
  }
  return engine.add_global(GlobalType{t, Mut::Const}, v);
}

ExternVal table_of(Engine& engine, AddrType addr) {
  TableType t{addr, Limits{10, 20}, RefType{true, HeapType{HeapKind::Func, false, 0}}};
  return engine.add_table(t, engine.null_ref());
}

}  // namespace

std::optional<ExternVal> spectest_lookup(Engine& engine, std::string_view name,
                                         std::string* print_log) {
  const ValType i32 = ValType::i32(), i64 = ValType::i64(), f32 = ValType::f32(),
                f64 = ValType::f64();
  if (name == "print") return print_func(engine, {}, print_log);
  if (name == "print_i32") return print_func(engine, {i32}, print_log);
  if (name == "print_i64") return print_func(engine, {i64}, print_log);
  if (name == "print_f32") return print_func(engine, {f32}, print_log);
  if (name == "print_f64") return print_func(engine, {f64}, print_log);
  if (name == "print_i32_f32") return print_func(engine, {i32, f32}, print_log);
  if (name == "print_f64_f64") return print_func(engine, {f64, f64}, print_log);
  if (name == "global_i32") return global_of(engine, i32);
  if (name == "global_i64") return global_of(engine, i64);
  if (name == "global_f32") return global_of(engine, f32);
  if (name == "global_f64") return global_of(engine, f64);
  if (name == "table") return table_of(engine, AddrType::I32);
  if (name == "table64") return table_of(engine, AddrType::I64);
  if (name == "memory") return engine.add_memory(MemType{AddrType::I32, Limits{1, 2}, false, {}});
  // threads proposal (its interpreter/host/spectest.ml): a shared memory of 1..2 pages.
  if (name == "shared_memory")
    return engine.add_memory(MemType{AddrType::I32, Limits{1, 2}, true, {}});
  return std::nullopt;
}

}  // namespace wasm::wast
