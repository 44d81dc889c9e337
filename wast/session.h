// A script run that keeps its state from one script to the next: the modules, instances and
// registrations of earlier scripts stay visible to later ones, on one engine and store. It is
// what `wasmref run FILE... --invoke NAME` and `-e COMMAND` run (the files, then the commands,
// as one session, like the OCaml reference's `wasm FILE... -e COMMAND`), and what the REPL
// feeds its inputs to. run_script (wast/runner.h) is a session of one script.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "wast/runner.h"

namespace wasm::wast {

class Session {
 public:
  // A session with an engine of its own (EngineOptions from `options`), or on `engine`.
  explicit Session(const RunOptions& options);
  Session(interp::Engine& engine, const RunOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs the script's commands in the session's scope and returns what they did (threads the
  // script starts and does not wait for are joined at its end). `source` must outlive the
  // session: instances keep referring to their script's text.
  RunReport run(const Source& source, const text::Script& script);

  // The type of the latest instance's function export `name`, if there is one.
  std::optional<FuncType> export_func_type(std::string_view name) const;
  // The engine's type table (the types of export_func_type's references).
  const TypeStore& types() const;
  // Tracing for the commands run from now on (null: off).
  void set_trace(std::FILE* out);
  void set_trace(std::FILE* out, interp::TraceFormat format);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wasm::wast
