// Expressions and statements, and the rows of the opcode table whose typing is fixed by their
// stack signature (spec/instructions.def's `sig`): the generator reads the signature to know
// which operands to produce and which results it gets, as the validator reads it to type them.
#include <string_view>

#include "gen/smith.h"

namespace wasm::gen {
namespace {

bool is_custom_descriptor(Opcode op) {
  using enum Opcode;
  return op == StructNewDesc || op == StructNewDefaultDesc || op == RefGetDesc ||
         op == RefCastDescEq || op == RefCastDescEqNull || op == BrOnCastDescEq ||
         op == BrOnCastDescEqFail;
}

bool is_wide_arithmetic(Opcode op) {
  using enum Opcode;
  return op == I64Add128 || op == I64Sub128 || op == I64MulWideS || op == I64MulWideU;
}

// Whether the options let the generator use this row of the table.
bool enabled(const Options& o, Opcode op) {
  const OpInfo& oi = info(op);
  if (is_custom_descriptor(op)) return false;  // not validated yet (docs/validation.md)
  if (is_shared_everything(op) && !o.shared_everything) return false;
  if (oi.prefix == 0xFD && !o.simd) return false;
  if (oi.prefix == 0xFD && oi.code >= 0x100 && !o.relaxed_simd) return false;
  if (oi.prefix == 0xFE && !o.atomics) return false;
  if ((op == Opcode::Try || op == Opcode::Rethrow) && !o.legacy_eh) return false;
  if (!o.gc && (oi.prefix == 0xFB || op == Opcode::RefAsNonNull || op == Opcode::BrOnNull ||
                op == Opcode::BrOnNonNull || op == Opcode::CallRef || op == Opcode::ReturnCallRef ||
                op == Opcode::RefEq))
    return false;
  if (!o.exnref && (op == Opcode::TryTable || op == Opcode::ThrowRef)) return false;
  return o.wide_arithmetic || !is_wide_arithmetic(op);
}

ValType sig_type(char c, AddrType a) {
  switch (c) {
    case 'i': return ValType::i32();
    case 'I': return ValType::i64();
    case 'f': return ValType::f32();
    case 'F': return ValType::f64();
    case 'v': return ValType::v128();
    default: return a == AddrType::I32 ? ValType::i32() : ValType::i64();  // 'a'
  }
}

// The lane count of the shape that starts a mnemonic: "i16x8.extract_lane_s" -> 8.
uint32_t lanes(std::string_view text) {
  size_t x = text.find('x'), dot = text.find('.');
  uint32_t n = 0;
  for (size_t i = x + 1; i < dot; ++i) n = n * 10 + uint32_t(text[i] - '0');
  return n;
}

bool uses_memory(Imm k) {
  return k == Imm::MemArg || k == Imm::MemArgLane || k == Imm::Memory || k == Imm::DataMemory;
}

struct Tables {
  std::vector<Opcode> all;           // every enabled row
  std::vector<Opcode> hand;          // enabled rows with a hand-written typing rule
  std::vector<Opcode> by_result[5];  // fixed rows with one result: i I f F v (or 'a')
};

const Tables& tables(const Options& o) {
  static thread_local std::optional<Tables> cached;
  static thread_local uint32_t key = ~0u;
  uint32_t k = uint32_t(o.simd) | uint32_t(o.atomics) << 1 | uint32_t(o.legacy_eh) << 2 |
               uint32_t(o.wide_arithmetic) << 3 | uint32_t(o.gc) << 4 | uint32_t(o.exnref) << 5 |
               uint32_t(o.relaxed_simd) << 6 | uint32_t(o.shared_everything) << 7;
  if (cached && key == k) return *cached;
  Tables t;
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    Opcode op = Opcode(i);
    if (!enabled(o, op)) continue;
    t.all.push_back(op);
    std::string_view sig = info(op).sig;
    if (sig.empty()) {
      t.hand.push_back(op);
      continue;
    }
    std::string_view results = sig.substr(sig.find('>') + 1);
    if (results.size() != 1) continue;
    std::string_view kinds = "iIfFv";
    if (results[0] == 'a') {
      t.by_result[0].push_back(op), t.by_result[1].push_back(op);
    } else {
      t.by_result[kinds.find(results[0])].push_back(op);
    }
  }
  cached = std::move(t);
  key = k;
  return *cached;
}

bool diverges(Opcode op) {
  using enum Opcode;
  return op == Unreachable || op == Br || op == BrTable || op == Return || op == Throw ||
         op == ThrowRef || op == Rethrow || op == ReturnCall || op == ReturnCallIndirect ||
         op == ReturnCallRef;
}

struct Nest {
  uint32_t& depth;
  explicit Nest(uint32_t& d) : depth(++d) {}
  ~Nest() { --depth; }
};

}  // namespace

