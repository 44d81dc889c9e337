// Annotations the text format interprets (the annotations proposal's text/custom.rst and the
// reference interpreter's custom-section handlers, interpreter/custom/handler_*.ml):
//   (@custom "name" place? "bytes"*)           -> a custom section, verbatim;
//   (@name "n")                                -> the "name" custom section (module, function
//                                                 and tag names), as the reference's handler;
//   (@metadata.code.branch_hint "\00"|"\01")   -> checked, not materialised (see below); a hint
//                                                 before anything but if/br_if is Invalid.
//
// Decision (branch hints): the reference turns branch hints into a
// "metadata.code.branch_hint" section whose entries are *byte offsets of instructions in the
// code section*; those exist only once the module is encoded, and the AST has no place for
// per-instruction metadata. We therefore check every malformation the reference's parser
// reports ("not in a function", "unexpected token", "invalid hint value", "invalid
// placement", "duplicate annotation") and then drop the hint, as a hint never changes what a
// module means. Round trips hold trivially (the printed module has no hint to re-read).
//
// Decision (names): @name annotations become one "name" custom section placed after the last
// section, exactly as the reference encodes them, so they survive text -> binary -> text as a
// (@custom "name" (after data) ...) section. Function and tag indices are those of the index
// spaces (imports first), which is what the binary name section means; the reference counts
// definitions only, which differs only when imports precede.
//
// Both are handled after the whole module parsed (the reference runs its handlers on the
// parsed module), so syntax and identifier errors take priority.
#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>

#include "text/module_parser.h"

namespace wasm::text {
namespace {

void put_u32(std::vector<uint8_t>& out, uint64_t v) {  // spec: binary/values.rst u32 (LEB128)
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? (b | 0x80) : b);
  } while (v);
}

void put_name(std::vector<uint8_t>& out, const std::string& n) {
  put_u32(out, n.size());
  out.insert(out.end(), n.begin(), n.end());
}

// The "name" section's contents, merged from every @name annotation of a module.
struct Names {
  std::optional<std::string> module;
  std::map<uint32_t, std::string> funcs, tags;

  // spec (appendix custom.rst): namesec ::= modulenamesubsec? funcnamesubsec? ... tagnamesubsec?
  std::vector<uint8_t> encode() const {
    std::vector<uint8_t> out;
    auto subsection = [&](uint8_t id, const std::vector<uint8_t>& body) {
      out.push_back(id);
      put_u32(out, body.size());
      out.insert(out.end(), body.begin(), body.end());
    };
    auto name_map = [](const std::map<uint32_t, std::string>& m) {
      std::vector<uint8_t> body;
      put_u32(body, m.size());
      for (const auto& [x, n] : m) {
        put_u32(body, x);
        put_name(body, n);
      }
      return body;
    };
    if (module) {
      std::vector<uint8_t> body;
      put_name(body, *module);
      subsection(0, body);
    }
    if (!funcs.empty()) subsection(1, name_map(funcs));
    if (!tags.empty()) subsection(11, name_map(tags));
    return out;
  }
};

}  // namespace

// Fields are in source order and do not overlap: the candidate is the last one starting
// before `at` (field_end caches each field's end, so many annotations stay linear).
const FieldInfo* ModuleParser::field_containing(size_t at) const {
  auto it = std::lower_bound(field_list.begin(), field_list.end(), at,
                             [](const FieldInfo& f, size_t a) { return f.pos < a; });
  if (it == field_list.begin()) return nullptr;
  const FieldInfo& f = *std::prev(it);
  return at < f.end ? &f : nullptr;
}

void ModuleParser::code_annotations() {
  if (p.deferred) return;  // the reference reports parse errors before handling annotations
  // Module Linking's reference interpreter predates these handlers, and its scripts use @name
  // freely (e.g. inside instance types): leave annotations of such modules uninterpreted.
  if (ml || ml_types) return;
  for (FieldInfo& f : field_list) f.end = p.skip_balanced(f.pos);
  std::vector<size_t> starts = instr_starts;
  std::sort(starts.begin(), starts.end());
  Names names;
  bool any_name = false;
  std::map<uint32_t, size_t> last_hint;  // function index -> instruction of its last hint
  for (const CustomAnnotation& c : own_annotations()) {
    const FieldInfo* f = field_containing(c.at);
    if (c.id == "name") {
      // spec (reference handler_name.ml): parse_name, parse_end, locate_module, merge
      auto err = [&](const std::string& msg) { p.error(c.span, "@name annotation: " + msg); };
      if (c.tokens.empty() || c.tokens[0].kind != TokenKind::String) err("string expected");
      std::string n(c.tokens[0].value);
      if (!is_valid_utf8(n)) p.error(c.tokens[0].at, "malformed UTF-8 encoding");
      if (c.tokens.size() > 1) p.error(c.tokens[1].at, "@name annotation: unexpected token");
      any_name = true;
      if (field_list.empty() || c.at <= field_list.front().pos) {
        if (names.module) err("multiple module names");
        names.module = n;
      } else if (f && (f->kind == FieldKind::Type || f->kind == FieldKind::Rec)) {
        err("type and field names not yet supported");
      } else if (f && f->kind == FieldKind::Tag && !f->is_import && !f->is_alias) {
        if (!names.tags.emplace(f->index, n).second) err("multiple function names");
      } else if (f && f->kind == FieldKind::Func && !f->is_import && !f->is_alias) {
        if (c.at > f->body_at) err("misplaced annotation");
        if (c.at > f->typeuse_at) err("local names not yet supported");
        if (!names.funcs.emplace(f->index, n).second) err("multiple function names");
      } else {
        p.error(c.span, "misplaced @name annotation");
      }
    } else if (c.id == "metadata.code.branch_hint") {
      // spec (reference handler_branch_hint.ml): parse_annot, then merge per function
      auto err = [&](const std::string& msg) {
        p.error(c.span, "@metadata.code.branch_hint annotation: " + msg);
      };
      if (!f || f->kind != FieldKind::Func || f->is_import || f->is_alias) err("not in a function");
      std::string hint;
      for (const Token& t : c.tokens) {
        if (t.kind != TokenKind::String)
          p.error(t.at, "@metadata.code.branch_hint annotation: unexpected token");
        hint += t.value;
      }
      if (hint != std::string_view("\0", 1) && hint != "\x01") err("invalid hint value");
      size_t func_end = f->end;
      auto next = std::lower_bound(starts.begin(), starts.end(), c.at);
      if (next == starts.end() || *next >= func_end) err("invalid placement");
      auto [last, fresh] = last_hint.emplace(f->index, *next);
      if (!fresh && last->second >= *next) err("duplicate annotation");
      last->second = *next;
      // spec (reference handler_branch_hint.ml, check): a hint must precede `if` or `br_if`.
      // The reference reports this when validating the custom section (assert_invalid_custom);
      // the hint is not kept in the AST (see above), so the check runs here, as Phase::Invalid.
      size_t k = p.token(*next).kind == TokenKind::LParen ? *next + 1 : *next;
      std::string_view target = p.token(k).text;
      if (target != "if" && target != "br_if")
        fail(Phase::Invalid, c.span, "@metadata.code.branch_hint annotation: invalid target");
    }
  }
  if (any_name) {
    Custom sec;  // spec (reference): place = After last
    sec.name = "name";
    sec.bytes = names.encode();
    sec.place = Custom::Place::After;
    sec.anchor = SectionId::Data;
    m.customs.push_back(std::move(sec));
  }
}

