// What is said about a run a count limit ended (--max-cycles, --max-instructions), in the
// command line's error, the HTML view's banner and the playground alike.
#pragma once

#include <cstdint>
#include <string>

namespace pipesim::report {

// "cycle limit reached (--max-cycles 1000): stopped at pc 0x00010008 after 1000 cycles, 598
// instructions committed; raise it with --max-cycles". `option` is "--max-cycles" or
// "--max-instructions"; `progress` says how far the run got.
std::string count_limit_message(const std::string& option, uint64_t limit, uint32_t pc,
                                const std::string& progress);

// "1000 cycles, 598 instructions committed"
std::string machine_progress(uint64_t cycles, uint64_t instructions);

}  // namespace pipesim::report
