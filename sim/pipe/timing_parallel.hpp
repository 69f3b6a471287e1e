// The timing model's engine for parallel functional units (internal to
// sim/pipe/timing_parallel.cpp, the committed path, and sim/pipe/timing_parallel_path.cpp, the
// paths behind traps; which machines: sim/pipe/timing_parallel_supported.cpp). It reproduces
// PipelineModel's issue_check, issue_from_decode and advance_lanes (sim/pipe/pipeline_units.cpp)
// per instruction, on top of the scalar engine's fetch cache, front end, predictor and wrong paths
// (timing_engine.hpp): nothing past decode is ever held in this mode either, so an instruction's
// place in any later cycle follows from the cycle it issued and its unit's latency
// (docs/timing-model.md "Parallel execute"). The hot steps are inline here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

// The config with its functional units filled in, and their least latency.
PipelineConfig with_units(const PipelineConfig& c);
uint32_t least_latency(const PipelineConfig& units);

class ParallelEngine {
 public:
  explicit ParallelEngine(Engine& e);
  std::optional<MachineResult> run(HostIo& io, const RunLimits& limits);

 private:
  // The functional unit that executes a class.
  struct UnitOf {
    uint32_t latency = 1;
    bool pipelined = true;
    uint32_t first = 0, count = 0;  // its instances in done_ (busy-until-done units)
  };
  // The youngest instruction that has issued and writes a register: the cycle it enters the
  // memory stage (0: none yet) and whether it is a load.
  struct Writer {
    uint64_t mem = 0;
    bool load = false;
  };
  // On a wrong path every change is logged, to be undone at its flush.
  struct Undo {
    enum class Kind : uint8_t { Reg, Instance, Reserved, MaxMem } kind;
    uint32_t index;
    Writer old;
  };
  static constexpr uint32_t kNoInstance = ~0u;
  static constexpr uint64_t kRing = 2048;  // > the largest unit latency + 2

  bool available(const Writer& w, bool in_decode, uint64_t c) const;
  bool can_issue(const Fetched& in, const UnitOf& u, uint64_t c, StallCause& cause,
                 uint32_t& instance) const;
  // kPath: on a wrong path (bubbles counted in a window, every change logged).
  template <bool kPath>
  void bubble(uint64_t c, StallCause cause);
  template <bool kPath>
  uint64_t decode(const Fetched& in, const UnitOf& u, uint64_t a, uint64_t cutoff,
                  uint32_t& instance);
  template <bool kPath>
  uint64_t issue(const Fetched& in, const UnitOf& u, uint64_t x, uint32_t instance);
  uint32_t forwards(const Fetched& in, uint64_t x) const;
  bool reserved(uint64_t cycle) const { return reserved_[cycle % kRing] == cycle; }
  void log(Undo::Kind kind, uint32_t index, Writer old) {
    if (undo_count_ == undo_.size()) {
      e_.decline("a long wrong path");
      return;
    }
    undo_[undo_count_++] = Undo{kind, index, old};
  }
  void undo_to(size_t mark);
  bool wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed, uint64_t counted_to,
                  const Memory& mem, const RegFile& regs);
  MachineResult finish(uint64_t cycles, bool faulted);

  Engine& e_;
  const PipelineConfig units_;  // the config with its functional units filled in
  uint32_t mem_ = 0;            // the memory stage (the units' exit)
  uint32_t mem_to_end_ = 0;     // stages from the memory stage to the end stage
  uint32_t least_ = 1;          // the least latency of a unit
  std::array<UnitOf, static_cast<size_t>(isa::Unit::System) + 1> unit_of_{};
  std::array<uint64_t, kMaxUnitLanes> done_{};  // busy-until-done instances: its operation's
                                                // last cycle there
  std::array<uint64_t, kRing> reserved_{};      // memory-stage cycles reserved at issue
  uint64_t max_mem_ = 0;                        // the latest memory-stage cycle reserved
  std::array<Writer, 32> reg_{};
  // On a wrong path, bubbles of decode cycles whose memory-stage cycle is after this one, and
  // up to `count_to_`, reach the end stage with their cause (see bubble()).
  uint64_t count_after_ = 0, count_to_ = kNever;
  std::array<Undo, 256> undo_{};
  size_t undo_count_ = 0;
};

// find_data_hazard(): can a consumer in decode in cycle c have the value of writer w when it
// consumes it (in decode, or in its unit next cycle)? A unit's result is in its output latch at
// the end of its last cycle (the cycle before w.mem), which forwards as the execute stage's
// latch: the scalar table at stage d + 1 says exactly that. Before that cycle it is not there.
[[gnu::always_inline]] inline bool ParallelEngine::available(const Writer& w, bool in_decode,
                                                             uint64_t c) const {
  if (c + 1 < w.mem) return false;
  const uint64_t where = mem_ + c - w.mem;  // (d + 1 in the unit's last cycle)
  if (where >= e_.n_) return true;          // it has left the pipeline
  return e_.available_[w.load][in_decode][where];
}

