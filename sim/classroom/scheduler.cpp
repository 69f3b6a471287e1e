// schedule_program: split the source into runs of movable lines, build each run's dependence
// graph (deps.hpp), list-schedule it by critical-path height, keep the new order only where the
// issue-time estimate improves, and check the result on the functional model.
#include "sim/classroom/scheduler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <string_view>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/equivalence.hpp"
#include "sim/classroom/insn_effects.hpp"
#include "sim/classroom/packet_schedule.hpp"
#include "sim/load/load.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"

namespace pipesim::classroom {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool blank_or_comment(const std::string& line) {
  const std::size_t i = line.find_first_not_of(" \t\r");
  return i == std::string::npos || line[i] == '#';
}

// One movable source line: its text (without a label prefix) and its instructions.
struct Unit {
  std::vector<std::string> comments;  // comment and blank lines just above it
  std::string text;
  std::vector<DepInsn> insns;
};

// A run of movable lines between barriers.
struct Run {
  std::size_t first_line = 0, end_line = 0;  // 0-based [first, end) of the original lines
  std::string label;                         // "loop:" when the first line starts with a label
  std::vector<Unit> units;
  std::vector<std::string> trailing;  // comment lines after the last unit
};

enum class LineKind { BlankOrComment, Movable, LabeledMovable, Barrier };

// Issue-time estimate of a run in `order`: each unit waits for its predecessors' results
// (RAW: the producer's latency; other orderings: the next slot) and takes one slot per
// instruction.
struct Issue {
  uint64_t slots = 0;       // slots used, stalls included (superscalar: cycles)
  std::vector<bool> waits;  // by unit index: it waits for an operand
};
Issue estimate(const std::vector<Unit>& units, const std::vector<GroupEdge>& edges,
               const std::vector<std::size_t>& order) {
  std::vector<uint64_t> issue(units.size(), 0);
  Issue out{0, std::vector<bool>(units.size(), false)};
  for (std::size_t u : order) {
    uint64_t s = out.slots;
    for (const GroupEdge& e : edges)
      if (e.to == u) s = std::max(s, issue[e.from] + e.wait);
    out.waits[u] = s > out.slots;
    issue[u] = s;
    out.slots = s + units[u].insns.size();
  }
  return out;
}

// The comments pipesim schedule writes; when it runs again they are replaced, not repeated.
constexpr std::string_view kHeaderMark = "# Scheduled by pipesim schedule for ";
constexpr std::string_view kReorderedMark = "# reordered by pipesim schedule";

bool is_mark(const std::string& line, std::string_view mark) {
  const std::size_t i = line.find_first_not_of(" \t");
  return i != std::string::npos && std::string_view(line).substr(i, mark.size()) == mark;
}

// Where a line's comment starts ('#' outside a character or string literal), or npos.
std::size_t comment_start(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#') {
      return i;
    }
  }
  return std::string::npos;
}

// A line whose comment names a stall ("# load-use on a0") that the new order removed: the
// comment would now be false, so it says what changed instead.
std::string refresh_hazard_comment(const std::string& line) {
  static const std::regex kHazard(R"((load[- ]use|stall|hazard|bubble|interlock|\bRAW\b))",
                                  std::regex::icase);
  const std::size_t hash = comment_start(line);
  if (hash == std::string::npos) return line;
  const std::string comment = line.substr(hash + 1);
  if (!std::regex_search(comment, kHazard)) return line;
  const std::size_t text = comment.find_first_not_of(" \t");
  return line.substr(0, hash) + "# no stall here since pipesim schedule (was: " +
         comment.substr(std::min(text, comment.size())) + ")";
}

// A reordered run's new text: the label, the mark, the units in `order` with the comments above
// them (an earlier run's mark dropped) and stall comments the new order made false rewritten.
std::string reordered_text(const Run& run, const std::vector<std::size_t>& order,
                           const std::vector<bool>& waited, const std::vector<bool>& waiting) {
  std::string text;
  if (!run.label.empty()) text += run.label + "\n";
  text += "    " + std::string(kReorderedMark) + "\n";
  auto comments = [&](const std::vector<std::string>& lines) {
    for (const std::string& c : lines)
      if (!is_mark(c, kReorderedMark)) text += c + "\n";
  };
  for (std::size_t u : order) {
    comments(run.units[u].comments);
    const std::string& line = run.units[u].text;
    text += (waited[u] && !waiting[u] ? refresh_hazard_comment(line) : line) + "\n";
  }
  comments(run.trailing);
  return text;
}

