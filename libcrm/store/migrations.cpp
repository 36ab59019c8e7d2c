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

} // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "customers, tags, attributes, consent, interactions, follow-ups, audit log", schema_1},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

} // namespace crm::store
