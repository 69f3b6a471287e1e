// The textbook pipeline diagram: stage names by cycle, one row per dynamic instruction.
#include "sim/report/diagram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "sim/report/hazard_text.hpp"
#include "sim/report/text.hpp"

namespace pipesim::report {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool flushed(const InsnRecord& r) {
  return !r.committed && r.flushed_by != kNoSeq;
}

// The C line of each row in a column of its own after the disassembly (the labels, `width`
// wide), so that the lines line up; returns the new label width.
std::size_t add_source_column(std::vector<std::string>& labels,
                              const std::vector<const InsnRecord*>& rows, const SourceMap& source,
                              std::size_t width) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string line = source.text(rows[i]->pc);
    if (!line.empty()) labels[i] = pad_right(labels[i], width) + "  " + line;
    out = std::max(out, display_width(labels[i]));
  }
  return out;
}

// Whether the rows shown hold an ecall, and a row a non-exit ecall flushed (not one squashed
// when an exit ecall ended the run): the legend then explains the ecall rule (hazard_text.hpp),
// which is the pipelines' (a sequential machine has no stalls to explain).
struct EcallRows {
  bool shown = false, flushed = false;
};
EcallRows ecall_rows(const Recorder& rec, const PipelineConfig& config,
                     const std::vector<const InsnRecord*>& rows, uint64_t final_cycle) {
  EcallRows out;
  if (config.kind != MachineKind::Pipelined) return out;
  for (const InsnRecord* r : rows) {
    out.shown = out.shown || r->op == isa::Op::Ecall;
    if (flushed(*r) && r->last_cycle != final_cycle) {
      const InsnRecord* by = rec.find(r->flushed_by);
      out.flushed = out.flushed || (by && by->op == isa::Op::Ecall);
    }
  }
  return out;
}

}  // namespace

std::size_t diagram_stage(const InsnRecord& r, const PipelineConfig& config, uint64_t c) {
  const std::size_t n = std::min<std::size_t>(config.stages.size(), kMaxStages);
  std::size_t stage = 0;
  for (std::size_t s = 0; s < n; ++s)
    if (r.enter[s] != 0 && r.enter[s] <= c) stage = s;  // stages are entered in order
  return stage;
}

// What the row of `r` shows in cycle `c`: the stage it works in (in parallel execute mode, the
// functional-unit position), or S once its work in the stage is done and it stays there.
std::string diagram_cell(const InsnRecord& r, const PipelineConfig& config, uint64_t c) {
  const uint64_t first = first_cycle(r);
  if (first == 0 || c < first || c > r.last_cycle) return {};
  const std::size_t n = std::min<std::size_t>(config.stages.size(), kMaxStages);
  std::size_t entered = 0;
  for (std::size_t s = 0; s < n; ++s)
    if (r.enter[s] == c) ++entered;
  if (entered > 1) return "*";
  const std::size_t stage = diagram_stage(r, config, c);
  const uint64_t offset = c - r.enter[stage];
  if (offset >= std::max<uint32_t>(r.busy[stage], 1)) return "S";
  if (config.execute == ExecuteMode::Parallel && r.unit != kNoUnit &&
      config.stages[stage].role == StageRole::Execute && r.unit < config.functional_units.size())
    return config.lane_name(r.unit, r.unit_instance, static_cast<uint32_t>(offset));
  return config.stages[stage].name;
}

bool squashed_at_halt(const InsnRecord& r, uint64_t final_cycle) {
  return flushed(r) && r.last_cycle == final_cycle;
}

