crm customer export-data and forget: everything about one person, and erasing it for good.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email Li.Na@Example.cn --first-name 娜 --last-name 李 --phone "+86 138 0013 8000" --fax "+86 21 5555 0101" --company 上海贸易 --address-line1 "人民路 1 号" --postcode 200001 --city 上海 --region 上海市 --country CN --language zh-CN --owner wang --source shop --external-id SHOP-1 --tag vip --attr wechat=lina88
  1
  $ crm customer add -q --email anna@example.de --first-name Anna --country DE
  2
  $ crm customer consent 1 email opt-in --source checkout --at 2025-03-14 2>/dev/null
  $ crm customer note 1 --kind call --text "Li Na asked about her order" 2>/dev/null
  1
  $ crm customer followup add 1 --due tomorrow --text "send Li Na the catalogue" 2>/dev/null
  1
  $ crm customer followup add 1 --due 2025-06-01 --text "done already" 2>/dev/null && crm customer followup done 2 2>/dev/null
  2
  2
  $ crm customer edit 1 --set city=北京 2>/dev/null

An import batch that updated her and a merge that kept her, as the importer and merge write them.

  $ sqlite3 crm.db "INSERT INTO import_batches (id, file, mode, at, os_user, command, updated) VALUES (1, 'shop.csv', 'upsert', 1748854800, 'operator', 'crm customer import shop.csv', 2)"
  $ sqlite3 crm.db "INSERT INTO import_updates VALUES (1, 1, '{\"customer\":{\"email\":\"li.na@example.cn\",\"city\":\"上海\"}}'), (1, 2, '{\"customer\":{\"email\":\"anna@example.de\"}}')"
  $ sqlite3 crm.db "INSERT INTO merges (keep_id, other_id, at, os_user, command, journal_json) VALUES (1, 7, 1748854800, 'operator', 'crm customer merge 1 7', '{\"other\":{\"first_name\":\"Nana\",\"email\":\"nana@example.cn\"}}')"

export-data: one JSON document, whatever --format says, found by id, email or ext:ID.

  $ crm customer export-data li.na@example.cn --format table | python3 -c 'import json,sys; d=json.load(sys.stdin); print(list(d))'
  ['export_version', 'exported_at', 'generator', 'customer', 'consent', 'consent_history', 'interactions', 'followups', 'orders', 'imports', 'merges', 'suppressions', 'audit_log']
  $ crm customer export-data ext:SHOP-1 > data.json && python3 -c 'import json; d=json.load(open("data.json")); c=d["customer"]; print(d["exported_at"], d["generator"].split()[0], c["id"], c["email"], c["city"], c["attributes"], c["forgotten_at"])'
  2025-06-02T09:00:00Z crm 1 Li.Na@Example.cn 北京 {'wechat': 'lina88'} None
  $ python3 -c 'import json; d=json.load(open("data.json")); print([c["state"] for c in d["consent"]], len(d["consent_history"]), [i["text"] for i in d["interactions"]], [f["text"] for f in d["followups"]])'
  ['opt-in'] 1 ['Li Na asked about her order'] ['done already', 'send Li Na the catalogue']
  $ python3 -c 'import json; d=json.load(open("data.json")); print([(i["batch_id"], i["role"], i["before"]["customer"]["city"]) for i in d["imports"]], [(m["role"], m["other_id"], m["journal"]["other"]["first_name"]) for m in d["merges"]], d["suppressions"])'
  [(1, 'updated', '上海')] [('kept', 7, 'Nana')] []
  $ python3 -c 'import json; d=json.load(open("data.json")); print([(a["entity"], a["action"]) for a in d["audit_log"]])'
  [('customer', 'create'), ('customer', 'consent'), ('interaction', 'create'), ('followup', 'create'), ('followup', 'create'), ('followup', 'done'), ('customer', 'update')]
  $ crm customer export-data 1 -o li-na.json
  ! crm: wrote the data of customer 1 to li-na.json
  $ stat -c %a li-na.json && cmp li-na.json data.json && ls -a | grep -c partial
  600
  0
  [1]
  $ crm customer export-data 1 -o li-na.json
  ! crm: error: li-na.json exists: pass --force to replace it
  [4]
  $ crm customer export-data 2 -o li-na.json --force 2>/dev/null && python3 -c 'import json; print(json.load(open("li-na.json"))["customer"]["email"])'
  anna@example.de
  $ crm customer export-data 42
  ! crm: error: no customer matches '42'
  [3]
  $ crm customer export-data nobody
  ! crm: error: invalid customer reference 'nobody': use an id, an email or ext:EXTERNAL_ID
  [2]
  $ crm customer export-data --help | tail -2
  Always JSON, whatever --format says. Works for deleted customers too (by id).
  Example: crm customer export-data li.na@example.cn -o li-na.json

forget: not on a terminal it needs --yes; nothing changes without it.

  $ crm customer forget li.na@example.cn
  ! crm: error: forget erases the personal data of 1 customer(s) for good; not on a terminal, so pass --yes to confirm
  [2]
  $ crm customer forget li.na@example.cn --dry-run
  ID  ERASED FIELDS                             ATTRS  CONSENT  NOTES  FOLLOW-UPS  AUDIT  IMPORTS  MERGES  ORDERS  SUPPRESSED
   1  external_id, email, phone, fax, first_n…      1        2      1           2      7        1       1       0  email, phone
  ! crm: dry run: would forget 1 customer(s); nothing was changed
  $ crm customer forget 1 --dry-run --format json
  [
  {"id":1,"forgotten_at":"2025-06-02T09:00:00Z","erased_fields":["external_id","email","phone","fax","first_name","last_name","company","address_line1","postcode","city","region"],"attributes":1,"consent_records":2,"interactions":1,"followups":2,"audit_entries":7,"import_records":1,"merges":1,"orders":0,"suppressed":["email","phone"]}
  ]
  ! crm: dry run: would forget 1 customer(s); nothing was changed
  $ crm customer export-data 1 | cmp - data.json && sqlite3 crm.db "SELECT count(*) FROM suppressions"
  0
  $ crm customer forget 42 --yes
  ! crm: error: no customer matches '42'
  [3]

