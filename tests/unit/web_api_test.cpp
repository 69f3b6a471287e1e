// The playground's API (web/api/, docs/web.md "The API"): every op, its errors, and that its
// texts are byte for byte what the pipesim command prints for the same program and machine.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/support/load_use.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "web/api/api.hpp"

namespace {

using nlohmann::json;
using pipesim::test::kLoadUse;
using pipesim::test::run_pipesim;
using pipesim::test::temp_file;

json call(const json& request) {
  return json::parse(pipesim::web::call(request.dump()));
}

json ok(const json& request) {
  const json reply = call(request);
  INFO(reply.dump());
  REQUIRE(reply.at("api") == 1);
  REQUIRE(reply.at("ok") == true);
  return reply;
}

json failed(const json& request) {
  const json reply = call(request);
  INFO(reply.dump());
  REQUIRE(reply.at("ok") == false);
  REQUIRE(reply.at("error").is_string());
  REQUIRE(reply.at("errors").is_array());
  return reply;
}

const json k5Stage = {{"preset", "5-stage"}};

// A loop long enough to show forwarding, stalls and branches; prints and exits with a status.
constexpr const char* kLoop = R"(
    .data
msg: .asciz "sum\n"
    .text
    .globl _start
_start:
    li   t0, 10
    li   a0, 0
loop:
    lw   t1, -4(sp)
    add  a0, a0, t1
    addi a0, a0, 3
    addi t0, t0, -1
    bnez t0, loop
    mv   s0, a0
    li   a7, 64
    li   a0, 1
    la   a1, msg
    li   a2, 4
    ecall
    andi a0, s0, 0xff
    li   a7, 93
    ecall
)";

// The CLI's result document with its one measured number masked.
std::string mask_host_seconds(const std::string& text) {
  return std::regex_replace(text, std::regex("\"host_seconds\": [-+.e0-9]+"),
                            "\"host_seconds\": X");
}

}  // namespace

TEST_CASE("web api: bad requests get an error reply, never an exception", "[web_api]") {
  for (const char* text : {"not json", "{\"op\": ", ""}) {
    const json r = json::parse(pipesim::web::call(text));
    CHECK(r.at("ok") == false);
    CHECK(r.at("error").get<std::string>().find("not JSON") != std::string::npos);
  }
  CHECK(failed("a string").at("error") == "a request is a JSON object with \"op\"");
  CHECK(failed(json::array()).at("errors").empty());
  CHECK(failed({{"op", "frobnicate"}}).at("error") == "unknown op \"frobnicate\"");
  CHECK(failed({{"api", 2}, {"op", "version"}}).at("error").get<std::string>().find("version 1") !=
        std::string::npos);
  CHECK(failed({{"op", "run"}, {"source", 5}}).at("error").get<std::string>().find("\"source\"") !=
        std::string::npos);
  CHECK(failed({{"op", "run"}, {"source", kLoadUse}})
            .at("error")
            .get<std::string>()
            .find("\"machine\" is required") != std::string::npos);
}

TEST_CASE("web api: version and presets", "[web_api]") {
  CHECK(ok({{"op", "version"}}).at("pipesim") == PIPESIM_VERSION);
  const json presets = ok({{"op", "presets"}}).at("presets");
  REQUIRE(presets.size() >= 4);
  CHECK(presets[0].at("name") == "single-cycle");  // teaching order
  bool found = false;
  for (const json& p : presets)
    if (p.at("name") == "5-stage") {
      found = true;
      CHECK(p.at("config").at("name") == "5-stage");
      CHECK(p.at("config").at("stages").is_array());
      CHECK(!p.at("description").get<std::string>().empty());
    }
  CHECK(found);
}

TEST_CASE("web api: assemble lists the code and reports errors with their place", "[web_api]") {
  const json a = ok({{"op", "assemble"}, {"source", kLoadUse}});
  CHECK(a.at("instructions") == 5);
  REQUIRE(a.at("listing").size() == 5);
  CHECK(a.at("listing")[0] == json({{"pc", 0x10000}, {"line", 1}, {"text", "li a0, 7"}}));
  CHECK(a.at("listing")[3] == json({{"pc", 0x1000c}, {"line", 4}, {"text", "add a2, a1, a1"}}));

  const json e = failed(
      {{"op", "assemble"}, {"file", "bad.s"}, {"source", "nop\n  addx a0, a1, a2\nfoo t0\n"}});
  REQUIRE(e.at("errors").size() == 2);
  const json& first = e.at("errors")[0];
  CHECK(first.at("file") == "bad.s");
  CHECK(first.at("line") == 2);
  CHECK(first.at("col") == 3);
  CHECK(first.at("text") == "  addx a0, a1, a2");
  CHECK(first.at("message").get<std::string>().find("addx") != std::string::npos);
  CHECK(e.at("error").get<std::string>().rfind("bad.s:2:3: ", 0) == 0);
  CHECK(e.at("errors")[1].at("line") == 3);

  // No file system behind the page: .include is an error at its line.
  const json inc = failed({{"op", "assemble"}, {"source", "nop\n.include \"x.s\"\n"}});
  CHECK(inc.at("errors")[0].at("line") == 2);
  // Data only: nothing to run.
  CHECK(failed({{"op", "assemble"}, {"source", ".data\n.word 1\n"}})
            .at("error")
            .get<std::string>()
            .find("no instructions") != std::string::npos);
}

