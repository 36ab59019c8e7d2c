crm order import: one file or two, idempotent, statuses with their events, bad input, dry run,
rejects, encodings, missing customers, undo.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --external-id C-1 --first-name 娜 --last-name 李
  1
  $ crm customer add -q --email bob@example.com --external-id C-2 --first-name Bob
  2

One file, a row per item: the order's columns repeated, or blank after its first row (as shops
export them). Columns are found by name and alias; an order arrives with its status, and an
event for each status the file gives a time for.

  $ printf 'Order Number,Customer ID,Order Date,Status,Currency,SKU,Lineitem name,Qty,Price,Shipping,Total,Paid at,Shipped at,Tracking,Note\n' > shop.csv
  $ printf '#1001,C-1,2025-05-01 10:00,shipped,CNY,TEA-1,Green tea,2,12.50,5.00,30.00,2025-05-01 11:00,2025-05-02,SF1001,gift\n' >> shop.csv
  $ printf '#1001,,,,,CUP-1,Cup,1,0,,,,,,\n#1002,C-2,2025-05-03,delivered,USD,BOOK,"Book, hardcover",1,20,,,,,,\n' >> shop.csv
  $ crm order import shop.csv -c money.rates=USD=7.10
  ! crm: columns not imported: Note (map them with --map 'Header=field')
  ! crm: imported shop.csv (3 rows, 2 orders): 2 created, 0 updated, 0 unchanged, 0 rejected (batch 1; undo: crm order import --undo 1)
  $ crm order list --format tsv | cut -f1-7,10,11
  id	external_id	customer_id	placed_at	status	currency	subtotal	total	refunded
  1	#1001	1	2025-05-01T10:00:00Z	shipped	CNY	25.00	30.00	0.00
  2	#1002	2	2025-05-03T00:00:00Z	delivered	USD	20.00	20.00	0.00
  $ crm order timeline ext:#1001 --format tsv | cut -f3-6
  at	kind	refund	tracking
  2025-05-01T10:00:00Z	placed		
  2025-05-01T11:00:00Z	paid		
  2025-05-02T00:00:00Z	shipped		SF1001
  $ crm order show ext:#1002 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print([(i["sku"], i["name"], i["quantity"], i["unit_price"]) for i in o["items"]], [e["kind"] for e in o["events"]])'
  [('BOOK', 'Book, hardcover', 1, '20.00')] ['placed', 'delivered']
  $ crm customer show 2 --format json -c money.rates=USD=7.10 | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["orders"], c["revenue"], c["aov"], c["first_order"], c["last_order"])'
  1 142.00 142.00 2025-05-03T00:00:00Z 2025-05-03T00:00:00Z

The same file again changes nothing and says so (safe for cron); no batch is recorded.

  $ crm order import shop.csv -c money.rates=USD=7.10
  ! crm: columns not imported: Note (map them with --map 'Header=field')
  ! crm: shop.csv (3 rows, 2 orders): 0 created, 0 updated, 2 unchanged, 0 rejected; nothing changed
  $ crm order import shop.csv -c money.rates=USD=7.10 --format json 2>/dev/null
  {"batch":null,"created":0,"updated":0,"unchanged":2,"rejected":0,"customers_created":0}
  $ crm order imports --format tsv | cut -f1,4-8
  batch	created	updated	unchanged	rejected	customers_created
  1	2	0	0	0	0

A later status moves the order on, with an event per step (journalled for undo); the dry run
shows each order's outcome.

  $ sed -e 's/,shipped,CNY,/,delivered,CNY,/' -e 's/,Tracking,Note$/,Tracking,Delivered at/' -e 's/,SF1001,gift$/,SF1001,2025-05-04/' shop.csv > later.csv
  $ crm order import later.csv --dry-run -c money.rates=USD=7.10
  LINE  ACTION     ORDER  EXTERNAL ID  DETAIL
     2  update         1  #1001        status: shipped -> delivered
     4  unchanged      2  #1002
  ! crm: dry run: later.csv (3 rows, 2 orders): would be 0 created, 1 updated, 1 unchanged, 0 rejected; nothing was written
  $ crm order import later.csv -c money.rates=USD=7.10 -q
  2
  $ crm order timeline ext:#1001 --format tsv | cut -f3,4
  at	kind
  2025-05-01T10:00:00Z	placed
  2025-05-01T11:00:00Z	paid
  2025-05-02T00:00:00Z	shipped
  2025-05-04T00:00:00Z	delivered

