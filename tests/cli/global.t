Global options, config layering, and the exit codes of usage errors.

  $ crm --version
  crm 0.1.0 (SQLite 3.40.1)
  $ crm --help | head -n 3
  crm: customers, orders, segments, mailings and reports for online shops.
  Example: crm customer show alice@example.com
  Usage: crm [OPTIONS] SUBCOMMAND
  $ crm customer add --help | tail -n 3
  
  Example: crm customer add --email li.lei@example.cn --first-name 雷 --last-name 李 \
             --country CN --tag vip --attr wechat=lilei88
  $ crm
  ! crm: error: 'crm' needs a command: init, config, customer, order, segment, db, completion (see crm --help)
  [2]
  $ crm frobnicate
  ! crm: error: unknown command 'frobnicate' for 'crm': use one of init, config, customer, order, segment, db, completion
  [2]
  $ crm customer
  ! crm: error: 'crm customer' needs a command: add, show, list, edit, tag, untag, rm, restore, purge, consent, note, history, followup, import, imports, export, dupes, merge, unmerge, merges, export-data, forget (see crm customer --help)
  [2]
  $ crm customer lst
  ! crm: error: unknown command 'lst' for 'crm customer': use one of add, show, list, edit, tag, untag, rm, restore, purge, consent, note, history, followup, import, imports, export, dupes, merge, unmerge, merges, export-data, forget
  [2]
  $ crm customer followup
  ! crm: error: 'crm customer followup' needs a command: add, list, done (see crm customer followup --help)
  [2]
  $ crm customer list --colour
  ! crm: error: The following argument was not expected: --colour (see crm customer list --help)
  [2]
  $ crm customer show
  ! crm: error: REF is required (see crm customer show --help)
  [2]
  $ crm init 2>/dev/null && crm --format xml customer list
  $WORK/crm.db
  ! crm: error: unknown format 'xml': use table, csv, tsv, json or ndjson
  [2]
  $ crm --now yesterday-ish customer list
  ! crm: error: --now: invalid time 'yesterday-ish': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ CRM_NOW=garbage crm customer list
  ! crm: error: CRM_NOW: invalid time 'garbage': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm customer list --limit many
  ! crm: error: Could not convert: --limit = many (see crm customer list --help)
  [2]

Colour only where asked for or on a terminal; it never changes the data.

  $ crm customer add -q --email a@example.com && crm -c output.color=always customer list | cat -v
  1
  ^[[1mID  NAME           EMAIL          PHONE  COMPANY  CITY  COUNTRY  STATUS  TAGS  ORDERS  REVENUE^[[0m
   1  a@example.com  a@example.com                                 lead               0     0.00
  $ crm customer list | cat -v
  ID  NAME           EMAIL          PHONE  COMPANY  CITY  COUNTRY  STATUS  TAGS  ORDERS  REVENUE
   1  a@example.com  a@example.com                                 lead               0     0.00

Config: defaults, files, environment, -c, with origins; unknown keys are errors with file:line.

  $ crm --db shop.db config show
  KEY                         VALUE     ORIGIN
  store.path                            default
  store.busy_timeout_ms       5000      default
  output.format               table     default
  output.timezone             UTC       default
  output.color                auto      default
  customer.default_status     lead      default
  customer.show_interactions  10        default
  customer.show_orders        10        default
  money.currency              CNY       default
  money.rates                           default
  audit.user                  operator  env CRM_AUDIT_USER
  (store file)                shop.db   --db
  $ mkdir -p config/crm && printf '[output]\nformat = "json"\n\n[customer]\ndefault_status = "active"\n' > config/crm/config.toml
  $ CRM_OUTPUT_TIMEZONE=Asia/Shanghai crm -c store.busy_timeout_ms=100 config show --format tsv | head -n 9
  key	value	type	origin
  store.path		string	default
  store.busy_timeout_ms	100	integer	-c
  output.format	json	string	$WORK/config/crm/config.toml:2
  output.timezone	Asia/Shanghai	string	env CRM_OUTPUT_TIMEZONE
  output.color	auto	string	default
  customer.default_status	active	string	$WORK/config/crm/config.toml:5
  customer.show_interactions	10	integer	default
  customer.show_orders	10	integer	default
  $ printf '[output]\nfromat = "csv"\n' > bad.toml && crm --config bad.toml config show
  ! crm: error: bad.toml:2: unknown key 'output.fromat'; did you mean 'output.format'?
  [2]
  $ printf '[output]\nformat = csv\n' > syntax.toml && crm --config syntax.toml config show
  ! crm: error: syntax.toml:2:10: invalid TOML: Error while parsing value: could not determine value type
  [2]
  $ printf '[store]\nbusy_timeout_ms = "soon"\n' > type.toml && crm --config type.toml config show
  ! crm: error: type.toml:2: 'store.busy_timeout_ms' must be an integer
  [2]
  $ crm --config missing.toml config show
  ! crm: error: config file 'missing.toml' not found
  [2]
  $ CRM_CONFIG=bad.toml crm config show
  ! crm: error: bad.toml:2: unknown key 'output.fromat'; did you mean 'output.format'?
  [2]
  $ crm -c output.format config show
  ! crm: error: -c 'output.format': expected section.key=value
  [2]
  $ crm -c output.colour=never config show
  ! crm: error: -c: unknown key 'output.colour'; did you mean 'output.color'?
  [2]
  $ CRM_STORE_BUSY_TIMEOUT_MS=abc crm config show
  ! crm: error: CRM_STORE_BUSY_TIMEOUT_MS: expected an integer, got 'abc'
  [2]
  $ crm -c output.timezone=Mars/Olympus config show
  ! crm: error: -c: output.timezone: unknown time zone 'Mars/Olympus': use an IANA name such as Asia/Shanghai, UTC or an offset such as +08:00
  [2]
