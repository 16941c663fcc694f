// No key reaches the report or the CLI's output, even from a server that echoes the Authorization
// header back in its error bodies and headers (a common proxy or debug-page leak). The masking
// rules themselves are @errata/redact's, tested there.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, runConformance } from '../src/index.js';

const API_KEY = 'sk_live_mainKEY_0123456789abcdefghij';
const EXPIRED = 'sk_live_expiredKEY_9876543210zyxwvu';

// Every answer is wrong in a way the suite quotes: a non-JSON body (quoted, cut at 120 characters,
// with the key straddling the cut), or a JSON body whose code and X-Request-Id are the header.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const header = req.headers.authorization ?? 'none';
    const raw = header.replace(/^Bearer /, '');
    if (req.url?.startsWith('/v1/models') && req.headers['errata-simulate'] === undefined) {
      res.writeHead(500, { 'Content-Type': 'text/plain', 'X-Request-Id': raw });
      res.end(`${'x'.repeat(85)} upstream rejected token ${raw} (header was ${header})`);
      return;
    }
    res.writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': header });
    res.end(JSON.stringify({ code: raw, status: 401, message: `bad ${header}`, request_id: raw }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function expectNoKey(text: string): void {
  for (const secret of [API_KEY, EXPIRED])
    for (const piece of [secret, secret.slice(0, 14), secret.slice(-14)]) expect(text).not.toContain(piece);
}

describe('a server that echoes the Authorization header', () => {
  it('yields a report that quotes the echoes, redacted', async () => {
    const report = await runConformance({
      baseUrl: url,
      apiKey: API_KEY,
      keys: { EXPIRED_API_KEY: EXPIRED },
      operations: ['listModels'],
      numRuns: 5,
      streams: false,
    });
    expect(report.ok).toBe(false);
    const json = JSON.stringify(report);
    // The leaks were there to quote: the diffs show where they were.
    expect(json).toContain('[redacted]');
    expect(report.results.find((p) => p.code === 'EXPIRED_API_KEY')?.diff.join('\n')).toMatch(/\[redacted\]/);
    expectNoKey(json);
    expectNoKey(formatReport(report));
  });

  it('keeps the keys out of the CLI output', async () => {
    const cli = join(import.meta.dirname, '../dist/cli.js');
    const args = [
      cli,
      '--base-url',
      url,
      '--api-key',
      API_KEY,
      '--key',
      `EXPIRED_API_KEY=${EXPIRED}`,
      '--operation',
      'listModels',
      '--num-runs',
      '5',
      '--no-streams',
    ];
    for (const extra of [[], ['--json']]) {
      const result = await promisify(execFile)('node', [...args, ...extra]).catch(
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(result).toMatchObject({ code: 1 });
      expect(result.stdout).toContain('[redacted]');
      expectNoKey(result.stdout + result.stderr);
    }
  });
});
