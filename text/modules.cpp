// Modules — text/modules.rst: the identifier context, the three passes over module fields
// (see module_parser.h) and the fields' productions with their abbreviations.
#include <algorithm>
#include <bit>

#include "spec/walk.h"
#include "text/module_parser.h"

namespace wasm::text {
namespace {

struct FieldWord {
  std::string_view text;
  FieldKind kind;
};
constexpr FieldWord kFieldWords[] = {
    {"type", FieldKind::Type},     {"rec", FieldKind::Rec},       {"import", FieldKind::Import},
    {"func", FieldKind::Func},     {"table", FieldKind::Table},   {"memory", FieldKind::Memory},
    {"global", FieldKind::Global}, {"tag", FieldKind::Tag},       {"elem", FieldKind::Elem},
    {"data", FieldKind::Data},     {"start", FieldKind::Start},   {"export", FieldKind::Export},
    {"module", FieldKind::Module}, {"instance", FieldKind::Instance}, {"alias", FieldKind::Alias},
};

// "import after function definition" etc.: imports precede the definitions they could shadow.
constexpr const char* kDefinitionNames[] = {"function", "table", "memory", "global", "tag"};

int definition_slot(FieldKind k) {
  switch (k) {
    case FieldKind::Func: return 0;
    case FieldKind::Table: return 1;
    case FieldKind::Memory: return 2;
    case FieldKind::Global: return 3;
    case FieldKind::Tag: return 4;
    default: return -1;
  }
}

}  // namespace

ModuleParser::ModuleParser(Parser& parser, ModuleParser* parent_, std::optional<std::string> id_)
    : p(parser), parent(parent_), id(std::move(id_)) {}

// ---- Identifier context ----

uint32_t ModuleParser::bind(Space& s, const std::optional<std::string>& name, const char* category,
                            Span at) {
  if (name) {
    if (s.ids.count(*name)) p.defer(at, cat("duplicate ", category, " $", *name));
    else s.ids[*name] = s.count;
  }
  if (&s == &instances) instance_origins.resize(s.count + 1);
  return s.count++;
}

uint32_t ModuleParser::lookup(const Space& s, const Token& t, const char* category) const {
  auto it = s.ids.find(t.value);
  if (it == s.ids.end()) {
    if (plan_use(s, t)) return 0;  // the next parse binds it (module_linking_2020.cpp)
    p.defer(t.at, cat("unknown ", category, " $", t.value));
    return 0;
  }
  return it->second;
}

bool ModuleParser::at_index(size_t ahead) const {
  return p.is(TokenKind::Id, ahead) || p.is_nat(ahead);
}

uint32_t ModuleParser::index(Space& s, const char* category) {
  if (p.is(TokenKind::Id)) return lookup(s, p.next(), category);
  return p.nat32();
}

Space& ModuleParser::space_of(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return funcs;
    case ExternKind::Table: return tables;
    case ExternKind::Memory: return memories;
    case ExternKind::Global: return globals;
    case ExternKind::Tag: return tags;
    case ExternKind::Module: return modules;
    case ExternKind::Instance: return instances;
    case ExternKind::Type: return types;
  }
  return funcs;
}

const char* ModuleParser::category_of(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "function";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
    case ExternKind::Module: return "module";
    case ExternKind::Instance: return "instance";
    case ExternKind::Type: return "type";
  }
  return "?";
}

std::optional<ExternKind> ModuleParser::kind_keyword(size_t ahead) const {
  const Token& t = p.peek(ahead);
  if (t.kind != TokenKind::Keyword) return std::nullopt;
  if (t.text == "func") return ExternKind::Func;
  if (t.text == "table") return ExternKind::Table;
  if (t.text == "memory") return ExternKind::Memory;
  if (t.text == "global") return ExternKind::Global;
  if (t.text == "tag") return ExternKind::Tag;
  if (t.text == "module") return ExternKind::Module;
  if (t.text == "instance") return ExternKind::Instance;
  if (t.text == "type") return ExternKind::Type;
  return std::nullopt;
}

// ---- The passes ----

