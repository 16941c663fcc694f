// Child process of the benchmark: a bare node:http server that replays fixed answers, the ones the
// provider sandbox gave for each scenario (status, headers, body bytes, a stream written at once).
// Sent over IPC before the run; `/<n>` answers the n-th. The floor the sandbox is measured against.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer as the sandbox gave it. */
export interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let answers: { status: number; headers: Record<string, string>; body: Buffer }[] = [];

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // Read the request as the sandbox does (it parses the JSON body), then answer.
  req.resume();
  req.on('end', () => {
    const answer = answers[Number(req.url?.slice(1))];
    if (!answer) return res.writeHead(404).end();
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (message: unknown) => {
  if (message === 'stop') server.close(() => process.exit(0));
  else if (Array.isArray(message)) {
    answers = (message as Recorded[]).map((r) => ({ ...r, body: Buffer.from(r.body, 'base64') }));
    process.send?.('ready');
  }
});
process.on('disconnect', () => process.exit(0));
