// The libFuzzer entry point of every target: CMake compiles this file once
// per target with NEWSDOC_FUZZ_TARGET set to its name (run_<name> in
// targets.hpp holds the body and says what it checks).
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

#define NEWSDOC_FUZZ_CAT(a, b) a##b
#define NEWSDOC_FUZZ_RUN(name) NEWSDOC_FUZZ_CAT(run_, name)
#define NEWSDOC_FUZZ_STR(x) #x
#define NEWSDOC_FUZZ_NAME(name) NEWSDOC_FUZZ_STR(name)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    newsdoc_fuzz::NEWSDOC_FUZZ_RUN(NEWSDOC_FUZZ_TARGET)(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const newsdoc_fuzz::Failure& failure) {
    // An abort, not a return: libFuzzer saves the input as a crash.
    std::fprintf(stderr, "fuzz_%s: %s\n", NEWSDOC_FUZZ_NAME(NEWSDOC_FUZZ_TARGET), failure.what());
    std::abort();
  }
  return 0;
}
