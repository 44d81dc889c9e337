// --trace (interpreter/trace.h). The loop calls trace_before before every op: the step of the
// previous op is printed then, when its result is on the stack, followed by the steps lowering
// compiled away (labels entered and left, `nop`), found in the trace table of the code where
// control arrives (Code::trace).
#include "interpreter/trace.h"

#include <algorithm>

#include "interpreter/config.h"
#include "spec/error.h"
#include "spec/opcode.h"

namespace wasm::interp {
namespace {

// The spec rule a lowered op performs: SpecTec's Step_pure/Step_read/Step names.
std::string rule_of(const Op& op) {
  switch (op.code) {
    case kJump:
    case kJumpBack:
    case kBrKeep:
    case kBrKeepBack: return "Step_pure/br";
    case kJumpUnless: return "Step_pure/if";
    case kJumpIf:
    case kBrIfKeep:
    case kJumpIfBack:
    case kBrIfKeepBack: return "Step_pure/br_if";
    case kReturnOp: return "Step_pure/return";
    case kTrapOp: return "Step_pure/trap";
    case kGlobalGetLocal: return "Step_read/global.get";
    case kGlobalSetLocal: return "Step/global.set";
    default: break;
  }
  if (op.code >= kOpcodeCount) return "?";
  const OpInfo& i = info(Opcode(op.code));
  std::string_view text = i.text, sig = i.sig;
  std::string_view name = text.substr(text.find('.') + 1);
  if (i.align >= 0) {
    bool store = text.find("store") != std::string_view::npos;
    bool packed = text.find("8") != std::string_view::npos ||
                  text.find("16") != std::string_view::npos ||
                  (text.find("32") != std::string_view::npos && text.starts_with("i64"));
    if (text.starts_with("v128")) return store ? "Step/vstore-val" : "Step_read/vload-val";
    if (i.prefix == 0xFE) return cat("Step/", text);  // threads: not in the 3.0 rules
    return cat(store ? "Step/store-" : "Step_read/load-", packed ? "pack" : "num", "-val");
  }
  if (!sig.empty() && i.prefix != 0xFD && i.prefix != 0xFE) {
    size_t arrow = sig.find('>');
    static constexpr std::string_view kRel[] = {"eq",   "ne",   "lt",   "lt_s", "lt_u",
                                                "gt",   "gt_s", "gt_u", "le",   "le_s",
                                                "le_u", "ge",   "ge_s", "ge_u"};
    if (arrow == 0 && text.find("const") != std::string_view::npos) return "Step_pure/const";
    if (arrow == 1 && name == "eqz") return "Step_pure/testop";
    if (arrow == 1) return sig[0] == sig[2] ? "Step_pure/unop-val" : "Step_pure/cvtop-val";
    if (arrow == 2 && std::find(std::begin(kRel), std::end(kRel), name) != std::end(kRel))
      return "Step_pure/relop";
    if (arrow == 2) return "Step_pure/binop-val";
  }
  // Which relation reduces it: SpecTec's Step_pure (no state), Step_read (reads the state) or
  // Step (changes it).
  static constexpr std::string_view kRead[] = {
      "local.get",          "global.get",      "table.get",      "table.size",    "memory.size",
      "ref.null",           "ref.func",        "struct.get",     "struct.get_s",  "struct.get_u",
      "struct.new_default", "array.get",       "array.get_s",    "array.get_u",   "array.len",
      "array.new_default",  "array.new_data",  "array.new_elem", "array.fill",    "array.copy",
      "array.init_data",    "array.init_elem", "ref.test",       "ref.test_desc", "ref.cast",
      "ref.cast_desc",      "memory.fill",     "memory.copy",    "memory.init",   "table.fill",
      "table.copy",         "table.init",      "throw_ref"};
  static constexpr std::string_view kWrite[] = {
      "local.set", "global.set", "table.set",  "table.grow", "memory.grow",     "elem.drop",
      "data.drop", "struct.new", "struct.set", "array.set",  "array.new_fixed", "throw"};
  auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), text) != std::end(list);
  };
  if (in(kRead)) return cat("Step_read/", text);
  if (in(kWrite) || i.prefix == 0xFE) return cat("Step/", text);
  return cat("Step_pure/", text);
}

