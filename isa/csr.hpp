// Zicsr as pipesim supports it: the read-only user counters cycle, time and instret (and their
// high halves cycleh, timeh, instreth on RV32). Reading one is the only CSR access a program may
// make; writing a counter, or touching any other CSR, is an illegal-instruction fault. The CSR
// names are GNU as's (binutils 2.40), for the assembler and the disassembler; a name known here
// but not supported assembles and then faults when it runs, as on a core without that CSR.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "isa/isa.hpp"

namespace pipesim::isa {

constexpr bool is_csr(Op op) {
  return op == Op::Csrrw || op == Op::Csrrs || op == Op::Csrrc || op == Op::Csrrwi ||
         op == Op::Csrrsi || op == Op::Csrrci;
}

// The CSR name GNU objdump prints for `number`, or nullopt (then it prints "0x..").
std::optional<std::string_view> csr_name(uint32_t number);
// The number of a CSR name GNU as accepts (only the names of csr_name's table).
std::optional<uint32_t> csr_number(std::string_view name);

// Does the instruction write its CSR? csrrw and csrrwi always do; csrrs and csrrc do unless
// rs1 is x0, csrrsi and csrrci unless the immediate is 0 (privileged spec, "CSR instructions":
// the field decides, not the register's value).
constexpr bool csr_writes(const Insn& in) {
  return in.op == Op::Csrrw || in.op == Op::Csrrwi || in.rs1 != 0;
}

enum class Counter : uint8_t { Cycle, Time, Instret };
struct CounterCsr {
  Counter counter;
  bool high;  // cycleh, timeh, instreth: bits 63..32
};
constexpr std::optional<CounterCsr> counter_of(uint32_t csr) {
  if ((csr & ~0x80u) > 0xc02 || (csr & ~0x80u) < 0xc00) return std::nullopt;
  return CounterCsr{static_cast<Counter>(csr & 3), (csr & 0x80u) != 0};
}

// Is `in` (a CSR instruction) an access pipesim performs: a read of a counter?
constexpr bool csr_access_ok(const Insn& in) {
  return !csr_writes(in) && counter_of(static_cast<uint32_t>(in.imm)).has_value();
}
// Why a CSR instruction faults ("" when csr_access_ok), for the fault message.
std::string csr_access_problem(const Insn& in);

// Does a supported counter read depend on the machine's timing (cycle, time) rather than only on
// the program (instret)?
constexpr bool reads_timed_counter(const Insn& in) {
  const auto c = counter_of(static_cast<uint32_t>(in.imm));
  return is_csr(in.op) && c && c->counter != Counter::Instret;
}

// What a supported counter read writes to rd, given the 64-bit counters when it reads them:
// `cycle` by the machine's counter rule (docs/isa.md), `instret` the instructions retired before
// it. time is defined equal to cycle.
constexpr uint32_t counter_value(const Insn& in, uint64_t cycle, uint64_t instret) {
  const auto c = counter_of(static_cast<uint32_t>(in.imm));
  if (!c) return 0;
  const uint64_t v = c->counter == Counter::Instret ? instret : cycle;
  return static_cast<uint32_t>(c->high ? v >> 32 : v);
}

}  // namespace pipesim::isa
