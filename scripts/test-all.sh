#!/usr/bin/env bash
# `npm test`: every layer, in order of cost. Fails fast on the first broken layer.
set -euo pipefail
cd "$(dirname "$0")/.."
results=.test-results
# Every process this run starts inherits this marker; the leftover check looks for it only.
export GLACEON_TEST_RUN="$(date +%s)-$$"
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck (tsc -b, tests too)"
npm run --silent typecheck
npx tsc -p tsconfig.tests.json
npx tsc -p e2e/tsconfig.json

step "lint"
npm run --silent lint

step "unit and integration tests (vitest, real redis-server / nginx / processes)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"

if [ -d e2e/specs ] && ls e2e/specs/*.spec.ts >/dev/null 2>&1; then
  step "end-to-end tests (Playwright)"
  npm run --silent test:e2e
fi

step "chaos soak (3 minutes, whole stack, seeded faults; CHAOS_SEED=${CHAOS_SEED:-7})"
# The last stdout line is the JSON verdict; exit code 1 when an invariant broke. Replay with the
# command it prints.
npm run --silent chaos -- --minutes 3 --corals 4 --realms 2 --moonstones 4 --rate 1 --seed "${CHAOS_SEED:-7}" \
  2>"$results/chaos.log" | tee "$results/chaos.json"

step "leftover processes"
node scripts/check-leftovers.mjs

node scripts/summarize-tests.mjs "$results"
