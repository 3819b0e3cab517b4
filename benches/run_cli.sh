#!/usr/bin/env bash
# Whole-process runs of `slacal run` on generated exports, with wall time, CPU time and peak
# memory from /usr/bin/time -v: 1,000,000 offers wide and as an event log, each against a run
# that only reads and writes, 10,000,000 wide offers for peak memory, an unsorted event log of
# 10,000,000 events (spilled to disk beyond the default memory budget), and one record of
# 1,000,000 events given in reverse time order.
# Usage: benches/run_cli.sh [folder for the exports, default a temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
slacal=target/release/slacal
dir=${1:-$(mktemp -d)}
as_of=2026-11-22T12:00:00Z
[ -f "$dir/wide1m.csv" ] || "$slacal" generate --offers 1000000 --seed 1 -o "$dir/wide1m.csv"
[ -f "$dir/events1m.csv" ] || "$slacal" generate --offers 1000000 --seed 1 --format events -o "$dir/events1m.csv"
[ -f "$dir/wide10m.csv.gz" ] || "$slacal" generate --offers 10000000 --seed 2 -o "$dir/wide10m.csv.gz"
# 1,733,000 offers give 9,999,880 event rows.
[ -f "$dir/events10m.csv" ] || "$slacal" generate --offers 1733000 --seed 3 --format events -o "$dir/events10m.csv"
# One offer, 1,000,000 events a minute apart, newest first.
[ -f "$dir/record1m.csv" ] || awk 'function date(d,   z, era, doe, yoe, y, doy, mp, dd, mm) {
    z = d + 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
    dd = doy - int((153 * mp + 2) / 5) + 1; mm = mp < 10 ? mp + 3 : mp - 9
    return sprintf("%04d-%02d-%02d", y + (mm <= 2), mm, dd)
  }
  BEGIN {
    split("submitted prerequisites_validated certification_passed preview_ready go_live live", events, " ")
    print "record_id,event,at"
    base = 20454 * 1440   # 2026-01-01, in minutes since 1970
    for (i = 999999; i >= 0; i--) {
      m = base + i
      printf "offer-1,%s,%sT%02d:%02d:00Z\n", events[i % 6 + 1], date(int(m / 1440)), int(m % 1440 / 60), m % 60
    }
  }' > "$dir/record1m.csv"

measure() {
  local name=$1 rows=$2; shift 2
  /usr/bin/time -v "$@" > /dev/null 2> "$dir/time.txt" || true
  local wall user peak
  wall=$(grep 'Elapsed (wall clock)' "$dir/time.txt" | awk '{print $NF}')
  user=$(grep 'User time' "$dir/time.txt" | awk '{print $NF}')
  peak=$(grep 'Maximum resident set size' "$dir/time.txt" | awk '{print $NF}')
  local seconds
  seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  printf '%-44s %8s s wall %8s s user %10.0f rows/s %8d MB peak\n' \
    "$name" "$seconds" "$user" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { print r / s }')" $((peak / 1024))
}

wide_rows=1000000
event_rows=$(($(wc -l < "$dir/events1m.csv") - 1))
for threads in 1 2; do
  measure "1M wide, $threads thread(s)" $wide_rows \
    "$slacal" run -q --threads $threads --as-of $as_of -i "$dir/wide1m.csv"
  measure "1M wide, parse and write only, $threads thread(s)" $wide_rows \
    "$slacal" run -q --threads $threads --as-of $as_of -i "$dir/wide1m.csv" --parse-only
  measure "1M as an event log ($event_rows rows), $threads thread(s)" "$event_rows" \
    "$slacal" run -q --threads $threads --as-of $as_of -i "$dir/events1m.csv"
  measure "the same, parse and group only, $threads thread(s)" "$event_rows" \
    "$slacal" run -q --threads $threads --as-of $as_of -i "$dir/events1m.csv" --parse-only
done
measure "10M wide (gzip), to a file" 10000000 \
  "$slacal" run -q --as-of $as_of -i "$dir/wide10m.csv.gz" -o "$dir/out10m.csv"
rm -f "$dir/out10m.csv"
measure "10M unsorted events, default memory budget" 9999880 \
  "$slacal" run -q --as-of $as_of -i "$dir/events10m.csv"
measure "the same, held in memory (--memory-budget 4G)" 9999880 \
  "$slacal" run -q --as-of $as_of -i "$dir/events10m.csv" --memory-budget 4G
# As of after the last event, so that every event counts (the quadratic case took minutes).
measure "one record of 1M events, newest first" 1000000 \
  "$slacal" run -q --as-of 2028-01-01T00:00:00Z -i "$dir/record1m.csv"
