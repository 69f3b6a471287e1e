// What `ecall` and `ebreak` do: the guest's system-call interface. Both the functional model and
// the pipeline model call this, so they behave identically.
//
//   a7 = 93  exit(a0)                        Linux/newlib convention (as qemu-riscv32 user mode)
//   a7 = 64  write(fd=a0, buf=a1, len=a2)    fd 1 or 2; returns the count in a0 (-9 EBADF for
//                                            other fds, -14 EFAULT if the buffer is unmapped)
//   a7 = 10  exit(0)                         RARS convention
//   a7 = 1   print a0 as a signed integer    RARS
//   a7 = 4   print the NUL-terminated string at a0   RARS; a string that runs into unmapped
//                                            memory is a guest fault (load from unmapped
//                                            address), and nothing of it is printed
//   a7 = 11  print the character in a0       RARS
// Any other a7 is a guest fault ("unsupported system call").
//
// Output is handed to the HostIo in pieces of at most kEcallChunk bytes as it is read from guest
// memory, never copied whole: a guest may write gigabytes (docs/reliability.md, "Bounds on
// output").
#pragma once

#include <cstdint>
#include <optional>

#include "sim/machine/arch_state.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/host_io.hpp"

namespace pipesim {

struct EcallResult {
  bool exit = false;           // the program asked to stop
  int exit_code = 0;           // its exit status (a0 & 0xff, as the shell sees it)
  std::optional<uint32_t> a0;  // new value of a0, if the call returns one
  // A guest fault (the caller adds pc and word): UnsupportedSyscall (fault_addr = a7) when a7
  // names no call we know, LoadAccess (fault_addr = the unmapped byte) for a string that runs
  // into unmapped memory.
  FaultKind fault = FaultKind::None;
  uint32_t fault_addr = 0;
};

inline constexpr uint32_t kEcallChunk = 64u << 10;

EcallResult do_ecall(const RegFile& regs, const Memory& mem, HostIo& io);

}  // namespace pipesim
