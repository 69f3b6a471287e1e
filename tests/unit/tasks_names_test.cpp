// Names from a task graph file (tasks, resources, the graph's own, the file's) holding control
// characters: the text output and the messages show each as \xNN (a name can neither move the
// cursor nor recolour a terminal, nor break a table's columns), the HTML page shows them the same
// way and stays valid UTF-8, and the JSON outputs carry the names exactly (JSON escapes), with
// each byte that is not UTF-8 (only a file's name can have one: the JSON reader refuses them in
// the file) as U+FFFD.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "isa/error.hpp"
#include "isa/source_errors.hpp"
#include "sim/json/json_text.hpp"
#include "sim/json/utf8.hpp"
#include "sim/tasks/gantt_text.hpp"
#include "sim/tasks/task_graph_json.hpp"
#include "sim/tasks/tasks_analysis.hpp"
#include "sim/tasks/tasks_chrome.hpp"
#include "sim/tasks/tasks_html.hpp"
#include "sim/tasks/tasks_json.hpp"

using namespace pipesim::tasks;
using namespace std::string_literals;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

// ESC (a colour, a screen clear), a newline, a tab, a NUL and U+009B (CSI as one C1 character),
// each written as a JSON escape: raw, they are not JSON.
constexpr const char* kNasty = R"({"unit": "min", "name": "red\u001b[31mgraph",
  "resources": {"ket\u001btle": 1, "per\nson": 1},
  "tasks": [
    {"name": "esc\u001b[2Jx", "duration": 5, "needs": "ket\u001btle"},
    {"name": "new\nline", "duration": 3, "after": "esc\u001b[2Jx", "needs": "per\nson"},
    {"name": "tab\there", "duration": 2},
    {"name": "nul\u0000z", "duration": 1, "after": "tab\there"},
    {"name": "csi\u009b31m", "duration": 1}]})";

// The names as the reader holds them.
const std::string kEsc = "esc\x1b[2Jx", kNewline = "new\nline", kTab = "tab\there",
                  kNul = "nul\0z"s,
                  kCsi =
                      "csi\xc2\x9b"
                      "31m";

// No byte a terminal acts on: every character well-formed UTF-8, none a control character (C0,
// DEL or C1) but the newlines that end lines.
bool printable_lines(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const pipesim::Utf8Sequence c = pipesim::utf8_sequence(std::string_view(s).substr(i));
    const auto b = static_cast<unsigned char>(s[i]);
    if (!c.valid || (b < 0x20 && b != '\n') || b == 0x7f) return false;
    if (b == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) return false;  // C1
    i += c.length;
  }
  return true;
}

TasksAnalysis nasty(const std::string& file = "g.json") {
  TasksOptions options;
  options.iterations = 2;
  return analyse_tasks(parse_task_graph(kNasty, file), options);
}

}  // namespace

TEST_CASE("tasks names: the reader keeps the names exactly", "[tasks]") {
  const TaskGraph g = parse_task_graph(kNasty, "g.json");
  REQUIRE(g.tasks.size() == 5);
  CHECK(g.tasks[0].name == kEsc);
  CHECK(g.tasks[1].name == kNewline);
  CHECK(g.tasks[2].name == kTab);
  CHECK(g.tasks[3].name == kNul);
  CHECK(g.tasks[3].name.size() == 5);  // the NUL does not cut the name short
  CHECK(g.tasks[4].name == kCsi);
}

TEST_CASE("tasks names: control characters are \\xNN in the text", "[tasks]") {
  const std::string text = tasks_text(nasty());
  CHECK(printable_lines(text));
  CHECK_THAT(text, Contains("Task graph red\\x1b[31mgraph (g.json): 5 tasks"));
  CHECK_THAT(text, Contains("Resources: 1 ket\\x1btle, 1 per\\x0ason\n"));
  CHECK_THAT(text, Contains("Critical path, one iteration: 8 min: esc\\x1b[2Jx -> new\\x0aline\n"));
  // The sequential schedule, one iteration: rows padded to the widest label as printed
  // ("csi\xc2\x9b31m", 14 columns, and two spaces), each column 4 wide.
  CHECK_THAT(text, Contains("\nesc\\x1b[2Jx     ket ket ket ket ket\n"
                            "new\\x0aline                         per per per\n"
                            "tab\\x09here                                     === ===\n"
                            "nul\\x00z                                                ===\n"
                            "csi\\xc2\\x9b31m                                              ===\n"));
  CHECK_THAT(text, Contains("ket = ket\\x1btle, per = per\\x0ason, === none.\n"));
  // In colour, the only escapes are pipesim's own.
  const std::string coloured = tasks_text(nasty(), {0, true});
  CHECK_THAT(coloured, !Contains("\x1b[2J"));
  CHECK_THAT(coloured, !Contains("\x1b[31mgraph"));
}

TEST_CASE("tasks names: the file's name too, and bytes that are not UTF-8", "[tasks]") {
  const std::string file = "g\xff\x1b.json";
  const TasksAnalysis a = nasty(file);
  const std::string text = tasks_text(a);
  CHECK(printable_lines(text));
  CHECK_THAT(text, Contains("(g\\xff\\x1b.json): 5 tasks"));
  // JSON holds the ESC as \u001b and the 0xff as U+FFFD (json_text): valid UTF-8 JSON.
  const std::string json = pipesim::json_text(tasks_json(a));
  CHECK_THAT(json, Contains(R"("file":"g)"
                            "\xef\xbf\xbd"
                            R"(\u001b.json")"));
}

