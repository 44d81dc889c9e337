// Module Linking (WebAssembly/module-linking, design/proposals/module-linking/Explainer.md,
// Feb 2022, as implemented by wasm-tools' text format of that time): nested modules,
// instances, aliases (explicit, inverted and inline `(func $i "name")`), outer aliases,
// module and instance types, single-level imports.
//
// Inline aliases are found by a token scan in pass 1 and bound where wasm-tools' expansion
// puts them: before the header field (type/import/module/instance/alias) that uses them, or,
// for uses in later fields, before the first non-header field.
#include "text/module_parser.h"

namespace wasm::text {
namespace {

std::optional<ExternKind> kind_of(const Token& t) {
  if (t.kind != TokenKind::Keyword) return std::nullopt;
  static constexpr std::pair<std::string_view, ExternKind> kKinds[] = {
      {"func", ExternKind::Func},     {"table", ExternKind::Table},
      {"memory", ExternKind::Memory}, {"global", ExternKind::Global},
      {"tag", ExternKind::Tag},       {"module", ExternKind::Module},
      {"instance", ExternKind::Instance}};
  for (auto& [text, k] : kKinds)
    if (t.text == text) return k;
  return std::nullopt;
}

bool is_index_token(const Token& t) {
  return t.kind == TokenKind::Id ||
         (t.kind == TokenKind::Number && number_shape(t) == NumShape::Nat);
}

}  // namespace

bool ModuleParser::is_ml_field(FieldKind k) {
  return k == FieldKind::Module || k == FieldKind::Instance || k == FieldKind::Alias;
}

// Pass 1 for imports, definitions with inline import/alias abbreviations, modules, instances,
// and aliases.
void ModuleParser::bind_ml_field(FieldInfo& f) {
  Span at = p.peek().at;
  auto begin_import = [&](ExternKind kind, const std::optional<std::string>& module,
                          bool two_level, const std::optional<std::string>& name) {
    if (two_level && module && !implicit_instances[*module]) {
      implicit_instances[*module] = true;
      bind(instances, std::nullopt, "instance", at);  // the implicit instance of a two-level import
    }
    f.index = bind(space_of(kind), name, category_of(kind), at);
    note_import_order(*this, at);
    f.slot = uint32_t(m.imports.size());
    m.imports.emplace_back();
    if (kind == ExternKind::Instance) instance_origins[f.index] = {InstanceOrigin::Kind::Import, f.slot};
    if (kind == ExternKind::Module) module_import_slot[f.index] = f.slot;
    if (ml) {
      hoist_types = true;
      import_field(f);
      hoist_types = false;
      f.done = true;
    }
    note_initial_def(m, DefKind::Import);
  };
  auto begin_alias = [&](ExternKind k, const std::optional<std::string>& name) {
    f.index = bind(space_of(k), name, category_of(k), at);
    if (k == ExternKind::Type) {
      type_slots.push_back({-1, 0});
      fields.emplace_back();
    }
    f.slot = uint32_t(m.aliases.size());
    m.aliases.emplace_back();
    note_initial_def(m, DefKind::Alias);
  };
  if (f.kind == FieldKind::Import) {
    std::string module = p.name();
    bool two_level = p.is(TokenKind::String);
    if (two_level) p.next();
    p.expect(TokenKind::LParen);
    auto k = kind_of(p.peek());
    if (!k) p.unexpected();
    p.next();
    return begin_import(*k, module, two_level, p.opt_id());
  }
  if (f.kind == FieldKind::Alias && seed_alias_shape(f.pos)) {
    // The 2020 forms: (alias $id? (kind i e)) | (alias $id? (parent (kind x)))
    p.seek(f.pos + 2);
    auto name = p.opt_id();
    ExternKind k = seed_alias_sort(f.pos);
    return begin_alias(k, name);
  }
  if (f.kind == FieldKind::Alias) {
    // The last child names the sort and binds the id: (alias ... (kind $id?))
    size_t i = f.pos + 2, last = 0, end = p.skip_balanced(f.pos) - 1;
    while (i < end) {
      if (p.token(i).kind == TokenKind::LParen) {
        last = i;
        i = p.skip_balanced(i);
      } else {
        ++i;
      }
    }
    if (last == 0) p.unexpected();
    p.seek(last + 1);
    std::optional<ExternKind> k = p.is_keyword("type") ? ExternKind::Type : kind_of(p.peek());
    if (!k) p.unexpected();
    p.next();
    auto name = p.opt_id();
    return begin_alias(*k, name);
  }
  ExternKind kind = *kind_of(p.token(f.pos + 1));
  auto name = p.opt_id();
  while (p.is_lparen("export")) p.seek(p.skip_balanced(p.pos()));
  // `(import "m" "n"?)` abbreviates an import; `(import "m" "n" (desc))` is a nested field.
  bool inline_import = p.is_lparen("import") && p.is(TokenKind::String, 2) &&
                       (p.is(TokenKind::RParen, 3) ||
                        (p.is(TokenKind::String, 3) && p.is(TokenKind::RParen, 4)));
  if (inline_import) {
    f.is_import = true;
    p.next();
    p.next();
    std::optional<std::string> module;
    if (p.is(TokenKind::String)) module = p.next().value;
    return begin_import(kind, module, p.is(TokenKind::String), name);
  }
  // `(kind $id? (alias x "name"))` is the inverted alias; a nested module whose first field is
  // `(alias ... (kind))` ends its alias with a sub-list.
  if (p.is_lparen("alias") && p.token(p.skip_balanced(p.pos()) - 2).kind != TokenKind::RParen) {
    f.is_alias = true;
    f.index = bind(space_of(kind), name, category_of(kind), at);
    f.slot = uint32_t(m.aliases.size());
    m.aliases.emplace_back();
    note_initial_def(m, DefKind::Alias);
    return;
  }
  f.index = bind(space_of(kind), name, category_of(kind), at);
  note_definition(*this, f.kind);
  if (f.kind == FieldKind::Table || f.kind == FieldKind::Memory) {
    // Inline element/data segments occupy the next segment index.
    const char* inner = f.kind == FieldKind::Table ? "elem" : "data";
    size_t end = p.skip_balanced(f.pos) - 1;
    for (size_t i = p.pos(); i < end; i = p.token(i).kind == TokenKind::LParen ? p.skip_balanced(i) : i + 1) {
      const Token& w = p.token(i + 1);
      if (p.token(i).kind == TokenKind::LParen && w.kind == TokenKind::Keyword && w.text == inner)
        ++(f.kind == FieldKind::Table ? elems : datas).count;
    }
  } else if (f.kind == FieldKind::Module) {
    f.slot = uint32_t(m.modules.size());
    module_def_slot[f.index] = f.slot;
    m.modules.emplace_back();
    note_initial_def(m, DefKind::Module);
  } else if (f.kind == FieldKind::Instance) {
    f.slot = uint32_t(m.instances.size());
    m.instances.emplace_back();
    instance_origins[f.index] = {InstanceOrigin::Kind::Instantiate, f.slot};
    note_initial_def(m, DefKind::Instance);
  }
}

// Binds the inline aliases `(kind x "name"+)` and `(type outer M x)` used in [from, to).
void ModuleParser::scan_inline_aliases(size_t from, size_t to) {
  for (size_t i = from; i < to;) {
    if (p.token(i).kind != TokenKind::LParen) {
      ++i;
      continue;
    }
    const Token& w = p.token(i + 1);
    const Token& after = p.token(i + 2);
    // The cheap tests on the tokens after the keyword first: most groups are instructions.
    bool projection = is_index_token(after) && p.token(i + 3).kind == TokenKind::String;
    bool outer = after.kind == TokenKind::Keyword && after.text == "outer";
    if (projection && kind_of(w)) {
      inline_alias(i);
      i = p.skip_balanced(i);
    } else if (outer && (kind_of(w) || (w.kind == TokenKind::Keyword && w.text == "type"))) {
      outer_alias(kind_of(w).value_or(ExternKind::Type), i);
      i = p.skip_balanced(i);
    } else if (w.kind == TokenKind::Keyword && w.text == "module") {
      i = p.skip_balanced(i);
    } else {
      ++i;
    }
  }
}

// (kind x "n1" ... "nk"): one instance-export alias per projection, shared by equal uses.
uint32_t ModuleParser::inline_alias(size_t at) {
  ExternKind kind = *kind_of(p.token(at + 1));
  std::vector<std::string> names;
  for (size_t i = at + 3; p.token(i).kind == TokenKind::String; ++i)
    names.emplace_back(p.token(i).value);
  return projection_alias(kind, p.token(at + 2), names, p.token(at).at);
}

uint32_t ModuleParser::projection_alias(ExternKind kind, const Token& base,
                                        std::span<const std::string> names, Span at) {
  std::string key = std::string(base.text);
  std::optional<uint32_t> instance;
  uint32_t result = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    bool last = i + 1 == names.size();
    ExternKind k = last ? kind : ExternKind::Instance;
    key += '\x1f';
    key += names[i];
    std::string full = cat(int(k), "|", key);
    auto found = alias_keys.find(full);
    if (found != alias_keys.end()) {
      result = found->second;
    } else {
      Alias a;
      a.kind = Alias::Kind::InstanceExport;
      a.sort = k;
      a.name = names[i];
      a.at = at;
      if (instance) {
        a.instance = *instance;
      } else if (base.kind == TokenKind::Id) {
        pending.push_back({uint32_t(m.aliases.size()), base});
      } else {
        auto v = parse_u32(base.text);
        if (!v) p.error(base.at, "i32 constant out of range");
        a.instance = *v;
      }
      m.aliases.push_back(std::move(a));
      note_initial_def(m, DefKind::Alias);
      result = bind(space_of(k), std::nullopt, category_of(k), at);
      alias_keys[full] = result;
    }
    instance = result;
  }
  return result;
}

