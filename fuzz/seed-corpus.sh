#!/usr/bin/env bash
# Fills corpus/loader with every chronology the repository ships or tests with (whichever exist),
# plus a small generated one, so the fuzzer starts from valid files and the known broken ones.
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
