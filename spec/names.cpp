// Names of a module (see spec/names.h).
#include "spec/names.h"

#include <optional>
#include <string_view>

namespace wasm {
namespace {

// Just enough of the binary format to read a name section: u32 (LEB128) and name.
class NameReader {
 public:
  explicit NameReader(std::string_view bytes) : s_(bytes) {}
  bool done() const { return pos_ >= s_.size(); }
  std::optional<uint32_t> u32() {
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
      if (pos_ >= s_.size()) return std::nullopt;
      uint8_t b = uint8_t(s_[pos_++]);
      v |= uint64_t(b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        return v <= UINT32_MAX ? std::optional<uint32_t>(uint32_t(v)) : std::nullopt;
    }
    return std::nullopt;
  }
  std::optional<std::string> name() {
    auto n = u32();
    if (!n || *n > s_.size() - pos_) return std::nullopt;
    std::string out(s_.substr(pos_, *n));
    pos_ += *n;
    return out;
  }
  std::optional<std::string_view> bytes(uint32_t n) {
    if (n > s_.size() - pos_) return std::nullopt;
    std::string_view out = s_.substr(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// spec (appendix/custom.rst): namemap ::= vec(idx name)
bool read_name_map(NameReader& r, NameMap::Indexed& out) {
  auto n = r.u32();
  if (!n) return false;
  for (uint32_t i = 0; i < *n; ++i) {
    auto index = r.u32();
    auto name = r.name();
    if (!index || !name) return false;
    out[*index] = std::move(*name);
  }
  return true;
}

// spec (appendix/custom.rst): indirectnamemap ::= vec(idx namemap)
bool read_indirect_map(NameReader& r, std::map<uint32_t, NameMap::Indexed>& out) {
  auto n = r.u32();
  if (!n) return false;
  for (uint32_t i = 0; i < *n; ++i) {
    auto index = r.u32();
    if (!index || !read_name_map(r, out[*index])) return false;
  }
  return true;
}

void read_name_section(std::string_view bytes, NameMap& names) {
  NameReader r(bytes);
  while (!r.done()) {
    auto id = r.bytes(1);
    auto size = r.u32();
    if (!id || !size) return;
    auto body = r.bytes(*size);
    if (!body) return;
    NameReader sub(*body);
    switch ((*id)[0]) {
      case 1: read_name_map(sub, names.funcs); break;
      case 2: read_indirect_map(sub, names.locals); break;
      case 3: read_indirect_map(sub, names.labels); break;
      default: break;  // module, type, table, ... names: not printed in code
    }
  }
}

}  // namespace

NameMap names_of(const Module& m) {
  NameMap names;
  if (m.text_names) names = *m.text_names;
  for (const Custom& c : m.customs)
    if (c.name == "name") {
      NameMap section;
      read_name_section(
          std::string_view(reinterpret_cast<const char*>(c.bytes.data()), c.bytes.size()), section);
      for (auto& [i, n] : section.funcs) names.funcs[i] = n;
      for (auto& [f, map] : section.locals)
        for (auto& [i, n] : map) names.locals[f][i] = n;
      for (auto& [f, map] : section.labels)
        for (auto& [i, n] : map) names.labels[f][i] = n;
    }
  for (const Export& e : m.exports)
    if (e.kind == ExternKind::Func) names.func_exports.emplace(e.index, e.name);
  return names;
}

std::string name_or_index(const NameMap::Indexed* names, uint32_t index) {
  if (names != nullptr)
    if (auto it = names->find(index); it != names->end()) return "$" + it->second;
  return std::to_string(index);
}

std::string func_ref(const NameMap& names, uint32_t index) {
  if (names.funcs.count(index) == 0)
    if (auto it = names.func_exports.find(index); it != names.func_exports.end())
      return "\"" + it->second + "\"";
  return name_or_index(&names.funcs, index);
}

}  // namespace wasm
