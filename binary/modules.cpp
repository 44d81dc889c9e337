// Decoding of modules — binary/modules.rst, following the section order and the final checks
// of the reference interpreter's decode.ml; plus the Module Linking proposal's sections
// (Binary.md: module section 14, instance section 15, alias section 16) and its relaxed order
// of the initial sections.
//
// As in decode.ml, a section's size is checked after its contents are read ("section size
// mismatch"); contents are not confined to the section, so reading past it reports what was
// found there.
#include <algorithm>
#include <optional>

#include "binary/decoder.h"

namespace wasm::binary::detail {
namespace {

constexpr uint32_t kMagic = 0x6d736100;  // "\0asm"
constexpr uint32_t kVersion = 1;
// Module Linking: nested modules are decoded recursively, so their depth is limited.
constexpr size_t kMaxModuleNesting = 100;
// deviation: the spec allows up to 2^32-1 locals, but the AST expands them, so their number is
// limited (as engines do, e.g. the JS API's 50000) to keep memory proportionate to the input.
constexpr uint64_t kMaxFunctionLocals = 50000;
constexpr uint64_t kMaxModuleLocals = uint64_t(1) << 22;

class ModuleDecoder {
 public:
  // Decodes into `m` (an empty module); on failure the reader has failed and m holds a part.
  ModuleDecoder(Reader& r, const DecodeOptions& options, size_t depth, Module& m)
      : r_(r), options_(options), depth_(depth), m_(m) {}

  void decode();

 private:
  Reader& r_;
  const DecodeOptions& options_;
  size_t depth_;
  Module& m_;
  std::vector<TypeIdx> func_types_;
  std::vector<Func> codes_;
  std::optional<uint32_t> data_count_;
  CodeFacts code_facts_;   // of the code section: is a data count section required?
  CodeFacts const_facts_;  // of constant expressions: not relevant
  uint64_t locals_ = 0;
  SectionId last_ = SectionId::Custom;  // the last non-custom section, for placing customs
  // The greatest section id known (Module Linking adds three).
  int last_id_ = int(options_.module_linking ? SectionId::Alias : SectionId::Tag);

  template <typename F>
  bool section(SectionId id, F&& contents);
  void customs() {  // spec: customsec*
    if (r_.peek() == int(SectionId::Custom)) custom_sections();
  }
  void custom_sections();
  void custom(uint32_t size);
  void initial_sections();
  void final_checks();
  template <typename F>
  void each(F&& element);
  template <typename V, typename F>
  void each_into(V& out, F&& element);

