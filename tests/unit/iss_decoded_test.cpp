// Iss::step_decoded() (what the timing engines execute with) against step(), the reference: two
// functional models run the same program side by side, one through handles kept per pc as an
// engine keeps them, and after every instruction everything they show must be equal. The
// programs fault in every way, write output, read counters and store over code they have run
// (a stale handle must never run).
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "isa/assembler.hpp"
#include "sim/iss/iss.hpp"
#include "tests/support/corner_programs.hpp"

using namespace pipesim;

namespace {

// How the decoded side keeps its handles.
enum class Handles {
  PerPc,  // one per pc, like the engines (Engine::execute())
  One,    // a single handle for every pc: never the pc's, so always decoded again
};

// Steps both to the end (or `max_steps`); returns the reference's halt.
Halt check_side_by_side(const std::string& source, Handles handles = Handles::PerPc,
                        Misaligned misaligned = Misaligned::Fault, int max_steps = 10000) {
  const Program p = assemble(source, "decoded.s").program;
  CapturedIo ref_io, dec_io;
  Iss ref(p, ref_io, misaligned), dec(p, dec_io, misaligned);
  std::map<uint32_t, Iss::Decoded> per_pc;
  Iss::Decoded one;
  for (int n = 0; n < max_steps && !ref.halted(); ++n) {
    ref.step();
    dec.step_decoded(handles == Handles::One ? one : per_pc[dec.state().pc]);
    INFO("step " << n << " at pc " << ref.last().pc);
    REQUIRE(dec.instructions() == ref.instructions());
    REQUIRE(dec.state().pc == ref.state().pc);
    REQUIRE(dec.state().regs.x == ref.state().regs.x);
    REQUIRE(dec.halt() == ref.halt());
    REQUIRE(dec.exit_code() == ref.exit_code());
    REQUIRE(dec_io.out == ref_io.out);
    const Fault &a = dec.fault(), &b = ref.fault();
    REQUIRE(a.kind == b.kind);
    REQUIRE(a.pc == b.pc);
    REQUIRE(a.word == b.word);
    REQUIRE(a.addr == b.addr);
    REQUIRE(a.past_code == b.past_code);
  }
  // Once halted, stepping again does nothing.
  const uint64_t done = dec.instructions();
  dec.step_decoded(per_pc[dec.state().pc]);
  CHECK(dec.instructions() == done);
  return ref.halt();
}

const char* const kLoop = R"(
        .data
buf:    .word 5, 7, 11, 13
msg:    .ascii "ab"
        .text
        la    s0, buf
        li    s1, 4
loop:   lw    t0, 0(s0)
        mul   t1, t0, t0
        div   t2, t1, s1
        add   a0, a0, t2
        sh    a0, 2(s0)
        lbu   t3, 2(s0)
        call  twice
        rdinstret t4
        rdcycle t5
        addi  s0, s0, 4
        addi  s1, s1, -1
        bnez  s1, loop
        mv    s2, a0
        li    a0, 1
        la    a1, msg
        li    a2, 2
        li    a7, 64
        ecall
        andi  a0, s2, 0xff
        li    a7, 93
        ecall
twice:  slli  a0, a0, 1
        ret
)";

}  // namespace

TEST_CASE("iss decoded: loops, calls, memory, counters and output as step() runs them", "[iss]") {
  CHECK(check_side_by_side(kLoop) == Halt::Exit);
  CHECK(check_side_by_side(kLoop, Handles::One) == Halt::Exit);
}

TEST_CASE("iss decoded: every kind of fault as step() reports it", "[iss]") {
  // A load from the unmapped page above .data.
  CHECK(check_side_by_side(R"(
        .data
        .word 1
        .text
        li    s0, 0x00100000
loop:   lw    t0, 0(s0)
        addi  s0, s0, 1024
        j     loop
)") == Halt::Fault);
  const std::string misaligned = R"(
        .data
        .word 0x04030201, 0x08070605
        .text
        li    s0, 0x00100000
        lw    t0, 1(s0)
        sh    t0, 3(s0)
        lhu   a0, 2(s0)
        ebreak
)";
  CHECK(check_side_by_side(misaligned) == Halt::Fault);
  CHECK(check_side_by_side(misaligned, Handles::PerPc, Misaligned::Allow) == Halt::Ebreak);
  // A jump to a misaligned target, an illegal word, running off the end of the code, a jump
  // outside every mapped page.
  CHECK(check_side_by_side(R"(
        la    t0, target
        jalr  ra, 2(t0)
target: ebreak
)") == Halt::Fault);
  CHECK(check_side_by_side(R"(
        li    a0, 1
        .word 0xffffffff
)") == Halt::Fault);
  CHECK(check_side_by_side("        li    a0, 1\n") == Halt::Fault);
  CHECK(check_side_by_side(R"(
        li    t0, 0x40000000
        jr    t0
)") == Halt::Fault);
}

TEST_CASE("iss decoded: a store over code that has run is never run stale", "[iss]") {
  // The loop's first instruction runs twice through its handle; then it is overwritten and the
  // loop runs again: the handle must be made again from the new word.
  const std::string source = test::kStoreOverRunCode;
  CHECK(check_side_by_side(source) == Halt::Exit);
  CHECK(check_side_by_side(source, Handles::One) == Halt::Exit);
  // And the value itself (a stale copy would add 1 twice more: 4).
  const Program p = assemble(source, "decoded.s").program;
  CapturedIo io;
  Iss iss(p, io);
  std::map<uint32_t, Iss::Decoded> per_pc;
  while (!iss.halted()) iss.step_decoded(per_pc[iss.state().pc]);
  CHECK(iss.exit_code() == 2 + 200);
}
