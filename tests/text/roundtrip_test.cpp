// Round trips over every module of the corpora (the official suite, threads, Module Linking):
// for each module that parses (text, quoted) or decodes (binary), outside assert_malformed:
//   - print -> parse is the identity on the AST:  parse(print(m)) == m;
//   - text -> binary -> AST:  decode(encode(m)) == m, up to what the binary format cannot
//     record (the order of a core module's type and import definitions, and a custom section's
//     place written relative to an absent section);
//   - binary is a fixed point:  encode(decode(encode(m))) == encode(m).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/parse.h"
#include "text/print.h"
#include "text/script.h"

namespace wasm::text {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Counts {
  int modules = 0, printed = 0, encoded = 0, parser_gaps = 0;
  std::vector<std::string> failures;
  void fail(std::string what) {
    if (failures.size() < 40) failures.push_back(std::move(what));
  }
};

// What the binary format records of m: core modules have their types before their imports, and
// custom sections are compared by name and contents only.
Module binary_view(Module m) {
  bool core = m.modules.empty() && m.instances.empty() && m.aliases.empty();
  for (const TypeDef& t : m.types) core = core && t.kind == TypeDefKind::Rec;
  for (const Import& i : m.imports)
    core =
        core && i.field && i.desc.kind != ExternKind::Module && i.desc.kind != ExternKind::Instance;
  if (core) {
    m.initial_order.clear();
    if (!m.types.empty()) m.initial_order.push_back({DefKind::Type, uint32_t(m.types.size())});
    if (!m.imports.empty())
      m.initial_order.push_back({DefKind::Import, uint32_t(m.imports.size())});
  }
  for (Custom& c : m.customs) c.place = Custom::Place::After, c.anchor = SectionId::Custom;
  // the encoder sorts custom sections into place: compare them as a multiset
  std::ranges::sort(m.customs, {}, [](const Custom& c) { return std::tie(c.name, c.bytes); });
  for (Module& inner : m.modules) inner = binary_view(std::move(inner));
  return m;
}

// Known gaps of the text parser (branch `parser`, work in progress), each with its reason;
// the printed text is standard and the reference interpreter / wasm-tools read it:
//   - `(elem (ref func) ...)`: a `(` after `elem` is taken for a folded offset expression;
//   - `(alias outer 0 x (type))` as a field of a nested module is rejected as if in the root.
bool known_parser_gap(const Error& e, const std::string& printed) {
  std::string_view before = std::string_view(printed).substr(0, e.at.begin);
  if (e.message == "unexpected token" && before.ends_with("(elem (")) return true;
  return e.message.starts_with("cannot use `outer` alias in root module") ||
         e.message.starts_with("alias to `outer` module index too large");
}

void check_module(const Module& m, const binary::DecodeOptions& options, const std::string& where,
                  Counts& n) {
  ++n.modules;
  std::string printed = print_module(m);
  auto reparsed = parse_module(printed);
  if (!reparsed.ok() && known_parser_gap(reparsed.error(), printed))
    ++n.parser_gaps;
  else if (!reparsed.ok())
    n.fail(where + ": printed module does not parse: " + reparsed.error().message + " at \"" +
           printed.substr(reparsed.error().at.begin, 60) + "\"");
  else if (!(*reparsed == m))
    n.fail(where + ": parse(print(m)) != m\n" + printed.substr(0, 2000));
  else
    ++n.printed;

  std::vector<uint8_t> bytes = binary::encode(m);
  auto decoded = binary::decode(bytes, options);
  if (!decoded.ok()) {
    n.fail(where + ": encoded module does not decode: " + decoded.error().message);
  } else if (!(binary_view(*decoded) == binary_view(m))) {
    n.fail(where + ": decode(encode(m)) != m");
  } else if (binary::encode(*decoded) != bytes) {
    n.fail(where + ": encoding is not a fixed point");
  } else {
    ++n.encoded;
  }
}

void check_commands(const std::vector<Command>& commands, const std::string& file,
                    const binary::DecodeOptions& options, Counts& n) {
  for (const Command& c : commands) {
    check_commands(c.body, file, options, n);
    if (c.kind != Command::Kind::Module && !c.has_module) continue;
    if (c.kind == Command::Kind::AssertMalformed || c.kind == Command::Kind::AssertMalformedCustom)
      continue;
    const ScriptModule& sm = c.module;
    std::string where = file + ":" + std::to_string(c.at.begin);
    if (sm.form == ScriptModule::Form::Binary) {
      auto m = binary::decode({reinterpret_cast<const uint8_t*>(sm.bytes.data()), sm.bytes.size()},
                              options);
      if (m.ok()) check_module(*m, options, where, n);
    } else if (sm.form == ScriptModule::Form::Quote) {
      auto m = parse_module(sm.bytes);
      if (m.ok()) check_module(*m, options, where, n);
    } else if (!sm.error) {
      check_module(sm.module, options, where, n);
    }
  }
}

Counts check_corpus(const char* env, bool module_linking) {
  Counts n;
  const char* dir = std::getenv(env);
  if (dir == nullptr || !fs::is_directory(dir)) return n;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".wast") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto script = parse_script(read_file(file));
    if (!script.ok()) continue;  // the parser's corpus test reports these
    binary::DecodeOptions options;
    options.module_linking = module_linking;
    options.custom_page_sizes = file.string().find("custom-page-sizes") != std::string::npos;
    check_commands(script->commands, file.string(), options, n);
  }
  return n;
}

void report(const char* name, const Counts& n) {
  std::printf(
      "[%s] modules: %d; parse(print(m)) == m: %d (+%d known parser gaps); "
      "decode(encode(m)) == m: %d\n",
      name, n.modules, n.printed, n.parser_gaps, n.encoded);
  for (const std::string& f : n.failures) std::printf("  %s\n", f.c_str());
}

TEST(RoundTrip, OfficialSuite) {
  Counts n = check_corpus("WASM_TESTSUITE", false);
  report("testsuite", n);
  EXPECT_EQ(n.printed + n.parser_gaps, n.modules);
  EXPECT_EQ(n.encoded, n.modules);
}

TEST(RoundTrip, Threads) {
  Counts n = check_corpus("WASM_THREADS", false);
  report("threads", n);
  EXPECT_EQ(n.printed + n.parser_gaps, n.modules);
  EXPECT_EQ(n.encoded, n.modules);
}

TEST(RoundTrip, ModuleLinking) {
  Counts n = check_corpus("WASM_MODULE_LINKING", true);
  report("module-linking", n);
  EXPECT_EQ(n.printed + n.parser_gaps, n.modules);
  EXPECT_EQ(n.encoded, n.modules);
}

}  // namespace
}  // namespace wasm::text
