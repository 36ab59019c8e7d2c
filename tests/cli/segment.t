Segments: saved expressions (crm-segment(7)) with live counts, members, explain, export, and
definitions as TOML. Every error exits with its code and writes nothing.

  $ export CRM_NOW=2025-06-01T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --city 上海 --country cn --tag vip --tag 回头客 --attr shoe_size=37
  1
  $ crm customer add -q --email anna@example.de --first-name Anna --last-name Schmidt --city Berlin --country DE --tag vip
  2
  $ crm customer add -q --email bob@qq.com --first-name Bob --country CN --tag wholesale
  3
  $ crm customer add -q --email carl@example.com --first-name Carl --status active
  4
  $ crm customer add -q --email gone@example.com --first-name Gone --tag vip
  5
  $ crm customer rm 5 2>/dev/null
  5
  $ crm customer consent 1 email opt-in --source form 2>/dev/null
  $ crm customer consent 2 email opt-out --source call 2>/dev/null
  $ crm order add --customer 1 --item TEA-01:2:500 --placed-at 2025-05-20 --status delivered 2>/dev/null
  1
  $ crm order add --customer 1 --item CUP-02:1:30 --placed-at 2024-12-01 --status delivered 2>/dev/null
  2
  $ crm order add --customer 2 --item TEA-01:1:80 --placed-at 2025-01-10 --status paid 2>/dev/null
  3
  $ crm order add --customer 3 --item CUP-02:10:30 --placed-at 2025-05-30 --status cancelled 2>/dev/null
  4

Counting an expression needs no saved segment.

  $ crm segment count --where 'tag:vip'
  2
  $ crm segment count --where 'tag:vip and revenue > 100'
  1
  $ crm segment count --where 'last_order within 30d or orders = 0'
  3
  $ crm segment count --where 'country in ("CN", "hk") and not tag:wholesale'
  1
  $ crm segment count --where 'bought("TEA-01") and not bought("CUP-02")'
  1
  $ crm segment count --where 'bought("CUP-02") within 90d'
  0
  $ crm segment count --where 'opted_in:email or consent.email = opt-out'
  2
  $ crm segment count --where 'email ~ "*@example.*" and city is empty'
  1
  $ crm segment count --where 'attr.shoe_size = "37" and tag:回头客'
  1
  $ crm segment count --where 'created before 2025-06-01' --format json
  {"count":0}
  $ crm --now 2025-07-15 segment count --where 'last_order within 30d'
  0

Saving, listing and showing segments.

  $ crm segment create vip --where 'tag:vip' --description 'our VIPs'
  ! crm: created segment vip (2 customers)
  $ crm segment create lapsed-vip --where 'segment:vip and last_order older than 90d'
  ! crm: created segment lapsed-vip (1 customer)
  $ crm segment create big --where 'revenue >= 1000' --dry-run
  ! crm: dry run: would create segment big (1 customer)
  $ crm segment list
  NAME        COUNT  DESCRIPTION  WHERE
  lapsed-vip      1               segment:vip and last_order older than 90d
  vip             2  our VIPs     tag:vip
  $ crm segment list --format csv --no-count
  name,description,where,uses,used_by,created_at,updated_at,error
  lapsed-vip,,segment:vip and last_order older than 90d,vip,,2025-06-01T09:00:00Z,2025-06-01T09:00:00Z,
  vip,our VIPs,tag:vip,,lapsed-vip,2025-06-01T09:00:00Z,2025-06-01T09:00:00Z,
  $ crm segment show lapsed-vip --format json
  {"name":"lapsed-vip","where":"segment:vip and last_order older than 90d","description":"","count":1,"uses":["vip"],"used_by":[],"created_at":"2025-06-01T09:00:00Z","updated_at":"2025-06-01T09:00:00Z"}
  $ crm segment count vip
  2
  $ crm segment count vip --where 'city = "berlin"'
  1

