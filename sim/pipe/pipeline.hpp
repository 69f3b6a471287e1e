// The cycle-level model of an in-order pipeline whose shape is a PipelineConfig.
//
// Each stage holds one slot: an in-flight instruction or a bubble that carries the cause of the
// cycle it represents. A cycle has three phases (docs/model.md):
//   1. evaluate every stage, oldest (last) first, so a redirect or flush decided by an older
//      instruction reaches the younger stages in the same cycle (gem5 MinorCPU, QtRVSim);
//   2. publish the cycle to the trace sinks;
//   3. advance: an instruction moves one stage when the stage ahead is vacated and it is not
//      held; a held instruction leaves a bubble (with its cause) behind it; fetch fills stage 0.
//
// Multi-cycle work (a slow fetch or data access, a multi-cycle operation in blocking execute
// mode) holds the instruction in its stage until the work is done. In parallel execute mode the
// execute stage is replaced by functional-unit lanes: decode issues in order into a unit, the
// unit's latency later the instruction enters the memory stage at the cycle it reserved at issue
// (the write-back port), so instructions complete out of order; see docs/model.md.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/config/forwarded_operands.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/arch_state.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/cache.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/pipeline_rules.hpp"
#include "sim/pipe/predictor.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/side_effects.hpp"

namespace pipesim {

class Iss;

// Words used below. "Class": what the instruction table says an instruction is (isa::Unit:
// alu, branch, jump, load, store, mul, div, system). "Functional unit" (fu): an entry of the
// config's functional_units, which executes one or more classes with a latency. "Instance":
// one of the `count` copies of a functional unit. "Lane": one position of one instance (a
// pipelined unit of latency L has L positions, a busy-until-done unit one); parallel execute
// mode keeps one slot per lane (PipelineConfig::unit_lanes()).

// One dynamic instruction in flight, with everything the stages compute about it.
struct DynInsn {
  uint64_t seq = 0;
  uint32_t pc = 0;
  isa::Insn insn;
  // Looked up in the instruction table once, at fetch: the stages ask for them every cycle.
  isa::Unit kind = isa::Unit::System;  // its class
  uint8_t dst = 0;  // the register it writes; 0 if none (x0 is never a dependence)
  // The registers it reads (source_reg1, source_reg2: 0 if none), and which of them pass through
  // the forwarding multiplexers (bit 0: rs1, bit 1: rs2; forwarded_rs1/rs2 of its class).
  std::array<uint8_t, 2> src{};
  uint8_t src_forwarded = 0;
  uint32_t pred_next = 0;  // the address fetched after it (prediction)
  uint32_t rs1_read = 0;   // register-file values read in decode (the latest read)
  uint32_t rs2_read = 0;
  // What execute computed; which value it is depends on the class (the accessors below).
  uint32_t exec_result = 0;
  uint32_t store_data = 0;
  uint32_t loaded = 0;   // load data, valid from the end of the last memory stage
  uint32_t next_pc = 0;  // actual next pc once resolved
  bool executed = false;
  bool resolved = false;
  bool mispredicted = false;
  uint8_t forwards = 0;        // operands it received over forwarding paths
  Fault fault;                 // raised when it commits
  uint32_t operand_stage = 0;  // where it consumes its source operands
  uint32_t result_stage = 0;   // at whose end its rd value exists
  uint32_t fetch_cycles = 1;   // cycles its fetch takes (instruction cache / memory latency)
  uint64_t busy_until = 0;     // the last cycle of its work in the stage it is in
  uint32_t fu = 0;             // its functional unit (index into the config's functional_units)
  uint32_t fu_latency = 1;
  // Parallel execute mode: the cycle its result is done in its unit, and the cycle it enters the
  // memory stage (reserved at issue).
  uint64_t done_cycle = 0;
  uint64_t mem_entry = 0;
  uint64_t entered = 0;  // the cycle it entered the stage (or unit) it is in
  // Counter reads (isa/csr.hpp): the instructions retired before it (fetched before it and not
  // squashed; set at fetch, when every squash of an older instruction has happened), and the
  // cycle counter it read in execute (for --check: the functional model has no cycles).
  uint64_t retired_before = 0;
  uint64_t counter_cycle = 0;
  uint16_t idx = 0;   // its entry in the pool (and in the trace records)
  uint8_t stage = 0;  // the stage it is in (scalar machines without functional-unit lanes)
  // Scalar machines without lanes: the youngest older instruction in flight writing each source
  // register (rs1, rs2), as the hazard unit found it in decode's last cycle (pool entry and seq;
  // kNoSeq: none), so the forwarding unit starts from it instead of scanning the stages again.
  bool producers_known = false;
  std::array<uint16_t, 2> producer_idx{};
  std::array<uint64_t, 2> producer_seq{kNoSeq, kNoSeq};
  uint8_t lane = 0;  // superscalar: the issue slot it was (or will be) issued to
  bool committed = false;
  // Its register write was done early, when a younger ecall, ebreak or fault committed before
  // it reached write-back, or it ended a drained run there (write_early): write-back then writes
  // nothing.
  bool written_early = false;
  // An ecall that performed its system call before the end stage (cfg.ecall.stage, Ripes):
  // commit only ends the run if it was an exit.
  bool ecall_done = false;
  bool ecall_exit = false;
  int exit_code = 0;
  bool insn_fetched = false;  // a word was fetched (no fetch fault): it went through the L1I

