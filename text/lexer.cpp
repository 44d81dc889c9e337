// Lexical format — text/lexical.rst (tokens, white space, comments, annotations), with the
// string and identifier tokens of text/values.rst. Messages follow the reference interpreter's
// lexer (interpreter/text/lexer.mll).
//
// Tokens are maximal runs of idchars and strings (spec: Treserved), classified afterwards:
// a lone string is a String, "$" + idchars or "$" + one string an Id, a nat/int/float shape a
// Number, a run starting with a-z a Keyword, anything else reserved. Reserved runs are errors
// ("unknown operator ...") outside annotations and Reserved tokens inside them.
#include "text/lexer.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "text/literals.h"

namespace wasm::text {
namespace {

enum : uint8_t { kIdChar = 1, kSpace = 2, kHex = 4 };

// spec: Tidchar, Tformat, Thexdigit
constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] |= kIdChar | kHex;
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kIdChar;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kIdChar;
  for (int c = 'a'; c <= 'f'; ++c) t[c] |= kHex;
  for (int c = 'A'; c <= 'F'; ++c) t[c] |= kHex;
  for (unsigned char c : std::string_view("!#$%&'*+-./:<=>?@\\^_`|~")) t[c] |= kIdChar;
  for (unsigned char c : std::string_view(" \t\n\r")) t[c] |= kSpace;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();

bool is_idchar(unsigned char c) { return kClasses[c] & kIdChar; }
bool is_space(unsigned char c) { return kClasses[c] & kSpace; }
bool is_hex(unsigned char c) { return kClasses[c] & kHex; }
unsigned hex_value(unsigned char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// The length of the well-formed UTF-8 sequence at p (spec: Tchar, i.e. no surrogates, no
// overlong forms, at most U+10FFFF), or 0 if there is none.
size_t utf8_length(const unsigned char* p, size_t avail) {
  unsigned c = p[0];
  auto cont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return i < avail && p[i] >= lo && p[i] <= hi;
  };
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return cont(1) ? 2 : 0;
  if (c < 0xF0) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c < 0xF5) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// A cheap filter before num_shape(): numbers start with a digit, a sign, "inf" or "nan".
bool could_be_number(std::string_view text) {
  unsigned char c = text[0];
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || text.starts_with("inf") ||
         text.starts_with("nan");
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view source)
      : src_(source), bytes_(reinterpret_cast<const unsigned char*>(source.data())) {}

  TokenList run();

 private:
  unsigned char at(size_t i) const { return i < src_.size() ? bytes_[i] : 0; }
  [[noreturn]] void error(size_t begin, size_t end, std::string message) const {
    fail(Phase::Malformed, Span{uint32_t(begin), uint32_t(end)}, std::move(message));
  }
  Token& push(TokenKind kind, size_t begin) {
    Token& t = list_.tokens.emplace_back();
    t.kind = kind;
    t.at = Span{uint32_t(begin), uint32_t(pos_)};
    t.text = src_.substr(begin, pos_ - begin);
    return t;
  }
  // `decoded` is the value of the source bytes `raw`: escapes only ever shorten a string, so
  // equal lengths mean equal contents and the token can view the source.
  void push(TokenKind kind, size_t begin, std::string_view raw, std::string& decoded) {
    Token& t = push(kind, begin);
    if (decoded.size() == raw.size()) {
      t.value = raw;
    } else {
      t.value = list_.decoded.emplace_back(std::move(decoded));
    }
  }

  void skip_space();
  void line_comment();
  void block_comment();
  void annotation();
  // A run of idchars and strings being scanned: where its last string is, and its value.
  struct Run {
    size_t begin = 0;
    size_t strings = 0, last_string = 0, last_string_end = 0;
    std::string& value;  // the last string's decoded bytes (the Lexer's buffer)
  };
  void idchars_and_strings();
  void classify(Run& run);
  void reserved(size_t begin);
  void bad_character();
  size_t string(size_t p, std::string& out);
  size_t escape(size_t begin, size_t p, std::string& out);