Any other difference is a problem of that order: an order is imported once.

  $ printf 'order_id,customer_external_id,placed_at,status,sku,name,quantity,unit_price,shipping\n#1001,C-1,2025-05-01T10:00:00Z,paid,TEA-1,Green tea,2,12.50,5\n#1001,C-1,2025-05-01T10:00:00Z,paid,CUP-1,Cup,1,0,5\n' > back.csv
  $ crm order import back.csv
  ! back.csv:2: order #1001: status: delivered in the store (order 1), paid in the file: delivered can only become returned
  ! crm: error: nothing imported from back.csv (2 rows, 1 order): 1 of 1 order rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ sed -e 's/,paid,TEA-1,Green tea,2,/,delivered,TEA-1,Green tea,3,/' -e 's/,paid,CUP-1,/,delivered,CUP-1,/' back.csv > more.csv
  $ crm order import more.csv
  ! more.csv:2: order #1001: differs from order 1 in the store: item 1: 2 x TEA-1 at 12.50 (Green tea) in the store, 3 x TEA-1 at 12.50 (Green tea) in the file (an order is imported once; change it with crm order status)
  ! crm: error: nothing imported from more.csv (2 rows, 1 order): 1 of 1 order rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ printf 'order_id,customer_external_id,placed_at,status,sku,unit_price\n#1002,C-1,2025-05-03,delivered,BOOK,20\n' > other.csv
  $ crm order import other.csv
  ! other.csv:2: order #1002: differs from order 2 in the store: customer: 2 in the store, 1 (C-1) in the file; currency: USD in the store, CNY in the file (an order is imported once; change it with crm order status)
  ! crm: error: nothing imported from other.csv (1 row, 1 order): 1 of 1 order rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]

Bad input: every problem with FILE:LINE and the order, exit 5, nothing written (all or nothing).

  $ printf 'order_id,customer_external_id,placed_at,status,currency,sku,quantity,unit_price,total\n' > bad.csv
  $ printf 'B-1,C-1,2025-05-01,paid,XYZ,A,1,1.00,\nB-2,C-1,2025-05-01,paid,CNY,A,-2,1.00,\nB-3,C-1,2025-05-01,paid,CNY,A,1,1.005,\n' >> bad.csv
  $ printf 'B-4,C-1,2025-05-01,paid,CNY,A,1,1.00,\nB-4,C-1,2025-05-01,paid,USD,B,1,1.00,\nB-5,C-1,last tuesday,paid,CNY,A,1,1.00,\n' >> bad.csv
  $ printf 'B-6,C-9,2025-05-01,paid,CNY,A,1,1.00,\nB-7,C-1,2025-05-01,paied,CNY,A,1,1.00,\nB-8,C-1,2025-05-01,paid,CNY,A,2,1.00,3.00\n' >> bad.csv
  $ printf 'B-9,C-1,2025-05-01,paid,CNY,A,1,1.00,\nB-10,C-1,2025-05-01,paid,JPY,A,1,1.50,\nB-9,C-1,2025-05-01,paid,CNY,B,1,1.00,\n' >> bad.csv
  $ printf 'B-11,C-1,2025-05-01,paid,CNY,,1,1.00,\n,C-1,2025-05-01,paid,CNY,A,1,1.00,\nB-12,C-1,2025-05-01,paid,CNY,A,1,1.00,9,9\n' >> bad.csv
  $ crm order import bad.csv
  ! bad.csv:2: order B-1: column 'currency': unknown currency 'XYZ': use an ISO 4217 code such as CNY, USD or EUR
  ! bad.csv:3: order B-2: column 'quantity': negative quantity -2
  ! bad.csv:4: order B-3: column 'unit_price': '1.005' has more decimals than CNY allows (2)
  ! bad.csv:6: order B-4: two currencies in one order: USD here, CNY on line 5
  ! bad.csv:7: order B-5: column 'placed_at': invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  ! bad.csv:8: order B-6: no customer with external id C-9: add it first, or pass --create-missing-customers
  ! bad.csv:9: order B-7: column 'status': unknown order status 'paied' (did you mean 'paid'?): use pending, paid, shipped, delivered, cancelled or returned
  ! bad.csv:10: order B-8: total 3.00 CNY in the file, but the items, shipping and discount make 2.00 CNY
  ! bad.csv:12: order B-10: column 'unit_price': '1.50' has more decimals than JPY allows (0)
  ! bad.csv:13: order B-9: again after other orders (first at line 11): the rows of one order must be together; sort the file by order id
  ! bad.csv:14: order B-11: column 'sku': empty: every item needs its SKU
  ! bad.csv:15: column 'order_id' is empty: every order needs its order id
  ! bad.csv:16: order B-12: 10 fields, but the header has 9
  ! crm: error: nothing imported from bad.csv (15 rows, 14 orders): 13 of 14 orders rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ crm order list --format tsv | wc -l
  3
  $ crm order imports --format tsv | wc -l
  3

