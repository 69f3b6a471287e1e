// generate_exercise: draws a program shape for the topic from a PortableRandom seeded with the
// seed, plants the topic's hazard, and checks the result on the topic's machine. A draw that
// fails the check (possible only for hazards that depend on timing) is followed by another from
// the same generator, so the outcome still depends on the seed alone.
#include "sim/classroom/exercise_gen.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/classroom/portable_random.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"

namespace pipesim::classroom {

namespace {

struct TopicInfo {
  Topic topic;
  const char* name;
  const char* machine;
  const char* goal;
  const char* extra_question;
};

const TopicInfo kTopics[] = {
    {Topic::Raw, "raw", "5-stage-no-forwarding",
     "without forwarding, an instruction that reads a register written by one of the two "
     "instructions before it waits in ID until the value is written back (read after write).",
     "How many cycles would forwarding save? Check with `--config 5-stage`."},
    {Topic::LoadUse, "load-use", "5-stage",
     "even with forwarding, a value loaded from memory exists only after MEM: the instruction "
     "right after a load that uses it waits one cycle (load-use).",
     "Reorder the instructions so that no load is followed by its user, without changing the "
     "result. How many cycles does that save? (`pipesim schedule` shows one solution.)"},
    {Topic::Branch, "branch", "5-stage",
     "a branch is decided in EX; fetch goes on sequentially (predict not-taken), so every "
     "taken branch flushes the two instructions fetched behind it.",
     "How many cycles does each taken branch cost? What would `--config 5-stage-2bit` change?"},
    {Topic::Structural, "structural", "5-stage-unified-memory",
     "with one memory port shared by fetch and data access, a load or store in MEM takes the "
     "port and fetch waits: a structural hazard.",
     "How many cycles does the shared port cost compared with `--config 5-stage`?"},
    {Topic::Mixed, "mixed", "5-stage",
     "hazards combine: a loop has a taken branch per iteration, and a load used right away "
     "stalls in every iteration.",
     "Which stall or flush costs most cycles in all? What would you change first?"},
    {Topic::DualIssue, "dual-issue", "2-wide",
     "a two-issue machine issues two instructions in a cycle when they are independent and the "
     "slots accept them (one ALU/branch, one load/store, aligned to 8 bytes); otherwise a slot "
     "stays empty (`issue`: dependent, slot_class, alignment).",
     "Which pairs issue together? Reorder the instructions so that more of them pair, without "
     "changing the result (`pipesim schedule --config 2-wide` shows one solution)."},
};

const TopicInfo& topic_info(Topic t) {
  for (const TopicInfo& i : kTopics)
    if (i.topic == t) return i;
  return kTopics[0];
}

// Value registers (t1..t6); t0 counts loop iterations and s0 points at the data.
constexpr std::array<const char*, 6> kRegs = {"t1", "t2", "t3", "t4", "t5", "t6"};

class ProgramWriter {
 public:
  explicit ProgramWriter(PortableRandom& rng) : rng_(rng) {}

  void line(const std::string& s) { body_ += "    " + s + "\n"; }
  void label(const std::string& s) { body_ += s + ":\n"; }
  const std::string& body() const { return body_; }

  // A register never written yet (or a random one once all are live).
  const char* fresh() {
    for (std::size_t i = 0; i < kRegs.size(); ++i)
      if (!live_[i]) {
        live_[i] = true;
        return kRegs[i];
      }
    return kRegs[rng_.below(kRegs.size())];
  }
  const char* any_live() {
    std::vector<const char*> live;
    for (std::size_t i = 0; i < kRegs.size(); ++i)
      if (live_[i]) live.push_back(kRegs[i]);
    return live[rng_.below(static_cast<uint32_t>(live.size()))];
  }

  void load_immediate(const char* rd) { line(fmt::format("li   {}, {}", rd, rng_.between(1, 99))); }

  // rd = op(src, other): a random ALU instruction reading `src` (and a live register or an
  // immediate).
  void alu(const char* rd, const char* src) {
    static const char* kR[] = {"add", "sub", "xor", "or", "and"};
    static const char* kI[] = {"addi", "xori", "ori", "andi"};
    if (rng_.chance(50))
      line(fmt::format("{:<4} {}, {}, {}", kR[rng_.below(5)], rd, src, any_live()));
    else if (rng_.chance(80))
      line(fmt::format("{:<4} {}, {}, {}", kI[rng_.below(4)], rd, src, rng_.between(-20, 63)));
    else
      line(fmt::format("slli {}, {}, {}", rd, src, rng_.between(1, 4)));
  }

