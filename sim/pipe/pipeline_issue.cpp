// PipelineModel on a superscalar machine (issue_width W > 1, docs/model.md "Superscalar issue"):
// every stage holds up to W instructions, oldest first. Fetch brings up to W per cycle, the
// stages before issue pass them on in order (merging packets unless `issue.alignment` is
// "aligned"), decode issues up to W in program order under the pairing rules (pair_check), and
// from issue on a stage's instructions move as one group. An issue slot left empty carries the
// cause that emptied it to the end stage, where it is counted (count_end_stage). The optional
// rules of Ripes' dual-issue model (alignment "packet", control_last, system_alone, split_war,
// hazard_holds_group, younger_first_slot; docs/config.md "Issue") are all decided here too.
#include "sim/pipe/pipeline.hpp"

namespace pipesim {

using isa::Unit;

uint32_t PipelineModel::occupied_in(uint32_t stage) const {
  uint32_t n = 0;
  while (n < width_ && slots_[stage][n].occupied()) ++n;
  return n;
}

void PipelineModel::fill_bubbles(StageSlots& st, uint32_t from, StallCause cause,
                                 IssueReason reason) {
  for (uint32_t p = from; p < width_; ++p) st[p] = Slot{kNoSeq, cause, 0, reason};
}

// Evaluates every stage oldest first, and within a stage its instructions oldest first (an older
// one's redirect squashes the younger ones of its own stage before they are evaluated).
void PipelineModel::evaluate_wide() {
  issue_ = IssueState{};
  for (uint32_t i = rules_.num_stages; i-- > 0;) {
    const bool group_held = i == rules_.last_decode && group_data_hazard(i);
    for (uint32_t p = 0; p < width_ && slots_[i][p].occupied() && !group_held; ++p) {
      evaluate(i, at(slots_[i][p]));
      if (result_.halt != Halt::None) return;
    }
    const uint32_t n = occupied_in(i);
    vacates_[i] = (i == rules_.last_decode ? issue_.count == n : !(n > 0 && holds_[i].held)) &&
                  vacates_[i + 1];
  }
}

// `issue.hazard_holds_group` (Ripes' hazard unit checks the whole bundle in II): when any
// instruction of the issue group has a data hazard, the group holds with that hazard's cause and
// none of it is evaluated this cycle. The group is what the pairing rules let issue together:
// Ripes splits a pair in ID, so its hazard unit never sees the younger half of a split pair
// beside the older one (whose producer that half may be: its value is then not the one a load
// ahead of them brings).
bool PipelineModel::group_data_hazard(uint32_t stage) {
  if (!cfg_.issue.hazard_holds_group || !cfg_.hazard_detection || !vacates_[stage + 1])
    return false;
  const uint32_t group = pairing_group(stage);
  uint8_t used = 0;
  for (uint32_t p = 0; p < group; ++p) {
    DynInsn& d = at(slots_[stage][p]);
    d.lane = first_free_slot(d, used);  // the slot it would take, as decode_stage guesses it
    used = static_cast<uint8_t>(used | 1u << d.lane);
    const Hold h = find_data_hazard(stage, d);
    if (h.held) {
      holds_[stage] = h;
      return true;
    }
  }
  return false;
}

// The first issue slot not in `slots_used` that accepts `d`'s class (0 if none).
uint8_t PipelineModel::first_free_slot(const DynInsn& d, uint8_t slots_used) const {
  const uint8_t bits = static_cast<uint8_t>(op_class(d.kind));
  for (uint32_t q = 0; q < width_; ++q)
    if (!(slots_used >> q & 1) && (cfg_.issue.accepts(q) & bits)) return static_cast<uint8_t>(q);
  return 0;
}

// With forwarding paths that join only some issue slots (lanes), the data hazard check was made
// for the slot `d` would take (`guessed_lane`). Placing it may give it another slot, or move an
// older instruction of the group: each one whose slot changed must still have its operands in
// its new slot. If `d` does not, it holds with that data hazard; if a moved older one does not
// (or it already consumed its operands in its old slot), `d` has no slot (reason slot_class).
bool PipelineModel::lanes_keep_operands(uint32_t stage, DynInsn& d, uint8_t guessed_lane,
                                        const std::array<uint8_t, kMaxIssueWidth>& lanes_before) {
  if (!lane_forwarding_ || !cfg_.hazard_detection) return true;
  for (uint32_t j = 0; j < issue_.count; ++j) {
    const DynInsn& older = *issue_.issuing[j];
    if (older.lane == lanes_before[j]) continue;
    if (older.executed || find_data_hazard(stage, older).held) {
      holds_[stage] = Hold{true, StallCause::Issue, kNoSeq, 0, IssueReason::SlotClass};
      return false;
    }
  }
  if (d.lane == guessed_lane) return true;
  const Hold h = find_data_hazard(stage, d);
  if (h.held) holds_[stage] = h;
  return !h.held;
}

// How many of the issue stage's instructions the pairing rules alone (data hazards aside) let
// issue together this cycle: pair_check on each in turn, then everything it set is undone.
uint32_t PipelineModel::pairing_group(uint32_t stage) {
  const IssueState saved = issue_;
  const Hold saved_hold = holds_[stage];
  const uint32_t n = occupied_in(stage);
  std::array<uint8_t, kMaxIssueWidth> lanes{};
  for (uint32_t p = 0; p < n; ++p) lanes[p] = at(slots_[stage][p]).lane;
  uint32_t k = 0;
  while (k < n && pair_check(stage, at(slots_[stage][k]))) ++k;
  for (uint32_t p = 0; p < n; ++p) at(slots_[stage][p]).lane = lanes[p];
  issue_ = saved;
  holds_[stage] = saved_hold;
  return k;
}

// Gives `d` an issue slot that accepts its class, if the group leaves one: the first free one
// (with `younger_first_slot`, the first one that accepts it even if an older instruction has
// it, when that one can move to another free slot that accepts it: Ripes' "older ALU to DATA").
// Failing that, an older instruction moves to free a slot for `d` when it can, so a matching
// is found whenever one exists (`alu; lw` when the first slot is the only memory slot).
bool PipelineModel::place_in_slot(DynInsn& d) {
  const IssueConfig& ic = cfg_.issue;
  IssueState& is = issue_;
  auto accepts = [&](uint32_t q, const DynInsn& x) {
    return (ic.accepts(q) & static_cast<uint8_t>(op_class(x.kind))) != 0;
  };
  auto is_free = [&](uint32_t q) { return !(is.slots_used >> q & 1); };
  auto take = [&](uint32_t q) {
    d.lane = static_cast<uint8_t>(q);
    is.slots_used = static_cast<uint8_t>(is.slots_used | 1u << q);
  };
  // Moves the older instruction in slot q to another free slot that accepts it.
  auto move_from = [&](uint32_t q) {
    for (uint32_t j = 0; j < is.count; ++j) {
      if (is.issuing[j]->lane != q) continue;
      for (uint32_t r = 0; r < width_; ++r)
        if (is_free(r) && accepts(r, *is.issuing[j])) {
          is.issuing[j]->lane = static_cast<uint8_t>(r);
          is.slots_used = static_cast<uint8_t>(is.slots_used | 1u << r);
          return true;
        }
    }
    return false;
  };
  for (uint32_t q = 0; q < width_; ++q) {
    if (!accepts(q, d)) continue;
    if (is_free(q) || (ic.younger_first_slot && move_from(q))) {
      take(q);
      return true;
    }
  }
  for (uint32_t q = 0; q < width_; ++q)
    if (accepts(q, d) && move_from(q)) {
      take(q);
      return true;
    }
  return false;
}

// Ripes' rules on what may share a group (`issue.control_last`, `system_alone`, `split_war`):
// the reason `d` may not issue behind the older instructions already issuing, or None.
IssueReason PipelineModel::group_rule(const DynInsn& d) const {
  const IssueConfig& ic = cfg_.issue;
  const IssueState& is = issue_;
  for (uint32_t j = 0; j < is.count; ++j) {
    const DynInsn& older = *is.issuing[j];
    if (ic.control_last && is_control(older.kind)) return IssueReason::Branch;
    if (ic.system_alone && (older.kind == Unit::System || d.kind == Unit::System))
      return IssueReason::SlotClass;
    if (ic.split_war && d.dst != 0 &&
        (source_reg1(older.insn) == d.dst || source_reg2(older.insn) == d.dst))
      return IssueReason::Dependent;
    // An ecall that performs its call early once the register writers ahead of it have left
    // (early_ecall) reads its arguments from the register file: in a group behind a writer it
    // would read them before the writer's value is there, and a stage's group cannot be split
    // after issue. It waits here instead, then for the writer in the stages ahead.
    if (early_ecall_ && cfg_.ecall.wait_for_writers && d.insn.op == isa::Op::Ecall &&
        !older.fault && isa::writes_rd(older.insn.fmt()))
      return IssueReason::Dependent;
  }
  return IssueReason::None;
}

// Each issue slot has its own one-cycle ALU; a multi-cycle functional unit (a multiplier, a
// divider) is shared by the slots: no more operations issue to it in a cycle than it has
// instances (blocking execute keeps them there together).
bool PipelineModel::unit_taken(const DynInsn& d) const {
  if (d.fu_latency <= 1) return false;
  uint32_t on_unit = 0;
  for (uint32_t j = 0; j < issue_.count; ++j) on_unit += issue_.issuing[j]->fu == d.fu;
  return on_unit >= cfg_.functional_units[d.fu].count;
}

// The pairing rules: can `d`, in the issue stage, issue this cycle after the older instructions
// that issue before it? If not, it holds the issue stage from here on with the rule's reason
// (the slots left empty are charged to it).
bool PipelineModel::pair_check(uint32_t stage, DynInsn& d) {
  const IssueConfig& ic = cfg_.issue;
  IssueState& is = issue_;
  const bool memory = d.kind == Unit::Load || d.kind == Unit::Store;
  const bool control = is_control(d.kind);
  const unsigned sources[2] = {source_reg1(d.insn), source_reg2(d.insn)};
  const uint32_t reads = (sources[0] != 0) + (sources[1] != 0);
  const uint32_t writes = d.dst != 0 ? 1 : 0;
  const uint8_t guessed_lane = d.lane;  // the slot its data hazard check assumed
  if (is.count > 0) {
    Hold h{true, StallCause::Issue, kNoSeq, 0, IssueReason::None};
    for (uint32_t j = 0; j < is.count && h.reason == IssueReason::None; ++j)
      for (unsigned reg : sources)
        if (is.issuing[j]->writes(reg)) {
          h = Hold{true, StallCause::Issue, is.issuing[j]->seq, static_cast<uint8_t>(reg),
                   IssueReason::Dependent};
          break;
        }
    if (h.reason == IssueReason::None) h.reason = group_rule(d);
    // Placing may move an older instruction's slot: undone when a later rule holds `d`.
    const uint8_t used_before = is.slots_used;
    std::array<uint8_t, kMaxIssueWidth> lanes_before{};
    for (uint32_t j = 0; j < is.count; ++j) lanes_before[j] = is.issuing[j]->lane;
    if (h.reason != IssueReason::None) {
    } else if (!place_in_slot(d) || unit_taken(d)) {
      h.reason = IssueReason::SlotClass;
    } else if (memory && is.memory >= ic.memory_per_cycle) {
      h.reason = IssueReason::MemoryPort;
    } else if (control && is.branches >= ic.branches_per_cycle) {
      h.reason = IssueReason::Branch;
    } else if (is.reads + reads > ic.read_ports) {
      h.reason = IssueReason::ReadPorts;
    } else if (is.writes + writes > ic.write_ports) {
      h.reason = IssueReason::WritePorts;
    }
    if (h.reason != IssueReason::None) holds_[stage] = h;
    if (h.reason != IssueReason::None ||
        !lanes_keep_operands(stage, d, guessed_lane, lanes_before)) {
      is.slots_used = used_before;
      for (uint32_t j = 0; j < is.count; ++j) is.issuing[j]->lane = lanes_before[j];
      return false;
    }
  } else {
    place_in_slot(d);  // the first instruction: validation gives every class a slot
  }
  is.memory += memory;
  is.branches += control;
  is.reads += reads;
  is.writes += writes;
  is.issuing[is.count++] = &d;
  return true;
}

// Fetches up to `room` instructions into the free positions of stage 0 (the last `room` ones).
// A fetch packet ends at a predicted-taken branch or jump, and on an aligned machine at the
// packet boundary (with alignment "packet", a packet is the W words from wherever fetch is);
// the positions left empty are issue slots lost to that.
void PipelineModel::fetch_group(uint64_t enter_cycle, uint32_t room) {
  StageSlots& st = slots_[0];
  uint32_t p = width_ - room;
  if (fetch_blocked_by_ != kNoSeq || fetch_stopped_by_ != kNoSeq) {
    fill_bubbles(st, p, StallCause::Control, IssueReason::None);
    return;
  }
  if (cfg_.memory.unified_memory_port && data_port_busy(enter_cycle)) {
    // One memory port: the data access in the memory stage has it, fetch waits (fetch loses).
    fill_bubbles(st, p, StallCause::Structural, IssueReason::None);
    emit(Event{EventKind::Stall, StallCause::Structural, 0, 0, kNoSeq, data_port_user(enter_cycle),
               0, 0});
    ++result_.stats.stall_events[static_cast<std::size_t>(StallCause::Structural)];
    return;
  }
  const uint32_t packet_bytes = 4 * width_;
  const bool aligned = cfg_.issue.alignment == PacketAlignment::Aligned;
  for (; p < width_; ++p) {
    const bool sequential = fetch_one(st[p], enter_cycle);
    if (p + 1 == width_) break;
    if (!sequential) {
      if (fetch_blocked_by_ != kNoSeq)
        fill_bubbles(st, p + 1, StallCause::Control, IssueReason::None);
      else
        fill_bubbles(st, p + 1, StallCause::Issue, IssueReason::Branch);
      return;
    }
    if (aligned && fetch_pc_ % packet_bytes == 0) {
      fill_bubbles(st, p + 1, StallCause::Issue, IssueReason::Alignment);
      return;
    }
  }
}

// Advance on a superscalar machine, oldest stage first. `room` is how many positions of the
// stage ahead are free once it has advanced (width_: all of it; 0: it is held or stuck).
void PipelineModel::advance_wide() {
  // Packets never merge on an aligned machine, nor with Ripes' (pc, pc+4) fetch pairs.
  const bool aligned = cfg_.issue.alignment != PacketAlignment::Any;
  const uint64_t next_cycle = cycle_ + 1;
  auto enter = [&](Slot& s, uint32_t stage) {
    DynInsn& d = at(s);
    d.entered = next_cycle;
    if (tracing_) {
      rec(d).enter[stage] = next_cycle;
      rec(d).lane = d.lane;
    }
  };
  auto stall = [&](const Hold& h, uint32_t stage, uint64_t seq) {
    ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
    emit(Event{EventKind::Stall, h.cause, stage, 0, seq, h.producer, h.reg, 0, h.reason});
  };
  uint32_t room = width_;
  for (uint32_t i = rules_.num_stages; i-- > 0;) {
    StageSlots& st = slots_[i];
    const uint32_t n = occupied_in(i);
    if (i + 1 == rules_.num_stages) {
      for (uint32_t p = 0; p < n; ++p) {
        retire_from_machine(at(st[p]));
        release(st[p]);
      }
      fill_bubbles(st, 0, StallCause::Fill, IssueReason::None);
      room = width_;
      continue;
    }
    StageSlots& next = slots_[i + 1];
    const Hold& h = holds_[i];
    if (i > rules_.last_decode || (i == rules_.last_decode && room < width_)) {
      // Issued instructions move as one group; so does a frozen issue stage (nothing issues).
      if (room < width_) {
        room = 0;  // stuck behind a held stage
      } else if (n > 0 && h.held) {
        fill_bubbles(next, 0, h.cause, h.reason);  // held here: bubbles ahead carry the reason
        stall(h, i, st[0].seq);
        room = 0;
      } else {
        for (uint32_t p = 0; p < n; ++p) enter(st[p], i + 1);
        next = st;  // bubbles move on with their causes
        fill_bubbles(st, 0, StallCause::Fill, IssueReason::None);
        room = width_;
      }
      continue;
    }
    if (i == rules_.last_decode) {
      // Issue: the first issue_.count instructions go; the slots they leave empty are charged
      // to the first one that stays (or, when all go, to decode's own bubbles).
      const uint32_t k = issue_.count;
      for (uint32_t p = 0; p < k; ++p) {
        enter(st[p], i + 1);
        next[p] = st[p];
      }
      for (uint32_t p = k; p < width_; ++p)
        next[p] = k < n ? Slot{kNoSeq, h.cause, 0, h.reason} : st[n + (p - k)];
      if (k < n) stall(h, i, st[k].seq);
      for (uint32_t p = 0; p + k < n; ++p) st[p] = st[p + k];
      fill_bubbles(st, n - k, StallCause::Issue, IssueReason::Alignment);
      room = aligned && n > k ? 0 : width_ - (n - k);
      continue;
    }
    // Before issue: the oldest instructions move on into the free positions ahead, in order (on
    // an aligned machine only a whole packet into an empty stage).
    const uint32_t start = width_ - room;
    if (n > 0 && h.held) {
      if (room > 0) {
        fill_bubbles(next, start, h.cause, h.reason);
        stall(h, i, st[0].seq);
      }
      room = 0;
      continue;
    }
    const uint32_t moved = aligned && room < width_ ? 0 : std::min(n, room);
    for (uint32_t p = 0; p < moved; ++p) {
      enter(st[p], i + 1);
      next[start + p] = st[p];
    }
    for (uint32_t p = start + moved; p < width_; ++p)
      next[p] = moved == n ? st[n + (p - start - moved)]
                           : Slot{kNoSeq, StallCause::Issue, 0, IssueReason::Alignment};
    for (uint32_t p = 0; p + moved < n; ++p) st[p] = st[p + moved];
    fill_bubbles(st, n - moved, StallCause::Issue, IssueReason::Alignment);
    room = aligned && n > moved ? 0 : width_ - (n - moved);
  }
  if (room > 0) fetch_group(next_cycle, room);
  std::fill_n(holds_.begin(), rules_.num_stages, Hold{});
}

}  // namespace pipesim
