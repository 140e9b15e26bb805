#!/usr/bin/env bash
# Benchmarks (`npm run bench`), on demand, not in CI: installs the AWS Solutions Constructs patterns
# the comparison needs (each beside the exact core version it pins; aws-cdk-lib comes from the
# library's own node_modules), then runs every benchmark; each writes its table to bench/README.md.
# With CORPUS_DIR set (a folder of apps' cloud assemblies), also the precision benchmark.
set -euo pipefail
cd "$(dirname "$0")"
for dir in solutions/*/; do
  if [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm install --legacy-peer-deps --no-audit --no-fund --no-package-lock --silent && rm -rf node_modules/constructs)
  fi
done
cd ..
npx ts-node --project bench/tsconfig.json bench/nag-pack.ts
npx ts-node --project bench/tsconfig.json bench/synth.ts
npx ts-node --project bench/tsconfig.json bench/synth-process.ts
# Precision on real apps: only with a corpus of synthesized apps (kept outside the repository).
if [ -n "${CORPUS_DIR:-}" ]; then
  npx ts-node --project bench/tsconfig.json bench/precision.ts "$CORPUS_DIR"
fi
