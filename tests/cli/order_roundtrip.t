The migration round trip of orders: export the orders and their items, import both into a store
holding the same customers, export again: byte-identical. The one-file layout (--flat) too.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ export CRM_MONEY_RATES="USD=7.10 JPY=0.048 KWD=23.10"
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --external-id S-1 --first-name 娜 --last-name 李
  1
  $ crm customer add -q --email "o'brien@example.ie" --external-id S-2 --first-name Seán
  2
  $ crm customer add -q --email x@example.com --external-id S-3
  3

Orders through every status (with their times), partial returns, other currencies (JPY has no
decimals, KWD three), text a spreadsheet would take for a formula, commas, quotes, Chinese.

  $ crm order add -q --customer 1 --external-id A-1 --placed-at 2025-05-01T10:00:00Z --shipping 5 --discount 2.5 --item 'TEA-1:2:12.50:Green tea, 250g' --item 'CUP:1:0:The "good" cup'
  1
  ! crm: added order 1: 2 item(s), total 27.50 CNY, pending, customer 1
  $ crm order status ext:A-1 paid --at 2025-05-01T11:00:00Z 2>/dev/null
  $ crm order status ext:A-1 shipped --at 2025-05-02 --tracking SF1001 2>/dev/null
  $ crm order status ext:A-1 delivered --at 2025-05-04 2>/dev/null
  $ crm order status ext:A-1 returned --refund 10 --at 2025-05-10 2>/dev/null
  $ crm order status ext:A-1 returned --refund 5 --at 2025-05-12 2>/dev/null
  $ crm order add -q --customer 2 --external-id A-2 --placed-at 2025-05-03 --currency USD --item '=SUM(A1):1:99.99:=HYPERLINK("x")'
  2
  ! crm: added order 2: 1 item(s), total 99.99 USD, pending, customer 2
  $ crm order status ext:A-2 paid --at 2025-05-03T12:00:00Z 2>/dev/null
  $ crm order status ext:A-2 cancelled --at 2025-05-04 2>/dev/null
  $ crm order add -q --customer 3 --external-id A-3 --placed-at 2025-05-05 --currency JPY --status delivered --item 'JP-1:3:1200:抹茶'
  3
  ! crm: added order 3: 1 item(s), total 3600 JPY, delivered, customer 3
  $ crm order add -q --customer 1 --external-id A-4 --placed-at 2025-05-06 --currency KWD --item 'K-1:2:1.234'
  4
  ! crm: added order 4: 1 item(s), total 2.468 KWD, pending, customer 1
  $ crm order status ext:A-4 paid --at 2025-05-06T08:00:00Z 2>/dev/null
  $ crm order status ext:A-4 shipped --at 2025-05-07 2>/dev/null
  $ crm order status ext:A-4 returned --at 2025-05-20 2>/dev/null
  $ crm order add -q --customer 2 --external-id 订单-5 --placed-at 2025-05-08T09:30:00+08:00 --item 'P:1:3'
  5
  ! crm: added order 5: 1 item(s), total 3.00 CNY, pending, customer 2

The customers go first (by their external ids), then the orders and their items.

  $ crm customer export -o customers.csv 2>/dev/null
  $ crm order export -o orders.csv
  ! crm: exported 5 orders to orders.csv
  $ crm order export --items -o items.csv
  ! crm: exported 6 items of 5 orders to items.csv
  $ python3 -c 'import sys; [sys.stdout.write(open(f, encoding="utf-8").read().replace("\r\n", "\n")) for f in ("orders.csv", "items.csv")]'
  order_id,customer_external_id,customer_email,placed_at,status,currency,subtotal,shipping,discount,total,refunded,tracking,paid_at,shipped_at,delivered_at,cancelled_at,returned_at
  A-1,S-1,li.na@example.cn,2025-05-01T10:00:00Z,returned,CNY,25.00,5.00,2.50,27.50,15.00,SF1001,2025-05-01T11:00:00Z,2025-05-02T00:00:00Z,2025-05-04T00:00:00Z,,2025-05-12T00:00:00Z
  A-2,S-2,o'brien@example.ie,2025-05-03T00:00:00Z,cancelled,USD,99.99,0.00,0.00,99.99,0.00,,2025-05-03T12:00:00Z,,,2025-05-04T00:00:00Z,
  A-3,S-3,x@example.com,2025-05-05T00:00:00Z,delivered,JPY,3600,0,0,3600,0,,2025-05-05T00:00:00Z,2025-05-05T00:00:00Z,2025-05-05T00:00:00Z,,
  A-4,S-1,li.na@example.cn,2025-05-06T00:00:00Z,returned,KWD,2.468,0.000,0.000,2.468,2.468,,2025-05-06T08:00:00Z,2025-05-07T00:00:00Z,,,2025-05-20T00:00:00Z
  订单-5,S-2,o'brien@example.ie,2025-05-08T01:30:00Z,pending,CNY,3.00,0.00,0.00,3.00,0.00,,,,,,
  order_id,line,sku,name,quantity,unit_price
  A-1,1,TEA-1,"Green tea, 250g",2,12.50
  A-1,2,CUP,"The ""good"" cup",1,0.00
  A-2,1,'=SUM(A1),"'=HYPERLINK(""x"")",1,99.99
  A-3,1,JP-1,抹茶,3,1200
  A-4,1,K-1,,2,1.234
  订单-5,1,P,,1,3.00
  $ crm --db second.db init 2>/dev/null
  second.db
  $ CRM_NOW=2026-01-01T00:00:00Z crm --db second.db customer import customers.csv --match external_id -q
  1
  $ CRM_NOW=2026-01-01T00:00:00Z crm --db second.db order import orders.csv --items items.csv
  ! crm: imported orders.csv and items.csv (5 + 6 rows, 5 orders): 5 created, 0 updated, 0 unchanged, 0 rejected (batch 1; undo: crm order import --undo 1)
  $ crm --db second.db order export -o orders2.csv 2>/dev/null
  $ crm --db second.db order export --items -o items2.csv 2>/dev/null
  $ cmp orders.csv orders2.csv && cmp items.csv items2.csv && echo identical
  identical

