// Small text helpers shared by the renderers.
#include "sim/report/text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "isa/disasm.hpp"

namespace pipesim::report {

std::string insn_text(const InsnRecord& rec) {
  return disasm_short(rec.word, rec.pc);
}

std::string insn_label(const InsnRecord& rec) {
  return fmt::format("{:08x}  {}", rec.pc, insn_text(rec));
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // count all but continuation bytes
  return n;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  const std::size_t w = display_width(s);
  std::string out(w < width ? width - w : 0, ' ');
  out.append(s);
  return out;
}

std::string rtrim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string render_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<Align>& align, std::size_t gap) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line.append(gap, ' ');
      const bool right = i < align.size() && align[i] == Align::Right;
      line += right ? pad_left(row[i], widths[i]) : pad_right(row[i], widths[i]);
    }
    out += rtrim(std::move(line));
    out += '\n';
  }
  return out;
}

}  // namespace pipesim::report
