// Runs a small assembly program on a preset through the real model and the pipeline-diagram
// renderer, with the functional model checking every instruction, for tests that compare
// against hand-worked diagrams. The run must end in ebreak and satisfy the accounting identity.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::test {

struct Outcome {
  MachineResult result;
  std::string diagram;
  uint64_t stalls(StallCause c) const {
    return result.stats.stall_cycles[static_cast<std::size_t>(c)];
  }
  uint64_t stall_total() const { return result.stats.total_stall_cycles(); }
};

// A run that ends in a guest fault (`halt` Fault) has one more cycle: the faulting instruction
// reaches the end stage but does not complete (a halt slot). The identity counts issue_width
// end-stage slots per cycle (docs/model.md "Accounting").
inline Outcome run_diagram(const std::string& preset, const std::string& source,
                           const std::vector<std::string>& sets = {}, Halt halt = Halt::Ebreak) {
  const PipelineConfig config = load_config(preset, sets);
  const Program program = assemble(source, "textbook.s").program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  Outcome o;
  o.result = run_machine(config, program, io, sinks, RunLimits{10000}, /*check=*/true);
  report::DiagramOptions opt;
  opt.legend = false;
  o.diagram = report::render_diagram(recorder, config, nullptr, opt);
  const PipelineStats& st = o.result.stats;
  CHECK(o.result.halt == halt);
  CHECK(uint64_t{st.issue_width} * st.cycles ==
        st.instructions + st.fill_cycles + st.total_stall_cycles() + st.halt_slots);
  if (st.issue_width == 1) CHECK(st.halt_slots == (halt == Halt::Fault ? 1u : 0u));
  return o;
}

// One row of a rendered diagram: the label and the cell text of every cycle it shows.
struct DiagramRow {
  std::string label;
  std::map<uint64_t, std::string> cells;
};

// Splits a rendered diagram (legend off) into rows, using the header's cycle-number columns.
inline std::vector<DiagramRow> diagram_rows(const std::string& diagram) {
  std::istringstream in(diagram);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::pair<std::size_t, uint64_t>> columns;  // start position, cycle
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] != ' ' && (i == 0 || header[i - 1] == ' '))
      columns.push_back({i, std::stoull(header.substr(i))});
  std::vector<DiagramRow> rows;
  while (std::getline(in, line)) {
    DiagramRow row;
    row.label = line.substr(0, columns.empty() ? line.size() : columns[0].first - 1);
    while (!row.label.empty() && row.label.back() == ' ') row.label.pop_back();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::size_t start = columns[c].first;
      if (start >= line.size()) break;
      const std::size_t end = c + 1 < columns.size() ? columns[c + 1].first : line.size();
      std::string cell = line.substr(start, end - start);
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      if (!cell.empty()) row.cells[columns[c].second] = cell;
    }
    rows.push_back(row);
  }
  return rows;
}

// The cells a hand-worked row expects: `first` is the cycle of the first cell; `spec` lists
// cells separated by spaces, `X*n` standing for n cells X ("IF ID EX*16 MEM WB").
inline std::map<uint64_t, std::string> expect_cells(uint64_t first, const std::string& spec) {
  std::map<uint64_t, std::string> cells;
  std::istringstream in(spec);
  std::string token;
  uint64_t cycle = first;
  while (in >> token) {
    const std::size_t star = token.find('*');
    const uint64_t n = star == std::string::npos ? 1 : std::stoull(token.substr(star + 1));
    const std::string text = token.substr(0, star);
    for (uint64_t i = 0; i < n; ++i) cells[cycle++] = text;
  }
  return cells;
}

// Checks row `row` of a run's diagram: its label contains `label` and its cells are exactly
// expect_cells(first, spec).
inline void check_row(const Outcome& o, std::size_t row, const std::string& label, uint64_t first,
                      const std::string& spec) {
  const auto rows = diagram_rows(o.diagram);
  INFO(o.diagram);
  REQUIRE(row < rows.size());
  CHECK(rows[row].label.find(label) != std::string::npos);
  CHECK(rows[row].cells == expect_cells(first, spec));
}

// The same for a row that is flushed: only the cells given (a flushed row ends in "flushed",
// wider than a column).
inline void check_row_start(const Outcome& o, std::size_t row, const std::string& label,
                            uint64_t first, const std::string& spec) {
  const auto rows = diagram_rows(o.diagram);
  INFO(o.diagram);
  REQUIRE(row < rows.size());
  CHECK(rows[row].label.find(label) != std::string::npos);
  for (const auto& [cycle, cell] : expect_cells(first, spec)) {
    INFO("cycle " << cycle);
    CHECK(rows[row].cells.count(cycle) == 1);
    if (rows[row].cells.count(cycle) == 1) CHECK(rows[row].cells.at(cycle) == cell);
  }
}

}  // namespace pipesim::test
