// `pipesim summarize TABLE [--baseline MACHINE] [--svg FILE]`: per machine of a sweep table, the
// geometric mean CPI and the speedup against a baseline, and a bar chart. docs/sweeps.md.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "sim/report/table_format.hpp"
#include "sim/sweep/summary.hpp"

namespace pipesim::cli {

Command add_summarize_command(CLI::App& parent) {
  struct Options {
    std::string table, baseline, svg, format = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand(
      "summarize", "Per machine of a sweep table: geomean CPI, speedup over a baseline, a chart");
  app->add_option("table", o->table, "A table written by pipesim sweep or merge (.csv or .json)")
      ->required();
  app->add_option("--baseline", o->baseline,
                  "The machine speedups are measured against, as the table names it: the config "
                  "and its --set values (default: the table's first)");
  app->add_option("--svg", o->svg, "Also write a bar chart of every program's CPI to FILE")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--format", o->format, "text (default), json, csv, markdown")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown"}));
  return {app, [o] {
            if (!o->svg.empty()) {
              check_outputs({{"--svg", o->svg}}, {{"the table", o->table}});
            }
            sweep::SummaryBuilder builder;
            for (const sweep::Row& row : sweep::read_table_rows(o->table)) builder.add(row);
            const sweep::SweepSummary s = builder.finish(o->baseline);
            if (!o->svg.empty()) write_output(o->svg, sweep::summary_svg(s));
            write_output("-", sweep::summary_text(s, report::parse_table_format(o->format).value_or(
                                                         report::TableFormat::Text)));
            return 0;
          }};
}

}  // namespace pipesim::cli
