# The third-party headers for the Emscripten build (web/CMakeLists.txt, scripts/web.sh). The
# toolchain file confines find_package to Emscripten's sysroot, so Debian's fmt and nlohmann_json
# are not found there; both are header-only (fmt with FMT_HEADER_ONLY), so the same targets the
# native build gets from find_package are made here from their headers in /usr/include. Only the
# two folders are linked into an include directory of their own: all of /usr/include would put
# the host's C library headers ahead of Emscripten's.
set(PIPESIM_HOST_INCLUDE /usr/include CACHE PATH "Where Debian's fmt/ and nlohmann/ headers are")
set(third_party ${CMAKE_BINARY_DIR}/third_party_include)
file(MAKE_DIRECTORY ${third_party})
foreach(folder fmt nlohmann)
  if(NOT EXISTS ${PIPESIM_HOST_INCLUDE}/${folder})
    message(FATAL_ERROR "${PIPESIM_HOST_INCLUDE}/${folder} not found: scripts/deps.sh installs "
                        "libfmt-dev and nlohmann-json3-dev")
  endif()
  file(CREATE_LINK ${PIPESIM_HOST_INCLUDE}/${folder} ${third_party}/${folder} SYMBOLIC)
endforeach()

add_library(fmt::fmt INTERFACE IMPORTED)
target_include_directories(fmt::fmt SYSTEM INTERFACE ${third_party})
target_compile_definitions(fmt::fmt INTERFACE FMT_HEADER_ONLY)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${third_party})
