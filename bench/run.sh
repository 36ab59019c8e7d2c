#!/usr/bin/env bash
# bench/run.sh [--only SECTIONS] [BUILD_DIR] [N]: times the real crm binary on a store of N
# generated customers.
#
# Builds nothing: BUILD_DIR (default build/) must hold cli/crm and bench/crm-bench-gen,
# crm-bench-gen-csv, crm-bench-import-baseline, crm-bench-gen-orders and
# crm-bench-order-import-baseline, crm-bench-segment-compile (a Release build; see
# bench/README.md). The
# store is generated into bench/data/customers-N.db and reused while crm-bench-gen is
# unchanged; the import input likewise into bench/data/customers-N.csv. Figures and the exact
# commands go to bench/data/results-N/ (summary.md, hyperfine markdown/JSON, generator logs);
# the summary is printed at the end. Sections: reads, add, generation, memory, import,
# export, orders, segments; --only (or ONLY=) runs a comma-separated subset, e.g. --only import,export.
# Environment: WARMUP (default 3), MIN_RUNS (default 10), GEN_N (rows for the repo-vs-raw
# generation comparison, default 200000), IMPORT_RUNS (default 3), EXPORT_RUNS (default 5),
# ORDERS_RUNS (default 3).
set -euo pipefail

only=${ONLY:-}
if [[ ${1:-} == --only ]]; then
  only=${2:?run.sh: --only needs a list, e.g. --only import,export}
  shift 2
