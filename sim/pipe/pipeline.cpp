// Shares its rules with the timing model (sim/pipe/timing_model.cpp) through
// sim/pipe/pipeline_rules.hpp; the contract is in docs/CONTRIBUTING.md (engine contract).
//
// PipelineModel: construction, the run and its cycle (step_cycle: evaluate, count, publish,
// advance; evaluate() is here, next to step_cycle, so the compiler can inline it). The rest of the
// class is split by concern: pipeline_stages.cpp (what each stage does), pipeline_hazards.cpp (data
// hazards, forwarding), pipeline_control.cpp (resolve, redirect, flush), pipeline_commit.cpp
// (commit, checking against the functional model) and pipeline_units.cpp (parallel functional
// units).
#include "sim/pipe/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "isa/error.hpp"
#include "sim/iss/iss.hpp"

namespace pipesim {

using isa::Unit;

PipelineModel::PipelineModel(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, bool check)
    : cfg_(config),
      io_(io),
      sinks_(sinks.begin(), sinks.end()),
      tracing_(!sinks.empty()),
      icache_(program),
      rules_(config),
      predictor_(make_predictor(config.branches)) {
  if (rules_.num_stages == 0 || rules_.num_stages > kMaxStages)
    throw Error(fmt::format("config '{}': a pipeline has 1 to {} stages", config.name, kMaxStages));
  exec_stages_ = rules_.last_execute - rules_.first_execute + 1;
  parallel_ = cfg_.execute == ExecuteMode::Parallel;
  width_ = cfg_.issue.width;
  lane_forwarding_ = cfg_.lane_restricted_forwarding();
  scalar_ = width_ == 1 && !parallel_;
  cfg_.ecall.stage = cfg_.ecall_stage();  // a config built in code leaves it 0
  early_ecall_ = cfg_.ecall.stage < cfg_.end_stage;
  if (width_ < 1 || width_ > kMaxIssueWidth || (width_ > 1 && parallel_))
    throw Error(
        fmt::format("config '{}': issue width {} is not supported here", config.name, width_));
  fill_default_units(cfg_);
  if (cfg_.memory.icache.enabled) l1i_.emplace(cfg_.memory.icache);
  if (cfg_.memory.dcache.enabled) l1d_.emplace(cfg_.memory.dcache);
  if (parallel_) {
    // Validation guarantees these; the model relies on them (docs/model.md).
    if (exec_stages_ != 1 || cfg_.memory.data_latency != 1 || l1d_)
      throw Error(
          fmt::format("config '{}': parallel execute needs one execute stage and a "
                      "one-cycle data memory",
                      config.name));
    const std::vector<UnitLane> lanes = cfg_.unit_lanes();
    if (lanes.size() > kMaxUnitLanes)
      throw Error(fmt::format("config '{}': too many functional-unit positions", config.name));
    lanes_.assign(lanes.size(), Slot{});
    lane_held_.assign(lanes.size(), 0);
    lane_views_.resize(lanes.size());
    first_instance_of_fu_.assign(cfg_.functional_units.size(), 0);
    min_latency_ = ~0u;
    for (uint32_t u = 0; u < cfg_.functional_units.size(); ++u)
      min_latency_ = std::min(min_latency_, cfg_.functional_units[u].latency);
    for (size_t i = 0; i < lanes.size(); ++i) {
      const FunctionalUnit& f = cfg_.functional_units[lanes[i].unit];
      const uint32_t positions = f.pipelined ? f.latency : 1;
      LaneInfo info{lanes[i].unit, lanes[i].position == 0, lanes[i].position + 1 == positions};
      lane_info_.push_back(info);
      if (info.entry) {
        if (lanes[i].instance == 0)
          first_instance_of_fu_[lanes[i].unit] = static_cast<uint32_t>(instance_entry_lane_.size());
        instance_entry_lane_.push_back(static_cast<uint32_t>(i));
      }
    }
    if (min_latency_ + 2 >= kRing)
      throw Error(fmt::format("config '{}': unit latency too large", config.name));
  }
  for (uint32_t u = 0; u < fu_of_class_.size(); ++u)
    fu_of_class_[u] = cfg_.unit_for(static_cast<isa::Unit>(u));
  if (tracing_) {
    records_.resize(pool_.size());
    squashed_records_.reserve(pool_.size());
  }
  free_.reserve(pool_.size());
  for (size_t i = pool_.size(); i-- > 0;) free_.push_back(static_cast<uint16_t>(i));
  pending_.reserve(64);
  load_program_into(state_, program);
  fetch_pc_ = state_.pc;
  template_of_.assign(icache_.limit() / 4, 0);
  next_commit_pc_ = state_.pc;
  ecall_io_ = &io_;
  if (check) {
    golden_ = std::make_unique<Iss>(program, golden_out_, cfg_.memory.misaligned);
    checked_io_.emplace(io_, effects_);
    ecall_io_ = &*checked_io_;
  }
  for (uint32_t i = 0; i < rules_.num_stages; ++i) {
    uint8_t duty = 0;
    if (i == 0) duty |= kFetches;
    if (i == rules_.first_execute) duty |= kExecutes;
    if (i == rules_.first_execute && !parallel_) duty |= kExecuteWork;
    if (i == rules_.first_memory) duty |= kMemoryAccess;
    if (i == rules_.last_decode) duty |= kDecodes;
    if (cfg_.stages[i].role != StageRole::Decode) duty |= kResolves;
    if (i == cfg_.end_stage) duty |= kCommits;
    if (i == rules_.writeback) duty |= kWritesBack;
    duties_[i] = duty;
  }
  fetch_shares_port_ = cfg_.memory.unified_memory_port;
  events_.reserve(64);
  result_.stats.clock_period_ps = cfg_.clock_period_ps();
  result_.stats.issue_width = width_;
}

PipelineModel::~PipelineModel() = default;

// Cycles of work `d` does in a stage of these duties, from its first cycle there: the slow parts
// of the machine hold an instruction in the first stage of their role (docs/model.md).
uint32_t PipelineModel::work_cycles(uint8_t duty, DynInsn& d) {
  if (duty & kFetches) return d.fetch_cycles;
  if (duty & kExecuteWork) return d.fu_latency - (exec_stages_ - 1);
  if (duty & kMemoryAccess) {
    start_memory_access(d);
    return d.busy_until == 0 ? 1 : static_cast<uint32_t>(d.busy_until);
  }
  return 1;
}

[[gnu::always_inline]] inline void PipelineModel::evaluate_inline(uint32_t stage, DynInsn& d) {
  const uint8_t duty = duties_[stage];
  const bool first_cycle = d.entered == cycle_;
  if (first_cycle) {
    const uint32_t work = work_cycles(duty, d);
    d.busy_until = cycle_ + work - 1;
    if (tracing_) {
      if (duty & kExecutes) rec(d).unit = d.fu;
      rec(d).busy[stage] = work;
    }
  }
  if (duty & kDecodes) decode_stage(stage, d);
  if (first_cycle) {
    // What a stage does once, in the instruction's first cycle there.
    if ((duty & kExecutes) && !d.executed) execute(stage, d);
    if (early_ecall_ && stage == cfg_.ecall.stage && d.insn.op == isa::Op::Ecall)
      early_ecall(stage, d);
    if (!d.resolved && (duty & kResolves)) resolve(stage, d);
    if (duty & kCommits) {
      commit(stage, d);
      if (result_.halt != Halt::None) {
        // The last instruction of a program that runs off its code still writes its register
        // (program_end: drain), and so do the older ones still before write-back when the end
        // stage comes before it; for an ecall, an ebreak or a fault this writes nothing.
        if (duty & kWritesBack) {
          writeback(d);
        } else if (cfg_.program_end == ProgramEnd::Drain) {
          write_back_older(d);
          write_early(d);
        }
        return;
      }
    }
    if (duty & kWritesBack) writeback(d);
  } else if (early_ecall_ && stage == cfg_.ecall.stage && d.insn.op == isa::Op::Ecall) {
    early_ecall(stage, d);
  }
  // A slow fetch makes no progress in a cycle the data access has the port, its last cycle
  // included (its first was granted when it was fetched: fetch_into_stage0).
  if ((duty & kFetches) && !first_cycle && cycle_ <= d.busy_until && fetch_shares_port_ &&
      data_port_busy(cycle_)) {
    ++d.busy_until;
    if (tracing_) ++rec(d).busy[0];
    hold(stage, StallCause::Structural, data_port_user(cycle_));
  } else if (cycle_ < d.busy_until) {
    hold(stage, (duty & kExecutes) ? StallCause::Structural : StallCause::Memory, d.seq);
  }
}

void PipelineModel::evaluate(uint32_t stage, DynInsn& d) {
  evaluate_inline(stage, d);
}

// The write-back stage's work (here, next to evaluate(), so that it is inlined there).
void PipelineModel::writeback(DynInsn& d) {
  if (d.fault || d.dst == 0 || d.written_early) return;
  const uint32_t value = d.kind == Unit::Load ? d.loaded : d.rd_value();
  wb_written_[wb_count_++] = {d.insn.rd, state_.regs[d.insn.rd]};
  state_.regs.write(d.insn.rd, value);
}

// The stages of a machine of issue width 1, oldest first. With Parallel the first execute stage
// is replaced by the functional-unit lanes.
template <bool Parallel>
void PipelineModel::evaluate_stages() {
  bool ahead_vacates = true;  // vacates_[i + 1]
  for (uint32_t i = rules_.num_stages; i-- > 0;) {
    if (Parallel && i == rules_.first_execute) {
      evaluate_lanes();
      vacates_[i] = true;
      continue;
    }
    const Slot& s = slots_[i][0];
    if (s.occupied()) {
      evaluate_inline(i, at(s));
      if (result_.halt != Halt::None) break;
    }
    ahead_vacates = !(s.occupied() && holds_[i].held) && ahead_vacates;
    vacates_[i] = ahead_vacates;
  }
}

// One clock cycle (docs/model.md): evaluate every stage, oldest first; count what the end
// stage holds; publish the cycle; advance. Returns false when the run ends with this cycle.
// Inlined into run(), its one caller: the loop is the hottest code of the cycle model.
[[gnu::always_inline]] inline bool PipelineModel::step_cycle() {
  ++cycle_;
  wb_count_ = 0;
  if (width_ > 1)
    evaluate_wide();
  else if (parallel_)
    evaluate_stages<true>();
  else
    evaluate_stages<false>();
  if (!pending_.empty() && result_.halt == Halt::None) retire_pending();
  count_end_stage();
  publish_cycle();
  if (result_.halt != Halt::None) {
    squash_at_halt();
    return false;
  }
  if (width_ > 1)
    advance_wide();
  else if (parallel_)
    advance_lanes_machine();
  else
    advance_scalar();
  return true;
}

// The run ends with this cycle: older instructions have finished, younger ones never will.
void PipelineModel::squash_at_halt() {
  const uint64_t halting = width_ > 1 ? halting_seq_ : slots_[cfg_.end_stage][0].seq;
  auto squash = [&](Slot& s) {
    DynInsn& d = at(s);
    if (tracing_ && d.seq > halting) rec(d).flushed_by = halting;
    retire_from_machine(d);
  };
  // The end stage's slots whose instructions do not commit (the accounting identity, stats.hpp).
  for (uint32_t p = 0; p < width_; ++p) {
    const Slot& s = slots_[cfg_.end_stage][p];
    if (s.occupied() && !at(s).committed) ++result_.stats.halt_slots;
  }
  for (uint32_t i = rules_.num_stages; i-- > 0;)
    for (uint32_t p = 0; p < width_; ++p)
      if (slots_[i][p].occupied()) squash(slots_[i][p]);
  for (Slot& l : lanes_)
    if (l.occupied()) squash(l);
}

MachineResult PipelineModel::run(const RunLimits& limits) {
  if (width_ > 1)
    fetch_group(1, width_);
  else
    fetch_into_stage0(1);
  vacates_[rules_.num_stages] = true;
  while (result_.halt == Halt::None) {
    if (cycle_ >= limits.max_cycles || limits.should_stop(cycle_)) {
      result_.halt = Halt::Limit;
      result_.stopped = cycle_ < limits.max_cycles;
      break;
    }
    if (!step_cycle()) break;
  }
  // A completed run has no side effect left that sequential execution did not have, and leaves
  // the registers as it does: a write that had not reached write-back when the run ended must
  // have landed all the same (an end stage before WB; found missing with program_end drain).
  if (golden_ && !result_.divergence && result_.halt != Halt::Limit) {
    if (std::optional<std::string> p = effects_.finish()) report_mismatch(nullptr, 0, 0, 0, *p);
    const RegFile& expected = golden_->state().regs;
    for (unsigned reg = 1; reg < 32 && !result_.divergence; ++reg)
      if (state_.regs[reg] != expected[reg])
        report_mismatch(nullptr, static_cast<uint8_t>(reg), expected[reg], state_.regs[reg],
                        fmt::format("{} = 0x{:08x} at the end, sequential execution leaves "
                                    "0x{:08x}",
                                    isa::abi_name(reg), state_.regs[reg], expected[reg]));
  }
  result_.stats.cycles = cycle_;
  if (l1i_) result_.stats.icache = l1i_->stats();
  if (l1d_) result_.stats.dcache = l1d_->stats();
  result_.regs = state_.regs;
  if (result_.halt == Halt::Limit) result_.pc = next_commit_pc_;
  for (TraceSink* sink : sinks_) sink->on_end();
  return result_;
}

// Advance on a machine of width 1 with functional-unit lanes: decode issues into the lanes, and
// the lanes pass their instructions on into the memory stage.
void PipelineModel::advance_lanes_machine() {
  // Oldest first: the last stage always empties; a stage moves on when the one ahead is free.
  bool ahead_free = true;  // is stage i + 1 vacated this cycle?
  for (uint32_t i = rules_.num_stages; i-- > 0;) {
    Slot& s = slots_[i][0];
    const bool last = i + 1 == rules_.num_stages;
    if (i == rules_.first_execute) {
      if (!ahead_free && mem_reserved_[(cycle_ + 1) % kRing] != 0)
        throw std::logic_error("parallel execute: the memory stage is not free when reserved");
      advance_lanes(ahead_free);
      continue;
    }
    if (i == rules_.last_decode) {
      ahead_free = issue_from_decode(i);
      continue;
    }
    if (s.occupied()) {
      if (last) {
        DynInsn& d = at(s);
        retire_from_machine(d);
        release(s);
        s = Slot{kNoSeq, StallCause::Fill};
        ahead_free = true;
        continue;
      }
      if (ahead_free && !holds_[i].held) {
        DynInsn& d = at(s);
        d.entered = cycle_ + 1;
        d.stage = static_cast<uint8_t>(i + 1);
        if (tracing_) rec(d).enter[i + 1] = cycle_ + 1;
        slots_[i + 1][0] = s;
        s = Slot{kNoSeq, StallCause::Fill};
        ahead_free = true;
      } else {
        if (ahead_free) {
          // Held here: the stage ahead receives a bubble that carries the reason.
          const Hold& h = holds_[i];
          slots_[i + 1][0] = Slot{kNoSeq, h.cause};
          ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
          emit(Event{EventKind::Stall, h.cause, i, 0, s.seq, h.producer, h.reg, 0});
        }
        ahead_free = false;
      }
    } else if (last || ahead_free) {
      if (!last) slots_[i + 1][0] = s;  // the bubble moves on like an instruction
      ahead_free = true;
    } else {
      ahead_free = false;  // stuck behind a held stage; stalls freeze everything behind them
    }
  }
  if (ahead_free) fetch_into_stage0(cycle_ + 1);
  std::fill_n(holds_.begin(), rules_.num_stages, Hold{});
}

// Advance on a plain scalar machine, oldest stage first: the last stage empties; every stage
// ahead of the oldest held instruction moves on one stage (an instruction, or a bubble with its
// cause); the held instruction leaves a bubble with the reason in the stage ahead of it, and it
// and everything behind it stay (stalls freeze what is behind them). Without a hold, fetch
// fills stage 0.
void PipelineModel::advance_scalar() {
  const uint32_t n = rules_.num_stages;
  Slot& last = slots_[n - 1][0];
  if (last.occupied()) {
    retire_from_machine(at(last));
    release(last);
    last = Slot{kNoSeq, StallCause::Fill};
  }
  uint32_t held = n;  // the oldest stage whose instruction is held (n: none)
  for (uint32_t mask = held_stages_ & ((1u << (n - 1)) - 1); mask != 0;) {
    const uint32_t i = 31 - static_cast<uint32_t>(std::countl_zero(mask));
    if (holds_[i].held && slots_[i][0].occupied()) {
      held = i;
      break;
    }
    mask &= ~(1u << i);
  }
  const uint64_t next_cycle = cycle_ + 1;
  const uint32_t first_moving = held == n ? 0 : held + 1;
  for (uint32_t i = n - 1; i-- > first_moving;) {
    const Slot& s = slots_[i][0];
    if (s.occupied()) {
      DynInsn& d = at(s);
      d.entered = next_cycle;
      d.stage = static_cast<uint8_t>(i + 1);
      if (tracing_) rec(d).enter[i + 1] = next_cycle;
    }
    slots_[i + 1][0] = s;
  }
  if (held == n) {
    fetch_into_stage0(next_cycle);
  } else if (held + 1 < n) {
    // Held here: the stage ahead receives a bubble that carries the reason.
    const Hold& h = holds_[held];
    slots_[held + 1][0] = Slot{kNoSeq, h.cause};
    ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
    emit(Event{EventKind::Stall, h.cause, held, 0, slots_[held][0].seq, h.producer, h.reg, 0});
  }
  for (uint32_t mask = held_stages_; mask != 0; mask &= mask - 1)
    holds_[static_cast<uint32_t>(std::countr_zero(mask))] = Hold{};
  held_stages_ = 0;
}

// Every cycle the end stage either holds an instruction for its first cycle (one instruction
// executed) or a bubble, whose cause is charged one stall cycle (fill at the start).
void PipelineModel::count_end_stage() {
  PipelineStats& st = result_.stats;
  for (uint32_t p = 0; p < width_; ++p) {
    const Slot& s = slots_[cfg_.end_stage][p];
    if (s.occupied()) {
      if (at(s).entered != cycle_) ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
    } else if (s.cause == StallCause::Fill) {
      ++st.fill_cycles;
    } else {
      ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
      if (s.cause == StallCause::Issue) ++st.issue_reasons[static_cast<std::size_t>(s.reason)];
    }
  }
}

void PipelineModel::publish_cycle() {
  if (!tracing_) return;
  if (width_ == 1) {
    // The common case on its own: one position per stage, no issue stage to split (the loop
    // below, specialised; it costs a trace a few dozen host instructions a cycle less).
    const uint32_t stages = rules_.num_stages;
    for (uint32_t i = 0; i < stages; ++i) {
      const Slot& s = slots_[i][0];
      const Hold& h = holds_[i];
      views_[i] = s.occupied()
                      ? SlotView{s.seq, h.cause, h.held, h.held ? h.reason : IssueReason::None}
                      : SlotView{s.seq, s.cause, h.held, s.reason};
    }
  } else {
    publish_wide_views();
  }
  for (size_t l = 0; l < lanes_.size(); ++l)
    lane_views_[l] = SlotView{lanes_[l].seq, StallCause::Fill, lane_held_[l] != 0};
  CycleRecord rec{cycle_,
                  std::span<const SlotView>(views_.data(), size_t{rules_.num_stages} * width_),
                  events_, lane_views_};
  rec.width = width_;
  for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  events_.clear();
  // Then the instructions squashed during the cycle, in the order they were squashed (their
  // pool entries are not reused before the next fetch, in the advance step).
  for (uint16_t idx : squashed_records_)
    for (TraceSink* sink : sinks_) sink->on_instruction(records_[idx]);
  squashed_records_.clear();
}

// The stage views of a superscalar machine.
void PipelineModel::publish_wide_views() {
  for (uint32_t i = 0; i < rules_.num_stages; ++i) {
    // On the issue stage of a superscalar machine only the instructions from the first one
    // that does not issue on are held.
    const bool issue_stage = width_ > 1 && i == rules_.last_decode;
    for (uint32_t p = 0; p < width_; ++p) {
      const Slot& s = slots_[i][p];
      const bool held = holds_[i].held && (!issue_stage || p >= issue_.count);
      views_[i * width_ + p] = s.occupied() ? SlotView{s.seq, holds_[i].cause, held,
                                                       held ? holds_[i].reason : IssueReason::None}
                                            : SlotView{s.seq, s.cause, false, s.reason};
    }
  }
}

void PipelineModel::retire_from_machine(DynInsn& d) {
  if (!tracing_) return;
  rec(d).last_cycle = cycle_;
  for (TraceSink* sink : sinks_) sink->on_instruction(rec(d));
}

}  // namespace pipesim
