// `wasmref explore FILE.wast --runs N [--seed S]`: the outcomes a threaded script can have under
// random schedules (wast/schedule.h, docs/threads.md).
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "interpreter/store.h"
#include "text/script.h"
#include "tools/cli.h"
#include "wast/session.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref explore FILE.wast [--runs N] [--seed S] [--enable FEATURE]\n"
    "\n"
    "Runs the script N times (default 100), run i under the schedule random:S+i (S default 1),\n"
    "each in a fresh engine, and prints how often each distinct outcome occurred: the outcome\n"
    "of every module, action and assertion, and the final non-zero 32-bit words of every\n"
    "shared memory with their addresses. Closes with `N runs, K distinct outcomes`.\n";

bool parse_u64(const std::string& s, uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// The shared memories' non-zero words: "memory 0: [24]=1 [32]=1".
std::string shared_words(const interp::Engine& engine) {
  std::string out;
  const interp::Store& s = const_cast<interp::Engine&>(engine).store();
  for (size_t m = 0; m < s.mems.size(); ++m) {
    const interp::MemInst& mem = s.mems[m];
    if (!mem.type.shared) continue;
    std::string words;
    for (uint64_t a = 0; a + 4 <= mem.bytes(); a += 4) {
      uint32_t w;
      std::memcpy(&w, mem.data + a, 4);
      if (w != 0) words += cat(" [", a, "]=", w);
    }
    out += cat("  memory ", m, ":", words.empty() ? " all zero" : words, "\n");
  }
  return out;
}

}  // namespace

int cmd_explore(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  std::string file;
  uint64_t runs = 100, seed = 1;
  wast::RunOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "--runs" && has_value && parse_u64(args[i + 1], runs) && runs > 0) {
      ++i;
    } else if (a == "--seed" && has_value && parse_u64(args[i + 1], seed)) {
      ++i;
    } else if (a == "--enable" && has_value &&
               wast::enable_feature(options.features, args[i + 1])) {
      ++i;
    } else if (!a.empty() && a[0] != '-' && file.empty()) {
      file = a;
    } else {
      std::fprintf(stderr, "wasmref explore: bad argument '%s'\n%s", a.c_str(), kHelp);
      return 2;
    }
  }
  if (file.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  std::optional<std::string> content = read_file(file);
  if (!content) {
    std::fprintf(stderr, "%s: cannot read file\n", file.c_str());
    return 1;
  }
  Result<text::Script> script = text::parse_script(*content, wast::text_options(options.features));
  if (!script) {
    Source source{file, *content, false};
    std::fprintf(stderr, "%s: %s\n", format_location(source, script.error().at.begin).c_str(),
                 script.error().message.c_str());
    return 1;
  }
  options.record_outcomes = true;
  options.print_results = wast::RunOptions::Results::Hidden;
  Source source{file, *content, false};
  std::map<std::string, uint64_t> seen;  // outcome -> runs
  std::vector<std::string> order;        // outcomes in the order first seen
  for (uint64_t i = 0; i < runs; ++i) {
    options.schedule = wast::Schedule{wast::Schedule::Kind::Random, seed + i};
    interp::Engine engine(options.engine);
    wast::RunReport report;
    {
      wast::Session session(engine, options);
      report = session.run(source, *script);
    }
    std::string outcome = report.outcomes + shared_words(engine);
    if (seen[outcome]++ == 0) order.push_back(outcome);
  }
  for (size_t k = 0; k < order.size(); ++k)
    std::printf("outcome %zu: %llu runs\n%s", k + 1,
                static_cast<unsigned long long>(seen[order[k]]), order[k].c_str());
  std::printf("%llu runs, %zu distinct outcomes\n", static_cast<unsigned long long>(runs),
              order.size());
  return 0;
}

}  // namespace wasm::cli
