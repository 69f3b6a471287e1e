// Renderers of a Grade.
#include "sim/classroom/grade_report.hpp"

#include <fmt/format.h>

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

std::string render_grade_text(const GradeContext& ctx, const AnswerKey& key, const Grade& g) {
  std::string out = fmt::format("{} on {}, answer {}: score {}/100 ({} of {} cells right)\n",
                                ctx.program, ctx.config, ctx.answer, g.score, g.correct, g.cells);
  for (const WrongCell& w : g.wrong) {
    const std::string text = row_text(key, w.row);
    const std::string c_line = row_c_line(ctx, key, w.row);
    out += fmt::format("row {}{}{}, cycle {}: {}\n", w.row, text.empty() ? "" : " `" + text + "`",
                       c_line.empty() ? "" : " (" + c_line + ")", w.cycle, w.reason);
  }
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
  return {{"schema", "pipesim.check/1"}, {"program", ctx.program},    {"config", ctx.config},
          {"answer", ctx.answer},        {"score", g.score},          {"cells", g.cells},
          {"correct", g.correct},        {"wrong", std::move(wrong)}, {"notes", g.notes}};
}

}  // namespace pipesim::classroom
