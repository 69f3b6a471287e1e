// Dependence analysis (`pipesim deps`): the read-after-write, write-after-read and
// write-after-write dependences between instructions, statically per basic block and over the
// first instructions of the dynamic trace (from the functional model), the critical path under a
// machine's latencies, and the dataflow limit of the whole run next to the cycles the pipeline
// takes. Nothing here prints; deps_render.hpp turns an analysis into text, DOT or JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "isa/isa.hpp"
#include "isa/program.hpp"
#include "sim/config/config.hpp"

namespace pipesim::classroom {

enum class DepKind : uint8_t {
  Raw,  // read after write: the later instruction needs the earlier one's result (true)
  War,  // write after read: the later one overwrites what the earlier one still reads
  Waw,  // write after write: both write the same place; the later write must land last
};
const char* dep_kind_name(DepKind k);  // "RAW", "WAR", "WAW"

// One dependence from instruction `from` to a later instruction `to` (indices into the block or
// the window). Register dependences name the register; memory dependences (through a store) have
// reg 0 and memory = true: statically a store and another access that cannot be proven to touch
// different bytes; dynamically two accesses that overlap.
struct Dependence {
  uint32_t from = 0, to = 0;
  DepKind kind = DepKind::Raw;
  uint8_t reg = 0;
  bool memory = false;
  uint32_t address = 0;  // dynamic memory dependences: the first byte both touch
  // A register dependence of an ecall. The ecall is a trap: it reads a7 and its arguments and
  // writes a0 when it completes, after every older instruction has written back, and what
  // follows it is fetched after that (docs/model.md). So the dependence orders the program but
  // never stalls the pipeline; the critical path still counts it (the values are needed).
  bool at_commit = false;
};

struct DepInsn {
  uint32_t pc = 0;
  isa::Insn insn;
  std::string text;      // short disassembly, "lw a0, 0(a1)"
  uint32_t latency = 0;  // result_latency on the config
};

// Dependences among `insns` in program order: each read depends on the nearest earlier write of
// the same register (RAW); each write on the reads since the previous write (WAR) and on that
// write (WAW). Memory: `may_alias(i, j)` decides whether accesses i and j may overlap.
struct DepGraph {
  std::vector<DepInsn> insns;
  std::vector<Dependence> deps;  // sorted by (to, from, kind, reg)
  // The longest chain of true (RAW) dependences, weighting each instruction by its latency:
  // the cycles the instructions need even on unlimited hardware.
  uint64_t critical_path = 0;
  std::vector<uint32_t> critical_chain;  // the instructions on it, in order
};

struct BasicBlock {
  std::string label;  // the symbol at its first instruction, if any
  DepGraph graph;
};

struct DataflowLimit {
  uint64_t instructions = 0;     // executed by the functional model
  uint64_t ideal_cycles = 0;     // dataflow limit of the whole run
  uint64_t achieved_cycles = 0;  // the pipeline model on the config (0 unless complete)
  bool complete = false;         // both models ended by themselves (not at a limit)
};

struct DepsAnalysis {
  std::string config_name;
  std::vector<BasicBlock> blocks;  // static, in address order
  DepGraph window;                 // the first `window` dynamic instructions
  uint64_t window_size = 0;        // as asked
  DataflowLimit limit;
};

// Static basic blocks of the program's code: a block starts at the entry, at a label, at a
// branch or jump target and after a branch, jump or system instruction. For assembled programs
// only addresses that hold assembled instructions count (not .rodata).
std::vector<BasicBlock> static_blocks(const Program& program, const PipelineConfig& config);

// Builds a dependence graph over `insns`. Memory accesses are related by `dynamic` addresses
// (one per instruction, used when `addresses` is given) or else by the static rule: same base
// register, not written in between, and disjoint byte ranges are independent; anything else
// involving a store may alias.
DepGraph build_graph(std::vector<DepInsn> insns, const std::vector<uint32_t>* addresses);

// Groups of instructions that move together (a source line's instructions, for `schedule`): an
// edge from group `from` to group `to` whenever an instruction of `to` depends on one of `from`,
// weighted by the largest `wait` over those dependences.
struct GroupEdge {
  std::size_t from, to;
  uint64_t wait;
};
// One dependence between two groups, as `group_edges` hands it to the weight function: the
// producer, and each end's group and position in it.
struct GroupDep {
  const Dependence& dep;
  const DepInsn& producer;
  std::size_t from_group, from_pos, to_group, to_pos;
};
std::vector<GroupEdge> group_edges(const std::vector<std::vector<DepInsn>>& groups,
                                   const std::function<uint64_t(const GroupDep&)>& wait);

// Everything `pipesim deps` shows. `window`: dynamic instructions to list; `max_instructions`:
// where the functional model stops for the dataflow limit; `max_cycles`: for the pipeline run.
DepsAnalysis analyse_deps(const Program& program, const PipelineConfig& config, uint64_t window,
                          uint64_t max_instructions, uint64_t max_cycles);

}  // namespace pipesim::classroom
