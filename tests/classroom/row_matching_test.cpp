// match_rows (sim/classroom/row_matching.hpp): answer rows paired with key rows by what their
// labels name, order as the fallback. The keys are those of shipped exercises (drawn fresh);
// the answers are the keys edited by hand as a student would get them wrong, and the expected
// pairs are worked out from the key listings in programs/exercises/keys/ (row numbers below are
// 1-based as in the notes, indices 0-based as in RowPair).
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/classroom/row_labels.hpp"
#include "sim/classroom/row_matching.hpp"
#include "sim/config/config_load.hpp"
#include "tests/support/files.hpp"

using namespace pipesim;
using namespace pipesim::classroom;

namespace {

const std::filesystem::path kExercises =
    std::filesystem::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises";

struct Exercise {
  std::string source;
  Program program;
  RecordedRun run;
  AnswerKey key;
};

Exercise exercise(const std::string& name, const std::string& machine) {
  const std::filesystem::path path = kExercises / (name + ".s");
  std::string source = test::read_file(path);
  Program program = assemble(source, path.string()).program;
  RecordedRun run = record_run(load_config(machine), program);
  AnswerKey key = make_answer_key(run);
  return {std::move(source), std::move(program), std::move(run), std::move(key)};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + '\n';
  return out;
}

// The key's diagram as an answer: its header (line 0) and one line per key row.
std::vector<std::string> key_lines(const AnswerKey& key) {
  return lines_of(key.text);
}

// The width of the key's label column (the header's first cycle number starts after it).
std::size_t label_width(const AnswerKey& key) {
  return key.text.find_first_not_of(' ') - 1;
}

// A key line with its label replaced, the cells left in their columns.
std::string relabel(const std::string& line, std::size_t width, const std::string& label) {
  std::string padded = label;
  padded.resize(width, ' ');
  return padded + line.substr(width);
}

RowMatching match(const Exercise& e, const std::vector<std::string>& lines) {
  const ParsedAnswer answer = parse_answer(joined(lines), "answer.txt", e.key.words);
  return match_rows(e.run, e.key, answer);
}

// The pairs as "key:answer" (or "key:-" missing, "-:answer" extra), 0-based, for readable
// failures.
std::vector<std::string> pair_list(const RowMatching& m) {
  std::vector<std::string> out;
  for (const RowPair& p : m.pairs)
    out.push_back((p.key ? std::to_string(*p.key) : "-") + ":" +
                  (p.answer ? std::to_string(*p.answer) : "-"));
  return out;
}

// Every key row paired with the next answer row in turn, except the key rows in `skipped`.
std::vector<std::string> expected_pairs(std::size_t key_rows,
                                        const std::vector<std::size_t>& skipped) {
  std::vector<std::string> out;
  std::size_t a = 0;
  for (std::size_t k = 0; k < key_rows; ++k) {
    const bool skip = std::find(skipped.begin(), skipped.end(), k) != skipped.end();
    out.push_back(std::to_string(k) + ":" + (skip ? "-" : std::to_string(a++)));
  }
  return out;
}

// branch_policies on 5-stage (keys/branch_policies.5-stage.txt): 27 rows; rows 6-7, 11-12,
// 16-17 and 21-22 (indices 5, 6, 10, 11, 15, 16, 20, 21) are the flushed `li a7, 93` and
// `ecall` after each of the four taken `bnez`.
const std::vector<std::size_t> kBranchFlushed = {5, 6, 10, 11, 15, 16, 20, 21};

std::vector<std::string> without_flushed(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& l : lines)
    if (l.find("flushed") == std::string::npos) out.push_back(l);
  return out;
}

