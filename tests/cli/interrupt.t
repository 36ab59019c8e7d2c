Ctrl-C (SIGINT) or SIGTERM: exit 130, and nothing is committed after it.

  $ export CRM_NOW=2025-06-02T09:00:00Z
  $ crm init 2>/dev/null && crm customer add -q --email li.na@example.cn
  $WORK/crm.db
  1

A note whose text is still being read from stdin when Ctrl-C arrives is not written.

  $ mkfifo in; crm customer note 1 --text - < in & pid=$!; exec 3>in; sleep 0.5; kill -INT $pid; wait $pid; echo "exit $?"
  exit 130
  ! crm: error: interrupted: nothing more was written
  $ crm customer note 1 --text - < in & pid=$!; exec 3>in; sleep 0.5; kill -TERM $pid; wait $pid; echo "exit $?"
  exit 130
  ! crm: error: interrupted: nothing more was written
  $ crm customer history 1 --format csv
  id,customer_id,at,kind,channel,direction,author,text
  $ crm db check
  ! crm: ok: $WORK/crm.db (schema 4, 1 customers)

An import reading its rows from a pipe when Ctrl-C arrives writes nothing, not even a batch.

  $ mkfifo rows; crm customer import - < rows & pid=$!; exec 3>rows; printf 'email\nnew@example.com\n' >&3; sleep 0.5; kill -INT $pid; wait $pid; echo "exit $?"
  exit 130
  ! crm: error: interrupted: nothing more was written
  $ crm customer list --format tsv | cut -f3
  email
  li.na@example.cn
  $ crm customer imports --format tsv
  batch	at	user	mode	created	updated	unchanged	rejected	undone_at	file