TEST_CASE("web api: load-use on 5-stage, derived by hand", "[web_api]") {
  // 5-stage with full forwarding; the loaded value is forwarded from MEM/WB to EX, one cycle too
  // late for the add right behind the lw, so the add waits one cycle in ID:
  //                  1   2   3   4   5   6   7   8   9   10
  // li a0, 7         IF  ID  EX  MEM WB
  // sw a0, -4(sp)        IF  ID  EX  MEM WB
  // lw a1, -4(sp)            IF  ID  EX  MEM WB
  // add a2, a1, a1               IF  ID  S   EX  MEM WB
  // ebreak                           IF  S   ID  EX  MEM WB
  // 5 instructions + 4 cycles of fill + 1 load-use stall = 10 cycles.
  const json r = ok({{"op", "run"}, {"source", kLoadUse}, {"machine", k5Stage}});
  CHECK(r.at("cycles") == 10);
  CHECK(r.at("instructions") == 5);
  const json result = json::parse(r.at("result_text").get<std::string>());
  CHECK(result.at("cycles") == 10);
  CHECK(result.at("stalls").at("load_use") == 1);
  CHECK(result.at("halt") == "ebreak");
  CHECK(result.at("registers").at("x12") == 14);
  CHECK(r.at("view").is_object());
  CHECK(r.at("summary").get<std::string>().find("stalls load_use    1") != std::string::npos);
}

TEST_CASE("web api: run replies what pipesim run --json - writes", "[web_api]") {
  const std::string path = temp_file("web_api_loop.s", kLoop);
  for (const char* preset : {"5-stage", "5-stage-no-forwarding", "single-cycle"}) {
    INFO(preset);
    const json r = ok({{"op", "run"},
                       {"source", kLoop},
                       {"file", path},
                       {"machine", {{"preset", preset}}},
                       {"view", false}});
    const auto cli = run_pipesim({"run", path, "--config", preset, "--json", "-"});
    CHECK(mask_host_seconds(r.at("result_text").get<std::string>()) == mask_host_seconds(cli.out));
    CHECK(r.at("cycles_per_second").get<double>() > 0);
    CHECK(!r.contains("view"));
    // The summary is the text `pipesim run` prints after the guest's output (and a blank line).
    const auto text = run_pipesim({"run", path, "--config", preset});
    CHECK(text.out == "sum\n\n" + r.at("summary").get<std::string>());
  }
  // --set, and a machine given as JSON, the same way.
  const json set = ok({{"op", "run"},
                       {"source", kLoop},
                       {"file", path},
                       {"machine", {{"preset", "5-stage"}, {"sets", {"branches.policy=2-bit"}}}},
                       {"view", false}});
  const auto cli = run_pipesim(
      {"run", path, "--config", "5-stage", "--set", "branches.policy=2-bit", "--json", "-"});
  CHECK(mask_host_seconds(set.at("result_text").get<std::string>()) == mask_host_seconds(cli.out));

  const json presets = ok({{"op", "presets"}}).at("presets");
  json config;
  for (const json& p : presets)
    if (p.at("name") == "5-stage") config = p.at("config");
  const json as_json = ok({{"op", "run"},
                           {"source", kLoop},
                           {"file", path},
                           {"machine", {{"json", config}}},
                           {"view", false}});
  CHECK(as_json.at("cycles") ==
        ok({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"view", false}}).at("cycles"));
}