// (kind x "name"*) where an index is expected; without names it is a plain index.
uint32_t ModuleParser::kind_ref(ExternKind kind) {
  size_t at = p.pos();
  p.expect(TokenKind::LParen);
  auto k = kind_of(p.peek());
  if (!k || *k != kind) p.unexpected();
  p.next();
  if (p.is_keyword("outer")) {
    uint32_t x = outer_alias(kind, at);
    p.seek(p.skip_balanced(at));
    return x;
  }
  if (p.is(TokenKind::String, 1)) {
    uint32_t x = inline_alias(at);
    p.seek(p.skip_balanced(at));
    return x;
  }
  uint32_t x = index(space_of(kind), category_of(kind));
  p.expect_rparen();
  return x;
}

// The `outer M x` of an alias (tokens from mpos): M counts enclosing modules from the
// parent (0) outwards, or names one; x is resolved in that module.
Alias ModuleParser::outer_target(ExternKind kind, size_t mpos) {
  Alias a;
  a.kind = Alias::Kind::Outer;
  a.sort = kind;
  a.at = p.token(mpos).at;
  size_t save = p.pos();
  p.seek(mpos);
  const Token& mt = p.peek();
  ModuleParser* target = parent;
  if (p.is(TokenKind::Id)) {
    uint32_t count = 0;
    for (ModuleParser* q = parent; q; q = q->parent, ++count)
      if (q->id && *q->id == mt.value) break;
    for (uint32_t i = 0; i < count && target; ++i) target = target->parent;
    if (!target) p.error(mt.at, cat("failed to find parent module named `$", mt.value, "`"));
    a.outer_count = count;
    p.next();
  } else {
    a.outer_count = p.nat32();
    for (uint32_t i = 0; i < a.outer_count && target; ++i) target = target->parent;
  }
  if (p.is(TokenKind::Id)) {
    if (!parent) p.error(mt.at, "cannot use `outer` alias in root module");
    if (!target) p.error(mt.at, "alias to `outer` module index too large");
    a.index = target->lookup(target->space_of(kind), p.next(), category_of(kind));
  } else {
    a.index = p.nat32();
  }
  p.seek(save);
  return a;
}

