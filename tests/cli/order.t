crm order add|show|list|status|timeline: exact money in CNY, JPY, KWD and converted USD, the
status state machine, partial returns, dry runs, every format, every error a user can hit.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --external-id SHOP-1
  1
  $ crm customer add -q --email bob@example.com --first-name Bob
  2
  $ crm customer add -q --email gone@example.com && crm customer rm 3 2>/dev/null
  3
  3

An order in the default currency (money.currency = CNY): the total is computed from the items,
shipping and discount; table mode prints the id, the note sums the order up.

  $ crm order add --customer li.na@example.cn --item 'TEA-01:2:59.00:龙井茶 250g' --item CUP:1:12.5 \
  >   --shipping 10 --discount 0.50 --external-id WEB-1001 --placed-at 2025-05-01T10:00:00Z --note 'phone order'
  1
  ! crm: added order 1: 2 item(s), total 140.00 CNY, pending, customer 1
  $ crm order show 1
  id           1
  external_id  WEB-1001
  placed_at    2025-05-01 10:00
  status       pending
  subtotal     130.50 CNY
  shipping     10.00 CNY
  discount     0.50 CNY
  total        140.00 CNY
  refunded     0.00 CNY
  created_at   2025-06-02 09:00
  updated_at   2025-06-02 09:00
  customer     1 李娜 <li.na@example.cn>
  
  items
    LINE  SKU     NAME         QUANTITY  UNIT PRICE  AMOUNT
    1     TEA-01  龙井茶 250g  2         59.00       118.00
    2     CUP                  1         12.50       12.50
  
  events
    AT                KIND    NOTE         TRACKING  REFUND  AUTHOR
    2025-05-01 10:00  placed  phone order                    operator
  $ crm order show ext:WEB-1001 --format json
  {"id":1,"external_id":"WEB-1001","customer_id":1,"placed_at":"2025-05-01T10:00:00Z","status":"pending","currency":"CNY","subtotal":"130.50","shipping":"10.00","discount":"0.50","total":"140.00","refunded":"0.00","value":"140.00","value_currency":"CNY","tracking":null,"items":[{"line":1,"sku":"TEA-01","name":"龙井茶 250g","quantity":2,"unit_price":"59.00","amount":"118.00"},{"line":2,"sku":"CUP","name":null,"quantity":1,"unit_price":"12.50","amount":"12.50"}],"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","customer":{"id":1,"name":"李娜","email":"li.na@example.cn"},"events":[{"id":1,"order_id":1,"at":"2025-05-01T10:00:00Z","kind":"placed","note":"phone order","tracking":null,"refund":null,"author":"operator","recorded_at":"2025-06-02T09:00:00Z"}]}
  $ crm order show 1 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(list(o)); print(list(o["items"][0])); print(list(o["events"][0])); print(o["customer"])'
  ['id', 'external_id', 'customer_id', 'placed_at', 'status', 'currency', 'subtotal', 'shipping', 'discount', 'total', 'refunded', 'value', 'value_currency', 'tracking', 'items', 'created_at', 'updated_at', 'customer', 'events']
  ['line', 'sku', 'name', 'quantity', 'unit_price', 'amount']
  ['id', 'order_id', 'at', 'kind', 'note', 'tracking', 'refund', 'author', 'recorded_at']
  {'id': 1, 'name': '李娜', 'email': 'li.na@example.cn'}

