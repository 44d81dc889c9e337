// Script text from the command line, run in one session (wast/session.h): the files and `-e`
// commands of `wasmref run --invoke/-e`, and the inputs of `wasmref repl`.
#pragma once

#include <cstdio>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "tools/cli.h"
#include "wast/load.h"
#include "wast/session.h"

namespace wasm::cli {

// A file as script text: a .wast as it is; a .wat as one module command (wrapped in
// `(module` ... `)` when written as bare fields, the abbreviation of the text format); a
// .wasm as `(module binary "...")`.
std::string script_text_of_file(FileKind kind, const std::string& content);

// `(invoke "NAME" ARG...)`, each command-line argument read at its parameter's type: a number
// for i32/i64/f32/f64 (`7`, `-1`, `0x10`, `1.5`, `nan`), lanes for v128 (`i32x4 1 2 3 4`),
// `null` or an extern number for references; an argument in parentheses is taken as the
// script value it spells. Fails (`error`) on a count mismatch or a reference type that has no
// command-line spelling.
struct InvokeText {
  std::string text, error;
};
InvokeText invoke_text(const TypeStore& types, const std::string& name, const FuncType& type,
                       const std::vector<std::string>& args);

// A script that does not parse: one failed check at the error's `file:line:col`.
wast::RunReport parse_error_report(const Source& source, const Error& error);

class ScriptSession {
 public:
  explicit ScriptSession(const wast::RunOptions& options)
      : session_(options), text_options_(wast::text_options(options.features)) {}

  // Parses `text` as a script named `name` and runs it; a parse error is one failed check
  // located at `name:line:col`.
  wast::RunReport run_text(const std::string& name, std::string text);
  // The same for a file (script_text_of_file); nullopt when it cannot be read.
  std::optional<wast::RunReport> run_file(const std::string& path);
  const wast::Session& session() const { return session_; }
  void set_trace(std::FILE* out) { session_.set_trace(out); }
  void set_trace(std::FILE* out, interp::TraceFormat format) { session_.set_trace(out, format); }

 private:
  wast::Session session_;
  text::TextOptions text_options_;
  // What the session's scripts refer to, kept for its lifetime.
  std::deque<std::string> texts_;
  std::deque<Source> sources_;
};

}  // namespace wasm::cli
