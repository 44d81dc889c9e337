// The printer's internals shared by text/print.cpp (modules, types) and
// text/print_instructions.cpp (instructions). Everything is printed with indices, no names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "spec/ast.h"

namespace wasm::text {

// A string literal: printable ASCII as is, everything else (and `"`, `\`) as \hh escapes.
std::string quote(std::string_view bytes);

// print_types.cpp — text/types.rst
std::string valtype_text(const ValType& t);
std::string tabletype_text(const TableType& t);    // i64? min max? reftype
std::string memtype_text(const MemType& t);        // i64? min max? shared? (pagesize n)?
std::string globaltype_text(const GlobalType& t);  // t | (mut t)
std::string externtype_text(const ExternType& t);  // (func (type x)) | (table ...) | ...
std::string extern_kind_text(ExternKind k);        // func | table | memory | ...
std::string typedef_text(const TypeDef& t, const std::string& indent);  // (type ...) | (rec ...)
// (import "module" "field"? externtype); no field: Module Linking's single-level import
std::string import_text(const std::string& module, const std::optional<std::string>& field,
                        const ExternType& t);

// print_instructions.cpp — text/instructions.rst, in flat form
// One instruction and its immediates, without the bodies of structured instructions.
std::string instr_text(const Instr& i);
// A whole expression on one line ("i32.const 1 i32.add"), for constant expressions.
std::string expr_inline(const Expr& e);
// A whole expression, one instruction per line, each line prefixed by indent + 2 spaces per
// nesting level and terminated by '\n'.
void print_expr_lines(std::string& out, const Expr& e, const std::string& indent);

}  // namespace wasm::text
