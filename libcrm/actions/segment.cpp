#include "actions/segment.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "domain/money.hpp"
#include "store/orders.hpp"
#include "store/segment_sql.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::actions {

namespace {

using Definitions = std::map<std::string, std::string, std::less<>>;

// A bad definition in a file: its message keeps the caret lines of an expression error.
class DefinitionError : public util::UsageError {
public:
  using util::UsageError::UsageError;
  [[nodiscard]] bool multiline() const noexcept override { return true; }
};

// Letters of any script, digits, _ - . : what segment:NAME can name without quotes.
void check_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '-' || name.front() == '.' ||
      !util::is_word(name, "_-."))
    throw util::UsageError(fmt::format(
        "invalid segment name '{}': use letters, digits, _ - . (at most 64 bytes, not starting "
        "with - or .)",
        util::strip_controls(name)));
}

std::optional<std::string> segment_text(store::SegmentRepository& repo, std::string_view name) {
  auto found = repo.find(name);
  if (!found) return std::nullopt;
  return found->expression;
}

store::SavedSegment must_find(store::SegmentRepository& repo, std::string_view name) {
  auto found = repo.find(name);
  if (!found) {
    std::vector<std::string> names;
    for (const auto& s : repo.all()) names.push_back(s.name);
    const auto near = util::nearest(name, names);
    throw util::NotFoundError(
        fmt::format("no segment '{}'{}; crm segment list shows them", name,
                    near ? fmt::format(" (did you mean '{}'?)", *near) : std::string()));
  }
  return *found;
}

std::int64_t count_where(Context& ctx, store::SqlPredicate where) {
  store::CustomerQuery query;
  query.where = std::move(where);
  return store::CustomerRepository(ctx.db()).count(query);
}

// Resolves `text` as the definition of segment `name` with `overrides` (other definitions
// about to be saved) taking precedence over the store: cycles through them are found too.
segment::ExprPtr resolve_definition(Context& ctx, std::string_view name, std::string_view text,
                                    const Definitions& overrides) {
  auto context = resolve_context(ctx);
  context.defining = name;
  auto stored = context.lookup_segment;
  context.lookup_segment = [&overrides, stored](std::string_view other) {
    const auto it = overrides.find(other);
    return it != overrides.end() ? std::optional<std::string>(it->second) : stored(other);
  };
  return segment::compile_text(text, context);
}

// Each saved segment's direct references (segment:NAME), from its text alone. A definition that
// no longer parses refers to nothing.
std::map<std::string, std::vector<std::string>> references(store::SegmentRepository& repo) {
  std::map<std::string, std::vector<std::string>> refs;
  for (const auto& s : repo.all()) {
    auto& mine = refs[s.name];
    try {
      mine = segment::referenced_segments(*segment::parse(s.expression));
    } catch (const util::UsageError&) {
    }
  }
  return refs;
}

std::vector<std::string> users_of(const std::map<std::string, std::vector<std::string>>& refs,
                                  std::string_view name) {
  std::vector<std::string> users;
  for (const auto& [user, used] : refs)
    if (std::find(used.begin(), used.end(), name) != used.end()) users.push_back(user);
  return users;
}

// Saved segments that use one of `changed`, directly or through others, must still resolve
// with the new definitions (a loop, or a nesting too deep, would otherwise break them later).
void check_dependents(Context& ctx, const Definitions& changed) {
  store::SegmentRepository repo(ctx.db());
  const auto refs = references(repo);
  std::vector<std::string> todo;
  for (const auto& [name, text] : changed) todo.push_back(name);
  std::set<std::string> seen(todo.begin(), todo.end());
  while (!todo.empty()) {
    const std::string name = todo.back();
    todo.pop_back();
    for (const auto& user : users_of(refs, name)) {
      if (!seen.insert(user).second || changed.count(user) != 0) continue;
      todo.push_back(user);
      try {
        resolve_definition(ctx, user, *segment_text(repo, user), changed);
      } catch (const util::Error& e) {
        throw DefinitionError(fmt::format("segment '{}' uses '{}' and would no longer work: {}",
                                          user, name, e.what()));
      }
    }
  }
}

util::Json saved_json(const store::SavedSegment& s) {
  util::Json json = util::Json::object();
  json.set("name", s.name);
  json.set("where", s.expression);
  json.set("description", s.description);
  return json;
}

