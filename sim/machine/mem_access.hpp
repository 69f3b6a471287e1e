// Loads and stores as the ISA defines them: sign/zero extension from the table's Mem column, and
// a misaligned access either a fault (the default, as on most teaching cores) or the access of
// the bytes it names (Misaligned::Allow: Memory reads and writes any bytes little-endian, across
// pages too, so allowing one costs nothing here; its timing is the machine's, docs/model.md).
#pragma once

#include "isa/misaligned.hpp"
#include "isa/semantics.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/memory.hpp"

namespace pipesim {

struct LoadResult {
  FaultKind fault = FaultKind::None;
  uint32_t value = 0;
};

inline LoadResult guest_load(const Memory& mem, isa::Mem m, uint32_t addr, Misaligned misaligned) {
  const unsigned size = isa::mem_size(m);
  if ((addr & (size - 1)) && misaligned == Misaligned::Fault) return {FaultKind::LoadMisaligned, 0};
  auto raw = mem.load(addr, size);
  if (!raw) return {FaultKind::LoadAccess, 0};
  return {FaultKind::None, isa::extend_load(m, *raw)};
}

inline FaultKind guest_store(Memory& mem, isa::Mem m, uint32_t addr, uint32_t value,
                             Misaligned misaligned) {
  const unsigned size = isa::mem_size(m);
  if ((addr & (size - 1)) && misaligned == Misaligned::Fault) return FaultKind::StoreMisaligned;
  return mem.store(addr, size, value) ? FaultKind::None : FaultKind::StoreAccess;
}

}  // namespace pipesim
