#include "actions/order_import.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/import.hpp"
#include "actions/order.hpp"
#include "actions/order_importer.hpp"
#include "store/suppressions.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace order_import_detail {

namespace fs = std::filesystem;

// --- setting up ---

void OrderImporter::check_options() {
  if (in_.customer_key != "external_id" && in_.customer_key != "email")
    throw util::UsageError(
        fmt::format("--customer-key '{}': use external_id or email", in_.customer_key));
  by_email_ = in_.customer_key == "email";
  two_files_ = in_.items_file.has_value();
  if (two_files_ && *in_.items_file == "-" && in_.file == "-")
    throw util::UsageError("FILE and --items cannot both be standard input");
  if (!two_files_ && in_.items_rejects)
    throw util::UsageError("--items-rejects goes with --items (a two-file import)");
  if (two_files_ && in_.rejects.has_value() != in_.items_rejects.has_value())
    throw util::UsageError("with --items, give both --rejects and --items-rejects (the rejected "
                           "orders' rows of each file), or neither");
}

void OrderImporter::require_columns() {
  const auto missing = [](const FileMap& map, std::string_view field, std::string_view hint) {
    return util::UsageError(
        fmt::format("{} has no {} column (its columns: {}): map one with --map 'Header={}'{}",
                    map.name, field, util::join(map.headers, ", "), field, hint));
  };
  for (const FileMap* map : {&order_map(), &item_map()}) {
    if (!map->has(f_order_id))
      throw missing(*map, "order_id", " (order_id, external_id, order_number, 订单号, ...)");
  }
  const std::string_view items_hint =
      two_files_ ? "" : " (a file with a row per order? give its items with --items ITEMS_FILE)";
  if (!item_map().has(f_sku)) throw missing(item_map(), "sku", items_hint);
  if (!item_map().has(f_unit_price)) throw missing(item_map(), "unit_price", items_hint);
  if (!order_map().has(f_placed_at)) throw missing(order_map(), "placed_at", "");
  const Field wanted = by_email_ ? f_customer_email : f_customer_external_id;
  customer_field_ = order_map().has(wanted) ? wanted : f_customer;
  if (!order_map().has(customer_field_))
    throw util::UsageError(fmt::format(
        "--customer-key {}: {} has no {} (or customer) column (its columns: {}): map one with "
        "--map 'Header={}', or use --customer-key {}",
        in_.customer_key, order_map().name, field_names[wanted],
        util::join(order_map().headers, ", "), field_names[wanted],
        by_email_ ? "external_id" : "email"));
  for (std::size_t f = 1; f < order_field_count; ++f) {
    if (order_map().has(Field(f))) header_fields_.push_back(Field(f));
  }
}

void OrderImporter::begin_batch() {
  const auto absolute = [](const std::string& file) {
    return file == "-" ? file : fs::absolute(file).lexically_normal().string();
  };
  batch_.file = absolute(in_.file);
  if (in_.items_file) batch_.items_file = absolute(*in_.items_file);
  batch_.at = ctx_.now();
  batch_.os_user = ctx_.user();
  batch_.command = ctx_.command_line();
  batch_.id = imports_.begin(batch_);
  event_.author = ctx_.user();
  event_.recorded_at = ctx_.now();
  event_.batch_id = batch_.id;
}

