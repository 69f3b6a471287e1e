// What a load or store of a halfword or word at an address that is not a multiple of its size
// does. RV32I leaves it to the execution environment; pipesim's is chosen by `memory.misaligned`
// in a configuration (docs/config.md, docs/isa.md). Here, in the ISA layer, so that both the
// machine (which performs accesses) and the configuration (which chooses) can name it.
#pragma once

#include <cstdint>

namespace pipesim {

enum class Misaligned : uint8_t {
  Fault,  // a misaligned access is a guest fault (the default, as on most teaching cores)
  Allow,  // it accesses the bytes it names, little-endian, as qemu-riscv32 user mode does
};

}  // namespace pipesim