The dry run writes nothing, not even the rejects file, and shows every order.

  $ crm order import bad.csv --dry-run --rejects dry-rejects.csv --format tsv 2>/dev/null
  line	action	order	external_id	detail
  2	reject		B-1	column 'currency': unknown currency 'XYZ': use an ISO 4217 code such as CNY, USD or EUR
  3	reject		B-2	column 'quantity': negative quantity -2
  4	reject		B-3	column 'unit_price': '1.005' has more decimals than CNY allows (2)
  5	reject		B-4	two currencies in one order: USD here, CNY on line 5
  7	reject		B-5	column 'placed_at': invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  8	reject		B-6	no customer with external id C-9: add it first, or pass --create-missing-customers
  9	reject		B-7	column 'status': unknown order status 'paied' (did you mean 'paid'?): use pending, paid, shipped, delivered, cancelled or returned
  10	reject		B-8	total 3.00 CNY in the file, but the items, shipping and discount make 2.00 CNY
  11	create	3	B-9	1 item, 1.00 CNY, paid
  12	reject		B-10	column 'unit_price': '1.50' has more decimals than JPY allows (0)
  13	reject		B-9	again after other orders (first at line 11): the rows of one order must be together; sort the file by order id
  14	reject		B-11	column 'sku': empty: every item needs its SKU
  15	reject			column 'order_id' is empty: every order needs its order id
  16	reject		B-12	10 fields, but the header has 9
  [5]
  $ ls dry-rejects.csv
  ! ls: cannot access 'dry-rejects.csv': No such file or directory
  [2]