OrderImportSummary OrderImporter::run() {
  check_options();
  const auto maps = explicit_maps(in_);
  csv::ReaderOptions options;
  options.encoding = in_.encoding;
  options.delimiter = parse_delimiter(in_.delimiter);
  const auto open = [&options](InputFile& input, const std::string& name) {
    auto reader = std::make_unique<csv::Reader>(input.stream(), name, options);
    if (reader->raw_header().empty())
      throw util::DataError(
          fmt::format("{}:1: the file is empty: expected a header line naming the columns", name));
    return reader;
  };
  InputFile input(in_.file);
  const auto reader = open(input, in_.file);
  summary_.encoding = reader->encoding();
  std::optional<InputFile> items_input;
  std::unique_ptr<csv::Reader> items_reader;
  if (two_files_) {
    items_input.emplace(*in_.items_file);
    items_reader = open(*items_input, *in_.items_file);
  }
  auto files = map_files(in_, maps, reader->raw_header(),
                         two_files_ ? &items_reader->raw_header() : nullptr);
  map_ = std::move(files.orders);
  items_map_ = std::move(files.items);
  summary_.unmapped = std::move(files.unmapped);
  require_columns();
  // A dry run writes nothing, not even the rejects files: its table shows every reject.
  if (in_.rejects && !in_.dry_run)
    rejects_.emplace(*in_.rejects, reader->raw_header(), reader->delimiter());
  if (in_.items_rejects && !in_.dry_run)
    items_rejects_.emplace(*in_.items_rejects, items_reader->raw_header(),
                           items_reader->delimiter());

  // A bulk write: a larger page cache keeps the index pages in memory (48 MiB at most).
  db_.exec("PRAGMA cache_size = -49152");
  store::Transaction transaction(db_);
  store_currency_ = store_currency(ctx_).code; // UsageError when money.currency moved away
  default_currency_ = &default_currency(ctx_);
  store_had_orders_ = imports_.has_orders();
  check_suppressions_ =
      in_.create_missing_customers && by_email_ && store::SuppressionRepository(db_).count() > 0;
  default_status_ = ctx_.settings().get_string("customer.default_status");
  begin_batch();
  if (two_files_)
    run_two_files(*reader, *items_reader);
  else
    run_single(*reader);
  if (hooks_.progress) hooks_.progress(summary_.rows + summary_.item_rows);
  if (rejects_) rejects_->finish();
  if (items_rejects_) items_rejects_->finish();
  if (!finish()) {
    transaction.rollback();
    return summary_;
  }
  transaction.commit();
  summary_.batch = batch_.id;
  summary_.committed = true;
  return summary_;
}

// Records the batch when the run is to be committed: not for a dry run, nor when an order
// was rejected (without skip_invalid) or nothing changed.
bool OrderImporter::finish() {
  batch_.created = summary_.created;
  batch_.updated = summary_.updated;
  batch_.unchanged = summary_.unchanged;
  batch_.rejected = summary_.rejected;
  if (summary_.rejected > 0 && !in_.skip_invalid) return false;
  if (in_.dry_run || summary_.created + summary_.updated == 0) return false;
  if (batch_.first_order)
    orders_.refresh_metrics_for_orders(*batch_.first_order, *batch_.last_order);
  audit(ctx_, "order_import", batch_.id, "import", std::nullopt,
        order_import_batch_json(ctx_, batch_));
  batch_.audit_id = db_.last_insert_rowid();
  imports_.finish(batch_);
  return true;
}

// --- reading ---

bool OrderImporter::next_row(csv::Reader& reader, csv::Record& row) {
  if (store::interrupted()) throw util::InterruptedError(); // Ctrl-C between statements
  if (!reader.next(row)) return false;
  std::int64_t& count = &reader == items_reader_ ? summary_.item_rows : summary_.rows;
  ++count;
  const std::int64_t all = summary_.rows + summary_.item_rows;
  if (hooks_.progress && all % 4096 == 0) hooks_.progress(all);
  return true;
}

// One file: the rows of an order follow each other; the row after them starts the next.
void OrderImporter::run_single(csv::Reader& reader) {
  rows_.resize(1);
  bool more = next_row(reader, rows_[0]);
  std::string key;
  while (more) {
    key.assign(cell(rows_[0], map_, f_order_id));
    std::size_t n = 1;
    for (;;) {
      if (n == rows_.size()) rows_.emplace_back();
      more = next_row(reader, rows_[n]);
      if (!more || key.empty() || cell(rows_[n], map_, f_order_id) != key) break;
      ++n;
    }
    import_order(nullptr, {rows_.data(), n});
    if (more) std::swap(rows_[0], rows_[n]);
  }
}

// The next group of item rows (one order id) into rows_[0, items_n_); rows_[0] holds its
// first row (read ahead), rows_[items_n_] the row after it when items_more_.
void OrderImporter::read_items_group() {
  items_checked_ = false;
  if (!items_more_) {
    items_n_ = 0;
    return;
  }
  items_key_.assign(cell(rows_[0], items_map_, f_order_id));
  std::size_t n = 1;
  for (;;) {
    if (n == rows_.size()) rows_.emplace_back();
    items_more_ = next_row(*items_reader_, rows_[n]);
    if (!items_more_ || items_key_.empty() || cell(rows_[n], items_map_, f_order_id) != items_key_)
      break;
    ++n;
  }
  items_n_ = n;
}

void OrderImporter::advance_items() {
  if (items_more_) std::swap(rows_[0], rows_[items_n_]);
  read_items_group();
}

