// The snapshot's exports: the init export removed, renames applied (parts.h).
#include <algorithm>

#include "snapshot/parts.h"

namespace wasm::snapshot {

void rewrite_exports(const Options& options, bool remove_init, Module& out) {
  auto named = [&](const std::string& name) {
    return std::find_if(out.exports.begin(), out.exports.end(),
                        [&](const Export& e) { return e.name == name; });
  };
  // The init function already ran; calling it again would initialise twice (Wizer removes it
  // too, unless --keep-init-func).
  if (remove_init)
    if (auto it = named(options.init_func); it != out.exports.end()) out.exports.erase(it);
  for (const auto& [dst, src] : options.renames) {
    auto it = named(src);
    if (it == out.exports.end() || it->kind != ExternKind::Func)
      fail(Phase::Invalid, {},
           cat("--rename-func ", dst, "=", src, ": no function export \"", src, "\""));
    if (dst == src) continue;
    Export e = *it;
    e.name = dst;
    out.exports.erase(it);
    // Replaces any export named dst (export names are unique: valid/modules.rst).
    if (auto old = named(dst); old != out.exports.end()) {
      *old = e;
    } else {
      out.exports.push_back(e);
    }
  }
}

}  // namespace wasm::snapshot
