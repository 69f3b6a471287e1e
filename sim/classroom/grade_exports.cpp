// The writers of many grades: CSV and JSON records, Gradescope, Moodle and Canvas.
#include "sim/classroom/grade_exports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pipesim::classroom {

namespace {

// RFC 4180: quote a field that holds a comma, quote or line break; double inner quotes.
// A text field that a spreadsheet would run as a formula (a student's folder named `=HYPERLINK(…)`,
// or `+`, `-`, `@` first) is written with a leading `'`, which spreadsheets show as text (OWASP's
// advice against CSV injection): the grades CSV is opened by teachers in Excel or Sheets.
std::string csv_field(const std::string& text) {
  const std::string s =
      !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos
          ? "'" + text
          : text;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string causes_text(const Grade& g) {
  std::string out;
  for (const Cause& c : g.causes) out += (out.empty() ? "" : "; ") + c.text;
  return out;
}

nlohmann::ordered_json causes_json(const Grade& g) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Cause& c : g.causes)
    out.push_back({{"row", c.row}, {"text", c.text}, {"cells", c.cells}});
  return out;
}

// "error: MESSAGE", with the line and column of a malformed answer.
std::string error_text(const GradeRecord& r) {
  if (r.line == 0) return r.error;
  return fmt::format("line {}, column {}: {}", r.line, r.column, r.error);
}

// The students in first-seen order, each with their points per item; and the items in order.
struct Table {
  std::vector<std::string> items, students;
  std::map<std::string, std::map<std::string, double>> points;  // student -> item -> points
};

Table table_of(const std::vector<GradeRecord>& records) {
  Table t;
  for (const GradeRecord& r : records) {
    const std::string item = item_name(r);
    if (std::find(t.items.begin(), t.items.end(), item) == t.items.end()) t.items.push_back(item);
    if (!t.points.count(r.student)) t.students.push_back(r.student);
    t.points[r.student][item] = record_points(r);
  }
  return t;
}

// One line per student, one column per item. Canvas: the name and the SIS login ID; its own
// ID, SIS user ID and section left empty (Canvas matches a student by any of its IDs).
std::string grades_csv(const std::vector<GradeRecord>& records, bool canvas) {
  const Table t = table_of(records);
  std::string out = canvas ? "Student,ID,SIS User ID,SIS Login ID,Section" : "Username";
  for (const std::string& item : t.items) out += "," + csv_field(item);
  out += "\n";
  for (const std::string& student : t.students) {
    out += canvas ? fmt::format("{},,,{},", csv_field(student), csv_field(student))
                  : csv_field(student);
    const std::map<std::string, double>& row = t.points.at(student);
    for (const std::string& item : t.items) {
      const auto it = row.find(item);
      out += "," + (it == row.end() ? std::string() : points_text(it->second));
    }
    out += "\n";
  }
  return out;
}

}  // namespace

double record_points(const GradeRecord& r) {
  if (!r.grade) return 0;
  return std::round(r.grade->score * r.max_points / 100.0 * 100.0) / 100.0;
}

std::string points_text(double points) {
  std::string s = fmt::format("{:.2f}", points);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string item_name(const GradeRecord& r) {
  return r.exercise + " (" + r.machine + ")";
}

std::string csv_header() {
  return "student,exercise,machine,file,score,points,max_points,cells,correct,wrong,causes,error,"
         "feedback\n";
}

std::string csv_row(const GradeRecord& r) {
  std::string out = fmt::format("{},{},{},{},", csv_field(r.student), csv_field(r.exercise),
                                csv_field(r.machine), csv_field(r.file));
  if (!r.grade) return out + fmt::format(",0,{},,,,,{},\n", r.max_points, csv_field(error_text(r)));
  const Grade& g = *r.grade;
  return out + fmt::format("{},{},{},{},{},{},{},,{}\n", g.score, points_text(record_points(r)),
                           r.max_points, g.cells, g.correct, g.wrong.size(),
                           csv_field(causes_text(g)), csv_field(r.feedback));
}

nlohmann::ordered_json records_json(const std::vector<GradeRecord>& records) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const GradeRecord& r : records) {
    nlohmann::ordered_json j = {{"student", r.student},
                                {"exercise", r.exercise},
                                {"machine", r.machine},
                                {"file", r.file},
                                {"max_points", r.max_points}};
    if (r.grade) {
      j["score"] = r.grade->score;
      j["points"] = record_points(r);
      j["cells"] = r.grade->cells;
      j["correct"] = r.grade->correct;
      j["causes"] = causes_json(*r.grade);
      j["feedback"] = r.feedback;
      j["grade"] = r.detail;
    } else {
      j["points"] = 0;
      nlohmann::ordered_json e = {{"message", r.error}};
      if (r.line != 0) {
        e["line"] = r.line;
        e["column"] = r.column;
      }
      j["error"] = std::move(e);
    }
    list.push_back(std::move(j));
  }
  return {{"schema", "pipesim.check-batch/1"}, {"records", std::move(list)}};
}

nlohmann::ordered_json gradescope_results(const std::vector<GradeRecord>& records) {
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  double score = 0;
  unsigned max_score = 0;
  for (const GradeRecord& r : records) {
    const double points = record_points(r);
    score += points;
    max_score += r.max_points;
    const bool full = r.grade && r.grade->score == 100;
    tests.push_back(
        {{"name", item_name(r)},
         {"score", points},
         {"max_score", r.max_points},
         {"status", full ? "passed" : "failed"},
         {"output",
          r.grade ? r.feedback : (r.file.empty() ? "" : r.file + ": ") + error_text(r) + "\n"},
         {"visibility", "visible"}});
  }
  score = std::round(score * 100.0) / 100.0;
  return {
      {"score", score},
      {"output", fmt::format("pipesim check: {} of {} points ({} diagram{})", points_text(score),
                             max_score, records.size(), records.size() == 1 ? "" : "s")},
      {"visibility", "visible"},
      {"stdout_visibility", "hidden"},
      {"tests", std::move(tests)}};
}

std::string moodle_csv(const std::vector<GradeRecord>& records) {
  return grades_csv(records, false);
}

std::string canvas_csv(const std::vector<GradeRecord>& records) {
  return grades_csv(records, true);
}

}  // namespace pipesim::classroom