--skip-invalid imports the valid orders and still exits 5; --rejects keeps every row of the
rejected orders with _line and _error; fixed, the rejects file imports cleanly (once money.rates
says what a JPY is worth: a setting, so exit 2 naming the first order that needs it).

  $ crm order import bad.csv --skip-invalid --rejects rejects.csv --format json 2>/dev/null
  {"batch":3,"created":1,"updated":0,"unchanged":0,"rejected":13,"customers_created":0}
  [5]
  $ python3 -c 'import sys; sys.stdout.write(open("rejects.csv", encoding="utf-8-sig").read().replace("\r\n", "\n"))'
  order_id,customer_external_id,placed_at,status,currency,sku,quantity,unit_price,total,_line,_error
  B-1,C-1,2025-05-01,paid,XYZ,A,1,1.00,,2,"column 'currency': unknown currency 'XYZ': use an ISO 4217 code such as CNY, USD or EUR"
  B-2,C-1,2025-05-01,paid,CNY,A,-2,1.00,,3,column 'quantity': negative quantity -2
  B-3,C-1,2025-05-01,paid,CNY,A,1,1.005,,4,column 'unit_price': '1.005' has more decimals than CNY allows (2)
  B-4,C-1,2025-05-01,paid,CNY,A,1,1.00,,5,"two currencies in one order: USD here, CNY on line 5"
  B-4,C-1,2025-05-01,paid,USD,B,1,1.00,,6,"two currencies in one order: USD here, CNY on line 5"
  B-5,C-1,last tuesday,paid,CNY,A,1,1.00,,7,"column 'placed_at': invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX"
  B-6,C-9,2025-05-01,paid,CNY,A,1,1.00,,8,"no customer with external id C-9: add it first, or pass --create-missing-customers"
  B-7,C-1,2025-05-01,paied,CNY,A,1,1.00,,9,"column 'status': unknown order status 'paied' (did you mean 'paid'?): use pending, paid, shipped, delivered, cancelled or returned"
  B-8,C-1,2025-05-01,paid,CNY,A,2,1.00,3.00,10,"total 3.00 CNY in the file, but the items, shipping and discount make 2.00 CNY"
  B-10,C-1,2025-05-01,paid,JPY,A,1,1.50,,12,column 'unit_price': '1.50' has more decimals than JPY allows (0)
  B-9,C-1,2025-05-01,paid,CNY,B,1,1.00,,13,again after other orders (first at line 11): the rows of one order must be together; sort the file by order id
  B-11,C-1,2025-05-01,paid,CNY,,1,1.00,,14,column 'sku': empty: every item needs its SKU
  ,C-1,2025-05-01,paid,CNY,A,1,1.00,,15,column 'order_id' is empty: every order needs its order id
  B-12,C-1,2025-05-01,paid,CNY,A,1,1.00,9,16,"10 fields, but the header has 9"
  $ python3 - <<'EOF'
  > import csv
  > rows = list(csv.reader(open("rejects.csv", encoding="utf-8-sig")))
  > fixes = {"B-1": {4: "CNY"}, "B-2": {6: "2"}, "B-3": {7: "1.01"}, "B-5": {2: "2025-05-02"}, "B-6": {1: "C-2"},
  >          "B-7": {3: "paid"}, "B-8": {8: "2.00"}, "B-10": {7: "2"}, "B-11": {5: "C"}, "B-12": {8: "1.00"}}
  > out = [rows[0]]
  > for i, row in enumerate(rows[1:]):
  >     key = row[0] or "B-13"
  >     if key == "B-4" and row[4] == "USD": row[4] = "CNY"
  >     if key == "B-9": key = row[0] = "B-9" if row[5] == "A" else "B-14"
  >     for col, value in fixes.get(key, {}).items(): row[col] = value
  >     row[0] = key
  >     out.append(row)
  > csv.writer(open("fixed.csv", "w", newline="")).writerows(out)
  > EOF
  $ crm order import fixed.csv
  ! crm: error: fixed.csv:11: order B-10: no exchange rate for JPY: set money.rates to what one JPY is worth in CNY (e.g. -c money.rates=JPY=RATE)
  [2]
  $ crm order import fixed.csv -c money.rates=JPY=0.048
  ! crm: imported fixed.csv (14 rows, 13 orders): 13 created, 0 updated, 0 unchanged, 0 rejected (batch 4; undo: crm order import --undo 4)
  $ crm order list --status paid --format tsv | cut -f2 | sort | tr '\n' ' '
  B-1 B-10 B-11 B-12 B-13 B-14 B-2 B-3 B-4 B-5 B-6 B-7 B-8 B-9 external_id 