std::vector<std::size_t> list_schedule(const std::vector<Unit>& units,
                                       const std::vector<GroupEdge>& edges) {
  const std::size_t n = units.size();
  // Height: the longest wait-weighted path from a unit to the end of the run.
  std::vector<uint64_t> height(n, 0);
  for (std::size_t u = n; u-- > 0;) {
    height[u] = units[u].insns.size();
    for (const GroupEdge& e : edges)
      if (e.from == u) height[u] = std::max(height[u], e.wait + height[e.to]);
  }
  std::vector<std::size_t> preds(n, 0);
  for (const GroupEdge& e : edges) ++preds[e.to];
  std::vector<bool> done(n, false);
  std::vector<uint64_t> issue(n, 0);
  std::vector<std::size_t> order;
  uint64_t t = 0;
  while (order.size() < n) {
    std::size_t best = n;
    uint64_t best_start = 0;
    for (std::size_t u = 0; u < n; ++u) {
      if (done[u] || preds[u] != 0) continue;
      uint64_t s = t;
      for (const GroupEdge& e : edges)
        if (e.to == u) s = std::max(s, issue[e.from] + e.wait);
      // Earliest start first; then the longer remaining path; then program order.
      if (best == n || s < best_start || (s == best_start && height[u] > height[best])) {
        best = u;
        best_start = s;
      }
    }
    done[best] = true;
    issue[best] = best_start;
    t = best_start + units[best].insns.size();
    order.push_back(best);
    for (const GroupEdge& e : edges)
      if (e.from == best) --preds[e.to];
  }
  return order;
}

// The edges between a run's units, from the dependences of its instructions.
std::vector<GroupEdge> unit_edges(const std::vector<Unit>& units) {
  std::vector<std::vector<DepInsn>> groups;
  for (const Unit& u : units) groups.push_back(u.insns);
  return group_edges(groups, [&units](const GroupDep& g) -> uint64_t {
    if (g.dep.kind != DepKind::Raw) return 1;
    // The producer issues (size - 1 - pos) slots after its unit starts; the consumer pos slots
    // after its own.
    const int64_t slots = int64_t{g.producer.latency} +
                          static_cast<int64_t>(units[g.from_group].insns.size() - 1 - g.from_pos) -
                          static_cast<int64_t>(g.to_pos);
    return static_cast<uint64_t>(std::max<int64_t>(slots, 1));
  });
}

// A run's new order, with the estimates of the old order (`before`) and the new (`after`).
void schedule_run(const Run& run, const PipelineConfig& config, std::vector<std::size_t>& order,
                  Issue& before, Issue& after) {
  std::vector<std::size_t> identity(run.units.size());
  for (std::size_t k = 0; k < identity.size(); ++k) identity[k] = k;
  if (config.issue.width > 1) {
    // A superscalar machine: fill issue packets (packet_schedule.hpp), estimated in cycles.
    std::vector<PacketUnit> units;
    for (const Unit& u : run.units) units.push_back(u.insns);
    const uint32_t first_pc = run.units.front().insns.front().pc;
    order = packet_schedule(units, first_pc, config);
    const PacketEstimate b = estimate_packets(units, identity, first_pc, config);
    const PacketEstimate a = estimate_packets(units, order, first_pc, config);
    before = Issue{b.cycles, b.waits};
    after = Issue{a.cycles, a.waits};
    return;
  }
  const std::vector<GroupEdge> edges = unit_edges(run.units);
  order = list_schedule(run.units, edges);
  before = estimate(run.units, edges, identity);
  after = estimate(run.units, edges, order);
}

uint64_t run_cycles(const PipelineConfig& config, const Program& p, uint64_t max_cycles) {
  DiscardIo io;  // compare_programs has compared the output already
  const MachineResult m = run_machine(config, p, io, {}, RunLimits{max_cycles}, true);
  if (m.halt == Halt::Limit)
    throw Error(fmt::format("'{}' did not end within {} cycles on {} (raise --max-cycles)", p.path,
                            max_cycles, config.name));
  return m.stats.cycles;
}

}  // namespace

