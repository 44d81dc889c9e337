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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: frontend_bench DIR [repeat] [text|binary]\n");
    return 2;
  }
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
  for (const std::string& s : scripts) {
    auto script = wasm::text::parse_script(s);
    if (!script) continue;
    for (const auto& c : script->commands) {
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

  size_t binary_bytes = 0;
  size_t decoded = 0;
  t0 = Clock::now();
  c0 = cpu_seconds();
  for (int r = 0; r < repeat * 10 && time_binary; ++r) {
    for (const auto& b : binaries) {
      binary_bytes += b.size();
      decoded += wasm::binary::decode(b).ok();
    }
  }
  double binary_cpu = cpu_seconds() - c0;
  double binary_s = seconds_since(t0);
  if (time_text)
    std::printf("text:   %zu scripts, %.1f MB in %.3f s = %.1f MB/s (CPU %.3f s = %.1f MB/s)\n",
                scripts.size(), text_bytes / 1e6, text_s, text_bytes / 1e6 / text_s, text_cpu,
                text_bytes / 1e6 / text_cpu);
  if (time_binary)
    std::printf(
        "binary: %zu modules (%zu decoded), %.1f MB in %.3f s = %.1f MB/s "
        "(CPU %.3f s = %.1f MB/s)\n",
        binaries.size(), decoded / size_t(repeat * 10), binary_bytes / 1e6, binary_s,
        binary_bytes / 1e6 / binary_s, binary_cpu, binary_bytes / 1e6 / binary_cpu);
  return 0;
}
