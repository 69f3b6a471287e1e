// Output files that are never half-written and never written over pipesim's own inputs.
// Every output file is written by StreamOutput (cli/stream_output.*; write_output, declared
// in command.hpp, too): an unnamed temporary file (O_TMPFILE, else a named one) in the target's
// folder, renamed into place, and registered here so that a second Ctrl-C can remove it.
#pragma once

#include <string>
#include <vector>

namespace pipesim::cli {

// "cannot write 'PATH': REASON" for the errno `err`: every failure to write an output says so.
std::string cannot_write(const std::string& path, int err);

// A file pipesim reads or writes, for messages: the option that named it and its path.
struct NamedFile {
  std::string role;  // "program", "--config file", "--json"...
  std::string path;
};

// Every command checks its outputs with this before it does any work, so that nothing is lost at
// the end. Throws pipesim::Error if an output (other than "-" or an empty name) cannot be written
// (check_output_writable: a typo in its folder), or is the same file as an input: same device and
// inode, so another spelling of the name, a hard link or a symbolic link is caught too. Also if
// two outputs name the same file (same device and inode, or the same normalized path for a file
// not there yet): one would silently replace the other. Devices and FIFOs are exempt (two
// outputs may well both go to /dev/null).
void check_outputs(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs);

// The files a configuration reads, as the loader finds them (pipesim::config_files): `name_or_path`
// if it is a file, then every file its `extends` chain names (a preset name names none), each
// named `role` (the first) or "ROLE (through extends)".
std::vector<NamedFile> config_inputs(const std::string& role, const std::string& name_or_path);

// An output that is not a regular file cannot be replaced by a rename, and must not be (`--json
// /dev/null` as root would replace the system's /dev/null): for a path naming an existing
// character device, FIFO or socket (/dev/null, /dev/stdout, a named pipe), returns a descriptor
// opened to write into it in place. Returns -1 for a regular file or a name not there yet (those
// get a temporary file and a rename). Throws pipesim::Error for a directory or an open error.
int open_in_place(const std::string& path);

// The standard stream (STDOUT_FILENO or STDERR_FILENO) that `path` names when that stream is a
// regular file and `path` is the same file (/dev/stdout or /dev/fd/2 while the stream is
// redirected to a file, or that file's own name), else -1. Such an output is written through the
// descriptor, in order with what pipesim prints there: replacing the file by a rename would lose
// that, and renaming over /dev/stdout would replace the system's link by a file.
int standard_stream_named(const std::string& path);

// The file a rename must replace to write `path`: for a symbolic link (or a chain of them) the
// file it points to, existing or not, so that the link stays a link; else `path` itself. Throws
// pipesim::Error for a chain of more than 40 links (a loop), as the system refuses to follow it.
std::string rename_target(const std::string& path);

// A temporary file for writing `target` atomically (".NAME.tmp-XXXXXX" in its folder): unnamed
// (O_TMPFILE) where the file system allows, so that even kill -9 leaves nothing; else named,
// with `temp` set to its name. Either way it holds an flock while open, which tells
// remove_stale_temporaries that its writer is alive. Throws pipesim::Error, naming `shown` (the
// name the user gave: `target` is where a symbolic link of that name points).
struct TempFile {
  int fd = -1;
  bool unnamed = false;
  std::string temp;  // the name (the template until an unnamed file is linked)
};
TempFile create_temp_for(const std::string& target, const std::string& shown);
// Gives an unnamed temporary file its name (for the rename); false with errno.
bool name_temp(TempFile& t);

// Removes ".NAME.tmp-XXXXXX" files next to `path` that no live pipesim holds (left by kill -9 or
// a power cut where O_TMPFILE is not available).
void remove_stale_temporaries(const std::string& path);

// Throws pipesim::Error unless `path` can be written by write_output: "-", or a name in an
// existing folder we may write to that is not itself a folder (what check_outputs checks first).
void check_output_writable(const std::string& path);

// Temporary files being written, removed by the second-signal handler (run_control.cpp).
// Register returns a slot (or -1 when all are taken: then the file is merely left behind).
int register_partial_output(const std::string& temp_path);
void unregister_partial_output(int slot);
// Async-signal-safe: unlinks every registered temporary file.
void remove_partial_output_from_signal_handler();

}  // namespace pipesim::cli