// The rule of a step that traps: a `-val` rule's `-trap` twin, an access's `-oob` one.
std::string trap_rule(const Op& op) {
  std::string r = rule_of(op);
  if (!r.ends_with("-val")) return r;
  bool access = r.starts_with("Step/store-") || r.starts_with("Step_read/load-") ||
                r.starts_with("Step/vstore") || r.starts_with("Step_read/vload");
  return r.substr(0, r.size() - 4) + (access ? "-oob" : "-trap");
}

// A memory store's width in bytes (its name or its natural alignment).
uint32_t store_width(Opcode op) {
  std::string_view text = info(op).text;
  if (text.ends_with("store8") || text.ends_with("8_lane")) return 1;
  if (text.ends_with("store16") || text.ends_with("16_lane")) return 2;
  if (text.ends_with("store32") || text.ends_with("32_lane")) return 4;
  if (text.ends_with("64_lane")) return 8;
  return 1u << info(op).align;
}
bool is_store(uint16_t code) {
  if (code >= kOpcodeCount) return false;
  const OpInfo& i = info(Opcode(code));
  return i.align >= 0 && i.text.find("store") != std::string_view::npos;
}

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

std::string ref_text(uint64_t r) {
  if (is_null(r)) return "(ref.null)";
  std::string inner;
  uint64_t i = internalize(r);
  switch (ref_kind(i)) {
    case RefKind::Func: inner = cat("(ref.func_addr ", ref_payload(i), ")"); break;
    case RefKind::Struct: inner = cat("(ref.struct_addr ", ref_payload(i), ")"); break;
    case RefKind::Array: inner = cat("(ref.array_addr ", ref_payload(i), ")"); break;
    case RefKind::I31: inner = cat("(ref.i31_num ", i31_get_u(i), ")"); break;
    case RefKind::Exn: inner = cat("(ref.exn_addr ", ref_payload(i), ")"); break;
    case RefKind::Host: inner = cat("(ref.host_addr ", ref_payload(i), ")"); break;
    case RefKind::WaitQueue: inner = cat("(ref.waitqueue_addr ", ref_payload(i), ")"); break;
    default: inner = hex(r); break;
  }
  return is_externalized(r) ? "(ref.extern " + inner + ")" : inner;
}

// A value as the spec writes it: (i32.const 5), (ref.func_addr 3); untyped: its bits.
std::string value_text(const Slot& v, const ValType* t, const TextForms* text) {
  if (t == nullptr) return hex(v.lo);
  switch (t->kind) {
    case ValKind::I32: return cat("(i32.const ", int32_t(v.lo), ")");
    case ValKind::I64: return cat("(i64.const ", int64_t(v.lo), ")");
    case ValKind::F32:
      return "(f32.const " + (text ? text->f32(uint32_t(v.lo)) : hex(uint32_t(v.lo))) + ")";
    case ValKind::F64: return "(f64.const " + (text ? text->f64(v.lo) : hex(v.lo)) + ")";
    case ValKind::V128: {
      std::string s = "(v128.const i32x4";
      for (int i = 0; i < 4; ++i) s += " " + hex(uint32_t((i < 2 ? v.lo : v.hi) >> (32 * (i % 2))));
      return s + ")";
    }
    default: return ref_text(v.lo);
  }
}

// Where control is when an op is about to run.
struct Here {
  const Code* code;
  uint32_t pc;
  const Slot* sp;
  const Slot* base;
  uint32_t depth;  // frames above the invocation's
};

// One printed step.
struct Line {
  Line(std::string r, std::string i, uint32_t in, bool st = true, std::string e = {})
      : rule(std::move(r)), instr(std::move(i)), indent(in), stack(st), effect(std::move(e)) {}
  std::string rule, instr;
  uint32_t indent = 0;
  bool stack = true;   // show the operand stack after the step
  std::string effect;  // a store's, a trap's message, a frame's locals
  std::vector<std::string> stack_values;
};

