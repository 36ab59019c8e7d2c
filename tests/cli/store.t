The store: crm init, the checks that protect files that are not ours, backup, check, migrate.

Any command on a missing store says to run crm init, and creates nothing.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm customer list
  ! crm: error: no store at $WORK/crm.db: run 'crm init' to create one, or pass --db PATH
  [1]
  $ ls crm.db
  ! ls: cannot access 'crm.db': No such file or directory
  [2]
  $ crm init
  $WORK/crm.db
  ! crm: created store $WORK/crm.db (schema 4)
  $ stat -c %a crm.db
  600
  $ crm init
  $WORK/crm.db
  ! crm: existing store $WORK/crm.db (schema 4)
  $ crm --db /proc/crm/shop.db init
  ! crm: error: cannot create directory /proc/crm: No such file or directory
  [1]
  $ crm --db sub/dir/shop.db init && stat -c '%a %n' sub/dir sub/dir/shop.db
  sub/dir/shop.db
  700 sub/dir
  600 sub/dir/shop.db
  ! crm: created store sub/dir/shop.db (schema 4)

A file that is not SQLite, or SQLite that is not a crm store, is refused and left untouched.

  $ printf 'name,email\nLi,li@example.cn\n' > customers.csv; cp customers.csv before.csv
  $ crm --db customers.csv customer list
  ! crm: error: customers.csv is not a SQLite database (is --db pointing at the right file?); it was not changed
  [1]
  $ cmp customers.csv before.csv && ls customers.csv*
  customers.csv
  $ sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);' && md5sum other.db > other.md5
  $ crm --db other.db customer list
  ! crm: error: other.db is a SQLite database but not a crm store; it was not changed
  [1]
  $ crm --db other.db init
  ! crm: error: other.db is a SQLite database but not a crm store; it was not changed
  [1]
  $ md5sum -c --quiet other.md5

A store written by a newer crm is refused, saying so.

  $ crm --db newer.db init 2>/dev/null && sqlite3 newer.db 'PRAGMA user_version=99'
  newer.db
  $ crm --db newer.db customer list
  ! crm: error: newer.db was written by a newer crm (schema 99, this crm knows up to 4): upgrade crm
  [1]

Backup, check, migrate.

  $ crm customer add -q --email a@example.com
  1
  $ crm db backup copy.db
  ! crm: backed up $WORK/crm.db to copy.db
  $ stat -c %a copy.db
  600
  $ crm --db copy.db customer list --format csv
  id,external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,attributes,created_at,updated_at,deleted_at,orders,revenue,aov,first_order,last_order
  1,,a@example.com,,,,,,,,,,,,,,lead,,,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,
  $ crm db backup copy.db
  ! crm: error: copy.db already exists: choose a new file name
  [4]
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 1 customers)
  $ crm db migrate --dry-run
  ! crm: schema 4 is up to date
  $ crm db migrate
  ! crm: schema 4 is up to date
  $ sqlite3 crm.db 'PRAGMA foreign_keys=OFF; INSERT INTO customer_tags VALUES (999, "orphan");'
  $ crm db check
  foreign key: a customer_tags refers to a missing customers row
  ! crm: error: 1 problem(s) found in $WORK/crm.db
  [1]
  $ crm db check --quick
  foreign key: a customer_tags refers to a missing customers row
  ! crm: error: 1 problem(s) found in $WORK/crm.db
  [1]

A store locked by another writer past the busy timeout: exit 75, nothing written.

  $ sqlite3 crm.db 'DELETE FROM customer_tags WHERE customer_id = 999'
  $ (sqlite3 crm.db 'BEGIN IMMEDIATE;' '.shell sleep 2' 'COMMIT;' >/dev/null 2>&1 &) ; sleep 0.5
  $ crm -c store.busy_timeout_ms=200 customer add --email b@example.com
  ! crm: error: the store $WORK/crm.db is locked by another writer (waited 200 ms): try again later
  [75]
  $ sleep 2; crm customer list --format csv
  id,external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,attributes,created_at,updated_at,deleted_at,orders,revenue,aov,first_order,last_order
  1,,a@example.com,,,,,,,,,,,,,,lead,,,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,

A read-only store (here: owned by root, used by nobody) cannot be changed.

  $ cp crm.db ro.db && chmod 644 ro.db && chmod 755 . 
  $ setpriv --reuid=nobody --regid=nogroup --clear-groups crm --db ro.db customer add --email c@example.com
  ! crm: error: the store ro.db is read-only: attempt to write a readonly database
  [1]
