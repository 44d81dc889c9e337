// Front-end throughput: parse every .wast script of a corpus (text: lexing, module parsing) and
// decode every binary module found in them (and the binaries the encoder makes of the text
// modules). Prints MB/s for each, by wall time and by this process's CPU time (the machine may be
// shared; encoding the text modules is not timed).
// Usage: frontend_bench DIR [repeat] [text|binary]   (the last argument times only that front end)
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/script.h"
#include "tools/heap.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Whether a command holds a module (the others hold an empty ScriptModule, not the suite's).
bool carries_module(const wasm::text::Command& c) {
  using Kind = wasm::text::Command::Kind;
  switch (c.kind) {
    case Kind::Module:
    case Kind::AssertMalformed:
    case Kind::AssertInvalid:
    case Kind::AssertUnlinkable:
    case Kind::AssertUninstantiable:
    case Kind::AssertMalformedCustom:
    case Kind::AssertInvalidCustom: return true;
    case Kind::AssertTrap: return c.has_module;
    default: return false;
  }
}

// Decodes (and frees) every module `repeat` times; prints MB/s by wall and CPU time.
void time_decoding(const char* label, const std::vector<std::vector<uint8_t>>& binaries,
                   int repeat) {
  size_t bytes = 0, decoded = 0;
  auto t0 = Clock::now();
  double c0 = cpu_seconds();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& b : binaries) {
      bytes += b.size();
      decoded += wasm::binary::decode(b).ok();
    }
  }
  double cpu = cpu_seconds() - c0;
  double wall = seconds_since(t0);
  std::printf(
      "%-7s %zu modules (%zu decoded), %.1f MB in %.3f s = %.1f MB/s (CPU %.3f s = %.1f MB/s)\n",
      (std::string(label) + ":").c_str(), binaries.size(), decoded / size_t(repeat), bytes / 1e6,
      wall, bytes / 1e6 / wall, cpu, bytes / 1e6 / cpu);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: frontend_bench DIR [repeat] [text|binary]\n");
    return 2;
  }
  wasm::cli::tune_heap();  // as wasmref's main does
  int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  std::string only = argc > 3 ? argv[3] : "";
  bool time_text = only != "binary";
  bool time_binary = only != "text";
  std::vector<std::string> scripts;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".wast") scripts.push_back(read(e.path()));

  size_t text_bytes = 0;
  std::vector<std::vector<uint8_t>> binaries;
  // The binaries: those of the scripts, and the encodings of their text modules (not timed).
  // Actions and assertions on actions hold no module and add none.
  for (const std::string& s : scripts) {
    auto script = wasm::text::parse_script(s);
    if (!script) continue;
    for (const auto& c : script->commands) {
      if (!carries_module(c)) continue;
      using Form = wasm::text::ScriptModule::Form;
      if (c.module.form == Form::Binary)
        binaries.emplace_back(c.module.bytes.begin(), c.module.bytes.end());
      else if (c.module.form == Form::Text && !c.module.error)
        binaries.push_back(wasm::binary::encode(c.module.module));
    }
  }

  // Text: parsing each script, including freeing its AST.
  auto t0 = Clock::now();
  double c0 = cpu_seconds();
  for (int r = 0; r < repeat && time_text; ++r) {
    for (const std::string& s : scripts) {
      (void)wasm::text::parse_script(s);
      text_bytes += s.size();
    }
  }
  double text_cpu = cpu_seconds() - c0;
  double text_s = seconds_since(t0);

  if (time_text)
    std::printf("text:   %zu scripts, %.1f MB in %.3f s = %.1f MB/s (CPU %.3f s = %.1f MB/s)\n",
                scripts.size(), text_bytes / 1e6, text_s, text_bytes / 1e6 / text_s, text_cpu,
                text_bytes / 1e6 / text_cpu);
  if (!time_binary) return 0;
  time_decoding("binary", binaries, repeat * 10);
  // The same without the malformed ones: a decode that fails costs an exception's unwinding
  // (a few microseconds), which dominates the suite's many tiny malformed modules.
  std::vector<std::vector<uint8_t>> valid;
  for (const auto& b : binaries)
    if (wasm::binary::decode(b).ok()) valid.push_back(b);
  time_decoding("valid", valid, repeat * 10);
  return 0;
}