Yen have no decimals, dinars three; both need a rate into CNY, as does the US dollar. The
value (what the metrics add up) is converted; show prints it for a foreign order.

  $ crm order add --customer 2 --currency jpy --item MATCHA:3:1200 --placed-at 2025-05-02
  ! crm: error: no exchange rate for JPY: set money.rates to what one JPY is worth in CNY (e.g. -c money.rates=JPY=RATE)
  [2]
  $ crm -c money.rates=JPY=abc order add --customer 2 --currency jpy --item MATCHA:3:1200
  ! crm: error: money.rates: 'JPY=abc': rate 'abc' is not a plain decimal number: write e.g. 7.10
  [2]
  $ crm -c money.currency=XYZ order add --customer 2 --item MATCHA:3:12
  ! crm: error: money.currency: unknown currency 'XYZ': use an ISO 4217 code such as CNY, USD or EUR
  [2]
  $ crm order list -q --customer 2
  $ export CRM_CONFIG=rates.toml
  $ printf '[money]\nrates = "JPY=0.048 KWD=23.1"\n' > rates.toml
  $ crm order add --customer 2 --currency jpy --item MATCHA:3:1200 --placed-at 2025-05-02 --format json
  {"id":2,"external_id":null,"customer_id":2,"placed_at":"2025-05-02T00:00:00Z","status":"pending","currency":"JPY","subtotal":"3600","shipping":"0","discount":"0","total":"3600","refunded":"0","tracking":null,"items":[{"line":1,"sku":"MATCHA","name":null,"quantity":3,"unit_price":"1200","amount":"3600"}],"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  ! crm: added order 2: 1 item(s), total 3600 JPY, pending, customer 2
  $ crm order add --customer 2 --currency KWD --item DATES:1:1.250 --shipping 0.125 --placed-at 2025-05-03 -q
  3
  ! crm: added order 3: 1 item(s), total 1.375 KWD, pending, customer 2
  $ crm order show 3 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["total"], o["currency"], o["value"], o["value_currency"])'
  1.375 KWD 31.76 CNY
  $ crm -c money.rates=USD=7.10 order add --customer ext:SHOP-1 --currency USD --item MUG:2:12.50 --placed-at 2025-05-04 -q
  4
  ! crm: added order 4: 1 item(s), total 25.00 USD, pending, customer 1
  $ crm order show 4
  id          4
  placed_at   2025-05-04 00:00
  status      pending
  subtotal    25.00 USD
  shipping    0.00 USD
  discount    0.00 USD
  total       25.00 USD
  refunded    0.00 USD
  value       177.50 CNY
  created_at  2025-06-02 09:00
  updated_at  2025-06-02 09:00
  customer    1 李娜 <li.na@example.cn>
  
  items
    LINE  SKU  NAME  QUANTITY  UNIT PRICE  AMOUNT
    1     MUG        2         12.50       25.00
  
  events
    AT                KIND    NOTE  TRACKING  REFUND  AUTHOR
    2025-05-04 00:00  placed                          operator

Too many decimals for the currency, bad amounts and quantities: exit 2, nothing written.

  $ crm order add --customer 2 --currency JPY --item MATCHA:1:12.5
  ! crm: error: item 'MATCHA:1:12.5': price '12.5' has more decimals than JPY allows (0)
  [2]
  $ crm order add --customer 2 --currency KWD --item DATES:1:1.2505
  ! crm: error: item 'DATES:1:1.2505': price '1.2505' has more decimals than KWD allows (3)
  [2]
  $ crm order add --customer 1 --item A:1:0.001
  ! crm: error: item 'A:1:0.001': price '0.001' has more decimals than CNY allows (2)
  [2]
  $ crm order add --customer 1 --item A:1:1,50
  ! crm: error: item 'A:1:1,50': price '1,50' is not a plain decimal number: write digits with an optional '.' and more digits (e.g. 1234.50), without thousands separators or symbols
  [2]
  $ crm order add --customer 1 --item A:0:10
  ! crm: error: item 'A:0:10': quantity must be a whole number greater than 0 (got '0')
  [2]
  $ crm order add --customer 1 --item A:-2:10
  ! crm: error: item 'A:-2:10': quantity must be a whole number greater than 0 (got '-2')
  [2]
  $ crm order add --customer 1 --item A:1.5:10
  ! crm: error: item 'A:1.5:10': quantity must be a whole number greater than 0 (got '1.5')
  [2]
  $ crm order add --customer 1 --item A:1:-10
  ! crm: error: item 'A:1:-10': price '-10' must not be negative
  [2]
  $ crm order add --customer 1 --item A:1
  ! crm: error: item 'A:1': expected SKU:QTY:UNIT_PRICE[:NAME] (e.g. TEA-01:2:12.50:Green tea)
  [2]
  $ crm order add --customer 1 --item :1:10
  ! crm: error: item ':1:10': the SKU is empty
  [2]
  $ crm order add --customer 1 --item A:1:10 --shipping -1
  ! crm: error: --shipping: '-1' must not be negative
  [2]
  $ crm order add --customer 1 --item A:1:10 --discount 10.01
  ! crm: error: the discount 10.01 CNY is larger than subtotal plus shipping (10.00 CNY)
  [2]
  $ crm order add --customer 1
  ! crm: error: --item is required (see crm order add --help)
  [2]

