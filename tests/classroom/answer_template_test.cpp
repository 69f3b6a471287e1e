// answer_template (sim/classroom/answer_key.hpp): a blank answer sheet gives away neither the
// cycle count nor the flushed instructions unless the teacher asks (TemplateOptions). Expected
// headers and rows from the key listings in programs/exercises/keys/.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "tests/support/files.hpp"

using namespace pipesim;
using namespace pipesim::classroom;

namespace {

AnswerKey exercise_key(const std::string& name, const std::string& machine) {
  const std::filesystem::path path =
      std::filesystem::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / (name + ".s");
  const Program program = assemble(test::read_file(path), path.string()).program;
  return make_answer_key(record_run(load_config(machine), program));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The last number of a header row.
std::string last_word(const std::string& line) {
  return line.substr(line.find_last_of(' ') + 1);
}

// The row labels of a template, trailing blanks dropped.
std::vector<std::string> labels(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < lines.size(); ++i)
    out.push_back(lines[i].substr(0, lines[i].find_last_not_of(' ') + 1));
  return out;
}

// load_use on 5-stage: 14 cycles, 9 rows, nothing flushed.
const std::vector<std::string> kLoadUseRows = {
    "00010000  li t0, 7",       "00010004  sw t0, -4(sp)", "00010008  lw a0, -4(sp)",
    "0001000c  addi a0, a0, 1", "00010010  lw a1, -4(sp)", "00010014  li a2, 2",
    "00010018  add a0, a0, a1", "0001001c  li a7, 93",     "00010020  ecall"};

}  // namespace

TEST_CASE("answer_template: by default no cycle count and no flushed rows",
          "[classroom][template]") {
  SECTION("load_use: 14 cycles; 1.5 x 14 = 21, so the header runs to 30") {
    const AnswerKey key = exercise_key("load_use", "5-stage");
    REQUIRE(key.last_cycle == 14);
    const auto lines = lines_of(answer_template(key));
    CHECK(last_word(lines[0]) == "30");
    CHECK(labels(lines) == kLoadUseRows);
    // The header's columns are the key's: cycle 1 at the same column, cells 4 wide.
    const std::string key_header = lines_of(key.text)[0];
    CHECK(lines[0].compare(0, key_header.size(), key_header) == 0);
    CHECK(lines[0].rfind("30") == key_header.find('1') + 29 * 4);
  }
  SECTION("branch_policies: 31 cycles; 1.5 x 31 = 46.5, so 50; the 8 flushed rows left out") {
    const AnswerKey key = exercise_key("branch_policies", "5-stage");
    REQUIRE(key.last_cycle == 31);
    const auto lines = lines_of(answer_template(key));
    CHECK(last_word(lines[0]) == "50");
    const std::vector<std::string> rows = labels(lines);
    REQUIRE(rows.size() == 19);  // 27 rows, less 4 x (li a7, 93; ecall) on the wrong path
    CHECK(rows[4] == "00010010  bnez t0, 0x10008");
    CHECK(rows[5] == "00010008  addi a0, a0, 2");  // the 2nd iteration, right after the branch
    CHECK(rows[17] == "00010014  li a7, 93");
    CHECK(rows[18] == "00010018  ecall");
  }
}

TEST_CASE("answer_template: what the teacher chooses to show", "[classroom][template]") {
  const AnswerKey key = exercise_key("branch_policies", "5-stage");
  SECTION("show_cycle_count: the header stops at the last cycle") {
    TemplateOptions o;
    o.show_cycle_count = true;
    const auto lines = lines_of(answer_template(key, o));
    CHECK(last_word(lines[0]) == "31");
    CHECK(lines[0] == lines_of(key.text)[0]);
    CHECK(labels(lines).size() == 19);
  }
  SECTION("show_flushed_rows: the wrong-path rows are there, in fetch order") {
    TemplateOptions o;
    o.show_flushed_rows = true;
    const auto lines = lines_of(answer_template(key, o));
    CHECK(last_word(lines[0]) == "50");
    const std::vector<std::string> rows = labels(lines);
    REQUIRE(rows.size() == 27);
    CHECK(rows[5] == "00010014  li a7, 93");
    CHECK(rows[6] == "00010018  ecall");
    CHECK(rows[7] == "00010008  addi a0, a0, 2");
  }
  SECTION("both: every row and the real header") {
    const auto lines = lines_of(answer_template(key, {true, true}));
    CHECK(last_word(lines[0]) == "31");
    CHECK(labels(lines).size() == 27);
  }
  SECTION("the default template reads back as an answer: header 1..50, 19 rows") {
    const std::string blank = answer_template(key);
    const ParsedAnswer parsed = parse_answer(blank, "blank.txt", key.words);
    CHECK(parsed.first_cycle == 1);
    CHECK(parsed.last_cycle == 50);
    CHECK(parsed.rows.size() == 19);
  }
}

TEST_CASE("answer_template: the hidden count is a round number past the end",
          "[classroom][template]") {
  // 9 cycles: 13.5 -> 20; 20 cycles: 30 exactly; 1 cycle: 1.5 -> 10.
  const AnswerKey load_use = exercise_key("load_use", "5-stage");
  for (const auto& [last, expected] : std::vector<std::pair<uint64_t, std::string>>{
           {9, "20"}, {20, "30"}, {1, "10"}, {14, "30"}}) {
    AnswerKey key = load_use;
    key.last_cycle = last;
    CHECK(last_word(lines_of(answer_template(key))[0]) == expected);
  }
}
