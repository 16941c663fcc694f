#!/usr/bin/env node
// A source shim, so that pnpm links the bin on a fresh install before anything is built.
import '../dist/cli/client-check.js';
