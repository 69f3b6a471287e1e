// The occupancy table: what every stage holds in every cycle, and what happened.
#include "sim/report/occupancy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "isa/isa.hpp"
#include "sim/report/text.hpp"

namespace pipesim::report {

namespace {

std::string stage_name(const PipelineConfig& config, uint32_t stage) {
  return stage < config.stages.size() ? config.stages[stage].name : fmt::format("stage{}", stage);
}

std::string seq_name(uint64_t seq) {
  return seq == kNoSeq ? std::string("?") : fmt::format("#{}", seq);
}

std::string event_text(const Event& e, const PipelineConfig& config) {
  switch (e.kind) {
    case EventKind::Stall: {
      std::string s = fmt::format("stall {} in {}: {}", seq_name(e.seq),
                                  stage_name(config, e.stage), cause_name(e.cause));
      if (e.cause == StallCause::Issue && e.reason != IssueReason::None)
        s += fmt::format(" ({})", issue_reason_name(e.reason));
      if (e.reg != 0) s += fmt::format(" on {}", isa::abi_name(e.reg));
      if (e.other != kNoSeq) s += fmt::format(" from {}", seq_name(e.other));
      return s;
    }
    case EventKind::Flush: {
      std::string s = fmt::format("flush {} in {}", seq_name(e.seq), stage_name(config, e.stage));
      if (e.other != kNoSeq) s += fmt::format(" (by {})", seq_name(e.other));
      return s;
    }
    case EventKind::Forward: {
      std::string s = fmt::format("forward {}→{}", stage_name(config, e.from_stage),
                                  stage_name(config, e.stage));
      if (e.reg != 0) s += fmt::format(" {}", isa::abi_name(e.reg));
      s += fmt::format(" to {}", seq_name(e.seq));
      if (e.other != kNoSeq) s += fmt::format(" from {}", seq_name(e.other));
      return s;
    }
    case EventKind::Redirect:
      return fmt::format("redirect by {} to 0x{:08x}", seq_name(e.seq), e.target);
    case EventKind::Commit:
      return fmt::format("commit {}", seq_name(e.seq));
    case EventKind::CacheMiss:
      return fmt::format("{}-cache miss by {} at 0x{:08x} (+{} cycles)", e.reg == 0 ? "I" : "D",
                         seq_name(e.seq), e.target, e.other);
  }
  return "?";
}

// A cycle's events, identical ones in a row (both operands of `add a2, a1, a1` forwarded) shown
// once with a count.
std::vector<std::string> event_texts(const RecordedCycle& cyc, const PipelineConfig& config,
                                     bool commits) {
  std::vector<std::pair<std::string, int>> texts;
  for (const Event& e : cyc.events) {
    if (e.kind == EventKind::Commit && !commits) continue;
    std::string t = event_text(e, config);
    if (!texts.empty() && texts.back().first == t) {
      ++texts.back().second;
    } else {
      texts.emplace_back(std::move(t), 1);
    }
  }
  std::vector<std::string> out;
  for (const auto& [t, n] : texts) out.push_back(n == 1 ? t : fmt::format("{} (×{})", t, n));
  return out;
}

// The events joined by "; ", in lines of at most `room` columns when `room` is not 0 (an event
// longer than that has a line of its own).
std::vector<std::string> event_lines(const std::vector<std::string>& events, std::size_t room) {
  std::vector<std::string> lines{std::string()};
  for (const std::string& e : events) {
    std::string& line = lines.back();
    if (line.empty()) {
      line = e;
    } else if (room == 0 || display_width(line) + 2 + display_width(e) <= room) {
      line += "; " + e;
    } else {
      line += ";";
      lines.push_back(e);
    }
  }
  return lines;
}

// Below the table: what each `#N` names (the instruction records the recorder kept).
std::string seq_key(const Recorder& rec, const std::set<uint64_t>& seqs) {
  std::vector<std::vector<std::string>> rows;
  for (uint64_t seq : seqs)
    if (const InsnRecord* r = rec.find(seq)) rows.push_back({seq_name(seq), insn_label(*r)});
  if (rows.empty()) return {};
  return "\n#N: the instruction fetched N-th, from #0 (flushed ones too):\n" +
         render_table(rows, {}, 2);
}

}  // namespace

namespace {

// The cells of one cycle's row: its number, then what each stage holds; the instructions named
// go into `seqs` (for the key).
std::vector<std::string> cycle_row(const RecordedCycle& cyc, const Recorder& rec,
                                   const PipelineConfig& config, const OccupancyOptions& options,
                                   bool short_bubbles, std::set<uint64_t>& seqs) {
  std::vector<std::string> row{fmt::format("{}", cyc.cycle)};
  // A superscalar stage's positions (instructions oldest first, then bubbles) side by side,
  // separated by " | " (docs/cli.md "Occupancy").
  auto position_text = [&](const SlotView& v) {
    if (!v.occupied()) {
      if (v.cause == StallCause::Fill) return std::string("-");
      std::string cause = cause_name(v.cause);
      if (v.cause == StallCause::Issue && v.reason != IssueReason::None && !short_bubbles)
        cause += fmt::format(":{}", issue_reason_name(v.reason));
      return fmt::format("{}({})", short_bubbles ? "" : "bubble", cause);
    }
    seqs.insert(v.seq);
    const InsnRecord* r = options.short_names ? nullptr : rec.find(v.seq);
    std::string text = r ? fmt::format("{} {}", seq_name(v.seq), insn_text(*r)) : seq_name(v.seq);
    if (v.stalled) text += " (held)";
    return text;
  };
  for (std::size_t i = 0; i < config.stages.size(); ++i) {
    if (i >= cyc.num_stages()) {
      row.emplace_back();
      continue;
    }
    std::string text = position_text(cyc.at(i));
    for (std::size_t p = 1; p < cyc.width; ++p) text += " | " + position_text(cyc.at(i, p));
    row.push_back(std::move(text));
  }
  for (const Event& e : cyc.events) {
    if (e.kind == EventKind::Commit && !options.commits) continue;
    if (e.seq != kNoSeq) seqs.insert(e.seq);
    // `other` names an instruction in these (in a cache miss it counts cycles).
    const bool names_other =
        e.kind == EventKind::Stall || e.kind == EventKind::Flush || e.kind == EventKind::Forward;
    if (names_other && e.other != kNoSeq) seqs.insert(e.other);
  }
  return row;
}

// The width of the table's columns and the gaps after them.
std::size_t columns_width(const std::vector<std::vector<std::string>>& rows) {
  std::size_t total = 0;
  for (std::size_t col = 0; col < rows.front().size(); ++col) {
    std::size_t w = 0;
    for (const auto& row : rows) w = std::max(w, display_width(row[col]));
    total += w + 2;
  }
  return total;
}

// The smallest room for the events column beside the stages; with less, they go under the row.
constexpr std::size_t kMinEventsRoom = 24;

}  // namespace

std::string render_occupancy(const Recorder& rec, const PipelineConfig& config,
                             const OccupancyOptions& options) {
  std::vector<const RecordedCycle*> shown;
  for (const RecordedCycle& cyc : rec.cycles()) {
    if (cyc.cycle < options.from_cycle) continue;
    if (options.to_cycle != 0 && cyc.cycle > options.to_cycle) break;
    shown.push_back(&cyc);
  }
  std::vector<std::string> header{"cycle"};
  for (const StageConfig& s : config.stages) header.push_back(s.name);
  std::set<uint64_t> seqs;  // the instructions named, for the key
  auto stage_rows = [&](bool short_bubbles) {
    std::vector<std::vector<std::string>> rows{header};
    for (const RecordedCycle* cyc : shown)
      rows.push_back(cycle_row(*cyc, rec, config, options, short_bubbles, seqs));
    return rows;
  };
  std::vector<std::vector<std::string>> rows = stage_rows(false);
  // To fit a width: bubbles named by their cause alone when the stages are too wide, and the
  // events beside the stages in lines that fit, or under each row when the room is too small.
  std::size_t stages_width = columns_width(rows);
  const bool short_bubbles = options.width > 0 && stages_width > options.width;
  if (short_bubbles) {
    rows = stage_rows(true);
    stages_width = columns_width(rows);
  }
  const bool beside = options.width == 0 || options.width >= stages_width + kMinEventsRoom;
  const std::size_t indent = rows.front().front().size() + 2;  // under the stages, past "cycle"
  const std::size_t room = options.width == 0 ? 0
                           : beside           ? options.width - stages_width
                                    : std::max(options.width, indent + kMinEventsRoom) - indent;
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> under;  // per line of `lines`: the event lines printed below it
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> texts =
        i == 0 ? std::vector<std::string>{"events"}
               : event_lines(event_texts(*shown[i - 1], config, options.commits), room);
    if (!beside) {
      lines.push_back(rows[i]);
      std::string below;
      for (const std::string& t : texts)
        if (i > 0 && !t.empty()) below += std::string(indent, ' ') + t + '\n';
      under.push_back(std::move(below));
      continue;
    }
    for (std::size_t l = 0; l < texts.size(); ++l) {
      // Further lines of a cycle's events are under the first, their other cells blank.
      std::vector<std::string> line = l == 0 ? rows[i] : std::vector<std::string>(rows[i].size());
      line.push_back(texts[l]);
      lines.push_back(std::move(line));
      under.emplace_back();
    }
  }
  std::vector<Align> align{Align::Right};
  std::string out;
  const std::string table = render_table(lines, align, 2);
  std::size_t pos = 0;
  for (const std::string& below : under) {
    const std::size_t end = table.find('\n', pos) + 1;
    out += table.substr(pos, end - pos) + below;
    pos = end;
  }
  if (short_bubbles) out += "\n(cause): a bubble, and why\n";
  if (options.key) out += seq_key(rec, seqs);
  return out;
}

}  // namespace pipesim::report
