// `wasmref validate`: parse or decode modules, then validate them (valid/modules.rst).
#include <cstdio>
#include <span>

#include "binary/decode.h"
#include "spec/validate.h"
#include "text/parse.h"
#include "tools/cli.h"
#include "wast/load.h"

namespace wasm::cli {
namespace {

constexpr const char* kHelp =
    "usage: wasmref validate [--enable FEATURE]... FILE...\n"
    "\n"
    "Parses each .wat or decodes each .wasm file, then validates the module. Prints\n"
    "`FILE: valid`, or the first error as `FILE:line.col: message` (`FILE:0xOFFSET: ...` for\n"
    "binaries). Exit status 0 iff every module is valid.\n"
    "\n"
    "  --enable FEATURE proposals that change what is malformed or valid:\n"
    "                   module-linking, custom-page-sizes, custom-descriptors,\n                   "
    " shared-everything-threads, module-linking-2020\n";

// True iff the file holds a valid module; prints the verdict.
bool validate_one(const std::string& path, const wast::Features& features) {
  std::optional<std::string> content = read_file(path);
  if (!content) {
    std::fprintf(stderr, "%s: cannot read file\n", path.c_str());
    return false;
  }
  bool is_binary = kind_of(path) == FileKind::Wasm;
  Source source{path, *content, is_binary};
  Result<Module> m =
      is_binary ? binary::decode(
                      std::span(reinterpret_cast<const uint8_t*>(content->data()), content->size()),
                      wast::decode_options(features))
                : text::parse_module(*content, wast::text_options(features));
  if (!m) {
    std::printf("%s: %s\n", format_location(source, m.error().at.begin).c_str(),
                m.error().message.c_str());
    return false;
  }
  TypeStore types;
  Result<ValidatedModule> valid = validate(*m, types, wast::validate_options(features));
  if (!valid) {
    std::printf("%s: %s\n", format_location(source, valid.error().at.begin).c_str(),
                valid.error().message.c_str());
    return false;
  }
  std::printf("%s: valid\n", path.c_str());
  return true;
}

}  // namespace

int cmd_validate(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  wast::Features features;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--enable" && i + 1 < args.size()) {
      if (!wast::enable_feature(features, args[++i])) {
        std::fprintf(stderr, "wasmref validate: unknown feature '%s'\n", args[i].c_str());
        return 2;
      }
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "wasmref validate: unknown option '%s'\n%s", args[i].c_str(), kHelp);
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  bool all_valid = true;
  for (const std::string& f : files) all_valid = validate_one(f, features) && all_valid;
  return all_valid ? 0 : 1;
}

}  // namespace wasm::cli