// The items of orders that came before them in the orders file.
void OrderImporter::drain_deferred() {
  while (items_n_ > 0 && !deferred_.empty()) {
    const auto it = deferred_.find(items_key_);
    if (it == deferred_.end()) return;
    const csv::Record order = std::move(it->second);
    deferred_.erase(it);
    import_order(&order, {rows_.data(), items_n_});
    advance_items();
  }
}

// The current item group is for an order this run has imported or rejected already (its items
// are not together), or has no order id: rejected, and the next group read.
bool OrderImporter::reject_if_stray() {
  std::optional<std::size_t> earlier;
  if (items_key_.empty()) {
    reject_items(fmt::format("column '{}' is empty: which order are these items of?",
                             items_map_.header(f_order_id)));
    return true;
  }
  if (const auto it = rejected_keys_.find(items_key_); it != rejected_keys_.end())
    earlier = it->second;
  else if (const auto found = imports_.order_by_external_id(items_key_))
    if (const auto line = seen(found->first)) earlier = line;
  if (!earlier) return false;
  reject_items(fmt::format("these items are apart from the order's other rows (line {} of {}): "
                           "keep the items of one order together",
                           *earlier, map_.name));
  return true;
}

void OrderImporter::reject_items(const std::string& text) {
  ++summary_.orders; // the items of an order that is not there (or not there again)
  ++summary_.rejected;
  add_problem(items_map_.name, rows_[0].line, items_key_, text);
  if (items_rejects_)
    for (std::size_t i = 0; i < items_n_; ++i) items_rejects_->write(rows_[i], text);
  if (hooks_.row) hooks_.row({rows_[0].line, "reject", std::nullopt, items_key_, text});
  advance_items();
  drain_deferred();
}

// Two files: the orders file leads; each order takes the next group of item rows when it is
// for that order. Orders and item groups that come in a different order wait in memory
// (deferred_) for each other; in files listing the orders alike nothing waits.
void OrderImporter::run_two_files(csv::Reader& orders, csv::Reader& items) {
  items_reader_ = &items;
  rows_.resize(1);
  items_more_ = next_row(items, rows_[0]);
  read_items_group();
  csv::Record order;
  std::string key;
  while (next_row(orders, order)) {
    key.assign(cell(order, map_, f_order_id));
    if (!key.empty()) {
      if (const auto it = deferred_.find(key); it != deferred_.end()) {
        ++summary_.orders;
        problems_.clear();
        draft_.key = key;
        draft_.line = order.line;
        problem(again(it->second.line));
        reject(&order, {}, false); // the first row still waits for its items
        continue;
      }
      while (items_n_ > 0 && items_key_ != key && !items_checked_)
        items_checked_ = !reject_if_stray();
    }
    if (key.empty() || (items_n_ > 0 && items_key_ == key)) {
      import_order(&order, key.empty() ? std::span<const csv::Record>()
                                       : std::span<const csv::Record>(rows_.data(), items_n_));
      if (!key.empty()) {
        advance_items();
        drain_deferred();
      }
      continue;
    }
    deferred_.emplace(key, std::move(order));
  }
  while (items_n_ > 0) {
    if (!reject_if_stray()) reject_items(fmt::format("no such order in {}", map_.name));
  }
  std::vector<csv::Record> waiting;
  for (auto& [waiting_key, record] : deferred_) waiting.push_back(std::move(record));
  deferred_.clear();
  std::sort(waiting.begin(), waiting.end(),
            [](const csv::Record& a, const csv::Record& b) { return a.line < b.line; });
  for (const auto& record : waiting) import_order(&record, {});
}

// --- one order: parsed (order_import_parse.cpp), then written (order_import_write.cpp) ---

void OrderImporter::import_order(const csv::Record* order_row, std::span<const csv::Record> items) {
  ++summary_.orders;
  problems_.clear();
  const csv::Record& first = order_row != nullptr ? *order_row : items.front();
  draft_.line = first.line;
  draft_.key = text(cell(first, order_map(), f_order_id));
  if (draft_.key.empty()) {
    problem(fmt::format("column '{}' is empty: every order needs its order id",
                        order_map().header(f_order_id)));
    return reject(order_row, items);
  }
  if (const auto it = rejected_keys_.find(draft_.key); it != rejected_keys_.end()) {
    problem(again(it->second));
    return reject(order_row, items);
  }
  if (items.empty()) { // two files, and no items came for it: imported twice?
    if (const auto found = imports_.order_by_external_id(draft_.key))
      if (const auto line = seen(found->first)) {
        problem(again(line));
        return reject(order_row, items);
      }
  }
  collect_header(order_row, items);
  parse_header();
  parse_items(items);
  if (problems_.empty()) check_order(!items.empty());
  if (!problems_.empty()) return reject(order_row, items);
  settle(order_row, items);
}