The imported orders have their timelines (one event per status time) and the same metrics.

  $ crm --db second.db order timeline ext:A-1 --format tsv | cut -f3-6
  at	kind	refund	tracking
  2025-05-01T10:00:00Z	placed		
  2025-05-01T11:00:00Z	paid		
  2025-05-02T00:00:00Z	shipped		SF1001
  2025-05-04T00:00:00Z	delivered		
  2025-05-12T00:00:00Z	returned	15.00	
  $ for db in crm.db second.db; do crm --db $db customer list --format json | python3 -c 'import json,sys; [print(c["id"], c["orders"], c["revenue"], c["aov"], c["first_order"], c["last_order"]) for c in json.load(sys.stdin)]'; done
  1 2 12.50 6.25 2025-05-01T10:00:00Z 2025-05-06T00:00:00Z
  2 1 3.00 3.00 2025-05-08T01:30:00Z 2025-05-08T01:30:00Z
  3 1 172.80 172.80 2025-05-05T00:00:00Z 2025-05-05T00:00:00Z
  1 2 12.50 6.25 2025-05-01T10:00:00Z 2025-05-06T00:00:00Z
  2 1 3.00 3.00 2025-05-08T01:30:00Z 2025-05-08T01:30:00Z
  3 1 172.80 172.80 2025-05-05T00:00:00Z 2025-05-05T00:00:00Z
  $ crm --db second.db db check 2>&1 | tail -1
  crm: ok: second.db (schema 4, 3 customers)

Importing them again changes nothing.

  $ crm --db second.db order import orders.csv --items items.csv
  ! crm: orders.csv and items.csv (5 + 6 rows, 5 orders): 0 created, 0 updated, 5 unchanged, 0 rejected; nothing changed
  $ crm --db second.db order import --undo 1
  ! crm: undid order import batch 1: 5 created orders deleted, 0 updated orders restored, 0 created customers deleted
  $ crm --db second.db order list --format tsv | wc -l
  1
  $ crm --db second.db db check 2>&1 | tail -1
  crm: ok: second.db (schema 4, 3 customers)

