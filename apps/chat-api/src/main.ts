#!/usr/bin/env node
// Starts Chat API on 127.0.0.1 (PORT, default 8787). CHAT_API_KEYS: comma-separated keys;
// ERRATA_SIMULATE=1 honours Errata-Simulate (for CI).
import { serve } from '@hono/node-server';
import { createChatApi } from './app.js';

const port = Number(process.env.PORT ?? 8787);
const keys = process.env.CHAT_API_KEYS?.split(',').filter(Boolean);
const app = createChatApi({ ...(keys ? { keys } : {}), simulate: process.env.ERRATA_SIMULATE === '1' });
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) =>
  console.log(`Chat API on http://127.0.0.1:${info.port}`),
);
