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
# tsc -b has just compiled every package: the tests start services from that output (spawn-service.ts).
export GLACEON_SERVICES_FROM_DIST=1
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

step "chaos soak (3 minutes: 4 Corals, 2 Realms, 4 Moonstones, faults from seed 7)"
# Progress on stderr; the last stdout line is the verdict (JSON), kept for the summary.
npm run --silent test:chaos > "$results/chaos.out"
tail -n 1 "$results/chaos.out"

step "leftover processes"
node scripts/check-leftovers.mjs

node scripts/summarize-tests.mjs "$results"
