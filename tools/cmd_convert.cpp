// `wasmref convert` and `wasmref print`: between the text and binary formats.
#include <cstdio>
#include <span>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/parse.h"
#include "text/print.h"
#include "text/script.h"
#include "tools/cli.h"
#include "wast/convert.h"
#include "wast/js_export.h"
#include "wast/json_export.h"

namespace wasm::cli {
namespace {

constexpr const char* kConvertHelp =
    "usage: wasmref convert IN -o OUT [--text|--binary] [--enable FEATURE]...\n"
    "\n"
    "  .wat  -> .wasm   parse and encode\n"
    "  .wasm -> .wat    decode and print\n"
    "  .wast -> .wast   rewrite every module of the script in binary form (default, like the\n"
    "                   reference interpreter's -d -o) or, with --text, in text form; modules\n"
    "                   that do not load keep their form\n"
    "  .wast -> .json   wabt's wast2json format: OUT.json and the modules beside it as\n"
    "                   OUT.0.wasm, OUT.1.wat, ... (docs/json-format.md)\n"
    "  .wast -> .js     one self-contained JavaScript file that checks every command under\n"
    "                   the WebAssembly JS API (node OUT.js; docs/js-format.md)\n"
    "  --enable FEATURE module-linking, custom-page-sizes, custom-descriptors,\n                   "
    " shared-everything-threads, module-linking-2020\n"
    "                   (see `wasmref parse --help`)\n";

constexpr const char* kPrintHelp =
    "usage: wasmref print FILE\n"
    "\n"
    "Prints the module in FILE (.wasm, or .wat to normalise it) in the text format.\n";

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

Result<Module> load_file(const std::string& path, const std::string& content,
                         const wast::Features& features) {
  if (kind_of(path) == FileKind::Wasm)
    return binary::decode(as_bytes(content), wast::decode_options(features));
  return text::parse_module(content, wast::text_options(features));
}

int report(const std::string& path, const std::string& content, const Error& e) {
  Source source{path, content, kind_of(path) == FileKind::Wasm};
  std::fprintf(stderr, "%s: %s\n", format_location(source, e.at.begin).c_str(), e.message.c_str());
  return 1;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// OUT.json and its module files, in OUT's folder; nothing is left half written on an error.
int write_json(const std::string& in, const std::string& content, const text::Script& script,
               const std::string& out, const wast::Features& features) {
  size_t slash = out.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : out.substr(0, slash + 1);
  std::string stem = out.substr(dir.size(), out.size() - dir.size() - 5);  // without ".json"
  size_t in_slash = in.find_last_of('/');
  Source source{in_slash == std::string::npos ? in : in.substr(in_slash + 1), content, false};
  wast::JsonExport e = wast::export_json(source, script, stem, features);
  for (const auto& [name, bytes] : e.files)
    if (!write_file(dir + name, bytes)) {
      std::fprintf(stderr, "%s%s: cannot write file\n", dir.c_str(), name.c_str());
      return 1;
    }
  if (!write_file(out, e.json)) {
    std::fprintf(stderr, "%s: cannot write file\n", out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int cmd_convert(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kConvertHelp, stdout);
    return 0;
  }
  std::string in, out;
  wast::ModuleFormat script_format = wast::ModuleFormat::Binary;
  wast::Features features;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--enable" && i + 1 < args.size()) {
      if (!wast::enable_feature(features, args[++i])) {
        std::fprintf(stderr, "wasmref convert: unknown feature '%s'\n", args[i].c_str());
        return 2;
      }
    } else if (args[i] == "-o" && i + 1 < args.size()) {
      out = args[++i];
    } else if (args[i] == "--text") {
      script_format = wast::ModuleFormat::Text;
    } else if (args[i] == "--binary") {
      script_format = wast::ModuleFormat::Binary;
    } else if (in.empty() && !args[i].empty() && args[i][0] != '-') {
      in = args[i];
    } else {
      std::fprintf(stderr, "wasmref convert: unexpected argument '%s'\n%s", args[i].c_str(),
                   kConvertHelp);
      return 2;
    }
  }
  if (in.empty() || out.empty()) {
    std::fputs(kConvertHelp, stderr);
    return 2;
  }
  std::optional<std::string> content = read_file(in);
  if (!content) {
    std::fprintf(stderr, "%s: cannot read file\n", in.c_str());
    return 1;
  }
  std::string result;
  if (kind_of(in) == FileKind::Wast) {
    Result<text::Script> script = text::parse_script(*content, wast::text_options(features));
    if (!script) return report(in, *content, script.error());
    if (ends_with(out, ".json")) return write_json(in, *content, *script, out, features);
    if (ends_with(out, ".js")) {
      size_t slash = in.find_last_of('/');
      Source source{slash == std::string::npos ? in : in.substr(slash + 1), *content, false};
      result = wast::export_js(source, *script, features);
    } else {
      result = wast::convert_script(*content, *script, script_format, features);
    }
  } else {
    Result<Module> m = load_file(in, *content, features);
    if (!m) return report(in, *content, m.error());
    if (kind_of(out) == FileKind::Wasm) {
      std::vector<uint8_t> bytes = binary::encode(*m);
      result.assign(bytes.begin(), bytes.end());
    } else {
      result = text::print_module(*m);
    }
  }
  if (!write_file(out, result)) {
    std::fprintf(stderr, "%s: cannot write file\n", out.c_str());
    return 1;
  }
  return 0;
}

int cmd_print(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(kPrintHelp, stdout);
    return 0;
  }
  if (args.size() != 1) {
    std::fputs(kPrintHelp, stderr);
    return 2;
  }
  std::optional<std::string> content = read_file(args[0]);
  if (!content) {
    std::fprintf(stderr, "%s: cannot read file\n", args[0].c_str());
    return 1;
  }
  Result<Module> m = load_file(args[0], *content, wast::Features{});
  if (!m) return report(args[0], *content, m.error());
  std::fputs(text::print_module(*m).c_str(), stdout);
  return 0;
}

}  // namespace wasm::cli
