#include "actions/import.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_map>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/customer.hpp"
#include "actions/privacy.hpp"
#include "csv/reader.hpp"
#include "csv/writer.hpp"
#include "domain/phone.hpp"
#include "domain/validate.hpp"
#include "settings/settings.hpp"
#include "store/customers.hpp"
#include "store/suppressions.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

namespace fs = std::filesystem;
using domain::Customer;
using domain::CustomerId;

constexpr std::array<std::string_view, 4> channels = {"email", "sms", "phone", "postal"};

// What one row says about a customer: only the cells that hold a value.
struct Patch {
  Customer values; // text fields set where the row has them
  std::optional<std::string> status;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::optional<util::Timestamp> created_at;
  std::array<std::optional<std::string>, 4> consent; // by channels[]
};

std::string consent_state(std::string_view cell) {
  const std::string v = util::to_lower_ascii(util::trim(cell));
  for (const char* yes : {"yes", "y", "true", "t", "1", "opt-in", "optin", "opt_in", "in",
                          "subscribed", "confirmed", "granted", "是", "同意", "订阅"})
    if (v == yes) return "opt-in";
  for (const char* no : {"no", "n", "false", "f", "0", "opt-out", "optout", "opt_out", "out",
                         "unsubscribed", "declined", "revoked", "否", "不同意", "退订"})
    if (v == no) return "opt-out";
  if (v == "unknown" || v == "?" || v == "pending" || v == "未知") return "unknown";
  throw util::UsageError(fmt::format(
      "invalid consent '{}': use yes/no, true/false, 1/0, opt-in/opt-out or unknown", cell));
}

std::vector<std::string> split_tags(std::string_view cell) {
  std::vector<std::string> tags;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) tags.push_back(domain::normalize_tag(current));
    current.clear();
  };
  for (const char c : cell) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '|')
      flush();
    else
      current += c;
  }
  flush();
  return tags;
}