Unknown customers: --create-missing-customers adds them (by external id, or by email with
--customer-key email); the batch records them.

  $ printf 'order_id,customer_external_id,placed_at,sku,unit_price\nN-1,C-1,2025-05-05,A,1\nN-2,C-77,2025-05-05,A,2\nN-3,C-77,2025-05-06,B,3\n' > new.csv
  $ crm order import new.csv
  ! new.csv:3: order N-2: no customer with external id C-77: add it first, or pass --create-missing-customers
  ! new.csv:4: order N-3: no customer with external id C-77: add it first, or pass --create-missing-customers
  ! crm: error: nothing imported from new.csv (3 rows, 3 orders): 2 of 3 orders rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ crm order import new.csv --create-missing-customers
  ! crm: imported new.csv (3 rows, 3 orders): 3 created, 0 updated, 0 unchanged, 0 rejected; 1 customer created (batch 5; undo: crm order import --undo 5)
  $ printf 'order_id,customer_external_id,customer_email,placed_at,sku,unit_price\nE-1,,li.na@example.cn,2025-05-05,A,1\n' > noext.csv
  $ crm order import noext.csv
  ! noext.csv:2: order E-1: column 'customer_external_id' is empty: whose order is it? (--customer-key email reads column 'customer_email')
  ! crm: error: nothing imported from noext.csv (1 row, 1 order): 1 of 1 order rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ crm customer show ext:C-77 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["id"], c["external_id"], c["email"], c["status"], c["orders"], c["revenue"])'
  3 C-77 None lead 2 5.00
  $ printf '订单号,买家邮箱,下单时间,商品编号,数量,单价\nM-1,BOB@example.com,2025-05-07 09:30,A,1,5\nM-2,new@example.cn,2025-05-07,B,2,6\n' > bymail.csv
  $ crm order import bymail.csv --map 买家邮箱=customer_email --customer-key email --create-missing-customers
  ! crm: imported bymail.csv (2 rows, 2 orders): 2 created, 0 updated, 0 unchanged, 0 rejected; 1 customer created (batch 6; undo: crm order import --undo 6)
  $ crm customer show new@example.cn --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["id"], c["email"], c["orders"])'
  4 new@example.cn 1
  $ crm order imports --format tsv --limit 2 | cut -f1,4,8,10
  batch	created	customers_created	file
  6	2	1	$WORK/bymail.csv
  5	3	1	$WORK/new.csv

Two files: orders, and their items by order id (the files may list the orders in different
orders; an order waits for its items).

  $ printf 'order_id,customer_external_id,placed_at,status,shipping,discount,refunded,returned_at\nT-1,C-2,2025-05-08,returned,10,5,20.00,2025-05-20\nT-2,C-2,2025-05-09,cancelled,,,,\n' > orders.csv
  $ printf 'order_id,line,sku,name,quantity,unit_price\nT-2,1,X,,1,9.99\nT-1,2,Y,Mug,2,15.00\nT-1,1,X,Tea,1,9.99\n' > items.csv
  $ crm order import orders.csv --items items.csv
  ! crm: imported orders.csv and items.csv (2 + 3 rows, 2 orders): 2 created, 0 updated, 0 unchanged, 0 rejected (batch 7; undo: crm order import --undo 7)
  $ crm order show ext:T-1 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["total"], o["refunded"], [i["sku"] for i in o["items"]], [(e["kind"], e["refund"]) for e in o["events"]])'
  44.99 20.00 ['X', 'Y'] [('placed', None), ('returned', '20.00')]
  $ crm customer show 2 --format json -c money.rates=USD=7.10 | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["orders"], c["revenue"], c["aov"], c["first_order"], c["last_order"])'
  4 172.99 43.25 2025-05-01T00:00:00Z 2025-05-08T00:00:00Z
  $ printf 'order_id,line,sku,quantity,unit_price\nT-3,1,X,1,1\nT-9,1,X,1,1\n' > items2.csv
  $ printf 'order_id,customer_external_id,placed_at\nT-3,C-2,2025-05-10\nT-4,C-2,2025-05-10\nT-3,C-2,2025-05-10\n' > orders2.csv
  $ crm order import orders2.csv --items items2.csv
  ! items2.csv:3: order T-9: no such order in orders2.csv
  ! orders2.csv:3: order T-4: no items in items2.csv
  ! orders2.csv:4: order T-3: twice in orders2.csv (lines 2 and 4)
  ! crm: error: nothing imported from orders2.csv and items2.csv (3 + 2 rows, 4 orders): 3 of 4 orders rejected; fix them, or pass --skip-invalid to import the valid ones
  [5]
  $ crm order import orders2.csv --items items2.csv --skip-invalid --rejects r.csv --items-rejects ri.csv 2>/dev/null
  [5]
  $ python3 -c 'import sys; [sys.stdout.write(open(f, encoding="utf-8-sig").read().replace("\r\n", "\n")) for f in ("r.csv", "ri.csv")]'
  order_id,customer_external_id,placed_at,_line,_error
  T-4,C-2,2025-05-10,3,no items in items2.csv
  T-3,C-2,2025-05-10,4,twice in orders2.csv (lines 2 and 4)
  order_id,line,sku,quantity,unit_price,_line,_error
  T-9,1,X,1,1,3,no such order in orders2.csv

