/**
 * An HTTP client that behaves as a careful API user while servers fail: a request that changes
 * something carries an Idempotency-Key, and anything that is not an answer — a 5xx (whatever its
 * code), a refused or reset connection, nothing within the timeout — is sent again with the same key
 * until an answer comes. It counts each retry by its cause, for the summary.
 */

export interface Answer<T = any> {
  status: number;
  body: T;
  attempts: number;
  /** From the first attempt to the answer. */
  latencyMs: number;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as Idempotency-Key on every attempt. */
  key?: string;
}

export class RetryingClient {
  /** Retries by cause: "503 TEMPORAL.UNAVAILABLE", "500", "ECONNREFUSED", "timeout"… */
  readonly retries = new Map<string, number>();

  constructor(
    private readonly baseUrl: string,
    private readonly requestTimeoutMs = 60_000,
    private readonly giveUpAfterMs = 300_000,
  ) {}

  retryCount(): number {
    return [...this.retries.values()].reduce((sum, count) => sum + count, 0);
  }

  async send<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    for (let attempts = 1; ; attempts += 1) {
      let cause: string;
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
        const text = await response.text();
        const body = text ? (JSON.parse(text) as T & { code?: string }) : (null as T);
        if (response.status < 500) return { status: response.status, body, attempts, latencyMs: performance.now() - started };
        cause = `${response.status}${body && typeof body === 'object' && 'code' in body ? ` ${String(body.code)}` : ''}`;
      } catch (error) {
        cause = causeOf(error);
      }
      this.retries.set(cause, (this.retries.get(cause) ?? 0) + 1);
      if (performance.now() - started > this.giveUpAfterMs) {
        throw new Error(`${method} ${path}${options.key ? ` (Idempotency-Key ${options.key})` : ''}: no answer after ${attempts} attempts in ${Math.round(this.giveUpAfterMs / 1000)} s; last: ${cause}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** Math.min(attempts, 5))));
    }
  }

  /** `send`, and anything but a 2xx is an error that names the request and the answer. */
  async ok<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const answer = await this.send<T>(method, path, options);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }
}

/** A failed fetch's cause as a short word: the socket error's code, or "timeout". */
function causeOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.name : 'error');
}
