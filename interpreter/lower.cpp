// Lowering: validated structured code -> flat code with resolved branch targets.
//
// deviation: the spec reduces `block`/`loop`/`if` to LABEL_n{...} terms and lets BR l bubble
// out through l labels. Here each label becomes a target {pc, height, arity}: a branch keeps
// the top `arity` slots, cuts the stack to `height` and jumps, which is the same final state as
// the spec's Step_pure/br-label-* rules. `if` becomes a conditional jump, `else` a jump, and
// code after unreachable/br/br_table/return/throw (never executed) is dropped. try_table and
// legacy try/catch/delegate become handler-table entries (interpreter/code.h) searched by pc.
//
// Heights are exact because the input is valid: each instruction's stack effect is known from
// the opcode table's signature or from its type immediates.
#include "interpreter/lower.h"

#include <cassert>

#include "interpreter/fuse.h"
#include "spec/located_access.h"
#include "spec/opcode.h"
#include "spec/walk.h"

namespace wasm::interp {
namespace {

enum class CtrlKind : uint8_t { Func, Block, Loop, If, Try, TryTable };

struct Fixup {
  enum class Kind : uint8_t { Op, Table, Handler } kind;
  uint32_t index;
};

// A structured instruction being lowered (the lowering's control stack; no C++ recursion).
struct Ctrl {
  CtrlKind kind = CtrlKind::Block;
  const Instr* instr = nullptr;
  const Expr* body = nullptr;
  size_t pos = 0;
  uint32_t part = 0;       // If: 0 then, 1 else; Try: 0 body, 1.. catches, then catch_all
  uint32_t height = 0;     // stack height below the block's parameters
  uint32_t params = 0, results = 0;
  uint32_t loop_pc = 0;    // Loop: the label's pc
  uint32_t begin = 0;      // Try, TryTable: first pc of the body
  uint32_t branch = 0;     // If: the kJumpUnless op
  uint32_t first_catch_handler = 0;  // Try: the entry of the first catch clause
  bool unreachable = false;
  uint32_t trace_label = 0;        // trace table: its TraceLabel
  std::vector<ValType> below, out;  // checking mode and trace: the operand types under the
                                    // block's parameters, and its results
  std::vector<Fixup> fixups;       // uses of the end pc
  std::vector<uint32_t> delegates;  // Delegate entries whose resume index is this block's end
};

class Lowerer {
 public:
  Lowerer(const Store& s, const ModuleInst& m, const StackTypes* typing = nullptr,
          const TraceNames* trace = nullptr)
      : types_(s.types()), module_(m), typing_(typing), trace_(trace) {}

  std::unique_ptr<Code> run(const Expr& body, uint32_t params, uint32_t locals, uint32_t results,
                            uint32_t func = 0);

 private:
  const FuncType& func_type(TypeIdx x) const { return types_.expand(module_.types[x]).func; }
  std::pair<uint32_t, uint32_t> block_type(const BlockType& bt) const;
  void pop(uint32_t n) { assert(h_ >= n); h_ -= n; }
  void push(uint32_t n) {
    h_ += n;
    if (h_ > code_->max_height) code_->max_height = h_;
  }
  uint32_t pc() const { return uint32_t(code_->ops.size()); }
  Op& emit(uint16_t op, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint16_t x = 0) {
    if (pending_ != nullptr) record_types();
    else if (code_->typing && code_->trace) record_end_types();
    if (code_->trace) record_point();
    code_->ops.push_back(Op{op, x, a, b, c});
    return code_->ops.back();
  }
  Op& emit(Opcode op, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint16_t x = 0) {
    return emit(uint16_t(op), a, b, c, x);
  }
  void emit_ptr(Opcode op, const void* p, uint32_t a = 0) { emit_ptr(uint16_t(op), p, a); }
  void emit_ptr(uint16_t code, const void* p, uint32_t a = 0) {
    emit(code, a).set_bc(reinterpret_cast<uint64_t>(p));
  }
  void unreachable() { ctrls_.back().unreachable = true; }
  void record_types();
  void record_end_types();
  std::vector<ValType> with_exception_slots(std::vector<ValType> s) const;
  // Trace table (Code::trace).
  void record_point();
  void trace_event(TraceEvent::Kind kind, uint32_t label, std::string text = {});
  void trace_exit_jump(const Ctrl& c);  // the Exit event, and the added jump that follows it
  std::string instr_text(const Instr& e) const;
  std::string label_ref(uint32_t l) const;  // br immediates: "$b", or the relative index
  std::vector<ValType> block_results(const BlockType& bt) const;
  static std::vector<uint32_t> branch_labels(const Instr& e);

  // Labels. `outside` skips the innermost frame (catch clauses and delegate are resolved in the
  // context enclosing their try).
  Ctrl& label(uint32_t l, bool outside = false) {
    return ctrls_[ctrls_.size() - 1 - l - (outside ? 1 : 0)];
  }
  static uint32_t arity(const Ctrl& c) { return c.kind == CtrlKind::Loop ? c.params : c.results; }
  Target target(Ctrl& c, Fixup::Kind kind, uint32_t index);
  void branch(uint32_t l, bool conditional);

