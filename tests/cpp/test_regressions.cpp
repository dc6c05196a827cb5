// Every input that crashed a fuzz target (tests/fuzz/regressions), and every
// seed of the fuzz corpora (tests/fuzz/corpus), replayed through the fuzz
// targets' own code (tests/fuzz/targets.hpp): each must give a result or a
// clean newsdoc::Error and keep every invariant the targets check. Under
// `make sanitize` this also holds them to ASan and UBSan.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../fuzz/targets.hpp"
#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;

using Run = void (*)(std::string_view);

struct Target {
  const char* name;
  Run run;
};

const Target targets[] = {
    {"loads", newsdoc_fuzz::run_loads},
    {"import_text", newsdoc_fuzz::run_import_text},
    {"roundtrip", newsdoc_fuzz::run_roundtrip},
    {"annotate", newsdoc_fuzz::run_annotate},
    {"binary", newsdoc_fuzz::run_binary},
    {"transforms", newsdoc_fuzz::run_transforms},
};

const Target* target_named(std::string_view name) {
  for (const Target& t : targets) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void replay(const Target& target, const fs::path& file) {
  SCOPED_TRACE(file.string());
  const std::string data = newsdoc_test::read_file(file);
  try {
    target.run(data);
  } catch (const newsdoc_fuzz::Failure& failure) {
    ADD_FAILURE() << target.name << ": " << failure.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << target.name << ": uncaught " << e.what();
  }
}

// A regression input is named <target>-<anything>: the target it crashed.
TEST(FuzzRegressions, EveryCrashInput) {
  const fs::path dir = newsdoc_test::source_dir() / "tests" / "fuzz" / "regressions";
  for (const fs::path& file : files_in(dir)) {
    const std::string name = file.filename().string();
    const auto dash = name.find('-');
    const Target* target = dash == std::string::npos ? nullptr : target_named(name.substr(0, dash));
    if (!target) {
      ADD_FAILURE() << file << " is not named <target>-<name> after a fuzz target";
      continue;
    }
    replay(*target, file);
  }
}

TEST(FuzzRegressions, EverySeed) {
  std::size_t seeds = 0;
  for (const Target& target : targets) {
    for (const fs::path& file : files_in(newsdoc_test::source_dir() / "tests" / "fuzz" / "corpus" / target.name)) {
      replay(target, file);
      ++seeds;
    }
  }
  EXPECT_GT(seeds, 0u);
}

}  // namespace