Unknown currency, status or time; unknown, invalid or deleted customer; a duplicate external id.

  $ crm order add --customer 1 --item A:1:10 --currency XYZ
  ! crm: error: unknown currency 'XYZ': use an ISO 4217 code such as CNY, USD or EUR
  [2]
  $ crm order add --customer 1 --item A:1:10 --currency RMB
  ! crm: error: unknown currency 'RMB': use an ISO 4217 code (CNY)
  [2]
  $ crm order add --customer 1 --item A:1:10 --status sent
  ! crm: error: unknown order status 'sent': use pending, paid, shipped, delivered, cancelled or returned
  [2]
  $ crm order add --customer 1 --item A:1:10 --placed-at 2025-13-01
  ! crm: error: --placed-at: invalid time '2025-13-01': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm order add --customer 1 --item A:1:10 --placed-at 'last tuesday'
  ! crm: error: --placed-at: invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm order add --customer 99 --item A:1:10
  ! crm: error: no customer matches '99'
  [3]
  $ crm order add --customer nobody@example.com --item A:1:10
  ! crm: error: no customer matches 'nobody@example.com'
  [3]
  $ crm order add --customer 'Li Na' --item A:1:10
  ! crm: error: invalid customer reference 'Li Na': use an id, an email or ext:EXTERNAL_ID
  [2]
  $ crm order add --customer gone@example.com --item A:1:10
  ! crm: error: no customer matches 'gone@example.com'
  [3]
  $ crm order add --customer 3 --item A:1:10
  ! crm: error: customer 3 is deleted: run 'crm customer restore 3' first
  [4]
  $ crm order add --customer 2 --item A:1:10 --external-id WEB-1001
  ! crm: error: external id WEB-1001 is already used by order 1
  [4]
  $ crm order list -q
  1
  2
  3
  4

