// The summary's bar chart (summary.hpp): plain SVG text, laid out here.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/report/html_view.hpp"
#include "sim/sweep/summary.hpp"

namespace pipesim::sweep {
namespace {

// Distinct and printable in grey: the colours of the HTML view's stages, darker.
constexpr const char* kColours[] = {"#2563eb", "#16a34a", "#ea580c", "#9333ea", "#0d9488",
                                    "#dc2626", "#ca8a04", "#4f46e5", "#65a30d", "#db2777"};

// The top of the axis: 1, 2 or 5 times a power of ten, at or above `v`.
double nice_top(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

}  // namespace

std::string summary_svg(const SweepSummary& s) {
  constexpr double kBar = 14, kGap = 18, kLeft = 56, kTop = 40, kPlot = 260, kLabels = 120;
  const std::size_t bars = s.machines.size(), groups = s.programs.size();
  const double group_width = static_cast<double>(bars) * kBar + kGap;
  const double legend_width = 260;
  const double width = kLeft + static_cast<double>(groups) * group_width + kGap + legend_width;
  const double height = kTop + kPlot + kLabels;
  double top = 0;
  for (const auto& per_machine : s.cpi)
    for (const auto& v : per_machine)
      if (v) top = std::max(top, *v);
  top = nice_top(top);

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>CPI of each program on each machine</title>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-size=\"14\">CPI of each program on each machine</text>\n",
      width, height, kLeft);
  // The axis and its ticks: 0, top/4, ..., top.
  for (int t = 0; t <= 4; ++t) {
    const double value = top * t / 4, y = kTop + kPlot - kPlot * t / 4;
    svg += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#e5e7eb\"/>"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:g}</text>\n",
        kLeft, y, kLeft + static_cast<double>(groups) * group_width, kLeft - 6, y + 4, value);
  }
  for (std::size_t p = 0; p < groups; ++p) {
    const double x0 = kLeft + kGap / 2 + static_cast<double>(p) * group_width;
    for (std::size_t m = 0; m < bars; ++m) {
      const std::optional<double>& v = s.cpi[m][p];
      if (!v) continue;  // the run did not end normally: no bar
      const double h = kPlot * *v / top, x = x0 + static_cast<double>(m) * kBar;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\">"
          "<title>{} on {}: CPI {:.3f}</title></rect>\n",
          x, kTop + kPlot - h, kBar - 2, h, kColours[m % std::size(kColours)],
          report::html_escape(s.programs[p]), report::html_escape(s.machines[m].machine), *v);
    }
    const double cx = x0 + static_cast<double>(bars) * kBar / 2, ly = kTop + kPlot + 14;
    svg += fmt::format(
        "<text x=\"{0:.1f}\" y=\"{1:.1f}\" text-anchor=\"end\" "
        "transform=\"rotate(-40 {0:.1f} {1:.1f})\">{2}</text>\n",
        cx, ly, report::html_escape(s.programs[p]));
  }
  const double lx = kLeft + static_cast<double>(groups) * group_width + kGap;
  for (std::size_t m = 0; m < bars; ++m) {
    const double y = kTop + 18 * static_cast<double>(m);
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}{}</text>\n",
        lx, y, kColours[m % std::size(kColours)], lx + 18, y + 10,
        report::html_escape(s.machines[m].machine),
        s.machines[m].machine == s.baseline ? " (baseline)" : "");
  }
  return svg + "</svg>\n";
}

}  // namespace pipesim::sweep
