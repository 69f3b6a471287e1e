// The exercise generator (`pipesim exercise new`): a fresh short program for one hazard topic,
// with its question and its answer key, the same for the same topic and seed on every machine.
// Every generated program is checked before it is returned: it assembles, ends by itself on
// the topic's machine and has at least one hazard of the topic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pipesim::classroom {

enum class Topic : uint8_t { Raw, LoadUse, Branch, Structural, Mixed, DualIssue };
std::optional<Topic> topic_from_name(const std::string& name);  // "raw", "load-use", …
const char* topic_name(Topic t);

struct GeneratedExercise {
  std::string name;            // "load-use-7": file stem
  std::string machine;         // the preset it is meant for
  std::string source;          // the assembly program (.s)
  std::string question;        // the question sheet (.md)
  std::string key;             // the answer key: the diagram (`pipesim check --key`; gradable)
  std::string answers;         // the answers (.md): cycles, stall counts and their explanation
  uint64_t cycles = 0;         // on `machine`
  uint64_t hazard_cycles = 0;  // stall (or flush) cycles of the topic's kind, > 0
};

// Throws pipesim::Error if no valid program is found within a bounded number of draws (a bug).
GeneratedExercise generate_exercise(Topic topic, uint32_t seed);

}  // namespace pipesim::classroom
