// The HTML view's template, styles and script (sim/report/html/view.{html,css,js}), embedded into
// the library at build time by cmake/EmbedText.cmake so the page needs no file at run time.
#pragma once

#include <string_view>

namespace pipesim::report::html {

extern const std::string_view kViewHtml;
extern const std::string_view kViewCss;
extern const std::string_view kViewJs;

}  // namespace pipesim::report::html