  // Does it write `reg` (a real dependence: x0 is a constant)?
  bool writes(unsigned reg) const { return reg != 0 && dst == reg; }
  // The value it writes to rd (classes that write a register other than loads).
  uint32_t rd_value() const { return exec_result; }
  // A branch's condition: non-zero when taken.
  uint32_t condition() const { return exec_result; }
  // A load's or store's effective address.
  uint32_t mem_addr() const { return exec_result; }
};

class PipelineModel {
 public:
  PipelineModel(const PipelineConfig& config, const Program& program, HostIo& io,
                std::span<TraceSink* const> sinks, bool check);
  ~PipelineModel();
  MachineResult run(const RunLimits& limits);

 private:
  struct Slot {
    uint64_t seq = kNoSeq;
    StallCause cause = StallCause::Fill;     // bubble's cause, or the cause holding the instruction
    uint16_t idx = 0;                        // the instruction's entry in pool_
    IssueReason reason = IssueReason::None;  // a bubble of cause Issue: the pairing rule
    bool occupied() const { return seq != kNoSeq; }
  };
  // One stage's positions: on a superscalar machine (issue_width W) a stage holds up to W
  // instructions, oldest first from position 0, then bubbles. Width 1 uses position 0 only.
  using StageSlots = std::array<Slot, kMaxIssueWidth>;
  struct LaneInfo {
    uint32_t fu = 0;
    bool entry = false;  // the first position of a unit instance
    bool exit = false;   // the last position: its instruction goes to the memory stage next
  };
  struct Hold {
    bool held = false;
    StallCause cause = StallCause::Raw;
    uint64_t producer = kNoSeq;
    uint8_t reg = 0;
    IssueReason reason = IssueReason::None;
  };

  DynInsn& at(const Slot& s) { return pool_[s.idx]; }
  // The instruction's trace record: kept only while tracing (records_ is empty otherwise).
  InsnRecord& rec(const DynInsn& d) { return records_[d.idx]; }
  const DynInsn& at(const Slot& s) const { return pool_[s.idx]; }
  void release(const Slot& s) { free_.push_back(s.idx); }
  void hold(uint32_t stage, StallCause cause, uint64_t producer, uint8_t reg = 0) {
    holds_[stage] = Hold{true, cause, producer, reg};
    held_stages_ |= 1u << stage;
  }

  // What a stage does besides holding its instruction: its roles, looked up once at construction
  // (evaluate() asks them of every stage every cycle). A stage may have several.
  enum Duty : uint8_t {
    kFetches = 1,       // stage 0: a slow fetch holds it
    kExecutes = 2,      // the first execute stage
    kExecuteWork = 4,   // ... whose multi-cycle operations hold it (blocking execute mode)
    kMemoryAccess = 8,  // the first memory stage
    kDecodes = 16,      // the last decode stage
    kResolves = 32,     // a branch or jump may be decided here (not a decode stage)
    kCommits = 64,      // the end stage
    kWritesBack = 128,  // the write-back stage
  };

