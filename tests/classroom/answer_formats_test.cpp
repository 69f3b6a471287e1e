// The answer reader's formats (docs/classroom.md, "Writing an answer"): every shipped exercise
// key re-written as TSV, CSV and Markdown (converted here from the text key's parsed cells) reads
// back to the same cells; Ripes' "copy" text; aligned text off by a column or two (snapped with
// a note), exactly between two cycles or past a short header (errors); a typo before `flushed`.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "isa/error.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/config/config_load.hpp"
#include "tests/support/answer_tables.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;
using pipesim::test::join_lines;
using pipesim::test::split_lines;
using pipesim::test::to_csv;
using pipesim::test::to_markdown;
using pipesim::test::to_tsv;

namespace {

const std::vector<std::string> k5Stage = {"IF", "ID", "EX", "MEM", "WB"};

std::string keys_dir() {
  return std::string(PIPESIM_SOURCE_DIR) + "/programs/exercises/keys";
}

// The text of a key file, and its machine's words (`<exercise>.<machine>.txt`).
struct KeyFile {
  std::string name, text;
  std::vector<std::string> words;
};

std::vector<KeyFile> key_files() {
  std::vector<KeyFile> out;
  for (const fs::directory_entry& e : fs::directory_iterator(keys_dir())) {
    const std::string stem = e.path().stem().string();  // load_use.5-stage
    const std::string machine = stem.substr(stem.find('.') + 1);
    out.push_back({e.path().filename().string(), test::read_file(e.path()),
                   answer_words(load_config(machine))});
  }
  REQUIRE(out.size() >= 20);
  return out;
}

void check_same(const ParsedAnswer& got, const ParsedAnswer& want) {
  CHECK(got.first_cycle == want.first_cycle);
  CHECK(got.last_cycle == want.last_cycle);
  REQUIRE(got.rows.size() == want.rows.size());
  for (std::size_t i = 0; i < want.rows.size(); ++i) {
    INFO("row " << i + 1);
    CHECK(got.rows[i].label == want.rows[i].label);
    CHECK(got.rows[i].cells == want.rows[i].cells);
    CHECK(got.rows[i].flushed == want.rows[i].flushed);
  }
}

// The error parse_answer reports: "line:column: message".
std::string error_of(const std::string& text, const std::vector<std::string>& words = k5Stage) {
  try {
    parse_answer(text, "a.txt", words);
  } catch (const SourceError& e) {
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.what();
  }
  return "no error";
}

// Line `line` (1-based) of a text.
std::string& line_of(std::vector<std::string>& lines, std::size_t line) {
  return lines.at(line - 1);
}

std::string load_use_key() {
  return test::read_file(keys_dir() + "/load_use.5-stage.txt");
}

}  // namespace

TEST_CASE("answer formats: every exercise key reads the same as TSV, CSV and Markdown",
          "[classroom][formats]") {
  for (const KeyFile& k : key_files()) {
    INFO(k.name);
    const ParsedAnswer text = parse_answer(k.text, k.name, k.words);
    CHECK(text.format == "text");
    CHECK(text.notes.empty());  // pipesim's own diagram is exactly aligned
    REQUIRE(text.rows.size() >= 4);
    for (const auto& [format, table] :
         {std::pair{"tsv", to_tsv(text)}, std::pair{"csv", to_csv(text)},
          std::pair{"markdown", to_markdown(text)}}) {
      INFO(format << ":\n" << table);
      const ParsedAnswer got = parse_answer(table, k.name, k.words);
      CHECK(got.format == format);
      CHECK(got.notes.empty());
      check_same(got, text);
    }
  }
}

TEST_CASE("answer formats: the text key's parse is what its diagram shows",
          "[classroom][formats]") {
  // Guards the conversion above: the load-use key read by hand. Row 4, `addi a0, a0, 1`: IF in
  // cycle 4, ID 5, a load-use stall in 6, EX 7, MEM 8, WB 9.
  const ParsedAnswer a = parse_answer(load_use_key(), "key", k5Stage);
  REQUIRE(a.rows.size() == 9);
  CHECK(a.last_cycle == 14);
  CHECK(a.rows[3].label == "0001000c  addi a0, a0, 1");
  CHECK(a.rows[3].cells == std::map<uint64_t, std::string>{
                               {4, "IF"}, {5, "ID"}, {6, "S"}, {7, "EX"}, {8, "MEM"}, {9, "WB"}});
}