class Tracer {
 public:
  explicit Tracer(Thread& t) : t_(t), out_(t.options.trace) {}

  void invoked(const Here& h) {
    const CodeTrace& ct = *h.code->trace;
    uint32_t n = h.code->results;
    print(Line{"Step_read/call_ref-func",
               cat("invoke ", ct.func, " ~> ", frame_text(*h.code), " label_", n, "{}"), 0, false,
               locals_text(h)},
          h);
    play(h, ct.points[h.pc].events);
  }

  // The step of the op in `st`, which led to `h`.
  void after(const Thread::TraceState& st, const Here& h) {
    const Code& code = *st.code;
    const CodeTrace& ct = *code.trace;
    const TracePoint& p = ct.points[st.pc];
    const Op& op = code.ops[st.pc];
    bool same = h.code == st.code && h.depth == st.depth;
    bool fell = same && h.pc == st.pc + 1;
    uint32_t ind = indent(code, p.label, st.depth);
    switch (op.code) {
      case kJumpUnless: {  // spec: Step_pure/if-true, Step_pure/if-false
        const TracePoint& next = ct.points[st.pc + 1];
        uint32_t l = next.events < next.events_end ? ct.events[next.events].label : 0;
        const TraceLabel& lab = ct.labels[l];
        bool taken = uint32_t(st.top) == 0;
        print(Line{taken ? "Step_pure/if-false" : "Step_pure/if-true", "if ~> block", ind}, h);
        if (!taken) {
          play(h, ct.points[h.pc].events);
        } else if (lab.has_else) {
          play(h, find(h, TraceEvent::Kind::EnterElse, l));
        } else {
          print(Line{"Step_read/block", block_text(lab), ind}, h);
          play(h, find(h, TraceEvent::Kind::Exit, l));
        }
        return;
      }
      case kReturnOp: return returned(st, p, h, ind);
      case uint16_t(Opcode::Call):
      case uint16_t(Opcode::CallIndirect):
      case uint16_t(Opcode::CallRef):
      case uint16_t(Opcode::ReturnCall):
      case uint16_t(Opcode::ReturnCallIndirect):
      case uint16_t(Opcode::ReturnCallRef): return called(st, p, op, h, ind);
      default: break;
    }
    if (p.text.empty() && p.exits != ~0u) {  // the added jump to a label's end: already left
      play(h, after_exit(h, p.exits));
      return;
    }
    if (!p.branch.empty()) {
      std::optional<uint32_t> taken = branch_taken(st, op, p, fell);
      if (taken) {
        if (std::string first = branch_rule(op, true); !first.empty())
          print(Line{first, p.text + " ~> br " + std::to_string(*taken), ind, false}, h);
        uint32_t target = branch_steps(code, p.label, *taken, ind, h);
        arrive(h, target);
      } else {
        print(Line{branch_rule(op, false), p.text, ind}, h);
        play(h, ct.points[h.pc].events);
      }
      return;
    }
    print(Line{rule_of(op), p.text, ind, true, effect(st, op)}, h);
    if (fell)
      play(h, ct.points[h.pc].events);
    else
      caught(h);
  }

  // An exception moved control to h, a handler's target (spec: Step_read/throw_ref-handler-*):
  // a try_table's catch branches to its label; a legacy catch runs in the try's.
  void caught(const Here& h) {
    const CodeTrace& ct = *h.code->trace;
    const std::vector<Handler>& hs = h.code->handlers;
    for (size_t i = 0; i < hs.size(); ++i) {
      if (hs[i].target.pc != h.pc) continue;
      bool branch = hs[i].kind <= Handler::Kind::CatchAllRef && i < ct.handler_labels.size();
      print(Line{"Step_read/throw_ref-handler-catch",
                 branch ? "throw_ref ~> br" : "throw_ref ~> catch",
                 indent(*h.code, ct.points[h.pc].label, h.depth)},
            h);
      if (branch) arrive(h, ct.handler_labels[i]);
      return;
    }
  }

