// The binary trace (sim/report/binary_trace.hpp): converted back, it gives byte for byte what the
// text writers wrote during the same run (the reference: those writers, attached to the run), on
// every preset and every program under programs/; and a damaged or forged file ends in a
// pipesim::Error, never in a crash (the sanitized CI build runs this too).
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <random>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/binary_trace.hpp"
#include "sim/report/chrome_trace.hpp"
#include "sim/report/json_trace.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "sim/report/konata_trace.hpp"
#include "tests/support/files.hpp"

using namespace pipesim;
namespace fs = std::filesystem;

namespace {

// Every text format of one run: written by the writers during the run, or converted afterwards.
struct Texts {
  report::StringSink json, jsonl, konata, chrome;
  std::unique_ptr<report::TraceWriter> w[4];
  Texts(const std::string& program, const PipelineConfig& config) {
    w[0] = std::make_unique<report::JsonTraceWriter>(json, program, config);
    w[1] = std::make_unique<report::JsonlTraceWriter>(jsonl, program, config);
    w[2] = std::make_unique<report::KonataTraceWriter>(konata, config);
    w[3] = std::make_unique<report::ChromeTraceWriter>(chrome, program, config);
  }
  std::vector<report::TraceWriter*> writers() {
    return {w[0].get(), w[1].get(), w[2].get(), w[3].get()};
  }
};

// Runs `program` with the text writers and a binary trace attached; returns the binary trace.
std::string run_traced(const PipelineConfig& config, const Program& program, Texts& direct,
                       uint64_t max_cycles = 20000) {
  report::StringSink bin;
  report::BinaryTraceWriter w_bin(bin, "p.s", config);
  std::vector<TraceSink*> sinks{&w_bin};
  for (report::TraceWriter* w : direct.writers()) sinks.push_back(w);
  CapturedIo io;
  const MachineResult r =
      run_machine(config, program, io, sinks, RunLimits{max_cycles}, /*check=*/false);
  w_bin.finish(r);
  for (report::TraceWriter* w : direct.writers()) w->finish(r);
  return bin.text;
}

void check_round_trip(const PipelineConfig& config, const Program& program) {
  Texts direct("p.s", config);
  const std::string bin = run_traced(config, program, direct);
  report::StringSource in(bin);
  report::BinaryTraceReader reader(in, "t.bin");
  CHECK(reader.program() == "p.s");
  CHECK(reader.config() == config);
  Texts converted(reader.program(), reader.config());
  reader.replay(converted.writers());
  // Whole strings compared: a difference anywhere is a failure.
  CHECK(converted.jsonl.text == direct.jsonl.text);
  CHECK(converted.json.text == direct.json.text);
  CHECK(converted.konata.text == direct.konata.text);
  CHECK(converted.chrome.text == direct.chrome.text);
}

// What converting `bytes` does: "" when it converts, else the error's message. A crash or a
// sanitizer report fails the test run instead.
std::string convert(const std::string& bytes) {
  try {
    report::StringSource in(bytes);
    report::BinaryTraceReader reader(in, "t.bin");
    Texts out(reader.program(), reader.config());
    reader.replay(out.writers());
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

const char* kSmall = R"(
    li   t0, 3
    la   t1, buf
loop:
    lw   t2, 0(t1)
    addi t2, t2, 1
    sw   t2, 0(t1)
    mul  t3, t2, t2
    addi t0, t0, -1
    bnez t0, loop
    li   a0, 0
    li   a7, 93
    ecall
    .data
buf: .word 5
)";

}  // namespace

TEST_CASE("binary trace: every program on every preset converts back to the same text",
          "[binary_trace]") {
  const fs::path root = fs::path(PIPESIM_SOURCE_DIR) / "programs";
  std::vector<Program> programs;
  for (const char* dir : {"examples", "exercises", "tasks"})
    for (const auto& e : fs::directory_iterator(root / dir))
      if (e.path().extension() == ".s")
        programs.push_back(
            assemble(test::read_file(e.path()), e.path().filename().string()).program);
  REQUIRE(programs.size() >= 20);
  int runs = 0;
  for (const PresetInfo& p : list_presets()) {
    const PipelineConfig config = load_config(p.name);
    for (const Program& program : programs) {
      INFO(p.name << " " << program.path);
      check_round_trip(config, program);
      ++runs;
    }
  }
  CHECK(runs >= 20 * 20);
}

TEST_CASE("binary trace: a run cut by the cycle limit, and long runs", "[binary_trace]") {
  const Program program = assemble(kSmall, "small.s").program;
  for (const char* preset : {"5-stage", "5-stage-cache", "2-wide", "5-stage-parallel-fu"}) {
    INFO(preset);
    const PipelineConfig config = load_config(preset);
    Texts direct("p.s", config);
    const std::string bin = run_traced(config, program, direct, 17);  // stops mid-flight
    Texts converted("p.s", config);
    report::StringSource in(bin);
    report::BinaryTraceReader reader(in, "t.bin");
    reader.replay(converted.writers());
    CHECK(converted.jsonl.text == direct.jsonl.text);
    CHECK(converted.konata.text == direct.konata.text);
  }
  // Long enough to cross the writer's 256 KiB blocks and the reader's 64 KiB buffer.
  const std::string loop = "    li t0, 200000\n1:  addi t0, t0, -1\n    bnez t0, 1b\n    ebreak\n";
  const PipelineConfig config = load_config("5-stage");
  Texts direct("p.s", config);
  const std::string bin = run_traced(config, assemble(loop, "loop.s").program, direct, 2'000'000);
  CHECK(bin.size() > (std::size_t{2} << 20));
  CHECK(bin.size() * 10 < direct.jsonl.text.size());  // compact
  Texts converted("p.s", config);
  report::StringSource in(bin);
  report::BinaryTraceReader reader(in, "t.bin");
  reader.replay(converted.writers());
  CHECK(converted.jsonl.text == direct.jsonl.text);
}

TEST_CASE("binary trace: what is not one, or is damaged, is an error", "[binary_trace]") {
  const PipelineConfig config = load_config("5-stage-mul-div");
  Texts direct("p.s", config);
  const std::string bin = run_traced(config, assemble(kSmall, "small.s").program, direct);
  REQUIRE(convert(bin).empty());

  CHECK(convert("") == "t.bin: not a pipesim binary trace (written by run --trace-bin)");
  CHECK(convert("{\"type\":\"header\"}\n") ==
        "t.bin: not a pipesim binary trace (written by run --trace-bin)");
  std::string v2 = bin;
  v2[15] = '2';
  CHECK(convert(v2) ==
        "t.bin: a binary trace of another version (pipesim.btrace/2); this pipesim reads "
        "pipesim.btrace/1");
  CHECK_THAT(convert(bin.substr(0, bin.size() - 1)),
             Catch::StartsWith("t.bin: damaged binary trace at byte"));
  CHECK_THAT(convert(bin.substr(0, bin.size() / 2)),
             Catch::Matches("t.bin: (the binary trace ends early|damaged binary trace).*"));
  CHECK_THAT(convert(bin + "x"), Catch::EndsWith("bytes after the summary"));

  // Every prefix, and every byte changed: an error or (a change that still decodes) a
  // conversion, never anything else.
  for (std::size_t n = 0; n < bin.size(); ++n) CHECK_FALSE(convert(bin.substr(0, n)).empty());
  std::mt19937 rng(21);
  int errors = 0;
  const std::size_t header_end = bin.find("}}", 20);  // mutations past the header's JSON
  for (int i = 0; i < 1000; ++i) {
    std::string bad = bin;
    const std::size_t at = header_end + rng() % (bad.size() - header_end);
    bad[at] = static_cast<char>(rng());
    errors += !convert(bad).empty();
  }
  CHECK(errors > 100);
}

TEST_CASE("binary trace: a forged trace cannot make the writers hold without bound",
          "[binary_trace]") {
  // Instructions that enter a stage and never leave: a real machine has a handful in flight.
  const PipelineConfig config = load_config("5-stage");
  report::StringSink sink;
  report::BinaryTraceWriter w(sink, "p.s", config);
  std::vector<SlotView> slots(config.stages.size());
  for (uint64_t c = 1; c <= 1000; ++c) {
    for (std::size_t s = 0; s < slots.size(); ++s) slots[s].seq = c * 16 + s;
    CycleRecord rec;
    rec.cycle = c;
    rec.stages = slots;
    w.on_cycle(rec);
  }
  w.on_end();
  w.finish_with_summary(nlohmann::ordered_json::object());
  CHECK_THAT(convert(sink.text), Catch::EndsWith("more than 84 instructions in flight"));
}
