#pragma once
// The customer repository: rows of customers, customer_tags and customer_attributes.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "store/segment_sql.hpp"

namespace crm::store {

struct CustomerQuery {
  std::vector<std::string> tags; // all of them
  std::optional<std::string> status, owner, country;
  std::optional<std::string> search; // substring of names, emails, phones, company, external id
  std::optional<SqlPredicate> where; // a compiled segment expression (--where, members)
  enum class Deleted { exclude, include, only } deleted = Deleted::exclude;
  std::string sort = "id"; // a column name from sortable_columns()
  bool descending = false;
  std::optional<std::int64_t> limit;
  std::int64_t offset = 0;
};

// Customer columns, and the order metrics orders, revenue and last_order (customer_metrics;
// a customer without orders sorts as 0 orders, 0 revenue, no last order).
const std::vector<std::string>& sortable_columns();

class CustomerRepository {
public:
  explicit CustomerRepository(Database& db) : db_(db) {}

  // Inserts and returns the new id (customer.id is ignored). A live customer with the same
  // email, or any with the same external id, throws util::ConflictError.
  domain::CustomerId insert(const domain::Customer& customer);
  // As insert, for a caller that has checked uniqueness itself (the importer, which looks
  // every key up anyway): a clash is then an SQLite constraint error.
  domain::CustomerId insert_checked(const domain::Customer& customer);
  // Replaces every field, tag and attribute of customer.id.
  void update(const domain::Customer& customer);
  std::optional<domain::Customer> find(domain::CustomerId id);
  std::optional<domain::Customer> find_live_by_email(std::string_view email);
  std::optional<domain::Customer> find_by_external_id(std::string_view external_id);
  // Calls `visit` for each match, in order, without holding them all in memory.
  void for_each(const CustomerQuery& query,
                const std::function<void(const domain::Customer&)>& visit);
  // As for_each, with each customer's order metrics (all zero without orders), read in the
  // same scan.
  void for_each_with_metrics(
      const CustomerQuery& query,
      const std::function<void(const domain::Customer&, const CustomerMetrics&)>& visit);
  std::int64_t count(const CustomerQuery& query);
  // Hard delete (cascades to tags, attributes, consent, interactions, follow-ups) and
  // erases the personal data the audit log holds about the customer.
  void purge(domain::CustomerId id);
  // Throws util::ConflictError when another live customer has the email, or another
  // customer the external id (what insert and update would refuse).
  void check_unique(const domain::Customer& customer);

private:
  void scan(const CustomerQuery& query, bool with_metrics,
            const std::function<void(const Statement&)>& visit);
  // fresh: a customer just inserted, with no tags or attributes to replace.
  void write_satellites(const domain::Customer& customer, bool fresh = false);
  Database& db_;
};

} // namespace crm::store
