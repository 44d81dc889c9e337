// See wast_mini.h. Test-only code: the inputs are the trusted files of the official suite.
#include "tests/interpreter/wast_mini.h"

#include "text/literals.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace wasm::interp::test {
namespace {

using numerics::lane;
using numerics::set_lane;

// --- S-expressions ----------------------------------------------------------------------------

struct Node {
  bool list = false;
  bool string = false;
  std::string atom;
  std::vector<Node> kids;
  const std::string& head() const {
    static const std::string empty;
    return list && !kids.empty() && !kids[0].list ? kids[0].atom : empty;
  }
};

std::vector<Node> parse_sexprs(const std::string& s) {
  std::vector<Node> stack(1);  // stack[0] collects the top-level nodes
  size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    if (c == ';' && i + 1 < n && s[i + 1] == ';') {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '(' && i + 1 < n && s[i + 1] == ';') {
      int depth = 0;
      do {
        if (s.compare(i, 2, "(;") == 0) ++depth, i += 2;
        else if (s.compare(i, 2, ";)") == 0) --depth, i += 2;
        else ++i;
      } while (depth > 0 && i < n);
    } else if (c == '(') {
      stack.emplace_back().list = true;
      ++i;
    } else if (c == ')') {
      Node done = std::move(stack.back());
      stack.pop_back();
      stack.back().kids.push_back(std::move(done));
      ++i;
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < n && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      Node a;
      a.string = true;
      a.atom = s.substr(i + 1, j - i - 1);
      stack.back().kids.push_back(std::move(a));
      i = j + 1;
    } else if (isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else {
      size_t j = i;
      while (j < n && !isspace(static_cast<unsigned char>(s[j])) && s[j] != '(' && s[j] != ')') ++j;
      Node a;
      a.atom = s.substr(i, j - i);
      stack.back().kids.push_back(std::move(a));
      i = j;
    }
  }
  return std::move(stack[0].kids);
}

}  // namespace

// --- Literals -----------------------------------------------------------------------------------

// The project's literal parser (text/literals.h) reads every constant of the suite files.
bool parse_int_bits(const std::string& text, int bits, uint64_t& out) {
  auto v = text::parse_int(text, bits);
  if (v) out = *v;
  return v.has_value();
}

bool parse_float_bits(const std::string& text, int bits, uint64_t& out) {
  if (bits == 32) {
    auto v = text::parse_f32(text);
    if (v) out = *v;
    return v.has_value();
  }
  auto v = text::parse_f64(text);
  if (v) out = *v;
  return v.has_value();
}

