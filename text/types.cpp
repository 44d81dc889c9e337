// Types — text/types.rst: value, reference, heap, field, composite, sub and rec types,
// limits, table/memory/global types; and type uses (text/modules.rst "Type Uses").
#include <algorithm>

#include "text/module_parser.h"

namespace wasm::text {
namespace {

struct AbsHeap {
  std::string_view text;
  HeapKind kind;
};
constexpr AbsHeap kAbsHeapTypes[] = {
    {"any", HeapKind::Any},
    {"none", HeapKind::None},
    {"eq", HeapKind::Eq},
    {"i31", HeapKind::I31},
    {"struct", HeapKind::Struct},
    {"array", HeapKind::Array},
    {"func", HeapKind::Func},
    {"nofunc", HeapKind::NoFunc},
    {"exn", HeapKind::Exn},
    {"noexn", HeapKind::NoExn},
    {"extern", HeapKind::Extern},
    {"noextern", HeapKind::NoExtern},
    // shared-everything-threads (validation requires the proposal)
    {"waitqueue", HeapKind::WaitQueue},
    {"nowaitqueue", HeapKind::NoWaitQueue},
};

// spec: reftype abbreviations (funcref ≡ (ref null func), ...)
constexpr AbsHeap kRefAbbreviations[] = {
    {"anyref", HeapKind::Any},       {"nullref", HeapKind::None},
    {"eqref", HeapKind::Eq},         {"i31ref", HeapKind::I31},
    {"structref", HeapKind::Struct}, {"arrayref", HeapKind::Array},
    {"funcref", HeapKind::Func},     {"nullfuncref", HeapKind::NoFunc},
    {"exnref", HeapKind::Exn},       {"nullexnref", HeapKind::NoExn},
    {"externref", HeapKind::Extern}, {"nullexternref", HeapKind::NoExtern},
};

std::optional<HeapKind> find_kind(const AbsHeap* begin, const AbsHeap* end, const Token& t) {
  if (t.kind != TokenKind::Keyword) return std::nullopt;
  auto it = std::find_if(begin, end, [&](const AbsHeap& a) { return a.text == t.text; });
  if (it == end) return std::nullopt;
  return it->kind;
}

std::optional<ValKind> num_vec_type(const Token& t) {
  if (t.kind != TokenKind::Keyword) return std::nullopt;
  if (t.text == "i32") return ValKind::I32;
  if (t.text == "i64") return ValKind::I64;
  if (t.text == "f32") return ValKind::F32;
  if (t.text == "f64") return ValKind::F64;
  if (t.text == "v128") return ValKind::V128;
  return std::nullopt;
}

}  // namespace

bool ModuleParser::at_val_type() const {
  const Token& t = p.peek();
  return num_vec_type(t) ||
         find_kind(std::begin(kRefAbbreviations), std::end(kRefAbbreviations), t) ||
         p.is_lparen("ref") ||
         (p.is_lparen("shared") &&
          find_kind(std::begin(kRefAbbreviations), std::end(kRefAbbreviations), p.peek(2)));
}

// spec: heaptype ::= absheaptype | typeidx   (custom-descriptors: (exact typeidx);
// shared-everything-threads: (shared absheaptype))
HeapType ModuleParser::heap_type() {
  if (auto k = find_kind(std::begin(kAbsHeapTypes), std::end(kAbsHeapTypes), p.peek())) {
    p.next();
    return {*k, false, 0};
  }
  if (p.is_lparen("shared") &&
      find_kind(std::begin(kAbsHeapTypes), std::end(kAbsHeapTypes), p.peek(2))) {
    p.next();
    p.next();
    HeapType h{*find_kind(std::begin(kAbsHeapTypes), std::end(kAbsHeapTypes), p.next()), false, 0,
               true};
    p.expect_rparen();
    return h;
  }
  if (p.take_lparen("exact")) {
    HeapType h{HeapKind::Index, true, index(types, "type")};
    p.expect_rparen();
    return h;
  }
  if (!at_index()) p.unexpected();
  return {HeapKind::Index, false, index(types, "type")};
}

// spec: reftype ::= (ref null? heaptype) | abbreviations
// (+ shared-everything-threads: (shared funcref) abbreviates (ref null (shared func)), ...)
RefType ModuleParser::ref_type() {
  if (auto k = find_kind(std::begin(kRefAbbreviations), std::end(kRefAbbreviations), p.peek())) {
    p.next();
    return {true, {*k, false, 0}};
  }
  if (p.is_lparen("shared") &&
      find_kind(std::begin(kRefAbbreviations), std::end(kRefAbbreviations), p.peek(2))) {
    p.next();
    p.next();
    RefType r{true,
              {*find_kind(std::begin(kRefAbbreviations), std::end(kRefAbbreviations), p.next()),
               false, 0, true}};
    p.expect_rparen();
    return r;
  }
  p.expect_lparen("ref");
  RefType r;
  r.nullable = p.take_keyword("null");
  r.heap = heap_type();
  p.expect_rparen();
  return r;
}

// spec: valtype ::= numtype | vectype | reftype
ValType ModuleParser::val_type() {
  if (auto k = num_vec_type(p.peek())) {
    p.next();
    return {*k, {}};
  }
  return ValType::ref_of(ref_type());
}

// spec: storagetype ::= valtype | packtype
ValType ModuleParser::storage_type() {
  if (p.take_keyword("i8")) return ValType::i8();
  if (p.take_keyword("i16")) return ValType::i16();
  return val_type();
}

// spec: fieldtype ::= storagetype | (mut storagetype)
FieldType ModuleParser::field_type() {
  if (p.take_lparen("mut")) {
    FieldType f{storage_type(), Mut::Var};
    p.expect_rparen();
    return f;
  }
  return {storage_type(), Mut::Const};
}

// spec: globaltype ::= valtype | (mut valtype)
// (+ shared-everything-threads: (shared valtype) | (shared mut valtype); the form of wasm-tools
// and of the proposal's tests; the Overview's (shared (mut valtype)) is accepted too; and
// thread-local globals written alike, (thread_local valtype) | (thread_local mut valtype))
GlobalType ModuleParser::global_type() {
  bool thread_local_ = p.is_lparen("thread_local");
  if (p.is_lparen("shared") || thread_local_) {  // (here never the reference abbreviation)
    p.next();
    p.next();
    GlobalType g;
    if (p.take_keyword("mut")) {
      g = {val_type(), Mut::Var};
    } else if (p.take_lparen("mut")) {
      g = {val_type(), Mut::Var};
      p.expect_rparen();
    } else {
      g.type = val_type();
    }
    g.shared = !thread_local_;
    g.thread_local_ = thread_local_;
    p.expect_rparen();
    return g;
  }
  if (p.take_lparen("mut")) {
    GlobalType g{val_type(), Mut::Var};
    p.expect_rparen();
    return g;
  }
  return {val_type(), Mut::Const};
}

// spec: (param id? t*)* (result t*)*  — ids only where the context allows them
void ModuleParser::params_results(InlineSig& sig, bool allow_ids) {
  while (p.take_lparen("param")) {
    if (p.is(TokenKind::Id)) {
      if (!allow_ids) p.unexpected();
      std::string id(p.next().value);
      sig.type.params.push_back(val_type());
      sig.param_ids.push_back(std::move(id));
    } else {
      while (!p.is(TokenKind::RParen)) {
        sig.type.params.push_back(val_type());
        sig.param_ids.push_back(std::nullopt);
      }
    }
    p.expect_rparen();
  }
  while (p.take_lparen("result")) {
    while (!p.is(TokenKind::RParen)) sig.type.results.push_back(val_type());
    p.expect_rparen();
  }
}

// spec: typeuse ::= (type x) (param ..)* (result ..)* | (param ..)* (result ..)*
// Module Linking: (type outer $M $t) names an outer alias.
TypeUse ModuleParser::type_use(bool allow_ids) {
  TypeUse use;
  use.at = p.peek().at;
  if (p.is_lparen("type")) {
    if (p.is_keyword("outer", 2)) {
      use.index = outer_alias(ExternKind::Type, p.pos());
      p.seek(p.skip_balanced(p.pos()));
    } else {
      p.next();
      p.next();
      use.at = p.peek().at;
      use.index = index(types, "type");
      p.expect_rparen();
    }
  }
  params_results(use.sig, allow_ids);
  return use;
}

std::optional<FuncType> ModuleParser::func_type_at(uint32_t x) const {
  if (x >= type_slots.size() || type_slots[x].def < 0) return std::nullopt;
  const TypeDef& def = m.types[size_t(type_slots[x].def)];
  if (def.kind != TypeDefKind::Rec) return std::nullopt;
  const SubType& st = def.rec.subtypes[type_slots[x].sub];
  if (st.comp.kind != CompKind::Func) return std::nullopt;
  return st.comp.func;
}

// spec: text/modules.rst "Type Uses": an explicit index must agree with the inline signature;
// a lone inline signature names the first identical type, appended if there is none.
uint32_t ModuleParser::resolve_type_use(const TypeUse& use) {
  if (!use.index) return inline_func_type(use.sig.type);
  uint32_t x = *use.index;
  if (use.sig.empty()) return x;
  if (x >= type_slots.size()) {
    p.defer(use.at, cat("unknown type ", x));
  } else if (type_slots[x].def >= 0 && !pass1) {  // (an alias's type: known to validation)
    auto ft = func_type_at(x);
    if (!ft)
      p.defer(use.at, cat("non-function type ", x));
    else if (*ft != use.sig.type)
      p.defer(use.at, "inline function type does not match explicit type");
  }
  return x;
}

uint32_t ModuleParser::inline_func_type(const FuncType& ft) {
  for (uint32_t x = 0; x < type_slots.size(); ++x) {
    const TypeSlot& s = type_slots[x];
    if (s.def < 0) continue;
    const TypeDef& def = m.types[size_t(s.def)];
    if (def.kind != TypeDefKind::Rec || def.rec.subtypes.size() != 1) continue;
    const SubType& st = def.rec.subtypes[0];
    if (st.final && st.supers.empty() && !st.describes && !st.descriptor &&
        st.comp.kind == CompKind::Func && !st.comp.shared && st.comp.func == ft)
      return x;
  }
  TypeDef def;
  def.rec.subtypes.resize(1);
  def.rec.subtypes[0].comp.func = ft;
  return append_type(std::move(def));
}

uint32_t ModuleParser::append_type(TypeDef def) {
  uint32_t x = types.count;
  uint32_t n = def.size();
  m.types.push_back(std::move(def));
  std::vector<DefRun>& order = m.initial_order;
  if (hoist_types && !order.empty() && order.back().kind == DefKind::Import) {
    // The run of imports so far holds no types, so the new type's index is unchanged.
    if (order.size() >= 2 && order[order.size() - 2].kind == DefKind::Type)
      ++order[order.size() - 2].count;
    else
      order.insert(order.end() - 1, DefRun{DefKind::Type, 1});
  } else {
    note_initial_def(m, DefKind::Type);
  }
  for (uint32_t i = 0; i < n; ++i) {
    type_slots.push_back({int32_t(m.types.size() - 1), i});
    fields.emplace_back();
  }
  types.count += n;
  return x;
}

// spec: subtype ::= (sub final? x* comptype) | comptype
//       comptype ::= (struct field*) | (array fieldtype) | (func param* result*)
void ModuleParser::sub_type(SubType& st, uint32_t x) {
  Nest nest(p);
  bool explicit_sub = p.take_lparen("sub");
  if (explicit_sub) {
    st.explicit_sub = true;
    st.final = p.take_keyword("final");
    while (at_index()) st.supers.push_back(index(types, "type"));
  }
  // custom-descriptors: (describes x)? (descriptor y)?
  if (p.take_lparen("describes")) {
    st.describes = index(types, "type");
    p.expect_rparen();
  }
  if (p.take_lparen("descriptor")) {
    st.descriptor = index(types, "type");
    p.expect_rparen();
  }
  p.expect(TokenKind::LParen);
  // shared-everything-threads: sharecomptype ::= (shared comptype) | comptype
  bool shared = p.take_keyword("shared");
  if (shared) {
    st.comp.shared = true;
    p.expect(TokenKind::LParen);
  }
  if (p.take_keyword("func")) {
    st.comp.kind = CompKind::Func;
    InlineSig sig;
    params_results(sig, true);
    st.comp.func = std::move(sig.type);
  } else if (p.take_keyword("struct")) {
    st.comp.kind = CompKind::Struct;
    while (p.take_lparen("field")) {
      if (p.is(TokenKind::Id)) {
        Span at = p.peek().at;
        auto fid = p.opt_id();
        if (x < fields.size()) {
          Space& fs = fields[x];
          if (fs.ids.count(*fid))
            p.defer(at, cat("duplicate field $", *fid));
          else
            fs.ids[*fid] = fs.count;
        }
        st.comp.struct_.fields.push_back(field_type());
        if (x < fields.size()) ++fields[x].count;
      } else {
        while (!p.is(TokenKind::RParen)) {
          st.comp.struct_.fields.push_back(field_type());
          if (x < fields.size()) ++fields[x].count;
        }
      }
      p.expect_rparen();
    }
  } else if (p.take_keyword("array")) {
    st.comp.kind = CompKind::Array;
    st.comp.array.field = field_type();
  } else {
    p.unexpected();
  }
  p.expect_rparen();
  if (shared) p.expect_rparen();
  if (explicit_sub) p.expect_rparen();
}

// spec: addrtype ::= i32 | i64   (absent: i32)
AddrType ModuleParser::addr_type() {
  if (p.take_keyword("i64")) return AddrType::I64;
  p.take_keyword("i32");
  return AddrType::I32;
}

// spec: limits ::= u64 u64?
Limits ModuleParser::limits(bool*) {
  Limits l;
  l.min = p.nat64();
  if (p.is_nat()) l.max = p.nat64();
  return l;
}

// spec: tabletype ::= addrtype? limits reftype (+ shared-everything-threads: shared first)
TableType ModuleParser::table_type() {
  TableType t;
  t.shared = p.take_keyword("shared");
  t.addr = addr_type();
  t.limits = limits();
  t.elem = ref_type();
  return t;
}

// spec: memtype ::= addrtype? limits  (+ threads: shared; custom-page-sizes: (pagesize n))
// shared-everything-threads: `shared` may also come first (the form its Overview prefers).
MemType ModuleParser::mem_type() {
  MemType t;
  bool shared_first = p.take_keyword("shared");
  t.addr = addr_type();
  t.limits = limits();
  if (shared_first || p.take_keyword("shared"))
    t.shared = true;
  else
    p.take_keyword("unshared");
  if (p.take_lparen("pagesize")) {
    Span at = p.peek().at;
    uint64_t size = p.nat64();
    if (size == 0 || (size & (size - 1)) != 0) p.error(at, "invalid custom page size");
    uint32_t log2 = 0;
    while ((uint64_t(1) << log2) < size) ++log2;
    t.page_size_log2 = log2;
    p.expect_rparen();
  }
  return t;
}

// Pass 2: (type $id? subtype) | (rec (type $id? subtype)*) — ids were bound in pass 1.
void ModuleParser::type_definition(const FieldInfo& f) {
  p.seek(f.pos);
  p.next();  // (
  TypeDef& def = m.types[f.slot];
  uint32_t first = f.index;
  if (p.take_keyword("rec")) {
    for (uint32_t i = 0; i < def.rec.subtypes.size(); ++i) {
      p.expect_lparen("type");
      p.opt_id();
      sub_type(def.rec.subtypes[i], first + i);
      p.expect_rparen();
    }
  } else {
    p.expect_keyword("type");
    p.opt_id();
    sub_type(def.rec.subtypes[0], first);
  }
  p.expect_rparen();
}

}  // namespace wasm::text
