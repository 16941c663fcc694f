#!/usr/bin/env node
// The CLI's entry, kept in source (not in dist/) so that pnpm links the bin in a fresh workspace
// install, before anything is built; it only loads the compiled CLI.
import '../dist/cli.js';
