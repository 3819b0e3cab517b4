#!/usr/bin/env bash
# Whole-process runs of `slacal run` on generated exports, with wall time, CPU time and peak
# memory from /usr/bin/time -v: 1,000,000 offers wide and as an event log, each against a run
# that only reads and writes, and 10,000,000 wide offers for peak memory.
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
