// `wasmref parse` on a script (see wast/front_check.h).
#include "wast/front_check.h"

#include <span>

#include "wast/load.h"
#include "wast/round_trip.h"

namespace wasm::wast {
namespace {

using text::Command;
using text::ScriptModule;

bool expects_malformed(Command::Kind k) {
  return k == Command::Kind::AssertMalformed || k == Command::Kind::AssertMalformedCustom;
}

bool has_module(const Command& c) {
  switch (c.kind) {
    case Command::Kind::Module:
    case Command::Kind::AssertMalformed:
    case Command::Kind::AssertInvalid:
    case Command::Kind::AssertUnlinkable:
    case Command::Kind::AssertUninstantiable:
    case Command::Kind::AssertMalformedCustom:
    case Command::Kind::AssertInvalidCustom:
      return true;
    case Command::Kind::AssertTrap:
      return c.has_module;
    default:
      return false;
  }
}

class FrontChecker {
 public:
  FrontChecker(const Source& source, const FrontCheckOptions& options, std::string& log)
      : source_(source), options_(options), log_(log) {}

  void check(const std::vector<Command>& commands) {
    for (const Command& c : commands) {
      if (c.kind == Command::Kind::Thread) check(c.body);
      if (has_module(c)) check_module(c);
    }
  }

  Tally tally;

 private:
  void check_module(const Command& c) {
    const ScriptModule& m = c.module;
    if (options_.skip_lines.count(line_of(source_, m.at.begin))) {
      ++tally.skipped;
      return;
    }
    Result<Module> loaded = load_module(m, options_.features);
    if (expects_malformed(c.kind)) {
      if (loaded.ok())
        return fail(m, cat("module should be malformed (\"", c.message, "\") but loads"));
      const std::string& got = loaded.error().message;
      if (!options_.outcomes_only && got.rfind(c.message, 0) != 0)
        return fail(m, cat("wrong message: expected \"", c.message, "\", got \"", got, "\""));
      ++tally.passed;
      return;
    }
    if (!loaded.ok()) {
      bool expects_invalid = c.kind == Command::Kind::AssertInvalid ||
                             c.kind == Command::Kind::AssertInvalidCustom;
      // A validation error the text front end found (custom annotations' checks).
      if (expects_invalid && loaded.error().phase == Phase::Invalid &&
          loaded.error().message.rfind(c.message, 0) == 0) {
        ++tally.passed;
        return;
      }
      if (options_.outcomes_only && c.kind == Command::Kind::AssertInvalid) {
        ++tally.passed;
        return;
      }
      return fail(m, describe_error(source_, m, loaded.error()), false);
    }
    ++tally.passed;
    if (options_.round_trip) check_round_trip_of(c, *loaded);
  }

  void check_round_trip_of(const Command& c, const Module& ast) {
    const ScriptModule& m = c.module;
    std::span<const uint8_t> original;
    if (m.form == ScriptModule::Form::Binary) {
      original = std::span(reinterpret_cast<const uint8_t*>(m.bytes.data()), m.bytes.size());
      ++tally.binary_modules;
    }
    RoundTripResult r = check_round_trip(ast, original, decode_options(options_.features));
    if (!r.failure.empty() && r.reread_rejected && c.kind == Command::Kind::AssertInvalid) {
      ++tally.unrepresentable;
      return;
    }
    if (!r.failure.empty()) return fail(m, "round trip: " + r.failure);
    if (r.identical_bytes) ++tally.identical_bytes;
    ++tally.passed;
  }

  void fail(const ScriptModule& m, const std::string& what, bool add_location = true) {
    ++tally.failed;
    log_ += add_location ? format_location(source_, m.at.begin) + ": " + what : what;
    log_ += '\n';
  }

  const Source& source_;
  const FrontCheckOptions& options_;
  std::string& log_;
};

}  // namespace

Tally check_script_front_end(const Source& source, const text::Script& script,
                             const FrontCheckOptions& options, std::string& log) {
  FrontChecker checker(source, options, log);
  checker.check(script.commands);
  return checker.tally;
}

}  // namespace wasm::wast
