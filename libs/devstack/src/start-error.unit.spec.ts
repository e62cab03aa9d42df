/** A component's failure is told as one paragraph that keeps its cause. */
import { describe, expect, it } from 'vitest';
import { ComponentStartError, startComponent, splitMessage } from './start-error.js';

describe('splitMessage', () => {
  it('keeps a list of what was tried in the paragraph', () => {
    const { summary, output } = splitMessage('Could not obtain the temporal CLI. Tried, in order:\n  - TEMPORAL_CLI_PATH (not set)\n  - go install (Go is not installed)');
    expect(summary).toBe('Could not obtain the temporal CLI. Tried, in order: TEMPORAL_CLI_PATH (not set); go install (Go is not installed).');
    expect(output).toBe('');
  });

  it('quotes the last line of output that reads like an error, without colours, and keeps the output apart', () => {
    const { summary, output } = splitMessage('API: the process exited with code 1 before it was ready.\n\u001b[32m[Nest] LOG\u001b[39m starting\nError: listen EADDRNOTAVAIL 192.0.2.1:3000\nbye');
    expect(summary).toBe('API: the process exited with code 1 before it was ready (it said: "Error: listen EADDRNOTAVAIL 192.0.2.1:3000").');
    expect(output).toBe('[Nest] LOG starting\nError: listen EADDRNOTAVAIL 192.0.2.1:3000\nbye');
  });
});

describe('startComponent', () => {
  it('names the component, what was tried and what to do in one paragraph', async () => {
    const attempt = { component: 'PostgreSQL', tried: 'the embedded server on 127.0.0.1:5', remedy: 'set DATABASE_URL to use your own PostgreSQL' };
    const failure = await startComponent(attempt, () => Promise.reject(new Error('initdb failed'))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ComponentStartError);
    expect((failure as Error).message).toBe(
      'PostgreSQL did not start: initdb failed. Tried: the embedded server on 127.0.0.1:5. What to do: set DATABASE_URL to use your own PostgreSQL.',
    );
    expect((failure as Error).message).not.toContain('\n');
  });
});
