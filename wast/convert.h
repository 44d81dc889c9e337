// Whole-script conversion (the reference interpreter's `-d -o out.wast`): every module of a
// script rewritten in binary or in text form; all other commands printed back unchanged.
#pragma once

#include <string>

#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

enum class ModuleFormat { Binary, Text };

// Modules that do not load (the malformed ones) keep their original form.
std::string convert_script(const text::Script& script, ModuleFormat to, const Features& features);

}  // namespace wasm::wast
