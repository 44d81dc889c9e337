// `wasmref smith --script` (see tools/smith_script.h).
#include "tools/smith_script.h"

#include <memory>
#include <optional>

#include "binary/encode.h"
#include "interpreter/engine.h"
#include "interpreter/store.h"
#include "spec/validate.h"
#include "text/print.h"
#include "text/printer.h"
#include "tools/smith_args.h"
#include "tools/smith_probes.h"
#include "tools/smith_results.h"

namespace wasm::cli {
namespace {

using Status = interp::Outcome::Status;

// After this many fresh instances the remaining calls are left out.
constexpr int kMaxInstances = 4;

std::string quoted(const std::string& s) { return text::quote(s); }

// The store's memory limit: small, since the OCaml reference takes tens of bytes per array
// element (a limit there is an abort, not a trap; it builds arrays with a non-tail-recursive
// List.map, which needs a large stack beyond a few 100,000 elements).
constexpr uint64_t kMaxMemory = uint64_t(4) << 20;
// Past the limit memory.grow and table.grow return -1 where the reference grows. A runnable
// module's memories and tables grow by less than this in all (at most 5 pages per memory, 2
// memories, small tables), so while the store has this much left no growth was refused; when
// it has less after a call, the next calls get a fresh instance (in a fresh store).
constexpr uint64_t kGrowthMargin = uint64_t(1) << 20;

// wasmref's allocation limits (the store's memory limit, kMaxArrayBytes): the spec leaves
// resource limits to the implementation.
bool allocation_limit(const std::string& message) {
  return message.starts_with("out of memory") || message.starts_with("array size too large");
}

// Resource limits: the call is left out of the script.
bool resource_limit(const interp::Outcome& o) {
  if (o.status == Status::Exhaustion) return o.message != "call stack exhausted";
  return o.status == Status::Trap && allocation_limit(o.message);
}

// spec (script): (module binary "..."), the bytes of the module's binary format
// (binary/encode.h), 32 a line.
std::string binary_module(const Module& m) {
  std::vector<uint8_t> bytes = binary::encode(m);
  std::string out = "(module binary";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 32 == 0) out += i == 0 ? "\n  \"" : "\"\n  \"";
    out += "\\" + hex_digits(bytes[i], 2);
  }
  return out + (bytes.empty() ? ")" : "\")");
}

class Writer {
 public:
  Writer(const Module& m, const SmithScriptOptions& o)
      : m_(with_probes(m, probes_)),
        options_(o),
        args_(o.seed),
        text_(o.binary ? binary_module(m_) : text::print_module(m_)) {}

  std::string run() {
    out_ = options_.header.empty() ? "" : ";; " + options_.header + "\n";
    out_ += cat(";; Outcomes are wasmref's, with at most ", options_.max_call_depth,
                " nested calls (wasmref run --max-call-depth ", options_.max_call_depth, ").\n");
    if (!instantiate(true)) return out_;
    std::vector<std::string> names;
    for (const Export& e : m_.exports)
      if (e.kind == ExternKind::Func && e.name.find('.') == std::string::npos)
        names.push_back(e.name);
    for (const std::string& name : names) {
      if (!invoke_all(name)) return out_;
    }
    probe();
    return out_;
  }

 private:
  // Instantiates the module afresh, in a fresh store; writes it (or the assertion that it
  // traps, or a comment).
  bool instantiate(bool first) {
    instance_.reset();
    valid_.reset();
    engine_ = std::make_unique<interp::Engine>(
        interp::EngineOptions{.max_call_depth = options_.max_call_depth,
                              .fuel = options_.fuel,
                              .trace = nullptr,
                              .relaxed = {},
                              .max_wait_ns = 0,
                              .check_typing = false,
                              .on_typing_violation = nullptr,
                              .max_memory = kMaxMemory});
    Result<ValidatedModule> valid = validate(m_, engine_->types());
    if (!valid) {
      out_ += ";; the module is invalid: " + valid.error().message + "\n";
      return false;
    }
    valid_.emplace(std::move(*valid));
    Result<interp::InstanceAddr> inst = engine_->instantiate(m_, *valid_, {});
    if (inst) {
      out_ += text_ + "\n";
      instance_ = *inst;
      ++instances_;
      return true;
    }
    const Error& e = inst.error();
    if (first && (e.phase == Phase::Trap || e.phase == Phase::Exception) &&
        !allocation_limit(e.message))
      out_ += "(assert_trap " + text_ + " " + quoted(trap_pattern(e.message)) + ")\n";
    else
      out_ += ";; instantiation: " + e.message + " (left out)\n";
    return false;
  }