  // The run and its cycle (pipeline.cpp).
  bool step_cycle();
  // One machine shape at a time: the stage loop and advance of a machine of issue width 1, with
  // or without functional-unit lanes (Parallel), so the plain pipeline pays no check for them.
  template <bool Parallel>
  void evaluate_stages();
  void advance_lanes_machine();
  void advance_scalar();
  // A stage's work this cycle: evaluate() for the superscalar loop, its body inlined into the
  // scalar one (evaluate_inline).
  void evaluate(uint32_t stage, DynInsn& d);
  void evaluate_inline(uint32_t stage, DynInsn& d);
  uint32_t work_cycles(uint8_t duty, DynInsn& d);
  // Does a load or store use the (unified) memory port in `cycle`? Its access occupies the first
  // memory stage from the cycle it enters until its work there is done. (Inline: fetch asks.)
  bool data_port_busy(uint64_t cycle) const { return data_port_user(cycle) != kNoSeq; }
  // The load or store holding the data port in `cycle`, or kNoSeq.
  uint64_t data_port_user(uint64_t cycle) const {
    for (uint32_t p = 0; p < width_; ++p) {
      const Slot& m = slots_[rules_.first_memory][p];
      if (!m.occupied()) break;
      const DynInsn& d = at(m);
      if (d.kind != isa::Unit::Load && d.kind != isa::Unit::Store) continue;
      if (d.entered == cycle || d.busy_until >= cycle) return d.seq;
    }
    return kNoSeq;
  }
  void squash_at_halt();
  // Register writes done before write-back because the run ends first: those of the instructions
  // older than d between the end stage and write-back, and d's own (pipeline_commit.cpp).
  void write_back_older(const DynInsn& d);
  void write_early(DynInsn& d);
  // Ripes' conventions (pipeline_ripes.cpp): an ecall trapping before the end stage, and the end
  // of the program when it runs off its code (program_end: drain).
  void early_ecall(uint32_t stage, DynInsn& d);
  bool runs_off_code(uint32_t next_pc);
  // Superscalar machines (issue_width > 1): the cycle's evaluation, advance and fetch of whole
  // stages, and the pairing rules of issue (pipeline_issue.cpp).
  void evaluate_wide();
  void advance_wide();
  void fetch_group(uint64_t enter_cycle, uint32_t room);
  bool fetch_one(Slot& s, uint64_t enter_cycle);
  void prepare_fetch(DynInsn& d, uint32_t pc, uint64_t seq);
  // A store over [addr, addr + size) dropped decode-cache entries: drop their pcs' templates.
  void drop_templates(uint32_t addr, uint32_t size) {
    for (uint32_t a = (addr - icache_.base()) & ~3u; a < addr - icache_.base() + size; a += 4)
      if ((a >> 2) < template_of_.size()) template_of_[a >> 2] &= ~kTemplateValid;
  }
  bool pair_check(uint32_t stage, DynInsn& d);
  bool unit_taken(const DynInsn& d) const;
  bool place_in_slot(DynInsn& d);
  uint8_t first_free_slot(const DynInsn& d, uint8_t slots_used) const;
  bool lanes_keep_operands(uint32_t stage, DynInsn& d, uint8_t guessed_lane,
                           const std::array<uint8_t, kMaxIssueWidth>& lanes_before);
  IssueReason group_rule(const DynInsn& d) const;
  bool group_data_hazard(uint32_t stage);
  uint32_t pairing_group(uint32_t stage);
  uint32_t occupied_in(uint32_t stage) const;
  void fill_bubbles(StageSlots& st, uint32_t from, StallCause cause, IssueReason reason);
  void count_end_stage();
  void publish_cycle();
  void publish_wide_views();
  void retire_from_machine(DynInsn& d);
  // What each stage does (pipeline_stages.cpp).
  void fetch_into_stage0(uint64_t enter_cycle);
  void decode_stage(uint32_t stage, DynInsn& d);
  void execute(uint32_t stage, DynInsn& d);
  void start_memory_access(DynInsn& d);
  void memory_access(DynInsn& d);
  void writeback(DynInsn& d);
  // The hazard unit and the forwarding unit (pipeline_hazards.cpp).
  // On a scalar machine without lanes scalar_data_hazard() also records the producer of each
  // source operand in the DynInsn when every one is available (for the forwarding unit).
  Hold find_data_hazard(uint32_t stage, const DynInsn& d) const;
  Hold scalar_data_hazard(uint32_t stage, DynInsn& d) const;
  const DynInsn* producer_of(unsigned reg, uint32_t stage, const DynInsn& consumer,
                             uint32_t* where) const;
  uint32_t operand(uint32_t consumer_stage, DynInsn& d, unsigned reg, uint32_t read_value);
  uint32_t forwarded_operand(uint32_t consumer_stage, DynInsn& d, unsigned i, uint32_t read_value);
  bool known_producer(uint32_t consumer_stage, const DynInsn& d, unsigned reg, const DynInsn** best,
                      uint32_t* best_latch) const;
  uint32_t latch_value(const DynInsn& p, uint32_t end_of_stage) const;
  // Does an instruction's rs1 (rs2) pass through the forwarding multiplexers? With
  // `forwarded_operands: alu` only the ALU's inputs do: a branch's comparator inputs and a
  // store's data come straight from the decode-stage read (Ripes' RV32_5S_NO_HZ wiring).
  bool forwarded_rs1(isa::Unit k) const { return forwards_rs1(cfg_.forwarded_operands, k); }
  bool forwarded_rs2(isa::Unit k) const { return forwards_rs2(cfg_.forwarded_operands, k); }
  // The register-file read in decode. Without a split-phase register file, decode reads before
  // this cycle's write lands. (Inline: decode reads every cycle.)
  uint32_t read_register(unsigned reg) const {
    if (!cfg_.split_phase_regfile && reg != 0) {
      // The oldest write of this cycle to reg holds the value before the cycle.
      for (uint32_t w = 0; w < wb_count_; ++w)
        if (wb_written_[w].reg == reg) return wb_written_[w].old;
    }
    return state_.regs[reg];
  }
  // Control: resolve, redirect, flush (pipeline_control.cpp).
  void resolve(uint32_t stage, DynInsn& d);
  void redirect(uint32_t stage, DynInsn& d, uint32_t target);
  void flush_younger(uint32_t stage, uint64_t by_seq);
  void record_squash(const DynInsn& y, uint64_t by_seq);
  bool trap_ahead(uint64_t seq) const;
  void snoop_fetched(DynInsn& store, uint32_t addr, uint32_t size);
  // Commit and the check against the functional model (pipeline_commit.cpp).
  void commit(uint32_t stage, DynInsn& d);
  void finish_fault(const DynInsn& d);
  bool older_in_flight(uint64_t seq) const;
  void retire_pending();
  void check_commit(const DynInsn& d);
  std::optional<std::string> check_side_effects(const Retired& r);
  void report_mismatch(const DynInsn* d, uint8_t reg, uint32_t expected, uint32_t actual,
                       const std::string& problem);
  // Parallel execute mode: functional-unit lanes (pipeline_units.cpp).
  void evaluate_lanes();
  bool issue_check(uint32_t stage, DynInsn& d);
  bool issue_from_decode(uint32_t stage);
  void advance_lanes(bool mem_free);
  void emit(const Event& e) {
    if (tracing_) events_.push_back(e);
  }