  void instr(const Instr& e);
  void control(const Instr& e);
  void enter(CtrlKind kind, const Instr& e, const BlockType& bt, const Expr& body);
  void end_part();
  void end_block(Ctrl& f);
  void end_try_body(Ctrl& f);
  void resolve(Ctrl& f, uint32_t end_pc);
  void call(Opcode op, const FuncType& ft, bool tail, uint32_t extra);
  void other(const Instr& e);
  void aggregate(const Instr& e);
  void emit_struct_new(Opcode op, TypeIdx x, uint32_t fields);
  void plain(const Instr& e);
  void located_atomic(const Instr& e);
  void waitqueue(const Instr& e);
  uint16_t ref_type(const RefType& t);

  const TypeStore& types_;
  const ModuleInst& module_;
  std::unique_ptr<Code> code_;
  std::vector<Ctrl> ctrls_;
  uint32_t h_ = 0;
  // Checking mode: the validator's records, and the operand types before the instruction being
  // lowered, attached to the first op it emits.
  const StackTypes* typing_ = nullptr;
  const std::vector<ValType>* pending_ = nullptr;
  // Trace table: the names, the instruction being lowered (its text goes to its first op),
  // where the events of the next op begin, the structured instructions' label ordinals.
  const TraceNames* trace_ = nullptr;
  const NameMap::Indexed *func_names_ = nullptr, *local_names_ = nullptr, *label_names_ = nullptr;
  std::string pending_text_;
  uint32_t exits_ = ~0u;
  uint32_t events_mark_ = 0;
  std::unordered_map<const Instr*, uint32_t> ordinals_;
};

// Checking mode: the operand types before ops[pc()] are the validator's, plus the exception
// slot each enclosing legacy catch clause keeps at its block's height (an exnref).
void Lowerer::record_types() {
  CodeTyping& ty = *code_->typing;
  uint32_t at = pc();
  ty.stack.resize(at + 1);
  ty.known.resize(at + 1);
  ty.stack[at] = with_exception_slots(*pending_);
  ty.known[at] = 1;
  pending_ = nullptr;
}

std::vector<ValType> Lowerer::with_exception_slots(std::vector<ValType> s) const {
  for (const Ctrl& c : ctrls_)
    if (c.kind == CtrlKind::Try && c.part > 0 && c.height - code_->locals <= s.size())
      s.insert(s.begin() + (c.height - code_->locals), ValType::ref_of(true, HeapKind::Exn));
  return s;
}

// An op lowering adds (no instruction before it): the innermost block's part ends there, with
// its results above the operands under it.
void Lowerer::record_end_types() {
  CodeTyping& ty = *code_->typing;
  uint32_t at = pc();
  ty.stack.resize(at + 1);
  ty.known.resize(at + 1);
  const Ctrl& c = ctrls_.back();
  std::vector<ValType> s = c.below;
  s.insert(s.end(), c.out.begin(), c.out.end());
  ty.stack[at] = with_exception_slots(std::move(s));
  ty.known[at] = 1;
}

void Lowerer::record_point() {
  CodeTrace& tr = *code_->trace;
  TracePoint p;
  p.text = std::move(pending_text_);
  pending_text_.clear();
  p.label = ctrls_.back().trace_label;
  p.events = events_mark_;
  p.events_end = uint32_t(tr.events.size());
  p.exits = exits_;
  exits_ = ~0u;
  events_mark_ = p.events_end;
  tr.points.push_back(std::move(p));
}

void Lowerer::trace_event(TraceEvent::Kind kind, uint32_t label, std::string text) {
  if (code_->trace) code_->trace->events.push_back(TraceEvent{kind, label, std::move(text)});
}

void Lowerer::trace_exit_jump(const Ctrl& c) {
  if (!code_->trace) return;
  trace_event(TraceEvent::Kind::Exit, c.trace_label);
  exits_ = c.trace_label;
}

std::string Lowerer::label_ref(uint32_t l) const {
  const std::string& name = code_->trace->labels[ctrls_[ctrls_.size() - 1 - l].trace_label].name;
  return name.empty() ? std::to_string(l) : name;
}

// The instruction in the text format, with names where the module has them (spec/names.h).
std::string Lowerer::instr_text(const Instr& e) const {
  std::string_view op = info(e.op).text;
  auto with = [&](const std::string& imm) { return cat(op, " ", imm); };
  switch (e.op) {
    case Opcode::Call: case Opcode::ReturnCall: case Opcode::RefFunc:
      return with(trace_->names ? func_ref(*trace_->names, e.index()) : std::to_string(e.index()));
    case Opcode::LocalGet: case Opcode::LocalSet: case Opcode::LocalTee:
      return with(name_or_index(local_names_, e.index()));
    case Opcode::Br: case Opcode::BrIf: case Opcode::BrOnNull: case Opcode::BrOnNonNull:
      return with(label_ref(e.index()));
    case Opcode::BrTable: {
      std::string s(op);
      for (LabelIdx l : e.br_table().labels) s += " " + label_ref(l);
      return s + " " + label_ref(e.br_table().default_label);
    }
    default: break;
  }
  std::string text = trace_->text != nullptr ? trace_->text->instr(e) : std::string(op);
  if (e.op == Opcode::BrOnCast || e.op == Opcode::BrOnCastFail) {  // its label, named
    size_t a = text.find(' '), b = text.find(' ', a + 1);
    if (a != std::string::npos) text.replace(a + 1, b - a - 1, label_ref(e.br_on_cast().label));
  }
  return text;
}

std::vector<uint32_t> Lowerer::branch_labels(const Instr& e) {
  switch (e.op) {
    case Opcode::Br: case Opcode::BrIf: case Opcode::BrOnNull: case Opcode::BrOnNonNull:
      return {e.index()};
    case Opcode::BrOnCast: case Opcode::BrOnCastFail: case Opcode::BrOnCastDescEq:
    case Opcode::BrOnCastDescEqFail:
      return {e.br_on_cast().label};
    case Opcode::BrTable: {
      std::vector<uint32_t> out = e.br_table().labels;
      out.push_back(e.br_table().default_label);
      return out;
    }
    default: return {};
  }
}

std::vector<ValType> Lowerer::block_results(const BlockType& bt) const {
  switch (bt.kind) {
    case BlockType::Kind::Empty: return {};
    case BlockType::Kind::Value: return {bt.value};
    case BlockType::Kind::Index: return func_type(bt.index).results;
  }
  return {};
}

std::pair<uint32_t, uint32_t> Lowerer::block_type(const BlockType& bt) const {
  switch (bt.kind) {
    case BlockType::Kind::Empty: return {0, 0};
    case BlockType::Kind::Value: return {0, 1};
    case BlockType::Kind::Index: {
      const FuncType& ft = func_type(bt.index);
      return {uint32_t(ft.params.size()), uint32_t(ft.results.size())};
    }
  }
  return {0, 0};
}

std::unique_ptr<Code> Lowerer::run(const Expr& body, uint32_t params, uint32_t locals,
                                   uint32_t results, uint32_t func) {
  code_ = std::make_unique<Code>();
  if (typing_ != nullptr) {
    code_->typing = std::make_unique<CodeTyping>();
    code_->typing->func = func;
    if (auto it = typing_->bodies.find(&body); it != typing_->bodies.end()) {
      code_->typing->locals = it->second.locals;
      code_->typing->results = it->second.results;
    }
  }
  code_->params = params;
  code_->locals = locals;
  code_->results = results;
  h_ = locals;
  code_->max_height = locals;
  Ctrl f;
  f.kind = CtrlKind::Func;
  f.body = &body;
  f.height = locals;
  f.results = results;
  if (code_->typing) f.out = code_->typing->results;
  if (trace_ != nullptr) {
    code_->trace = std::make_unique<CodeTrace>();
    if (const NameMap* n = trace_->names) {
      auto find = [&](const std::map<uint32_t, NameMap::Indexed>& m) {
        auto it = m.find(func);
        return it == m.end() ? nullptr : &it->second;
      };
      func_names_ = &n->funcs;
      local_names_ = find(n->locals);
      label_names_ = find(n->labels);
    }
    code_->trace->func = trace_->names ? func_ref(*trace_->names, func) : std::to_string(func);
    TraceLabel own;  // the function body's label: label_m{} of the frame
    own.arity = results;
    code_->trace->labels.push_back(std::move(own));
    uint32_t ordinal = 0;
    for_each_instr(body, [&](const Instr& i) {
      if (detail::has_body(i)) ordinals_[&i] = ordinal++;
    });
  }
  ctrls_.push_back(std::move(f));
  while (!ctrls_.empty()) {
    Ctrl& c = ctrls_.back();
    if (c.unreachable || c.pos == c.body->size()) {
      pending_ = nullptr;
      end_part();
      continue;
    }
    const Instr& e = (*c.body)[c.pos++];
    if (typing_ != nullptr) {
      auto it = typing_->before.find(&e);
      pending_ = it == typing_->before.end() ? nullptr : &it->second;
    }
    if (code_->trace) {
      uint32_t at = pc();
      pending_text_ = detail::has_body(e) ? std::string() : instr_text(e);
      if (e.op == Opcode::If) pending_text_ = "if";
      instr(e);
      if (pc() > at) code_->trace->points[at].branch = branch_labels(e);
      if (pc() == at && !detail::has_body(e))  // nop: a step without an op
        trace_event(TraceEvent::Kind::Silent, ctrls_.back().trace_label, std::move(pending_text_));
      pending_text_.clear();
      continue;
    }
    instr(e);
  }
  if (code_->typing) {
    code_->typing->stack.resize(code_->ops.size());
    code_->typing->known.resize(code_->ops.size());
  }
  return std::move(code_);
}

// A branch target for label frame c, registering a fixup when its pc is not known yet.
Target Lowerer::target(Ctrl& c, Fixup::Kind kind, uint32_t index) {
  Target t{0, c.height, arity(c)};
  if (c.kind == CtrlKind::Loop) t.pc = c.loop_pc;
  else c.fixups.push_back({kind, index});
  return t;
}

// spec: Step_pure/br-*, Step_pure/br_if-*. A branch to the function's label is a return.
void Lowerer::branch(uint32_t l, bool conditional) {
  Ctrl& c = label(l);
  if (c.kind == CtrlKind::Func && !conditional) {
    emit(kReturnOp);
    return;
  }
  uint32_t n = arity(c);
  bool move = h_ - n != c.height;
  uint16_t op = conditional ? (move ? kBrIfKeep : kJumpIf) : (move ? kBrKeep : kJump);
  if (c.kind == CtrlKind::Loop)  // backward: the same op that also polls for an interrupt
    op = conditional ? (move ? kBrIfKeepBack : kJumpIfBack) : (move ? kBrKeepBack : kJumpBack);
  Target t = target(c, Fixup::Kind::Op, pc());
  emit(op, t.pc, t.height, t.arity);
}

void Lowerer::resolve(Ctrl& f, uint32_t end_pc) {
  for (const Fixup& x : f.fixups) {
    switch (x.kind) {
      case Fixup::Kind::Op: code_->ops[x.index].a = end_pc; break;
      case Fixup::Kind::Table: code_->br_tables[x.index].pc = end_pc; break;
      case Fixup::Kind::Handler: code_->handlers[x.index].target.pc = end_pc; break;
    }
  }
  f.fixups.clear();
  for (uint32_t d : f.delegates) code_->handlers[d].resume = uint32_t(code_->handlers.size());
  f.delegates.clear();
}

void Lowerer::enter(CtrlKind kind, const Instr& e, const BlockType& bt, const Expr& body) {
  auto [params, results] = block_type(bt);
  pop(params);
  Ctrl f;
  f.kind = kind;
  f.instr = &e;
  f.body = &body;
  f.height = h_;
  f.params = params;
  f.results = results;
  f.loop_pc = pc();
  f.begin = pc();
  if (code_->typing) {
    f.out = block_results(bt);
    if (auto it = typing_->before.find(&e); it != typing_->before.end()) {
      f.below = it->second;
      size_t under = params + (kind == CtrlKind::If);  // an if's condition too
      f.below.resize(f.below.size() - std::min(f.below.size(), under));
    }
  }
  if (code_->trace) {
    CodeTrace& tr = *code_->trace;
    TraceLabel l;
    if (label_names_ != nullptr)
      if (auto it = label_names_->find(ordinals_[&e]); it != label_names_->end())
        l.name = "$" + it->second;
    std::string text =
        trace_->text != nullptr ? trace_->text->instr(e) : std::string(info(e.op).text);
    if (!l.name.empty()) text.insert(info(e.op).text.size(), " " + l.name);
    l.text = std::move(text);
    l.parent = ctrls_.back().trace_label;
    l.loop = kind == CtrlKind::Loop;
    l.arity = l.loop ? params : results;
    l.has_else = kind == CtrlKind::If && !e.block().else_body.empty();
    f.trace_label = uint32_t(tr.labels.size());
    tr.labels.push_back(std::move(l));
    trace_event(TraceEvent::Kind::Enter, f.trace_label);
  }
  push(params);
  ctrls_.push_back(std::move(f));
}

// The end of a block's body, an if's branch, or a try's body or catch clause.
void Lowerer::end_part() {
  Ctrl& f = ctrls_.back();
  if (f.kind == CtrlKind::If && f.part == 0 && !f.instr->block().else_body.empty()) {
    if (!f.unreachable) {
      f.fixups.push_back({Fixup::Kind::Op, pc()});
      trace_exit_jump(f);
      emit(kJump);
    }
    trace_event(TraceEvent::Kind::EnterElse, f.trace_label);
    code_->ops[f.branch].a = pc();  // the else branch starts here
    f.part = 1;
    f.body = &f.instr->block().else_body;
    f.pos = 0;
    f.unreachable = false;
    h_ = f.height + f.params;
    return;
  }
  if (f.kind == CtrlKind::Try) {
    const TryImm& t = f.instr->try_();
    if (f.part == 0) {
      end_try_body(f);
    } else if (!f.unreachable) {  // a catch clause ends: drop the exception slot under results
      Target to = target(f, Fixup::Kind::Op, pc());
      trace_exit_jump(f);
      emit(kBrKeep, to.pc, to.height, to.arity);
    }
    uint32_t next = f.part;  // catch index to lower next (catch_all after the catches)
    if (!t.delegate && next <= t.catches.size() && (next < t.catches.size() || t.catch_all)) {
      Handler& hd = code_->handlers[f.first_catch_handler + next];
      hd.target.pc = pc();
      uint32_t args = 0;
      if (next < t.catches.size()) {
        const TagInst* tag = module_.tag_ptrs[t.catches[next].tag];
        args = uint32_t(tag->functype->params.size());
        f.body = &t.catches[next].body;
      } else {
        f.body = &*t.catch_all;
      }
      f.part = next + 1;
      f.pos = 0;
      f.unreachable = false;
      h_ = f.height;
      push(1 + args);  // the caught exception (for rethrow), then its arguments
      return;
    }
  }
  if (f.kind == CtrlKind::If && f.part == 0) code_->ops[f.branch].a = pc();
  end_block(f);
}

// Legacy try: the body ends; register the catch clauses (or the delegate) as handlers.
void Lowerer::end_try_body(Ctrl& f) {
  const TryImm& t = f.instr->try_();
  if (!f.unreachable && (t.delegate || !t.catches.empty() || t.catch_all)) {
    Target to = target(f, Fixup::Kind::Op, pc());
    trace_exit_jump(f);
    emit(kJump, to.pc);
  }
  uint32_t end = pc();
  for (uint32_t d : f.delegates) code_->handlers[d].resume = uint32_t(code_->handlers.size());
  f.delegates.clear();
  f.first_catch_handler = uint32_t(code_->handlers.size());
  if (t.delegate) {
    Handler hd{.kind = Handler::Kind::Delegate, .begin = f.begin, .end = end, .target = {}};
    label(*t.delegate, true).delegates.push_back(uint32_t(code_->handlers.size()));
    code_->handlers.push_back(hd);
    return;
  }
  for (const LegacyCatch& c : t.catches)
    code_->handlers.push_back(Handler{.kind = Handler::Kind::LegacyCatch, .begin = f.begin,
                                      .end = end, .tag = c.tag, .target = {0, f.height, 0}});
  if (t.catch_all)
    code_->handlers.push_back(Handler{.kind = Handler::Kind::LegacyCatchAll, .begin = f.begin,
                                      .end = end, .target = {0, f.height, 0}});
}

void Lowerer::end_block(Ctrl& f) {
  if (f.kind == CtrlKind::Func) {
    trace_event(TraceEvent::Kind::Exit, 0);
    emit(kReturnOp);  // also the target of branches to the function's label
    resolve(f, pc() - 1);
    ctrls_.pop_back();
    return;
  }
  if (f.kind == CtrlKind::TryTable) {
    uint32_t end = pc();
    for (uint32_t d : f.delegates) code_->handlers[d].resume = uint32_t(code_->handlers.size());
    f.delegates.clear();
    for (const Catch& k : f.instr->try_table().catches) {
      Handler hd{.kind = Handler::Kind(uint8_t(k.kind)), .begin = f.begin, .end = end, .tag = k.tag,
                 .target = {}};
      uint32_t index = uint32_t(code_->handlers.size());
      hd.target = target(label(k.label, true), Fixup::Kind::Handler, index);
      code_->handlers.push_back(hd);
      if (code_->trace) {
        code_->trace->handler_labels.resize(index + 1);
        code_->trace->handler_labels[index] = label(k.label, true).trace_label;
      }
    }
  }
  trace_event(TraceEvent::Kind::Exit, f.trace_label);
  resolve(f, pc());
  h_ = f.height + f.results;
  ctrls_.pop_back();
  if (h_ > code_->max_height) code_->max_height = h_;
}

void Lowerer::control(const Instr& e) {
  switch (e.op) {
    case Opcode::Block: enter(CtrlKind::Block, e, e.block().type, e.block().body); break;
    case Opcode::Loop: enter(CtrlKind::Loop, e, e.block().type, e.block().body); break;
    case Opcode::If: {
      pop(1);
      uint32_t at = pc();
      emit(kJumpUnless);
      enter(CtrlKind::If, e, e.block().type, e.block().body);
      ctrls_.back().branch = at;
      break;
    }
    case Opcode::Try: enter(CtrlKind::Try, e, e.try_().type, e.try_().body); break;
    case Opcode::TryTable:
      enter(CtrlKind::TryTable, e, e.try_table().type, e.try_table().body);
      break;
    default: assert(false);
  }
}

void Lowerer::call(Opcode, const FuncType& ft, bool tail, uint32_t extra) {
  pop(extra + uint32_t(ft.params.size()));
  if (tail) {
    unreachable();
    return;
  }
  push(uint32_t(ft.results.size()));
}

uint16_t Lowerer::ref_type(const RefType& t) {
  RefType canonical = t;
  if (t.heap.kind == HeapKind::Index) canonical.heap.index = module_.types[t.heap.index];
  code_->ref_types.push_back(canonical);
  return uint16_t(code_->ref_types.size() - 1);
}

void Lowerer::instr(const Instr& e) {
  switch (e.op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If: case Opcode::Try:
    case Opcode::TryTable:
      control(e);
      return;
    case Opcode::Nop: return;
    case Opcode::Unreachable: emit(e.op); unreachable(); return;
    case Opcode::Br: branch(e.index(), false); unreachable(); return;
    case Opcode::BrIf: pop(1); branch(e.index(), true); return;
    case Opcode::BrTable: {
      pop(1);
      const BrTableImm& bt = e.br_table();
      uint32_t first = uint32_t(code_->br_tables.size());
      auto add = [&](LabelIdx l) {
        uint32_t index = uint32_t(code_->br_tables.size());
        code_->br_tables.push_back(target(label(l), Fixup::Kind::Table, index));
      };
      for (LabelIdx l : bt.labels) add(l);
      add(bt.default_label);
      emit(e.op, first, uint32_t(bt.labels.size()));
      unreachable();
      return;
    }
    case Opcode::Return: emit(kReturnOp); unreachable(); return;
    case Opcode::BrOnNull: case Opcode::BrOnNonNull: {
      pop(1);  // br_on_non_null: gone on fallthrough; br_on_null: pushed back below
      Ctrl& c = label(e.index());
      Target t = target(c, Fixup::Kind::Op, pc());
      emit(e.op, t.pc, t.height, t.arity);
      if (e.op == Opcode::BrOnNull) push(1);
      return;
    }
    case Opcode::BrOnCast: case Opcode::BrOnCastFail: case Opcode::BrOnCastDescEq:
    case Opcode::BrOnCastDescEqFail: {
      if (e.op == Opcode::BrOnCastDescEq || e.op == Opcode::BrOnCastDescEqFail) pop(1);  // desc
      const BrOnCastImm& bc = e.br_on_cast();
      Ctrl& c = label(bc.label);
      Target t = target(c, Fixup::Kind::Op, pc());
      emit(e.op, t.pc, t.height, t.arity, ref_type(bc.to));
      return;
    }
    default: other(e); return;
  }
}


uint32_t storage_size(const ValType& t) {
  switch (t.kind) {
    case ValKind::I8: return 1;
    case ValKind::I16: return 2;
    case ValKind::I32: case ValKind::F32: return 4;
    case ValKind::V128: return 16;
    default: return 8;
  }
}
uint16_t pack_of(const ValType& t) { return t.kind == ValKind::I8 ? 1 : t.kind == ValKind::I16 ? 2 : 0; }

// Instructions with a fixed signature in the opcode table (numeric, memory, vector, atomic).
void Lowerer::plain(const Instr& e) {
  std::string_view sig = info(e.op).sig;
  size_t arrow = sig.find('>');
  if (sig.empty() || arrow == std::string_view::npos) {
    emit(kTrapOp);
    unreachable();
    return;
  }
  Op& op = emit(e.op);
  switch (info(e.op).imm) {
    case Imm::I32: case Imm::F32: op.a = uint32_t(e.bits()); break;
    case Imm::I64: case Imm::F64: op.set_bc(e.bits()); break;
    case Imm::MemArg: case Imm::MemArgLane:
      op.a = e.memarg().mem;
      op.set_bc(e.memarg().offset);
      op.x = e.memarg().lane;
      break;
    case Imm::Memory: case Imm::Data: op.a = e.index(); break;
    case Imm::Lane: op.x = uint16_t(e.index()); break;
    case Imm::V128: case Imm::Shuffle:
      op.a = uint32_t(code_->v128s.size());
      code_->v128s.push_back(e.v128());
      break;
    case Imm::DataMemory: case Imm::MemoryMemory: op.a = e.pair().a; op.b = e.pair().b; break;
    default: break;
  }
  pop(uint32_t(arrow));
  push(uint32_t(sig.size() - arrow - 1));
}

// shared-everything-threads: X.atomic.* — op.x is the width of the location's values in bytes
// (arrays: from the array instance); a: the table or field index; b/c: the global instance.
void Lowerer::located_atomic(const Instr& e) {
  const OrderedImm& x = e.ordered();
  LocatedAccess access = located_access(e.op);
  bool get = access == LocatedAccess::Get || access == LocatedAccess::GetPacked;
  uint32_t values = get ? 0 : access == LocatedAccess::Cmpxchg ? 2 : 1;
  uint32_t loc = 0, width = 8;
  switch (info(e.op).imm) {
    case Imm::OrderGlobal: {
      const GlobalInst* g = module_.global_ptrs[x.a];
      width = storage_size(g->type.type);
      emit_ptr(e.op, g);
      break;
    }
    case Imm::OrderTable: loc = 1, emit(e.op, x.a); break;
    case Imm::OrderTypeField:
      loc = 1;
      width = storage_size(types_.expand(module_.types[x.a]).struct_.fields[x.b].type);
      emit(e.op, x.b);
      break;
    default: loc = 2, emit(e.op); break;
  }
  code_->ops.back().x = uint16_t(width);
  pop(loc + values);
  if (access != LocatedAccess::Set) push(1);
}

// shared-everything-threads: waitqueue.new/notify and the waits (exec_waitqueue.cpp). op.x is
// the control word's size in bytes (4 or 8; arrays: from the array instance); a: the field,
// table or memory index; b/c: the global instance.
void Lowerer::waitqueue(const Instr& e) {
  auto word = [](const ValType& t) { return uint16_t(t.kind == ValKind::I32 ? 4 : 8); };
  switch (e.op) {
    case Opcode::WaitqueueNew: emit(e.op); break;
    case Opcode::StructWait: {
      const ValType& t = types_.expand(module_.types[e.pair().a]).struct_.fields[e.pair().b].type;
      emit(e.op, e.pair().b, 0, 0, word(t));
      break;
    }
    case Opcode::GlobalWait: {
      const GlobalInst* g = module_.global_ptrs[e.index()];
      emit_ptr(e.op, g);
      code_->ops.back().x = word(g->type.type);
      break;
    }
    case Opcode::TableWait:
    case Opcode::MemoryWait32:
    case Opcode::MemoryWait64: emit(e.op, e.index()); break;
    default: emit(e.op); break;  // waitqueue.notify, array.wait
  }
  // The operands each consumes (valid_instructions_waitqueue.cpp); one i32 result (new: a ref).
  uint32_t operands = e.op == Opcode::WaitqueueNew      ? 0
                      : e.op == Opcode::WaitqueueNotify ? 2
                      : e.op == Opcode::GlobalWait      ? 3
                      : e.op == Opcode::ArrayWait       ? 5
                                                        : 4;
  pop(operands);
  push(1);
}

// spec: Step/struct.new — each value is packed into its field's storage type (pack_zt), so the
// op carries the packed fields' sizes when there are any.
void Lowerer::emit_struct_new(Opcode op, TypeIdx x, uint32_t fields) {
  const StructType& st = types_.expand(module_.types[x]).struct_;
  bool packed = false;
  for (const FieldType& f : st.fields) packed |= pack_of(f.type) != 0;
  if (!packed) {
    emit(op, module_.types[x], fields);
    return;
  }
  uint32_t at = uint32_t(code_->field_packs.size());
  for (const FieldType& f : st.fields) code_->field_packs.push_back(uint8_t(pack_of(f.type)));
  emit(op, module_.types[x], fields, at, 1);
}

void Lowerer::aggregate(const Instr& e) {
  auto struct_of = [&](TypeIdx x) -> const StructType& { return types_.expand(module_.types[x]).struct_; };
  auto array_of = [&](TypeIdx x) -> const ArrayType& { return types_.expand(module_.types[x]).array; };
  switch (e.op) {
    case Opcode::StructNew: case Opcode::StructNewDefault: {
      uint32_t n = uint32_t(struct_of(e.index()).fields.size());
      if (e.op == Opcode::StructNew) pop(n);
      emit_struct_new(e.op, e.index(), n);
      push(1);
      return;
    }
    case Opcode::StructGet: case Opcode::StructGetS: case Opcode::StructGetU:
    case Opcode::StructSet: {
      const FieldType& ft = struct_of(e.pair().a).fields[e.pair().b];
      emit(e.op, e.pair().b, 0, 0, pack_of(ft.type));
      pop(e.op == Opcode::StructSet ? 2 : 1);
      if (e.op != Opcode::StructSet) push(1);
      return;
    }
    case Opcode::ArrayNew: case Opcode::ArrayNewDefault:
      pop(e.op == Opcode::ArrayNew ? 2 : 1);
      emit(e.op, module_.types[e.index()], 0, 0, uint16_t(storage_size(array_of(e.index()).field.type)));
      push(1);
      return;
    case Opcode::ArrayNewFixed: case Opcode::ArrayNewData: case Opcode::ArrayNewElem: {
      uint32_t x = e.pair().a;
      pop(e.op == Opcode::ArrayNewFixed ? e.pair().b : 2);
      emit(e.op, module_.types[x], e.pair().b, 0, uint16_t(storage_size(array_of(x).field.type)));
      push(1);
      return;
    }
    case Opcode::ArrayGet: case Opcode::ArrayGetS: case Opcode::ArrayGetU:
    case Opcode::ArraySet: case Opcode::ArrayFill:
      emit(e.op, 0, 0, 0, uint16_t(storage_size(array_of(e.index()).field.type)));
      pop(e.op == Opcode::ArraySet ? 3 : e.op == Opcode::ArrayFill ? 4 : 2);
      if (e.op != Opcode::ArraySet && e.op != Opcode::ArrayFill) push(1);
      return;
    case Opcode::ArrayCopy:
      emit(e.op, 0, 0, 0, uint16_t(storage_size(array_of(e.pair().a).field.type)));
      pop(5);
      return;
    case Opcode::ArrayInitData: case Opcode::ArrayInitElem:
      emit(e.op, 0, e.pair().b, 0, uint16_t(storage_size(array_of(e.pair().a).field.type)));
      pop(4);
      return;
    case Opcode::ArrayLen: case Opcode::AnyConvertExtern: case Opcode::ExternConvertAny:
    case Opcode::RefGetDesc:
      emit(e.op);
      return;
    case Opcode::StructNewDesc: case Opcode::StructNewDefaultDesc: {  // custom descriptors
      uint32_t n = uint32_t(struct_of(e.index()).fields.size());
      pop(e.op == Opcode::StructNewDesc ? n + 1 : 1);
      emit_struct_new(e.op, e.index(), n);
      push(1);
      return;
    }
    case Opcode::RefCastDescEq: case Opcode::RefCastDescEqNull: {
      RefType t = e.ref_type();
      t.nullable = e.op == Opcode::RefCastDescEqNull;
      pop(1);
      emit(e.op, 0, 0, 0, ref_type(t));
      return;
    }
    default:
      emit(kTrapOp);
      unreachable();
      return;
  }
}

void Lowerer::other(const Instr& e) {
  switch (e.op) {
    case Opcode::Throw: {
      const TagInst* tag = module_.tag_ptrs[e.index()];
      pop(uint32_t(tag->functype->params.size()));
      emit_ptr(e.op, tag, e.index());
      unreachable();
      return;
    }
    case Opcode::Rethrow: emit(e.op, label(e.index()).height); unreachable(); return;
    case Opcode::ThrowRef: pop(1); emit(e.op); unreachable(); return;
    case Opcode::Call: case Opcode::ReturnCall: {
      const FuncInst* f = module_.func_ptrs[e.index()];
      emit_ptr(e.op, f);
      call(e.op, *f->functype, e.op == Opcode::ReturnCall, 0);
      return;
    }
    case Opcode::CallIndirect: case Opcode::ReturnCallIndirect:
      emit(e.op, module_.types[e.pair().b], e.pair().a);
      call(e.op, func_type(e.pair().b), e.op == Opcode::ReturnCallIndirect, 1);
      return;
    case Opcode::CallRef: case Opcode::ReturnCallRef:
      emit(e.op);
      call(e.op, func_type(e.index()), e.op == Opcode::ReturnCallRef, 1);
      return;
    case Opcode::Drop: pop(1); emit(e.op); return;
    case Opcode::Select: case Opcode::SelectT: pop(2); emit(Opcode::Select); return;
    case Opcode::LocalGet: emit(e.op, e.index()); push(1); return;
    case Opcode::LocalSet: emit(e.op, e.index()); pop(1); return;
    case Opcode::LocalTee: emit(e.op, e.index()); return;
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: {
      GlobalInst* g = module_.global_ptrs[e.index()];
      bool get = e.op == Opcode::GlobalGet;
      if (g->type.thread_local_)  // shared-everything-threads
        emit_ptr(uint16_t(get ? kGlobalGetLocal : kGlobalSetLocal), g);
      else
        emit_ptr(e.op, g);
      get ? push(1) : pop(1);
      return;
    }
    case Opcode::TableGet: emit(e.op, e.index()); return;
    case Opcode::TableSet: emit(e.op, e.index()); pop(2); return;
    case Opcode::TableSize: emit(e.op, e.index()); push(1); return;
    case Opcode::TableGrow: emit(e.op, e.index()); pop(1); return;
    case Opcode::TableFill: emit(e.op, e.index()); pop(3); return;
    case Opcode::TableCopy: case Opcode::TableInit:
      emit(e.op, e.pair().a, e.pair().b);
      pop(3);
      return;
    case Opcode::ElemDrop: emit(e.op, e.index()); return;
    case Opcode::MemoryCopy: emit(e.op, e.pair().a, e.pair().b); pop(3); return;
    case Opcode::RefNull: emit(e.op); push(1); return;
    case Opcode::RefFunc: emit(e.op, module_.funcs[e.index()]); push(1); return;
    case Opcode::RefEq: emit(e.op); pop(1); return;
    case Opcode::RefIsNull: case Opcode::RefAsNonNull: case Opcode::RefI31:
    case Opcode::RefI31Shared: case Opcode::I31GetS: case Opcode::I31GetU:
      emit(e.op);
      return;
    case Opcode::RefTest: case Opcode::RefTestNull: case Opcode::RefCast:
    case Opcode::RefCastNull: {
      RefType t = e.ref_type();
      t.nullable = e.op == Opcode::RefTestNull || e.op == Opcode::RefCastNull;
      emit(e.op, 0, 0, 0, ref_type(t));
      return;
    }
    default: break;
  }
  if (is_waitqueue_op(e.op))
    waitqueue(e);
  else if (info(e.op).imm >= Imm::OrderGlobal)
    located_atomic(e);
  else if (info(e.op).prefix == 0xFB) aggregate(e);
  else plain(e);
}

}  // namespace

std::unique_ptr<Code> lower_func(const Store& store, const ModuleInst& module,
                                 const FuncType& type, const std::vector<ValType>& locals,
                                 const Expr& body, const StackTypes* typing, uint32_t func,
                                 bool fuse_ops, const TraceNames* trace) {
  Lowerer l(store, module, typing, trace);
  uint32_t params = uint32_t(type.params.size());
  std::unique_ptr<Code> code =
      l.run(body, params, params + uint32_t(locals.size()), uint32_t(type.results.size()), func);
  code->fused = fuse_ops ? fuse(code->ops) : code->ops;
  return code;
}

std::unique_ptr<Code> lower_const(const Store& store, const ModuleInst& module, const Expr& e) {
  Lowerer l(store, module);
  std::unique_ptr<Code> code = l.run(e, 0, 0, 1);
  code->fused = code->ops;  // nothing to fuse in a constant expression
  return code;
}

}  // namespace wasm::interp