  // The loop stopped after the op in `st` with status s.
  void ended(const Thread::TraceState& st, Status s) {
    const Code& code = *st.code;
    const CodeTrace& ct = *code.trace;
    const TracePoint& p = ct.points[st.pc];
    const Op& op = code.ops[st.pc];
    uint32_t ind = indent(code, p.label, st.depth);
    Here h{t_.code, t_.pc, t_.values.data() + t_.sp, t_.values.data() + t_.base, st.depth};
    switch (s) {
      case Status::Done:
        if (op.code == kReturnOp) returned(st, p, h, ind, true);
        return;
      case Status::Trap: {
        print(Line{trap_rule(op), p.text, ind, false, cat("trap \"", t_.message, "\"")}, h);
        unwind(code, p.label, st.depth, "trap");
        return;
      }
      case Status::Exhaustion: print(Line{"exhaustion", p.text, ind, false, t_.message}, h); return;
      case Status::Exception:
        print(Line{rule_of(op), p.text, ind, false, "uncaught exception"}, h);
        return;
      case Status::Running: return;
    }
  }

 private:
  static uint32_t label_depth(const CodeTrace& ct, uint32_t l) {
    uint32_t d = 0;
    for (; l != 0; l = ct.labels[l].parent) ++d;
    return d;
  }
  // Two columns per frame and label the step happens in (the function body's label counts).
  uint32_t indent(const Code& code, uint32_t label, uint32_t depth) const {
    return depth * 2 + label_depth(*code.trace, label) + 1;
  }
  static std::string label_text(const TraceLabel& l) {
    return cat("label_", l.arity, "{", l.loop ? l.text + " ..." : std::string(), "}");
  }
  static std::string block_text(const TraceLabel& l) {
    std::string text = l.text;
    if (text.starts_with("if")) text = "block" + text.substr(2);
    return text + " ~> " + label_text(l);
  }
  static std::string frame_text(const Code& c) {
    return cat("frame_", c.results, "{", c.trace->func, "}");
  }
  std::string locals_text(const Here& h) const {
    if (h.code->locals == 0) return {};
    std::string s = "locals";
    const CodeTyping* ty = h.code->typing.get();
    for (uint32_t i = 0; i < h.code->locals; ++i) {
      const ValType* t = ty && i < ty->locals.size() ? &ty->locals[i] : nullptr;
      s += " " + value_text(h.base[i], t, t_.options.text_forms);
    }
    return s;
  }

  // The index of the first event of h's point that matches, or the end.
  uint32_t find(const Here& h, TraceEvent::Kind kind, uint32_t label) const {
    const CodeTrace& ct = *h.code->trace;
    const TracePoint& p = ct.points[h.pc];
    for (uint32_t i = p.events; i < p.events_end; ++i)
      if (ct.events[i].kind == kind && ct.events[i].label == label) return i;
    return p.events_end;
  }
  uint32_t after_exit(const Here& h, uint32_t label) const {
    uint32_t i = find(h, TraceEvent::Kind::Exit, label);
    return i < h.code->trace->points[h.pc].events_end ? i + 1 : i;
  }
  // A branch to `target` arrives at h: a loop's label is entered again, a block's was left.
  void arrive(const Here& h, uint32_t target) {
    const CodeTrace& ct = *h.code->trace;
    play(h,
         ct.labels[target].loop ? find(h, TraceEvent::Kind::Enter, target) : after_exit(h, target));
  }

