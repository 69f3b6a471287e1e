#include "isa/error.hpp"

#include <fmt/format.h>

namespace pipesim {

std::string format_diagnostic(const std::string& file, int line, int column,
                              const std::string& severity, const std::string& message,
                              const std::string& text) {
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", file, line, column, severity, message);
  if (!text.empty()) {
    out += fmt::format("    {}\n", text);
    // The caret lines up under the column; tabs are kept so it also lines up after them.
    std::string pad;
    for (int i = 1; i < column && i <= static_cast<int>(text.size()); ++i)
      pad += text[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
    out += fmt::format("    {}^\n", pad);
  }
  return out;
}

}  // namespace pipesim
