// The trace's TextForms (see wast/text_forms.h).
#include "wast/text_forms.h"

#include "text/literals.h"
#include "text/printer.h"

namespace wasm::wast {
namespace {

class PrinterForms final : public interp::TextForms {
 public:
  std::string instr(const Instr& i) const override { return text::instr_text(i); }
  std::string f32(uint32_t bits) const override { return text::print_f32(bits); }
  std::string f64(uint64_t bits) const override { return text::print_f64(bits); }
};

}  // namespace

const interp::TextForms& text_forms() {
  static const PrinterForms forms;
  return forms;
}

bool parse_trace_format(std::string_view name, interp::TraceFormat& out) {
  if (name == "spec")
    out = interp::TraceFormat::Spec;
  else if (name == "ops")
    out = interp::TraceFormat::Ops;
  else if (name == "json")
    out = interp::TraceFormat::Json;
  else
    return false;
  return true;
}

}  // namespace wasm::wast
