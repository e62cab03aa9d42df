/**
 * The partnership page in a real browser: the coordinator, in the console alone, takes a
 * partnership from submitting its priorities through listening and role identification to issuing
 * the agreement (the sponsor's and partners' decisions go through the API, as their inbox is
 * another screen); a rule error appears beside its section; the auditor is offered no control
 * that changes anything; on a phone, the coordinator moves a due date and the reason is recorded.
 *
 * Every tab is checked at 1440 and 390 px for sideways scrolling; SCREENSHOT_DIR=<folder> saves each to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { changingInputsIn, choose, launchChromium, openPartnership, PARTNERSHIP_TABS, signIn, tab } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery } from '../support/http.js';
import { agreeRoles, castOf, completeOpenTasks, ORGANIZATION_NAMES, partnershipOf, send, toListening, toRoleIdentification, type Cast } from '../support/lifecycle.js';
import { createPartnership, SLOW_POLICY, smartGoals, submitGoals } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
/** Walking every tab at two widths, several times over, takes longer than the suite's default per test. */
const WALKTHROUGH_MS = 240_000;
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every tab at 1440 and 390 px: none may scroll sideways (the list of what overflows is the
 * failure message); with SCREENSHOT_DIR set, each is saved to look at.
 */
async function everyTabAtBothWidths(page: Page, name: string, tabs: readonly string[] = PARTNERSHIP_TABS): Promise<void> {
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const overflowing: string[] = [];
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Loaded anew at each width, as a phone would: a page narrowed in place keeps its desktop menu open.
    await page.reload();
    await page.getByRole('tablist', { name: 'Stages of the partnership' }).waitFor();
    for (const label of tabs) {
      await tab(page, label);
      const wide = await page.evaluate((limit) => {
        if (document.documentElement.scrollWidth <= limit) return [];
        return Array.from(document.querySelectorAll('body *'))
          .filter((element) => element.getBoundingClientRect().right > limit + 1 && element.getBoundingClientRect().width > 0)
          .slice(-3)
          .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).split(' ').slice(0, 2).join('.')} (${Math.round(element.getBoundingClientRect().right)} px)`);
      }, width);
      if (wide.length > 0) overflowing.push(`${label} at ${width}: ${wide.join(', ')}`);
      if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label.replace(/\W+/g, '-').toLowerCase()}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await page.getByRole('tablist', { name: 'Stages of the partnership' }).waitFor();
  expect(overflowing, `sideways scrolling:\n${overflowing.join("\n")}`).toEqual([]);
}

/** Uncaught errors of the page: a screen that throws fails its test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function failureShot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
}

const status = (page: Page) => page.getByRole('status', { name: 'Waiting for' });

describe('the partnership page', () => {
  it('lets the coordinator carry a partnership from its priorities to an issued agreement', async () => {
    const created = await cast.coordinator.post('/api/partnerships', {
      name: `Stages ${Math.random().toString(36).slice(2, 8)}`,
      description: 'Hospitals and a foundation',
      sponsorId: cast.sponsor.user.id,
      organizationIds: [cast.orgs.riverside, cast.orgs.northwind],
      policy: SLOW_POLICY,
    });
    const id = created.body.id as string;
    // The goals' draft comes over the API; the priorities editor is older than this page and has its own test.
    await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: smartGoals(), scope: 'The eastern region' });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    try {
      await signIn(page, DEMO.coordinator);
      await openPartnership(page, id);
      await expect.poll(() => status(page).textContent()).toContain('Waiting for the coordinator to submit the priorities to the sponsor');
      await everyTabAtBothWidths(page, 'priorities', ['Priorities']);
      let panel = await tab(page, 'Priorities');

      // Leaving with unsaved edits asks first.
      await panel.getByLabel('Scope').fill('The three counties of the eastern region');
      const leaving = page.waitForEvent('dialog');
      await page.getByRole('menuitem', { name: 'Partnerships' }).or(page.getByRole('link', { name: 'Partnerships' })).first().click();
      const warning = await leaving;
      expect(warning.message()).toMatch(/changes/i);
      await warning.dismiss();

      await panel.getByRole('button', { name: 'Save and submit to sponsor' }).click();
      await expect.poll(() => status(page).textContent()).toContain('Waiting for the sponsor to approve the priorities, due in 7 days');
      expect((await partnershipOf(cast, id)).scope).toBe('The three counties of the eastern region');
      await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_PRIORITIES');
      await eventually('LISTENING', async () => ((await partnershipOf(cast, id)).stage === 'LISTENING' ? true : undefined));

      await openPartnership(page, id);
      await expect.poll(() => status(page).textContent()).toContain('Waiting for the coordinator to add a stakeholder');
      panel = await tab(page, 'Listening');

      // A rule error lands beside the section it names, not only in a notification.
      await panel.getByRole('button', { name: 'Open listening sign-off' }).click();
      await panel.getByRole('alert').filter({ hasText: 'record at least one listening session' }).waitFor();

      await panel.getByLabel('Name').fill('County patients’ council');
      await panel.getByLabel('Interest (1–5)').fill('5');
      await panel.getByRole('button', { name: 'Add stakeholder' }).click();
      await panel.getByRole('cell', { name: 'interest 5, influence 3' }).getByText('County patients’ council').waitFor();

      await panel.getByLabel('Participants (comma or one per line)').fill('Ward managers, drivers');
      await panel.getByLabel('What was heard').fill('Night deliveries miss the pharmacy');
      await panel.getByLabel('Concerns (one per line)').fill('staffing');
      await panel.getByRole('button', { name: 'Record session' }).click();
      await panel.getByText('Night deliveries miss the pharmacy').waitFor();

      for (const [organization, scores] of [
        [ORGANIZATION_NAMES.riverside, ['3', '2']],
        [ORGANIZATION_NAMES.northwind, ['0', '2']],
      ] as const) {
        await panel.getByLabel(`${organization}, goal 1`).selectOption(scores[0]);
        await panel.getByLabel(`${organization}, goal 2`).selectOption(scores[1]);
        await panel.getByRole('row').filter({ hasText: organization }).getByRole('button', { name: 'Save row' }).click();
        await page.getByText(`Alignment of ${organization} saved`).waitFor();
      }
      // Northwind scored goal 1 zero: the matrix flags the low overlap.
      await panel.getByText(/Goal 1 .*Low overlap: scored 0 by Northwind Foundation/).waitFor();

      await panel.getByRole('button', { name: 'Open listening sign-off' }).click();
      await expect.poll(() => status(page).textContent()).toMatch(/Waiting for (Riverside Health Trust and Northwind Foundation|Northwind Foundation and Riverside Health Trust) to confirm the listening record, due in 7 days/);
      await everyTabAtBothWidths(page, 'listening-signoff');

      for (const partner of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, partner, id, 'CONFIRM_LISTENING');
      await eventually('ROLE_IDENTIFICATION', async () => ((await partnershipOf(cast, id)).stage === 'ROLE_IDENTIFICATION' ? true : undefined));
      await openPartnership(page, id);
      await expect.poll(() => page.getByRole('tab', { name: 'Roles', exact: true }).getAttribute('aria-selected')).toBe('true');
      await everyTabAtBothWidths(page, 'roles');
      panel = await tab(page, 'Roles');

      for (const [organization, goal, responsibility] of [
        [ORGANIZATION_NAMES.riverside, 1, 'accountable'],
        [ORGANIZATION_NAMES.northwind, 1, 'responsible'],
        [ORGANIZATION_NAMES.riverside, 2, 'consulted'],
        [ORGANIZATION_NAMES.northwind, 2, 'accountable'],
      ] as const) {
        await panel.getByLabel(`${organization}, goal ${goal}`).selectOption(responsibility);
      }
      await panel.getByText(`Accountable: ${ORGANIZATION_NAMES.northwind}`).waitFor();
      await panel.getByRole('button', { name: 'Save responsibilities' }).click();
      await page.getByText('Responsibilities saved').waitFor();

      await panel.getByRole('button', { name: 'Add' }).first().click();
      await choose(page, panel, 'Organization', ORGANIZATION_NAMES.riverside);
      await panel.getByLabel('What').fill('Two discharge nurses');
      await panel.getByLabel('Amount').fill('2');
      await panel.getByRole('textbox', { name: 'Unit', exact: true }).first().fill('FTE');
      await panel.getByRole('button', { name: 'Save resources' }).click();
      await panel.getByText(`${ORGANIZATION_NAMES.riverside}: Two discharge nurses (2 FTE)`).waitFor();

      await panel.getByRole('radio', { name: /^Collaborative/ }).check();
      await panel.getByRole('button', { name: 'Choose model' }).click();
      await panel.getByText(/^Collaborative: Partners take defined roles/).waitFor();

      await choose(page, panel, `Point of contact for ${ORGANIZATION_NAMES.northwind}`, 'Noah Partner');
      await panel.getByLabel('Decision rule').fill('Steering group decides by agreement');
      await panel.getByLabel('Escalation path').fill('Coordinator, then the sponsor');
      await panel.getByRole('button', { name: 'Save governance' }).click();
      await panel.getByText('Escalation path: Coordinator, then the sponsor').waitFor();

      await panel.getByLabel('How conflicts are resolved').fill('Talk first, then mediation by the sponsor');
      await panel.getByRole('button', { name: 'Save conflict process' }).click();
      await page.getByText('Conflict process saved').waitFor();

      await panel.getByRole('checkbox', { name: /^Exit/ }).check();
      await panel.getByRole('checkbox', { name: /^Renew/ }).check();
      await panel.getByRole('spinbutton', { name: 'Notice period' }).fill('30');
      await panel.getByRole('button', { name: 'Save termination terms' }).click();
      await panel.getByText(/Notice period: 30 days\./).waitFor();

      await panel.getByLabel('Name').fill('Readmissions per 1,000 patients');
      await choose(page, panel, 'Reported by', ORGANIZATION_NAMES.riverside);
      await choose(page, panel, 'Measures goal', '1. Cut emergency readmissions');
      await panel.getByLabel('Baseline').fill('42');
      await panel.getByLabel('Target').fill('30');
      await panel.getByRole('textbox', { name: 'Unit', exact: true }).last().fill('per 1,000');
      await panel.getByRole('button', { name: 'Define KPI' }).click();
      await panel.getByText(/reports it every month: from 42 to 30 per 1,000 \(decrease\)/).waitFor();

      await panel.getByRole('button', { name: 'Issue agreement' }).click();
      await expect.poll(() => status(page).textContent()).toMatch(/to sign the agreement, due in 7 days/);
      // The page follows the partnership to the agreement being signed.
      await expect.poll(() => page.getByRole('tab', { name: 'Agreement', exact: true }).getAttribute('aria-selected')).toBe('true');
      panel = page.getByRole('tabpanel', { name: 'Agreement', exact: true });
      const document = panel.getByRole('article');
      await document.getByText(/Version 1, issued .* Being signed/).waitFor();
      for (const text of ['1. Partners', '3. Roles and responsibilities', 'Decision rule: Steering group decides by agreement', 'Talk first, then mediation by the sponsor', '30 days', 'Readmissions per 1,000 patients']) {
        await document.getByText(text, { exact: false }).first().waitFor();
      }

      for (const partner of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, partner, id, 'SIGN_AGREEMENT');
      await eventually('MEASUREMENT', async () => ((await partnershipOf(cast, id)).stage === 'MEASUREMENT' ? true : undefined));
      await openPartnership(page, id);
      panel = await tab(page, 'Agreement');
      await panel.getByText(/Version 1, issued .* Adopted \(in force\)/).waitFor();
      await panel.getByText(new RegExp(`${ORGANIZATION_NAMES.northwind}: signed by Noah Partner on`)).waitFor();
      await everyTabAtBothWidths(page, 'measurement');
      expect(errors).toEqual([]);
    } catch (error) {
      await failureShot(page, 'coordinator');
      throw errors.length > 0 ? new Error(`${String(error)}\npage errors: ${errors.join('\n')}`) : error;
    } finally {
      await page.close();
    }
  }, WALKTHROUGH_MS);

  it('offers the auditor no control that changes anything', async () => {
    const { id, organizationIds } = await toListening(cast);
    await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'Patients’ council', organizationId: null, interest: 4, influence: 4 } });
    await send(cast, cast.coordinator, id, {
      type: 'RecordListeningSession',
      session: { heldOn: new Date().toISOString().slice(0, 10), participants: ['drivers'], heard: 'Late deliveries', concerns: [] },
    });
    for (const organizationId of organizationIds) await send(cast, cast.coordinator, id, { type: 'ScoreAlignment', organizationId, scores: { '1': 3, '2': 2 } });
    await send(cast, cast.coordinator, id, { type: 'OpenListeningSignoff' });

    const READ_ONLY_BUTTONS = new Set(['Print', 'Verify again']);
    const controlsOf = async (page: Page) => {
      const found: string[] = [];
      for (const label of PARTNERSHIP_TABS) {
        const panel = await tab(page, label);
        const fields = await changingInputsIn(panel);
        if (fields > 0) found.push(`${label}: ${fields} input(s)`);
        // The timeline's pagination only pages; the agreement's "Print" only prints; the proof's "Verify again" only reads.
        if (label === 'Timeline') continue;
        const buttons = (await panel.getByRole('button').allTextContents()).filter((text) => !READ_ONLY_BUTTONS.has(text.trim()));
        if (buttons.length > 0) found.push(`${label}: ${buttons.join(', ')}`);
      }
      return found;
    };

    const auditor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const coordinator = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(auditor);
    try {
      await signIn(auditor, DEMO.auditor);
      await openPartnership(auditor, id);
      await expect.poll(() => status(auditor).textContent()).toContain('to confirm the listening record');
      expect(await controlsOf(auditor)).toEqual([]);
      await everyTabAtBothWidths(auditor, 'auditor');

      // The same page offers the coordinator its controls: the check above can fail.
      await signIn(coordinator, DEMO.coordinator);
      await openPartnership(coordinator, id);
      const offered = (await controlsOf(coordinator)).join('\n');
      expect(offered).toContain('Move due date');
      expect(offered).toContain('Propose termination');
      expect(errors).toEqual([]);
    } catch (error) {
      await failureShot(auditor, 'auditor');
      throw errors.length > 0 ? new Error(`${String(error)}\npage errors: ${errors.join('\n')}`) : error;
    } finally {
      await auditor.close();
      await coordinator.close();
    }
  });

  it('lets the coordinator move a task’s due date, with the reason on the record', async () => {
    const partnership = await createPartnership(cast.coordinator);
    await submitGoals(cast.coordinator, partnership.id);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    try {
      await signIn(page, DEMO.coordinator);
      // On a phone, from a fresh load (the menu folds away).
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`${inject('apiUrl')}/#/partnerships/${partnership.id}/show`);
      await openPartnership(page, partnership.id);
      const panel = await tab(page, 'Hold, members, tasks');
      const task = panel.getByRole('group', { name: /^Approve the priorities/ });
      await task.getByRole('button', { name: 'Move due date' }).click();
      const due = new Date(Date.now() + 10 * 86_400_000);
      due.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, '0');
      await task.locator('input[type="datetime-local"]').fill(`${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T${pad(due.getHours())}:${pad(due.getMinutes())}`);
      await task.getByRole('textbox', { name: 'Reason' }).fill('The sponsor is away until the board meets');
      await task.getByRole('button', { name: 'Save new due date' }).click();
      await expect.poll(() => status(page).textContent()).toMatch(/Waiting for the sponsor to approve the priorities, due in (9|10) days/);
      const moved = await eventually('the moved due date', async () => {
        const events = (await cast.coordinator.get(`/api/events?${listQuery({ partnershipId: partnership.id, type: 'TaskDueDateMoved' })}`)).body as { payload: Record<string, unknown> }[];
        return events[0];
      });
      expect(moved.payload).toMatchObject({ to: due.toISOString(), reason: 'The sponsor is away until the board meets' });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  it('lets the coordinator of an integrated partnership call the vote when agreement is not reached; a partner sees where it stands but may not call it', async () => {
    const { id } = await toRoleIdentification(cast);
    await send(cast, cast.coordinator, id, { type: 'AddOrganization', organizationId: cast.orgs.eastvale });
    await agreeRoles(cast, id, 'integrated', [cast.orgs.riverside, cast.orgs.northwind, cast.orgs.eastvale]);
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    for (const partner of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, partner, id, 'SIGN_AGREEMENT');

    const partnerPage = await browser.newPage({ viewport: { width: 390, height: 900 } });
    try {
      await signIn(partnerPage, DEMO.partnerRiverside);
      await openPartnership(partnerPage, id);
      const panel = await tab(partnerPage, 'Agreement');
      await panel.getByText(/^Seeking agreement\. Without it by .+, it falls to a majority vote\.$/).waitFor();
      await panel.getByText(`${ORGANIZATION_NAMES.eastvale}: waiting`).waitFor();
      expect(await panel.getByRole('button', { name: 'Call the vote' }).count()).toBe(0);
    } finally {
      await partnerPage.close();
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    try {
      await signIn(page, DEMO.coordinator);
      await openPartnership(page, id);
      let panel = await tab(page, 'Agreement');
      await panel.getByText(/^Seeking agreement\. Without it by .+, it falls to a majority vote\.$/).waitFor();
      for (const organization of [ORGANIZATION_NAMES.riverside, ORGANIZATION_NAMES.northwind]) await panel.getByText(`${organization}: approved`).waitFor();
      await everyTabAtBothWidths(page, 'vote', ['Agreement', 'Roles']);
      // On a phone, from a fresh load.
      await page.setViewportSize({ width: 390, height: 900 });
      await page.reload();
      panel = await tab(page, 'Agreement');
      await panel.getByRole('button', { name: 'Call the vote' }).click();
      await page.getByText('Put to the vote').waitFor();
      await eventually('MEASUREMENT', async () => ((await partnershipOf(cast, id)).stage === 'MEASUREMENT' ? true : undefined));
      await openPartnership(page, id);
      panel = await tab(page, 'Agreement');
      await panel.getByText(/Version 1, issued .* Adopted \(in force\)/).waitFor();
      expect(await panel.getByRole('button', { name: 'Call the vote' }).count()).toBe(0);
      const events = (await cast.coordinator.get(`/api/events?${listQuery({ partnershipId: id, type: 'SignoffVoteCalled' })}`)).body as { actorId: string; payload: Record<string, unknown> }[];
      expect(events).toMatchObject([{ actorId: cast.coordinator.user.id, payload: { subject: 'AGREEMENT', by: 'coordinator' } }]);
      panel = await tab(page, 'Timeline');
      await panel.getByText('Sign-off of the agreement fell to a vote (the coordinator called it)').first().waitFor();
      await panel.getByText('Sign-off of the agreement approved by vote').first().waitFor();
      expect(errors).toEqual([]);
    } catch (error) {
      await failureShot(page, 'call-the-vote');
      throw error;
    } finally {
      await page.close();
    }
  }, WALKTHROUGH_MS);
});