  std::string_view src_;
  const unsigned char* bytes_;
  size_t pos_ = 0;
  size_t annot_depth_ = 0;  // parentheses open inside the outermost annotation; 0 = outside
  size_t annot_begin_ = 0;  // where the outermost open annotation starts
  TokenList list_;
  // Buffers of idchars_and_strings(), reused so that they keep their capacity.
  std::string scratch_, run_value_;
};

TokenList Lexer::run() {
  if (src_.size() >= UINT32_MAX) error(0, 0, "input too large");
  // The suite averages about 7 bytes per token; reserve up front, but at most 64 MB.
  list_.tokens.reserve(std::min<size_t>(src_.size() / 5 + 1, size_t(1) << 20));
  for (;;) {
    skip_space();
    if (pos_ == src_.size()) break;
    size_t begin = pos_;
    unsigned char c = bytes_[pos_];
    if (c == '(' && at(pos_ + 1) == '@') {
      annotation();
    } else if (c == '(') {
      ++pos_;
      push(TokenKind::LParen, begin);
      if (annot_depth_ > 0) ++annot_depth_;
    } else if (c == ')') {
      ++pos_;
      push(TokenKind::RParen, begin);
      if (annot_depth_ > 0) --annot_depth_;
    } else if (is_idchar(c) || c == '"') {
      idchars_and_strings();
    } else if (std::strchr(",;[]{}", c) != nullptr && c != 0) {
      ++pos_;  // spec: Treserved (single characters, as the reference lexer splits them)
      reserved(begin);
    } else {
      bad_character();
    }
  }
  if (annot_depth_ > 0) error(annot_begin_, pos_, "unclosed annotation");
  push(TokenKind::Eof, pos_);
  return std::move(list_);
}

// spec: Tspace, Tformat, Tcomment
void Lexer::skip_space() {
  while (pos_ < src_.size()) {
    unsigned char c = bytes_[pos_];
    if (is_space(c)) {
      size_t p = pos_ + 1;  // a local index keeps the hot loop in registers
      while (p < src_.size() && is_space(bytes_[p])) ++p;
      pos_ = p;
    } else if (c == ';' && at(pos_ + 1) == ';') {
      line_comment();
    } else if (c == '(' && at(pos_ + 1) == ';') {
      block_comment();
    } else {
      return;
    }
  }
}

// spec: Tlinecomment — up to the end of the line; any well-formed UTF-8 inside.
void Lexer::line_comment() {
  pos_ += 2;
  while (pos_ < src_.size()) {
    unsigned char c = bytes_[pos_];
    if (c == '\n' || c == '\r') return;
    if (c < 0x80) {
      ++pos_;
      continue;
    }
    size_t n = utf8_length(bytes_ + pos_, src_.size() - pos_);
    if (n == 0) error(pos_, pos_ + 1, "malformed UTF-8 encoding");
    pos_ += n;
  }
}

// spec: Tblockcomment — nested; counted, not recursive.
void Lexer::block_comment() {
  size_t begin = pos_;
  size_t depth = 1;
  pos_ += 2;
  while (depth > 0) {
    if (pos_ >= src_.size()) error(begin, pos_, "unclosed comment");
    unsigned char c = bytes_[pos_];
    if (c == '(' && at(pos_ + 1) == ';') {
      ++depth;
      pos_ += 2;
    } else if (c == ';' && at(pos_ + 1) == ')') {
      --depth;
      pos_ += 2;
    } else if (c < 0x80) {
      ++pos_;
    } else {
      size_t n = utf8_length(bytes_ + pos_, src_.size() - pos_);
      if (n == 0) error(pos_, pos_ + 1, "malformed UTF-8 encoding");
      pos_ += n;
    }
  }
}

