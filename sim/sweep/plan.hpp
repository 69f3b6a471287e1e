// What a sweep runs: the cross product of programs, machine configurations and --set values, in
// a fixed order (docs/sweeps.md). Pure planning; nothing here runs a program.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pipesim::sweep {

// One `--set PATH=V1,V2,…` option: a config path and the values it takes, in the order given.
struct SetDimension {
  std::string path;
  std::vector<std::string> values;
};

// Parses "PATH=V1,V2,…". Values are split at commas outside brackets, braces and double quotes,
// so a JSON value such as [{"from":"MEM","to":"EX"}] stays whole. Throws pipesim::Error.
SetDimension parse_set_dimension(const std::string& arg);

// Expands glob patterns (with {a,b} braces) into files, each pattern's matches sorted, duplicates
// dropped. Throws pipesim::Error naming a pattern that matches nothing.
std::vector<std::string> expand_programs(const std::vector<std::string>& patterns);

// Escapes a file name so that expand_programs({escaped}) gives back exactly that file.
std::string glob_escape(const std::string& path);

struct Job {
  std::size_t index = 0;
  std::string program;            // a file
  std::string config;             // a preset name or a JSON file, as given
  std::vector<std::string> sets;  // "PATH=VALUE", one per dimension, in the dimensions' order
};

// The job's --set values as one cell: "PATH=VALUE PATH=VALUE" (empty without --set).
std::string sets_text(const Job& job);

// The cross product: configs outermost, then the --set dimensions (the first varies slowest),
// programs innermost. Job i has index i. Throws pipesim::Error when there are no programs or no
// configs, or when two dimensions set the same path.
std::vector<Job> plan(const std::vector<std::string>& programs,
                      const std::vector<std::string>& configs,
                      const std::vector<SetDimension>& dimensions);

}  // namespace pipesim::sweep
