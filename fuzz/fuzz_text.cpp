// libFuzzer target: the text front end (text/script.h) on arbitrary text: lexing, the module
// and script parsers. A script that parses must print its text modules back parseably.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/parse.h"
#include "text/print.h"
#include "text/script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto script = wasm::text::parse_script(source);
  if (!script) return 0;
  for (const auto& c : script->commands) {
    if (c.module.form != wasm::text::ScriptModule::Form::Text || c.module.error) continue;
    std::string printed = wasm::text::print_module(c.module.module);
    if (!wasm::text::parse_module(printed)) std::abort();  // the printer's output must parse
  }
  return 0;
}
