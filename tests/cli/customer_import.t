crm customer import: mapping, matching, modes, consent, all-or-nothing, rejects, dry run, undo.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db

Headers are mapped by name and alias (English and Chinese); unmapped columns are listed.

  $ printf 'E-mail,First Name,Last Name,Mobile,城市,Opt-in,Notes\nli.na@example.cn,娜,李,+86 138 0013 8000,上海,yes,hello\nbob@example.com,Bob,Smith,,Berlin,no,\n' > shop.csv
  $ crm customer import shop.csv
  ! crm: columns not imported: Notes (map them with --map 'Header=field', or keep them as attributes with --keep-unmapped)
  ! crm: imported shop.csv (2 rows): 2 created, 0 updated, 0 unchanged, 0 rejected (batch 1; undo: crm customer import --undo 1)
  $ crm customer list --format tsv | cut -f1-6,12
  id	external_id	email	phone	fax	first_name	city
  1		li.na@example.cn	+86 138 0013 8000		娜	上海
  2		bob@example.com			Bob	Berlin
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["consent"])'
  [{'channel': 'email', 'state': 'opt-in', 'source': 'import of shop.csv', 'at': '2025-06-02T09:00:00Z', 'recorded_by': 'operator'}]

Re-running the same file changes nothing (safe for cron).

  $ crm customer import shop.csv --format json -q
  2
  $ crm customer import shop.csv --dry-run
  LINE  ACTION     CUSTOMER  DETAIL
     2  unchanged         1
     3  unchanged         2
  ! crm: columns not imported: Notes (map them with --map 'Header=field', or keep them as attributes with --keep-unmapped)
  ! crm: dry run: 2 rows of shop.csv: would be 0 created, 0 updated, 2 unchanged, 0 rejected; nothing was written

--mode update changes existing customers only; the dry run shows each row's outcome.

  $ printf 'email,city,tags,attr.vip,status\nli.na@example.cn,北京,vip;gold,3,active\nnew@example.com,Paris,,,\n' > changes.csv
  $ crm customer import changes.csv --mode update --dry-run
  LINE  ACTION  CUSTOMER  DETAIL
     2  update         1  city: 上海 -> 北京; status: lead -> active; tags; attributes
     3  reject            no customer with email new@example.com (--mode update only changes existing cus…
  ! changes.csv:3: no customer with email new@example.com (--mode update only changes existing customers; use --mode upsert to add them)
  ! crm: dry run: 2 rows of changes.csv: would be 0 created, 1 updated, 0 unchanged, 1 rejected; nothing was written
  [5]
  $ crm customer import changes.csv --mode update --skip-invalid
  ! changes.csv:3: no customer with email new@example.com (--mode update only changes existing customers; use --mode upsert to add them)
  ! crm: imported changes.csv (2 rows): 0 created, 1 updated, 0 unchanged, 1 rejected (batch 3; undo: crm customer import --undo 3)
  [5]
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["city"], c["status"], c["tags"], c["attributes"])'
  北京 active ['gold', 'vip'] {'vip': '3'}

--mode create only adds; --mode fill only sets empty fields.

  $ printf 'email,city,company\nli.na@example.cn,深圳,ACME\n' > fill.csv
  $ crm customer import fill.csv --mode create
  ! fill.csv:2: email li.na@example.cn is already customer 1 (--mode create only adds customers; use --mode upsert to update them)
  ! crm: error: nothing imported from fill.csv: 1 of 1 row rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer import fill.csv --mode fill
  ! crm: imported fill.csv (1 row): 0 created, 1 updated, 0 unchanged, 0 rejected (batch 4; undo: crm customer import --undo 4)
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["city"], c["company"])'
  北京 ACME

