#!/usr/bin/env node
// Starts Chat API on 127.0.0.1 (PORT, default 8787). CHAT_API_KEYS: comma-separated keys;
// ERRATA_SIMULATE=1 honours Errata-Simulate (for CI).
import { startChatApi } from './server.js';

const keys = process.env.CHAT_API_KEYS?.split(',').filter(Boolean);
const api = await startChatApi({
  port: Number(process.env.PORT ?? 8787),
  ...(keys ? { keys } : {}),
  simulate: process.env.ERRATA_SIMULATE === '1',
});
console.log(`Chat API on ${api.url}`);