A GBK file (Chinese Excel) with --encoding; one without says what to try.

  $ python3 -c 'open("gbk.csv","wb").write("订单号,客户编号,下单时间,状态,商品编号,商品名称,数量,单价\r\nG-1,C-1,2025-05-11,已付款,茶-1,龙井茶,1,88.00\r\n".encode("gbk"))'
  $ crm order import gbk.csv
  ! crm: error: gbk.csv:1: invalid UTF-8 (is the file GBK? try --encoding GB18030)
  [5]
  $ crm order import gbk.csv --encoding GBK
  ! crm: imported gbk.csv (1 row, 1 order): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 9; undo: crm order import --undo 9)
  $ crm order show ext:G-1 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["items"][0]["sku"], o["items"][0]["name"], o["total"])'
  茶-1 龙井茶 88.00

Undo: the orders a batch created go (and the customers it created that nothing else uses), the
orders it moved on come back; a later change blocks it, naming the order.

  $ crm order imports --format tsv | cut -f1-2,4-6,8
  batch	at	created	updated	unchanged	customers_created
  9	2025-06-02T09:00:00Z	1	0	0	0
  8	2025-06-02T09:00:00Z	1	0	0	0
  7	2025-06-02T09:00:00Z	2	0	0	0
  6	2025-06-02T09:00:00Z	2	0	0	1
  5	2025-06-02T09:00:00Z	3	0	0	1
  4	2025-06-02T09:00:00Z	13	0	0	0
  3	2025-06-02T09:00:00Z	1	0	0	0
  2	2025-06-02T09:00:00Z	0	1	1	0
  1	2025-06-02T09:00:00Z	2	0	0	0
  $ crm order import --undo 6 --dry-run
  ! crm: dry run: would undo order import batch 6: 2 created orders to delete, 0 updated orders to restore, 1 created customers to delete
  $ crm order import --undo 6
  ! crm: undid order import batch 6: 2 created orders deleted, 0 updated orders restored, 1 created customers deleted
  $ crm customer show new@example.cn
  ! crm: error: no customer matches 'new@example.cn'
  [3]
  $ crm order show ext:M-1
  ! crm: error: no order matches 'ext:M-1'
  [3]
  $ crm customer show bob@example.com --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["orders"], c["revenue"], c["aov"], c["first_order"], c["last_order"])'
  4 168.99 42.25 2025-05-01T00:00:00Z 2025-05-10T00:00:00Z
  $ crm order import --undo 2
  ! crm: undid order import batch 2: 0 created orders deleted, 1 updated orders restored, 0 created customers deleted
  $ crm order timeline ext:#1001 --format tsv | cut -f3,4
  at	kind
  2025-05-01T10:00:00Z	placed
  2025-05-01T11:00:00Z	paid
  2025-05-02T00:00:00Z	shipped
  $ crm order import --undo 2
  ! crm: error: order import batch 2 was already undone (2025-06-02T09:00:00Z)
  [4]
  $ crm order import --undo 99
  ! crm: error: no order import batch 99
  [3]
  $ crm order status ext:N-2 paid --note 'paid by phone'
  ! crm: order 18: pending -> paid
  $ crm order import --undo 5
  ! crm: error: order import batch 5 cannot be undone: later changes touched its orders: order 18 (audit entry 14 (order status)), order 18 (event 47 (paid)); nothing was changed
  [4]
  $ crm order list --customer ext:C-77 --format tsv | cut -f2,5
  external_id	status
  N-2	paid
  N-3	pending
  $ crm db check 2>&1 | tail -1
  crm: ok: $WORK/crm.db (schema 4, 3 customers)