  // The events of h's point from index `from`: the steps before its op runs.
  void play(const Here& h, uint32_t from) {
    const CodeTrace& ct = *h.code->trace;
    const TracePoint& p = ct.points[h.pc];
    for (uint32_t i = from; i < p.events_end; ++i) {
      const TraceEvent& e = ct.events[i];
      const TraceLabel& l = ct.labels[e.label];
      switch (e.kind) {
        case TraceEvent::Kind::Silent:
          print(Line{e.text == "nop" ? "Step_pure/nop" : "Step_pure/" + e.text, e.text,
                     indent(*h.code, e.label, h.depth)},
                h);
          break;
        case TraceEvent::Kind::Enter:
        case TraceEvent::Kind::EnterElse: {
          std::string rule = l.loop                            ? "Step_read/loop"
                             : l.text.starts_with("try_table") ? "Step_read/try_table"
                                                               : "Step_read/block";
          std::string text = l.loop ? l.text + " ~> " + label_text(l) : block_text(l);
          print(Line{rule, text, indent(*h.code, l.parent, h.depth)}, h);
          break;
        }
        case TraceEvent::Kind::Exit:
          if (e.label == 0) break;  // the function's end: frame-vals follows at its return
          print(Line{"Step_pure/label-vals", label_text(l) + " val* ~> val*",
                     indent(*h.code, l.parent, h.depth)},
                h);
          break;
      }
    }
  }

  static std::string branch_rule(const Op& op, bool taken) {
    switch (op.code) {
      case kJumpIf:
      case kBrIfKeep:
      case kJumpIfBack:
      case kBrIfKeepBack: return taken ? "Step_pure/br_if-true" : "Step_pure/br_if-false";
      case uint16_t(Opcode::BrTable): return "Step_pure/br_table-lt";
      case uint16_t(Opcode::BrOnNull):
        return taken ? "Step_pure/br_on_null-null" : "Step_pure/br_on_null-addr";
      case uint16_t(Opcode::BrOnNonNull):
        return taken ? "Step_pure/br_on_non_null-addr" : "Step_pure/br_on_non_null-null";
      case uint16_t(Opcode::BrOnCast):
      case uint16_t(Opcode::BrOnCastDescEq):
        return taken ? "Step_read/br_on_cast-succeed" : "Step_read/br_on_cast-fail";
      case uint16_t(Opcode::BrOnCastFail):
      case uint16_t(Opcode::BrOnCastDescEqFail):
        return taken ? "Step_read/br_on_cast_fail-fail" : "Step_read/br_on_cast_fail-succeed";
      default: return {};  // br itself: only its label steps
    }
  }
  // The label index a branch op took, or nothing when it fell through.
  static std::optional<uint32_t> branch_taken(const Thread::TraceState& st, const Op& op,
                                              const TracePoint& p, bool fell) {
    switch (op.code) {
      case kJumpIf:
      case kBrIfKeep:
      case kJumpIfBack:
      case kBrIfKeepBack: return uint32_t(st.top) != 0 ? std::optional(p.branch[0]) : std::nullopt;
      case uint16_t(Opcode::BrTable): {
        size_t n = p.branch.size() - 1;
        return p.branch[std::min<size_t>(uint32_t(st.top), n)];
      }
      case uint16_t(Opcode::BrOnNull):
        return is_null(st.top) ? std::optional(p.branch[0]) : std::nullopt;
      case uint16_t(Opcode::BrOnNonNull):
        return !is_null(st.top) ? std::optional(p.branch[0]) : std::nullopt;
      case kJump:
      case kBrKeep:
      case kJumpBack:
      case kBrKeepBack: return p.branch[0];
      default: return fell ? std::nullopt : std::optional(p.branch[0]);  // br_on_cast*
    }
  }
  // spec: Step_pure/br-label-succ, Step_pure/br-label-zero — `br l` leaves l + 1 labels from
  // `label` outward; returns the label branched to.
  uint32_t branch_steps(const Code& code, uint32_t label, uint32_t l, uint32_t ind, const Here& h,
                        bool stack = true) {
    const CodeTrace& ct = *code.trace;
    for (uint32_t i = l; i > 0; --i, label = ct.labels[label].parent, --ind)
      print(
          Line{"Step_pure/br-label-succ",
               cat(label_text(ct.labels[label]), " (br ", i, ") ~> (br ", i - 1, ")"), ind, false},
          h);
    const TraceLabel& target = ct.labels[label];
    print(Line{"Step_pure/br-label-zero",
               cat(label_text(target), " (br 0) ~> ",
                   target.loop ? target.text : "val^" + std::to_string(target.arity)),
               ind - (ind > 0 ? 1 : 0), stack},
          h);
    return label;
  }

