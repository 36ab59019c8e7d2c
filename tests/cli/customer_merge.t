crm customer dupes, merge, unmerge, merges.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email John.Doe@gmail.com --first-name John --last-name Doe --city Berlin --phone "+49 30 1234 5678" --external-id SHOP-1
  1
  $ crm customer add -q --email johndoe+shop@googlemail.com --first-name doe --last-name JOHN --city berlin --company ACME --tag vip --attr level=2 --external-id OLD-7
  2
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --city 上海市 --phone "138 0013 8000"
  3
  $ crm customer add -q --email lina@example.com --first-name 李娜 --city 上海 --phone "+86 138-0013-8000"
  4
  $ crm customer add -q --email x@example.com --phone "030 1234 5678"
  5
  $ crm customer add -q --company 'Shanghai Trading' --phone "+86 13800138000"
  6
  $ crm customer consent 1 email opt-in --source form 2>/dev/null
  $ crm customer consent 2 email opt-out --source form 2>/dev/null
  $ crm customer note 2 --text 'asked for a quote' 2>/dev/null
  1
  $ crm customer followup add 2 --due +3d --text 'send the quote' 2>/dev/null
  1

Dupes: canonical emails (gmail dots, +tags, googlemail), names in any order, Chinese names
with or without a space, phone numbers by their last 9 digits.

  $ crm customer dupes
  KEEP  OTHER  SCORE  KEYS              KEEP NAME  KEEP EMAIL          OTHER NAME  OTHER EMAIL
     1      2     90  email, name+city  John Doe   John.Doe@gmail.com  doe JOHN    johndoe+shop@googlemail.com
     3      4     60  phone, name+city  李娜       li.na@example.cn    李娜        lina@example.com
  ! crm: 2 candidate pair(s) among 6 customer(s)
  $ crm customer dupes --by phone --min-score 0 --format ndjson
  {"keep_id":1,"other_id":5,"score":30,"keys":["phone"],"keep_name":"John Doe","keep_email":"John.Doe@gmail.com","other_name":"x@example.com","other_email":"x@example.com"}
  {"keep_id":3,"other_id":4,"score":30,"keys":["phone"],"keep_name":"李娜","keep_email":"li.na@example.cn","other_name":"李娜","other_email":"lina@example.com"}
  {"keep_id":3,"other_id":6,"score":30,"keys":["phone"],"keep_name":"李娜","keep_email":"li.na@example.cn","other_name":"Shanghai Trading","other_email":null}
  {"keep_id":4,"other_id":6,"score":30,"keys":["phone"],"keep_name":"李娜","keep_email":"lina@example.com","other_name":"Shanghai Trading","other_email":null}
  ! crm: 4 candidate pair(s) among 6 customer(s)
  $ crm customer dupes --format csv --by email,name+city
  keep_id,other_id,score,keys,keep_name,keep_email,other_name,other_email
  1,2,90,"email, name+city",John Doe,John.Doe@gmail.com,doe JOHN,johndoe+shop@googlemail.com
  ! crm: 1 candidate pair(s) among 6 customer(s)
  $ crm customer dupes -q --min-score 0
  1 2
  3 4
  1 5
  3 6
  4 6
  ! crm: 5 candidate pair(s) among 6 customer(s)
  $ crm customer dupes --by phone --min-score 0 --max-block 2 --format csv
  keep_id,other_id,score,keys,keep_name,keep_email,other_name,other_email
  1,5,30,phone,John Doe,John.Doe@gmail.com,x@example.com,x@example.com
  ! crm: 1 candidate pair(s) among 6 customer(s)
  ! crm: skipped 1 key(s) shared by more than 2 customers (too common to mean a duplicate; --max-block raises the limit): phone '800138000' (3 customers)
  $ crm customer dupes --by mail
  ! crm: error: --by: unknown key 'mail' (did you mean 'email'?); use email, phone, name+city
  [2]
  $ crm customer dupes --min-score 101
  ! crm: error: --min-score: 101 is out of range: use 0 to 100
  [2]
  $ crm customer dupes --max-block 1
  ! crm: error: --max-block: 1 is too small: use 2 or more
  [2]