namespace {

// --- Values and expectations --------------------------------------------------------------------

int shape_lanes(const std::string& shape) {
  if (shape == "i8x16") return 16;
  if (shape == "i16x8") return 8;
  if (shape == "i32x4" || shape == "f32x4") return 4;
  if (shape == "i64x2" || shape == "f64x2") return 2;
  return 0;
}

// A value in a (T.const …) form; lane patterns nan:canonical / nan:arithmetic allowed when
// `expect` is set. Returns nullopt for forms the extractor does not handle.
struct Expected {
  std::string type;   // "i32" … "v128"
  std::string shape;  // for v128
  V128 bits;
  std::vector<std::string> nan_pattern;  // per lane: "", "nan:canonical", "nan:arithmetic"
};

bool set_from_literal(V128& v, int lane_bits, bool is_float, int index, const std::string& text) {
  uint64_t b = 0;
  if (!(is_float ? parse_float_bits(text, lane_bits, b) : parse_int_bits(text, lane_bits, b)))
    return false;
  switch (lane_bits) {
    case 8: set_lane<uint8_t>(v, index, uint8_t(b)); break;
    case 16: set_lane<uint16_t>(v, index, uint16_t(b)); break;
    case 32: set_lane<uint32_t>(v, index, uint32_t(b)); break;
    default: set_lane<uint64_t>(v, index, b); break;
  }
  return true;
}

std::optional<Expected> parse_const(const std::vector<std::string>& toks, bool allow_nan_pattern) {
  // toks: "i32.const" "5"  |  "v128.const" "f32x4" a b c d
  if (toks.empty()) return std::nullopt;
  Expected e;
  std::string op = toks[0];
  size_t dot = op.find(".const");
  if (dot == std::string::npos) return std::nullopt;
  e.type = op.substr(0, dot);
  std::vector<std::string> lits;
  int lane_bits = 0;
  bool is_float = false;
  if (e.type == "v128") {
    if (toks.size() < 2) return std::nullopt;
    e.shape = toks[1];
    int n = shape_lanes(e.shape);
    if (n == 0 || int(toks.size()) != n + 2) return std::nullopt;
    lits.assign(toks.begin() + 2, toks.end());
    lane_bits = 128 / n;
    is_float = e.shape[0] == 'f';
  } else {
    if (toks.size() != 2) return std::nullopt;
    lits = {toks[1]};
    lane_bits = e.type == "i32" || e.type == "f32" ? 32 : 64;
    is_float = e.type[0] == 'f';
    if (e.type != "i32" && e.type != "i64" && !is_float) return std::nullopt;
  }
  for (size_t i = 0; i < lits.size(); ++i) {
    if (lits[i] == "nan:canonical" || lits[i] == "nan:arithmetic") {
      if (!allow_nan_pattern) return std::nullopt;
      e.nan_pattern.resize(lits.size());
      e.nan_pattern[i] = lits[i];
      continue;
    }
    if (!set_from_literal(e.bits, lane_bits, is_float, int(i), lits[i])) return std::nullopt;
  }
  return e;
}

std::vector<std::string> atoms_of(const Node& list) {
  std::vector<std::string> out;
  for (const Node& k : list.kids) {
    if (k.list) return {};
    out.push_back(k.atom);
  }
  return out;
}

template <typename F>
bool nan_matches(F z, const std::string& pattern) {
  if (pattern == "nan:canonical") return numerics::is_canonical_nan(z);
  return numerics::is_arithmetic_nan(z);
}

bool matches(const Expected& e, const V128& v) {
  auto pattern = [&](size_t i) -> const std::string& {
    static const std::string none;
    return i < e.nan_pattern.size() ? e.nan_pattern[i] : none;
  };
  if (e.type == "i32") return lane<uint32_t>(v, 0) == lane<uint32_t>(e.bits, 0);
  if (e.type == "i64") return lane<uint64_t>(v, 0) == lane<uint64_t>(e.bits, 0);
  if (e.type == "f32" || e.shape == "f32x4") {
    int n = e.type == "f32" ? 1 : 4;
    for (int i = 0; i < n; ++i) {
      bool ok = pattern(i).empty() ? lane<uint32_t>(v, i) == lane<uint32_t>(e.bits, i)
                                   : nan_matches(lane<float>(v, i), pattern(i));
      if (!ok) return false;
    }
    return true;
  }
  if (e.type == "f64" || e.shape == "f64x2") {
    int n = e.type == "f64" ? 1 : 2;
    for (int i = 0; i < n; ++i) {
      bool ok = pattern(i).empty() ? lane<uint64_t>(v, i) == lane<uint64_t>(e.bits, i)
                                   : nan_matches(lane<double>(v, i), pattern(i));
      if (!ok) return false;
    }
    return true;
  }
  return v == e.bits;  // integer v128 shapes
}

std::string hex(const V128& v) {
  std::ostringstream o;
  o << std::hex;
  for (int i = 15; i >= 0; --i) o << (v.bytes[i] < 16 ? "0" : "") << int(v.bytes[i]);
  return o.str();
}

// --- Functions ----------------------------------------------------------------------------------

struct Instr {
  std::string op;
  Imms imms;
  int local = -1;          // local.get/set/tee
  V128 constant;           // *.const
};

struct Func {
  bool supported = true;
  int results = 0;
  std::vector<std::string> local_names;  // params then locals ("" if unnamed)
  std::vector<Instr> code;
};

struct Module {
  std::map<std::string, Func> exports;
};

bool is_const_op(const std::string& op) { return op.size() > 6 && op.ends_with(".const"); }

class FuncBuilder {
 public:
  FuncBuilder(Func& f, const OpTable& ops) : f_(f), ops_(ops) {}

  void flat(const std::vector<Node>& items, size_t i) {
    while (i < items.size() && f_.supported) {
      const Node& it = items[i++];
      if (it.list) {
        folded(it);
        continue;
      }
      Instr ins{it.atom, {}, -1, {}};
      int k = immediate_count(it.atom, items, i);
      for (int j = 0; j < k && i < items.size() && !items[i].list; ++j) ins.imms.push_back(items[i++].atom);
      emit(std::move(ins));
    }
  }

 private:
  int immediate_count(const std::string& op, const std::vector<Node>& items, size_t i) {
    if (op.starts_with("local.")) return 1;
    if (op == "v128.const") return i < items.size() ? 1 + shape_lanes(items[i].atom) : 0;
    if (is_const_op(op)) return 1;
    auto it = ops_.find(op);
    return it == ops_.end() ? 0 : it->second.immediates;
  }

