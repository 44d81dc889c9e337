// The text format's printer as the trace's TextForms (interpreter/trace.h): instructions in flat
// form, floats as the text format writes them.
#pragma once

#include "interpreter/trace.h"

namespace wasm::wast {

const interp::TextForms& text_forms();

// Parses a --trace option's format ("spec", "ops", "json"); false for anything else.
bool parse_trace_format(std::string_view name, interp::TraceFormat& out);

}  // namespace wasm::wast
