// An output file written piece by piece while a run goes on (the trace writers), still never
// left half-written: the bytes go to a temporary file in the target's folder, renamed into place
// by commit(). The temporary file is unnamed (O_TMPFILE) where the file system allows, so even
// kill -9 leaves nothing behind; else a named one, which the next pipesim writing that file
// removes (remove_stale_temporaries). Not committed (an error, Ctrl-C), the temporary file is
// removed and a previous file of that name stays as it was. "-" is stdout, and so is a name of
// the regular file stdout or stderr goes to (standard_stream_named); a path that exists and is
// not a regular file (/dev/null, a FIFO) is written in place (open_in_place); a symbolic link's
// file is replaced, not the link (rename_target). A temporary
// file or /dev/null can start over (a traced run the timing model declined part-way).
#pragma once

#include <string>
#include <string_view>

#include "sim/report/byte_sink.hpp"

namespace pipesim::cli {

class StreamOutput : public report::ByteSink {
 public:
  // Creates the temporary file; throws pipesim::Error ("cannot write 'PATH': …").
  explicit StreamOutput(std::string path);
  ~StreamOutput() override;
  StreamOutput(const StreamOutput&) = delete;
  StreamOutput& operator=(const StreamOutput&) = delete;

  void write(std::string_view bytes) override;
  // Whether what was written so far can be taken back (start_over): a temporary file, or
  // /dev/null, where it vanished anyway. Not stdout, a FIFO or another device: it is gone.
  bool can_start_over() const;
  // Takes back everything written so far: the next write is the file's first byte. Throws
  // pipesim::Error if the file cannot be truncated, std::logic_error unless can_start_over().
  void start_over();
  // Everything is written: make it the file at `path`.
  void commit();
  const std::string& path() const { return path_; }

 private:
  void discard();
  std::string path_;
  std::string target_;     // the file the rename replaces (rename_target: a link's file)
  std::string temp_;       // empty when writing directly
  bool unnamed_ = false;   // O_TMPFILE, not linked yet: nothing to remove
  bool dev_null_ = false;  // written in place into /dev/null
  int fd_ = -1;
  bool borrowed_ = false;  // stdout or stderr: written, never closed
  int slot_ = -1;          // registration for the second-signal handler
  bool committed_ = false;
};

}  // namespace pipesim::cli
