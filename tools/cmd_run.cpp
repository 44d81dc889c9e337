// `wasmref run`: runs .wast scripts with the interpreter (wast/runner.h).
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "text/script.h"
#include "tools/cli.h"
#include "wast/text_forms.h"
#include "tools/run_json.h"
#include "tools/script_session.h"
#include "wast/runner.h"
#include "wast/skip_list.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref run [options] FILE.wast...\n"
    "       wasmref run [options] FILE... --invoke NAME [ARG...]\n"
    "       wasmref run [options] FILE... -e COMMAND...\n"
    "\n"
    "Runs each script as the reference interpreter does: modules are loaded, validated and\n"
    "instantiated, actions invoked, every assertion checked (messages match by prefix). A\n"
    "failure prints `file:line.col: command: ...` with the expected and the actual outcome,\n"
    "and the script goes on. Prints `FILE: N passed, M failed` per file and, at the end,\n"
    "`N passed, M failed`. Exit status 0 iff nothing failed.\n"
    "\n"
    "  --json FILE       write per-assertion results to FILE as JSON\n"
    "  -j N              run N files in parallel (each with its own engine)\n"
    "  --outcomes-only   check outcomes (trap, invalid, malformed, ...), not message wording;\n"
    "                    a module that does not load counts as rejected for assert_invalid\n"
    "  --stub-imports    imports nothing registered provides (or spectest provides at another\n"
    "                    type) get stub values of their type (functions return default\n"
    "                    results; Module Linking instances and modules of stubs): for corpora\n"
    "                    written for validators (module-linking, shared-everything-threads)\n"
    "  --print-outcomes  print `FILE:LINE: command \"name\": outcome` for every module, action\n"
    "                    and assertion to stdout, values as bit patterns (i32:0x0000002a),\n"
    "                    for diffing against other engines; the report goes to stderr\n"
    "  --fuel N          at most N reductions per invocation (then: exhaustion)\n"
    "  --max-call-depth N  nested calls before \"call stack exhausted\" (default 10000)\n"
    "  --trace[=FORMAT]  print every reduction step to stderr: spec (default), the spec's\n"
    "                    notation (docs/tracing.md); ops, the engine's lowered ops; json,\n"
    "                    one JSON object per step\n"
    "  --no-fuse         no superinstructions: one reduction per dispatch (measuring)\n"
    "  --schedule=S      how the script's threads run: os (default: at once, on their OS\n"
    "                    threads), deterministic (taking turns, one reduction each, round\n"
    "                    robin) or random:SEED (a random runnable thread takes each\n"
    "                    reduction); docs/threads.md\n"
    "  --check-typing    re-type the configuration after every reduction (the spec's\n"
    "                    configuration typing); a violation prints a report and aborts\n"
    "  --relaxed-alternative  relaxed SIMD: take the alternative result the spec allows\n"
    "                    (fused madd, x86-style trunc/swizzle/laneselect, ...) instead of the\n"
    "                    deterministic profile (interpreter/numerics_relaxed.h)\n"
    "  --enable FEATURE  module-linking, custom-page-sizes, custom-descriptors,\n                  "
    "  shared-everything-threads, module-linking-2020\n"
    "                    (see `wasmref parse --help`)\n"
    "  --skip-list FILE  commands not to run (`path.wast:LINE  reason`, LINE as failures print\n"
    "                    it, or a whole file); counted as skipped, never as passed\n"
    "  --time-limit S    the longest any command may run, in seconds (default 60; 0: none);\n"
    "                    then it is interrupted (exhaustion) and the script goes on; with\n"
    "                    threads, all of the script's threads are interrupted\n"
    "  --max-memory B    all memories, tables and GC data of one file's store together, in\n"
    "                    bytes (suffix K, M, G: powers of 1024); past it memory.grow and\n"
    "                    table.grow return -1 and allocation traps \"out of memory\" (default:\n"
    "                    half the physical memory, shared among -j files)\n"
    "  --invoke NAME ARG...  after the files, invoke the latest module's export NAME with\n"
    "                    the arguments read at its parameter types (7, -1, 0x10, 1.5, nan,\n"
    "                    'i32x4 1 2 3 4', null, an extern number, or a script value in\n"
    "                    parentheses); prints each result (`i32.const 5`). Its arguments\n"
    "                    end at the next argument that starts with `--` or is `-e`\n"
    "  -e COMMAND        after the files, run the script command (repeatable, in order);\n"
    "                    invoke and get print their results\n"
    "  --plain           results without their types (`5`)\n"
    "With --invoke or -e, the files (.wat and .wasm modules as well as .wast scripts) and then\n"
    "the commands run in one session: one store, later ones see earlier modules and\n"
    "registrations. Failures are printed, not counted; exit status 0 iff nothing failed.\n"
    "\n"
    "`thread` bodies run concurrently on OS threads, sharing the store; `wait` joins them.\n";

struct RunArgs {
  wast::RunOptions options;
  std::vector<std::string> commands;  // -e
  std::optional<std::string> invoke;  // --invoke NAME
  std::vector<std::string> invoke_args;
  std::string json;
  unsigned jobs = 1;
  std::vector<std::string> files;
  std::vector<wast::SkipEntry> skip_list;
};

