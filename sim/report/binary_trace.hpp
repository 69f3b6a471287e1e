// The binary trace (--trace-bin, docs/trace-format.md "Binary trace"): the model's cycle and
// instruction records (sim/pipe/events.hpp) as they are, in a compact stream of varints and
// deltas, about a tenth of a second's work per 10^7 cycles beyond the model and a few dozen bytes
// a cycle. Nothing is lost: `pipesim convert` replays the records into the text writers, which
// then write exactly what they would have written during the run (JSONL, JSON, Kanata, Chrome).
// It exists for runs too long for the text formats (10^9 cycles: JSONL would be ~500 GB).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/report/byte_sink.hpp"
#include "sim/report/trace_writer.hpp"

namespace pipesim::report {

// The first bytes of every binary trace: the format and its version.
inline constexpr std::string_view kBinaryTraceMagic = "pipesim.btrace/1\n";

class BinaryTraceWriter : public TraceWriter {
 public:
  BinaryTraceWriter(ByteSink& out, const std::string& program, const PipelineConfig& config);
  void finish_with_summary(const nlohmann::ordered_json& summary) override;

 protected:
  void write_cycle(const CycleRecord& rec) override;
  void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) override;
  void write_end() override;

 private:
  BufferedOut out_;
  std::size_t stages_;              // the machine's stages (an instruction record has no more)
  std::vector<uint64_t> slot_seq_;  // per slot and lane: the sequence number it last held
  uint64_t cycle_ = 0;
  uint64_t insn_seq_ = 0;
  uint32_t insn_pc_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> words_;  // by pc: the (pc, word) last written
};

// Where a binary trace is read from: the next bytes, up to `max`; 0 at the end.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* to, std::size_t max) = 0;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* to, std::size_t max) override;

 private:
  std::string_view bytes_;
};

// Reads a binary trace: first its header (the program's name and the machine), then, given the
// writers to feed, every record. Throws pipesim::Error ("NAME: not a pipesim binary trace",
// "NAME: damaged at byte N: ...", "NAME: ends early at byte N") for anything that is not what
// BinaryTraceWriter writes; what is read is checked against the sink contract, so a damaged or
// forged file ends in such an error, never in a writer's undefined state.
class BinaryTraceReader {
 public:
  BinaryTraceReader(ByteSource& in, std::string name);
  ~BinaryTraceReader();
  const std::string& program() const { return program_; }
  const PipelineConfig& config() const { return config_; }
  // Replays every record into `writers`, then their finish_with_summary(the run's summary).
  void replay(std::span<TraceWriter* const> writers);

 private:
  class Decoder;
  class Replay;
  std::unique_ptr<Decoder> in_;
  std::string program_;
  PipelineConfig config_;
};

}  // namespace pipesim::report
