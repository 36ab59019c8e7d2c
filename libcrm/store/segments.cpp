#include "store/segments.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace crm::store {

namespace {

constexpr std::string_view select_from =
    "SELECT id, name, expression, description, created_at, updated_at FROM segments";

SavedSegment read(const Statement& q) {
  return SavedSegment{q.get_int(0),  q.get_text(1), q.get_text(2),
                      q.get_text(3), q.get_int(4),  q.get_int(5)};
}

} // namespace

std::int64_t SegmentRepository::insert(const SavedSegment& segment) {
  if (find(segment.name))
    throw util::ConflictError(fmt::format("segment '{}' already exists", segment.name));
  Statement q(db_, "INSERT INTO segments (name, expression, description, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?)");
  q.bind_all(segment.name, segment.expression, segment.description, segment.created_at,
             segment.updated_at);
  q.run();
  return db_.last_insert_rowid();
}

void SegmentRepository::update(const SavedSegment& segment) {
  Statement q(db_, "UPDATE segments SET expression = ?, description = ?, updated_at = ? "
                   "WHERE id = ?");
  q.bind_all(segment.expression, segment.description, segment.updated_at, segment.id);
  q.run();
}

void SegmentRepository::remove(std::int64_t id) {
  Statement q(db_, "DELETE FROM segments WHERE id = ?");
  q.bind(1, id).run();
}

std::optional<SavedSegment> SegmentRepository::find(std::string_view name) {
  Statement q(db_, fmt::format("{} WHERE name = ?", select_from));
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  return read(q);
}

std::vector<SavedSegment> SegmentRepository::all() {
  Statement q(db_, fmt::format("{} ORDER BY name", select_from));
  std::vector<SavedSegment> found;
  while (q.step()) found.push_back(read(q));
  return found;
}

} // namespace crm::store