// spec: Tannot — "(@" Tannotid. The contents are ordinary tokens (plus Reserved ones); the
// parser skips or interprets them up to the matching ")".
void Lexer::annotation() {
  size_t begin = pos_;
  pos_ += 2;
  std::string id;
  std::string_view raw;  // the source bytes whose value `id` is
  if (is_idchar(at(pos_))) {
    size_t id_begin = pos_;
    while (pos_ < src_.size() && is_idchar(bytes_[pos_])) ++pos_;
    raw = src_.substr(id_begin, pos_ - id_begin);
    id.assign(raw);
  } else if (at(pos_) == '"') {
    try {
      pos_ = string(pos_, id);
    } catch (ErrorException&) {  // "(@" is all the reference lexer matches here
      error(begin, begin + 2, "empty annotation id");
    }
    if (id.empty()) error(begin, pos_, "empty annotation id");
    if (!is_valid_utf8(id)) error(begin, pos_, "malformed UTF-8 encoding");
    raw = src_.substr(begin + 3, pos_ - begin - 4);
  } else if (annot_depth_ > 0) {
    // Inside an annotation, "(@" without an id is "(" followed by a reserved token.
    pos_ = begin + 1;
    push(TokenKind::LParen, begin);
    ++annot_depth_;
    return;
  } else {
    error(begin, pos_, "empty annotation id");
  }
  push(TokenKind::Annot, begin, raw, id);
  if (annot_depth_ == 0) annot_begin_ = begin;
  ++annot_depth_;
}

// spec: Ttoken — a maximal run of idchars and strings, then classified. If a string in the
// run is malformed, the run ends before it (as the reference lexer's longest match does): the
// part before is classified first, so "$" gives "empty identifier" and a reserved prefix
// "unknown operator"; otherwise the string's own error follows.
void Lexer::idchars_and_strings() {
  run_value_.clear();
  Run run{pos_, 0, 0, 0, run_value_};
  std::string& scratch = scratch_;
  while (pos_ < src_.size()) {
    unsigned char c = bytes_[pos_];
    if (is_idchar(c)) {
      size_t p = pos_ + 1;
      while (p < src_.size() && is_idchar(bytes_[p])) ++p;
      pos_ = p;
    } else if (c == '"') {
      size_t string_begin = pos_;
      scratch.clear();
      try {
        pos_ = string(pos_, scratch);
      } catch (ErrorException&) {
        if (string_begin == run.begin) throw;
        pos_ = string_begin;
        classify(run);
        throw;
      }
      ++run.strings;
      run.last_string = string_begin;
      run.last_string_end = pos_;
      run.value.swap(scratch);
    } else {
      break;
    }
  }
  classify(run);
}

void Lexer::classify(Run& run) {
  size_t begin = run.begin;
  std::string_view text = src_.substr(begin, pos_ - begin);
  // A lone string, or "$" and a lone string, with nothing after it.
  bool one_string = run.strings == 1 && run.last_string_end == pos_;
  if (one_string && run.last_string == begin) {
    push(TokenKind::String, begin, text.substr(1, text.size() - 2), run.value);  // spec: Tstring
  } else if (text[0] == '$' && (run.strings == 0 || (one_string && run.last_string == begin + 1))) {
    // spec: Tid — "$" Tidchar+ | "$" Tname (non-empty)
    if (run.strings == 0) {
      if (text.size() == 1) error(begin, pos_, "empty identifier");
      push(TokenKind::Id, begin).value = text.substr(1);
      return;
    }
    if (run.value.empty()) error(begin, pos_, "empty identifier");
    if (!is_valid_utf8(run.value)) error(begin, pos_, "malformed UTF-8 encoding");
    push(TokenKind::Id, begin, text.substr(2, text.size() - 3), run.value);
  } else if (NumShape shape =
                 run.strings == 0 && could_be_number(text) ? num_shape(text) : NumShape::None;
             shape != NumShape::None) {
    push(TokenKind::Number, begin).shape = shape;  // spec: TuN, TsN, TfN
  } else if (run.strings == 0 && text[0] >= 'a' && text[0] <= 'z') {
    Token& t = push(TokenKind::Keyword, begin);  // spec: Tkeyword
    KeywordClass k = classify_keyword(text);
    t.known = k.known;
    if (k.op) t.opcode = uint16_t(*k.op);
  } else {
    reserved(begin);
  }
}

