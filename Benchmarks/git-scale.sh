#!/usr/bin/env bash
# How git and the file system cope with one file per event.
#   Benchmarks/git-scale.sh [SIZE ...]     default: 10000 100000 (stores from Benchmarks/run.sh)
# For each size: a bare repository holding the store, then the median of 3 runs of
# git clone, git status, committing one new event, register publish and register sync of one event.
# Appends rows to Benchmarks/git-scale.csv and prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="${BENCH_DIR:-/tmp/register-bench}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
register="$root/.build/release/register"
[ -x "$register" ] || swift build -c release --product register >/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
csv="$root/Benchmarks/git-scale.csv"
[ -f "$csv" ] || echo "events,clone_s,status_s,commit_one_s,publish_one_s,sync_one_s" > "$csv"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
event() { printf '{"type":"reserve-addition","effectiveDate":"2026-01-01","actor":"bench","source":{"document":"bench","zaaknummer":null},"payload":{"reserve":"R1","amountCents":%s,"decision":"B-0"}}' "$1"; }
for n in "${sizes[@]}"; do
  src="$work/$n/events"; [ -d "$src" ] || { echo "no store for $n: run Benchmarks/run.sh $n first"; continue; }
  g="$work/git-$n"; rm -rf "$g"; mkdir -p "$g"
  git init -q -b main "$g/seed"; cp -a "$src" "$g/seed/events"
  git -C "$g/seed" add events && git -C "$g/seed" commit -qm "history" && git clone -q --bare "$g/seed" "$g/shared.git"
  "$register" install-hook "$g/shared.git" >/dev/null
  clone=(); status=(); commit=(); publish=(); sync=()
  for i in 1 2 3; do
    rm -rf "$g/a" "$g/b"
    clone+=("$(t git clone -q "$g/shared.git" "$g/a")")
    git clone -q "$g/shared.git" "$g/b"
    status+=("$(t git -C "$g/a" status --porcelain)")
    event $i | "$register" append - --events "$g/a/events" >/dev/null
    new=$(cd "$g/a/events" && ls | tail -n 1)
    commit+=("$(t sh -c "git -C '$g/a' add 'events/$new' && git -C '$g/a' commit -qm one")")
    git -C "$g/a" reset -q --soft HEAD~1 && git -C "$g/a" reset -q
    publish+=("$(t "$register" publish --events "$g/a/events")")
    sync+=("$(t "$register" sync --events "$g/b/events")")
  done
  echo "$n,$(median "${clone[@]}"),$(median "${status[@]}"),$(median "${commit[@]}"),$(median "${publish[@]}"),$(median "${sync[@]}")" | tee -a "$csv"
  rm -rf "$g"
done