void Smith::put(Expr& out, Opcode op, Immediate imm) {
  --budget_;
  out.push_back(Instr{op, std::move(imm), {}});
}

// The simplest instructions that leave a value of type t: a constant, or for a reference
// ref.null (with ref.as_non_null when t is not nullable).
void Smith::leaf(Expr& out, const ValType& t) {
  switch (t.kind) {
    case ValKind::I32:
      if (opt_.runnable && chance(90)) return put(out, Opcode::I32Const, uint64_t(below(65)));
      return put(out, Opcode::I32Const, uint64_t(*rc::gen::arbitrary<uint32_t>()));
    case ValKind::I64:
      if (opt_.runnable && chance(90)) return put(out, Opcode::I64Const, uint64_t(below(65)));
      return put(out, Opcode::I64Const, *rc::gen::arbitrary<uint64_t>());
    case ValKind::F32: return put(out, Opcode::F32Const, uint64_t(*rc::gen::arbitrary<uint32_t>()));
    case ValKind::F64: return put(out, Opcode::F64Const, *rc::gen::arbitrary<uint64_t>());
    case ValKind::V128: {
      V128Bytes v{};
      for (uint8_t& b : v) b = *rc::gen::arbitrary<uint8_t>();
      return put(out, Opcode::V128Const, v);
    }
    default: break;
  }
  if (opt_.gc && heap_sub(types_, {HeapKind::I31, false, 0}, t.ref.heap) && chance(50)) {
    put(out, Opcode::I32Const, uint64_t(*rc::gen::arbitrary<uint32_t>()));
    return put(out, Opcode::RefI31);
  }
  put(out, Opcode::RefNull, t.ref.heap);
  if (!t.ref.nullable) put(out, Opcode::RefAsNonNull);
}

// Leaves one value of a subtype of t on the stack (or diverges).
void Smith::produce(Expr& out, const ValType& t) {
  if (budget_ <= 0 || depth_ >= opt_.max_depth || chance(15)) return leaf(out, t);
  Nest nest(depth_);
  const Tables& tb = tables(opt_);
  if (t.kind <= ValKind::V128 && chance(50)) {
    const std::vector<Opcode>& ops = tb.by_result[size_t(t.kind)];
    if (!ops.empty() && emit_fixed(one_of(ops), out, &t)) return;
  }
  for (int tries = 0; tries < 8; ++tries) {
    Opcode op = one_of(tb.hand);
    if (diverges(op) && !chance(15)) continue;
    if (emit_hand(op, out, &t)) return;
  }
  leaf(out, t);
}

void Smith::produce_all(Expr& out, const ResultType& ts) {
  for (const ValType& t : ts) produce(out, t);
}

// An instruction sequence with no net effect on the stack: any row of the table with its
// operands, followed by drops of its results.
void Smith::statement(Expr& out) {
  if (budget_ <= 0 || depth_ >= opt_.max_depth) return;
  Nest nest(depth_);
  const Tables& tb = tables(opt_);
  for (int tries = 0; tries < 6; ++tries) {
    // Half the picks among the hand-typed rows, so that the ~250 vector rows do not crowd out
    // control, variable, reference and aggregate instructions.
    Opcode op = chance(50) ? one_of(tb.hand) : one_of(tb.all);
    if (diverges(op) && !chance(10)) continue;
    std::optional<ResultType> results = emit(op, out, nullptr);
    if (!results) continue;
    observe(out, *results);
    return;
  }
}