Usage errors exit 2 and write nothing.

  $ crm order import
  ! crm: error: order import: give FILE (or - for standard input), or --undo BATCH
  [2]
  $ crm order import missing.csv
  ! crm: error: cannot read missing.csv: No such file or directory
  [2]
  $ crm order import shop.csv --undo 1
  ! crm: error: --undo takes a batch number, not a FILE
  [2]
  $ crm order import shop.csv --customer-key phone
  ! crm: error: --customer-key 'phone': use external_id or email
  [2]
  $ crm order import shop.csv --map 'Qty=qantity'
  ! crm: error: --map 'Qty=qantity': unknown field 'qantity' (did you mean 'quantity'?); fields: order_id, customer_external_id, customer_email, customer, placed_at, status, currency, subtotal, shipping, discount, total, refunded, tracking, paid_at, shipped_at, delivered_at, cancelled_at, returned_at, line, sku, name, quantity, unit_price, or empty to ignore
  [2]
  $ crm order import shop.csv --map 'Colour=sku'
  ! crm: error: --map 'Colour=sku': shop.csv has no column 'Colour'; its columns: Order Number, Customer ID, Order Date, Status, Currency, SKU, Lineitem name, Qty, Price, Shipping, Total, Paid at, Shipped at, Tracking, Note
  [2]
  $ crm order import shop.csv --customer-key email
  ! crm: error: --customer-key email: shop.csv has no customer_email (or customer) column (its columns: Order Number, Customer ID, Order Date, Status, Currency, SKU, Lineitem name, Qty, Price, Shipping, Total, Paid at, Shipped at, Tracking, Note): map one with --map 'Header=customer_email', or use --customer-key external_id
  [2]
  $ printf 'order_id,customer_external_id,sku,unit_price\nX,C-1,A,1\n' > nodate.csv && crm order import nodate.csv
  ! crm: error: nodate.csv has no placed_at column (its columns: order_id, customer_external_id, sku, unit_price): map one with --map 'Header=placed_at'
  [2]
  $ crm order import orders.csv
  ! crm: error: orders.csv has no sku column (its columns: order_id, customer_external_id, placed_at, status, shipping, discount, refunded, returned_at): map one with --map 'Header=sku' (a file with a row per order? give its items with --items ITEMS_FILE)
  [2]
  $ crm order import orders.csv --items items.csv --rejects r.csv
  ! crm: error: with --items, give both --rejects and --items-rejects (the rejected orders' rows of each file), or neither
  [2]
  $ printf 'order_id,order_number\n1,2\n' > twice.csv && crm order import twice.csv
  ! crm: error: twice.csv:1: columns 'order_id' and 'order_number' both map to order_id: ignore one with --map 'order_number='
  [5]
  $ : > empty.csv && crm order import empty.csv
  ! crm: error: empty.csv:1: the file is empty: expected a header line naming the columns
  [5]
  $ printf 'order_id,customer_external_id,placed_at,sku,unit_price\n' > header-only.csv && crm order import header-only.csv
  ! crm: header-only.csv has a header but no rows: nothing to import

Ctrl-C while the rows still come from a pipe: exit 130, nothing written, not even a batch.

  $ crm order imports --format tsv | wc -l
  10
  $ mkfifo rows; crm order import - < rows & pid=$!; exec 3>rows; printf 'order_id,customer_external_id,placed_at,sku,unit_price\nP-1,C-1,2025-05-01,A,1\nP-2,C-1,2025-05-01,A,1\n' >&3; sleep 0.5; kill -INT $pid; wait $pid; echo "exit $?"
  exit 130
  ! crm: error: interrupted: nothing more was written
  $ crm order show ext:P-1
  ! crm: error: no order matches 'ext:P-1'
  [3]
  $ crm order imports --format tsv | wc -l
  10
