// The dependence analysis: graphs over basic blocks and the dynamic window, and the dataflow
// limit of a whole run.
#include "sim/classroom/deps.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

#include "isa/disasm.hpp"
#include "sim/classroom/insn_effects.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/tasks/longest_path.hpp"

namespace pipesim::classroom {

const char* dep_kind_name(DepKind k) {
  switch (k) {
    case DepKind::Raw:
      return "RAW";
    case DepKind::War:
      return "WAR";
    case DepKind::Waw:
      return "WAW";
  }
  return "?";
}

namespace {

// A memory access as the alias rules see it.
struct Access {
  bool load = false, store = false;
  uint32_t width = 0;
  uint8_t base = 0;
  uint32_t base_version = 0;  // writes to `base` before this instruction
  int64_t offset = 0;         // the immediate (static) or the address (dynamic)
};

bool overlap(const Access& a, const Access& b) {
  return a.offset < b.offset + b.width && b.offset < a.offset + a.width;
}
bool covers(const Access& outer, const Access& inner) {
  return outer.offset <= inner.offset && inner.offset + inner.width <= outer.offset + outer.width;
}

// Same base register holding the same value: offsets compare directly.
bool same_base(const Access& a, const Access& b, bool dynamic) {
  return dynamic || (a.base == b.base && a.base_version == b.base_version);
}

void add_memory_deps(std::vector<Dependence>& deps, const std::vector<Access>& acc, bool dynamic) {
  for (uint32_t j = 0; j < acc.size(); ++j) {
    if (!acc[j].load && !acc[j].store) continue;
    for (uint32_t i = j; i-- > 0;) {
      const Access& a = acc[i];
      const Access& b = acc[j];
      if (!a.load && !a.store) continue;
      if (!a.store && !b.store) continue;  // two loads never conflict
      const bool comparable = same_base(a, b, dynamic);
      if (comparable && !overlap(a, b)) continue;  // provably different bytes
      const DepKind kind = a.store ? (b.store ? DepKind::Waw : DepKind::Raw) : DepKind::War;
      deps.push_back(
          {i, j, kind, 0, true, dynamic ? static_cast<uint32_t>(std::max(a.offset, b.offset)) : 0});
      // An earlier store wholly overwritten by this one is no longer visible to `b`.
      if (a.store && comparable && covers(a, b)) break;
    }
  }
}

// The longest chain of RAW dependences weighted by latency, by the rule task graphs use
// (sim/tasks/longest_path.hpp): deps are sorted by `to`, and `from` < `to`, so program order
// visits each instruction after its producers.
void compute_critical_path(DepGraph& g) {
  const std::size_t n = g.insns.size();
  std::vector<std::size_t> first(n + 1, g.deps.size());  // first dependence into each instruction
  for (std::size_t d = g.deps.size(); d-- > 0;) first[g.deps[d].to] = d;
  std::vector<std::size_t> order(n);
  for (std::size_t j = 0; j < n; ++j) order[j] = j;
  const tasks::LongestPath path = tasks::longest_path(
      order, n, [&](std::size_t j) { return uint64_t{g.insns[j].latency}; },
      [&](std::size_t j, auto&& visit) {
        for (std::size_t d = first[j]; d < g.deps.size() && g.deps[d].to == j; ++d)
          if (g.deps[d].kind == DepKind::Raw) visit(g.deps[d].from);
      });
  g.critical_path = path.length;
  g.critical_chain.assign(path.chain.begin(), path.chain.end());
}

// Dependence::at_commit is pipesim's own ecall rule; a configured one (Ripes' presets) reads its
// registers earlier, and may wait for them.
void apply_ecall_rule(DepGraph& g, const PipelineConfig& config) {
  if (config.default_ecall()) return;
  for (Dependence& d : g.deps) d.at_commit = false;
}

DepInsn make_insn(const PipelineConfig& config, uint32_t pc, uint32_t word) {
  const isa::Insn insn = isa::decode(word);
  return {pc, insn, disasm_short(word, pc), result_latency(config, insn)};
}

}  // namespace

DepGraph build_graph(std::vector<DepInsn> insns, const std::vector<uint32_t>* addresses) {
  DepGraph g;
  g.insns = std::move(insns);
  const bool dynamic = addresses != nullptr;
  std::array<int64_t, 32> last_write;
  last_write.fill(-1);
  std::array<std::vector<uint32_t>, 32> reads_since;
  std::array<uint32_t, 32> version{};
  std::vector<Access> acc(g.insns.size());
  for (uint32_t j = 0; j < g.insns.size(); ++j) {
    const isa::Insn& in = g.insns[j].insn;
    const InsnEffects e = insn_effects(in);
    if (e.load || e.store) {
      acc[j] = {e.load, e.store,         e.width,
                in.rs1, version[in.rs1], dynamic ? int64_t{(*addresses)[j]} : int64_t{in.imm}};
    }
    std::set<std::pair<uint32_t, uint8_t>> seen;  // (from, reg) per kind, no duplicates
    for (unsigned r = 1; r < 32; ++r)
      if ((e.reads >> r & 1) && last_write[r] >= 0)
        g.deps.push_back({static_cast<uint32_t>(last_write[r]), j, DepKind::Raw,
                          static_cast<uint8_t>(r), false, 0});
    for (unsigned r = 1; r < 32; ++r) {
      if (!(e.writes >> r & 1)) continue;
      for (uint32_t i : reads_since[r])
        if (i != j) g.deps.push_back({i, j, DepKind::War, static_cast<uint8_t>(r), false, 0});
      if (last_write[r] >= 0)
        g.deps.push_back({static_cast<uint32_t>(last_write[r]), j, DepKind::Waw,
                          static_cast<uint8_t>(r), false, 0});
    }
    for (unsigned r = 1; r < 32; ++r)
      if (e.reads >> r & 1) reads_since[r].push_back(j);
    for (unsigned r = 1; r < 32; ++r)
      if (e.writes >> r & 1) {
        last_write[r] = j;
        reads_since[r].clear();
        ++version[r];
      }
  }
  for (Dependence& d : g.deps)
    d.at_commit = !d.memory && (g.insns[d.from].insn.op == isa::Op::Ecall ||
                                g.insns[d.to].insn.op == isa::Op::Ecall);
  add_memory_deps(g.deps, acc, dynamic);
  std::sort(g.deps.begin(), g.deps.end(), [](const Dependence& a, const Dependence& b) {
    return std::tie(a.to, a.from, a.kind, a.memory, a.reg) <
           std::tie(b.to, b.from, b.kind, b.memory, b.reg);
  });
  compute_critical_path(g);
  return g;
}

std::vector<BasicBlock> static_blocks(const Program& program, const PipelineConfig& config) {
  // Every instruction address and word.
  std::vector<std::pair<uint32_t, uint32_t>> code;
  for (const Segment& s : program.segments) {
    if (!s.executable) continue;
    for (std::size_t off = 0; off + 4 <= s.bytes.size(); off += 4) {
      const uint32_t pc = s.addr + static_cast<uint32_t>(off);
      if (!program.source_lines.empty() && !program.source_lines.contains(pc)) continue;
      const uint32_t word = uint32_t{s.bytes[off]} | uint32_t{s.bytes[off + 1]} << 8 |
                            uint32_t{s.bytes[off + 2]} << 16 | uint32_t{s.bytes[off + 3]} << 24;
      code.emplace_back(pc, word);
    }
  }
  std::sort(code.begin(), code.end());
  std::set<uint32_t> leaders = {program.entry};
  for (const auto& [addr, name] : program.labels) leaders.insert(addr);
  for (std::size_t i = 0; i < code.size(); ++i) {
    const auto [pc, word] = code[i];
    const isa::Insn in = isa::decode(word);
    if (i == 0 || code[i - 1].first + 4 != pc) leaders.insert(pc);
    if (insn_effects(in).ends_block) leaders.insert(pc + 4);
    if (in.fmt() == isa::Fmt::B || in.fmt() == isa::Fmt::J)
      leaders.insert(pc + static_cast<uint32_t>(in.imm));
  }
  std::vector<BasicBlock> blocks;
  std::vector<DepInsn> current;
  auto close = [&] {
    if (current.empty()) return;
    const auto label = program.labels.find(current.front().pc);
    blocks.push_back(
        {label == program.labels.end() ? "" : label->second, build_graph(current, nullptr)});
    apply_ecall_rule(blocks.back().graph, config);
    current.clear();
  };
  for (const auto& [pc, word] : code) {
    if (leaders.contains(pc)) close();
    current.push_back(make_insn(config, pc, word));
  }
  close();
  return blocks;
}

DepsAnalysis analyse_deps(const Program& program, const PipelineConfig& config, uint64_t window,
                          uint64_t max_instructions, uint64_t max_cycles) {
  DepsAnalysis a;
  a.config_name = config.name;
  a.window_size = window;
  a.blocks = static_blocks(program, config);

  // The functional model: the window's instructions, and the dataflow limit of the whole run.
  // Unlimited hardware: an instruction starts once its register and memory inputs are ready
  // (renaming removes WAR and WAW, perfect prediction removes control dependences).
  DiscardIo io;  // the output is no part of the analysis
  Iss iss(program, io);
  std::vector<DepInsn> insns;
  std::vector<uint32_t> addresses;
  std::array<uint64_t, 32> reg_ready{};
  std::unordered_map<uint32_t, uint64_t> byte_ready;  // when the last store to a byte lands
  uint64_t ideal = 0;
  while (!iss.halted() && iss.instructions() < max_instructions) {
    const Retired& r = iss.step();
    if (r.insn.op == isa::Op::Illegal) break;  // a fault: the model stops here
    const InsnEffects e = insn_effects(r.insn);
    const uint32_t latency = result_latency(config, r.insn);
    uint64_t start = 0;
    for (unsigned reg = 1; reg < 32; ++reg)
      if (e.reads >> reg & 1) start = std::max(start, reg_ready[reg]);
    if (e.load)
      for (uint32_t b = 0; b < e.width; ++b) {
        const auto it = byte_ready.find(r.mem_addr + b);
        if (it != byte_ready.end()) start = std::max(start, it->second);
      }
    const uint64_t finish = start + latency;
    for (unsigned reg = 1; reg < 32; ++reg)
      if (e.writes >> reg & 1) reg_ready[reg] = finish;
    if (e.store)
      for (uint32_t b = 0; b < e.width; ++b) byte_ready[r.mem_addr + b] = finish;
    ideal = std::max(ideal, finish);
    if (insns.size() < window) {
      insns.push_back({r.pc, r.insn, disasm_short(r.insn.raw, r.pc), latency});
      addresses.push_back(r.mem_addr);
    }
  }
  a.limit.instructions = iss.instructions();
  a.limit.ideal_cycles = ideal;
  a.limit.complete = iss.halted() && iss.halt() != Halt::Limit;
  a.window = build_graph(std::move(insns), &addresses);
  apply_ecall_rule(a.window, config);

  // The two figures must cover the same instructions: a run the functional model cut short is
  // not timed at all.
  if (!a.limit.complete) return a;
  DiscardIo pipe_io;
  const MachineResult m = run_machine(config, program, pipe_io, {}, RunLimits{max_cycles}, false);
  a.limit.complete = m.halt != Halt::Limit;
  if (a.limit.complete) a.limit.achieved_cycles = m.stats.cycles;
  return a;
}

std::vector<GroupEdge> group_edges(const std::vector<std::vector<DepInsn>>& groups,
                                   const std::function<uint64_t(const GroupDep&)>& wait) {
  std::vector<DepInsn> flat;
  std::vector<std::size_t> owner, pos;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t k = 0; k < groups[g].size(); ++k) {
      flat.push_back(groups[g][k]);
      owner.push_back(g);
      pos.push_back(k);
    }
  const DepGraph graph = build_graph(flat, nullptr);
  std::map<std::pair<std::size_t, std::size_t>, uint64_t> largest;
  for (const Dependence& d : graph.deps) {
    const std::size_t a = owner[d.from], b = owner[d.to];
    if (a == b) continue;
    uint64_t& w = largest[{a, b}];
    w = std::max(w, wait(GroupDep{d, flat[d.from], a, pos[d.from], b, pos[d.to]}));
  }
  std::vector<GroupEdge> edges;
  for (const auto& [key, w] : largest) edges.push_back({key.first, key.second, w});
  return edges;
}

}  // namespace pipesim::classroom
