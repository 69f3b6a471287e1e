#include "sim/machine/arch_state.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"

namespace pipesim {

void load_program_into(ArchState& state, const Program& program) {
  constexpr uint64_t kStackBottom = uint64_t{kStackTop} - kStackSize;
  // Guest memory is host memory: refuse a program whose segments would take more than
  // kMaxProgramMemory (a .bss of 2 GiB is easy to write and would exhaust the host instead).
  uint64_t total = 0;
  for (const Segment& seg : program.segments)
    total += std::max<uint64_t>(seg.mem_size, seg.bytes.size());
  if (total > kMaxProgramMemory)
    throw Error(
        fmt::format("{}: the program needs {} MiB of memory for its segments; pipesim "
                    "gives a program at most {} MiB (plus the 1 MiB stack)",
                    program.path, (total + (1u << 20) - 1) >> 20, kMaxProgramMemory >> 20));
  for (const Segment& seg : program.segments) {
    const uint64_t end = uint64_t{seg.addr} + std::max<uint64_t>(seg.mem_size, seg.bytes.size());
    if (end > 0x100000000ull)
      throw Error(fmt::format("{}: segment {} at 0x{:08x} runs past the end of the address space",
                              program.path, seg.name, seg.addr));
    if (seg.addr < kStackTop && end > kStackBottom)
      throw Error(fmt::format("{}: segment {} at 0x{:08x} overlaps the stack [0x{:08x}, 0x{:08x})",
                              program.path, seg.name, seg.addr, kStackBottom, kStackTop));
    state.mem.map(seg.addr,
                  std::max<uint32_t>(seg.mem_size, static_cast<uint32_t>(seg.bytes.size())));
    state.mem.write_bytes(seg.addr, seg.bytes);
  }
  state.mem.map(static_cast<uint32_t>(kStackBottom), kStackSize);
  state.regs = {};
  state.regs.write(2, kStackTop);  // sp
  state.pc = program.entry;
}

}  // namespace pipesim
