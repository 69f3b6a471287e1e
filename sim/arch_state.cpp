#include "sim/arch_state.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"

namespace pipesim {

void load_program_into(ArchState& state, const Program& program) {
  constexpr uint64_t kStackBottom = uint64_t{kStackTop} - kStackSize;
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
