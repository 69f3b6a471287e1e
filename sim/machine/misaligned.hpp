// What a load or store of a halfword or word at an address that is not a multiple of its size
// does (`memory.misaligned` in a configuration, docs/config.md). Its own header so that the
// configuration can name it without pulling in guest memory.
#pragma once

#include <cstdint>

namespace pipesim {

enum class Misaligned : uint8_t {
  Fault,  // a misaligned access is a guest fault (the default, as on most teaching cores)
  Allow,  // it accesses the bytes it names, little-endian, as qemu-riscv32 user mode does
};

}  // namespace pipesim