All or nothing: every problem is listed with FILE:LINE, exit 5, and nothing is written.

  $ printf 'email,first_name,country,created_at\nok@example.com,Ok,DE,2024-01-05\nbad-address,X,DE,\nok@example.com,Again,DE,\nz@example.com,Z,Germany,\nw@example.com,W,FR,last tuesday\n' > broken.csv
  $ crm customer import broken.csv
  ! broken.csv:3: column 'email': invalid email 'bad-address': expected name@example.com
  ! broken.csv:4: duplicate email ok@example.com in the file (line 2)
  ! broken.csv:5: column 'country': invalid country 'Germany': expected an ISO 3166 alpha-2 code such as CN
  ! broken.csv:6: column 'created_at': invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  ! crm: error: nothing imported from broken.csv: 4 of 5 rows rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer list --format tsv | cut -f1,3 | sort
  1	li.na@example.cn
  2	bob@example.com
  id	email
  $ crm customer imports --format tsv | cut -f1,4-8
  batch	mode	created	updated	unchanged	rejected
  4	fill	0	1	0	0
  3	update	0	1	0	1
  2	upsert	0	0	2	0
  1	upsert	2	0	0	0

--skip-invalid imports the valid rows and still exits 5; --rejects keeps the rest with _line and _error,
and once fixed the rejects file imports cleanly.

  $ crm customer import broken.csv --skip-invalid --rejects rejects.csv --format json 2>/dev/null
  {"batch":5,"created":1,"updated":0,"unchanged":0,"rejected":4}
  [5]
  $ python3 -c 'import sys; sys.stdout.write(open("rejects.csv", encoding="utf-8-sig").read().replace("\r\n", "\n"))'
  email,first_name,country,created_at,_line,_error
  bad-address,X,DE,,3,column 'email': invalid email 'bad-address': expected name@example.com
  ok@example.com,Again,DE,,4,duplicate email ok@example.com in the file (line 2)
  z@example.com,Z,Germany,,5,column 'country': invalid country 'Germany': expected an ISO 3166 alpha-2 code such as CN
  w@example.com,W,FR,last tuesday,6,"column 'created_at': invalid time 'last tuesday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX"
  $ sed -i -e 's/bad-address/bad@example.com/' -e 's/,Again,/,Agnes,/; s/ok@example.com,Agnes/agnes@example.com,Agnes/' -e 's/Germany/DE/' -e 's/last tuesday/2024-03-01/' rejects.csv
  $ crm customer import rejects.csv
  ! crm: imported rejects.csv (4 rows): 4 created, 0 updated, 0 unchanged, 0 rejected (batch 6; undo: crm customer import --undo 6)
  $ crm customer show w@example.com --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["created_at"], c["country"])'
  2024-03-01T00:00:00Z FR

Consent from a column, with --consent-source; a full name split (Chinese family name first).

  $ printf '姓名,邮箱,手机,订阅\n欧阳娜娜,ouyang@example.cn,138 0013 8001,是\n王小明,wang@example.cn,13800138002,否\n' > cn.csv
  $ crm customer import cn.csv --default-country CN --consent-source 'old shop opt-in list'
  ! crm: imported cn.csv (2 rows): 2 created, 0 updated, 0 unchanged, 0 rejected (batch 7; undo: crm customer import --undo 7)
  $ crm customer show ouyang@example.cn --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["last_name"], c["first_name"], c["phone"], [(x["state"], x["source"]) for x in c["consent"]])'
  欧阳 娜娜 +8613800138001 [('opt-in', 'old shop opt-in list')]
  $ crm customer show wang@example.cn --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["last_name"], c["first_name"], [x["state"] for x in c["consent"]])'
  王 小明 ['opt-out']

Matching on phone (E.164 with --default-country) and on external id.

  $ printf 'tel,company\n+86 138-0013-8001,欧阳商行\n' > byphone.csv
  $ crm customer import byphone.csv --match phone --default-country CN
  ! crm: imported byphone.csv (1 row): 0 created, 1 updated, 0 unchanged, 0 rejected (batch 8; undo: crm customer import --undo 8)
  $ crm customer show ouyang@example.cn --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["company"])'
  欧阳商行
  $ crm customer import byphone.csv --match phone
  ! crm: imported byphone.csv (1 row): 0 created, 0 updated, 1 unchanged, 0 rejected (batch 9; undo: crm customer import --undo 9)
  $ printf 'customer_id,email\nK-1,k1@example.com\nK-2,k2@example.com\n' > ext.csv
  $ crm customer import ext.csv --match external_id -q
  10
  $ printf 'customer_id,city\nK-1,Lyon\nK-3,Nice\n' > ext2.csv
  $ crm customer import ext2.csv --match external_id --mode update
  ! ext2.csv:3: no customer with external_id K-3 (--mode update only changes existing customers; use --mode upsert to add them)
  ! crm: error: nothing imported from ext2.csv: 1 of 2 rows rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer import ext2.csv --match external_id --mode update --skip-invalid
  ! ext2.csv:3: no customer with external_id K-3 (--mode update only changes existing customers; use --mode upsert to add them)
  ! crm: imported ext2.csv (2 rows): 0 created, 1 updated, 0 unchanged, 1 rejected (batch 11; undo: crm customer import --undo 11)
  [5]

