// Renderers of a Grade.
#include "sim/classroom/grade_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>

namespace pipesim::classroom {

namespace {

// The instruction text of a key row ("add a2, a1, a1"), without the pc.
std::string row_text(const AnswerKey& key, std::size_t row) {
  if (row == 0 || row > key.rows.size()) return "";
  const std::string& label = key.rows[row - 1].label;
  const std::size_t gap = label.find("  ");
  return gap == std::string::npos ? label : label.substr(gap + 2);
}

// The C line of a key row's instruction ("quicksort.c:14"), or "" when not known. The row's
// label starts with its pc in hex (report::insn_label).
std::string row_c_line(const GradeContext& ctx, const AnswerKey& key, std::size_t row) {
  if (ctx.source == nullptr || ctx.source->empty() || row == 0 || row > key.rows.size()) return "";
  const std::string& label = key.rows[row - 1].label;
  uint32_t pc = 0;
  const auto [end, ec] = std::from_chars(label.data(), label.data() + label.size(), pc, 16);
  return ec == std::errc() ? ctx.source->text(pc) : "";
}

}  // namespace

namespace {

// "cycle 6", "cycles 7–9", "cycles 6, 8".
std::string cycle_list(const std::vector<uint64_t>& cycles) {
  std::string out = cycles.size() == 1 ? "cycle " : "cycles ";
  for (std::size_t i = 0; i < cycles.size();) {
    std::size_t j = i;
    while (j + 1 < cycles.size() && cycles[j + 1] == cycles[j] + 1) ++j;
    if (i > 0) out += ", ";
    out += j == i ? std::to_string(cycles[i]) : fmt::format("{}–{}", cycles[i], cycles[j]);
    i = j + 1;
  }
  return out;
}

// One detail line per row and reason: a finding that covers several cells (a row drawn one
// cycle early, a misplaced flushed mark) is said once, with its cycles.
struct Detail {
  std::size_t row = 0;
  std::string reason;
  std::vector<uint64_t> cycles;
};
std::vector<Detail> details(const Grade& g) {
  std::vector<Detail> out;
  std::size_t row_start = 0;  // the first detail of the current row
  for (const WrongCell& w : g.wrong) {
    if (out.empty() || out.back().row != w.row) row_start = out.size();
    auto same = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(row_start), out.end(),
                             [&](const Detail& d) { return d.reason == w.reason; });
    if (same == out.end())
      out.push_back(Detail{w.row, w.reason, {w.cycle}});
    else
      same->cycles.push_back(w.cycle);
  }
  return out;
}

// Long lists are cut: a student reads the causes first, the JSON has every cell.
constexpr std::size_t kMaxDetailLines = 20;

}  // namespace

std::string render_grade_text(const GradeContext& ctx, const AnswerKey& key, const Grade& g) {
  std::string out = fmt::format("{} on {}, answer {}: score {}/100 ({} of {} cells right{})\n",
                                ctx.program, ctx.config, ctx.answer, g.score, g.correct, g.cells,
                                g.points == 0 ? "" : fmt::format(", minus {} points", g.points));
  if (!g.causes.empty()) {
    out += g.causes.size() == 1 ? "1 cause:\n"
                                : fmt::format("{} causes, most costly first:\n", g.causes.size());
    for (const Cause& c : g.causes) {
      std::string cost;
      if (c.cells > 0) cost = fmt::format("{} cell{}", c.cells, c.cells == 1 ? "" : "s");
      if (c.points > 0) cost += fmt::format("{}{} points", cost.empty() ? "" : ", ", c.points);
      out += fmt::format("  {} [{}]\n", c.text, cost);
    }
    out += std::string("rule: ") + kScoringRule + "\n";
  }
  const std::vector<Detail> lines = details(g);
  for (std::size_t i = 0; i < lines.size() && i < kMaxDetailLines; ++i) {
    const Detail& d = lines[i];
    const std::string text = row_text(key, d.row);
    const std::string c_line = row_c_line(ctx, key, d.row);
    out += fmt::format("row {}{}{}, {}: {}\n", d.row, text.empty() ? "" : " `" + text + "`",
                       c_line.empty() ? "" : " (" + c_line + ")", cycle_list(d.cycles), d.reason);
  }
  if (lines.size() > kMaxDetailLines)
    out += fmt::format("… and {} more (--format json lists every wrong cell)\n",
                       lines.size() - kMaxDetailLines);
  for (const std::string& n : g.notes) out += "note: " + n + "\n";
  return out;
}

nlohmann::ordered_json grade_json(const GradeContext& ctx, const AnswerKey& key, const Grade& g) {
  nlohmann::ordered_json wrong = nlohmann::ordered_json::array();
  for (const WrongCell& w : g.wrong) {
    wrong.push_back({{"row", w.row},
                     {"cycle", w.cycle},
                     {"instruction", row_text(key, w.row)},
                     {"expected", w.expected},
                     {"given", w.given},
                     {"reason", w.reason}});
    // Only with C line information, so that other answers' JSON stays as it was.
    const std::string c_line = row_c_line(ctx, key, w.row);
    if (!c_line.empty()) wrong.back()["source"] = c_line;
  }
  nlohmann::ordered_json causes = nlohmann::ordered_json::array();
  for (const Cause& c : g.causes)
    causes.push_back({{"row", c.row}, {"text", c.text}, {"cells", c.cells}, {"points", c.points}});
  return {{"schema", "pipesim.check/1"}, {"program", ctx.program},    {"config", ctx.config},
          {"answer", ctx.answer},        {"score", g.score},          {"cells", g.cells},
          {"correct", g.correct},        {"points", g.points},        {"causes", std::move(causes)},
          {"rule", kScoringRule},        {"wrong", std::move(wrong)}, {"notes", g.notes}};
}

}  // namespace pipesim::classroom
