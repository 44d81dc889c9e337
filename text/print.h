// Public surface of the printer: AST -> text that parses back to an equal AST.
#pragma once

#include <string>

#include "spec/ast.h"

namespace wasm::text {

std::string print_module(const Module& m);

}  // namespace wasm::text
