// Zicsr counters and Zifencei in the instruction table, the assembler, the functional model and
// the cycle model. Encodings are GNU as 2.40's (riscv64-unknown-elf-as -march=rv32im_zicsr,
// objdump), field layouts and the write rule are the privileged spec's ("CSR Instructions").
#include <catch2/catch.hpp>

#include <string>

#include "isa/assembler.hpp"
#include "isa/csr.hpp"
#include "isa/disasm.hpp"
#include "isa/error.hpp"
#include "isa/isa.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;
using namespace pipesim::isa;

TEST_CASE("csr: decode and encode GNU as words", "[csr][isa]") {
  Insn i = decode(0xc0002573);  // csrrs a0,cycle,zero (rdcycle a0)
  CHECK(i.op == Op::Csrrs);
  CHECK(i.rd == 10);
  CHECK(i.rs1 == 0);
  CHECK(i.imm == 0xc00);
  i = decode(0xc002d573);  // csrrwi a0,cycle,5
  CHECK(i.op == Op::Csrrwi);
  CHECK(i.rs1 == 5);  // the immediate
  CHECK(i.imm == 0xc00);
  i = decode(0xfff59573);  // csrrw a0,0xfff,a1: the CSR number is not sign-extended
  CHECK(i.op == Op::Csrrw);
  CHECK(i.imm == 0xfff);
  CHECK(i.rs1 == 11);
  CHECK(encode(Op::Csrrs, 10, 0, 0, 0xc00) == 0xc0002573);
  CHECK(encode(Op::Csrrci, 10, 31, 0, 0xc81) == 0xc81ff573);  // csrrci a0,timeh,31
  CHECK(decode(0x0000100f).op == Op::FenceI);
  CHECK(decode(0x0010100f).op == Op::Illegal);  // reserved fields set: objdump's .4byte too
  CHECK(encode(Op::FenceI, 0, 0, 0, 0) == 0x0000100f);
}

TEST_CASE("csr: which accesses are reads of a counter", "[csr][isa]") {
  CHECK(csr_access_ok(decode(0xc0002573)));   // csrrs a0,cycle,zero
  CHECK(csr_access_ok(decode(0xc8202573)));   // csrrs a0,instreth,zero
  CHECK(csr_access_ok(decode(0xc0106573)));   // csrrsi a0,time,0
  CHECK(csr_access_ok(decode(0xc0007573)));   // csrrci a0,cycle,0
  CHECK(!csr_access_ok(decode(0xc005a573)));  // csrrs a0,cycle,a1: a write attempt
  CHECK(!csr_access_ok(decode(0xc0001573)));  // csrrw a0,cycle,zero: always writes
  CHECK(!csr_access_ok(decode(0xc000e573)));  // csrrsi a0,cycle,1
  CHECK(!csr_access_ok(decode(0x30002573)));  // csrr a0,mstatus: not supported
  CHECK(!csr_access_ok(decode(0xc0302573)));  // csrr a0,hpmcounter3: not supported
  CHECK(csr_access_problem(decode(0xc0001073)) ==
        "csrrw writes the read-only counter cycle (0xc00) (pipesim supports only reads of cycle, "
        "time, instret, cycleh, timeh and instreth)");
  CHECK(csr_access_problem(decode(0x12302573)).rfind("CSR 0x123 is not supported", 0) == 0);
  CHECK(csr_access_problem(decode(0xc0002573)).empty());
}

TEST_CASE("csr: counter values, low and high halves", "[csr][isa]") {
  const uint64_t cycle = 0x0000000500000007, instret = 0x0000000200000003;
  CHECK(counter_value(decode(0xc0002573), cycle, instret) == 7);  // cycle
  CHECK(counter_value(decode(0xc8002573), cycle, instret) == 5);  // cycleh
  CHECK(counter_value(decode(0xc0102573), cycle, instret) == 7);  // time = cycle
  CHECK(counter_value(decode(0xc8102573), cycle, instret) == 5);  // timeh
  CHECK(counter_value(decode(0xc0202573), cycle, instret) == 3);  // instret
  CHECK(counter_value(decode(0xc8202573), cycle, instret) == 2);  // instreth
}

