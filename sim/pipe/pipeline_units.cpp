// PipelineModel in parallel execute mode: the execute stage is replaced by functional-unit
// lanes. Decode issues in order (issue_check, issue_from_decode), each unit executes for its
// latency, and the instruction enters the memory stage in the cycle it reserved at issue
// (advance_lanes), so instructions complete out of order (docs/model.md).
#include "sim/pipe/pipeline.hpp"

#include <algorithm>
#include <stdexcept>

namespace pipesim {

using isa::Op;

// Instructions in their first cycle in a unit execute (and branches resolve there).
void PipelineModel::evaluate_lanes() {
  std::fill(lane_held_.begin(), lane_held_.end(), 0);
  for (Slot& l : lanes_) {
    if (!l.occupied()) continue;
    DynInsn& d = at(l);
    if (d.entered != cycle_) continue;
    execute(rules_.first_execute, d);
    if (!d.resolved) resolve(rules_.first_execute, d);
  }
}

// Parallel execute: may `d` issue from decode into its functional unit this cycle? (Hennessy &
// Patterson C.5: a free unit, the write-back port free when it finishes, no WAW; plus ecall and
// ebreak wait until they would complete after everything older.)
bool PipelineModel::issue_check(uint32_t stage, DynInsn& d) {
  const FunctionalUnit& fu = cfg_.functional_units[d.fu];
  // A unit instance whose first position is free next cycle.
  uint64_t busy_with = kNoSeq;
  issue_lane_ = ~0u;
  const uint32_t first = first_instance_of_fu_[d.fu];
  for (uint32_t i = 0; i < fu.count; ++i) {
    const uint32_t lane = instance_entry_lane_[first + i];
    const Slot& l = lanes_[lane];
    // A pipelined unit's first position always moves on; a busy-until-done unit frees when its
    // operation leaves for the memory stage, at the end of its done cycle.
    if (!l.occupied() || fu.pipelined || at(l).done_cycle <= cycle_) {
      issue_lane_ = lane;
      break;
    }
    if (busy_with == kNoSeq) busy_with = l.seq;
  }
  if (issue_lane_ == ~0u) {
    hold(stage, StallCause::Structural, busy_with);
    return false;
  }
  // The memory stage (and so the write-back port) in the cycle it would leave the unit.
  const uint64_t entry = cycle_ + 1 + fu.latency;
  const uint64_t reserved = mem_reserved_[entry % kRing];
  if (reserved != 0) {
    hold(stage, StallCause::Structural, reserved - 1);
    return false;
  }
  // ecall and ebreak complete after everything older: they see, and end with, the state of
  // sequential execution.
  if (d.insn.op == Op::Ecall || d.insn.op == Op::Ebreak) {
    for (const Slot& l : lanes_) {
      if (!l.occupied() || at(l).mem_entry < entry) continue;
      hold(stage, StallCause::Structural, l.seq);
      return false;
    }
  }
  // WAW: an older write to the same register still in a unit must not complete after this one.
  if (cfg_.hazard_detection && d.dst != 0) {
    for (const Slot& l : lanes_) {
      if (!l.occupied()) continue;
      const DynInsn& p = at(l);
      if (p.writes(d.insn.rd) && p.mem_entry > entry) {
        hold(stage, StallCause::Waw, p.seq, d.insn.rd);
        return false;
      }
    }
  }
  d.done_cycle = entry - 1;
  d.mem_entry = entry;
  return true;
}

// Parallel execute, at the end of the cycle: decode's instruction issues into the unit lane
// issue_check() chose, or the issue slot is lost. Returns whether decode is vacated.
bool PipelineModel::issue_from_decode(uint32_t stage) {
  Slot& s = slots_[stage][0];
  bool issued_fastest = false;
  // Decode issues into a unit, or the issue slot is lost for a reason that reaches the
  // memory stage when an instruction of the fastest unit would have.
  const uint64_t gap = cycle_ + 1 + min_latency_;
  StallCause lost = s.cause;  // a bubble in decode passes its cause on
  bool issued = !s.occupied();
  if (s.occupied() && !holds_[stage].held) {
    DynInsn& d = at(s);
    d.entered = cycle_ + 1;
    if (tracing_) {
      InsnRecord& r = rec(d);
      r.enter[stage + 1] = cycle_ + 1;
      r.busy[stage + 1] = d.fu_latency;
      r.unit = d.fu;
      r.unit_instance = static_cast<uint32_t>(
          std::find(instance_entry_lane_.begin(), instance_entry_lane_.end(), issue_lane_) -
          instance_entry_lane_.begin() - first_instance_of_fu_[d.fu]);
    }
    mem_reserved_[d.mem_entry % kRing] = d.seq + 1;
    lost = StallCause::Structural;  // unless its unit is a fastest one: the slot goes to a
                                    // multi-cycle operation
    lanes_[issue_lane_] = s;
    s = Slot{kNoSeq, StallCause::Fill};
    issued = true;
    if (d.fu_latency == min_latency_) issued_fastest = true;
  } else if (s.occupied()) {
    const Hold& h = holds_[stage];
    lost = h.cause;
    ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
    emit(Event{EventKind::Stall, h.cause, stage, 0, s.seq, h.producer, h.reg, 0});
  }
  if (!issued_fastest) {
    gap_cycle_[gap % kRing] = gap;
    gap_cause_[gap % kRing] = lost;
  }
  return issued;
}

// Moves instructions through the units: the one that reserved the memory stage for next cycle
// enters it; operations in pipelined units move one position; decode's instruction, if it
// issues, enters its unit's first position. `mem_free`: the memory stage is vacated.
void PipelineModel::advance_lanes(bool mem_free) {
  const uint64_t next = cycle_ + 1;
  const uint32_t mem = rules_.first_execute + 1;
  uint64_t& reserved = mem_reserved_[next % kRing];
  if (mem_free) {
    bool entered = false;
    if (reserved != 0) {
      for (Slot& l : lanes_) {
        if (l.seq + 1 != reserved) continue;
        at(l).entered = next;
        if (tracing_) rec(at(l)).enter[mem] = next;
        slots_[mem][0] = l;
        l = Slot{};
        entered = true;
        break;
      }
    }
    if (!entered) {
      // Nothing finishes: the slot was lost where decode issued nothing that would arrive now.
      const bool known = gap_cycle_[next % kRing] == next;
      slots_[mem][0] = Slot{kNoSeq, known ? gap_cause_[next % kRing] : StallCause::Fill};
    }
  }
  reserved = 0;
  // Pipelined units: the last position emptied above (or earlier); shift from the back.
  for (size_t i = lanes_.size(); i-- > 0;) {
    if (!lanes_[i].occupied() || lane_info_[i].exit) continue;
    lanes_[i + 1] = lanes_[i];
    lanes_[i] = Slot{};
  }
  // A busy-until-done unit whose operation is done has already passed it to the memory stage.
}

}  // namespace pipesim
