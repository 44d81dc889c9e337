// A script in wabt's wast2json format (`wasmref convert SCRIPT.wast -o OUT.json`): one JSON
// object listing the commands, and the modules as files beside it (`OUT.N.wasm`, or
// `OUT.N.wat` for quoted text a harness must parse itself), the format many engines' test
// harnesses read. docs/json-format.md lists the commands and values, and what wasmref writes
// for what wabt 1.0.32 does not know (GC and exception results, module definitions, threads).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

struct JsonExport {
  std::string json;
  std::vector<std::pair<std::string, std::string>> files;  // file name -> contents
};

// `stem` names the module files: STEM.0.wasm, STEM.1.wat, ... (wast2json's numbering: one per
// module the script writes, in order). `source.name` becomes "source_filename".
JsonExport export_json(const Source& source, const text::Script& script, const std::string& stem,
                       const Features& features);

}  // namespace wasm::wast