  // A call: the call's step, then the callee's frame (a wasm function) or its results (host).
  void called(const Thread::TraceState& st, const TracePoint& p, const Op& op, const Here& h,
              uint32_t ind) {
    bool tail = op.code == uint16_t(Opcode::ReturnCall) ||
                op.code == uint16_t(Opcode::ReturnCallIndirect) ||
                op.code == uint16_t(Opcode::ReturnCallRef);
    bool entered =
        h.pc == 0 && (h.depth == st.depth + 1 || (tail && h.depth == st.depth)) && h.code->trace;
    std::string rule = op.code == uint16_t(Opcode::Call)           ? "Step_read/call"
                       : op.code == uint16_t(Opcode::ReturnCall)   ? "Step_read/return_call"
                       : op.code == uint16_t(Opcode::CallIndirect) ? "Step_pure/call_indirect"
                       : op.code == uint16_t(Opcode::ReturnCallIndirect)
                           ? "Step_pure/return_call_indirect"
                           : "";
    if (!rule.empty())
      print(Line{rule, p.text + (tail ? " ~> return_call_ref" : " ~> call_ref"), ind, false}, h);
    if (tail && entered)
      print(Line{"Step_read/return_call_ref-frame-addr", "return_call_ref ~> call_ref", ind, false},
            h);
    if (entered) {
      uint32_t n = h.code->results;
      print(Line{"Step_read/call_ref-func",
                 cat("call_ref ~> ", frame_text(*h.code), " label_", n, "{}"),
                 indent(*h.code, 0, h.depth) - 1, false, locals_text(h)},
            h);
      play(h, h.code->trace->points[h.pc].events);
      return;
    }
    print(Line{"Step_read/call_ref-func", "call_ref ~> (host function)", ind}, h);
    if (h.code == st.code && h.pc == st.pc + 1) play(h, h.code->trace->points[h.pc].events);
  }

  // kReturnOp: the function's end (frame-vals), `return` (return-label, return-frame), or a
  // branch to the function's label; h is in the caller (or `done`: the invocation's end).
  void returned(const Thread::TraceState& st, const TracePoint& p, const Here& h, uint32_t ind,
                bool done = false) {
    const Code& code = *st.code;
    const CodeTrace& ct = *code.trace;
    uint32_t frame_ind = indent(code, 0, st.depth) - 1;
    std::string frame = frame_text(code);
    std::string vals = cat("val^", code.results);
    Here shown = done ? Here{&code, st.pc, h.sp, h.base, st.depth} : h;
    if (p.text == "return") {
      for (uint32_t l = p.label;; l = ct.labels[l].parent, --ind) {
        print(Line{"Step_pure/return-label", label_text(ct.labels[l]) + " return ~> return", ind,
                   false},
              shown);
        if (l == 0) break;
      }
      print(Line{"Step_pure/return-frame", cat(frame, " return ~> ", vals), frame_ind, true}, shown,
            done);
    } else {
      if (!p.text.empty())  // the frame's stack is shown once it is left
        branch_steps(code, p.label, p.branch.empty() ? 0 : p.branch[0], ind, shown, false);
      else
        print(Line{"Step_pure/label-vals", label_text(ct.labels[0]) + " val* ~> val*",
                   frame_ind + 1, false},
              shown);
      print(Line{"Step_pure/frame-vals", cat(frame, " ", vals, " ~> ", vals), frame_ind, true},
            shown, done);
    }
    if (!done && h.code->trace) play(h, h.code->trace->points[h.pc].events);
  }

