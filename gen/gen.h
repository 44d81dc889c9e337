// gen/: a generator of valid modules (the role of wasm-smith), built on RapidCheck.
//
// Modules are built by following the typing rules forward (valid/*.rst): every choice the
// generator makes is a RapidCheck pick, and every sequence of picks yields a valid module, so
// RapidCheck's shrinking (which replays the generator with smaller picks) keeps modules valid.
// Instruction choice is driven by the opcode table (spec/instructions.def): rows with a fixed
// stack signature are generated from it; the rows typed by hand-written rules have one case
// each in gen/instructions_hand.cpp.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <string>

#include "spec/ast.h"

namespace wasm::gen {

struct Options {
  uint32_t max_depth = 6;       // nesting of expressions and blocks
  uint32_t max_instrs = 120;    // instruction budget per function (scaled by size)
  bool simd = true;             // vector instructions and v128 values
  bool atomics = true;          // threads proposal: atomic memory instructions
  bool shared_memory = true;    // threads proposal: shared memories
  bool relaxed_simd = true;     // relaxed SIMD (0xFD 0x100..; nondeterministic results)
  bool legacy_eh = true;        // try/catch/delegate/rethrow
  bool wide_arithmetic = true;  // i64.add128 ...
  bool gc = true;               // struct/array types, rec groups, subtypes, typed references
                                // (without: funcref and externref only, function types only)
  bool exnref = true;           // try_table, throw_ref, exnref
  bool table64 = true;          // tables with i64 addresses
  bool table_init = true;       // tables with an initialiser expression
  bool offsets64 = true;        // memarg offsets above 2^32 - 1 (memory64)
  bool const_globals = true;    // constant expressions read defined (not only imported) globals
  bool imports = true;          // without: a module that instantiates with no imports
  bool export_all = false;      // export every function, as "f0", "f1", ... (and nothing else)
  bool runnable = false;        // cheap to run: every memory and table has a small maximum,
                                // integer constants are mostly small (lengths, counts, deltas)
  bool observe = false;         // fold the values statements leave into a checksum global (the
                                // last global, a mutable i64) instead of dropping them
  bool shared_everything = false;  // shared-everything-threads: ref.i31_shared and the atomic
                                   // accesses to globals, tables, structs and arrays (validate
                                   // and decode with the feature on)
  bool init_func = false;       // one more function, the last, of type [] -> [], exported as
                                // "wizer.initialize" (snapshot/: the function a snapshot runs)
};

// A valid module (Module_ok holds). Use inside rc::check, or with smith() below.
rc::Gen<Module> valid_module(Options options = {});

// The module that valid_module() generates from this seed at this size (0..100).
Module smith(uint64_t seed, int size = 100, Options options = {});

// A single change to a valid module that breaks one typing premise, and the message prefix
// the validator must report for it.
struct Mutation {
  Module module;
  std::string expected;     // e.g. "type mismatch", "unknown local"
  std::string description;  // what was changed, for failure reports
};

// A mutation of m (a valid module), or nothing if m offers no place for one.
rc::Gen<std::optional<Mutation>> mutation(const Module& m);

}  // namespace wasm::gen
