// libFuzzer target: decode -> validate -> instantiate -> run. Imports from "spectest" are
// provided (wast/spectest.h); other imports skip the input. Every exported function whose
// parameters have defaults (numbers, vectors, nullable references) is invoked with them, under
// fuel and a call-depth limit, so every input terminates.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "binary/decode.h"
#include "interpreter/engine.h"
#include "spec/validate.h"
#include "wast/spectest.h"

namespace {

using wasm::interp::Engine;
using wasm::interp::ExternVal;
using wasm::interp::Value;

// spec: default_t — nullopt for a non-nullable reference (it has no default).
std::optional<Value> default_value(const Engine& engine, const wasm::ValType& t) {
  if (t.kind != wasm::ValKind::Ref) return Value{t.kind, 0, {}};
  if (!t.ref.nullable) return std::nullopt;
  return engine.null_ref();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = wasm::binary::decode(std::span<const uint8_t>(data, size));
  if (!m) return 0;
  wasm::interp::EngineOptions options;
  options.fuel = 100'000;
  options.max_call_depth = 1'000;
  options.max_wait_ns = 0;  // one thread: a wait nobody can notify times out at once
  Engine engine(options);
  auto v = wasm::validate(*m, engine.types());
  if (!v) return 0;
  std::vector<ExternVal> imports;
  for (const wasm::Import& import : m->imports) {
    if (import.module != "spectest" || !import.field) return 0;
    auto e = wasm::wast::spectest_lookup(engine, *import.field, nullptr);
    if (!e) return 0;
    imports.push_back(*e);
  }
  auto instance = engine.instantiate(*m, *v, imports);
  if (!instance) return 0;
  for (const auto& [name, e] : engine.exports(*instance)) {
    if (e.kind != wasm::ExternKind::Func) continue;
    std::vector<Value> args;
    bool callable = true;
    for (const wasm::ValType& t : engine.func_type(e.addr).params) {
      auto d = default_value(engine, t);
      if (!d) callable = false;
      else args.push_back(*d);
    }
    if (callable) (void)engine.invoke(e.addr, args);
  }
  return 0;
}
