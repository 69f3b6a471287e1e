// The explainer groups the recorded Stall and Flush events by (cause, instructions involved).
#include "sim/classroom/explainer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/report/hazard_events.hpp"
#include "sim/report/hazard_text.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

using report::code_namer;
using report::flush_reason;
using report::flush_remedy;
using report::HazardEvents;
using report::InsnNamer;
using report::stall_reason;
using report::stall_remedy;

namespace {

std::string plural(uint64_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// For each ecall pc whose (first) execution a textbook derivation would stall: why it does not.
std::vector<std::string> ecall_notes(const RecordedRun& run, const InsnNamer& name) {
  std::vector<std::string> notes;
  std::set<uint32_t> done;
  for (const InsnRecord& r : run.recorder.instructions()) {
    if (r.op != isa::Op::Ecall || !r.committed || done.contains(r.pc)) continue;
    if (report::textbook_ecall_stall(run.recorder, run.config, r.seq).cycles == 0) continue;
    done.insert(r.pc);
    notes.push_back(report::ecall_no_stall_sentence(run.recorder, run.config, r.seq, name));
  }
  return notes;
}

// On a superscalar machine: each stall section's empty issue slots, and an `issue` section
// even when its slots were all lost at fetch (alignment, a taken branch), which no instruction
// was held for.
void add_slot_counts(Explanation& out, const PipelineStats& st, const PipelineConfig& config) {
  if (st.issue_width <= 1) return;
  const auto issue = static_cast<std::size_t>(StallCause::Issue);
  const bool has_issue =
      std::any_of(out.sections.begin(), out.sections.end(),
                  [](const CauseSection& s) { return s.title == "issue stalls"; });
  if (st.stall_cycles[issue] > 0 && !has_issue) {
    CauseSection s;
    s.title = "issue stalls";
    s.remedy = stall_remedy(StallCause::Issue, config);
    out.sections.push_back(std::move(s));
  }
  for (CauseSection& s : out.sections) {
    for (std::size_t c = 1; c < kNumStallCauses; ++c) {
      std::string title = cause_name(static_cast<StallCause>(c));
      std::replace(title.begin(), title.end(), '_', '-');
      if (s.title == title + " stalls") s.slots = st.stall_cycles[c];
    }
    if (s.title != "issue stalls") continue;
    for (std::size_t r = 1; r < kNumIssueReasons; ++r)
      if (st.issue_reasons[r] > 0)
        s.slot_reasons +=
            fmt::format("{}{} {}", s.slot_reasons.empty() ? "" : ", ",
                        issue_reason_name(static_cast<IssueReason>(r)), st.issue_reasons[r]);
  }
}

}  // namespace

Explanation explain_run(const RecordedRun& run) {
  const report::Recorder& rec = run.recorder;
  const HazardEvents events(rec);
  const InsnNamer name = code_namer(rec);
  auto pc_of = [&](uint64_t seq) {
    const InsnRecord* r = rec.find(seq);
    return r ? r->pc : 0u;
  };

  Explanation out;
  // Stalls: one group per (cause, stalled pc, producer pc, register).
  std::map<StallCause, std::map<std::tuple<uint32_t, uint32_t, uint8_t>, HazardGroup>> stalls;
  // A stall of several cycles is one stall: the group's last (seq, cycle) tells whether this
  // cycle continues it.
  std::map<const HazardGroup*, std::pair<uint64_t, uint64_t>> last;
  // What was fetched behind the halting instruction is squashed with the run's end, and the
  // diagram leaves it out: so do the stall groups (its code may be no program's, `.4byte 0x0`).
  uint64_t final_cycle = rec.final_cycle();
  for (const InsnRecord& r : rec.instructions()) final_cycle = std::max(final_cycle, r.last_cycle);
  auto beyond_halt = [&](uint64_t seq) {
    const InsnRecord* r = rec.find(seq);
    return r && !r->committed && r->flushed_by != kNoSeq && r->last_cycle == final_cycle;
  };
  for (const auto& [cycle, e] : events.stalls()) {
    if (beyond_halt(e.seq)) continue;
    const uint32_t producer = e.other == kNoSeq ? 0 : pc_of(e.other);
    HazardGroup& g = stalls[e.cause][{pc_of(e.seq), producer, e.reg}];
    auto [it, first] = last.try_emplace(&g, e.seq, cycle);
    const auto [seq, seen] = it->second;
    if (first || seq != e.seq || (seen != cycle && seen + 1 != cycle)) ++g.stalls;
    it->second = {e.seq, cycle};
    if (g.times++ == 0) {
      g.cause = e.cause;
      g.pc = pc_of(e.seq);
      g.sentence = fmt::format(
          "{} waits in {}: {}", name(e.seq),
          run.config.stages[std::min<std::size_t>(e.stage, run.config.stages.size() - 1)].name,
          stall_reason(e, rec, run.config, name));
    }
  }
  for (auto& [cause, groups] : stalls) {
    CauseSection s;
    std::string title = cause_name(cause);
    std::replace(title.begin(), title.end(), '_', '-');
    s.title = title + " stalls";
    s.remedy = stall_remedy(cause, run.config);
    for (auto& [k, g] : groups) {
      s.total += g.times;
      s.groups.push_back(std::move(g));
    }
    out.sections.push_back(std::move(s));
  }

  // Flushes: one group per instruction that flushed; a redirect counted once however many
  // instructions it squashed.
  std::map<uint32_t, HazardGroup> flushes;
  std::set<std::pair<uint64_t, uint64_t>> redirects;  // (flusher seq, cycle)
  for (const auto& [cycle, e] : events.flushes()) {
    const uint32_t pc = e.other == kNoSeq ? 0 : pc_of(e.other);
    HazardGroup& g = flushes[pc];
    if (g.squashed++ == 0) {
      g.flush = true;
      g.cause = StallCause::Control;
      g.pc = pc;
      g.sentence = flush_reason(e, e.other == kNoSeq ? nullptr : events.redirect(e.other), rec,
                                run.config, name);
    }
    if (redirects.emplace(e.other, cycle).second) ++g.times;
  }
  add_slot_counts(out, run.result.stats, run.config);
  if (!flushes.empty()) {
    CauseSection s;
    s.title = "flushes (wrong-path instructions squashed)";
    for (auto& [pc, g] : flushes) {
      s.total += g.squashed;
      s.groups.push_back(std::move(g));
    }
    // The remedy depends on what flushed most.
    const HazardGroup& top = *std::max_element(
        s.groups.begin(), s.groups.end(),
        [](const HazardGroup& a, const HazardGroup& b) { return a.squashed < b.squashed; });
    isa::Op op = isa::Op::Illegal;
    for (const InsnRecord& r : rec.instructions())
      if (r.pc == top.pc) {
        op = r.op;
        break;
      }
    s.remedy = flush_remedy(op, run.config);
    out.sections.push_back(std::move(s));
  }
  out.ecall_notes = ecall_notes(run, name);
  for (CauseSection& s : out.sections)
    std::stable_sort(s.groups.begin(), s.groups.end(),
                     [](const HazardGroup& a, const HazardGroup& b) {
                       return (a.flush ? a.squashed : a.times) > (b.flush ? b.squashed : b.times);
                     });
  return out;
}

std::string render_explanation(const std::string& program, const RecordedRun& run,
                               const Explanation& e, const SourceMap* source) {
  const PipelineStats& st = run.result.stats;
  std::string out =
      st.issue_width > 1
          // A superscalar machine has issue_width slots per cycle: the accounting is in slots
          // (docs/model.md), and its stall sections count the cycles an instruction was held.
          ? fmt::format(
                "{} on {}: {} × {} issue slots = {} slots: {}, {} filling, {} stalled, "
                "{} after the halt; {} flushed\n",
                program, run.config.name, plural(st.cycles, "cycle"), st.issue_width,
                st.cycles * st.issue_width, plural(st.instructions, "instruction"), st.fill_cycles,
                st.total_stall_cycles(), st.halt_slots, plural(st.flushed, "instruction"))
          : fmt::format("{} on {}: {}, {} executed, {} filling, {} stalled, {} flushed\n", program,
                        run.config.name, plural(st.cycles, "cycle"),
                        plural(st.instructions, "instruction"), plural(st.fill_cycles, "cycle"),
                        plural(st.total_stall_cycles(), "cycle"),
                        plural(st.flushed, "instruction"));
  if (e.sections.empty())
    out += "\nNo stalls and no flushes: every cycle after filling completes an instruction.\n";
  for (const CauseSection& s : e.sections) {
    const bool flush = !s.groups.empty() && s.groups.front().flush;
    out += fmt::format("\n{}: {}", s.title,
                       flush ? plural(s.total, "instruction") : plural(s.total, "stall cycle"));
    if (!flush && st.issue_width > 1)
      out += fmt::format(", {}{}", plural(s.slots, "empty issue slot"),
                         s.slot_reasons.empty() ? "" : " (" + s.slot_reasons + ")");
    out += "\n";
    for (const HazardGroup& g : s.groups) {
      const std::string c_line = source ? source->text(g.pc) : std::string();
      const std::string where = c_line.empty() ? c_line : c_line + ": ";
      if (flush)
        out += fmt::format("  {:>4}x  {}{} ({} squashed)\n", g.times, where, g.sentence,
                           plural(g.squashed, "instruction"));
      else
        out += fmt::format("  {} ({}): {}{}\n", plural(g.stalls, "stall"), plural(g.times, "cycle"),
                           where, g.sentence);
    }
    out += "  to remove: " + s.remedy + "\n";
  }
  if (!e.ecall_notes.empty()) out += "\necall: no stall\n";
  for (const std::string& note : e.ecall_notes) out += "  " + note + "\n";
  return out;
}

}  // namespace pipesim::classroom
