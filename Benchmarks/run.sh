#!/usr/bin/env bash
# The performance benchmark, side by side with ledger-cli, hledger and the hardware floor.
#   Benchmarks/run.sh [SIZE ...]        default: 10000 100000   (1000000 takes ~20 minutes to generate)
# Writes Benchmarks/results.csv, Benchmarks/results.md and Benchmarks/scaling.svg.
# Stores are generated once under $BENCH_DIR (default /tmp/register-bench) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="${BENCH_DIR:-/tmp/register-bench}"
runs="${RUNS:-5}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
mkdir -p "$work"

need=()
for tool in hyperfine ledger hledger; do command -v "$tool" >/dev/null || need+=("$tool"); done
[ -f /usr/include/openssl/sha.h ] || need+=(libssl-dev)
command -v /usr/bin/time >/dev/null || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

swift build -c release --product register >/dev/null
(cd Benchmarks && swift build -c release >/dev/null)
register="$root/.build/release/register"
generate="$root/Benchmarks/.build/release/generate-history"
floor_src="$root/../shared/bench/hashfloor.c"
hashfloor=""
if [ -f "$floor_src" ]; then cc -O2 -o "$work/hashfloor" "$floor_src" -lcrypto && hashfloor="$work/hashfloor"; fi

# median seconds of a command, by hyperfine
median() { # name command...
  local name=$1; shift
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/$name.json" "$@" >/dev/null 2>&1 || { echo "NA"; return; }
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/$name.json"
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

csv="$root/Benchmarks/results.csv"
echo "events,bytes,verify_s,cat_sha256sum_s,hashfloor_s,cold_query_s,ledger_s,hledger_s,warm_query_s,process_start_s,append_p50_ms,append_p99_ms,verify_peak_mb,cold_query_peak_mb" > "$csv"
for n in "${sizes[@]}"; do
  store="$work/$n/events"
  have=$("$register" verify --json --events "$store" 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['events'])" 2>/dev/null || echo 0)
  if [ "$have" != "$n" ]; then rm -rf "$work/$n"; "$generate" --events "$n" --out "$store" >/dev/null; fi
  journal="$work/$n/register.journal"
  "$register" export --format ledger --output "$journal" --events "$store"
  date=2010-06-30
  bytes=$(du -sb --apparent-size "$store" | cut -f1)
  rm -rf "$work/$n/.register/events/answers"
  verify=$(median verify-$n "$register verify --events $store")
  cat_floor=$(median cat-$n "find $store -name '*.json' -print0 | sort -z | xargs -0 cat | sha256sum")
  floor=NA; [ -n "$hashfloor" ] && floor=$(median floor-$n "$hashfloor $store")
  cold=$(median cold-$n "$register reserve R1 --on $date --no-cache --json --events $store")
  led=$(median ledger-$n "ledger -f $journal bal --end $date Reserves:R1")
  hled=$(median hledger-$n "hledger -f $journal bal --end $date Reserves:R1")
  "$register" reserve R1 --on $date --json --events "$store" >/dev/null
  warm=$(median warm-$n "$register reserve R1 --on $date --json --events $store")
  start=$(median start-$n "$register --version")
  # Append latency: 1000 sequential appends, each a new process, into a copy of the store.
  copy="$work/$n-append/events"; rm -rf "$work/$n-append"; mkdir -p "$work/$n-append"; cp -a "$store" "$copy"; cp -a "$work/$n/.register" "$work/$n-append/" 2>/dev/null || true
  latencies=$(python3 - "$register" "$copy" <<'PY'
import json, subprocess, sys, time
register, store = sys.argv[1], sys.argv[2]
times = []
for i in range(1000):
    event = {"type": "reserve-addition", "effectiveDate": "2026-01-01", "actor": "bench", "source": {"document": "bench", "zaaknummer": None},
             "payload": {"reserve": "R1", "amountCents": 100 + i, "decision": "B-0"}}
    t = time.perf_counter()
    subprocess.run([register, "append", "-", "--events", store], input=json.dumps(event).encode(), check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{times[len(times)//2]:.2f} {times[int(len(times)*0.99)]:.2f}")
PY
)
  p50=${latencies% *}; p99=${latencies#* }
  rm -rf "$work/$n-append"
  vmem=$(peak_kb "$register" verify --events "$store"); qmem=$(peak_kb "$register" reserve R1 --on $date --no-cache --events "$store")
  echo "$n,$bytes,$verify,$cat_floor,$floor,$cold,$led,$hled,$warm,$start,$p50,$p99,$((vmem / 1024)),$((qmem / 1024))" >> "$csv"
  echo "measured $n events"
done
python3 "$root/Benchmarks/report.py" "$csv" "$root/Benchmarks/results.md" "$root/Benchmarks/scaling.svg"
cat "$root/Benchmarks/results.md"
