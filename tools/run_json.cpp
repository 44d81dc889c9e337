// JSON output of `wasmref run` (see tools/run_json.h).
#include "tools/run_json.h"

namespace wasm::cli {
namespace {

// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped;
// other bytes pass through (messages are UTF-8 or ASCII).
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      out += "\\u00";
      out += "0123456789abcdef"[c >> 4];
      out += "0123456789abcdef"[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

void file_json(const FileRun& run, std::string& out) {
  out += cat("    {\"file\": ", quote(run.path), ", \"passed\": ", run.report.passed,
             ", \"failed\": ", run.report.failed, ", \"results\": [");
  bool first = true;
  for (const wast::CheckResult& r : run.report.checks) {
    out += first ? "\n" : ",\n";
    first = false;
    out += cat("      {\"line\": ", r.line, ", \"column\": ", r.column, ", \"command\": ",
               quote(r.command), ", \"passed\": ", r.passed ? "true" : "false");
    if (!r.passed) out += ", \"message\": " + quote(r.message);
    out += "}";
  }
  out += first ? "]}" : "\n    ]}";
}

}  // namespace

std::string run_json(const std::vector<FileRun>& runs) {
  uint64_t passed = 0, failed = 0;
  std::string out = "{\n  \"files\": [";
  for (size_t i = 0; i < runs.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    file_json(runs[i], out);
    passed += runs[i].report.passed;
    failed += runs[i].report.failed;
  }
  out += cat("\n  ],\n  \"passed\": ", passed, ",\n  \"failed\": ", failed, "\n}\n");
  return out;
}

}  // namespace wasm::cli
