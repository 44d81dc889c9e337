// Whole-script conversion (the reference interpreter's `-d -o out.wast`): every module of a
// script rewritten in binary or in text form; all other commands printed back unchanged.
#pragma once

#include <string>

#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

enum class ModuleFormat { Binary, Text };

// Modules that do not load (the malformed ones), or do not load again once converted, keep
// their original form (text modules as `module quote` of their source, which `script` came from).
std::string convert_script(std::string_view source, const text::Script& script, ModuleFormat to,
                           const Features& features);

}  // namespace wasm::wast