elif [[ ${1:-} == --only=* ]]; then
  only=${1#--only=}
  shift
fi
all_sections=(reads add generation memory import export orders segments)
for section in ${only//,/ }; do
  [[ " ${all_sections[*]} " == *" $section "* ]] ||
    { echo "run.sh: unknown section '$section': use ${all_sections[*]}" >&2; exit 2; }
done
want() { [[ -z $only || ",$only," == *",$1,"* ]]; }

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
n=${2:-1000000}
warmup=${WARMUP:-3}
min_runs=${MIN_RUNS:-10}
gen_n=${GEN_N:-200000}
import_runs=${IMPORT_RUNS:-3}
export_runs=${EXPORT_RUNS:-5}
orders_runs=${ORDERS_RUNS:-3}

crm_bin=$build/cli/crm
gen_bin=$build/bench/crm-bench-gen
gen_csv_bin=$build/bench/crm-bench-gen-csv
baseline_bin=$build/bench/crm-bench-import-baseline
gen_orders_bin=$build/bench/crm-bench-gen-orders
orders_baseline_bin=$build/bench/crm-bench-order-import-baseline
segment_compile_bin=$build/bench/crm-bench-segment-compile
for tool in "$crm_bin" "$gen_bin" "$gen_csv_bin" "$baseline_bin" "$gen_orders_bin" "$orders_baseline_bin" "$segment_compile_bin"; do
  [[ -x $tool ]] || { echo "run.sh: $tool missing: build first (see bench/README.md)" >&2; exit 1; }
done
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing (apt-get install hyperfine time)" >&2; exit 1; }
done

data=$here/data
store_name=customers-$n.db
out=$data/results-$n
mkdir -p "$data" "$out"
# Two runs at once would share the store and the results, and time each other.
exec 9>"$data/.run.lock"
flock -n 9 || { echo "run.sh: another bench/run.sh is running (bench/data/.run.lock)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$tmp" "$data"/fresh.db* "$data"/orders.db* "$data"/export.csv "$data"/export.ndjson "$data"/members.csv' EXIT

# Commands read as typed: `crm --db customers-N.db ...`, run from bench/data with this crm
# first on PATH, and no user configuration (a config file could change output or paths).
export PATH="$build/cli:$PATH"
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/share
unset CRM_DB CRM_CONFIG CRM_NOW
cd "$data"

summary=$out/summary.md
note() { printf '%s\n' "$*" >>"$summary"; }
step() { echo "== $*" >&2; }
load() { note "- load ($1): $(uptime | sed 's/.*load average/load average/')"; }
: >"$summary"

# --- the store ------------------------------------------------------------
# Generated once; again when crm-bench-gen changed (it holds the schema, the repository code
# and the generator, so a new one may write a different store).
stamp=$(sha256sum "$gen_bin" | cut -c1-16)
needs_store=false
if want reads || want add || want memory || want export || want orders || want segments; then needs_store=true; fi
if $needs_store && [[ ! -f $store_name || $(cat "$store_name.stamp" 2>/dev/null) != "$stamp" ]]; then
  rm -f "$store_name" "$store_name.stamp"
  echo "generating $n customers into bench/data/$store_name ..." >&2
  rm -f "$store_name.partial"*
  uptime >"$out/generate-store.log"
  "$gen_bin" --customers "$n" --db "$store_name.partial" --mode repo 2>&1 | tee -a "$out/generate-store.log" >&2
  uptime >>"$out/generate-store.log"
  mv "$store_name.partial" "$store_name"
  echo "$stamp" >"$store_name.stamp"
fi

note "# crm bench: $n customers${only:+ (sections: $only)}"
note ""
note "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
note "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
commit=$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo none)
dirty=$(git -C "$here/.." --no-optional-locks status --porcelain -- libcrm cli config 2>/dev/null | awk '{print $2}' | tr '\n' ' ')
note "- commit: $commit${dirty:+ + uncommitted changes in $dirty}"
note "- sources: sha256 $(cd "$here/.." && find libcrm cli config bench -type f \
  \( -name '*.cpp' -o -name '*.hpp' -o -name '*.toml' \) | sort | xargs sha256sum | sha256sum | cut -c1-16) (libcrm cli config bench)"
note "- crm: $(command -v crm) ($(crm --version))"
changed=$(cd "$here/.." && find libcrm cli config -type f -newer "$crm_bin" | sort | tr '\n' ' ')
[[ -z $changed ]] || note "- WARNING: changed after this crm was built: $changed"
! $needs_store || note "- store: bench/data/$store_name, $(du -h "$store_name" | cut -f1)"
load start

if want reads || want add || want memory; then
# A live customer with an email from the middle of a store (ids are 1..N in order):
# prints "ID EMAIL".
live_customer() {
  local store=$1 count=$2 candidate record email deleted
  for candidate in $(seq $((count / 2)) $((count / 2 + 100))); do
    record=$(crm --db "$store" --format tsv customer show "$candidate" || true)
    email=$(awk -F'\t' '$1 == "email" {print $2}' <<<"$record")
    deleted=$(awk -F'\t' '$1 == "deleted_at" {print $2}' <<<"$record")
    if [[ -n $email && -z $deleted ]]; then echo "$candidate $email"; return; fi
  done
  echo "run.sh: no live customer with an email near id $((count / 2)) in $store" >&2
  exit 1
}
read -r id email < <(live_customer "$store_name" "$n")
[[ -n $email ]] || exit 1
fi

common=王 rare=Featherstonehaugh nothing=zzqxv
if want reads; then
note ""
note "## Matches per search (all rows, no --limit)"
note ""
note "| --search | matches |"
note "|---|---|"
for term in "$common" "$rare" "$nothing"; do
  note "| $term | $(crm --db "$store_name" -q customer list --search "$term" | wc -l) |"
done
note ""

# --- latency: hyperfine ------------------------------------------------------
step "latency: show, list, search"
db="--db $store_name"
reads=(
  "crm --version"
  "crm $db customer show $email"
  "crm $db customer show $id"
  "crm $db customer list --limit 50"
  "crm $db customer list --search $common --limit 50"
  "crm $db customer list --search $rare --limit 50"
  "crm $db customer list --search $nothing --limit 50"
)
hyperfine -N --warmup "$warmup" --min-runs "$min_runs" --export-markdown "$out/reads.md" \
  --export-json "$out/reads.json" "${reads[@]}" >&2
note ""
note "## Latency (hyperfine -N --warmup $warmup --min-runs $min_runs; cwd bench/data)"
note ""
cat "$out/reads.md" >>"$summary"
note ""
load "after the reads"
fi

if want add; then
step "latency: customer add (on a copy)"
# `customer add` writes: on a copy, each run a new email (bash's $EPOCHREALTIME, no fork).
cp "$store_name" "$tmp/add.db"
sync "$tmp/add.db" # else the first commits wait for the copy's dirty pages to reach the disk
# shellcheck disable=SC2016 # expanded by hyperfine's bash, once per run
add='crm --db $ADD_DB customer add --email "add.${EPOCHREALTIME/./}@bench.example" --first-name 小明 --last-name 王 --phone "+86 138 0013 8000" --country CN --tag vip --attr wechat=xm88'
ADD_DB=$tmp/add.db hyperfine --shell=bash --warmup "$warmup" --min-runs "$min_runs" \
  --export-markdown "$out/add.md" --export-json "$out/add.json" "$add" >&2
rm -f "$tmp/add.db"*
note ""
note "customer add on a copy of the store (hyperfine --shell=bash; shell start subtracted; ADD_DB = the copy):"
note ""
cat "$out/add.md" >>"$summary"
note ""
load "after add"
fi

# --- generation: repository vs raw inserts ----------------------------------
if want generation || want memory; then
step "generation: $gen_n customers, modes none, raw, repo"
note ""
note "## Generation: $gen_n customers into a new store"
note ""
note "| mode | seconds | rows/s |"
note "|---|---|---|"
for mode in none raw repo; do
  "$gen_bin" --customers "$gen_n" --db "$tmp/gen-$mode.db" --mode "$mode" 2>"$out/generate-$mode.log"
  line=$(grep '^crm-bench-gen:' "$out/generate-$mode.log")
  [[ $line =~ seconds=([0-9.]+).*rows_per_s=([0-9]+) ]]
  note "| $mode | ${BASH_REMATCH[1]} | ${BASH_REMATCH[2]} |"
done
note ""
note "(crm-bench-gen --customers $gen_n --db FILE --mode MODE; none = generating the rows only)"
note ""
load "after generation"
fi

# --- memory: peak RSS, small store vs big store ---------------------------------
if want memory; then
step "memory"
measure_rss() { # store, then the crm arguments; prints "N KB (S s)" or the failure
  local store=$1 usage status
  shift
  status=0
  /usr/bin/time -f '%M KB (%e s)' -o "$tmp/rss" crm --db "$store" "$@" >/dev/null 2>"$tmp/stderr" || status=$?
  usage=$(tail -n 1 "$tmp/rss")
  if ((status == 0)); then echo "$usage"; else echo "exit $status, $usage: $(head -c 120 "$tmp/stderr")"; fi
}
small=$tmp/gen-repo.db
read -r _ small_email < <(live_customer "$small" "$gen_n")
[[ -n $small_email ]] || exit 1
note ""
note "## Memory: peak RSS and wall time (/usr/bin/time -f '%M KB (%e s)' crm --db STORE ... >/dev/null)"
note ""
note "| command | $gen_n customers | $n customers |"
note "|---|---|---|"
for args in "--format csv customer list" "--format csv customer list --limit 50" \
            "customer list --search $nothing --limit 50"; do
  # shellcheck disable=SC2086 # args are words on purpose
  note "| crm $args | $(measure_rss "$small" $args) | $(measure_rss "$store_name" $args) |"
done
note "| crm customer show EMAIL | $(measure_rss "$small" customer show "$small_email") |\
 $(measure_rss "$store_name" customer show "$email") |"
note "| crm --version | $(/usr/bin/time -f '%M KB (%e s)' crm --version 2>&1 >/dev/null) | |"
note ""
load "after memory"
fi

# --- import: crm customer import vs a bare prepared-insert loop ------------------
# DESIGN.md §8: importing is within 1.5x of a raw prepared-insert loop into SQLite. Both
# load the same CSV into a new store made by `crm init` (--prepare, untimed), in the same
# hyperfine run, so they share the machine's load.
mean_of() { python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"])' "$@"; }
if want import; then
  step "import: $n rows, baseline vs crm customer import"
  csv_name=customers-$n.csv
  csv_stamp=$(sha256sum "$gen_csv_bin" | cut -c1-16)
  if [[ ! -f $csv_name || $(cat "$csv_name.stamp" 2>/dev/null) != "$csv_stamp" ]]; then
    rm -f "$csv_name" "$csv_name.stamp" "$csv_name.partial"
    "$gen_csv_bin" --rows "$n" --out "$csv_name.partial" 2>&1 | tee "$out/generate-csv.log" >&2
    mv "$csv_name.partial" "$csv_name"
    echo "$csv_stamp" >"$csv_name.stamp"
  fi
  prepare='rm -f fresh.db fresh.db-wal fresh.db-shm && crm --db fresh.db init >/dev/null 2>&1'
  baseline="crm-bench-import-baseline --db fresh.db --csv $csv_name"
  import="crm --db fresh.db customer import $csv_name --match email"
  note ""
  note "## Import: $n rows of bench/data/$csv_name ($(du -h "$csv_name" | cut -f1)) into a new store"
  note ""
  if crm customer import --help >/dev/null 2>&1; then
    PATH="$build/bench:$PATH" hyperfine --runs "$import_runs" --prepare "$prepare" \
      --export-markdown "$out/import.md" --export-json "$out/import.json" "$baseline" "$import" >&2
    base_s=$(mean_of "$out/import.json" 0)
    crm_s=$(mean_of "$out/import.json" 1)
    eval "$prepare"
    /usr/bin/time -f '%M KB (%e s)' -o "$tmp/rss" crm --db fresh.db customer import "$csv_name" --match email >/dev/null 2>&1
    rss=$(tail -n 1 "$tmp/rss")
    note "hyperfine --runs $import_runs --prepare '$prepare' (cwd bench/data):"
    note ""
    cat "$out/import.md" >>"$summary"
    note ""
    note "- ratio crm / baseline: $(python3 -c "print('%.2f' % ($crm_s / $base_s))" )x (target: at most 1.5x)"
    note "- crm customer import peak RSS (/usr/bin/time -f %M, one more run): $rss"
  else
    eval "$prepare"
    # shellcheck disable=SC2086 # words on purpose
    PATH="$build/bench:$PATH" /usr/bin/time -f '%e' -o "$tmp/rss" $baseline 2>"$out/import-baseline.log"
    base=$(tail -n 1 "$tmp/rss")
    note "- baseline: $base s ($baseline; one run)"
    note "- crm customer import: SKIPPED: this crm has no 'customer import' command yet"
    echo "run.sh: crm customer import does not exist in this build: import timed for the baseline only" >&2
  fi
  rm -f fresh.db fresh.db-wal fresh.db-shm
  note ""
  load "after import"
fi

# --- export: the whole store to a file ------------------------------------------
# Issue 3: exporting 1M customers takes at most 3 s.
if want export; then
  step "export: $n customers"
  exports=(
    "crm --db $store_name customer export -o export.csv --force"
    "crm --db $store_name --format ndjson customer export -o export.ndjson --force"
  )
  hyperfine -N --warmup 1 --runs "$export_runs" --export-markdown "$out/export.md" \
    --export-json "$out/export.json" "${exports[@]}" >&2
  /usr/bin/time -f '%M KB (%e s)' -o "$tmp/rss" crm -q --db "$store_name" customer export -o export.csv --force
  rss=$(tail -n 1 "$tmp/rss")
  note ""
  note "## Export: every live customer of bench/data/$store_name (hyperfine -N --warmup 1 --runs $export_runs)"
  note ""
  cat "$out/export.md" >>"$summary"
  note ""
  note "- export.csv: $(($(wc -l <export.csv) - 1)) customers, $(du -h export.csv | cut -f1); crm peak RSS $rss"
  note "- target: at most 3 s for 1,000,000 customers (CSV)"
  rm -f export.csv export.ndjson
  note ""
  load "after export"
fi
# The orders of the store's customers as CSV (bench/data/orders-N.csv), generated once and
# again when crm-bench-gen-orders changed.
orders_csv=orders-$n.csv
ensure_orders_csv() {
  local orders_stamp
  orders_stamp=$(sha256sum "$gen_orders_bin" | cut -c1-16)
  if [[ ! -f $orders_csv || $(cat "$orders_csv.stamp" 2>/dev/null) != "$orders_stamp" ]]; then
    rm -f "$orders_csv" "$orders_csv.stamp" "$orders_csv.partial"
    "$gen_orders_bin" --customers "$n" --out "$orders_csv.partial" 2>&1 | tee "$out/generate-orders.log" >&2
    mv "$orders_csv.partial" "$orders_csv"
    echo "$orders_stamp" >"$orders_csv.stamp"
  fi
}

# --- orders: crm order import vs a bare prepared-insert loop; metrics; order show ----------
# Issue 4: for the orders of N customers (about 2.4 N orders, 4.7 N items), importing takes at
# most 1.5x a minimal prepared-insert loop into the same schema; recomputing every customer's
# metrics at most 3 s; `crm order show` at most 10 ms. Both importers load the same file into
# a copy of the customer store (--prepare, untimed), in the same hyperfine run.
if want orders; then
  step "orders: the orders of $n customers, baseline vs crm order import"
  ensure_orders_csv
  # The file holds each order's rows together; order ids are unique.
  item_rows=$(($(wc -l <"$orders_csv") - 1))
  order_count=$(cut -d, -f1 "$orders_csv" | uniq | wc -l)
  order_count=$((order_count - 1))
  middle_ext=$(cut -d, -f1 "$orders_csv" | uniq | sed -n "$((order_count / 2 + 1))p")
  prepare="rm -f orders.db orders.db-wal orders.db-shm && cp $store_name orders.db && sync orders.db"
  baseline="crm-bench-order-import-baseline --db orders.db --csv $orders_csv"
  # The same loop with crm's import page cache (48 MiB): the like-for-like yardstick.
  baseline_cache="$baseline --cache-kib 49152"
  import="crm --db orders.db order import $orders_csv --customer-key external_id"
  note ""
  note "## Orders: $order_count orders, $item_rows items of bench/data/$orders_csv ($(du -h "$orders_csv" | cut -f1)) into a copy of the store"
  note ""
  if crm order import --help >/dev/null 2>&1; then
    PATH="$build/bench:$PATH" hyperfine --runs "$orders_runs" --prepare "$prepare" \
      --export-markdown "$out/orders-import.md" --export-json "$out/orders-import.json" \
      "$baseline" "$baseline_cache" "$import" >&2
    base_s=$(mean_of "$out/orders-import.json" 0)
    base_cache_s=$(mean_of "$out/orders-import.json" 1)
    crm_s=$(mean_of "$out/orders-import.json" 2)
    note "hyperfine --runs $orders_runs --prepare '$prepare' (cwd bench/data):"
    note ""
    cat "$out/orders-import.md" >>"$summary"
    note ""
    note "- ratio crm / baseline with the same 48 MiB page cache: $(python3 -c "print('%.2f' % ($crm_s / $base_cache_s))")x (target: at most 1.5x)"
    note "- ratio crm / baseline with SQLite's default page cache: $(python3 -c "print('%.2f' % ($crm_s / $base_s))")x"
    # One more run, for the peak RSS and the store the reads below use.
    eval "$prepare"
    # shellcheck disable=SC2086 # words on purpose
    /usr/bin/time -f '%M KB (%e s)' -o "$tmp/rss" $import >"$out/orders-import.log" 2>&1
    note "- crm order import peak RSS (/usr/bin/time -f %M, one more run): $(tail -n 1 "$tmp/rss")"
    note "- $(tail -n 1 "$out/orders-import.log")"
  else
    eval "$prepare"
    # shellcheck disable=SC2086 # words on purpose
    PATH="$build/bench:$PATH" /usr/bin/time -f '%e' -o "$tmp/rss" $baseline 2>"$out/orders-baseline.log"
    note "- baseline: $(tail -n 1 "$tmp/rss") s ($baseline; one run)"
    note "- crm order import: SKIPPED: this crm has no 'order import' command yet (the reads below use the baseline's store)"
    echo "run.sh: crm order import does not exist in this build: timed for the baseline only" >&2
  fi
  note "- store after the import: $(du -h orders.db | cut -f1)"
  note ""
  if crm db recompute-metrics --help >/dev/null 2>&1; then
    hyperfine -N --warmup 1 --runs "$orders_runs" --export-markdown "$out/orders-metrics.md" \
      --export-json "$out/orders-metrics.json" "crm --db orders.db db recompute-metrics" >&2
    note "Recomputing every customer's metrics (hyperfine -N --warmup 1 --runs $orders_runs; target at most 3 s):"
    note ""
    cat "$out/orders-metrics.md" >>"$summary"
  else
    note "- crm db recompute-metrics: SKIPPED: this crm has no such command yet"
  fi
  note ""
  if crm order show --help >/dev/null 2>&1; then
    shows=("crm --db orders.db order show $((order_count / 2))" "crm --db orders.db order show ext:$middle_ext")
    hyperfine -N --warmup "$warmup" --min-runs "$min_runs" --export-markdown "$out/orders-show.md" \
      --export-json "$out/orders-show.json" "${shows[@]}" >&2
    note "crm order show, an order from the middle of the store (hyperfine -N --warmup $warmup --min-runs $min_runs; target at most 10 ms):"
    note ""
    cat "$out/orders-show.md" >>"$summary"
  else
    note "- crm order show: SKIPPED: this crm has no such command yet"
  fi
  rm -f orders.db orders.db-wal orders.db-shm
  note ""
  load "after orders"
fi
# --- segments: counts and members on a store with orders; parse + compile -------------------
# Issue 5: on N customers and their orders, `crm segment count` of an expression mixing a
# metric, a tag and a time predicate takes at most 0.5 s; `members` of a ~100k segment to CSV
# at most 1 s; parsing + compiling an expression at most 1 ms. The store with orders is made
# once (a copy of the customer store plus `crm order import`, untimed) and kept as
# bench/data/orders-store-N.db while the store and the orders file are unchanged. Baseline:
# the same question asked by hand through the sqlite3 shell, in the same hyperfine run.
if want segments; then
  step "segments: counts and members over the orders of $n customers"
  ensure_orders_csv
  segment_store=orders-store-$n.db
  segment_stamp="$stamp-$(cat "$orders_csv.stamp")"
  if [[ ! -f $segment_store || $(cat "$segment_store.stamp" 2>/dev/null) != "$segment_stamp" ]]; then
    rm -f "$segment_store" "$segment_store".* "$segment_store-wal" "$segment_store-shm"
    cp "$store_name" "$segment_store.partial"
    crm --db "$segment_store.partial" order import "$orders_csv" --customer-key external_id >&2
    crm --db "$segment_store.partial" db backup "$segment_store" # one file, no WAL
    rm -f "$segment_store.partial"*
    echo "$segment_stamp" >"$segment_store.stamp"
  fi
  command -v sqlite3 >/dev/null || { echo "run.sh: sqlite3 missing (apt-get install sqlite3)" >&2; exit 1; }
  # The data end on 2025-12-31: "now" is the next day, so "within 90d" means the last quarter.
  now=2026-01-01T00:00:00Z
  now_s=$(date -u -d "$now" +%s)
  mixed='revenue > 1000 and tag:vip and last_order within 90d'
  mixed_sql="SELECT count(*) FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id WHERE c.deleted_at IS NULL AND m.revenue > 100000 AND c.id IN (SELECT customer_id FROM customer_tags WHERE tag = 'vip') AND m.last_order BETWEEN $((now_s - 90 * 86400)) AND $now_s"
  rfm='rfm.r >= 4 and rfm.m >= 4'
  big='orders >= 7'
  big_sql="SELECT c.* FROM customers c JOIN customer_metrics m ON m.customer_id = c.id WHERE c.deleted_at IS NULL AND m.orders >= 7 ORDER BY c.id"
  note ""
  note "## Segments on bench/data/$segment_store ($(du -h "$segment_store" | cut -f1)), --now $now"
  note ""
  crm_count=$(crm --db "$segment_store" --now "$now" segment count --where "$mixed")
  sql_count=$(sqlite3 "$segment_store" "$mixed_sql")
  [[ $crm_count == "$sql_count" ]] ||
    { echo "run.sh: crm counts $crm_count, the hand-written SQL $sql_count" >&2; exit 1; }
  note "- \`$mixed\`: $crm_count customers (the hand-written SQL agrees); \`$rfm\`: $(crm --db "$segment_store" --now "$now" segment count --where "$rfm"); \`$big\`: $(crm --db "$segment_store" --now "$now" segment count --where "$big")"
  hyperfine -N --warmup "$warmup" --min-runs "$min_runs" --export-markdown "$out/segments-count.md" \
    --export-json "$out/segments-count.json" \
    "sqlite3 $segment_store \"$mixed_sql\"" \
    "crm --db $segment_store --now $now segment count --where '$mixed'" \
    "crm --db $segment_store --now $now segment count --where '$rfm'" >&2
  note ""
  note "Counts (hyperfine -N --warmup $warmup --min-runs $min_runs; target for the mixed one: at most 0.5 s):"
  note ""
  cat "$out/segments-count.md" >>"$summary"
  hyperfine --warmup 1 --min-runs 5 --export-markdown "$out/segments-members.md" \
    --export-json "$out/segments-members.json" \
    "sqlite3 -csv -header $segment_store \"$big_sql\" > members.csv" \
    "crm --db $segment_store --now $now segment members --where '$big' --format csv > members.csv" >&2
  note ""
  note "Members of \`$big\` as CSV into a file (hyperfine --warmup 1 --min-runs 5; target at most 1 s; the baseline prints the bare customers rows, crm adds tags, attributes and metrics):"
  note ""
  cat "$out/segments-members.md" >>"$summary"
  note ""
  note "Parse + resolve + compile, mean of 20000 rounds each (crm-bench-segment-compile; target at most 1 ms = 1000 us):"
  note ""
  "$segment_compile_bin" --iterations 20000 | sed 's/^/    /' >>"$summary"
  note ""
  load "after segments"
fi
load end

echo >&2
cat "$summary"
