// `pipesim check PROGRAM --config C --batch DIR`: every answer in a folder, one record each
// (CSV by default, or --format json, moodle, canvas, text). An answer that cannot be read or is
// malformed is a record with its error: a batch never drops a student.
#include <algorithm>
#include <filesystem>

#include "cli/check_grading.hpp"
#include "isa/error.hpp"

namespace pipesim::cli {

namespace fs = std::filesystem;

namespace {

// The answers of a --batch folder, sorted: every entry but hidden ones. A folder or a file that
// cannot be read is kept: it becomes a record with its error.
std::vector<fs::path> batch_files(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error("--batch: '" + dir + "' is not a directory");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().front() != '.') files.push_back(e.path());
  if (ec) throw Error("--batch: cannot list '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int check_batch(const CheckOptions& o) {
  std::vector<NamedFile> inputs = machine_inputs(o.machine);
  // The answers of a --batch folder are inputs too: -o must not name one of them.
  const std::vector<fs::path> files = batch_files(o.batch);
  for (const fs::path& f : files) inputs.push_back({"--batch answer", f.string()});
  const std::string md = exercise_file(o);
  if (!md.empty()) inputs.push_back({"exercise file", md});
  check_outputs({{"-o", o.output}}, inputs);
  const std::unique_ptr<GradingMachine> m = prepare_program(o, read_settings(md, o));
  std::vector<classroom::GradeRecord> records;
  for (const fs::path& f : files) {
    classroom::GradeRecord r = grade_record(*m, f.stem().string(), f);
    r.file = f.filename().string();
    records.push_back(std::move(r));
  }
  write_output(o.output, render_records(records, o.format.empty() ? "csv" : o.format));
  return report_guest_fault(m->run.result);
}

}  // namespace pipesim::cli