Merge: a dry run shows what would change on KEEP and what moves, and writes nothing.

  $ crm customer merge 1 2 --dry-run
  company: (empty) -> ACME
  tags: (empty) -> vip
  attributes: (empty) -> level=2
  consent.email: opt-in -> opt-out
  moves: 1 interaction(s), 1 follow-up(s), 0 order(s) from customer 2 to 1
  ! crm: dry run: would merge customer 2 into 1; nothing was written
  $ crm customer merge john.doe@gmail.com ext:OLD-7 --dry-run --format json | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["merge_id"], m["keep_id"], m["other_id"], m["changed"], m["interactions"], m["followups"], m["consent"])'
  None 1 2 ['company', 'tags', 'attributes'] [1] [1] [{'channel': 'email', 'before': 'opt-in', 'after': 'opt-out'}]
  ! crm: dry run: would merge customer 2 into 1; nothing was written
  $ crm customer list -q
  1
  2
  3
  4
  5
  6
  $ crm customer merges
  ID  AT  KEEP  OTHER  BY  INTERACTIONS  FOLLOW-UPS  ORDERS  UNDONE

Errors: nothing is written.

  $ crm customer merge 1 1
  ! crm: error: KEEP and OTHER are the same customer (1): nothing to merge
  [4]
  $ crm customer merge 1 99
  ! crm: error: no customer matches '99'
  [3]
  $ crm customer merge 1 2 --prefer biggest
  ! crm: error: --prefer: invalid value 'biggest': use keep, other or newest
  [2]
  $ crm customer merge 1
  ! crm: error: OTHER is required (see crm customer merge --help)
  [2]
  $ crm customer rm 5 2>/dev/null
  5
  $ crm customer merge 1 5
  ! crm: error: customer 5 is deleted: run 'crm customer restore 5' first
  [4]
  $ crm customer restore 5 2>/dev/null
  5
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["company"], c["tags"], len(c["interactions"]))'
  None [] 0

The merge: the merge id on stdout, OTHER soft-deleted, its external id and history on KEEP.

  $ crm customer merge 1 2
  1
  ! crm: merged customer 2 into 1 (merge 1)
  $ crm customer show john.doe@gmail.com --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["id"], c["company"], c["tags"], c["attributes"], c["external_id"])'
  1 ACME ['vip'] {'level': '2'} SHOP-1
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print([(x["channel"], x["state"], x["source"]) for x in c["consent"]], [i["text"] for i in c["interactions"]], [f["text"] for f in c["followups"]])'
  [('email', 'opt-out', 'merge of customer 2')] ['asked for a quote'] ['send the quote']
  $ crm customer show 2 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["deleted_at"], c["external_id"], c["interactions"])'
  2025-06-02T09:00:00Z OLD-7 []
  $ crm customer merge 1 2
  ! crm: error: customer 2 was already merged into customer 1 (merge 1)
  [4]
  $ crm customer merge 2 3
  ! crm: error: customer 2 was already merged into customer 1 (merge 1)
  [4]
  $ crm customer merges
  ID  AT                KEEP  OTHER  BY        INTERACTIONS  FOLLOW-UPS  ORDERS  UNDONE
   1  2025-06-02 09:00     1      2  operator             1           1       0
  $ crm customer merges --customer 2 --format json
  [
  {"id":1,"at":"2025-06-02T09:00:00Z","keep_id":1,"other_id":2,"user":"operator","interactions":1,"followups":1,"orders":0,"undone_at":null,"command":"crm customer merge 1 2"}
  ]
  $ crm db audit --customer 1 --format json | python3 -c 'import json,sys; print([(e["entity"], e["entity_id"], e["action"]) for e in json.load(sys.stdin)][-2:])'
  [('customer', 1, 'merge'), ('merge', 1, 'create')]

