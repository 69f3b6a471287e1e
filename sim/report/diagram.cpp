// The textbook pipeline diagram: stage names by cycle, one row per dynamic instruction.
#include "sim/report/diagram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "sim/report/colour.hpp"
#include "sim/report/diagram_blocks.hpp"
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

std::size_t issue_stage(const PipelineConfig& config) {
  std::size_t stage = 0;
  for (std::size_t s = 0; s < config.stages.size(); ++s)
    if (config.stages[s].role == StageRole::Decode) stage = s;
  return stage;
}

std::string diagram_lane_cell(const InsnRecord& r, const PipelineConfig& config, uint64_t c) {
  std::string text = diagram_cell(r, config, c);
  if (r.lane > 0 && text != "S" && text != "*" && !text.empty() &&
      diagram_stage(r, config, c) > issue_stage(config))
    text.append(r.lane, '\'');
  return text;
}

bool squashed_at_halt(const InsnRecord& r, uint64_t final_cycle) {
  return flushed(r) && r.last_cycle == final_cycle;
}

namespace {

// Draws the diagram of one window, block by block; holds what the blocks share.
class DiagramWriter {
 public:
  DiagramWriter(const Recorder& rec, const PipelineConfig& config, const DiagramOptions& options)
      : all_(rec.instructions()), config_(config), options_(options) {
    final_cycle_ = rec.final_cycle();
    for (const InsnRecord& r : all_) final_cycle_ = std::max(final_cycle_, r.last_cycle);
    from_ = std::max<uint64_t>(options.from_cycle, 1);
    to_ = options.to_cycle == 0 ? final_cycle_ : std::min(options.to_cycle, final_cycle_);
    // One cell width for every block, so that the columns of consecutive blocks line up.
    for (const StageConfig& s : config.stages) cell_ = std::max(cell_, display_width(s.name));
    if (config.execute == ExecuteMode::Parallel)
      for (const UnitLane& l : config.unit_lanes()) cell_ = std::max(cell_, display_width(l.name));
    if (to_ >= from_) cell_ = std::max(cell_, fmt::formatted_size("{}", to_));
    // Superscalar: a stage from issue on, with a prime per issue slot (EX' in slot 1, MEM'').
    if (config.issue.width > 1 && options.lane_marks)
      for (std::size_t s = issue_stage(config) + 1; s < config.stages.size(); ++s)
        cell_ = std::max(cell_, display_width(config.stages[s].name) + config.issue.width - 1);
  }

  // The tables of the window, and the number of rows hidden (squashed at the halt).
  std::string tables(uint64_t* hidden) {
    window_ = rows_in(from_, to_, hidden);
    const std::vector<const InsnRecord*>& window = window_;
    uint64_t block = options_.block_cycles;
    if (options_.width > 0) {
      std::vector<std::string> labels;
      const std::size_t label_width = labels_of(window, labels);
      const bool marks = std::any_of(window.begin(), window.end(),
                                     [](const InsnRecord* r) { return flushed(*r); });
      block = cycles_per_block(options_.width, label_width, cell_, marks);
    }
    if (block == 0 || to_ < from_) return table(from_, to_);
    std::string out;
    for (uint64_t a = from_; a <= to_; a += block) {
      const uint64_t b = to_ - a < block ? to_ : a + block - 1;
      if (a != from_) out += '\n';
      out += table(a, b);
      if (b == to_) break;  // a + block could wrap past the largest cycle number
    }
    return out;
  }

  // The rows of the window (once tables() has drawn it) and the run's last cycle.
  const std::vector<const InsnRecord*>& window() const { return window_; }
  uint64_t final_cycle() const { return final_cycle_; }

 private:
  // Rows of instructions in the machine during cycles [a, b]; the number hidden (squashed at
  // the halt) is counted when `hidden` is given (once, over the whole window).
  // Records are in fetch order, so their first cycles never decrease: each block's search starts
  // past the records that left before the block (`lo_`, only ever moving forward, as blocks are
  // rendered in order) and stops at the first record fetched after it.
  std::vector<const InsnRecord*> rows_in(uint64_t a, uint64_t b, uint64_t* hidden) {
    std::vector<const InsnRecord*> rows;
    if (!hidden)
      while (lo_ < all_.size() && all_[lo_].last_cycle < a) ++lo_;
    for (std::size_t i = hidden ? 0 : lo_; i < all_.size(); ++i) {
      const InsnRecord& r = all_[i];
      const uint64_t first = first_cycle(r);
      if (first > b) break;
      if (first == 0 || r.last_cycle < a || r.seq == options_.hide_seq) continue;
      // Squashed when the run ended: in the machine in the last cycle, behind the halting
      // instruction, never finished.
      if (!options_.show_squashed_at_halt && squashed_at_halt(r, final_cycle_)) {
        if (hidden) ++*hidden;
        continue;
      }
      rows.push_back(&r);
    }
    return rows;
  }

  // The labels of `rows` (pc, disassembly and, when given, the C line); returns their width.
  std::size_t labels_of(const std::vector<const InsnRecord*>& rows,
                        std::vector<std::string>& labels) const {
    std::size_t width = 0;
    for (const InsnRecord* r : rows) {
      labels.push_back(insn_label(*r));
      width = std::max(width, display_width(labels.back()));
    }
    if (options_.source && !options_.source->empty())
      width = add_source_column(labels, rows, *options_.source, width);
    return width;
  }