TEST_CASE("csr: names", "[csr][isa]") {
  CHECK(csr_number("cycle") == 0xc00u);
  CHECK(csr_number("instreth") == 0xc82u);
  CHECK(csr_number("hpmcounter31h") == 0xc9fu);
  CHECK(csr_number("mstatus") == 0x300u);
  CHECK(!csr_number("nosuch"));
  for (uint32_t n = 0; n < 4096; ++n)
    if (const auto name = csr_name(n)) CHECK(csr_number(*name) == n);
  CHECK(!csr_name(0x123));
}

TEST_CASE("csr: assembler errors", "[csr][asm]") {
  auto error_of = [](const std::string& src) -> std::string {
    try {
      assemble(src, "t.s");
    } catch (const SourceError& e) {
      return format_diagnostic(e);
    }
    return "";
  };
  CHECK(error_of("csrr a0, 4096\n").find("CSR number 4096 is out of range [0, 4095]") !=
        std::string::npos);
  CHECK(error_of("csrrwi a0, cycle, 32\n").find("CSR immediate 32 is out of range [0, 31]") !=
        std::string::npos);
  CHECK(error_of("csrw cycle, -1\n").find("CSR immediate -1 is out of range") != std::string::npos);
  CHECK(error_of("rdcycle\n").find("'rdcycle' takes 1 operand, not 0") != std::string::npos);
  CHECK(error_of("csrr a0, nosuch\n").find("t.s:1:") == 0);
  CHECK(error_of("fence.i a0\n").find("'fence.i' takes 0 operands") != std::string::npos);
}

TEST_CASE("csr: a write to a counter faults with a clear message", "[csr][iss][pipeline]") {
  const Program p =
      test::program_from_words({encode(Op::Addi, 10, 0, 0, 1), 0xc0051073});  // csrw cycle, a0
  CapturedIo io;
  Iss iss(p, io);
  iss.run(100);
  REQUIRE(iss.halt() == Halt::Fault);
  CHECK(iss.fault().kind == FaultKind::IllegalInstruction);
  CHECK(iss.fault().pc == kTextBase + 4);
  CHECK(fault_message(iss.fault(), "cycle 6") ==
        "guest fault at pc 0x00010004 (instruction word 0xc0051073), cycle 6: illegal instruction "
        "0xc0051073: csrrw writes the read-only counter cycle (0xc00) (pipesim supports only "
        "reads of cycle, time, instret, cycleh, timeh and instreth)");
  for (const char* preset :
       {"5-stage", "single-cycle", "multi-cycle", "5-stage-parallel-fu", "7-stage"}) {
    INFO(preset);
    CapturedIo pio;
    const MachineResult r =
        run_machine(load_config(preset, {}), p, pio, {}, RunLimits{1000}, /*check=*/true);
    CHECK(r.halt == Halt::Fault);
    CHECK(r.fault.kind == FaultKind::IllegalInstruction);
    CHECK(r.fault.pc == kTextBase + 4);
    CHECK(r.regs[10] == 1);
  }
}

TEST_CASE("csr: disassembly of counter reads and unimp", "[csr][disasm]") {
  CHECK(disasm_short(0xc0002573, 0) == "rdcycle a0");
  CHECK(disasm_short(0xc002d573, 0) == "csrrwi a0, cycle, 5");
  CHECK(disasm_short(0xc001d073, 0) == "csrwi cycle, 3");
  CHECK(disasm(0xc002d573, 0, DisasmStyle::Aliases, nullptr) == "csrrw\ta0,cycle,5");
  CHECK(disasm(0xc0001073, 0, DisasmStyle::NoAliases, nullptr) == "unimp");
  CHECK(disasm(0x0000100f, 0, DisasmStyle::Aliases, nullptr) == "fence.i");
}
