// The `spectest` host module every suite script imports from — the reference interpreter's
// host/spectest.ml: print functions, four globals, two tables and a memory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interpreter/engine.h"

namespace wasm::wast {

// The export `name` of spectest, allocated afresh in the engine's store on every lookup, as the
// reference does (its lookup ignores the import's declared type; the engine's import matching
// then reports "incompatible import type"). nullopt for a name spectest does not export.
// The print functions append "value : type" lines to `*print_log` (when non-null).
//   print, print_i32, print_i64, print_f32, print_f64, print_i32_f32, print_f64_f64
//   global_i32 = 666, global_i64 = 666, global_f32 = 666.6, global_f64 = 666.6 (immutable)
//   table = 10..20 funcref (i32), table64 = 10..20 funcref (i64), memory = 1..2 pages,
//   and from the threads proposal shared_memory = 1..2 pages, shared
std::optional<interp::ExternVal> spectest_lookup(interp::Engine& engine, std::string_view name,
                                                 std::string* print_log);

}  // namespace wasm::wast