// ---- Custom annotations (text/custom.rst of the annotations proposal) ----

// The annotations of the module being parsed: p.customs is in source order, so those whose
// `at` lies in [annot_first, annot_last] form one run (found in O(log n) per module).
std::span<CustomAnnotation> ModuleParser::own_annotations() const {
  auto by_at = [](const CustomAnnotation& c, size_t at) { return c.at < at; };
  auto lo = std::lower_bound(p.customs.begin(), p.customs.end(), p.annot_first, by_at);
  auto hi = std::lower_bound(lo, p.customs.end(), p.annot_last + 1, by_at);
  return {lo, hi};
}

// (@custom ...) annotations right before the module's end, then those before each field.
void ModuleParser::place_customs(size_t end) {
  std::unordered_map<size_t, std::vector<CustomAnnotation*>> by_at;
  for (CustomAnnotation& c : own_annotations())
    if (c.id == "custom" && !c.placed) by_at[c.at].push_back(&c);
  if (by_at.empty()) return;
  auto place_at = [&](size_t at) {
    auto it = by_at.find(at);
    if (it == by_at.end()) return;
    for (CustomAnnotation* c : it->second) place_custom(*c);
    by_at.erase(it);
  };
  place_at(end);
  for (const FieldInfo& f : field_list) place_at(f.pos);
}

void ModuleParser::place_custom(CustomAnnotation& c) {
  c.placed = true;
  Custom custom;
  custom.at = c.span;
  size_t i = 0;
  auto err = [&](const std::string& msg) { p.error(c.span, "@custom annotation: " + msg); };
  if (i >= c.tokens.size() || c.tokens[i].kind != TokenKind::String) err("missing section name");
  custom.name = std::string(c.tokens[i++].value);
  if (!is_valid_utf8(custom.name)) err("malformed UTF-8 encoding");
  custom.place = Custom::Place::After;
  custom.anchor = SectionId::Data;
  if (i < c.tokens.size() && c.tokens[i].kind == TokenKind::LParen) {
    ++i;
    std::string_view where = i < c.tokens.size() ? c.tokens[i].text : "";
    if (where != "before" && where != "after") err("malformed placement");
    custom.place = where == "before" ? Custom::Place::Before : Custom::Place::After;
    ++i;
    std::string_view sec = i < c.tokens.size() ? c.tokens[i].text : "";
    static constexpr std::pair<std::string_view, SectionId> kSections[] = {
        {"type", SectionId::Type},
        {"import", SectionId::Import},
        {"func", SectionId::Function},
        {"table", SectionId::Table},
        {"memory", SectionId::Memory},
        {"tag", SectionId::Tag},
        {"global", SectionId::Global},
        {"export", SectionId::Export},
        {"start", SectionId::Start},
        {"elem", SectionId::Element},
        {"code", SectionId::Code},
        {"data", SectionId::Data},
        {"datacount", SectionId::DataCount},
        {"first", SectionId::Custom},
        {"last", SectionId::Data}};
    bool found = false;
    for (auto& [text, sid] : kSections)
      if (c.tokens[i].kind == TokenKind::Keyword && text == sec) {
        custom.anchor = sid;
        found = true;
        if (text == "first") custom.place = Custom::Place::After;
      }
    if (!found) err("malformed section kind");
    ++i;
    if (i >= c.tokens.size() || c.tokens[i].kind != TokenKind::RParen) err("unexpected token");
    ++i;
  }
  for (; i < c.tokens.size(); ++i) {
    if (c.tokens[i].kind != TokenKind::String) err("unexpected token");
    custom.bytes.insert(custom.bytes.end(), c.tokens[i].value.begin(), c.tokens[i].value.end());
  }
  m.customs.push_back(std::move(custom));
}

}  // namespace wasm::text
