#include "store/migrations.hpp"

namespace crm::store {

namespace {

// Times are INTEGER seconds since the Unix epoch (UTC); due dates are TEXT YYYY-MM-DD.
constexpr std::string_view schema_1 = R"sql(
CREATE TABLE customers (
  id            INTEGER PRIMARY KEY,
  external_id   TEXT UNIQUE,
  email         TEXT,
  email_key     TEXT,           -- lower-cased, trimmed: the uniqueness key
  phone         TEXT,
  fax           TEXT,
  first_name    TEXT,
  last_name     TEXT,
  company       TEXT,
  address_line1 TEXT,
  address_line2 TEXT,
  postcode      TEXT,
  city          TEXT,
  region        TEXT,
  country       TEXT,
  language      TEXT,
  owner         TEXT,
  status        TEXT NOT NULL DEFAULT 'lead' CHECK (status IN ('lead', 'active', 'inactive')),
  source        TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  deleted_at    INTEGER
);
CREATE UNIQUE INDEX customers_email_live ON customers (email_key)
  WHERE deleted_at IS NULL AND email_key IS NOT NULL;
CREATE INDEX customers_owner ON customers (owner) WHERE owner IS NOT NULL;
CREATE INDEX customers_country ON customers (country);

-- What `customer list --search` scans: case-folded names (both orders), company, email,
-- phone digits, external id. Narrow rows, so a full scan reads a fraction of customers.
CREATE TABLE customer_search (
  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  text        TEXT NOT NULL
);

CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag         TEXT NOT NULL,
  PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

CREATE TABLE customer_attributes (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (customer_id, key)
) WITHOUT ROWID;

-- Current consent per channel, and every change to it.
CREATE TABLE consents (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'postal')),
  state       TEXT NOT NULL CHECK (state IN ('opt-in', 'opt-out', 'unknown')),
  source      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (customer_id, channel)
) WITHOUT ROWID;
CREATE TABLE consent_events (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel     TEXT NOT NULL,
  state       TEXT NOT NULL,
  source      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX consent_events_customer ON consent_events (customer_id, at);

CREATE TABLE interactions (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  channel     TEXT,
  direction   TEXT CHECK (direction IN ('in', 'out')),
  author      TEXT NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX interactions_customer ON interactions (customer_id, at);

CREATE TABLE followups (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  due         TEXT NOT NULL,
  owner       TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  done_at     INTEGER
);
CREATE INDEX followups_open ON followups (due) WHERE done_at IS NULL;
CREATE INDEX followups_customer ON followups (customer_id);

-- Who changed what, when. Not linked by foreign key: it outlives what it describes.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  os_user     TEXT NOT NULL,
  command     TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  customer_id INTEGER,        -- the customer it is about (purge erases its data here too)
  action      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_customer ON audit_log (customer_id, id);
CREATE INDEX audit_log_at ON audit_log (at);
)sql";

// Issue 3: import batches (undo), merge journal (unmerge), suppressions (forget), and the
// forgotten marker on customers.
constexpr std::string_view schema_2 = R"sql(
-- One row per `crm customer import` that wrote something. Customers it created have the
-- consecutive ids first_created..last_created (one write transaction allocates them);
-- customers it updated are in import_updates with what they were before.
CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  file          TEXT NOT NULL,
  mode          TEXT NOT NULL,
  at            INTEGER NOT NULL,   -- real time of the run
  os_user       TEXT NOT NULL,
  command       TEXT NOT NULL,
  first_created INTEGER,
  last_created  INTEGER,
  created       INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  audit_id      INTEGER,            -- the batch's audit_log entry: later entries block undo
  undone_at     INTEGER
);
CREATE TABLE import_updates (
  batch_id    INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL,
  before_json TEXT NOT NULL,        -- {"customer": ..., "consent": {...}} before the batch
  PRIMARY KEY (batch_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX import_updates_customer ON import_updates (customer_id, batch_id);

-- `crm customer merge KEEP OTHER`: what unmerge needs to restore both.
CREATE TABLE merges (
  id           INTEGER PRIMARY KEY,
  keep_id      INTEGER NOT NULL,
  other_id     INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  os_user      TEXT NOT NULL,
  command      TEXT NOT NULL,
  journal_json TEXT NOT NULL,
  undone_at    INTEGER
);
CREATE INDEX merges_keep ON merges (keep_id);
CREATE INDEX merges_other ON merges (other_id);

-- Addresses that must not come back in (forgotten persons) or must not be mailed
-- (unsubscribed, bounced, complained). Keys are hashed: a suppression holds no address.
CREATE TABLE suppressions (
  channel  TEXT NOT NULL CHECK (channel IN ('email', 'phone')),
  key_hash TEXT NOT NULL,           -- hex SHA-256 of email_key / phone digits
  reason   TEXT NOT NULL CHECK (reason IN ('forgotten', 'unsubscribed', 'bounced', 'complained', 'manual')),
  at       INTEGER NOT NULL,
  PRIMARY KEY (channel, key_hash)
) WITHOUT ROWID;

ALTER TABLE customers ADD COLUMN forgotten_at INTEGER;
)sql";

// Orders, their items and events; per-customer metrics kept with them; order import batches.
constexpr std::string_view schema_3 = R"sql(
-- Store-wide facts: 'currency' = the currency customer metrics are kept in (money.currency
-- when the first order was written).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per `crm order import` that wrote something. Orders it created have the
-- consecutive ids first_order..last_order, customers it created (--create-missing-customers)
-- first_customer..last_customer; orders it updated are in order_import_updates.
CREATE TABLE order_import_batches (
  id             INTEGER PRIMARY KEY,
  file           TEXT NOT NULL,
  items_file     TEXT,
  at             INTEGER NOT NULL,   -- real time of the run
  os_user        TEXT NOT NULL,
  command        TEXT NOT NULL,
  first_order    INTEGER,
  last_order     INTEGER,
  first_customer INTEGER,
  last_customer  INTEGER,
  created        INTEGER NOT NULL DEFAULT 0,
  updated        INTEGER NOT NULL DEFAULT 0,
  unchanged      INTEGER NOT NULL DEFAULT 0,
  rejected       INTEGER NOT NULL DEFAULT 0,
  audit_id       INTEGER,
  undone_at      INTEGER
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  external_id TEXT UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  placed_at   INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN
                ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
  currency    TEXT NOT NULL,
  subtotal    INTEGER NOT NULL,     -- minor units of `currency`
  shipping    INTEGER NOT NULL DEFAULT 0,
  discount    INTEGER NOT NULL DEFAULT 0,
  total       INTEGER NOT NULL,
  refunded    INTEGER NOT NULL DEFAULT 0,
  value       INTEGER NOT NULL,     -- total - refunded in meta.currency
  tracking    TEXT,
  batch_id    INTEGER REFERENCES order_import_batches (id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at);
CREATE INDEX orders_placed ON orders (placed_at);

CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line       INTEGER NOT NULL,
  sku        TEXT NOT NULL,
  name       TEXT,
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, line)
) WITHOUT ROWID;
CREATE INDEX order_items_sku ON order_items (sku, order_id);

