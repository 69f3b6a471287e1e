// Test fixtures built in code, independent of the assembler and the JSON presets: a program
// from machine words, and the textbook 5-stage machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/program.hpp"
#include "sim/config/config.hpp"

namespace pipesim::test {

// The words become .text at kTextBase (entry there); `data`, if any, becomes .data at kDataBase.
inline Program program_from_words(const std::vector<uint32_t>& words,
                                  const std::vector<uint8_t>& data = {}) {
  Program p;
  p.path = "test";
  Segment text{".text", kTextBase, {}, 0, true};
  for (uint32_t w : words)
    for (int i = 0; i < 4; ++i) text.bytes.push_back(static_cast<uint8_t>(w >> (8 * i)));
  text.mem_size = static_cast<uint32_t>(text.bytes.size());
  p.segments.push_back(text);
  if (!data.empty())
    p.segments.push_back({".data", kDataBase, data, static_cast<uint32_t>(data.size()), false});
  p.entry = kTextBase;
  return p;
}

// IF ID EX MEM WB (200 100 200 200 100 ps); forwarding EX/MEM->EX and MEM/WB->EX; split-phase
// register file; branches resolved in EX, predict not-taken; jal known in ID, jalr in EX.
inline PipelineConfig five_stage(MachineKind kind = MachineKind::Pipelined,
                                 std::string name = "5-stage") {
  PipelineConfig c;
  c.name = std::move(name);
  c.kind = kind;
  c.stages = {{"IF", StageRole::Fetch, 200},
              {"ID", StageRole::Decode, 100},
              {"EX", StageRole::Execute, 200},
              {"MEM", StageRole::Memory, 200},
              {"WB", StageRole::Writeback, 100}};
  c.forwarding = {{2, 2}, {3, 2}};
  c.branches.policy = BranchPolicy::NotTaken;
  c.branches.resolve_stage = 2;
  c.branches.jal_stage = 1;
  c.branches.jalr_stage = 2;
  c.end_stage = 4;
  return c;
}

}  // namespace pipesim::test