// (type outer M x) used as a type index: one outer alias per distinct use.
uint32_t ModuleParser::outer_alias(ExternKind kind, size_t at) {
  std::string full = cat("outer|", int(kind), "|", std::string(p.token(at + 3).text), "|",
                         std::string(p.token(at + 4).text));
  auto found = alias_keys.find(full);
  if (found != alias_keys.end()) return found->second;
  m.aliases.push_back(outer_target(kind, at + 3));
  note_initial_def(m, DefKind::Alias);
  uint32_t x = bind(space_of(kind), std::nullopt, category_of(kind), p.token(at).at);
  if (kind == ExternKind::Type) {
    type_slots.push_back({-1, 0});
    fields.emplace_back();
  }
  alias_keys[full] = x;
  return x;
}

void ModuleParser::resolve_pending_aliases() {
  for (const PendingAlias& a : pending) m.aliases[a.alias].instance = lookup(instances, a.instance, "instance");
  pending.clear();
}

// Pass 3: (module $id? (export "n")* field*) — a nested module definition.
void ModuleParser::module_field(FieldInfo& f) {
  p.next();
  p.next();
  auto name = p.opt_id();
  exports_inline(ExternKind::Module, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) return import_field(f);
  Nest nest(p);
  m.modules[f.slot] = parse_module_fields(p, this, name, &module_export_ids[f.index]);
  p.expect_rparen();
}

