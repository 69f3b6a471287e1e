// `pipesim convert TRACE --trace-jsonl FILE ...`: a binary trace (run --trace-bin) written out in
// the text formats, exactly as `run` would have written them (docs/trace-format.md).
#include <memory>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "cli/trace_outputs.hpp"
#include "isa/error.hpp"
#include "sim/load/user_file.hpp"
#include "sim/report/binary_trace.hpp"

namespace pipesim::cli {

namespace {

// A binary trace has no size limit: it is streamed.
inline constexpr UserFileKind kBinaryTraceFile{"a binary trace", 0};

class FileSource : public report::ByteSource {
 public:
  explicit FileSource(const std::string& path) : file_(path, kBinaryTraceFile) {}
  std::size_t read(char* to, std::size_t max) override { return file_.read(to, max); }

 private:
  UserFileStream file_;
};

}  // namespace

Command add_convert_command(CLI::App& parent) {
  struct ConvertOptions {
    std::string input;
    TraceOptions trace;
  };
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* app = parent.add_subcommand(
      "convert", "Write a binary trace (run --trace-bin) as JSONL, Kanata or Chrome trace");
  app->add_option("trace", o->input, "The binary trace ('-' for stdin)")->required();
  add_trace_options(app, o->trace, /*streams_only=*/true);
  return {app, [o] {
            if (!o->trace.any())
              throw Error("nothing to write: add --trace-jsonl, --trace-konata or --trace-chrome");
            check_outputs(o->trace.files(), o->input != "-"
                                                ? std::vector<NamedFile>{{"trace", o->input}}
                                                : std::vector<NamedFile>{});
            FileSource in(o->input);
            report::BinaryTraceReader reader(in, o->input);
            TraceOutputs outputs(o->trace, reader.program(), reader.config());
            reader.replay(outputs.writers());
            outputs.commit();
            return 0;
          }};
}

}  // namespace pipesim::cli
