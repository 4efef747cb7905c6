#!/usr/bin/env bash
# Recomputes the comparison of `register draft` with the shipped history: for each of the five
# source documents (Tests/DraftingTests/Fixtures/sources/), the drafts against the events in events/
# that cite that document, per field. Prints the table; with --update, also writes it into
# docs/drafting.md between its compare markers (a test checks that the two agree).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -Xswiftc -warnings-as-errors >/dev/null
table="$(swift run --skip-build register draft Tests/DraftingTests/Fixtures/sources/*.txt --compare --events events)"
printf '%s\n' "$table"

if [ "${1:-}" = "--update" ]; then
  doc=docs/drafting.md
  begin='<!-- compare:begin (scripts/draft-compare.sh --update) -->'
  end='<!-- compare:end -->'
  tablefile="$(mktemp)"; out="$(mktemp)"
  trap 'rm -f "$tablefile" "$out"' EXIT
  printf '%s\n' "$table" > "$tablefile"
  awk -v begin="$begin" -v end="$end" -v file="$tablefile" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$doc" > "$out"
  cat "$out" > "$doc"
  echo "updated $doc"
fi