  // A cell padded to the cell width; in colour, the padding stays outside the colour codes.
  std::string cell(const InsnRecord& r, uint64_t c, bool is_flushed) const {
    std::string text =
        options_.lane_marks ? diagram_lane_cell(r, config_, c) : diagram_cell(r, config_, c);
    if (is_flushed) text = lower(std::move(text));
    const std::string pad(cell_ - std::min(cell_, display_width(text)), ' ');
    if (!options_.colour || text.empty() || text == "*") return text + pad;
    if (text == "S" || text == "s") return paint(text, kStallColour) + pad;
    if (is_flushed) return paint(text, kFlushedCellColour) + pad;
    return paint(text, stage_colour(diagram_stage(r, config_, c))) + pad;
  }

  // One table: the cycles [a, b], its rows, each label padded to the longest of the table.
  std::string table(uint64_t a, uint64_t b) {
    const std::vector<const InsnRecord*> rows = rows_in(a, b, nullptr);
    std::vector<std::string> labels;
    const std::size_t label_width = labels_of(rows, labels);
    const std::string mark =
        options_.colour ? " " + paint("flushed", kFlushedMarkColour) : std::string(" flushed");
    std::string out;
    if (b >= a) {
      std::string header(label_width, ' ');
      for (uint64_t c = a; c <= b; ++c) header += ' ' + pad_right(fmt::format("{}", c), cell_);
      out += rtrim(std::move(header)) + '\n';
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const InsnRecord& r = *rows[i];
      const bool is_flushed = flushed(r);
      std::string line = pad_right(labels[i], label_width);
      bool marked = false;
      for (uint64_t c = a; c <= b; ++c) {
        if (is_flushed && c == r.last_cycle + 1) {
          line += mark;
          marked = true;
          break;
        }
        line += ' ' + cell(r, c, is_flushed);
      }
      line = rtrim(std::move(line));
      // Its mark past the block's last column: the row leaves in that cycle (a row that goes on
      // into the next block is marked there).
      if (is_flushed && !marked && r.last_cycle <= b) line += mark;
      out += line + '\n';
    }
    return out;
  }

  const std::vector<InsnRecord>& all_;
  const PipelineConfig& config_;
  const DiagramOptions& options_;
  uint64_t final_cycle_ = 0, from_ = 1, to_ = 0;
  std::vector<const InsnRecord*> window_;
  std::size_t cell_ = 1;
  std::size_t lo_ = 0;
};

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

// Superscalar machines: how the diagram shows issue slots, and what an issue stall is.
std::string issue_legend(const PipelineConfig& config) {
  const std::size_t first = issue_stage(config) + 1;
  if (first >= config.stages.size()) return {};
  std::string primed;
  for (std::size_t s = first; s < config.stages.size(); ++s)
    primed += (primed.empty() ? "" : " ") + config.stages[s].name + "'";
  return fmt::format(
      "{}: issued to slot 1 (a prime per slot: slot 2 is {}''), else slot 0; issue: a slot left "
      "empty by a pairing rule\n",
      primed, config.stages[first].name);
}

// The issue stalls by pairing rule: " (dependent 2, memory_port 1)"; none for width 1.
std::string issue_reasons_text(const PipelineStats& st) {
  if (st.issue_width <= 1) return {};
  std::string parts;
  for (std::size_t r = 1; r < kNumIssueReasons; ++r)
    if (st.issue_reasons[r] != 0)
      parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ",
                           issue_reason_name(static_cast<IssueReason>(r)), st.issue_reasons[r]);
  return parts.empty() ? std::string() : " (" + parts + ")";
}

std::string legend(const PipelineConfig& config, const PipelineStats* stats, uint64_t hidden,
                   const EcallRows& ecall) {
  std::string out =
      "\nS: stays in the same stage another cycle (stall); lower case: flushed instruction\n";
  if (config.execute == ExecuteMode::Parallel) {
    std::string names;
    for (const UnitLane& l : config.unit_lanes()) names += (names.empty() ? "" : " ") + l.name;
    out +=
        "functional units: the execute stage is replaced by the units' positions (" + names + ")\n";
  }
  if (config.kind == MachineKind::SingleCycle)
    out += "*: the instruction passes every stage in its one cycle\n";
  if (config.issue.width > 1) out += issue_legend(config);
  if (ecall.shown) out += ecall_legend(config, ecall.flushed);
  if (stats) {
    std::string line = "stall cycles:";
    for (std::size_t c = 1; c < kNumStallCauses; ++c)
      if (cause_applies(static_cast<StallCause>(c), stats->issue_width))
        line += fmt::format("{} {} {}", c > 1 ? "," : "", cause_name(static_cast<StallCause>(c)),
                            stats->stall_cycles[c]);
    line += issue_reasons_text(*stats);
    line += fmt::format("; fill {}; total {}", stats->fill_cycles, stats->total_stall_cycles());
    out += line + '\n';
  }
  if (hidden > 0)
    out += fmt::format("({} instruction{} fetched behind the halting instruction not shown)\n",
                       hidden, hidden == 1 ? "" : "s");
  return out;
}

}  // namespace

std::string render_diagram(const Recorder& rec, const PipelineConfig& config,
                           const PipelineStats* stats, const DiagramOptions& options) {
  DiagramWriter writer(rec, config, options);
  uint64_t hidden = 0;
  std::string out = writer.tables(&hidden);
  const EcallRows ecall = ecall_rows(rec, config, writer.window(), writer.final_cycle());
  if (options.legend) out += wrap_lines(legend(config, stats, hidden, ecall), options.width);
  return out;
}

}  // namespace pipesim::report