  PipelineConfig cfg_;  // a copy: configs built in code may leave the units to the default
  HostIo& io_;
  std::vector<TraceSink*> sinks_;
  bool tracing_;
  ArchState state_;
  DecodeCache icache_;
  // Per word of the code the decode cache covers, the DynInsn a fetch from it starts from: the
  // fields the instruction alone decides (prepare_fetch), made once per pc and kept as long as
  // the decode cache keeps its entry. template_of_: 0, or the entry in templates_ plus one, with
  // kTemplateValid while it holds.
  static constexpr uint32_t kTemplateValid = 1u << 31;
  std::vector<uint32_t> template_of_;
  std::vector<DynInsn> templates_;
  // The youngest instruction fetched from outside the executable segments (code in data), or
  // kNoSeq: a store there can only hit one in flight if it is younger than the store.
  uint64_t outside_fetch_seq_ = kNoSeq;
  PipelineRules rules_;  // stage roles, operand and result stages, forwarding, availability
  BranchPredictor predictor_;
  std::optional<Cache> l1i_, l1d_;
  std::unique_ptr<Iss> golden_;      // lockstep functional model when checking
  SideEffectChecker effects_;        // stores and output in program order (when checking)
  ExpectedIo golden_out_{effects_};  // what it writes, compared piece by piece as written
  std::optional<CheckedIo> checked_io_;
  HostIo* ecall_io_ = nullptr;  // where an ecall writes: io_, through checked_io_ when checking