// spec: Treserved — no token of the grammar; allowed only inside annotations.
void Lexer::reserved(size_t begin) {
  if (annot_depth_ == 0) {
    error(begin, pos_, "unknown operator " + std::string(src_.substr(begin, pos_ - begin)));
  }
  push(TokenKind::Reserved, begin);
}

// A character that starts no token.
void Lexer::bad_character() {
  unsigned char c = bytes_[pos_];
  size_t n = utf8_length(bytes_ + pos_, src_.size() - pos_);
  if (n == 0) error(pos_, pos_ + 1, "malformed UTF-8 encoding");
  if (annot_depth_ > 0) error(pos_, pos_ + n, "illegal character");
  if (c < 0x80) error(pos_, pos_ + 1, "misplaced control character");  // U+00-1F, U+7F
  error(pos_, pos_ + n, "misplaced unicode character");
}

// spec: Tstring, Tstringelem, Tstringchar — decodes the string starting at p (at '"') into
// `out` and returns the position after its closing '"'.
size_t Lexer::string(size_t p, std::string& out) {
  size_t begin = p++;
  for (;;) {
    if (p >= src_.size()) error(begin, p, "unclosed string literal");
    unsigned char c = bytes_[p];
    if (c == '"') return p + 1;
    if (c == '\\') {
      p = escape(begin, p + 1, out);
    } else if (c >= 0x20 && c < 0x7F) {
      out += char(c);
      ++p;
    } else if (c == '\n' || c == '\r') {
      error(begin, p, "unclosed string literal");
    } else if (c < 0x80) {
      error(p, p + 1, "illegal control character in string literal");
    } else {
      size_t n = utf8_length(bytes_ + p, src_.size() - p);
      if (n == 0) error(p, p + 1, "malformed UTF-8 encoding");
      out.append(src_.substr(p, n));
      p += n;
    }
  }
}

// spec: Tstringchar escapes, Tstringelem "\\" hexdigit hexdigit. p is after the backslash.
size_t Lexer::escape(size_t begin, size_t p, std::string& out) {
  if (p >= src_.size()) error(begin, p, "unclosed string literal");
  unsigned char c = bytes_[p];
  switch (c) {
    case 't': out += '\t'; return p + 1;
    case 'n': out += '\n'; return p + 1;
    case 'r': out += '\r'; return p + 1;
    case '"': out += '"'; return p + 1;
    case '\'': out += '\''; return p + 1;
    case '\\': out += '\\'; return p + 1;
    default: break;
  }
  if (is_hex(c) && is_hex(at(p + 1))) {
    out += char(hex_value(c) * 16 + hex_value(bytes_[p + 1]));
    return p + 2;
  }
  if (c == 'u' && at(p + 1) == '{') {  // "\\u{" hexnum "}"
    size_t q = p + 2;
    uint32_t code = 0;
    bool digit = false, ok = true;
    while (q < src_.size() && (is_hex(bytes_[q]) || (bytes_[q] == '_' && digit))) {
      bool is_sep = bytes_[q] == '_';
      if (is_sep && !is_hex(at(q + 1))) ok = false;
      if (!is_sep) code = std::min<uint32_t>(code * 16 + hex_value(bytes_[q]), 0x110000);
      digit = true;
      ++q;
    }
    bool scalar = code < 0xD800 || (code >= 0xE000 && code < 0x110000);
    if (ok && digit && at(q) == '}' && scalar) {
      append_utf8(out, code);
      return q + 1;
    }
  }
  error(p - 1, p + 1, "illegal escape");
}

}  // namespace

TokenList tokenize(std::string_view source) { return Lexer(source).run(); }

bool is_valid_utf8(std::string_view bytes) {
  auto p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  while (i < n) {
    if (i + 8 <= n) {  // fast path: eight ASCII bytes at a time
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    size_t len = utf8_length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace wasm::text