void check_choice(std::string_view option, const std::string& value,
                  std::initializer_list<std::string_view> allowed) {
  for (const auto a : allowed) {
    if (value == a) return;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  throw util::UsageError(
      fmt::format("{} '{}': use one of {}", option, value, util::join(names, ", ")));
}

std::string field_text(const Customer& c, const std::string& field) {
  if (field == "status") return c.status;
  const auto* value = domain::text_field(c, field);
  return value != nullptr && *value ? **value : std::string("(empty)");
}

Customer customer_from_json(const util::Json& json) {
  Customer c;
  c.id = json.find("id")->as_int();
  for (const auto& name : domain::text_field_names()) {
    const auto* value = json.find(name);
    if (value != nullptr && value->is_string()) *domain::text_field(c, name) = value->as_string();
  }
  c.status = json.find("status")->as_string();
  for (const auto& tag : json.find("tags")->as_array()) c.tags.push_back(tag.as_string());
  for (const auto& [key, value] : json.find("attributes")->as_object())
    c.attributes.emplace_back(key, value.as_string());
  const auto time = [&json](std::string_view key) -> std::optional<util::Timestamp> {
    const auto* value = json.find(key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return util::parse_time(value->as_string(), 0, "UTC");
  };
  c.created_at = time("created_at").value_or(0);
  c.updated_at = time("updated_at").value_or(0);
  c.deleted_at = time("deleted_at");
  return c;
}

// 64-bit FNV-1a: the in-memory phone index keys (a hit is verified against the store).
std::uint64_t hash_key(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

class Importer {
public:
  Importer(Context& ctx, const ImportCustomers& input, const ImportHooks& hooks)
      : ctx_(ctx), in_(input), hooks_(hooks), db_(ctx.db()), customers_(db_), consents_(db_),
        imports_(db_), suppressions_(db_) {}

  ImportSummary run();

private:
  void check_options();
  void process(const csv::Record& record);
  std::optional<Patch> parse(const csv::Record& record, std::string& error);
  std::optional<std::string> match_key(const Patch& patch, std::string& error) const;
  std::optional<Customer> find_match(const std::string& key, std::string& error);
  void reject(const csv::Record& record, const std::string& error);
  void outcome(std::size_t line, std::string action, std::optional<CustomerId> id,
               std::string detail);
  std::string suppressed(const Patch& patch);
  std::string create(const csv::Record& record, Patch& patch, const std::string* key);
  void update(const csv::Record& record, const Customer& found, const Patch& patch);
  std::optional<std::size_t> earlier_line(CustomerId id) const;
  // The same number, however written ("+86 138 0013 8000" and "+8613800138000").
  bool same_phone(const std::string& stored, const std::string& imported) const;
  std::string clash_message(const Customer& c);
  void build_phone_index();

  Context& ctx_;
  const ImportCustomers& in_;
  const ImportHooks& hooks_;
  store::Database& db_;
  store::CustomerRepository customers_;
  store::ConsentRepository consents_;
  store::ImportRepository imports_;
  store::SuppressionRepository suppressions_;

  std::string file_; // as named in messages
  Mapping mapping_;
  std::size_t width_ = 0;
  std::string consent_source_;
  std::vector<std::string> extra_tags_;
  bool fill_ = false;
  bool check_suppressions_ = false;
  bool store_was_empty_ = false;
  std::string default_status_;
  store::ImportBatch batch_;
  ImportSummary summary_;
  std::optional<RejectsFile> rejects_;
  // This run's customers: created ids are consecutive from batch_.first_created, their lines
  // by offset; updated ones by id. A key matching one of them is a duplicate in the file.
  std::vector<std::uint32_t> created_lines_;
  std::unordered_map<CustomerId, std::uint32_t> updated_lines_;
  std::unordered_multimap<std::uint64_t, CustomerId> phone_index_; // --match phone only
};

void Importer::check_options() {
  check_choice("--match", in_.match, {"email", "external_id", "phone"});
  check_choice("--mode", in_.mode, {"create", "update", "upsert", "fill"});
  if (in_.default_country && !domain::calling_code(*in_.default_country))
    throw util::UsageError(fmt::format("--default-country '{}': expected an ISO 3166 code with "
                                       "a telephone country code, such as CN or DE",
                                       *in_.default_country));
  for (const auto& tag : in_.tags) extra_tags_.push_back(domain::normalize_tag(tag));
  fill_ = in_.mode == "fill";
}

ImportSummary Importer::run() {
  check_options();
  file_ = in_.file == "-" ? std::string("-") : in_.file;
  const auto maps = explicit_maps(in_.map_file, in_.maps);
  InputFile input(in_.file);
  csv::ReaderOptions options;
  options.encoding = in_.encoding;
  options.delimiter = parse_delimiter(in_.delimiter);
  csv::Reader reader(input.stream(), file_, options);
  if (reader.raw_header().empty())
    throw util::DataError(
        fmt::format("{}:1: the file is empty: expected a header line naming the columns", file_));
  summary_.encoding = reader.encoding();
  summary_.delimiter = reader.delimiter();
  width_ = reader.raw_header().size();
  mapping_ = map_columns(reader.raw_header(), maps, in_.keep_unmapped, file_);
  summary_.unmapped = mapping_.unmapped;
  // Without the key column every row would be new: a second run would add them all again.
  if (!mapping_.column_of(in_.match) && in_.mode != "create")
    throw util::UsageError(fmt::format(
        "--match {}: {} has no {} column (its columns: {}): map one with --map 'Header={}', "
        "match on another field, or pass --mode create to add every row as a new customer",
        in_.match, file_, in_.match, util::join(reader.raw_header(), ", "), in_.match));
  consent_source_ = in_.consent_source.value_or(
      fmt::format("import of {}", file_ == "-" ? std::string("standard input")
                                               : fs::path(file_).filename().string()));
  // A dry run writes nothing, not even the rejects file: its table shows every reject.
  if (in_.rejects && !in_.dry_run)
    rejects_.emplace(*in_.rejects, reader.raw_header(), reader.delimiter());

  // A bulk write: a larger page cache keeps the index pages in memory (48 MiB at most).
  db_.exec("PRAGMA cache_size = -49152");
  store::Transaction transaction(db_);
  check_suppressions_ = suppressions_.count() > 0;
  store_was_empty_ = imports_.count_customers() == 0;
  default_status_ = ctx_.settings().get_string("customer.default_status");
  if (in_.match == "phone") build_phone_index();
  batch_.file = file_ == "-" ? "-" : fs::absolute(file_).lexically_normal().string();
  batch_.mode = in_.mode;
  batch_.at = ctx_.now();
  batch_.os_user = ctx_.user();
  batch_.command = ctx_.command_line();
  batch_.id = imports_.begin(batch_);

  csv::Record record;
  while (reader.next(record)) {
    if (store::interrupted()) throw util::InterruptedError(); // Ctrl-C between statements
    ++summary_.rows;
    process(record);
    if (hooks_.progress && summary_.rows % 4096 == 0) hooks_.progress(summary_.rows);
  }
  if (hooks_.progress) hooks_.progress(summary_.rows);
  if (rejects_) rejects_->finish();

  batch_.created = summary_.created;
  batch_.updated = summary_.updated;
  batch_.unchanged = summary_.unchanged;
  batch_.rejected = summary_.rejected;
  if (summary_.rows == 0) {
    transaction.rollback(); // a header and no rows: nothing to record
    return summary_;
  }
  if (summary_.rejected > 0 && !in_.skip_invalid) {
    transaction.rollback(); // all or nothing: the caller reports the problems
    return summary_;
  }
  if (in_.dry_run) {
    transaction.rollback();
    return summary_;
  }
  audit(ctx_, "import", batch_.id, "import", std::nullopt, import_batch_json(ctx_, batch_));
  batch_.audit_id = db_.last_insert_rowid();
  imports_.finish(batch_);
  transaction.commit();
  summary_.batch = batch_.id;
  summary_.committed = true;
  return summary_;
}

void Importer::build_phone_index() {
  imports_.for_each_live_phone([this](CustomerId id, const std::string& phone) {
    try {
      phone_index_.emplace(hash_key(domain::phone_e164(phone, in_.default_country.value_or(""))),
                           id);
    } catch (const util::UsageError&) {
      // A stored phone without a country code cannot match an E.164 key.
    }
  });
}

std::optional<Patch> Importer::parse(const csv::Record& record, std::string& error) {
  const auto& fields = record.fields;
  if (fields.size() != width_) {
    bool extra_empty = fields.size() > width_;
    for (std::size_t i = width_; extra_empty && i < fields.size(); ++i)
      extra_empty = util::trim(fields[i]).empty();
    if (!extra_empty) {
      error = fmt::format("{} fields, but the header has {}", fields.size(), width_);
      return std::nullopt;
    }
  }
  Patch patch;
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < width_; ++i) {
    const auto& column = mapping_.columns[i];
    if (column.field.empty()) continue;
    const std::string_view cell = without_formula_guard(fields[i]);
    if (util::trim(cell).empty()) continue;
    const std::string& field = column.field;
    try {
      if (field == "name") {
        auto [first, last] = split_full_name(domain::normalize_text(cell, "name"));
        if (!first.empty()) patch.values.first_name = first;
        if (!last.empty()) patch.values.last_name = last;
      } else if (field == "status") {
        patch.status = domain::normalize_status(cell);
      } else if (field == "tags") {
        for (auto& tag : split_tags(cell)) patch.tags.push_back(std::move(tag));
      } else if (field == "created_at") {
        patch.created_at = util::parse_time(util::trim(cell), ctx_.now(), ctx_.timezone());
      } else if (field.rfind("consent_", 0) == 0) {
        const auto channel = field.substr(8);
        const auto index = static_cast<std::size_t>(
            std::find(channels.begin(), channels.end(), channel) - channels.begin());
        patch.consent[index] = consent_state(cell);
      } else if (field.rfind("attr.", 0) == 0) {
        patch.attributes.emplace_back(field.substr(5), domain::normalize_text(cell, field));
      } else if (field == "phone" && in_.default_country) {
        patch.values.phone = domain::phone_e164(cell, *in_.default_country);
      } else {
        *domain::text_field(patch.values, field) = domain::normalize_field(field, cell);
      }
    } catch (const util::UsageError& e) {
      errors.push_back(fmt::format("column '{}': {}", column.header, e.what()));
    }
  }
  if (!errors.empty()) {
    error = util::join(errors, "; ");
    return std::nullopt;
  }
  for (const auto& tag : extra_tags_) patch.tags.push_back(tag);
  std::sort(patch.tags.begin(), patch.tags.end());
  patch.tags.erase(std::unique(patch.tags.begin(), patch.tags.end()), patch.tags.end());
  std::sort(patch.attributes.begin(), patch.attributes.end());
  return patch;
}

std::optional<std::string> Importer::match_key(const Patch& patch, std::string& error) const {
  const auto& v = patch.values;
  if (in_.match == "email")
    return v.email ? std::optional(domain::email_key(*v.email)) : std::nullopt;
  if (in_.match == "external_id") return v.external_id;
  if (!v.phone) return std::nullopt;
  try {
    return domain::phone_e164(*v.phone, in_.default_country.value_or(""));
  } catch (const util::UsageError& e) {
    error = fmt::format("cannot match on phone: {}", e.what());
    return std::nullopt;
  }
}

std::optional<std::size_t> Importer::earlier_line(CustomerId id) const {
  if (batch_.first_created && id >= *batch_.first_created &&
      static_cast<std::size_t>(id - *batch_.first_created) < created_lines_.size())
    return created_lines_[static_cast<std::size_t>(id - *batch_.first_created)];
  const auto it = updated_lines_.find(id);
  if (it != updated_lines_.end()) return it->second;
  return std::nullopt;
}

std::optional<Customer> Importer::find_match(const std::string& key, std::string& error) {
  if (in_.match == "email") return customers_.find_live_by_email(key);
  if (in_.match == "external_id") {
    auto found = customers_.find_by_external_id(key);
    if (found && found->deleted_at) {
      error = fmt::format("external id {} belongs to deleted customer {}: restore it first "
                          "('crm customer restore {}')",
                          key, found->id, found->id);
      return std::nullopt;
    }
    return found;
  }
  std::vector<CustomerId> ids;
  const auto [first, last] = phone_index_.equal_range(hash_key(key));
  for (auto it = first; it != last; ++it) {
    auto c = customers_.find(it->second);
    if (!c || c->deleted_at || !c->phone) continue;
    try {
      if (domain::phone_e164(*c->phone, in_.default_country.value_or("")) == key)
        ids.push_back(c->id);
    } catch (const util::UsageError&) {
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > 1) {
    std::vector<std::string> names;
    for (const auto id : ids) names.push_back(std::to_string(id));
    error = fmt::format("phone {} matches several customers ({}): merge them first, or match "
                        "on email or external_id",
                        key, util::join(names, ", "));
    return std::nullopt;
  }
  if (ids.empty()) return std::nullopt;
  return customers_.find(ids.front());
}

std::string Importer::suppressed(const Patch& patch) {
  return check_suppressions_ ? forgotten_contact_message(db_, patch.values) : std::string();
}

void Importer::outcome(std::size_t line, std::string action, std::optional<CustomerId> id,
                       std::string detail) {
  if (hooks_.row) hooks_.row(ImportRow{line, std::move(action), id, std::move(detail)});
}

void Importer::reject(const csv::Record& record, const std::string& error) {
  ++summary_.rejected;
  if (summary_.problems.size() < max_problems)
    summary_.problems.push_back(fmt::format("{}:{}: {}", file_, record.line, error));
  else
    ++summary_.problems_omitted;
  if (rejects_) rejects_->write(record, error);
  outcome(record.line, "reject", std::nullopt, error);
}

void Importer::process(const csv::Record& record) {
  std::string error;
  auto patch = parse(record, error);
  if (!patch) return reject(record, error);
  if (auto why = suppressed(*patch); !why.empty()) return reject(record, why);
  const auto key = match_key(*patch, error);
  if (!error.empty()) return reject(record, error);
  std::optional<Customer> found;
  // Into a store that was empty, only this file's rows can match: the unique indexes catch
  // those on insert (email, external id), so the lookups are skipped.
  if (key && (!store_was_empty_ || in_.match == "phone")) {
    found = find_match(*key, error);
    if (!error.empty()) return reject(record, error);
  }
  if (found) {
    if (const auto line = earlier_line(found->id))
      return reject(record,
                    fmt::format("duplicate {} {} in the file (line {})", in_.match, *key, *line));
    if (in_.mode == "create")
      return reject(record, fmt::format("{} {} is already customer {} (--mode create only adds "
                                        "customers; use --mode upsert to update them)",
                                        in_.match, *key, found->id));
    return update(record, *found, *patch);
  }
  if (in_.mode == "update")
    return reject(record,
                  key ? fmt::format("no customer with {} {} (--mode update only changes existing "
                                    "customers; use --mode upsert to add them)",
                                    in_.match, *key)
                      : fmt::format("no {} to match on (--mode update)", in_.match));
  error = create(record, *patch, key ? &*key : nullptr);
  if (!error.empty()) reject(record, error);
}

// The message for a new or changed customer whose email or external id is taken.
std::string Importer::clash_message(const Customer& c) {
  if (c.email) {
    if (auto other = customers_.find_live_by_email(*c.email); other && other->id != c.id) {
      if (auto line = earlier_line(other->id))
        return fmt::format("duplicate email {} in the file (line {})", *c.email, *line);
      return fmt::format("email {} is already used by customer {}", *c.email, other->id);
    }
  }
  if (c.external_id) {
    if (auto other = customers_.find_by_external_id(*c.external_id); other && other->id != c.id) {
      if (auto line = earlier_line(other->id))
        return fmt::format("duplicate external id {} in the file (line {})", *c.external_id, *line);
      return fmt::format("external id {} is already used by customer {}", *c.external_id,
                         other->id);
    }
  }
  return {};
}

std::string Importer::create(const csv::Record& record, Patch& patch, const std::string* key) {
  Customer c = std::move(patch.values);
  if (!c.email && !c.phone && !c.first_name && !c.last_name && !c.company && !c.external_id)
    return "nothing to create a customer from: the row needs an email, phone, name, company or "
           "external id";
  c.status = patch.status.value_or(default_status_);
  c.tags = std::move(patch.tags);
  c.attributes = std::move(patch.attributes);
  c.created_at = patch.created_at.value_or(ctx_.now());
  c.updated_at = ctx_.now();
  try {
    c.id = customers_.insert_checked(c);
  } catch (const util::ConflictError&) {
    auto message = clash_message(c);
    if (message.empty()) throw;
    return message;
  }
  if (!batch_.first_created) batch_.first_created = c.id;
  batch_.last_created = c.id;
  created_lines_.push_back(static_cast<std::uint32_t>(record.line));
  if (key && in_.match == "phone") phone_index_.emplace(hash_key(*key), c.id);
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (!patch.consent[i]) continue;
    consents_.record(c.id, {std::string(channels[i]), *patch.consent[i], consent_source_,
                            ctx_.now(), ctx_.now(), ctx_.user()});
  }
  ++summary_.created;
  if (hooks_.row) outcome(record.line, "create", c.id, "");
  return {};
}

bool Importer::same_phone(const std::string& stored, const std::string& imported) const {
  try {
    return domain::phone_e164(stored, in_.default_country.value_or("")) ==
           domain::phone_e164(imported, in_.default_country.value_or(""));
  } catch (const util::UsageError&) {
    return false;
  }
}

void Importer::update(const csv::Record& record, const Customer& found, const Patch& patch) {
  Customer after = found;
  std::vector<std::string> details;
  for (const auto& name : domain::text_field_names()) {
    const auto& value = *domain::text_field(patch.values, name);
    auto& target = *domain::text_field(after, name);
    if (!value || (fill_ && target)) continue;
    if (name == "phone" && target && same_phone(*target, *value)) continue; // keep its format
    target = value;
  }
  if (patch.status && !fill_) after.status = *patch.status;
  for (const auto& tag : patch.tags) after.tags.push_back(tag);
  std::sort(after.tags.begin(), after.tags.end());
  after.tags.erase(std::unique(after.tags.begin(), after.tags.end()), after.tags.end());
  for (const auto& [key, value] : patch.attributes) {
    auto it = std::find_if(after.attributes.begin(), after.attributes.end(),
                           [&key = key](const auto& kv) { return kv.first == key; });
    if (it == after.attributes.end())
      after.attributes.emplace_back(key, value);
    else if (!fill_)
      it->second = value;
  }
  std::sort(after.attributes.begin(), after.attributes.end());

  const auto current = consents_.current(found.id);
  util::Json consent_before = util::Json::object();
  std::vector<std::pair<std::string, std::string>> consent_changes;
  for (std::size_t i = 0; i < channels.size(); ++i) {
    const std::string channel(channels[i]);
    const auto it = std::find_if(current.begin(), current.end(),
                                 [&channel](const auto& c) { return c.channel == channel; });
    consent_before.set(channel, it == current.end() ? util::Json() : util::Json(it->state));
    if (!patch.consent[i] || (fill_ && it != current.end())) continue;
    if (it != current.end() && it->state == *patch.consent[i]) continue;
    details.push_back(fmt::format("consent_{}: {} -> {}", channel,
                                  it == current.end() ? std::string("(none)") : it->state,
                                  *patch.consent[i]));
    consent_changes.emplace_back(channel, *patch.consent[i]);
  }
  auto changed = changed_fields(found, after);
  if (changed.empty() && consent_changes.empty()) {
    ++summary_.unchanged;
    updated_lines_.emplace(found.id, static_cast<std::uint32_t>(record.line));
    outcome(record.line, "unchanged", found.id, "");
    return;
  }
  if (!changed.empty()) {
    after.updated_at = ctx_.now();
    try {
      customers_.update(after); // checks that the email and external id are free
    } catch (const util::ConflictError&) {
      auto message = clash_message(after);
      if (message.empty()) throw;
      return reject(record, message);
    }
  }
  std::vector<std::string> field_details;
  for (const auto& field : changed) {
    if (field == "tags" || field == "attributes")
      field_details.push_back(field);
    else
      field_details.push_back(
          fmt::format("{}: {} -> {}", field, field_text(found, field), field_text(after, field)));
  }
  field_details.insert(field_details.end(), details.begin(), details.end());

  util::Json before = util::Json::object();
  before.set("customer", customer_json(found));
  before.set("consent", std::move(consent_before));
  imports_.record_update(batch_.id, found.id, before.dump());
  for (const auto& [channel, state] : consent_changes)
    consents_.record(found.id,
                     {channel, state, consent_source_, ctx_.now(), ctx_.now(), ctx_.user()});
  updated_lines_.emplace(found.id, static_cast<std::uint32_t>(record.line));
  ++summary_.updated;
  outcome(record.line, "update", found.id, util::join(field_details, "; "));
}

} // namespace

util::Json ImportSummary::json() const {
  util::Json json = util::Json::object();
  json.set("batch", batch ? util::Json(*batch) : util::Json());
  json.set("created", created);
  json.set("updated", updated);
  json.set("unchanged", unchanged);
  json.set("rejected", rejected);
  return json;
}

ImportSummary import_customers(Context& ctx, const ImportCustomers& input,
                               const ImportHooks& hooks) {
  Importer importer(ctx, input, hooks);
  return importer.run();
}

UndoSummary undo_import(Context& ctx, std::int64_t batch_id, bool dry_run) {
  store::ImportRepository imports(ctx.db());
  store::Transaction transaction(ctx.db());
  const auto batch = imports.find(batch_id);
  if (!batch) throw util::NotFoundError(fmt::format("no import batch {}", batch_id));
  if (batch->undone_at)
    throw util::ConflictError(fmt::format("import batch {} was already undone ({})", batch_id,
                                          util::format_iso_utc(*batch->undone_at)));
  const auto later = imports.later_changes(*batch, 11);
  if (!later.empty()) {
    std::vector<std::string> which;
    for (std::size_t i = 0; i < later.size() && i < 10; ++i)
      which.push_back(fmt::format("customer {} ({})", later[i].customer, later[i].what));
    throw util::ConflictError(
        fmt::format("import batch {} cannot be undone: later changes touched its customers: {}{}; "
                    "nothing was changed",
                    batch_id, util::join(which, ", "), later.size() > 10 ? ", ..." : ""));
  }
  UndoSummary summary;
  summary.batch = batch_id;
  store::CustomerRepository customers(ctx.db());
  store::ConsentRepository consents(ctx.db());
  const std::string source = fmt::format("undo of import batch {}", batch_id);
  imports.for_each_update(batch_id, [&](CustomerId id, const std::string& text) {
    const util::Json before = util::Json::parse(text);
    Customer restored = customer_from_json(*before.find("customer"));
    const auto current = customers.find(id);
    if (!current) return;
    ++summary.restored;
    if (!changed_fields(*current, restored).empty()) {
      restored.updated_at = ctx.now();
      customers.update(restored);
    }
    const auto now_consent = consents.current(id);
    for (const auto& [channel, state] : before.find("consent")->as_object()) {
      const auto it =
          std::find_if(now_consent.begin(), now_consent.end(),
                       [&channel = channel](const auto& c) { return c.channel == channel; });
      const std::string old_state = state.is_null() ? "unknown" : state.as_string();
      if (it == now_consent.end() ? state.is_null() : it->state == old_state) continue;
      consents.record(id, {channel, old_state, source, ctx.now(), ctx.now(), ctx.user()});
    }
  });
  summary.deleted = imports.delete_created(*batch);
  if (dry_run) {
    transaction.rollback();
    return summary;
  }
  imports.mark_undone(batch_id, ctx.now());
  util::Json after = util::Json::object();
  after.set("deleted", summary.deleted);
  after.set("restored", summary.restored);
  audit(ctx, "import", batch_id, "undo", std::nullopt, after);
  transaction.commit();
  return summary;
}

util::Json import_batch_json(const Context& ctx, const store::ImportBatch& b) {
  util::Json row = util::Json::object();
  row.set("batch", b.id);
  row.set("at", ctx.time_json(b.at));
  row.set("user", b.os_user);
  row.set("mode", b.mode);
  row.set("created", b.created);
  row.set("updated", b.updated);
  row.set("unchanged", b.unchanged);
  row.set("rejected", b.rejected);
  row.set("undone_at", ctx.time_json(b.undone_at));
  row.set("file", b.file);
  return row;
}

std::vector<store::ImportBatch> list_imports(Context& ctx, std::int64_t limit) {
  return store::ImportRepository(ctx.db()).list(limit);
}

} // namespace crm::actions
