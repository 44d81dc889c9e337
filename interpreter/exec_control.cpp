// Exceptions and host calls — exec/instructions.rst (Control Instructions: throw, throw_ref,
// try_table; legacy try/catch/delegate/rethrow) and exec/modules.rst (host function invocation).
#include <cstring>
#include <exception>

#include "interpreter/exec.h"
#include "interpreter/instantiate.h"

namespace wasm::interp::exec {

// spec: Step/throw — a new exception instance with the tag and the popped arguments.
uint64_t new_exn(Store& s, Addr tag, size_t n, Slot*& sp) {
  if (!s.budget.take(sizeof(ExnInst) + n * sizeof(Slot))) return kNullRef;
  auto [addr, x] = s.exns.emplace();
  uint64_t ref = make_ref(RefKind::Exn, uint32_t(addr));
  x.tag = tag;
  x.fields.assign(sp - n, sp);
  sp -= n;
  return ref;
}

namespace {

// Puts the caught exception where handler h expects it and continues at its target.
void catch_at(Thread& t, const Handler& h, uint64_t exn) {
  const ExnInst& x = t.store.exns[ref_payload(exn)];
  uint32_t sp = t.base + h.target.height;
  size_t n = x.fields.size();
  using K = Handler::Kind;
  if (h.kind == K::LegacyCatch || h.kind == K::LegacyCatchAll) t.values[sp++] = Slot::of_ref(exn);
  if (h.kind == K::Catch || h.kind == K::CatchRef || h.kind == K::LegacyCatch) {
    std::copy(x.fields.begin(), x.fields.end(), t.values.begin() + sp);
    sp += uint32_t(n);
  }
  if (h.kind == K::CatchRef || h.kind == K::CatchAllRef) t.values[sp++] = Slot::of_ref(exn);
  t.sp = sp;
  t.pc = h.target.pc;
}

}  // namespace

// spec: Step_read/throw_ref-handler-*, throw_ref-label, throw_ref-frame, and the legacy
// delegate/catch rules: search the handlers covering pc, innermost first, then the callers.
bool unwind(Thread& t, uint64_t exn) {
  const ExnInst& x = t.store.exns[ref_payload(exn)];
  for (;;) {
    const std::vector<Handler>& hs = t.code->handlers;
    for (size_t i = 0; i < hs.size(); ++i) {
      const Handler& h = hs[i];
      if (t.pc < h.begin || t.pc >= h.end) continue;
      switch (h.kind) {
        case Handler::Kind::Delegate:
          i = size_t(h.resume) - 1;  // continue with the handlers around the target label
          continue;
        case Handler::Kind::Catch: case Handler::Kind::CatchRef:
        case Handler::Kind::LegacyCatch:
          if (t.module->tags[h.tag] != x.tag) continue;
          break;
        default: break;
      }
      catch_at(t, h, exn);
      return true;
    }
    if (t.depth == t.entry_depth) {
      t.exn = exn;
      return false;
    }
    const Frame& f = t.frames[t.depth - 1];
    t.code = f.code;
    t.module = f.module;
    t.base = f.base;
    t.pc = f.pc - 1;  // the call instruction
    --t.depth;
  }
}

// spec: the host function rule of Step_read/call-addr (exec/instructions.rst, "Host Functions").
// A C++ exception thrown by the host becomes a trap with its message.
Status call_host(Thread& t, FuncInst& f) {
  const FuncType& ft = *f.functype;
  size_t n = ft.params.size();
  std::vector<Value> args(n);
  for (size_t i = 0; i < n; ++i) {
    const Slot& s = t.values[t.sp - n + i];
    args[i].kind = ft.params[i].kind;
    args[i].bits = s.lo;
    std::memcpy(args[i].v128.data(), &s, 16);
  }
  Outcome out;
  try {
    out = f.host(args);
  } catch (const std::exception& e) {
    t.message = e.what();
    return Status::Trap;
  } catch (...) {
    t.message = "host function failed";
    return Status::Trap;
  }
  switch (out.status) {
    case Outcome::Status::Trap: t.message = out.message; return Status::Trap;
    case Outcome::Status::Exhaustion: t.message = out.message; return Status::Exhaustion;
    case Outcome::Status::Exception: {  // the host throws a wasm exception of tag out.tag
      auto [addr, x] = t.store.exns.emplace();
      t.exn = make_ref(RefKind::Exn, uint32_t(addr));
      x.tag = out.tag;
      for (const Value& v : out.values) x.fields.push_back(to_slot(v));
      return Status::Exception;
    }
    case Outcome::Status::Values: break;
  }
  t.sp -= uint32_t(n);
  t.reserve(uint32_t(out.values.size()) + 16);
  for (size_t i = 0; i < out.values.size() && i < ft.results.size(); ++i) {
    ValKind k = ft.results[i].kind;
    Slot s{k == ValKind::I32 || k == ValKind::F32 ? uint32_t(out.values[i].bits) : out.values[i].bits, 0};
    if (ft.results[i].kind == ValKind::V128) std::memcpy(&s, out.values[i].v128.data(), 16);
    t.values[t.sp++] = s;
  }
  return Status::Running;
}

}  // namespace wasm::interp::exec
