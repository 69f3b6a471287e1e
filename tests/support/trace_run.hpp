// Runs a program with every trace writer attached (in memory) and a Recorder, for tests that
// read the traces back and compare them with the model and with hand-worked diagrams.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/chrome_trace.hpp"
#include "sim/report/json_trace.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "sim/report/konata_trace.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::test {

struct Traces {
  PipelineConfig config;
  MachineResult result;
  report::Recorder recorder;
  std::string json, jsonl, konata, chrome;
};

inline void trace_run(Traces& t, const std::string& preset, const std::string& source,
                      const std::vector<std::string>& sets = {}, uint64_t max_cycles = 100000) {
  t.config = load_config(preset, sets);
  const Program program = assemble(source, "trace.s").program;
  report::StringSink json, jsonl, konata, chrome;
  report::JsonTraceWriter w_json(json, "trace.s", t.config);
  report::JsonlTraceWriter w_jsonl(jsonl, "trace.s", t.config);
  report::KonataTraceWriter w_konata(konata, t.config);
  report::ChromeTraceWriter w_chrome(chrome, "trace.s", t.config);
  TraceSink* sinks[] = {&t.recorder, &w_json, &w_jsonl, &w_konata, &w_chrome};
  CapturedIo io;
  t.result = run_machine(t.config, program, io, sinks, RunLimits{max_cycles}, /*check=*/true);
  for (report::TraceWriter* w :
       std::initializer_list<report::TraceWriter*>{&w_json, &w_jsonl, &w_konata, &w_chrome})
    w->finish(t.result);
  t.json = std::move(json.text);
  t.jsonl = std::move(jsonl.text);
  t.konata = std::move(konata.text);
  t.chrome = std::move(chrome.text);
}

}  // namespace pipesim::test