An update that would take another customer's email is rejected, naming that customer.

  $ printf 'customer_id,email\nK-2,k1@example.com\n' > steal.csv
  $ crm customer import steal.csv --match external_id
  ! steal.csv:2: email k1@example.com is already used by customer 10
  ! crm: error: nothing imported from steal.csv: 1 of 1 row rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]

--map, --map-file and --keep-unmapped.

  $ printf 'Kundennummer;E-Mail-Adresse;Notiz;Lieblingsfarbe\nD-1;d1@example.de;erste;blau\n' > de.csv
  $ printf '[columns]\n"Kundennummer" = "external_id"\n"Notiz" = ""\n' > de.toml
  $ crm customer import de.csv --map-file de.toml --map 'E-Mail-Adresse=email' --keep-unmapped
  ! crm: imported de.csv (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 12; undo: crm customer import --undo 12)
  $ crm customer show d1@example.de --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["external_id"], c["attributes"])'
  D-1 {'Lieblingsfarbe': 'blau'}

Undo: created customers go, updated ones come back; a later change blocks it, saying which.

  $ printf 'email,city,status\nli.na@example.cn,广州,inactive\nnew@example.com,Paris,\n' > changes2.csv
  $ crm customer import changes2.csv -q
  13
  $ crm customer import --undo 13 --dry-run
  ! crm: dry run: would undo import batch 13: 1 created customers to remove, 1 updated customers to restore
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["city"], c["status"])'
  广州 inactive
  $ crm customer import --undo 13
  ! crm: undid import batch 13: 1 created customers removed, 1 updated customers restored
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["city"], c["status"])'
  北京 active
  $ crm customer show new@example.com
  ! crm: error: no customer matches 'new@example.com'
  [3]
  $ crm customer import --undo 13
  ! crm: error: import batch 13 was already undone (2025-06-02T09:00:00Z)
  [4]
  $ crm customer import --undo 99
  ! crm: error: no import batch 99
  [3]
  $ crm customer tag k1@example.com seen
  ! crm: updated customer 10: tags
  $ crm customer import --undo 10
  ! crm: error: import batch 10 cannot be undone: later changes touched its customers: customer 10 (audit entry 15 (customer tag)), customer 10 (import batch 11); nothing was changed
  [4]
  $ crm customer show k1@example.com --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["email"])'
  k1@example.com
  $ crm customer imports --limit 2 --format tsv | cut -f1,3-
  batch	user	mode	created	updated	unchanged	rejected	undone_at	file
  13	operator	upsert	1	1	0	0	2025-06-02T09:00:00Z	$WORK/changes2.csv
  12	operator	upsert	1	0	0	0		$WORK/de.csv

Phones without a country code need --default-country to be matched.

  $ printf 'phone,first_name\n138 0013 8009,Nine\n' > nocc.csv
  $ crm customer import nocc.csv --match phone
  ! nocc.csv:2: cannot match on phone: phone '138 0013 8009' has no country code: write it as +CC... or give --default-country
  ! crm: error: nothing imported from nocc.csv: 1 of 1 row rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer import nocc.csv --match phone --default-country XX
  ! crm: error: --default-country 'XX': expected an ISO 3166 code with a telephone country code, such as CN or DE
  [2]

