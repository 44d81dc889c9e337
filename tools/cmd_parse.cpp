// `wasmref parse`: front-end checks of modules and scripts.
#include <cstdio>
#include <span>

#include "binary/decode.h"
#include "text/parse.h"
#include "text/script.h"
#include "tools/cli.h"
#include "wast/front_check.h"
#include "wast/skip_list.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref parse [--outcomes-only] [--round-trip] [--enable FEATURE]... FILE...\n"
    "\n"
    "Parses .wat and decodes .wasm files, reporting the first error with its location.\n"
    "For a .wast script, checks every module: rejected with the expected message prefix\n"
    "inside assert_malformed, accepted everywhere else; prints one line per file and a\n"
    "closing `N passed, M failed`. Exit status 0 iff nothing failed.\n"
    "\n"
    "  --outcomes-only  check that malformed modules are rejected, not the message wording\n"
    "                   (for corpora written against other tools)\n"
    "  --round-trip     also round-trip every module that loads: encode/decode fixed point,\n"
    "                   decode(encode(m)) == m, parse(print(m)) == m\n"
    "  --enable FEATURE proposals that change what is malformed or valid: module-linking,\n"
    "                   custom-page-sizes, custom-descriptors (valid only: br_on_cast),\n"
    "                   shared-everything-threads, module-linking-2020 (module-linking plus\n"
    "                   the June 2020 Explainer's identifier paths `$i.$f`)\n"
    "  --skip-list FILE skip the listed assertions (`path.wast:LINE reason` per line);\n"
    "                   they are counted as skipped, never as passed\n";

std::string summary(const wast::Tally& t) {
  std::string s = cat(t.passed, " passed, ", t.failed, " failed");
  if (t.skipped) s += cat(", ", t.skipped, " skipped");
  return s;
}

wast::Tally parse_one(const std::string& path, wast::FrontCheckOptions options,
                      const std::vector<wast::SkipEntry>& skip_list) {
  wast::Tally t;
  options.skip_lines.clear();
  for (const wast::SkipEntry& e : wast::skips_for(skip_list, path)) {
    if (!e.line) {
      std::printf("%s: skipped: %s\n", path.c_str(), e.reason.c_str());
      ++t.skipped;
      return t;
    }
    options.skip_lines.insert(*e.line);
  }
  std::optional<std::string> content = read_file(path);
  if (!content) {
    std::printf("%s: cannot read file\n", path.c_str());
    ++t.failed;
    return t;
  }
  FileKind kind = kind_of(path);
  Source source{path, *content, kind == FileKind::Wasm};
  std::string log;
  if (kind == FileKind::Wast) {
    Result<text::Script> script =
        text::parse_script(*content, wast::text_options(options.features));
    if (!script) {
      log = format_location(source, script.error().at.begin) + ": " + script.error().message + "\n";
      ++t.failed;
    } else {
      t = wast::check_script_front_end(source, *script, options, log);
    }
  } else {
    Result<Module> m =
        kind == FileKind::Wasm
            ? binary::decode(
                  std::span(reinterpret_cast<const uint8_t*>(content->data()), content->size()),
                  wast::decode_options(options.features))
            : text::parse_module(*content, wast::text_options(options.features));
    if (m) {
      ++t.passed;
    } else {
      log = format_location(source, m.error().at.begin) + ": " + m.error().message + "\n";
      ++t.failed;
    }
  }
  std::fputs(log.c_str(), stdout);
  std::printf("%s: %s\n", path.c_str(), summary(t).c_str());
  return t;
}

}  // namespace

int cmd_parse(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  wast::FrontCheckOptions options;
  std::vector<wast::SkipEntry> skip_list;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--enable" && i + 1 < args.size()) {
      if (!wast::enable_feature(options.features, args[++i])) {
        std::fprintf(stderr, "wasmref parse: unknown feature '%s'\n", args[i].c_str());
        return 2;
      }
    } else if (a == "--skip-list" && i + 1 < args.size()) {
      auto list = load_skip_list(args[++i]);
      if (!list) return 2;
      skip_list = std::move(*list);
    } else if (a == "--outcomes-only") {
      options.outcomes_only = true;
    } else if (a == "--round-trip") {
      options.round_trip = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "wasmref parse: unknown option '%s'\n%s", a.c_str(), kHelp);
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  wast::Tally total;
  for (const std::string& f : files) total += parse_one(f, options, skip_list);
  if (options.round_trip && total.binary_modules > 0)
    std::printf("round trip: %llu of %llu binary modules re-encode byte-identically\n",
                (unsigned long long)total.identical_bytes,
                (unsigned long long)total.binary_modules);
  if (total.unrepresentable > 0)
    std::printf("round trip: %llu invalid modules are rejected when re-read (not round-tripped)\n",
                (unsigned long long)total.unrepresentable);
  std::printf("%s\n", summary(total).c_str());
  return total.failed == 0 ? 0 : 1;
}

}  // namespace wasm::cli
