#pragma once
// Output files that are complete or absent: written under a hidden temporary name beside the
// target (".NAME.partial-XXXXXX", mode 0600: exports hold personal data) and renamed to the
// target by commit(). A file never committed (an error, Ctrl-C) is removed; only SIGKILL can
// leave the temporary behind, and never under the target's name.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace crm::util {

class AtomicFile {
public:
  // Throws UsageError for a directory or a missing parent directory, ConflictError for an existing
  // file unless `replace`
  // ("pass --force"), Error when the temporary cannot be created.
  AtomicFile(std::filesystem::path target, bool replace);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The stream to write to (binary, with a 1 MiB buffer).
  std::ofstream& stream() { return out_; }
  [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }
  // Flushes, checks that everything was written, and renames into place. Throws Error.
  void commit();

private:
  std::filesystem::path target_, temporary_;
  std::vector<char> buffer_;
  std::ofstream out_;
  bool committed_ = false;
};

} // namespace crm::util