Module ModuleParser::run() {
  size_t start = p.pos();
  while (p.is(TokenKind::LParen)) {
    FieldInfo f;
    f.pos = p.pos();
    auto it = std::find_if(std::begin(kFieldWords), std::end(kFieldWords),
                           [&](const FieldWord& w) { return p.is_keyword(w.text, 1); });
    if (it == std::end(kFieldWords)) {
      p.next();
      p.unexpected();
    }
    f.kind = it->kind;
    if (is_ml_field(f.kind)) ml = true;
    // Module Linking: a single-level import, or an import of a module or instance, makes the
    // imports header definitions parsed in order (their inline types precede them).
    if (f.kind == FieldKind::Import && p.is(TokenKind::String, 2)) {
      size_t k = p.is(TokenKind::String, 3) ? 4 : 3;
      if (k == 3 || p.is_keyword("module", k + 1) || p.is_keyword("instance", k + 1)) ml = true;
    }
    // ... and so does the abbreviation of one, `(func $id? (export "e")* (import "m") ...)`.
    if (!ml && definition_slot(f.kind) >= 0) {
      size_t i = f.pos + 2;
      if (p.token(i).kind == TokenKind::Id) ++i;
      while (p.token(i).kind == TokenKind::LParen && p.token(i + 1).kind == TokenKind::Keyword &&
             p.token(i + 1).text == "export")
        i = p.skip_balanced(i);
      if (p.token(i).kind == TokenKind::LParen && p.token(i + 1).kind == TokenKind::Keyword &&
          p.token(i + 1).text == "import" && p.token(i + 2).kind == TokenKind::String &&
          p.token(i + 3).kind == TokenKind::RParen)
        ml = true;
    }
    field_list.push_back(f);
    p.seek(p.skip_balanced(f.pos));
  }
  if (!p.is(TokenKind::RParen) && !p.is(TokenKind::Eof)) p.unexpected();
  size_t end = p.pos();
  (void)start;

  // Pass 1: bind ids (Module Linking: inline and planned aliases first, at their place).
  bool header_done = false;
  pass1 = true;
  bind_planned_parents();
  for (size_t i = 0; i < field_list.size(); ++i) {
    FieldInfo& f = field_list[i];
    current_field = i;
    bool header = is_header_field(f.kind);
    p.seek(f.pos);
    size_t field_end = p.skip_balanced(f.pos);
    if (header) {
      bind_planned_aliases(
          [](const ModuleParser&, size_t field, size_t now) { return field == now; }, i);
      scan_inline_aliases(f.pos, field_end);
    } else if (!header_done) {
      header_done = true;
      bind_planned_aliases([](const ModuleParser& mp, size_t field,
                              size_t) { return !is_header_field(mp.field_list[field].kind); },
                           i);
      for (size_t j = i; j < field_list.size(); ++j) {
        FieldKind k = field_list[j].kind;
        if (k == FieldKind::Type || k == FieldKind::Rec || k == FieldKind::Import ||
            k == FieldKind::Module || k == FieldKind::Instance || k == FieldKind::Alias)
          continue;
        scan_inline_aliases(field_list[j].pos, p.skip_balanced(field_list[j].pos));
      }
    }
    bind_field(f);
  }
  resolve_pending_aliases();
  pass1 = false;

  // Pass 2: type definitions.
  for (size_t i = 0; i < field_list.size(); ++i) {
    FieldInfo& f = field_list[i];
    current_field = i;
    if ((f.kind == FieldKind::Type || f.kind == FieldKind::Rec) && !f.done) type_definition(f);
  }

  // Pass 3: everything else, in field order (fields done in pass 1 still add their exports).
  for (size_t i = 0; i < field_list.size(); ++i) {
    current_field = i;
    parse_field(field_list[i]);
  }

  place_customs(end);
  if (!parent) code_annotations();
  for (const auto& [name, index] : funcs.ids) names.funcs[index] = name;
  if (!names.empty()) m.text_names = std::make_shared<const NameMap>(std::move(names));
  p.seek(end);
  return std::move(m);
}

// The identifiers of a function's locals and labels (spec/names.h numbers labels in flat order).
void ModuleParser::note_func_names(uint32_t func, const Expr& body) {
  for (const auto& [name, index] : locals.ids) names.locals[func][index] = name;
  if (label_ids.empty()) return;
  uint32_t ordinal = 0;
  for_each_instr(body, [&](const Instr& i) {
    if (!detail::has_body(i)) return;
    if (auto it = label_ids.find(i.at.begin); it != label_ids.end())
      names.labels[func][ordinal] = it->second;
    ++ordinal;
  });
  label_ids.clear();
}

