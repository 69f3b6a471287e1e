// Renderings of a dependence analysis. The numbers are the analysis's; only layout lives here.
#include "sim/classroom/deps_render.hpp"

#include <fmt/format.h>

#include <set>

#include "sim/classroom/insn_effects.hpp"

namespace pipesim::classroom {

namespace {

// The note after an ecall's register dependence (deps.hpp, Dependence::at_commit).
constexpr const char* kAtCommit = "ecall: at commit, never stalls";

std::string dep_what(const Dependence& d) {
  if (d.at_commit) return fmt::format("{}  ({})", isa::abi_name(d.reg), kAtCommit);
  if (!d.memory) return std::string(isa::abi_name(d.reg));
  return d.address ? fmt::format("mem 0x{:08x}", d.address) : std::string("mem");
}

// "alu 1, mem 1 + memory 1, div 16": the latencies the critical path uses.
std::string latency_line(const PipelineConfig& c) {
  std::string s;
  for (const FunctionalUnit& u : c.functional_units) {
    std::string classes;
    for (uint8_t bit = 1; bit <= 16; bit <<= 1)
      if (u.classes & bit)
        classes += (classes.empty() ? "" : "/") + std::string(op_class_name(OpClass{bit}));
    s += fmt::format("{}{} {} ({})", s.empty() ? "" : ", ", u.name, u.latency, classes);
  }
  return s + fmt::format("; loads and stores +{} for memory", memory_latency(c));
}

void append_graph(std::string& out, const DepGraph& g, const char* prefix, const char* indent) {
  for (uint32_t i = 0; i < g.insns.size(); ++i)
    out += fmt::format("{}{}{:<4} 0x{:08x}  {:<24} latency {}\n", indent, prefix, i, g.insns[i].pc,
                       g.insns[i].text, g.insns[i].latency);
  for (const Dependence& d : g.deps)
    out += fmt::format("{}  {} {}{} -> {}{}  {}\n", indent, dep_kind_name(d.kind), prefix, d.from,
                       prefix, d.to, dep_what(d));
  std::string chain;
  for (uint32_t i : g.critical_chain)
    chain += fmt::format("{}{}{}", chain.empty() ? "" : " -> ", prefix, i);
  out += fmt::format("{}  critical path: {} cycles{}{}\n", indent, g.critical_path,
                     chain.empty() ? "" : ": ", chain);
}

nlohmann::ordered_json graph_json(const DepGraph& g) {
  nlohmann::ordered_json insns = nlohmann::ordered_json::array();
  for (const DepInsn& i : g.insns)
    insns.push_back({{"pc", i.pc}, {"text", i.text}, {"latency", i.latency}});
  nlohmann::ordered_json deps = nlohmann::ordered_json::array();
  for (const Dependence& d : g.deps) {
    nlohmann::ordered_json j = {{"from", d.from}, {"to", d.to}, {"kind", dep_kind_name(d.kind)}};
    if (d.memory) {
      j["memory"] = true;
      if (d.address) j["address"] = d.address;
    } else {
      j["reg"] = std::string(isa::abi_name(d.reg));
      if (d.at_commit) j["at_commit"] = true;
    }
    deps.push_back(std::move(j));
  }
  return {{"instructions", insns},
          {"dependences", deps},
          {"critical_path", g.critical_path},
          {"critical_chain", g.critical_chain}};
}

}  // namespace

std::string deps_text(const std::string& program, const PipelineConfig& config,
                      const DepsAnalysis& a) {
  std::string out = fmt::format("Dependences of {} on {}\n", program, config.name);
  out += fmt::format("Latencies (cycles until a result can be used): {}\n", latency_line(config));
  out += "\nStatic, per basic block (i: instruction index in the block)\n";
  for (std::size_t b = 0; b < a.blocks.size(); ++b) {
    const BasicBlock& bb = a.blocks[b];
    out += fmt::format("  block {} at 0x{:08x}{}: {} instructions\n", b + 1,
                       bb.graph.insns.empty() ? 0 : bb.graph.insns.front().pc,
                       bb.label.empty() ? "" : " <" + bb.label + ">", bb.graph.insns.size());
    append_graph(out, bb.graph, "i", "    ");
  }
  out += fmt::format("\nDynamic trace: the first {} instructions executed (#: execution order)\n",
                     a.window.insns.size());
  append_graph(out, a.window, "#", "  ");
  const DataflowLimit& l = a.limit;
  out += fmt::format("\nWhole run: {} instructions{}\n", l.instructions,
                     l.complete ? "" : " (cut at the limit: the ideal covers these only)");
  out += fmt::format(
      "  ideal cycles     {:>8}  unlimited parallel hardware: only true (RAW)\n"
      "                             dependences and latencies wait\n",
      l.ideal_cycles);
  if (!l.complete) {
    out +=
        "  achieved cycles  not measured: the run did not end within the limits (raise\n"
        "                   --max-instructions or --max-cycles)\n";
    return out;
  }
  out += fmt::format("  achieved cycles  {:>8}  on {}\n", l.achieved_cycles, config.name);
  if (l.ideal_cycles > 0)
    out += fmt::format(
        "  achieved / ideal {:>8.2f}  the gap is what the pipeline costs; the ideal is\n"
        "                             what the dependences cost\n",
        static_cast<double>(l.achieved_cycles) / static_cast<double>(l.ideal_cycles));
  return out;
}

std::string deps_dot(const std::string& program, const DepsAnalysis& a) {
  const DepGraph& g = a.window;
  std::set<std::pair<uint32_t, uint32_t>> critical;
  for (std::size_t k = 1; k < g.critical_chain.size(); ++k)
    critical.insert({g.critical_chain[k - 1], g.critical_chain[k]});
  std::set<uint32_t> on_path(g.critical_chain.begin(), g.critical_chain.end());
  std::string out = "digraph deps {\n";
  out += fmt::format("  label=\"{}: first {} instructions executed, critical path {} cycles\";\n",
                     program, g.insns.size(), g.critical_path);
  out += "  node [shape=box, fontname=monospace];\n";
  for (uint32_t i = 0; i < g.insns.size(); ++i)
    out += fmt::format("  n{} [label=\"#{} {:x}: {}\"{}];\n", i, i, g.insns[i].pc, g.insns[i].text,
                       on_path.contains(i) ? ", color=red, penwidth=2" : "");
  for (const Dependence& d : g.deps) {
    const bool raw = d.kind == DepKind::Raw;
    const bool hot = raw && critical.contains({d.from, d.to});
    const char* style = d.at_commit ? ", style=dotted" : raw ? "" : ", style=dashed";
    out += fmt::format("  n{} -> n{} [label=\"{} {}\"{}{}];\n", d.from, d.to, dep_kind_name(d.kind),
                       dep_what(d), style, hot ? ", color=red, penwidth=2" : "");
  }
  out += "}\n";
  return out;
}

nlohmann::ordered_json deps_json(const std::string& program, const PipelineConfig& config,
                                 const DepsAnalysis& a) {
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (const BasicBlock& b : a.blocks) {
    nlohmann::ordered_json j = graph_json(b.graph);
    j["label"] = b.label;
    blocks.push_back(std::move(j));
  }
  return {{"schema", "pipesim.deps/1"},
          {"program", program},
          {"config", config.name},
          {"blocks", blocks},
          {"window", graph_json(a.window)},
          {"instructions", a.limit.instructions},
          {"complete", a.limit.complete},
          {"ideal_cycles", a.limit.ideal_cycles},
          {"achieved_cycles", a.limit.complete ? nlohmann::ordered_json(a.limit.achieved_cycles)
                                               : nlohmann::ordered_json()}};
}

}  // namespace pipesim::classroom