TEST_CASE("web api: run's limits and trace", "[web_api]") {
  const json limited =
      ok({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"max_cycles", 7}});
  CHECK(limited.at("cycles") == 7);
  CHECK(json::parse(limited.at("result_text").get<std::string>()).at("limit") == "max-cycles");
  CHECK(limited.at("view").dump().find("cycle limit reached (--max-cycles 7)") !=
        std::string::npos);

  // The view holds every cycle: its cap is --html's.
  const json big =
      failed({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"max_cycles", 500'001}});
  CHECK(big.at("error").get<std::string>().find("at most 500000") != std::string::npos);
  ok({{"op", "run"},
      {"source", kLoop},
      {"machine", k5Stage},
      {"view", false},
      {"max_cycles", 500'001}});
  failed({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"max_cycles", 0}});
  failed({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"max_cycles", -3}});
  failed({{"op", "run"}, {"source", kLoop}, {"machine", k5Stage}, {"trace", "konata"}});

  const std::string path = temp_file("web_api_trace.s", kLoadUse);
  const json t = ok({{"op", "run"},
                     {"source", kLoadUse},
                     {"file", path},
                     {"machine", k5Stage},
                     {"view", false},
                     {"trace", "json"}});
  const std::string out = pipesim::test::process_temp_dir() / "web_api_trace.json";
  run_pipesim({"run", path, "--config", "5-stage", "--trace-json", out});
  std::ifstream in(out);
  const json expected = json::parse(in);
  CHECK(t.at("trace") == expected);
}

TEST_CASE("web api: machine errors name the JSON path", "[web_api]") {
  const json bad_set =
      failed({{"op", "run"},
              {"source", kLoadUse},
              {"machine", {{"preset", "5-stage"}, {"sets", {"branches.polcy=x"}}}}});
  REQUIRE(bad_set.at("errors").size() == 1);
  CHECK(bad_set.at("errors")[0].at("file") == "config");
  CHECK(bad_set.at("errors")[0].at("message").get<std::string>().find("branches.polcy") !=
        std::string::npos);

  json config = ok({{"op", "presets"}}).at("presets")[2].at("config");
  config["memory"]["data_latency"] = "slow";
  config["bogus"] = 1;
  const json bad_json =
      failed({{"op", "run"}, {"source", kLoadUse}, {"machine", {{"json", config}}}});
  REQUIRE(bad_json.at("errors").size() == 2);
  std::string all;
  for (const json& e : bad_json.at("errors")) all += e.at("message").get<std::string>() + "\n";
  CHECK(all.find("bogus: unknown key") != std::string::npos);
  CHECK(all.find("memory.data_latency: ") != std::string::npos);

  CHECK(failed({{"op", "run"}, {"source", kLoadUse}, {"machine", {{"preset", "/etc/passwd"}}}})
            .at("error")
            .get<std::string>()
            .find("unknown preset") != std::string::npos);
  failed({{"op", "run"},
          {"source", kLoadUse},
          {"machine", {{"preset", "5-stage"}, {"json", json::object()}}}});
  failed(
      {{"op", "run"}, {"source", kLoadUse}, {"machine", {{"preset", "5-stage"}, {"sets", "x"}}}});
}

TEST_CASE("web api: explain and compare print what the CLI prints", "[web_api]") {
  const std::string path = temp_file("web_api_explain.s", kLoop);
  const json e = ok({{"op", "explain"}, {"source", kLoop}, {"file", path}, {"machine", k5Stage}});
  CHECK(e.at("text") == run_pipesim({"explain", path, "--config", "5-stage"}).out);
  CHECK(e.at("text").get<std::string>().find("load-use") != std::string::npos);

  const json machines = {
      {{"preset", "single-cycle"}}, {{"preset", "5-stage-no-forwarding"}}, k5Stage};
  const json c = ok({{"op", "compare"}, {"source", kLoop}, {"file", path}, {"machines", machines}});
  CHECK(c.at("text") ==
        run_pipesim({"compare", path, "--configs", "single-cycle,5-stage-no-forwarding,5-stage"})
            .out);
  CHECK(c.at("table") ==
        json::parse(run_pipesim({"compare", path, "--configs",
                                 "single-cycle,5-stage-no-forwarding,5-stage", "--format", "json"})
                        .out));
  // With a cycle limit the notes follow the table, as in the CLI.
  const json limited = ok({{"op", "compare"},
                           {"source", kLoop},
                           {"file", path},
                           {"machine", k5Stage},
                           {"max_cycles", 20}});
  CHECK(limited.at("text") ==
        run_pipesim({"compare", path, "--config", "5-stage", "--max-cycles", "20"}).out);
  failed({{"op", "compare"}, {"source", kLoop}, {"machines", json::array()}});
}

TEST_CASE("web api: state after N instructions", "[web_api]") {
  // After li a0, 7 and sw a0, -4(sp): the word at sp-4 holds 7.
  const json s = ok({{"op", "state"},
                     {"source", kLoadUse},
                     {"instructions", 2},
                     {"addr", 0x7ffffffc},
                     {"length", 4}});
  CHECK(s.at("pc") == 0x10008);
  CHECK(s.at("regs").size() == 32);
  CHECK(s.at("regs")[10] == 7);
  CHECK(s.at("memory") == json({7, 0, 0, 0}));
  const json start = ok({{"op", "state"}, {"source", kLoadUse}, {"instructions", 0}});
  CHECK(start.at("pc") == 0x10000);
  CHECK(start.at("memory").empty());
  failed({{"op", "state"}, {"source", kLoadUse}, {"instructions", 1}, {"length", 4097}});
  failed({{"op", "state"}, {"source", kLoadUse}, {"instructions", 1}, {"length", 0}});
  failed({{"op", "state"}, {"source", kLoadUse}, {"instructions", -1}});
  failed({{"op", "state"},
          {"source", kLoadUse},
          {"instructions", 1},
          {"addr", 0xfffffffe},
          {"length", 4}});
}

TEST_CASE("web api: datapath of 5-stage and of a machine without forwarding", "[web_api]") {
  const json d = ok({{"op", "datapath"}, {"machine", k5Stage}});
  REQUIRE(d.at("stages").size() == 5);
  CHECK(d.at("stages")[2].at("name") == "EX");
  CHECK(d.at("stages")[2].at("role") == "execute");
  CHECK(d.at("stages")[2].at("units").size() >= 1);
  CHECK(d.at("latches")[2].at("name") == "EX/MEM");
  // Full forwarding into EX: from the EX/MEM and MEM/WB latches.
  json into_ex = json::array();
  for (const json& f : d.at("forwarding"))
    if (f.at("to") == 2) into_ex.push_back(f.at("latch"));
  CHECK(into_ex == json({"EX/MEM", "MEM/WB"}));
  CHECK(d.at("issue_width") == 1);

  const json none = ok({{"op", "datapath"}, {"machine", {{"preset", "5-stage-no-forwarding"}}}});
  CHECK(none.at("forwarding").empty());
  const json single = ok({{"op", "datapath"}, {"machine", {{"preset", "single-cycle"}}}});
  CHECK(single.at("kind") == "single-cycle");
  CHECK(single.at("latches").empty());
  CHECK(single.at("forwarding").empty());
  // Early branch compare in ID: paths into decode, for the branch comparator only.
  const json early = ok({{"op", "datapath"}, {"machine", {{"preset", "5-stage-branch-in-id"}}}});
  json into_id = json::array();
  for (const json& f : early.at("forwarding"))
    if (f.at("to") == 1) into_id.push_back({f.at("latch"), f.at("kind"), f.at("operands")});
  CHECK(into_id == json({{"EX/MEM", "decode", "branch"}, {"MEM/WB", "decode", "branch"}}));
  CHECK(early.at("branches").at("resolve_stage") == 1);
  const json wide = ok({{"op", "datapath"}, {"machine", {{"preset", "2-wide"}}}});
  CHECK(wide.at("issue_width") == 2);
  CHECK(wide.at("forwarding")[0].at("to_lanes") == json({0, 1}));
  failed({{"op", "datapath"}});
}

TEST_CASE("web api: check grades an answer as pipesim check does", "[web_api]") {
  const std::string path = temp_file("web_api_check.s", kLoadUse);
  // The key pipesim draws is a perfect answer; one cell changed makes a wrong one.
  const std::string key = run_pipesim({"check", path, "--config", "5-stage", "--key"}).out;
  REQUIRE(key.find("EX") != std::string::npos);
  std::string wrong = key;
  wrong.replace(wrong.rfind("WB"), 2, "EX");
  for (const std::string& answer : {key, wrong}) {
    const std::string answer_path = temp_file("web_api_answer.txt", answer);
    for (const char* format : {"text", "json"}) {
      INFO(format << "\n" << answer);
      const json r = ok({{"op", "check"},
                         {"source", kLoadUse},
                         {"file", path},
                         {"machine", k5Stage},
                         {"answer", answer},
                         {"answer_file", answer_path},
                         {"format", format}});
      const auto cli = run_pipesim(
          {"check", path, "--config", "5-stage", "--answer", answer_path, "--format", format});
      CHECK(r.at("text") == cli.out);
      CHECK(r.at("passed") == (answer == key));
      CHECK(r.at("first_line") == cli.out.substr(0, cli.out.find('\n')));
    }
  }
  const json bad = failed({{"op", "check"},
                           {"source", kLoadUse},
                           {"machine", k5Stage},
                           {"answer", "this is not a diagram\n"}});
  CHECK(!bad.at("error").get<std::string>().empty());
  failed({{"op", "check"}, {"source", kLoadUse}, {"machine", k5Stage}});
  failed({{"op", "check"}, {"source", kLoadUse}, {"machine", k5Stage}, {"mode", "cheat"}});

  const json k = ok({{"op", "check"}, {"source", kLoadUse}, {"machine", k5Stage}, {"mode", "key"}});
  CHECK(k.at("text") == key);
  const json t =
      ok({{"op", "check"}, {"source", kLoadUse}, {"machine", k5Stage}, {"mode", "template"}});
  CHECK(t.at("text") == run_pipesim({"check", path, "--config", "5-stage", "--template"}).out);
}