// Pass 3: (instance $id? (export "n")* (instantiate x (import "name" (kind x))*))
void ModuleParser::instance_field(FieldInfo& f) {
  Instance inst;
  inst.at = p.peek().at;
  p.next();
  p.next();
  p.opt_id();
  exports_inline(ExternKind::Instance, f.index);
  if (f.is_alias) return alias_field(f);
  if (f.is_import) return import_field(f);
  p.expect_lparen("instantiate");
  inst.module = p.is(TokenKind::LParen) ? kind_ref(ExternKind::Module) : index(modules, "module");
  instance_module[f.index] = inst.module;
  if (p.is(TokenKind::LParen) && !p.is_keyword("import", 1)) positional_args(inst);
  while (p.take_lparen("import")) {
    InstantiateArg arg;
    arg.name = p.name();
    if (!p.is(TokenKind::LParen)) p.unexpected();
    auto k = kind_of(p.peek(1));
    if (!k) {
      p.next();
      p.unexpected();
    }
    arg.kind = *k;
    arg.index = kind_ref(*k);
    p.expect_rparen();
    inst.args.push_back(std::move(arg));
  }
  p.expect_rparen();
  p.expect_rparen();
  m.instances[f.slot] = std::move(inst);
}

// Pass 3: (alias x "name" (kind $id?)) | (alias outer M x (kind $id?)), and the inverted
// (kind $id? (alias x "name")) / (kind $id? (alias outer M x)).
void ModuleParser::alias_field(FieldInfo& f) {
  if (f.kind == FieldKind::Alias && seed_alias_shape(f.pos)) return seed_alias_field(f);
  bool inverted = f.kind != FieldKind::Alias;
  ExternKind kind = ExternKind::Func;
  if (inverted) {
    kind = *kind_of(p.token(f.pos + 1));
    p.expect(TokenKind::LParen);
  } else {
    p.next();
  }
  size_t alias_pos = p.pos();
  p.expect_keyword("alias");
  Alias a;
  a.at = p.token(f.pos).at;
  if (p.is_keyword("outer")) {
    if (!inverted) {
      size_t end = p.skip_balanced(f.pos) - 1;
      size_t last = end;
      while (p.token(last).kind != TokenKind::LParen) --last;  // the (kind $id?) child
      std::optional<ExternKind> k =
          p.token(last + 1).text == "type" ? ExternKind::Type : kind_of(p.token(last + 1));
      if (!k) p.unexpected();
      kind = *k;
    }
    a = outer_target(kind, alias_pos + 2);
  } else {
    a.kind = Alias::Kind::InstanceExport;
    Span iat = p.peek().at;
    a.instance =
        p.is(TokenKind::LParen) ? kind_ref(ExternKind::Instance) : index(instances, "instance");
    a.name = p.name();
    check_alias_source(a.instance, a.name, iat);
    if (!inverted) {
      p.expect(TokenKind::LParen);
      std::optional<ExternKind> k = p.is_keyword("type") ? ExternKind::Type : kind_of(p.peek());
      if (!k) p.unexpected();
      kind = *k;
    }
  }
  a.sort = kind;
  m.aliases[f.slot] = std::move(a);
}

