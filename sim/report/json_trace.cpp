// The JSON trace document.
#include "sim/report/json_trace.hpp"

#include <algorithm>

#include "sim/json/json_text.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

JsonTraceWriter::JsonTraceWriter(ByteSink& out, const std::string& program,
                                 const PipelineConfig& config)
    : TraceWriter(config),
      out_(out),
      program_(program),
      config_(config),
      layout_(config),
      encoder_(layout_) {}

void JsonTraceWriter::write_cycle(const CycleRecord& rec) {
  if (cycles_.size()) put(cycles_, ",\n");
  encoder_.cycle(cycles_, rec, false);
}

void JsonTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) {
  const std::size_t start = instructions_.size();
  encoder_.instruction(instructions_, rec, stalls, false);
  index_.push_back({rec.seq, {start, instructions_.size() - start}});
}

void JsonTraceWriter::finish_with_summary(const nlohmann::ordered_json& summary) {
  nlohmann::ordered_json head = trace_header_json(program_, config_);
  head["summary"] = summary;
  std::string text = json_text(head);
  text.pop_back();  // the closing brace: the arrays follow
  BufferedOut o(out_);
  put(o.buf, text);
  put(o.buf, ",\n\"instructions\":[\n");
  std::stable_sort(index_.begin(), index_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < index_.size(); ++i) {
    if (i) put(o.buf, ",\n");
    const auto [start, size] = index_[i].second;
    o.buf.append(instructions_.data() + start, instructions_.data() + start + size);
    o.flush_if_full();
  }
  put(o.buf, "],\n\"cycles\":[\n");
  o.flush();
  out_.write(std::string_view(cycles_.data(), cycles_.size()));
  put(o.buf, "]}\n");
  o.flush();
}

}  // namespace pipesim::report
