#!/usr/bin/env bash
# The performance benchmark: register side by side with ledger-cli, hledger and the read+hash floor.
#   Benchmarks/run.sh [SIZE ...]        default: 10000 100000;  Benchmarks/run.sh 1000000
# Environment:
#   REGISTER=PATH   the register binary to measure (default: swift build -c release --product register
#                   in the repository root, then .build/release/register)
#   BENCH_DIR=DIR   where the stores live, one per size as DIR/N/events (default Benchmarks/.data, git-ignored);
#                   a missing store is generated once with Benchmarks' generate-history and then reused
#   BENCH_DATE=D    the day the money question is asked about (default 2010-06-30)
#   RUNS=K          recorded interleaved rounds per size (default 5, 3 from 1,000,000 events)
#   APPENDS=K       sequential appends timed per size (default 1000)
#   SLOW=S          a command whose warm-up run takes over S seconds is recorded in one round only (default 120)
#   LIMIT=S         a run taking over S seconds is killed and reported as such (default 1800)
# First, for every size, it asks register, ledger and hledger the same question and stops (exit 1,
# printing all three answers) if they differ. Only then does it time anything. It writes (replaces the
# measured sizes' rows in) Benchmarks/results.csv, then Benchmarks/results.md and Benchmarks/scaling.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="${BENCH_DIR:-$root/Benchmarks/.data}"
date="${BENCH_DATE:-2010-06-30}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
mkdir -p "$work"

need=()
for tool in ledger hledger; do command -v "$tool" >/dev/null || need+=("$tool"); done
[ -f /usr/include/openssl/sha.h ] || need+=(libssl-dev)
[ -x /usr/bin/time ] || need+=(time)
command -v strace >/dev/null || need+=(strace)
command -v cc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

if [ -n "${REGISTER:-}" ]; then
  register=$(realpath "$REGISTER")
else
  swift build -c release --product register >/dev/null
  register="$root/.build/release/register"
fi
[ -x "$register" ] || { echo "run.sh: no register binary at $register" >&2; exit 2; }
echo "register: $register ($("$register" --version))"

floor="$work/floor"
cc -O2 -Wall -o "$floor" "$root/Benchmarks/floor/floor.c" -lcrypto

count() { "$register" verify --json --events "$1" 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['events'])" 2>/dev/null || echo 0; }

# Phase 1: stores, journals, packs, and the same answer from all three tools. Nothing is timed yet.
for n in "${sizes[@]}"; do
  store="$work/$n/events"
  if [ ! -d "$store" ]; then
    (cd Benchmarks && swift build -c release --product generate-history >/dev/null)
    echo "generating $n events into $store (about 2 ms an event)"
    "$root/Benchmarks/.build/release/generate-history" --events "$n" --out "$store" >/dev/null
  fi
  have=$(count "$store")
  if [ "$have" != "$n" ]; then
    echo "run.sh: $store holds $have verified events, not $n; fix or remove it (generate-history appends to a store)" >&2
    exit 2
  fi
  "$register" export --format ledger --output "$work/$n/register.journal" --events "$store"
  "$floor" pack "$store" "$work/$n/events.pack" >/dev/null
  echo "$n events: comparing answers"
  python3 "$root/Benchmarks/bench.py" compare --register "$register" --events "$store" --journal "$work/$n/register.journal" --date "$date"
done

# Phase 2: timing, one size at a time.
for n in "${sizes[@]}"; do
  runs="${RUNS:-}"; [ -n "$runs" ] || { [ "$n" -ge 1000000 ] && runs=3 || runs=5; }
  echo "$n events: measuring ($runs rounds)"
  python3 "$root/Benchmarks/bench.py" measure --n "$n" --register "$register" --events "$work/$n/events" \
    --journal "$work/$n/register.journal" --date "$date" --floor "$floor" --pack "$work/$n/events.pack" \
    --work "$work/$n" --runs "$runs" --appends "${APPENDS:-1000}" \
    --slow "${SLOW:-120}" --limit "${LIMIT:-1800}" --csv "$root/Benchmarks/results.csv"
done
python3 "$root/Benchmarks/report.py" "$root/Benchmarks/results.csv" "$root/Benchmarks/results.md" "$root/Benchmarks/scaling.svg"
cat "$root/Benchmarks/results.md"
