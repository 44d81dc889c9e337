// `wasmref snapshot`: pre-initialise a module (snapshot/snapshot.h, docs/snapshot.md).
#include <charconv>
#include <cstdio>
#include <span>

#include "binary/decode.h"
#include "binary/encode.h"
#include "snapshot/snapshot.h"
#include "text/parse.h"
#include "text/print.h"
#include "tools/cli.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref snapshot IN.(wasm|wat) -o OUT.(wasm|wat) [--init-func NAME] [--no-init]\n"
    "                        [--keep-init-func] [--rename-func DST=SRC]... [--allow-imports]\n"
    "                        [--fuel N] [--enable module-linking|shared-everything-threads]\n"
    "\n"
    "Instantiates IN, runs its init function, and writes a module whose instantiation gives\n"
    "the same memories, globals, tables and segments without running it again (like Wizer).\n"
    "What is captured and what is refused: docs/snapshot.md.\n"
    "\n"
    "  --init-func NAME   the export to run, type [] -> [] (default wizer.initialize)\n"
    "  --no-init          run no init function (only instantiation and its start function)\n"
    "  --keep-init-func   keep the init function's export (removed by default)\n"
    "  --rename-func DST=SRC  rename the function export SRC to DST, replacing any export DST\n"
    "  --allow-imports    link imports to the spectest host module; imported memories,\n"
    "                     tables and globals stay imports (their state is not captured)\n"
    "  --fuel N           at most N reductions each for the start and init functions\n"
    "  --enable module-linking  nested modules and instances: every instance of the tree\n"
    "                     is written back into the nested module it instantiates\n"
    "  --enable shared-everything-threads  shared types, tables, globals and segments and\n"
    "                     the atomic accesses (docs/shared-everything-threads.md)\n"
    "\n"
    "A trap, exhaustion or refusal prints an error and exits 1 without writing OUT.\n";

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

bool parse_u64(const std::string& s, uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

}  // namespace

int cmd_snapshot(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  std::string in, out;
  snapshot::Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "-o" && has_value) {
      out = args[++i];
    } else if (a == "--init-func" && has_value) {
      options.init_func = args[++i];
    } else if (a == "--no-init") {
      options.run_init = false;
    } else if (a == "--keep-init-func") {
      options.keep_init_func = true;
    } else if (a == "--fuel" && has_value && parse_u64(args[i + 1], options.fuel)) {
      ++i;
    } else if (a == "--enable" && has_value && args[i + 1] == "module-linking") {
      options.module_linking = true;
      ++i;
    } else if (a == "--enable" && has_value && args[i + 1] == "shared-everything-threads") {
      options.shared_everything = true;
      ++i;
    } else if (a == "--allow-imports") {
      options.allow_imports = true;
    } else if (a == "--rename-func" && has_value && args[i + 1].find('=') != std::string::npos) {
      const std::string& spec = args[++i];
      size_t eq = spec.find('=');
      options.renames.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
    } else if (!a.empty() && a[0] != '-' && in.empty()) {
      in = a;
    } else {
      std::fprintf(stderr, "wasmref snapshot: bad argument '%s'\n%s", a.c_str(), kHelp);
      return 2;
    }
  }
  FileKind in_kind = kind_of(in), out_kind = kind_of(out);
  if (in.empty() || out.empty() || (in_kind != FileKind::Wasm && in_kind != FileKind::Wat) ||
      (out_kind != FileKind::Wasm && out_kind != FileKind::Wat)) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  std::optional<std::string> content = read_file(in);
  if (!content) {
    std::fprintf(stderr, "%s: cannot read file\n", in.c_str());
    return 1;
  }
  Source source{in, *content, in_kind == FileKind::Wasm};
  binary::DecodeOptions decode_options;
  decode_options.module_linking = options.module_linking;
  decode_options.shared_everything = options.shared_everything;
  Result<Module> m = in_kind == FileKind::Wasm ? binary::decode(as_bytes(*content), decode_options)
                                               : text::parse_module(*content);
  if (!m) {
    std::fprintf(stderr, "%s: %s\n", format_location(source, m.error().at.begin).c_str(),
                 m.error().message.c_str());
    return 1;
  }
  Result<Module> snap = snapshot::snapshot(*m, options);
  if (!snap) {
    std::fprintf(stderr, "%s: snapshot: %s\n", in.c_str(), snap.error().message.c_str());
    return 1;
  }
  // The snapshot must validate; if it does not, that is a bug here, not in the input.
  ValidateOptions validate_options;
  validate_options.module_linking = options.module_linking;
  validate_options.shared_everything = options.shared_everything;
  if (Result<ValidatedModule> v = validate(*snap, default_type_store(), validate_options); !v) {
    std::fprintf(stderr, "%s: snapshot: internal error, the snapshot is invalid: %s\n", in.c_str(),
                 v.error().message.c_str());
    return 1;
  }
  std::string bytes;
  if (out_kind == FileKind::Wasm) {
    std::vector<uint8_t> b = binary::encode(*snap);
    bytes.assign(b.begin(), b.end());
  } else {
    bytes = text::print_module(*snap);
  }
  if (!write_file(out, bytes)) {
    std::fprintf(stderr, "wasmref snapshot: cannot write %s\n", out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace wasm::cli
