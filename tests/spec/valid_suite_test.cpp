// Runs the validator over every module of the official suite (WASM_TESTSUITE: top level,
// legacy/, proposals/threads/, proposals/custom-descriptors/ with that feature on), text, quoted
// and binary alike: modules under assert_invalid must
// be rejected with the expected message as a prefix; modules of `module` commands and of
// assert_unlinkable / assert_uninstantiable / assert_trap must be accepted. (assert_malformed
// modules are the front ends' business, as are modules they fail to read: those are counted
// and listed, not failed.) Prints matched/total.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "binary/decode.h"
#include "spec/validate.h"
#include "text/parse.h"
#include "text/script.h"

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
         s.starts_with("proposals/threads/") || s.starts_with("proposals/custom-descriptors/");
}

// The custom-descriptors proposal relaxes br_on_cast, which core br_on_cast.wast rejects.
ValidateOptions options_for(const fs::path& path) {
  ValidateOptions options;
  options.custom_descriptors =
      path.generic_string().find("/proposals/custom-descriptors/") != std::string::npos;
  return options;
}

// Known differences, each with its reason.
struct Skip {
  std::string_view file_suffix;
  std::string_view message;
  std::string_view reason;
};
constexpr Skip kSkips[] = {
    {"proposals/threads/memory.wast", "multiple memories",
     "the threads proposal's suite predates multi-memory, which 3.0 allows"},
    {"proposals/threads/imports.wast", "multiple memories",
     "the threads proposal's suite predates multi-memory, which 3.0 allows"},
    {"proposals/threads/imports.wast", "multiple tables",
     "the threads proposal's suite predates reference types, which allow several tables"},
};

bool skipped(const fs::path& path, std::string_view message) {
  return std::any_of(std::begin(kSkips), std::end(kSkips), [&](const Skip& s) {
    return path.generic_string().ends_with(s.file_suffix) && message == s.message;
  });
}

struct Tally {
  size_t invalid_total = 0, invalid_matched = 0, valid_total = 0, valid_matched = 0;
  size_t skipped = 0, unparsed = 0, unparsed_scripts = 0;
};

// The module of a script command, through the front end its form calls for.
Result<Module> module_of(const text::ScriptModule& sm) {
  switch (sm.form) {
    case text::ScriptModule::Form::Text:
      if (sm.error) return *sm.error;
      return sm.module;
    case text::ScriptModule::Form::Binary:
      return binary::decode(std::span(reinterpret_cast<const uint8_t*>(sm.bytes.data()),
                                      sm.bytes.size()));
    case text::ScriptModule::Form::Quote: return text::parse_module(sm.bytes);
  }
  return sm.module;
}

class SuiteRunner {
 public:
  explicit SuiteRunner(Tally& tally) : tally_(tally) {}

  void run(const fs::path& path, const std::vector<text::Command>& commands) {
    for (const text::Command& cmd : commands) command(path, cmd);
  }

 private:
  void command(const fs::path& path, const text::Command& cmd) {
    using K = text::Command::Kind;
    switch (cmd.kind) {
      case K::Module: expect(path, cmd, false); break;
      case K::AssertInvalid: expect(path, cmd, true); break;
      case K::AssertUnlinkable:
      case K::AssertUninstantiable: expect(path, cmd, false); break;
      case K::AssertTrap:
        if (cmd.has_module) expect(path, cmd, false);
        break;
      case K::Thread: run(path, cmd.body); break;
      default: break;
    }
  }

  void expect(const fs::path& path, const text::Command& cmd, bool invalid) {
    if (invalid && skipped(path, cmd.message)) {
      ++tally_.skipped;
      return;
    }
    (invalid ? tally_.invalid_total : tally_.valid_total)++;
    Result<Module> m = module_of(cmd.module);
    std::string where = path.string() + " @" + std::to_string(cmd.at.begin);
    if (!m) {  // the front ends' business (their own tests report it); counted, not failed
      ++tally_.unparsed;
      std::cout << where << ": does not parse/decode: " << m.error().message << "\n";
      return;
    }
    auto r = validate(*m, store_, options_for(path));
    if (invalid && !r.ok() && r.error().message.starts_with(cmd.message)) {
      ++tally_.invalid_matched;
    } else if (!invalid && r.ok()) {
      ++tally_.valid_matched;
    } else {
      ADD_FAILURE() << where << ": expected "
                    << (invalid ? "invalid \"" + cmd.message + "\"" : std::string("valid"))
                    << " but validation "
                    << (r.ok() ? "succeeded" : "failed: " + r.error().message);
    }
  }

  Tally& tally_;
  TypeStore store_;
};

TEST(ValidSuite, OfficialSuite) {
  const char* dir = std::getenv("WASM_TESTSUITE");
  if (dir == nullptr || !fs::is_directory(dir)) GTEST_SKIP() << "WASM_TESTSUITE not set";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".wast" && in_scope(fs::relative(entry.path(), dir)))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  Tally tally;
  SuiteRunner runner(tally);
  for (const fs::path& path : files) {
    auto script = text::parse_script(read_file(path));
    if (!script) {
      ++tally.unparsed_scripts;
      std::cout << path.string() << ": script does not parse: " << script.error().message << "\n";
      continue;
    }
    runner.run(path, script->commands);
  }
  std::cout << "assert_invalid: " << tally.invalid_matched << "/" << tally.invalid_total
            << " rejected with the expected message; valid modules: " << tally.valid_matched
            << "/" << tally.valid_total << " accepted; " << tally.skipped
            << " skipped (known differences); " << tally.unparsed << " modules and "
            << tally.unparsed_scripts << " scripts not parsed by the front ends\n";
  // The front ends must get far enough for this test to mean something.
  EXPECT_GT(tally.invalid_total, 2500u);
  EXPECT_GT(tally.valid_total, 2500u);
  RecordProperty("invalid_matched", int(tally.invalid_matched));
  RecordProperty("invalid_total", int(tally.invalid_total));
  RecordProperty("valid_matched", int(tally.valid_matched));
  RecordProperty("valid_total", int(tally.valid_total));
}

}  // namespace
}  // namespace wasm
