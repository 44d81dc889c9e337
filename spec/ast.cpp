// Helpers over the AST (spec/ast.h).
#include "spec/ast.h"

namespace wasm {

void note_initial_def(Module& m, DefKind kind) {
  if (!m.initial_order.empty() && m.initial_order.back().kind == kind)
    ++m.initial_order.back().count;
  else
    m.initial_order.push_back({kind, 1});
}

}  // namespace wasm