// Pass 1 for one field: bind its ids and reserve its place among the initial definitions.
void ModuleParser::bind_field(FieldInfo& f) {
  p.seek(f.pos + 2);
  Span at = p.peek().at;
  switch (f.kind) {
    case FieldKind::Type: {
      auto name = p.opt_id();
      if (p.is_lparen("module") || p.is_lparen("instance")) {
        bool is_module = p.is_keyword("module", 1);
        ml_types = true;  // Module Linking: module and instance types
        p.next();
        p.next();
        TypeDef def;
        StringMap<std::string> ids;
        def.kind = is_module ? TypeDefKind::Module : TypeDefKind::Instance;
        if (is_module)
          def.module = module_type(&ids);
        else
          def.instance = instance_type(&ids);
        p.expect_rparen();
        p.expect_rparen();
        if (name) {
          if (types.ids.count(*name)) p.error(at, cat("duplicate type $", *name));
          types.ids[*name] = types.count;
        }
        uint32_t x = append_type(std::move(def));
        if (!ids.empty()) type_export_ids[x] = std::move(ids);
        f.done = true;
        return;
      }
      f.index = bind(types, name, "type", at);
      f.slot = uint32_t(m.types.size());
      TypeDef def;
      def.rec.subtypes.resize(1);
      m.types.push_back(std::move(def));
      note_initial_def(m, DefKind::Type);
      type_slots.push_back({int32_t(f.slot), 0});
      fields.emplace_back();
      return;
    }
    case FieldKind::Rec: {
      f.index = types.count;
      f.slot = uint32_t(m.types.size());
      TypeDef def;
      def.rec.explicit_rec = true;
      while (p.is_lparen("type")) {
        size_t type_pos = p.pos();
        p.next();
        p.next();
        Span tat = p.peek().at;
        bind(types, p.opt_id(), "type", tat);
        type_slots.push_back({int32_t(f.slot), uint32_t(def.rec.subtypes.size())});
        fields.emplace_back();
        def.rec.subtypes.emplace_back();
        p.seek(p.skip_balanced(type_pos));
      }
      m.types.push_back(std::move(def));
      note_initial_def(m, DefKind::Type);
      return;
    }
    case FieldKind::Start:
    case FieldKind::Export:
      return;
    case FieldKind::Elem:
      f.index = bind(elems, p.opt_id(), "elem segment", at);
      return;
    case FieldKind::Data:
      f.index = bind(datas, p.opt_id(), "data segment", at);
      return;
    default:
      return bind_ml_field(f);
  }
}

// Pass 3 for one field.
void ModuleParser::parse_field(FieldInfo& f) {
  p.seek(f.pos);
  switch (f.kind) {
    case FieldKind::Import: return import_field(f);
    case FieldKind::Func: return func_field(f);
    case FieldKind::Table: return table_field(f);
    case FieldKind::Memory: return memory_field(f);
    case FieldKind::Global: return global_field(f);
    case FieldKind::Tag: return tag_field(f);
    case FieldKind::Elem: return elem_field(f);
    case FieldKind::Data: return data_field(f);
    case FieldKind::Start: return start_field();
    case FieldKind::Export: return export_field();
    case FieldKind::Module: return module_field(f);
    case FieldKind::Instance: return instance_field(f);
    case FieldKind::Alias: return alias_field(f);
    case FieldKind::Type:
    case FieldKind::Rec: return;
  }
}

// Records that an import is bound here: "import after <definition>" if one precedes it.
void note_import_order(ModuleParser& mp, Span at) {
  for (int i = 0; i < 5; ++i)
    if (mp.seen_definition[i]) mp.p.defer(at, cat("import after ", kDefinitionNames[i], " definition"));
}

void note_definition(ModuleParser& mp, FieldKind k) {
  int slot = definition_slot(k);
  if (slot >= 0) mp.seen_definition[slot] = true;
}

// ---- Fields (pass 3) ----