std::string OrderImporter::again(std::size_t earlier) const {
  if (two_files_)
    return fmt::format("twice in {} (lines {} and {})", map_.name, earlier, draft_.line);
  return fmt::format("again after other orders (first at line {}): the rows of one order must "
                     "be together; sort the file by order id",
                     earlier);
}

// --- outcomes ---

void OrderImporter::problem(bool in_items, std::size_t line, std::string text) {
  problems_.push_back({in_items && two_files_, line, std::move(text)});
}

void OrderImporter::add_problem(const std::string& file, std::size_t line, const std::string& key,
                                const std::string& text) {
  if (summary_.problems.size() >= max_problems) {
    ++summary_.problems_omitted;
    return;
  }
  summary_.problems.push_back(key.empty()
                                  ? fmt::format("{}:{}: {}", file, line, text)
                                  : fmt::format("{}:{}: order {}: {}", file, line, key, text));
}

void OrderImporter::reject(const csv::Record* order_row, std::span<const csv::Record> items,
                           bool remember) {
  ++summary_.rejected;
  std::vector<std::string> texts;
  for (const auto& p : problems_) {
    add_problem(p.in_items ? items_map_.name : map_.name, p.line, draft_.key, p.text);
    texts.push_back(p.text);
  }
  const std::string error = util::join(texts, "; ");
  if (two_files_) {
    if (rejects_ && order_row != nullptr) rejects_->write(*order_row, error);
    if (items_rejects_)
      for (const auto& row : items) items_rejects_->write(row, error);
  } else if (rejects_) {
    for (const auto& row : items) rejects_->write(row, error);
  }
  if (remember && !draft_.key.empty()) rejected_keys_.emplace(draft_.key, draft_.line);
  outcome("reject", std::nullopt, error);
}

void OrderImporter::outcome(std::string action, std::optional<OrderId> id, std::string detail) {
  if (hooks_.row)
    hooks_.row(OrderImportRow{draft_.line, std::move(action), id, draft_.key, std::move(detail)});
}

constexpr OrderId dense_ids = OrderId{1} << 26; // seen_ holds ids below this (4 bytes each)

void OrderImporter::mark_seen(OrderId id, std::size_t line) {
  if (id > 0 && id < dense_ids) {
    const auto i = static_cast<std::size_t>(id);
    if (i >= seen_.size()) seen_.resize(std::max(i + 1, seen_.size() * 2));
    seen_[i] = static_cast<std::uint32_t>(std::min<std::size_t>(line, UINT32_MAX));
  } else {
    seen_far_[id] = line;
  }
}

std::size_t OrderImporter::seen(OrderId id) const {
  if (id > 0 && id < dense_ids)
    return static_cast<std::size_t>(id) < seen_.size() ? seen_[static_cast<std::size_t>(id)] : 0;
  const auto it = seen_far_.find(id);
  return it == seen_far_.end() ? 0 : it->second;
}

} // namespace order_import_detail

util::Json OrderImportSummary::json() const {
  return util::Json::object()
      .set("batch", batch ? util::Json(*batch) : util::Json())
      .set("created", created)
      .set("updated", updated)
      .set("unchanged", unchanged)
      .set("rejected", rejected)
      .set("customers_created", customers_created);
}

OrderImportSummary import_orders(Context& ctx, const ImportOrders& input,
                                 const OrderImportHooks& hooks) {
  order_import_detail::OrderImporter importer(ctx, input, hooks);
  return importer.run();
}

std::vector<store::OrderImportBatch> list_order_imports(Context& ctx, std::int64_t limit) {
  return store::OrderImportRepository(ctx.db()).list(limit);
}

util::Json order_import_batch_json(const Context& ctx, const store::OrderImportBatch& b) {
  const std::int64_t customers = b.first_customer ? *b.last_customer - *b.first_customer + 1 : 0;
  return util::Json::object()
      .set("batch", b.id)
      .set("at", ctx.time_json(b.at))
      .set("user", b.os_user)
      .set("created", b.created)
      .set("updated", b.updated)
      .set("unchanged", b.unchanged)
      .set("rejected", b.rejected)
      .set("customers_created", customers)
      .set("undone_at", ctx.time_json(b.undone_at))
      .set("file", b.file)
      .set("items_file", b.items_file ? util::Json(*b.items_file) : util::Json());
}

} // namespace crm::actions
