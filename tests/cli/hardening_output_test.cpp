// Output files, standard output and signals, through the pipesim command (issue 15): a device or
// FIFO named as an output is written in place, never replaced; a failed write to standard output
// is an error; no command writes over one of its inputs, and two outputs may not name one file;
// stale temporary files are removed; `exercise new` keeps edited files; a signal ends pipesim in
// every phase with 128 + its number; a long run shows its progress on a terminal.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using pipesim::test::pipesim_in;
using pipesim::test::ProcessOptions;
using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;
using pipesim::test::write_file;

namespace {

// Exits with status 7 after writing "hi\n" (write(1, msg, 3); exit(7)).
constexpr const char* kHello =
    "_start:\n la a1, msg\n li a0, 1\n li a2, 3\n li a7, 64\n ecall\n li a0, 7\n li a7, 93\n"
    " ecall\n.data\nmsg: .ascii \"hi\\n\"\n";
constexpr const char* kLoop = "_start: j _start\n";

bool still_fifo(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// Reads everything written to a FIFO on a thread, as a reader process would.
class FifoReader {
 public:
  explicit FifoReader(fs::path path) : path_(std::move(path)) {
    thread_ = std::thread([this] {
      const int fd = ::open(path_.c_str(), O_RDONLY);  // waits for a writer
      if (fd < 0) {
        done_ = true;
        return;
      }
      char buf[4096];
      for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
        text_.append(buf, static_cast<std::size_t>(n));
      ::close(fd);
      done_ = true;
    });
  }
  // What was read (call it once the writer has ended). A reader still waiting for a writer that
  // never came is let go by opening and closing the FIFO for writing: it then reads nothing.
  std::string finish() {
    while (!done_) {
      const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    thread_.join();
    return text_;
  }
  ~FifoReader() {
    if (thread_.joinable()) finish();
  }

 private:
  fs::path path_;
  std::string text_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace

TEST_CASE("hardening output: a FIFO named as an output is written into, not replaced",
          "[hardening][output]") {
  TempDir dir("pipesim-fifo");
  write_file(dir.path / "e.s", kHello);
  const fs::path fifo = dir.path / "out.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  struct Case {
    std::vector<std::string> args;
    std::string starts;  // what the reader must receive first
    int status;
  };
  // --json and -o (write_output), --trace-jsonl (the streaming writer).
  const Case cases[] = {
      {{"run", "e.s", "--json", "out.fifo"}, "{\n", 7},
      {{"run", "e.s", "-c", "5-stage", "--trace-jsonl", "out.fifo"}, "{\"", 7},
      {{"deps", "e.s", "-o", "out.fifo"}, "Dependences of e.s on 5-stage\n", 0},
  };
  for (const Case& c : cases) {
    INFO(c.args[0] << " " << c.args[c.args.size() - 2]);
    FifoReader reader(fifo);
    const RunResult r = pipesim_in(dir.path, c.args);
    const std::string got = reader.finish();
    CHECK(r.exit_code == c.status);
    CHECK(r.err.empty());
    CHECK(got.substr(0, c.starts.size()) == c.starts);
    CHECK(still_fifo(fifo));  // still the FIFO, not a regular file renamed over it
    CHECK(dir.temp_files().empty());
  }
}

TEST_CASE("hardening output: /dev/null and /dev/stdout as outputs stay devices",
          "[hardening][output]") {
  TempDir dir("pipesim-devnull");
  write_file(dir.path / "e.s", kHello);
  RunResult r = pipesim_in(dir.path, {"run", "e.s", "-c", "5-stage", "--json", "/dev/null",
                                      "--trace-jsonl", "/dev/null", "--html", "/dev/null"});
  CHECK(r.exit_code == 7);
  CHECK(r.err.empty());
  struct stat st;
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  // --json /dev/stdout: here stdout is a pipe (run_process reads it); the document goes into it.
  r = pipesim_in(dir.path, {"run", "e.s", "--json", "/dev/stdout"});
  CHECK(r.exit_code == 7);
  CHECK_THAT(r.out, Catch::StartsWith("hi\n{\n"));
  CHECK_THAT(r.out, Catch::Contains("\"exit_code\": 7"));
}

TEST_CASE("hardening output: a link to a file replaces the file, never the link",
          "[hardening][output]") {
  TempDir dir("pipesim-links");
  write_file(dir.path / "e.s", kHello);
  fs::create_directory(dir.path / "real");
  auto run_redirected = [&](const std::string& args) {
    return run_process(
        {"bash", "-c", "cd \"$1\" && \"$0\" run e.s " + args, PIPESIM_BINARY, dir.path.string()});
  };
  // A link to stdout (what /dev/stdout is) while stdout goes to a file: the document follows the
  // guest's "hi" in that file, and the link stays (a rename once replaced /dev/stdout itself).
  fs::create_symlink("/proc/self/fd/1", dir.path / "out-link");
  RunResult r = run_redirected("--json out-link > stdout.txt");
  CHECK(r.exit_code == 7);
  CHECK(fs::is_symlink(dir.path / "out-link"));
  const std::string printed = read_file(dir.path / "stdout.txt");
  CHECK_THAT(printed, Catch::StartsWith("hi\n{\n"));
  CHECK_THAT(printed, Catch::Contains("\"exit_code\": 7"));
  // The same through stderr, a streamed trace this time.
  fs::create_symlink("/proc/self/fd/2", dir.path / "err-link");
  r = run_redirected("-c 5-stage --trace-jsonl err-link 2> stderr.txt");
  CHECK(r.exit_code == 7);
  CHECK(fs::is_symlink(dir.path / "err-link"));
  CHECK_THAT(read_file(dir.path / "stderr.txt"), Catch::Contains("\"type\":\"summary\""));
  // A link to a file elsewhere, there or not yet: the file is written, the link kept.
  fs::create_symlink("real/result.json", dir.path / "result-link");
  for (int round = 0; round < 2; ++round) {
    r = run_redirected("--json result-link");
    CHECK(r.exit_code == 7);
    CHECK(fs::is_symlink(dir.path / "result-link"));
    CHECK_THAT(read_file(dir.path / "real" / "result.json"), Catch::Contains("\"exit_code\": 7"));
  }
  // No temporary file is left in either folder.
  for (const fs::path& folder : {dir.path, dir.path / "real"})
    for (const auto& e : fs::directory_iterator(folder))
      CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("hardening output: an output that cannot be written is refused before the run, exit 2",
          "[hardening][output]") {
  TempDir dir("pipesim-unwritable");
  write_file(dir.path / "e.s", kHello);
  auto run_in_dir = [&](const std::string& args) {
    return run_process(
        {"bash", "-c", "cd \"$1\" && \"$0\" run e.s " + args, PIPESIM_BINARY, dir.path.string()});
  };
  // --json and --html are written after the run: a folder that is not there is reported before
  // it, so the guest has printed nothing ("hi" would come first) and no work is lost.
  for (const std::string option : {"--json", "--html"}) {
    const RunResult r = run_in_dir("-c 5-stage " + option + " nowhere/out");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("cannot write 'nowhere/out': no directory 'nowhere'"));
  }
  // A link into a folder that is not there: the message names the link, as the user wrote it.
  fs::create_symlink("nowhere/x.json", dir.path / "dangling");
  RunResult r = run_in_dir("--json dangling");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("cannot write 'dangling'"));
  CHECK(fs::is_symlink(dir.path / "dangling"));
  // A chain of 41 links (the system follows 40) and a loop name no file: refused, links kept.
  for (int k = 0; k < 41; ++k)
    fs::create_symlink("l" + std::to_string(k + 1), dir.path / ("l" + std::to_string(k)));
  fs::create_symlink("loop", dir.path / "loop");
  for (const std::string name : {"l0", "loop"}) {
    r = run_in_dir("--json " + name);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err,
               Catch::Contains("cannot write '" + name + "': Too many levels of symbolic links"));
  }
  CHECK(fs::is_symlink(dir.path / "l0"));
  CHECK(fs::is_symlink(dir.path / "l40"));
  CHECK(fs::is_symlink(dir.path / "loop"));
}

TEST_CASE("hardening output: a failed write to standard output or a device is an error, exit 2",
          "[hardening][output]") {
  TempDir dir("pipesim-full");
  write_file(dir.path / "e.s", kHello);
  // /dev/full: every write fails with ENOSPC, like a full disk.
  for (const std::string command : {"compare e.s", "run e.s", "deps e.s", "asm e.s"}) {
    INFO(command);
    const RunResult r =
        run_process({"bash", "-c", "cd \"$1\" && \"$0\" " + command + " >/dev/full; echo $?",
                     PIPESIM_BINARY, dir.path.string()});
    CHECK(r.out == "2\n");
    CHECK(r.err == "error: cannot write standard output: No space left on device\n");
  }
  // A device named as an output file: the same, naming it.
  const RunResult r = pipesim_in(dir.path, {"deps", "e.s", "-o", "/dev/full"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: cannot write '/dev/full': No space left on device\n");
}

TEST_CASE("hardening output: no command writes over one of its inputs", "[hardening][output]") {
  TempDir dir("pipesim-inputs");
  write_file(dir.path / "x.s", kHello);
  // b.json is only reached through a.json's `extends`.
  write_file(dir.path / "a.json", "{\"extends\": \"b.json\"}\n");
  write_file(dir.path / "b.json", "{\"extends\": \"5-stage\", \"name\": \"b\"}\n");
  write_file(dir.path / "T.json", "{}\n");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"deps", "x.s", "-o", "x.s"},
       "refusing to write -o to 'x.s': that file is the program 'x.s'"},
      {{"schedule", "x.s", "-c", "5-stage", "-o", "./x.s"},
       "refusing to write -o to './x.s': that file is the program 'x.s'"},
      {{"schedule", "x.s", "-c", "a.json", "-o", "b.json"},
       "refusing to write -o to 'b.json': that file is the --config file (through extends) "
       "'b.json'"},
      {{"run", "x.s", "-c", "a.json", "--json", "b.json"},
       "refusing to write --json to 'b.json': that file is the --config file (through extends) "
       "'b.json'"},
      {{"deps", "x.s", "-c", "a.json", "-o", "a.json"},
       "refusing to write -o to 'a.json': that file is the --config file 'a.json'"},
      {{"task", "run", "T.json", "x.s", "-o", "x.s"},
       "refusing to write -o to 'x.s': that file is the solution 'x.s'"},
      {{"task", "run", "T.json", "x.s", "-o", "T.json"},
       "refusing to write -o to 'T.json': that file is the task file 'T.json'"},
  };
  for (const Case& c : cases) {
    INFO(c.args[0] << " ... " << c.args.back());
    const RunResult r = pipesim_in(dir.path, c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: " + c.message + "\n");
  }
  CHECK(read_file(dir.path / "x.s") == kHello);
  CHECK(read_file(dir.path / "a.json") == "{\"extends\": \"b.json\"}\n");
  CHECK(read_file(dir.path / "b.json") == "{\"extends\": \"5-stage\", \"name\": \"b\"}\n");
  CHECK(read_file(dir.path / "T.json") == "{}\n");
}

TEST_CASE("hardening output: two outputs naming one file are refused, exit 2",
          "[hardening][output]") {
  TempDir dir("pipesim-twice");
  write_file(dir.path / "e.s", kHello);
  // Not there yet: the same path; then another spelling of it.
  RunResult r =
      pipesim_in(dir.path, {"run", "e.s", "-c", "5-stage", "--json", "a", "--trace-jsonl", "a"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: refusing to write --json to 'a': --trace-jsonl writes that file too\n");
  CHECK_FALSE(fs::exists(dir.path / "a"));
  r = pipesim_in(dir.path, {"run", "e.s", "-c", "5-stage", "--html", "./a", "--json", "a"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: refusing to write --html to './a': --json writes that file too ('a')\n");
  // An existing file through a hard link.
  write_file(dir.path / "old", "old\n");
  fs::create_hard_link(dir.path / "old", dir.path / "link");
  r = pipesim_in(dir.path,
                 {"run", "e.s", "-c", "5-stage", "--trace-json", "old", "--trace-konata", "link"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: refusing to write --trace-konata to 'link': --trace-json writes that file too "
        "('old')\n");
  CHECK(read_file(dir.path / "old") == "old\n");
}

TEST_CASE("hardening output: stale temporary files of an output are removed by the next write",
          "[hardening][output]") {
  TempDir dir("pipesim-stale");
  write_file(dir.path / "e.s", kHello);
  // As kill -9 leaves them where O_TMPFILE is not available; one still held by a (pretend)
  // writer, and one of another output.
  write_file(dir.path / ".out.json.tmp-a1b2c3", "partial");
  write_file(dir.path / ".out.json.tmp-locked", "being written");
  write_file(dir.path / ".other.json.tmp-a1b2c3", "partial");
  const int held = ::open((dir.path / ".out.json.tmp-locked").c_str(), O_RDONLY);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  RunResult r = pipesim_in(dir.path, {"run", "e.s", "--json", "out.json"});
  CHECK(r.exit_code == 7);
  CHECK_FALSE(fs::exists(dir.path / ".out.json.tmp-a1b2c3"));
  CHECK(fs::exists(dir.path / ".out.json.tmp-locked"));
  CHECK(fs::exists(dir.path / ".other.json.tmp-a1b2c3"));
  ::close(held);
  // The streaming writer (--trace-jsonl) cleans up too.
  write_file(dir.path / ".t.jsonl.tmp-zzzzzz", "partial");
  r = pipesim_in(dir.path, {"run", "e.s", "-c", "5-stage", "--trace-jsonl", "t.jsonl"});
  CHECK(r.exit_code == 7);
  CHECK_FALSE(fs::exists(dir.path / ".t.jsonl.tmp-zzzzzz"));
  CHECK(fs::exists(dir.path / "t.jsonl"));
}

TEST_CASE("hardening output: kill -9 during a --trace-jsonl run leaves no temporary file",
          "[hardening][output][signals]") {
  TempDir dir("pipesim-kill");
  write_file(dir.path / "loop.s", kLoop);
  ProcessOptions opt;
  opt.send_signal = SIGKILL;
  opt.signal_after_err = "limits:";
  opt.signal_after = std::chrono::milliseconds(200);
  const RunResult r = pipesim_in(
      dir.path, {"run", "loop.s", "-c", "5-stage", "--trace-jsonl", "t.jsonl", "--verbose"}, opt);
  CHECK(r.signal == SIGKILL);
  CHECK_FALSE(fs::exists(dir.path / "t.jsonl"));
  // O_TMPFILE (tmpfs, ext4…): nothing is left; elsewhere the next write of t.jsonl removes it.
  std::vector<std::string> left = dir.temp_files();
  if (!left.empty()) {
    write_file(dir.path / "e.s", kHello);
    CHECK(pipesim_in(dir.path, {"run", "e.s", "-c", "5-stage", "--trace-jsonl", "t.jsonl"})
              .exit_code == 7);
    left = dir.temp_files();
  }
  CHECK(left.empty());
}

TEST_CASE("hardening output: exercise new keeps edited files unless --force",
          "[hardening][output][classroom]") {
  TempDir dir("pipesim-exercise");
  const std::vector<std::string> args = {"exercise", "new", "--topic", "raw", "--seed", "3", "-q"};
  RunResult r = pipesim_in(dir.path, args);
  REQUIRE(r.exit_code == 0);
  fs::path key;
  for (const auto& e : fs::directory_iterator(dir.path))
    if (e.path().string().ends_with(".key.txt")) key = e.path();
  REQUIRE_FALSE(key.empty());
  // The same exercise again: the files are what it would write, nothing is lost.
  r = pipesim_in(dir.path, args);
  CHECK(r.exit_code == 0);
  write_file(key, "edited by the teacher\n");
  r = pipesim_in(dir.path, args);
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: refusing to replace './" + key.filename().string() +
                     "': it differs from the generated file (edited?); --force replaces it\n");
  CHECK(read_file(key) == "edited by the teacher\n");
  std::vector<std::string> forced = args;
  forced.push_back("--force");
  r = pipesim_in(dir.path, forced);
  CHECK(r.exit_code == 0);
  CHECK(read_file(key) != "edited by the teacher\n");
}

TEST_CASE("hardening output: a signal ends pipesim while it waits on a FIFO config, 130/143",
          "[hardening][output][signals]") {
  TempDir dir("pipesim-sigfifo");
  write_file(dir.path / "e.s", kHello);
  write_file(dir.path / "out.json", "old\n");
  // Nobody writes the FIFO: reading the config blocks in open() until the signal.
  REQUIRE(::mkfifo((dir.path / "c.json").c_str(), 0600) == 0);
  for (const auto& [sig, status, name] :
       {std::tuple{SIGINT, 130, "SIGINT"}, std::tuple{SIGTERM, 143, "SIGTERM"}}) {
    INFO(name);
    ProcessOptions opt;
    opt.send_signal = sig;
    opt.signal_after_err = "pipesim: loaded e.s";  // --verbose, just before the config is read
    opt.signal_after = std::chrono::milliseconds(200);
    opt.time_limit = std::chrono::seconds(20);
    const RunResult r = pipesim_in(
        dir.path, {"run", "e.s", "-c", "c.json", "--json", "out.json", "--verbose"}, opt);
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == status);
    CHECK_THAT(r.err, Catch::EndsWith(std::string("error: interrupted by ") + name + "\n"));
    CHECK(read_file(dir.path / "out.json") == "old\n");
    CHECK(dir.temp_files().empty());
    CHECK(still_fifo(dir.path / "c.json"));
  }
}

TEST_CASE("hardening output: SIGTERM stops a run with the statistics so far, exit 143",
          "[hardening][output][signals]") {
  TempDir dir("pipesim-sigterm");
  write_file(dir.path / "loop.s", kLoop);
  ProcessOptions opt;
  opt.send_signal = SIGTERM;
  opt.signal_after_err = "limits:";
  opt.signal_after = std::chrono::milliseconds(200);
  const RunResult r = pipesim_in(
      dir.path, {"run", "loop.s", "-c", "5-stage", "--json", "o.json", "--verbose"}, opt);
  CHECK(r.exit_code == 143);
  CHECK_THAT(r.err, Catch::Contains("\nerror: interrupted by SIGTERM: stopped at pc 0x00010000 "));
  CHECK_THAT(r.err, Catch::EndsWith("; 'o.json' was not written\n"));
  CHECK_THAT(r.out, Catch::Contains("halt               limit"));
  CHECK_FALSE(fs::exists(dir.path / "o.json"));
}

TEST_CASE("hardening output: a long run shows cycles so far and the rate on a terminal",
          "[hardening][output]") {
  TempDir dir("pipesim-progress");
  write_file(dir.path / "loop.s", kLoop);
  // script(1) gives pipesim a pseudo-terminal; the line is redrawn each second from the first.
  for (const auto& [machine, unit] :
       {std::pair{" -c 5-stage", "cycles"}, std::pair{"", "instructions"}}) {
    const std::string command =
        "cd " + dir.path.string() + " && " + PIPESIM_BINARY + " run loop.s --timeout 1.6" + machine;
    const RunResult r = run_process({"script", "-q", "-e", "-c", command, "/dev/null"});
    INFO(r.out);
    CHECK(r.exit_code == 4);  // --timeout
    CHECK_THAT(r.out, Catch::Contains("pipesim: running loop.s"));
    CHECK_THAT(r.out, Catch::Contains(std::string(" ") + unit + " so far, "));
    CHECK_THAT(r.out, Catch::Contains(" million/s (1 s; Ctrl-C stops it and shows the statistics "
                                      "so far)"));
  }
}

TEST_CASE("hardening output: exercise new refuses a FIFO, a device or a folder where a file goes",
          "[hardening][output][classroom]") {
  TempDir dir("pipesim-exercise-odd");
  const std::vector<std::string> args = {"exercise", "new", "--topic", "raw", "--seed", "3", "-q"};
  REQUIRE(pipesim_in(dir.path, args).exit_code == 0);
  fs::path source;
  for (const auto& e : fs::directory_iterator(dir.path))
    if (e.path().extension() == ".s") source = e.path();
  REQUIRE_FALSE(source.empty());
  const std::string shown = "./" + source.filename().string();
  // The program is the first file compared: each odd thing in its place, in turn.
  const std::pair<const char*, std::string> cases[] = {
      // Opening a FIFO to read it would wait for a writer that never comes.
      {"fifo", "not a regular file (a FIFO)"},
      // /dev/zero never ends: read whole, it would take all memory.
      {"/dev/zero", "not a regular file (a character device)"},
      // A folder reads as nothing at all: "differs (edited?)" would be wrong.
      {"folder", "Is a directory"},
  };
  for (const auto& [what, reason] : cases) {
    INFO(what);
    fs::remove_all(source);
    if (std::string(what) == "fifo")
      REQUIRE(::mkfifo(source.c_str(), 0600) == 0);
    else if (std::string(what) == "/dev/zero")
      fs::create_symlink("/dev/zero", source);
    else
      fs::create_directory(source);
    ProcessOptions opt;
    opt.time_limit = std::chrono::seconds(20);
    const RunResult r = pipesim_in(dir.path, args, opt);
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: cannot read '" + shown + "': " + reason + "\n");
  }
  CHECK(fs::is_directory(source));
}

TEST_CASE("hardening output: the inputs checked are the files the config loader reads",
          "[hardening][output][config]") {
  TempDir dir("pipesim-config-chain");
  write_file(dir.path / "x.s", kHello);
  // ".json" alone is a preset name to the loader (a path needs '/' or more than ".json"): it is
  // no file of the configuration, so the error is the loader's, not a refusal to write it.
  write_file(dir.path / ".json", "{}\n");
  write_file(dir.path / "dot.json", "{\"extends\": \".json\"}\n");
  RunResult r = pipesim_in(dir.path, {"schedule", "x.s", "-c", "dot.json", "-o", ".json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: invalid configuration 'dot.json': extends: unknown "
                                      "preset \".json\"; presets are "));
  CHECK(read_file(dir.path / ".json") == "{}\n");

  // c0 extends c1 ... extends c16: the loader reads c0 to c15 (16 files) and refuses c15's
  // `extends`. c15 is an input; c16 is not read, so the loader's error is what is reported.
  for (int i = 0; i < 17; ++i)
    write_file(dir.path / ("c" + std::to_string(i) + ".json"),
               "{\"extends\": \"c" + std::to_string(i + 1) + ".json\"}\n");
  r = pipesim_in(dir.path, {"schedule", "x.s", "-c", "c0.json", "-o", "c15.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: refusing to write -o to 'c15.json': that file is the --config file (through "
        "extends) 'c15.json'\n");
  r = pipesim_in(dir.path, {"schedule", "x.s", "-c", "c0.json", "-o", "c16.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: invalid configuration 'c15.json': extends: \"c16.json\" is nested more than 16 "
        "deep\n");
}

TEST_CASE("hardening output: Ctrl-C after --timeout fired is a first Ctrl-C, exit 130",
          "[hardening][output][signals]") {
  TempDir dir("pipesim-timeout-int");
  write_file(dir.path / "loop.s", kLoop);
  // Nobody reads the FIFO: after the time limit stops the run, writing --json waits in open().
  REQUIRE(::mkfifo((dir.path / "out.json").c_str(), 0600) == 0);
  ProcessOptions opt;
  opt.send_signal = SIGINT;
  opt.signal_after_err = "host time";  // --verbose, after the run stopped
  opt.signal_after = std::chrono::milliseconds(200);
  opt.time_limit = std::chrono::seconds(20);
  const RunResult r = pipesim_in(
      dir.path, {"run", "loop.s", "--timeout", "0.2", "--json", "out.json", "--verbose"}, opt);
  CHECK_FALSE(r.timed_out);
  CHECK(r.signal == 0);  // not the second-signal path (the default action, no message)
  CHECK(r.exit_code == 130);
  CHECK_THAT(r.err, Catch::EndsWith("error: interrupted by SIGINT\n"));
  CHECK(still_fifo(dir.path / "out.json"));
  CHECK(dir.temp_files().empty());
}
