crm customer export: CSV by default, --fields, json/ndjson, encodings, BOM, formula
neutralisation, -o with its safety rules, and every error path (message, exit code, nothing
written).

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db

An empty store: the header alone, with no attribute columns.

  $ crm customer export | tr -d '\r'
  external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,consent_email,consent_sms,consent_phone,consent_postal,created_at
  ! crm: exported 0 customers to stdout
  $ crm customer export --format json
  []
  ! crm: exported 0 customers to stdout

  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --city 上海 --country cn --phone "+86 138 0013 8000" --tag vip --tag 批发 --attr wechat=lina88 --external-id shop-1
  1
  $ crm customer add -q --email anna@example.de --first-name Anna --company "=HYPERLINK(\"http://x\")" --attr level=3 --status active --owner 王芳
  2
  $ crm customer add -q --email gone@example.com --first-name Gone --attr deleted_only=1
  3
  $ crm --now 2025-06-03T23:59:58Z customer add -q --email bob@example.com --last-name "Smith, Jr." --address-line1 "@home" --source "-referral"
  4
  $ crm customer consent 1 email opt-in --source form 2>/dev/null
  $ crm customer consent 1 sms opt-out --source call 2>/dev/null
  $ crm customer consent 2 postal unknown --source import 2>/dev/null
  $ crm customer rm 3 2>/dev/null
  3

The default: CSV (whatever output.format says), live customers in id order, attribute columns
of the exported customers only, CRLF line ends, formulas neutralised, a note on stderr.

  $ crm -c output.format=json customer export | tr -d '\r'
  external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,consent_email,consent_sms,consent_phone,consent_postal,created_at,attr.level,attr.wechat
  shop-1,li.na@example.cn,'+86 138 0013 8000,,娜,李,,,,,上海,,CN,,,lead,,vip;批发,opt-in,opt-out,,,2025-06-02T09:00:00Z,,lina88
  ,anna@example.de,,,Anna,,"'=HYPERLINK(""http://x"")",,,,,,,,王芳,active,,,,,,unknown,2025-06-02T09:00:00Z,3,
  ,bob@example.com,,,,"Smith, Jr.",,'@home,,,,,,,,lead,'-referral,,,,,,2025-06-03T23:59:58Z,,
  ! crm: exported 3 customers to stdout
  $ crm customer export -q | python3 -c 'import sys; d = sys.stdin.buffer.read(); print(d.count(b"\r\n"), d.count(b"\n"), d[:3])'
  4 4 b'ext'

--raw keeps the cells as they are.

  $ crm -q customer export --raw --fields email,phone,company,address_line1,source | tr -d '\r'
  email,phone,company,address_line1,source
  li.na@example.cn,+86 138 0013 8000,,,
  anna@example.de,,"=HYPERLINK(""http://x"")",,
  bob@example.com,,,@home,-referral

--fields: any order, id/updated_at/deleted_at on request, attr.KEY, filters as in list.

  $ crm -q customer export --fields id,email,attr.wechat,tags,deleted_at --include-deleted | tr -d '\r'
  id,email,attr.wechat,tags,deleted_at
  1,li.na@example.cn,lina88,vip;批发,
  2,anna@example.de,,,
  3,gone@example.com,,,2025-06-02T09:00:00Z
  4,bob@example.com,,,
  $ crm -q customer export --fields "id, email" --fields status --status ACTIVE | tr -d '\r'
  id,email,status
  2,anna@example.de,active
  $ crm -q customer export --tag vip --country CN --fields id | tr -d '\r'
  id
  1
  $ crm -q customer export --search smith --fields id,last_name --delimiter ';' | tr -d '\r'
  id;last_name
  4;Smith, Jr.
  $ crm -q customer export --owner nobody | python3 -c 'import sys; d = sys.stdin.buffer.read(); print(d.count(b"\n"), d[-12:])'
  1 b'created_at\r\n'

Bad --fields: exit 2, nothing on stdout.

  $ crm customer export --fields id,emial
  ! crm: error: unknown field 'emial' (did you mean 'email'?); fields: id, external_id, email, phone, fax, first_name, last_name, company, address_line1, address_line2, postcode, city, region, country, language, owner, status, source, tags, consent_email, consent_sms, consent_phone, consent_postal, created_at, updated_at, deleted_at, attr.NAME
  [2]
  $ crm customer export --fields id,,email
  ! crm: error: --fields: an empty field name (two commas?)
  [2]
  $ crm customer export --fields email,email
  ! crm: error: --fields: 'email' is given twice
  [2]
  $ crm customer export --fields 'attr.bad key'
  ! crm: error: invalid attribute name 'bad key': use letters, digits, _ and -, starting with a letter
  [2]
  $ crm customer export --status vip
  ! crm: error: invalid status 'vip': use one of lead, active, inactive
  [2]
  $ crm customer export --delimiter ';;'
  ! crm: error: --delimiter ';;': give one ASCII character, e.g. ';' or tab
  [2]
  $ crm customer export --delimiter '"'
  ! crm: error: invalid delimiter 0x22: use one ASCII character other than '"', CR, LF and NUL
  [2]