Members in every format, with chosen fields; customer list and export take the same filters.

  $ crm segment members vip
  ID  NAME          EMAIL             PHONE  COMPANY  CITY    COUNTRY  STATUS  TAGS         ORDERS  REVENUE
   1  李娜          li.na@example.cn                  上海    CN       lead    vip, 回头客       2  1030.00
   2  Anna Schmidt  anna@example.de                   Berlin  DE       lead    vip               1    80.00
  $ crm segment members vip --fields id,email,revenue,last_order,attr.shoe_size --format csv
  id,email,revenue,last_order,attr.shoe_size
  1,li.na@example.cn,1030.00,2025-05-20T00:00:00Z,37
  2,anna@example.de,80.00,2025-01-10T00:00:00Z,
  $ crm segment members vip --sort -revenue --limit 1 -q
  1
  $ crm customer list --segment vip --where 'revenue > 0' -q
  1
  2
  $ crm customer list --where 'tag:vip' --country DE -q
  2
  $ crm customer export --segment lapsed-vip --fields id,email | tr -d '\r'
  id,email
  2,anna@example.de
  ! crm: exported 1 customer to stdout
  $ crm segment export vip --fields id,email,city 2>/dev/null | tr -d '\r'
  id,email,city
  1,li.na@example.cn,上海
  2,anna@example.de,Berlin
  $ crm segment export vip --where 'orders >= 2' --fields id,email 2>/dev/null | tr -d '\r'
  id,email
  1,li.na@example.cn
  $ crm segment members vip --fields id,first_name,attr.shoe_size,revenue
  ID  FIRST NAME  ATTR.SHOE_SIZE  REVENUE
   1  娜          37              1030.00
   2  Anna                          80.00

