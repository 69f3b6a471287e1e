// The disassembler: objdump-compatible text for RV32IM words (binutils 2.40,
// `riscv64-unknown-elf-objdump -d [-M no-aliases]`), a short form for pipeline diagrams, and
// whole-program listings. Mnemonics and operand layouts come from the instruction table
// (isa::info); the only other data is the small table of objdump's aliases in disasm.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "isa/program.hpp"

namespace pipesim {

enum class DisasmStyle { NoAliases, Aliases };  // objdump -M no-aliases / objdump default

// One instruction's text as objdump prints it after the word, e.g. "jalr\tra,4(a0)",
// "beq\ta0,a1,10000 <_start>", "lui\ta0,0x12345", "slli\ta0,a1,0x3", "fence\trw,w".
// `labels` (address -> name) gives the " <sym>" / " <sym+0x8>" suffixes of addresses; with
// nullptr (or no labels) addresses print as "0x10010", as objdump does for a file without
// symbols. A single call has no memory of earlier instructions, so it only adds the
// "# addr <sym>" comments that need none (zero-, tp- and gp-relative addresses, gp being the
// label named "__global_pointer$" if there is one); use
// Disassembler for a sequence.
std::string disasm(uint32_t word, uint32_t pc, DisasmStyle style,
                   const std::map<uint32_t, std::string>* labels);

// A short readable form for pipeline diagrams: ", " between operands, targets as "0x10010", no
// symbol suffixes and no comments: "addi a0, a0, 1", "lw a0, 0(a1)", "beq a0, a1, 0x10010",
// "nop". It uses objdump's readable aliases (nop, li, mv, not, neg, seqz, snez, sltz, sgtz,
// beqz..., j, jr, ret) but not its quirk of naming register-immediate instructions after their
// register-register forms ("add a0,a0,1" for addi, "sll" for slli, "zext.b" for andi 255).
std::string disasm_short(uint32_t word, uint32_t pc);

// Disassembles a sequence of instructions the way objdump walks a section: it remembers the
// values lui/auipc put in registers and, like objdump, adds "# 10078 <foo>" after a later
// instruction that uses one as its base (auipc+addi, lui+lw, auipc+jalr pairs). Like objdump
// 2.40, a value is dropped once it has been used as a base, but not when other instructions
// overwrite the register.
class Disassembler {
 public:
  Disassembler(DisasmStyle style, const std::map<uint32_t, std::string>* labels);
  // The text of one instruction at `pc`, updating the remembered register values.
  std::string next(uint32_t word, uint32_t pc);

 private:
  static constexpr uint64_t kUnknown = ~uint64_t{0};
  DisasmStyle style_;
  const std::map<uint32_t, std::string>* labels_;
  uint64_t gp_ = kUnknown;  // value of __global_pointer$, when a label has that name
  std::array<uint64_t, 32> hi_addr_{};
};

// Full listing of every executable segment in objdump -d layout, starting at the
// "Disassembly of section <name>:" line (objdump's file-name header is not produced):
//   Disassembly of section .text:
//
//   00010000 <_start>:
//      10000:\t004500e7          \tjalr\tra,4(a0)
// Runs of zero bytes are shown as "\t..." as objdump does.
std::string listing(const Program& program, DisasmStyle style);

}  // namespace pipesim
