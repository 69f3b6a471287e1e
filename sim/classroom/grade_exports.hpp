// Grades of many submissions, for a teacher (docs/classroom.md, "Grading a course"): one record
// per student and exercise, written as CSV or JSON, as Gradescope's autograder results.json, or
// as a grades CSV that Moodle or Canvas imports. Strings and JSON only: the command writes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/classroom/grader.hpp"

namespace pipesim::classroom {

// One submission graded: a student's answer to one exercise on one machine. A submission that
// could not be graded (missing, unreadable, malformed) is a record too, with its `error`.
struct GradeRecord {
  std::string student;   // the answer file's stem (--batch) or the student's folder (--course)
  std::string exercise;  // the program's stem: "load_use"
  std::string machine;   // the configuration's name
  std::string file;      // the answer file, as found
  unsigned max_points = 100;
  std::optional<Grade> grade;
  std::string feedback;           // the text report (render_grade_text)
  nlohmann::ordered_json detail;  // the JSON report (grade_json); null without a grade
  std::string error;              // why there is no grade
  int line = 0, column = 0;       // where in the answer, for a malformed one (else 0)
};

// The points a record earns: score × max_points / 100, rounded to 2 decimals; 0 without a grade.
double record_points(const GradeRecord& r);
// A number of points as a spreadsheet wants it: "7.5", "10", "8.33".
std::string points_text(double points);

// The item a record grades, as LMS columns and Gradescope tests name it: "load_use (5-stage)".
std::string item_name(const GradeRecord& r);

// CSV, one line per record (RFC 4180 quoting; feedback may span lines inside its quotes):
// student,exercise,machine,file,score,points,max_points,cells,correct,wrong,causes,error,feedback
std::string csv_header();
std::string csv_row(const GradeRecord& r);

// {"schema": "pipesim.check-batch/1", "records": [{"student", "exercise", "machine", "file",
//  "max_points", then "score", "points", "cells", "correct", "causes", "feedback", "grade"
//  (grade_json) — or "points": 0 and "error": {"message", "line", "column"}}]}
nlohmann::ordered_json records_json(const std::vector<GradeRecord>& records);

// Gradescope's autograder results.json for ONE student: "score" (the sum), "output", and one
// test per record with "name", "score", "max_score", "status", "output" (the feedback) and
// "visibility": "visible".
nlohmann::ordered_json gradescope_results(const std::vector<GradeRecord>& records);

// Grades CSV for an LMS import: one line per student, one column per item (points).
// Moodle ("Import grades from CSV"): `Username,<item>...`; map Username to the user field the
// folder names are (username or email address) when importing.
// Canvas (Gradebook "Import"): `Student,ID,SIS User ID,SIS Login ID,Section,<item>...`, the
// student's folder name as Student and SIS Login ID.
std::string moodle_csv(const std::vector<GradeRecord>& records);
std::string canvas_csv(const std::vector<GradeRecord>& records);

}  // namespace pipesim::classroom
