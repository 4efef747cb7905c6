#!/usr/bin/env bash
# How git and the file system cope with one file per event (sharded: events/NNNN/ per 10,000).
#   Benchmarks/git-scale.sh [SIZE ...]     default: 10000 100000 (stores from Benchmarks/run.sh)
# For each size: a packed bare repository holding the store with the push hook installed, two
# clones over file:// (git's pack transport, as over a network),
# then the median of 3 rounds of: git status, committing one new event, register publish of one
# event (from clone a) and register sync of it (into clone b). git clone is timed CLONE_RUNS
# times (default 3; 1 from 1M events on, where one clone writes a million files).
# Appends rows to Benchmarks/git-scale.csv and prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="${BENCH_DIR:-/tmp/register-bench}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
register="$root/.build/release/register"
swift build -c release --product register >/dev/null
# No automatic gc anywhere in the run: a background repack of a million objects would hold
# folders open and steal the measured commands' time (register itself never starts one).
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=gc.auto GIT_CONFIG_VALUE_0=0
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
csv="$root/Benchmarks/git-scale.csv"
[ -f "$csv" ] || echo "events,layout,clone_s,status_s,commit_one_s,publish_one_s,sync_one_s" > "$csv"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
event() { printf '{"type":"reserve-addition","effectiveDate":"2026-01-01","actor":"bench","source":{"document":"bench","zaaknummer":null},"payload":{"reserve":"R1","amountCents":%s,"decision":"B-0"}}' "$1"; }
log() { echo "[$(date +%T)] $*" >&2; }
for n in "${sizes[@]}"; do
  src="$work/$n/events"; [ -d "$src" ] || { echo "no store for $n: run Benchmarks/run.sh $n first"; continue; }
  layout=$([ -d "$src/0001" ] && echo sharded || echo flat)
  g="$work/git-$n"; rm -rf "$g"; mkdir -p "$g"
  log "$n: seeding a repository from $src ($layout)"
  git init -q -b main "$g/seed"; cp -a "$src" "$g/seed/events"
  git -C "$g/seed" add events && git -C "$g/seed" commit -qm "history"
  # --no-local: a packed bare repository, as a real shared one is (not hard links to a million loose objects).
  git clone -q --bare --no-local "$g/seed" "$g/shared.git"
  rm -rf "$g/seed"
  "$register" install-hook "$g/shared.git" >/dev/null
  runs=${CLONE_RUNS:-$([ "${n%%[!0-9]*}" -ge 1000000 ] && echo 1 || echo 3)}
  clone=(); status=(); commit=(); publish=(); sync=()
  for i in $(seq "$runs"); do
    rm -rf "$g/a"; log "$n: clone $i"
    clone+=("$(t git clone -q "file://$g/shared.git" "$g/a")")
  done
  git clone -q "file://$g/shared.git" "$g/b"
  for i in 1 2 3; do
    log "$n: round $i"
    status+=("$(t git -C "$g/a" status --porcelain)")
    event $i | "$register" append - --events "$g/a/events" >/dev/null
    new=$(git -C "$g/a" ls-files --others --exclude-standard events | tail -n 1)
    commit+=("$(t sh -c "git -C '$g/a' add '$new' && git -C '$g/a' commit -qm one")")
    git -C "$g/a" reset -q --soft HEAD~1 && git -C "$g/a" reset -q
    publish+=("$(t "$register" publish --events "$g/a/events")")
    sync+=("$(t "$register" sync --events "$g/b/events")")
  done
  "$register" verify --events "$g/b/events" >&2
  echo "${n%%[!0-9]*},$layout,$(median "${clone[@]}"),$(median "${status[@]}"),$(median "${commit[@]}"),$(median "${publish[@]}"),$(median "${sync[@]}")" | tee -a "$csv"
  rm -rf "$g"
done
