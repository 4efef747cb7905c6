#!/usr/bin/env bash
# `register site` measured on the synthetic histories: the whole site into an empty folder, the
# same site again (nothing changed), and the site after one appended event.
#   Benchmarks/site.sh [SIZE ...]      default: 10000 100000
# Environment: REGISTER (the binary; default: a release build of this repository), BENCH_DIR (the
# stores, BENCH_DIR/N/events, as for run.sh; default Benchmarks/.data), RUNS (rounds, default 3).
# Each size is measured on a copy of its store (events/ and .register/) in a temporary folder, so
# the append touches no shared store. Prints one Markdown row per size: median wall seconds and
# peak memory (GNU time) of each step, and how many files the run after one append rewrote.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-$(pwd)/Benchmarks/.data}"
runs="${RUNS:-3}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ -n "${REGISTER:-}" ]; then register=$(realpath "$REGISTER"); else
  swift build -c release --product register >/dev/null
  register="$PWD/.build/release/register"
fi
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() {  # timed OUT-PREFIX cmd...: appends "wall_s peak_kib" to OUT-PREFIX.times
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$out.t" "$@" > "$out.stdout"
  cat "$out.t" >> "$out.times"
}
echo "| events | files | whole site s | peak MiB | again, nothing new s | files rewritten | after one append s | files rewritten |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  store="$work/$n/events"
  [ -d "$store" ] || { echo "site.sh: no store $store (make it with Benchmarks/run.sh $n)" >&2; exit 2; }
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/site-bench-$n.XXXX")
  cp -r "$store" "$tmp/events"
  [ -d "$work/$n/.register" ] && cp -r "$work/$n/.register" "$tmp/.register"
  "$register" verify --events "$tmp/events" >/dev/null
  for i in $(seq "$runs"); do
    rm -rf "$tmp/site"
    timed "$tmp/whole" "$register" site "$tmp/site" --events "$tmp/events" --on 2026-12-01
    timed "$tmp/again" "$register" site "$tmp/site" --events "$tmp/events" --on 2026-12-01
    printf '{"type":"reserve-addition","effectiveDate":"2026-01-01","actor":"bench","source":{"document":"bench","zaaknummer":null},"payload":{"reserve":"R1","amountCents":%d,"decision":"B-0"}}' "$((100 + i))" \
      | "$register" append - --events "$tmp/events" >/dev/null
    timed "$tmp/append" "$register" site "$tmp/site" --events "$tmp/events" --on 2026-12-01
  done
  pages=$(find "$tmp/site" -type f -not -name .site-manifest.json | wc -l)
  rewritten=$(sed -E 's/.* ([0-9]+) written.*/\1/' "$tmp/append.stdout")
  same=$(sed -E 's/.* ([0-9]+) written.*/\1/' "$tmp/again.stdout")
  whole=$(cut -d' ' -f1 "$tmp/whole.times" | median)
  mib=$(cut -d' ' -f2 "$tmp/whole.times" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')
  again=$(cut -d' ' -f1 "$tmp/again.times" | median)
  after=$(cut -d' ' -f1 "$tmp/append.times" | median)
  echo "| $n | $pages | $whole | $mib | $again | $same | $after | $rewritten |"
  rm -rf "$tmp"
done