// spec: (export "name")* abbreviations on definitions
void ModuleParser::exports_inline(ExternKind kind, uint32_t x) {
  while (p.is_lparen("export")) {
    Span at = p.peek().at;
    p.next();
    p.next();
    Export e;
    e.name = p.name();
    e.kind = kind;
    e.index = x;
    e.at = at;
    p.expect_rparen();
    m.exports.push_back(std::move(e));
  }
}

// spec: (import "module" "name") abbreviation; Module Linking allows one name.
std::optional<std::pair<std::string, std::optional<std::string>>> ModuleParser::inline_import() {
  if (!p.take_lparen("import")) return std::nullopt;
  std::string module = p.name();
  std::optional<std::string> field;
  if (p.is(TokenKind::String)) field = p.name();
  p.expect_rparen();
  return std::make_pair(std::move(module), std::move(field));
}

// spec: func ::= (func id? typeuse local* instr*), with import/export abbreviations
void ModuleParser::func_field(FieldInfo& f) {
  Span at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Func, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) {
    if (f.done) return;
    return import_field(f);
  }
  f.typeuse_at = p.pos();
  TypeUse use = type_use(true);
  Func fn;
  fn.at = at;
  fn.type = resolve_type_use(use);
  locals = Space{};
  labels.assign(1, std::nullopt);
  if (!use.sig.empty()) {
    for (const auto& pid : use.sig.param_ids) bind(locals, pid, "local", use.at);
  } else if (use.index) {
    if (auto ft = func_type_at(*use.index)) locals.count = uint32_t(ft->params.size());
  }
  while (p.is_lparen("local")) {
    p.next();
    p.next();
    if (p.is(TokenKind::Id)) {
      Span lat = p.peek().at;
      auto lid = p.opt_id();
      bind(locals, lid, "local", lat);
      fn.locals.push_back(val_type());
    } else {
      while (!p.is(TokenKind::RParen)) {
        fn.locals.push_back(val_type());
        bind(locals, std::nullopt, "local", at);
      }
    }
    p.expect_rparen();
  }
  f.body_at = p.pos();
  instrs(fn.body);
  p.expect_rparen();
  note_func_names(f.index, fn.body);
  m.funcs.push_back(std::move(fn));
}

// spec: table ::= (table id? tabletype expr?) | (table id? addrtype? reftype (elem ...))
void ModuleParser::table_field(FieldInfo& f) {
  Span at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Table, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) {
    if (f.done) return;
    return import_field(f);
  }
  Table t;
  t.at = at;
  size_t save = p.pos();
  // shared-everything-threads: `shared` may precede the abbreviation's reference type, but not
  // an address type (the proposal's tests: `(table shared i64 reftype (elem ...))` is malformed).
  bool shared = p.take_keyword("shared");
  bool explicit_addr = p.is_keyword("i32") || p.is_keyword("i64");
  AddrType addr = addr_type();
  if (!p.is_nat() && !(shared && explicit_addr)) {
    // Abbreviation: an inline element segment sizes the table.
    t.type.addr = addr;
    t.type.shared = shared;
    t.type.elem = ref_type();
    p.expect_lparen("elem");
    Elem e;
    e.mode = SegmentMode::Active;
    e.table = f.index;
    e.type = t.type.elem;
    e.at = at;
    Instr zero;
    zero.op = addr == AddrType::I64 ? Opcode::I64Const : Opcode::I32Const;
    zero.imm = uint64_t(0);
    e.offset.push_back(zero);
    if (p.is(TokenKind::LParen)) {
      while (p.is(TokenKind::LParen)) {
        Expr item;
        if (p.take_lparen("item")) {
          instrs(item);
          p.expect_rparen();
        } else {
          folded(item);
        }
        e.init.push_back(std::move(item));
      }
    } else {
      while (at_index()) {
        Instr r;
        r.op = Opcode::RefFunc;
        r.at = p.peek().at;
        r.imm = index(funcs, "function");
        e.init.push_back({std::move(r)});
      }
    }
    p.expect_rparen();
    t.type.limits.min = e.init.size();
    t.type.limits.max = e.init.size();
    m.tables.push_back(std::move(t));
    m.elems.push_back(std::move(e));
  } else {
    p.seek(save);
    t.type = table_type();
    if (!p.is(TokenKind::RParen)) t.init = expr();
    m.tables.push_back(std::move(t));
  }
  p.expect_rparen();
}

