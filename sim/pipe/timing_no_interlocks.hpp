// The timing model's engine for machines without interlocks (`hazard_detection: false`,
// docs/timing-model.md "Without interlocks"), internal to sim/pipe/timing_no_interlocks.cpp.
// Nothing is ever held on such a machine (the presets have one-cycle stages), so an instruction
// fetched for cycle f is in stage s in cycle f + s until it leaves or is flushed; what differs
// from sequential execution is the values. The engine runs every fetched instruction, wrong
// paths included, in fetch order through the stages PipelineModel evaluates it in, with the
// register values its stages see in their cycles: the register file as of that cycle (a small
// list of writes not yet visible to every later reader) and the forwarding latches of the older
// instructions still in the pipeline. Memory is accessed in the one memory stage in fetch order,
// so it stays sequential; only an ecall performed in decode reads it earlier (stores still ahead
// of it are taken back for it). It uses the scalar engine's fetch cache and rules (Engine).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/machine/arch_state.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

// Which machines without interlocks it runs (timing_model_supports() asks for these).
bool no_interlocks_supported(const PipelineConfig& c);

class NoInterlocksEngine {
 public:
  NoInterlocksEngine(Engine& e, const Program& program);
  std::optional<MachineResult> run(HostIo& io, const RunLimits& limits);

 private:
  // One fetched instruction, kept while a younger one may look at it (forwarding, traps).
  struct Flight {
    uint64_t f = 0;              // the cycle it is in stage 0
    uint64_t gone = 0;           // the first cycle it is no longer in the pipeline
    uint64_t fault_at = kNever;  // the cycle its fault was raised
    uint64_t trap_until = 0;     // an ecall or ebreak counts as a trap ahead before this cycle
    uint32_t result = 0;         // what execute computed (a load's or store's address)
    uint32_t loaded = 0;         // a load's data, from the end of the last memory stage
    uint8_t dst = 0;
    bool load = false;
  };
  // A register write not yet visible to every later reader: in cycle `cycle`, by the
  // instruction fetched `order`-th (writes of one cycle land oldest first).
  struct Write {
    uint64_t cycle, order;
    uint8_t reg;
    uint32_t value;
  };
  // A store done in the memory stage, kept while an ecall performed earlier in the pipeline (in
  // an older cycle) may still read memory: what it overwrote.
  struct Store {
    uint64_t cycle;
    uint32_t addr, size, old, value;
  };
  // A flush decided in cycle `at`: everything fetched up to then behind its instruction goes,
  // and fetch goes on at `pc` in at + 1, or stays stopped.
  struct Kill {
    uint64_t at;
    uint32_t pc;
    bool stop;
  };
  // What the stages ask of the instruction at a pc that follows from it and the machine alone,
  // worked out once per pc of the first code segment (beside Engine's fetch cache): the loop
  // then does not decode the same questions again for every instruction it runs.
  struct Static {
    const Fetched* in = nullptr;  // null: not worked out yet
    uint8_t operand_stage = 0;    // decode (a branch or jalr resolved there) or the first execute
    uint8_t resolve_stage = 0;    // a branch's or jump's; kNoStage for the others
    uint8_t size = 0;             // a load's or store's bytes
    isa::Mem mem = isa::Mem::None;
    bool read1 = false, read2 = false;        // reads rs1, rs2 (not x0)
    bool forward1 = false, forward2 = false;  // and the forwarding unit supplies it
    bool b_is_rs2 = false;                    // operand b is rs2 (else the immediate)
    bool declined = false;                    // a CSR access or fence.i
    bool load = false, store = false;
    enum Trap : uint8_t { kNoTrap, kTrapForever, kTrapUntilEcall } trap = kNoTrap;
  };
  static constexpr uint8_t kNoStage = 0xff;
  Static describe(const Fetched& in) const;
  [[gnu::always_inline]] inline const Static* look_up(uint32_t pc);  // null: declined
  // One fetched instruction on its way through run(), filled in stage by stage (it is the
  // count_ - 1-th fetched: its flights_ index and write order). No default
  // member initialisers: run() sets every field once per instruction (zeroing the whole struct
  // and then the fields cost a tenth of the loop); its fault, rare, is in fault_.
  struct Step {
    uint32_t pc, predicted, next_pc;
    const Fetched* in;
    const Static* st;
    Flight* me;
    uint64_t stages;  // it does the work of stages 0 .. stages - 1 (then leaves or goes)
    uint32_t rs2, forwards;
    bool faulted;  // then fault_ says what
    bool executed, mispredicted, ecall_done, ecall_exit;
    int exit_code;
  };
  // How the run ends, once known: in cycle `at`, by the instruction at `pc`; and the last
  // committed instruction (a stop ends the run there).
  struct Ending {
    uint64_t at = kNever;
    Halt halt = Halt::None;
    Fault fault;
    int code = 0;
    uint32_t pc = 0;
    uint32_t next_commit_pc = 0;
    uint64_t last_commit = 0;  // the end-stage cycle of the last committed instruction
  };
  // The stages' work, in PipelineModel's order (timing_no_interlocks.cpp); false: declined.
  bool execute(Step& s);
  void resolve(Step& s);
  bool memory(Step& s);
  void early_ecall(Step& s);
  void commit(Step& s, Ending& end);
  uint32_t read(uint8_t reg, uint64_t cycle, bool same_cycle) const;
  void write(uint64_t cycle, uint64_t order, uint8_t reg, uint32_t value);
  void write_back(uint64_t cycle, uint64_t order, uint8_t reg, uint32_t value);
  void settle(uint64_t cycle);
  uint32_t operand(uint8_t reg, uint32_t read_value, uint32_t stage, uint64_t cycle,
                   uint32_t& forwards) const;
  bool trap_ahead(uint64_t cycle) const;
  RegFile registers_before(uint64_t cycle) const;
  void push_kill(uint64_t at, uint32_t pc, bool stop);
  bool take_back_stores(uint64_t cycle, bool redo);
  void fail(Step& s, const Fault& fault) {
    fault_ = fault;
    s.faulted = static_cast<bool>(fault);
  }

