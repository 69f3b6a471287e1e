// run_task: each case on a copy of the program with the inputs poked into its data.
#include "sim/classroom/task_runner.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"

namespace pipesim::classroom {

namespace {

uint32_t symbol(const Program& p, const std::string& name, const char* role) {
  const auto it = p.symbols.find(name);
  if (it == p.symbols.end())
    throw Error(fmt::format("{}: no symbol `{}` ({}); define it in .data", p.path, name, role));
  return it->second;
}

// The data segment holding [addr, addr + bytes), or nullptr.
Segment* segment_for(Program& p, uint32_t addr, uint32_t bytes) {
  for (Segment& s : p.segments)
    if (!s.executable && addr >= s.addr && uint64_t{addr} + bytes <= uint64_t{s.addr} + s.mem_size)
      return &s;
  return nullptr;
}

void poke(Program& p, uint32_t addr, const std::vector<int32_t>& words) {
  Segment* s = segment_for(p, addr, static_cast<uint32_t>(4 * words.size()));
  const std::size_t end = addr - s->addr + 4 * words.size();
  if (s->bytes.size() < end) s->bytes.resize(end, 0);  // .bss space becomes initialised data
  for (std::size_t i = 0; i < words.size(); ++i)
    for (int b = 0; b < 4; ++b)
      s->bytes[addr - s->addr + 4 * i + b] =
          static_cast<uint8_t>(static_cast<uint32_t>(words[i]) >> (8 * b));
}

std::string word_text(int32_t v) {
  return fmt::format("{} (0x{:08x})", v, static_cast<uint32_t>(v));
}

CaseResult run_case(const Task& task, const PipelineConfig& config, const Program& solution,
                    const TaskCase& c) {
  CaseResult r{c.name, c.hidden, c.values.size(), false, {}, 0, 0};
  Program p = solution;
  poke(p, symbol(p, task.array_symbol, "the input array"), c.values);
  poke(p, symbol(p, task.length_symbol, "the input length"),
       {static_cast<int32_t>(c.values.size())});
  const uint32_t out_addr = symbol(p, task.output_symbol, "the output");
  const std::vector<int32_t> want = expected_output(task, c);

  DiscardIo io;  // a case is judged by the words in memory, not by the output
  Iss iss(p, io);
  iss.run(task.max_cycles);  // at most one instruction per cycle: the same bound
  if (iss.halt() == Halt::Limit) {
    r.message = fmt::format("did not end within {} instructions", task.max_cycles);
    return r;
  }
  if (iss.halt() == Halt::Fault) {
    r.message = fmt::format("faulted: {}", describe(iss.fault()));
    return r;
  }
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto got = iss.state().mem.load(out_addr + static_cast<uint32_t>(4 * i), 4);
    const std::string where = want.size() == 1 ? fmt::format("`{}`", task.output_symbol)
                                               : fmt::format("`{}`[{}]", task.output_symbol, i);
    if (!got) {
      r.message = fmt::format("{} is not in memory", where);
      return r;
    }
    if (static_cast<int32_t>(*got) != want[i]) {
      r.message = fmt::format("{} = {}, expected {}", where, word_text(static_cast<int32_t>(*got)),
                              word_text(want[i]));
      return r;
    }
  }
  DiscardIo pipe_io;
  const MachineResult m = run_machine(config, p, pipe_io, {}, RunLimits{task.max_cycles}, true);
  if (m.halt == Halt::Limit) {
    r.message = fmt::format("did not end within {} cycles on {}", task.max_cycles, config.name);
    return r;
  }
  r.correct = true;
  r.cycles = m.stats.cycles;
  r.instructions = m.stats.instructions;
  return r;
}

}  // namespace

TaskReport run_task(const Task& task, const PipelineConfig& config, const Program& solution) {
  // Room for the input: checked once, before any case runs.
  Program p = solution;
  const uint32_t array = symbol(p, task.array_symbol, "the input array");
  if (!segment_for(p, array, 4 * task.capacity))
    throw Error(fmt::format(
        "{}: `{}` needs room for {} words (reserve it with `{}: .space {}` in "
        ".data)",
        p.path, task.array_symbol, task.capacity, task.array_symbol, 4 * task.capacity));
  if (!segment_for(p, symbol(p, task.length_symbol, "the input length"), 4))
    throw Error(fmt::format("{}: `{}` must be a word in .data", p.path, task.length_symbol));
  TaskReport rep{task.name, config.name, solution.path, {}, true, 0, 0};
  for (const TaskCase& c : task_cases(task)) {
    CaseResult r = run_case(task, config, solution, c);
    rep.correct = rep.correct && r.correct;
    rep.cycles += r.cycles;
    if (!c.hidden) rep.given_cycles += r.cycles;
    rep.cases.push_back(std::move(r));
  }
  return rep;
}

std::string task_report_text(const Task& task, const TaskReport& r) {
  std::string out = fmt::format("Task {}: {} on {}\n", task.name, r.solution, r.config);
  for (const CaseResult& c : r.cases) {
    if (c.correct)
      out +=
          fmt::format("  {:<10} {:>4} values  correct  {:>8} cycles\n", c.name, c.values, c.cycles);
    else
      out += fmt::format("  {:<10} {:>4} values  WRONG    {}\n", c.name, c.values, c.message);
  }
  std::size_t wrong = 0;
  for (const CaseResult& c : r.cases) wrong += !c.correct;
  if (r.correct)
    out += fmt::format("Correct on all {} cases: {} cycles in all ({} on the given cases)\n",
                       r.cases.size(), r.cycles, r.given_cycles);
  else
    out += fmt::format("Wrong on {} of {} cases: not ranked\n", wrong, r.cases.size());
  return out;
}

nlohmann::ordered_json task_report_json(const TaskReport& r) {
  nlohmann::ordered_json cases = nlohmann::ordered_json::array();
  for (const CaseResult& c : r.cases) {
    nlohmann::ordered_json j = {{"name", c.name},     {"hidden", c.hidden},
                                {"values", c.values}, {"correct", c.correct},
                                {"cycles", c.cycles}, {"instructions", c.instructions}};
    if (!c.correct) j["message"] = c.message;
    cases.push_back(std::move(j));
  }
  return {{"schema", "pipesim.task-result/1"},
          {"task", r.task},
          {"solution", r.solution},
          {"config", r.config},
          {"correct", r.correct},
          {"cycles", r.correct ? nlohmann::ordered_json(r.cycles) : nlohmann::ordered_json()},
          {"given_cycles", r.given_cycles},
          {"cases", cases}};
}

}  // namespace pipesim::classroom
