#include "util/file.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace crm::util {

AtomicFile::AtomicFile(std::filesystem::path target, bool replace)
    : target_(std::move(target)), buffer_(std::size_t{1} << 20) {
  std::error_code error;
  if (std::filesystem::is_directory(target_, error))
    throw UsageError(fmt::format("{} is a directory: give a file name", target_.string()));
  if (!replace && std::filesystem::exists(target_, error))
    throw ConflictError(fmt::format("{} exists: pass --force to replace it", target_.string()));
  const auto dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir, error))
    throw UsageError(
        fmt::format("cannot write {}: there is no directory {}", target_.string(), dir.string()));
  std::string pattern =
      (dir / fmt::format(".{}.partial-XXXXXX", target_.filename().string())).string();
  const int fd = mkstemp(pattern.data()); // mode 0600
  if (fd < 0)
    throw Error(fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(errno)));
  ::close(fd);
  temporary_ = pattern;
  out_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    std::filesystem::remove(temporary_, error);
    throw Error(fmt::format("cannot write {}: {}", temporary_.string(), std::strerror(errno)));
  }
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  const bool written = static_cast<bool>(out_);
  const int saved_errno = errno;
  out_.close();
  if (!written || !out_)
    throw Error(fmt::format("cannot write {}: {}", target_.string(), std::strerror(saved_errno)));
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw Error(fmt::format("cannot write {}: {}", target_.string(), error.message()));
  committed_ = true;
}

} // namespace crm::util
