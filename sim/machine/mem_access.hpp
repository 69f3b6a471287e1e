// Loads and stores as the ISA defines them: naturally aligned only (a misaligned access is a
// fault, as on most teaching cores), sign/zero extension from the table's Mem column.
#pragma once

#include "isa/semantics.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/memory.hpp"

namespace pipesim {

struct LoadResult {
  FaultKind fault = FaultKind::None;
  uint32_t value = 0;
};

inline LoadResult guest_load(const Memory& mem, isa::Mem m, uint32_t addr) {
  const unsigned size = isa::mem_size(m);
  if (addr & (size - 1)) return {FaultKind::LoadMisaligned, 0};
  auto raw = mem.load(addr, size);
  if (!raw) return {FaultKind::LoadAccess, 0};
  return {FaultKind::None, isa::extend_load(m, *raw)};
}

inline FaultKind guest_store(Memory& mem, isa::Mem m, uint32_t addr, uint32_t value) {
  const unsigned size = isa::mem_size(m);
  if (addr & (size - 1)) return FaultKind::StoreMisaligned;
  return mem.store(addr, size, value) ? FaultKind::None : FaultKind::StoreAccess;
}

}  // namespace pipesim
