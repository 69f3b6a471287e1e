// `pipesim run PROGRAM [--config C]`: runs a program on the functional model, or cycle by cycle
// on a configured machine, and reports how it ended.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "cli/run_control.hpp"
#include "cli/terminal.hpp"
#include "cli/trace_outputs.hpp"
#include "isa/disasm.hpp"
#include "isa/error.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/diagram_blocks.hpp"
#include "sim/report/guest_output.hpp"
#include "sim/report/html_view.hpp"
#include "sim/report/limit_text.hpp"
#include "sim/report/occupancy.hpp"
#include "sim/report/recorder.hpp"
#include "sim/report/result_json.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/table_format.hpp"

namespace pipesim::cli {
namespace {

struct RunOptions {
  uint64_t max_instructions = kDefaultMaxInstructions;
  bool regs = false;
  std::string json;
  MachineOptions machine;
  bool diagram = false;
  bool occupancy = false;
  uint64_t from_cycle = 1;
  uint64_t to_cycle = 0;   // 0: not given (the default window)
  std::string html;        // --html FILE
  DisplayOptions display;  // --width, --color
  // --max-cycles lowered to the default of outputs held whole in memory (--html, --trace-json)
  const char* document_default_limit = nullptr;  // the option that lowered it
  TraceOptions trace;
  std::string format = "text";  // of the summary (--format)
  // Something else owns stdout (--json -, a trace to '-'): no summary, no guest output echo.
  bool stdout_taken() const { return json == "-" || trace.to_stdout(); }
};

// The cycles --diagram and --occupancy show: a window, so that what is kept and printed is bounded
// by the window, never by the run (docs/cli.md). By default the first kDefaultWindowCycles; at
// most kMaxWindowCycles. Piped without --width, the diagram is printed in blocks of
// kDiagramBlockCycles (20 columns of 4 characters and the labels fit most terminals; every
// example in the docs fits in one block); on a terminal, or with --width, in blocks that fit
// the width (report::cycles_per_block).
constexpr uint64_t kDefaultWindowCycles = 1000;
constexpr uint64_t kMaxWindowCycles = 100'000;
constexpr uint64_t kDiagramBlockCycles = 20;

// The last cycle shown; throws pipesim::Error for a window that is empty or too long.
uint64_t window_end(const RunOptions& o) {
  if (o.to_cycle == 0) {
    const uint64_t from = std::max<uint64_t>(o.from_cycle, 1);
    return from > UINT64_MAX - kDefaultWindowCycles ? UINT64_MAX : from + kDefaultWindowCycles - 1;
  }
  if (o.from_cycle > o.to_cycle)
    throw pipesim::Error(fmt::format("--from-cycle {} is after --to-cycle {}: the window is empty",
                                     o.from_cycle, o.to_cycle));
  const uint64_t from = std::max<uint64_t>(o.from_cycle, 1);
  if (o.to_cycle - from >= kMaxWindowCycles)
    throw pipesim::Error(
        fmt::format("--from-cycle {} --to-cycle {} is {} cycles; --diagram and --occupancy show "
                    "at most {} at a time",
                    from, o.to_cycle, o.to_cycle - from + 1, kMaxWindowCycles));
  return o.to_cycle;
}

// Guest output goes straight to our stdout/stderr as it is written (GuestOutput keeps what --json
// needs).
class ConsoleEcho : public HostIo {
 public:
  void write(int fd, std::string_view bytes) override {
    (fd == 2 ? std::cerr : std::cout) << bytes;
  }
};

std::string format_registers(const RegFile& regs) {
  std::string out;
  for (unsigned r = 0; r < 32; ++r)
    out += fmt::format("x{:<2} {:<4} 0x{:08x}{}", r, isa::abi_name(r), regs[r],
                       r % 4 == 3 ? "\n" : "   ");
  return out;
}

// A run stopped by a signal writes no output file: the previous one, if any, stays as it was.
bool interrupted(const LimitHit& hit, Halt halt) {
  return halt == Halt::Limit && hit.stopped && stop_reason() == StopReason::Interrupt;
}

// What the JSON result says about the limit that ended a run.
const char* limit_json_name(const LimitHit& hit) {
  if (!hit.stopped)
    return std::string_view(hit.option) == "--max-cycles" ? "max-cycles" : "max-instructions";
  return stop_reason() == StopReason::Interrupt ? "interrupt" : "timeout";
}

// How a run ended, as an exit status and a message on stderr.
int finish(const RunSummary& s, const LimitHit& hit, const RunOptions& o) {
  switch (s.halt) {
    case Halt::Fault:
      std::cerr << "error: " << s.fault << "\n";
      return kExitGuestFault;
    case Halt::Limit: {
      std::string msg = limit_message(hit);
      if (interrupted(hit, s.halt)) {
        std::vector<NamedFile> files = o.trace.files();
        files.push_back({"--json", o.json});
        for (const NamedFile& f : files)
          if (!f.path.empty() && f.path != "-")
            msg += fmt::format("; '{}' was not written", f.path);
      }
      std::cerr << "error: " << msg << "\n";
      return limit_status(hit);
    }
    case Halt::Exit:
      return s.exit_code;
    case Halt::Ebreak:
    case Halt::None:
      return 0;
  }
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Of a machine's configuration only memory.misaligned changes what a program computes, so it is
// the one --set the functional model takes; any other needs a machine.
Misaligned functional_misaligned(const std::vector<std::string>& sets) {
  constexpr std::string_view kKey = "memory.misaligned=";
  Misaligned m = Misaligned::Fault;
  for (const std::string& set : sets) {
    if (set.rfind(kKey, 0) != 0)
      throw pipesim::Error(fmt::format(
          "--set '{}': without a machine only --set memory.misaligned=fault|allow applies; add "
          "--config NAME (see pipesim configs)",
          set));
    const std::string value = set.substr(kKey.size());
    if (value != "fault" && value != "allow")
      throw pipesim::Error(
          fmt::format("--set '{}': memory.misaligned is \"fault\" or \"allow\"", set));
    m = value == "allow" ? Misaligned::Allow : Misaligned::Fault;
  }
  return m;
}

int run_functional(const RunOptions& o, const Program& program) {
  ConsoleEcho console;
  GuestOutput io(o.json != "-" ? &console
                               : nullptr);  // with --json - the JSON document owns stdout
  Iss iss(program, io, functional_misaligned(o.machine.sets));
  verbose_note(fmt::format(
      "functional model; limits: --max-instructions {}, --timeout {}", o.max_instructions,
      o.machine.timeout > 0 ? fmt::format("{} s", o.machine.timeout) : std::string("none")));
  const auto start = std::chrono::steady_clock::now();
  {
    RunWatch watch(o.machine.timeout, verbosity() != Verbosity::Quiet,
                   fmt::format("running {}", o.machine.program), "instructions");
    iss.run(o.max_instructions, stop_flag(), watch.counter());
  }
  const double host = seconds_since(start);
  verbose_note(fmt::format("{} instructions in {:.3f} s host time ({:.1f} million per second)",
                           iss.instructions(), host, iss.instructions() / host / 1e6));
  std::cout << std::flush;
  RunSummary s = functional_run_summary(o.machine.program, iss);
  io.hand_over(s);
  LimitHit hit;
  hit.stopped = s.halt == Halt::Limit && iss.instructions() < o.max_instructions;
  hit.option = "--max-instructions";
  hit.limit = o.max_instructions;
  hit.timeout_seconds = o.machine.timeout;
  hit.pc = s.pc;
  hit.progress = fmt::format("{} instructions", iss.instructions());
  if (o.regs) std::cout << format_registers(s.regs);
  if (!o.json.empty() && !interrupted(hit, s.halt)) {
    if (s.halt == Halt::Limit) s.limit = limit_json_name(hit);
    s.host_seconds = host;
    write_output(o.json, result_json_text(result_json(s)));
  }
  return finish(s, hit, o);
}

// What a run on a machine prints on stdout after the program's output: the diagram and the
// occupancy table of the window (with a note when the run was longer), the summary in --format,
// the registers.
std::string text_report(const RunOptions& o, const PipelineConfig& config,
                        const report::Recorder& recorder, const MachineResult& r, uint64_t to_cycle,
                        const SourceMap& source) {
  const Display display = resolve_display(o.display, true);
  std::string out;
  if (o.diagram) {
    report::DiagramOptions d;
    d.from_cycle = o.from_cycle;
    d.to_cycle = to_cycle;
    d.block_cycles = kDiagramBlockCycles;
    d.width = display.width;
    d.colour = display.colour;
    d.source = &source;
    out += "\n" + report::render_diagram(recorder, config, &r.stats, d);
  }
  if (o.occupancy) {
    report::OccupancyOptions opt;
    opt.from_cycle = o.from_cycle;
    opt.to_cycle = to_cycle;
    opt.short_names = true;  // the key under the table says what each #N is
    opt.key = true;
    opt.width = display.width;
    out += "\n" + report::render_occupancy(recorder, config, opt);
  }
  if ((o.diagram || o.occupancy) && o.to_cycle == 0 && r.stats.cycles > to_cycle)
    out += report::wrap_lines(
        fmt::format("(cycles {}-{} of {} shown; --from-cycle N --to-cycle M show others, up to "
                    "{} at a time)\n",
                    std::max<uint64_t>(o.from_cycle, 1), to_cycle, r.stats.cycles,
                    kMaxWindowCycles),
        display.width);
  if (verbosity() != Verbosity::Quiet) {
    const auto format = report::parse_table_format(o.format).value_or(report::TableFormat::Text);
    if (format == report::TableFormat::Json)
      out += json_text(report::summary_json(o.machine.program, config, r), 2) + "\n";
    else
      out += (format == report::TableFormat::Text ? "\n" : "") +
             report::render_rows(report::summary_rows(o.machine.program, config, r), {}, false,
                                 format);
  }
  if (o.regs) out += format_registers(r.regs);
  return out;
}

int run_pipelined(const RunOptions& o, const Program& program) {
  const PipelineConfig config = load_config(o.machine.config, o.machine.sets);
  refuse_engine(config, o.machine.engine,
                o.diagram || o.occupancy || !o.html.empty() || o.trace.any() || o.machine.check,
                o.machine.check);
  ConsoleEcho console;
  GuestOutput io(o.stdout_taken() ? nullptr : &console);
  const uint64_t to_cycle = window_end(o);
  report::RecorderOptions ropt;
  ropt.from_cycle = o.from_cycle;
  ropt.to_cycle = to_cycle;
  ropt.keep_cycles = o.occupancy;
  ropt.keep_instructions = o.diagram || o.occupancy;  // the occupancy key names them
  report::Recorder recorder(ropt);
  std::vector<TraceSink*> sinks;
  if (o.diagram || o.occupancy) sinks.push_back(&recorder);
  report::HtmlView html;
  if (!o.html.empty()) sinks.push_back(&html);
  // Opened before the run: a path that cannot be written fails now, not after the simulation.
  std::optional<TraceOutputs> traces;
  if (o.trace.any()) {
    traces.emplace(o.trace, o.machine.program, config);
    for (TraceSink* t : traces->sinks()) sinks.push_back(t);
  }
  // Every sink a trace file that can start over: a traced run on the timing model runs once, and
  // starts the files over if the model declines it part-way (run_machine).
  TraceRestart restart;
  if (traces && sinks.size() == traces->sinks().size() && traces->can_restart())
    restart = [&traces] { return traces->restart(); };
  RunLimits limits{o.machine.max_cycles};
  limits.stop = stop_flag();
  verbose_note(fmt::format(
      "machine {} ({}, {} stages); limits: --max-cycles {}, --timeout {}", config.name,
      kind_name(config.kind), config.stages.size(), o.machine.max_cycles,
      o.machine.timeout > 0 ? fmt::format("{} s", o.machine.timeout) : std::string("none")));
  const auto start = std::chrono::steady_clock::now();
  MachineResult r;
  {
    RunWatch watch(o.machine.timeout, verbosity() != Verbosity::Quiet,
                   fmt::format("running {} on {}", o.machine.program, config.name));
    limits.progress = watch.counter();
    r = run_machine(config, program, io, sinks, limits, o.machine.check,
                    engine_choice(o.machine.engine), restart);
  }
  const double host = seconds_since(start);
  verbose_note(fmt::format("{} cycles in {:.3f} s host time ({:.2f} million cycles per second)",
                           r.stats.cycles, host, r.stats.cycles / host / 1e6));
  verbose_note(fmt::format("engine: {} (--engine {})", engine_name(r.engine), o.machine.engine));
  std::cout << std::flush;
  LimitHit hit;
  hit.stopped = r.stopped;
  hit.limit = o.machine.max_cycles;
  hit.timeout_seconds = o.machine.timeout;
  hit.pc = r.pc;
  hit.progress = report::machine_progress(r.stats.cycles, r.stats.instructions);

  RunSummary s = machine_run_summary(o.machine.program, r);
  io.hand_over(s);

  if (traces && !interrupted(hit, r.halt)) traces->finish(r);
  if (!o.stdout_taken())
    std::cout << text_report(o, config, recorder, r, to_cycle, program.c_source);
  if (!o.html.empty() && !interrupted(hit, r.halt)) {
    const std::string limit = r.halt == Halt::Limit ? limit_message(hit) : std::string();
    const std::string summary = report::render_summary(o.machine.program, config, r);
    write_output(o.html,
                 report::render_html_page(
                     fmt::format("{} on {}", o.machine.program, config.name),
                     nlohmann::json::array({html.run_json(config, program, r, summary, limit)})));
  }
  if (!o.json.empty() && !interrupted(hit, r.halt)) {
    if (r.halt == Halt::Limit) s.limit = limit_json_name(hit);
    s.host_seconds = host;
    write_output(o.json, result_json_text(result_json(s, config, r)));
  }
  const int status = finish(s, hit, o);
  if (o.document_default_limit && r.halt == Halt::Limit && !r.stopped)
    std::cerr << fmt::format(
        "note: {} runs stop after {} cycles unless --max-cycles is given (the output holds "
        "every cycle); it shows the cycles run so far\n",
        o.document_default_limit, kWholeRunOutputMaxCycles);
  return status;
}

void describe_loaded(const LoadedProgram& loaded) {
  if (verbosity() != Verbosity::Verbose) return;
  std::string segs;
  for (const Segment& seg : loaded.program.segments)
    segs += fmt::format("{}{} at 0x{:08x} ({} bytes)", segs.empty() ? "" : ", ", seg.name, seg.addr,
                        seg.mem_size);
  verbose_note(fmt::format("loaded {}: entry 0x{:08x}; {}", loaded.program.path,
                           loaded.program.entry, segs));
}

int run(const RunOptions& o) {
  std::vector<NamedFile> outputs = o.trace.files();
  outputs.push_back({"--json", o.json});
  outputs.push_back({"--html", o.html});
  check_outputs(outputs, machine_inputs(o.machine));
  if (o.json == "-" && o.trace.to_stdout())
    throw pipesim::Error("--json and a trace option cannot both write to stdout ('-')");
  window_end(o);  // an empty or too long window is refused before anything is loaded
  LoadedProgram loaded = load_program_file(o.machine.program);
  print_warnings(loaded.warnings);
  describe_loaded(loaded);
  if (o.machine.config.empty()) {
    if (o.diagram || o.occupancy)
      throw pipesim::Error(
          "--diagram and --occupancy need a machine: add --config NAME (see pipesim configs)");
    if (!o.html.empty())
      throw pipesim::Error("--html needs a machine: add --config NAME (see pipesim configs)");
    if (o.trace.any())
      throw pipesim::Error(
          "trace options (--trace-*) need a machine: add --config NAME (see pipesim configs)");
    if (o.format != "text")
      throw pipesim::Error(
          "--format sets the format of a machine's summary: add --config NAME (see pipesim "
          "configs)");
    if (o.machine.engine != "auto")
      throw pipesim::Error(
          "--engine chooses the engine of a machine: add --config NAME (see pipesim configs)");
    return run_functional(o, loaded.program);
  }
  return run_pipelined(o, loaded.program);
}

}  // namespace

int report_guest_fault(const MachineResult& r) {
  if (r.halt != Halt::Fault) return 0;
  std::cerr << "error: " << fault_message(r.fault, fmt::format("cycle {}", r.stats.cycles)) << "\n";
  return kExitGuestFault;
}

void refuse_whole_run_limit(const char* option, uint64_t max_cycles) {
  if (max_cycles <= kWholeRunOutputCapCycles) return;
  throw pipesim::Error(fmt::format(
      "{} holds every cycle of the run in memory, so it allows --max-cycles up to {} ({} given){}",
      option, kWholeRunOutputCapCycles, max_cycles,
      std::string_view(option) == "--trace-json"
          ? "; --trace-jsonl streams the same trace as the run goes, without this limit"
          : ""));
}

Command add_run_command(CLI::App& parent) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* app = parent.add_subcommand("run", "Run a program (assembly source, ELF or .bin)");
  MachineOptionTexts texts;
  texts.program = "Program: RISC-V assembly (.s), ELF executable, or raw .bin";
  texts.config =
      "Machine: a preset name (pipesim configs) or a JSON file; without it, run the functional "
      "model only";
  texts.config_required = false;
  add_machine_options(app, o->machine, texts);
  add_run_options(
      app, o->machine,
      {fmt::format("Stop after this many cycles (default {})", kDefaultMaxCycles), true, true});
  app->add_option("--max-instructions", o->max_instructions,
                  fmt::format("Functional model: stop after this many instructions (default {})",
                              kDefaultMaxInstructions))
      ->check(positive_count());
  app->add_flag("--regs", o->regs, "Print the register file when the run ends");
  app->add_flag("--diagram", o->diagram, "Print the pipeline diagram (instructions x cycles)");
  app->add_flag("--occupancy", o->occupancy, "Print stage occupancy (cycles x stages)");
  app->add_option("--from-cycle", o->from_cycle, "First cycle shown by --diagram/--occupancy");
  app->add_option("--to-cycle", o->to_cycle,
                  fmt::format("Last cycle shown by --diagram/--occupancy (default: {} cycles "
                              "from --from-cycle; a window of at most {})",
                              kDefaultWindowCycles, kMaxWindowCycles));
  add_display_options(app, o->display);
  app->add_option("--json", o->json, "Write the result as JSON to FILE ('-' for stdout)")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option(
         "--html", o->html,
         fmt::format("Write an interactive pipeline view (one self-contained HTML page) to "
                     "FILE; --max-cycles defaults to {} then",
                     kWholeRunOutputMaxCycles))
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--format", o->format,
                  "Format of the run summary: text (aligned table, default), json, csv, markdown")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown"}))
      ->type_name("FORMAT");
  add_trace_options(app, o->trace);
  return {app, [o, app] {
            if (app->count("--max-cycles") == 0 && (!o->html.empty() || !o->trace.json.empty())) {
              o->machine.max_cycles = kWholeRunOutputMaxCycles;
              o->document_default_limit = o->html.empty() ? "--trace-json" : "--html";
            }
            if (!o->html.empty()) refuse_whole_run_limit("--html", o->machine.max_cycles);
            if (!o->trace.json.empty())
              refuse_whole_run_limit("--trace-json", o->machine.max_cycles);
            return run(*o);
          }};
}

}  // namespace pipesim::cli