// wasm-tools' text format computes an alias's type from its instance while parsing; the
// instance must exist and have an instance type, and when that type is known here (an
// imported instance), it must export the name. The last is the validation rule Alias_ok found
// early, so it is reported as Phase::Invalid: that satisfies both the corpus's
// assert_malformed (alias.wast:320) and its assert_invalid (alias.wast:413) of the same error.
void ModuleParser::check_alias_source(uint32_t instance, const std::string& name, Span at) {
  if (instance >= instances.count) return p.defer(at, "instance index out of bounds");
  const InstanceOrigin& o = instance_origins[instance];
  if (o.kind == InstanceOrigin::Kind::Import) {
    const Import& imp = m.imports[o.slot];
    uint32_t y = imp.desc.type;
    if (imp.desc.kind != ExternKind::Instance || y >= type_slots.size() || type_slots[y].def < 0)
      return;
    const TypeDef& def = m.types[size_t(type_slots[y].def)];
    if (def.kind != TypeDefKind::Instance) return p.defer(at, "type index is not an instance");
    for (const ExportType& e : def.instance.exports)
      if (e.name == name) return;
    p.defer(at, cat("aliased name `", name, "` does not exist in instance ", instance),
            Phase::Invalid);
  } else if (o.kind == InstanceOrigin::Kind::Instantiate) {
    const Instance& inst = m.instances[o.slot];
    if (inst.module >= modules.count) p.defer(at, "unknown module");
  }
}

// spec (Module Linking): moduletype ::= (import ...)* (export ...)*, or (type x)
ModuleType ModuleParser::module_type(StringMap<std::string>* export_ids) {
  Nest nest(p);
  ModuleType t;
  p.opt_id();  // Explainer (2020): `(module $id ...)`, `(instance $id ...)` as types
  while (p.is(TokenKind::LParen)) {
    if (p.is_keyword("import", 1)) {
      t.imports.push_back(import_decl());
    } else if (p.is_keyword("export", 1) && at_index(2) && p.is(TokenKind::RParen, 3)) {
      // Explainer (2020) "Module and Instance Types": the zero-level export
      // `(export $InstanceType)` adds every export of that instance type.
      p.next();
      p.next();
      Span at = p.peek().at;
      uint32_t x = index(types, "type");
      p.expect_rparen();
      const TypeDef* def = local_type_def(x);
      if (!def || def->kind != TypeDefKind::Instance) {
        // An enclosing module's instance type: its items use that module's type indices.
        const TypeDef* outer = named_type_def(x);
        p.defer(at, outer && outer->kind == TypeDefKind::Instance
                        ? "zero-level export of an enclosing module's instance type"
                        : "type index is not an instance");
        continue;
      }
      std::vector<ExportType> exports = def->instance.exports;
      for (ExportType& e : exports) t.exports.push_back(std::move(e));
      if (const StringMap<std::string>* ids = export_ids_of_type(x); ids && export_ids)
        for (const auto& [id, name] : *ids) export_ids->emplace(id, name);
    } else if (p.is_keyword("export", 1)) {
      t.exports.push_back(export_decl(export_ids));
    } else if (auto k = kind_keyword(1); k && *k != ExternKind::Type) {
      abbreviated_item(&t.imports, t.exports, export_ids);
    } else {
      p.next();
      p.unexpected();
    }
  }
  return t;
}