  Engine& e_;
  const PipelineRules& rules_;
  ArchState state_;  // the register file as every later reader sees it, and memory
  HeldIo held_;
  std::vector<Static> statics_;  // per word of Engine::fetch_cache_
  Static scratch_;               // for a pc outside it
  Fault fault_;                  // the fault of the Step being run, if it has one (Step::faulted)
  uint32_t n_ = 0, d_ = 0, fe_ = 0, m_ = 0, end_ = 0, ecall_ = 0;
  bool split_ = true;
  // The config's answers the loop asks for, read once (not through e_ and cfg_ per instruction).
  ForwardedOperands forwarded_{};
  Misaligned misaligned_{};
  bool redirect_taken_ = false;
  uint32_t last_memory_ = 0;
  // A producer in stage `where` and a consumer's operand stage: no forwarding path from its
  // latch; one, but not to this consumer's operand; one that forwards it (PipelineRules).
  enum Path : uint8_t { kNoPath, kPathElsewhere, kForwards };
  std::array<std::array<uint8_t, kMaxStages>, 2> paths_{};  // [operand stage is decode][where]
  // Per register: 1 + flights_ index of its youngest writer; kNoWriter (far older than any
  // instruction in the ring, so operand() needs no test of its own for it) before the first.
  static constexpr uint64_t kNoWriter = uint64_t{1} << 63;
  std::array<uint64_t, 32> writer_{};
  static constexpr uint64_t kMask = 63;
  std::array<Flight, kMask + 1> flights_{};
  uint64_t count_ = 0;  // instructions fetched so far (flights_ index of the next)
  static constexpr uint32_t kWriteMask = 15;
  std::array<Write, kWriteMask + 1> writes_{};  // a ring, oldest at writes_first_
  uint32_t writes_first_ = 0, writes_end_ = 0;
  std::array<uint8_t, 32> pending_{};  // per register: its writes in the ring
  std::array<Store, 8> stores_{};
  uint32_t stores_count_ = 0;
  std::array<Kill, kMaxStages + 2> kills_{};
  uint32_t kills_count_ = 0;
};

}  // namespace pipesim::timing