Explain: the SQL with its bound values, the plan, the count after each clause.

  $ crm segment explain --where 'tag:vip and orders >= 1 and city = "上海"' --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["params"]); print([(s["clause"], s["count"]) for s in d["steps"]]); print(d["count"], "?" in d["sql"], "上海" in d["sql"])'
  ['vip', 1, '上海']
  [('tag:vip', 2), ('orders >= 1', 2), ('city = "上海"', 1)]
  1 True False

  $ crm segment explain lapsed-vip
  expression: segment:lapsed-vip
  
  SQL:
    SELECT count(*) FROM customer_metrics m CROSS JOIN customers c ON c.id = m.customer_id WHERE c.deleted_at IS NULL AND ((((c.id IN (SELECT customer_id FROM customer_tags WHERE tag = ?)) AND coalesce(m.last_order < ?, 0))))
  parameters:
    ?1 = vip
    ?2 = 1740992400
  
  query plan:
    SEARCH m USING INTEGER PRIMARY KEY (rowid=?)
    LIST SUBQUERY 1
      SEARCH customer_tags USING COVERING INDEX customer_tags_tag (tag=?)
    SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
    REUSE LIST SUBQUERY 1
  
  customers after each clause:
             2  segment:vip
             1  last_order older than 90d
  
  1 customer
  $ crm segment explain --where "$(printf 'city = "\033[31mx"')" | grep '?1' | cat -v
    ?1 = x

The fields an expression can use.

  $ crm segment fields --format tsv | head -4
  name	type	help
  external_id	text	the customer's id in another system
  email	text	email address (compared case-insensitively)
  phone	text	phone number as stored
  $ crm segment fields -q | wc -l
  25

Errors: the expression with a caret, the nearest field, exit 2; nothing is saved.

  $ crm segment count --where 'revnue > 1000'
  ! crm: error: unknown field 'revnue' (did you mean 'revenue'?)
  !   revnue > 1000
  !   ^~~~~~
  [2]
  $ crm segment create x --where 'tag:vip and'
  ! crm: error: expected a condition after 'and'
  !   tag:vip and
  !              ^
  [2]
  $ crm segment create x --where 'orders > "many"'
  ! crm: error: orders is a count: expected a number
  !   orders > "many"
  !            ^~~~~~
  [2]
  $ crm segment create x --where 'city = "上海'
  ! crm: error: unterminated string
  !   city = "上海
  !          ^
  [2]
  $ crm segment create x --where 'revenue > 10.005'
  ! crm: error: revenue takes at most 2 decimals: '10.005'
  !   revenue > 10.005
  !             ^~~~~~
  [2]
  $ crm segment create x --where 'created before 2025-02-30'
  ! crm: error: invalid date '2025-02-30'
  !   created before 2025-02-30
  !                  ^~~~~~~~~~
  [2]
  $ crm segment create x --where 'segment:vipp'
  ! crm: error: unknown segment 'vipp' (did you mean 'vip'?)
  !   segment:vipp
  !   ^~~~~~~~~~~~
  [3]
  $ crm segment create 'bad name' --where 'tag:vip'
  ! crm: error: invalid segment name 'bad name': use letters, digits, _ - . (at most 64 bytes, not starting with - or .)
  [2]
  $ crm segment create vip --where 'tag:vip'
  ! crm: error: segment 'vip' already exists; change it with crm segment edit vip
  [4]
  $ crm segment create x
  ! crm: error: crm segment create: --where EXPR is required
  [2]
  $ crm segment edit vip --where 'segment:lapsed-vip'
  ! crm: error: segment cycle: vip -> lapsed-vip -> vip
  !   segment:lapsed-vip
  !   ^~~~~~~~~~~~~~~~~~
  [2]
  $ crm segment edit nosuch --where 'tag:vip'
  ! crm: error: no segment 'nosuch'; crm segment list shows them
  [3]
  $ crm segment rm vip
  ! crm: error: segment 'vip' is used by segment lapsed-vip: change it first
  [4]
  $ crm segment rm nosuch
  ! crm: error: no segment 'nosuch'; crm segment list shows them
  [3]
  $ crm segment count nosuch
  ! crm: error: no segment 'nosuch'; crm segment list shows them
  [3]
  $ crm customer list --segment nosuch
  ! crm: error: no segment 'nosuch'; crm segment list shows them
  [3]
  $ crm segment list --no-count -q --format tsv
  lapsed-vip
  vip
  $ crm segment edit vip
  ! crm: error: crm segment edit: give --where EXPR or --description TEXT
  [2]
  $ crm segment count
  ! crm: error: give a segment NAME or --where EXPR
  [2]
  $ crm segment members --fields id
  ! crm: error: give a segment NAME or --where EXPR
  [2]
  $ crm segment members vip --fields id,nme
  ! crm: error: --fields: unknown field 'nme' (fields: id, external_id, email, phone, fax, first_name, last_name, company, address_line1, address_line2, postcode, city, region, country, language, owner, status, source, tags, attributes, created_at, updated_at, deleted_at, orders, revenue, aov, first_order, last_order, attr.KEY)
  [2]
  $ crm segment export-defs -o defs.toml 2>/dev/null && crm segment export-defs -o defs.toml
  ! crm: error: defs.toml exists: pass --force to replace it
  [4]
  $ crm segment import-defs missing.toml
  ! crm: error: cannot read missing.toml: No such file or directory
  [2]

Limits, names, deleted customers: refused before anything is written or asked of SQLite.

  $ crm segment count --where "$(printf 'not %.0s' $(seq 17))tag:vip" 2>&1 | head -1
  crm: error: expression nested too deeply: more than 16 levels of not, and, or and segment references (saved segments included)
  $ crm segment count --where "$(for i in $(seq 501); do printf 'tag:t%d or ' $i; done)tag:vip" 2>&1 | head -1
  crm: error: expression too large: more than 500 conditions (saved segments included)
  $ crm segment create "$(printf 'vip\u200b')" --where 'tag:vip'
  ! crm: error: invalid segment name 'vip\u200B': use letters, digits, _ - . (at most 64 bytes, not starting with - or .)
  [2]
  $ crm segment create "$(printf 'a\u202eb')" --where 'tag:vip'
  ! crm: error: invalid segment name 'a\u202Eb': use letters, digits, _ - . (at most 64 bytes, not starting with - or .)
  [2]
  $ crm customer list --deleted --segment vip
  ! crm: error: --segment: deleted customers are never members of a segment; leave out --deleted / --include-deleted (--where works with them)
  [2]
  $ crm customer export --include-deleted --segment vip
  ! crm: error: --segment: deleted customers are never members of a segment; leave out --deleted / --include-deleted (--where works with them)
  [2]
  $ crm customer list --deleted --where 'tag:vip' -q
  5
  $ crm segment count --where 'first_order > 9999-12-31'
  ! crm: error: invalid date '9999-12-31': out of range
  !   first_order > 9999-12-31
  !                 ^~~~~~~~~~
  [2]
  $ crm segment count --where 'first_order within 100000y'
  ! crm: error: invalid duration '100000y': too long
  !   first_order within 100000y
  !                      ^~~~~~~
  [2]
  $ crm segment create deep --where "$(printf 'not %.0s' $(seq 10))segment:lapsed-vip" 2>/dev/null
  $ crm segment edit vip --where "$(printf 'not %.0s' $(seq 6))tag:vip"
  ! crm: error: segment 'deep' uses 'lapsed-vip' and would no longer work: in segment 'lapsed-vip': in segment 'vip': expression nested too deeply: more than 16 levels of not, and, or and segment references (saved segments included)
  !   not not not not not not tag:vip
  !               ^~~~~~~~~~~~~~~~~~~
  [2]
  $ crm segment count vip
  2

A definition that no longer resolves (written by hand here) is listed without a count, with a
note; the others still are.

  $ sqlite3 crm.db "INSERT INTO segments (name, expression, created_at, updated_at) VALUES ('old', 'revnue > 1', 0, 0)"
  $ crm segment list
  NAME        COUNT  DESCRIPTION  WHERE
  deep            1               not not not not not not not not not not segment:lapsed-vip
  lapsed-vip      1               segment:vip and last_order older than 90d
  old                             revnue > 1
  vip             2  our VIPs     tag:vip
  ! crm: segment old cannot be counted: unknown field 'revnue' (did you mean 'revenue'?)
  $ crm segment count old
  ! crm: error: in segment 'old': unknown field 'revnue' (did you mean 'revenue'?)
  !   revnue > 1
  !   ^~~~~~
  [2]
  $ crm segment rm old 2>/dev/null
  $ crm segment rm deep 2>/dev/null

Values are bound, never spliced: an injection attempt is matched literally.

  $ crm segment count --where "first_name = \"'; DROP TABLE customers; --\""
  0
  $ crm segment count --where 'first_name = "x\" or 1=1 or \"" or email ~ "%"'
  0
  $ crm customer list -q | wc -l
  4

Editing, dry runs, the audit log.

  $ crm segment edit vip --description 'VIP tag' --dry-run
  ! crm: dry run: would save segment vip (2 customers)
  $ crm segment edit vip --where 'tag:vip and opted_in:email'
  ! crm: saved segment vip (1 customer)
  $ crm segment count lapsed-vip
  0
  $ crm db audit --limit 2 --format csv | cut -d, -f5-7
  entity_id,customer_id,action
  3,,rm
  1,,edit

Definitions as TOML: export, import into another store, again (unchanged), bad files.

  $ crm segment export-defs > segments.toml
  $ cat segments.toml
  # Segment definitions: crm segment import-defs FILE reads them back.
  
  [segments.lapsed-vip]
  where = 'segment:vip and last_order older than 90d'
  
  [segments.vip]
  description = 'our VIPs'
  where = 'tag:vip and opted_in:email'
  $ crm --db other.db init 2>/dev/null
  other.db
  $ crm --db other.db segment import-defs segments.toml --dry-run
  would create lapsed-vip
  would create vip
  ! crm: dry run: segments.toml: 2 created, 0 updated, 0 unchanged
  $ crm --db other.db segment list --no-count -q --format tsv
  $ crm --db other.db segment import-defs segments.toml
  create lapsed-vip
  create vip
  ! crm: segments.toml: 2 created, 0 updated, 0 unchanged
  $ crm --db other.db segment import-defs segments.toml
  ! crm: segments.toml: 0 created, 0 updated, 2 unchanged
  $ crm --db other.db segment export-defs | cmp - segments.toml && echo same
  same
  $ printf '[segments.a]\nwhere = "segment:b"\n[segments.b]\nwhere = "segment:a"\n' > loop.toml
  $ crm --db other.db segment import-defs loop.toml
  ! crm: error: segment 'a' (line 1): segment cycle: a -> b -> a
  !   segment:b
  !   ^~~~~~~~~
  [2]
  $ printf '[segments.c]\nwher = "tag:vip"\n' > typo.toml
  $ crm --db other.db segment import-defs typo.toml
  ! crm: error: typo.toml:2:1: unknown key 'wher' in segments.c (expected where, description)
  [2]
  $ printf '[segments.c]\nwhere = "tag:vip"\n[segments.d]\nwhere = "ordrs > 1"\n' > bad.toml
  $ crm --db other.db segment import-defs bad.toml
  ! crm: error: segment 'd' (line 3): unknown field 'ordrs' (did you mean 'orders'?)
  !   ordrs > 1
  !   ^~~~~
  [2]
  $ printf '[segments.ok]\nwhere = "tag:vip"\n[segments."bad name"]\nwhere = "tag:vip"\n' > names.toml
  $ crm --db other.db segment import-defs names.toml
  ! crm: error: line 3: invalid segment name 'bad name': use letters, digits, _ - . (at most 64 bytes, not starting with - or .)
  [2]
  $ printf '[segments.c\n' > broken.toml
  $ crm --db other.db segment import-defs broken.toml
  ! crm: error: broken.toml:1:12: invalid TOML: Error while parsing table header: expected ']', saw '\n'
  [2]
  $ crm --db other.db segment list --no-count -q --format tsv
  lapsed-vip
  vip

Removing: not while used; then in order.

  $ crm segment rm vip --dry-run
  ! crm: error: segment 'vip' is used by segment lapsed-vip: change it first
  [4]
  $ crm segment rm lapsed-vip
  ! crm: deleted segment lapsed-vip
  $ crm segment rm vip
  ! crm: deleted segment vip
  $ crm segment list
  NAME  COUNT  DESCRIPTION  WHERE
