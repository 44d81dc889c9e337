// Decodes every binary module of the official suite (WASM_TESTSUITE, recursively) and of the
// Module Linking corpus (WASM_MODULE_LINKING): modules under assert_malformed must fail with
// the expected message as a prefix, all others must decode. In the Module Linking corpus only
// the outcome is checked (its messages are wasm-tools'), except that a decoding failure whose
// message is the one expected also counts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <utility>

#include "binary/decode.h"
#include "tests/binary/wast_binary_modules.h"

namespace wasm::binary {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Known gaps, each with its reason: features outside the AST and the opcode table.
constexpr std::pair<std::string_view, size_t> kSkips[] = {
    // custom-descriptors: exact function imports (kind 0x20) have no place in ExternType.
    {"proposals/custom-descriptors/exact-func-import.wast", 219},
    // custom-descriptors: ref.get_desc (0xFB 34) is not in spec/instructions.def.
    {"proposals/custom-descriptors/ref_get_desc.wast", 253},
};

bool skipped(const fs::path& path, size_t line) {
  for (auto [suffix, skip_line] : kSkips)
    if (path.string().ends_with(suffix) && line == skip_line) return true;
  return false;
}

struct Tally {
  size_t matched = 0, skipped = 0, total = 0;
};

DecodeOptions options_for(const fs::path& path, bool module_linking) {
  DecodeOptions options;
  options.module_linking = module_linking;
  options.custom_page_sizes = path.string().find("custom-page-sizes") != std::string::npos;
  return options;
}

bool outcome_matches(const testing::BinaryModule& m, const Result<Module>& result,
                     bool outcome_only) {
  bool malformed = m.assertion == "assert_malformed";
  if (result.ok()) return !malformed;
  if (outcome_only && result.error().message == m.expected) return true;
  if (!malformed) return false;
  return outcome_only || result.error().message.starts_with(m.expected);
}

Tally run_corpus(const char* variable, bool module_linking) {
  Tally tally;
  const char* dir = std::getenv(variable);
  if (dir == nullptr || !fs::is_directory(dir)) {
    std::cout << variable << " is not set to a directory; skipped\n";
    return tally;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::vector<testing::BinaryModule> modules;
    try {
      modules = testing::binary_modules(read_file(path));
    } catch (const std::exception& e) {
      ADD_FAILURE() << path << ": " << e.what();
      continue;
    }
    DecodeOptions options = options_for(path, module_linking);
    for (const auto& m : modules) {
      ++tally.total;
      if (skipped(path, m.line)) {
        ++tally.skipped;
        continue;
      }
      auto result = decode(m.bytes, options);
      if (outcome_matches(m, result, module_linking)) {
        ++tally.matched;
        continue;
      }
      ADD_FAILURE() << path.string() << ":" << m.line << ": " << m.assertion << " \""
                    << m.expected << "\" but decoding "
                    << (result.ok() ? "succeeded" : "failed: " + result.error().message);
    }
  }
  std::cout << variable << ": " << tally.matched << "/" << tally.total
            << " binary modules as expected, " << tally.skipped
            << " skipped (known gaps)\n";
  return tally;
}

TEST(Suite, OfficialSuiteBinaryModules) {
  Tally t = run_corpus("WASM_TESTSUITE", false);
  RecordProperty("matched", int(t.matched));
  RecordProperty("total", int(t.total));
}

TEST(Suite, ModuleLinkingBinaryModules) {
  Tally t = run_corpus("WASM_MODULE_LINKING", true);
  RecordProperty("matched", int(t.matched));
  RecordProperty("total", int(t.total));
}

}  // namespace
}  // namespace wasm::binary
