// Validates every binary module of the official suite (WASM_TESTSUITE: top level, legacy/,
// proposals/threads/): modules under assert_invalid must be rejected with the expected message
// as a prefix; modules that are not under assert_malformed must be accepted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "binary/decode.h"
#include "spec/validate.h"
#include "tests/binary/wast_binary_modules.h"

namespace wasm {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool in_scope(const fs::path& rel) {
  std::string s = rel.generic_string();
  return s.find('/') == std::string::npos || s.starts_with("legacy/") ||
         s.starts_with("proposals/threads/");
}

TEST(ValidSuite, BinaryModules) {
  const char* dir = std::getenv("WASM_TESTSUITE");
  if (dir == nullptr || !fs::is_directory(dir)) GTEST_SKIP() << "WASM_TESTSUITE not set";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".wast" && in_scope(fs::relative(entry.path(), dir)))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  size_t invalid_total = 0, invalid_matched = 0, valid_total = 0, valid_matched = 0;
  TypeStore store;
  for (const fs::path& path : files) {
    for (const auto& m : binary::testing::binary_modules(read_file(path))) {
      if (m.assertion == "assert_malformed") continue;
      auto decoded = binary::decode(m.bytes);
      bool expect_invalid = m.assertion == "assert_invalid";
      (expect_invalid ? invalid_total : valid_total)++;
      if (!decoded) {
        ADD_FAILURE() << path.string() << ":" << m.line << ": does not decode: "
                      << decoded.error().message;
        continue;
      }
      auto r = validate(*decoded, store);
      if (expect_invalid && !r.ok() && r.error().message.starts_with(m.expected)) {
        ++invalid_matched;
      } else if (!expect_invalid && r.ok()) {
        ++valid_matched;
      } else {
        ADD_FAILURE() << path.string() << ":" << m.line << ": " << m.assertion << " \""
                      << m.expected << "\" but validation "
                      << (r.ok() ? "succeeded" : "failed: " + r.error().message);
      }
    }
  }
  std::cout << "binary modules: assert_invalid " << invalid_matched << "/" << invalid_total
            << ", valid " << valid_matched << "/" << valid_total << "\n";
}

}  // namespace
}  // namespace wasm