// issue_check(), in its order: data hazards, a free instance of the unit, the memory stage in
// the cycle it would leave the unit, ecall and ebreak after everything older, WAW.
[[gnu::always_inline]] inline bool ParallelEngine::can_issue(const Fetched& in, const UnitOf& u,
                                                             uint64_t c, StallCause& cause,
                                                             uint32_t& instance) const {
  for (uint8_t reg : in.src) {
    if (reg == 0 || reg_[reg].mem == 0 || available(reg_[reg], in.in_decode, c)) continue;
    cause = data_hazard_cause(reg_[reg].load);
    return false;
  }
  instance = kNoInstance;
  if (!u.pipelined) {
    for (uint32_t i = u.first; i < u.first + u.count; ++i)
      if (done_[i] <= c) {  // its operation leaves at the end of its done cycle
        instance = i;
        break;
      }
    if (instance == kNoInstance) {
      cause = StallCause::Structural;
      return false;
    }
  }
  const uint64_t entry = c + 1 + u.latency;
  if (reserved(entry) ||
      ((in.insn.op == isa::Op::Ecall || in.insn.op == isa::Op::Ebreak) && max_mem_ >= entry)) {
    cause = StallCause::Structural;
    return false;
  }
  // Writes of one register complete in program order, so the youngest writer is the last.
  if (in.dst != 0 && reg_[in.dst].mem > entry) {
    cause = StallCause::Waw;
    return false;
  }
  return true;
}

// issue_from_decode() and advance_lanes(): in a decode cycle c that does not issue an
// instruction of the fastest unit, the memory stage in cycle g = c + 1 + least gets a bubble of
// that cycle's cause, unless an instruction reserved g (at issue, which is never later than c),
// or a flush frees it (a bubble of cause control). Only those of causes other than control and
// fill are counted here (control is what is left over, finish()); of the bubbles of wrong-path
// decode cycles only those after the flush that ends the path reach the end stage.
template <bool kPath>
[[gnu::always_inline]] inline void ParallelEngine::bubble(uint64_t c, StallCause cause) {
  const uint64_t g = c + 1 + least_;
  if (kPath && (g <= count_after_ || g > count_to_)) return;
  if (!reserved(g)) ++e_.st_.stall_cycles[static_cast<size_t>(cause)];
}

// Holds the instruction in decode from cycle a until it can issue; returns that cycle, or
// `cutoff` if it is still there when it is flushed. Each held cycle is a stall event.
template <bool kPath>
[[gnu::always_inline]] inline uint64_t ParallelEngine::decode(const Fetched& in, const UnitOf& u,
                                                              uint64_t a, uint64_t cutoff,
                                                              uint32_t& instance) {
  for (uint64_t c = a; c < cutoff; ++c) {
    StallCause cause = StallCause::Raw;
    if (can_issue(in, u, c, cause, instance)) {
      if (u.latency != least_) bubble<kPath>(c, StallCause::Structural);  // a slower one took it
      return c;
    }
    ++e_.st_.stall_events[static_cast<size_t>(cause)];
    bubble<kPath>(c, cause);
  }
  return cutoff;
}

// Issues into the unit in cycle x: reserves the memory stage for x + 1 + latency, returned.
template <bool kPath>
[[gnu::always_inline]] inline uint64_t ParallelEngine::issue(const Fetched& in, const UnitOf& u,
                                                             uint64_t x, uint32_t instance) {
  const uint64_t entry = x + 1 + u.latency;
  if (kPath)
    log(Undo::Kind::Reserved, static_cast<uint32_t>(entry % kRing),
        Writer{reserved_[entry % kRing], false});
  reserved_[entry % kRing] = entry;
  if (instance != kNoInstance) {
    if (kPath) log(Undo::Kind::Instance, instance, Writer{done_[instance], false});
    done_[instance] = x + u.latency;
  }
  if (entry > max_mem_) {
    if (kPath) log(Undo::Kind::MaxMem, 0, Writer{max_mem_, false});
    max_mem_ = entry;
  }
  if (in.dst != 0) {
    if (kPath) log(Undo::Kind::Reg, in.dst, reg_[in.dst]);
    reg_[in.dst] = Writer{entry, in.kind == isa::Unit::Load};
  }
  return entry;
}

// operand(): an operand is forwarded from the youngest writer of its register, from the stage
// it is in when the instruction executes. A writer still in its unit then would have held it in
// decode; only one past its unit can forward. Every instruction executes as it enters its unit
// (x + 1, evaluate_lanes); a branch or jalr resolved in decode has executed there (x) too, and
// the cycle model counts the forwards of both.
[[gnu::always_inline]] inline uint32_t ParallelEngine::forwards(const Fetched& in,
                                                                uint64_t x) const {
  uint32_t count = 0;
  for (int in_decode = in.in_decode; in_decode >= 0; --in_decode) {
    const uint64_t c = x + (in_decode ? 0 : 1);
    for (uint8_t reg : in.src) {
      if (reg == 0 || reg_[reg].mem == 0 || c < reg_[reg].mem) continue;
      const uint64_t where = mem_ + c - reg_[reg].mem;
      if (where < e_.n_ && e_.forwards_[in_decode][where]) ++count;
    }
  }
  return count;
}

}  // namespace pipesim::timing