// What Ripes' pipeline diagram "copy" button puts on the clipboard
// (PipelineDiagramWidget::on_copy_clicked): a tab, then each cycle number from 0 followed by a
// tab; each row is the disassembly, a tab, then each cell followed by a tab. A cycle in which an
// instruction stays in its stage is `-`. This is the load-use exercise as Ripes draws it on its
// 5-stage processor with the timing of pipesim's key (row 4 stalls in ID, row 5 in IF).
TEST_CASE("answer formats: Ripes' copied pipeline diagram", "[classroom][formats]") {
  const std::vector<std::vector<std::string>> rows = {
      {"addi x5 x0 7", "IF", "ID", "EX", "MEM", "WB"},
      {"sw x5 -4(x2)", "", "IF", "ID", "EX", "MEM", "WB"},
      {"lw x10 -4(x2)", "", "", "IF", "ID", "EX", "MEM", "WB"},
      {"addi x10 x10 1", "", "", "", "IF", "ID", "-", "EX", "MEM", "WB"},
      {"lw x11 -4(x2)", "", "", "", "", "IF", "-", "ID", "EX", "MEM", "WB"},
      {"addi x12 x0 2", "", "", "", "", "", "", "IF", "ID", "EX", "MEM", "WB"},
      {"add x10 x10 x11", "", "", "", "", "", "", "", "IF", "ID", "EX", "MEM", "WB"},
      {"addi x17 x0 93", "", "", "", "", "", "", "", "", "IF", "ID", "EX", "MEM", "WB"},
      {"ecall", "", "", "", "", "", "", "", "", "", "IF", "ID", "EX", "MEM", "WB"},
  };
  std::string copied = "\t";
  for (int c = 0; c < 14; ++c) copied += std::to_string(c) + "\t";
  copied += "\n";
  for (const auto& r : rows) {
    copied += r[0] + "\t";
    for (int c = 0; c < 14; ++c)
      copied += (static_cast<std::size_t>(c) + 1 < r.size() ? r[c + 1] : "") + "\t";
    copied += "\n";
  }
  const ParsedAnswer got = parse_answer(copied, "ripes.tsv", k5Stage);
  CHECK(got.format == "tsv");
  const ParsedAnswer key = parse_answer(load_use_key(), "key", k5Stage);
  REQUIRE(got.rows.size() == key.rows.size());
  CHECK(got.first_cycle == 1);
  CHECK(got.last_cycle == 14);
  for (std::size_t i = 0; i < key.rows.size(); ++i) {
    INFO("row " << i + 1);
    CHECK(got.rows[i].cells == key.rows[i].cells);
  }
  CHECK(got.rows[3].label == "addi x10 x10 1");
  REQUIRE(got.notes.size() == 2);
  CHECK(got.notes[0] ==
        "line 1: the header numbers the cycles from 0 (as Ripes does); read as cycles 1 to 14");
  // Row 4 is line 5; its `-` follows the label (14 bytes) and its tab, 3 empty fields and their
  // tabs, "IF\t" and "ID\t": byte 24, column 25.
  CHECK(got.notes[1] ==
        "line 5, column 25: a `-` between two stages of a row is read as a stall (S), as Ripes "
        "writes one (2 such cells)");
}

TEST_CASE("answer formats: CSV with quoted fields, and semicolons", "[classroom][formats]") {
  const std::string csv =
      "instruction,1,2,3,4,5,6\n"
      "\"lw a0, 0(sp)\",IF,ID,EX,MEM,WB\n"
      "\"say \"\"hi\"\", then\", ,IF,ID,\"S\",EX,MEM\n";
  const ParsedAnswer a = parse_answer(csv, "a.csv", k5Stage);
  CHECK(a.format == "csv");
  REQUIRE(a.rows.size() == 2);
  CHECK(a.rows[0].label == "lw a0, 0(sp)");
  CHECK(a.rows[1].label == "say \"hi\", then");
  CHECK(a.rows[1].cells ==
        std::map<uint64_t, std::string>{{2, "IF"}, {3, "ID"}, {4, "S"}, {5, "EX"}, {6, "MEM"}});
  const ParsedAnswer semi = parse_answer(";1;2;3\n\"a;b\";IF;ID;EX\n", "a.csv", k5Stage);
  CHECK(semi.format == "csv");
  REQUIRE(semi.rows.size() == 1);
  CHECK(semi.rows[0].label == "a;b");
  CHECK(semi.rows[0].cells.size() == 3);
  CHECK(error_of(",1,2\n\"lw a0, 0(sp),IF,ID\n") ==
        "2:1: this quoted field has no closing quote (a field ends on its line)");
  CHECK(error_of(",1,2\nlw,IF,ID,EX\n") ==
        "2:10: this cell is after the header's last cycle (2): extend the header row");
  CHECK(error_of("1,2\nlw,IF\n") ==
        "2:1: unknown cell `lw`; the header row has no column for labels: start it with an empty "
        "field");
}

