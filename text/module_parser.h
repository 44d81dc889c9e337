// The per-module parser of the text format: identifier context (text/modules.rst) plus the
// productions of text/types.rst, text/instructions.rst and text/modules.rst. Internal to text/.
//
// A module is parsed in three passes over its fields, as the spec's identifier context asks:
//   1. bind: every field's $id is bound in its index space, in field order (imports are first
//      by construction: "import after ..." is malformed); Module Linking's header items
//      (types, imports, modules, instances, aliases) also get their slot and initial_order;
//   2. types: type definitions are parsed (they may refer to any type id);
//   3. fields: everything else, in field order; inline function types are appended to the
//      type section when no identical one exists (text/modules.rst "Type Uses").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "spec/names.h"
#include "text/parser.h"

namespace wasm::text {

// Module Linking: func/table/memory/global/tag/module/instance/type as a sort (module_linking.cpp).
std::optional<ExternKind> sort_keyword(const Token& t);

// What one field is, decided in pass 1.
enum class FieldKind : uint8_t {
  Type, Rec, Import, Func, Table, Memory, Global, Tag, Elem, Data, Start, Export,
  Module, Instance, Alias,
};

struct FieldInfo {
  FieldKind kind = FieldKind::Func;
  size_t pos = 0;         // token index of the field's '('
  uint32_t index = 0;     // its index in its space (Func/Table/..., Import: of the import item)
  uint32_t slot = 0;      // Import/Module/Instance/Alias: index in m.imports/modules/...
  bool is_import = false; // Func/Table/Memory/Global/Tag/Module/Instance with inline import
  bool is_alias = false;  // Func/...: inverted alias `(func $g (alias $i "f"))`
  bool done = false;      // fully parsed in pass 1 (Module Linking header fields)
  size_t typeuse_at = 0;  // Func definitions: token index of the type use (after id, exports)
  size_t body_at = 0;     // Func definitions: token index of the first instruction (or ')')
  size_t end = 0;         // token index after the field's ')' (set for annotations)
};

// A function type written inline: (param ...)* (result ...)*, with parameter ids.
struct InlineSig {
  FuncType type;
  std::vector<std::optional<std::string>> param_ids;
  bool empty() const { return type.params.empty() && type.results.empty(); }
};

// spec: typeuse ::= (type x)? (param ...)* (result ...)*
struct TypeUse {
  std::optional<uint32_t> index;
  Span at;
  InlineSig sig;
};

class ModuleParser {
 public:
  ModuleParser(Parser& parser, ModuleParser* parent, std::optional<std::string> id);
  Module run();  // parses field* up to ')' or Eof

  // ---- identifiers (modules.cpp)
  uint32_t bind(Space& s, const std::optional<std::string>& id, const char* category, Span at);
  uint32_t lookup(const Space& s, const Token& id, const char* category) const;
  uint32_t index(Space& s, const char* category);  // spec: x ::= u32 | id
  bool at_index(size_t ahead = 0) const;            // Nat or Id
  Space& space_of(ExternKind k);
  static const char* category_of(ExternKind k);

  // ---- types (types.cpp)
  bool at_val_type() const;
  HeapType heap_type();
  RefType ref_type();
  ValType val_type();
  ValType storage_type();
  FieldType field_type();
  GlobalType global_type();
  void params_results(InlineSig& sig, bool allow_ids);
  TypeUse type_use(bool allow_ids);
  uint32_t resolve_type_use(const TypeUse& use);  // spec: inline type checks / appends
  uint32_t inline_func_type(const FuncType& ft);  // find an identical type or append one
  std::optional<FuncType> func_type_at(uint32_t x) const;
  void sub_type(SubType& st, uint32_t x);
  void type_definition(const FieldInfo& f);  // pass 2
  Limits limits(bool* is64_from_addr = nullptr);
  AddrType addr_type();
  TableType table_type();
  MemType mem_type();
  uint32_t append_type(TypeDef def);  // adds a type definition now (index returned)