std::string render_diagram(const Recorder& rec, const PipelineConfig& config,
                           const PipelineStats* stats, const DiagramOptions& options) {
  const std::vector<InsnRecord>& all = rec.instructions();
  uint64_t final_cycle = rec.final_cycle();
  for (const InsnRecord& r : all) final_cycle = std::max(final_cycle, r.last_cycle);

  const uint64_t from = std::max<uint64_t>(options.from_cycle, 1);
  const uint64_t to = options.to_cycle == 0 ? final_cycle : std::min(options.to_cycle, final_cycle);

  // Squashed when the run ended: in the machine in the last cycle, behind the halting
  // instruction, never finished.
  auto at_halt = [&](const InsnRecord& r) { return squashed_at_halt(r, final_cycle); };

  // Rows of instructions in the machine during cycles [a, b]; the number hidden (squashed at
  // the halt) is counted once, over the whole window.
  // Records are in fetch order, so their first cycles never decrease: each block's search starts
  // past the records that left before the block (`lo`, only ever moving forward, as blocks are
  // rendered in order) and stops at the first record fetched after it.
  std::size_t lo = 0;
  auto rows_in = [&](uint64_t a, uint64_t b, uint64_t* hidden) {
    std::vector<const InsnRecord*> rows;
    if (!hidden)
      while (lo < all.size() && all[lo].last_cycle < a) ++lo;
    for (std::size_t i = hidden ? 0 : lo; i < all.size(); ++i) {
      const InsnRecord& r = all[i];
      const uint64_t first = first_cycle(r);
      if (first > b) break;
      if (first == 0 || r.last_cycle < a || r.seq == options.hide_seq) continue;
      if (!options.show_squashed_at_halt && at_halt(r)) {
        if (hidden) ++*hidden;
        continue;
      }
      rows.push_back(&r);
    }
    return rows;
  };
  uint64_t hidden = 0;
  const EcallRows ecall = ecall_rows(rec, config, rows_in(from, to, &hidden), final_cycle);

  // One cell width for every block, so that the columns of consecutive blocks line up.
  std::size_t width = 1;
  for (const StageConfig& s : config.stages) width = std::max(width, display_width(s.name));
  if (config.execute == ExecuteMode::Parallel)
    for (const UnitLane& l : config.unit_lanes()) width = std::max(width, display_width(l.name));
  if (to >= from) width = std::max(width, fmt::formatted_size("{}", to));

  // One table: the cycles [a, b], its rows, each label padded to the longest of the table.
  auto table = [&](uint64_t a, uint64_t b) {
    const std::vector<const InsnRecord*> rows = rows_in(a, b, nullptr);
    std::vector<std::string> labels;
    std::size_t label_width = 0;
    for (const InsnRecord* r : rows) {
      labels.push_back(insn_label(*r));
      label_width = std::max(label_width, display_width(labels.back()));
    }
    if (options.source && !options.source->empty())
      label_width = add_source_column(labels, rows, *options.source, label_width);
    std::string out;
    if (b >= a) {
      std::string header(label_width, ' ');
      for (uint64_t c = a; c <= b; ++c) header += ' ' + pad_right(fmt::format("{}", c), width);
      out += rtrim(std::move(header)) + '\n';
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const InsnRecord& r = *rows[i];
      const bool is_flushed = flushed(r);
      std::string line = pad_right(labels[i], label_width);
      bool marked = false;
      for (uint64_t c = a; c <= b; ++c) {
        if (is_flushed && c == r.last_cycle + 1) {
          line += " flushed";
          marked = true;
          break;
        }
        std::string text = diagram_cell(r, config, c);
        line += ' ' + pad_right(is_flushed ? lower(std::move(text)) : text, width);
      }
      line = rtrim(std::move(line));
      if (is_flushed && !marked) line += " flushed";
      out += line + '\n';
    }
    return out;
  };

  std::string out;
  if (options.block_cycles == 0 || to < from) {
    out = table(from, to);
  } else {
    for (uint64_t a = from; a <= to; a += options.block_cycles) {
      const uint64_t b = to - a < options.block_cycles ? to : a + options.block_cycles - 1;
      if (a != from) out += '\n';
      out += table(a, b);
      if (b == to) break;  // a + block_cycles could wrap past the largest cycle number
    }
  }

  if (options.legend) {
    out += "\nS: stays in the same stage another cycle (stall); lower case: flushed instruction\n";
    if (config.execute == ExecuteMode::Parallel)
      out += "functional units: the execute stage is replaced by the units' positions (" + [&] {
        std::string names;
        for (const UnitLane& l : config.unit_lanes()) names += (names.empty() ? "" : " ") + l.name;
        return names;
      }() + ")\n";
    if (config.kind == MachineKind::SingleCycle)
      out += "*: the instruction passes every stage in its one cycle\n";
    if (ecall.shown) out += ecall_legend(config, ecall.flushed);
    if (stats) {
      std::string line = "stall cycles:";
      for (std::size_t c = 1; c < kNumStallCauses; ++c)
        line += fmt::format(" {} {}{}", cause_name(static_cast<StallCause>(c)),
                            stats->stall_cycles[c], c + 1 < kNumStallCauses ? "," : "");
      line += fmt::format("; fill {}; total {}", stats->fill_cycles, stats->total_stall_cycles());
      out += line + '\n';
    }
    if (hidden > 0)
      out += fmt::format("({} instruction{} fetched behind the halting instruction not shown)\n",
                         hidden, hidden == 1 ? "" : "s");
  }
  return out;
}

}  // namespace pipesim::report
