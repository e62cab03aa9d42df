/**
 * What protects a browser user: every answer carries the security headers, the content-security
 * policy is one the console really satisfies (every screen visited here in chromium, with any policy
 * violation collected), and a foreign origin gets no CORS permission to read the API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPartnership, PARTNERSHIP_TABS, signIn, tab } from '../support/browser.js';
import { DEMO, login } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects every content-security-policy violation the page reports, from the document and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('security headers and CORS', () => {
  it('sends the headers on the console, the API and errors alike', async () => {
    for (const path of ['/', '/api/health', '/api/partnerships', '/api/no-such-route']) {
      const reply = await fetch(`${inject('apiUrl')}${path}`);
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(reply.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(reply.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(reply.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(reply.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('gives a foreign origin no permission to read the API, and the same origin needs none', async () => {
    const preflight = await fetch(`${inject('apiUrl')}/api/partnerships`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${inject('apiUrl')}/api/health`, { headers: { Origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is a policy the console satisfies on every screen a coordinator opens', async () => {
    const coordinator = await login(DEMO.coordinator);
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const violations = await watchViolations(page);
    await signIn(page, DEMO.coordinator);
    for (const screen of ['partnerships', 'tasks', 'deadlines', 'notifications']) {
      await page.goto(`${inject('apiUrl')}/#/${screen}`);
      await page.getByRole('main').waitFor();
    }
    await openPartnership(page, id);
    for (const name of PARTNERSHIP_TABS) await tab(page, name);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lets the OpenAPI page work under the same policy', async () => {
    // Swagger UI's bundle probes for eval, which the policy refuses; the page itself does not need it.
    const page = await browser.newPage();
    await page.goto(`${inject('apiUrl')}/api/docs`);
    await page.getByText('/api/partnerships/{id}/verify').first().waitFor();
    await page.close();
  });
});