  // ---- instructions (instructions.cpp, instructions_imm.cpp)
  void instrs(Expr& out);
  Expr expr();        // instr* up to ')'
  Expr offset_expr();  // (offset instr*) | folded instr
  void instr(Expr& out);
  void folded(Expr& out);
  void plain(Expr& out);
  void block_instr(Opcode op, Span at, Expr& out);
  void folded_block(Opcode op, Span at, Expr& out);
  Immediate immediates(Opcode& op, Span at);
  BlockType block_type();
  std::optional<std::string> label_id();
  void end_label(const std::optional<std::string>& label);
  uint32_t label_index();
  uint32_t field_index(uint32_t type);
  MemArg mem_arg(Opcode op, bool lane);
  uint64_t literal(Imm kind);
  V128Bytes v128_literal();
  V128Bytes shuffle_literal();
  void catch_clauses(std::vector<Catch>& out);
  TryImm legacy_try_folded(const std::optional<std::string>& label);

  // ---- module fields (modules.cpp)
  void bind_field(FieldInfo& f);
  void parse_field(FieldInfo& f);
  void exports_inline(ExternKind kind, uint32_t index);
  std::optional<std::pair<std::string, std::optional<std::string>>> inline_import();
  void func_field(FieldInfo& f);
  void table_field(FieldInfo& f);
  void memory_field(FieldInfo& f);
  void global_field(FieldInfo& f);
  void tag_field(FieldInfo& f);
  void elem_field(FieldInfo& f);
  void data_field(FieldInfo& f);
  void import_field(FieldInfo& f);
  void export_field();
  void start_field();
  ExternType extern_desc(ExternKind kind, bool allow_ids);
  void elem_list(Elem& e, bool allow_bare_indices);
  std::string data_string();
  // ---- annotations (annotations.cpp)
  std::span<CustomAnnotation> own_annotations() const;
  void place_customs(size_t end);
  void place_custom(CustomAnnotation& c);
  void code_annotations();  // @name and @metadata.code.branch_hint, top module only
  const FieldInfo* field_containing(size_t at) const;  // the field whose parentheses hold `at`

  // ---- Module Linking (module_linking.cpp)
  static bool is_ml_field(FieldKind k);
  void scan_inline_aliases(size_t from, size_t to);
  uint32_t inline_alias(size_t at);  // at: the '(' of `(kind x "name"+)`
  // One instance-export alias per projection step of `base` through `names`, shared by equal
  // projections; returns the last one's index.
  uint32_t projection_alias(ExternKind kind, const Token& base, std::span<const std::string> names,
                            Span at);
  uint32_t kind_ref(ExternKind kind);  // (kind x "name"*) -> index
  uint32_t outer_alias(ExternKind kind, size_t at);
  Alias outer_target(ExternKind kind, size_t mpos);
  void bind_ml_field(FieldInfo& f);
  void module_field(FieldInfo& f);
  void instance_field(FieldInfo& f);
  void alias_field(FieldInfo& f);
  ModuleType module_type(StringMap<std::string>* export_ids = nullptr);
  InstanceType instance_type(StringMap<std::string>* export_ids = nullptr);
  ImportType import_decl();
  ExportType export_decl(StringMap<std::string>* export_ids = nullptr);
  ExternType item_type(ExternKind kind);
  std::optional<ExternKind> kind_keyword(size_t ahead = 0) const;
  void resolve_pending_aliases();

  Parser& p;
  Module m;
  ModuleParser* parent;
  std::optional<std::string> id;

  Space types, funcs, tables, memories, globals, tags, elems, datas, modules, instances;
  std::vector<Space> fields;  // struct field ids, per type index
  struct TypeSlot {
    int32_t def = -1;  // index into m.types, or -1 for an alias
    uint32_t sub = 0;
  };
  std::vector<TypeSlot> type_slots;
  bool ml = false;     // the module uses Module Linking constructs
  bool ml_types = false;  // ... or defines module or instance types
  bool pass1 = false;  // binding: type definitions may not be parsed yet
  // Module Linking: an import is being parsed in pass 1; the inline types it appends go before
  // its run of imports, which stays one import section (one set of implicit instances).
  bool hoist_types = false;