// spec: mem ::= (memory id? memtype) | (memory id? addrtype? (data string*))
void ModuleParser::memory_field(FieldInfo& f) {
  Span at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Memory, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) {
    if (f.done) return;
    return import_field(f);
  }
  Memory mem;
  mem.at = at;
  size_t save = p.pos();
  AddrType addr = addr_type();
  std::optional<uint32_t> page_log2;
  if (p.is_lparen("pagesize") && p.is_lparen("data", p.skip_balanced(p.pos()) - p.pos())) {
    p.next();
    p.next();
    Span pat = p.peek().at;
    uint64_t size = p.nat64();
    if (size == 0 || (size & (size - 1)) != 0) p.error(pat, "invalid custom page size");
    page_log2 = uint32_t(std::countr_zero(size));
    p.expect_rparen();
  }
  if (p.take_lparen("data")) {
    Data d;
    d.mode = SegmentMode::Active;
    d.mem = f.index;
    d.at = at;
    Instr zero;
    zero.op = addr == AddrType::I64 ? Opcode::I64Const : Opcode::I32Const;
    zero.imm = uint64_t(0);
    d.offset.push_back(zero);
    while (p.is(TokenKind::String)) {
      std::string s = p.string();
      d.init.insert(d.init.end(), s.begin(), s.end());
    }
    p.expect_rparen();
    uint64_t page = uint64_t(1) << page_log2.value_or(16);
    uint64_t pages = (uint64_t(d.init.size()) + page - 1) / page;
    mem.type.addr = addr;
    mem.type.page_size_log2 = page_log2;
    mem.type.limits = {pages, pages};
    m.datas.push_back(std::move(d));
  } else {
    p.seek(save);
    mem.type = mem_type();
  }
  p.expect_rparen();
  m.memories.push_back(std::move(mem));
}

// spec: global ::= (global id? globaltype expr)
void ModuleParser::global_field(FieldInfo& f) {
  Span at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Global, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) {
    if (f.done) return;
    return import_field(f);
  }
  Global g;
  g.at = at;
  g.type = global_type();
  labels.clear();
  g.init = expr();
  p.expect_rparen();
  m.globals.push_back(std::move(g));
}

// spec: tag ::= (tag id? typeuse)
void ModuleParser::tag_field(FieldInfo& f) {
  Span at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Tag, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) {
    if (f.done) return;
    return import_field(f);
  }
  Tag t;
  t.at = at;
  t.type = resolve_type_use(type_use(true));
  p.expect_rparen();
  m.tags.push_back(t);
}

// spec: elemlist ::= reftype elemexpr* | func funcidx*  (bare funcidx* after an offset)
void ModuleParser::elem_list(Elem& e, bool allow_bare_indices) {
  auto func_items = [&] {
    e.type = {false, {HeapKind::Func, false, 0}};
    while (at_index() || p.is_lparen("func")) {
      Instr r;
      r.op = Opcode::RefFunc;
      r.at = p.peek().at;
      r.imm = p.is(TokenKind::LParen) ? kind_ref(ExternKind::Func) : index(funcs, "function");
      e.init.push_back({std::move(r)});
    }
  };
  // shared-everything-threads: `shared` before the list marks a shared segment.
  e.shared = p.take_keyword("shared");
  if (p.take_keyword("func")) return func_items();
  if (at_val_type()) {
    e.type = ref_type();
    while (p.is(TokenKind::LParen)) {
      Expr item;
      if (p.take_lparen("item")) {
        instrs(item);
        p.expect_rparen();
      } else {
        folded(item);
      }
      e.init.push_back(std::move(item));
    }
    return;
  }
  if (!allow_bare_indices) p.unexpected();
  func_items();
}

// spec: elem ::= (elem id? elemlist) | (elem id? (table x)? offset elemlist)
//              | (elem id? declare elemlist)
void ModuleParser::elem_field(FieldInfo&) {
  Elem e;
  e.at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  labels.clear();
  if (p.take_keyword("declare")) {
    e.mode = SegmentMode::Declarative;
    elem_list(e, false);
  } else if (p.is_lparen("table") || at_index()) {
    // (an index alone: the pre-bulk-memory abbreviation still used by proposal suites)
    e.mode = SegmentMode::Active;
    e.table = at_index() ? index(tables, "table") : kind_ref(ExternKind::Table);
    e.offset = offset_expr();
    elem_list(e, true);
  } else if (p.is(TokenKind::LParen) && !at_val_type()) {
    e.mode = SegmentMode::Active;
    e.offset = offset_expr();
    elem_list(e, true);
  } else {
    elem_list(e, false);
  }
  p.expect_rparen();
  m.elems.push_back(std::move(e));
}

