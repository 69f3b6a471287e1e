// insn_effects and result_latency: register/memory effects from the instruction table's
// formats, latencies from the config's functional units and memory.
#include "sim/classroom/insn_effects.hpp"

namespace pipesim::classroom {

namespace {

uint32_t bit(unsigned reg) {
  return reg == 0 ? 0u : 1u << reg;
}

uint32_t access_width(isa::Mem m) {
  switch (m) {
    case isa::Mem::B:
    case isa::Mem::BU:
      return 1;
    case isa::Mem::H:
    case isa::Mem::HU:
      return 2;
    case isa::Mem::W:
      return 4;
    case isa::Mem::None:
      break;
  }
  return 0;
}

constexpr unsigned kA0 = 10, kA1 = 11, kA2 = 12, kA7 = 17;

}  // namespace

InsnEffects insn_effects(const isa::Insn& insn) {
  InsnEffects e;
  const isa::Fmt f = insn.fmt();
  if (isa::reads_rs1(f)) e.reads |= bit(insn.rs1);
  if (isa::reads_rs2(f)) e.reads |= bit(insn.rs2);
  if (isa::writes_rd(f)) e.writes |= bit(insn.rd);
  const isa::Unit u = insn.unit();
  e.load = u == isa::Unit::Load;
  e.store = u == isa::Unit::Store;
  e.width = access_width(isa::info(insn.op).mem);
  if (insn.op == isa::Op::Ecall) {
    e.reads |= bit(kA0) | bit(kA1) | bit(kA2) | bit(kA7);
    e.writes |= bit(kA0);
  }
  e.ends_block = u == isa::Unit::Branch || u == isa::Unit::Jump || u == isa::Unit::System;
  return e;
}

uint32_t memory_latency(const PipelineConfig& config) {
  uint32_t memory_stages = 0;
  for (const StageConfig& s : config.stages) memory_stages += s.role == StageRole::Memory;
  const uint32_t access =
      config.memory.dcache.enabled ? config.memory.dcache.hit_latency : config.memory.data_latency;
  return (memory_stages > 0 ? memory_stages - 1 : 0) + access;
}

uint32_t result_latency(const PipelineConfig& config, const isa::Insn& insn) {
  uint32_t latency = 1;
  if (!config.functional_units.empty())
    latency = config.functional_units[config.unit_for(insn.unit())].latency;
  const isa::Unit u = insn.unit();
  if (u == isa::Unit::Load || u == isa::Unit::Store) latency += memory_latency(config);
  return latency;
}

}  // namespace pipesim::classroom
