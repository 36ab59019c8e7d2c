crm customer edit, tag, untag, rm, restore, purge.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李 --city 上海 --fax "+86 21 5555 0101"
  1
  $ crm customer add -q --email anna@example.de --first-name Anna
  2

Edit: set, clear, attributes; the change is reported on stderr, the data on stdout with --format json.

  $ crm customer edit 1 --set city=北京 --unset fax --set attr.vip_level=3 --set country=cn
  ! crm: updated customer 1: fax, city, country, attributes
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["city"], c["fax"], c["country"], c["attributes"], c["updated_at"])'
  北京 None CN {'vip_level': '3'} 2025-06-02T09:00:00Z
  $ crm customer edit 1 --set city=北京
  ! crm: customer 1 unchanged
  $ crm customer edit 1 --set city= --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["city"])'
  None
  ! crm: updated customer 1: city
  $ crm customer edit 1 --set email=ANNA@example.de
  ! crm: error: email ANNA@example.de is already used by customer 2
  [4]
  $ crm customer edit 1 --set ctiy=5
  ! crm: error: unknown field 'ctiy' (did you mean 'city'?); fields: external_id, email, phone, fax, first_name, last_name, company, address_line1, address_line2, postcode, city, region, country, language, owner, source, status, attr.NAME
  [2]
  $ crm customer edit 1 --set country=China
  ! crm: error: invalid country 'China': expected an ISO 3166 alpha-2 code such as CN
  [2]
  $ crm customer edit 1 --set status=
  ! crm: error: invalid status '': use one of lead, active, inactive
  [2]
  $ crm customer edit 1 --set nonsense
  ! crm: error: --set 'nonsense': expected FIELD=VALUE
  [2]
  $ crm customer edit 1 --unset attr.nothing-there
  ! crm: customer 1 unchanged
  $ crm customer edit 42 --set city=x
  ! crm: error: no customer matches '42'
  [3]
  $ crm customer edit 1 --dry-run --set city=广州 --set email=li@example.cn --unset attr.vip_level
  email: li.na@example.cn -> li@example.cn
  city: (empty) -> 广州
  attributes: vip_level=3 -> (empty)
  ! crm: dry run: would update customer 1: email, city, attributes
  $ crm customer edit 1 --dry-run --set email=anna@EXAMPLE.de
  ! crm: error: email anna@EXAMPLE.de is already used by customer 2
  [4]
  $ crm customer show 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["city"])'
  None

Tags.

  $ crm customer tag 1 vip 批发 vip --dry-run
  tags: (empty) -> vip, 批发
  ! crm: dry run: would update customer 1: tags
  $ crm customer tag 1 vip 批发 vip
  ! crm: updated customer 1: tags
  $ crm customer untag 1 vip
  ! crm: updated customer 1: tags
  $ crm customer untag 1 never-had-it
  ! crm: customer 1 unchanged
  $ crm customer tag 1 'bad tag'
  ! crm: error: invalid tag 'bad tag': use letters, digits and - _ . : / (no spaces or commas)
  [2]
  $ crm customer list -q --tag 批发
  1

Soft delete, restore, purge.

  $ crm customer rm 1 --dry-run
  1
  ! crm: dry run: would delete 1 customer(s)
  $ crm customer rm 1
  1
  ! crm: deleted 1 customer(s)
  $ crm customer rm 1
  ! crm: error: customer 1 is already deleted
  [4]
  $ crm customer list -q
  2
  $ crm customer list -q --deleted
  1
  $ crm customer show 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted_at"])'
  2025-06-02T09:00:00Z
  $ crm customer edit 1 --set city=x
  ! crm: error: customer 1 is deleted: run 'crm customer restore 1' first
  [4]
  $ crm customer show li.na@example.cn
  ! crm: error: no customer matches 'li.na@example.cn'
  [3]
  $ crm customer add -q --email LI.NA@example.cn
  3
  $ crm customer restore 1
  ! crm: error: email li.na@example.cn is already used by customer 3
  [4]
  $ crm customer rm 3 && crm customer restore 1
  3
  1
  ! crm: deleted 1 customer(s)
  ! crm: restored 1 customer(s)
  $ crm customer restore 2
  ! crm: error: customer 2 is not deleted
  [4]
  $ crm customer purge 2
  ! crm: error: customer 2 is not deleted: run 'crm customer rm 2' first, then purge
  [4]
  $ crm customer purge --all-deleted
  ! crm: error: purge erases 1 customer(s) and their history for good; not on a terminal, so pass --yes to confirm
  [2]
  $ crm customer purge
  ! crm: error: purge: give REF... or --all-deleted
  [2]
  $ crm customer purge --all-deleted --dry-run
  3
  ! crm: dry run: would purge 1 customer(s)
  $ crm customer purge --all-deleted --yes
  3
  ! crm: purged 1 customer(s)
  $ crm customer show 3
  ! crm: error: no customer matches '3'
  [3]
  $ crm customer list -q --deleted
