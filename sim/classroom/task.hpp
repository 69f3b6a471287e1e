// Optimisation challenges (`pipesim task run`): a task file (JSON, schema "pipesim.task/1",
// docs/classroom.md) states a problem on an array of words in memory, the machine, the inputs
// given to students and how hidden random inputs are drawn, and how a result is checked (a
// reference computation, or expected memory contents). Loading validates everything once and
// names the JSON path of each problem.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pipesim::classroom {

// What the correct output is, computed from the input words.
enum class Reference : uint8_t {
  Sum,           // one word: the sum of the values (mod 2^32)
  Max,           // one word: the largest value (signed); the task's min_length is >= 1
  Reverse,       // length words: the values in reverse order
  Sort,          // length words: the values in ascending (signed) order
  SumOfSquares,  // one word: the sum of value*value (mod 2^32)
};
const char* reference_name(Reference r);

struct TaskCase {
  std::string name;  // "given 1", "hidden 3"
  bool hidden = false;
  std::vector<int32_t> values;
  std::optional<std::vector<int32_t>> expected;  // from the file; else the reference
};

struct Task {
  std::string path;  // the task file, for messages
  std::string name;
  std::string statement;
  std::string config;         // preset name, or a JSON file (resolved against the task's folder)
  std::string array_symbol;   // where the values go
  std::string length_symbol;  // a word receiving the number of values
  uint32_t capacity = 0;      // words the array symbol must have room for
  std::string output_symbol;  // where the program leaves its result
  std::optional<Reference> reference;
  std::vector<TaskCase> given;
  // Hidden inputs: `count` cases of min_length..max_length values in min_value..max_value,
  // drawn by PortableRandom(seed).
  uint32_t hidden_count = 0;
  uint32_t seed = 0;
  uint32_t min_length = 1, max_length = 1;
  int32_t min_value = 0, max_value = 0;
  uint64_t max_cycles = 1'000'000;
};

// Throws pipesim::Error "FILE: /json/path: problem" for the first problem found.
Task task_from_json(const nlohmann::json& j, const std::string& path);
Task load_task(const std::string& path);

// The given cases, then the hidden ones (drawn from the seed).
std::vector<TaskCase> task_cases(const Task& task);

// The expected output words of a case (its `expected`, else the reference's).
std::vector<int32_t> expected_output(const Task& task, const TaskCase& c);

}  // namespace pipesim::classroom