// uses/used_by from the texts; the count (when asked) uses `resolved` or resolves the text, and a
// definition that no longer resolves (money.currency changed its decimals, ...) gets `error`.
SegmentInfo info_of(Context& ctx, store::SavedSegment saved,
                    const std::map<std::string, std::vector<std::string>>& refs, bool count,
                    const segment::Expr* resolved = nullptr) {
  SegmentInfo info;
  if (const auto mine = refs.find(saved.name); mine != refs.end()) info.uses = mine->second;
  info.used_by = users_of(refs, saved.name);
  if (count) {
    try {
      info.count = count_where(ctx, resolved != nullptr
                                        ? store::compile_segment(ctx.db(), *resolved, ctx.now())
                                        : compile_expression(ctx, saved.expression));
    } catch (const util::UsageError& e) {
      info.error = e.what();
    } catch (const util::NotFoundError& e) {
      info.error = e.what();
    }
  }
  info.saved = std::move(saved);
  return info;
}

} // namespace

segment::ResolveContext resolve_context(Context& ctx) {
  segment::ResolveContext context;
  context.now = ctx.now();
  context.timezone = ctx.timezone();
  context.currency_decimals = metrics_currency(ctx).decimals;
  auto& db = ctx.db();
  context.segment_names = [&db] {
    std::vector<std::string> names;
    for (const auto& saved : store::SegmentRepository(db).all()) names.push_back(saved.name);
    return names;
  };
  context.lookup_segment = [&db](std::string_view name) -> std::optional<std::string> {
    auto found = store::SegmentRepository(db).find(name);
    if (!found) return std::nullopt;
    return found->expression;
  };
  return context;
}

store::SqlPredicate compile_expression(Context& ctx, std::string_view text) {
  const auto expr = segment::compile_text(text, resolve_context(ctx));
  return store::compile_segment(ctx.db(), *expr, ctx.now());
}

std::string filter_text(Context& ctx, const SegmentFilter& filter) {
  std::string text;
  if (filter.segment) {
    store::SegmentRepository repo(ctx.db());
    text = "segment:" + must_find(repo, *filter.segment).name;
  }
  if (filter.where)
    text = text.empty() ? *filter.where : fmt::format("{} and ({})", text, *filter.where);
  if (text.empty()) throw util::UsageError("give a segment NAME or --where EXPR");
  return text;
}

void apply_segment_filter(Context& ctx, const SegmentFilter& filter, store::CustomerQuery& query) {
  if (filter.segment && query.deleted != store::CustomerQuery::Deleted::exclude)
    throw util::UsageError("--segment: deleted customers are never members of a segment; leave "
                           "out --deleted / --include-deleted (--where works with them)");
  if (filter.segment || filter.where)
    query.where = compile_expression(ctx, filter_text(ctx, filter));
}

util::Json segment_json(const Context& ctx, const SegmentInfo& info) {
  util::Json json = saved_json(info.saved);
  if (info.count) json.set("count", *info.count);
  if (info.error) json.set("error", *info.error);
  util::Json uses = util::Json::array();
  for (const auto& name : info.uses) uses.push_back(name);
  json.set("uses", std::move(uses));
  util::Json used_by = util::Json::array();
  for (const auto& name : info.used_by) used_by.push_back(name);
  json.set("used_by", std::move(used_by));
  json.set("created_at", ctx.time_json(info.saved.created_at));
  json.set("updated_at", ctx.time_json(info.saved.updated_at));
  return json;
}

SegmentInfo create_segment(Context& ctx, const SaveSegment& input) {
  check_name(input.name);
  if (!input.where) throw util::UsageError("crm segment create: --where EXPR is required");
  store::Transaction tx(ctx.db());
  store::SegmentRepository repo(ctx.db());
  if (repo.find(input.name))
    throw util::ConflictError(fmt::format(
        "segment '{}' already exists; change it with crm segment edit {}", input.name, input.name));
  const auto expr = resolve_definition(ctx, input.name, *input.where, {{input.name, *input.where}});
  store::SavedSegment saved{0, input.name, *input.where, input.description.value_or(""), 0, 0};
  saved.created_at = saved.updated_at = ctx.now();
  if (!input.dry_run) {
    saved.id = repo.insert(saved);
    audit(ctx, "segment", saved.id, "create", std::nullopt, saved_json(saved));
  }
  auto refs = references(repo);
  refs[saved.name] = segment::referenced_segments(*expr);
  auto info = info_of(ctx, saved, refs, true, expr.get());
  if (input.dry_run)
    tx.rollback();
  else
    tx.commit();
  return info;
}