// load_use on 5-stage (keys/load_use.5-stage.txt): 9 rows at 0x10000 + 4i: li t0, 7; sw t0,
// -4(sp); lw a0, -4(sp); addi a0, a0, 1; lw a1, -4(sp); li a2, 2; add a0, a0, a1; li a7, 93;
// ecall. A sloppy answer: every row drawn IF ID EX MEM WB from cycle 1, so that no row starts
// in its key cycle (but the first) and only the labels can place the rows.
std::vector<std::string> sloppy(const std::vector<std::string>& labels) {
  std::vector<std::string> lines = {"1 2 3 4 5 6 7 8 9 10 11 12 13 14"};
  for (const std::string& l : labels) lines.push_back(l + " | IF ID EX MEM WB");
  return lines;
}

}  // namespace

TEST_CASE("match_rows: the key without its flushed rows pairs every other row",
          "[classroom][match]") {
  const Exercise e = exercise("branch_policies", "5-stage");
  REQUIRE(e.key.rows.size() == 27);
  for (std::size_t k : kBranchFlushed) REQUIRE(e.key.rows[k].flushed);
  const auto lines = key_lines(e.key);

  SECTION("labelled as the key") {
    const RowMatching m = match(e, without_flushed(lines));
    CHECK(pair_list(m) == expected_pairs(27, kBranchFlushed));
    CHECK(m.flushed_left_out == 8);
    CHECK(m.missing == 0);
    CHECK(m.extra == 0);
    CHECK(m.notes.empty());
    for (const RowPair& p : m.pairs) {
      CHECK(p.flushed_left_out == !p.answer.has_value());
      if (p.answer) CHECK(p.by_label);
      CHECK_FALSE(p.flushed_drawn);
    }
  }
  SECTION("unlabelled: rows not marked flushed pair with instructions that are not flushed") {
    std::vector<std::string> blank;
    for (const std::string& l : without_flushed(lines))
      blank.push_back(blank.empty() ? l : relabel(l, label_width(e.key), ""));
    const RowMatching m = match(e, blank);
    CHECK(pair_list(m) == expected_pairs(27, kBranchFlushed));
    CHECK(m.flushed_left_out == 8);
    CHECK(m.notes.empty());
  }
  SECTION("the whole key: flushed rows drawn") {
    const RowMatching m = match(e, lines);
    CHECK(pair_list(m) == expected_pairs(27, {}));
    CHECK(m.flushed_left_out == 0);
    for (const RowPair& p : m.pairs) CHECK(p.flushed_drawn == e.key.rows[*p.key].flushed);
  }
}

TEST_CASE("match_rows: a row left out is one missing row", "[classroom][match]") {
  const Exercise e = exercise("load_use", "5-stage");
  REQUIRE(e.key.rows.size() == 9);
  auto lines = key_lines(e.key);
  lines.erase(lines.begin() + 5);  // key row 5, `lw a1, -4(sp)` (line 0 is the header)
  const std::vector<std::string> one_missing = expected_pairs(9, {4});

  SECTION("labelled") {
    const RowMatching m = match(e, lines);
    CHECK(pair_list(m) == one_missing);
    CHECK(m.missing == 1);
    CHECK(m.extra == 0);
    CHECK(m.notes == std::vector<std::string>{"row for `lw a1, -4(sp)` (key row 5) is missing"});
  }
  SECTION("unlabelled: the rows after it start in their key cycles, which places the gap") {
    for (std::size_t i = 1; i < lines.size(); ++i)
      lines[i] = relabel(lines[i], label_width(e.key), "");
    const RowMatching m = match(e, lines);
    CHECK(pair_list(m) == one_missing);
    CHECK(m.missing == 1);
  }
}

TEST_CASE("match_rows: an inserted row is one extra row", "[classroom][match]") {
  const Exercise e = exercise("load_use", "5-stage");
  auto lines = key_lines(e.key);
  // After key row 3 (`lw a0`, line 4 of the file): a row for an instruction the run has not.
  lines.insert(lines.begin() + 4, relabel(lines[4], label_width(e.key), "nop"));
  const RowMatching m = match(e, lines);
  CHECK(pair_list(m) == std::vector<std::string>{"0:0", "1:1", "2:2", "-:3", "3:4", "4:5", "5:6",
                                                 "6:7", "7:8", "8:9"});
  CHECK(m.extra == 1);
  CHECK(m.missing == 0);
  CHECK(m.notes ==
        std::vector<std::string>{"line 5: the row `nop` is extra (the diagram has no row for it)"});
}

