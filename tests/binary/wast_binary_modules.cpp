// Test-only s-expression reader for .wast scripts, just enough to find binary modules.
#include "tests/binary/wast_binary_modules.h"

#include <memory>
#include <stdexcept>

namespace wasm::binary::testing {
namespace {

struct Node {
  enum class Kind { Atom, String, List } kind = Kind::Atom;
  std::string text;  // Atom: the atom; String: the decoded bytes
  std::vector<Node> children;
  size_t line = 0;
};

class SexprReader {
 public:
  explicit SexprReader(std::string_view s) : s_(s) {}

  std::vector<Node> read_all() {
    std::vector<Node> nodes;
    for (skip_space(); i_ < s_.size(); skip_space()) nodes.push_back(read());
    return nodes;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  size_t line_ = 1;

  [[noreturn]] void error(const std::string& what) const {
    throw std::runtime_error("line " + std::to_string(line_) + ": " + what);
  }
  char next() {
    if (i_ >= s_.size()) error("unexpected end");
    if (s_[i_] == '\n') ++line_;
    return s_[i_++];
  }
  bool at(std::string_view prefix) const { return s_.substr(i_, prefix.size()) == prefix; }

  void skip_space() {
    for (;;) {
      if (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' ||
                             s_[i_] == '\r')) {
        next();
      } else if (at(";;")) {
        while (i_ < s_.size() && s_[i_] != '\n') next();
      } else if (at("(;")) {
        int depth = 0;
        do {
          if (at("(;")) depth++, next(), next();
          else if (at(";)")) depth--, next(), next();
          else next();
        } while (depth > 0);
      } else {
        return;
      }
    }
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static void append_utf8(std::string& out, uint32_t c) {
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6)), out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12)), out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18)), out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F)), out += char(0x80 | (c & 0x3F));
    }
  }

  void escape(std::string& out) {
    char c = next();
    switch (c) {
      case 'n': out += '\n'; return;
      case 't': out += '\t'; return;
      case 'r': out += '\r'; return;
      case '\\': case '\'': case '"': out += c; return;
      case 'u': {
        if (next() != '{') error("bad \\u escape");
        uint32_t code = 0;
        for (char d = next(); d != '}'; d = next())
          if (d != '_') code = code * 16 + uint32_t(hex_digit(d));
        append_utf8(out, code);
        return;
      }
      default: {
        int hi = hex_digit(c), lo = hex_digit(next());
        if (hi < 0 || lo < 0) error("bad escape");
        out += char(hi * 16 + lo);
      }
    }
  }

  Node read() {
    Node n;
    n.line = line_;
    char c = s_[i_];
    if (c == '(') {
      next();
      n.kind = Node::Kind::List;
      for (skip_space(); !at(")"); skip_space()) n.children.push_back(read());
      next();
    } else if (c == '"') {
      next();
      n.kind = Node::Kind::String;
      for (char d = next(); d != '"'; d = next()) {
        if (d == '\\') escape(n.text);
        else n.text += d;
      }
    } else if (c == ')') {
      error("unexpected )");
    } else {
      while (i_ < s_.size() && !at(";;") &&
             std::string_view(" \t\r\n()\"").find(s_[i_]) == std::string_view::npos)
        n.text += next();
      if (n.text.empty()) error("unexpected character");
    }
    return n;
  }
};

bool is_atom(const Node& n, std::string_view text) {
  return n.kind == Node::Kind::Atom && n.text == text;
}

// (module $id? definition? binary "..."*) -> the bytes, if it is a binary module.
bool binary_module(const Node& n, std::vector<uint8_t>& bytes) {
  if (n.kind != Node::Kind::List || n.children.empty() || !is_atom(n.children[0], "module"))
    return false;
  size_t i = 1;
  while (i < n.children.size() && n.children[i].kind == Node::Kind::Atom &&
         !is_atom(n.children[i], "binary"))
    ++i;
  if (i == n.children.size() || !is_atom(n.children[i], "binary")) return false;
  bytes.clear();
  for (++i; i < n.children.size(); ++i)
    bytes.insert(bytes.end(), n.children[i].text.begin(), n.children[i].text.end());
  return true;
}

void collect(const Node& n, const std::string& assertion, const std::string& expected,
             std::vector<BinaryModule>& out) {
  if (n.kind != Node::Kind::List) return;
  BinaryModule m;
  if (binary_module(n, m.bytes)) {
    m.assertion = assertion;
    m.expected = expected;
    m.line = n.line;
    out.push_back(std::move(m));
    return;
  }
  if (!n.children.empty() && n.children[0].kind == Node::Kind::Atom &&
      n.children[0].text.starts_with("assert_")) {
    std::string message;
    if (n.children.back().kind == Node::Kind::String) message = n.children.back().text;
    for (const Node& c : n.children) collect(c, n.children[0].text, message, out);
    return;
  }
  for (const Node& c : n.children) collect(c, assertion, expected, out);
}

}  // namespace

std::vector<BinaryModule> binary_modules(std::string_view script) {
  std::vector<BinaryModule> out;
  for (const Node& n : SexprReader(script).read_all()) collect(n, "module", "", out);
  return out;
}

}  // namespace wasm::binary::testing