TEST_CASE("tasks names: messages show them as \\xNN", "[tasks]") {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      parse_task_graph(text, "g.json");
    } catch (const pipesim::Error& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK_THAT(error_of(R"({"unit": "min", "tasks": [
                 {"name": "a", "duration": 1, "after": "x\u001b[2J\n"}]})"),
             Equals("g.json: /tasks/0/after: unknown task \"x\\x1b[2J\\x0a\""));
  CHECK_THAT(error_of(R"({"unit": "min", "resources": {"k\u009b": 1},
                          "tasks": [{"name": "a", "duration": 1, "needs": {"k\u009b": 2}}]})"),
             Equals("g.json: /tasks/0/needs/k\\xc2\\x9b: needs 2 k\\xc2\\x9b but there is only 1"));
  // A tab stays in a message, as in the assembler's (printable_message): it moves nothing.
  CHECK_THAT(error_of(R"({"unit": "min", "tasks": [{"name": "a\tb", "duration": 1},
                                                   {"name": "a\tb", "duration": 1}]})"),
             Equals("g.json: /tasks/1/name: duplicate task name \"a\tb\" (first at /tasks/0)"));
  const TaskGraph g = parse_task_graph(kNasty, "g.json");
  try {
    parse_capacity_sets(g, {"ket\x1btle=0"});
    FAIL("no error");
  } catch (const pipesim::Error& e) {
    CHECK_THAT(e.what(), Equals("--set ket\\x1btle=0: the capacity must be a whole number from "
                                "1 to 1000000"));
  }
}

// Bytes that are not UTF-8 inside the file are a JSON syntax error, at the place, shown as \xNN.
TEST_CASE("tasks names: bytes that are not UTF-8 in the file", "[tasks]") {
  const std::string text =
      "{\"unit\": \"min\", \"tasks\": [{\"name\": \"a\xff\x1b b\", "
      "\"duration\": 1}]}";
  try {
    parse_task_graph(text, "g.json");
    FAIL("no error");
  } catch (const pipesim::SourceError& e) {
    CHECK(e.line == 1);
    CHECK(e.column == 38);  // the 0xff, after `{"unit": "min", "tasks": [{"name": "a`
    const std::string shown = pipesim::format_diagnostic(e);
    CHECK(printable_lines(shown));
    CHECK_THAT(shown, Contains("\"a\\xff\\x1b b\""));
  }
}

TEST_CASE("tasks names: the HTML page shows them as the text does", "[tasks]") {
  const std::string html = tasks_html(nasty("g\xff.json"));
  CHECK(printable_lines(html));
  CHECK_THAT(html, Contains("<title>red\\x1b[31mgraph — pipesim tasks</title>"));
  CHECK_THAT(html, Contains("<div class=\"label\" style=\"top:0px\">esc\\x1b[2Jx #1</div>"));
  CHECK_THAT(html, Contains(">nul\\x00z #2</div>"));
  CHECK_THAT(html, Contains("title=\"csi\\xc2\\x9b31m #2: "));
  CHECK_THAT(html, Contains("</span>ket\\x1btle (1)</span>"));
}

TEST_CASE("tasks names: the JSON outputs carry them exactly", "[tasks]") {
  const TasksAnalysis a = nasty();
  const auto j = nlohmann::json::parse(pipesim::json_text(tasks_json(a), 2));
  const auto& slots = j["schedules"][0]["slots"];
  CHECK(slots[0]["task"] == kEsc);
  CHECK(slots[1]["task"] == kNewline);
  CHECK(slots[2]["task"] == kTab);
  CHECK(slots[3]["task"] == kNul);
  CHECK(slots[4]["task"] == kCsi);
  CHECK(j["graph"]["name"] == "red\x1b[31mgraph");
  CHECK(j["graph"]["resources"].contains("per\nson"));
  // The saved graph reads back with the same names.
  const TaskGraph again = parse_task_graph(pipesim::json_text(graph_json(a.graph)), "g2.json");
  CHECK(again.tasks[3].name == kNul);
  CHECK(again.resources[0].name == "ket\x1btle");

  const auto trace = nlohmann::json::parse(tasks_chrome_trace(a));
  bool found = false;
  for (const auto& e : trace)
    if (e["ph"] == "X" && e["name"] == kNul + " #2") found = e["cat"] == "none";
  CHECK(found);
}

TEST_CASE("tasks names: printable_name escapes tabs and C1 too, keeps other text", "[tasks]") {
  CHECK(pipesim::printable_name("a\tb\x7f"
                                "c") == "a\\x09b\\x7fc");
  CHECK(pipesim::printable_name("caf\xc3\xa9 \xc2\xa0x") == "caf\xc3\xa9 \xc2\xa0x");  // é, NBSP
  CHECK(pipesim::printable_name("\xc2\x85") == "\\xc2\\x85");                          // NEL
  CHECK(pipesim::printable_name("\xe2\x82") == "\\xe2\\x82");  // a cut sequence
  // Messages keep tabs (the caret line repeats them) but not C1 characters.
  CHECK(pipesim::printable_message("a\tb\xc2\x9b") == "a\tb\\xc2\\x9b");
}
