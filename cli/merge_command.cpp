// `pipesim merge DIR|FILE... -o table.csv`: one table from the result files of separately run
// sweep jobs (--emit-jobs), or of several sweeps. docs/sweeps.md.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "cli/stream_output.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::cli {

Command add_merge_command(CLI::App& parent) {
  struct MergeOptions {
    std::vector<std::string> inputs;
    std::string output = "-";
  };
  auto o = std::make_shared<MergeOptions>();
  CLI::App* app = parent.add_subcommand(
      "merge", "Combine sweep result files (e.g. from --emit-jobs) into one table");
  app->add_option("inputs", o->inputs,
                  "Result files (.json) or directories of them; jobs of an emitted sweep are "
                  "put in order and must all be there")
      ->required();
  app->add_option("-o,--output", o->output,
                  "Write the table to FILE: .csv or .json (default: CSV on stdout)")
      ->type_name("FILE")
      ->check(file_name());
  return {app, [o] {
            const std::string format = sweep::table_format(o->output);
            std::vector<NamedFile> inputs;
            for (const std::string& f : sweep::result_files(o->inputs))
              inputs.push_back({"result file", f});
            check_outputs({{"the table", o->output}}, inputs);
            const sweep::MergePlan plan = sweep::plan_merge(o->inputs);
            StreamOutput out(o->output);
            sweep::TableWriter table(out, format, plan.columns);
            sweep::write_merge(plan, table);
            table.finish();
            out.commit();
            return 0;
          }};
}

}  // namespace pipesim::cli
