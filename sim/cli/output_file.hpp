// Output files that are never half-written and never written over pipesim's own inputs.
// write_output (declared in command.hpp) writes an unnamed temporary file (O_TMPFILE, else a
// named one) in the target's folder and renames it into place; a writer that streams
// (sim/cli/stream_output.*) does the same and registers its temporary file here so that a second
// Ctrl-C can remove it.
#pragma once

#include <string>
#include <vector>

namespace pipesim::cli {

// A file pipesim reads or writes, for messages: the option that named it and its path.
struct NamedFile {
  std::string role;  // "program", "--config file", "--json"...
  std::string path;
};

// Throws pipesim::Error if an output (other than "-") is the same file as an input: same device
// and inode, so another spelling of the name, a hard link or a symbolic link is caught too.
void refuse_overwriting_inputs(const std::vector<NamedFile>& outputs,
                               const std::vector<NamedFile>& inputs);

// Throws pipesim::Error unless `path` can be written by write_output: "-", or a name in an
// existing folder we may write to that is not itself a folder. Long commands check their outputs
// first, so that a typo in an output path is reported before the work, not after it.
void check_output_writable(const std::string& path);

// Temporary files being written, removed by the second-signal handler (run_control.cpp).
// Register returns a slot (or -1 when all are taken: then the file is merely left behind).
int register_partial_output(const std::string& temp_path);
void unregister_partial_output(int slot);
// Async-signal-safe: unlinks every registered temporary file.
void remove_partial_output_from_signal_handler();

}  // namespace pipesim::cli