CREATE TABLE order_events (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,        -- placed | paid | shipped | delivered | cancelled | returned | note
  note        TEXT,
  tracking    TEXT,
  refund      INTEGER,
  author      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  batch_id    INTEGER
);
CREATE INDEX order_events_order ON order_events (order_id, at);

-- The state of each order a batch changed (a re-import moving its status on), for undo.
CREATE TABLE order_import_updates (
  batch_id    INTEGER NOT NULL REFERENCES order_import_batches (id) ON DELETE CASCADE,
  order_id    INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  PRIMARY KEY (batch_id, order_id)
) WITHOUT ROWID;

-- Per-customer order metrics over orders not cancelled: a row only for customers with one.
-- Kept by store::OrderRepository on every change; `crm db check` recomputes and compares.
CREATE TABLE customer_metrics (
  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  orders      INTEGER NOT NULL,
  revenue     INTEGER NOT NULL,     -- sum of orders.value, minor units of meta.currency
  first_order INTEGER NOT NULL,
  last_order  INTEGER NOT NULL
);
)sql";

// Issue 5: saved segments. `expression` is the text as the user wrote it (re-parsed when used,
// so a segment always means what its text says under the current code).
constexpr std::string_view schema_4 = R"sql(
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  expression  TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
)sql";

} // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "customers, tags, attributes, consent, interactions, follow-ups, audit log", schema_1},
      {2, "import batches, merge journal, suppressions, forgotten customers", schema_2},
      {3, "orders, items, events, customer metrics, order import batches", schema_3},
      {4, "saved segments", schema_4},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

} // namespace crm::store
