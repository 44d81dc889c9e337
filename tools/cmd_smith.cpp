// `wasmref smith`: write a random valid module (the role of wasm-smith), from gen/.
#include <charconv>
#include <cstdio>

#include "binary/encode.h"
#include "gen/gen.h"
#include "spec/error.h"
#include "text/print.h"
#include "tools/cli.h"
#include "tools/smith_script.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref smith [--seed N] [--size N] [--no-simd] [--no-relaxed-simd] [--no-atomics]\n"
    "                     [--no-shared-memory] [--no-legacy-eh] [--no-wide-arithmetic] [--no-gc]\n"
    "                     [--no-exnref] [--wabt] [--ocaml] [--no-imports] [--export-all]\n"
    "                     [--runnable] [-o FILE.wasm|FILE.wat]\n"
    "       wasmref smith --script [--seed N] [--size N] [--fuel N] [--max-call-depth N]\n"
    "                     [--binary] [-o FILE.wast]\n"
    "\n"
    "Writes a random valid module, built by following the typing rules forward (gen/). The\n"
    "same seed and size always give the same module. Without -o, prints the text format.\n"
    "\n"
    "  --seed N   random seed (default 0)\n"
    "  --size N   0..100, how large the module may grow (default 100)\n"
    "  --no-*     leave out a group of features (SIMD, relaxed SIMD, the threads proposal's\n"
    "             atomics and shared memories, legacy exception handling, wide arithmetic, GC\n"
    "             and typed references, try_table/exnref), e.g. for engines without them\n"
    "  --wabt     only what wabt 1.0.32 validates: --no-gc --no-exnref --no-wide-arithmetic,\n"
    "             and no table64, table initialisers, 64-bit offsets, or defined globals in\n"
    "             constant expressions\n"
    "  --no-imports, --export-all (every function as f0, f1, ...), --runnable (small memory\n"
    "             and table maxima, mostly small constants): for running the module\n"
    "  --ocaml    only what the OCaml reference interpreter runs deterministically: Wasm 3.0\n"
    "             (--no-atomics --no-shared-memory --no-legacy-eh --no-wide-arithmetic\n"
    "             --no-relaxed-simd)\n"
    "  --script   write a .wast script instead: the module (--ocaml --runnable --no-imports\n"
    "             --export-all, and the values statements leave folded into a checksum\n"
    "             global instead of dropped) and a few invocations of each export with arguments "
    "drawn\n"
    "             from the seed, asserting wasmref's outcomes (tools/diff-ocaml.sh runs them\n"
    "             on the OCaml reference); calls beyond --fuel N reductions (default 20000)\n"
    "             are left out; --max-call-depth N (default 200) as for `wasmref run`;\n"
    "             --binary writes the module as (module binary \"...\")\n";

bool parse_u64(const std::string& s, uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int cmd_smith(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  uint64_t seed = 0, size = 100, fuel = 20'000, depth = 200;
  bool script = false, binary = false;
  std::string out;
  gen::Options options;
  auto ocaml = [&options] {  // the OCaml reference implements Wasm 3.0 (docs/property-testing.md)
    options.atomics = options.shared_memory = options.legacy_eh = false;
    options.wide_arithmetic = options.relaxed_simd = false;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "--seed" && has_value && parse_u64(args[i + 1], seed)) {
      ++i;
    } else if (a == "--size" && has_value && parse_u64(args[i + 1], size) && size <= 100) {
      ++i;
    } else if (a == "--fuel" && has_value && parse_u64(args[i + 1], fuel) && fuel > 0) {
      ++i;
    } else if (a == "--max-call-depth" && has_value && parse_u64(args[i + 1], depth) && depth > 0 &&
               depth <= 1'000'000) {
      ++i;
    } else if (a == "-o" && has_value) {
      out = args[++i];
    } else if (a == "--no-simd") {
      options.simd = false;
    } else if (a == "--no-relaxed-simd") {
      options.relaxed_simd = false;
    } else if (a == "--no-atomics") {
      options.atomics = false;
    } else if (a == "--no-shared-memory") {
      options.shared_memory = false;
    } else if (a == "--no-legacy-eh") {
      options.legacy_eh = false;
    } else if (a == "--no-wide-arithmetic") {
      options.wide_arithmetic = false;
    } else if (a == "--no-imports") {
      options.imports = false;
    } else if (a == "--export-all") {
      options.export_all = true;
    } else if (a == "--runnable") {
      options.runnable = true;
    } else if (a == "--no-gc") {
      options.gc = false;
    } else if (a == "--no-exnref") {
      options.exnref = false;
    } else if (a == "--ocaml") {
      ocaml();
    } else if (a == "--script") {
      script = true;
    } else if (a == "--binary") {
      binary = true;
    } else if (a == "--wabt") {  // what wabt 1.0.32's wasm-validate accepts (docs)
      options.gc = options.exnref = options.wide_arithmetic = false;
      options.table64 = options.table_init = options.offsets64 = options.const_globals = false;
    } else {
      std::fprintf(stderr, "wasmref smith: bad argument '%s'\n%s", a.c_str(), kHelp);
      return 2;
    }
  }
  if (script) {
    ocaml();
    options.runnable = options.export_all = options.observe = true;
    options.imports = false;
    Module m = gen::smith(seed, int(size), options);
    SmithScriptOptions so{
        seed,
        fuel,
        uint32_t(depth),
        3,
        binary,
        wasm::cat("wasmref smith --script --seed ", seed, " --size ", size, " --fuel ", fuel,
                  " --max-call-depth ", depth, binary ? " --binary" : "")};
    std::string text = smith_script(m, so);
    if (out.empty()) {
      std::fputs(text.c_str(), stdout);
    } else if (!write_file(out, text)) {
      std::fprintf(stderr, "wasmref smith: cannot write %s\n", out.c_str());
      return 1;
    }
    return 0;
  }
  Module m = gen::smith(seed, int(size), options);
  if (out.empty()) {
    std::fputs(text::print_module(m).c_str(), stdout);
    return 0;
  }
  std::string bytes;
  switch (kind_of(out)) {
    case FileKind::Wasm: {
      std::vector<uint8_t> b = binary::encode(m);
      bytes.assign(b.begin(), b.end());
      break;
    }
    case FileKind::Wat: bytes = text::print_module(m); break;
    default: std::fprintf(stderr, "wasmref smith: -o wants a .wasm or .wat file\n"); return 2;
  }
  if (!write_file(out, bytes)) {
    std::fprintf(stderr, "wasmref smith: cannot write %s\n", out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace wasm::cli
