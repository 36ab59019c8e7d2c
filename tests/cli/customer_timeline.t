Consent, interactions, follow-ups and the audit log.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null
  $WORK/crm.db
  $ crm customer add -q --email li.na@example.cn --first-name 娜 --last-name 李
  1
  $ crm customer add -q --email anna@example.de --first-name Anna --last-name Schmidt
  2

Consent per channel, with its history.

  $ crm customer consent 1 email opt-in --source "checkout" --at 2025-03-14
  ! crm: customer 1: email opt-in
  $ crm customer consent 1 email opt-out --source "unsubscribe link"
  ! crm: customer 1: email opt-out
  $ crm customer consent 1 email opt-in --source "old import" --at 2024-01-01
  ! crm: customer 1: email opt-in
  $ crm customer consent 1 sms optin --source call --format json
  {"customer_id":1,"channel":"sms","state":"opt-in","source":"call","at":"2025-06-02T09:00:00Z"}
  ! crm: customer 1: sms opt-in
  $ crm customer consent 1 fax opt-in --source x
  ! crm: error: invalid channel 'fax': use one of email, sms, phone, postal
  [2]
  $ crm customer consent 1 email maybe --source x
  ! crm: error: invalid consent state 'maybe': use one of opt-in, opt-out, unknown
  [2]
  $ crm customer consent 1 email opt-in
  ! crm: error: --source is required (see crm customer consent --help)
  [2]
  $ crm customer consent 1 email opt-in --source x --at someday
  ! crm: error: --at: invalid time 'someday': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX
  [2]
  $ crm customer consent 9 email opt-in --source x
  ! crm: error: no customer matches '9'
  [3]
  $ crm customer consent 1 email opt-in --source form --dry-run
  ! crm: dry run: would record customer 1: email opt-in
  $ crm customer show 1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["consent"]); print(len(c["consent_history"]))'
  [{'channel': 'email', 'state': 'opt-out', 'source': 'unsubscribe link', 'at': '2025-06-02T09:00:00Z', 'recorded_by': 'operator'}, {'channel': 'sms', 'state': 'opt-in', 'source': 'call', 'at': '2025-06-02T09:00:00Z', 'recorded_by': 'operator'}]
  4

Interactions.

  $ crm customer note 1 --kind call --direction in --channel phone --text "问发货时间" --at 2025-05-30T02:15:00Z --by wang
  1
  ! crm: logged call 1
  $ echo "Two cartons damaged" | crm customer note li.na@example.cn --kind complaint --text -
  2
  ! crm: logged complaint 2
  $ crm customer note 1 --kind sms --text hi
  ! crm: error: invalid kind 'sms': use one of note, call, email, meeting, complaint, service
  [2]
  $ crm customer note 1 --direction sideways --text hi
  ! crm: error: invalid direction 'sideways': use one of in, out
  [2]
  $ crm customer note 1 --text '   '
  ! crm: error: --text must not be empty
  [2]
  $ crm customer note 1
  ! crm: error: --text is required (see crm customer note --help)
  [2]
  $ crm customer history 1
  ID  AT                KIND       CHANNEL  DIR  BY        TEXT
   2  2025-06-02 09:00  complaint                operator  Two cartons damaged
   1  2025-05-30 02:15  call       phone    in   wang      问发货时间
  $ crm customer history 1 --kind call --format json
  [
  {"id":1,"customer_id":1,"at":"2025-05-30T02:15:00Z","kind":"call","channel":"phone","direction":"in","author":"wang","text":"问发货时间"}
  ]
  $ crm customer history 1 --kind fax
  ! crm: error: invalid kind 'fax': use one of note, call, email, meeting, complaint, service
  [2]

Follow-ups.

  $ crm customer followup add 1 --due today --owner wang --text "回电"
  1
  ! crm: follow-up due 2025-06-02
  $ crm customer followup add 2 --due +3d --owner chen --text "Send catalogue"
  2
  ! crm: follow-up due 2025-06-05
  $ crm customer followup add 2 --due 2025-05-20 --owner wang --text "Overdue call"
  3
  ! crm: follow-up due 2025-05-20
  $ crm customer followup add 2 --due 2025-02-30 --text x
  ! crm: error: --due: invalid date '2025-02-30': expected YYYY-MM-DD, today, tomorrow or +3d
  [2]
  $ crm customer followup add 2 --due soon --text x
  ! crm: error: --due: invalid date 'soon': expected YYYY-MM-DD, today, tomorrow or +3d
  [2]
  $ crm customer followup list
  ID  CUSTOMER  DUE         OWNER  TEXT            DONE
   3         2  2025-05-20  wang   Overdue call
   1         1  2025-06-02  wang   回电
   2         2  2025-06-05  chen   Send catalogue
  $ crm customer followup list --due today
  ID  CUSTOMER  DUE         OWNER  TEXT          DONE
   3         2  2025-05-20  wang   Overdue call
   1         1  2025-06-02  wang   回电
  $ crm customer followup list --due overdue -q
  3
  $ crm customer followup list --owner wang -q
  3
  1
  $ crm customer followup list --due 2025-06-05 -q
  3
  1
  2
  $ crm customer followup list --due whenever
  ! crm: error: --due: invalid date 'whenever': expected YYYY-MM-DD, today, tomorrow or +3d (or overdue)
  [2]
  $ crm customer followup done 3
  3
  ! crm: follow-up 3 done
  $ crm customer followup done 3
  ! crm: error: follow-up 3 is already done
  [4]
  $ crm customer followup done 99
  ! crm: error: no follow-up with id 99
  [3]
  $ crm customer followup list -q
  1
  2
  $ crm customer followup list --all -q
  3
  1
  2

The audit log: every change, who, which command.

  $ crm db audit --customer 1 --format csv | cut -d, -f1,3,4,5,7
  id,user,entity,entity_id,action
  1,operator,customer,1,create
  3,operator,customer,1,consent
  4,operator,customer,1,consent
  5,operator,customer,1,consent
  6,operator,customer,1,consent
  7,operator,interaction,1,create
  8,operator,interaction,2,create
  9,operator,followup,1,create
  $ crm db audit --limit 2 --format json | python3 -c 'import json,sys; [print(e["action"], e["command"]) for e in json.load(sys.stdin)]'
  create crm customer followup add 2 --due 2025-05-20 --owner wang --text 'Overdue call'
  done crm customer followup done 3
  $ crm db audit --since 2099-01-01
  ID  AT  USER  ENTITY  ENTITY_ID  CUSTOMER  ACTION  COMMAND
  $ crm db audit --customer nobody@example.com
  ! crm: error: no customer matches 'nobody@example.com'
  [3]
