#include "store/customers.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/validate.hpp"
#include "store/customer_scan.hpp"
#include "store/suppressions.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::store {

namespace {

using domain::Customer;

constexpr std::string_view select_columns =
    "c.id, c.external_id, c.email, c.phone, c.fax, c.first_name, c.last_name, c.company, "
    "c.address_line1, c.address_line2, c.postcode, c.city, c.region, c.country, c.language, "
    "c.owner, c.source, c.status, c.created_at, c.updated_at, c.deleted_at, "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM customer_tags t "
    "  WHERE t.customer_id = c.id ORDER BY tag)), "
    "(SELECT json_group_object(key, value) FROM (SELECT key, value FROM customer_attributes a "
    "  WHERE a.customer_id = c.id ORDER BY key)), c.forgotten_at";

// Where for_each_with_metrics's columns start: after select_columns.
constexpr int metrics_column = 24;

Customer read_customer(const Statement& row) {
  Customer c;
  c.id = row.get_int(0);
  int column = 1;
  for (const auto& name : domain::text_field_names())
    *domain::text_field(c, name) = row.get_opt_text(column++);
  c.status = row.get_text(17);
  c.created_at = row.get_int(18);
  c.updated_at = row.get_int(19);
  c.deleted_at = row.get_opt_int(20);
  if (auto tags = row.get_opt_text(21)) c.tags = util::split(*tags, '\x1f');
  if (auto attrs = row.get_opt_text(22)) {
    const util::Json parsed = util::Json::parse(*attrs); // must outlive the loop below
    for (const auto& [key, value] : parsed.as_object())
      c.attributes.emplace_back(key, value.as_string());
  }
  c.forgotten_at = row.get_opt_int(23);
  return c;
}

// What --search matches: names (both orders), company, emails, phones, external id, folded.
std::string search_text(const Customer& c) {
  std::string text;
  const auto add = [&text](const std::string& part) {
    if (part.empty()) return;
    text += util::fold_case(part);
    text += '\x1f';
  };
  const std::string first = c.first_name.value_or(""), last = c.last_name.value_or("");
  add(first + " " + last);
  add(last + first);
  add(c.company.value_or(""));
  add(c.email.value_or(""));
  add(domain::phone_digits(c.phone.value_or("")));
  add(domain::phone_digits(c.fax.value_or("")));
  add(c.external_id.value_or(""));
  return text;
}

std::optional<std::string> key_of(const std::optional<std::string>& email) {
  if (!email) return std::nullopt;
  return domain::email_key(*email);
}

// Parameters 1..21 of insert and update: the text fields in text_field_names() order, then
// status, created_at, updated_at, deleted_at, email_key.
Statement& bind_columns(Statement& statement, const Customer& c) {
  int index = 0;
  for (const auto& name : domain::text_field_names())
    statement.bind(++index, *domain::text_field(c, name));
  return statement.bind(17, c.status)
      .bind(18, c.created_at)
      .bind(19, c.updated_at)
      .bind(20, c.deleted_at)
      .bind(21, key_of(c.email));
}

} // namespace

const std::vector<std::string>& sortable_columns() {
  static const std::vector<std::string> columns = {
      "id",          "email",  "first_name", "last_name", "company",    "city",
      "country",     "owner",  "status",     "source",    "created_at", "updated_at",
      "external_id", "orders", "revenue",    "last_order"};
  return columns;
}

void CustomerRepository::check_unique(const Customer& customer) {
  if (customer.email) {
    auto& q = db_.cached(
        "SELECT id FROM customers WHERE email_key = ? AND deleted_at IS NULL AND id != ?");
    q.bind_all(domain::email_key(*customer.email), customer.id);
    if (q.step())
      throw util::ConflictError(
          fmt::format("email {} is already used by customer {}", *customer.email, q.get_int(0)));
  }
  if (customer.external_id) {
    auto& q = db_.cached("SELECT id FROM customers WHERE external_id = ? AND id != ?");
    q.bind_all(*customer.external_id, customer.id);
    if (q.step())
      throw util::ConflictError(fmt::format("external id {} is already used by customer {}",
                                            *customer.external_id, q.get_int(0)));
  }
}

domain::CustomerId CustomerRepository::insert(const Customer& customer) {
  check_unique(customer);
  return insert_checked(customer);
}

