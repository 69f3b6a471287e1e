// make_answer_key: renders the diagram, then reads it back with the answer parser, so the key
// is by construction what the diagram shows (whatever the cells hold: stages, units, lanes).
#include "sim/classroom/answer_key.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "isa/error.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

namespace {

// The slot of a fetch from unmapped memory that faulted (kNoSeq if the run did not end so): the
// pipeline carries the fault to the end stage, but there is no instruction there to draw (its
// row would read `00000000  .4byte 0x0`).
uint64_t fetch_fault_seq(const RecordedRun& run) {
  if (run.result.halt != Halt::Fault || run.result.fault.kind != FaultKind::FetchAccess)
    return kNoSeq;
  for (const InsnRecord& r : run.recorder.instructions())
    if (!r.committed && r.flushed_by == kNoSeq && r.pc == run.result.fault.pc) return r.seq;
  return kNoSeq;
}

// The instructions the diagram has rows for, in order (the selection render_diagram makes for
// a whole run: every instruction that entered the machine, except those squashed at the halt
// and `hidden`).
std::vector<const InsnRecord*> diagram_instructions(const report::Recorder& rec, uint64_t hidden) {
  const std::vector<InsnRecord>& all = rec.instructions();
  uint64_t final_cycle = rec.final_cycle();
  for (const InsnRecord& r : all) final_cycle = std::max(final_cycle, r.last_cycle);
  std::vector<const InsnRecord*> rows;
  for (const InsnRecord& r : all) {
    if (report::first_cycle(r) == 0) continue;
    const bool flushed = !r.committed && r.flushed_by != kNoSeq;
    if ((flushed && r.last_cycle == final_cycle) || r.seq == hidden) continue;
    rows.push_back(&r);
  }
  return rows;
}

}  // namespace

AnswerKey make_answer_key(const RecordedRun& run) {
  AnswerKey key;
  report::DiagramOptions options;
  options.legend = false;
  options.lane_marks = false;
  options.hide_seq = fetch_fault_seq(run);
  const std::vector<const InsnRecord*> insns = diagram_instructions(run.recorder, options.hide_seq);
  std::size_t label_width = 0;
  for (const InsnRecord* r : insns)
    label_width = std::max(label_width, report::display_width(report::insn_label(*r)));
  // The key is a table of rows × cycles: a run of 9,000 instructions over 10,000 cycles would be
  // a 500 MB text (and took minutes to draw). Such a run is no diagram exercise: say so before
  // drawing it. Each cell takes at least 4 bytes ("IF  "), as render_diagram lays them out.
  const uint64_t cycles = run.result.stats.cycles;
  const double estimate = static_cast<double>(insns.size()) *
                          (static_cast<double>(label_width) + 4.0 * static_cast<double>(cycles));
  if (estimate > static_cast<double>(kMaxAnswerBytes))
    throw Error(fmt::format(
        "the run is too long to grade as a pipeline diagram: {} rows over {} cycles would be "
        "about {} MiB of diagram, and an answer holds at most {} MiB; pipeline-diagram exercises "
        "are short programs (shorten the program's loops)",
        insns.size(), cycles, static_cast<uint64_t>(estimate) >> 20, kMaxAnswerBytes >> 20));
  key.text = report::render_diagram(run.recorder, run.config, nullptr, options);
  key.diagram = options;
  key.words = answer_words(run.config);

  // Mark where each label ends with a `|` (it replaces the space before the first cell, so the
  // columns stay), so that no label word can be mistaken for a cell.
  std::string marked;
  std::size_t pos = 0;
  bool header = true;
  while (pos < key.text.size()) {
    std::size_t end = key.text.find('\n', pos);
    if (end == std::string::npos) end = key.text.size();
    std::string line = key.text.substr(pos, end - pos);
    if (!header && line.size() > label_width) line[label_width] = '|';
    if (!header && line.size() <= label_width) line += '|';
    header = false;
    marked += line + '\n';
    pos = end + 1;
  }
  const ParsedAnswer parsed =
      insns.empty() ? ParsedAnswer{} : parse_answer(marked, "<answer key>", key.words);
  if (parsed.rows.size() != insns.size())
    throw std::logic_error("answer key: the diagram's rows do not match its instructions");

  key.first_cycle = parsed.first_cycle;
  key.last_cycle = parsed.last_cycle;
  for (std::size_t i = 0; i < insns.size(); ++i) {
    const InsnRecord& r = *insns[i];
    KeyRow row;
    row.seq = r.seq;
    row.label = report::insn_label(r);
    row.cells = parsed.rows[i].cells;
    row.flushed = parsed.rows[i].flushed;
    row.last_cycle = r.last_cycle;
    if (parsed.rows[i].label != report::rtrim(row.label))
      throw std::logic_error("answer key: row " + std::to_string(i + 1) + " is labelled '" +
                             parsed.rows[i].label + "', expected '" + row.label + "'");
    key.rows.push_back(std::move(row));
  }
  return key;
}

namespace {

// The last cycle a blank sheet's header shows when it must not give the cycle count away: a
// round number safely past the end, the smallest multiple of 10 that is at least 1.5 × the
// last cycle (31 cycles: 50; 20: 30; 9: 20). Documented in docs/classroom.md.
uint64_t hidden_last_cycle(uint64_t last) {
  return (3 * last + 19) / 20 * 10;
}

// The key's header row redrawn to `last`, in the key's columns: the label column, then each
// cycle number in a cell as wide as the key's (wider if the numbers grow).
std::string header_to(const std::string& key_header, uint64_t first, uint64_t last) {
  const std::size_t label_end = key_header.find_first_not_of(' ');
  if (label_end == std::string::npos || label_end == 0) return key_header;
  // The key's cell width: from the start of one cycle number to the next, less the space.
  std::size_t width = 3;
  const std::size_t second = key_header.find_first_not_of(' ', key_header.find(' ', label_end));
  if (second != std::string::npos) width = second - label_end - 1;
  width = std::max(width, fmt::formatted_size("{}", last));
  std::string header(label_end - 1, ' ');
  for (uint64_t c = first; c <= last; ++c)
    header += ' ' + report::pad_right(fmt::format("{}", c), width);
  return report::rtrim(std::move(header));
}

}  // namespace

std::string answer_template(const AnswerKey& key, const TemplateOptions& options) {
  const std::size_t newline = key.text.find('\n');
  std::string out = key.text.substr(0, newline == std::string::npos ? key.text.size() : newline);
  if (!options.show_cycle_count && !key.rows.empty())
    out = header_to(out, key.first_cycle, hidden_last_cycle(key.last_cycle));
  out += '\n';
  std::size_t width = 0;
  for (const KeyRow& r : key.rows) width = std::max(width, report::display_width(r.label));
  // Labels padded to the diagram's label column, so cells typed after them line up. The width
  // counts every row, drawn or not, so that the columns stay those of the header.
  for (const KeyRow& r : key.rows)
    if (options.show_flushed_rows || !r.flushed)
      out += report::pad_right(r.label, width + 1) + '\n';
  return out;
}

}  // namespace pipesim::classroom
