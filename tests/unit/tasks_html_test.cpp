// `pipesim tasks --html`: the page in the visual language of `run --html` (docs/html-view.md): the
// view's stylesheet, its header and legend of swatches, and each Gantt diagram laid out as the
// view lays out a pipeline diagram (38 px columns, 20 px rows, a 20 px column header, cells inset
// by 1 px), a cell per row and slice of time naming the resource in its colour. The positions are
// derived by hand from the morning's schedules (tests/unit/tasks_examples_test.cpp).
#include <catch2/catch.hpp>
#include <string>

#include "sim/report/html/assets.hpp"
#include "sim/tasks/task_graph_json.hpp"
#include "sim/tasks/tasks_analysis.hpp"
#include "sim/tasks/tasks_html.hpp"

using namespace pipesim::tasks;
using Catch::Matchers::Contains;

namespace {

std::string morning_page(uint64_t iterations) {
  TasksOptions options;
  options.iterations = iterations;
  options.sets = {{"kettle", 2}};
  return tasks_html(analyse_tasks(
      load_task_graph(std::string(PIPESIM_SOURCE_DIR) + "/programs/taskgraphs/morning.json"),
      options));
}

// The page from the `<h2>` of the schedule titled `title` to the next section.
std::string section(const std::string& page, const std::string& title) {
  const std::size_t at = page.find("<h2>" + title);
  REQUIRE(at != std::string::npos);
  return page.substr(at, page.find("</section>", at) - at);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("tasks html: the run view's stylesheet, header and legend", "[tasks][html]") {
  const std::string page = morning_page(2);
  CHECK_THAT(page, Contains(std::string(pipesim::report::html::kViewCss)));
  CHECK_THAT(page, Contains("<header id=\"top\">\n<h1>morning routine</h1>"));
  // person is resource 0 (the view's first stage colour), kettle resource 1 (its second).
  CHECK_THAT(page, Contains("<span class=\"swatch\" style=\"background:#bfdbfe\">per</span>"
                            "person (1 each iteration)"));
  CHECK_THAT(page,
             Contains("<span class=\"swatch\" style=\"background:#bbf7d0\">ket</span>kettle (1)"));
  CHECK_THAT(page, Contains(".gantt .r0 { background: #bfdbfe; }"));
  CHECK_THAT(page, Contains(".gantt .r1 { background: #bbf7d0; }"));
  // One self-contained page: no script, nothing fetched.
  CHECK_THAT(page, !Contains("<script"));
  CHECK_THAT(page, !Contains("http"));
  CHECK_THAT(page, !Contains("src="));
  CHECK_THAT(page, !Contains("url("));
}

TEST_CASE("tasks html: the overlapped morning, cell by cell", "[tasks][html]") {
  const std::string s = section(morning_page(1), "Overlapped: 40 min");
  // 40 minutes in 5-minute columns: 8 columns of 38 px beside the label column. The widest label
  // is "brush teeth" (11 characters): 11 * 7.3 + 26 = 106 px.
  CHECK_THAT(s, Contains("<div class=\"inner\" style=\"width:410px;height:120px\">"));
  CHECK_THAT(s, Contains("<div class=\"num\" style=\"left:106px\">0</div>"));
  CHECK_THAT(s, Contains("<div class=\"num\" style=\"left:372px\">35</div>"));
  CHECK_THAT(s, !Contains(">40</div>"));
  // boil water 0-20 (kettle): columns 0..3 of row 0; shower 0-10 (person), row 1; brush teeth
  // 10-15, row 2 column 2; make tea 20-25, row 3 column 4; drink tea 25-40, row 4 columns 5..7.
  CHECK_THAT(s, Contains("<div class=\"cell r1\" style=\"left:1px;top:1px\" "
                         "title=\"boil water: 0-20 min\">ket</div>"));
  CHECK_THAT(s, Contains("<div class=\"cell r1\" style=\"left:115px;top:1px\" "
                         "title=\"boil water: 0-20 min\">ket</div>"));
  CHECK_THAT(s, Contains("<div class=\"cell r0\" style=\"left:39px;top:21px\" "
                         "title=\"shower: 0-10 min\">per</div>"));
  CHECK_THAT(s, Contains("<div class=\"cell r0\" style=\"left:77px;top:41px\" "
                         "title=\"brush teeth: 10-15 min\">per</div>"));
  CHECK_THAT(s, Contains("<div class=\"cell r0\" style=\"left:153px;top:61px\" "
                         "title=\"make tea: 20-25 min\">per</div>"));
  CHECK_THAT(s, Contains("<div class=\"cell r0\" style=\"left:267px;top:81px\" "
                         "title=\"drink tea: 25-40 min\">per</div>"));
  CHECK(count(s, "class=\"cell ") == 4 + 2 + 1 + 1 + 3);
  CHECK_THAT(s, Contains("<div class=\"label\" style=\"top:80px\">drink tea</div>"));
}

TEST_CASE("tasks html: two mornings pipelined, and with two kettles", "[tasks][html]") {
  const std::string page = morning_page(2);
  // One kettle: boil water #2 waits for #1 (20-40), row 5, columns 4..7.
  const std::string one = section(page, "2 iterations pipelined: 60 min");
  CHECK_THAT(one, Contains("<div class=\"cell r1\" style=\"left:153px;top:101px\" "
                           "title=\"boil water #2: 20-40 min\">ket</div>"));
  CHECK_THAT(one, Contains("<div class=\"label\" style=\"top:100px\">boil water #2</div>"));
  CHECK(count(one, "class=\"cell ") == 2 * 11);
  // Two kettles: both boil from 0.
  const std::string two = section(page, "2 iterations pipelined, kettle=2: 55 min");
  CHECK_THAT(two, Contains("<div class=\"cell r1\" style=\"left:1px;top:101px\" "
                           "title=\"boil water #2: 0-20 min\">ket</div>"));
}

TEST_CASE("tasks html: a task that holds nothing is grey, ===", "[tasks][html]") {
  const std::string page = tasks_html(
      analyse_tasks(parse_task_graph(R"({"unit": "s", "tasks": [{"name": "boil", "duration": 2},
                                                  {"name": "wait", "duration": 1, "after": "boil"}]})",
                                     "w.json"),
                    {}));
  CHECK_THAT(page, Contains(".gantt .none { background: #e5e7eb; }"));
  // Columns of 1 s; wait runs 2-3, row 1, column 2.
  CHECK_THAT(page, Contains("<div class=\"cell none\" style=\"left:77px;top:21px\" "
                            "title=\"wait: 2-3 s\">===</div>"));
}
