// Guest faults: what stops a run because the program did something the machine cannot do.
#pragma once

#include <cstdint>
#include <string>

namespace pipesim {

enum class FaultKind : uint8_t {
  None,
  IllegalInstruction,
  FetchMisaligned,  // jump or branch target not a multiple of 4 (there is no C extension)
  FetchAccess,      // fetch from an unmapped address
  LoadMisaligned,
  LoadAccess,
  StoreMisaligned,
  StoreAccess,
  UnsupportedSyscall,
};

struct Fault {
  FaultKind kind = FaultKind::None;
  uint32_t pc = 0;    // the faulting instruction
  uint32_t word = 0;  // its machine word (0 if it could not be fetched)
  uint32_t addr = 0;  // the bad data or target address, or a7 for UnsupportedSyscall
  // A fetch fault right after the program's last instruction (fetch_past_code()): the message
  // hints that the program has no exit.
  bool past_code = false;
  explicit operator bool() const { return kind != FaultKind::None; }
};

// "load from unmapped address 0x00000000" — what went wrong, without where.
std::string describe(const Fault& fault);
// "guest fault at pc 0x00010008 (lw a0,0(a1)), <when>: load from unmapped address 0x00000000",
// where `when` is e.g. "cycle 12" or "instruction 3".
std::string fault_message(const Fault& fault, const std::string& when);

}  // namespace pipesim