// spec (Module Linking): instancetype ::= (export ...)*
InstanceType ModuleParser::instance_type(StringMap<std::string>* export_ids) {
  Nest nest(p);
  InstanceType t;
  p.opt_id();  // Explainer (2020): `(type $WasiFile (instance $wasi-file ...))`
  while (p.is(TokenKind::LParen)) {
    if (p.is_keyword("export", 1)) {
      t.exports.push_back(export_decl(export_ids));
    } else if (auto k = kind_keyword(1); k && *k != ExternKind::Type) {
      abbreviated_item(nullptr, t.exports, export_ids);
    } else {
      p.next();
      p.unexpected();
    }
  }
  return t;
}

ImportType ModuleParser::import_decl() {
  ImportType t;
  p.expect_lparen("import");
  t.module = p.name();
  if (p.is(TokenKind::String)) t.field = p.name();
  p.expect(TokenKind::LParen);
  auto k = kind_of(p.peek());
  if (!k) p.unexpected();
  p.next();
  p.opt_id();
  t.type = extern_desc(*k, true);
  p.expect_rparen();
  p.expect_rparen();
  return t;
}

ExportType ModuleParser::export_decl(StringMap<std::string>* export_ids) {
  ExportType t;
  p.expect_lparen("export");
  t.name = p.name();
  p.expect(TokenKind::LParen);
  auto k = kind_of(p.peek());
  if (!k) p.unexpected();
  p.next();
  if (auto id = p.opt_id(); id && export_ids) export_ids->emplace(*id, t.name);
  t.type = extern_desc(*k, true);
  p.expect_rparen();
  p.expect_rparen();
  return t;
}

// The type of an imported or exported module or instance: (type x) or an inline type,
// which is added to the type section here, before its use.
ExternType ModuleParser::item_type(ExternKind kind) {
  ExternType t;
  t.kind = kind;
  if (p.is_lparen("type")) {
    TypeUse use = type_use(false);
    t.type = *use.index;
    return t;
  }
  TypeDef def;
  StringMap<std::string> ids;
  if (kind == ExternKind::Module) {
    def.kind = TypeDefKind::Module;
    def.module = module_type(&ids);
  } else {
    def.kind = TypeDefKind::Instance;
    def.instance = instance_type(&ids);
  }
  t.type = append_type(std::move(def));
  if (!ids.empty()) type_export_ids[t.type] = std::move(ids);
  return t;
}

// The module's fields, parsed again while uses of the 2020 forms find aliases not yet planned
// (module_linking_2020.cpp): each parse plans at least one more, and the last one allowed
// reports what is still unknown.
Module parse_module_fields(Parser& p, ModuleParser* parent, std::optional<std::string> id,
                           StringMap<std::string>* export_ids) {
  constexpr int kMaxParses = 4;
  size_t start = p.pos();
  std::optional<Error> deferred = p.deferred;
  std::vector<bool> placed;
  for (const CustomAnnotation& c : p.customs) placed.push_back(c.placed);
  ModuleParser::Plan plan;
  if (auto it = p.module_plans.find(start); it != p.module_plans.end()) plan = it->second;
  for (int parse = 1;; ++parse) {
    ModuleParser mp(p, parent, id);
    mp.plan = std::move(plan);
    mp.planning = parse < kMaxParses;
    std::optional<Module> m;
    try {
      m = mp.run();
    } catch (const ErrorException&) {
      if (!mp.plan_grew) throw;
    }
    if (!mp.plan_grew) {
      if (export_ids)
        for (const Export& e : m->exports)
          for (const auto& [name, index] : mp.space_of(e.kind).ids)
            if (index == e.index) export_ids->emplace(name, e.name);
      if (!mp.plan.aliases.empty()) p.module_plans[start] = std::move(mp.plan);
      return std::move(*m);
    }
    plan = std::move(mp.plan);
    p.seek(start);
    p.deferred = deferred;
    for (size_t i = 0; i < placed.size(); ++i) p.customs[i].placed = placed[i];
  }
}

// Module Linking: a sort keyword — kind_of's, and `type`.
std::optional<ExternKind> sort_keyword(const Token& t) {
  if (t.kind == TokenKind::Keyword && t.text == "type") return ExternKind::Type;
  return kind_of(t);
}

}  // namespace wasm::text
