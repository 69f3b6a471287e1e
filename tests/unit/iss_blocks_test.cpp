// The functional model's run() executes pre-decoded blocks (sim/iss/block_cache.hpp); step()
// executes one instruction at a time through the decode cache and is the reference here: after
// run(n) for every instruction limit n, the state must be what n calls of step() leave, on
// programs that end blocks in every way (branches, jumps, system instructions, faults, the
// greatest block length, stores over code, misaligned accesses).
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "isa/assembler.hpp"
#include "sim/iss/iss.hpp"
#include "tests/support/corner_programs.hpp"

using namespace pipesim;

namespace {

struct Outcome {
  Halt halt;
  uint64_t instructions;
  uint32_t pc;
  RegFile regs;
  FaultKind fault;
  uint32_t fault_pc, fault_word, fault_addr;
  int exit_code;
  std::string out;
};

Outcome outcome(const Iss& iss, const CapturedIo& io) {
  const Fault& f = iss.fault();
  return {iss.halt(), iss.instructions(), iss.state().pc, iss.state().regs, f.kind, f.pc, f.word,
          f.addr,     iss.exit_code(),    io.out};
}

// Runs `source` both ways at every limit from 0 to a few past its end; returns the full run.
Outcome check_every_limit(const std::string& source, Misaligned misaligned = Misaligned::Fault) {
  const Program p = assemble(source, "blocks.s").program;
  CapturedIo full_io;
  Iss full(p, full_io, misaligned);
  full.run(std::numeric_limits<uint64_t>::max());  // each program ends by itself
  for (uint64_t limit = 0; limit <= full.instructions() + 2; ++limit) {
    CapturedIo run_io, step_io;
    Iss run(p, run_io, misaligned), stepped(p, step_io, misaligned);
    run.run(limit);
    while (!stepped.halted() && stepped.instructions() < limit) stepped.step();
    const Outcome a = outcome(run, run_io), b = outcome(stepped, step_io);
    INFO("limit " << limit);
    CHECK(a.instructions == b.instructions);
    CHECK(a.pc == b.pc);
    CHECK(a.regs.x == b.regs.x);
    CHECK(a.fault == b.fault);
    CHECK(a.fault_pc == b.fault_pc);
    CHECK(a.fault_word == b.fault_word);
    CHECK(a.fault_addr == b.fault_addr);
    CHECK(a.exit_code == b.exit_code);
    CHECK(a.out == b.out);
    CHECK((a.halt == b.halt || (a.halt == Halt::Limit && b.halt == Halt::None)));
  }
  return outcome(full, full_io);
}

}  // namespace

TEST_CASE("iss blocks: loops, calls, loads, stores and arithmetic", "[iss]") {
  const Outcome o = check_every_limit(R"(
        .data
buf:    .word 5, 7, 11, 13
        .text
        la    s0, buf
        li    s1, 4            # words
        li    a0, 0
loop:   lw    t0, 0(s0)
        mul   t1, t0, t0
        div   t2, t1, s1
        add   a0, a0, t2
        sh    a0, 2(s0)
        lbu   t3, 2(s0)
        add   a0, a0, t3
        call  twice
        addi  s0, s0, 4
        addi  s1, s1, -1
        bnez  s1, loop
        auipc t4, 0
        j     done
twice:  slli  a0, a0, 1
        ret
done:   andi  a0, a0, 0xff
        li    a7, 93
        ecall
)");
  CHECK(o.halt == Halt::Exit);
  // la is auipc + addi, call is auipc + jalr: 4 before the loop, 12 + 2 per pass, 2 + 3 after.
  CHECK(o.instructions == 4 + 4 * (12 + 2) + 2 + 3);
}

TEST_CASE("iss blocks: counter reads and output between blocks", "[iss]") {
  const Outcome o = check_every_limit(R"(
        .data
msg:    .ascii "ab"
        .text
        li    s1, 3
loop:   rdinstret t0
        li    a0, 1
        la    a1, msg
        li    a2, 2
        li    a7, 64
        ecall
        rdcycle t1
        sub   t2, t1, t0
        addi  s1, s1, -1
        bnez  s1, loop
        mv    a0, t2
        ebreak
)");
  CHECK(o.halt == Halt::Ebreak);
  CHECK(o.out == "ababab");
}

TEST_CASE("iss blocks: a load fault in the middle of a block", "[iss]") {
  // The pointer walks through .data's one page into the unmapped page above it.
  const Outcome o = check_every_limit(R"(
        .data
        .word 1
        .text
        li    s0, 0x00100000
        li    a0, 0
loop:   addi  a0, a0, 1
        lw    t0, 0(s0)
        addi  s0, s0, 1024
        j     loop
)");
  CHECK(o.fault == FaultKind::LoadAccess);
  CHECK(o.fault_addr == 0x00101000u);
}

