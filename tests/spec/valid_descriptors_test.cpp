// Validation of the custom-descriptors proposal: descriptor clauses of rec groups and sub types,
// exact types of allocations and functions, and the typing of struct.new_desc, ref.get_desc,
// ref.cast_desc_eq and br_on_cast_desc_eq*. One focused test per suite message.
#include "spec/match.h"
#include "tests/spec/valid_fixture.h"

namespace wasm::test {
namespace {

using O = Opcode;

SubType described(SubType s, std::optional<TypeIdx> descriptor,
                  std::optional<TypeIdx> describes = {}) {
  s.descriptor = descriptor;
  s.describes = describes;
  return s;
}
SubType open_struct(std::vector<TypeIdx> supers = {}) { return struct_sub({}, false, supers); }

ExternType func_extern(TypeIdx x, bool exact = false) {
  ExternType t;
  t.kind = ExternKind::Func;
  t.type = x;
  t.exact = exact;
  return t;
}

ValType anyref() { return ref(true, HeapKind::Any); }
ValType funcref() { return ref(true, HeapKind::Func); }
HeapType abs(HeapKind k) { return HeapType{k, false, 0}; }
HeapType index(TypeIdx x, bool exact = false) { return HeapType{HeapKind::Index, exact, x}; }
Instr br_on_cast(Opcode o, LabelIdx l, RefType from, RefType to) {
  return op(o, Box<BrOnCastImm>(BrOnCastImm{l, from, to}));
}

class DescTest : public ValidTest {
 protected:
  // rec { $0 = struct (descriptor 1); $1 = struct (describes 0) }: returns 0.
  TypeIdx add_described_pair() {
    return add_rec({described(struct_sub({}), 1), described(struct_sub({}), {}, 0)});
  }
};

// ---- Rec groups and sub types ----

TEST_F(DescTest, DescribedPairIsValid) {
  add_described_pair();
  expect_valid();
}

TEST_F(DescTest, DescriptorOutsideRecGroup) {
  add_type(struct_sub({}));
  add_type(described(struct_sub({}), 0));
  expect_invalid("descriptor type is outside rec group");
}

TEST_F(DescTest, DescribedTypeOutsideRecGroup) {
  add_type(described(struct_sub({}), {}, 1));  // index 1 does not even exist
  expect_invalid("described type is outside rec group");
}

TEST_F(DescTest, TypeNotDescribedByItsDescriptor) {
  add_rec({described(struct_sub({}), 1), struct_sub({})});
  expect_invalid("type is not described by its descriptor");
}

TEST_F(DescTest, DescribedTypeNotDescribedByDescriptor) {
  add_rec({struct_sub({}), described(struct_sub({}), {}, 0)});
  expect_invalid("described type is not described by descriptor");
}

TEST_F(DescTest, ForwardUseOfDescribedType) {
  add_rec({described(struct_sub({}), {}, 1), described(struct_sub({}), 0)});
  expect_invalid("forward use of described type");
}

TEST_F(DescTest, DescriptorClauseOnlyOnStructs) {
  add_rec({described(array_sub(FieldType{i32(), Mut::Var}), 1), described(struct_sub({}), {}, 0)});
  expect_invalid("descriptor type must be a struct");
}

TEST_F(DescTest, DescribesClauseOnlyOnStructs) {
  add_rec({described(struct_sub({}), 1), described(array_sub(FieldType{i32(), Mut::Var}), {}, 0)});
  expect_invalid("described type must be a struct");
}

TEST_F(DescTest, SubtypeOfDescribedTypeNeedsDescriptor) {
  add_rec({described(open_struct(), 1), described(open_struct(), {}, 0), open_struct({0})});
  expect_invalid("sub type 2 does not match super type 0");
}

TEST_F(DescTest, SubtypeOfDescriptorMustDescribe) {
  add_rec({described(open_struct(), 1), described(open_struct(), {}, 0), open_struct({1})});
  expect_invalid("sub type 2 does not match super type 1");
}

TEST_F(DescTest, SubtypeDescriptorMustMatch) {
  add_rec({described(open_struct(), 1), described(open_struct(), {}, 0),
           described(open_struct({0}), 3), described(open_struct(), {}, 2)});
  expect_invalid("descriptor type 3 does not match");
}

TEST_F(DescTest, SubtypeDescribedTypeMustMatch) {
  add_rec({described(open_struct(), 1), described(open_struct(), {}, 0),
           described(open_struct(), 3), described(open_struct({1}), {}, 2)});
  expect_invalid("described type 2 does not match");
}

TEST_F(DescTest, SubtypesWithMatchingDescriptors) {
  add_rec({described(open_struct(), 1), described(open_struct(), {}, 0)});
  add_rec({described(open_struct({0}), 3), described(open_struct({1}), {}, 2)});
  expect_valid();
}

TEST_F(DescTest, SubtypeMayAddDescriptor) {
  add_type(open_struct());
  add_rec({described(open_struct({0}), 2), described(open_struct(), {}, 1)});
  expect_valid();
}

// ---- Allocations ----

TEST_F(DescTest, StructNewOfDescribedType) {
  TypeIdx t = add_described_pair();
  add_func({}, {}, {idx(O::StructNewDefault, t), op(O::Drop)});
  expect_invalid("type with descriptor requires descriptor allocation");
}

TEST_F(DescTest, StructNewDescOfPlainType) {
  TypeIdx t = add_type(struct_sub({}));
  add_func({}, {},
           {op(O::RefNull, abs(HeapKind::None)), idx(O::StructNewDefaultDesc, t), op(O::Drop)});
  expect_invalid("type without descriptor requires non-descriptor allocation");
}

TEST_F(DescTest, StructNewDescTakesExactDescriptorAndIsExact) {
  TypeIdx t = add_described_pair();
  add_func({i32(), ref_exact(true, t + 1)}, {ref_exact(false, t)},
           {idx(O::LocalGet, 1), idx(O::StructNewDefaultDesc, t)});
  expect_valid();
}

TEST_F(DescTest, StructNewDescRejectsInexactDescriptor) {
  TypeIdx t = add_described_pair();
  add_func({ref_idx(true, t + 1)}, {},
           {idx(O::LocalGet, 0), idx(O::StructNewDefaultDesc, t), op(O::Drop)});
  expect_invalid("type mismatch");
}

TEST_F(DescTest, AllocationsAreExact) {
  TypeIdx s = add_type(struct_sub({}));
  TypeIdx a = add_type(array_sub(FieldType{i32(), Mut::Var}));
  add_func({}, {ref_exact(false, s), ref_exact(false, a)},
           {idx(O::StructNewDefault, s), i32c(1), idx(O::ArrayNewDefault, a)});
  expect_valid();
}

TEST_F(DescTest, StructNewDescIsConstant) {
  TypeIdx t = add_described_pair();
  add_global(ref_exact(false, t), Mut::Const,
             {idx(O::StructNewDefault, t + 1), idx(O::StructNewDefaultDesc, t)});
  expect_valid();
}

TEST_F(DescTest, RefGetDescIsNotConstant) {
  TypeIdx t = add_described_pair();
  add_global(
      ref_exact(false, t + 1), Mut::Const,
      {idx(O::StructNewDefault, t + 1), idx(O::StructNewDefaultDesc, t), idx(O::RefGetDesc, t)});
  expect_invalid("constant expression required");
}

// ---- ref.get_desc ----

TEST_F(DescTest, RefGetDescNeedsDescriptor) {
  TypeIdx s = add_type(struct_sub({}));
  add_func({ref_idx(true, s)}, {}, {idx(O::LocalGet, 0), idx(O::RefGetDesc, s), op(O::Drop)});
  expect_invalid("type without descriptor 0");
}

TEST_F(DescTest, RefGetDescOfExactIsExact) {
  TypeIdx t = add_described_pair();
  add_func({ref_exact(true, t)}, {ref_exact(false, t + 1)},
           {idx(O::LocalGet, 0), idx(O::RefGetDesc, t)});
  expect_valid();
}

TEST_F(DescTest, RefGetDescOfInexactIsInexact) {
  TypeIdx t = add_described_pair();
  add_func({ref_idx(true, t)}, {ref_exact(false, t + 1)},
           {idx(O::LocalGet, 0), idx(O::RefGetDesc, t)});
  expect_invalid("type mismatch");
}

TEST_F(DescTest, RefGetDescNeedsReference) {
  TypeIdx t = add_described_pair();
  add_func({}, {}, {i32c(0), idx(O::RefGetDesc, t), op(O::Drop)});
  expect_invalid("type mismatch");
}

// ---- ref.cast_desc_eq and br_on_cast_desc_eq* ----

TEST_F(DescTest, RefCastDescEqOfAbstractType) {
  add_func({anyref()}, {},
           {idx(O::LocalGet, 0), op(O::RefNull, abs(HeapKind::None)),
            op(O::RefCastDescEq, RefType{false, abs(HeapKind::Any)}), op(O::Drop)});
  expect_invalid("type any does not have a descriptor");
}

TEST_F(DescTest, RefCastDescEqOfTypeWithoutDescriptor) {
  TypeIdx s = add_type(struct_sub({}));
  add_func({anyref()}, {},
           {idx(O::LocalGet, 0), op(O::RefNull, abs(HeapKind::None)),
            op(O::RefCastDescEq, RefType{false, index(s)}), op(O::Drop)});
  expect_invalid("type 0 does not have a descriptor");
}

TEST_F(DescTest, RefCastDescEqTypes) {
  TypeIdx t = add_described_pair();
  add_func({anyref(), ref_exact(true, t + 1)}, {ref_exact(true, t)},
           {idx(O::LocalGet, 0), idx(O::LocalGet, 1),
            op(O::RefCastDescEqNull, RefType{true, index(t, true)})});
  expect_valid();
}

TEST_F(DescTest, RefCastDescEqExactNeedsExactDescriptor) {
  TypeIdx t = add_described_pair();
  add_func({anyref(), ref_idx(true, t + 1)}, {},
           {idx(O::LocalGet, 0), idx(O::LocalGet, 1),
            op(O::RefCastDescEq, RefType{false, index(t, true)}), op(O::Drop)});
  expect_invalid("type mismatch");
}

TEST_F(DescTest, BrOnCastDescEqTypes) {
  TypeIdx t = add_described_pair();
  add_func({anyref(), ref_idx(true, t + 1)}, {ref_idx(false, t)},
           {block(O::Block, bt_val(anyref()),
                  {idx(O::LocalGet, 0), idx(O::LocalGet, 1),
                   br_on_cast(O::BrOnCastDescEq, 1, RefType{true, abs(HeapKind::Any)},
                              RefType{false, index(t)})}),
            op(O::Unreachable)});
  expect_valid();
}

TEST_F(DescTest, BrOnCastDescEqFailNeedsSharedTopType) {
  TypeIdx t = add_described_pair();
  add_func({funcref(), ref_idx(true, t + 1)}, {},
           {block(O::Block, bt_val(funcref()),
                  {idx(O::LocalGet, 0), idx(O::LocalGet, 1),
                   br_on_cast(O::BrOnCastDescEqFail, 0, RefType{true, abs(HeapKind::Func)},
                              RefType{false, index(t)})}),
            op(O::Drop)});
  expect_invalid("type mismatch on cast");
}

// br_on_cast from eqref to anyref: rt2 is no subtype of rt1, as Wasm 3.0 requires; the proposal
// only asks for a shared top type.
TEST_F(DescTest, BrOnCastRelaxedOnlyWithTheProposal) {
  add_func({}, {anyref()},
           {op(O::RefNull, abs(HeapKind::Eq)),
            br_on_cast(O::BrOnCast, 0, RefType{true, abs(HeapKind::Eq)},
                       RefType{true, abs(HeapKind::Any)})});
  expect_invalid("type mismatch on cast");
  options.custom_descriptors = true;
  expect_valid();
}

// ---- Exact functions ----

TEST_F(DescTest, RefFuncOfExactImportIsExact) {
  TypeIdx ft = add_functype({}, {});
  add_import("exact", func_extern(ft, true));
  add_import("inexact", func_extern(ft));
  add_export("e0", ExternKind::Func, 0);
  add_export("e1", ExternKind::Func, 1);
  add_func({}, {ref_exact(false, ft)}, {idx(O::RefFunc, 0)});
  auto r = run();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->exports[0].exact);
  EXPECT_FALSE(r->exports[1].exact);
  add_func({}, {ref_exact(false, ft)}, {idx(O::RefFunc, 1)});
  expect_invalid("type mismatch");
}

TEST_F(DescTest, ExactFuncImportMatchesOnlyItsType) {
  TypeIdx super = add_type(func_sub({}, {}, false));
  TypeIdx sub = add_type(func_sub({}, {}, false, {super}));
  auto r = run();
  ASSERT_TRUE(r) << r.error().message;
  ExternType f_sub = func_extern(r->types[sub], true);  // a function instance's type is exact
  ExternType want = func_extern(r->types[super]);
  EXPECT_TRUE(match_externtype(store, f_sub, want));
  want.exact = true;
  EXPECT_FALSE(match_externtype(store, f_sub, want));
  want.type = r->types[sub];
  EXPECT_TRUE(match_externtype(store, f_sub, want));
}

}  // namespace
}  // namespace wasm::test
