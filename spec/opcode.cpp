// Lookups over the opcode table (spec/instructions.def), built at compile time.
#include "spec/opcode.h"

#include <algorithm>
#include <utility>

#include "spec/string_index.h"

namespace wasm {
namespace {

constexpr uint32_t kMaxPrefixedCode = 0x120;
constexpr std::array<uint8_t, 5> kPrefixes = {0x00, 0xFB, 0xFC, 0xFD, 0xFE};

constexpr int prefix_slot(uint8_t prefix) {
  for (size_t i = 0; i < kPrefixes.size(); ++i)
    if (kPrefixes[i] == prefix) return int(i);
  return -1;
}

using CodeTable = std::array<std::array<uint16_t, kMaxPrefixedCode>, kPrefixes.size()>;
constexpr uint16_t kNoOpcode = 0xFFFF;

constexpr CodeTable make_code_table() {
  CodeTable table{};
  for (auto& row : table) row.fill(kNoOpcode);
  for (size_t i = 0; i < kOpcodeCount; ++i)
    table[prefix_slot(kOpInfo[i].prefix)][kOpInfo[i].code] = uint16_t(i);
  return table;
}

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

constexpr CodeTable kByCode = make_code_table();

using TextEntry = std::pair<std::string_view, uint16_t>;

constexpr std::array<TextEntry, kOpcodeCount> make_text_table() {
  std::array<TextEntry, kOpcodeCount> entries{};
  for (size_t i = 0; i < kOpcodeCount; ++i) entries[i] = {kOpInfo[i].text, uint16_t(i)};
  std::ranges::sort(entries);  // by text, then by row: the first of a pair comes first
  return entries;
}

constexpr auto kByText = make_text_table();

constexpr bool texts_are_unique_but_for_pairs() {
  for (size_t i = 1; i < kByText.size(); ++i) {
    if (kByText[i].first != kByText[i - 1].first) continue;
    Imm second = kOpInfo[kByText[i].second].imm;
    if (second != Imm::SelectT && second != Imm::RefTypeNull) return false;
  }
  return true;
}
static_assert(texts_are_unique_but_for_pairs(), "instructions.def: duplicate mnemonic");

constexpr auto text_key = [](size_t i) { return kByText[i].first; };
constexpr StringIndex<2048> kTextIndex(kByText.size(), text_key);

}  // namespace

std::optional<Opcode> opcode_from_code(uint8_t prefix, uint32_t code) {
  int slot = prefix_slot(prefix);
  if (slot < 0 || code >= kMaxPrefixedCode) return std::nullopt;
  uint16_t op = kByCode[slot][code];
  if (op == kNoOpcode) return std::nullopt;
  return Opcode(op);
}

std::optional<Opcode> opcode_from_text(std::string_view text) {
  int i = kTextIndex.find(text, text_key);  // the first row of a pair, as kByText is sorted
  if (i < 0) return std::nullopt;
  return Opcode(kByText[size_t(i)].second);
}

}  // namespace wasm
