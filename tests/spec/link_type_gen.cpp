// Generated Module Linking types, their subtyping oracle and their text (link_type_gen.h).
#include "tests/spec/link_type_gen.h"

#include <algorithm>
#include <array>

namespace wasm::test {
namespace {

using Kind = GenType::Kind;

constexpr std::array<const char*, 5> kSignatures = {
    "", "(param i32)", "(result i64)", "(param i32 i32) (result i32)", "(param funcref)"};
// Nullable reference types are followed by their non-null form (index + 1).
constexpr std::array<const char*, 6> kValTypes = {"i32",        "i64",       "funcref",
                                                  "(ref func)", "externref", "(ref extern)"};
constexpr std::array<const char*, 3> kElemTypes = {"funcref", "externref", "(ref func)"};
constexpr std::array<const char*, 6> kNames = {"a", "b", "c", "d", "e", "f"};

bool is_non_null_ref(int val) { return val == 3 || val == 5; }
bool is_nullable_ref(int val) { return val == 2 || val == 4; }

// spec: Valtype_sub for the types above — equal, or (ref ht) <: (ref null ht).
bool val_sub(int a, int b) { return a == b || (is_non_null_ref(a) && b == a - 1); }

// spec: Limits_sub
bool limits_sub(const GenType& a, const GenType& b) {
  if (a.min < b.min) return false;
  return !b.max || (a.max && *a.max <= *b.max);
}

const GenType::Kind kAllKinds[] = {Kind::Func,   Kind::Global,   Kind::Table,
                                   Kind::Memory, Kind::Instance, Kind::Module};

const GenItem* find(const GenItems& items, const std::string& name) {
  for (const auto& item : items)
    if (item.first == name) return &item;
  return nullptr;
}

// spec (Subtyping.md): every export b expects is among a's, with a subtype.
bool exports_sub(const GenItems& a, const GenItems& b) {
  return std::ranges::all_of(b, [&](const auto& want) {
    const auto* have = find(a, want.first);
    return have && gen_subtype(have->second, want.second);
  });
}

// spec (Subtyping.md): every import a needs is among b's, and b's type is a subtype of a's.
bool imports_sub(const GenItems& a, const GenItems& b) {
  return std::ranges::all_of(a, [&](const auto& need) {
    const auto* given = find(b, need.first);
    return given && gen_subtype(given->second, need.second);
  });
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string items_text(const char* keyword, const GenItems& items) {
  std::string out;
  for (const auto& [name, type] : items)
    out += std::string(" (") + keyword + " " + quoted(name) + " " + gen_text(type) + ")";
  return out;
}

}  // namespace

bool gen_subtype(const GenType& a, const GenType& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Func: return a.sig == b.sig;
    case Kind::Global:
      if (a.mut != b.mut) return false;
      return a.mut ? a.val == b.val : val_sub(a.val, b.val);
    case Kind::Table: return a.val == b.val && limits_sub(a, b);  // spec: Tabletype_sub
    case Kind::Memory: return limits_sub(a, b);
    case Kind::Instance: return exports_sub(a.exports, b.exports);
    case Kind::Module:
      return imports_sub(a.imports, b.imports) && exports_sub(a.exports, b.exports);
  }
  return false;
}

std::string gen_text(const GenType& t, const std::string& id) {
  std::string name = id.empty() ? "" : " $" + id;
  std::string limits = " " + std::to_string(t.min) + (t.max ? " " + std::to_string(*t.max) : "");
  switch (t.kind) {
    case Kind::Func: return "(func" + name + " " + kSignatures[size_t(t.sig)] + ")";
    case Kind::Global: {
      std::string val = kValTypes[size_t(t.val)];
      return "(global" + name + " " + (t.mut ? "(mut " + val + ")" : val) + ")";
    }
    case Kind::Table: return "(table" + name + limits + " " + kElemTypes[size_t(t.val)] + ")";
    case Kind::Memory: return "(memory" + name + limits + ")";
    case Kind::Instance: return "(instance" + name + items_text("export", t.exports) + ")";
    case Kind::Module:
      return "(module" + name + items_text("import", t.imports) + items_text("export", t.exports) +
             ")";
  }
  return "";
}

std::string gen_arg_text(const GenType& t, const std::string& id) {
  static constexpr const char* kKeywords[] = {"func",   "global",   "table",
                                              "memory", "instance", "module"};
  return std::string("(") + kKeywords[size_t(t.kind)] + " $" + id + ")";
}

namespace {

rc::Gen<GenType> gen_limits(const GenType& base) {
  return rc::gen::exec([base] {
    GenType t = base;
    t.min = uniform<uint32_t>(0, 4);
    if (coin()) t.max = uniform<uint32_t>(t.min, t.min + 4);
    return t;
  });
}

// Distinct names from kNames that `taken` does not use, at most `most`.
std::vector<std::string> fresh_names(const GenItems& taken, size_t most) {
  std::vector<std::string> names;
  for (const char* n : kNames)
    if (!find(taken, n)) names.emplace_back(n);
  std::vector<std::string> chosen;
  for (std::string& n : names)
    if (chosen.size() < most && coin()) chosen.push_back(std::move(n));
  return chosen;
}

GenItems gen_items(int depth) {
  GenItems items;
  for (std::string& n : fresh_names({}, 3)) items.emplace_back(std::move(n), *gen_type(depth));
  return items;
}

// Limits that a's limits match (weaker) or that match a's (stronger), spec: Limits_sub.
void weaken_limits(GenType& t) {
  t.min = uniform<uint32_t>(0, t.min + 1);
  if (t.max && coin()) t.max = coin() ? std::nullopt : std::optional(uniform(*t.max, *t.max + 3));
}
void strengthen_limits(GenType& t) {
  t.min = uniform(t.min, (t.max ? *t.max : t.min + 2) + 1);
  if (t.max)
    t.max = uniform(t.min, *t.max + 1);
  else if (coin())
    t.max = uniform(t.min, t.min + 3);
}

GenItems map_items(const GenItems& items, bool keep_all, bool weaker) {
  GenItems out;
  for (const auto& [name, type] : items)
    if (keep_all || coin())
      out.emplace_back(name, *(weaker ? gen_supertype(type) : gen_subtype_of(type)));
  return out;
}

void add_items(GenItems& items) {
  for (std::string& n : fresh_names(items, 2)) items.emplace_back(std::move(n), *gen_type(1));
}

// A random supertype (weaker) or subtype of a, by construction: exports are covariant (a
// supertype may drop some and weaken the rest, a subtype strengthens them and may add more),
// module imports contravariant (the other way round).
GenType vary(const GenType& a, bool weaker) {
  GenType t = a;
  switch (t.kind) {
    case Kind::Func: break;
    case Kind::Global:  // spec: (ref ht) <: (ref null ht), for immutable globals only
      if (!t.mut && (weaker ? is_non_null_ref(t.val) : is_nullable_ref(t.val)) && coin())
        t.val += weaker ? -1 : 1;
      break;
    case Kind::Table:
    case Kind::Memory: weaker ? weaken_limits(t) : strengthen_limits(t); break;
    case Kind::Module:
      t.imports = map_items(t.imports, weaker, !weaker);
      if (weaker) add_items(t.imports);
      [[fallthrough]];
    case Kind::Instance:
      t.exports = map_items(t.exports, !weaker, weaker);
      if (!weaker) add_items(t.exports);
      break;
  }
  return t;
}

}  // namespace

rc::Gen<GenType> gen_type_of(Kind kind, int depth) {
  return rc::gen::exec([kind, depth] {
    GenType t;
    t.kind = kind;
    switch (kind) {
      case Kind::Func: t.sig = uniform<int>(0, int(kSignatures.size())); break;
      case Kind::Global:
        t.val = uniform<int>(0, int(kValTypes.size()));
        t.mut = coin();
        break;
      case Kind::Table:
        t = *gen_limits(t);
        t.val = uniform<int>(0, int(kElemTypes.size()));
        break;
      case Kind::Memory: t = *gen_limits(t); break;
      case Kind::Instance: t.exports = gen_items(depth - 1); break;
      case Kind::Module:
        t.imports = gen_items(depth - 1);
        t.exports = gen_items(depth - 1);
        break;
    }
    return t;
  });
}

rc::Gen<GenType> gen_type(int depth) {
  return rc::gen::exec([depth] {
    size_t kinds = depth > 0 ? std::size(kAllKinds) : 4;  // module and instance types nest
    return *gen_type_of(kAllKinds[uniform<size_t>(0, kinds)], depth);
  });
}

rc::Gen<GenType> gen_supertype(const GenType& a) {
  return rc::gen::exec([a] { return vary(a, true); });
}

rc::Gen<GenType> gen_subtype_of(const GenType& a) {
  return rc::gen::exec([a] { return vary(a, false); });
}

}  // namespace wasm::test
