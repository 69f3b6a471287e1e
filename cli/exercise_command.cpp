// `pipesim exercise new --topic raw|load-use|branch|structural|mixed|dual-issue --seed N [-o DIR]`:
// a fresh exercise (program, question, answer key, answers), the same for the same topic and seed.
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "isa/error.hpp"
#include "sim/classroom/exercise_gen.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::cli {
namespace {

struct ExerciseOptions {
  std::string topic;
  uint32_t seed = 0;
  std::string dir = ".";
  bool force = false;
};

// The file's bytes, or nullopt if there is none. Read like every file pipesim is given: a
// directory, a device, a FIFO (which would wait for a writer) or a huge file there is an error,
// not an "edited" file or a hang.
std::optional<std::string> existing_text(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return std::nullopt;
  return read_user_file(path, kExerciseFile);
}

int new_exercise(const ExerciseOptions& o) {
  const auto topic = classroom::topic_from_name(o.topic);
  if (!topic) throw Error("unknown topic '" + o.topic + "'");  // CLI11 checks it first
  const classroom::GeneratedExercise g = classroom::generate_exercise(*topic, o.seed);
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) throw Error("cannot create directory '" + o.dir + "': " + ec.message());
  const std::filesystem::path base = std::filesystem::path(o.dir) / g.name;
  const std::pair<const char*, const std::string*> files[] = {
      {".s", &g.source}, {".md", &g.question}, {".key.txt", &g.key}, {".answers.md", &g.answers}};
  // A teacher may have edited the question or the key: all are checked before any is written. The
  // same file again (same topic and seed) is no loss.
  if (!o.force)
    for (const auto& [ext, text] : files) {
      const std::string path = base.string() + ext;
      const std::optional<std::string> old = existing_text(path);
      if (old && *old != *text)
        throw Error("refusing to replace '" + path +
                    "': it differs from the generated file (edited?); --force replaces it");
    }
  for (const auto& [ext, text] : files) {
    const std::string path = base.string() + ext;
    write_output(path, *text);
    if (verbosity() != Verbosity::Quiet) std::cout << path << "\n";
  }
  return 0;
}

}  // namespace

Command add_exercise_command(CLI::App& parent) {
  auto o = std::make_shared<ExerciseOptions>();
  CLI::App* app = parent.add_subcommand("exercise", "Generate classroom exercises");
  app->require_subcommand(1);
  CLI::App* create = app->add_subcommand(
      "new", "A fresh random exercise: program, question, answer key and answers");
  create->add_option("--topic", o->topic, "raw, load-use, branch, structural, mixed or dual-issue")
      ->required()
      ->check(CLI::IsMember({"raw", "load-use", "branch", "structural", "mixed", "dual-issue"}));
  create->add_option("--seed", o->seed, "Random seed: the same seed gives the same exercise")
      ->required();
  create->add_option("-o,--output-dir", o->dir, "Directory for the files (default: .)")
      ->check(file_name());
  create->add_flag("--force", o->force,
                   "Replace files of the same name even if they differ (e.g. were edited)");
  return {app, [o] { return new_exercise(*o); }};
}

}  // namespace pipesim::cli
