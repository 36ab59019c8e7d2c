#include "store/customer_scan.hpp"

#include <fmt/format.h>

#include "domain/validate.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::store {

namespace {

constexpr std::string_view customer_columns =
    "c.id, c.external_id, c.email, c.phone, c.fax, c.first_name, c.last_name, c.company, "
    "c.address_line1, c.address_line2, c.postcode, c.city, c.region, c.country, c.language, "
    "c.owner, c.source, c.status, c.created_at, c.updated_at, c.deleted_at";

// The customer columns of one row into `c`; `fields` are c's text fields in
// text_field_names() order (looked up by name once per scan, not once per row).
void read_columns(const Statement& row, domain::Customer& c,
                  const std::vector<domain::OptText*>& fields) {
  c.id = row.get_int(0);
  int column = 1;
  for (auto* field : fields) *field = row.get_opt_text(column++);
  c.status = row.get_text(17);
  c.created_at = row.get_int(18);
  c.updated_at = row.get_int(19);
  c.deleted_at = row.get_opt_int(20);
}

// Rows (customer_id, a, b) of a table whose primary key starts with customer_id, in key
// order, read alongside the customers cursor. Skipping ahead steps a few rows, then seeks:
// a filter that selects few customers does not read the whole table.
class SatelliteCursor {
public:
  SatelliteCursor(Database& db, std::string_view table, std::string_view a, std::string_view b)
      : query_(db, fmt::format("SELECT customer_id, {}, {} FROM {} WHERE customer_id >= ? "
                               "ORDER BY customer_id, {}",
                               a, b, table, a)) {
    seek(0);
  }

  // Calls add(a, b) for each row of customer `id`; `id`s must come in increasing order.
  template <typename Add> void rows_of(domain::CustomerId id, Add add) {
    for (int skipped = 0; has_row_ && current_ < id; ++skipped) {
      if (skipped == max_steps) {
        seek(id);
        break;
      }
      advance();
    }
    for (; has_row_ && current_ == id; advance()) add(query_.get_text(1), query_.get_text(2));
  }

private:
  static constexpr int max_steps = 32;

  void seek(domain::CustomerId id) {
    query_.reset();
    query_.bind(1, id);
    advance();
  }
  void advance() {
    has_row_ = query_.step();
    if (has_row_) current_ = query_.get_int(0);
  }

  Statement query_;
  bool has_row_ = false;
  domain::CustomerId current_ = 0;
};

} // namespace

ScannedCustomer::ScannedCustomer() {
  for (const auto& name : domain::text_field_names())
    text_fields.push_back(domain::text_field(customer, name));
}

CustomerFilter customer_filter(const CustomerQuery& q) {
  CustomerFilter f;
  f.from = " FROM customers c";
  f.order = " ORDER BY c.id";
  const auto add = [&f](std::string_view clause, std::optional<SqlValue> param = {}) {
    f.where += f.where.empty() ? " WHERE " : " AND ";
    f.where += clause;
    if (param) f.params.push_back(std::move(*param));
  };
  if (q.deleted == CustomerQuery::Deleted::exclude) add("c.deleted_at IS NULL");
  if (q.deleted == CustomerQuery::Deleted::only) add("c.deleted_at IS NOT NULL");
  for (const auto& tag : q.tags)
    add("EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)", tag);
  if (q.status) add("c.status = ?", *q.status);
  if (q.owner) add("c.owner = ?", *q.owner);
  if (q.country) add("c.country = ?", *q.country);
  if (q.search) {
    const std::string digits = domain::phone_digits(*q.search);
    const bool phone_like = digits.size() >= 3 && digits.size() * 2 >= q.search->size();
    // customer_search stays the outer loop: its narrow rows in id order (see customers.cpp).
    f.from = " FROM customer_search s CROSS JOIN customers c ON c.id = s.customer_id";
    f.id_column = "s.customer_id";
    f.order = " ORDER BY s.customer_id";
    add("instr(s.text, ?) > 0", phone_like ? digits : util::fold_case(util::trim(*q.search)));
  }
  if (q.where) {
    if (q.where->requires_metrics && !q.search) {
      f.from = " FROM customer_metrics m CROSS JOIN customers c ON c.id = m.customer_id";
      f.id_column = "m.customer_id";
      f.order = " ORDER BY m.customer_id";
      f.joins_metrics = true;
    } else if (q.where->uses_metrics) {
      f.from += " LEFT JOIN customer_metrics m ON m.customer_id = c.id";
      f.joins_metrics = true;
    }
    add("(" + q.where->sql + ")");
    f.params.insert(f.params.end(), q.where->params.begin(), q.where->params.end());
  }
  return f;
}