// The body of a block, function or catch clause: entered with `entry` on the stack, it must
// leave `exit` (spec: Instrs_ok). Statements, then the entry values are dropped and the exit
// values produced, or the entry values flow through, or the body ends in a branch.
void Smith::body(Expr& out, const ResultType& entry, const ResultType& exit) {
  for (uint32_t n = count(0, 5); n > 0; --n) statement(out);
  uint32_t how = below(10);
  if (how < 3 && entry == exit) return;
  if (how == 9) {
    static constexpr Opcode kEnds[] = {Opcode::Unreachable, Opcode::Br, Opcode::Return,
                                       Opcode::BrTable, Opcode::Throw};
    if (emit_hand(kEnds[below(std::size(kEnds))], out, nullptr)) return;
  }
  for (size_t i = 0; i < entry.size(); ++i) put(out, Opcode::Drop);
  produce_all(out, exit);
}

std::optional<ResultType> Smith::emit(Opcode op, Expr& out, const ValType* want) {
  return info(op).sig.empty() ? emit_hand(op, out, want) : emit_fixed(op, out, want);
}

// The immediates of a fixed-signature row: memarg (alignment at most natural, exactly natural
// for atomics; offset within the address type; lane below the lane count), memory, data and
// element indices, lanes, constants.
std::optional<Immediate> Smith::fixed_immediate(Opcode op, std::optional<MemIdx> mem) {
  const OpInfo& oi = info(op);
  switch (oi.imm) {
    case Imm::None:
    case Imm::Fence: return Immediate{};
    case Imm::Memory: return Immediate{*mem};
    case Imm::DataMemory:
      if (datas_ == 0) return std::nullopt;
      return Immediate{IndexPair{*mem, below(datas_)}};
    case Imm::Data:
      if (datas_ == 0) return std::nullopt;
      return Immediate{below(datas_)};
    case Imm::Elem:
      if (elems_.empty()) return std::nullopt;
      return Immediate{below(uint32_t(elems_.size()))};
    case Imm::Lane: return Immediate{below(lanes(oi.text))};
    case Imm::MemArg:
    case Imm::MemArgLane: {
      MemArg a;
      a.mem = *mem;
      uint32_t natural = uint32_t(oi.align);
      a.align = oi.prefix == 0xFE ? natural : below(natural + 1);
      if (chance(20))
        a.offset = mems_[*mem].addr == AddrType::I32 || !opt_.offsets64
                       ? *rc::gen::arbitrary<uint32_t>()
                       : *rc::gen::arbitrary<uint64_t>();
      else
        a.offset = count(0, 64);
      if (oi.imm == Imm::MemArgLane) a.lane = uint8_t(below(16u >> natural));
      return Immediate{a};
    }
    case Imm::I32:
    case Imm::F32: return Immediate{uint64_t(*rc::gen::arbitrary<uint32_t>())};
    case Imm::I64:
    case Imm::F64: return Immediate{*rc::gen::arbitrary<uint64_t>()};
    case Imm::V128:
    case Imm::Shuffle: {
      V128Bytes v{};
      for (uint8_t& b : v)
        b = oi.imm == Imm::V128 ? *rc::gen::arbitrary<uint8_t>() : uint8_t(below(32));
      return Immediate{v};
    }
    default: return std::nullopt;
  }
}

// spec: Instr_ok for a row with a fixed signature ("ii>i"; 'a' the memory's address type).
std::optional<ResultType> Smith::emit_fixed(Opcode op, Expr& out, const ValType* want) {
  const OpInfo& oi = info(op);
  std::optional<MemIdx> mem;
  AddrType at = AddrType::I32;
  if (uses_memory(oi.imm)) {
    if (mems_.empty()) return std::nullopt;
    mem = below(uint32_t(mems_.size()));
    at = mems_[*mem].addr;
  }
  std::string_view sig = oi.sig;
  size_t arrow = sig.find('>');
  ResultType params, results;
  for (char c : sig.substr(0, arrow)) params.push_back(sig_type(c, at));
  for (char c : sig.substr(arrow + 1)) results.push_back(sig_type(c, at));
  if (want && (results.size() != 1 || !sub(results[0], *want))) return std::nullopt;
  std::optional<Immediate> imm = fixed_immediate(op, mem);
  if (!imm) return std::nullopt;
  produce_all(out, params);
  put(out, op, std::move(*imm));
  return results;
}

}  // namespace wasm::gen
