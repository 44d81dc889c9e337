// wasmref: the command-line interface.
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tools/cli.h"

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

// A run parses, instantiates and frees thousands of modules, scripts and token buffers, and
// page faults are most of its system time. So the heap keeps what has been freed for reuse
// (glibc would serve large blocks with fresh mappings and give a freed heap top back to the
// system, to be faulted in again), and it starts with 64 MiB that the kernel may back with
// transparent huge pages: one fault per 2 MiB instead of one per 4 KiB. A process's footprint
// stays its peak, rounded up to huge pages.
void tune_heap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc accepts
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);  // the heap grows 64 MiB at a time
  auto begin = reinterpret_cast<uintptr_t>(sbrk(0));
  // More than the heap has left, so it grows by M_TOP_PAD (volatile: the compiler may not
  // leave out an allocation it sees freed unused).
  void* volatile block = std::malloc(1 << 20);
  auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  std::free(block);
  constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
  begin = (begin + kHugePage - 1) & ~(kHugePage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

int main(int argc, char** argv) {
  tune_heap();
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