 private:
  PortableRandom& rng_;
  std::array<bool, kRegs.size()> live_{};
  std::string body_;
};

// The program text for one draw. `last` is the register the program exits with.
std::string draw_program(Topic topic, PortableRandom& rng, const std::string& header) {
  ProgramWriter w(rng);
  std::string data;
  const bool uses_data = topic == Topic::LoadUse || topic == Topic::Structural ||
                         topic == Topic::Mixed || topic == Topic::DualIssue;
  if (uses_data) {
    data = "    .data\ndata:\n    .word ";
    for (int i = 0; i < 4; ++i) data += fmt::format("{}{}", i ? ", " : "", rng.between(1, 200));
    data += "\n";
    w.line("lui  s0, %hi(data)");
    w.line("addi s0, s0, %lo(data)");
  }
  const char* last = w.fresh();
  w.load_immediate(last);
  const bool loop = topic == Topic::Branch || topic == Topic::Mixed;
  if (loop) {
    // Mixed loops hold loads too: at most 3 iterations keep the diagram on a page.
    w.line(fmt::format("li   t0, {}", rng.between(2, topic == Topic::Mixed ? 3 : 4)));
    w.label("loop");
  }
  // Two-issue programs are straight-line and a little longer: pairs need partners.
  const int steps = topic == Topic::DualIssue ? rng.between(4, 6) : rng.between(2, 4);
  for (int s = 0; s < steps; ++s) {
    const char* rd = rng.chance(60) ? w.fresh() : w.any_live();
    switch (topic) {
      case Topic::Raw:
        // Reading the register written just before: a RAW hazard at distance 1.
        w.alu(rd, last);
        break;
      case Topic::LoadUse:
      case Topic::Mixed:
        if (s == 0 || rng.chance(40)) {
          const char* loaded = w.fresh();
          w.line(fmt::format("lw   {}, {}(s0)", loaded, 4 * rng.below(4)));
          w.alu(rd, loaded);  // used at once: load-use
        } else {
          w.alu(rd, rng.chance(50) ? last : w.any_live());
        }
        break;
      case Topic::Branch:
        w.alu(rd, rng.chance(70) ? last : w.any_live());
        break;
      case Topic::Structural:
        if (s == 0 || rng.chance(50)) {
          if (rng.chance(50)) {
            w.line(fmt::format("sw   {}, {}(s0)", last, 4 * rng.below(4)));
            w.alu(rd, w.any_live());
          } else {
            const char* loaded = w.fresh();
            w.line(fmt::format("lw   {}, {}(s0)", loaded, 4 * rng.below(4)));
            w.alu(rd, w.any_live());
          }
        } else {
          w.alu(rd, w.any_live());
        }
        break;
      case Topic::DualIssue:
        // A mix of ALU work and memory accesses, some reading the value just computed (a
        // dependent pair) and some independent (a pair that can issue together).
        if (rng.chance(40)) {
          if (rng.chance(50)) {
            w.line(fmt::format("sw   {}, {}(s0)", rng.chance(50) ? last : w.any_live(),
                               4 * rng.below(4)));
            w.alu(rd, w.any_live());
          } else {
            w.line(fmt::format("lw   {}, {}(s0)", w.fresh(), 4 * rng.below(4)));
            w.alu(rd, w.any_live());
          }
        } else {
          w.alu(rd, rng.chance(50) ? last : w.any_live());
        }
        break;
    }
    last = rd;
  }
  if (loop) {
    w.line("addi t0, t0, -1");
    w.line("bnez t0, loop");
  }
  w.line(fmt::format("mv   a0, {}", last));
  w.line("li   a7, 93");
  w.line("ecall");
  return header + data + "    .text\n    .globl _start\n_start:\n" + w.body();
}

// Committed instructions that entered the first execute stage in the same cycle as an older
// one: the pairs a two-issue exercise asks about.
uint64_t issued_pairs(const RecordedRun& run) {
  const uint32_t ex = run.config.first_of(StageRole::Execute);
  uint64_t pairs = 0, last_enter = 0;
  for (const InsnRecord& r : run.recorder.instructions()) {
    if (!r.committed) continue;
    if (r.enter[ex] != 0 && r.enter[ex] == last_enter) ++pairs;
    last_enter = r.enter[ex];
  }
  return pairs;
}

uint64_t topic_cycles(Topic t, const PipelineStats& st) {
  auto of = [&](StallCause c) { return st.stall_cycles[static_cast<std::size_t>(c)]; };
  switch (t) {
    case Topic::Raw:
      return of(StallCause::Raw);
    case Topic::LoadUse:
      return of(StallCause::LoadUse);
    case Topic::Branch:
      return of(StallCause::Control);
    case Topic::Structural:
      return of(StallCause::Structural);
    case Topic::Mixed:
      return of(StallCause::LoadUse) && of(StallCause::Control)
                 ? of(StallCause::LoadUse) + of(StallCause::Control)
                 : 0;
    case Topic::DualIssue:
      return of(StallCause::Issue);
  }
  return 0;
}

std::string stall_line(const PipelineStats& st) {
  std::string s;
  for (std::size_t c = 1; c < kNumStallCauses; ++c)
    if (st.stall_cycles[c])
      s += fmt::format("{}{} {}", s.empty() ? "" : ", ", cause_name(StallCause(c)),
                       st.stall_cycles[c]);
  return s.empty() ? "none" : s;
}

}  // namespace

std::optional<Topic> topic_from_name(const std::string& name) {
  for (const TopicInfo& i : kTopics)
    if (name == i.name) return i.topic;
  return std::nullopt;
}

const char* topic_name(Topic t) {
  return topic_info(t).name;
}

GeneratedExercise generate_exercise(Topic topic, uint32_t seed) {
  const TopicInfo& info = topic_info(topic);
  PortableRandom rng(seed);
  GeneratedExercise g;
  g.name = fmt::format("{}-{}", info.name, seed);
  g.machine = info.machine;
  const PipelineConfig config = load_config(info.machine);
  const std::string header = fmt::format(
      "# Exercise {} (generated by `pipesim exercise new --topic {} --seed {}`)\n"
      "# Task: draw the pipeline diagram of this program on {}; how many cycles does it take,\n"
      "# and where and why does it stall?\n",
      g.name, info.name, seed, info.machine);
  constexpr int kMaxDraws = 100;
  for (int draw = 0; draw < kMaxDraws; ++draw) {
    std::string source = draw_program(topic, rng, header);
    const AsmResult a = assemble(source, g.name + ".s");
    const RecordedRun run = record_run(config, a.program);
    const uint64_t hazard = topic_cycles(topic, run.result.stats);
    if (run.result.halt != Halt::Exit || hazard == 0) continue;
    if (topic == Topic::DualIssue && issued_pairs(run) == 0) continue;
    const AnswerKey key = make_answer_key(run);
    const PipelineStats& st = run.result.stats;
    g.source = std::move(source);
    g.cycles = st.cycles;
    g.hazard_cycles = hazard;
    g.key = key.text;
    g.question = fmt::format(
        "# Exercise {} ({})\n\n"
        "**Program:** [`{}.s`]({}.s)  \n**Machines:** `{}`  \n"
        "**Learning goal:** {}\n\n"
        "## Question\n\n"
        "1. Mark every read-after-write dependence between the instructions (which register, "
        "from which instruction to which).\n"
        "2. Draw the pipeline diagram on `{}`.\n"
        "3. How many cycles does the program take? In which cycles does an instruction stall or "
        "get flushed, and why?\n"
        "4. {}\n\n"
        "## Checking your answer\n\n"
        "```\npipesim check {}.s --config {} --template -o mine.txt\n"
        "pipesim check {}.s --config {} --answer mine.txt\n```\n",
        g.name, info.name, g.name, g.name, info.machine, info.goal, info.machine,
        info.extra_question, g.name, info.machine, g.name, info.machine);
    // A width-N machine counts N issue slots a cycle (docs/model.md "Accounting").
    const std::string unit = st.issue_width > 1 ? "slots" : "cycles";
    const std::string width =
        st.issue_width > 1 ? fmt::format(" of its {} issue slots", st.issue_width * st.cycles) : "";
    g.answers = fmt::format(
        "# Answers to exercise {}\n\n"
        "On `{}` the program takes **{} cycles**: {} instructions, {} {} to fill the "
        "pipeline and {} stall {} ({}){}; {} wrong-path instructions flushed. It exits with "
        "{}.\n\n"
        "The diagram is in `{}.key.txt`.\n\n```\n{}```\n",
        g.name, info.machine, st.cycles, st.instructions, st.fill_cycles, unit,
        st.total_stall_cycles(), unit, stall_line(st), width, st.flushed, run.result.exit_code,
        g.name, render_explanation(g.name + ".s", run, explain_run(run)));
    return g;
  }
  throw Error(
      fmt::format("no valid {} exercise in {} draws for seed {}", info.name, kMaxDraws, seed));
}

}  // namespace pipesim::classroom
