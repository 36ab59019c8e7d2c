crm customer show and list: references, formats, filters, search, CJK alignment.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ bash $SRC/examples/demo-store.sh >/dev/null 2>&1

References: id, email (any case, spaces trimmed), ext:ID. Unknown: exit 3.

  $ crm customer show ' LI.NA@example.cn ' -q
  1
  $ crm customer show ext:SHOP-1008 -q
  8
  $ crm customer show 99
  ! crm: error: no customer matches '99'
  [3]
  $ crm customer show nobody@example.com
  ! crm: error: no customer matches 'nobody@example.com'
  [3]
  $ crm customer show ext:NOPE
  ! crm: error: no customer matches 'ext:NOPE'
  [3]
  $ crm customer show bob
  ! crm: error: invalid customer reference 'bob': use an id, an email or ext:EXTERNAL_ID
  [2]
  $ crm customer show li.na@example.cn
  id          1
  email       li.na@example.cn
  phone       +86 138 0013 8000
  first_name  娜
  last_name   李
  city        上海
  country     CN
  language    zh-CN
  owner       wang
  status      active
  source      shop
  tags        retail, vip
  attributes  wechat=lina_sh
  created_at  2025-06-02 09:00
  updated_at  2025-06-02 09:00
  orders      0
  revenue     0.00
  currency    CNY
  
  consent
    CHANNEL  STATE   SOURCE            AT                RECORDED BY
    email    opt-in  checkout 2025-03  2025-03-14 00:00  operator
  
  consent_history
    CHANNEL  STATE   SOURCE            AT                RECORDED BY
    email    opt-in  checkout 2025-03  2025-03-14 00:00  operator
  
  interactions
    ID  CUSTOMER ID  AT                KIND  CHANNEL  DIRECTION  AUTHOR  TEXT
    1   1            2025-05-30 02:15  call  phone    in         wang    问发货时间, 已告知周三发出
  
  followups
    (none)
  
  recent_orders
    (none)

Every format: table aligns Chinese by display width; csv/tsv have every column; json is one array.

  $ crm customer list
  ID  NAME          EMAIL                    PHONE              COMPANY           CITY    COUNTRY  STATUS    TAGS         ORDERS  REVENUE
   1  李娜          li.na@example.cn         +86 138 0013 8000                    上海    CN       active    retail, vip       0     0.00
   2  张伟          zhang.wei@example.cn                        张氏贸易有限公司  北京    CN       active    wholesale         0     0.00
   3  王芳          wang.fang@example.hk                                          香港    HK       lead                        0     0.00
   4  Anna Schmidt  anna.schmidt@example.de                                       Berlin  DE       active    retail            0     0.00
   5  John Smith    j.smith@example.com      +44 20 7946 0958   Smith & Sons Ltd  London  GB       inactive                    0     0.00
   6  田中太郎      tanaka@example.jp                                             東京    JP       lead      trade-fair        0     0.00
   7  María García  maria.garcia@example.es                                       Madrid  ES       active    vip               0     0.00
   8  王磊          wang.lei@example.cn      13912345678                          深圳    CN       active                      0     0.00
  $ crm customer list --format csv --limit 2
  id,external_id,email,phone,fax,first_name,last_name,company,address_line1,address_line2,postcode,city,region,country,language,owner,status,source,tags,attributes,created_at,updated_at,deleted_at,orders,revenue,aov,first_order,last_order
  1,,li.na@example.cn,+86 138 0013 8000,,娜,李,,,,,上海,,CN,zh-CN,wang,active,shop,"retail, vip",wechat=lina_sh,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,
  2,,zhang.wei@example.cn,,+86 21 5555 0101,伟,张,张氏贸易有限公司,,,,北京,,CN,,wang,active,,wholesale,,2025-06-02T09:00:00Z,2025-06-02T09:00:00Z,,0,0.00,,,
  $ crm customer list --format tsv --limit 1 --offset 1
  id	external_id	email	phone	fax	first_name	last_name	company	address_line1	address_line2	postcode	city	region	country	language	owner	status	source	tags	attributes	created_at	updated_at	deleted_at	orders	revenue	aov	first_order	last_order
  2		zhang.wei@example.cn		+86 21 5555 0101	伟	张	张氏贸易有限公司				北京		CN		wang	active		wholesale		2025-06-02T09:00:00Z	2025-06-02T09:00:00Z		0	0.00			
  $ crm customer list --format json --limit 1
  [
  {"id":1,"external_id":null,"email":"li.na@example.cn","phone":"+86 138 0013 8000","fax":null,"first_name":"娜","last_name":"李","company":null,"address_line1":null,"address_line2":null,"postcode":null,"city":"上海","region":null,"country":"CN","language":"zh-CN","owner":"wang","status":"active","source":"shop","tags":["retail","vip"],"attributes":{"wechat":"lina_sh"},"created_at":"2025-06-02T09:00:00Z","updated_at":"2025-06-02T09:00:00Z","deleted_at":null,"orders":0,"revenue":"0.00","aov":null,"first_order":null,"last_order":null}
  ]
  $ crm customer list --format ndjson --tag vip | cut -c1-60
  {"id":1,"external_id":null,"email":"li.na@example.cn","phone
  {"id":7,"external_id":null,"email":"maria.garcia@example.es"
  $ crm customer list --tag nosuchtag --format json
  []
  $ crm customer list --tag nosuchtag
  ID  NAME  EMAIL  PHONE  COMPANY  CITY  COUNTRY  STATUS  TAGS  ORDERS  REVENUE

Filters and sorting.

  $ crm customer list -q --country cn
  1
  2
  8
  $ crm customer list -q --status active --owner wang
  1
  2
  8
  $ crm customer list -q --tag vip --tag retail
  1
  $ crm customer list -q --sort -created --limit 3
  8
  7
  6
  $ crm customer list -q --sort name
  7
  4
  5
  2
  1
  3
  8
  6
  $ crm customer list -q --sort nmae
  ! crm: error: cannot sort by 'nmae' (did you mean 'name'?); use one of id, email, first_name, last_name, company, city, country, owner, status, source, created_at, updated_at, external_id, orders, revenue, last_order, name (prefix '-' for descending)
  [2]
  $ crm customer list -q --status sleeping
  ! crm: error: invalid status 'sleeping': use one of lead, active, inactive
  [2]
  $ crm customer list -q --country Germany
  ! crm: error: invalid country 'Germany': expected an ISO 3166 alpha-2 code such as CN
  [2]
  $ crm customer list -q --limit -1
  ! crm: error: --limit must be 0 or more
  [2]
  $ crm customer list -q --offset -5
  ! crm: error: --offset must be 0 or more
  [2]

Search: names (either order), Chinese, company, email, phone digits, external id.

  $ crm customer list -q --search 王
  3
  8
  $ crm customer list -q --search 张氏
  2
  $ crm customer list -q --search 'john smith'
  5
  $ crm customer list -q --search SMITH
  5
  $ crm customer list -q --search 13912345678
  8
  $ crm customer list -q --search '139 1234'
  8
  $ crm customer list -q --search example.de
  4
  $ crm customer list -q --search shop-1008
  8
  $ crm customer list -q --search 'nobody at all'
