// wasmref: the command-line interface.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/cli.h"
#include "tools/heap.h"

namespace {

constexpr const char* kUsage =
    "usage: wasmref <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  parse FILE...          parse/decode .wat, .wasm and .wast files; for scripts, check that\n"
    "                         every module loads as the script expects\n"
    "  convert IN -o OUT      .wat <-> .wasm; .wast -> .wast with all modules binary or text\n"
    "  print FILE.wasm        print a binary module as text\n"
    "  validate FILE...       parse/decode and validate .wat and .wasm modules\n"
    "  smith [-o FILE]        write a random valid module (--seed N, --size N)\n"
    "  snapshot IN -o OUT     run a module's init function, write the initialised module\n"
    "  explore FILE.wast      run a threaded script under random schedules, count outcomes\n"
    "  run FILE.wast...       run scripts: every module, action and assertion; closes with\n"
    "                         `N passed, M failed`; FILE... --invoke NAME ARG... runs an\n"
    "                         export, -e COMMAND a script command\n"
    "  repl [FILE...]         read script commands one at a time, print results\n"
    "\n"
    "`wasmref <command> --help` describes a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  wasm::cli::tune_heap();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "parse") return wasm::cli::cmd_parse(args);
  if (command == "convert") return wasm::cli::cmd_convert(args);
  if (command == "print") return wasm::cli::cmd_print(args);
  if (command == "validate") return wasm::cli::cmd_validate(args);
  if (command == "run") return wasm::cli::cmd_run(args);
  if (command == "smith") return wasm::cli::cmd_smith(args);
  if (command == "snapshot") return wasm::cli::cmd_snapshot(args);
  if (command == "explore") return wasm::cli::cmd_explore(args);
  if (command == "repl") return wasm::cli::cmd_repl(args);
  std::fprintf(stderr, "wasmref: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
