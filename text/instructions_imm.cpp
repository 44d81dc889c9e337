// Immediates of instructions — text/instructions.rst, read according to the opcode table's
// Imm column (spec/opcode.h); numeric literals per text/values.rst.
#include <bit>
#include <cstring>

#include "text/literals.h"
#include "text/module_parser.h"

namespace wasm::text {
namespace {

bool is_float_keyword(const Token& t) {
  return t.kind == TokenKind::Keyword &&
         (t.text == "inf" || t.text == "nan" || t.text.starts_with("nan:0x"));
}

bool is_num_token(const Token& t) { return t.kind == TokenKind::Number || is_float_keyword(t); }

struct Shape {
  std::string_view text;
  int lanes;
  int bits;
  bool is_float;
};
constexpr Shape kShapes[] = {
    {"i8x16", 16, 8, false}, {"i16x8", 8, 16, false}, {"i32x4", 4, 32, false},
    {"i64x2", 2, 64, false}, {"f32x4", 4, 32, true},  {"f64x2", 2, 64, true},
};

}  // namespace

// spec: iN / fN literals of t.const; a number that does not fit: "constant out of range".
uint64_t ModuleParser::literal(Imm kind) {
  const Token& t = p.peek();
  if (!is_num_token(t)) p.unexpected();
  p.next();
  std::optional<uint64_t> v;
  switch (kind) {
    case Imm::I32: v = parse_int(t.text, 32); break;
    case Imm::I64: v = parse_int(t.text, 64); break;
    case Imm::F32:
      if (auto f = parse_f32(t.text)) v = *f;
      break;
    default:
      v = parse_f64(t.text);
      break;
  }
  if (!v) p.defer(t.at, "constant out of range");
  return v.value_or(0);
}

// spec: v128.const shape lit^n — lanes stored little-endian.
V128Bytes ModuleParser::v128_literal() {
  const Token& st = p.peek();
  const Shape* shape = nullptr;
  for (const Shape& s : kShapes)
    if (st.kind == TokenKind::Keyword && st.text == s.text) shape = &s;
  if (!shape) p.unexpected();
  p.next();
  std::vector<const Token*> lanes;
  while (is_num_token(p.peek())) lanes.push_back(&p.next());
  if (int(lanes.size()) != shape->lanes) {
    p.defer(st.at, "wrong number of lane literals");
    return {};
  }
  V128Bytes bytes{};
  for (int i = 0; i < shape->lanes; ++i) {
    std::optional<uint64_t> v;
    std::string_view text = lanes[size_t(i)]->text;
    if (!shape->is_float) v = parse_int(text, shape->bits);
    else if (shape->bits == 32) v = parse_f32(text);
    else v = parse_f64(text);
    if (!v) p.defer(lanes[size_t(i)]->at, "constant out of range");
    v = v.value_or(0);
    int width = shape->bits / 8;
    for (int b = 0; b < width; ++b) bytes[size_t(i * width + b)] = uint8_t(*v >> (8 * b));
  }
  return bytes;
}

// spec: i8x16.shuffle laneidx^16
V128Bytes ModuleParser::shuffle_literal() {
  Span at = p.peek().at;
  std::vector<const Token*> lanes;
  while (is_num_token(p.peek())) lanes.push_back(&p.next());
  if (lanes.size() != 16) {
    p.defer(at, "invalid lane length");
    return {};
  }
  V128Bytes bytes{};
  for (size_t i = 0; i < 16; ++i) {
    auto v = number_shape(*lanes[i]) == NumShape::Nat ? parse_u32(lanes[i]->text) : std::nullopt;
    if (!v || *v > 255) p.defer(lanes[i]->at, "i8 constant out of range");
    bytes[i] = uint8_t(v.value_or(0));
  }
  return bytes;
}

// spec: memarg ::= memidx? (offset=u64)? (align=u64)?  (+ laneidx for the lane forms)
MemArg ModuleParser::mem_arg(Opcode op, bool lane) {
  MemArg a;
  a.align = uint32_t(info(op).align);
  bool memidx = p.is(TokenKind::Id) || p.is_lparen("memory");
  if (p.is_nat()) {
    const Token& after = p.peek(1);
    memidx = !lane || (after.kind == TokenKind::Number ||
                       (after.kind == TokenKind::Keyword &&
                        (after.text.starts_with("offset=") || after.text.starts_with("align="))));
  }
  if (memidx) a.mem = p.is(TokenKind::LParen) ? kind_ref(ExternKind::Memory) : index(memories, "memory");
  if (p.is(TokenKind::Keyword) && p.peek().text.starts_with("offset=")) {
    const Token& t = p.next();
    std::string_view digits = t.text.substr(7);
    auto v = parse_u64(digits);
    if (!v) p.error(t.at, "i64 constant out of range");
    a.offset = *v;
  }
  if (p.is(TokenKind::Keyword) && p.peek().text.starts_with("align=")) {
    const Token& t = p.next();
    auto v = parse_u64(t.text.substr(6));
    if (!v) p.error(t.at, "i64 constant out of range");
    if (*v == 0 || (*v & (*v - 1)) != 0) p.error(t.at, "alignment must be a power of two");
    a.align = uint32_t(std::countr_zero(*v));
  }
  if (lane) {
    if (!p.is_nat()) p.unexpected();
    const Token& t = p.next();
    auto v = parse_u32(t.text);
    if (!v || *v > 255) p.error(t.at, "i8 constant out of range");
    a.lane = uint8_t(*v);
  }
  return a;
}

// spec: fieldidx — $f is resolved among the field ids of struct type x.
uint32_t ModuleParser::field_index(uint32_t x) {
  if (p.is(TokenKind::Id)) {
    const Token& t = p.next();
    if (x < fields.size()) {
      auto it = fields[x].ids.find(t.value);
      if (it != fields[x].ids.end()) return it->second;
    }
    p.defer(t.at, cat("unknown field $", t.value));
    return 0;
  }
  return p.nat32();
}

// The immediates of a plain instruction whose mnemonic was just read. `op` may change to
// the paired row that the immediate selects (select t*, ref.test/ref.cast null).
Immediate ModuleParser::immediates(Opcode& op, Span at) {
  auto opt_index = [&](Space& s, ExternKind k, const char* what) -> uint32_t {
    if (at_index()) return index(s, what);
    if (kind_keyword(1) == k && p.is(TokenKind::LParen)) return kind_ref(k);
    return 0;
  };
  auto has_index = [&](ExternKind k) {
    return at_index() || (p.is(TokenKind::LParen) && kind_keyword(1) == k);
  };
  switch (info(op).imm) {
    case Imm::None:
      if (op == Opcode::Select && p.is_lparen("result")) {
        op = Opcode::SelectT;
        std::vector<ValType> ts;
        while (p.take_lparen("result")) {
          while (!p.is(TokenKind::RParen)) ts.push_back(val_type());
          p.expect_rparen();
        }
        return Box<std::vector<ValType>>(std::move(ts));
      }
      return std::monostate{};
    case Imm::Fence:
      return std::monostate{};
    case Imm::Label:
      return label_index();
    case Imm::BrTable: {
      BrTableImm b;
      b.labels.push_back(label_index());
      while (at_index()) b.labels.push_back(label_index());
      b.default_label = b.labels.back();
      b.labels.pop_back();
      return Box<BrTableImm>(std::move(b));
    }
    case Imm::BrOnCast: {
      BrOnCastImm b;
      b.label = label_index();
      b.from = ref_type();
      b.to = ref_type();
      return Box<BrOnCastImm>(std::move(b));
    }
    case Imm::Func:
      return p.is(TokenKind::LParen) ? kind_ref(ExternKind::Func) : index(funcs, "function");
    case Imm::CallIndirect: {
      IndexPair x;
      x.a = opt_index(tables, ExternKind::Table, "table");
      x.b = resolve_type_use(type_use(false));
      return x;
    }
    case Imm::Type:
      return index(types, "type");
    case Imm::Local:
      return index(locals, "local");
    case Imm::Global:
      return p.is(TokenKind::LParen) ? kind_ref(ExternKind::Global) : index(globals, "global");
    case Imm::Table:
      return opt_index(tables, ExternKind::Table, "table");
    case Imm::Memory:
      return opt_index(memories, ExternKind::Memory, "memory");
    case Imm::Tag:
      return index(tags, "tag");
    case Imm::Elem:
      return index(elems, "elem segment");
    case Imm::Data:
      return index(datas, "data segment");
    case Imm::SelectT:
      return Box<std::vector<ValType>>();
    case Imm::HeapType:
      return heap_type();
    case Imm::RefType:
    case Imm::RefTypeNull: {
      RefType r = ref_type();
      if (r.nullable && info(op).imm == Imm::RefType) op = Opcode(size_t(op) + 1);
      return r;
    }
    case Imm::MemArg:
      return mem_arg(op, false);
    case Imm::MemArgLane:
      return mem_arg(op, true);
    case Imm::MemoryMemory:
    case Imm::TableTable: {
      bool mem = info(op).imm == Imm::MemoryMemory;
      ExternKind k = mem ? ExternKind::Memory : ExternKind::Table;
      IndexPair x;
      if (has_index(k)) {
        x.a = opt_index(mem ? memories : tables, k, mem ? "memory" : "table");
        x.b = opt_index(mem ? memories : tables, k, mem ? "memory" : "table");
      }
      return x;
    }
    case Imm::ElemTable:
    case Imm::DataMemory: {
      bool data = info(op).imm == Imm::DataMemory;
      ExternKind k = data ? ExternKind::Memory : ExternKind::Table;
      Space& first = data ? memories : tables;
      IndexPair x;
      bool two = (p.is(TokenKind::LParen) && kind_keyword(1) == k) || (at_index() && at_index(1));
      if (two) x.a = opt_index(first, k, data ? "memory" : "table");
      x.b = data ? index(datas, "data segment") : index(elems, "elem segment");
      return x;
    }
    case Imm::TypeField: {
      IndexPair x;
      x.a = index(types, "type");
      x.b = field_index(x.a);
      return x;
    }
    case Imm::TypeType:
      return IndexPair{index(types, "type"), index(types, "type")};
    case Imm::TypeData: {
      uint32_t t = index(types, "type");
      return IndexPair{t, index(datas, "data segment")};
    }
    case Imm::TypeElem: {
      uint32_t t = index(types, "type");
      return IndexPair{t, index(elems, "elem segment")};
    }
    case Imm::TypeSize: {
      uint32_t t = index(types, "type");
      return IndexPair{t, p.nat32()};
    }
    case Imm::I32:
    case Imm::I64:
    case Imm::F32:
    case Imm::F64:
      return literal(info(op).imm);
    case Imm::V128:
      return v128_literal();
    case Imm::Shuffle:
      return shuffle_literal();
    case Imm::Lane: {
      if (!p.is_nat()) p.unexpected();
      const Token& t = p.next();
      auto v = parse_u32(t.text);
      if (!v || *v > 255) p.error(t.at, "i8 constant out of range");
      return *v;
    }
    case Imm::OrderGlobal:
    case Imm::OrderTable:
    case Imm::OrderType:
    case Imm::OrderTypeField: {
      // shared-everything-threads: ordering? then the indices; seq_cst when absent.
      OrderedImm x;
      if (p.is_keyword("acq_rel") || p.is_keyword("acqrel")) x.order = Ordering::AcqRel;
      if (x.order == Ordering::AcqRel || p.is_keyword("seq_cst") || p.is_keyword("seqcst"))
        p.next();
      switch (info(op).imm) {
        case Imm::OrderGlobal:
          x.a = p.is(TokenKind::LParen) ? kind_ref(ExternKind::Global) : index(globals, "global");
          break;
        case Imm::OrderTable: x.a = opt_index(tables, ExternKind::Table, "table"); break;
        case Imm::OrderType: x.a = index(types, "type"); break;
        default:
          x.a = index(types, "type");
          x.b = field_index(x.a);
          break;
      }
      return x;
    }
    case Imm::Block:
    case Imm::If:
    case Imm::Try:
    case Imm::TryTable:
      break;
  }
  p.error(at, "unexpected token");
}

}  // namespace wasm::text
