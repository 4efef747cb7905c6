#!/usr/bin/env bash
# Fuzz with libFuzzer for a given time per target (default 60 s each).
#   scripts/fuzz.sh [SECONDS] [TARGET...]      TARGET: event-decoder, history (default: both)
#
# event-decoder  Fuzz/EventDecoderFuzzer.swift: one input is one append input (the decoder and
#                validator); built as one module with the EventStore and Projections sources.
# history        Fuzz/HistoryFuzzer.swift: one input is a short history of events that refer to
#                each other (Tests/TestSupport/HistoryGenerator.swift), appended to an empty
#                temporary store through the real append path, then questions asked in-process
#                through RegisterCommandLine; the library modules are built one by one and linked.
#
#                REGISTER_FUZZ_AMOUNTS=up-to-the-cap leaves out the tables whose amounts sum past
#                an Int64 (once a trap, now refused by append and reported by every command,
#                FuzzRegressionTests), so the run spends its time on other inputs.
#
# Both are built with -sanitize=fuzzer,address and seeded from .build-fuzz/<target>/corpus (the
# decoder also from the shipped events and the bad-input corpus). Crashes are written to
# .build-fuzz/<target>/crashes/; turn each into a named regression test once understood
# (Tests/registerTests/FuzzRegressionTests.swift, or a case in Tests/registerTests/BadInputs/).
#
#   scripts/fuzz.sh --typecheck   only type-checks both harnesses against the modules of the debug
#                                 build (.build/debug/Modules, made by `swift build`), in seconds:
#                                 CI runs it, so a harness cannot rot unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--typecheck" ]]; then
  modules=.build/debug/Modules
  [[ -d "$modules" ]] || { echo "fuzz.sh --typecheck: no $modules; run 'swift build' first" >&2; exit 2; }
  for harness in "Fuzz/EventDecoderFuzzer.swift" "Fuzz/HistoryFuzzer.swift Tests/TestSupport/HistoryGenerator.swift"; do
    # shellcheck disable=SC2086 # the history harness is two files
    swiftc -typecheck -swift-version 6 -parse-as-library -warnings-as-errors -I "$modules" -I Sources/SHAExtensions/include $harness
  done
  echo "fuzz harnesses type-check"
  exit 0
fi
seconds=60
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(event-decoder history)
flags=(-swift-version 6 -O -parse-as-library -sanitize=fuzzer,address)

# EventStore's SHA-256 uses the C target SHAExtensions: compiled here, imported through its module map.
c_module=(-I Sources/SHAExtensions/include)
build_sha_extensions() {
  local out="$1"
  clang -O2 -fsanitize=address -c Sources/SHAExtensions/sha_extensions.c -I Sources/SHAExtensions/include -o "$out/sha_extensions.o" 2>> "$out/build.log" \
    || { cat "$out/build.log"; exit 1; }
}

build_event_decoder() {
  local out="$1"
  build_sha_extensions "$out"
  cp -n events/*.json Tests/registerTests/BadInputs/*.input "$out/corpus/" 2>/dev/null || true
  # One module: the Projections files' 'import EventStore' is then only a warning.
  swiftc "${flags[@]}" "${c_module[@]}" -module-name EventStore \
    $(find Sources/EventStore Sources/Projections -name '*.swift') Fuzz/EventDecoderFuzzer.swift "$out/sha_extensions.o" \
    -o "$out/fuzz" 2> "$out/build.log" || { cat "$out/build.log"; exit 1; }
}

build_history() {
  local out="$1"
  mkdir -p "$out/modules"
  build_sha_extensions "$out"
  for module in EventStore Signing Replication Projections Drafting RegisterCLI; do
    swiftc "${flags[@]}" "${c_module[@]}" -wmo -module-name "$module" -I "$out/modules" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
      -c $(find "Sources/$module" -name '*.swift') -o "$out/modules/$module.o" 2>> "$out/build.log" || { cat "$out/build.log"; exit 1; }
  done
  swiftc "${flags[@]}" "${c_module[@]}" -module-name HistoryFuzzer -I "$out/modules" Fuzz/HistoryFuzzer.swift Tests/TestSupport/HistoryGenerator.swift \
    "$out/modules/"*.o "$out/sha_extensions.o" -o "$out/fuzz" 2>> "$out/build.log" || { cat "$out/build.log"; exit 1; }
}

status=0
for target in "${targets[@]}"; do
  out=".build-fuzz/$target"
  mkdir -p "$out/crashes" "$out/corpus"
  : > "$out/build.log"
  case "$target" in
    event-decoder) build_event_decoder "$out"; options=(-max_len=4096) ;;
    history) build_history "$out"; options=(-max_len=256 -detect_leaks=0) ;;
    *) echo "unknown target '$target' (event-decoder, history)" >&2; exit 2 ;;
  esac
  # The history target's temporary stores: in memory when it can, removed after the run (a
  # crashing input leaves its store behind).
  work_base=/dev/shm
  [[ -d "$work_base" && -w "$work_base" ]] || work_base="${TMPDIR:-/tmp}"
  work="$(mktemp -d "$work_base/register-fuzz-XXXXXX")"
  set +e
  REGISTER_FUZZ_WORK="$work" "$out/fuzz" -max_total_time="$seconds" "${options[@]}" -artifact_prefix="$out/crashes/" \
    -print_final_stats=1 "$out/corpus" 2> "$out/fuzz.log"
  result=$?
  set -e
  rm -rf "$work"
  runs=$(grep -E '^stat::number_of_executed_units' "$out/fuzz.log" | awk '{print $2}')
  crashes=$(find "$out/crashes" -type f | wc -l)
  echo "fuzz $target: ${runs:-0} executions in ${seconds} s, ${crashes} crash file(s), libFuzzer exit ${result}"
  grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*error: )' "$out/fuzz.log" | head -n 5 || true
  tail -n 3 "$out/fuzz.log"
  [[ $result -ne 0 ]] && status=$result
done
exit "$status"
