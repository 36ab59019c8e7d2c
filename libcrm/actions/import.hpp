#pragma once
// `crm customer import`: CSV rows into customers, as one recorded batch that --undo reverts.
//
// Every row is validated and matched; the whole file is applied in one transaction that is
// committed only when no row was rejected, or with skip_invalid (then the valid rows are).
// A dry run does the same work and rolls it back, so it reports exactly what a real run would.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "actions/import_mapping.hpp"
#include "domain/customer.hpp"
#include "store/imports.hpp"
#include "util/json.hpp"

namespace crm::actions {

struct ImportCustomers {
  std::string file; // a path, or "-" for standard input
  std::optional<std::string> encoding;
  std::optional<std::string> delimiter; // ",", ";", "|", "tab"; nullopt: sniffed
  std::vector<std::string> maps;        // "Header=field"
  std::optional<std::string> map_file;  // TOML with a [columns] table
  bool keep_unmapped = false;
  std::string match = "email";                // email | external_id | phone
  std::optional<std::string> default_country; // phones without +CC get it (E.164)
  std::string mode = "upsert";                // create | update | upsert | fill
  std::optional<std::string> consent_source;  // default "import of FILE"
  std::vector<std::string> tags;              // added to every imported customer
  bool skip_invalid = false;
  std::optional<std::string> rejects; // CSV of rejected rows: original columns + _line, _error
  bool dry_run = false;
};

// What happened to one row.
struct ImportRow {
  std::size_t line = 0;
  std::string action; // create | update | unchanged | reject
  std::optional<domain::CustomerId> customer;
  std::string detail; // changed fields ("city: 北京 -> 上海; tags"), or why it was rejected
};

struct ImportSummary {
  std::optional<std::int64_t> batch; // none for a dry run or when nothing was committed
  std::int64_t rows = 0, created = 0, updated = 0, unchanged = 0, rejected = 0;
  std::vector<std::string> problems; // "FILE:LINE: reason", the first max_problems
  std::int64_t problems_omitted = 0;
  std::vector<std::string> unmapped; // columns not imported (header names)
  std::string encoding;
  char delimiter = ',';
  bool committed = false; // false: a dry run, or rows rejected without skip_invalid

  [[nodiscard]] util::Json json() const;
};

struct ImportHooks {
  std::function<void(const ImportRow&)> row;  // each row's outcome (dry run, -v)
  std::function<void(std::int64_t)> progress; // rows read so far, now and then
};

inline constexpr std::size_t max_problems = 1000;

// Throws UsageError (bad options, unreadable file, --map trouble) or DataError (a broken
// file: bad encoding, unterminated quote, duplicate columns). Rejected rows are not an
// exception: the summary lists them, and without skip_invalid nothing was committed.
ImportSummary import_customers(Context& ctx, const ImportCustomers& input,
                               const ImportHooks& hooks = {});

struct UndoSummary {
  std::int64_t batch = 0;
  std::int64_t deleted = 0, restored = 0;
};
// Reverts a batch: removes the customers it created, restores the fields, tags, attributes
// and consent of those it updated. Throws NotFoundError (no such batch) or ConflictError
// (already undone, or later changes touched its customers: the message says which).
UndoSummary undo_import(Context& ctx, std::int64_t batch, bool dry_run);

std::vector<store::ImportBatch> list_imports(Context& ctx, std::int64_t limit);
// A batch as `crm customer imports` lists it and the audit log records it.
util::Json import_batch_json(const Context& ctx, const store::ImportBatch& batch);

} // namespace crm::actions
