// Decoding of instructions — binary/instructions.rst, plus the legacy exception handling
// instructions (try/catch/catch_all/delegate) and the threads proposal's atomics.
//
// The decoder is generic over the opcode table (spec/instructions.def): an opcode's encoding is
// mapped with opcode_from_code and its immediates are read by imm_of(op). Only the structured
// instructions are hand-written. Nesting is decoded with an explicit stack of open blocks (no
// C++ recursion), and limited to kMaxNesting because the AST's destructors recurse.
#include <array>
#include <cstdio>
#include <iterator>
#include <utility>
#include <vector>

#include "binary/decoder.h"

namespace wasm::binary::detail {
namespace {

constexpr size_t kMaxNesting = 10000;

constexpr uint8_t kElse = 0x05, kEnd = 0x0b;
constexpr uint8_t kCatch = 0x07, kCatchAll = 0x19, kDelegate = 0x18;  // legacy exceptions

std::string hex(uint64_t n) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%02llx", static_cast<unsigned long long>(n));
  return buffer;
}

// decode.ml's messages: "illegal opcode fb 1f"; for 0xFD it names the sub-opcode alone.
// Returns unreachable, which the caller drops (the reader has failed).
Opcode illegal(Reader& r, size_t pos, uint8_t prefix, std::optional<uint32_t> code) {
  if (!code)
    r.fail(pos, "illegal opcode " + hex(prefix));
  else if (prefix == 0xfd)
    r.fail(pos, "illegal opcode " + hex(*code));
  else
    r.fail(pos, "illegal opcode " + hex(prefix) + " " + hex(*code));
  return Opcode::Unreachable;
}

// spec: the opcode, one byte or a prefix byte followed by a u32.
Opcode opcode(Reader& r, size_t pos, uint8_t b) {
  if (auto op = opcode_from_code(0x00, b)) [[likely]]
    return *op;
  if (b == 0xfb || b == 0xfc || b == 0xfd || b == 0xfe) {
    uint32_t code = r.u32();
    if (auto op = opcode_from_code(b, code)) return *op;
    return illegal(r, pos, b, code);
  }
  return illegal(r, pos, b, std::nullopt);
}

// spec: memarg ::= n:u32 o:u64 => {ALIGN n, OFFSET o}  (if n < 2^6)
//                | n:u32 x:memidx o:u64 => {ALIGN n - 2^6, OFFSET o}  (if 2^6 <= n < 2^7)
MemArg memarg(Reader& r) {
  size_t pos = r.pos();
  uint32_t flags = r.u32();
  MemArg m;
  if (!r.require(flags < 0x80, pos, "malformed memop flags")) return m;
  if ((flags & 0x40) != 0) m.mem = r.u32();
  m.align = flags & 0x3f;
  m.offset = r.u64();
  return m;
}

// spec: catch ::= 0x00 x:tagidx l:labelidx | 0x01 x l | 0x02 l | 0x03 l
Catch catch_clause(Reader& r) {
  Catch c;
  uint8_t kind = r.byte();
  if (!r.require(kind <= 3, r.pos() - 1, "malformed catch clause")) return c;
  c.kind = CatchKind(kind);
  if (c.kind == CatchKind::Catch || c.kind == CatchKind::CatchRef) c.tag = r.u32();
  c.label = r.u32();
  return c;
}

// spec: br_on_cast l rt1 rt2 — a flags byte holds the nullability of rt1 (bit 0), rt2 (bit 1).
BrOnCastImm br_on_cast(Reader& r, size_t pos) {
  uint8_t flags = r.byte();
  r.require((flags & 0xfc) == 0, pos + 2, "malformed br_on_cast flags");
  BrOnCastImm imm;
  imm.label = r.u32();
  imm.from = {(flags & 1) != 0, heaptype(r)};
  imm.to = {(flags & 2) != 0, heaptype(r)};
  return imm;
}

// spec: laneidx ::= l:byte. deviation from decode.ml, which reads a LEB128 u8: the two agree
// on every lane index below 128, and only larger ones (invalid anyway) differ.
uint8_t laneidx(Reader& r) { return r.byte(); }

// spec: v128.const b*:byte^16;  i8x16.shuffle l*:laneidx^16
V128Bytes v128_bytes(Reader& r) {
  V128Bytes v{};
  for (uint8_t& b : v) b = r.byte();
  return v;
}

// Two indices read in binary order; IndexPair holds them in text order (spec/ast.h).
IndexPair index_pair(Reader& r, bool swapped) {
  uint32_t first = r.u32();
  uint32_t second = r.u32();
  return swapped ? IndexPair{second, first} : IndexPair{first, second};
}

// The immediates of every instruction that is not structured, by the table's Imm kind, set in
// place in i.imm (which holds monostate).
void immediate(Reader& r, Instr& i, size_t pos) {
  Immediate& imm = i.imm;
  switch (imm_of(i.op)) {
    case Imm::None: return;
    case Imm::Label:
    case Imm::Func:
    case Imm::Type:
    case Imm::Local:
    case Imm::Global:
    case Imm::Table:
    case Imm::Memory:
    case Imm::Tag:
    case Imm::Elem:
    case Imm::Data: imm.emplace<uint32_t>(r.u32()); return;
    case Imm::BrTable: {
      BrTableImm table;
      table.labels = r.vec([&] { return r.u32(); });
      table.default_label = r.u32();
      imm.emplace<Box<BrTableImm>>(std::move(table));
      return;
    }
    case Imm::BrOnCast: imm.emplace<Box<BrOnCastImm>>(br_on_cast(r, pos)); return;
    // Binary order: typeidx tableidx, elemidx tableidx, dataidx memidx.
    case Imm::CallIndirect:
    case Imm::ElemTable:
    case Imm::DataMemory: imm.emplace<IndexPair>(index_pair(r, true)); return;
    case Imm::MemoryMemory:
    case Imm::TableTable:
    case Imm::TypeField:
    case Imm::TypeType:
    case Imm::TypeData:
    case Imm::TypeElem:
    case Imm::TypeSize: imm.emplace<IndexPair>(index_pair(r, false)); return;
    case Imm::SelectT:
      imm.emplace<Box<std::vector<ValType>>>(r.vec([&] { return valtype(r); }));
      return;
    case Imm::HeapType: imm.emplace<HeapType>(heaptype(r)); return;
    case Imm::RefType: imm.emplace<RefType>(RefType{false, heaptype(r)}); return;
    case Imm::RefTypeNull: imm.emplace<RefType>(RefType{true, heaptype(r)}); return;
    case Imm::MemArg: imm.emplace<MemArg>(memarg(r)); return;
    case Imm::MemArgLane: {
      MemArg& m = imm.emplace<MemArg>(memarg(r));
      m.lane = laneidx(r);
      return;
    }
    case Imm::I32: imm.emplace<uint64_t>(uint32_t(r.s32())); return;
    case Imm::I64: imm.emplace<uint64_t>(uint64_t(r.s64())); return;
    case Imm::F32: imm.emplace<uint64_t>(r.f32()); return;
    case Imm::F64: imm.emplace<uint64_t>(r.f64()); return;
    case Imm::V128:
    case Imm::Shuffle: imm.emplace<V128Bytes>(v128_bytes(r)); return;
    case Imm::Lane: imm.emplace<uint32_t>(laneidx(r)); return;
    case Imm::Fence: r.expect(0x00, "zero byte expected"); return;
    case Imm::OrderGlobal:
    case Imm::OrderTable:
    case Imm::OrderType:
    case Imm::OrderTypeField: {
      OrderedImm& x = imm.emplace<OrderedImm>();
      size_t at = r.pos();
      std::optional<Ordering> order = ordering_of(i.op, r.byte());
      if (!r.require(order.has_value(), at, "malformed memory ordering")) return;
      x.order = *order;
      x.a = r.u32();
      if (imm_of(i.op) == Imm::OrderTypeField) x.b = r.u32();
      return;
    }
    case Imm::Block:
    case Imm::If:
    case Imm::Try:
    case Imm::TryTable: return;  // structured instructions: see open_block
  }
}

constexpr bool uses_data_index(Opcode op) {
  return op == Opcode::MemoryInit || op == Opcode::DataDrop || op == Opcode::ArrayNewData ||
         op == Opcode::ArrayInitData;
}

// An open structured instruction and the instruction sequence being filled.
struct Frame {
  enum class Stage : uint8_t { Body, Else, Catch, CatchAll } stage = Stage::Body;
  Instr instr;
  size_t begin = 0;
  Expr* body = nullptr;  // points into instr's boxed immediate, which never moves
};

// Reads a structured instruction's header (blocktype, catch clauses) and opens it.
// spec: block bt (in:instr)* 0x0B, loop ..., if bt in1* (0x05 in2*)? 0x0B,
//       try_table bt c*:vec(catch) in* 0x0B;  legacy: try bt in* (catch x in*)* ...
Frame open_block(Reader& r, Opcode op, size_t begin) {
  Frame f;
  f.instr.op = op;
  f.begin = begin;
  BlockType bt = blocktype(r);
  switch (imm_of(op)) {
    case Imm::Try: {
      Box<TryImm> imm(TryImm{bt, {}, {}, {}, {}});
      f.body = &imm->body;
      f.instr.imm = std::move(imm);
      break;
    }
    case Imm::TryTable: {
      Box<TryTableImm> imm(TryTableImm{bt, r.vec([&] { return catch_clause(r); }), {}});
      f.body = &imm->body;
      f.instr.imm = std::move(imm);
      break;
    }
    default: {
      Box<BlockImm> imm(BlockImm{bt, {}, {}});
      f.body = &imm->body;
      f.instr.imm = std::move(imm);
      break;
    }
  }
  return f;
}

TryImm& try_imm(Frame& f) { return *std::get<Box<TryImm>>(f.instr.imm); }

// The instructions of the sequences being decoded, one buffer per nesting depth (0: the
// expression itself). A sequence is moved into its exact-size Expr when it ends, so each Expr
// is allocated once; the buffers keep their capacity from one expression to the next.
class Sequences {
 public:
  std::vector<Instr>& at(size_t depth) {
    if (depth >= buffers_.size()) buffers_.resize(depth + 1);
    return buffers_[depth];
  }
  // Starts the sequence at `depth` (an exception may have left an earlier one there).
  void open(size_t depth) { at(depth).clear(); }
  // Ends the sequence at `depth`, moving it into `into`.
  void close(size_t depth, Expr& into) {
    std::vector<Instr>& b = buffers_[depth];
    into.assign(std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
    b.clear();
  }

 private:
  std::vector<std::vector<Instr>> buffers_;
};

// Whether b may continue or close an open block (else, end, catch, catch_all, delegate);
// every other byte starts an instruction.
constexpr bool closes_or_continues_block(uint8_t b) {
  return b == kElse || b == kEnd || b == kCatch || b == kCatchAll || b == kDelegate;
}

// Appends Instr{op, imm, at} to body, built in place where the compiler has C++20's
// parenthesised aggregate initialisation (GCC; clang 14 has not, and moves a temporary).
template <typename T>
void append(std::vector<Instr>& body, Opcode op, T imm, Span at) {
#if defined(__cpp_aggregate_paren_init)
  body.emplace_back(op, imm, at);
#else
  body.push_back(Instr{op, imm, at});
#endif
}

// The instruction each one-byte opcode is, where that is all its first byte says: not a
// structured instruction, not a byte that continues or closes a block, not a prefix or an
// illegal byte (those are kNotPlain and take the general path).
constexpr Opcode kNotPlain = Opcode(opcode_codes::kNoOpcode);
constexpr std::array<Opcode, 256> kPlainByte = [] {
  std::array<Opcode, 256> ops{};
  for (size_t b = 0; b < 256; ++b) {
    uint16_t op = opcode_codes::kByCode[0][b];
    Imm imm = op == opcode_codes::kNoOpcode ? Imm::None : imm_of(Opcode(op));
    bool structured =
        imm == Imm::Block || imm == Imm::If || imm == Imm::Try || imm == Imm::TryTable;
    bool plain = op != opcode_codes::kNoOpcode && !structured &&
                 !closes_or_continues_block(uint8_t(b)) && !uses_data_index(Opcode(op));
    ops[b] = plain ? Opcode(op) : kNotPlain;
  }
  return ops;
}();

// The bytes that continue or close an open block: else, end, and the legacy catch clauses.
// Returns false when b is not one of them here (then it is decoded as an instruction). The
// instructions of open.back()'s current body are in seq.at(open.size()).
bool continue_block(Reader& r, std::vector<Frame>& open, Sequences& seq, uint8_t b, size_t pos) {
  Frame* f = open.empty() ? nullptr : &open.back();
  bool in_try = f && imm_of(f->instr.op) == Imm::Try;
  size_t depth = open.size();
  using Stage = Frame::Stage;
  if (b == kElse) {
    // decode.ml: a sequence stops at 0x05, and only an if's then-branch may go on with it.
    if (!f || imm_of(f->instr.op) != Imm::If || f->stage != Stage::Body) {
      r.fail(pos, "END opcode expected");
      return true;
    }
    seq.close(depth, *f->body);
    f->stage = Stage::Else;
    f->body = &std::get<Box<BlockImm>>(f->instr.imm)->else_body;
    return true;
  }
  if ((b == kCatch || b == kCatchAll || b == kDelegate) && in_try) {
    if (f->stage == Stage::CatchAll || (b == kDelegate && f->stage != Stage::Body)) {
      r.fail(pos, "END opcode expected");
      return true;
    }
    TryImm& t = try_imm(*f);
    if (b == kCatch) {
      uint32_t tag = r.u32();
      seq.close(depth, *f->body);
      t.catches.push_back({tag, {}});
      f->stage = Stage::Catch;
      f->body = &t.catches.back().body;
      return true;
    }
    if (b == kCatchAll) {
      seq.close(depth, *f->body);
      t.catch_all.emplace();
      f->stage = Stage::CatchAll;
      f->body = &*t.catch_all;
      return true;
    }
    t.delegate = r.u32();  // delegate closes the try like `end`
  } else if (b != kEnd || !f) {
    return false;
  }
  seq.close(depth, *f->body);
  Frame closed = std::move(open.back());
  open.pop_back();
  closed.instr.at = r.span_from(closed.begin);
  seq.at(depth - 1).push_back(std::move(closed.instr));
  return true;
}

}  // namespace

// spec: blocktype ::= 0x40 | t:valtype | x:s33 (if x >= 0)
// decode.ml tries the type index, then 0x40, then valtype (whose error wins).
BlockType blocktype(Reader& r) {
  BlockType bt;
  if (r.peek() == 0x40) {
    r.byte();
    return bt;
  }
  Reader::Mark mark = r.mark();
  int64_t x = r.s33();
  if (!r.failed_since(mark) && x >= 0) {
    bt.kind = BlockType::Kind::Index;
    bt.index = TypeIdx(x);
    return bt;
  }
  r.backtrack(mark);
  bt.kind = BlockType::Kind::Value;
  bt.value = valtype(r);
  return bt;
}

Expr expr(Reader& r, CodeFacts& facts) {
  thread_local Sequences seq;
  // The open blocks; kept from one expression to the next for its capacity, and cleared
  // because a failed expression may have left some.
  thread_local std::vector<Frame> open;
  open.clear();
  seq.open(0);
  std::vector<Instr>* body = &seq.at(0);  // the sequence being filled: seq.at(open.size())
  for (;;) {
    size_t pos = r.pos();
    if (r.eos()) [[unlikely]] {  // no END; and where a read has failed, the reader is at its end
      r.byte();                  // "unexpected end of section or function", unless failed
      return {};
    }
    uint8_t b = r.byte();
    if (Opcode op = kPlainByte[b]; op != kNotPlain) [[likely]] {
      // The commonest immediates are read first and the instruction is built with them in
      // place; the others are set by immediate().
      switch (imm_of(op)) {
        case Imm::None: append(*body, op, std::monostate{}, r.span_from(pos)); continue;
        case Imm::Label:
        case Imm::Func:
        case Imm::Local:
        case Imm::Global: {
          uint32_t x = r.u32();
          append(*body, op, x, r.span_from(pos));
          continue;
        }
        case Imm::I32: {
          uint64_t bits = uint32_t(r.s32());
          append(*body, op, bits, r.span_from(pos));
          continue;
        }
        case Imm::MemArg: {
          MemArg m = memarg(r);
          append(*body, op, m, r.span_from(pos));
          continue;
        }
        default: {
          Instr& i = body->emplace_back();
          i.op = op;
          immediate(r, i, pos);
          i.at = r.span_from(pos);
          continue;
        }
      }
    }
    if (b == kEnd && open.empty()) {
      Expr top;
      seq.close(0, top);
      return top;
    }
    if (closes_or_continues_block(b) && continue_block(r, open, seq, b, pos)) {
      body = &seq.at(open.size());
      continue;
    }
    Opcode op = opcode(r, pos, b);  // an illegal opcode fails (and is read as unreachable)
    Imm imm = imm_of(op);
    if (imm == Imm::Block || imm == Imm::If || imm == Imm::Try || imm == Imm::TryTable) {
      if (!r.require(open.size() < kMaxNesting, pos, "too deeply nested blocks")) return {};
      open.push_back(open_block(r, op, pos));
      seq.open(open.size());
      body = &seq.at(open.size());
      continue;
    }
    if (uses_data_index(op)) facts.uses_data_index = true;
    Instr& i = body->emplace_back();
    i.op = op;
    immediate(r, i, pos);
    i.at = r.span_from(pos);
  }
}

}  // namespace wasm::binary::detail
