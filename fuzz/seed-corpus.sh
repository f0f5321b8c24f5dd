#!/usr/bin/env bash
# Fills corpus/loader with every chronology the repository ships or tests with (whichever exist),
# plus a small generated one, so the fuzzer starts from valid files and the known broken ones;
# corpus/timelinejs_import with every JSON file too (TimelineJS samples among them) and
# corpus/csv_import with every CSV file.
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus/loader
mkdir -p "$corpus"
count=0
while IFS= read -r -d '' file; do
  # Named by content, as libFuzzer does, so reruns do not duplicate seeds.
  cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
  count=$((count + 1))
done < <(find ../assets ../tests/fixtures -name '*.json' -type f -print0 2>/dev/null)
(cd .. && cargo run --quiet -p quipu-gen -- --events 40 --actors 8 --seed 1) >"$corpus/generated-40"
echo "seeded $corpus with $count files from assets/ and tests/fixtures/, and one generated chronology"

seed() { # seed CORPUS PATTERN
  mkdir -p "corpus/$1"
  local n=0
  while IFS= read -r -d '' file; do
    cp "$file" "corpus/$1/$(sha1sum "$file" | cut -c1-40)"
    n=$((n + 1))
  done < <(find ../assets ../tests/fixtures -name "$2" -type f -print0 2>/dev/null)
  echo "seeded corpus/$1 with $n files"
}
seed timelinejs_import '*.json'
seed csv_import '*.csv'
