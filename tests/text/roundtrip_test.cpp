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
  int modules = 0, printed = 0, encoded = 0, unrepresentable = 0;
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

// One round trip; returns a failure description or "".
std::string print_parse(const Module& m) {
  std::string printed = print_module(m);
  auto reparsed = parse_module(printed);
  if (!reparsed.ok())
    return "printed module does not parse: " + reparsed.error().message + " at \"" +
           printed.substr(reparsed.error().at.begin, 60) + "\"";
  if (!(*reparsed == m)) return "parse(print(m)) != m\n" + printed.substr(0, 2000);
  return "";
}

std::string encode_decode(const Module& m, const binary::DecodeOptions& options) {
  std::vector<uint8_t> bytes = binary::encode(m);
  auto decoded = binary::decode(bytes, options);
  if (!decoded.ok()) return "encoded module does not decode: " + decoded.error().message;
  if (!(binary_view(*decoded) == binary_view(m))) return "decode(encode(m)) != m";
  if (binary::encode(*decoded) != bytes) return "encoding is not a fixed point";
  return "";
}

// `invalid_ml`: a Module Linking module under assert_invalid. Those may have no round trip:
// the text parser checks some indices while parsing (as wasm-tools does), so a printed invalid
// alias can be rejected, and the binary format has no encoding for, e.g., an outer alias of a
// function. They are counted as unrepresentable, not as failures.
void check_module(const Module& m, const binary::DecodeOptions& options, const std::string& where,
                  bool invalid_ml, Counts& n) {
  ++n.modules;
  std::string text = print_parse(m), binary = encode_decode(m, options);
  if (invalid_ml && !(text.empty() && binary.empty())) {
    ++n.unrepresentable;
    return;
  }
  if (text.empty())
    ++n.printed;
  else
    n.fail(where + ": " + text);
  if (binary.empty())
    ++n.encoded;
  else
    n.fail(where + ": " + binary);
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
    bool invalid_ml = options.module_linking && c.kind == Command::Kind::AssertInvalid;
    if (sm.form == ScriptModule::Form::Binary) {
      auto m = binary::decode({reinterpret_cast<const uint8_t*>(sm.bytes.data()), sm.bytes.size()},
                              options);
      if (m.ok()) check_module(*m, options, where, invalid_ml, n);
    } else if (sm.form == ScriptModule::Form::Quote) {
      auto m = parse_module(sm.bytes);
      if (m.ok()) check_module(*m, options, where, invalid_ml, n);
    } else if (!sm.error) {
      check_module(sm.module, options, where, invalid_ml, n);
    }
  }
}

Counts check_corpus(const char* env, bool module_linking, TextOptions text_options = {}) {
  Counts n;
  const char* dir = std::getenv(env);
  if (dir == nullptr || !fs::is_directory(dir)) return n;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".wast") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto script = parse_script(read_file(file), text_options);
    if (!script.ok()) {
      n.fail(file.string() + ": " + script.error().message);
      continue;
    }
    binary::DecodeOptions options;
    options.module_linking = module_linking;
    options.custom_page_sizes = file.string().find("custom-page-sizes") != std::string::npos;
    check_commands(script->commands, file.string(), options, n);
  }
  return n;
}

void report(const char* name, const Counts& n) {
  std::printf(
      "[%s] modules: %d; parse(print(m)) == m: %d; decode(encode(m)) == m: %d; "
      "invalid and unrepresentable: %d\n",
      name, n.modules, n.printed, n.encoded, n.unrepresentable);
  for (const std::string& f : n.failures) std::printf("  %s\n", f.c_str());
}

TEST(RoundTrip, OfficialSuite) {
  Counts n = check_corpus("WASM_TESTSUITE", false);
  report("testsuite", n);
  EXPECT_EQ(n.printed + n.unrepresentable, n.modules);
  EXPECT_EQ(n.encoded + n.unrepresentable, n.modules);
}

TEST(RoundTrip, Threads) {
  Counts n = check_corpus("WASM_THREADS", false);
  report("threads", n);
  EXPECT_EQ(n.printed + n.unrepresentable, n.modules);
  EXPECT_EQ(n.encoded + n.unrepresentable, n.modules);
}

TEST(RoundTrip, ModuleLinking) {
  Counts n = check_corpus("WASM_MODULE_LINKING", true);
  report("module-linking", n);
  EXPECT_EQ(n.printed + n.unrepresentable, n.modules);
  EXPECT_EQ(n.encoded + n.unrepresentable, n.modules);
}

// Our own scripts of the 2020 Explainer's examples (tests/wast/module-linking), written with
// identifier paths: what they desugar to prints in the later syntax and encodes in Binary.md's.
TEST(RoundTrip, ModuleLinkingExplainerExamples) {
  TextOptions paths;
  paths.paths = true;
  Counts n = check_corpus("WASMREF_MODULE_LINKING_TESTS", true, paths);
  report("wasmref module-linking", n);
  EXPECT_GT(n.modules, 0);
  EXPECT_TRUE(n.failures.empty());
  EXPECT_EQ(n.printed + n.unrepresentable, n.modules);
  EXPECT_EQ(n.encoded + n.unrepresentable, n.modules);
}

}  // namespace
}  // namespace wasm::text
