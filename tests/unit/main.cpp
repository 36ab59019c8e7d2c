// The unit test main: every test process runs in a fresh temporary directory, so tests can
// create files freely and never touch the developer's store or config.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

int main(int argc, char** argv) {
  std::string pattern = (std::filesystem::temp_directory_path() / "crm-unit-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const std::filesystem::path dir = pattern;
  std::filesystem::current_path(dir);
  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
  doctest::Context context(argc, argv);
  const int result = context.run();
  std::filesystem::current_path("/");
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return result;
}