  uint32_t exec_stages_;
  bool parallel_;
  bool early_ecall_ = false;      // cfg_.ecall.stage is before the end stage
  uint32_t width_ = 1;            // issue width (cfg_.issue.width)
  bool lane_forwarding_ = false;  // cfg_.lane_restricted_forwarding(): slots matter to hazards
  bool scalar_ = true;            // width 1 and no functional-unit lanes
  std::array<StageSlots, kMaxStages> slots_{};
  std::array<uint8_t, kMaxStages> duties_{};  // per stage, its Duty bits
  bool fetch_shares_port_ = false;            // unified memory port: a slow fetch waits for data
  std::array<Hold, kMaxStages> holds_{};
  // The stages given a hold this cycle (a bit per stage), so that the plain scalar machine's
  // advance looks at and resets only those. (A flush may have cleared one since: Hold{}.)
  uint32_t held_stages_ = 0;
  std::array<bool, kMaxStages + 1> vacates_{};  // this cycle: does stage i empty (or its bubble
                                                // move on)? Known once the stages ahead are
                                                // evaluated; vacates_[num_stages] is true
  // In flight: one per stage position or unit lane.
  std::array<DynInsn, kMaxStages * kMaxIssueWidth + kMaxUnitLanes> pool_{};
  std::vector<uint16_t> free_;       // unused pool_ entries
  std::vector<InsnRecord> records_;  // per pool entry, when tracing
  // Pool entries of the instructions squashed this cycle: the sinks get their records after the
  // cycle's, so that everything is published in time order (events.hpp).
  std::vector<uint16_t> squashed_records_;
  std::array<uint32_t, 8> fu_of_class_{};  // the functional unit executing each class

  // Parallel execute mode.
  std::vector<Slot> lanes_;
  std::vector<LaneInfo> lane_info_;
  std::vector<uint8_t> lane_held_;  // the lane's instruction waits (published as stalled)
  // The entry (first) lane of every functional-unit instance, grouped by functional unit, and
  // per functional unit where its instances start in that list.
  std::vector<uint32_t> instance_entry_lane_;
  std::vector<uint32_t> first_instance_of_fu_;
  uint32_t min_latency_ = 1;
  uint32_t issue_lane_ = 0;                     // decode's choice this cycle when it issues
  static constexpr uint32_t kRing = 2048;       // > the largest unit latency + 2
  std::array<uint64_t, kRing> mem_reserved_{};  // cycle -> seq + 1 reserving the memory stage
  std::array<uint64_t, kRing> gap_cycle_{};     // cycle whose empty memory-stage slot ...
  std::array<StallCause, kRing> gap_cause_{};   // ... is charged to this cause
  struct Pending {                              // completed, waiting for older ones to retire
    uint64_t seq;
    DynInsn insn;
  };
  std::vector<Pending> pending_;
  bool draining_ = false;  // a faulting instruction waits for older ones to complete
  uint64_t cycle_ = 0;
  uint64_t next_seq_ = 0;
  uint32_t fetch_pc_ = 0;
  // The pc of the next instruction in program order (after the last commit): where a run that
  // hits a limit "is", which fetch_pc_ (possibly down a wrong path) is not.
  uint32_t next_commit_pc_ = 0;
  uint64_t fetch_blocked_by_ = kNoSeq;  // stall policy: the unresolved branch fetch waits for
  // A jump to a misaligned address, or a fault waiting for older instructions: nothing more to
  // fetch unless a flush squashes it.
  uint64_t fetch_stopped_by_ = kNoSeq;
  struct RegWrite {
    unsigned reg = 0;
    uint32_t old = 0;
  };
  // This cycle's register writes, oldest first, for reads without a split-phase register file.
  std::array<RegWrite, kMaxIssueWidth> wb_written_{};
  uint32_t wb_count_ = 0;
  // Superscalar issue this cycle (pair_check): how many of the issue stage's instructions issue,
  // the slots they took and what they used.
  struct IssueState {
    uint32_t count = 0;
    uint8_t slots_used = 0;
    uint32_t memory = 0, branches = 0, reads = 0, writes = 0;
    std::array<DynInsn*, kMaxIssueWidth> issuing{};
  } issue_;
  uint64_t halting_seq_ = kNoSeq;  // the instruction that ended the run

  MachineResult result_;
  std::vector<Event> events_;
  std::array<SlotView, kMaxStages * kMaxIssueWidth> views_{};
  std::vector<SlotView> lane_views_;
};

}  // namespace pipesim
