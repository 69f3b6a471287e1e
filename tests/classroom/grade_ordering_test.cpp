// The ordering property of grading: over families of answers built from shipped exercise keys
// by adding known mistakes one at a time, the score never rises as mistakes are added; every
// single mistake costs something; the key without its flushed rows (policy Optional) scores 100
// while an answer missing a load-use stall scores less. Answers are built as parsed rows, paired
// with the key rows they were drawn for (the pairing is what row matching must find; this test
// is about scoring).
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <optional>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/hazard_events.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;

namespace {

struct Checked {
  RecordedRun run;
  AnswerKey key;
  HazardEvents events;
  Checked(const std::string& exercise, const std::string& machine)
      : run(record_run(
            load_config(machine),
            assemble(test::read_file(source(exercise)), source(exercise).string()).program)),
        key(make_answer_key(run)),
        events(run.recorder) {}
  static fs::path source(const std::string& exercise) {
    return fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / (exercise + ".s");
  }
};

// An answer under construction: each row remembers the key row it was drawn for.
struct Drawn {
  std::vector<AnswerRow> rows;
  std::vector<std::size_t> origin;
};

Drawn from_key(const AnswerKey& key) {
  Drawn d;
  for (std::size_t i = 0; i < key.rows.size(); ++i) {
    d.rows.push_back(AnswerRow{static_cast<int>(i + 2), key.rows[i].label, key.rows[i].cells,
                               key.rows[i].flushed});
    d.origin.push_back(i);
  }
  return d;
}

Grade grade(const Checked& c, const Drawn& d, const GradePolicy& policy = {}) {
  ParsedAnswer a;
  a.file = "built";
  a.first_cycle = 1;
  a.last_cycle = 1;
  for (const AnswerRow& r : d.rows)
    if (!r.cells.empty()) a.last_cycle = std::max(a.last_cycle, r.cells.rbegin()->first + 1);
  a.rows = d.rows;
  RowMatching m;
  for (std::size_t k = 0; k < c.key.rows.size(); ++k) {
    RowPair p{k, std::nullopt};
    for (std::size_t i = 0; i < d.origin.size(); ++i)
      if (d.origin[i] == k) p.answer = i;
    m.pairs.push_back(p);
  }
  return grade_matched(c.run, c.key, c.events, a, m, policy);
}

using Cells = std::map<uint64_t, std::string>;

Cells shifted(const Cells& cells, uint64_t from, int64_t by) {
  Cells out;
  for (const auto& [c, t] : cells)
    out[c >= from ? static_cast<uint64_t>(static_cast<int64_t>(c) + by) : c] = t;
  return out;
}

// The first real stall of the key (a Stall event: the row waits, not one frozen behind it).
std::optional<std::pair<std::size_t, uint64_t>> first_stall(const Checked& c) {
  for (std::size_t i = 0; i < c.key.rows.size(); ++i)
    for (const auto& [cycle, text] : c.key.rows[i].cells)
      if (text == "S" && c.events.stall(c.key.rows[i].seq, cycle)) return std::pair{i, cycle};
  return std::nullopt;
}

// Forgets the stall of row `r` in `cycle` and draws every later row consistently: each row
// frozen in that cycle loses its S, and every cell after it moves one cycle earlier.
void drop_stall(Drawn& d, std::size_t r, uint64_t cycle) {
  for (std::size_t i = r; i < d.rows.size(); ++i) {
    Cells& cells = d.rows[i].cells;
    auto at = cells.find(cycle);
    if (at != cells.end() && at->second == "S") {
      cells.erase(at);
      cells = shifted(cells, cycle + 1, -1);
    } else if (!cells.empty() && cells.begin()->first > cycle) {
      cells = shifted(cells, 0, -1);
    }
  }
}

// Adds a stall to row `r` in `cycle` (it stays in its stage) and draws every later row
// consistently: a row in the pipeline then waits there too, a later one is fetched later.
void add_stall(Drawn& d, std::size_t r, uint64_t cycle) {
  for (std::size_t i = r; i < d.rows.size(); ++i) {
    Cells& cells = d.rows[i].cells;
    if (cells.empty() || cells.rbegin()->first < cycle) continue;
    if (cells.begin()->first >= cycle) {
      cells = shifted(cells, 0, 1);
    } else {
      cells = shifted(cells, cycle, 1);
      cells[cycle] = "S";
    }
  }
}

// The cycle a row enters its third stage (EX on the 5-stage machines), or 0.
uint64_t third_entry(const Cells& cells) {
  std::size_t seen = 0;
  std::string previous;
  for (const auto& [c, t] : cells) {
    if (t != "S" && t != previous && ++seen == 3) return c;
    if (t != "S") previous = t;
  }
  return 0;
}

std::size_t last_completing_row(const AnswerKey& key) {
  std::size_t r = key.rows.size() - 1;
  while (r > 0 && key.rows[r].flushed) --r;
  return r;
}

struct Mistake {
  const char* name;
  std::function<bool(const Checked&, Drawn&)> apply;  // false: not applicable to this key
};

// The family, in the order the mistakes are added. Each touches another row.
std::vector<Mistake> mistakes() {
  return {
      {"drop the first stall",
       [](const Checked& c, Drawn& d) {
         const auto s = first_stall(c);
         if (!s) return false;
         drop_stall(d, s->first, s->second);
         return true;
       }},
      {"swap two stage names in the last completing row",
       [](const Checked& c, Drawn& d) {
         Cells& cells = d.rows[last_completing_row(c.key)].cells;
         auto second = std::next(cells.begin());
         auto third = std::next(second);
         std::swap(second->second, third->second);
         return true;
       }},
      {"forget the first flushed mark",
       [](const Checked&, Drawn& d) {
         for (AnswerRow& r : d.rows)
           if (r.flushed) {
             r.flushed = false;
             return true;
           }
         return false;
       }},
      {"add a stall to row 2",
       [](const Checked&, Drawn& d) {
         const uint64_t ex = third_entry(d.rows[1].cells);
         if (ex == 0) return false;
         add_stall(d, 1, ex);
         return true;
       }},
      {"swap the cells of rows 3 and 4",
       [](const Checked&, Drawn& d) {
         std::swap(d.rows[2].cells, d.rows[3].cells);
         return true;
       }},
      {"drop row 1",
       [](const Checked&, Drawn& d) {
         d.rows.erase(d.rows.begin());
         d.origin.erase(d.origin.begin());
         return true;
       }},
  };
}

const std::vector<std::pair<const char*, const char*>> kFamily = {
    {"load_use", "5-stage"},
    {"branch_policies", "5-stage"},
    {"schedule_loads", "5-stage"},
    {"loop_unrolling", "5-stage"},
    {"multicycle_waw", "5-stage-mul-div"},
};

}  // namespace

