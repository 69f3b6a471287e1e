// The occupancy table: what every stage holds in every cycle, and what happened.
#include "sim/report/occupancy.hpp"

#include <fmt/format.h>

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

}  // namespace

std::string render_occupancy(const Recorder& rec, const PipelineConfig& config,
                             const OccupancyOptions& options) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"cycle"};
  for (const StageConfig& s : config.stages) header.push_back(s.name);
  header.push_back("events");
  rows.push_back(header);
  const std::size_t num_stages = config.stages.size();

  for (const RecordedCycle& cyc : rec.cycles()) {
    if (cyc.cycle < options.from_cycle) continue;
    if (options.to_cycle != 0 && cyc.cycle > options.to_cycle) break;
    std::vector<std::string> row{fmt::format("{}", cyc.cycle)};
    for (std::size_t i = 0; i < num_stages; ++i) {
      if (i >= cyc.stages.size()) {
        row.emplace_back();
        continue;
      }
      const SlotView& v = cyc.stages[i];
      std::string text;
      if (!v.occupied()) {
        text = v.cause == StallCause::Fill ? std::string("-")
                                           : fmt::format("bubble({})", cause_name(v.cause));
      } else {
        const InsnRecord* r = options.short_names ? nullptr : rec.find(v.seq);
        text = r ? fmt::format("{} {}", seq_name(v.seq), insn_text(*r)) : seq_name(v.seq);
        if (v.stalled) text += " (held)";
      }
      row.push_back(std::move(text));
    }
    // Identical events in a row (both operands of `add a2, a1, a1` forwarded) are shown once
    // with a count.
    std::vector<std::pair<std::string, int>> texts;
    for (const Event& e : cyc.events) {
      if (e.kind == EventKind::Commit && !options.commits) continue;
      std::string t = event_text(e, config);
      if (!texts.empty() && texts.back().first == t) {
        ++texts.back().second;
      } else {
        texts.emplace_back(std::move(t), 1);
      }
    }
    std::string events;
    for (const auto& [t, n] : texts) {
      if (!events.empty()) events += "; ";
      events += n == 1 ? t : fmt::format("{} (×{})", t, n);
    }
    row.push_back(std::move(events));
    rows.push_back(std::move(row));
  }
  std::vector<Align> align{Align::Right};
  return render_table(rows, align, 2);
}

}  // namespace pipesim::report