Encodings: GBK (Chinese Excel), UTF-16 tab-separated "Unicode text", ';' with a BOM.

  $ python3 -c 'open("gbk.csv","wb").write("邮箱,姓名,城市\r\nzhang@example.cn,张伟,北京\r\n".encode("gbk"))'
  $ crm customer import gbk.csv --dry-run
  ! crm: error: gbk.csv:1: invalid UTF-8 (is the file GBK? try --encoding GB18030)
  [5]
  $ crm customer import gbk.csv --encoding GBK
  ! crm: imported gbk.csv (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 14; undo: crm customer import --undo 14)
  $ crm customer show zhang@example.cn --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["last_name"], c["first_name"], c["city"])'
  张 伟 北京
  $ python3 -c 'open("u16.txt","wb").write("\ufeffEmail\tCompany\r\nutf16@example.com\tMüller GmbH\r\n".encode("utf-16-le"))'
  $ crm customer import u16.txt
  ! crm: imported u16.txt (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 15; undo: crm customer import --undo 15)
  $ printf '\357\273\277Email;Company;City\nsemi@example.fr;"Dupont; Fils";Lyon\n' > excel.csv
  $ crm customer import excel.csv
  ! crm: imported excel.csv (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 16; undo: crm customer import --undo 16)
  $ crm customer show semi@example.fr --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["company"], c["city"])'
  Dupont; Fils Lyon