TEST_CASE("ordering: scores never rise as mistakes are added", "[classroom]") {
  for (const auto& [exercise, machine] : kFamily) {
    INFO(exercise << " on " << machine);
    const Checked c(exercise, machine);
    REQUIRE(c.key.rows.size() >= 4);
    Drawn answer = from_key(c.key);
    unsigned previous = grade(c, answer).score;
    CHECK(previous == 100);
    for (const Mistake& m : mistakes()) {
      INFO("adding: " << m.name);
      // Alone, each mistake costs something.
      Drawn alone = from_key(c.key);
      if (!m.apply(c, alone)) continue;
      CHECK(grade(c, alone).score < 100);
      // Added to the ones before, the score does not rise.
      m.apply(c, answer);
      const unsigned score = grade(c, answer).score;
      CHECK(score <= previous);
      previous = score;
    }
    CHECK(previous < 100);
  }
}

TEST_CASE("ordering: leaving out flushed rows is no mistake, a missing stall is", "[classroom]") {
  for (const auto& [exercise, machine] : kFamily) {
    INFO(exercise << " on " << machine);
    const Checked c(exercise, machine);
    Drawn without = from_key(c.key);
    std::size_t flushed = 0;
    for (std::size_t i = without.rows.size(); i-- > 0;)
      if (without.rows[i].flushed) {
        without.rows.erase(without.rows.begin() + static_cast<std::ptrdiff_t>(i));
        without.origin.erase(without.origin.begin() + static_cast<std::ptrdiff_t>(i));
        ++flushed;
      }
    CHECK(grade(c, without).score == 100);
    GradePolicy required;
    required.flushed_rows = FlushedRows::Required;
    CHECK(grade(c, without, required).score ==
          (flushed * 5 >= 100 ? 0 : 100 - static_cast<unsigned>(flushed) * 5));
    if (const auto s = first_stall(c)) {
      Drawn missing = from_key(c.key);
      drop_stall(missing, s->first, s->second);
      const Grade g = grade(c, missing);
      CHECK(g.score < 100);
      // One cause, at the stalled row, whatever follows from it.
      REQUIRE(g.causes.size() == 1);
      CHECK(g.causes[0].row == s->first + 1);
      CHECK_THAT(g.causes[0].text, Catch::Contains("missing 1 stall cycle"));
    }
  }
}
