// The interactive HTML pipeline view (`run --html`, `compare --html`): one self-contained page
// (scripts, styles and the run's data inline; no network) showing the textbook diagram of each
// run, with tooltips explaining stalls and flushes, forwarding arrows, a cycle cursor with the
// register file at that cycle, and the summary. See docs/html-view.md.
//
// HtmlView is a TraceSink that records the run (through a Recorder); run_json() turns what it
// recorded into the page's data, and render_html_page() wraps the data of one or more runs in
// the page template (sim/report/html/, embedded at build time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::report {

class HtmlView : public TraceSink {
 public:
  void on_cycle(const CycleRecord& rec) override { recorder_.on_cycle(rec); }
  void on_instruction(const InsnRecord& rec) override { recorder_.on_instruction(rec); }
  void on_end() override { recorder_.on_end(); }

  const Recorder& recorder() const { return recorder_; }

  // The data of this run for the page (format: the comment at the top of html/view.js).
  // `program` is the program that was run (its register values are replayed on the functional
  // model), `summary` the text summary shown in the page, `limit` a message when a limit ended
  // the run early (empty otherwise).
  nlohmann::json run_json(const PipelineConfig& config, const Program& program,
                          const MachineResult& result, const std::string& summary,
                          const std::string& limit) const;

 private:
  Recorder recorder_;
};

// `s` with &, <, > and " as entities: text for HTML and SVG, inside elements or attributes.
std::string html_escape(std::string_view s);

// The whole page. `runs` is an array of run_json() values (several: a side-by-side comparison);
// `comparison` is the comparison table shown above them (empty for a single run).
std::string render_html_page(const std::string& title, const nlohmann::json& runs,
                             const std::string& comparison = {});

}  // namespace pipesim::report
