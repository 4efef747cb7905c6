#!/usr/bin/env bash
# Produces the figures of the README's "Reliability" section:
#   scripts/reliability.sh [KILLS] [WRITERS] [APPENDS_PER_WRITER] [FUZZ_SECONDS]
# Runs the crash, concurrency, race, tamper and bad-input tests with the given counts through
# the real binary, then the fuzzer, and prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-1000}" writers="${2:-8}" per_writer="${3:-100}" fuzz_seconds="${4:-120}"
report=$(mktemp)
export REGISTER_REPORT_FILE="$report" REGISTER_KILLS="$kills" REGISTER_WRITERS="$writers" REGISTER_APPENDS_PER_WRITER="$per_writer"
swift build --build-tests >/dev/null
swift test --skip-build --filter 'ReliabilityTests|BadInputTests|StoreVerifierTests|AppendCommandTests' > "$report.log" 2>&1 || {
  tail -n 40 "$report.log"; echo "reliability: tests FAILED"; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $(date -u +%Y-%m-%d)"
cat "$report"
bad=$(grep -cv '^#' Tests/registerTests/BadInputs/cases.tsv)
echo "bad inputs	$((bad + 1)) refused (including a 10 MB payload), each with its error, a non-zero exit and a byte-identical store"
tamper=$(grep -c '@Test' Tests/EventStoreTests/StoreVerifierTests.swift 2>/dev/null || echo 0)
echo "tamper	$tamper tamper cases in StoreVerifierTests, plus deleted-tail and re-chained history caught by checkpoints"
scripts/fuzz.sh "$fuzz_seconds" | head -n 1
rm -f "$report" "$report.log"