  void import();
  void table();
  void global();
  void export_();
  void code();
  std::vector<ValType> locals();
  void elem();
  void data();
  void nested_module();
  void instance();
  void alias();
  ExternKind sort(uint8_t b, std::string_view message);
};

// spec: section_N(B) ::= N:byte size:u32 cont:B (if size = ||B||). The id is checked as soon
// as it is peeked: unknown ids are a "malformed section id".
template <typename F>
bool ModuleDecoder::section(SectionId id, F&& contents) {
  int b = r_.peek();  // -1 at the end
  if (b != int(id)) {
    r_.require(b <= last_id_, r_.pos(), "malformed section id");
    return false;
  }
  r_.byte();
  uint32_t size = r_.len32();
  size_t start = r_.pos();
  contents(size);
  r_.require(r_.pos() == start + size, start, "section size mismatch");
  if (id != SectionId::Custom) last_ = id;
  return true;
}

template <typename F>
void ModuleDecoder::each(F&& element) {
  uint32_t n = r_.len32();
  for (uint32_t i = 0; i < n && !r_.failed(); ++i) element();
}

// each, for elements appended to `out`: room for n more (up to kMaxReserved) is made first.
template <typename V, typename F>
void ModuleDecoder::each_into(V& out, F&& element) {
  uint32_t n = r_.len32();
  out.reserve(out.size() + std::min(n, kMaxReserved));
  for (uint32_t i = 0; i < n && !r_.failed(); ++i) element();
}

// spec: customsec ::= section_0(custom);  custom ::= name byte*
// Called between all other sections: where there is none (nearly everywhere), one peek is its
// whole cost. An unknown section id after them is reported by the section read next, or after
// the last section by final_checks.
void ModuleDecoder::custom_sections() {
  while (r_.peek() == int(SectionId::Custom))
    section(SectionId::Custom, [&](uint32_t size) { custom(size); });
}

void ModuleDecoder::custom(uint32_t size) {
  Custom c;
  size_t start = r_.pos();
  c.name = r_.name();
  size_t used = r_.pos() - start;
  if (!r_.require(used <= size, r_.size(), "unexpected end of section or function")) return;
  auto content = r_.bytes(size - used);
  c.bytes.assign(content.begin(), content.end());
  c.place = Custom::Place::After;
  c.anchor = last_;
  c.at = r_.span_from(start);
  m_.customs.push_back(std::move(c));
}

// spec: import ::= mod:name nm:name d:externtype
void ModuleDecoder::import() {
  size_t start = r_.pos();
  Import im;
  auto names = import_names(r_, options_);
  im.module = std::move(names.module);
  im.field = std::move(names.field);
  im.desc = externtype(r_, options_);
  im.at = r_.span_from(start);
  m_.imports.push_back(std::move(im));
  note_initial_def(m_, DefKind::Import);
}

// spec: table ::= tt:tabletype | 0x40 0x00 tt:tabletype e:expr
// decode.ml tries the form with an initialiser first; if it fails, the plain form is tried
// from the same position (and fails on 0x40 with "malformed reference type").
void ModuleDecoder::table() {
  size_t start = r_.pos();
  Table t;
  if (r_.peek() == 0x40) {
    Reader::Mark mark = r_.mark();
    r_.byte();
    r_.expect(0x00, "zero byte expected");
    t.type = tabletype(r_);
    t.init = expr(r_, const_facts_);
    if (r_.failed_since(mark)) {
      r_.backtrack(mark);
      t.init.reset();
      t.type = tabletype(r_);
    }
  } else {
    t.type = tabletype(r_);
  }
  t.at = r_.span_from(start);
  m_.tables.push_back(std::move(t));
}

// spec: global ::= gt:globaltype e:expr
void ModuleDecoder::global() {
  size_t start = r_.pos();
  Global g;
  g.type = globaltype(r_);
  g.init = expr(r_, const_facts_);
  g.at = r_.span_from(start);
  m_.globals.push_back(std::move(g));
}

// The kind byte of an export, an instantiation argument or an alias: 0x00..0x04, and with
// Module Linking 0x05 (module) and 0x06 (instance).
ExternKind ModuleDecoder::sort(uint8_t b, std::string_view message) {
  if (b <= 0x04 || (options_.module_linking && b <= 0x06)) return ExternKind(b);
  r_.fail(r_.pos() - 1, std::string(message));
  return ExternKind::Func;
}

// spec: export ::= nm:name d:externidx
void ModuleDecoder::export_() {
  size_t start = r_.pos();
  Export e;
  e.name = r_.name();
  e.kind = sort(r_.byte(), "malformed export kind");
  e.index = r_.u32();
  e.at = r_.span_from(start);
  m_.exports.push_back(std::move(e));
}

// spec: locals ::= n:u32 t:valtype;  func ::= (t*)*:vec(locals) e:expr
std::vector<ValType> ModuleDecoder::locals() {
  size_t pos = r_.pos();
  struct Group {
    uint32_t n;
    ValType t;
  };
  auto groups = r_.vec([&] {
    uint32_t n = r_.u32();
    return Group{n, valtype(r_)};
  });
  uint64_t total = 0;
  for (const Group& g : groups) total += g.n;
  if (!r_.require(total < (uint64_t(1) << 32), pos, "too many locals")) return {};
  locals_ += total;
  if (!r_.require(total <= kMaxFunctionLocals && locals_ <= kMaxModuleLocals, pos,
                  "too many locals: more than this implementation supports"))
    return {};
  std::vector<ValType> ts;
  ts.reserve(total);
  for (const Group& g : groups) ts.insert(ts.end(), g.n, g.t);
  return ts;
}

// spec: code ::= size:u32 code:func (if size = ||func||)
void ModuleDecoder::code() {
  uint32_t size = r_.len32();
  size_t start = r_.pos();
  Func& f = codes_.emplace_back();
  f.locals = locals();
  f.body = expr(r_, code_facts_);
  f.at = r_.span_from(start);
  r_.require(r_.pos() == start + size, start, "section size mismatch");
}

// spec: elem ::= 0:u32 e:expr y*:vec(funcidx) | 1:u32 et:elemkind y*:vec(funcidx) | ...
//              | 7:u32 et:reftype el*:vec(expr)   (binary/modules.rst, Element Section)
void ModuleDecoder::elem() {
  size_t start = r_.pos();
  uint32_t kind = r_.u32();
  Elem e;
  if (r_.shared_everything && (kind & 8) != 0) e.shared = true, kind &= ~8u;
  if (!r_.require(kind <= 7, r_.pos() - 1, "malformed elements segment kind")) return;
  bool active = (kind & 1) == 0, explicit_table = (kind & 2) != 0, exprs = (kind & 4) != 0;
  e.mode = active ? SegmentMode::Active
                  : explicit_table ? SegmentMode::Declarative : SegmentMode::Passive;
  if (active) {
    if (explicit_table) e.table = r_.u32();
    e.offset = expr(r_, const_facts_);
  }
  if (!exprs) {
    e.type = {false, {HeapKind::Func, false, 0}};  // spec: elemkind ::= 0x00 => FUNC
    if (kind != 0) {
      uint8_t b = r_.byte();
      r_.require(b == 0x00, r_.pos() - 1, "malformed element kind");
    }
    e.init = r_.vec([&] {
      size_t pos = r_.pos();
      Instr i;
      i.op = Opcode::RefFunc;
      i.imm = r_.u32();
      i.at = r_.span_from(pos);
      return Expr{std::move(i)};
    });
  } else {
    e.type = kind == 4 ? RefType{true, {HeapKind::Func, false, 0}} : reftype(r_);
    e.init = r_.vec([&] { return expr(r_, const_facts_); });
  }
  e.at = r_.span_from(start);
  m_.elems.push_back(std::move(e));
}

// spec: data ::= 0:u32 e:expr b*:vec(byte) | 1:u32 b*:vec(byte) | 2:u32 x:memidx e:expr b*
void ModuleDecoder::data() {
  size_t start = r_.pos();
  uint32_t kind = r_.u32();
  Data d;
  if (r_.shared_everything && (kind & 8) != 0) d.shared = true, kind &= ~8u;
  if (!r_.require(kind <= 2, r_.pos() - 1, "malformed data segment kind")) return;
  d.mode = kind == 1 ? SegmentMode::Passive : SegmentMode::Active;
  if (kind == 2) d.mem = r_.u32();
  if (kind != 1) d.offset = expr(r_, const_facts_);
  d.init = r_.byte_string();
  d.at = r_.span_from(start);
  m_.datas.push_back(std::move(d));
}

// Module Linking: modulecode ::= size:u32 mod:module (if size = ||mod||)
void ModuleDecoder::nested_module() {
  uint32_t size = r_.len32();
  size_t start = r_.pos();
  auto bytes = r_.bytes(size);
  if (!r_.require(depth_ + 1 <= kMaxModuleNesting, start, "too deeply nested modules")) return;
  Reader nested(bytes, r_.offset(start));
  nested.shared_everything = r_.shared_everything;
  ModuleDecoder(nested, options_, depth_ + 1, m_.modules.emplace_back()).decode();
  if (nested.failed()) r_.fail(nested.error());
  note_initial_def(m_, DefKind::Module);
}

// Module Linking: instancedef ::= 0x00 m:moduleidx arg*:vec(name sort:byte idx:u32)
void ModuleDecoder::instance() {
  size_t start = r_.pos();
  r_.expect(0x00, "malformed instance: instantiate expected");
  Instance inst;
  inst.module = r_.u32();
  inst.args = r_.vec([&] {
    InstantiateArg arg;
    arg.name = r_.name();
    arg.kind = sort(r_.byte(), "malformed instantiate argument kind");
    arg.index = r_.u32();
    return arg;
  });
  inst.at = r_.span_from(start);
  m_.instances.push_back(std::move(inst));
  note_initial_def(m_, DefKind::Instance);
}

// Module Linking: alias ::= 0x00 i:instanceidx sort:byte nm:name
//                         | 0x01 ct:u32 0x05 m:moduleidx | 0x01 ct:u32 0x07 t:typeidx
void ModuleDecoder::alias() {
  size_t start = r_.pos();
  Alias a;
  uint8_t form = r_.byte();
  if (form == 0x00) {
    a.kind = Alias::Kind::InstanceExport;
    a.instance = r_.u32();
    a.sort = sort(r_.byte(), "malformed alias kind");
    a.name = r_.name();
  } else if (form == 0x01) {
    a.kind = Alias::Kind::Outer;
    a.outer_count = r_.u32();
    uint8_t b = r_.byte();
    if (b != 0x05 && b != 0x07) r_.fail(r_.pos() - 1, "malformed alias kind");
    a.sort = ExternKind(b);
    a.index = r_.u32();
  } else {
    r_.fail(r_.pos() - 1, "malformed alias");
  }
  a.at = r_.span_from(start);
  m_.aliases.push_back(std::move(a));
  note_initial_def(m_, DefKind::Alias);
}

// The type and import sections; with Module Linking also the module, instance and alias
// sections, in any order and repeated (Binary.md, "Module-level updates").
void ModuleDecoder::initial_sections() {
  auto types = [&](uint32_t) {
    each_into(m_.types, [&] {
      typedef_(r_, options_, m_.types.emplace_back());
      note_initial_def(m_, DefKind::Type);
    });
  };
  auto imports = [&](uint32_t) { each_into(m_.imports, [&] { import(); }); };
  if (!options_.module_linking) {
    section(SectionId::Type, types);
    customs();
    section(SectionId::Import, imports);
    customs();
    return;
  }
  for (bool more = true; more; customs()) {
    more = section(SectionId::Type, types) || section(SectionId::Import, imports) ||
           section(SectionId::Module, [&](uint32_t) { each([&] { nested_module(); }); }) ||
           section(SectionId::Instance, [&](uint32_t) { each([&] { instance(); }); }) ||
           section(SectionId::Alias, [&](uint32_t) { each([&] { alias(); }); });
  }
}

// decode.ml's checks after the last section, in its order.
void ModuleDecoder::final_checks() {
  const char* trailing = options_.module_linking ? "section out of order"
                                                 : "unexpected content after last section";
  r_.require(r_.peek() <= last_id_, r_.pos(), "malformed section id");
  r_.require(r_.eos(), r_.size(), trailing);
  r_.require(func_types_.size() == codes_.size(), r_.size(),
             "function and code section have inconsistent lengths");
  r_.require(!data_count_ || *data_count_ == m_.datas.size(), r_.size(),
             "data count and data section have inconsistent lengths");
  r_.require(data_count_ || !code_facts_.uses_data_index, r_.size(),
             "data count section required");
}

// spec: module ::= magic version customsec* type* customsec* import* ... data* customsec*
void ModuleDecoder::decode() {
  auto word32 = [&] { return r_.f32(); };  // a little-endian 32-bit word
  r_.require(word32() == kMagic, 0, "magic header not detected");
  r_.require(word32() == kVersion, 4, "unknown binary version");
  customs();
  initial_sections();
  // A section of a vector of elements, appended to `out`, and the custom sections after it.
  auto each_section = [&](SectionId id, auto& out, auto&& element) {
    section(id, [&](uint32_t) { each_into(out, element); });
    customs();
  };
  each_section(SectionId::Function, func_types_, [&] { func_types_.push_back(r_.u32()); });
  each_section(SectionId::Table, m_.tables, [&] { table(); });
  each_section(SectionId::Memory, m_.memories, [&] {
    size_t start = r_.pos();
    MemType mt = memtype(r_, options_);
    m_.memories.push_back({mt, r_.span_from(start)});
  });
  each_section(SectionId::Tag, m_.tags, [&] {
    size_t start = r_.pos();
    TypeIdx x = tagtype(r_);
    m_.tags.push_back({x, r_.span_from(start)});
  });
  each_section(SectionId::Global, m_.globals, [&] { global(); });
  each_section(SectionId::Export, m_.exports, [&] { export_(); });
  section(SectionId::Start, [&](uint32_t) { m_.start = r_.u32(); });
  customs();
  each_section(SectionId::Element, m_.elems, [&] { elem(); });
  section(SectionId::DataCount, [&](uint32_t) { data_count_ = r_.u32(); });
  customs();
  each_section(SectionId::Code, codes_, [&] { code(); });
  each_section(SectionId::Data, m_.datas, [&] { data(); });
  final_checks();
  if (r_.failed()) return;
  for (size_t i = 0; i < codes_.size(); ++i) codes_[i].type = func_types_[i];
  m_.funcs = std::move(codes_);
  m_.at = {r_.offset(0), r_.offset(r_.size())};
}

}  // namespace
}  // namespace wasm::binary::detail

namespace wasm::binary {

Result<Module> decode(std::span<const uint8_t> bytes, const DecodeOptions& options) {
  Reader r(bytes);
  r.shared_everything = options.shared_everything;
  Result<Module> result{Module{}};
  detail::ModuleDecoder(r, options, 0, *result).decode();
  if (r.failed()) result = r.error();
  return result;
}

}  // namespace wasm::binary
