// `wasmref repl`: script commands read one at a time and run in one session, as the OCaml
// reference's `wasm -i` does.
#include <cstdio>
#include <string>

#include "tools/cli.h"
#include "tools/line_editor.h"
#include "tools/script_session.h"
#include "wast/text_forms.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref repl [--enable FEATURE] [--plain] [--trace[=FORMAT]] [FILE...]\n"
    "\n"
    "Runs the files (.wast scripts, .wat and .wasm modules) and then reads script commands\n"
    "from standard input, one at a time: modules, register, invoke, get, assertions, thread\n"
    "and wait. A command may span lines; it runs when its parentheses balance. Results of\n"
    "invoke and get are printed (`i32.const 5`, or `5` with --plain), failures with their\n"
    "location (`stdin:LINE.COL`); the session's modules and registrations stay. On a\n"
    "terminal, lines can be edited (arrows, backspace, Ctrl-A/E/K/U) and recalled (up/down).\n";

constexpr const char* kMetaHelp =
    "  a script command    (module ...) (register \"name\") (invoke \"f\" (i32.const 1)) ...\n"
    "  :trace on|off       print every reduction step to stderr, or stop\n"
    "  :trace spec|ops|json  ... in that form (docs/tracing.md)\n"
    "  :help               this text\n"
    "  :quit               leave (also end of input, Ctrl-D)\n";

// How far the parentheses of `text` are open, outside strings and comments; `state` carries
// an open string or block comment from one line to the next.
struct Balance {
  int depth = 0, comment = 0;
  bool string = false;
  void scan(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i], next = i + 1 < text.size() ? text[i + 1] : '\0';
      if (string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          string = false;
      } else if (comment > 0) {
        if (c == '(' && next == ';')
          ++comment, ++i;
        else if (c == ';' && next == ')')
          --comment, ++i;
      } else if (c == ';' && next == ';') {
        return;  // a line comment
      } else if (c == '(' && next == ';') {
        ++comment, ++i;
      } else if (c == '"') {
        string = true;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')') {
        --depth;
      }
    }
  }
  bool complete() const { return depth <= 0 && comment == 0 && !string; }
};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

int cmd_repl(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  wast::RunOptions options;
  options.print_results = wast::RunOptions::Results::Typed;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--enable" && i + 1 < args.size()) {
      if (!wast::enable_feature(options.features, args[++i])) {
        std::fprintf(stderr, "wasmref repl: unknown feature '%s'\n", args[i].c_str());
        return 2;
      }
    } else if (args[i] == "--plain") {
      options.print_results = wast::RunOptions::Results::Plain;
    } else if (args[i] == "--trace" || args[i].starts_with("--trace=")) {
      if (args[i].size() > 7 &&
          !wast::parse_trace_format(args[i].substr(8), options.engine.trace_format)) {
        std::fprintf(stderr, "wasmref repl: bad trace format '%s' (spec, ops, json)\n",
                     args[i].c_str() + 8);
        return 2;
      }
      options.engine.trace = stderr;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "wasmref repl: bad option '%s'\n%s", args[i].c_str(), kHelp);
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  options.engine.traceable = true;  // :trace on prints the spec's notation for any module
  options.engine.text_forms = &wast::text_forms();
  ScriptSession session(options);
  auto show = [](const wast::RunReport& report) {
    std::fputs(report.log.c_str(), stdout);
    std::fflush(stdout);
  };
  for (const std::string& path : files) {
    std::optional<wast::RunReport> report = session.run_file(path);
    if (!report) {
      std::fprintf(stderr, "%s: cannot read file\n", path.c_str());
      continue;
    }
    show(*report);
  }
  LineEditor editor;
  if (editor.interactive()) std::printf("wasmref repl: :help for help, :quit to leave\n");
  std::string pending;  // the lines of an unfinished command
  Balance balance;
  uint32_t line_number = 0, first_line = 1;
  while (std::optional<std::string> line = editor.read(pending.empty() ? "wasm> " : "  ... ")) {
    ++line_number;
    if (pending.empty()) {
      std::string word = line->substr(0, line->find_first_of(" \t"));
      if (word == ":quit" || word == ":q") break;
      if (word == ":help") {
        std::fputs(kMetaHelp, stdout);
        continue;
      }
      if (word == ":trace") {
        std::string arg = blank(line->substr(word.size())) ? "" : line->substr(word.size() + 1);
        interp::TraceFormat format = interp::TraceFormat::Spec;
        if (arg == "on" || arg == "off")
          session.set_trace(arg == "on" ? stderr : nullptr);
        else if (wast::parse_trace_format(arg, format))
          session.set_trace(stderr, format);
        else
          std::printf(":trace on|off|spec|ops|json\n");
        continue;
      }
      if (!word.empty() && word[0] == ':') {
        std::printf("unknown command %s (:help lists them)\n", word.c_str());
        continue;
      }
      if (blank(*line)) continue;
      first_line = line_number;
    }
    editor.add_history(*line);
    pending += *line + "\n";
    balance.scan(*line);
    if (!balance.complete()) continue;
    // One source per command; the blank lines before it keep its lines' numbers.
    show(session.run_text("stdin", std::string(first_line - 1, '\n') + pending));
    pending.clear();
    balance = Balance();
  }
  if (!blank(pending)) show(session.run_text("stdin", std::string(first_line - 1, '\n') + pending));
  return 0;
}

}  // namespace wasm::cli