TEST_CASE("match_rows: labels by pc, disassembly or source text", "[classroom][match]") {
  // Sloppy answers (every row from cycle 1) without key row 5 `lw a1, -4(sp)`: only the
  // labels can tell that row 5 is the one left out; by order it would be row 9.
  const Exercise e = exercise("load_use", "5-stage");
  const std::vector<std::string> one_missing = expected_pairs(9, {4});
  SECTION("pc, written in several ways") {
    const RowMatching m = match(e, sloppy({"00010000", "0x10004", "10008:", "0X1000C", "0x00010014",
                                           "10018", "1001c  li a7, 93", "0x10020"}));
    CHECK(pair_list(m) == one_missing);
    for (const RowPair& p : m.pairs)
      if (p.answer) CHECK(p.by_label);
  }
  SECTION("disassembly, normalised") {
    const RowMatching m =
        match(e, sloppy({"LI T0,7", "sw x5, -0x4(x2)", "3. lw a0,-4( sp )", "addi x10, a0, 0x1",
                         "li a2, 2", "`add a0, a0, a1`", "li a7", "ecall"}));
    CHECK(pair_list(m) == one_missing);
    CHECK(m.notes == std::vector<std::string>{"row for `lw a1, -4(sp)` (key row 5) is missing"});
  }
  SECTION("unlabelled: order") {
    const RowMatching m = match(e, sloppy({"", "", "", "", "", "", "", ""}));
    CHECK(pair_list(m) == expected_pairs(9, {8}));
    CHECK(m.notes == std::vector<std::string>{"row for `ecall` (key row 9) is missing"});
  }
  SECTION("unrecognised labels are unlabelled") {
    const RowMatching m = match(e, sloppy({"I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8"}));
    CHECK(pair_list(m) == expected_pairs(9, {8}));
  }
  SECTION("a label naming another instruction: paired by position, with a note") {
    auto lines = key_lines(e.key);
    lines[2] = relabel(lines[2], label_width(e.key), "add a0, a0, a1");
    const RowMatching m = match(e, lines);
    CHECK(pair_list(m) == expected_pairs(9, {}));
    CHECK(m.notes == std::vector<std::string>{
                         "line 3: the row labelled `add a0, a0, a1` is graded as key row 2 "
                         "`sw t0, -4(sp)` (by its position): the label names another instruction"});
  }
}