  void folded(const Node& n) {
    if (n.kids.empty() || n.kids[0].list) return unsupported();
    Instr ins{n.kids[0].atom, {}, -1, {}};
    size_t i = 1;
    for (; i < n.kids.size() && !n.kids[i].list; ++i) ins.imms.push_back(n.kids[i].atom);
    for (; i < n.kids.size(); ++i) {
      if (!n.kids[i].list) return unsupported();
      folded(n.kids[i]);
    }
    emit(std::move(ins));
  }

  void emit(Instr ins) {
    if (ins.op.starts_with("local.")) {
      if (ins.op != "local.get" && ins.op != "local.set" && ins.op != "local.tee") return unsupported();
      if (ins.imms.size() != 1) return unsupported();
      ins.local = resolve_local(ins.imms[0]);
      if (ins.local < 0) return unsupported();
    } else if (is_const_op(ins.op)) {
      std::vector<std::string> toks{ins.op};
      toks.insert(toks.end(), ins.imms.begin(), ins.imms.end());
      auto c = parse_const(toks, false);
      if (!c) return unsupported();
      ins.constant = c->bits;
    } else if (ins.op != "drop" && ins.op != "select" && ins.op != "nop" && !ops_.contains(ins.op)) {
      return unsupported();
    }
    f_.code.push_back(std::move(ins));
  }

  int resolve_local(const std::string& x) {
    for (size_t i = 0; i < f_.local_names.size(); ++i)
      if (!x.empty() && x[0] == '$' && f_.local_names[i] == x) return int(i);
    if (x.empty() || x[0] == '$') return -1;
    int i = std::atoi(x.c_str());
    return i < int(f_.local_names.size()) ? i : -1;
  }

  void unsupported() { f_.supported = false; }

  Func& f_;
  const OpTable& ops_;
};

// (func $id? (export "n")* (type …)? (param …)* (result …)* (local …)* instr*)
void add_func(Module& m, std::map<std::string, Func>& by_id, const Node& n, const OpTable& ops) {
  Func f;
  std::vector<std::string> exports;
  std::string id;
  size_t i = 1;
  if (i < n.kids.size() && !n.kids[i].list && n.kids[i].atom.starts_with("$")) id = n.kids[i++].atom;
  for (; i < n.kids.size() && n.kids[i].list; ++i) {
    const Node& k = n.kids[i];
    const std::string& h = k.head();
    if (h == "export" && k.kids.size() == 2) {
      exports.push_back(k.kids[1].atom);
    } else if (h == "param" || h == "local") {
      if (k.kids.size() == 3 && k.kids[1].atom.starts_with("$")) f.local_names.push_back(k.kids[1].atom);
      else
        for (size_t j = 1; j < k.kids.size(); ++j) f.local_names.push_back("");
    } else if (h == "result") {
      f.results += int(k.kids.size()) - 1;
    } else if (h == "type" || h == "import") {
      f.supported = false;
    } else {
      break;  // the body starts with a folded instruction
    }
  }
  if (f.supported) FuncBuilder(f, ops).flat(n.kids, i);
  for (const std::string& e : exports) m.exports[e] = f;
  if (!id.empty()) by_id[id] = f;
}

Module load_module(const Node& n, const OpTable& ops) {
  Module m;
  if (n.kids.size() > 1 && !n.kids[1].list &&
      (n.kids[1].atom == "binary" || n.kids[1].atom == "quote" || n.kids[1].atom == "definition"))
    return m;
  std::map<std::string, Func> by_id;
  for (const Node& field : n.kids)
    if (field.head() == "func") add_func(m, by_id, field, ops);
  for (const Node& field : n.kids)  // (export "n" (func $id))
    if (field.head() == "export" && field.kids.size() == 3 && field.kids[2].head() == "func" &&
        field.kids[2].kids.size() == 2 && by_id.contains(field.kids[2].kids[1].atom))
      m.exports[field.kids[1].atom] = by_id[field.kids[2].kids[1].atom];
  return m;
}

// Runs f; returns the results or a trap.
TrapKind run(const Func& f, const std::vector<V128>& args, const OpTable& ops, Stack& out) {
  std::vector<V128> locals(f.local_names.size());
  for (size_t i = 0; i < args.size() && i < locals.size(); ++i) locals[i] = args[i];
  Stack s;
  for (const Instr& ins : f.code) {
    if (ins.op == "local.get") {
      s.push_back(locals[ins.local]);
    } else if (ins.op == "local.set") {
      locals[ins.local] = s.back();
      s.pop_back();
    } else if (ins.op == "local.tee") {
      locals[ins.local] = s.back();
    } else if (is_const_op(ins.op)) {
      s.push_back(ins.constant);
    } else if (ins.op == "drop") {
      s.pop_back();
    } else if (ins.op == "nop") {
    } else if (ins.op == "select") {
      uint32_t c = lane<uint32_t>(s.back(), 0);
      s.pop_back();
      V128 b = s.back();
      s.pop_back();
      if (c == 0) s.back() = b;
    } else {
      TrapKind t = ops.find(ins.op)->second.op(s, ins.imms);
      if (t != TrapKind::None) return t;
    }
  }
  out.assign(s.end() - f.results, s.end());
  return TrapKind::None;
}

struct Runner {
  const OpTable& ops;
  WastStats stats;
  Module module;
  std::string file;

