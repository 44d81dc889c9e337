// Reading input lines for the REPL: with editing (cursor keys, backspace, Ctrl-A/E/K/U, history
// with up/down) when stdin and stdout are a terminal, plain buffered reading otherwise.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace wasm::cli {

class LineEditor {
 public:
  LineEditor();
  // The next line without its newline, after printing `prompt` (on a terminal only); nullopt
  // at end of input (Ctrl-D on an empty line).
  std::optional<std::string> read(const std::string& prompt);
  void add_history(const std::string& line);
  bool interactive() const { return interactive_; }

 private:
  std::optional<std::string> read_edited(const std::string& prompt);
  bool interactive_;
  std::vector<std::string> history_;
};

}  // namespace wasm::cli
