// PipelineModel's hazard unit (is every source operand there when it is consumed? otherwise
// hold the instruction in decode, charging the stall to a cause) and forwarding unit (which
// latch supplies an operand). The rules both are built on are in pipeline_rules.hpp.
#include "sim/pipe/pipeline.hpp"

namespace pipesim {

using isa::Unit;

// The youngest instruction older than `consumer` (which is in `stage`) still in the machine
// that writes `reg`, and where it is: a stage index, or rules_.num_stages + lane.
const DynInsn* PipelineModel::producer_of(unsigned reg, uint32_t stage, const DynInsn& consumer,
                                          uint32_t* where) const {
  const DynInsn* best = nullptr;
  for (uint32_t p = stage + 1; p < rules_.num_stages && !best; ++p) {
    // Nearer stages hold younger instructions: the first one found wins; within a stage the
    // youngest (the last position) does.
    for (uint32_t q = width_; q-- > 0;) {
      if (!slots_[p][q].occupied()) continue;
      const DynInsn& prod = at(slots_[p][q]);
      if (prod.writes(reg)) {
        best = &prod;
        *where = p;
        break;
      }
    }
  }
  for (uint32_t l = 0; l < lanes_.size(); ++l) {
    if (!lanes_[l].occupied()) continue;
    const DynInsn& prod = at(lanes_[l]);
    if (prod.seq < consumer.seq && prod.writes(reg) && (!best || prod.seq > best->seq)) {
      best = &prod;
      *where = rules_.num_stages + l;
    }
  }
  return best;
}

// Can `d`, in the last decode stage this cycle, have every source operand by the time it
// consumes it (this cycle if it consumes them in decode, next cycle in execute)?
PipelineModel::Hold PipelineModel::find_data_hazard(uint32_t stage, const DynInsn& d) const {
  const unsigned sources[2] = {source_reg1(d.insn), source_reg2(d.insn)};
  const bool through_mux[2] = {forwarded_rs1(d.kind), forwarded_rs2(d.kind)};
  const uint32_t k = d.operand_stage - stage;  // cycles until the operands are consumed
  const DynInsn* writers[2] = {nullptr, nullptr};
  uint32_t places[2] = {0, 0};
  for (unsigned i = 0; i < 2; ++i)
    if (sources[i] != 0) writers[i] = producer_of(sources[i], stage, d, &places[i]);
  for (unsigned i = 0; i < 2; ++i) {
    const unsigned reg = sources[i];
    const DynInsn* prod = writers[i];
    const uint32_t where = places[i];
    if (!prod) continue;  // (x0 is a constant, never a dependence)
    bool available = false;
    if (!through_mux[i]) {
      // An operand that bypasses the forwarding multiplexers (forwarded_operands: alu) is the
      // decode-stage read: it waits until its producer has written the register file.
      available = where < rules_.num_stages && rules_.regfile_available(where);
    } else if (where >= rules_.num_stages) {
      // In a functional unit: its result is in the unit's output latch from the end of the
      // cycle it is done.
      available = prod->done_cycle < cycle_ + k && prod->result_stage <= rules_.first_execute &&
                  rules_.forwards(rules_.first_execute, d.operand_stage, prod->lane, d.lane);
    } else {
      // When it is consumed the producer is in stage `then` (further on if it moves this cycle).
      // A path that does not join the producer's issue slot (lane) to the consumer's leaves it
      // the register file (d.lane: the slot it takes, or would take, this cycle).
      const uint32_t then = where + (k > 0 && vacates_[where] ? k : 0);
      available = rules_.value_available(where, then, prod->result_stage, d.operand_stage,
                                         prod->lane, d.lane);
    }
    if (available) continue;
    const StallCause cause = data_hazard_cause(prod->kind == Unit::Load);
    return Hold{true, cause, prod->seq, static_cast<uint8_t>(reg)};
  }
  return Hold{};
}

// find_data_hazard() on a scalar machine without functional-unit lanes, recording the producer
// of each source operand in `d` (for the forwarding unit) when every one is available: one pass
// over the stages ahead for both registers (nearest, youngest, first), then each operand in
// order, rs1 first, as find_data_hazard() judges them. The source registers and their paths come
// from fetch (DynInsn::src, src_forwarded).
PipelineModel::Hold PipelineModel::scalar_data_hazard(uint32_t stage, DynInsn& d) const {
  d.producers_known = false;
  d.producer_seq = {kNoSeq, kNoSeq};
  const DynInsn* writers[2] = {nullptr, nullptr};
  uint32_t places[2] = {0, 0};
  unsigned missing = (d.src[0] != 0 ? 1u : 0u) | (d.src[1] != 0 ? 2u : 0u);
  for (uint32_t p = stage + 1; p < rules_.num_stages && missing != 0; ++p) {
    const Slot& s = slots_[p][0];
    if (!s.occupied()) continue;
    const DynInsn& prod = at(s);
    if (prod.dst == 0) continue;
    for (unsigned i = 0; i < 2; ++i) {
      if ((missing >> i & 1) && prod.dst == d.src[i]) {
        writers[i] = &prod;
        places[i] = p;
        missing &= ~(1u << i);
      }
    }
  }
  const uint32_t k = d.operand_stage - stage;  // cycles until the operands are consumed
  for (unsigned i = 0; i < 2; ++i) {
    const DynInsn* prod = writers[i];
    if (!prod) continue;
    const uint32_t where = places[i];
    d.producer_seq[i] = prod->seq;
    d.producer_idx[i] = prod->idx;
    bool available;
    if (!(d.src_forwarded >> i & 1)) {
      available = rules_.regfile_available(where);
    } else {
      const uint32_t then = where + (k > 0 && vacates_[where] ? k : 0);
      available = rules_.value_available(where, then, prod->result_stage, d.operand_stage);
    }
    if (!available)
      return Hold{true, data_hazard_cause(prod->kind == Unit::Load), prod->seq, d.src[i]};
  }
  d.producers_known = true;
  return Hold{};
}

// The value a producer's pipeline register holds at the end of `end_of_stage`: what the
// forwarding multiplexer really sees (for a load before its last memory stage: the address).
uint32_t PipelineModel::latch_value(const DynInsn& p, uint32_t end_of_stage) const {
  if (p.kind != Unit::Load) return p.rd_value();
  return end_of_stage >= rules_.last_memory ? p.loaded : p.mem_addr();
}

// The forwarding unit: the nearest older instruction writing `reg` whose latch has a path into
// the consumer's stage supplies the value; otherwise the register-file read stands. A producer
// in a functional unit offers its result from the cycle after it is done.
uint32_t PipelineModel::operand(uint32_t consumer_stage, DynInsn& d, unsigned reg,
                                uint32_t read_value) {
  if (reg == 0) return 0;
  const DynInsn* best = nullptr;
  uint32_t best_latch = 0;
  if (!known_producer(consumer_stage, d, reg, &best, &best_latch)) {
    bool found = false;
    for (uint32_t p = consumer_stage + 1; p < rules_.num_stages && !found; ++p) {
      for (uint32_t q = width_; q-- > 0;) {  // within a stage the youngest is the last
        if (!slots_[p][q].occupied()) continue;
        const DynInsn& prod = at(slots_[p][q]);
        if (!prod.writes(reg) || !rules_.any_path_from_stage(p, consumer_stage)) continue;
        // The youngest producer with a path decides: when the path does not join its issue slot
        // to the consumer's, the register file supplies the value (the hazard unit saw to it
        // that it is there), never an older producer's stale one.
        found = true;
        if (rules_.forwards_from_stage(p, consumer_stage, prod.lane, d.lane)) {
          best = &prod;
          best_latch = p - 1;
        }
        break;
      }
    }
    // A functional unit's output latch forwards as the first execute stage's latch of the issue
    // slot the producer took.
    for (const Slot& l : lanes_) {
      if (!l.occupied()) continue;
      const DynInsn& prod = at(l);
      if (prod.seq < d.seq && prod.writes(reg) && prod.done_cycle < cycle_ &&
          rules_.forwards(rules_.first_execute, consumer_stage, prod.lane, d.lane) &&
          (!best || prod.seq > best->seq)) {
        best = &prod;
        best_latch = rules_.first_execute;
      }
    }
  }
  if (!best) return read_value;
  ++d.forwards;
  emit(Event{EventKind::Forward, StallCause::Fill, consumer_stage, best_latch, d.seq, best->seq,
             static_cast<uint8_t>(reg), 0});
  return latch_value(*best, best_latch);
}

// Source operand i (0: rs1, 1: rs2) of `d`, consumed in `consumer_stage`, through the forwarding
// multiplexer: on a scalar machine straight from the producer the hazard unit recorded (what
// known_producer() decides, without the call), otherwise operand().
uint32_t PipelineModel::forwarded_operand(uint32_t consumer_stage, DynInsn& d, unsigned i,
                                          uint32_t read_value) {
  const unsigned reg = d.src[i];
  if (d.producers_known) {
    const uint64_t seq = d.producer_seq[i];
    if (seq == kNoSeq) return read_value;  // none in flight: the register-file read stands
    const DynInsn& prod = pool_[d.producer_idx[i]];
    const uint32_t p = prod.stage;
    if (prod.seq != seq || p >= rules_.num_stages || slots_[p][0].seq != seq)
      return read_value;  // it has left the machine, and so has every older writer
    if (rules_.any_path_from_stage(p, consumer_stage)) {
      if (!rules_.forwards_from_stage(p, consumer_stage)) return read_value;
      ++d.forwards;
      emit(Event{EventKind::Forward, StallCause::Fill, consumer_stage, p - 1, d.seq, seq,
                 static_cast<uint8_t>(reg), 0});
      return latch_value(prod, p - 1);
    }
  }
  return operand(consumer_stage, d, reg, read_value);
}

// The forwarding unit's choice from the producer the hazard unit found in decode (scalar
// machines): the youngest older writer of `reg` is still that one while it is in the machine,
// and once it has left so has every older one. Returns false when the stages must be scanned:
// no producer was recorded, or the youngest one has no path from where it is (an older one
// further on may have).
bool PipelineModel::known_producer(uint32_t consumer_stage, const DynInsn& d, unsigned reg,
                                   const DynInsn** best, uint32_t* best_latch) const {
  if (!d.producers_known) return false;
  const unsigned i = reg == d.src[0] ? 0 : 1;
  const uint64_t seq = d.producer_seq[i];
  if (seq == kNoSeq) return true;  // none in flight: the register-file read stands
  const DynInsn& prod = pool_[d.producer_idx[i]];
  const uint32_t p = prod.stage;
  if (prod.seq != seq || p >= rules_.num_stages || slots_[p][0].seq != seq)
    return true;  // it has left the machine
  if (!rules_.any_path_from_stage(p, consumer_stage)) return false;
  if (rules_.forwards_from_stage(p, consumer_stage)) {
    *best = &prod;
    *best_latch = p - 1;
  }
  return true;
}

}  // namespace pipesim
