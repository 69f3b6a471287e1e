// The HTML view's data: the diagram's cells (computed by the same code as the text diagram),
// sentences for stalled cells and flushed rows (the classroom's hazard wording), forwarding
// paths, and the register writes of committed instructions; then the page around it.
#include "sim/report/html_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/json/json_text.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/hazard_events.hpp"
#include "sim/report/hazard_text.hpp"
#include "sim/report/html/assets.hpp"
#include "sim/report/register_history.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/text.hpp"

namespace pipesim::report {

namespace {

using nlohmann::json;

// Strings the page uses many times (cell labels, disassembly, sentences) are sent once, in a
// table, and referred to by index.
class StringTable {
 public:
  int index(const std::string& s) {
    auto [it, added] = index_.emplace(s, static_cast<int>(strings_.size()));
    if (added) strings_.push_back(s);
    return it->second;
  }
  const std::vector<std::string>& strings() const { return strings_; }

 private:
  std::map<std::string, int> index_;
  std::vector<std::string> strings_;
};

// The colour a cell label gets: its stage's index, -1 for a stall (S), -2 for a single-cycle
// machine's `*`; a functional-unit position (parallel execute) is coloured as the execute stage.
int label_stage(const std::string& label, const PipelineConfig& config) {
  if (label == "S") return -1;
  if (label == "*") return -2;
  // A superscalar lane marker ("EX'": issue slot 1) is coloured as its stage.
  const std::string stage = label.substr(0, label.find_last_not_of('\'') + 1);
  for (std::size_t s = 0; s < config.stages.size(); ++s)
    if (config.stages[s].name == stage) return static_cast<int>(s);
  return static_cast<int>(config.first_of(StageRole::Execute));
}

bool is_flushed(const InsnRecord& r) {
  return !r.committed && r.flushed_by != kNoSeq;
}

// Replaces each @NAME@ marker of `page` by its value, scanning the template only (never the
// values inserted, which may contain anything).
std::string fill_template(
    std::string_view page,
    const std::vector<std::pair<std::string_view, std::string_view>>& values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < page.size()) {
    const std::size_t at = page.find('@', pos);
    if (at == std::string_view::npos) break;
    const std::size_t end = page.find('@', at + 1);
    if (end == std::string_view::npos) break;
    const std::string_view name = page.substr(at + 1, end - at - 1);
    auto it =
        std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (it == values.end()) {  // not a marker: keep the '@' and go on after it
      out.append(page.substr(pos, at + 1 - pos));
      pos = at + 1;
      continue;
    }
    out.append(page.substr(pos, at - pos));
    out.append(it->second);
    pos = end + 1;
  }
  out.append(page.substr(std::min(pos, page.size())));
  return out;
}

// JSON that can sit inside <script>: no '<' at all (so no "</script>" or "<!--"); inside JSON
// strings, the only place it can occur, \u003c means the same character.
std::string script_safe_json(const json& j) {
  const std::string text = json_text(j);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

json HtmlView::run_json(const PipelineConfig& config, const Program& program,
                        const MachineResult& result, const std::string& summary,
                        const std::string& limit) const {
  const Recorder& rec = recorder_;
  const std::vector<InsnRecord>& all = rec.instructions();
  const uint64_t final_cycle = rec.final_cycle();
  const report::HazardEvents events(rec);
  const report::InsnNamer name = report::code_namer(rec);

  StringTable labels, texts, notes;
  auto stage_name = [&](std::size_t s) {
    return s < config.stages.size() ? config.stages[s].name : fmt::format("stage {}", s);
  };
  // Why `r` shows S in cycle `c`.
  auto stall_note = [&](const InsnRecord& r, uint64_t c) {
    const std::string stage = stage_name(diagram_stage(r, config, c));
    if (const Event* e = events.stall(r.seq, c))
      return fmt::format("stalled in {}: {}", stage, report::stall_reason(*e, rec, config, name));
    if (const Event* b = events.blocked_by(r.seq, c))
      return fmt::format("stalled in {} behind {}, itself stalled in {}: {}", stage, name(b->seq),
                         stage_name(b->stage), report::stall_reason(*b, rec, config, name));
    return fmt::format("stays in {} another cycle (stalled)", stage);
  };
  auto flush_note = [&](const InsnRecord& r) {
    const Event* e = events.flush(r.seq);
    if (!e) return std::string("flushed");
    const Event* redirect = e->other == kNoSeq ? nullptr : events.redirect(e->other);
    return "flushed: " + report::flush_reason(*e, redirect, rec, config, name);
  };

  json rows = json::array();
  std::unordered_map<uint64_t, std::size_t> row_of;  // seq -> row
  uint64_t hidden = 0;
  for (const InsnRecord& r : all) {
    const uint64_t first = first_cycle(r);
    if (first == 0) continue;
    if (squashed_at_halt(r, final_cycle)) {
      ++hidden;
      continue;
    }
    json cells = json::array(), row_notes = json::array();
    for (uint64_t c = first; c <= r.last_cycle; ++c) {
      const std::string cell = diagram_lane_cell(r, config, c);
      cells.push_back(labels.index(cell));
      if (cell == "S") row_notes.push_back({c - first, notes.index(stall_note(r, c))});
    }
    const bool flushed = is_flushed(r);
    row_of[r.seq] = rows.size();
    // [pc, text, first cycle, cells, flushed, [[cycle - first, note]...], flush note or -1,
    //  ecall note (ecall rows only)]
    // The C line, when known, after the disassembly: "lw a5, 0(a0)  quicksort.c:14".
    const std::string c_line = program.c_source.text(r.pc);
    rows.push_back({r.pc, texts.index(c_line.empty() ? insn_text(r) : insn_text(r) + "  " + c_line),
                    first, std::move(cells), flushed ? 1 : 0, std::move(row_notes),
                    flushed ? notes.index(flush_note(r)) : -1});
    // An ecall row's tooltip says why it never stalls for a7 and what it flushes (one more
    // element, on ecall rows only).
    if (r.op == isa::Op::Ecall && config.kind == MachineKind::Pipelined)
      rows.back().push_back(notes.index(report::ecall_no_stall_sentence(rec, config, r.seq, name)));
  }

  // [cycle, producer row, receiver row, register, latch (the stage it ends), receiving stage]
  json forwards = json::array();
  for (const RecordedCycle& c : rec.cycles())
    for (const Event& e : c.events) {
      if (e.kind != EventKind::Forward) continue;
      auto from = row_of.find(e.other), to = row_of.find(e.seq);
      if (from == row_of.end() || to == row_of.end()) continue;
      forwards.push_back({c.cycle, from->second, to->second, e.reg, e.from_stage, e.stage});
    }

  // Register writes, at the cycle their instruction completes: [cycle, register, value].
  std::vector<const InsnRecord*> committed;
  for (const InsnRecord& r : all)
    if (r.committed) committed.push_back(&r);
  const RegisterHistory history = register_history(program, committed.size());
  std::vector<std::array<uint64_t, 3>> writes;
  for (const RegisterWrite& w : history.writes)
    writes.push_back({committed[w.index]->last_cycle, w.reg, w.value});
  std::stable_sort(writes.begin(), writes.end(),
                   [](const auto& a, const auto& b) { return a[0] < b[0]; });

  json stages = json::array();
  for (const StageConfig& s : config.stages) stages.push_back(s.name);
  json label_stages = json::array();
  for (const std::string& l : labels.strings()) label_stages.push_back(label_stage(l, config));

  json run = {{"name", config.name},
              {"description", config.description},
              {"stages", std::move(stages)},
              {"labels", labels.strings()},
              {"labelStage", std::move(label_stages)},
              {"lastCycle", final_cycle},
              {"texts", texts.strings()},
              {"notes", notes.strings()},
              {"rows", std::move(rows)},
              {"hidden", hidden},
              {"forwards", std::move(forwards)},
              {"regs", {{"initial", history.initial}, {"writes", writes}}},
              {"summary", summary},
              {"stats", stats_json(result.stats, &config)},
              {"limit", limit}};
  if (result.divergence)
    run["divergence"] = fmt::format(
        "without interlocks this machine computes values sequential execution would not (first "
        "at pc 0x{:08x}: {}); the register file shown is that of sequential execution",
        result.divergence->pc, result.divergence->what);
  return run;
}

std::string render_html_page(const std::string& title, const json& runs,
                             const std::string& comparison) {
  const json data = {{"title", title}, {"comparison", comparison}, {"runs", runs}};
  const std::string escaped_title = html_escape(title);
  const std::string data_text = script_safe_json(data);
  return fill_template(html::kViewHtml, {{"TITLE", escaped_title},
                                         {"CSS", html::kViewCss},
                                         {"JS", html::kViewJs},
                                         {"DATA", data_text}});
}

}  // namespace pipesim::report