ScheduleResult schedule_program(const std::string& source, const std::string& filename,
                                const PipelineConfig& config, uint64_t max_cycles) {
  const AsmResult original = assemble(source, filename);
  const Program& prog = original.program;
  require_instructions(prog, filename);
  const std::vector<std::string> lines = split_lines(source);

  // The instructions of each source line (1-based line -> pc order).
  std::map<int, std::vector<DepInsn>> by_line;
  for (const Segment& s : prog.segments) {
    if (!s.executable) continue;
    for (const auto& [pc, line] : prog.source_lines) {
      if (pc < s.addr || pc + 4 > s.addr + s.bytes.size()) continue;
      const std::size_t off = pc - s.addr;
      const uint32_t word = uint32_t{s.bytes[off]} | uint32_t{s.bytes[off + 1]} << 8 |
                            uint32_t{s.bytes[off + 2]} << 16 | uint32_t{s.bytes[off + 3]} << 24;
      const isa::Insn insn = isa::decode(word);
      by_line[line].push_back({pc, insn, "", result_latency(config, insn)});
    }
  }

  static const std::regex kLabel(R"(^\s*([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)\s*:)");
  auto classify = [&](std::size_t i, std::string& label, std::string& body) {
    const std::string& line = lines[i];
    const auto it = by_line.find(static_cast<int>(i + 1));
    if (it == by_line.end())
      return blank_or_comment(line) ? LineKind::BlankOrComment : LineKind::Barrier;
    const std::vector<DepInsn>& insns = it->second;
    bool movable = line.find(';') == std::string::npos;
    for (const DepInsn& d : insns) movable = movable && !insn_effects(d.insn).ends_block;
    if (insns.size() == 1 && insns[0].insn.op == isa::Op::Auipc) movable = false;  // pc-relative
    std::smatch m;
    if (std::regex_search(line, m, kLabel)) {
      label = m.str(0);
      const std::string rest = line.substr(static_cast<std::size_t>(m.length(0)));
      body = "    " + rest.substr(std::min(rest.find_first_not_of(" \t"), rest.size()));
      return movable ? LineKind::LabeledMovable : LineKind::Barrier;
    }
    body = line;
    return movable ? LineKind::Movable : LineKind::Barrier;
  };

  std::vector<Run> runs;
  Run* open = nullptr;
  std::vector<std::string> pending;  // comment lines waiting for the next unit of a run
  auto close = [&](std::size_t end) {
    if (open) {
      open->trailing = pending;
      open->end_line = end;
    }
    open = nullptr;
    pending.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string label, body;
    const LineKind kind = classify(i, label, body);
    if (kind == LineKind::BlankOrComment) {
      if (open) pending.push_back(lines[i]);
      continue;
    }
    if (kind == LineKind::Barrier || kind == LineKind::LabeledMovable) close(i);
    if (kind == LineKind::Barrier) continue;
    if (!open) {
      runs.push_back({});
      open = &runs.back();
      open->first_line = i;
      open->label = label;
    }
    open->units.push_back({pending, body, by_line[static_cast<int>(i + 1)]});
    pending.clear();
  }
  close(lines.size());

  ScheduleResult r;
  std::map<std::size_t, std::string> replaced;  // first line of a reordered run -> its new text
  for (Run& run : runs) {
    ++r.blocks;
    if (run.units.size() < 2) continue;
    std::vector<std::size_t> order;
    Issue before, after;
    schedule_run(run, config, order, before, after);
    if (after.slots >= before.slots) continue;
    ++r.reordered;
    replaced[run.first_line] = reordered_text(run, order, before.waits, after.waits);
    // Mark the rest of the run as consumed.
    for (std::size_t i = run.first_line + 1; i < run.end_line; ++i) replaced[i] = "";
  }

  std::string body;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto it = replaced.find(i);
    if (it != replaced.end())
      body += it->second;
    else if (!is_mark(lines[i], kHeaderMark))  // the header of an earlier run: replaced below
      body += lines[i] + "\n";
  }
  const AsmResult scheduled = assemble(body, filename);
  const Equivalence eq = compare_programs(prog, scheduled.program);
  if (!eq.same)
    throw Error(fmt::format("internal: the scheduled program differs from '{}': {}", filename,
                            eq.difference));
  r.cycles_before = run_cycles(config, prog, max_cycles);
  r.cycles_after = run_cycles(config, scheduled.program, max_cycles);
  r.source =
      fmt::format("{}{}: {} cycles before, {} after ({} of {} blocks reordered).\n", kHeaderMark,
                  config.name, r.cycles_before, r.cycles_after, r.reordered, r.blocks);
  r.source += body;
  return r;
}

}  // namespace pipesim::classroom