  // The calls of one export; false when no further call should be made.
  bool invoke_all(const std::string& name) {
    auto func = [&] { return engine_->get_export(*instance_, name)->addr; };
    uint32_t calls =
        engine_->func_type(func()).params.empty() ? std::min(options_.calls, 2u) : options_.calls;
    for (uint32_t k = 0; k < calls; ++k) {
      // The export of the current instance (a fresh one after a left-out call), its type in
      // the current engine's types.
      const FuncType& ft = engine_->func_type(func());
      std::optional<std::vector<ScriptArg>> args = args_.arguments(ft.params, *engine_);
      if (!args) {
        out_ += ";; " + name + ": a parameter type has no script literal\n";
        return true;
      }
      std::string action = "(invoke " + quoted(name);
      std::vector<interp::Value> values;
      for (const ScriptArg& a : *args) {
        action += " " + a.text;
        values.push_back(a.value);
      }
      action += ")";
      interp::Outcome o = engine_->invoke(func(), values);
      if (resource_limit(o)) {
        out_ += ";; " + action + ": " + o.message + " (left out; a fresh instance follows)\n";
        if (instances_ >= kMaxInstances || !instantiate(false)) return false;
        continue;
      }
      write(action, o);
      if (engine_->store().budget.used() + kGrowthMargin > kMaxMemory) {
        out_ += ";; the store is near its memory limit: a fresh instance follows\n";
        if (instances_ >= kMaxInstances || !instantiate(false)) return false;
      }
    }
    return true;
  }

  // The state after the calls: globals, memory and table sizes, memory bytes.
  void probe() {
    if (!probes_.empty()) out_ += ";; the instance's state after the calls\n";
    for (const Probe& p : probes_) {
      interp::ExternVal ext = *engine_->get_export(*instance_, p.name);
      if (p.get) {
        out_ += "(assert_return (get " + quoted(p.name) + ") " +
                result_pattern(engine_->read_global(ext.addr), *engine_) + ")\n";
        continue;
      }
      std::vector<interp::Value> args;
      if (!p.args.empty())  // the address 0 of "mK.bytes"
        args.push_back(interp::Value{engine_->func_type(ext.addr).params[0].kind, 0, {}});
      std::string action = "(invoke " + quoted(p.name) + (p.args.empty() ? "" : " " + p.args) + ")";
      write(action, engine_->invoke(ext.addr, args));
    }
  }

  void write(const std::string& action, const interp::Outcome& o) {
    switch (o.status) {
      case Status::Values: {
        out_ += "(assert_return " + action;
        for (const interp::Value& v : o.values) out_ += " " + result_pattern(v, *engine_);
        out_ += ")\n";
        break;
      }
      case Status::Trap:
        out_ += "(assert_trap " + action + " " + quoted(trap_pattern(o.message)) + ")\n";
        break;
      case Status::Exception: out_ += "(assert_exception " + action + ")\n"; break;
      case Status::Exhaustion:
        out_ += "(assert_exhaustion " + action + " " + quoted(o.message) + ")\n";
        break;
    }
  }

  std::vector<Probe> probes_;
  Module m_;  // with the probes
  const SmithScriptOptions& options_;
  std::unique_ptr<interp::Engine> engine_;
  ArgumentSource args_;
  std::string text_;
  std::optional<ValidatedModule> valid_;
  std::optional<interp::InstanceAddr> instance_;
  int instances_ = 0;
  std::string out_;
};

}  // namespace

std::string smith_script(const Module& m, const SmithScriptOptions& options) {
  return Writer(m, options).run();
}

}  // namespace wasm::cli
