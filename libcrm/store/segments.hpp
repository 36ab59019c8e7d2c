#pragma once
// The saved segments: a name, the expression text as written, a description.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "util/time.hpp"

namespace crm::store {

struct SavedSegment {
  std::int64_t id = 0;
  std::string name, expression, description;
  util::Timestamp created_at = 0, updated_at = 0;
};

class SegmentRepository {
public:
  explicit SegmentRepository(Database& db) : db_(db) {}

  // Throws util::ConflictError when the name is taken. Returns the new id.
  std::int64_t insert(const SavedSegment& segment);
  // Replaces expression, description and updated_at of segment.id.
  void update(const SavedSegment& segment);
  void remove(std::int64_t id);
  std::optional<SavedSegment> find(std::string_view name);
  // By name (byte order).
  std::vector<SavedSegment> all();

private:
  Database& db_;
};

} // namespace crm::store
