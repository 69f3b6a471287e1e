#include "sim/machine/fault.hpp"
#include "sim/machine/halt.hpp"

#include <fmt/format.h>

#include "isa/csr.hpp"
#include "isa/program.hpp"

namespace pipesim {
namespace {

// An access just below the stack is almost always a stack overflow (recursion too deep, or a
// large local array): say so, as a host's "Segmentation fault" would not.
std::string stack_hint(uint32_t addr) {
  constexpr uint32_t kStackBottom = kStackTop - kStackSize;
  constexpr uint32_t kGuard = 64u << 10;  // further below is more likely a wild pointer
  if (addr >= kStackBottom || addr < kStackBottom - kGuard) return "";
  return fmt::format(
      " (just below the {} KiB stack at 0x{:08x}: a stack overflow, e.g. recursion "
      "too deep)",
      kStackSize >> 10, kStackBottom);
}

// Running off the end of the code is the most common fetch fault of a first program: it forgot
// to exit. Say so, with the two ways to stop.
std::string past_code_hint(const Fault& f) {
  if (!f.past_code) return "";
  return "; this is right after the program's last instruction: the program has no exit "
         "(li a7, 93; ecall) or ebreak at its end";
}

}  // namespace

std::string describe(const Fault& f) {
  switch (f.kind) {
    case FaultKind::None:
      return "no fault";
    case FaultKind::IllegalInstruction: {
      // A CSR instruction decodes: say which CSR and why the access is refused.
      const std::string csr = isa::csr_access_problem(isa::decode(f.word));
      if (!csr.empty()) return fmt::format("illegal instruction 0x{:08x}: {}", f.word, csr);
      return fmt::format("illegal instruction 0x{:08x}{}", f.word, past_code_hint(f));
    }
    case FaultKind::FetchMisaligned:
      return fmt::format("jump to misaligned address 0x{:08x}", f.addr);
    case FaultKind::FetchAccess:
      return fmt::format("instruction fetch from unmapped address 0x{:08x}{}", f.addr,
                         past_code_hint(f));
    case FaultKind::LoadMisaligned:
      return fmt::format("misaligned load from address 0x{:08x}", f.addr);
    case FaultKind::LoadAccess:
      return fmt::format("load from unmapped address 0x{:08x}{}", f.addr, stack_hint(f.addr));
    case FaultKind::StoreMisaligned:
      return fmt::format("misaligned store to address 0x{:08x}", f.addr);
    case FaultKind::StoreAccess:
      return fmt::format("store to unmapped address 0x{:08x}{}", f.addr, stack_hint(f.addr));
    case FaultKind::UnsupportedSyscall:
      return fmt::format("unsupported system call a7={}", f.addr);
  }
  return "unknown fault";
}

std::string fault_message(const Fault& f, const std::string& when) {
  return fmt::format("guest fault at pc 0x{:08x} (instruction word 0x{:08x}), {}: {}", f.pc, f.word,
                     when, describe(f));
}

const char* halt_name(Halt h) {
  switch (h) {
    case Halt::None:
      return "none";
    case Halt::Exit:
      return "exit";
    case Halt::Ebreak:
      return "ebreak";
    case Halt::Fault:
      return "fault";
    case Halt::Limit:
      return "limit";
  }
  return "?";
}

}  // namespace pipesim
