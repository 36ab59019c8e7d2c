The migration round trip: export, import into an empty store, export again: byte-identical.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --phone "+86 138 0013 8000" --city 上海 --country CN --tag vip --tag wholesale --attr wechat=lina88 --external-id S-1
  1
  $ crm customer add -q --email "o'brien@example.ie" --first-name Seán --last-name "O'Brien" --company "Smith, Jones & \"Partners\"" --address-line1 "1 Main St" --address-line2 "Flat 2" --postcode D02 --region Leinster --language en-IE --owner alice --source fair --status active
  2
  $ crm customer add -q --company "=HYPERLINK(\"http://x\")" --fax "+49 30 123456" --attr note="multi word value" --attr tier=2
  3
  $ crm customer add -q --email gone@example.com
  4
  $ crm customer rm 4 2>/dev/null
  4
  $ crm customer consent 1 email opt-in --source "shop checkbox" 2>/dev/null
  $ crm customer consent 2 sms opt-out --source call 2>/dev/null
  $ crm customer consent 2 postal unknown --source form 2>/dev/null
  $ CRM_NOW=2025-07-01T10:30:00Z crm customer add -q --email late@example.com --last-name Late
  5
  $ crm customer export -o first.csv
  ! crm: exported 4 customers to first.csv
  $ crm --db second.db init 2>/dev/null
  second.db
  $ CRM_NOW=2026-01-01T00:00:00Z crm --db second.db customer import first.csv
  ! crm: imported first.csv (4 rows): 4 created, 0 updated, 0 unchanged, 0 rejected (batch 1; undo: crm customer import --undo 1)
  $ crm --db second.db customer export -o second.csv
  ! crm: exported 4 customers to second.csv
  $ cmp first.csv second.csv && echo identical
  identical
  $ python3 -c 'import sys; sys.stdout.write(open("first.csv", encoding="utf-8").read().replace("\r\n", "\n"))'
  external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,consent_email,consent_sms,consent_phone,consent_postal,created_at,attr.note,attr.tier,attr.wechat
  S-1,li.na@example.cn,'+86 138 0013 8000,,娜,李,,,,,上海,,CN,,,lead,,vip;wholesale,opt-in,,,,2025-06-02T09:00:00Z,,,lina88
  ,o'brien@example.ie,,,Seán,O'Brien,"Smith, Jones & ""Partners""",1 Main St,Flat 2,D02,,Leinster,,en-IE,alice,active,fair,,,opt-out,,unknown,2025-06-02T09:00:00Z,,,
  ,,,'+49 30 123456,,,"'=HYPERLINK(""http://x"")",,,,,,,,,lead,,,,,,,2025-06-02T09:00:00Z,multi word value,2,
  ,late@example.com,,,,Late,,,,,,,,,,lead,,,,,,,2025-07-01T10:30:00Z,,,

The same with --raw (formulas as they are), a GBK export for Excel, and JSON Lines.

  $ crm customer export --raw -o raw1.csv 2>/dev/null && crm --db raw.db init >/dev/null 2>&1 && crm --db raw.db customer import raw1.csv -q >/dev/null && crm --db raw.db customer export --raw -o raw2.csv 2>/dev/null && cmp raw1.csv raw2.csv && echo identical
  identical
  $ crm customer export --encoding GBK -o gbk1.csv 2>/dev/null && crm --db gbk.db init >/dev/null 2>&1 && crm --db gbk.db customer import gbk1.csv --encoding GBK -q >/dev/null && crm --db gbk.db customer export --encoding GBK -o gbk2.csv 2>/dev/null && cmp gbk1.csv gbk2.csv && echo identical
  identical
  $ crm customer export --format ndjson | head -1 | python3 -c 'import json,sys; c=json.loads(sys.stdin.read()); print(c["email"], c["tags"], c["consent"])'
  li.na@example.cn ['vip', 'wholesale'] {'email': 'opt-in'}
  ! crm: exported 4 customers to stdout
