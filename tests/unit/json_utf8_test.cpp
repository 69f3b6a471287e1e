// JSON output must be UTF-8, but file names, guest output and --set values are whatever bytes the
// user gave. Each ill-formed sequence becomes U+FFFD (Unicode's "substitution of maximal
// subparts", The Unicode Standard §3.9, Table 3-8; Python's bytes.decode('utf-8', 'replace')
// agrees on every vector below) instead of an invalid file or an internal error.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/json/json_text.hpp"
#include "sim/report/trace_text_out.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim;

namespace {

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

struct Vector {
  std::string bytes;
  std::string expected;  // the JSON string's contents
};

const Vector kVectors[] = {
    // Table 3-8 of the Unicode Standard.
    {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
     "a" + R + R + R + "b" + R + "c" + R + R + "d"},
    {"\xED\xA0\x80", R + R + R},          // a surrogate: ED's second byte must be 80..9F
    {"\xE0\x80\xAF", R + R + R},          // overlong '/'
    {"\xF4\x90\x80\x80", R + R + R + R},  // beyond U+10FFFF
    {"\xC3", R},                          // cut short at the end
    {"\xF0\x9F\x98", R},                  // cut short at the end, three bytes of four
    {"\xFF\xFE", R + R},                  // never in UTF-8
    // Well-formed characters pass unchanged: é, €, U+1D11E.
    {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E"},
};

}  // namespace

TEST_CASE("json utf-8: the trace writers' strings replace maximal ill-formed subparts",
          "[report][utf8]") {
  for (const Vector& v : kVectors) {
    INFO(v.expected);
    report::TextBuffer b;
    report::put_json_string(b, v.bytes);
    CHECK(std::string(b.view()) == "\"" + v.expected + "\"");
  }
  // Still escaped as before, around a replacement.
  report::TextBuffer q;
  report::put_json_string(q, "\"\xFF\n");
  CHECK(std::string(q.view()) == "\"\\\"" + R + "\\n\"");
}

TEST_CASE("json utf-8: nlohmann documents are written with replacements, not thrown",
          "[report][utf8]") {
  for (const Vector& v : kVectors) {
    INFO(v.expected);
    const std::string text = json_text(nlohmann::json{{"s", v.bytes}});
    // Parsing checks that the text is UTF-8 (nlohmann rejects anything else).
    CHECK(nlohmann::json::parse(text)["s"] == v.expected);
  }
}

TEST_CASE("json utf-8: a file name and guest output that are not UTF-8", "[report][utf8][cli]") {
  const test::TempDir scratch("pipesim-json-utf8");
  const fs::path& dir = scratch.path;
  // The guest writes "\xFF" "A\n"; its file name holds the byte 0xFF too.
  const fs::path prog = dir / "h\xFFx.s";
  std::ofstream(prog) << "    .data\nmsg: .byte 0xff, 0x41, 10\n    .text\n_start:\n"
                         "    li a0, 1\n    la a1, msg\n    li a2, 3\n    li a7, 64\n    ecall\n"
                         "    li a0, 0\n    li a7, 93\n    ecall\n";
  const std::string name = "h" + R + "x.s";
  const auto run = [&](std::vector<std::string> args) {
    const auto r = test::run_pipesim(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  };
  const auto read = [&](const char* file) { return test::read_file(dir / file); };

  run({"run", prog.string(), "--json", (dir / "f.json").string()});
  const auto f = nlohmann::json::parse(read("f.json"));
  CHECK(f["program"] == prog.parent_path().string() + "/" + name);
  CHECK(f["stdout"] == R + "A\n");

  run({"run", prog.string(), "-c", "5-stage", "--set", "name=m\xFE", "--json",
       (dir / "p.json").string(), "--trace-json", (dir / "t.json").string(), "--trace-jsonl",
       (dir / "t.jsonl").string(), "--trace-chrome", (dir / "c.json").string()});
  const auto p = nlohmann::json::parse(read("p.json"));
  CHECK(p["stdout"] == R + "A\n");
  CHECK(nlohmann::json::parse(read("t.json"))["config"]["name"] == "m" + R);
  const std::string jsonl = read("t.jsonl");
  CHECK(nlohmann::json::parse(jsonl.substr(0, jsonl.find('\n')))["config"]["name"] == "m" + R);
  CHECK(nlohmann::json::parse(read("c.json"))[0]["args"]["name"] ==
        "pipesim: " + prog.parent_path().string() + "/" + name + " on m" + R);

  const auto deps = run({"deps", prog.string(), "-c", "5-stage", "--format", "json"});
  CHECK(nlohmann::json::parse(deps.out)["program"] == prog.parent_path().string() + "/" + name);

  run({"sweep", "--programs", (dir / "*.s").string(), "--configs", "5-stage", "-o",
       (dir / "sweep.json").string()});
  CHECK(nlohmann::json::parse(read("sweep.json"))["rows"][0]["program"] ==
        prog.parent_path().string() + "/" + name);
}
