Per-customer order metrics (orders, revenue, aov, first_order, last_order): kept by every
change, shown by customer show and list, verified by db check, rebuilt by recompute-metrics.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李
  1
  $ crm customer add -q --email anna@example.de --first-name Anna --last-name Schmidt
  2
  $ cat > metrics.py <<'EOF'
  > import json, sys
  > for line in sys.stdin:
  >     d = json.loads(line)
  >     print(d["id"], d["orders"], d["revenue"], d["aov"], d["first_order"], d["last_order"])
  > EOF

Without orders: 0 orders, revenue 0, no aov, no first or last order.

  $ crm customer show 1 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([d[k] for k in ("orders", "revenue", "aov", "first_order", "last_order", "currency")], d["recent_orders"])'
  [0, '0.00', None, None, None, 'CNY'] []
  $ crm customer list --format csv
  id,external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,attributes,created_at,updated_at,deleted_at,orders,revenue,aov,first_order,last_order
  1,,li.na@example.cn,,,娜,李,,,,,,,,,,lead,,,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,
  2,,anna@example.de,,,Anna,Schmidt,,,,,,,,,,lead,,,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,
  $ crm customer list
  ID  NAME          EMAIL             PHONE  COMPANY  CITY  COUNTRY  STATUS  TAGS  ORDERS  REVENUE
   1  李娜          li.na@example.cn                                 lead               0     0.00
   2  Anna Schmidt  anna@example.de                                  lead               0     0.00

Orders in the store currency and in USD (converted at money.rates), placed at different times.

  $ mkdir -p config/crm && printf '[money]\nrates = "USD=7.10"\n' > config/crm/config.toml
  $ crm order add --customer 1 --item TEA:2:50.00 --placed-at 2025-03-01T10:00:00Z --status delivered 2>/dev/null
  1
  $ crm order add --customer 1 --item CUP:1:30.00 --shipping 10 --placed-at 2025-04-01T08:00:00Z 2>/dev/null
  2
  $ crm order add --customer 2 --currency USD --item BOOK:1:10.00 --placed-at 2025-05-01T12:00:00Z --status paid 2>/dev/null
  3
  $ crm customer list --format ndjson | python3 metrics.py
  1 2 140.00 70.00 2025-03-01T10:00:00Z 2025-04-01T08:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z
  $ crm customer list
  ID  NAME          EMAIL             PHONE  COMPANY  CITY  COUNTRY  STATUS  TAGS  ORDERS  REVENUE
   1  李娜          li.na@example.cn                                 lead               2   140.00
   2  Anna Schmidt  anna@example.de                                  lead               1    71.00
  $ crm customer list --sort revenue -q
  2
  1
  $ crm customer list --sort -orders -q
  1
  2
  $ crm customer list --sort -last_order --format csv | cut -d, -f1,24-
  id,orders,revenue,aov,first_order,last_order
  2,1,71.00,71.00,2025-05-01T12:00:00Z,2025-05-01T12:00:00Z
  1,2,140.00,70.00,2025-03-01T10:00:00Z,2025-04-01T08:00:00Z
  $ crm customer list --sort revnue
  ! crm: error: cannot sort by 'revnue' (did you mean 'revenue'?); use one of id, email, first_name, last_name, company, city, country, owner, status, source, created_at, updated_at, external_id, orders, revenue, last_order, name (prefix '-' for descending)
  [2]
  $ crm customer show 1 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["currency"], [(o["id"], o["status"], o["total"]) for o in d["recent_orders"]])'
  CNY [(2, 'pending', '40.00'), (1, 'delivered', '100.00')]
  $ crm customer show 1 | sed -n '/^orders/,$p'
  orders       2
  revenue      140.00
  aov          70.00
  first_order  2025-03-01 10:00
  last_order   2025-04-01 08:00
  currency     CNY
  
  tags
    (none)
  
  consent
    (none)
  
  consent_history
    (none)
  
  interactions
    (none)
  
  followups
    (none)
  
  recent_orders
    ID  EXTERNAL ID  PLACED AT         STATUS     TOTAL   REFUNDED  CURRENCY  TRACKING
    2                2025-04-01 08:00  pending    40.00   0.00      CNY
    1                2025-03-01 10:00  delivered  100.00  0.00      CNY
  $ crm -c customer.show_orders=1 customer show 1 --format json | python3 -c 'import json,sys; print([o["id"] for o in json.load(sys.stdin)["recent_orders"]])'
  [2]

