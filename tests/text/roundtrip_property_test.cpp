// RapidCheck properties over generated modules (STYLE.md §13):
//   binary round trip  decode(encode(m)) == m,  and encode is a fixed point;
//   text round trip    parse(print(m)) == m.
// The generator draws every instruction of the opcode table with random immediates, nested
// blocks, every kind of module field and custom sections at the places the text format names.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <tuple>

#include "binary/decode.h"
#include "binary/encode.h"
#include "text/parse.h"
#include "text/print.h"

namespace wasm {
namespace {

using rc::gen::inRange;

template <typename T>
T pick(std::initializer_list<T> xs) {
  return *rc::gen::elementOf(std::vector<T>(xs));
}
uint32_t small() { return *inRange<uint32_t>(0, 200); }
bool coin() { return *rc::gen::arbitrary<bool>(); }

struct Gen {
  uint32_t types = 1;  // function types [] -> [] .. defined by the module

  ValType numtype() {
    return pick({ValType::i32(), ValType::i64(), ValType::f32(), ValType::f64(), ValType::v128()});
  }
  HeapType heaptype() {
    if (coin()) return {HeapKind::Index, false, *inRange<uint32_t>(0, types)};
    return {pick({HeapKind::Func, HeapKind::NoFunc, HeapKind::Extern, HeapKind::NoExtern,
                  HeapKind::Any, HeapKind::Eq, HeapKind::I31, HeapKind::Struct, HeapKind::Array,
                  HeapKind::None, HeapKind::Exn, HeapKind::NoExn}),
            false, 0};
  }
  RefType reftype() { return {coin(), heaptype()}; }
  ValType valtype() { return coin() ? numtype() : ValType::ref_of(reftype()); }
  BlockType blocktype() {
    switch (*inRange(0, 3)) {
      case 0: return {};
      case 1: return {BlockType::Kind::Value, valtype(), 0};
      default: return {BlockType::Kind::Index, {}, *inRange<uint32_t>(0, types)};
    }
  }
  Expr body(int depth) {
    Expr e;
    for (int n = *inRange(0, depth > 0 ? 4 : 2); n > 0; --n) e.push_back(instr(depth));
    return e;
  }
  Immediate structured(Opcode op, int depth) {
    switch (info(op).imm) {
      case Imm::Block: return Box<BlockImm>(BlockImm{blocktype(), body(depth - 1), {}});
      case Imm::If: return Box<BlockImm>(BlockImm{blocktype(), body(depth - 1), body(depth - 1)});
      case Imm::TryTable: {
        TryTableImm t{blocktype(), {}, body(depth - 1)};
        for (int n = *inRange(0, 3); n > 0; --n)
          t.catches.push_back(Catch{CatchKind(*inRange(0, 4)), small(), small()});
        for (Catch& c : t.catches)
          if (c.kind == CatchKind::CatchAll || c.kind == CatchKind::CatchAllRef) c.tag = 0;
        return Box<TryTableImm>(std::move(t));
      }
      default: {
        TryImm t{blocktype(), body(depth - 1), {}, std::nullopt, std::nullopt};
        if (coin()) {
          t.delegate = small();
        } else {
          for (int n = *inRange(0, 2); n > 0; --n)
            t.catches.push_back(LegacyCatch{small(), body(depth - 1)});
          if (coin()) t.catch_all = body(depth - 1);
        }
        return Box<TryImm>(std::move(t));
      }
    }
  }
  Immediate immediate(Opcode op, int depth) {
    switch (info(op).imm) {
      case Imm::None:
      case Imm::Fence: return std::monostate{};
      case Imm::Block:
      case Imm::If:
      case Imm::Try:
      case Imm::TryTable: return structured(op, depth);
      case Imm::Label:
      case Imm::Func:
      case Imm::Local:
      case Imm::Global:
      case Imm::Table:
      case Imm::Memory:
      case Imm::Tag:
      case Imm::Elem:
      case Imm::Data: return small();
      case Imm::Type: return *inRange<uint32_t>(0, types);
      case Imm::Lane: return *inRange<uint32_t>(0, 16);
      case Imm::BrTable:
        return Box<BrTableImm>(BrTableImm{
            *rc::gen::container<std::vector<uint32_t>>(inRange<uint32_t>(0, 9)), small()});
      case Imm::BrOnCast: return Box<BrOnCastImm>(BrOnCastImm{small(), reftype(), reftype()});
      case Imm::SelectT: return Box<std::vector<ValType>>(std::vector{valtype()});
      case Imm::HeapType: return heaptype();
      case Imm::RefType: return RefType{false, heaptype()};
      case Imm::RefTypeNull: return RefType{true, heaptype()};
      case Imm::MemArg:
      case Imm::MemArgLane:
        return MemArg{*inRange<uint64_t>(0, uint64_t(1) << 32), *inRange<uint32_t>(0, 2),
                      *inRange<uint32_t>(0, 5), uint8_t(*inRange(0, 16))};
      case Imm::CallIndirect: return IndexPair{small(), *inRange<uint32_t>(0, types)};
      case Imm::MemoryMemory:
      case Imm::TableTable:
      case Imm::ElemTable:
      case Imm::DataMemory:
      case Imm::TypeSize: return IndexPair{small(), small()};
      case Imm::TypeField:
      case Imm::TypeType:
      case Imm::TypeData:
      case Imm::TypeElem: return IndexPair{*inRange<uint32_t>(0, types), small()};
      case Imm::I32: return uint64_t(*rc::gen::arbitrary<uint32_t>());
      case Imm::I64:
      case Imm::F64: return *rc::gen::arbitrary<uint64_t>();
      case Imm::F32: return uint64_t(*rc::gen::arbitrary<uint32_t>());
      case Imm::V128:
      case Imm::Shuffle: {
        V128Bytes v{};
        for (uint8_t& b : v)
          b = info(op).imm == Imm::V128 ? *rc::gen::arbitrary<uint8_t>() : uint8_t(*inRange(0, 32));
        return v;
      }
      case Imm::OrderGlobal:
      case Imm::OrderTable:
        return OrderedImm{coin() ? Ordering::AcqRel : Ordering::SeqCst, small(), 0};
      case Imm::OrderType:
        return OrderedImm{coin() ? Ordering::AcqRel : Ordering::SeqCst,
                          *inRange<uint32_t>(0, types), 0};
      case Imm::OrderTypeField:
        return OrderedImm{coin() ? Ordering::AcqRel : Ordering::SeqCst,
                          *inRange<uint32_t>(0, types), small()};
    }
    return std::monostate{};
  }
  Instr instr(int depth) {
    Opcode op;
    do op = Opcode(*inRange<size_t>(0, kOpcodeCount));
    while (depth <= 0 && (info(op).imm == Imm::Block || info(op).imm == Imm::If ||
                          info(op).imm == Imm::Try || info(op).imm == Imm::TryTable));
    Immediate imm = immediate(op, depth);
    if (info(op).imm == Imm::MemArg) std::get<MemArg>(imm).lane = 0;
    return Instr{op, std::move(imm), {}};
  }
  Expr const_expr() {
    return {Instr{Opcode::I32Const, uint64_t(*rc::gen::arbitrary<uint32_t>()), {}}};
  }
  Limits limits() {
    Limits l{small(), std::nullopt};
    if (coin()) l.max = l.min + small();
    return l;
  }
};

Module module() {
  Gen g;
  Module m;
  g.types = *inRange<uint32_t>(1, 4);
  for (uint32_t k = 0; k < g.types; ++k) {
    TypeDef t;
    t.rec.subtypes.resize(1);
    t.rec.subtypes[0].comp.func.params = *rc::gen::container<std::vector<ValType>>(
        *inRange(0, 3), rc::gen::exec([&] { return g.numtype(); }));
    m.types.push_back(std::move(t));
  }
  m.initial_order = {{DefKind::Type, g.types}};
  for (int n = *inRange(0, 3); n > 0; --n) {
    Func f{*inRange<uint32_t>(0, g.types), {}, g.body(3), {}};
    for (int l = *inRange(0, 4); l > 0; --l) f.locals.push_back(g.numtype());
    m.funcs.push_back(std::move(f));
  }
  for (int n = *inRange(0, 2); n > 0; --n)
    m.memories.push_back(
        {MemType{coin() ? AddrType::I64 : AddrType::I32, g.limits(), false, std::nullopt}, {}});
  for (int n = *inRange(0, 2); n > 0; --n) {
    Table t{
        TableType{AddrType::I32, g.limits(), {true, {HeapKind::Func, false, 0}}}, std::nullopt, {}};
    if (coin()) t.init = Expr{Instr{Opcode::RefNull, HeapType{}, {}}};
    m.tables.push_back(std::move(t));
  }
  for (int n = *inRange(0, 2); n > 0; --n)
    m.globals.push_back(
        {GlobalType{ValType::i32(), coin() ? Mut::Var : Mut::Const}, g.const_expr(), {}});
  for (int n = *inRange(0, 2); n > 0; --n)
    m.exports.push_back({"e" + std::to_string(n), ExternKind(*inRange(0, 5)), small(), {}});
  if (coin()) m.start = small();
  for (int n = *inRange(0, 3); n > 0; --n) {
    Elem e{SegmentMode(*inRange(0, 3)), small(), g.const_expr(), {}, {}, coin(), {}};
    if (e.mode != SegmentMode::Active) e.table = 0, e.offset.clear();
    e.type = RefType{e.mode == SegmentMode::Passive || coin(), {HeapKind::Func, false, 0}};
    for (int k = *inRange(0, 3); k > 0; --k)
      e.init.push_back(coin() ? Expr{Instr{Opcode::RefFunc, small(), {}}}
                              : Expr{Instr{Opcode::RefNull, HeapType{}, {}}});
    m.elems.push_back(std::move(e));
  }
  for (int n = *inRange(0, 3); n > 0; --n) {
    Data d{coin() ? SegmentMode::Active : SegmentMode::Passive, small(), g.const_expr(),
           *rc::gen::arbitrary<std::vector<uint8_t>>(),         coin(),  {}};
    if (d.mode == SegmentMode::Passive) d.mem = 0, d.offset.clear();
    m.datas.push_back(std::move(d));
  }
  for (int n = *inRange(0, 3); n > 0; --n) {
    SectionId anchor =
        pick({SectionId::Custom, SectionId::Type, SectionId::Function, SectionId::Memory,
              SectionId::Tag, SectionId::Global, SectionId::Element, SectionId::DataCount,
              SectionId::Code, SectionId::Data});
    m.customs.push_back({"c" + std::to_string(n),
                         *rc::gen::arbitrary<std::vector<uint8_t>>(),
                         Custom::Place::After,
                         anchor,
                         {}});
  }
  return m;
}

// Custom sections are sorted into place by the encoder: compare them as a multiset.
Module sorted_customs(Module m) {
  std::ranges::sort(m.customs, {}, [](const Custom& c) { return std::tie(c.name, c.bytes); });
  return m;
}

TEST(Property, BinaryRoundTrip) {
  EXPECT_TRUE(rc::check("decode(encode(m)) == m", [] {
    Module m = module();
    std::vector<uint8_t> bytes = binary::encode(m);
    RC_CLASSIFY(bytes.size() > 200, "over 200 bytes");
    binary::DecodeOptions options;
    options.shared_everything = true;  // the generator marks segments shared
    auto decoded = binary::decode(bytes, options);
    RC_ASSERT(decoded.ok());
    RC_ASSERT(sorted_customs(*decoded) == sorted_customs(m));
    RC_ASSERT(binary::encode(*decoded) == bytes);
  }));
}

TEST(Property, TextRoundTrip) {
  EXPECT_TRUE(rc::check("parse(print(m)) == m", [] {
    Module m = module();
    auto parsed = text::parse_module(text::print_module(m));
    RC_ASSERT(parsed.ok());
    RC_ASSERT(*parsed == m);
  }));
}

}  // namespace
}  // namespace wasm