domain::CustomerId CustomerRepository::insert_checked(const Customer& customer) {
  auto& insert = db_.cached(
      "INSERT INTO customers (external_id, email, phone, fax, first_name, last_name, company, "
      "address_line1, address_line2, postcode, city, region, country, language, owner, source, "
      "status, created_at, updated_at, deleted_at, email_key) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_columns(insert, customer).run();
  Customer stored = customer;
  stored.id = db_.last_insert_rowid();
  write_satellites(stored, true);
  return stored.id;
}

void CustomerRepository::update(const Customer& customer) {
  check_unique(customer);
  auto& update = db_.cached(
      "UPDATE customers SET external_id=?, email=?, phone=?, fax=?, first_name=?, last_name=?, "
      "company=?, address_line1=?, address_line2=?, postcode=?, city=?, region=?, country=?, "
      "language=?, owner=?, source=?, status=?, created_at=?, updated_at=?, deleted_at=?, "
      "email_key=? WHERE id=?");
  bind_columns(update, customer).bind(22, customer.id).run();
  write_satellites(customer);
}

// Tags, attributes and the search text of customer.id, replaced.
void CustomerRepository::write_satellites(const Customer& customer, bool fresh) {
  if (!fresh) {
    db_.cached("DELETE FROM customer_tags WHERE customer_id = ?").bind(1, customer.id).run();
    db_.cached("DELETE FROM customer_attributes WHERE customer_id = ?").bind(1, customer.id).run();
  }
  auto& tag = db_.cached("INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)");
  for (const auto& name : customer.tags) {
    tag.bind_all(customer.id, name).run();
    tag.reset();
  }
  auto& attr =
      db_.cached("INSERT INTO customer_attributes (customer_id, key, value) VALUES (?, ?, ?)");
  for (const auto& [key, value] : customer.attributes) {
    attr.bind_all(customer.id, key, value).run();
    attr.reset();
  }
  db_.cached("INSERT OR REPLACE INTO customer_search (customer_id, text) VALUES (?, ?)")
      .bind_all(customer.id, search_text(customer))
      .run();
}

std::optional<Customer> CustomerRepository::find(domain::CustomerId id) {
  auto& q = db_.cached(fmt::format("SELECT {} FROM customers c WHERE c.id = ?", select_columns));
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_customer(q);
}

std::optional<Customer> CustomerRepository::find_live_by_email(std::string_view email) {
  auto& q = db_.cached(fmt::format("SELECT {} FROM customers c WHERE c.email_key = ? AND "
                                   "c.deleted_at IS NULL",
                                   select_columns));
  q.bind(1, domain::email_key(email));
  if (!q.step()) return std::nullopt;
  return read_customer(q);
}

std::optional<Customer> CustomerRepository::find_by_external_id(std::string_view external_id) {
  auto& q =
      db_.cached(fmt::format("SELECT {} FROM customers c WHERE c.external_id = ?", select_columns));
  q.bind(1, external_id);
  if (!q.step()) return std::nullopt;
  return read_customer(q);
}

void CustomerRepository::for_each(const CustomerQuery& query,
                                  const std::function<void(const Customer&)>& visit) {
  scan(query, false, [&visit](const Statement& row) { visit(read_customer(row)); });
}

void CustomerRepository::for_each_with_metrics(
    const CustomerQuery& query,
    const std::function<void(const Customer&, const CustomerMetrics&)>& visit) {
  scan(query, true, [&visit](const Statement& row) {
    const Customer c = read_customer(row);
    CustomerMetrics m;
    m.customer_id = c.id;
    m.orders = row.get_opt_int(metrics_column).value_or(0);
    m.revenue = row.get_opt_int(metrics_column + 1).value_or(0);
    m.first_order = row.get_opt_int(metrics_column + 2);
    m.last_order = row.get_opt_int(metrics_column + 3);
    visit(c, m);
  });
}

void CustomerRepository::scan(const CustomerQuery& query, bool with_metrics,
                              const std::function<void(const Statement&)>& visit) {
  const auto& columns = sortable_columns();
  if (std::find(columns.begin(), columns.end(), query.sort) == columns.end())
    throw std::logic_error("unchecked sort column " + query.sort);
  const CustomerFilter where = customer_filter(query);
  const bool by_metric =
      query.sort == "orders" || query.sort == "revenue" || query.sort == "last_order";
  // A customer without orders has no customer_metrics row: 0 orders, 0 revenue, no last order.
  constexpr std::string_view metrics_join = " LEFT JOIN customer_metrics m ON m.customer_id = c.id";
  // Sorting by the id of the table scanned first (search, metrics) lets the scan stop at --limit.
  const std::string sort = query.sort == "id"           ? where.id_column
                           : query.sort == "last_order" ? "m.last_order"
                           : by_metric ? fmt::format("coalesce(m.{}, 0)", query.sort)
                                       : "c." + query.sort;
  const std::string direction = query.descending ? " DESC" : "";
  const std::string tie = query.sort == "id" ? "" : ", c.id" + direction;
  const std::string order = fmt::format(" ORDER BY {}{}{}", sort, direction, tie);
  const std::string selected =
      with_metrics
          ? fmt::format("{}, m.orders, m.revenue, m.first_order, m.last_order", select_columns)
          : std::string(select_columns);
  const std::string joined =
      (with_metrics || by_metric) && !where.joins_metrics ? std::string(metrics_join) : "";
  const std::string page_join = by_metric && !where.joins_metrics ? std::string(metrics_join) : "";
  // In id order rows stream straight from the scan. Otherwise the page is chosen first from
  // the ids and sort keys alone, and only its rows get their tags and attributes: else SQLite
  // computes those for every row that passes through the sorter (seconds on a big store).
  const std::string sql =
      query.sort == "id"
          ? fmt::format("SELECT {}{}{}{}{} LIMIT ? OFFSET ?", selected, where.from, joined,
                        where.where, order)
          : fmt::format("SELECT {} FROM (SELECT c.id AS page_id{}{}{}{} LIMIT ? OFFSET ?) AS page "
                        "CROSS JOIN customers c ON c.id = page.page_id{}{}",
                        selected, where.from, page_join, where.where, order,
                        with_metrics || by_metric ? metrics_join : "", order);
  Statement q(db_, sql);
  int index = 0;
  for (const auto& param : where.params) q.bind(++index, param);
  q.bind(++index, query.limit.value_or(-1));
  q.bind(++index, query.offset);
  while (q.step()) visit(q);
}

std::int64_t CustomerRepository::count(const CustomerQuery& query) {
  const CustomerFilter where = customer_filter(query);
  Statement q(db_, "SELECT count(*)" + where.from + where.where);
  int index = 0;
  for (const auto& param : where.params) q.bind(++index, param);
  q.step();
  return q.get_int(0);
}

void CustomerRepository::purge(domain::CustomerId id) {
  Statement q(db_, "DELETE FROM customers WHERE id = ?");
  q.bind(1, id).run();
  // By id only: the address may belong to another customer record by now.
  erase_traces(db_, id, std::nullopt, "purge");
}

} // namespace crm::store
