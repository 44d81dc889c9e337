// Lookups over the opcode table (spec/instructions.def), built at compile time.
#include "spec/opcode.h"

#include "spec/string_index.h"

namespace wasm {
namespace {

using namespace opcode_codes;

constexpr bool codes_are_unique_and_in_range() {
  std::array<std::array<bool, kMaxPrefixedCode>, kPrefixes.size()> seen{};
  for (const OpInfo& op : kOpInfo) {
    int slot = prefix_slot(op.prefix);
    if (slot < 0 || op.code >= kMaxPrefixedCode || seen[slot][op.code]) return false;
    seen[slot][op.code] = true;
  }
  return true;
}
static_assert(codes_are_unique_and_in_range(), "instructions.def: duplicate or bad encoding");

// Rows are indexed by mnemonic in table order, so the first row of a pair (`select` and
// `select t`, `ref.null` and its typed form) is the one a lookup finds.
constexpr auto text_key = [](size_t i) { return kOpInfo[i].text; };
constexpr StringIndex<2048> kTextIndex(kOpcodeCount, text_key);

constexpr bool texts_are_unique_but_for_pairs() {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    if (kTextIndex.find(kOpInfo[i].text, text_key) == int(i)) continue;
    Imm second = kOpInfo[i].imm;
    if (second != Imm::SelectT && second != Imm::RefTypeNull) return false;
  }
  return true;
}
static_assert(texts_are_unique_but_for_pairs(), "instructions.def: duplicate mnemonic");

}  // namespace

std::optional<Opcode> opcode_from_text(std::string_view text) {
  int i = kTextIndex.find(text, text_key);  // the first row of a pair
  if (i < 0) return std::nullopt;
  return Opcode(i);
}

}  // namespace wasm