Unmerge: a dry run, then both customers as before.

  $ crm customer unmerge 1 --dry-run
  company: ACME -> (empty)
  tags: vip -> (empty)
  attributes: level=2 -> (empty)
  consent.email: opt-out -> opt-in
  moves: 1 interaction(s), 1 follow-up(s), 0 order(s) from customer 1 to 2
  ! crm: dry run: would undo merge 1: customer 2 back, customer 1 as before the merge
  $ crm customer unmerge 1
  2
  ! crm: undid merge 1: customer 2 back, customer 1 as before the merge
  $ crm customer list -q
  1
  2
  3
  4
  5
  6
  $ crm customer show 2 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["email"], c["external_id"], c["company"], c["tags"], [x["state"] for x in c["consent"]], [i["text"] for i in c["interactions"]], [f["text"] for f in c["followups"]])'
  johndoe+shop@googlemail.com OLD-7 ACME ['vip'] ['opt-out'] ['asked for a quote'] ['send the quote']
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["company"], c["tags"], c["attributes"], [(x["state"], x["source"]) for x in c["consent"]], c["interactions"], c["followups"])'
  None [] {} [('opt-in', 'unmerge of merge 1')] [] []
  $ crm customer unmerge 1
  ! crm: error: merge 1 was already undone at 2025-06-02T09:00:00Z
  [4]
  $ crm customer unmerge 7
  ! crm: error: no merge with id 7 (crm customer merges lists them)
  [3]
  $ crm customer unmerge x
  ! crm: error: Could not convert: MERGE_ID = x (see crm customer unmerge --help)
  [2]

OTHER's email moves to KEEP when KEEP has none (after OTHER is deleted: emails are unique
among live customers), and comes back with unmerge.

  $ crm customer edit 4 --unset email 2>/dev/null
  $ crm customer merge 4 3 -q
  2
  ! crm: merged customer 3 into 4 (merge 2)
  $ crm customer show li.na@example.cn -q
  4

A change after the merge blocks unmerge, and says which; so does a later merge.

  $ crm customer merge 4 5 -q 2>/dev/null
  3
  $ crm customer unmerge 2
  ! crm: error: cannot unmerge 2: customer 4 was changed after the merge (merge, audit entry *): unmerge the later merge first (glob)
  [4]
  $ crm customer unmerge 3 2>/dev/null
  5
  $ crm customer edit 4 --set city=杭州 2>/dev/null
  $ crm customer unmerge 2
  ! crm: error: cannot unmerge 2: customer 4 was changed after the merge (merge, audit entry *): unmerge the later merge first (glob)
  [4]
  $ crm customer show 3 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted_at"])'
  2025-06-02T09:00:00Z
  $ crm customer show li.na@example.cn -q
  4
  $ crm customer merge 1 2 -q 2>/dev/null
  4
  $ crm customer note 2 --text late
  ! crm: error: customer 2 is deleted: run 'crm customer restore 2' first
  [4]
  $ crm customer merge 3 1 -q
  ! crm: error: customer 3 was already merged into customer 4 (merge 2)
  [4]
  $ crm customer purge 2 --yes 2>/dev/null
  2
  $ crm customer unmerge 4
  ! crm: error: cannot unmerge 4: customer 2 was purged since the merge
  [4]
  $ crm customer show 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted_at"])'
  None

A merge whose journal was erased by forget cannot be unmerged (and the list still shows it).

  $ crm customer add -q --email keep.f@example.com --first-name Keep
  7
  $ crm customer add -q --email other.f@example.com --first-name Other
  8
  $ crm customer merge keep.f@example.com other.f@example.com -q 2>/dev/null
  5
  $ crm customer forget keep.f@example.com --yes >/dev/null 2>&1
  $ crm customer unmerge 5
  ! crm: error: cannot unmerge 5: its journal was erased when a customer of it was forgotten
  [4]
  $ crm customer merges --format tsv | cut -f1,4,5,7,9 | head -2
  id	other_id	user	followups	undone_at
  5	8	operator		
