// The rules of an in-order pipeline that both timing engines apply: the cycle model
// (PipelineModel, sim/pipe/pipeline.cpp) steps them cycle by cycle, the timing model
// (sim/pipe/timing_model.cpp) folds them into recurrences. Each rule lives here once, so the two
// engines cannot drift apart; what stays in each engine is only how it keeps time (docs/model.md,
// docs/timing-model.md). The contract is in docs/CONTRIBUTING.md (engine contract).
//
// PipelineRules is built once per run from the PipelineConfig and precomputes what the hot
// paths ask every cycle (stage roles, the forwarding matrix); its questions are inline.
#pragma once

#include <array>
#include <cstdint>

#include "isa/csr.hpp"
#include "isa/isa.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/fault.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/predictor.hpp"

namespace pipesim {

// Branches and jumps are the instructions with an outcome (next pc) to decide.
inline bool is_control(isa::Unit kind) {
  return kind == isa::Unit::Branch || kind == isa::Unit::Jump;
}

// The register an instruction writes (0 if none: x0 is never a dependence) and those it reads.
inline uint8_t dest_reg(const isa::Insn& in) {
  return isa::writes_rd(in.fmt()) ? in.rd : 0;
}
inline uint8_t source_reg1(const isa::Insn& in) {
  return isa::reads_rs1(in.fmt()) ? in.rs1 : 0;
}
inline uint8_t source_reg2(const isa::Insn& in) {
  return isa::reads_rs2(in.fmt()) ? in.rs2 : 0;
}

// Which cause a data-hazard stall is charged to: waiting for a load is a load-use stall.
inline StallCause data_hazard_cause(bool producer_is_load) {
  return producer_is_load ? StallCause::LoadUse : StallCause::Raw;
}

// What fetch finds at pc, and the fault the instruction carries to commit if it cannot be
// fetched or decoded (a misaligned pc, no memory there, an illegal word). `insn` is null when
// nothing was fetched.
struct FetchOutcome {
  const isa::Insn* insn = nullptr;
  Fault fault;
};
inline FetchOutcome fetch_and_decode(DecodeCache& cache, const Memory& mem, uint32_t pc) {
  FetchOutcome o;
  if (pc & 3) {
    o.fault = Fault{FaultKind::FetchMisaligned, pc, 0, pc};
  } else if ((o.insn = cache.fetch(mem, pc))) {
    // A CSR access other than a counter read is illegal from its fields alone (isa/csr.hpp).
    if (o.insn->op == isa::Op::Illegal || (isa::is_csr(o.insn->op) && !isa::csr_access_ok(*o.insn)))
      o.fault = Fault{FaultKind::IllegalInstruction, pc, o.insn->raw, 0};
  } else {
    o.fault = Fault{FaultKind::FetchAccess, pc, 0, pc};
  }
  if (o.fault) o.fault.past_code = fetch_past_code(o.fault, cache);
  return o;
}

// The branch predictor the config describes (a disabled one always predicts pc + 4).
unsigned predictor_bits(BranchPolicy policy);
BranchPredictor make_predictor(const BranchConfig& branches);

class PipelineRules {
 public:
  explicit PipelineRules(const PipelineConfig& config);

  // Stage roles (indices into the config's stages; the number of stages when the role is absent).
  const uint32_t num_stages, last_decode, first_execute, last_execute, first_memory, last_memory,
      writeback, end_stage;

  // Is there a forwarding path from the output latch of stage `from` into stage `to`, from a
  // producer in issue slot (lane) `from_lane` to a consumer in lane `to_lane`? (A machine of
  // width 1 has only lane 0, which every path joins.)
  bool forwards(uint32_t from, uint32_t to, uint32_t from_lane = 0, uint32_t to_lane = 0) const {
    return (lane_forward_[to][from] >> (from_lane * kMaxIssueWidth + to_lane)) & 1;
  }

  // The stage where an instruction consumes its source operands: branches and jalr where they
  // are decided if that is decode (they need the values there), everything else the first
  // execute stage.
  uint32_t operand_stage(isa::Unit kind, isa::Op op) const {
    const BranchConfig& b = branches_;
    if ((kind == isa::Unit::Branch && b.resolve_stage <= last_decode) ||
        (op == isa::Op::Jalr && b.jalr_stage <= last_decode))
      return last_decode;
    return first_execute;
  }
  // The stage at whose end the value an instruction writes exists: loads at the end of the
  // memory stages, everything else at the end of the execute stages.
  uint32_t result_stage(isa::Unit kind) const {
    return kind == isa::Unit::Load ? last_memory : last_execute;
  }
  // Where a branch or jump's outcome is decided (config "branches": jal_stage, jalr_stage,
  // resolve_stage).
  uint32_t resolve_stage(isa::Op op) const {
    if (op == isa::Op::Jal) return branches_.jal_stage;
    if (op == isa::Op::Jalr) return branches_.jalr_stage;
    return branches_.resolve_stage;
  }

  // Operand availability. A consumer that takes its operands in `operand_stage` needs a value
  // whose producer is in stage `where` now and in stage `where_then` when the operands are
  // consumed. It has it if the producer has written the register file (the register-file read
  // sees a write-back stage's write in the same cycle only when the file is split-phase), or if
  // the producer's value exists (`result_stage`) at the end of stage where_then - 1 and that
  // latch has a forwarding path into the operand stage.
  // On a superscalar machine the path must also join the producer's lane to the consumer's.
  bool value_available(uint32_t where, uint32_t where_then, uint32_t result_stage,
                       uint32_t operand_stage, uint32_t from_lane = 0, uint32_t to_lane = 0) const {
    if (regfile_available(where)) return true;
    return where_then < num_stages && where_then - 1 >= result_stage &&
           forwards(where_then - 1, operand_stage, from_lane, to_lane);
  }
  // Forwarding path selection: a producer in stage `where` offers its value from the latch at
  // the end of the stage before it; it forwards into `operand_stage` if that latch has a path.
  // Among such producers of one register the nearest (youngest) one supplies the value.
  // Has a producer in stage `where` written the register file for a read this cycle?
  bool regfile_available(uint32_t where) const {
    return where > writeback || (where == writeback && split_phase_regfile_);
  }
  // Is there a path from the latch of a producer in stage `where` into `operand_stage` for some
  // pair of lanes (whichever lanes the producer and the consumer are in)?
  bool any_path_from_stage(uint32_t where, uint32_t operand_stage) const {
    return lane_forward_[operand_stage][where - 1] != 0;
  }
  bool forwards_from_stage(uint32_t where, uint32_t operand_stage, uint32_t from_lane = 0,
                           uint32_t to_lane = 0) const {
    return forwards(where - 1, operand_stage, from_lane, to_lane);
  }

 private:
  BranchConfig branches_;
  bool split_phase_regfile_;
  // [to][from]: the lane pairs a forwarding path joins (PipelineConfig::forward_lanes)
  std::array<std::array<uint16_t, kMaxStages>, kMaxStages> lane_forward_{};
};

}  // namespace pipesim
