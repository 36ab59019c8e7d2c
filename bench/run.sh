#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] [N]: times the real crm binary on a store of N generated customers.
#
# Builds nothing: BUILD_DIR (default build/) must hold cli/crm and bench/crm-bench-gen (a
# Release build; see bench/README.md). The store is generated into
# bench/data/customers-N.db and reused while crm-bench-gen is unchanged. Figures and the
# exact commands go to bench/data/results-N/ (summary.md, hyperfine markdown/JSON, generator
# logs); the summary is printed at the end. Environment: WARMUP (default 3), MIN_RUNS
# (default 10), GEN_N (rows for the repo-vs-raw generation comparison, default 200000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
n=${2:-1000000}
warmup=${WARMUP:-3}
min_runs=${MIN_RUNS:-10}
gen_n=${GEN_N:-200000}

crm_bin=$build/cli/crm
gen_bin=$build/bench/crm-bench-gen
for tool in "$crm_bin" "$gen_bin"; do
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
trap 'rm -rf "$tmp"' EXIT

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
if [[ ! -f $store_name || $(cat "$store_name.stamp" 2>/dev/null) != "$stamp" ]]; then
  rm -f "$store_name" "$store_name.stamp"
  echo "generating $n customers into bench/data/$store_name ..." >&2
  rm -f "$store_name.partial"*
  uptime >"$out/generate-store.log"
  "$gen_bin" --customers "$n" --db "$store_name.partial" --mode repo 2>&1 | tee -a "$out/generate-store.log" >&2
  uptime >>"$out/generate-store.log"
  mv "$store_name.partial" "$store_name"
  echo "$stamp" >"$store_name.stamp"
fi

note "# crm bench: $n customers"
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
note "- store: bench/data/$store_name, $(du -h "$store_name" | cut -f1)"
load start

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

common=王 rare=Featherstonehaugh nothing=zzqxv
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

# --- generation: repository vs raw inserts ----------------------------------
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

# --- memory: peak RSS, small store vs big store ---------------------------------
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
load end

echo >&2
cat "$summary"
