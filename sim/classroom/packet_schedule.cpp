// The issue-packet estimate and list scheduler of `pipesim schedule` on superscalar machines.
#include "sim/classroom/packet_schedule.hpp"

#include <algorithm>
#include <array>

#include "sim/pipe/pipeline_rules.hpp"

namespace pipesim::classroom {

namespace {

// In-order issue, one instruction at a time: the open packet (the instructions issuing in
// `cycle_`) and when each register's value can be used. Mirrors PipelineModel::pair_check and
// the lane choice of decode (the first free slot that accepts the class).
class IssueSim {
 public:
  IssueSim(const PipelineConfig& config, uint32_t first_pc)
      : cfg_(config.issue), first_pc_(first_pc) {}

  // Issues `d` after everything placed so far; returns its cycle, and sets `waited` when its
  // operands (not the packet rules) decided it.
  uint64_t add(const DepInsn& d, bool& waited) {
    const isa::Unit kind = d.insn.unit();
    const uint8_t bits = static_cast<uint8_t>(op_class(kind));
    const bool memory = kind == isa::Unit::Load || kind == isa::Unit::Store;
    const bool control = is_control(kind);
    const uint8_t sources[2] = {source_reg1(d.insn), source_reg2(d.insn)};
    const uint32_t reads = (sources[0] != 0) + (sources[1] != 0);
    const uint8_t dst = dest_reg(d.insn);
    uint64_t operands = 0;
    bool dependent = false;
    for (uint8_t r : sources) {
      if (r == 0) continue;
      operands = std::max(operands, ready_[r]);
      dependent = dependent || (packet_writes_ >> r & 1);
    }
    const uint32_t pc = first_pc_ + 4 * placed_;
    const uint32_t packet_bytes = 4 * cfg_.width;
    const int lane = free_lane(bits);
    const bool joins = placed_ > 0 && count_ < cfg_.width && !dependent && lane >= 0 &&
                       !(memory && memory_ >= cfg_.memory_per_cycle) &&
                       !(control && branches_ >= cfg_.branches_per_cycle) &&
                       reads_ + reads <= cfg_.read_ports &&
                       writes_ + (dst != 0) <= cfg_.write_ports &&
                       !(cfg_.alignment == PacketAlignment::Aligned && pc % packet_bytes == 0);
    const uint64_t earliest = placed_ == 0 ? 0 : joins ? cycle_ : cycle_ + 1;
    waited = operands > earliest;
    const uint64_t t = std::max(earliest, operands);
    if (placed_ == 0 || t != cycle_) {
      cycle_ = t;
      count_ = memory_ = branches_ = reads_ = writes_ = 0;
      slots_used_ = 0;
      packet_writes_ = 0;
    }
    const int slot = free_lane(bits);
    if (slot >= 0) slots_used_ |= 1u << slot;
    ++count_;
    memory_ += memory;
    branches_ += control;
    reads_ += reads;
    writes_ += dst != 0;
    if (dst != 0) {
      packet_writes_ |= 1u << dst;
      ready_[dst] = t + std::max<uint32_t>(d.latency, 1);
    }
    ++placed_;
    return t;
  }

 private:
  int free_lane(uint8_t bits) const {
    for (uint32_t q = 0; q < cfg_.width; ++q)
      if (!(slots_used_ >> q & 1) && (cfg_.accepts(q) & bits)) return static_cast<int>(q);
    return -1;
  }

  IssueConfig cfg_;
  uint32_t first_pc_;
  uint32_t placed_ = 0;
  uint64_t cycle_ = 0;
  uint32_t count_ = 0, memory_ = 0, branches_ = 0, reads_ = 0, writes_ = 0;
  uint32_t slots_used_ = 0, packet_writes_ = 0;
  std::array<uint64_t, 32> ready_{};
};

// One dependence between units: `to` stays after `from`; `wait` is the producer's latency for a
// register RAW (the cycles the path to the end grows by), 0 otherwise.
// Between units: a register RAW waits the producer's latency; anything else only orders them.
std::vector<GroupEdge> unit_edges(const std::vector<PacketUnit>& units) {
  return group_edges(units, [](const GroupDep& g) -> uint64_t {
    return g.dep.kind == DepKind::Raw && !g.dep.memory ? g.producer.latency : 0;
  });
}

}  // namespace

PacketEstimate estimate_packets(const std::vector<PacketUnit>& units,
                                const std::vector<std::size_t>& order, uint32_t first_pc,
                                const PipelineConfig& config) {
  IssueSim sim(config, first_pc);
  PacketEstimate out{0, std::vector<bool>(units.size(), false)};
  uint64_t last = 0;
  bool any = false;
  for (std::size_t u : order)
    for (const DepInsn& d : units[u]) {
      bool waited = false;
      last = sim.add(d, waited);
      any = true;
      if (waited) out.waits[u] = true;
    }
  out.cycles = any ? last + 1 : 0;
  return out;
}

std::vector<std::size_t> packet_schedule(const std::vector<PacketUnit>& units, uint32_t first_pc,
                                         const PipelineConfig& config) {
  const std::size_t n = units.size();
  const std::vector<GroupEdge> edges = unit_edges(units);
  // Height: the longest latency-weighted path from a unit to the end of the run.
  std::vector<uint64_t> height(n, 1);
  for (std::size_t u = n; u-- > 0;)
    for (const GroupEdge& e : edges)
      if (e.from == u) height[u] = std::max(height[u], e.wait + height[e.to]);
  std::vector<std::size_t> preds(n, 0);
  for (const GroupEdge& e : edges) ++preds[e.to];
  std::vector<bool> done(n, false);
  std::vector<std::size_t> order;
  IssueSim sim(config, first_pc);
  while (order.size() < n) {
    std::size_t best = n;
    uint64_t best_start = 0;
    for (std::size_t u = 0; u < n; ++u) {
      if (done[u] || preds[u] != 0 || units[u].empty()) continue;
      IssueSim trial = sim;
      bool waited = false;
      const uint64_t s = trial.add(units[u].front(), waited);
      if (best == n || s < best_start || (s == best_start && height[u] > height[best])) {
        best = u;
        best_start = s;
      }
    }
    if (best == n)  // only empty units are left (none come from source lines)
      for (std::size_t u = 0; u < n && best == n; ++u)
        if (!done[u] && preds[u] == 0) best = u;
    done[best] = true;
    bool waited = false;
    for (const DepInsn& d : units[best]) sim.add(d, waited);
    order.push_back(best);
    for (const GroupEdge& e : edges)
      if (e.from == best) --preds[e.to];
  }
  return order;
}

}  // namespace pipesim::classroom
