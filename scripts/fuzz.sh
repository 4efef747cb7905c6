#!/usr/bin/env bash
# Fuzz the event decoder and validator with libFuzzer for a given time (default 60 s).
#   scripts/fuzz.sh [SECONDS]
# Builds Fuzz/EventDecoderFuzzer.swift together with the EventStore and Projections sources
# (-sanitize=fuzzer,address), seeds it with the shipped events and the bad-input corpus, and prints the number of executions. Crashes are written to .build-fuzz/crashes/;
# turn each into a case in Tests/registerTests/BadInputs/ (a regression test) once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build-fuzz
mkdir -p "$out/crashes" "$out/corpus"
cp -n events/*.json Tests/registerTests/BadInputs/*.input "$out/corpus/" 2>/dev/null || true
# One module: the Projections files' 'import EventStore' is then only a warning.
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name EventStore \
  $(find Sources/EventStore Sources/Projections -name '*.swift') Fuzz/EventDecoderFuzzer.swift \
  -o "$out/fuzz-event-decoder" 2> "$out/build.log" || { cat "$out/build.log"; exit 1; }
set +e
"$out/fuzz-event-decoder" -max_total_time="$seconds" -max_len=4096 -artifact_prefix="$out/crashes/" \
  -print_final_stats=1 "$out/corpus" 2> "$out/fuzz.log"
status=$?
set -e
runs=$(grep -E '^stat::number_of_executed_units' "$out/fuzz.log" | awk '{print $2}')
crashes=$(find "$out/crashes" -type f | wc -l)
echo "fuzz: ${runs:-0} executions in ${seconds} s, ${crashes} crash file(s), libFuzzer exit ${status}"
tail -n 3 "$out/fuzz.log"
exit "$status"
