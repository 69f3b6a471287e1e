// docs/errors.md is executable: every example in it runs here and must print what the page
// shows, with the exit status it shows. The page's conventions (explained at its top):
//   ```<lang> file=NAME      the text of a file the next commands use (```hex file=NAME: bytes)
//   ```console               "$ pipesim ARGS", then what pipesim prints (stdout, then stderr),
//                            then "[exit N]"; a line "..." stands for any lines, "[...]" inside
//                            a line for any text.
// Each example runs in a fresh folder holding the files of its "###" section so far, and those
// given in its "##" section before the first "###".
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

struct FileBlock {
  std::string name;
  std::string bytes;
};

struct Example {
  int line = 0;  // of the ```console fence in errors.md
  std::string section;
  std::vector<FileBlock> files;  // every file block of the section so far
  std::vector<std::string> args;
  std::vector<std::string> expected;  // lines
  int status = -1;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Splits a command line at spaces; single quotes group (as a shell's do).
std::vector<std::string> shell_words(const std::string& s) {
  std::vector<std::string> out;
  std::string word;
  bool quoted = false, any = false;
  for (char c : s) {
    if (c == '\'') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) out.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) out.push_back(word);
  return out;
}

std::string hex_bytes(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string h; in >> h;) out += static_cast<char>(std::stoul(h, nullptr, 16));
  return out;
}

std::vector<Example> parse_examples(const std::string& doc) {
  std::vector<Example> out;
  std::vector<FileBlock> files, chapter_files;
  std::string section;
  bool in_chapter_intro = false;
  const std::vector<std::string> lines = lines_of(doc);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("## ", 0) == 0) {
      section = l;
      files.clear();
      chapter_files.clear();
      in_chapter_intro = true;
      continue;
    }
    if (l.rfind("### ", 0) == 0) {
      section = l;
      files = chapter_files;
      in_chapter_intro = false;
      continue;
    }
    if (l.rfind("```", 0) != 0 || l.size() == 3) continue;
    const std::string info = l.substr(3);
    const int fence_line = static_cast<int>(i) + 1;
    std::vector<std::string> body;
    for (++i; i < lines.size() && lines[i].rfind("```", 0) != 0; ++i) body.push_back(lines[i]);
    const std::size_t file_at = info.find("file=");
    if (file_at != std::string::npos) {
      std::string text;
      for (const std::string& b : body) text += b + "\n";
      const std::string name = info.substr(file_at + 5, info.find(' ', file_at) - file_at - 5);
      files.push_back({name, info.rfind("hex", 0) == 0 ? hex_bytes(text) : text});
      if (in_chapter_intro) chapter_files.push_back(files.back());
    } else if (info == "console") {
      Example e;
      e.line = fence_line;
      e.section = section;
      e.files = files;
      REQUIRE_FALSE(body.empty());
      INFO("errors.md line " << fence_line);
      REQUIRE(body.front().rfind("$ pipesim", 0) == 0);
      e.args = shell_words(body.front().substr(2));
      REQUIRE(body.size() >= 2);
      const std::string& last = body.back();
      REQUIRE(last.rfind("[exit ", 0) == 0);
      e.status = std::stoi(last.substr(6));
      e.expected.assign(body.begin() + 1, body.end() - 1);
      out.push_back(std::move(e));
    }
  }
  return out;
}

// Does `line` match `pattern`, where "[...]" stands for any text?
bool line_matches(const std::string& pattern, const std::string& line) {
  const std::string any = "[...]";
  std::size_t p = 0, at = 0;
  bool first = true;
  while (true) {
    const std::size_t next = pattern.find(any, p);
    const std::string piece = pattern.substr(p, next == std::string::npos ? next : next - p);
    if (first) {
      if (line.compare(0, piece.size(), piece) != 0) return false;
      at = piece.size();
      first = false;
    } else if (next == std::string::npos) {
      return line.size() >= at + piece.size() &&
             line.compare(line.size() - piece.size(), piece.size(), piece) == 0;
    } else {
      const std::size_t found = line.find(piece, at);
      if (found == std::string::npos) return false;
      at = found + piece.size();
    }
    if (next == std::string::npos) return at == line.size();
    p = next + any.size();
  }
}

// Lines against patterns, where a pattern line "..." stands for any number of lines.
bool lines_match(const std::vector<std::string>& pat, std::size_t pi,
                 const std::vector<std::string>& got, std::size_t gi) {
  if (pi == pat.size()) return gi == got.size();
  if (pat[pi] == "...") {
    for (std::size_t k = gi; k <= got.size(); ++k)
      if (lines_match(pat, pi + 1, got, k)) return true;
    return false;
  }
  return gi < got.size() && line_matches(pat[pi], got[gi]) && lines_match(pat, pi + 1, got, gi + 1);
}

}  // namespace

TEST_CASE("docs/errors.md: every example prints what the page shows, with its status",
          "[errors][docs]") {
  const std::string doc =
      pipesim::test::read_file(fs::path(PIPESIM_SOURCE_DIR) / "docs" / "errors.md");
  const std::vector<Example> examples = parse_examples(doc);
  REQUIRE(examples.size() >= 40);  // the catalogue covers every kind of error
  const pipesim::test::TempDir tmp("pipesim-errors-doc");
  const fs::path& root = tmp.path;
  int n = 0;
  for (const Example& e : examples) {
    const fs::path dir = root / std::to_string(n++);
    fs::create_directories(dir);
    for (const FileBlock& f : e.files) pipesim::test::write_file(dir / f.name, f.bytes);
    std::vector<std::string> argv = e.args;
    REQUIRE(argv.front() == "pipesim");
    argv.front() = PIPESIM_BINARY;
    pipesim::test::ProcessOptions opt;
    opt.cwd = dir.string();
    const pipesim::test::RunResult r = pipesim::test::run_process(argv, opt);
    std::string expected;
    for (const std::string& l : e.expected) expected += l + "\n";
    INFO("errors.md line " << e.line << " (" << e.section << ")\nexpected:\n"
                           << expected << "got (" << r.describe() << "):\n"
                           << r.out << r.err);
    CHECK(r.exited());
    CHECK(r.exit_code == e.status);
    CHECK(lines_match(e.expected, 0, lines_of(r.out + r.err), 0));
  }
}

TEST_CASE("docs/errors.md: the example matcher", "[errors][docs]") {
  CHECK(line_matches("error: x", "error: x"));
  CHECK_FALSE(line_matches("error: x", "error: xy"));
  CHECK(line_matches("stopped at pc [...] after [...] cycles", "stopped at pc 0x1 after 5 cycles"));
  CHECK_FALSE(line_matches("a [...] c", "a b d"));
  CHECK(lines_match({"a", "...", "z"}, 0, {"a", "b", "c", "z"}, 0));
  CHECK(lines_match({"a", "...", "z"}, 0, {"a", "z"}, 0));
  CHECK_FALSE(lines_match({"a", "z"}, 0, {"a", "b", "z"}, 0));
  CHECK(shell_words("pipesim run p.s --set 'a=[1, 2]'") ==
        std::vector<std::string>{"pipesim", "run", "p.s", "--set", "a=[1, 2]"});
}
