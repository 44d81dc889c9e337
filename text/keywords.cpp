// The keywords the reference lexer knows (interpreter/text/lexer.mll): the grammar's words, the
// opcode table's mnemonics, and the number-like words (inf, nan, nan:0x..., offset=, align=).
#include <iterator>

#include "spec/string_index.h"
#include "text/lexer.h"

namespace wasm::text {
namespace {

// The reference lexer's keywords that are not mnemonics of the opcode table.
constexpr std::string_view kGrammarKeywords[] = {
    "i8",
    "i16",
    "i32",
    "i64",
    "f32",
    "f64",
    "v128",
    "i8x16",
    "i16x8",
    "i32x4",
    "i64x2",
    "f32x4",
    "f64x2",
    "any",
    "anyref",
    "none",
    "nullref",
    "eq",
    "eqref",
    "i31",
    "i31ref",
    "structref",
    "arrayref",
    "nofunc",
    "funcref",
    "nullfuncref",
    "exn",
    "noexn",
    "exnref",
    "nullexnref",
    "extern",
    "noextern",
    "externref",
    "nullexternref",
    "waitqueue",  // shared-everything-threads
    "nowaitqueue",
    "ref",
    "null",
    "array",
    "struct",
    "field",
    "mut",
    "sub",
    "final",
    "rec",
    "end",
    "then",
    "else",
    "catch",
    "catch_ref",
    "catch_all",
    "catch_all_ref",
    "delegate",
    "do",
    "param",
    "result",
    "local",
    "func",
    "start",
    "type",
    "global",
    "table",
    "memory",
    "tag",
    "elem",
    "data",
    "declare",
    "offset",
    "item",
    "import",
    "export",
    "module",
    "binary",
    "quote",
    "definition",
    "instance",
    "script",
    "register",
    "invoke",
    "get",
    "assert_malformed",
    "assert_invalid",
    "assert_malformed_custom",
    "assert_invalid_custom",
    "assert_unlinkable",
    "assert_return",
    "assert_trap",
    "assert_exception",
    "assert_exhaustion",
    "assert_uninstantiable",
    "nan:canonical",
    "nan:arithmetic",
    "either",
    "input",
    "output",
    "ref.extern",
    "ref.host",
    "ref.struct",
    "ref.array",
    "ref.exn",
    "shared",
    "unshared",
    // shared-everything-threads: memory orderings (wasm-tools' and the Overview's spellings)
    "thread_local",
    "seq_cst",
    "acq_rel",
    "seqcst",
    "acqrel",
    "pagesize",
    "thread",
    "wait",
    // Module Linking
    "alias",
    "outer",
    "instantiate",
    "parent",  // the June 2020 Explainer's (alias $x (parent (type $y)))
    // custom-descriptors
    "exact",
    "descriptor",
    "describes",
};

// One index over every word: the opcode table's rows (in order, so that the first row of a
// pair wins, as in opcode_from_text), then the grammar's words.
constexpr auto word_key = [](size_t i) {
  return i < kOpcodeCount ? kOpInfo[i].text : kGrammarKeywords[i - kOpcodeCount];
};
constexpr size_t kWordCount = kOpcodeCount + std::size(kGrammarKeywords);
constexpr StringIndex<2048> kWordIndex(kWordCount, word_key);

}  // namespace

KeywordClass classify_keyword(std::string_view text) {
  if (int i = kWordIndex.find(text, word_key); i >= 0) {
    return {true, size_t(i) < kOpcodeCount ? std::optional(Opcode(i)) : std::nullopt};
  }
  if (num_shape(text) == NumShape::Float) return {true, std::nullopt};  // inf, nan, nan:0x...
  for (std::string_view prefix : {std::string_view("offset="), std::string_view("align=")}) {
    if (text.starts_with(prefix))
      return {num_shape(text.substr(prefix.size())) == NumShape::Nat, std::nullopt};
  }
  return {false, std::nullopt};
}

bool is_known_keyword(std::string_view text) { return classify_keyword(text).known; }

}  // namespace wasm::text
