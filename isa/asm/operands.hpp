// Operand syntax shared by instructions, pseudo-instructions and directives: splitting at
// top-level commas, registers, immediates with %hi/%lo/%pcrel_hi/%pcrel_lo, and offset(base).
#pragma once

#include <optional>
#include <vector>

#include "isa/asm/expr.hpp"
#include "isa/asm/state.hpp"

namespace pipesim::assembler {

struct Range {
  std::size_t b = 0, e = 0;  // token indices [b, e) in the statement
  bool empty() const { return b == e; }
};

// Operands of s from token `from` on; an empty operand (", ,") gives an empty range.
std::vector<Range> split_operands(const Stmt& s, std::size_t from);

std::optional<unsigned> as_register(const Stmt& s, Range r);
unsigned register_operand(const State& st, const Stmt& s, Range r);
// The whole range must be one expression.
Expr expr_operand(const State& st, const Stmt& s, Range r);

enum class Reloc : uint8_t { None, Hi, Lo, PcrelHi, PcrelLo };

// An immediate operand: a constant already known, or an expression (with its relocation
// operator) to evaluate when the instruction is emitted or after layout.
struct Imm {
  Reloc reloc = Reloc::None;
  std::optional<Expr> expr;
  int64_t value = 0;  // when there is no expr
  Loc loc;
  std::optional<Value> pair;  // PcrelLo of a pseudo-instruction: address of its auipc
  bool call = false;          // PcrelHi of call/tail (not a %pcrel_lo target)

  static Imm constant(int64_t v) {
    Imm i;
    i.value = v;
    return i;
  }
};

Imm imm_operand(const State& st, const Stmt& s, Range r);

// "offset(base)", "(base)" (offset 0); nullopt when the operand is not of that shape.
struct MemOperand {
  Imm offset;
  unsigned base = 0;
};
std::optional<MemOperand> mem_operand(const State& st, const Stmt& s, Range r);

}  // namespace pipesim::assembler