TEST_CASE("answer formats: Markdown tables", "[classroom][formats]") {
  const std::string md =
      "|        | 1  | 2  | 3  | 4   | 5   | 6  |\n"
      "|:-------|----|----|----|-----|-----|----|\n"
      "| lw a0  | IF | ID | EX | MEM | WB  |    |\n"
      "| add a1 |    | IF | ID | S   | EX  |    |\n"
      "| b \\| c |    |    | if | flushed |  |  |\n";
  const ParsedAnswer a = parse_answer(md, "a.md", k5Stage);
  CHECK(a.format == "markdown");
  REQUIRE(a.rows.size() == 3);
  CHECK(a.rows[1].cells ==
        std::map<uint64_t, std::string>{{2, "IF"}, {3, "ID"}, {4, "S"}, {5, "EX"}});
  CHECK(a.rows[2].label == "b | c");
  CHECK(a.rows[2].flushed);
  CHECK(a.rows[2].cells == std::map<uint64_t, std::string>{{3, "IF"}});
  CHECK(error_of("| | 1 | 2 |\n|---|---|---|\n| lw | IF | MEN |\n") ==
        "3:13: unknown cell `MEN`; did you mean `MEM`?");
}

TEST_CASE("answer formats: the format is told from the header row", "[classroom][formats]") {
  // Tabs before the numbers only (an indented header) leave a text answer text; a typed table
  // with tabs between the numbers is TSV, and its rows need tabs too.
  const ParsedAnswer indented = parse_answer("\t\t1   2   3\nlw\t\tIF  ID  EX\n", "a.txt", k5Stage);
  CHECK(indented.format == "text");
  CHECK(indented.rows.at(0).cells.size() == 3);
  CHECK(parse_answer("1\t2\t3\n", "a.txt", k5Stage).format == "tsv");
  CHECK(error_of("\t1\t2\t3\nlw IF ID EX\n") ==
        "2:1: this row has no tab, but the header row separates its cycles with tabs: separate "
        "this row's cells with tabs too");
  // A text header with cycle 0 is still an error (only a table's header may start at 0).
  CHECK(error_of("0 1 2\n") == "1:1: cycles are numbered from 1");
}

TEST_CASE("answer formats: aligned text off by a column is snapped, and says so",
          "[classroom][formats]") {
  std::vector<std::string> lines = split_lines(load_use_key());
  // Line 5, `0001000c  addi a0, a0, 1`: its IF is under cycle 4's number (column 38, byte 37).
  std::string& row = line_of(lines, 5);
  REQUIRE(row.find("IF") == 37);
  row.insert(37, " ");  // one column right: `IF` now at column 39
  const ParsedAnswer a = parse_answer(join_lines(lines), "a.txt", k5Stage);
  const ParsedAnswer key = parse_answer(load_use_key(), "key", k5Stage);
  check_same(a, key);
  REQUIRE(a.notes.size() == 1);  // the other cells follow one per cycle: no note for them
  CHECK(a.notes[0] ==
        "line 5, column 39: `IF` is 1 column right of cycle 4's number; read as "
        "cycle 4");
  // One cell a column left of its number, after a gap: only the column says which cycle.
  const ParsedAnswer gap =
      parse_answer("      1   2   3   4   5\nlw    IF     EX  MEM\n", "a.txt", k5Stage);
  CHECK(gap.rows.at(0).cells == std::map<uint64_t, std::string>{{1, "IF"}, {3, "EX"}, {4, "MEM"}});
  REQUIRE(gap.notes.size() == 1);
  CHECK(gap.notes[0] ==
        "line 2, column 14: `EX` is 1 column left of cycle 3's number; read as "
        "cycle 3");
}