A dry run validates and shows the order, with id null, and writes nothing.

  $ crm order add --customer 2 --item A:1:10 --external-id WEB-1002 --dry-run
  external_id  WEB-1002
  customer_id  2
  placed_at    2025-06-02 09:00
  status       pending
  currency     CNY
  subtotal     10.00
  shipping     0.00
  discount     0.00
  total        10.00
  refunded     0.00
  created_at   2025-06-02 09:00
  updated_at   2025-06-02 09:00
  
  items
    LINE  SKU  NAME  QUANTITY  UNIT PRICE  AMOUNT
    1     A          1         10.00       10.00
  ! crm: dry run: the order is valid (1 item(s), total 10.00 CNY, pending, customer 2); nothing was written
  $ crm order add --customer 2 --item A:1:10 --external-id WEB-1002 --dry-run --format json
  {"id":null,"external_id":"WEB-1002","customer_id":2,"placed_at":"2025-06-02T09:00:00Z","status":"pending","currency":"CNY","subtotal":"10.00","shipping":"0.00","discount":"0.00","total":"10.00","refunded":"0.00","tracking":null,"items":[{"line":1,"sku":"A","name":null,"quantity":1,"unit_price":"10.00","amount":"10.00"}],"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  ! crm: dry run: the order is valid (1 item(s), total 10.00 CNY, pending, customer 2); nothing was written
  $ crm order add --customer 2 --item A:1:10 --dry-run -q
  ! crm: dry run: the order is valid (1 item(s), total 10.00 CNY, pending, customer 2); nothing was written
  $ crm order list -q
  1
  2
  3
  4
  $ crm order show ext:WEB-1002
  ! crm: error: no order matches 'ext:WEB-1002'
  [3]

The state machine: pending -> paid -> shipped -> delivered; each change is an event.

  $ crm order status 1 shipped
  ! crm: error: cannot move order 1 from pending to shipped: pending can become paid or cancelled
  [4]
  $ crm order status 1 paid --tracking SF1
  ! crm: error: --tracking goes with shipped (the parcel's tracking number); say more with --note
  [2]
  $ crm order status 1 paid --refund 1
  ! crm: error: --refund goes with returned only
  [2]
  $ crm order status 1 sent
  ! crm: error: unknown order status 'sent': use pending, paid, shipped, delivered, cancelled or returned
  [2]
  $ crm order status 1 paid --at 2025-04-30
  ! crm: error: --at 2025-04-30T00:00:00Z is before the last event of order 1 (placed at 2025-05-01T10:00:00Z)
  [2]
  $ crm order status 1 paid --at 2025-05-01T12:00:00Z
  ! crm: order 1: pending -> paid
  $ crm order status 1 shipped --tracking SF1234567890 --note 顺丰 --at 2025-05-02T08:00:00Z --dry-run
  status: paid -> shipped
  tracking: (empty) -> SF1234567890
  ! crm: dry run: would move order 1: paid -> shipped, tracking SF1234567890; nothing was written
  $ crm order status 1 shipped --tracking SF1234567890 --note 顺丰 --at 2025-05-02T08:00:00Z
  ! crm: order 1: paid -> shipped, tracking SF1234567890
  $ crm order status 1 delivered --at '2025-05-04 15:30' --format json
  {"id":1,"external_id":"WEB-1001","customer_id":1,"placed_at":"2025-05-01T10:00:00Z","status":"delivered","currency":"CNY","subtotal":"130.50","shipping":"10.00","discount":"0.50","total":"140.00","refunded":"0.00","tracking":"SF1234567890","items":[{"line":1,"sku":"TEA-01","name":"龙井茶 250g","quantity":2,"unit_price":"59.00","amount":"118.00"},{"line":2,"sku":"CUP","name":null,"quantity":1,"unit_price":"12.50","amount":"12.50"}],"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  ! crm: order 1: shipped -> delivered

Illegal moves exit 4, say where the order can go, and change nothing.

  $ crm order status 1 paid
  ! crm: error: cannot move order 1 from delivered to paid: delivered can become returned
  [4]
  $ crm order status 1 pending
  ! crm: error: cannot move order 1 from delivered to pending: delivered can become returned
  [4]
  $ crm order status 1 delivered
  ! crm: error: order 1 is already delivered
  [4]
  $ crm order status 1 cancelled
  ! crm: error: cannot move order 1 from delivered to cancelled: delivered can become returned
  [4]
  $ crm order status 2 cancelled --note 'customer changed her mind'
  ! crm: order 2: pending -> cancelled
  $ crm order status 2 paid
  ! crm: error: cannot move order 2 from cancelled to paid: cancelled is final
  [4]
  $ crm order show 1 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["status"], o["refunded"], o["tracking"], len(o["events"]))'
  delivered 0.00 SF1234567890 4

Returns: a partial refund, a refund larger than what is left (exit 2), then the rest.

  $ crm order status 1 returned --refund 140.01
  ! crm: error: --refund 140.01 is more than the 140.00 CNY left to refund on order 1 (total 140.00, refunded 0.00)
  [2]
  $ crm order status 1 returned --refund 0
  ! crm: error: --refund must be more than 0 (leave it out to refund the 140.00 CNY left)
  [2]
  $ crm order status 1 returned --refund 12.505
  ! crm: error: --refund: '12.505' has more decimals than CNY allows (2)
  [2]
  $ crm order status 1 returned --refund 12.50 --note 'cup arrived broken' --dry-run
  status: delivered -> returned
  refunded: 0.00 -> 12.50
  ! crm: dry run: would move order 1: delivered -> returned, refunded 12.50 (12.50 of 140.00 CNY in all); nothing was written
  $ crm order show 1 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["status"], o["refunded"], len(o["events"]))'
  delivered 0.00 4
  $ crm order status 1 returned --refund 12.50 --note 'cup arrived broken'
  ! crm: order 1: delivered -> returned, refunded 12.50 (12.50 of 140.00 CNY in all)
  $ crm order status 1 returned --refund 127.51
  ! crm: error: --refund 127.51 is more than the 127.50 CNY left to refund on order 1 (total 140.00, refunded 12.50)
  [2]
  $ crm order status 1 returned -q
  1
  ! crm: order 1: returned -> returned, refunded 127.50 (140.00 of 140.00 CNY in all)
  $ crm order status 1 returned --refund 1
  ! crm: error: order 1 is refunded in full (140.00 CNY): nothing is left to return
  [4]
  $ crm order show 1
  id           1
  external_id  WEB-1001
  placed_at    2025-05-01 10:00
  status       returned
  subtotal     130.50 CNY
  shipping     10.00 CNY
  discount     0.50 CNY
  total        140.00 CNY
  refunded     140.00 CNY
  tracking     SF1234567890
  created_at   2025-06-02 09:00
  updated_at   2025-06-02 09:00
  customer     1 李娜 <li.na@example.cn>
  
  items
    LINE  SKU     NAME         QUANTITY  UNIT PRICE  AMOUNT
    1     TEA-01  龙井茶 250g  2         59.00       118.00
    2     CUP                  1         12.50       12.50
  
  events
    AT                KIND       NOTE                TRACKING      REFUND  AUTHOR
    2025-05-01 10:00  placed     phone order                               operator
    2025-05-01 12:00  paid                                                 operator
    2025-05-02 08:00  shipped    顺丰                SF1234567890          operator
    2025-05-04 15:30  delivered                                            operator
    2025-06-02 09:00  returned   cup arrived broken                12.50   operator
    2025-06-02 09:00  returned                                     127.50  operator
  $ crm order timeline 1
  AT                EVENT      REFUND  TRACKING      BY        NOTE
  2025-05-01 10:00  placed                           operator  phone order
  2025-05-01 12:00  paid                             operator
  2025-05-02 08:00  shipped            SF1234567890  operator  顺丰
  2025-05-04 15:30  delivered                        operator
  2025-06-02 09:00  returned    12.50                operator  cup arrived broken
  2025-06-02 09:00  returned   127.50                operator
  $ crm order timeline ext:WEB-1001 --format csv
  id,order_id,at,kind,refund,tracking,author,note,recorded_at
  1,1,2025-05-01T10:00:00Z,placed,,,operator,phone order,2025-06-02T09:00:00Z
  5,1,2025-05-01T12:00:00Z,paid,,,operator,,2025-06-02T09:00:00Z
  6,1,2025-05-02T08:00:00Z,shipped,,SF1234567890,operator,顺丰,2025-06-02T09:00:00Z
  7,1,2025-05-04T15:30:00Z,delivered,,,operator,,2025-06-02T09:00:00Z
  9,1,2025-06-02T09:00:00Z,returned,12.50,,operator,cup arrived broken,2025-06-02T09:00:00Z
  10,1,2025-06-02T09:00:00Z,returned,127.50,,operator,,2025-06-02T09:00:00Z
  $ crm order timeline 1 --format tsv
  id	order_id	at	kind	refund	tracking	author	note	recorded_at
  1	1	2025-05-01T10:00:00Z	placed			operator	phone order	2025-06-02T09:00:00Z
  5	1	2025-05-01T12:00:00Z	paid			operator		2025-06-02T09:00:00Z
  6	1	2025-05-02T08:00:00Z	shipped		SF1234567890	operator	顺丰	2025-06-02T09:00:00Z
  7	1	2025-05-04T15:30:00Z	delivered			operator		2025-06-02T09:00:00Z
  9	1	2025-06-02T09:00:00Z	returned	12.50		operator	cup arrived broken	2025-06-02T09:00:00Z
  10	1	2025-06-02T09:00:00Z	returned	127.50		operator		2025-06-02T09:00:00Z
  $ crm order timeline 1 --format ndjson
  {"id":1,"order_id":1,"at":"2025-05-01T10:00:00Z","kind":"placed","note":"phone order","tracking":null,"refund":null,"author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  {"id":5,"order_id":1,"at":"2025-05-01T12:00:00Z","kind":"paid","note":null,"tracking":null,"refund":null,"author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  {"id":6,"order_id":1,"at":"2025-05-02T08:00:00Z","kind":"shipped","note":"顺丰","tracking":"SF1234567890","refund":null,"author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  {"id":7,"order_id":1,"at":"2025-05-04T15:30:00Z","kind":"delivered","note":null,"tracking":null,"refund":null,"author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  {"id":9,"order_id":1,"at":"2025-06-02T09:00:00Z","kind":"returned","note":"cup arrived broken","tracking":null,"refund":"12.50","author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  {"id":10,"order_id":1,"at":"2025-06-02T09:00:00Z","kind":"returned","note":null,"tracking":null,"refund":"127.50","author":"operator","recorded_at":"2025-06-02T09:00:00Z"}
  $ crm order timeline 1 --format json | python3 -c 'import json,sys; print([e["kind"] for e in json.load(sys.stdin)])'
  ['placed', 'paid', 'shipped', 'delivered', 'returned', 'returned']
  $ crm order status 4 paid -q && crm order status 4 shipped -q && crm -c money.rates=USD=7.00 order status 4 returned --refund 2.50 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["refunded"])'
  4
  4
  2.50
  ! crm: order 4: pending -> paid
  ! crm: order 4: paid -> shipped
  ! crm: order 4: shipped -> returned, refunded 2.50 (2.50 of 25.00 USD in all)
  $ crm order show 4 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["status"], o["refunded"], o["value"], o["value_currency"])'
  returned 2.50 159.75 CNY

A return keeps the rate the order was converted at (7.10 when it was added, whatever the rate
now): it takes the refunded share off the value (177.50 x 22.50 / 25.00), and needs no rate.

  $ crm order status 4 returned --refund 1
  ! crm: order 4: returned -> returned, refunded 1.00 (3.50 of 25.00 USD in all)
  $ crm order timeline 4 -q
  4
  11
  12
  13
  14

Unknown and invalid order references.

  $ crm order show 99
  ! crm: error: no order matches '99'
  [3]
  $ crm order show ext:NOPE
  ! crm: error: no order matches 'ext:NOPE'
  [3]
  $ crm order show WEB-1001
  ! crm: error: invalid order reference 'WEB-1001': use an order id or ext:EXTERNAL_ID
  [2]
  $ crm order status 99 paid
  ! crm: error: no order matches '99'
  [3]
  $ crm order timeline 99
  ! crm: error: no order matches '99'
  [3]

Lists: filters, sort, limit, every format.

  $ crm order list
  ID  EXTERNAL ID  CUSTOMER  PLACED            STATUS     CUR   TOTAL  REFUNDED  TRACKING
   1  WEB-1001            1  2025-05-01 10:00  returned   CNY  140.00    140.00  SF1234567890
   2                      2  2025-05-02 00:00  cancelled  JPY    3600         0
   3                      2  2025-05-03 00:00  pending    KWD   1.375     0.000
   4                      1  2025-05-04 00:00  returned   USD   25.00      3.50
  $ crm order list --customer 2 --format csv
  id,external_id,customer_id,placed_at,status,currency,subtotal,shipping,discount,total,refunded,tracking,created_at,updated_at
  2,,2,2025-05-02T00:00:00Z,cancelled,JPY,3600,0,0,3600,0,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z
  3,,2,2025-05-03T00:00:00Z,pending,KWD,1.250,0.125,0.000,1.375,0.000,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z
  $ crm order list --status returned --format tsv
  id	external_id	customer_id	placed_at	status	currency	subtotal	shipping	discount	total	refunded	tracking	created_at	updated_at
  1	WEB-1001	1	2025-05-01T10:00:00Z	returned	CNY	130.50	10.00	0.50	140.00	140.00	SF1234567890	2025-06-02T09:00:00Z	2025-06-02T09:00:00Z
  4		1	2025-05-04T00:00:00Z	returned	USD	25.00	0.00	0.00	25.00	3.50		2025-06-02T09:00:00Z	2025-06-02T09:00:00Z
  $ crm order list --from 2025-05-02 --to 2025-05-04 --format ndjson
  {"id":2,"external_id":null,"customer_id":2,"placed_at":"2025-05-02T00:00:00Z","status":"cancelled","currency":"JPY","subtotal":"3600","shipping":"0","discount":"0","total":"3600","refunded":"0","tracking":null,"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  {"id":3,"external_id":null,"customer_id":2,"placed_at":"2025-05-03T00:00:00Z","status":"pending","currency":"KWD","subtotal":"1.250","shipping":"0.125","discount":"0.000","total":"1.375","refunded":"0.000","tracking":null,"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  $ crm order list --sort -total --limit 2 --format json
  [
  {"id":1,"external_id":"WEB-1001","customer_id":1,"placed_at":"2025-05-01T10:00:00Z","status":"returned","currency":"CNY","subtotal":"130.50","shipping":"10.00","discount":"0.50","total":"140.00","refunded":"140.00","tracking":"SF1234567890","created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"},
  {"id":2,"external_id":null,"customer_id":2,"placed_at":"2025-05-02T00:00:00Z","status":"cancelled","currency":"JPY","subtotal":"3600","shipping":"0","discount":"0","total":"3600","refunded":"0","tracking":null,"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z"}
  ]
  $ crm order list --customer ext:SHOP-1 --sort -placed_at -q
  4
  1
  $ crm order list --customer nobody@example.com
  ! crm: error: no customer matches 'nobody@example.com'
  [3]
  $ crm order list --status sent
  ! crm: error: unknown order status 'sent': use pending, paid, shipped, delivered, cancelled or returned
  [2]
  $ crm order list --sort totl
  ! crm: error: cannot sort orders by 'totl' (did you mean 'total'?); use one of id, placed_at, total, status, customer_id, external_id (prefix '-' for descending)
  [2]
  $ crm order list --sort name
  ! crm: error: cannot sort orders by 'name'; use one of id, placed_at, total, status, customer_id, external_id (prefix '-' for descending)
  [2]
  $ crm order list --from yesterdayish
  ! crm: error: --from: invalid time 'yesterdayish': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm order list --limit -1
  ! crm: error: --limit must be 0 or more
  [2]

Money as exact decimal strings all the way: a price with many digits stays exact.

  $ crm order add --customer 1 --item BIG:3:33333333.33 --item SMALL:7:0.01 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["subtotal"], o["total"], [i["amount"] for i in o["items"]])'
  100000000.06 100000000.06 ['99999999.99', '0.07']
  ! crm: added order 5: 2 item(s), total 100000000.06 CNY, pending, customer 1

An order can arrive past pending: each step on the way is an event at the time of placing.

  $ crm order add --customer 2 --item A:1:5 --status delivered --placed-at 2025-05-05T08:00:00Z -q
  6
  ! crm: added order 6: 1 item(s), total 5.00 CNY, delivered, customer 2
  $ crm order timeline 6
  AT                EVENT      REFUND  TRACKING  BY        NOTE
  2025-05-05 08:00  placed                       operator
  2025-05-05 08:00  paid                         operator
  2025-05-05 08:00  shipped                      operator
  2025-05-05 08:00  delivered                    operator

Help shows examples.

  $ crm order add --help | grep -c 'crm order add'
  3
  $ crm order status --help | grep -A1 'pending ->'
  pending -> paid -> shipped -> delivered; pending|paid -> cancelled;
  shipped|delivered -> returned; returned -> returned (a further partial return).