Real exports (Salesforce Data Loader's test files): an email wrapped in ideographic spaces, dates.

  $ cd $DATA/contacts && crm customer import insertTaskWithContactAsWhoCsv.csv --map 'Who:Contact-email=email' --map Subject=attr.subject
  ! crm: imported insertTaskWithContactAsWhoCsv.csv (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 17; undo: crm customer import --undo 17)
  $ crm customer show contactfor@polymorphicmappingoftask.com --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(repr(c["email"]), c["attributes"])'
  'contactFor@PolymorphicMappingOfTask.com' {'subject': 'testPolymorphicLookup'}
  $ cd $DATA/contacts && crm customer import dateEndingInZ.csv --map NAME=company --map ACCOUNTNUMBER__C=external_id --map DATE=created_at --match external_id --dry-run --format tsv
  line	action	customer	detail
  2	create	17	
  ! crm: columns not imported: TYPE, WEBSITE, ANNUALREVENUE, ORACLE_ID__C, DATE_ONLY (map them with --map 'Header=field', or keep them as attributes with --keep-unmapped)
  ! crm: dry run: 1 row of dateEndingInZ.csv: would be 1 created, 0 updated, 0 unchanged, 0 rejected; nothing was written
  $ cd $DATA/contacts && crm customer import dateWithTimeZone.csv --map NAME=company --map ACCOUNTNUMBER__C=external_id --map DATE=created_at --match external_id
  ! dateWithTimeZone.csv:2: column 'DATE': invalid time '2010-10-14T12:00:00.000Z-0300': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  ! dateWithTimeZone.csv:3: column 'DATE': invalid time '2010-10-14T12:00:00.000Z-0300': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  ! crm: columns not imported: TYPE, WEBSITE, ANNUALREVENUE, ORACLE_ID__C, DATE_ONLY (map them with --map 'Header=field', or keep them as attributes with --keep-unmapped)
  ! crm: error: nothing imported from dateWithTimeZone.csv: 2 of 2 rows rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ cd $DATA/contacts && crm customer import csvtext_BOM_UTF32LE.csv
  ! crm: error: csvtext_BOM_UTF32LE.csv:1: malformed byte-order mark: FE FF (UTF-16) is followed by NUL bytes, as in a UTF-32 file whose mark was cut short; save the file again as UTF-8 or UTF-16
  [5]
  $ cd $DATA/contacts && crm customer import accountsForInsert.csv --map Name=company --map RichText= --keep-unmapped --mode create --dry-run --format tsv
  line	action	customer	detail
  2	create	17	
  3	create	18	
  4	create	19	
  5	create	20	
  ! crm: dry run: 4 rows of accountsForInsert.csv: would be 4 created, 0 updated, 0 unchanged, 0 rejected; nothing was written
  $ cd $DATA/contacts && crm customer import accountsForInsert.csv --map Name=company --keep-unmapped --dry-run
  ! crm: error: --match email: accountsForInsert.csv has no email column (its columns: Name, NumEmp, Industry, RichText): map one with --map 'Header=email', match on another field, or pass --mode create to add every row as a new customer
  [2]

Bad input: a clear message with file and line, the documented exit code, nothing written.

  $ crm customer list --format tsv | wc -l > before.txt
  $ crm customer import missing.csv
  ! crm: error: cannot read missing.csv: No such file or directory
  [2]
  $ mkdir adir && crm customer import adir
  ! crm: error: cannot read adir: it is a directory
  [2]
  $ crm customer import
  ! crm: error: customer import: give FILE (or - for standard input), or --undo BATCH
  [2]
  $ head -c 300 /bin/sh > garbage.bin && crm customer import garbage.bin
  ! crm: error: garbage.bin:1: NUL character: binary data, or text in another encoding (UTF-16 without a byte-order mark? try --encoding UTF-16LE)
  [5]
  $ : > empty.csv && crm customer import empty.csv
  ! crm: error: empty.csv:1: the file is empty: expected a header line naming the columns
  [5]
  $ printf 'email,first_name\n' > header-only.csv && crm customer import header-only.csv --format json
  {"batch":null,"created":0,"updated":0,"unchanged":0,"rejected":0}
  ! crm: header-only.csv has a header but no rows: nothing to import
  $ printf 'email,Email\na@example.com,b@example.com\n' > dup.csv && crm customer import dup.csv
  ! crm: error: dup.csv:1: duplicate column name 'Email' (columns 1 and 2)
  [5]
  $ printf 'email,E-mail\na@example.com,b@example.com\n' > dup2.csv && crm customer import dup2.csv
  ! crm: error: dup2.csv:1: columns 'email' and 'E-mail' both map to email: ignore one with --map 'E-mail='
  [5]
  $ crm customer import dup2.csv --map 'E-mail=' -q --dry-run
  ! crm: dry run: 1 row of dup2.csv: would be 1 created, 0 updated, 0 unchanged, 0 rejected; nothing was written
  $ crm customer import shop.csv --map 'E-mail=emial'
  ! crm: error: --map 'E-mail=emial': unknown field 'emial' (did you mean 'email'?); fields: external_id, email, phone, fax, first_name, last_name, company, address_line1, address_line2, postcode, city, region, country, language, owner, source, status, tags, created_at, name, consent_email, consent_sms, consent_phone, consent_postal, attr.NAME, or empty to ignore
  [2]
  $ crm customer import shop.csv --map 'Mail=email'
  ! crm: error: --map 'Mail=email': shop.csv has no column 'Mail'; its columns: E-mail, First Name, Last Name, Mobile, 城市, Opt-in, Notes
  [2]
  $ crm customer import shop.csv --map 'nothing'
  ! crm: error: --map 'nothing': expected 'Header=field' (an empty field ignores the column)
  [2]
  $ crm customer import shop.csv --encoding KLINGON
  ! crm: error: unknown encoding 'KLINGON' (`iconv --list` shows the names)
  [2]
  $ crm customer import shop.csv --delimiter ';;'
  ! crm: error: --delimiter ';;': give one character such as ',' ';' '|' or 'tab'
  [2]
  $ crm customer import shop.csv --mode merge
  ! crm: error: --mode 'merge': use one of create, update, upsert, fill
  [2]
  $ crm customer import shop.csv --match name
  ! crm: error: --match 'name': use one of email, external_id, phone
  [2]
  $ crm customer import shop.csv --match external_id
  ! crm: error: --match external_id: shop.csv has no external_id column (its columns: E-mail, First Name, Last Name, Mobile, 城市, Opt-in, Notes): map one with --map 'Header=external_id', match on another field, or pass --mode create to add every row as a new customer
  [2]
  $ printf 'email,first_name\nq@example.com,"unterminated\nr@example.com,R\n' > quote.csv && crm customer import quote.csv
  ! crm: error: quote.csv:2: unterminated quoted field: the closing '"' is missing
  [5]
  $ printf 'email,first_name\ns@example.com,S,extra\nt@example.com\n' > ragged.csv && crm customer import ragged.csv
  ! ragged.csv:2: 3 fields, but the header has 2
  ! ragged.csv:3: 1 fields, but the header has 2
  ! crm: error: nothing imported from ragged.csv: 2 of 2 rows rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ printf 'email,first_name,,\nu@example.com,U,,\n' > trailing.csv && crm customer import trailing.csv --dry-run -q
  ! crm: dry run: 1 row of trailing.csv: would be 1 created, 0 updated, 0 unchanged, 0 rejected; nothing was written
  $ printf '[columns]\nEmail = 3\n' > bad.toml && crm customer import shop.csv --map-file bad.toml
  ! crm: error: bad.toml:2: the value of 'Email' must be a string
  [2]
  $ printf '[colums]\nEmail = "email"\n' > bad2.toml && crm customer import shop.csv --map-file bad2.toml
  ! crm: error: bad2.toml:1: unexpected 'colums': this file holds one [columns] table
  [2]
  $ crm customer import shop.csv --map-file nothere.toml
  ! crm: error: cannot read nothere.toml: No such file or directory
  [2]
  $ crm customer import shop.csv --rejects /nonexistent/dir/r.csv
  ! crm: error: cannot write /nonexistent/dir/r.csv: there is no directory /nonexistent/dir
  [2]
  $ printf 'email,subscribed,tags,status\nv@example.com,maybe,vip,active\nw2@example.com,yes,vip!,active\nx@example.com,yes,ok,gold\n' > values.csv && crm customer import values.csv
  ! values.csv:2: column 'subscribed': invalid consent 'maybe': use yes/no, true/false, 1/0, opt-in/opt-out or unknown
  ! values.csv:3: column 'tags': invalid tag 'vip!': use letters, digits and - _ . : / (no spaces or commas)
  ! values.csv:4: column 'status': invalid status 'gold': use one of lead, active, inactive
  ! crm: error: nothing imported from values.csv: 3 of 3 rows rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer imports --limit -1
  ! crm: error: --limit must not be negative
  [2]
  $ crm customer import --undo 1 shop.csv
  ! crm: error: --undo takes a batch number, not a FILE
  [2]
  $ crm customer list --format tsv | wc -l | diff - before.txt && ls -A | grep -c partial
  0
  [1]

Standard input works, and a forgotten person's address cannot come back.

  $ printf 'email\nstdin@example.com\n' | crm customer import - --format json
  {"batch":18,"created":1,"updated":0,"unchanged":0,"rejected":0}
  ! crm: imported standard input (1 row): 1 created, 0 updated, 0 unchanged, 0 rejected (batch 18; undo: crm customer import --undo 18)
  $ crm customer forget stdin@example.com --yes 2>/dev/null
  ID  ERASED FIELDS  ATTRS  CONSENT  NOTES  FOLLOW-UPS  AUDIT  IMPORTS  MERGES  ORDERS  SUPPRESSED
  17  email              0        0      0           0      0        0       0       0  email
  $ printf 'email,first_name\nSTDIN@example.com ,Back\n' | crm customer import -
  ! -:2: STDIN@example.com belongs to a person who asked to be forgotten ('crm customer forget'): it cannot come back
  ! crm: error: nothing imported from standard input: 1 of 1 row rejected; fix them, or pass --skip-invalid to import the valid rows
  [5]
  $ crm customer add --email stdin@example.com
  ! crm: error: stdin@example.com belongs to a person who asked to be forgotten ('crm customer forget'): it cannot come back
  [4]
  $ crm customer edit 1 --set email=Stdin@Example.com --dry-run
  ! crm: error: Stdin@Example.com belongs to a person who asked to be forgotten ('crm customer forget'): it cannot come back
  [4]
  $ crm customer list --format tsv | grep -ci stdin@
  0
  [1]

A dry run writes nothing, not even the rejects file.

  $ crm customer import broken.csv --dry-run --rejects dry-rejects.csv >/dev/null 2>&1; echo $?; ls dry-rejects.csv*
  5
  ! ls: cannot access 'dry-rejects.csv*': No such file or directory
  [2]