TEST_CASE("answer formats: a cell between two cycle numbers is an error", "[classroom][formats]") {
  std::vector<std::string> lines = split_lines(load_use_key());
  line_of(lines, 5).insert(37, "  ");  // two columns right: between cycles 4 and 5
  CHECK(error_of(join_lines(lines)) ==
        "5:40: `IF` is between cycles 4 and 5 (2 columns from each): write it under one of the "
        "two numbers");
  // With 5-column cells (MUL1), two columns off is still nearer to one number: snapped.
  const std::string wide = test::read_file(keys_dir() + "/multicycle_waw.5-stage-parallel-fu.txt");
  std::vector<std::string> w = split_lines(wide);
  const std::size_t at = line_of(w, 3).find("IF");
  line_of(w, 3).insert(at, "  ");
  const std::vector<std::string> words = answer_words(load_config("5-stage-parallel-fu"));
  const ParsedAnswer a = parse_answer(join_lines(w), "a.txt", words);
  check_same(a, parse_answer(wide, "key", words));
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0] == "line 3, column " + std::to_string(at + 3) +
                          ": `IF` is 2 columns right of cycle 2's number; read as cycle 2");
  // A cell under no number, and two cells under one number.
  CHECK(error_of("      1      2      3\nlw    IF     ID  EX\n") ==
        "2:18: `EX` is under no cycle number (the nearest, cycle 3, is 3 columns away): write it "
        "under its cycle's number");
  CHECK(error_of("      1   2   3   4\nlw    IF  ID     EX MEM\n") ==
        "2:21: `EX` and `MEM` are both under cycle 4: write each cell under its own cycle number");
}

TEST_CASE("answer formats: a header that does not cover the answer is an error",
          "[classroom][formats]") {
  std::vector<std::string> lines = split_lines(load_use_key());
  // The header two cycles short (to 12): line 9, `li a7, 93`, is IF 9 ID 10 EX 11 MEM 12 WB 13,
  // the first row past it.
  std::string& header = line_of(lines, 1);
  header = header.substr(0, header.find("13"));
  while (header.back() == ' ') header.pop_back();
  const std::size_t wb = line_of(lines, 9).find("WB");
  CHECK(error_of(join_lines(lines)) ==
        "9:" + std::to_string(wb + 1) +
            ": this cell is after the header's last cycle (12): extend the header row");
}

TEST_CASE("answer formats: random tables and text never crash the reader", "[classroom][formats]") {
  std::mt19937 rng(18);
  const std::string alphabet = "0123456789 \t\n|-:.,;\"\\sSIFDEXMWBflushed#*abc\r";
  const std::vector<std::string> headers = {"", "\t1\t2\t3\n", ",1,2,3\n",
                                            "| | 1 | 2 |\n|--|--|--|\n", "    1   2   3\n"};
  for (int i = 0; i < 3000; ++i) {
    std::string text = headers[static_cast<std::size_t>(i) % headers.size()];
    const int n = static_cast<int>(rng() % 80);
    for (int k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
    try {
      const ParsedAnswer a = parse_answer(text, "r.txt", k5Stage);
      for (const AnswerRow& r : a.rows)
        for (const auto& [c, t] : r.cells) CHECK((c >= a.first_cycle && c <= a.last_cycle));
    } catch (const SourceError&) {
    }
  }
}

TEST_CASE("answer formats: a typo before `flushed` is an unknown cell, not label text",
          "[classroom][formats]") {
  const std::string key = test::read_file(keys_dir() + "/branch_policies.5-stage.txt");
  std::vector<std::string> lines = split_lines(key);
  // Line 7 is the first flushed `li a7, 93`: `if  id  flushed`.
  std::string& row = line_of(lines, 7);
  const std::size_t id = row.find("id  flushed");
  REQUIRE(id != std::string::npos);
  row.replace(id, 2, "stl");
  CHECK(error_of(join_lines(lines)) ==
        "7:" + std::to_string(id + 1) + ": unknown cell `stl`; did you mean `stall` (or `S`)?");
  // The same in a free layout, and a typo where the first cell goes in an aligned answer.
  CHECK(error_of("1 2 3 4\nli a7, 93 - if stl flushed\n") ==
        "2:16: unknown cell `stl`; did you mean `stall` (or `S`)?");
  CHECK(error_of("            1   2   3\nli a7, 93   FI  ID  EX\n") ==
        "2:13: unknown cell `FI`; did you mean `IF`?");
  // Labels with words, running into the cell area, stay labels.
  const ParsedAnswer a =
      parse_answer("        1  2  3  4  5\nlw a0, 0(sp) IF ID EX MEM WB\n", "a.txt", k5Stage);
  CHECK(a.rows.at(0).label == "lw a0, 0(sp)");
  CHECK(a.rows.at(0).cells.size() == 5);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0] ==
        "line 2: the label runs under the header's cycle numbers, so the row is "
        "read one cell per cycle from cycle 1");
}
