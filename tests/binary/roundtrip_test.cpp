// Binary round trips: decode(encode(m)) == m for every module the decoder produces from the
// binary modules of the official suite and the Module Linking corpus, and encode reaches a
// fixed point (encode(decode(encode(m))) == encode(m)).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "binary/decode.h"
#include "binary/encode.h"
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

struct Tally {
  size_t round_tripped = 0, identical_bytes = 0, decoded = 0;
};

void round_trip_corpus(const char* variable, bool module_linking, Tally& tally) {
  const char* dir = std::getenv(variable);
  if (dir == nullptr || !fs::is_directory(dir)) {
    std::cout << variable << " is not set to a directory; skipped\n";
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    DecodeOptions options;
    options.module_linking = module_linking;
    options.custom_page_sizes = path.string().find("custom-page-sizes") != std::string::npos;
    for (const auto& bm : testing::binary_modules(read_file(path))) {
      auto m1 = decode(bm.bytes, options);
      if (!m1.ok()) continue;
      ++tally.decoded;
      std::vector<uint8_t> b2 = encode(*m1);
      auto m2 = decode(b2, options);
      std::string where = path.string() + ":" + std::to_string(bm.line);
      if (!m2.ok()) {
        ADD_FAILURE() << where << ": re-encoded module does not decode: " << m2.error().message;
        continue;
      }
      if (!(*m2 == *m1)) {
        ADD_FAILURE() << where << ": decode(encode(m)) != m";
        continue;
      }
      EXPECT_EQ(encode(*m2), b2) << where << ": encoding is not a fixed point";
      ++tally.round_tripped;
      if (b2 == bm.bytes) ++tally.identical_bytes;
    }
  }
}

TEST(RoundTrip, SuiteBinaryModulesDecodeEncodeDecode) {
  Tally core, ml;
  round_trip_corpus("WASM_TESTSUITE", false, core);
  round_trip_corpus("WASM_MODULE_LINKING", true, ml);
  std::cout << "official suite: " << core.round_tripped << "/" << core.decoded << " round-tripped ("
            << core.identical_bytes << " byte-identical to the original)\n"
            << "module linking: " << ml.round_tripped << "/" << ml.decoded << " round-tripped ("
            << ml.identical_bytes << " byte-identical)\n";
  EXPECT_EQ(core.round_tripped, core.decoded);
  EXPECT_EQ(ml.round_tripped, ml.decoded);
}

}  // namespace
}  // namespace wasm::binary
