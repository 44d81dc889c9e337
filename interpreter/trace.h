// --trace: one line per reduction step, in the spec's notation (exec/instructions.rst, with
// SpecTec's rule names), in the engine's compact form of lowered ops, or as JSON objects for
// tools. docs/tracing.md shows and explains the output.
//
// The spec form needs each lowered body's trace table (Code::trace): the instruction each op
// comes from and the labels that lowering compiled away. Lowering records it when
// EngineOptions::traceable (or trace) is set at instantiation; a body without one is traced in
// the ops form.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "spec/ast.h"

namespace wasm::interp {

enum class TraceFormat : uint8_t { Spec, Ops, Json };

// How instructions and floating-point values are written: the text format's printer, which the
// interpreter does not depend on (tools/ and tests hand it in; text/print.h).
class TextForms {
 public:
  virtual ~TextForms() = default;
  virtual std::string instr(const Instr& i) const = 0;  // flat form, with indices
  virtual std::string f32(uint32_t bits) const = 0;
  virtual std::string f64(uint64_t bits) const = 0;
};

struct Thread;
struct Code;
struct Slot;
struct ModuleInst;
enum class Status : uint8_t;

// Before ops[pc] of `code` runs: prints the step that led here (the previous op's reduction and
// the label and frame steps it took), then remembers this op.
void trace_before(Thread& t, const Code& code, uint32_t pc, const Slot* sp, const Slot* base,
                  ModuleInst* module);
// After the loop stops with `s`: prints the last step (a result, a trap and the labels and
// frames it leaves, an exception, an exhaustion).
void trace_end(Thread& t, Status s);

}  // namespace wasm::interp
