// block_task_graph: deps' static analysis of a block, as a task graph.
#include "sim/classroom/deps_tasks.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "isa/error.hpp"

namespace pipesim::classroom {

tasks::TaskGraph block_task_graph(const BasicBlock& block, const std::string& file) {
  tasks::TaskGraph g;
  g.file = file;
  g.name = block.label.empty()
               ? fmt::format("block at 0x{:08x}",
                             block.graph.insns.empty() ? 0u : block.graph.insns.front().pc)
               : "block <" + block.label + ">";
  g.unit = "cycles";
  const DepGraph& dg = block.graph;
  if (dg.insns.size() > tasks::kMaxTasks)
    throw Error(fmt::format("{}: the block has {} instructions, more than the limit of {} tasks",
                            file, dg.insns.size(), tasks::kMaxTasks));
  for (std::size_t i = 0; i < dg.insns.size(); ++i) {
    tasks::Task t;
    t.name = fmt::format("i{} {}", i, dg.insns[i].text);
    t.duration = std::max<uint64_t>(dg.insns[i].latency, 1);
    const std::string unit(isa::unit_name(dg.insns[i].insn.unit()));
    std::size_t r = tasks::find_resource(g, unit);
    if (r == g.resources.size()) g.resources.push_back({unit, 1, false});
    t.needs.push_back({r, 1});
    g.tasks.push_back(std::move(t));
  }
  // True dependences only, as deps' critical path counts them; one edge per pair.
  for (const Dependence& d : dg.deps) {
    if (d.kind != DepKind::Raw) continue;
    std::vector<std::size_t>& after = g.tasks[d.to].after;
    if (std::find(after.begin(), after.end(), d.from) == after.end()) after.push_back(d.from);
  }
  return g;
}

tasks::TaskGraph program_task_graph(const Program& program, const std::string& file,
                                    const PipelineConfig& config, std::size_t block) {
  const std::vector<BasicBlock> blocks = static_blocks(program, config);
  if (blocks.empty()) throw Error(fmt::format("{}: no instructions to make tasks of", file));
  if (block > blocks.size())
    throw Error(fmt::format("--block {}: {} has {} basic blocks", block, file, blocks.size()));
  std::size_t chosen = block ? block - 1 : 0;
  if (block == 0)
    for (std::size_t b = 1; b < blocks.size(); ++b)
      if (blocks[b].graph.insns.size() > blocks[chosen].graph.insns.size()) chosen = b;
  return block_task_graph(blocks[chosen], file);
}

}  // namespace pipesim::classroom