FileRun run_one(const std::string& path, wast::RunOptions options,
                const std::vector<wast::SkipEntry>& skip_list) {
  FileRun run{path, {}};
  wast::RunReport& r = run.report;
  for (const wast::SkipEntry& e : wast::skips_for(skip_list, path)) {
    if (!e.line) {
      r.skipped = 1;
      r.log = cat(path, ": skipped: ", e.reason, "\n");
      return run;
    }
    options.skip_lines[*e.line] = e.reason;
  }
  std::optional<std::string> content = read_file(path);
  if (!content) {
    r.checks.push_back({0, 0, "script", false, "cannot read file"});
    r.failed = 1;
    r.log = path + ": cannot read file\n";
    return run;
  }
  // A .wat or .wasm file runs as a script of its one module.
  std::string text = script_text_of_file(kind_of(path), *content);
  Source source{path, text, false};
  Result<text::Script> script = text::parse_script(text, wast::text_options(options.features));
  if (!script) {
    run.report = parse_error_report(source, script.error());
    return run;
  }
  run.report = wast::run_script(source, *script, options);
  return run;
}

bool parse_number(const std::string& text, uint64_t& out) {
  char* end = nullptr;
  out = std::strtoull(text.c_str(), &end, 10);
  return !text.empty() && *end == '\0' && text[0] != '-';
}

// A byte count: digits and an optional K, M or G (powers of 1024).
bool parse_bytes(std::string text, uint64_t& out) {
  int shift = 0;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k': shift = 10; break;
      case 'M':
      case 'm': shift = 20; break;
      case 'G':
      case 'g': shift = 30; break;
      default: break;
    }
    if (shift != 0) text.pop_back();
  }
  if (!parse_number(text, out) || out > (~uint64_t(0) >> shift)) return false;
  out <<= shift;
  return true;
}

// Returns 0 when the arguments are usable, else the exit status.
int parse_args(const std::vector<std::string>& args, RunArgs& r) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    uint64_t n = 0;
    if (a == "--enable" && has_value) {
      if (!wast::enable_feature(r.options.features, args[++i])) {
        std::fprintf(stderr, "wasmref run: unknown feature '%s'\n", args[i].c_str());
        return 2;
      }
    } else if (a == "--json" && has_value) {
      r.json = args[++i];
    } else if (a == "-j" && has_value && parse_number(args[i + 1], n) && n > 0 && n <= 1024) {
      r.jobs = unsigned(n);
      ++i;
    } else if (a == "--fuel" && has_value && parse_number(args[i + 1], n)) {
      r.options.engine.fuel = n;
      ++i;
    } else if (a == "--max-call-depth" && has_value && parse_number(args[i + 1], n) && n > 0 &&
               n <= 0xffff'ffffu) {
      r.options.engine.max_call_depth = uint32_t(n);
      ++i;
    } else if (a == "--invoke" && has_value) {
      r.invoke = args[++i];
      while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0 && args[i + 1] != "-e")
        r.invoke_args.push_back(args[++i]);
    } else if (a == "-e" && has_value) {
      r.commands.push_back(args[++i]);
    } else if (a == "--plain") {
      r.options.print_results = wast::RunOptions::Results::Plain;
    } else if (a == "--no-fuse") {
      r.options.engine.fuse = false;
    } else if (a == "--print-outcomes") {
      r.options.record_outcomes = true;
    } else if (a == "--skip-list" && has_value) {
      auto list = load_skip_list(args[++i]);
      if (!list) return 2;
      r.skip_list = std::move(*list);
    } else if (a == "--time-limit" && has_value && parse_number(args[i + 1], n) && n <= 1'000'000) {
      r.options.command_time_limit = std::chrono::seconds(n);
      ++i;
    } else if (a == "--max-memory" && has_value && parse_bytes(args[i + 1], n) && n > 0) {
      r.options.engine.max_memory = n;
      ++i;
    } else if (a == "--outcomes-only") {
      r.options.outcomes_only = true;
    } else if (a == "--stub-imports") {
      r.options.stub_imports = true;
    } else if (a.starts_with("--schedule=")) {
      if (!wast::parse_schedule(std::string_view(a).substr(11), r.options.schedule)) {
        std::fprintf(stderr, "wasmref run: bad schedule '%s' (os, deterministic, random:SEED)\n",
                     a.c_str() + 11);
        return 2;
      }
    } else if (a == "--trace" || a.starts_with("--trace=")) {
      if (a.size() > 7 && !wast::parse_trace_format(a.substr(8), r.options.engine.trace_format)) {
        std::fprintf(stderr, "wasmref run: bad trace format '%s' (spec, ops, json)\n",
                     a.c_str() + 8);
        return 2;
      }
      r.options.engine.trace = stderr;
      r.options.engine.text_forms = &wast::text_forms();
    } else if (a == "--check-typing") {
      r.options.engine.check_typing = true;
    } else if (a == "--relaxed-alternative") {
      r.options.engine.relaxed = interp::numerics::Relaxed{.fmadd = 1, .fmin = 1, .fmax = 1,
                                                   .iq15mulr = 1, .trunc_u = 1, .trunc_s = 1,
                                                   .swizzle = 1, .idot = 1, .laneselect = 1};
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "wasmref run: bad option '%s'\n%s", a.c_str(), kHelp);
      return 2;
    } else {
      r.files.push_back(a);
    }
  }
  if (r.files.empty() && !r.invoke && r.commands.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  if ((r.invoke || !r.commands.empty()) &&
      r.options.print_results == wast::RunOptions::Results::Hidden)
    r.options.print_results = wast::RunOptions::Results::Typed;
  return 0;
}

