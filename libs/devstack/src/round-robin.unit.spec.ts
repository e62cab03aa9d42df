/**
 * The cluster topology's round-robin, against two small HTTP servers in this process: requests go to
 * each API in turn, whole (method, path, body, headers) with the client's address appended to
 * X-Forwarded-For; an API that refuses connections is skipped; one that accepted a request and then
 * failed is not sent it again; and with no API left the client's connection is closed.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './processes.js';
import { startRoundRobin, type RoundRobin } from './round-robin.js';

interface Seen {
  upstream: string;
  method: string;
  url: string;
  body: string;
  forwardedFor: string | undefined;
}

const servers: Server[] = [];
let balancer: RoundRobin | undefined;
afterEach(async () => {
  await balancer?.stop();
  balancer = undefined;
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** An upstream that records each request and answers with its name; `misbehave` drops the connection instead. */
async function upstream(name: string, seen: Seen[], misbehave = false): Promise<string> {
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ upstream: name, method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString(), forwardedFor: req.headers['x-forwarded-for'] as string | undefined });
      if (misbehave) return void req.socket.destroy();
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(JSON.stringify({ from: name }));
    });
  });
  servers.push(server);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${port}`;
}

/** A POST through Node's http (fetch hides a closed connection behind a generic error); `path` is sent as it is. */
function post(url: string, body: string, { path, headers = {} }: { path?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; cookies: string[] } | 'closed'> {
  return new Promise((resolve) => {
    const { hostname, port, pathname, search } = new URL(url);
    const options = { hostname, port, path: path ?? `${pathname}${search}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7', ...headers } };
    const req = request(options, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', () => resolve('closed'));
    req.end(body);
  });
}

const closedPort = async () => `http://127.0.0.1:${await freePort()}`;

describe('startRoundRobin', () => {
  it('sends each request, whole, to the next API in turn and answers what it answered', async () => {
    const seen: Seen[] = [];
    balancer = await startRoundRobin({ host: '127.0.0.1', port: await freePort(), upstreams: [await upstream('a', seen), await upstream('b', seen)] });
    const answers = [];
    for (let index = 0; index < 4; index += 1) answers.push(await post(`${balancer.url}/api/things?n=${index}`, `{"n":${index}}`));
    expect(answers.map((answer) => (answer === 'closed' ? answer : JSON.parse(answer.body).from))).toEqual(['a', 'b', 'a', 'b']);
    expect(answers[0]).toMatchObject({ status: 201, cookies: ['a=1', 'b=2'] });
    expect(seen.map(({ upstream: name, method, url, body }) => ({ name, method, url, body }))).toEqual(
      [0, 1, 2, 3].map((n) => ({ name: n % 2 === 0 ? 'a' : 'b', method: 'POST', url: `/api/things?n=${n}`, body: `{"n":${n}}` })),
    );
    expect(seen[0]!.forwardedFor).toBe('203.0.113.7, 127.0.0.1');
  });

  it('passes the path byte for byte and headers larger than its own parser would take by default: judging them is the API’s job', async () => {
    const seen: Seen[] = [];
    balancer = await startRoundRobin({ host: '127.0.0.1', port: await freePort(), upstreams: [await upstream('a', seen)] });
    const path = '//elsewhere.invalid/api/tasks/%E0%A4%A/../%2e%2e?filter=%ZZ';
    expect(await post(balancer.url, '{}', { path, headers: { 'x-large': 'a'.repeat(20_000) } })).toMatchObject({ status: 201 });
    expect(seen.map((request) => request.url)).toEqual([path]);
  });

  it('skips an API that refuses connections, and closes the connection when none accepts', async () => {
    const seen: Seen[] = [];
    const down = await closedPort();
    balancer = await startRoundRobin({ host: '127.0.0.1', port: await freePort(), upstreams: [down, await upstream('b', seen)] });
    for (let index = 0; index < 3; index += 1) expect(await post(`${balancer.url}/`, '{}')).toMatchObject({ status: 201 });
    expect(seen.map((request) => request.upstream)).toEqual(['b', 'b', 'b']);
    await balancer.stop();

    balancer = await startRoundRobin({ host: '127.0.0.1', port: await freePort(), upstreams: [down, await closedPort()] });
    expect(await post(`${balancer.url}/`, '{}')).toBe('closed');
  });

  it('never sends a request again once an API has accepted it', async () => {
    const seen: Seen[] = [];
    balancer = await startRoundRobin({ host: '127.0.0.1', port: await freePort(), upstreams: [await upstream('a', seen, true), await upstream('b', seen)] });
    expect(await post(`${balancer.url}/api/commands`, '{"type":"Once"}')).toBe('closed');
    expect(seen.map((request) => request.upstream)).toEqual(['a']);
  });
});