json and ndjson: the record of `customer list --format json` plus the current consent.

  $ crm -q customer export --format ndjson --tag vip
  {"id":1,"external_id":"shop-1","email":"li.na@example.cn","phone":"+86 138 0013 8000","fax":null,"first_name":"娜","last_name":"李","company":null,"address_line1":null,"address_line2":null,"postcode":null,"city":"上海","region":null,"country":"CN","language":null,"owner":null,"status":"lead","source":null,"tags":["vip","批发"],"attributes":{"wechat":"lina88"},"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","deleted_at":null,"consent":{"email":"opt-in","sms":"opt-out"}}
  $ crm -q customer export --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(len(d), [c["id"] for c in d], d[1]["consent"], d[2]["consent"])'
  3 [1, 2, 4] {'postal': 'unknown'} {}
  $ crm customer export --format json --fields id
  ! crm: error: --fields does not apply to json output: it has every field (pick them with jq)
  [2]
  $ crm customer export --format ndjson --encoding GBK
  ! crm: error: --encoding does not apply to ndjson output: JSON is UTF-8
  [2]
  $ crm customer export --format table
  ! crm: error: export writes csv, tsv, json or ndjson, not table
  [2]

TSV: tabs, LF, escapes; formulas neutralised there too.

  $ crm -q customer export --format tsv --fields id,last_name,company,source
  id	last_name	company	source
  1	李		
  2		'=HYPERLINK("http://x")	
  4	Smith, Jr.		'-referral

--bom and --encoding: the bytes.

  $ crm -q customer export --bom --fields first_name --tag vip | od -An -tx1 -w64
   ef bb bf 66 69 72 73 74 5f 6e 61 6d 65 0d 0a e5 a8 9c 0d 0a
  $ crm -q customer export --encoding GBK --fields first_name,city --tag vip | od -An -tx1 -w64
   66 69 72 73 74 5f 6e 61 6d 65 2c 63 69 74 79 0d 0a c4 c8 2c c9 cf ba a3 0d 0a
  $ crm -q customer export --encoding gbk --fields first_name,last_name --tag vip | iconv -f GBK -t UTF-8 | tr -d '\r'
  first_name,last_name
  娜,李
  $ crm -q customer export --encoding UTF-16LE --bom --fields id --tag vip | od -An -tx1 -w64
   ff fe 69 00 64 00 0d 00 0a 00 31 00 0d 00 0a 00

Encoding errors. An unknown name or a mark the encoding cannot have: exit 2, nothing written.

  $ crm customer export --encoding KLINGON
  ! crm: error: unknown encoding 'KLINGON' (`iconv --list` shows the names)
  [2]
  $ crm customer export --encoding UTF-16
  ! crm: error: encoding 'UTF-16': say the byte order, e.g. UTF-16LE (what Windows uses) or UTF-16BE
  [2]
  $ crm customer export --encoding GBK --bom -o never.csv
  ! crm: error: a byte-order mark needs a Unicode encoding (UTF-8, UTF-16LE...): GBK has none
  [2]

A character the encoding lacks: exit 5 naming the customer and the line; with -o nothing is
left, neither the file nor its temporary.

  $ crm --now 2025-06-03T00:00:01Z customer add -q --email emoji@example.com --first-name "Zoe 😀"
  5
  $ crm customer export --encoding GBK -o gbk.csv
  ! crm: error: customer 5 (line 5 of the output): the character '😀' (U+1F600) cannot be written in GBK
  [5]
  $ ls -A
  bin
  crm.db
  home
  $ crm customer export --encoding GB18030 -o gb.csv
  ! crm: exported 4 customers to gb.csv
  $ iconv -f GB18030 -t UTF-8 gb.csv | tail -2 | tr -d '\r'
  ,bob@example.com,,,,"Smith, Jr.",,'@home,,,,,,,,lead,'-referral,,,,,,2025-06-03T23:59:58Z,,
  ,emoji@example.com,,,Zoe 😀,,,,,,,,,,,lead,,,,,,,2025-06-03T00:00:01Z,,

On stdout the customers before the fault have been written.

  $ crm customer export --encoding latin1 --fields id,first_name > partial.csv
  ! crm: error: customer 1 (line 2 of the output): the character '娜' (U+5A1C) cannot be written in latin1
  [5]
  $ tr -d '\r' < partial.csv; rm partial.csv
  id,first_name

-o: mode 0600, never overwrites without --force (exit 4), the file left untouched.

  $ crm customer export -o out.csv --fields id
  ! crm: exported 4 customers to out.csv
  $ stat -c %a out.csv; tr -d '\r' < out.csv | paste -sd ' '
  600
  id 1 2 4 5
  $ crm customer export -o out.csv
  ! crm: error: out.csv exists: pass --force to replace it
  [4]
  $ tr -d '\r' < out.csv | head -1
  id
  $ crm -q customer export -o out.csv --force --fields email --tag vip
  $ cat out.csv | tr -d '\r'
  email
  li.na@example.cn
  $ crm customer export -o .
  ! crm: error: . is a directory: give a file name
  [2]
  $ crm customer export -o no/such/dir/x.csv
  ! crm: error: cannot write no/such/dir/x.csv: there is no directory no/such/dir
  [2]
  $ crm -q customer export -o - --fields id --tag vip | tr -d '\r'
  id
  1
  $ ls -A
  bin
  crm.db
  gb.csv
  home
  out.csv

--help has an example.

  $ crm customer export --help | grep -c '^Example: crm customer export'
  1