// spec: data ::= (data id? string*) | (data id? (memory x)? offset string*)
void ModuleParser::data_field(FieldInfo&) {
  Data d;
  d.at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  labels.clear();
  if (p.is_lparen("memory") || at_index()) {
    d.mode = SegmentMode::Active;
    d.mem = at_index() ? index(memories, "memory") : kind_ref(ExternKind::Memory);
    d.offset = offset_expr();
  } else if (p.is(TokenKind::LParen)) {
    d.mode = SegmentMode::Active;
    d.offset = offset_expr();
  }
  d.shared = p.take_keyword("shared");  // shared-everything-threads: datatype ::= share
  while (p.is(TokenKind::String)) {
    std::string s = p.string();
    d.init.insert(d.init.end(), s.begin(), s.end());
  }
  p.expect_rparen();
  m.datas.push_back(std::move(d));
}

// spec: start ::= (start funcidx)
void ModuleParser::start_field() {
  p.next();
  Span at = p.next().at;
  uint32_t x = p.is(TokenKind::LParen) ? kind_ref(ExternKind::Func) : index(funcs, "function");
  p.expect_rparen();
  if (m.start) p.defer(at, "multiple start sections");
  m.start = x;
}

// spec: export ::= (export name externidx)
void ModuleParser::export_field() {
  if (zero_level_export()) return;
  Export e;
  e.at = p.peek().at;
  p.next();
  p.next();
  e.name = p.name();
  if (!p.is(TokenKind::LParen)) p.unexpected();
  auto k = kind_keyword(1);
  if (!k || *k == ExternKind::Type) {
    p.next();
    p.unexpected();
  }
  e.kind = *k;
  e.index = kind_ref(*k);
  p.expect_rparen();
  m.exports.push_back(std::move(e));
}

// spec: externtype in an import: (func id? typeuse) | (table id? tabletype) | ...
ExternType ModuleParser::extern_desc(ExternKind kind, bool allow_ids) {
  ExternType t;
  t.kind = kind;
  switch (kind) {
    case ExternKind::Func:
      // custom-descriptors: externtype ::= ... | (func id? (exact typeuse))
      if (p.take_lparen("exact")) {
        t.exact = true;
        t.type = resolve_type_use(type_use(allow_ids));
        p.expect_rparen();
        break;
      }
      t.type = resolve_type_use(type_use(allow_ids));
      break;
    case ExternKind::Tag:
      t.type = resolve_type_use(type_use(allow_ids));
      break;
    case ExternKind::Table: t.table = table_type(); break;
    case ExternKind::Memory: t.mem = mem_type(); break;
    case ExternKind::Global: t.global = global_type(); break;
    default: t = item_type(kind); break;
  }
  return t;
}

// spec: import ::= (import name name externtype), and the inline-import abbreviations.
void ModuleParser::import_field(FieldInfo& f) {
  if (f.done) return;
  p.seek(f.pos);
  Import imp;
  imp.at = p.peek().at;
  p.next();
  ExternKind kind;
  if (p.take_keyword("import")) {
    imp.module = p.name();
    if (p.is(TokenKind::String)) imp.field = p.name();
    p.expect(TokenKind::LParen);
    auto k = kind_keyword();
    if (!k || *k == ExternKind::Type) p.unexpected();
    kind = *k;
    p.next();
    p.opt_id();
    imp.desc = extern_desc(kind, true);
    p.expect_rparen();
  } else {
    kind = *kind_keyword();
    p.next();
    p.opt_id();
    while (p.is_lparen("export")) p.seek(p.skip_balanced(p.pos()));
    auto names = inline_import();
    imp.module = names->first;
    imp.field = names->second;
    imp.desc = extern_desc(kind, true);
  }
  p.expect_rparen();
  m.imports[f.slot] = std::move(imp);
}

}  // namespace wasm::text