  void fail(const std::string& what) {
    ++stats.failed;
    if (stats.failures.size() < 20) stats.failures.push_back(file + ": " + what);
  }

  // Evaluates (invoke "name" args…); false if skipped.
  bool invoke(const Node& inv, TrapKind& trap, Stack& results, std::string& desc) {
    if (inv.head() != "invoke" || inv.kids.size() < 2 || !inv.kids[1].string) return false;
    auto it = module.exports.find(inv.kids[1].atom);
    if (it == module.exports.end() || !it->second.supported) return false;
    desc = inv.kids[1].atom;
    std::vector<V128> args;
    for (size_t i = 2; i < inv.kids.size(); ++i) {
      auto c = parse_const(atoms_of(inv.kids[i]), false);
      if (!c) return false;
      args.push_back(c->bits);
      desc += " " + hex(c->bits);
    }
    trap = run(it->second, args, ops, results);
    return true;
  }

  void assert_return(const Node& n) {
    TrapKind trap{};
    Stack results;
    std::string desc;
    if (n.kids.size() < 2 || !invoke(n.kids[1], trap, results, desc)) return void(++stats.skipped);
    // Expected results: one (T.const …) each, or one (either …) for a single result.
    std::vector<std::vector<Expected>> expected;
    for (size_t i = 2; i < n.kids.size(); ++i) {
      std::vector<Expected> alternatives;
      const Node& r = n.kids[i];
      std::vector<const Node*> forms;
      if (r.head() == "either")
        for (size_t j = 1; j < r.kids.size(); ++j) forms.push_back(&r.kids[j]);
      else
        forms.push_back(&r);
      for (const Node* form : forms) {
        auto e = parse_const(atoms_of(*form), true);
        if (!e) return void(++stats.skipped);
        alternatives.push_back(*e);
      }
      expected.push_back(std::move(alternatives));
    }
    if (trap != TrapKind::None) return fail(desc + ": unexpected trap " + std::string(trap_message(trap)));
    if (results.size() != expected.size()) return fail(desc + ": result count");
    for (size_t i = 0; i < results.size(); ++i) {
      bool any = false;
      for (const Expected& e : expected[i]) any = any || matches(e, results[i]);
      if (!any) return fail(desc + ": got " + hex(results[i]) + " expected " + hex(expected[i][0].bits));
    }
    ++stats.passed;
  }

  void assert_trap(const Node& n) {
    TrapKind trap{};
    Stack results;
    std::string desc;
    if (n.kids.size() < 3 || !invoke(n.kids[1], trap, results, desc)) return void(++stats.skipped);
    std::string_view msg = trap_message(trap);
    if (trap == TrapKind::None || !n.kids[2].atom.starts_with(msg))
      return fail(desc + ": expected trap \"" + n.kids[2].atom + "\", got \"" + std::string(msg) + "\"");
    ++stats.passed;
  }
};

}  // namespace

WastStats run_wast_file(const std::string& path, const OpTable& ops) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  Runner r{ops, {}, {}, path};
  if (!in) {
    r.fail("cannot read file");
    return r.stats;
  }
  for (const Node& cmd : parse_sexprs(buf.str())) {
    const std::string& h = cmd.head();
    if (h == "module") r.module = load_module(cmd, ops);
    else if (h == "assert_return") r.assert_return(cmd);
    else if (h == "assert_trap") r.assert_trap(cmd);
  }
  return r.stats;
}

}  // namespace wasm::interp::test
