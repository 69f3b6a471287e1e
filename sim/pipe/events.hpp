// The narrow interface through which the timing engines publish what happens, cycle by cycle.
// Outputs (diagrams, summaries, JSON and viewer traces) implement TraceSink; they observe and
// never steer the model. A model with no sink attached builds no records at all. The counters
// a run ends with are in sim/pipe/stats.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "isa/isa.hpp"
#include "sim/config/config.hpp"  // kMaxStages

namespace pipesim {

inline constexpr uint64_t kNoSeq = ~uint64_t{0};
inline constexpr uint32_t kNoUnit = ~uint32_t{0};

// Why a stage holds a bubble instead of an instruction. Every bubble has exactly one cause.
enum class StallCause : uint8_t {
  Fill,        // the pipeline is filling at the start of the run
  Raw,         // waiting for a register value from an older instruction (not a load)
  LoadUse,     // waiting for a value an older load is still fetching from memory
  Control,     // a slot lost to a branch or jump: flushed wrong-path work or fetch waiting
  Structural,  // a unit or port is busy (functional units, shared memory port)
  Waw,         // waiting so that register writes complete in program order
  Memory,      // waiting for memory (cache miss, memory latency)
  Issue,       // superscalar: an issue slot left empty by a pairing rule (IssueReason says which)
};
inline constexpr std::size_t kNumStallCauses = 8;
const char* cause_name(StallCause c);  // "fill", "raw", "load_use", "control", "structural",
                                       // "waw", "memory", "issue"
// Issue slots exist only on superscalar machines: outputs of a width-1 machine leave the cause
// out (it is always 0 there).
inline bool cause_applies(StallCause c, uint32_t issue_width) {
  return c != StallCause::Issue || issue_width > 1;
}

// Why an issue slot went empty (StallCause::Issue), docs/model.md "Superscalar issue".
enum class IssueReason : uint8_t {
  None,
  Dependent,   // it reads a register an older instruction issuing in the same cycle writes
  SlotClass,   // no free issue slot accepts its class
  MemoryPort,  // the loads and stores allowed per cycle have issued
  Branch,      // the branches and jumps allowed per cycle have issued, or a taken branch
               // (predicted at fetch) ended the fetch packet
  Alignment,   // the fetch packet ended at its aligned boundary
  ReadPorts,   // not enough register-file read ports left for its operands
  WritePorts,  // not enough register-file write ports left for its result
};
inline constexpr std::size_t kNumIssueReasons = 8;
const char* issue_reason_name(IssueReason r);  // "", "dependent", "slot_class", "memory_port",
                                               // "branch", "alignment", "read_ports", "write_ports"

// What a stage holds during one cycle.
struct SlotView {
  uint64_t seq = kNoSeq;                   // the instruction, or kNoSeq for a bubble
  StallCause cause = StallCause::Fill;     // for a bubble: why it is there
  bool stalled = false;                    // the instruction stays in this stage next cycle (held)
  IssueReason reason = IssueReason::None;  // a bubble of cause Issue: which pairing rule
  bool occupied() const { return seq != kNoSeq; }
};

enum class EventKind : uint8_t {
  Stall,      // an instruction is held; a bubble enters the stage after it
  Flush,      // a wrong-path instruction is squashed
  Forward,    // a value travels over a forwarding path
  Redirect,   // fetch is redirected (misprediction, taken jump, trap)
  Commit,     // an instruction completes (counted as executed)
  CacheMiss,  // an access missed in a cache: reg 0 = instruction cache, 1 = data cache;
              // target = the address; other = cycles it costs beyond a hit
};

struct Event {
  EventKind kind = EventKind::Stall;
  StallCause cause = StallCause::Fill;  // Stall and Flush: the cause
  uint32_t stage = 0;                   // where it happens (Forward: the stage receiving the value)
  uint32_t from_stage = 0;              // Forward: the stage whose output latch supplies the value
  uint64_t seq = kNoSeq;  // the instruction held, flushed, receiving, redirecting, committing
  uint64_t other =
      kNoSeq;           // Stall/Forward: the producing instruction; Flush: the one that flushed it
  uint8_t reg = 0;      // Stall/Forward: the register involved (0 if none)
  uint32_t target = 0;  // Redirect: the new fetch address
  IssueReason reason = IssueReason::None;  // Stall with cause Issue: the pairing rule
};

// One cycle, published once at its end.
struct CycleRecord {
  uint64_t cycle = 0;  // 1-based
  // issue_width entries per configured stage, stage by stage (stage s, position p at
  // s * width + p). Within a stage the instructions come first, oldest first, then the bubbles;
  // an instruction's issue slot (lane) is in its InsnRecord.
  std::span<const SlotView> stages;
  std::span<const Event> events;  // everything that happened this cycle
  // Parallel execute mode only (empty otherwise): one per functional-unit position, in the
  // order of PipelineConfig::unit_lanes(). The execute stage's own entry in `stages` is then
  // always a bubble; the instructions executing are here.
  std::span<const SlotView> lanes;
  uint32_t width = 1;  // the machine's issue width: entries per stage in `stages`
  const SlotView& at(uint32_t stage, uint32_t position = 0) const {
    return stages[stage * width + position];
  }
  uint32_t num_stages() const { return static_cast<uint32_t>(stages.size() / width); }
};

// One dynamic instruction, published when it leaves the machine (retired or squashed).
struct InsnRecord {
  uint64_t seq = 0;  // 0-based, in fetch order (squashed wrong-path instructions included)
  uint32_t pc = 0;
  uint32_t word = 0;
  isa::Op op = isa::Op::Illegal;
  bool committed = false;        // counted as executed (false: flushed / squashed at the halt)
  uint64_t flushed_by = kNoSeq;  // the instruction whose resolution or trap squashed it
  // Cycle it entered each stage (0: never). Stages are entered in order; a multi-cycle
  // machine skips stages an instruction does not use. For a single-cycle machine every
  // stage is entered in the same cycle.
  std::array<uint64_t, kMaxStages> enter{};
  // Cycles it was working in each stage from its entry (1 normally; more for a multi-cycle
  // operation in execute or a slow memory access): the cycles after that in the stage were
  // stalls. 0 for stages never entered.
  std::array<uint32_t, kMaxStages> busy{};
  uint64_t last_cycle = 0;  // the last cycle it occupied a stage
  // The functional unit that executed it (index into PipelineConfig::functional_units, kNoUnit
  // if it never reached execute) and which instance of it.
  uint32_t unit = kNoUnit;
  uint32_t unit_instance = 0;
  // Superscalar machines: the issue slot it was issued to (0 on a width-1 machine, and for an
  // instruction squashed before it issued).
  uint32_t lane = 0;
};

// The sink contract: everything arrives in time order. For each cycle N, on_cycle(N) first, then
// on_instruction() for every instruction that left the machine in N (those squashed during N, in
// the order they were squashed, then those that retired or were squashed at the end of N); then
// cycle N + 1; on_end() last. So a sink has seen every cycle an instruction was in (and every
// stall of it) when its record arrives.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void on_cycle(const CycleRecord&) {}
  virtual void on_instruction(const InsnRecord&) {}
  virtual void on_end() {}  // after the last cycle
};

}  // namespace pipesim