  // spec: Step_pure/trap-label, Step_pure/trap-frame, through every frame of the invocation.
  void unwind(const Code& code, uint32_t label, uint32_t depth, std::string_view what) {
    const Code* c = &code;
    for (uint32_t d = depth + 1; d-- > 0;) {
      const CodeTrace* ct = c->trace.get();
      if (ct == nullptr) return;
      uint32_t ind = indent(*c, label, d);
      for (uint32_t l = label;; l = ct->labels[l].parent, --ind) {
        line(Line{cat("Step_pure/", what, "-label"), label_text(ct->labels[l]) + " trap ~> trap",
                  ind, false});
        if (l == 0) break;
      }
      line(Line{cat("Step_pure/", what, "-frame"), frame_text(*c) + " trap ~> trap", ind - 1,
                false});
      if (d == 0) return;
      const Frame& f = t_.frames[t_.entry_depth + d - 1];
      c = f.code;
      if (c == nullptr || !c->trace || f.pc == 0) return;
      label = c->trace->points[f.pc - 1].label;
    }
  }

  std::string effect(const Thread::TraceState& st, const Op& op) const {
    if (is_store(op.code) && st.module != nullptr && op.a < st.module->mem_ptrs.size()) {
      const MemInst& m = *st.module->mem_ptrs[op.a];
      uint32_t w = store_width(Opcode(op.code));
      if (st.address > m.bytes() || w > m.bytes() - st.address) return {};
      std::string s =
          cat(op.a == 0 ? "mem" : cat("mem", op.a), "[", st.address, "..", st.address + w, "] :=");
      char b[4];
      for (uint32_t i = 0; i < w; ++i) {
        std::snprintf(b, sizeof b, " %02x", m.data[st.address + i]);
        s += b;
      }
      return s;
    }
    if (op.code == uint16_t(Opcode::TableSet) && st.module != nullptr &&
        op.a < st.module->table_ptrs.size()) {
      const TableInst& tab = *st.module->table_ptrs[op.a];
      if (st.address >= tab.refs.size()) return {};
      return cat("table ", op.a, "[", st.address, "] := ", ref_text(tab.refs[st.address]));
    }
    if (op.code == uint16_t(Opcode::GlobalSet) || op.code == kGlobalSetLocal) {
      GlobalInst& g = *reinterpret_cast<GlobalInst*>(op.bc());
      const Slot& v = op.code == kGlobalSetLocal ? t_.store.thread_local_value(g) : g.value;
      const std::string& text = st.code->trace->points[st.pc].text;
      return cat("global ", text.substr(text.find(' ') + 1),
                 " := ", value_text(v, &g.type.type, t_.options.text_forms));
    }
    return {};
  }

  // Prints a line with the operand stack of h (or, at the end, the results).
  void print(Line l, const Here& h, bool results = false) {
    if (l.stack) l.stack_values = stack_text(h, results);
    line(l);
  }
  std::vector<std::string> stack_text(const Here& h, bool results) const {
    const Code& c = *h.code;
    const Slot* from = results ? h.base : h.base + c.locals;
    std::vector<std::string> out;
    if (h.sp < from) return out;
    size_t height = size_t(h.sp - from);
    const std::vector<ValType>* types = nullptr;
    if (const CodeTyping* ty = c.typing.get()) {
      if (results)
        types = &ty->results;
      else if (h.pc < ty->stack.size() && ty->known[h.pc])
        types = &ty->stack[h.pc];
    }
    if (types && types->size() != height) types = nullptr;
    for (size_t i = 0; i < height; ++i)
      out.push_back(value_text(from[i], types ? &(*types)[i] : nullptr, t_.options.text_forms));
    return out;
  }

