/**
 * The load balancer in front of the cluster topology's API processes: one address, each request sent
 * to the next API in turn, as a production load balancer spreads requests over API replicas. A
 * request no API would even accept a connection for (every one down or restarting) is tried on the
 * others first; a request an API accepted is never sent again, since a command must not be applied
 * twice. When none accepts, the client's connection is closed, as an API that is down closes it.
 * The client's address is appended to X-Forwarded-For, so the APIs run with TRUST_PROXY=1.
 */
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface RoundRobin {
  url: string;
  stop(): Promise<void>;
}

export interface RoundRobinOptions {
  host: string;
  port: number;
  /** The APIs' base URLs, e.g. http://127.0.0.1:41234. */
  upstreams: string[];
}

/** Larger request bodies are refused (the APIs accept far less). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_HEADER_BYTES = 1024 * 1024;
/** Headers of one connection, not of the request (RFC 9110, section 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export async function startRoundRobin({ host, port, upstreams }: RoundRobinOptions): Promise<RoundRobin> {
  if (upstreams.length === 0) throw new Error('a round-robin needs at least one upstream');
  // A connection per request: a kept-alive one the API closes as its idle time ends would fail a
  // request that may not be sent again; on the loopback a new connection costs next to nothing.
  const agent = new Agent({ keepAlive: false });
  let next = 0;
  // Header limits are the API's to enforce and answer in its error format: ours are far above them.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    void readBody(req).then(
      (body) => {
        if (body === null) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('Request body too large\n');
        const first = next;
        next = (next + 1) % upstreams.length;
        forward(req, res, body, first, 0);
      },
      () => res.destroy(),
    );
  });

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, index: number, attempt: number): void {
    const { hostname, port } = new URL(upstreams[(index + attempt) % upstreams.length]!);
    // The path as the client sent it, byte for byte: resolving it as a URL would normalise it (and
    // read `//host/…` as another host); the API judges it, as it would without a balancer.
    const upstream = request({ hostname, port, path: req.url, method: req.method, headers: forwardedHeaders(req, body.length), agent });
    let connected = false;
    upstream.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (!connected && attempt + 1 < upstreams.length) return forward(req, res, body, index, attempt + 1);
      res.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** The whole request body, or null once it passes MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forwardedHeaders(req: IncomingMessage, bodyLength: number): IncomingHttpHeaders {
  const headers = withoutHopByHop(req.headers);
  const client = req.socket.remoteAddress ?? '';
  const earlier = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = earlier ? `${String(earlier)}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  if (bodyLength > 0 || headers['content-length'] !== undefined) headers['content-length'] = String(bodyLength);
  return headers;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}