Cancelling an order takes it out of the metrics; a partial return lowers the revenue, a full
return leaves the order counted with nothing earned.

  $ crm order status 2 cancelled 2>/dev/null
  $ crm customer list --format ndjson | python3 metrics.py
  1 1 100.00 100.00 2025-03-01T10:00:00Z 2025-03-01T10:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z
  $ crm order status 1 returned --refund 30 2>/dev/null
  $ crm customer list --format ndjson | python3 metrics.py
  1 1 70.00 70.00 2025-03-01T10:00:00Z 2025-03-01T10:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z
  $ crm order status 1 returned 2>/dev/null
  $ crm customer list --format ndjson | python3 metrics.py
  1 1 0.00 0.00 2025-03-01T10:00:00Z 2025-03-01T10:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z
  $ crm order status 1 paid
  ! crm: error: cannot move order 1 from returned to paid: returned can become returned
  [4]
  $ crm customer list --format ndjson | python3 metrics.py
  1 1 0.00 0.00 2025-03-01T10:00:00Z 2025-03-01T10:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z

Merge moves OTHER's orders to KEEP (metrics of both follow); the journal records which, and
unmerge moves exactly those back.

  $ crm customer merge 1 2 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["merge_id"], d["interactions"], d["followups"])'
  1 [] []
  ! crm: merged customer 2 into 1 (merge 1)
  $ crm order list --customer 1 -q
  1
  2
  3
  $ crm customer list --deleted --format ndjson | python3 metrics.py
  2 0 0.00 None None None
  $ crm customer list --format ndjson | python3 metrics.py
  1 2 71.00 35.50 2025-03-01T10:00:00Z 2025-05-01T12:00:00Z
  $ crm customer merges --format json | python3 -c 'import json,sys; print([(m["id"], m["orders"]) for m in json.load(sys.stdin)])'
  [(1, 1)]
  $ crm customer unmerge 1 2>/dev/null
  2
  $ crm order list --customer 2 -q
  3
  $ crm customer list --format ndjson | python3 metrics.py
  1 1 0.00 0.00 2025-03-01T10:00:00Z 2025-03-01T10:00:00Z
  2 1 71.00 71.00 2025-05-01T12:00:00Z 2025-05-01T12:00:00Z

Unmerge refuses when one of the moved orders is gone, and changes nothing.

  $ crm customer merge 1 2 -q 2>/dev/null
  2
  $ sqlite3 crm.db "PRAGMA foreign_keys = ON; DELETE FROM orders WHERE id = 3"
  $ crm customer unmerge 2
  ! crm: error: cannot unmerge 2: order 3 was deleted since the merge
  [4]
  $ crm customer show 2 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted_at"])'
  2025-06-02T09:00:00Z

The order was deleted behind crm's back, so the stored metrics are stale: db check says so,
recompute-metrics repairs them.

  $ crm db check
  metrics: customer 1: orders stored 2, actual 1; revenue stored 71.00, actual 0.00; last_order stored 2025-05-01T12:00:00Z, actual 2025-03-01T10:00:00Z
  ! crm: crm db recompute-metrics rebuilds the metrics from the orders
  ! crm: error: 1 problem(s) found in $WORK/crm.db
  [1]
  $ crm db recompute-metrics
  ! crm: recomputed the metrics of 1 customer(s) with orders
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 1 customers)

A merge journal written before orders existed (no "orders") still unmerges.

  $ crm customer add -q --email old@example.com
  3
  $ crm customer merge 1 3 -q 2>/dev/null
  3
  $ sqlite3 crm.db "UPDATE merges SET journal_json = json_remove(journal_json, '$.orders') WHERE id = 3"
  $ crm customer unmerge 3
  3
  ! crm: undid merge 3: customer 3 back, customer 1 as before the merge
  $ crm customer merges --format json | python3 -c 'import json,sys; print([(m["id"], m["orders"], m["undone_at"]) for m in json.load(sys.stdin)])'
  [(3, None, '2025-06-02T09:00:00Z'), (2, 1, None), (1, 1, '2025-06-02T09:00:00Z')]

export-data carries the orders, with their items and events; forget keeps the orders (they are
counted) but erases their tracking numbers and event notes.

  $ crm order add --customer 1 --item SCARF:1:80.00 --placed-at 2025-05-20T09:00:00Z --status paid 2>/dev/null
  3
  $ crm order status 3 shipped --tracking SF1234567890 --note "left with the neighbour, Mr Wang" --at 2025-05-21T10:00:00Z 2>/dev/null
  $ crm customer export-data 1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print([(o["id"], o["status"], o["tracking"], [i["sku"] for i in o["items"]], [(e["kind"], e["note"], e["tracking"]) for e in o["events"] if e["kind"] == "shipped"]) for o in d["orders"]])'
  [(1, 'returned', None, ['TEA'], [('shipped', None, None)]), (2, 'cancelled', None, ['CUP'], []), (3, 'shipped', 'SF1234567890', ['SCARF'], [('shipped', 'left with the neighbour, Mr Wang', 'SF1234567890')])]
  $ crm customer forget 1 --yes --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["orders"])'
  3
  ! crm: forgot 1 customer(s): personal data erased
  $ crm order list --customer 1 --format json | python3 -c 'import json,sys; print([(o["id"], o["status"], o["total"], o["tracking"]) for o in json.load(sys.stdin)])'
  [(1, 'returned', '100.00', None), (2, 'cancelled', '40.00', None), (3, 'shipped', '80.00', None)]
  $ crm order timeline 3 --format json | python3 -c 'import json,sys; print([(e["kind"], e["note"], e["tracking"]) for e in json.load(sys.stdin)])'
  [('placed', None, None), ('paid', None, None), ('shipped', None, None)]
  $ crm customer list --deleted --format ndjson | python3 metrics.py
  1 2 80.00 40.00 2025-03-01T10:00:00Z 2025-05-20T09:00:00Z
  2 0 0.00 None None None
  $ sqlite3 crm.db "SELECT count(*) FROM order_events WHERE note LIKE '%Wang%' OR tracking IS NOT NULL"
  0

