// The superscalar side of `pipesim schedule` (scheduler.hpp): on a machine that issues more than
// one instruction per cycle, a run of movable lines is list-scheduled into issue packets. The
// estimate follows the in-order issue rules of the cycle model (docs/model.md, "Superscalar
// issue"): an instruction issues in its predecessor's cycle when it joins that packet (a free slot
// accepts its class, within the memory, branch and register-port limits, no operand written in
// the packet, and on an aligned machine the same aligned packet), and no earlier than its
// operands' latencies allow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/classroom/deps.hpp"
#include "sim/config/config.hpp"

namespace pipesim::classroom {

// A movable source line's instructions, in order (a pseudo-instruction may be several).
using PacketUnit = std::vector<DepInsn>;

struct PacketEstimate {
  uint64_t cycles = 0;      // from the first issue to the last, inclusive
  std::vector<bool> waits;  // by unit index: an instruction of it waits for an operand
};

// The issue cycles of `units` in `order` on `config` (issue_width > 1), the run starting at
// `first_pc` (alignment is by address).
PacketEstimate estimate_packets(const std::vector<PacketUnit>& units,
                                const std::vector<std::size_t>& order, uint32_t first_pc,
                                const PipelineConfig& config);

// A new order: repeatedly the unit whose first instruction can issue earliest after the units
// placed so far (filling the open packet first), ties to the longest latency-weighted path to
// the end of the run, then program order. Every dependence between units (RAW, WAR, WAW,
// memory: build_graph) keeps its order.
std::vector<std::size_t> packet_schedule(const std::vector<PacketUnit>& units, uint32_t first_pc,
                                         const PipelineConfig& config);

}  // namespace pipesim::classroom
