/**
 * A capturing SMTP server for `npm start` (and any test that wants one): it accepts every message
 * and keeps it, and nothing leaves the machine. Each message is printed in one line (from, to,
 * subject) and written whole to `<folder>/<n>.eml`. The console's "Sent email" screen reads the
 * product's own outbox, so it shows the same in development and in production; this server is what
 * makes development send for real.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CapturedEmail {
  from: string;
  to: string[];
  /** The whole message as received (headers and body). */
  raw: string;
  /** The Subject, decoded. */
  subject: string;
  /** The body of a single-part text message, decoded (quoted-printable or base64). */
  text: string;
}

export interface SmtpCapture {
  port: number;
  /** The SMTP_URL the workers send through. */
  url: string;
  received: CapturedEmail[];
  /** Resolves with the next message received that satisfies `match` (or one already received). */
  next(match?: (email: CapturedEmail) => boolean, timeoutMs?: number): Promise<CapturedEmail>;
  stop(): Promise<void>;
}

export interface SmtpCaptureOptions {
  host?: string;
  /** 0: a free port. */
  port: number;
  /** Keep each message as an .eml file here. */
  folder?: string;
  /** One line per message received. */
  log?: (line: string) => void;
  /**
   * Answer the n-th message (counting from 1) with this SMTP error instead of accepting it: a test's
   * way to see a refused email retried.
   */
  refuse?: (count: number) => string | null;
}

/** A header of the message, unfolded, its MIME encoded-words (RFC 2047) decoded. */
export function headerOf(raw: string, name: string): string {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers);
  if (!match) return '';
  return match[1]!
    .replace(/\r?\n([ \t]+)/g, '$1')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
    .trim();
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < source.length; index += 1) {
    const hex = source[index] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(source.slice(index + 1, index + 3)) : null;
    if (hex) {
      bytes.push(Number.parseInt(hex[0], 16));
      index += 2;
    } else bytes.push(...Buffer.from(source[index]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The body of a single-part message, decoded. */
export function textOf(raw: string): string {
  const split = /\r?\n\r?\n/.exec(raw);
  const body = split ? raw.slice(split.index + split[0].length) : '';
  const encoding = headerOf(raw, 'content-transfer-encoding').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).replace(/\r\n/g, '\n');
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  return body.replace(/\r\n/g, '\n');
}

export async function startSmtpCapture(options: SmtpCaptureOptions): Promise<SmtpCapture> {
  const received: CapturedEmail[] = [];
  const waiters: { match: (email: CapturedEmail) => boolean; resolve: (email: CapturedEmail) => void }[] = [];
  let count = 0;
  if (options.folder) mkdirSync(options.folder, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        const refusal = options.refuse?.(count) ?? null;
        if (refusal) {
          callback(Object.assign(new Error(refusal), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const email: CapturedEmail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          subject: headerOf(raw, 'subject'),
          text: textOf(raw),
        };
        received.push(email);
        if (options.folder) writeFileSync(join(options.folder, `${String(received.length).padStart(5, '0')}.eml`), raw);
        options.log?.(`mail: captured "${email.subject}" to ${email.to.join(', ')}`);
        for (const waiter of [...waiters]) {
          if (!waiter.match(email)) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(email);
        }
        callback();
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolvePromise());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    received,
    next(match = () => true, timeoutMs = 60_000) {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolvePromise, reject) => {
        const waiter = {
          match,
          resolve: (email: CapturedEmail) => {
            clearTimeout(timer);
            resolvePromise(email);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching email within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())),
  };
}