SegmentInfo edit_segment(Context& ctx, const SaveSegment& input) {
  store::Transaction tx(ctx.db());
  store::SegmentRepository repo(ctx.db());
  const auto before = must_find(repo, input.name);
  auto after = before;
  if (input.where) after.expression = *input.where;
  if (input.description) after.description = *input.description;
  const Definitions changes = {{after.name, after.expression}};
  const auto expr = resolve_definition(ctx, after.name, after.expression, changes);
  check_dependents(ctx, changes);
  const bool changed =
      after.expression != before.expression || after.description != before.description;
  if (changed && !input.dry_run) {
    after.updated_at = ctx.now();
    repo.update(after);
    audit(ctx, "segment", after.id, "edit", saved_json(before), saved_json(after));
  }
  auto refs = references(repo);
  refs[after.name] = segment::referenced_segments(*expr);
  auto info = info_of(ctx, after, refs, true, expr.get());
  if (input.dry_run)
    tx.rollback();
  else
    tx.commit();
  return info;
}

SegmentInfo remove_segment(Context& ctx, std::string_view name, bool dry_run) {
  store::Transaction tx(ctx.db());
  store::SegmentRepository repo(ctx.db());
  const auto saved = must_find(repo, name);
  const auto users = users_of(references(repo), saved.name);
  if (!users.empty())
    throw util::ConflictError(fmt::format(
        "segment '{}' is used by segment{} {}: change {} first", saved.name,
        users.size() == 1 ? "" : "s", util::join(users, ", "), users.size() == 1 ? "it" : "them"));
  SegmentInfo info;
  info.saved = saved;
  if (!dry_run) {
    repo.remove(saved.id);
    audit(ctx, "segment", saved.id, "rm", saved_json(saved), std::nullopt);
    tx.commit();
  }
  return info;
}

SegmentInfo show_segment(Context& ctx, std::string_view name) {
  store::SegmentRepository repo(ctx.db());
  auto saved = must_find(repo, name);
  return info_of(ctx, std::move(saved), references(repo), true);
}

std::vector<SegmentInfo> list_segments(Context& ctx, bool count) {
  store::SegmentRepository repo(ctx.db());
  const auto refs = references(repo);
  std::vector<SegmentInfo> all;
  for (auto& saved : repo.all()) all.push_back(info_of(ctx, std::move(saved), refs, count));
  return all;
}

std::int64_t count_segment(Context& ctx, const SegmentFilter& filter) {
  return count_where(ctx, compile_expression(ctx, filter_text(ctx, filter)));
}

ImportDefsSummary import_segment_defs(Context& ctx, const std::vector<settings::SegmentDef>& defs,
                                      bool dry_run) {
  std::map<std::string, std::string, std::less<>> incoming;
  for (const auto& def : defs) {
    try {
      check_name(def.name);
    } catch (const util::UsageError& e) {
      throw util::UsageError(fmt::format("line {}: {}", def.line, e.what()));
    }
    incoming[def.name] = def.where;
  }
  store::Transaction tx(ctx.db());
  check_dependents(ctx, incoming);
  for (const auto& def : defs) {
    try {
      resolve_definition(ctx, def.name, def.where, incoming);
    } catch (const util::Error& e) {
      throw DefinitionError(
          fmt::format("segment '{}' (line {}): {}", def.name, def.line, e.what()));
    }
  }
  store::SegmentRepository repo(ctx.db());
  ImportDefsSummary summary;
  const auto now = ctx.now();
  for (const auto& def : defs) {
    auto before = repo.find(def.name);
    store::SavedSegment after{0, def.name, def.where, def.description, now, now};
    if (!before) {
      summary.created.push_back(def.name);
      if (!dry_run) {
        after.id = repo.insert(after);
        audit(ctx, "segment", after.id, "create", std::nullopt, saved_json(after));
      }
    } else if (before->expression != def.where || before->description != def.description) {
      summary.updated.push_back(def.name);
      after.id = before->id;
      after.created_at = before->created_at;
      if (!dry_run) {
        repo.update(after);
        audit(ctx, "segment", after.id, "edit", saved_json(*before), saved_json(after));
      }
    } else {
      summary.unchanged.push_back(def.name);
    }
  }
  if (dry_run)
    tx.rollback();
  else
    tx.commit();
  return summary;
}

} // namespace crm::actions
