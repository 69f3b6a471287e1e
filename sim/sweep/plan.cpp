#include "sim/sweep/plan.hpp"

#include <fmt/format.h>
#include <glob.h>

#include <set>

#include "isa/error.hpp"

namespace pipesim::sweep {

SetDimension parse_set_dimension(const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error(fmt::format("--set '{}': expected PATH=VALUE[,VALUE…]", arg));
  SetDimension d{arg.substr(0, eq), {}};
  std::string value;
  int depth = 0;
  bool quoted = false;
  auto finish_value = [&] {
    if (value.empty())
      throw Error(fmt::format("--set '{}': empty value in the list for {}", arg, d.path));
    d.values.push_back(std::move(value));
    value.clear();
  };
  for (std::size_t i = eq + 1; i < arg.size(); ++i) {
    char c = arg[i];
    if (quoted) {
      if (c == '\\' && i + 1 < arg.size()) {
        value += c;
        c = arg[++i];
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      finish_value();
      continue;
    }
    value += c;
  }
  finish_value();
  if (quoted || depth != 0)
    throw Error(fmt::format("--set '{}': unbalanced quotes or brackets", arg));
  return d;
}

std::vector<std::string> expand_programs(const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& pattern : patterns) {
    glob_t g{};
    const int rc = ::glob(pattern.c_str(), GLOB_BRACE | GLOB_ERR, nullptr, &g);
    std::vector<std::string> matches(g.gl_pathv, g.gl_pathv + (rc == 0 ? g.gl_pathc : 0));
    ::globfree(&g);
    if (matches.empty()) throw Error(fmt::format("--programs '{}': no file matches", pattern));
    for (std::string& m : matches)
      if (seen.insert(m).second) files.push_back(std::move(m));
  }
  return files;
}

std::string glob_escape(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '\\' || c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}')
      out += '\\';
    out += c;
  }
  return out;
}

std::vector<Job> plan(const std::vector<std::string>& programs,
                      const std::vector<std::string>& configs,
                      const std::vector<SetDimension>& dimensions) {
  if (programs.empty()) throw Error("--programs: no program to run");
  if (configs.empty()) throw Error("--configs: no machine to run on");
  for (std::size_t i = 0; i < dimensions.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (dimensions[i].path == dimensions[j].path)
        throw Error(fmt::format("--set {} is given twice: list all its values in one --set {}=A,B",
                                dimensions[i].path, dimensions[i].path));
  // Every combination of one value per dimension, the first dimension varying slowest.
  std::vector<std::vector<std::string>> combinations = {{}};
  for (const SetDimension& d : dimensions) {
    std::vector<std::vector<std::string>> next;
    for (const auto& prefix : combinations)
      for (const std::string& v : d.values) {
        next.push_back(prefix);
        next.back().push_back(d.path + "=" + v);
      }
    combinations = std::move(next);
  }
  std::vector<Job> jobs;
  for (const std::string& config : configs)
    for (const auto& sets : combinations)
      for (const std::string& program : programs)
        jobs.push_back(Job{jobs.size(), program, config, sets});
  return jobs;
}

std::string sets_text(const Job& job) {
  std::string sets;
  for (const std::string& s : job.sets) sets += (sets.empty() ? "" : " ") + s;
  return sets;
}

}  // namespace pipesim::sweep