CustomerScan::CustomerScan(Database& db, CustomerQuery query) : db_(db), query_(std::move(query)) {
  // A deferred transaction: a read snapshot that holds no write lock.
  db_.exec("BEGIN");
  in_transaction_ = true;
}

CustomerScan::~CustomerScan() {
  if (in_transaction_) {
    try {
      db_.exec("COMMIT");             // nothing was written: ends the read snapshot
    } catch (const std::exception&) { // nothing was written: nothing to undo
    }
  }
}

std::vector<std::string> CustomerScan::attribute_keys() {
  const CustomerFilter f = customer_filter(query_);
  // A join reads half as much as an IN (subquery); a page needs the subquery.
  const bool page = query_.limit || query_.offset > 0;
  Statement q(db_, page ? fmt::format("SELECT DISTINCT a.key FROM customer_attributes a WHERE "
                                      "a.customer_id IN (SELECT c.id{}{}{} LIMIT ? OFFSET ?) "
                                      "ORDER BY a.key",
                                      f.from, f.where, f.order)
                        : fmt::format("SELECT DISTINCT a.key{} JOIN customer_attributes a ON "
                                      "a.customer_id = c.id{} ORDER BY a.key",
                                      f.from, f.where));
  int index = 0;
  for (const auto& param : f.params) q.bind(++index, param);
  if (page) {
    q.bind(++index, query_.limit.value_or(-1));
    q.bind(++index, query_.offset);
  }
  std::vector<std::string> keys;
  while (q.step()) keys.push_back(q.get_text(0));
  return keys;
}

void CustomerScan::for_each(const std::function<void(const ScannedCustomer&)>& visit) {
  const CustomerFilter f = customer_filter(query_);
  Statement customers(db_, fmt::format("SELECT {}{}{}{} LIMIT ? OFFSET ?", customer_columns, f.from,
                                       f.where, f.order));
  int index = 0;
  for (const auto& param : f.params) customers.bind(++index, param);
  customers.bind(++index, query_.limit.value_or(-1));
  customers.bind(++index, query_.offset);
  SatelliteCursor tags(db_, "customer_tags", "tag", "''");
  SatelliteCursor attributes(db_, "customer_attributes", "key", "value");
  SatelliteCursor consents(db_, "consents", "channel", "state");

  ScannedCustomer row;
  auto& c = row.customer;
  std::vector<domain::OptText*> fields;
  for (const auto& name : domain::text_field_names()) fields.push_back(domain::text_field(c, name));
  while (customers.step()) {
    read_columns(customers, c, fields);
    c.tags.clear();
    c.attributes.clear();
    row.consents.clear();
    tags.rows_of(c.id, [&c](std::string tag, std::string) { c.tags.push_back(std::move(tag)); });
    attributes.rows_of(c.id, [&c](std::string key, std::string value) {
      c.attributes.emplace_back(std::move(key), std::move(value));
    });
    consents.rows_of(c.id, [&row](std::string channel, std::string state) {
      row.consents.emplace_back(std::move(channel), std::move(state));
    });
    visit(row);
  }
}

} // namespace crm::store
