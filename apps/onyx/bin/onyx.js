#!/usr/bin/env node
// The Onyx stand-in, built (npm run build). In development run the source:
//   node --conditions=glaceon-source --import tsx apps/onyx/src/cli.ts --help
import '../dist/cli.js';
