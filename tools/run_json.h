// `wasmref run --json FILE`: per-assertion results as JSON.
#pragma once

#include <string>
#include <vector>

#include "wast/runner.h"

namespace wasm::cli {

struct FileRun {
  std::string path;
  wast::RunReport report;
};

// {"files": [{"file", "passed", "failed", "results": [{"line", "column", "command", "passed",
//   "message"?}]}], "passed", "failed"}
std::string run_json(const std::vector<FileRun>& runs);

}  // namespace wasm::cli