  // Function scope.
  Space locals;
  std::vector<std::optional<std::string>> labels;  // innermost last
  std::unordered_map<uint32_t, std::string> label_ids;  // a structured instruction's at.begin
  NameMap names;  // becomes m.text_names (spec/names.h)
  void note_label(Span at, const std::optional<std::string>& label) {
    if (label) label_ids[at.begin] = *label;
  }
  void note_func_names(uint32_t func, const Expr& body);

  // Module Linking: inline aliases by key, with the alias's index in its space.
  std::unordered_map<std::string, uint32_t> alias_keys;
  struct PendingAlias {
    uint32_t alias = 0;  // index into m.aliases
    Token instance;      // to resolve once every id is bound
  };
  std::vector<PendingAlias> pending;
  std::unordered_map<std::string, bool> implicit_instances;
  // Where each instance index comes from: an import (m.imports slot), an instantiation
  // (m.instances slot), or something else (implicit instance, alias).
  struct InstanceOrigin {
    enum class Kind : uint8_t { Import, Instantiate, Other } kind = Kind::Other;
    uint32_t slot = 0;
  };
  std::vector<InstanceOrigin> instance_origins;
  void check_alias_source(uint32_t instance, const std::string& name, Span at);

  // ---- The June 2020 Explainer's forms (module_linking_2020.cpp; docs/module-linking.md)
  // See ModulePlan (parser.h).
  using Plan = ModulePlan;
  mutable Plan plan;
  mutable bool plan_grew = false;
  bool planning = true;  // false on the last parse allowed: unknown ids are errors then
  size_t current_field = 0;
  void bind_planned_parents();
  void bind_planned_aliases(bool (*in)(const ModuleParser&, size_t field, size_t now), size_t now);
  bool plan_use(const Space& s, const Token& t) const;  // on an unknown id: a path or parent?
  std::optional<ExternKind> kind_of_space(const Space& s) const;
  std::string export_name_of(uint32_t instance, std::string_view id) const;
  const StringMap<std::string>* export_ids_of_type(uint32_t x) const;
  const StringMap<std::string>* export_ids_of_instance(uint32_t instance) const;
  const TypeDef* local_type_def(uint32_t x) const;  // a module or instance type defined here
  const TypeDef* named_type_def(uint32_t x) const;  // ... or in an enclosing module
  std::optional<std::vector<std::pair<std::string, ExternKind>>> exports_of_instance(
      uint32_t instance) const;
  bool zero_level_export();  // pass 3: (export x) in a module definition
  void abbreviated_item(std::vector<ImportType>* imports, std::vector<ExportType>& exports,
                        StringMap<std::string>* export_ids);
  void positional_args(Instance& inst);     // pass 3: (instantiate x (kind y)*)
  bool seed_alias_shape(size_t pos) const;  // (alias $id? (kind ...)) at pos
  ExternKind seed_alias_sort(size_t pos) const;
  void seed_alias_field(FieldInfo& f);
  // Export identifiers of module and instance types (by type index) and of nested module
  // definitions (by module index), for paths: `$i.$f` names the export whose item is `$f`.
  std::unordered_map<uint32_t, StringMap<std::string>> type_export_ids, module_export_ids;
  std::unordered_map<uint32_t, uint32_t> module_import_slot;  // module index -> m.imports
  std::unordered_map<uint32_t, uint32_t> module_def_slot;     // module index -> m.modules
  std::unordered_map<uint32_t, uint32_t> instance_module;     // instantiated -> module index
  std::unordered_map<uint32_t, std::pair<const ModuleParser*, uint32_t>> outer_types;

  std::vector<FieldInfo> field_list;
  std::vector<size_t> instr_starts;  // token index of every instruction parsed, in source order
  bool seen_definition[5] = {};  // func, table, memory, global, tag: for "import after ..."
};

// Types, imports, modules, instances and aliases: the definitions that may interleave.
inline bool is_header_field(FieldKind k) {
  return k == FieldKind::Type || k == FieldKind::Rec || k == FieldKind::Import ||
         k == FieldKind::Module || k == FieldKind::Instance || k == FieldKind::Alias;
}

// Pass-1 helpers shared by modules.cpp and module_linking.cpp.
void note_import_order(ModuleParser& mp, Span at);  // "import after ... definition"
void note_definition(ModuleParser& mp, FieldKind k);

}  // namespace wasm::text
