// The cycle-level model of an in-order pipeline whose shape is a PipelineConfig.
//
// Each stage holds one slot: an in-flight instruction or a bubble that carries the cause of the
// cycle it represents. A cycle has three phases (docs/model.md):
//   1. evaluate every stage, oldest (last) first, so a redirect or flush decided by an older
//      instruction reaches the younger stages in the same cycle (gem5 MinorCPU, QtRVSim);
//   2. publish the cycle to the trace sinks;
//   3. advance: an instruction moves one stage when the stage ahead is vacated and it is not
//      held; a held instruction leaves a bubble (with its cause) behind it; fetch fills stage 0.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "isa/program.hpp"
#include "sim/arch_state.hpp"
#include "sim/decode_cache.hpp"
#include "sim/host_io.hpp"
#include "sim/pipe/config.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/predictor.hpp"
#include "sim/pipe/trace.hpp"

namespace pipesim {

class Iss;

// One dynamic instruction in flight, with everything the stages compute about it.
struct DynInsn {
  uint64_t seq = 0;
  uint32_t pc = 0;
  isa::Insn insn;
  uint32_t pred_next = 0;  // the address fetched after it (prediction)
  uint32_t rs1_read = 0;   // register-file values read in decode (the latest read)
  uint32_t rs2_read = 0;
  uint32_t alu = 0;  // execute result: rd value, branch condition or memory address
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
  InsnRecord record;           // stage entry cycles, for the trace
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
    StallCause cause = StallCause::Fill;  // bubble's cause, or the cause holding the instruction
    bool occupied() const { return seq != kNoSeq; }
  };
  struct Hold {
    bool held = false;
    StallCause cause = StallCause::Raw;
    uint64_t producer = kNoSeq;
    uint8_t reg = 0;
  };

  DynInsn& insn(uint64_t seq) { return pool_[seq % pool_.size()]; }
  void fetch_into_stage0(uint64_t enter_cycle);
  void evaluate(uint32_t stage, DynInsn& d);
  void decode_stage(uint32_t stage, DynInsn& d);
  void execute(uint32_t stage, DynInsn& d);
  void memory_access(DynInsn& d);
  void commit(uint32_t stage, DynInsn& d);
  void writeback(DynInsn& d);
  void resolve(uint32_t stage, DynInsn& d);
  void redirect(uint32_t stage, DynInsn& d, uint32_t target);
  void flush_younger(uint32_t stage, uint64_t by_seq);
  Hold find_data_hazard(uint32_t stage, const DynInsn& d) const;
  uint32_t operand(uint32_t consumer_stage, DynInsn& d, unsigned reg, uint32_t read_value);
  uint32_t latch_value(const DynInsn& p, uint32_t end_of_stage) const;
  uint32_t read_register(unsigned reg) const;
  void check_commit(const DynInsn& d);
  void retire_from_machine(DynInsn& d);
  void advance();
  void count_end_stage();
  void publish_cycle();
  void emit(const Event& e) {
    if (tracing_) events_.push_back(e);
  }

  const PipelineConfig& cfg_;
  HostIo& io_;
  std::vector<TraceSink*> sinks_;
  bool tracing_;
  ArchState state_;
  DecodeCache icache_;
  BranchPredictor predictor_;
  std::unique_ptr<Iss> golden_;  // lockstep functional model when checking
  class NullIo : public HostIo {
    void write(int, std::string_view) override {}
  } null_io_;

  uint32_t num_stages_;
  uint32_t last_decode_, first_execute_, last_execute_, first_memory_, last_memory_, wb_stage_;
  std::array<Slot, kMaxStages> slots_{};
  std::array<Hold, kMaxStages> holds_{};
  std::array<DynInsn, 32> pool_{};  // in flight: at most one per stage
  uint64_t cycle_ = 0;
  uint64_t next_seq_ = 0;
  uint32_t fetch_pc_ = 0;
  uint64_t fetch_blocked_by_ = kNoSeq;  // stall policy: the unresolved branch fetch waits for
  bool fetch_stopped_ = false;          // a jump to a misaligned address: nothing more to fetch
  struct {
    unsigned reg = 0;
    uint32_t old = 0;
  } wb_written_;  // this cycle's register write, for reads without a split-phase register file

  MachineResult result_;
  std::vector<Event> events_;
  std::array<SlotView, kMaxStages> views_{};
};

}  // namespace pipesim
