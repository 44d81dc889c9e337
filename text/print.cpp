// The printer: a module as text that the text parser reads back to an equal AST
// (text/modules.rst). Indices only, explicit `(type x)` uses, flat instructions; initial
// definitions in the order of Module::initial_order; custom sections as (@custom ...)
// annotations (the annotations proposal's custom-section syntax).
#include "text/print.h"

#include "spec/walk.h"
#include "text/printer.h"

namespace wasm::text {
namespace {

std::string num(uint64_t v) { return std::to_string(v); }

const char* section_name(SectionId id) {
  switch (id) {
    case SectionId::Custom: return "custom";
    case SectionId::Type: return "type";
    case SectionId::Import: return "import";
    case SectionId::Function: return "func";
    case SectionId::Table: return "table";
    case SectionId::Memory: return "memory";
    case SectionId::Global: return "global";
    case SectionId::Export: return "export";
    case SectionId::Start: return "start";
    case SectionId::Element: return "elem";
    case SectionId::Code: return "code";
    case SectionId::Data: return "data";
    case SectionId::DataCount: return "datacount";
    case SectionId::Tag: return "tag";
    case SectionId::Module: return "module";
    case SectionId::Instance: return "instance";
    case SectionId::Alias: return "alias";
  }
  return "";
}

// (@custom "name" place "bytes"); After Custom (a leading section) is (before first), and
// Before Custom is (after last).
std::string custom_text(const Custom& c) {
  std::string place;
  if (c.anchor == SectionId::Custom)
    place = c.place == Custom::Place::After ? "(before first)" : "(after last)";
  else
    place = std::string(c.place == Custom::Place::Before ? "(before " : "(after ") +
            section_name(c.anchor) + ")";
  std::string bytes(c.bytes.begin(), c.bytes.end());
  return "(@custom " + quote(c.name) + " " + place + " " + quote(bytes) + ")";
}

class ModulePrinter {
 public:
  ModulePrinter(std::string& out, std::string indent) : out_(out), indent_(std::move(indent)) {}

  void module(const Module& m);

 private:
  void line(const std::string& s) { out_ += indent_ + s + "\n"; }
  void initial(const Module& m);
  void func(const Func& f);
  void elem(const Elem& e);
  void data(const Data& d);
  void instance(const Instance& i);
  void alias(const Alias& a);

  std::string& out_;
  std::string indent_;  // of the module's fields
};

// Module Linking: (instance (instantiate m (import "name" (kind x))*))
void ModulePrinter::instance(const Instance& i) {
  std::string s = "(instance (instantiate " + num(i.module);
  for (const InstantiateArg& a : i.args)
    s += " (import " + quote(a.name) + " (" + extern_kind_text(a.kind) + " " + num(a.index) + "))";
  line(s + "))");
}

// Module Linking: (alias i "name" (kind)) | (alias outer n x (kind))
void ModulePrinter::alias(const Alias& a) {
  std::string kind = " (" + extern_kind_text(a.sort) + "))";
  if (a.kind == Alias::Kind::InstanceExport)
    line("(alias " + num(a.instance) + " " + quote(a.name) + kind);
  else
    line("(alias outer " + num(a.outer_count) + " " + num(a.index) + kind);
}

// Types, imports and Module Linking definitions, run by run as initial_order records them.
void ModulePrinter::initial(const Module& m) {
  std::array<size_t, 5> next{};
  for (const DefRun& r : initial_runs(m)) {
    size_t& k = next[size_t(r.kind)];
    for (size_t end = k + r.count; k < end; ++k) {
      switch (r.kind) {
        case DefKind::Type: line(typedef_text(m.types[k], indent_)); break;
        case DefKind::Import: {
          const Import& i = m.imports[k];
          line(import_text(i.module, i.field, i.desc));
          break;
        }
        case DefKind::Module: ModulePrinter(out_, indent_ + "  ").module(m.modules[k]); break;
        case DefKind::Instance: instance(m.instances[k]); break;
        case DefKind::Alias: alias(m.aliases[k]); break;
      }
    }
  }
}

// spec: func ::= (func (type x) (local t*)? instr*)
void ModulePrinter::func(const Func& f) {
  line("(func (type " + num(f.type) + ")");
  if (!f.locals.empty()) {
    std::string s = "  (local";
    for (const ValType& t : f.locals) s += " " + valtype_text(t);
    line(s + ")");
  }
  print_expr_lines(out_, f.body, indent_ + "  ");
  line(")");
}

// spec: elem ::= (elem (table x) (offset e) reftype (item e)*) | (elem declare? reftype ...)
void ModulePrinter::elem(const Elem& e) {
  std::string s = "(elem";
  if (e.mode == SegmentMode::Active)
    s += " (table " + num(e.table) + ") (offset " + expr_inline(e.offset) + ")";
  if (e.mode == SegmentMode::Declarative) s += " declare";
  if (e.shared) s += " shared";
  s += " " + to_string(e.type);
  for (const Expr& x : e.init) s += " (item " + expr_inline(x) + ")";
  line(s + ")");
}

// spec: data ::= (data (memory x) (offset e) "bytes") | (data "bytes")
void ModulePrinter::data(const Data& d) {
  std::string s = "(data";
  if (d.mode == SegmentMode::Active)
    s += " (memory " + num(d.mem) + ") (offset " + expr_inline(d.offset) + ")";
  if (d.shared) s += " shared";
  line(s + " " + quote(std::string(d.init.begin(), d.init.end())) + ")");
}

void ModulePrinter::module(const Module& m) {
  out_ += indent_.substr(0, indent_.size() - 2) + "(module\n";
  initial(m);
  for (const Func& f : m.funcs) func(f);
  for (const Table& t : m.tables)
    line("(table " + tabletype_text(t.type) + (t.init ? " " + expr_inline(*t.init) : "") + ")");
  for (const Memory& x : m.memories) line("(memory " + memtype_text(x.type) + ")");
  for (const Tag& t : m.tags) line("(tag (type " + num(t.type) + "))");
  for (const Global& g : m.globals)
    line("(global " + globaltype_text(g.type) + " " + expr_inline(g.init) + ")");
  for (const Export& e : m.exports)
    line("(export " + quote(e.name) + " (" + extern_kind_text(e.kind) + " " + num(e.index) + "))");
  if (m.start) line("(start " + num(*m.start) + ")");
  for (const Elem& e : m.elems) elem(e);
  for (const Data& d : m.datas) data(d);
  for (const Custom& c : m.customs) line(custom_text(c));
  out_ += indent_.substr(0, indent_.size() - 2) + ")\n";
}

}  // namespace

std::string quote(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string s = "\"";
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      s += char(c);
    } else {
      s += '\\';
      s += kHex[c >> 4];
      s += kHex[c & 15];
    }
  }
  return s + "\"";
}

std::string print_module(const Module& m) {
  std::string out;
  ModulePrinter(out, "  ").module(m);
  return out;
}

}  // namespace wasm::text