One file with a row per item (--flat), and the other encodings and options.

  $ crm order export --flat -o flat.csv
  ! crm: exported 6 items of 5 orders to flat.csv
  $ crm --db third.db init >/dev/null 2>&1 && crm --db third.db customer import customers.csv --match external_id -q >/dev/null 2>&1
  $ crm --db third.db order import flat.csv
  ! crm: imported flat.csv (6 rows, 5 orders): 5 created, 0 updated, 0 unchanged, 0 rejected (batch 1; undo: crm order import --undo 1)
  $ crm --db third.db order export --flat -o flat2.csv 2>/dev/null && cmp flat.csv flat2.csv && echo identical
  identical
  $ crm order export --raw --encoding GB18030 --delimiter ';' -o raw.csv 2>/dev/null && crm order export --items --raw --encoding GB18030 --delimiter ';' -o raw-items.csv 2>/dev/null
  $ crm --db fourth.db init >/dev/null 2>&1 && crm --db fourth.db customer import customers.csv --match external_id -q >/dev/null 2>&1
  $ crm --db fourth.db order import raw.csv --items raw-items.csv --encoding GB18030 -q
  1
  $ crm --db fourth.db order export --raw --encoding GB18030 --delimiter ';' -o raw2.csv 2>/dev/null && cmp raw.csv raw2.csv && echo identical
  identical
  $ crm order export --flat --bom --format tsv --status returned | od -c | head -1
  0000000 357 273 277   o   r   d   e   r   _   i   d  \t   c   u   s   t
  ! crm: exported 3 items of 2 orders to stdout
  $ crm order export --format tsv --status returned
  order_id	customer_external_id	customer_email	placed_at	status	currency	subtotal	shipping	discount	total	refunded	tracking	paid_at	shipped_at	delivered_at	cancelled_at	returned_at
  A-1	S-1	li.na@example.cn	2025-05-01T10:00:00Z	returned	CNY	25.00	5.00	2.50	27.50	15.00	SF1001	2025-05-01T11:00:00Z	2025-05-02T00:00:00Z	2025-05-04T00:00:00Z		2025-05-12T00:00:00Z
  A-4	S-1	li.na@example.cn	2025-05-06T00:00:00Z	returned	KWD	2.468	0.000	0.000	2.468	2.468		2025-05-06T08:00:00Z	2025-05-07T00:00:00Z			2025-05-20T00:00:00Z
  ! crm: exported 2 orders to stdout
  $ crm order export --format ndjson --customer 2 2>/dev/null
  {"order_id":"A-2","customer_external_id":"S-2","customer_email":"o'brien@example.ie","placed_at":"2025-05-03T00:00:00Z","status":"cancelled","currency":"USD","subtotal":"99.99","shipping":"0.00","discount":"0.00","total":"99.99","refunded":"0.00","tracking":null,"paid_at":"2025-05-03T12:00:00Z","shipped_at":null,"delivered_at":null,"cancelled_at":"2025-05-04T00:00:00Z","returned_at":null,"id":2,"customer_id":2,"value":"709.93","created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  {"order_id":"订单-5","customer_external_id":"S-2","customer_email":"o'brien@example.ie","placed_at":"2025-05-08T01:30:00Z","status":"pending","currency":"CNY","subtotal":"3.00","shipping":"0.00","discount":"0.00","total":"3.00","refunded":"0.00","tracking":null,"paid_at":null,"shipped_at":null,"delivered_at":null,"cancelled_at":null,"returned_at":null,"id":5,"customer_id":2,"value":"3.00","created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  $ crm order export --items --format json --to 2025-05-04 2>/dev/null
  [
  {"order_id":"A-1","line":1,"sku":"TEA-1","name":"Green tea, 250g","quantity":2,"unit_price":"12.50","amount":"25.00"},
  {"order_id":"A-1","line":2,"sku":"CUP","name":"The \"good\" cup","quantity":1,"unit_price":"0.00","amount":"0.00"},
  {"order_id":"A-2","line":1,"sku":"=SUM(A1)","name":"=HYPERLINK(\"x\")","quantity":1,"unit_price":"99.99","amount":"99.99"}
  ]
  $ crm order export --items --format json --fields sku
  ! crm: error: --fields does not apply to json output: it has every field (pick them with jq)
  [2]
  $ crm order export --fields order_id,total,value,id --to 2025-05-04 | tr -d '\r'
  order_id,total,value,id
  A-1,27.50,12.50,1
  A-2,99.99,709.93,2
  ! crm: exported 2 orders to stdout
  $ crm order export --fields order_id,totl
  ! crm: error: unknown field 'totl' (did you mean 'total'?); fields: order_id, customer_external_id, customer_email, placed_at, status, currency, subtotal, shipping, discount, total, refunded, tracking, paid_at, shipped_at, delivered_at, cancelled_at, returned_at, id, customer_id, value, created_at, updated_at
  [2]
  $ crm order export --format table
  ! crm: error: export writes csv, tsv, json or ndjson, not table
  [2]
  $ crm order export --items --flat
  ! crm: error: --items and --flat: choose one layout
  [2]
  $ crm order export -o orders.csv
  ! crm: error: orders.csv exists: pass --force to replace it
  [4]
  $ crm order export --customer nobody@example.com
  ! crm: error: no customer matches 'nobody@example.com'
  [3]
  $ crm order export --status lost
  ! crm: error: unknown order status 'lost': use pending, paid, shipped, delivered, cancelled or returned
  [2]
  $ crm order export --from yesterdayish
  ! crm: error: --from: invalid time 'yesterdayish': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm order export --delimiter ';' --format tsv
  ! crm: error: --delimiter does not apply to tsv output
  [2]