TEST_CASE("iss blocks: misaligned accesses fault, or run when allowed", "[iss]") {
  const std::string source = R"(
        .data
        .word 0x04030201, 0x08070605
        .text
        li    s0, 0x00100000
        li    s1, 3
loop:   lw    t0, 1(s0)
        sh    t0, 3(s0)
        lhu   t1, 2(s0)
        add   a0, a0, t1
        addi  s1, s1, -1
        bnez  s1, loop
        andi  a0, a0, 0xff
        li    a7, 93
        ecall
)";
  CHECK(check_every_limit(source).fault == FaultKind::LoadMisaligned);
  CHECK(check_every_limit(source, Misaligned::Allow).halt == Halt::Exit);
}

TEST_CASE("iss blocks: a jump to a misaligned target and an illegal word end the run", "[iss]") {
  CHECK(check_every_limit(R"(
        la    t0, target
        addi  t0, t0, 2
        li    a0, 1
        jalr  ra, 0(t0)
target: ebreak
)")
            .fault == FaultKind::FetchMisaligned);
  CHECK(check_every_limit(R"(
        li    a0, 1
        li    a1, 2
        .word 0xffffffff
)")
            .fault == FaultKind::IllegalInstruction);
}

TEST_CASE("iss blocks: stores over code later in the same block and in an earlier one", "[iss]") {
  // The store at `patch` copies "addi a0, a0, 100" over the addi right after it (in the block
  // that is running); the second pass of the loop then runs the patched code.
  const Outcome o = check_every_limit(R"(
        li    s1, 2
        la    s0, patch
        lw    t1, 12(s0)       # the word at `new`
loop:   addi  s1, s1, -1
patch:  sw    t1, 4(s0)
        addi  a0, a0, 1        # replaced by the store before it runs
        bnez  s1, loop
new:    addi  a0, a0, 100
        li    a7, 93
        ecall
)");
  CHECK(o.halt == Halt::Exit);
  CHECK(o.regs[10] == 300u);  // 1 would be added by a stale copy
  // The loop's block has run twice when another block stores over its first instruction and
  // jumps back to it: the block must be decoded again.
  const Outcome again = check_every_limit(test::kStoreOverRunCode);
  CHECK(again.regs[10] == 2u + 200u);  // 4 with a stale copy
}

TEST_CASE("iss blocks: straight-line code longer than the longest block", "[iss]") {
  const Outcome o = check_every_limit(R"(
        .rept 300
        addi  a0, a0, 1
        .endr
        ebreak
)");
  CHECK(o.regs[10] == 300u);
  CHECK(o.instructions == 301);
}

TEST_CASE("iss blocks: writes to x0 and loops of one block (forms picked at decode)", "[iss]") {
  // Every kind of instruction with rd = x0 (BlockCache's NoRd form: nothing is written, a load
  // still checks its access), and loops whose branch goes back to the first instruction of its
  // own block (the LoopBranch form: the block runs again without a lookup), taken and not.
  const Outcome o = check_every_limit(R"(
        .data
word:   .word 0x80000001
        .text
        la    s0, word
        li    s1, 3
        li    a1, -7
one:    add   zero, a1, s1       # one block: x0 stays 0 in all of these
        addi  zero, a1, 5
        lui   zero, 0x12345
        auipc zero, 1
        mul   zero, a1, a1
        mulhu zero, a1, a1
        div   zero, a1, zero
        rem   zero, a1, s1
        lw    zero, 0(s0)
        lbu   zero, 3(s0)
        add   a0, a0, zero
        addi  a0, a0, 1
        addi  s1, s1, -1
        bne   s1, zero, one
        li    s1, -3
two:    addi  s1, s1, 1          # blt back to its own block, 3 passes
        blt   s1, zero, two
        li    s1, 4
        li    t2, 2
three:  addi  s1, s1, -1         # bgeu back to its own block: taken at 3 and 2, not at 1
        bgeu  s1, t2, three
four:   jal   zero, five         # j: no link
        addi  a0, a0, 100        # skipped
five:   la    t1, six
        jalr  zero, 0(t1)        # jr: no link
        addi  a0, a0, 100        # skipped
six:    lw    zero, 0(zero)      # a load into x0 from an unmapped page still faults
)");
  CHECK(o.fault == FaultKind::LoadAccess);
  CHECK(o.fault_addr == 0u);
  CHECK(o.regs[10] == 3u);
  CHECK(o.regs[0] == 0u);
}
