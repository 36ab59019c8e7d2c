crm customer add: every field, validation, uniqueness, dry run.

  $ crm init 2>/dev/null
  $WORK/crm.db
  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm customer add --email li.na@example.cn --first-name 娜 --last-name 李 --phone "+86 138 0013 8000" \
  >   --fax "+86 21 5555 0101" --company 上海贸易 --address-line1 "人民路 1 号" --address-line2 "3 楼" \
  >   --postcode 200001 --city 上海 --region 上海市 --country cn --language zh-cn --owner wang \
  >   --status active --source shop --external-id SHOP-1 --attr wechat=lina --attr 'note=a=b' --tag vip --tag 批发
  1
  $ crm customer add -q --email anna@example.de
  2
  $ crm customer add --format json --email "  Bob@Example.COM " --first-name Bob
  {"id":3,"external_id":null,"email":"Bob@Example.COM","phone":null,"fax":null,"first_name":"Bob","last_name":null,"company":null,"address_line1":null,"address_line2":null,"postcode":null,"city":null,"region":null,"country":null,"language":null,"owner":null,"status":"lead","source":null,"tags":[],"attributes":{},"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","deleted_at":null}
  $ crm customer show 1 --format json
  {"id":1,"external_id":"SHOP-1","email":"li.na@example.cn","phone":"+86 138 0013 8000","fax":"+86 21 5555 0101","first_name":"娜","last_name":"李","company":"上海贸易","address_line1":"人民路 1 号","address_line2":"3 楼","postcode":"200001","city":"上海","region":"上海市","country":"CN","language":"zh-CN","owner":"wang","status":"active","source":"shop","tags":["vip","批发"],"attributes":{"note":"a=b","wechat":"lina"},"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","deleted_at":null,"orders":0,"revenue":"0.00","aov":null,"first_order":null,"last_order":null,"currency":"CNY","consent":[],"consent_history":[],"interactions":[],"followups":[],"recent_orders":[]}

An email from real data (Salesforce Data Loader's tests), wrapped in ideographic spaces
(U+3000), is trimmed; looking it up with plain spaces finds it.

  $ email=$(tail -n 1 $DATA/contacts/insertTaskWithContactAsWhoCsv.csv | cut -d, -f2 | tr -d '"'); crm customer add -q --email "$email"
  4
  $ crm customer show ' contactfor@polymorphicmappingoftask.com ' --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["email"])'
  contactFor@PolymorphicMappingOfTask.com

Uniqueness: email among live customers, compared lower-cased and trimmed; external id. Exit 4, nothing written.

  $ crm customer add --email LI.NA@EXAMPLE.CN
  ! crm: error: email LI.NA@EXAMPLE.CN is already used by customer 1
  [4]
  $ crm customer add --email x@example.com --external-id SHOP-1
  ! crm: error: external id SHOP-1 is already used by customer 1
  [4]
  $ crm customer list -q
  1
  2
  3
  4

Malformed values: exit 2, one line, nothing written.

  $ crm customer add --email not-an-email
  ! crm: error: invalid email 'not-an-email': expected name@example.com
  [2]
  $ crm customer add --email 'a@example.com
  > Bcc: victim@example.com'
  ! crm: error: invalid email 'a@example.com\nBcc: victim@example.com': expected name@example.com
  [2]
  $ crm customer add --phone 12
  ! crm: error: invalid phone '12': expected digits such as +86 138 0013 8000
  [2]
  $ crm customer add --country XX
  ! crm: error: invalid country 'XX': expected an ISO 3166 alpha-2 code such as CN
  [2]
  $ crm customer add --language chinese
  ! crm: error: invalid language 'chinese': expected a tag such as zh or zh-CN
  [2]
  $ crm customer add --status vip
  ! crm: error: invalid status 'vip': use one of lead, active, inactive
  [2]
  $ crm customer add --tag 'two words'
  ! crm: error: invalid tag 'two words': use letters, digits and - _ . : / (no spaces or commas)
  [2]
  $ crm customer add --city Berlin --tag vip
  ! crm: error: a customer needs at least one of --email, --phone, --first-name, --last-name, --company or --external-id
  [2]
  $ crm customer add --attr novalue
  ! crm: error: --attr 'novalue': expected NAME=VALUE
  [2]
  $ crm customer add --attr 9lives=yes
  ! crm: error: invalid attribute name '9lives': use letters, digits, _ and -, starting with a letter
  [2]
  $ crm customer add --city $'Berlin\x1b[2J'
  ! crm: error: city must not contain control characters
  [2]
  $ crm customer list -q
  1
  2
  3
  4

A dry run validates and shows, writes nothing.

  $ crm customer add --dry-run --email dry@example.com --format json
  {"id":null,"external_id":null,"email":"dry@example.com","phone":null,"fax":null,"first_name":null,"last_name":null,"company":null,"address_line1":null,"address_line2":null,"postcode":null,"city":null,"region":null,"country":null,"language":null,"owner":null,"status":"lead","source":null,"tags":[],"attributes":{},"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","deleted_at":null}
  ! crm: dry run: the customer is valid; nothing was written
  $ crm customer add --dry-run --email dry@example.com
  email       dry@example.com
  status      lead
  attributes
  created_at  2025-06-02 09:00
  updated_at  2025-06-02 09:00
  
  tags
    (none)
  ! crm: dry run: the customer is valid; nothing was written
  $ crm customer show dry@example.com
  ! crm: error: no customer matches 'dry@example.com'
  [3]
  $ crm db audit --format csv | cut -d, -f1,4,5,7
  id,entity,entity_id,action
  1,customer,1,create
  2,customer,2,create
  3,customer,3,create
  4,customer,4,create