A record with the same address is the same person: forget both at once (or merge them first).
Forget works on live and on deleted customers; a deleted one keeps its deletion time.

  $ crm customer rm 1 2>/dev/null && crm customer add -q --email li.na@EXAMPLE.cn --first-name Old --now 2025-06-03
  1
  3
  $ crm customer forget 1 --yes
  ! crm: error: customer 3 has the same email as customer 1: forget both at once (crm customer forget 1 3), or merge them first
  [4]
  $ crm customer forget li.na@example.cn --yes
  ! crm: error: customer 1 has the same email as customer 3: forget both at once (crm customer forget 3 1), or merge them first
  [4]

Forget: the person is gone, the anonymous facts stay.

  $ crm customer forget 1 li.na@example.cn 1 --yes --now 2025-06-04
  ID  ERASED FIELDS                             ATTRS  CONSENT  NOTES  FOLLOW-UPS  AUDIT  IMPORTS  MERGES  ORDERS  SUPPRESSED
   1  external_id, email, phone, fax, first_n…      1        2      1           2      9        1       1       0  email, phone
   3  email, first_name                             0        0      0           0      1        0       0       0  email
  ! crm: forgot 2 customer(s): personal data erased
  $ crm customer show 3 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["email"], c["first_name"], c["created_at"], c["deleted_at"], c["forgotten_at"])'
  None None 2025-06-03T00:00:00Z 2025-06-04T00:00:00Z 2025-06-04T00:00:00Z
  $ crm customer show 1
  id            1
  country       CN
  language      zh-CN
  owner         wang
  status        lead
  source        shop
  tags          vip
  attributes
  created_at    2025-06-02 09:00
  updated_at    2025-06-04 00:00
  deleted_at    2025-06-02 09:00
  forgotten_at  2025-06-04 00:00
  orders        0
  revenue       0.00
  currency      CNY
  
  consent
    (none)
  
  consent_history
    (none)
  
  interactions
    ID  CUSTOMER ID  AT                KIND  CHANNEL  DIRECTION  AUTHOR    TEXT
    1   1            2025-06-02 09:00  call                      operator
  
  followups
    (none)
  
  recent_orders
    (none)
  $ crm customer export-data 1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["customer"]["forgotten_at"], d["followups"], d["imports"], [m["journal"] for m in d["merges"]], [(a["action"], a["command"], a["after"] is None) for a in d["audit_log"]][-2:])'
  2025-06-04T00:00:00Z [] [] [{'erased': 'forget'}] [('delete', '(erased by forget)', True), ('forget', 'crm customer forget 1', False)]
  $ crm customer show li.na@example.cn
  ! crm: error: no customer matches 'li.na@example.cn'
  [3]
  $ crm customer list -q --search lina
  $ crm customer list -q --deleted
  1
  3
  $ crm customer forget 1 --yes
  ! crm: error: customer 1 is already forgotten (since 2025-06-04T00:00:00Z)
  [4]
  $ crm customer restore 1
  ! crm: error: customer 1 was forgotten: its personal data is erased and it cannot be restored
  [4]
  $ crm customer edit 1 --set city=上海
  ! crm: error: customer 1 was forgotten: its personal data is erased for good
  [4]

The other customer keeps everything.

  $ crm customer show 2 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["email"], c["first_name"], c["deleted_at"])'
  anna@example.de Anna None
  $ sqlite3 crm.db "SELECT customer_id FROM import_updates"
  2

Nothing of her is left in the store: not in the audit log, the journals, the search table, nor in
the file's free pages (secure delete) or its write-ahead log.

  $ crm db audit --customer 1 --format csv | cut -d, -f7,8
  action,command
  create,(erased by forget)
  consent,(erased by forget)
  create,(erased by forget)
  create,(erased by forget)
  create,(erased by forget)
  done,(erased by forget)
  update,(erased by forget)
  delete,(erased by forget)
  forget,crm customer forget 1
  $ sqlite3 crm.db .dump | grep -c -i -E 'li\.na|娜|人民路|200001|13800138000|lina88|上海|Li Na|Nana'
  0
  [1]
  $ cat crm.db* | grep -c -a -i -E 'li\.na|lina88|Li Na|Nana|13800138000'
  0
  [1]

The suppressions hold hashes, not addresses: what an import or mailing checks against.

  $ sqlite3 crm.db "SELECT channel, reason, at FROM suppressions ORDER BY channel"
  email|forgotten|1748995200
  phone|forgotten|1748995200
  $ sqlite3 crm.db "SELECT key_hash FROM suppressions ORDER BY channel" > hashes && python3 -c 'import hashlib; print([hashlib.sha256(("crm-suppression-v1:" + k).encode()).hexdigest() for k in ("email:li.na@example.cn", "phone:+8613800138000")] == open("hashes").read().split())'
  True