// --invoke / -e: the files, then the commands, in one session; each script's log (results and
// failures) printed as soon as it has run.
int run_session(const RunArgs& r) {
  ScriptSession session(r.options);
  bool failed = false;
  auto show = [&](const wast::RunReport& report) {
    std::fputs(report.log.c_str(), stdout);
    std::fflush(stdout);
    failed = failed || report.failed > 0;
  };
  for (const std::string& path : r.files) {
    std::optional<wast::RunReport> report = session.run_file(path);
    if (!report) {
      std::fprintf(stderr, "%s: cannot read file\n", path.c_str());
      return 1;
    }
    show(*report);
  }
  for (size_t i = 0; i < r.commands.size(); ++i)
    show(session.run_text(cat("-e ", i + 1), r.commands[i]));
  if (r.invoke) {
    std::optional<FuncType> type = session.session().export_func_type(*r.invoke);
    if (!type) {
      std::fprintf(stderr, "--invoke: no function export \"%s\" in the latest module\n",
                   r.invoke->c_str());
      return 1;
    }
    InvokeText invoke = invoke_text(session.session().types(), *r.invoke, *type, r.invoke_args);
    if (!invoke.error.empty()) {
      std::fprintf(stderr, "--invoke: %s\n", invoke.error.c_str());
      return 1;
    }
    show(session.run_text("--invoke", invoke.text));
  }
  return failed ? 1 : 0;
}

// With --print-outcomes, stdout has only the outcome lines; the report goes to stderr.
void print_run(const FileRun& run, bool outcomes) {
  FILE* report = outcomes ? stderr : stdout;
  if (outcomes) {
    size_t begin = 0;
    const std::string& lines = run.report.outcomes;
    for (size_t end; (end = lines.find('\n', begin)) != std::string::npos; begin = end + 1)
      std::printf("%s:%.*s\n", run.path.c_str(), int(end - begin), lines.data() + begin);
    std::fflush(stdout);
  }
  std::fputs(run.report.log.c_str(), report);
  std::fprintf(report, "%s: %llu passed, %llu failed", run.path.c_str(),
               (unsigned long long)run.report.passed, (unsigned long long)run.report.failed);
  if (run.report.skipped > 0)
    std::fprintf(report, ", %llu skipped", (unsigned long long)run.report.skipped);
  std::fprintf(report, "\n");
  std::fflush(stdout);
}

// Runs the files on `jobs` threads, printing each file's report in command-line order.
std::vector<FileRun> run_all(const RunArgs& r) {
  std::vector<FileRun> runs(r.files.size());
  std::vector<bool> done(r.files.size(), false);
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < r.files.size(); i = next++) {
      FileRun run = run_one(r.files[i], r.options, r.skip_list);
      std::lock_guard lock(mutex);
      runs[i] = std::move(run);
      done[i] = true;
      finished.notify_all();
    }
  };
  std::vector<std::thread> workers;
  unsigned jobs = std::min<unsigned>(r.jobs, unsigned(r.files.size()));
  if (jobs <= 1) {
    worker();
  } else {
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(worker);
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return bool(done[i]); });
    print_run(runs[i], r.options.record_outcomes);
  }
  for (std::thread& t : workers) t.join();
  return runs;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  RunArgs r;
  if (int status = parse_args(args, r)) return status;
  if (r.invoke || !r.commands.empty()) return run_session(r);
  unsigned parallel = std::min<unsigned>(r.jobs, unsigned(std::max<size_t>(r.files.size(), 1)));
  if (r.options.engine.max_memory == 0 && parallel > 1)  // the default, shared among the jobs
    r.options.engine.max_memory = interp::default_max_memory() / parallel;
  std::vector<FileRun> runs = run_all(r);
  uint64_t passed = 0, failed = 0, skipped = 0;
  for (const FileRun& run : runs) {
    passed += run.report.passed;
    failed += run.report.failed;
    skipped += run.report.skipped;
  }
  if (!r.json.empty() && !write_file(r.json, run_json(runs))) {
    std::fprintf(stderr, "%s: cannot write file\n", r.json.c_str());
    return 1;
  }
  FILE* report = r.options.record_outcomes ? stderr : stdout;
  std::fprintf(report, "%llu passed, %llu failed", (unsigned long long)passed,
               (unsigned long long)failed);
  if (skipped > 0) std::fprintf(report, ", %llu skipped", (unsigned long long)skipped);
  std::fprintf(report, "\n");
  return failed == 0 ? 0 : 1;
}

}  // namespace wasm::cli