TEST_CASE("match_rows: source text labels, and a loop's repeated labels", "[classroom][match]") {
  // branch_policies.s as written: `bnez t0, loop`, which the disassembly writes
  // `bnez t0, 0x10008`. Flushed rows left out, and key row 14 (index 13, the 3rd iteration's
  // `addi t0, t0, -1`) too. Every row is sloppy, so only labels place it.
  Exercise e = exercise("branch_policies", "5-stage");
  const std::vector<std::string> iteration = {"addi a0, a0, 2", "addi t0, t0, -1", "bnez t0, loop"};
  std::vector<std::string> labels = {"li t0, 5", "li a0, 0"};
  for (int i = 0; i < 5; ++i)
    for (const std::string& l : iteration)
      if (!(i == 2 && l == iteration[1])) labels.push_back(l);
  labels.push_back("li a7, 93");
  labels.push_back("ecall");
  std::vector<std::size_t> skipped = kBranchFlushed;
  skipped.push_back(13);
  std::sort(skipped.begin(), skipped.end());

  SECTION("with the source text") {
    add_source_text(e.key, e.run, e.program, e.source);
    CHECK(e.key.rows[4].source == "bnez t0, loop");
    CHECK(e.key.rows[2].source == "addi a0, a0, 2");
    const RowMatching m = match(e, sloppy(labels));
    CHECK(pair_list(m) == expected_pairs(27, skipped));
    CHECK(m.missing == 1);
    CHECK(m.flushed_left_out == 8);
    CHECK(m.notes == std::vector<std::string>{"row for `addi t0, t0, -1` (key row 14) is missing"});
    for (const RowPair& p : m.pairs)
      if (p.answer) CHECK(p.by_label);
  }
  SECTION("without it, `bnez t0, loop` names no instruction") {
    // The bnez rows are then unlabelled. In the 3rd iteration the answer has `addi a0`, then an
    // unlabelled row, where the key has addi a0 (index 12), addi t0 (13), bnez (14): pairing
    // the row with either and leaving out the other costs the same, and order takes the first:
    // index 14, the bnez, is the one reported missing.
    const RowMatching m = match(e, sloppy(labels));
    std::vector<std::size_t> by_order = kBranchFlushed;
    by_order.push_back(14);
    std::sort(by_order.begin(), by_order.end());
    CHECK(pair_list(m) == expected_pairs(27, by_order));
    for (const RowPair& p : m.pairs)
      if (p.key && p.answer) CHECK(p.by_label == (*p.key % 5 != 4 && *p.key != 13));
  }
}

TEST_CASE("row labels: normalised tokens", "[classroom][match]") {
  CHECK(instruction_tokens("ADD x12,x11 , A1") ==
        std::vector<std::string>{"add", "a2", "a1", "a1"});
  CHECK(instruction_tokens("lw a0, -0x4(fp)") ==
        std::vector<std::string>{"lw", "a0", "-4", "(", "s0", ")"});
  const RowLabel pc = read_row_label("0001000c  add a2, a1, a1");
  CHECK(pc.pc == 0x1000cu);
  CHECK(pc.tokens == std::vector<std::string>{"add", "a2", "a1", "a1"});
  CHECK_FALSE(read_row_label("add a2, a1, a1").pc);  // `add` is hex digits, but no address
  CHECK_FALSE(read_row_label("beef").pc);
  CHECK(read_row_label("loop: addi a0, a0, 2").tokens ==
        std::vector<std::string>{"addi", "a0", "a0", "2"});
  CHECK(read_row_label("").empty());
  CHECK(label_names({"add", "a1"}, {"add", "a1", "a0", "a0"}));
  CHECK_FALSE(label_names({"add", "a2"}, {"add", "a1", "a0", "a0"}));
  CHECK_FALSE(label_names({}, {"ecall"}));
}

TEST_CASE("match_rows: no rows, and more rows than the alignment takes", "[classroom][match]") {
  const Exercise e = exercise("load_use", "5-stage");
  SECTION("an answer without rows: every key row missing, one note each") {
    const RowMatching m = match_rows(e.run, e.key, ParsedAnswer{});
    CHECK(m.pairs.size() == 9);
    CHECK(m.missing == 9);
    CHECK(m.notes.size() == 9);
    CHECK(m.notes[8] == "row for `ecall` (key row 9) is missing");
  }
  SECTION("(27 + 1) x (150000 + 1) > 4194304: paired by order, and said so") {
    const Exercise b = exercise("branch_policies", "5-stage");
    ParsedAnswer huge;
    huge.rows.resize(150000);
    const RowMatching m = match_rows(b.run, b.key, huge);
    REQUIRE(m.pairs.size() == 150000);
    CHECK(m.pairs[26].key == 26u);
    CHECK(m.pairs[26].answer == 26u);
    CHECK_FALSE(m.pairs[27].key);
    CHECK(m.extra == 150000 - 27);
    CHECK(m.notes == std::vector<std::string>{
                         "the answer has 150000 rows and the diagram 27: too many to match by "
                         "label; rows are paired by their order (0 missing, 149973 extra)"});
  }
}