  void line(const Line& l) {
    ++t_.trace.steps;
    if (t_.options.trace_format == TraceFormat::Json) return json_line(l);
    std::string s(2 * l.indent, ' ');
    s += l.rule;
    s.resize(std::max(s.size() + 1, size_t(2 * l.indent + 30)), ' ');
    s += l.instr;
    std::string tail;
    if (l.stack) {
      size_t n = l.stack_values.size(), first = n > 8 ? n - 8 : 0;
      if (first > 0) tail += " ...";
      for (size_t i = first; i < n; ++i) tail += " " + l.stack_values[i];
    }
    if (!l.effect.empty()) tail += (tail.empty() ? " " : "  ") + l.effect;
    if (!tail.empty()) {
      s.resize(std::max(s.size() + 1, size_t(2 * l.indent + 64)), ' ');
      s += ";;" + tail;
    }
    s += '\n';
    std::fputs(s.c_str(), out_);
  }
  static std::string json_string(std::string_view v) {
    std::string s = "\"";
    for (char c : v) {
      if (c == '"' || c == '\\')
        s += '\\', s += c;
      else if (uint8_t(c) < 0x20)
        s += cat("\\u00", "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]);
      else
        s += c;
    }
    return s + "\"";
  }
  void json_line(const Line& l) {
    std::string s = cat("{\"step\":", t_.trace.steps, ",\"depth\":", l.indent,
                        ",\"rule\":", json_string(l.rule), ",\"instr\":", json_string(l.instr));
    if (l.stack) {
      s += ",\"stack\":[";
      for (size_t i = 0; i < l.stack_values.size(); ++i)
        s += (i ? "," : "") + json_string(l.stack_values[i]);
      s += "]";
    }
    if (!l.effect.empty()) s += ",\"effect\":" + json_string(l.effect);
    s += "}\n";
    std::fputs(s.c_str(), out_);
  }

  Thread& t_;
  std::FILE* out_;
};

// --trace=ops: [depth] pc: rule op ;; the top of the operand stack (at most 3 slots, untyped).
void ops_line(const Thread& t, const Code& code, uint32_t pc, const Slot* sp, const Slot* base) {
  const Op& op = code.ops[pc];
  std::string_view name =
      op.code < kOpcodeCount ? info(Opcode(op.code)).text : internal_op_name(op.code);
  std::string rule = rule_of(op);
  std::fprintf(t.options.trace, "[%u] %4u: %-24s %-20.*s ;;", t.depth - t.entry_depth, pc,
               rule.c_str(), int(name.size()), name.data());
  long height = long(sp - base);
  for (long i = height > 3 ? height - 3 : 0; i < height; ++i)
    std::fprintf(t.options.trace, " 0x%llx", static_cast<unsigned long long>(base[i].lo));
  std::fputc('\n', t.options.trace);
}

}  // namespace

void trace_before(Thread& t, const Code& code, uint32_t pc, const Slot* sp, const Slot* base,
                  ModuleInst* module) {
  if (t.options.trace_format == TraceFormat::Ops) return ops_line(t, code, pc, sp, base);
  if (!code.trace) return;  // a constant expression, or lowered without a trace table
  Thread::TraceState& st = t.trace;
  Here h{&code, pc, sp, base, t.depth - t.entry_depth};
  Tracer tr(t);
  if (st.code == nullptr)
    tr.invoked(h);
  else
    tr.after(st, h);
  const Op& op = code.ops[pc];
  st.code = &code;
  st.pc = pc;
  st.depth = h.depth;
  st.module = module;
  st.top = sp > base + code.locals ? sp[-1].lo : 0;
  bool two = sp - 2 >= base + code.locals;
  st.address = !two                                    ? 0
               : is_store(op.code)                     ? sp[-2].lo + op.bc()
               : op.code == uint16_t(Opcode::TableSet) ? sp[-2].lo  // the slot
                                                       : 0;
}

void trace_end(Thread& t, Status s) {
  if (t.options.trace == nullptr || t.options.trace_format == TraceFormat::Ops ||
      s == Status::Running)
    return;
  Thread::TraceState& st = t.trace;
  if (st.code == nullptr) return;
  Tracer(t).ended(st, s);
  st.code = nullptr;
}

}  // namespace wasm::interp
