#!/usr/bin/env node
// The `errata` CLI's entry (`errata explain`), kept in source (not in dist/) so that pnpm links the
// bin in a fresh workspace install, before anything is built; it only loads the compiled CLI. It
// stays JavaScript on purpose: Node 20 cannot run a TypeScript bin.
import '../dist/cli/main.js';