Undoing a customer import refuses when a customer it created has orders now: deleting the
customer would take the orders with it.

  $ printf 'email,first_name\nzhao@example.cn,Zhao\nqian@example.cn,Qian\n' > new.csv
  $ crm customer import new.csv 2>/dev/null
  $ crm order add --customer qian@example.cn --item TEA:1:20 2>/dev/null
  4
  $ crm customer import --undo 1
  ! crm: error: import batch 1 cannot be undone: later changes touched its customers: customer 5 (has 1 order(s), e.g. order 4), customer 5 (audit entry * (order add)); nothing was changed (glob)
  [4]
  $ crm customer list -q
  3
  4
  5
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 3 customers)

db check verifies the stored metrics against the orders; recompute-metrics rebuilds them.

  $ sqlite3 crm.db "UPDATE customer_metrics SET revenue = 1"
  $ crm db check
  metrics: customer 1: revenue stored 0.01, actual 80.00
  metrics: customer 5: revenue stored 0.01, actual 20.00
  ! crm: crm db recompute-metrics rebuilds the metrics from the orders
  ! crm: error: 2 problem(s) found in $WORK/crm.db
  [1]
  $ sqlite3 crm.db "DELETE FROM customer_metrics WHERE customer_id = 5; INSERT INTO customer_metrics VALUES (4, 1, 500, 0, 0)"
  $ crm db check
  metrics: customer 1: revenue stored 0.01, actual 80.00
  metrics: customer 4: orders stored 1, actual 0; revenue stored 5.00, actual 0.00; first_order stored 1970-01-01T00:00:00Z, actual none; last_order stored 1970-01-01T00:00:00Z, actual none
  metrics: customer 5: orders stored 0, actual 1; revenue stored 0.00, actual 20.00; first_order stored none, actual 2025-06-02T09:00:00Z; last_order stored none, actual 2025-06-02T09:00:00Z
  ! crm: crm db recompute-metrics rebuilds the metrics from the orders
  ! crm: error: 3 problem(s) found in $WORK/crm.db
  [1]
  $ crm db check --quick
  metrics: customer 1: revenue stored 0.01, actual 80.00
  metrics: customer 4: orders stored 1, actual 0; revenue stored 5.00, actual 0.00; first_order stored 1970-01-01T00:00:00Z, actual none; last_order stored 1970-01-01T00:00:00Z, actual none
  metrics: customer 5: orders stored 0, actual 1; revenue stored 0.00, actual 20.00; first_order stored none, actual 2025-06-02T09:00:00Z; last_order stored none, actual 2025-06-02T09:00:00Z
  ! crm: crm db recompute-metrics rebuilds the metrics from the orders
  ! crm: error: 3 problem(s) found in $WORK/crm.db
  [1]
  $ crm db recompute-metrics --dry-run
  ! crm: dry run: 2 customer(s) with orders; the stored metrics of 3 differ from their orders; nothing was written
  $ crm db check >/dev/null 2>&1
  [1]
  $ crm db recompute-metrics
  ! crm: recomputed the metrics of 2 customer(s) with orders
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 3 customers)
  $ crm db check --quick
  ! crm: ok: $WORK/crm.db (schema 4, 3 customers)
  $ crm customer list --format ndjson | python3 metrics.py
  3 0 0.00 None None None
  4 0 0.00 None None None
  5 1 20.00 20.00 2025-06-02T09:00:00Z 2025-06-02T09:00:00Z

Purge: the customer's orders and metrics go with it.

  $ crm customer rm qian@example.cn 2>/dev/null
  5
  $ crm customer purge 5 --yes 2>/dev/null
  5
  $ sqlite3 crm.db "SELECT count(*) FROM orders WHERE customer_id = 5; SELECT count(*) FROM customer_metrics WHERE customer_id = 5"
  0
  0
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 2 customers)
