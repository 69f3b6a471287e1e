// Whether the tests are built with AddressSanitizer: it keeps freed memory in quarantine (up to
// 256 MiB by default) and maps shadow memory, so bounds on a child's peak RSS and ulimit-based
// tests only hold in an ordinary build.
#pragma once

#if defined(__SANITIZE_ADDRESS__)  // GCC
#define PIPESIM_TEST_ASAN 1
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer)
#define PIPESIM_TEST_ASAN 1
#endif
#endif

namespace pipesim::test {
#ifdef PIPESIM_TEST_ASAN
inline constexpr bool kUnderAddressSanitizer = true;
#else
inline constexpr bool kUnderAddressSanitizer = false;
#endif
}  // namespace pipesim::test
